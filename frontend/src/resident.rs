//! The resident app's screens (`/`, `/report`, `/track`): only the resident bundle reaches them.

pub mod home_page;
pub mod report_page;
pub mod resident_app;
pub mod session_track;
pub mod track_page;
