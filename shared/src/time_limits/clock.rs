//! The stage clock both residents and staff see, read from the time limits at a moment, and
//! the escalation ladder of overdue cases (community → street → district).

use crate::time_limits::table::{Stage, StageHours};
use crate::vocabulary::CaseStatus;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Where an overdue case has been escalated to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationLevel {
    None,
    Community,
    Street,
    District,
}

/// The clock of the current stage, the same for residents and staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageClock {
    pub stage: Stage,
    pub started_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    /// Whole seconds left (negative when overdue) at the moment the clock was read.
    pub seconds_left: i64,
    pub overdue: bool,
}

pub fn stage_clock(
    status: CaseStatus,
    stage_started_at: DateTime<Utc>,
    hours: StageHours,
    now: DateTime<Utc>,
) -> Option<StageClock> {
    let stage = Stage::of(status)?;
    let due_at = stage_started_at + Duration::hours(i64::from(hours.for_stage(stage)));
    let seconds_left = (due_at - now).num_seconds();
    Some(StageClock {
        stage,
        started_at: stage_started_at,
        due_at,
        seconds_left,
        overdue: now > due_at,
    })
}

/// Where a case should stand: on time → none; overdue → the community; overdue by another
/// whole stage limit → the street; by two more → the district.
pub fn escalation_due(clock: &StageClock) -> EscalationLevel {
    if !clock.overdue {
        return EscalationLevel::None;
    }
    let limit = (clock.due_at - clock.started_at).num_seconds().max(1);
    let late = -clock.seconds_left;
    if late >= 2 * limit {
        EscalationLevel::District
    } else if late >= limit {
        EscalationLevel::Street
    } else {
        EscalationLevel::Community
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::RiskLevel;
    use crate::time_limits::table::{StageHours, TimeLimits};
    use crate::vocabulary::CaseKind;
    use chrono::TimeZone;

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()
    }

    #[test]
    fn the_clock_runs_from_the_start_of_the_stage() {
        let hours = TimeLimits::defaults().hours(CaseKind::Dispute, "neighbours", RiskLevel::Low);
        let clock = stage_clock(
            CaseStatus::Reported,
            start(),
            hours,
            start() + Duration::hours(70),
        )
        .unwrap();
        assert_eq!(clock.stage, Stage::Triage);
        assert_eq!(clock.seconds_left, 2 * 3600);
        assert!(!clock.overdue);
        assert!(stage_clock(CaseStatus::Closed, start(), hours, start()).is_none());
    }

    #[test]
    fn escalation_climbs_with_lateness() {
        let hours = StageHours {
            triage: 10,
            dispatch: 10,
            handling: 10,
            follow_up: 10,
        };
        let at = |h: i64| {
            let clock = stage_clock(
                CaseStatus::Reported,
                start(),
                hours,
                start() + Duration::hours(h),
            )
            .unwrap();
            escalation_due(&clock)
        };
        assert_eq!(at(10), EscalationLevel::None);
        assert_eq!(at(11), EscalationLevel::Community);
        assert_eq!(at(20), EscalationLevel::Street);
        assert_eq!(at(30), EscalationLevel::District);
        assert_eq!(at(300), EscalationLevel::District);
    }
}
