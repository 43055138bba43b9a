//! Drafting: the first version, a new version (after confirmations, or once in effect), and
//! editing a version nobody has confirmed yet.

use crate::agreement::draft::{check_draft, content_hash};
use crate::agreement::error::AgreementError;
use crate::agreement::stored::{Agreement, AgreementVersion, AGREEMENT_SCHEMA_VERSION};
use crate::documents::input::AgreementDraft;
use chrono::{DateTime, Utc};

fn version(
    number: u32,
    draft: &AgreementDraft,
    by: &str,
    now: DateTime<Utc>,
) -> Result<AgreementVersion, AgreementError> {
    let draft = check_draft(draft, crate::time::local_date(now))?;
    Ok(AgreementVersion {
        number,
        content_hash: content_hash(&draft),
        draft,
        drafted_by: by.to_owned(),
        drafted_at: now,
        confirmations: Vec::new(),
    })
}

impl Agreement {
    /// The agreement of case `case_code` with its first version, drafted by `by` at `now`.
    pub fn draft(
        case_code: &str,
        draft: &AgreementDraft,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<Agreement, AgreementError> {
        Ok(Agreement {
            schema_version: AGREEMENT_SCHEMA_VERSION,
            case_code: case_code.to_owned(),
            earlier: Vec::new(),
            current: version(1, draft, by, now)?,
            decision: None,
            performance: Vec::new(),
            reported_defaults: Vec::new(),
        })
    }

    /// A new version (the current number + 1) replacing the current one, whether or not it
    /// was confirmed or in effect: every party confirms it afresh. The earlier versions stay
    /// as they were, confirmations and all, and the one in effect stands until the new one
    /// takes effect. Refused once the court has confirmed the agreement.
    pub fn draft_new_version(
        &self,
        draft: &AgreementDraft,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<Agreement, AgreementError> {
        if self.judicially_confirmed() {
            return Err(AgreementError::JudiciallyConfirmed);
        }
        let next = version(self.current.number + 1, draft, by, now)?;
        let mut agreement = self.clone();
        let previous = std::mem::replace(&mut agreement.current, next);
        agreement.earlier.push(previous);
        Ok(agreement)
    }

    /// The current version with its text replaced, keeping its number: only while no party
    /// has confirmed it (the mediator's working text). A version in effect, or one a party
    /// has confirmed, is never edited: that is a new version.
    pub fn edit_draft(
        &self,
        draft: &AgreementDraft,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<Agreement, AgreementError> {
        self.check_editable()?;
        let mut agreement = self.clone();
        agreement.current = version(self.current.number, draft, by, now)?;
        Ok(agreement)
    }

    /// Whether the current version may still be edited (see [`Agreement::edit_draft`]).
    pub fn check_editable(&self) -> Result<(), AgreementError> {
        let number = self.current.number;
        if self.judicially_confirmed() {
            return Err(AgreementError::JudiciallyConfirmed);
        }
        if self.current.is_in_effect() {
            return Err(AgreementError::VersionInEffect { number });
        }
        if !self.current.confirmations.is_empty() {
            return Err(AgreementError::VersionConfirmed { number });
        }
        Ok(())
    }
}
