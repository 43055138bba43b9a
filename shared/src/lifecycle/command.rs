//! The commands of the closed loop: what someone asks to do to a case, and their names.

use crate::case::{Handler, Outcome, ReferralTarget, TimelineEvent, Visibility};
use crate::risk::{RiskFactors, RiskLevel};
use crate::time_limits::EscalationLevel;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What someone asks to do to a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "command")]
pub enum Command {
    Accept {
        #[serde(default)]
        note: Option<String>,
    },
    Reject {
        reason: String,
        redirect_to: String,
    },
    Recategorize {
        category: String,
    },
    AssessRisk {
        factors: RiskFactors,
    },
    OverrideRisk {
        level: RiskLevel,
        reason: String,
    },
    SetHandlers {
        handlers: Vec<Handler>,
    },
    Start {
        #[serde(default)]
        note: Option<String>,
    },
    AddNote {
        text: String,
        visibility: Visibility,
    },
    Resolve {
        outcome: Outcome,
        #[serde(default)]
        note: Option<String>,
    },
    FailMediation {
        reason: String,
    },
    Refer {
        target: ReferralTarget,
        receiving_body: String,
        reason: String,
    },
    BeginFollowUp {
        #[serde(default)]
        note: Option<String>,
    },
    RecordVisit {
        note: String,
    },
    GiveFeedback {
        confirmed: bool,
        satisfaction: u8,
        #[serde(default)]
        comment: Option<String>,
    },
    Close {
        #[serde(default)]
        note: Option<String>,
    },
    Reopen {
        reason: String,
    },
    Escalate {
        level: EscalationLevel,
    },
    SetConflictSince {
        date: NaiveDate,
    },
    /// On the duplicate: it is closed into `primary`.
    MergeInto {
        primary: String,
    },
    /// On the primary: it takes in the duplicate's timeline.
    AbsorbDuplicate {
        duplicate: String,
        timeline: Vec<TimelineEvent>,
    },
    /// On a case moved to a community of another street: it is closed, naming the code it
    /// continues under.
    TransferOut {
        to: String,
        reason: String,
    },
    /// On the case a move creates in the receiving community: where it came from, and why.
    TransferIn {
        from: String,
        reason: String,
    },
}

/// The name of a command, for the transition table and the authorization rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommandKind {
    Accept,
    Reject,
    Recategorize,
    AssessRisk,
    OverrideRisk,
    SetHandlers,
    Start,
    AddNote,
    Resolve,
    FailMediation,
    Refer,
    BeginFollowUp,
    RecordVisit,
    GiveFeedback,
    Close,
    Reopen,
    Escalate,
    SetConflictSince,
    MergeInto,
    AbsorbDuplicate,
    TransferOut,
    TransferIn,
}

impl Command {
    /// Whether this is one half of a merge. A merge changes two cases at once, so its halves
    /// are given only through the merge itself, never as one case's command.
    pub fn is_merge_step(&self) -> bool {
        matches!(
            self,
            Command::AbsorbDuplicate { .. } | Command::MergeInto { .. }
        )
    }

    /// Whether this is a step of a move between streets, which changes two communities and
    /// is given only through the move itself.
    pub fn is_transfer_step(&self) -> bool {
        matches!(
            self,
            Command::TransferOut { .. } | Command::TransferIn { .. }
        )
    }

    pub fn kind(&self) -> CommandKind {
        match self {
            Command::Accept { .. } => CommandKind::Accept,
            Command::Reject { .. } => CommandKind::Reject,
            Command::Recategorize { .. } => CommandKind::Recategorize,
            Command::AssessRisk { .. } => CommandKind::AssessRisk,
            Command::OverrideRisk { .. } => CommandKind::OverrideRisk,
            Command::SetHandlers { .. } => CommandKind::SetHandlers,
            Command::Start { .. } => CommandKind::Start,
            Command::AddNote { .. } => CommandKind::AddNote,
            Command::Resolve { .. } => CommandKind::Resolve,
            Command::FailMediation { .. } => CommandKind::FailMediation,
            Command::Refer { .. } => CommandKind::Refer,
            Command::BeginFollowUp { .. } => CommandKind::BeginFollowUp,
            Command::RecordVisit { .. } => CommandKind::RecordVisit,
            Command::GiveFeedback { .. } => CommandKind::GiveFeedback,
            Command::Close { .. } => CommandKind::Close,
            Command::Reopen { .. } => CommandKind::Reopen,
            Command::Escalate { .. } => CommandKind::Escalate,
            Command::SetConflictSince { .. } => CommandKind::SetConflictSince,
            Command::MergeInto { .. } => CommandKind::MergeInto,
            Command::AbsorbDuplicate { .. } => CommandKind::AbsorbDuplicate,
            Command::TransferOut { .. } => CommandKind::TransferOut,
            Command::TransferIn { .. } => CommandKind::TransferIn,
        }
    }
}

/// Every command kind, in table order.
pub const ALL_COMMANDS: [CommandKind; 22] = [
    CommandKind::Accept,
    CommandKind::Reject,
    CommandKind::Recategorize,
    CommandKind::AssessRisk,
    CommandKind::OverrideRisk,
    CommandKind::SetHandlers,
    CommandKind::Start,
    CommandKind::AddNote,
    CommandKind::Resolve,
    CommandKind::FailMediation,
    CommandKind::Refer,
    CommandKind::BeginFollowUp,
    CommandKind::RecordVisit,
    CommandKind::GiveFeedback,
    CommandKind::Close,
    CommandKind::Reopen,
    CommandKind::Escalate,
    CommandKind::SetConflictSince,
    CommandKind::MergeInto,
    CommandKind::AbsorbDuplicate,
    CommandKind::TransferOut,
    CommandKind::TransferIn,
];
