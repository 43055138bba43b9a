//! Risk: computed from the factors of `DOMAIN.md`, overridable by a coordinator with a reason.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
    Critical,
}

impl RiskLevel {
    pub const ALL: [RiskLevel; 4] = [
        RiskLevel::Low,
        RiskLevel::Medium,
        RiskLevel::High,
        RiskLevel::Critical,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::Critical => "critical",
        }
    }
}

/// What triage learns about a matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RiskFactors {
    /// Someone threatened or used violence.
    pub violence_threatened: bool,
    /// How many people the matter involves.
    pub people_involved: u32,
    /// Elderly people, minors or disabled people are among the parties.
    pub vulnerable_parties: bool,
    /// Earlier reports of the same matter.
    pub repeat_reports: u32,
    /// How long the conflict has lasted, in months.
    pub conflict_months: u32,
    /// Earlier mediations of it that failed.
    pub failed_mediations: u32,
}

/// Points per factor; the sum sets the level. Violence alone makes a case high risk.
pub fn risk_score(f: &RiskFactors) -> u32 {
    let graded = |value: u32, some: u32, many: u32| -> u32 {
        if value >= many {
            2
        } else if value >= some {
            1
        } else {
            0
        }
    };
    (if f.violence_threatened { 4 } else { 0 })
        + graded(f.people_involved, 3, 10)
        + u32::from(f.vulnerable_parties)
        + graded(f.repeat_reports, 1, 3)
        + graded(f.conflict_months, 6, 24)
        + graded(f.failed_mediations, 1, 2)
}

pub fn assess_risk(f: &RiskFactors) -> RiskLevel {
    match risk_score(f) {
        0..=1 => RiskLevel::Low,
        2..=3 => RiskLevel::Medium,
        4..=5 => RiskLevel::High,
        _ => RiskLevel::Critical,
    }
}

/// A coordinator's override of the computed level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskOverride {
    pub level: RiskLevel,
    pub reason: String,
    pub by: String,
}

/// The risk of a case: the factors, the level they give, and any override.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    pub factors: RiskFactors,
    pub overridden: Option<RiskOverride>,
}

impl Risk {
    pub fn computed(&self) -> RiskLevel {
        assess_risk(&self.factors)
    }

    /// The level that counts: the override if there is one.
    pub fn level(&self) -> RiskLevel {
        self.overridden
            .as_ref()
            .map(|o| o.level)
            .unwrap_or_else(|| self.computed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_quiet_matter_is_low_risk() {
        assert_eq!(assess_risk(&RiskFactors::default()), RiskLevel::Low);
    }

    #[test]
    fn a_threat_of_violence_alone_is_high_risk() {
        let f = RiskFactors {
            violence_threatened: true,
            ..Default::default()
        };
        assert_eq!(assess_risk(&f), RiskLevel::High);
    }

    #[test]
    fn a_long_repeated_conflict_with_failed_mediations_is_high_and_with_violence_critical() {
        let mut f = RiskFactors {
            repeat_reports: 3,
            conflict_months: 30,
            failed_mediations: 1,
            ..Default::default()
        };
        assert_eq!(assess_risk(&f), RiskLevel::High);
        f.violence_threatened = true;
        assert_eq!(assess_risk(&f), RiskLevel::Critical);
    }

    #[test]
    fn an_override_wins_over_the_computed_level() {
        let risk = Risk {
            factors: RiskFactors::default(),
            overridden: Some(RiskOverride {
                level: RiskLevel::Critical,
                reason: "family violence history known to the police".into(),
                by: "coordinator".into(),
            }),
        };
        assert_eq!(risk.computed(), RiskLevel::Low);
        assert_eq!(risk.level(), RiskLevel::Critical);
    }

    proptest! {
        /// Adding a risk factor never lowers the level.
        #[test]
        fn risk_never_falls_when_a_factor_grows(people in 0u32..20, repeats in 0u32..5, months in 0u32..40, failed in 0u32..4, violence: bool, vulnerable: bool) {
            let base = RiskFactors { violence_threatened: violence, people_involved: people, vulnerable_parties: vulnerable, repeat_reports: repeats, conflict_months: months, failed_mediations: failed };
            let worse = [
                RiskFactors { violence_threatened: true, ..base.clone() },
                RiskFactors { people_involved: people + 5, ..base.clone() },
                RiskFactors { vulnerable_parties: true, ..base.clone() },
                RiskFactors { repeat_reports: repeats + 1, ..base.clone() },
                RiskFactors { conflict_months: months + 12, ..base.clone() },
                RiskFactors { failed_mediations: failed + 1, ..base.clone() },
            ];
            for w in worse {
                prop_assert!(assess_risk(&w) >= assess_risk(&base));
            }
        }
    }
}
