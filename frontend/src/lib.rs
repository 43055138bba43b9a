//! Accord's web front end: the resident app, the staff console (which also serves the
//! volunteer's pages), a party's session page and the public figures page, client-side rendered with Leptos. Each
//! bundle has its own entry point (`bin/resident.rs`, `bin/staff.rs`, `bin/party.rs`, `bin/figures.rs`) and
//! reaches only its own audience's folder plus `common/`, so residents download none of the
//! staff screens.

pub mod api;
pub mod common;
pub mod i18n;
pub mod party;
pub mod public;
pub mod resident;
pub mod router;
pub mod staff;
pub mod volunteer;
