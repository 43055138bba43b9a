//! The volunteer's pages (`/v`), served from the staff bundle.

pub mod volunteer_app;
pub mod volunteer_intake;
pub mod volunteer_link;
pub mod volunteer_visits;
pub mod workbench;
