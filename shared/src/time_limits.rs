//! Time limits: a deadline for each stage of the loop from category × risk, the stage clock
//! both residents and staff see, and escalation of overdue cases (community → street →
//! district).

use crate::risk::RiskLevel;
use crate::vocabulary::{CaseKind, CaseStatus};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The stages that carry a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Reported: waiting to be accepted or rejected.
    Triage,
    /// Accepted or assigned: waiting for handling to start, or failed and waiting for referral.
    Dispatch,
    /// In progress.
    Handling,
    /// Resolved or referred: the return visit and the resident's confirmation.
    FollowUp,
}

impl Stage {
    pub fn of(status: CaseStatus) -> Option<Stage> {
        match status {
            CaseStatus::Reported => Some(Stage::Triage),
            CaseStatus::Accepted | CaseStatus::Assigned | CaseStatus::MediationFailed => {
                Some(Stage::Dispatch)
            }
            CaseStatus::InProgress => Some(Stage::Handling),
            CaseStatus::Resolved | CaseStatus::Referred | CaseStatus::FollowUp => {
                Some(Stage::FollowUp)
            }
            CaseStatus::Closed | CaseStatus::Rejected => None,
        }
    }
}

/// Hours allowed for each stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageHours {
    pub triage: u32,
    pub dispatch: u32,
    pub handling: u32,
    pub follow_up: u32,
}

impl StageHours {
    pub fn for_stage(&self, stage: Stage) -> u32 {
        match stage {
            Stage::Triage => self.triage,
            Stage::Dispatch => self.dispatch,
            Stage::Handling => self.handling,
            Stage::FollowUp => self.follow_up,
        }
    }
}

/// One row of the table. A row naming a category wins over the row for its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeLimitRule {
    pub kind: CaseKind,
    pub category: Option<String>,
    pub risk: RiskLevel,
    pub hours: StageHours,
}

/// The street's table of time limits, kept in the directory and changed by an admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeLimits {
    pub rules: Vec<TimeLimitRule>,
}

/// Used when no row matches (an admin removed it): the strictest sensible default.
const FALLBACK: StageHours = StageHours {
    triage: 24,
    dispatch: 24,
    handling: 240,
    follow_up: 168,
};

impl TimeLimits {
    /// Defaults: higher risk, shorter limits; hazards are made safe faster than disputes are
    /// mediated.
    pub fn defaults() -> TimeLimits {
        let dispute =
            |risk, triage, dispatch, handling_days: u32, follow_up_days: u32| TimeLimitRule {
                kind: CaseKind::Dispute,
                category: None,
                risk,
                hours: StageHours {
                    triage,
                    dispatch,
                    handling: handling_days * 24,
                    follow_up: follow_up_days * 24,
                },
            };
        let hazard =
            |risk, triage, dispatch, handling_days: u32, follow_up_days: u32| TimeLimitRule {
                kind: CaseKind::Hazard,
                ..dispute(risk, triage, dispatch, handling_days, follow_up_days)
            };
        TimeLimits {
            rules: vec![
                dispute(RiskLevel::Low, 72, 72, 30, 14),
                dispute(RiskLevel::Medium, 48, 48, 20, 10),
                dispute(RiskLevel::High, 24, 24, 10, 7),
                dispute(RiskLevel::Critical, 4, 12, 3, 3),
                hazard(RiskLevel::Low, 48, 48, 15, 7),
                hazard(RiskLevel::Medium, 24, 24, 7, 7),
                hazard(RiskLevel::High, 8, 12, 3, 3),
                hazard(RiskLevel::Critical, 2, 4, 1, 2),
                // A blocked fire escape is dangerous whatever triage makes of it.
                TimeLimitRule {
                    kind: CaseKind::Hazard,
                    category: Some("fire_escape".into()),
                    risk: RiskLevel::Low,
                    hours: StageHours {
                        triage: 8,
                        dispatch: 12,
                        handling: 72,
                        follow_up: 72,
                    },
                },
            ],
        }
    }

    pub fn hours(&self, kind: CaseKind, category: &str, risk: RiskLevel) -> StageHours {
        let by_category = self
            .rules
            .iter()
            .find(|r| r.kind == kind && r.risk == risk && r.category.as_deref() == Some(category));
        let by_kind = || {
            self.rules
                .iter()
                .find(|r| r.kind == kind && r.risk == risk && r.category.is_none())
        };
        by_category
            .or_else(by_kind)
            .map(|r| r.hours)
            .unwrap_or(FALLBACK)
    }
}

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
    use chrono::TimeZone;

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()
    }

    #[test]
    fn a_category_row_wins_over_its_kind_row() {
        let limits = TimeLimits::defaults();
        assert_eq!(
            limits
                .hours(CaseKind::Hazard, "fire_escape", RiskLevel::Low)
                .triage,
            8
        );
        assert_eq!(
            limits
                .hours(CaseKind::Hazard, "street_lights", RiskLevel::Low)
                .triage,
            48
        );
    }

    #[test]
    fn every_kind_and_risk_has_a_row_and_higher_risk_is_never_slower() {
        let limits = TimeLimits::defaults();
        for kind in [CaseKind::Dispute, CaseKind::Hazard] {
            for pair in RiskLevel::ALL.windows(2) {
                let (lower, higher) = (
                    limits.hours(kind, "x", pair[0]),
                    limits.hours(kind, "x", pair[1]),
                );
                assert!(higher.triage <= lower.triage && higher.handling <= lower.handling);
            }
        }
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
