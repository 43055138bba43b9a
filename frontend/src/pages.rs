//! The screens. Resident screens are reached from `ResidentApp`, staff screens only from
//! `StaffApp`, so neither bundle carries the other's pages.

pub mod admin;
pub mod agenda_page;
pub mod case_detail_page;
pub mod home_page;
pub mod intake_page;
pub mod login_page;
pub mod password_page;
pub mod queue_page;
pub mod report_page;
pub mod session_hours_page;
pub mod session_party_page;
pub mod track_page;
pub mod volunteer_intake;
pub mod volunteer_visits;
pub mod volunteers_page;
