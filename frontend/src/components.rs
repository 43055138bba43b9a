//! Building blocks shared by the resident app and the staff console.

pub mod field;
pub mod lang_switch;
pub mod layout;
pub mod qr_code;
pub mod risk_badge;
pub mod risk_factors;
pub mod session_case;
pub mod session_form;
pub mod session_item;
pub mod session_track;
pub mod session_upcoming;
pub mod staff_fields;
pub mod stage_clock;
pub mod status_chip;
pub mod timeline;
pub mod toast;
