//! What a document is made from: the case, the directory it lives in, and what only some
//! kinds need (a held session, the agreement, the parties' confirmations), gathered by the
//! caller; and what each kind requires of them, checked before a number is claimed.

use crate::case::{Case, EventKind};
use crate::directory::{Community, Directory, Name, Street};
use crate::documents::document::{DocumentError, Missing};
use crate::documents::kind::DocumentKind;
use crate::documents::number::DocumentNumber;
use crate::scheduling::session::{Session, SessionStatus};
use crate::staff::Person;
use crate::vocabulary::{CaseKind, Party, PartyRole};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One thing a party undertakes in an agreement: who does what by when, and how much (in fen,
/// so amounts are exact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub who: PartyRole,
    pub what: String,
    pub by: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<u64>,
}

/// The mediator's draft of an agreement: the parties as they sign (copied from the case when
/// drafted, so the agreement does not change with the case), the facts, and the terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementDraft {
    pub parties: Vec<Party>,
    pub facts: String,
    pub terms: Vec<Term>,
}

/// A party's confirmation of the agreement with their typed full name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    pub role: PartyRole,
    pub name: String,
    pub at: DateTime<Utc>,
}

/// Everything the seven templates read. Only `case`, `directory`, `issued_on` and `seq` are
/// needed by every kind; the rest is `None` or empty when the case has none.
#[derive(Debug, Clone, Copy)]
pub struct DocumentInput<'a> {
    pub case: &'a Case,
    pub directory: &'a Directory,
    /// Staff accounts whose display names the documents print (handlers, session staff,
    /// visitors); an account not found prints as its username.
    pub people: &'a [Person],
    /// The held session a mediation record is made from.
    pub session: Option<&'a Session>,
    pub agreement: Option<&'a AgreementDraft>,
    /// The issued agreement's number, which the judicial-confirmation application cites.
    pub agreement_number: Option<&'a DocumentNumber>,
    pub confirmations: &'a [Confirmation],
    /// The local date of issue: the year of the number and the date printed.
    pub issued_on: NaiveDate,
    /// The sequence storage handed out for this kind, street and year (1 or more). Not read by
    /// `check` or `available_documents`: the number is claimed only once they pass.
    pub seq: u32,
}

/// The days the law gives the parties to apply for judicial confirmation, from the day the
/// agreement takes effect (人民调解法 第三十三条).
pub const JUDICIAL_CONFIRMATION_DAYS: u64 = 30;

/// Where the case sits: its community and street, and the names printed from them.
pub(crate) struct Site<'a> {
    pub community: &'a Community,
    pub street: &'a Street,
}

impl<'a> DocumentInput<'a> {
    pub(crate) fn site(&self) -> Result<Site<'a>, DocumentError> {
        let community = self
            .directory
            .community(&self.case.community)
            .ok_or(DocumentError::UnknownCommunity)?;
        let street = self
            .directory
            .street_of(community)
            .ok_or(DocumentError::UnknownCommunity)?;
        Ok(Site { community, street })
    }

    /// The name a staff member is printed under.
    pub(crate) fn person_name(&self, username: &str) -> String {
        self.people
            .iter()
            .find(|p| p.username == username)
            .map_or_else(|| username.to_owned(), |p| p.display_name.clone())
    }

    /// The lead handler's printed name, if the case has handlers.
    pub(crate) fn lead_handler(&self) -> Option<String> {
        self.case
            .handlers
            .iter()
            .find(|h| h.lead)
            .map(|h| self.person_name(&h.username))
    }

    pub(crate) fn category_name(&self) -> Name {
        self.directory.category(&self.case.category).map_or_else(
            || Name::new(&self.case.category, &self.case.category),
            |c| c.name.clone(),
        )
    }

    /// When the case was accepted (the first acceptance on its timeline).
    pub(crate) fn accepted_at(&self) -> Option<DateTime<Utc>> {
        self.case
            .timeline
            .iter()
            .find(|e| e.kind() == EventKind::Accepted)
            .map(|e| e.at)
    }

    /// The held session with its record, or what is missing.
    pub(crate) fn held_session(
        &self,
    ) -> Result<(&'a Session, &'a crate::scheduling::session::SessionRecord), DocumentError> {
        let session = self
            .session
            .filter(|s| s.status == SessionStatus::Held)
            .ok_or(DocumentError::Missing(Missing::HeldSession))?;
        if session.case_code != self.case.code.to_string() {
            return Err(DocumentError::SessionOfAnotherCase);
        }
        let record = session
            .record
            .as_ref()
            .ok_or(DocumentError::Missing(Missing::SessionRecord))?;
        Ok((session, record))
    }

    /// The agreement, complete enough to print: facts, terms, a party on each side, and
    /// every term undertaken by one of its parties.
    pub(crate) fn agreement(&self) -> Result<&'a AgreementDraft, DocumentError> {
        let agreement = self
            .agreement
            .ok_or(DocumentError::Missing(Missing::Agreement))?;
        let has = |role| agreement.parties.iter().any(|p| p.role == role);
        if !has(PartyRole::Applicant) {
            return Err(DocumentError::Missing(Missing::Applicant));
        }
        if !has(PartyRole::Respondent) {
            return Err(DocumentError::Missing(Missing::Respondent));
        }
        if agreement.facts.trim().is_empty() {
            return Err(DocumentError::Missing(Missing::AgreementFacts));
        }
        if agreement.terms.is_empty() {
            return Err(DocumentError::Missing(Missing::AgreementTerms));
        }
        if agreement
            .terms
            .iter()
            .any(|t| t.what.trim().is_empty() || !has(t.who))
        {
            return Err(DocumentError::IncompleteTerm);
        }
        Ok(agreement)
    }

    /// The moment the agreement took effect: the last party's confirmation, once every
    /// party of the agreement has confirmed with the name they sign under.
    pub(crate) fn agreement_in_effect(
        &self,
        agreement: &AgreementDraft,
    ) -> Result<DateTime<Utc>, DocumentError> {
        let mut last = None;
        for party in &agreement.parties {
            let confirmed = self
                .confirmations
                .iter()
                .find(|c| c.role == party.role && c.name.trim() == party.name.as_str())
                .ok_or_else(|| {
                    DocumentError::Missing(Missing::Confirmation {
                        role: party.role,
                        name: party.name.as_str().to_owned(),
                    })
                })?;
            last = last.max(Some(confirmed.at));
        }
        last.ok_or(DocumentError::Missing(Missing::Agreement))
    }
}

/// What `kind` needs of the case, or the first thing it lacks. `render` refuses exactly when
/// this does (apart from a sequence of 0), so a caller checks before claiming a number and
/// no number is claimed for a document that cannot be made.
pub fn check(kind: DocumentKind, input: &DocumentInput<'_>) -> Result<(), DocumentError> {
    let case = input.case;
    if case.personal_data_erased {
        return Err(DocumentError::PersonalDataErased);
    }
    input.site()?;
    if kind.disputes_only() && case.kind != CaseKind::Dispute {
        return Err(DocumentError::NotForThisKindOfCase {
            document: kind,
            case_kind: case.kind,
        });
    }
    match kind {
        DocumentKind::MediationApplication => {
            case.applicant()
                .ok_or(DocumentError::Missing(Missing::Applicant))?;
        }
        DocumentKind::AcceptanceNotice => {
            input
                .accepted_at()
                .ok_or(DocumentError::Missing(Missing::Acceptance))?;
        }
        DocumentKind::MediationRecord => {
            input.held_session()?;
        }
        DocumentKind::MediationAgreement => {
            input.agreement()?;
        }
        DocumentKind::JudicialConfirmationApplication => {
            let agreement = input.agreement()?;
            let effective = crate::time::local_date(input.agreement_in_effect(agreement)?);
            input
                .agreement_number
                .ok_or(DocumentError::Missing(Missing::AgreementNumber))?;
            let last_day = effective
                .checked_add_days(chrono::Days::new(JUDICIAL_CONFIRMATION_DAYS))
                .unwrap_or(NaiveDate::MAX);
            if input.issued_on > last_day {
                return Err(DocumentError::ConfirmationPeriodOver { last_day });
            }
        }
        DocumentKind::ReferralLetter => {
            case.referral
                .as_ref()
                .ok_or(DocumentError::Missing(Missing::Referral))?;
        }
        DocumentKind::ReturnVisitRecord => {
            if !case
                .timeline
                .iter()
                .any(|e| e.kind() == EventKind::VisitRecorded)
            {
                return Err(DocumentError::Missing(Missing::ReturnVisit));
            }
        }
    }
    Ok(())
}

/// The kinds that can be generated for the case now, in the order of `DocumentKind::ALL`:
/// what the server sends so a screen offers only these.
pub fn available_documents(input: &DocumentInput<'_>) -> Vec<DocumentKind> {
    DocumentKind::ALL
        .into_iter()
        .filter(|kind| check(*kind, input).is_ok())
        .collect()
}
