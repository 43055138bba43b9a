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

/// A case told step by step, for the tests of the figures: filed at a moment, then given
/// commands as the clock moves on. Every step goes through `lifecycle::execute`.
#[derive(Debug, Clone)]
pub struct Story {
    pub case: Case,
    /// The moment the next command is given at.
    pub at: chrono::DateTime<chrono::Utc>,
}

impl Story {
    /// A matter of `kind` and `category` filed on the web in community zh01 (grid zh01-g1).
    pub fn file(kind: &str, category: &str, seq: u32, at: chrono::DateTime<chrono::Utc>) -> Story {
        Story::file_with(kind, category, seq, at, crate::case::Channel::Web, None)
    }

    /// As [`Story::file`], with the channel and when the conflict began (`2023-05`).
    pub fn file_with(
        kind: &str,
        category: &str,
        seq: u32,
        at: chrono::DateTime<chrono::Utc>,
        channel: crate::case::Channel,
        conflict_since: Option<&str>,
    ) -> Story {
        let request = crate::intake::FileCaseRequest {
            kind: kind.into(),
            category: category.into(),
            description: "楼上漏水，多次沟通无果".into(),
            respondent_name: None,
            community: "zh01".into(),
            grid: "zh01-g1".into(),
            address: "中华路１２号 3单元".into(),
            name: "张三".into(),
            phone: "13812345678".into(),
            conflict_since: conflict_since.map(str::to_owned),
        };
        let directory = crate::demo::demo_directory();
        let filing =
            crate::intake::validate_filing(&directory, &request, crate::time::local_date(at))
                .unwrap_or_else(|e| panic!("filing {kind} {category}: {e}"));
        let code = crate::code::CaseCode::new("ZH", 1, 2026, seq).expect("a valid code");
        let case = Case::file(filing, code, channel, Actor::Resident, at);
        Story { case, at }
    }

    /// Moves the clock on by `days` days.
    pub fn days(mut self, days: i64) -> Story {
        self.at += chrono::Duration::days(days);
        self
    }

    /// Moves the clock on by `hours` hours.
    pub fn hours(mut self, hours: i64) -> Story {
        self.at += chrono::Duration::hours(hours);
        self
    }

    /// Gives the sample command of `kind` (handler `mediator01`) by its sample actor.
    pub fn then(self, kind: CommandKind) -> Story {
        let command = crate::lifecycle::sample_command(kind, "mediator01");
        self.give(command, sample_actor(kind))
    }

    /// Gives each sample command in turn, one hour apart.
    pub fn path(self, kinds: &[CommandKind]) -> Story {
        kinds
            .iter()
            .fold(self, |story, kind| story.then(*kind).hours(1))
    }

    /// Gives `command` by `actor` now; a refusal fails the test.
    pub fn give(mut self, command: crate::lifecycle::Command, actor: Actor) -> Story {
        let (next, _) = crate::lifecycle::execute(
            &self.case,
            &command,
            &actor,
            self.at,
            &crate::demo::demo_directory(),
        )
        .unwrap_or_else(|e| panic!("{command:?} on {:?}: {e}", self.case.status));
        self.case = next;
        self
    }
}
