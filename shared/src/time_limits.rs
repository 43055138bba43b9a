//! Time limits: a deadline for each stage of the loop from category × risk (`table`, reference
//! data), and the stage clock both residents and staff see with the escalation of overdue
//! cases, community → street → district (`clock`). Both are re-exported here, so
//! `accord_shared::time_limits::X` names every item.

pub mod clock;
pub mod table;

pub use self::clock::*;
pub use self::table::*;
