//! The street's table of time limits: the stages that carry a deadline and the hours each
//! stage allows by kind, category and risk. Reference data, kept in the directory and changed
//! by an admin.

use crate::risk::RiskLevel;
use crate::vocabulary::{CaseKind, CaseStatus};
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

#[cfg(test)]
mod tests {
    use super::*;
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
}
