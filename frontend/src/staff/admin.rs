//! The administrator's screens: accounts, the street directory and the audit log.

pub mod audit_page;
pub mod directory_page;
pub mod import_page;
pub mod scope_fields;
pub mod users_page;
