//! Mediation sessions, in two halves: `calendar` (places, working hours, conflict-free
//! booking: reference data and rules about time) and `session` (a session's life from
//! proposal to held, no-show or cancelled, and what a party sees). Both are re-exported
//! here, so `accord_shared::scheduling::X` names every item.

pub mod calendar;
pub mod feed;
pub mod rules;
pub mod session;

pub use self::calendar::*;
pub use self::feed::*;
pub use self::rules::*;
pub use self::session::*;
