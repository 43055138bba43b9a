//! The API contract: every request and response body that crosses the network.
//!
//! Change these as you would change a public API; `api/openapi.json` describes them. Requests
//! live in `requests`, views and errors in `views`; both are re-exported here, so
//! `accord_shared::wire::X` names every one of them.

pub mod agreement;
pub mod case_file;
pub mod documents;
pub mod figure_cases;
pub mod figures;
pub mod push;
pub mod requests;
pub mod views;

pub use self::agreement::*;
pub use self::case_file::*;
pub use self::documents::*;
pub use self::figure_cases::*;
pub use self::figures::*;
pub use self::push::*;
pub use self::requests::*;
pub use self::views::*;
