//! A party's session page (`/s#<token>`): only the party bundle reaches it.

pub mod party_app;
pub mod party_i18n;
pub mod session_party_page;
