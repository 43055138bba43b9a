//! Accord's web front end: the resident app and the staff console, client-side rendered with
//! Leptos. Each has its own entry point (`bin/resident.rs`, `bin/staff.rs`) so that residents
//! download none of the staff screens.

pub mod api;
pub mod components;
pub mod directory_state;
pub mod i18n;
pub mod pages;
pub mod party_app;
pub mod party_i18n;
pub mod resident_app;
pub mod router;
pub mod session;
pub mod session_i18n;
pub mod session_words;
pub mod staff_app;
pub mod staff_i18n;
pub mod volunteer_app;
pub mod when;
