//! The resident's screens: the home page (`/`, the resident bundle), the filing (`/report`,
//! the report bundle) and the tracking (`/track`, the track bundle). Only those three bundles
//! reach them.

pub mod home_page;
pub mod kept_filing;
pub mod missing_page;
pub mod prefetch;
pub mod remembered;
pub mod report_app;
pub mod report_page;
pub mod resident_app;
pub mod session_track;
pub mod track_app;
pub mod track_page;
pub mod waiting_filings;
