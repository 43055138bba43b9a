//! Why the agreement refused something: one error for every rule of its life, with the code
//! the API sends and, where a field is at fault, the field's name.

use crate::fields::FieldError;
use crate::vocabulary::PartyRole;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgreementError {
    /// A field of the request or of the draft (`facts`, `parties`, `terms`, `name`, `note`,
    /// `ruling_number`…) was rejected; a typed name that is not the party's is `name` with
    /// the problem `mismatch`.
    #[error("{0}")]
    Field(FieldError),
    /// A field of the term at `index` (0-based, in the draft's order) was rejected.
    #[error("term {}: {error}", index + 1)]
    Term { index: usize, error: FieldError },
    /// The term at `index` is undertaken by a role that has no party in the draft.
    #[error("term {}: no {who:?} is a party of the agreement", index + 1)]
    TermPartyNotInAgreement { index: usize, who: PartyRole },
    /// The term at `index` falls due before the day the version is drafted.
    #[error("term {}: due before the draft's date {drafted_on}", index + 1)]
    TermDueBeforeDrafting { index: usize, drafted_on: NaiveDate },
    #[error("an agreement has at most {max} terms")]
    TooManyTerms { max: usize },
    /// The draft has no party of this role (an agreement binds both sides).
    #[error("the agreement has no {0:?}")]
    MissingParty(PartyRole),
    /// The same party (role and name) is listed twice.
    #[error("a party is listed twice in the agreement")]
    DuplicateParty,
    /// The reader is not a party of the agreement's current version.
    #[error("not a party of this version of the agreement")]
    NotAParty,
    /// The party has already confirmed the current version (confirming is then not offered;
    /// a repeated confirmation is answered without error).
    #[error("already confirmed this version")]
    AlreadyConfirmed,
    /// The confirmation is for a text that is no longer the current version.
    #[error("this is not the current version of the agreement (version {current} is)")]
    StaleVersion { current: u32 },
    /// The version is in effect: it is not edited any more; a change is a new version.
    #[error("version {number} is in effect and cannot be edited; draft a new version")]
    VersionInEffect { number: u32 },
    /// A party has confirmed the version, so it is not edited any more; a change is a new
    /// version.
    #[error("version {number} has been confirmed by a party; draft a new version")]
    VersionConfirmed { number: u32 },
    /// No version of the agreement is in effect yet.
    #[error("no version of the agreement is in effect")]
    NotInEffect,
    #[error("the judge's decision has already been recorded")]
    DecisionAlreadyRecorded,
    /// The court confirmed the agreement; it is not changed any more.
    #[error("the agreement has been judicially confirmed and cannot be changed")]
    JudiciallyConfirmed,
    #[error("the ruling is dated after today")]
    RulingDateInFuture,
    #[error("the ruling is dated before the agreement took effect on {effective_on}")]
    RulingBeforeEffect { effective_on: NaiveDate },
    /// The agreement in effect has no term at this index.
    #[error("the agreement in effect has no term {}", index + 1)]
    UnknownTerm { index: usize },
    /// The reader may not take this action (staff without the right, or a party acting for
    /// staff).
    #[error("this action is not allowed to this reader")]
    NotAllowed,
}

impl AgreementError {
    /// The code the API sends (the screens word it).
    pub fn code(&self) -> &'static str {
        match self {
            AgreementError::Field(_) => "invalid_field",
            AgreementError::Term { .. } => "invalid_term",
            AgreementError::TermPartyNotInAgreement { .. } => "term_party_not_in_agreement",
            AgreementError::TermDueBeforeDrafting { .. } => "term_due_before_drafting",
            AgreementError::TooManyTerms { .. } => "too_many_terms",
            AgreementError::MissingParty(_) => "agreement_missing_party",
            AgreementError::DuplicateParty => "duplicate_party",
            AgreementError::NotAParty => "not_a_party",
            AgreementError::AlreadyConfirmed => "already_confirmed",
            AgreementError::StaleVersion { .. } => "stale_version",
            AgreementError::VersionInEffect { .. } => "version_in_effect",
            AgreementError::VersionConfirmed { .. } => "version_confirmed",
            AgreementError::NotInEffect => "agreement_not_in_effect",
            AgreementError::DecisionAlreadyRecorded => "decision_already_recorded",
            AgreementError::JudiciallyConfirmed => "judicially_confirmed",
            AgreementError::RulingDateInFuture => "ruling_date_in_future",
            AgreementError::RulingBeforeEffect { .. } => "ruling_before_effect",
            AgreementError::UnknownTerm { .. } => "unknown_term",
            AgreementError::NotAllowed => "agreement_action_not_allowed",
        }
    }

    /// The field at fault, when one is: the form's field, or the field of a term (`who`,
    /// `what`, `by`, `amount_fen`) for the term errors, whose index says which term.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AgreementError::Field(error) | AgreementError::Term { error, .. } => Some(error.field),
            AgreementError::TermPartyNotInAgreement { .. } => Some("who"),
            AgreementError::TermDueBeforeDrafting { .. } => Some("by"),
            AgreementError::TooManyTerms { .. } => Some("terms"),
            AgreementError::MissingParty(_) | AgreementError::DuplicateParty => Some("parties"),
            AgreementError::RulingDateInFuture | AgreementError::RulingBeforeEffect { .. } => {
                Some("ruling_date")
            }
            AgreementError::UnknownTerm { .. } => Some("term"),
            AgreementError::NotAParty
            | AgreementError::AlreadyConfirmed
            | AgreementError::StaleVersion { .. }
            | AgreementError::VersionInEffect { .. }
            | AgreementError::VersionConfirmed { .. }
            | AgreementError::NotInEffect
            | AgreementError::DecisionAlreadyRecorded
            | AgreementError::JudiciallyConfirmed
            | AgreementError::NotAllowed => None,
        }
    }

    /// The term a term error is about (0-based).
    pub fn term_index(&self) -> Option<usize> {
        match self {
            AgreementError::Term { index, .. }
            | AgreementError::TermPartyNotInAgreement { index, .. }
            | AgreementError::TermDueBeforeDrafting { index, .. }
            | AgreementError::UnknownTerm { index } => Some(*index),
            _ => None,
        }
    }
}

impl From<FieldError> for AgreementError {
    fn from(e: FieldError) -> Self {
        AgreementError::Field(e)
    }
}
