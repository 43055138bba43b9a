//! Who may do what to the agreement now: the rules of the other files applied to a reader,
//! sent to the screens as `allowed_actions` (as sessions and documents send theirs).

use crate::agreement::error::AgreementError;
use crate::agreement::stored::Agreement;
use crate::vocabulary::PartyRole;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who is reading or acting on an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AgreementActor {
    /// A staff member; `may_mediate` is the policy's answer for changing the agreement's
    /// case (`policy::Action::ChangeCase`), decided by the caller.
    Staff { username: String, may_mediate: bool },
    /// A party, through their own link: their role and their name in the agreement.
    Party { role: PartyRole, name: String },
}

/// Something a reader can do to an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementAction {
    /// Edit the current version, which no party has confirmed yet.
    EditDraft,
    /// Replace the current version with a new one that every party confirms afresh.
    DraftNewVersion,
    /// As a party, confirm the current version with one's full name.
    Confirm,
    /// Record the judge's decision on the agreement in effect.
    RecordDecision,
    /// Record whether a term of the agreement in effect was performed.
    RecordPerformance,
}

impl AgreementAction {
    pub const ALL: [AgreementAction; 5] = [
        AgreementAction::EditDraft,
        AgreementAction::DraftNewVersion,
        AgreementAction::Confirm,
        AgreementAction::RecordDecision,
        AgreementAction::RecordPerformance,
    ];

    /// The code the API sends.
    pub fn code(self) -> &'static str {
        match self {
            AgreementAction::EditDraft => "edit_draft",
            AgreementAction::DraftNewVersion => "draft_new_version",
            AgreementAction::Confirm => "confirm",
            AgreementAction::RecordDecision => "record_decision",
            AgreementAction::RecordPerformance => "record_performance",
        }
    }
}

/// Whether `actor` may take `action` on `agreement` at `now`, or the refusal the action
/// itself would give. Staff act only with `may_mediate` and never confirm; a party only
/// confirms, and only a version they are a party of and have not confirmed yet (a repeated
/// confirmation is still answered without error, it is only not offered).
pub fn check_agreement_action(
    agreement: &Agreement,
    actor: &AgreementActor,
    action: AgreementAction,
    now: DateTime<Utc>,
) -> Result<(), AgreementError> {
    use AgreementAction as A;
    match (actor, action) {
        (AgreementActor::Party { role, name }, A::Confirm) => {
            let current = agreement.current();
            if agreement.judicially_confirmed()
                && agreement
                    .decision
                    .as_ref()
                    .is_some_and(|d| d.version != current.number)
            {
                return Err(AgreementError::JudiciallyConfirmed);
            }
            let party = current
                .party(*role, name)
                .ok_or(AgreementError::NotAParty)?;
            if current.confirmation_of(party).is_some() {
                return Err(AgreementError::AlreadyConfirmed);
            }
            Ok(())
        }
        (AgreementActor::Party { .. }, _)
        | (AgreementActor::Staff { .. }, A::Confirm)
        | (
            AgreementActor::Staff {
                may_mediate: false, ..
            },
            _,
        ) => Err(AgreementError::NotAllowed),
        (AgreementActor::Staff { .. }, A::EditDraft) => agreement.check_editable(),
        (AgreementActor::Staff { .. }, A::DraftNewVersion) => {
            if agreement.judicially_confirmed() {
                Err(AgreementError::JudiciallyConfirmed)
            } else {
                Ok(())
            }
        }
        (AgreementActor::Staff { .. }, A::RecordDecision) => {
            let effective_on = agreement
                .in_effect()
                .and_then(|v| v.effective_on())
                .ok_or(AgreementError::NotInEffect)?;
            if agreement.decision.is_some() {
                return Err(AgreementError::DecisionAlreadyRecorded);
            }
            if crate::time::local_date(now) < effective_on {
                return Err(AgreementError::RulingDateInFuture);
            }
            Ok(())
        }
        (AgreementActor::Staff { .. }, A::RecordPerformance) => agreement
            .in_effect()
            .map(|_| ())
            .ok_or(AgreementError::NotInEffect),
    }
}

/// Every action `reader` may take on `agreement` now, in the order of
/// [`AgreementAction::ALL`]: what the screens offer.
pub fn allowed_actions(
    agreement: &Agreement,
    reader: &AgreementActor,
    now: DateTime<Utc>,
) -> Vec<AgreementAction> {
    AgreementAction::ALL
        .into_iter()
        .filter(|a| check_agreement_action(agreement, reader, *a, now).is_ok())
        .collect()
}
