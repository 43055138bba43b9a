//! Accord's web front end: the resident app, the staff console (which also serves the
//! volunteer's pages) and a party's session page, client-side rendered with Leptos. Each
//! bundle has its own entry point (`bin/resident.rs`, `bin/staff.rs`, `bin/party.rs`) and
//! reaches only its own audience's folder plus `common/`, so residents download none of the
//! staff screens.

pub mod api;
pub mod common;
pub mod i18n;
pub mod party;
pub mod resident;
pub mod router;
pub mod staff;
pub mod volunteer;
