//! Building blocks shared by the resident app and the staff console.

pub mod field;
pub mod lang_switch;
pub mod layout;
pub mod status_chip;
pub mod timeline;
pub mod toast;
