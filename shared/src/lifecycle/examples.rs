//! The examples `GET /api/lifecycle` publishes next to the transition table: a valid command
//! of each kind and the shortest path from a new case to each status. The HTTP table tests
//! drive the running API from them, and the shared tests use them too; they are data, not
//! rules, so they live apart from the state machine.

use crate::case::{Handler, Outcome, ReferralTarget, Visibility};
use crate::lifecycle::command::{Command, CommandKind};
use crate::risk::{RiskFactors, RiskLevel};
use crate::staff::Role;
use crate::time_limits::EscalationLevel;
use crate::vocabulary::CaseStatus;
use chrono::NaiveDate;

/// A valid example of each command, for the table-driven tests (here and over HTTP).
pub fn sample_command(kind: CommandKind, handler_username: &str) -> Command {
    let text = |s: &str| s.to_owned();
    match kind {
        CommandKind::Accept => Command::Accept {
            note: Some(text("accepted at triage")),
        },
        CommandKind::Reject => Command::Reject {
            reason: text("a private debt outside the street's remit"),
            redirect_to: text("the district court's litigation service centre"),
        },
        CommandKind::Recategorize => Command::Recategorize {
            category: text("property_management"),
        },
        CommandKind::AssessRisk => Command::AssessRisk {
            factors: RiskFactors {
                people_involved: 4,
                repeat_reports: 1,
                ..RiskFactors::default()
            },
        },
        CommandKind::OverrideRisk => Command::OverrideRisk {
            level: RiskLevel::High,
            reason: text("threats reported by neighbours"),
        },
        CommandKind::SetHandlers => Command::SetHandlers {
            handlers: vec![Handler {
                username: handler_username.to_owned(),
                role: Role::Mediator,
                lead: true,
            }],
        },
        CommandKind::Start => Command::Start { note: None },
        CommandKind::AddNote => Command::AddNote {
            text: text("called both parties"),
            visibility: Visibility::Internal,
        },
        CommandKind::Resolve => Command::Resolve {
            outcome: Outcome::AgreementReached,
            note: Some(text("both sides signed")),
        },
        CommandKind::FailMediation => Command::FailMediation {
            reason: text("the respondent refused a second session"),
        },
        CommandKind::Refer => Command::Refer {
            target: ReferralTarget::JudgeWorkstation,
            receiving_body: text("Ganjingzi court judge workstation"),
            reason: text("needs judicial confirmation"),
        },
        CommandKind::BeginFollowUp => Command::BeginFollowUp { note: None },
        CommandKind::RecordVisit => Command::RecordVisit {
            note: text("visited; the noise has stopped"),
        },
        CommandKind::GiveFeedback => Command::GiveFeedback {
            confirmed: true,
            satisfaction: 5,
            comment: None,
        },
        CommandKind::Close => Command::Close { note: None },
        CommandKind::Reopen => Command::Reopen {
            reason: text("the agreement was not honoured"),
        },
        CommandKind::Escalate => Command::Escalate {
            level: EscalationLevel::District,
        },
        CommandKind::SetConflictSince => Command::SetConflictSince {
            date: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default(),
        },
        CommandKind::MergeInto => Command::MergeInto {
            primary: text("ZH01-2000-9999"),
        },
        CommandKind::AbsorbDuplicate => Command::AbsorbDuplicate {
            duplicate: text("ZH01-2000-9998"),
            timeline: Vec::new(),
        },
        CommandKind::TransferOut => Command::TransferOut {
            to: text("ZS01-2000-9997"),
            reason: text("the address is in Zhoushuizi"),
        },
        CommandKind::TransferIn => Command::TransferIn {
            from: text("XZ01-2000-9996"),
            reason: text("the address is in Zhoushuizi"),
        },
    }
}

/// The shortest sequence of commands that takes a new case to `status`.
pub fn path_to(status: CaseStatus) -> Vec<CommandKind> {
    use CaseStatus as S;
    use CommandKind as C;
    match status {
        S::Reported => vec![],
        S::Rejected => vec![C::Reject],
        S::Accepted => vec![C::Accept],
        S::Assigned => vec![C::Accept, C::SetHandlers],
        S::InProgress => vec![C::Accept, C::SetHandlers, C::Start],
        S::Resolved => vec![C::Accept, C::SetHandlers, C::Start, C::Resolve],
        S::MediationFailed => vec![C::Accept, C::SetHandlers, C::Start, C::FailMediation],
        S::Referred => vec![
            C::Accept,
            C::SetHandlers,
            C::Start,
            C::FailMediation,
            C::Refer,
        ],
        S::FollowUp => vec![
            C::Accept,
            C::SetHandlers,
            C::Start,
            C::Resolve,
            C::BeginFollowUp,
        ],
        S::Closed => vec![
            C::Accept,
            C::SetHandlers,
            C::Start,
            C::Resolve,
            C::BeginFollowUp,
            C::Close,
        ],
    }
}
