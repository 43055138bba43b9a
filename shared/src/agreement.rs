//! The mediation agreement's life: versions drafted by the mediator, each confirmed by every
//! party with their typed full name; the version in effect, which no one edits any more; the
//! thirty days for judicial confirmation and the judge's decision; and the follow-up of each
//! term, which reopens a case once for each term not performed by its date.
//!
//! Everything here is a pure function of the stored [`Agreement`] and what the caller passes
//! in (the clock, who acts, the party link's id). From the bottom up: `error.rs` (the one
//! [`AgreementError`]), `name.rs` (how a typed name is compared), `draft.rs` (what a valid draft is, and its content hash), `stored.rs`
//! (the stored agreement and what it says of itself), `versions.rs` (drafting, editing and
//! new versions), `confirm.rs` (a party's confirmation), `judicial.rs` (the confirmation
//! period and the judge's decision), `performance.rs` (performance and default), `actions.rs`
//! (who may do what now).

pub mod actions;
pub mod confirm;
pub mod draft;
pub mod error;
pub mod judicial;
pub mod name;
pub mod performance;
pub mod stored;
#[cfg(test)]
mod tests;
pub mod versions;

pub use self::actions::{allowed_actions, check_agreement_action, AgreementAction, AgreementActor};
pub use self::confirm::{ConfirmRequest, Confirmed};
pub use self::draft::{canonical_text, check_draft, content_hash, MAX_TERMS};
pub use self::error::AgreementError;
pub use self::judicial::{judicial_clock, JudicialClock, RULING_NUMBER_MAX_CHARS};
pub use self::name::normalise_name;
pub use self::performance::{defaulted_terms, newly_defaulted, DefaultCheck, DefaultedTerm};
pub use self::stored::{
    Agreement, AgreementVersion, JudicialDecision, JudicialOutcome, PartyConfirmation, Performance,
    PerformanceRecord, ReportedDefault, TermRef, AGREEMENT_SCHEMA_VERSION,
};
