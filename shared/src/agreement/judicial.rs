//! Judicial confirmation: the days the parties have to apply to the court from the day the
//! agreement takes effect, and the judge's decision, recorded once.

use crate::agreement::error::AgreementError;
use crate::agreement::stored::{Agreement, JudicialDecision, JudicialOutcome};
use crate::documents::input::JUDICIAL_CONFIRMATION_DAYS;
use crate::fields::{FieldError, FieldProblem};
use chrono::{DateTime, Days, NaiveDate, Utc};

/// The longest ruling number kept.
pub const RULING_NUMBER_MAX_CHARS: usize = 60;

/// Where the parties stand in the period for applying for judicial confirmation on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JudicialClock {
    /// The local (Asia/Shanghai) date of the last confirmation.
    pub effective_on: NaiveDate,
    /// The last day to apply: `effective_on` + [`JUDICIAL_CONFIRMATION_DAYS`] (the day of
    /// effect itself not counted, as the documents' check counts it).
    pub last_day: NaiveDate,
    /// Whole days from the given day to the last day: 30 on the day of effect, 0 on the last
    /// day (still open) and after it.
    pub days_left: u64,
    /// Whether the parties can still apply on the given day (it is not after the last day).
    pub open: bool,
}

/// The judicial-confirmation clock of the version in effect on `today` (a local date), or
/// `None` while no version is in effect.
pub fn judicial_clock(agreement: &Agreement, today: NaiveDate) -> Option<JudicialClock> {
    let effective_on = agreement.in_effect()?.effective_on()?;
    let last_day = effective_on
        .checked_add_days(Days::new(JUDICIAL_CONFIRMATION_DAYS))
        .unwrap_or(NaiveDate::MAX);
    let days_left = u64::try_from((last_day - today).num_days()).unwrap_or(0);
    Some(JudicialClock {
        effective_on,
        last_day,
        days_left,
        open: today <= last_day,
    })
}

fn ruling_number(raw: &str) -> Result<String, FieldError> {
    const FIELD: &str = "ruling_number";
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldError::new(FIELD, FieldProblem::Required));
    }
    if text.chars().any(char::is_control) {
        return Err(FieldError::new(FIELD, FieldProblem::ControlCharacters));
    }
    if text.chars().count() > RULING_NUMBER_MAX_CHARS {
        return Err(FieldError::new(
            FIELD,
            FieldProblem::TooLong {
                max: RULING_NUMBER_MAX_CHARS,
            },
        ));
    }
    Ok(text.to_owned())
}

impl Agreement {
    /// Records the judge's decision on the version in effect, once: refused while no version
    /// is in effect, when a decision is already recorded, for a ruling number that is empty
    /// or longer than [`RULING_NUMBER_MAX_CHARS`], and for a ruling dated after today (the
    /// local date of `now`) or before the version took effect.
    pub fn record_decision(
        &self,
        outcome: JudicialOutcome,
        ruling_number_raw: &str,
        ruling_date: NaiveDate,
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<Agreement, AgreementError> {
        let version = self.in_effect().ok_or(AgreementError::NotInEffect)?;
        if self.decision.is_some() {
            return Err(AgreementError::DecisionAlreadyRecorded);
        }
        let number = ruling_number(ruling_number_raw)?;
        if ruling_date > crate::time::local_date(now) {
            return Err(AgreementError::RulingDateInFuture);
        }
        let effective_on = version.effective_on().ok_or(AgreementError::NotInEffect)?;
        if ruling_date < effective_on {
            return Err(AgreementError::RulingBeforeEffect { effective_on });
        }
        let decision = JudicialDecision {
            version: version.number,
            outcome,
            ruling_number: number,
            ruling_date,
            recorded_by: by.to_owned(),
            recorded_at: now,
        };
        Ok(Agreement {
            decision: Some(decision),
            ..self.clone()
        })
    }
}
