//! A party's session page (`/s#<token>`): only the party bundle reaches it.

pub mod party_agreement;
pub mod party_app;
pub mod session_party_page;
