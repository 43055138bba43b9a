//! The staff console's screens (`/staff`), administration included: only the staff bundle
//! reaches them.

pub mod admin;
pub mod agenda_page;
pub mod case_detail_page;
pub mod case_sessions;
pub mod district_scope;
pub mod figure_cases_page;
pub mod figure_definitions_page;
pub mod figure_links;
pub mod figures_page;
pub mod figures_report_page;
pub mod intake_page;
pub mod login_page;
pub mod not_found_page;
pub mod password_page;
pub mod qr_code;
pub mod queue_page;
pub mod queue_table;
pub mod risk_badge;
pub mod risk_factors;
pub mod session_form;
pub mod session_hours_page;
pub mod session_upcoming;
pub mod sign_in;
pub mod staff_app;
pub mod volunteers_page;
