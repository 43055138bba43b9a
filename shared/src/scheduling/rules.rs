//! Who may do what to a mediation session: how a request becomes a session
//! (`Session::propose`), the session transition table applied to a reader
//! (`allowed_session_actions`, sent to the UI as cases send `allowed_commands`), and what a
//! held session's outcome does to its case.

use crate::case::{Actor, Case, NoteCode, Outcome};
use crate::case::{CaseStatus, PartyRole};
use crate::directory::Directory;
use crate::fields::{FieldError, FieldProblem};
use crate::lifecycle::{execute_noted, CaseError, Command};
use crate::scheduling::calendar::{
    conflicts_with_hours_until, Availability, Booking, Conflict, Place,
};
use crate::scheduling::session::{
    check_new_session, reminder, session_transition, Answer, NewSessionRequest, Participant,
    Reminder, Session, SessionAction, SessionError, SessionOutcome, SessionRecord, SessionStatus,
    Slot, Venue,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who is acting on a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SessionActor {
    /// A staff member; `may_schedule` is the policy's answer for scheduling on the session's
    /// case (`policy::Action::ScheduleSessions`), decided by the caller.
    Staff {
        username: String,
        may_schedule: bool,
    },
    /// A party, through their own link.
    Party { role: PartyRole },
}

impl SessionActor {
    fn participant(&self) -> Participant {
        match self {
            SessionActor::Staff { username, .. } => Participant::Staff(username.clone()),
            SessionActor::Party { role } => Participant::Party(*role),
        }
    }
}

/// Whether `actor` may take `action` on `session` at `now`: the transition table, who the
/// actor is, and the clock (a session is recorded only once it has begun).
pub fn check_session_action(
    session: &Session,
    actor: &SessionActor,
    action: SessionAction,
    now: DateTime<Utc>,
) -> Result<SessionStatus, SessionError> {
    let to = session_transition(session.status, action).ok_or(action.wrong_status())?;
    use SessionAction as SA;
    let may = match (actor, action) {
        (_, SA::Answer) => session.participants().contains(&actor.participant()),
        (SessionActor::Staff { may_schedule, .. }, a) if a.is_scheduling() => *may_schedule,
        (SessionActor::Party { role }, SA::Attend | SA::AskReschedule) => {
            session.parties.contains(role)
        }
        _ => false,
    };
    if !may {
        return Err(SessionError::NotAParticipant);
    }
    if matches!(action, SA::RecordHeld | SA::RecordNoShow) && session.start.is_some_and(|s| s > now)
    {
        return Err(SessionError::NotYet);
    }
    Ok(to)
}

/// Every action `actor` may take on `session` now, in a stable order; what the UI offers.
pub fn allowed_session_actions(
    session: &Session,
    actor: &SessionActor,
    now: DateTime<Utc>,
) -> Vec<SessionAction> {
    SessionAction::ALL
        .into_iter()
        .filter(|a| check_session_action(session, actor, *a, now).is_ok())
        .collect()
}

/// A session as a party sees it through their link: no staff names, no other party's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartySessionView {
    pub id: String,
    pub case_code: String,
    pub title: String,
    pub status: SessionStatus,
    pub slots: Vec<Slot>,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub venue: Venue,
    pub role: PartyRole,
    /// This party's own answers.
    pub answers: Vec<Answer>,
    pub attending: bool,
    pub reminder: Option<Reminder>,
    /// What this party may do now (answer, confirm they will come, ask for another time).
    pub allowed_actions: Vec<SessionAction>,
}

impl Session {
    /// The session as `role` sees it through their link.
    pub fn party_view(&self, role: PartyRole, now: DateTime<Utc>) -> PartySessionView {
        let me = Participant::Party(role);
        PartySessionView {
            id: self.id.clone(),
            case_code: self.case_code.clone(),
            title: self.title.clone(),
            status: self.status,
            slots: self.slots.clone(),
            start: self.start,
            end: self.end(),
            venue: self.venue.clone(),
            role,
            answers: self
                .answers
                .iter()
                .filter(|a| a.participant == me)
                .cloned()
                .collect(),
            attending: self.attending.contains(&me),
            allowed_actions: allowed_session_actions(self, &SessionActor::Party { role }, now),
            reminder: match self.status {
                SessionStatus::Confirmed => self.start.and_then(|s| reminder(s, now)),
                _ => None,
            },
        }
    }
}

impl Session {
    /// Everything a booking of this session at `start` would collide with: other bookings of
    /// its staff and place, the staff's working hours (for the session itself, not its
    /// buffer) and the place's capacity for everyone taking part.
    pub fn conflicts_at(
        &self,
        start: DateTime<Utc>,
        existing: &[Booking],
        hours: &[Availability],
        place: Option<&Place>,
    ) -> Vec<Conflict> {
        let wanted = self.booking_at(start);
        let session_end = super::session::later(start, i64::from(self.length_minutes));
        let people = (self.staff.len() + self.parties.len()) as u32;
        conflicts_with_hours_until(&wanted, session_end, existing, hours, place, people)
    }
}

/// A session as staff see it, with what the reader may do to it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSessionView {
    #[serde(flatten)]
    pub session: Session,
    pub allowed_actions: Vec<SessionAction>,
}

impl StaffSessionView {
    pub fn new(session: Session, reader: &SessionActor, now: DateTime<Utc>) -> Self {
        let allowed_actions = allowed_session_actions(&session, reader, now);
        StaffSessionView {
            session,
            allowed_actions,
        }
    }
}

/// Sessions can be scheduled on a case once it is accepted and until it leaves handling.
pub fn case_accepts_sessions(status: CaseStatus) -> bool {
    matches!(
        status,
        CaseStatus::Accepted | CaseStatus::Assigned | CaseStatus::InProgress
    )
}

/// What the proposer knows about the case and the street, gathered by the caller.
#[derive(Debug, Clone)]
pub struct ProposalContext<'a> {
    pub case_code: &'a str,
    pub community: &'a str,
    pub case_status: CaseStatus,
    /// The roles of the parties on the case.
    pub case_parties: &'a [PartyRole],
    /// The street's places (rooms, workstations).
    pub places: &'a [Place],
    /// Usernames of the staff whose scope covers the case's community.
    pub staff_in_scope: &'a [String],
    pub id: String,
    pub created_by: &'a str,
    pub now: DateTime<Utc>,
}

/// Why a session could not be proposed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProposalError {
    #[error("a case in status {0:?} takes no sessions")]
    CaseNotSchedulable(CaseStatus),
    #[error("{0}")]
    Field(FieldError),
}

impl From<FieldError> for ProposalError {
    fn from(e: FieldError) -> Self {
        ProposalError::Field(e)
    }
}

fn bad(field: &'static str) -> ProposalError {
    ProposalError::Field(FieldError::new(field, FieldProblem::InvalidFormat))
}

impl Session {
    /// A new session from a mediator's request: 2–5 times proposed to everyone, or one time
    /// booked at once. Checks everything that needs no calendar; the calendar object then
    /// checks the booking for conflicts. Returns the session and the place it books, if any.
    pub fn propose(
        request: &NewSessionRequest,
        ctx: ProposalContext<'_>,
    ) -> Result<(Session, Option<Place>), ProposalError> {
        if !case_accepts_sessions(ctx.case_status) {
            return Err(ProposalError::CaseNotSchedulable(ctx.case_status));
        }
        check_new_session(request, ctx.now)?;
        let venue = request
            .venue
            .clone()
            .ok_or(FieldError::new("venue", FieldProblem::Required))?;
        let place = match &venue {
            Venue::Place { place } => Some(
                ctx.places
                    .iter()
                    .find(|p| {
                        &p.id == place && p.community.as_deref().is_none_or(|c| c == ctx.community)
                    })
                    .cloned()
                    .ok_or_else(|| bad("venue"))?,
            ),
            Venue::Online { .. } => None,
        };
        if request
            .staff
            .iter()
            .any(|username| !ctx.staff_in_scope.contains(username))
        {
            return Err(bad("staff"));
        }
        if request
            .parties
            .iter()
            .any(|role| !ctx.case_parties.contains(role))
        {
            return Err(bad("parties"));
        }
        // Each participant once, in the order first named (not only repeats side by side).
        let parties = first_of_each(&request.parties);
        let staff = first_of_each(&request.staff);
        let slots: Vec<Slot> = request
            .slots
            .iter()
            .zip(1u8..)
            .map(|(start, id)| Slot { id, start: *start })
            .collect();
        let session = Session {
            id: ctx.id,
            case_code: ctx.case_code.to_owned(),
            community: ctx.community.to_owned(),
            title: request.title.trim().to_owned(),
            status: if request.confirm {
                SessionStatus::Confirmed
            } else {
                SessionStatus::Proposed
            },
            start: if request.confirm {
                request.slots.first().copied()
            } else {
                None
            },
            slots,
            length_minutes: request.length_minutes,
            buffer_minutes: request.buffer_minutes,
            venue,
            staff,
            parties,
            answers: Vec::new(),
            attending: Vec::new(),
            reschedule_requests: Vec::new(),
            sequence: 0,
            version: 0,
            record: None,
            created_by: ctx.created_by.to_owned(),
            created_at: ctx.now,
            updated_at: ctx.now,
        };
        Ok((session, place))
    }
}

/// What a held session's outcome does to its case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionCaseMove {
    /// An agreement resolves the case.
    Resolve,
    /// No agreement marks the mediation failed (a referral comes next).
    FailMediation,
}

impl SessionCaseMove {
    /// The status the case must be in for the move.
    pub const REQUIRED_STATUS: CaseStatus = CaseStatus::InProgress;

    /// The closed loop's command for the move, and the code of the note it leaves (worded
    /// by the reader's screen: residents read it on their timeline, with no session ids).
    pub fn command(self) -> (Command, NoteCode) {
        match self {
            SessionCaseMove::Resolve => (
                Command::Resolve {
                    outcome: Outcome::AgreementReached,
                    note: None,
                },
                NoteCode::SessionAgreement,
            ),
            SessionCaseMove::FailMediation => (
                Command::FailMediation {
                    // The command wants a reason; the event keeps only the code.
                    reason: "session".to_owned(),
                },
                NoteCode::SessionNoAgreement,
            ),
        }
    }

    /// Moves the case as the held session says, through the state machine like any change.
    pub fn apply(
        self,
        case: &Case,
        actor: &Actor,
        now: DateTime<Utc>,
        directory: &Directory,
    ) -> Result<(Case, crate::case::TimelineEvent), CaseError> {
        let (command, note) = self.command();
        execute_noted(case, &command, Some(note), actor, now, directory)
    }
}

/// The items in the order they first appear, each once.
fn first_of_each<T: PartialEq + Clone>(items: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

/// The case move a session's record calls for: an agreement resolves, a failure fails the
/// mediation, an adjournment or a no-show leaves the case as it is.
pub fn case_move_for(record: Option<&SessionRecord>) -> Option<SessionCaseMove> {
    match record.map(|r| r.outcome) {
        Some(SessionOutcome::AgreementReached) => Some(SessionCaseMove::Resolve),
        Some(SessionOutcome::Failed) => Some(SessionCaseMove::FailMediation),
        Some(SessionOutcome::Adjourned) | None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduling::session::SESSION_TRANSITIONS;
    use chrono::{Duration, TimeZone};
    use SessionAction as SA;
    use SessionStatus as SS;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap()
    }

    fn places() -> Vec<Place> {
        use crate::directory::Name;
        use crate::scheduling::PlaceKind;
        vec![Place {
            id: "zh01-room".into(),
            street: "zhonghua-road".into(),
            name: Name {
                zh: "调解室".into(),
                en: "Room".into(),
            },
            kind: PlaceKind::MediationRoom,
            community: Some("zh01".into()),
            capacity: 8,
            address: None,
        }]
    }

    fn request() -> NewSessionRequest {
        NewSessionRequest {
            title: "调解".into(),
            slots: vec![now() + Duration::days(1), now() + Duration::days(2)],
            confirm: false,
            length_minutes: 60,
            buffer_minutes: 15,
            venue: Some(Venue::Place {
                place: "zh01-room".into(),
            }),
            staff: vec!["mediator01".into(), "mediator01".into()],
            parties: vec![PartyRole::Applicant],
        }
    }

    fn propose(
        req: &NewSessionRequest,
        status: CaseStatus,
        community: &str,
    ) -> Result<(Session, Option<Place>), ProposalError> {
        let places = places();
        let staff = vec!["mediator01".to_string()];
        Session::propose(
            req,
            ProposalContext {
                case_code: "ZH01-2026-0001",
                community,
                case_status: status,
                case_parties: &[PartyRole::Applicant],
                places: &places,
                staff_in_scope: &staff,
                id: "s1".into(),
                created_by: "mediator01",
                now: now(),
            },
        )
    }

    fn staff(may_schedule: bool) -> SessionActor {
        SessionActor::Staff {
            username: "mediator01".into(),
            may_schedule,
        }
    }

    #[test]
    fn a_proposal_becomes_a_session_with_numbered_slots_and_no_repeats() {
        let (session, place) = propose(&request(), CaseStatus::InProgress, "zh01").unwrap();
        assert_eq!(session.status, SessionStatus::Proposed);
        assert_eq!(
            session.slots.iter().map(|s| s.id).collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(session.staff, ["mediator01"]);
        assert_eq!(session.start, None);
        assert_eq!(place.map(|p| p.id).as_deref(), Some("zh01-room"));
    }

    #[test]
    fn booking_at_once_confirms_the_one_time() {
        let mut req = request();
        req.confirm = true;
        req.slots.truncate(1);
        let (session, _) = propose(&req, CaseStatus::Accepted, "zh01").unwrap();
        assert_eq!(session.status, SessionStatus::Confirmed);
        assert_eq!(session.start, Some(req.slots[0]));
    }

    #[test]
    fn a_proposal_names_what_is_wrong() {
        assert_eq!(
            propose(&request(), CaseStatus::Reported, "zh01").unwrap_err(),
            ProposalError::CaseNotSchedulable(CaseStatus::Reported)
        );
        let field = |r: Result<(Session, Option<Place>), ProposalError>| match r {
            Err(ProposalError::Field(f)) => f.field,
            other => panic!("expected a field error, got {other:?}"),
        };
        assert_eq!(
            field(propose(&request(), CaseStatus::InProgress, "zh02")),
            "venue"
        );
        let mut req = request();
        req.staff = vec!["stranger".into()];
        assert_eq!(
            field(propose(&req, CaseStatus::InProgress, "zh01")),
            "staff"
        );
        let mut req = request();
        req.parties = vec![PartyRole::Respondent];
        assert_eq!(
            field(propose(&req, CaseStatus::InProgress, "zh01")),
            "parties"
        );
        let mut req = request();
        req.slots = vec![now() + Duration::days(1); 2];
        assert_eq!(
            field(propose(&req, CaseStatus::InProgress, "zh01")),
            "slots"
        );
    }

    #[test]
    fn a_proposed_session_offers_answers_to_participants_and_scheduling_to_schedulers() {
        let (session, _) = propose(&request(), CaseStatus::InProgress, "zh01").unwrap();
        assert_eq!(
            allowed_session_actions(&session, &staff(true), now()),
            [SA::Answer, SA::Confirm, SA::Cancel]
        );
        assert_eq!(
            allowed_session_actions(&session, &staff(false), now()),
            [SA::Answer]
        );
        let outsider = SessionActor::Staff {
            username: "grid02".into(),
            may_schedule: false,
        };
        assert!(allowed_session_actions(&session, &outsider, now()).is_empty());
        let applicant = SessionActor::Party {
            role: PartyRole::Applicant,
        };
        assert_eq!(
            allowed_session_actions(&session, &applicant, now()),
            [SA::Answer, SA::AskReschedule]
        );
        let respondent = SessionActor::Party {
            role: PartyRole::Respondent,
        };
        assert!(allowed_session_actions(&session, &respondent, now()).is_empty());
    }

    #[test]
    fn a_confirmed_session_is_recorded_only_once_it_has_begun() {
        let mut req = request();
        req.confirm = true;
        req.slots.truncate(1);
        let (session, _) = propose(&req, CaseStatus::InProgress, "zh01").unwrap();
        assert_eq!(
            allowed_session_actions(&session, &staff(true), now()),
            [SA::Reschedule, SA::Cancel]
        );
        assert_eq!(
            check_session_action(&session, &staff(true), SA::RecordHeld, now()),
            Err(SessionError::NotYet)
        );
        let later = req.slots[0] + Duration::minutes(5);
        assert!(allowed_session_actions(&session, &staff(true), later).contains(&SA::RecordHeld));
        let applicant = SessionActor::Party {
            role: PartyRole::Applicant,
        };
        assert_eq!(
            allowed_session_actions(&session, &applicant, now()),
            [SA::Attend, SA::AskReschedule]
        );
    }

    #[test]
    fn final_statuses_allow_nothing_and_say_why() {
        let (mut session, _) = propose(&request(), CaseStatus::InProgress, "zh01").unwrap();
        for status in [SS::Held, SS::NoShow, SS::Cancelled] {
            session.status = status;
            assert!(allowed_session_actions(&session, &staff(true), now()).is_empty());
            assert_eq!(
                check_session_action(&session, &staff(true), SA::Cancel, now()),
                Err(SessionError::Finished)
            );
            assert_eq!(
                check_session_action(&session, &staff(true), SA::Answer, now()),
                Err(SessionError::NotProposed)
            );
        }
    }

    #[test]
    fn every_allowed_action_is_a_row_of_the_table() {
        for (from, action, to) in SESSION_TRANSITIONS {
            assert_eq!(session_transition(*from, *action), Some(*to));
        }
        let statuses = [
            SS::Proposed,
            SS::Confirmed,
            SS::Held,
            SS::Cancelled,
            SS::NoShow,
        ];
        for status in statuses {
            for action in SessionAction::ALL {
                let listed = SESSION_TRANSITIONS
                    .iter()
                    .any(|(f, a, _)| *f == status && *a == action);
                assert_eq!(session_transition(status, action).is_some(), listed);
            }
        }
    }

    #[test]
    fn working_hours_bound_the_session_and_not_its_buffer_in_one_check() {
        use crate::scheduling::calendar::local_to_utc;
        use chrono::{NaiveDate, NaiveTime};
        let mut req = request();
        req.confirm = true;
        req.buffer_minutes = 30;
        // Wednesday 2 December 2026, 16:30 local: the session ends at closing time, its
        // buffer after it.
        let date = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let at = |h, m| local_to_utc(date, NaiveTime::from_hms_opt(h, m, 0).unwrap()).unwrap();
        req.slots = vec![at(16, 30)];
        let (session, place) = propose(&req, CaseStatus::InProgress, "zh01").unwrap();
        let hours = [Availability::office_hours("mediator01")];
        assert_eq!(
            session.conflicts_at(at(16, 30), &[], &hours, place.as_ref()),
            []
        );
        assert_eq!(
            session.conflicts_at(at(16, 45), &[], &hours, place.as_ref()),
            [Conflict::OutsideHours {
                username: "mediator01".into()
            }]
        );
        // Another session's buffer still keeps the room and the mediator.
        let mut other = session.clone();
        other.id = "s2".into();
        let taken = [other.booking_at(at(15, 30))];
        let found = session.conflicts_at(at(16, 30), &taken, &hours, place.as_ref());
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn the_outcome_decides_the_case_move() {
        let record = |outcome| SessionRecord {
            attendees: vec![],
            minutes: "m".into(),
            outcome,
        };
        assert_eq!(
            case_move_for(Some(&record(SessionOutcome::AgreementReached))),
            Some(SessionCaseMove::Resolve)
        );
        assert_eq!(
            case_move_for(Some(&record(SessionOutcome::Failed))),
            Some(SessionCaseMove::FailMediation)
        );
        assert_eq!(
            case_move_for(Some(&record(SessionOutcome::Adjourned))),
            None
        );
        assert_eq!(case_move_for(None), None);
    }

    #[test]
    fn each_participant_is_named_once_even_when_repeated_apart() {
        let mut req = request();
        req.staff = vec!["mediator01".into(), "judge".into(), "mediator01".into()];
        let places = places();
        let in_scope = vec!["mediator01".to_string(), "judge".to_string()];
        let (session, _) = Session::propose(
            &req,
            ProposalContext {
                case_code: "ZH01-2026-0001",
                community: "zh01",
                case_status: CaseStatus::InProgress,
                case_parties: &[PartyRole::Applicant, PartyRole::Respondent],
                places: &places,
                staff_in_scope: &in_scope,
                id: "s1".into(),
                created_by: "mediator01",
                now: now(),
            },
        )
        .map_err(|_| "refused")
        .unwrap();
        assert_eq!(session.staff, ["mediator01", "judge"]);
        assert_eq!(
            first_of_each(&[
                PartyRole::Applicant,
                PartyRole::Respondent,
                PartyRole::Applicant
            ]),
            [PartyRole::Applicant, PartyRole::Respondent]
        );
    }
}
