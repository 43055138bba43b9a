//! Following up the agreement in effect: each term recorded performed or not, the terms in
//! default, and the check a scheduled run makes so that a case is reopened exactly once for
//! each term in default.

use crate::agreement::error::AgreementError;
use crate::agreement::stored::{
    Agreement, Performance, PerformanceRecord, ReportedDefault, TermRef,
};
use crate::fields::NoteText;
use crate::vocabulary::PartyRole;
use chrono::{DateTime, NaiveDate, Utc};

/// A term of the agreement in effect past its date and not recorded performed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultedTerm {
    pub term: TermRef,
    pub who: PartyRole,
    pub what: String,
    /// The last day to perform it.
    pub due: NaiveDate,
}

/// What a scheduled default check found, and the agreement that remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultCheck {
    /// The agreement with the newly defaulted terms kept as reported.
    pub agreement: Agreement,
    /// The terms in default not reported before, in the order of the agreement.
    pub newly_defaulted: Vec<DefaultedTerm>,
}

impl DefaultCheck {
    /// Whether the case must be reopened for default now.
    pub fn reopen(&self) -> bool {
        !self.newly_defaulted.is_empty()
    }
}

/// The terms of the version in effect whose date is before `today` (a local date: a term
/// due on a day may be performed until that day ends) and whose latest follow-up entry is
/// not `performed`, in the order of the agreement. Nothing while no version is in effect.
pub fn defaulted_terms(agreement: &Agreement, today: NaiveDate) -> Vec<DefaultedTerm> {
    let Some(version) = agreement.in_effect() else {
        return Vec::new();
    };
    version
        .draft
        .terms
        .iter()
        .enumerate()
        .map(|(index, term)| {
            let at = TermRef {
                version: version.number,
                index,
            };
            (at, term)
        })
        .filter(|(at, term)| {
            term.by < today
                && agreement
                    .performance_of(*at)
                    .is_none_or(|r| r.outcome != Performance::Performed)
        })
        .map(|(at, term)| DefaultedTerm {
            term: at,
            who: term.who,
            what: term.what.clone(),
            due: term.by,
        })
        .collect()
}

/// The defaulted terms not yet reported: neither in `already_reported` nor kept by the
/// agreement as reported. Calling it again after reporting them gives nothing, so a run
/// that reopens a case for what this returns reopens it once per default.
pub fn newly_defaulted(
    agreement: &Agreement,
    today: NaiveDate,
    already_reported: &[TermRef],
) -> Vec<DefaultedTerm> {
    defaulted_terms(agreement, today)
        .into_iter()
        .filter(|d| !already_reported.contains(&d.term) && !agreement.default_reported(d.term))
        .collect()
}

impl Agreement {
    /// Records whether term `index` of the version in effect was performed, with a note, by
    /// `by` at `now`. Entries are kept in order; the latest stands. Refused while no version
    /// is in effect, for a term the version does not have (`term`) and without a note.
    pub fn record_performance(
        &self,
        index: usize,
        outcome: Performance,
        note: &str,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<Agreement, AgreementError> {
        let version = self.in_effect().ok_or(AgreementError::NotInEffect)?;
        if index >= version.draft.terms.len() {
            return Err(AgreementError::UnknownTerm { index });
        }
        let note = NoteText::parse("note", note)?;
        let mut agreement = self.clone();
        agreement.performance.push(PerformanceRecord {
            term: TermRef {
                version: version.number,
                index,
            },
            outcome,
            note: note.as_str().to_owned(),
            by: by.to_owned(),
            at: now,
        });
        Ok(agreement)
    }

    /// The scheduled default check at `now`: the terms newly in default on the local date of
    /// `now`, kept as reported in the returned agreement so the next run does not report
    /// them again. Reopen the case when [`DefaultCheck::reopen`] says so, and save the
    /// agreement with the case in the same write.
    pub fn report_defaults(&self, now: DateTime<Utc>) -> DefaultCheck {
        let newly = newly_defaulted(self, crate::time::local_date(now), &[]);
        let mut agreement = self.clone();
        agreement
            .reported_defaults
            .extend(newly.iter().map(|d| ReportedDefault {
                term: d.term,
                at: now,
            }));
        DefaultCheck {
            agreement,
            newly_defaulted: newly,
        }
    }
}
