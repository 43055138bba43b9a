//! The administrator's screens: accounts, the street directory, the audit log and the
//! Open311 clients.

pub mod audit_page;
pub mod directory_page;
pub mod import_page;
pub mod open311_page;
pub mod scope_fields;
pub mod users_page;
