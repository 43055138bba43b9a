//! The resident's screens: the home page and the filing (`/`, `/report`, the resident bundle)
//! and the tracking (`/track`, the track bundle). Only those two bundles reach them.

pub mod home_page;
pub mod kept_filing;
pub mod missing_page;
pub mod prefetch;
pub mod remembered;
pub mod report_page;
pub mod resident_app;
pub mod session_track;
pub mod track_app;
pub mod track_page;
