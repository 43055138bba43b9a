//! Fixtures only the tests use: who gives each command in the table-driven tests, and the
//! invariants every case must keep. Compiled for tests only, never into the product.

use crate::case::{Actor, Case, CaseStatus as S};
use crate::lifecycle::CommandKind;
use crate::staff::Role;

/// Who gives a command in the table-driven tests: the resident gives feedback, the system
/// escalates, a coordinator does the rest.
pub fn sample_actor(kind: CommandKind) -> Actor {
    match kind {
        CommandKind::GiveFeedback => Actor::Resident,
        CommandKind::Escalate => Actor::System,
        CommandKind::TransferOut | CommandKind::TransferIn => Actor::Staff {
            username: "district".into(),
            role: Role::DistrictCoordinator,
        },
        _ => Actor::Staff {
            username: "coordinator".into(),
            role: Role::Coordinator,
        },
    }
}

impl Case {
    /// What must hold of every case, whatever happened to it.
    pub fn check_invariants(&self) -> Result<(), String> {
        if self.version != self.timeline.len() as u64 {
            return Err("version is not the number of events".into());
        }
        for (i, e) in self.timeline.iter().enumerate() {
            if e.seq as usize != i + 1 {
                return Err(format!("event {i} has seq {}", e.seq));
            }
            if i > 0 && e.at < self.timeline[i - 1].at {
                return Err("time runs backwards".into());
            }
        }
        let needs_handlers = matches!(self.status, S::Assigned | S::InProgress);
        if needs_handlers && self.handlers.iter().filter(|h| h.lead).count() != 1 {
            return Err("an assigned case needs exactly one lead handler".into());
        }
        if self.status == S::Rejected && self.rejection.is_none() {
            return Err("a rejected case needs a reason".into());
        }
        if self.status == S::Resolved && self.outcome.is_none() {
            return Err("a resolved case needs an outcome".into());
        }
        if self.status == S::Referred && self.referral.is_none() {
            return Err("a referred case needs a receiving body".into());
        }
        if let Some(f) = self.feedback {
            if !(1..=5).contains(&f.satisfaction) {
                return Err("satisfaction out of range".into());
            }
        }
        if self.merged_into.is_some() && self.status != S::Closed {
            return Err("a merged case must be closed".into());
        }
        Ok(())
    }
}
