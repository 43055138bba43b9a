//! A party's confirmation of the current version with their typed full name.

use crate::agreement::error::AgreementError;
use crate::agreement::name::normalise_name;
use crate::agreement::stored::{Agreement, PartyConfirmation};
use crate::documents::input::Confirmation;
use crate::fields::{FieldError, FieldProblem};
use crate::vocabulary::PartyRole;
use chrono::{DateTime, Utc};

/// A party confirming, through their link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfirmRequest<'a> {
    /// Who the link is for: the party's role and their name in the agreement.
    pub role: PartyRole,
    pub party_name: &'a str,
    /// The full name the party typed.
    pub typed_name: &'a str,
    /// The content hash of the version the party read.
    pub content_hash: &'a str,
    /// The party link the confirmation came through.
    pub link_id: &'a str,
}

/// The agreement after a confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    pub agreement: Agreement,
    /// False when the party had already confirmed this version: nothing was recorded again.
    pub recorded: bool,
    /// True when this confirmation was the last one missing, so the version took effect now.
    pub took_effect: bool,
}

impl Agreement {
    /// Records the party's confirmation of the current version at `now`, or says why not,
    /// in this order: the text read is not the current version (`stale_version`); the link's
    /// party is not in it (`not_a_party`); the typed name is empty (`name` required) or is
    /// not the party's name after trimming and whitespace normalisation (`name` mismatch).
    /// Confirming again is no error and records nothing (`recorded` false).
    pub fn confirm(
        &self,
        request: &ConfirmRequest<'_>,
        now: DateTime<Utc>,
    ) -> Result<Confirmed, AgreementError> {
        let current = &self.current;
        // The court confirmed an earlier version: a version drafted before that is moot.
        if self.judicially_confirmed()
            && self
                .decision
                .as_ref()
                .is_some_and(|d| d.version != current.number)
        {
            return Err(AgreementError::JudiciallyConfirmed);
        }
        if request.content_hash != current.content_hash {
            return Err(AgreementError::StaleVersion {
                current: current.number,
            });
        }
        let party = current
            .party(request.role, request.party_name)
            .ok_or(AgreementError::NotAParty)?;
        let typed = normalise_name(request.typed_name);
        if typed.is_empty() {
            return Err(FieldError::new("name", FieldProblem::Required).into());
        }
        if typed != normalise_name(party.name.as_str()) {
            return Err(FieldError::new("name", FieldProblem::Mismatch).into());
        }
        if current.confirmation_of(party).is_some() {
            return Ok(Confirmed {
                agreement: self.clone(),
                recorded: false,
                took_effect: false,
            });
        }
        let record = PartyConfirmation {
            confirmation: Confirmation {
                role: party.role,
                name: party.name.as_str().to_owned(),
                at: now,
            },
            link_id: request.link_id.to_owned(),
            content_hash: current.content_hash.clone(),
        };
        let mut agreement = self.clone();
        agreement.current.confirmations.push(record);
        let took_effect = agreement.current.is_in_effect();
        Ok(Confirmed {
            agreement,
            recorded: true,
            took_effect,
        })
    }
}
