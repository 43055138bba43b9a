//! The closed loop: one state machine for every case.
//!
//! `execute(case, command, actor, now)` decides which events a command appends (or why it is
//! refused) and folds them into the case. The case is a fold of its own timeline:
//! `Case::replay(&case.timeline)` gives the case back, which the property tests check.

use crate::case::{
    Actor, Case, CaseStatus, Change, Feedback, Handler, Referral, Rejection, TimelineEvent,
    Visibility,
};
use crate::directory::Directory;
use crate::fields::{FieldError, FieldProblem, NoteText};
use crate::intake::check_category;
use crate::policy::{self, Action, Reach};
use crate::risk::RiskOverride;
use crate::staff::Role;
use crate::time_limits::EscalationLevel;
use chrono::{DateTime, Utc};

pub mod command;
pub mod examples;

pub use self::command::{Command, CommandKind, ALL_COMMANDS};
pub use self::examples::{path_to, sample_command};

use CaseStatus as S;

/// Statuses in which somebody still has to act.
pub const OPEN: &[CaseStatus] = &[
    S::Reported,
    S::Accepted,
    S::Assigned,
    S::InProgress,
    S::Resolved,
    S::MediationFailed,
    S::Referred,
    S::FollowUp,
];

/// One row of the transition table: `command` is allowed in each status of `from`, and moves
/// the case to `to` (or leaves the status as it is when `to` is `None`).
#[derive(Debug, Clone, Copy)]
pub struct Transition {
    pub command: CommandKind,
    pub from: &'static [CaseStatus],
    pub to: Option<CaseStatus>,
}

const fn row(
    command: CommandKind,
    from: &'static [CaseStatus],
    to: Option<CaseStatus>,
) -> Transition {
    Transition { command, from, to }
}

/// The whole loop of `DOMAIN.md` as a table. Anything not listed is refused.
pub const TRANSITIONS: &[Transition] = &[
    row(CommandKind::Accept, &[S::Reported], Some(S::Accepted)),
    row(CommandKind::Reject, &[S::Reported], Some(S::Rejected)),
    row(
        CommandKind::Recategorize,
        &[S::Reported, S::Accepted, S::Assigned, S::InProgress],
        None,
    ),
    row(CommandKind::AssessRisk, OPEN, None),
    row(CommandKind::OverrideRisk, OPEN, None),
    row(CommandKind::SetHandlers, &[S::Accepted], Some(S::Assigned)),
    row(
        CommandKind::SetHandlers,
        &[
            S::Assigned,
            S::InProgress,
            S::MediationFailed,
            S::Referred,
            S::FollowUp,
        ],
        None,
    ),
    row(CommandKind::Start, &[S::Assigned], Some(S::InProgress)),
    row(
        CommandKind::AddNote,
        &[
            S::Reported,
            S::Rejected,
            S::Accepted,
            S::Assigned,
            S::InProgress,
            S::Resolved,
            S::MediationFailed,
            S::Referred,
            S::FollowUp,
            S::Closed,
        ],
        None,
    ),
    row(CommandKind::Resolve, &[S::InProgress], Some(S::Resolved)),
    row(
        CommandKind::FailMediation,
        &[S::InProgress],
        Some(S::MediationFailed),
    ),
    row(CommandKind::Refer, &[S::MediationFailed], Some(S::Referred)),
    row(
        CommandKind::BeginFollowUp,
        &[S::Resolved, S::Referred],
        Some(S::FollowUp),
    ),
    row(CommandKind::RecordVisit, &[S::FollowUp], None),
    row(
        CommandKind::GiveFeedback,
        &[S::Resolved, S::Referred, S::FollowUp],
        None,
    ),
    row(CommandKind::Close, &[S::FollowUp], Some(S::Closed)),
    row(
        CommandKind::Reopen,
        &[S::FollowUp, S::Closed],
        Some(S::InProgress),
    ),
    row(CommandKind::Escalate, OPEN, None),
    row(CommandKind::SetConflictSince, OPEN, None),
    row(
        CommandKind::MergeInto,
        &[S::Reported, S::Accepted, S::Assigned, S::InProgress],
        Some(S::Closed),
    ),
    row(
        CommandKind::AbsorbDuplicate,
        &[S::Reported, S::Accepted, S::Assigned, S::InProgress],
        None,
    ),
    // A move between streets: the case closes here and starts again, to be triaged, there
    // (the receiving street's clock starts afresh).
    row(
        CommandKind::TransferOut,
        &[S::Reported, S::Accepted, S::Assigned, S::InProgress],
        Some(S::Closed),
    ),
    row(CommandKind::TransferIn, &[S::Reported], Some(S::Reported)),
];

/// Where `command` takes a case in `status`: `Some(Some(to))` moves it, `Some(None)` leaves
/// the status, `None` means the command is not allowed there.
pub fn transition(status: CaseStatus, command: CommandKind) -> Option<Option<CaseStatus>> {
    TRANSITIONS
        .iter()
        .find(|t| t.command == command && t.from.contains(&status))
        .map(|t| t.to)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    #[error("{command:?} is not allowed while the case is {from:?}")]
    InvalidTransition {
        from: CaseStatus,
        command: CommandKind,
    },
    #[error("this role may not {command:?}")]
    Forbidden { command: CommandKind },
    #[error("{0}")]
    Field(FieldError),
    #[error("the escalation is already at this level or higher")]
    NothingToEscalate,
    #[error("a timeline must start with the filing")]
    BrokenTimeline,
    #[error("feedback on this outcome was given as often as it may be")]
    FeedbackLimit,
}

/// How often a resident may give feedback on one outcome of their case (until it is
/// reopened): a second thought or two, but not a timeline grown without end.
pub const MAX_FEEDBACK_PER_OUTCOME: usize = 3;

impl From<FieldError> for CaseError {
    fn from(err: FieldError) -> Self {
        CaseError::Field(err)
    }
}

/// Who may give a command. The policy (`crate::policy`, `Action::ChangeCase`) decides whether
/// a staff member may change this case at all, and the API applies it with the case's
/// community and handlers before this runs; here a staff member without that action in the
/// policy may give no command, and among those who have it, each command's rule below says
/// which role, handler or lead handler gives it. Residents, volunteers and the scheduled run
/// are not in the policy: their one command each is decided here.
fn authorize(case: &Case, actor: &Actor, command: CommandKind) -> Result<(), CaseError> {
    use CommandKind as C;
    let forbidden = Err(CaseError::Forbidden { command });
    let (username, role) = match actor {
        Actor::Resident => {
            return if command == C::GiveFeedback {
                Ok(())
            } else {
                forbidden
            }
        }
        // The scheduled run escalates overdue cases and reopens a case whose agreement is in
        // default.
        Actor::System => {
            return if matches!(command, C::Escalate | C::Reopen) {
                Ok(())
            } else {
                forbidden
            }
        }
        // A volunteer link names its cases; the API checks the case is one of them.
        Actor::Volunteer { .. } => {
            return if command == C::RecordVisit {
                Ok(())
            } else {
                forbidden
            }
        }
        Actor::Staff { username, role } => (username.as_str(), *role),
    };
    if policy::reach(role, Action::ChangeCase) == Reach::None {
        return forbidden;
    }
    let is_handler = case.handlers.iter().any(|h| h.username == username);
    let is_lead = case
        .handlers
        .iter()
        .any(|h| h.username == username && h.lead);
    // The district coordinator directs as a street coordinator does, in every street.
    let coordinator = role.coordinates();
    let triager = coordinator || role == Role::Mediator;
    let allowed = match command {
        C::Accept
        | C::Reject
        | C::Recategorize
        | C::SetHandlers
        | C::MergeInto
        | C::AbsorbDuplicate => triager,
        C::OverrideRisk => coordinator,
        C::AssessRisk | C::SetConflictSince => triager || role == Role::GridWorker || is_handler,
        // Anyone the policy lets change the case may note something on it.
        C::AddNote => true,
        // Any handler moves the work along and records visits…
        C::Start | C::BeginFollowUp | C::RecordVisit => coordinator || is_handler,
        // …but the outcome is the lead handler's (or the coordinator's) call.
        C::Resolve | C::FailMediation | C::Refer | C::Close | C::Reopen => coordinator || is_lead,
        // Moving a case between streets is the district's.
        C::TransferOut | C::TransferIn => role == Role::DistrictCoordinator,
        C::GiveFeedback | C::Escalate => false,
    };
    if allowed {
        Ok(())
    } else {
        forbidden
    }
}

fn note(field: &'static str, raw: &str) -> Result<String, FieldError> {
    NoteText::parse(field, raw).map(|n| n.as_str().to_owned())
}

fn optional_note(field: &'static str, raw: &Option<String>) -> Result<Option<String>, FieldError> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => note(field, text).map(Some),
    }
}

fn check_handlers(handlers: &[Handler]) -> Result<(), FieldError> {
    let invalid = || FieldError::new("handlers", FieldProblem::InvalidFormat);
    if handlers.is_empty() {
        return Err(FieldError::new("handlers", FieldProblem::Required));
    }
    if handlers.iter().filter(|h| h.lead).count() != 1 {
        return Err(invalid());
    }
    let mut names: Vec<&str> = handlers.iter().map(|h| h.username.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    if names.len() != handlers.len() || names.iter().any(|n| n.trim().is_empty()) {
        return Err(invalid());
    }
    if handlers.iter().any(|h| !h.role.handles_cases()) {
        return Err(invalid());
    }
    Ok(())
}

/// A decided change with its note and visibility, before it gets a number and a time.
struct Decided {
    change: Change,
    note: Option<String>,
    visibility: Visibility,
}

fn public(change: Change, note: Option<String>) -> Decided {
    Decided {
        change,
        note,
        visibility: Visibility::Public,
    }
}

fn internal(change: Change, note: Option<String>) -> Decided {
    Decided {
        change,
        note,
        visibility: Visibility::Internal,
    }
}

/// Validates a command against the case and says what it changes.
fn decide(case: &Case, command: &Command, directory: &Directory) -> Result<Decided, CaseError> {
    Ok(match command {
        Command::Accept { note } => public(Change::Accepted, optional_note("note", note)?),
        Command::Reject {
            reason,
            redirect_to,
        } => public(
            Change::Rejected {
                rejection: Rejection {
                    reason: note("reason", reason)?,
                    redirect_to: note("redirect_to", redirect_to)?,
                },
            },
            None,
        ),
        Command::Recategorize { category } => internal(
            Change::Recategorized {
                category: check_category(directory, case.kind, category)?,
            },
            None,
        ),
        Command::AssessRisk { factors } => internal(
            Change::RiskAssessed {
                factors: factors.clone(),
            },
            None,
        ),
        Command::OverrideRisk { level, reason } => internal(
            Change::RiskOverridden {
                level: *level,
                reason: note("reason", reason)?,
            },
            None,
        ),
        Command::SetHandlers { handlers } => {
            check_handlers(handlers)?;
            public(
                Change::HandlersSet {
                    handlers: handlers.clone(),
                },
                None,
            )
        }
        Command::Start { note } => public(Change::Started, optional_note("note", note)?),
        Command::AddNote { text, visibility } => Decided {
            change: Change::Note,
            note: Some(note("text", text)?),
            visibility: *visibility,
        },
        Command::Resolve { outcome, note } => public(
            Change::Resolved { outcome: *outcome },
            optional_note("note", note)?,
        ),
        Command::FailMediation { reason } => {
            public(Change::MediationFailed, Some(note("reason", reason)?))
        }
        Command::Refer {
            target,
            receiving_body,
            reason,
        } => public(
            Change::Referred {
                referral: Referral {
                    target: *target,
                    receiving_body: note("receiving_body", receiving_body)?,
                },
            },
            Some(note("reason", reason)?),
        ),
        Command::BeginFollowUp { note } => {
            public(Change::FollowUpBegun, optional_note("note", note)?)
        }
        Command::RecordVisit { note: text } => {
            public(Change::VisitRecorded, Some(note("note", text)?))
        }
        Command::GiveFeedback {
            confirmed,
            satisfaction,
            comment,
        } => {
            if !(1..=5).contains(satisfaction) {
                return Err(FieldError::new("satisfaction", FieldProblem::InvalidFormat).into());
            }
            let since_reopened = case
                .timeline
                .iter()
                .rev()
                .take_while(|e| !matches!(e.change, Change::Reopened))
                .filter(|e| matches!(e.change, Change::FeedbackGiven { .. }))
                .count();
            if since_reopened >= MAX_FEEDBACK_PER_OUTCOME {
                return Err(CaseError::FeedbackLimit);
            }
            public(
                Change::FeedbackGiven {
                    feedback: Feedback {
                        confirmed: *confirmed,
                        satisfaction: *satisfaction,
                    },
                },
                optional_note("comment", comment)?,
            )
        }
        Command::Close { note } => public(Change::Closed, optional_note("note", note)?),
        Command::Reopen { reason } => public(Change::Reopened, Some(note("reason", reason)?)),
        Command::Escalate { level } => {
            if *level <= case.escalation {
                return Err(CaseError::NothingToEscalate);
            }
            internal(Change::Escalated { level: *level }, None)
        }
        Command::SetConflictSince { date } => {
            if *date > case.filed_at.date_naive() {
                return Err(FieldError::new("date", FieldProblem::InvalidFormat).into());
            }
            internal(Change::ConflictSinceSet { date: *date }, None)
        }
        Command::MergeInto { primary } => {
            if primary.trim().is_empty() || *primary == case.code.to_string() {
                return Err(FieldError::new("primary", FieldProblem::InvalidFormat).into());
            }
            public(
                Change::MergedInto {
                    primary: primary.clone(),
                },
                None,
            )
        }
        Command::TransferOut { to, reason } => {
            if crate::code::CaseCode::parse(to).is_err() || *to == case.code.to_string() {
                return Err(FieldError::new("to", FieldProblem::InvalidFormat).into());
            }
            internal(
                Change::TransferredOut {
                    moved_to: to.clone(),
                },
                Some(note("reason", reason)?),
            )
        }
        Command::TransferIn { from, reason } => {
            if crate::code::CaseCode::parse(from).is_err() || *from == case.code.to_string() {
                return Err(FieldError::new("from", FieldProblem::InvalidFormat).into());
            }
            internal(
                Change::TransferredIn {
                    moved_from: from.clone(),
                },
                Some(note("reason", reason)?),
            )
        }
        Command::AbsorbDuplicate {
            duplicate,
            timeline,
        } => {
            if duplicate.trim().is_empty() || *duplicate == case.code.to_string() {
                return Err(FieldError::new("duplicate", FieldProblem::InvalidFormat).into());
            }
            internal(
                Change::AbsorbedDuplicate {
                    duplicate: duplicate.clone(),
                    timeline: timeline.clone(),
                },
                None,
            )
        }
    })
}

/// Runs a command: checks the transition table and who may act, decides, and appends one
/// event. Returns the new case and the event it appended.
pub fn execute(
    case: &Case,
    command: &Command,
    actor: &Actor,
    now: DateTime<Utc>,
    directory: &Directory,
) -> Result<(Case, TimelineEvent), CaseError> {
    execute_noted(case, command, None, actor, now, directory)
}

/// `execute`, with the event's note given as a code the product wrote (`note_code`) instead
/// of the command's own words: what a held mediation session leaves on its case.
pub fn execute_noted(
    case: &Case,
    command: &Command,
    note_code: Option<crate::case::NoteCode>,
    actor: &Actor,
    now: DateTime<Utc>,
    directory: &Directory,
) -> Result<(Case, TimelineEvent), CaseError> {
    let kind = command.kind();
    let refused = CaseError::InvalidTransition {
        from: case.status,
        command: kind,
    };
    let to = transition(case.status, kind).ok_or(refused.clone())?;
    // A case merged into another, or moved to another street, lives on there; it is never
    // reopened on its own.
    if (case.merged_into.is_some() || case.moved_to.is_some()) && kind == CommandKind::Reopen {
        return Err(refused);
    }
    authorize(case, actor, kind)?;
    let decided = decide(case, command, directory)?;
    // Time never runs backwards on a timeline, whatever the caller's clock says.
    let at = case.timeline.last().map_or(now, |last| last.at.max(now));
    let event = TimelineEvent {
        seq: case.timeline.len() as u32 + 1,
        at,
        actor: actor.clone(),
        change: decided.change,
        from: Some(case.status),
        to: Some(to.unwrap_or(case.status)),
        note: if note_code.is_some() {
            None
        } else {
            decided.note
        },
        note_code,
        visibility: decided.visibility,
    };
    let mut next = case.clone();
    next.evolve(&event)?;
    Ok((next, event))
}

impl Case {
    /// Folds one event into the case. `execute` and `replay` both go through here, so a case
    /// and the replay of its timeline cannot drift apart.
    pub fn evolve(&mut self, event: &TimelineEvent) -> Result<(), CaseError> {
        let previous = self.status;
        match &event.change {
            Change::Filed { .. } => return Err(CaseError::BrokenTimeline),
            Change::Accepted
            | Change::Started
            | Change::Note
            | Change::MediationFailed
            | Change::FollowUpBegun
            | Change::VisitRecorded
            | Change::Closed => {}
            Change::Rejected { rejection } => self.rejection = Some(rejection.clone()),
            Change::Recategorized { category } => self.category = category.clone(),
            Change::RiskAssessed { factors } => self.risk.factors = factors.clone(),
            Change::RiskOverridden { level, reason } => {
                self.risk.overridden = Some(RiskOverride {
                    level: *level,
                    reason: reason.clone(),
                    by: match &event.actor {
                        Actor::Staff { username, .. } => username.clone(),
                        _ => String::new(),
                    },
                })
            }
            Change::HandlersSet { handlers } => self.handlers = handlers.clone(),
            Change::Resolved { outcome } => self.outcome = Some(*outcome),
            Change::Referred { referral } => self.referral = Some(referral.clone()),
            Change::FeedbackGiven { feedback } => self.feedback = Some(*feedback),
            Change::Reopened => {
                self.outcome = None;
                self.feedback = None;
                self.reopened += 1;
            }
            Change::Escalated { level } => self.escalation = *level,
            Change::ConflictSinceSet { date } => self.conflict_since = Some(*date),
            Change::MergedInto { primary } => self.merged_into = Some(primary.clone()),
            Change::AbsorbedDuplicate { duplicate, .. } => self.merged_from.push(duplicate.clone()),
            Change::TransferredOut { moved_to } => self.moved_to = Some(moved_to.clone()),
            Change::TransferredIn { moved_from } => self.moved_from = Some(moved_from.clone()),
            Change::PersonalDataErased => self.personal_data_erased = true,
        }
        if matches!(event.change, Change::MediationFailed) {
            // Saturating: an assessment may already have put the count at its largest.
            self.risk.factors.failed_mediations =
                self.risk.factors.failed_mediations.saturating_add(1);
        }
        if let Some(to) = event.to {
            self.status = to;
        }
        // A new stage starts a new clock and a new escalation ladder; so does arriving in
        // another street.
        if self.status != previous || matches!(event.change, Change::TransferredIn { .. }) {
            self.stage_started_at = event.at;
            self.escalation = EscalationLevel::None;
        }
        self.timeline.push(event.clone());
        self.version = self.timeline.len() as u64;
        Ok(())
    }

    /// Rebuilds a case from its timeline.
    pub fn replay(timeline: &[TimelineEvent]) -> Result<Case, CaseError> {
        let (first, rest) = timeline.split_first().ok_or(CaseError::BrokenTimeline)?;
        let Change::Filed { snapshot } = &first.change else {
            return Err(CaseError::BrokenTimeline);
        };
        let mut case = Case::from_snapshot(snapshot.as_ref().clone(), first.clone());
        for event in rest {
            case.evolve(event)?;
        }
        Ok(case)
    }
}

/// The escalation a case is due under the time limits at `now`, if it is not there yet. The
/// scheduled run gives this command to every open case; running it twice changes nothing more.
pub fn escalation_due_now(
    case: &Case,
    limits: &crate::time_limits::TimeLimits,
    now: DateTime<Utc>,
) -> Option<Command> {
    let clock = case.clock(limits, now)?;
    let due = crate::time_limits::escalation_due(&clock);
    (due > case.escalation).then_some(Command::Escalate { level: due })
}

/// The earliest moment at which [`escalation_due_now`] has a command for `case` (it may be
/// due already), or `None` when the case has no clock or stands at the top of the ladder.
/// Kept as a column, it lets the scheduled run read only the cases that are due.
pub fn next_escalation_at(
    case: &Case,
    limits: &crate::time_limits::TimeLimits,
) -> Option<DateTime<Utc>> {
    let clock = case.clock(limits, case.stage_started_at)?;
    let limit = (clock.due_at - clock.started_at).num_seconds().max(1);
    let steps = match case.escalation {
        EscalationLevel::None => 0,
        EscalationLevel::Community => 1,
        EscalationLevel::Street => 2,
        EscalationLevel::District => return None,
    };
    // Overdue at all (the community) once past the deadline; by one more whole limit, the
    // street; by two, the district. A case still on time is not due before its deadline.
    clock
        .due_at
        .checked_add_signed(chrono::Duration::seconds(limit.saturating_mul(steps)))
}

/// The commands `actor` may give on `case` now: allowed by the transition table and by who
/// may act. The scheduled run's escalation, the merge's other half and the receiving half of
/// a move are not offered.
pub fn allowed_commands(case: &Case, actor: &Actor) -> Vec<CommandKind> {
    ALL_COMMANDS
        .into_iter()
        .filter(|k| {
            !matches!(
                k,
                CommandKind::Escalate | CommandKind::AbsorbDuplicate | CommandKind::TransferIn
            )
        })
        .filter(|k| transition(case.status, *k).is_some())
        .filter(|k| {
            let ended_elsewhere = case.merged_into.is_some() || case.moved_to.is_some();
            !(ended_elsewhere && *k == CommandKind::Reopen)
        })
        .filter(|k| authorize(case, actor, *k).is_ok())
        .collect()
}

/// Where a case of community `from` may move: a known community, within `scope`, of another
/// street (within a street a case stays where it was filed).
pub fn check_move_target<'a>(
    directory: &'a Directory,
    scope: &crate::staff::Scope,
    from: &str,
    to: &str,
) -> Result<&'a crate::directory::Community, FieldError> {
    let target = directory
        .community(to.trim())
        .filter(|c| directory.in_scope(scope, &c.id))
        .ok_or_else(|| FieldError::new("community", FieldProblem::UnknownCommunity))?;
    let same_street = directory
        .community(from)
        .is_none_or(|from| from.street == target.street);
    if same_street {
        return Err(FieldError::new("community", FieldProblem::InvalidFormat));
    }
    Ok(target)
}

/// Where a moved case continues: its new code, community and grid.
#[derive(Debug, Clone)]
pub struct MoveTarget<'a> {
    pub code: crate::code::CaseCode,
    pub community: &'a str,
    pub grid: &'a str,
}

/// The case a move between streets creates in the receiving community: the matter as it was
/// filed (kind, category, description, address, parties, risk factors, when the conflict
/// began, how and when it came in), under the receiving street's `code`, community and grid,
/// followed by the move itself, which starts its triage clock afresh. Handlers, notes and
/// outcomes stay with the old case, which the district still reads.
pub fn transferred_case(
    old: &Case,
    to: MoveTarget<'_>,
    by: &Actor,
    reason: &str,
    now: DateTime<Utc>,
    directory: &Directory,
) -> Result<(Case, TimelineEvent), CaseError> {
    let MoveTarget {
        code,
        community,
        grid,
    } = to;
    let district = crate::staff::Scope::District;
    check_move_target(directory, &district, &old.community, community)?;
    let (community, grid) = crate::intake::check_place(directory, community, grid)?;
    let snapshot = crate::case::CaseSnapshot {
        code,
        community,
        grid,
        kind: old.kind,
        category: old.category.clone(),
        description: old.description.clone(),
        address: old.address.clone(),
        channel: old.channel,
        recorded_by: old.recorded_by.clone(),
        parties: old.parties.clone(),
        conflict_since: old.conflict_since,
        risk_factors: old.risk.factors.clone(),
        answers: old.answers.clone(),
        questions_version: old.questions_version,
        location: old.location,
    };
    let filed = TimelineEvent {
        seq: 1,
        at: old.filed_at,
        actor: old.recorded_by.clone(),
        change: Change::Filed {
            snapshot: Box::new(snapshot.clone()),
        },
        from: None,
        to: Some(CaseStatus::Reported),
        note: None,
        note_code: None,
        visibility: Visibility::Public,
    };
    let fresh = Case::from_snapshot(snapshot, filed);
    let command = Command::TransferIn {
        from: old.code.to_string(),
        reason: reason.to_owned(),
    };
    execute(&fresh, &command, by, now, directory)
}

/// Which case may be merged into `primary`: another case of the same community (a
/// community's cases live together, and a case cannot absorb itself). Answers the duplicate's
/// code in canonical form.
pub fn check_merge(
    primary: &crate::code::CaseCode,
    duplicate: &str,
) -> Result<crate::code::CaseCode, FieldError> {
    let invalid = || FieldError::new("duplicate", FieldProblem::InvalidFormat);
    let duplicate = crate::code::CaseCode::parse(duplicate).map_err(|_| invalid())?;
    if duplicate.community_number() != primary.community_number() || &duplicate == primary {
        return Err(invalid());
    }
    Ok(duplicate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Outcome;
    use crate::code::CaseCode;
    use crate::demo::demo_directory;
    use crate::intake::validate_filing;
    use crate::testing::sample_actor;
    use crate::wire::FileCaseRequest;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    #[test]
    fn only_another_case_of_the_same_community_merges_in() {
        let primary = CaseCode::parse("ZH01-2026-0001").unwrap();
        assert_eq!(
            check_merge(&primary, " zh01 2026 0002 ")
                .unwrap()
                .to_string(),
            "ZH01-2026-0002"
        );
        assert!(check_merge(&primary, "ZH01-2026-0001").is_err());
        assert!(check_merge(&primary, "ZH02-2026-0002").is_err());
        assert_eq!(
            check_merge(&primary, "nonsense").unwrap_err().field,
            "duplicate"
        );
        let close = Command::MergeInto {
            primary: "ZH01-2026-0001".into(),
        };
        assert!(close.is_merge_step());
        assert!(
            !crate::lifecycle::examples::sample_command(CommandKind::Start, "m").is_merge_step()
        );
    }

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 2, 0, 0).unwrap()
    }

    fn new_case() -> Case {
        let request = FileCaseRequest {
            kind: "dispute".into(),
            category: "neighbours".into(),
            description: "楼上漏水".into(),
            respondent_name: None,
            community: "zh01".into(),
            grid: "zh01-g1".into(),
            address: "中华路1号".into(),
            name: "张三".into(),
            phone: "13812345678".into(),
            conflict_since: None,
            answers: Default::default(),
            location: None,
        };
        let filing = validate_filing(&demo_directory(), &request, t0().date_naive()).unwrap();
        Case::file(
            filing,
            CaseCode::new("ZH", 1, 2026, 1).unwrap(),
            crate::case::Channel::Web,
            Actor::Resident,
            t0(),
        )
    }

    fn run(case: &Case, kind: CommandKind) -> Result<(Case, TimelineEvent), CaseError> {
        execute(
            case,
            &sample_command(kind, "mediator01"),
            &sample_actor(kind),
            t0() + Duration::minutes(case.timeline.len() as i64),
            &demo_directory(),
        )
    }

    fn case_in(status: CaseStatus) -> Case {
        path_to(status).into_iter().fold(new_case(), |case, kind| {
            run(&case, kind)
                .unwrap_or_else(|e| panic!("{kind:?} on the way to {status:?}: {e}"))
                .0
        })
    }

    #[test]
    fn every_path_reaches_its_status() {
        for status in CaseStatus::ALL {
            assert_eq!(case_in(status).status, status);
        }
    }

    #[test]
    fn a_held_session_moves_its_case_with_a_coded_note_and_no_words() {
        use crate::case::NoteCode;
        use crate::scheduling::SessionCaseMove;
        let case = case_in(CaseStatus::InProgress);
        let actor = sample_actor(CommandKind::Resolve);
        let (resolved, event) = SessionCaseMove::Resolve
            .apply(&case, &actor, t0() + Duration::hours(1), &demo_directory())
            .unwrap();
        assert_eq!(resolved.status, CaseStatus::Resolved);
        assert_eq!(event.note, None);
        assert_eq!(event.note_code, Some(NoteCode::SessionAgreement));
        assert_eq!(Case::replay(&resolved.timeline).unwrap(), resolved);
        let (failed, event) = SessionCaseMove::FailMediation
            .apply(&case, &actor, t0() + Duration::hours(1), &demo_directory())
            .unwrap();
        assert_eq!(failed.status, CaseStatus::MediationFailed);
        assert_eq!(
            (event.note, event.note_code),
            (None, Some(NoteCode::SessionNoAgreement))
        );
        // A case that has left handling is not moved again.
        assert!(SessionCaseMove::Resolve
            .apply(
                &resolved,
                &actor,
                t0() + Duration::hours(2),
                &demo_directory()
            )
            .is_err());
    }

    /// The table test: every (status, command) pair is allowed exactly when the table says so,
    /// and moves the case where the table says.
    #[test]
    fn every_allowed_transition_works_and_every_other_is_refused() {
        for status in CaseStatus::ALL {
            let case = case_in(status);
            for kind in ALL_COMMANDS {
                let result = run(&case, kind);
                match transition(status, kind) {
                    Some(to) => {
                        let (next, event) =
                            result.unwrap_or_else(|e| panic!("{kind:?} in {status:?}: {e}"));
                        assert_eq!(next.status, to.unwrap_or(status), "{kind:?} in {status:?}");
                        assert_eq!(event.from, Some(status));
                        next.check_invariants().unwrap();
                    }
                    None => assert_eq!(
                        result.unwrap_err(),
                        CaseError::InvalidTransition {
                            from: status,
                            command: kind
                        }
                    ),
                }
            }
        }
    }

    /// The two role tables agree: the policy's `ChangeCase` bounds every command lifecycle
    /// lets a staff member give, and each command's rule asks no more of the policy than it
    /// grants (merging needs `MergeCases`, choosing handlers needs `ListPeople`, acting
    /// without being a handler needs more than "assigned" reach).
    #[test]
    fn who_may_give_a_command_stays_inside_the_policy() {
        use crate::policy::{reach, Action, Reach, POLICY};
        let base = case_in(S::InProgress);
        for (role, _) in POLICY {
            let role = *role;
            let me = "someone";
            let actor = Actor::Staff {
                username: me.into(),
                role,
            };
            let mut gives_some_command = false;
            for position in ["not a handler", "handler", "lead"] {
                let mut case = base.clone();
                if position != "not a handler" {
                    for h in &mut case.handlers {
                        h.lead = h.lead && position != "lead";
                    }
                    case.handlers.push(Handler {
                        username: me.into(),
                        role,
                        lead: position == "lead",
                    });
                }
                for kind in ALL_COMMANDS {
                    if authorize(&case, &actor, kind).is_err() {
                        continue;
                    }
                    gives_some_command = true;
                    let change = reach(role, Action::ChangeCase);
                    assert_ne!(
                        change,
                        Reach::None,
                        "{role:?} may {kind:?} but not ChangeCase"
                    );
                    // Notes follow the policy's reach itself: whoever may change the case.
                    if position == "not a handler" && kind != CommandKind::AddNote {
                        assert!(
                            change >= Reach::Community,
                            "{role:?} may {kind:?} unassigned, the policy says {change:?}"
                        );
                    }
                    if matches!(kind, CommandKind::MergeInto | CommandKind::AbsorbDuplicate) {
                        assert!(
                            reach(role, Action::MergeCases) >= change,
                            "{role:?} {kind:?}"
                        );
                    }
                    if matches!(kind, CommandKind::TransferOut | CommandKind::TransferIn) {
                        assert!(
                            reach(role, Action::TransferCases) >= change,
                            "{role:?} {kind:?}"
                        );
                    }
                    if kind == CommandKind::SetHandlers {
                        assert!(
                            reach(role, Action::ListPeople) >= change,
                            "{role:?} {kind:?}"
                        );
                    }
                }
            }
            // No dead policy row: a role that may change cases has some command to give.
            assert_eq!(
                gives_some_command,
                reach(role, Action::ChangeCase) != Reach::None,
                "{role:?}"
            );
        }
    }

    #[test]
    fn a_resident_may_only_give_feedback_and_a_mediator_may_not_override_risk() {
        let case = case_in(S::InProgress);
        let resident = execute(
            &case,
            &sample_command(CommandKind::Resolve, "x"),
            &Actor::Resident,
            t0(),
            &demo_directory(),
        );
        assert_eq!(
            resident.unwrap_err(),
            CaseError::Forbidden {
                command: CommandKind::Resolve
            }
        );
        let mediator = Actor::Staff {
            username: "mediator01".into(),
            role: Role::Mediator,
        };
        let overridden = execute(
            &case,
            &sample_command(CommandKind::OverrideRisk, "x"),
            &mediator,
            t0(),
            &demo_directory(),
        );
        assert!(matches!(overridden, Err(CaseError::Forbidden { .. })));
        // The mediator is the case's handler, so may resolve it.
        assert!(execute(
            &case,
            &sample_command(CommandKind::Resolve, "x"),
            &mediator,
            t0(),
            &demo_directory()
        )
        .is_ok());
        let other_mediator = Actor::Staff {
            username: "mediator09".into(),
            role: Role::Mediator,
        };
        assert!(matches!(
            execute(
                &case,
                &sample_command(CommandKind::Resolve, "x"),
                &other_mediator,
                t0(),
                &demo_directory()
            ),
            Err(CaseError::Forbidden { .. })
        ));
    }

    #[test]
    fn the_offered_commands_are_exactly_those_that_would_succeed_for_the_actor() {
        let actors = [
            sample_actor(CommandKind::Accept),
            Actor::Staff {
                username: "mediator01".into(),
                role: Role::Mediator,
            },
            Actor::Staff {
                username: "police01".into(),
                role: Role::Police,
            },
            Actor::Resident,
        ];
        for status in CaseStatus::ALL {
            let case = case_in(status);
            for actor in &actors {
                let offered = allowed_commands(&case, actor);
                for kind in ALL_COMMANDS {
                    if matches!(kind, CommandKind::Escalate | CommandKind::AbsorbDuplicate) {
                        continue;
                    }
                    let works = execute(
                        &case,
                        &sample_command(kind, "mediator01"),
                        actor,
                        t0(),
                        &demo_directory(),
                    )
                    .is_ok();
                    assert_eq!(
                        offered.contains(&kind),
                        works,
                        "{kind:?} by {actor:?} in {status:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn handlers_need_exactly_one_lead() {
        let case = case_in(S::Accepted);
        let two_leads = Command::SetHandlers {
            handlers: vec![
                Handler {
                    username: "a".into(),
                    role: Role::Mediator,
                    lead: true,
                },
                Handler {
                    username: "b".into(),
                    role: Role::Police,
                    lead: true,
                },
            ],
        };
        let err = execute(
            &case,
            &two_leads,
            &sample_actor(CommandKind::SetHandlers),
            t0(),
            &demo_directory(),
        )
        .unwrap_err();
        assert!(matches!(
            err,
            CaseError::Field(FieldError {
                field: "handlers",
                ..
            })
        ));
    }

    #[test]
    fn feedback_outside_one_to_five_is_refused() {
        let case = case_in(S::FollowUp);
        let bad = Command::GiveFeedback {
            confirmed: true,
            satisfaction: 6,
            comment: None,
        };
        assert!(execute(&case, &bad, &Actor::Resident, t0(), &demo_directory()).is_err());
    }

    #[test]
    fn a_resident_gives_feedback_a_few_times_per_outcome_at_most() {
        let mut case = case_in(S::FollowUp);
        let feedback = Command::GiveFeedback {
            confirmed: true,
            satisfaction: 4,
            comment: Some("谢谢".repeat(500)),
        };
        let mut at = case.timeline.last().unwrap().at;
        for _ in 0..MAX_FEEDBACK_PER_OUTCOME {
            at += Duration::minutes(1);
            case = execute(&case, &feedback, &Actor::Resident, at, &demo_directory())
                .unwrap()
                .0;
        }
        at += Duration::minutes(1);
        assert_eq!(
            execute(&case, &feedback, &Actor::Resident, at, &demo_directory()).unwrap_err(),
            CaseError::FeedbackLimit
        );
        let too_long = Command::GiveFeedback {
            confirmed: true,
            satisfaction: 4,
            comment: Some("谢".repeat(2001)),
        };
        assert!(matches!(
            execute(
                &case_in(S::FollowUp),
                &too_long,
                &Actor::Resident,
                at,
                &demo_directory()
            ),
            Err(CaseError::Field(FieldError {
                field: "comment",
                ..
            }))
        ));
    }

    #[test]
    fn reopening_clears_the_outcome_and_restarts_the_clock() {
        let closed = case_in(S::Closed);
        assert_eq!(closed.outcome, Some(Outcome::AgreementReached));
        let later = closed.timeline.last().unwrap().at + Duration::days(30);
        let (reopened, _) = execute(
            &closed,
            &sample_command(CommandKind::Reopen, "x"),
            &sample_actor(CommandKind::Reopen),
            later,
            &demo_directory(),
        )
        .unwrap();
        assert_eq!(reopened.status, S::InProgress);
        assert_eq!(reopened.outcome, None);
        assert_eq!(reopened.reopened, 1);
        assert_eq!(reopened.stage_started_at, later);
    }

    #[test]
    fn the_escalation_run_climbs_the_ladder_once_per_level() {
        let limits = crate::time_limits::TimeLimits::defaults();
        let mut case = case_in(S::Reported);
        // Neighbours, low risk: 72 hours to triage.
        let step = |case: &Case, hours: i64| {
            escalation_due_now(case, &limits, t0() + Duration::hours(hours))
        };
        assert_eq!(step(&case, 71), None);
        for (hours, level) in [
            (73, EscalationLevel::Community),
            (145, EscalationLevel::Street),
            (217, EscalationLevel::District),
        ] {
            let command = step(&case, hours).unwrap();
            assert_eq!(command, Command::Escalate { level });
            case = execute(
                &case,
                &command,
                &Actor::System,
                t0() + Duration::hours(hours),
                &demo_directory(),
            )
            .unwrap()
            .0;
            assert_eq!(
                step(&case, hours),
                None,
                "a second run at the same time changes nothing"
            );
        }
        assert_eq!(step(&case, 10_000), None);
    }

    #[test]
    fn escalating_twice_to_the_same_level_is_refused() {
        let case = case_in(S::Reported);
        let up = Command::Escalate {
            level: EscalationLevel::Street,
        };
        let (once, _) = execute(&case, &up, &Actor::System, t0(), &demo_directory()).unwrap();
        assert_eq!(once.escalation, EscalationLevel::Street);
        assert_eq!(
            execute(&once, &up, &Actor::System, t0(), &demo_directory()).unwrap_err(),
            CaseError::NothingToEscalate
        );
    }

    /// Found by the command_sequence fuzz target: an assessment of `u32::MAX` earlier failed
    /// mediations, then a failed one, overflowed the count.
    #[test]
    fn a_failed_mediation_after_the_largest_count_keeps_the_count() {
        let case = case_in(S::InProgress);
        let assess = Command::AssessRisk {
            factors: crate::risk::RiskFactors {
                failed_mediations: u32::MAX,
                ..Default::default()
            },
        };
        let actor = sample_actor(CommandKind::AssessRisk);
        let (assessed, _) = execute(&case, &assess, &actor, t0(), &demo_directory()).unwrap();
        let (failed, _) = run(&assessed, CommandKind::FailMediation).unwrap();
        assert_eq!(failed.status, S::MediationFailed);
        assert_eq!(failed.risk.factors.failed_mediations, u32::MAX);
        assert_eq!(Case::replay(&failed.timeline).unwrap(), failed);
    }

    #[test]
    fn a_timeline_never_runs_backwards_even_if_the_clock_does() {
        let case = case_in(S::Accepted);
        let earlier = t0() - Duration::days(1);
        let (next, event) = execute(
            &case,
            &sample_command(CommandKind::AddNote, "x"),
            &sample_actor(CommandKind::AddNote),
            earlier,
            &demo_directory(),
        )
        .unwrap();
        assert!(event.at >= case.timeline.last().unwrap().at);
        next.check_invariants().unwrap();
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// No sequence of commands leaves a case invalid, and replaying the timeline of
        /// whatever results gives the same case back.
        #[test]
        fn no_sequence_of_commands_breaks_a_case(steps in proptest::collection::vec((0usize..20, 0u8..4, 0i64..5000), 0..40)) {
            let directory = demo_directory();
            let mut case = new_case();
            let mut now = t0();
            for (command_index, actor_index, minutes) in steps {
                now += Duration::minutes(minutes);
                let kind = ALL_COMMANDS[command_index];
                let actor = match actor_index {
                    0 => sample_actor(kind),
                    1 => Actor::Resident,
                    2 => Actor::Staff { username: "mediator01".into(), role: Role::Mediator },
                    _ => Actor::Staff { username: "grid02".into(), role: Role::GridWorker },
                };
                if let Ok((next, _)) = execute(&case, &sample_command(kind, "mediator01"), &actor, now, &directory) {
                    case = next;
                }
                prop_assert!(case.check_invariants().is_ok(), "{:?}", case.check_invariants());
            }
            let replayed = Case::replay(&case.timeline).unwrap();
            prop_assert_eq!(replayed, case.clone());
            // And the stored form survives JSON.
            let json = serde_json::to_string(&case).unwrap();
            let back: Case = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, case);
        }
    }

    #[test]
    fn a_case_moved_to_another_street_closes_here_and_starts_afresh_there() {
        let dir = demo_directory();
        let district = Actor::Staff {
            username: "district".into(),
            role: Role::DistrictCoordinator,
        };
        let old = case_in(CaseStatus::InProgress);
        let code = crate::code::CaseCode::parse("ZS01-2026-0001").unwrap();
        let later = t0() + chrono::Duration::days(3);
        let to = MoveTarget {
            code,
            community: "zs01",
            grid: "zs01-g1",
        };
        let reason = "the address is in Zhoushuizi";
        let (moved, event) = transferred_case(&old, to, &district, reason, later, &dir).unwrap();
        assert_eq!(moved.status, CaseStatus::Reported);
        assert_eq!(moved.community, "zs01");
        assert_eq!(
            moved.moved_from.as_deref(),
            Some(old.code.to_string().as_str())
        );
        assert_eq!(
            moved.filed_at, old.filed_at,
            "the matter keeps when it came in"
        );
        assert_eq!(
            moved.stage_started_at, later,
            "the receiving street's clock starts afresh"
        );
        assert!(moved.handlers.is_empty());
        assert_eq!(event.visibility, Visibility::Internal);
        assert_eq!(Case::replay(&moved.timeline).as_ref(), Ok(&moved));
        let wire = serde_json::to_string(&event).unwrap();
        assert_eq!(serde_json::from_str::<TimelineEvent>(&wire).unwrap(), event);
        assert_eq!(wire.matches("\"from\"").count(), 1, "{wire}");
        let out = Command::TransferOut {
            to: "ZS01-2026-0001".into(),
            reason: "the address is in Zhoushuizi".into(),
        };
        let (closed, _) = execute(&old, &out, &district, later, &dir).unwrap();
        assert_eq!(closed.status, CaseStatus::Closed);
        assert_eq!(closed.moved_to.as_deref(), Some("ZS01-2026-0001"));
        let reopen = Command::Reopen {
            reason: "again".into(),
        };
        assert!(execute(&closed, &reopen, &district, later, &dir).is_err());
        // Only the district moves cases, and not to the same community.
        let coordinator = Actor::Staff {
            username: "coordinator".into(),
            role: Role::Coordinator,
        };
        assert!(execute(&old, &out, &coordinator, later, &dir).is_err());
        let same = old.community.clone();
        let code = crate::code::CaseCode::parse("ZH01-2026-0002").unwrap();
        let to = MoveTarget {
            code,
            community: &same,
            grid: "zh01-g1",
        };
        assert!(transferred_case(&old, to, &district, "x", later, &dir).is_err());
        // The target: another street's community, within the mover's scope.
        let scope = crate::staff::Scope::District;
        assert!(check_move_target(&dir, &scope, "zh01", "zs01").is_ok());
        let same_street = check_move_target(&dir, &scope, "zh01", "zh07").unwrap_err();
        assert_eq!(same_street.problem, FieldProblem::InvalidFormat);
        let unknown = check_move_target(&dir, &scope, "zh01", "nowhere").unwrap_err();
        assert_eq!(unknown.problem, FieldProblem::UnknownCommunity);
        let street = crate::staff::Scope::street("zhonghua-road");
        assert!(check_move_target(&dir, &street, "zh01", "zs01").is_err());
    }
}
