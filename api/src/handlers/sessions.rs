//! Mediation sessions: scheduling on a case, answers, confirmation, rescheduling, the record
//! of a held session (which moves the case), parties' links, working hours and calendar feeds.

use crate::error::ApiError;
use crate::handlers::case_detail;
use crate::handlers::guard::{
    guarded_lookup, limits_of_code, require_may, require_staff, require_street_permission,
    resident_call,
};
use crate::handlers::people::people;
use crate::handlers::{random_bytes, request_origin, request_time};
use crate::http::{json, read_json};
use crate::protocol::{
    AnswerSlots, ApplyCaseMove, AvailabilityQuery, CaseMoveDelivered, CaseMoveMessage,
    CreateSession, FeedSessions, FixTime, OpenFeed, PartyCommand, PartyOp, PartySession,
    PendingCaseMoves, RecordSession, SessionChange, SessionFilter, SetAvailability, SetFeed,
    TrackCommand, TrackReply,
};
use crate::session::{token_from_random, token_hash};
use crate::storage;
use accord_shared::case::PartyRole;
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::ical::{calendar, IcsEvent};
use accord_shared::lifecycle::CommandKind;
use accord_shared::policy::{Action, Reach, Resource};
use accord_shared::scheduling::{
    case_move_for, session_event, Availability, NewSessionRequest, Participant, PartySessionView,
    ProposalContext, ProposalError, RecordBase, Session, SessionActor, SessionCaseMove,
    SessionOutcome, SessionRecord, StaffSessionView, Venue, CALENDAR_LANGUAGE,
};
use accord_shared::secret::hex;
use accord_shared::staff::{Scope, Within};
use accord_shared::wire::{CaseDetail, Me, TrackRequest, MAX_SMALL_BODY_BYTES};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use worker::{Env, Headers, Request, Response};

fn field(name: &'static str, problem: FieldProblem) -> ApiError {
    ApiError::Field(FieldError::new(name, problem))
}

/// The case as `me` may see it (404 otherwise).
async fn case_for(req: &Request, env: &Env, me: &Me, code: &str) -> Result<CaseDetail, ApiError> {
    case_detail::load(req, env, me, code, false).await
}

fn case_resource(case: &CaseDetail) -> Resource<'_> {
    Resource {
        community: Some(Within {
            street: &case.street,
            community: &case.community,
        }),
        handlers: &case.handlers,
    }
}

/// Scheduling on a case: the policy's `ScheduleSessions` on that case.
fn require_schedule(me: &Me, case: &CaseDetail) -> Result<(), ApiError> {
    require_may(me, Action::ScheduleSessions, case_resource(case))
}

/// `me` as the session rules see them, with the policy's answer for scheduling on `case`.
fn staff_actor(me: &Me, case: Option<&CaseDetail>) -> SessionActor {
    SessionActor::Staff {
        username: me.username.clone(),
        may_schedule: case.is_some_and(|c| me.may(Action::ScheduleSessions, case_resource(c))),
    }
}

fn staff_view(
    session: Session,
    me: &Me,
    case: Option<&CaseDetail>,
    now: DateTime<Utc>,
) -> StaffSessionView {
    StaffSessionView::new(session, &staff_actor(me, case), now)
}

impl From<ProposalError> for ApiError {
    fn from(err: ProposalError) -> Self {
        match err {
            // A case outside handling takes no sessions, as it takes no start.
            ProposalError::CaseNotSchedulable(from) => ApiError::InvalidTransition {
                from,
                command: CommandKind::Start,
            },
            ProposalError::Field(field) => ApiError::Field(field),
        }
    }
}

#[derive(Serialize, Deserialize)]
pub struct PartyLink {
    pub role: PartyRole,
    pub token: String,
}

#[derive(Serialize, Deserialize)]
pub struct ScheduledSession {
    pub session: StaffSessionView,
    /// One link per party, shown once: `<origin>/s#<token>`.
    pub party_links: Vec<PartyLink>,
}

/// `POST /api/staff/cases/{code}/sessions`: propose 2–5 times, or book one at once.
pub async fn create(mut req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let request: NewSessionRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    // The case is marked as one with sessions before the calendar holds one, so a look-up
    // never misses a session (a proposal refused below leaves a harmless mark).
    let case = case_detail::load(&req, env, &me, &code, true).await?;
    require_schedule(&me, &case)?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let staff_in_scope: Vec<String> = people(env)
        .await?
        .into_iter()
        .filter(|p| {
            p.scope.includes(Within {
                street: &case.street,
                community: &case.community,
            })
        })
        .map(|p| p.username)
        .collect();
    // Rooms of the case's community and the workstations of its street.
    let places: Vec<_> = directory
        .places
        .iter()
        .filter(|p| p.street == case.street)
        .cloned()
        .collect();
    let case_parties: Vec<PartyRole> = case.parties.iter().map(|p| p.role).collect();
    let (session, place) = Session::propose(
        &request,
        ProposalContext {
            case_code: &case.code,
            community: &case.community,
            case_status: case.status,
            case_parties: &case_parties,
            places: &places,
            staff_in_scope: &staff_in_scope,
            id: hex(&random_bytes::<8>()?),
            created_by: &me.username,
            now,
        },
    )?;
    let mut links = Vec::new();
    let mut hashes = Vec::new();
    for role in session.parties.clone() {
        let token = token_from_random(random_bytes::<32>()?);
        hashes.push((role, token_hash(&token)));
        links.push(PartyLink { role, token });
    }
    let created = storage::calendar_store(env)?
        .call(&CreateSession {
            session,
            party_token_hashes: hashes,
            place,
            origin: request_origin(&req),
        })
        .await?;
    json(
        &ScheduledSession {
            session: staff_view(created, &me, Some(&case), now),
            party_links: links,
        },
        201,
    )
}

async fn load_session(env: &Env, id: &str) -> Result<Session, ApiError> {
    let found = storage::calendar_store(env)?
        .call(&SessionFilter {
            id: Some(id.to_owned()),
            staff: None,
            case_code: None,
            communities: None,
            from: None,
            to: None,
        })
        .await?;
    found.into_iter().next().ok_or(ApiError::NotFound)
}

/// A session whose case `me` may schedule on.
async fn session_to_schedule(
    req: &Request,
    env: &Env,
    me: &Me,
    id: &str,
) -> Result<(Session, CaseDetail), ApiError> {
    let session = load_session(env, id).await?;
    let case = case_for(req, env, me, &session.case_code).await?;
    require_schedule(me, &case)?;
    Ok((session, case))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TimeRequest {
    slot: Option<u8>,
    start: Option<DateTime<Utc>>,
}

/// `POST /api/staff/sessions/{id}/confirm` (`{slot}`) and `/reschedule` (`{start}`): the
/// check for conflicts and the booking happen in one step in the calendar object.
pub async fn fix_time(
    mut req: Request,
    env: &Env,
    id: String,
    reschedule: bool,
) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let body: TimeRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let (session, case) = session_to_schedule(&req, env, &me, &id).await?;
    let directory = storage::directory(env).await?;
    let place = match &session.venue {
        Venue::Place { place } => directory.place(place).cloned(),
        Venue::Online { .. } => None,
    };
    let (slot, start) = if reschedule {
        (
            None,
            Some(
                body.start
                    .ok_or_else(|| field("start", FieldProblem::Required))?,
            ),
        )
    } else {
        (
            Some(
                body.slot
                    .ok_or_else(|| field("slot", FieldProblem::Required))?,
            ),
            None,
        )
    };
    let now = request_time(&req, env);
    let updated = storage::calendar_store(env)?
        .call(&FixTime {
            id,
            slot,
            start,
            place,
            actor: me.username.clone(),
            now,
            origin: request_origin(&req),
        })
        .await?;
    json(&staff_view(updated, &me, Some(&case), now), 200)
}

/// `POST /api/staff/sessions/{id}/cancel`
pub async fn cancel(req: Request, env: &Env, id: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let (_, case) = session_to_schedule(&req, env, &me, &id).await?;
    let now = request_time(&req, env);
    let updated = storage::calendar_store(env)?
        .call(&SessionChange {
            id,
            actor: me.username.clone(),
            now,
            origin: request_origin(&req),
        })
        .await?;
    json(&staff_view(updated, &me, Some(&case), now), 200)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RecordRequest {
    no_show: bool,
    attendees: Vec<Participant>,
    minutes: String,
    outcome: Option<SessionOutcome>,
    /// The session's version the record was written on (a record kept on a phone without
    /// signal): a session changed since is a 409 `session_changed`, never overwritten.
    based_on: Option<u32>,
}

#[derive(Serialize)]
struct Recorded {
    session: StaffSessionView,
    case: CaseDetail,
    /// The case move the record calls for has not reached the case yet (it is kept and
    /// delivered again by the scheduled run, or by sending the same record again).
    case_move_pending: bool,
}

/// Test support: `X-Accord-Test-Fault: case-move` makes the delivery of a held session's case
/// move fail after the session is recorded, as if the community's object could not be reached.
fn case_move_fault(req: &Request, env: &Env) -> bool {
    crate::handlers::test_fault(req, env, "case-move")
}

/// Delivers a held session's case move to its community, then clears it from the calendar's
/// outbox. The community applies each move once, so a delivery repeated after a failure
/// between the two steps changes nothing.
pub async fn deliver_case_move(
    env: &Env,
    message: CaseMoveMessage,
    origin: String,
) -> Result<CaseDetail, ApiError> {
    let directory = storage::directory(env).await?;
    let session_id = message.session_id.clone();
    let case = storage::community_store(env, &message.community)?
        .call(&ApplyCaseMove {
            message,
            directory,
            origin,
        })
        .await?;
    storage::calendar_store(env)?
        .call(&CaseMoveDelivered { session_id })
        .await?;
    Ok(case)
}

/// The scheduled run's part: every case move still owed is delivered again; the count of
/// those that arrived.
pub async fn deliver_pending_case_moves(env: &Env) -> Result<u32, ApiError> {
    let pending = storage::calendar_store(env)?
        .call(&PendingCaseMoves {
            limit: 200,
            session_id: None,
        })
        .await?;
    // One community that cannot be reached does not hold back the others' moves.
    let mut delivered = 0;
    for message in pending {
        let session_id = message.session_id.clone();
        match deliver_case_move(env, message, "scheduled".into()).await {
            Ok(_) => delivered += 1,
            Err(err) => {
                worker::console_error!("session {session_id}: case move not delivered: {err}")
            }
        }
    }
    Ok(delivered)
}

/// `POST /api/staff/sessions/{id}/record`: held (attendees, minutes, outcome) or no-show. An
/// agreement resolves the case; a failure marks the mediation failed (referral comes next).
/// The two objects are kept in step by the calendar's outbox: the record and the case move
/// it owes are written together, the move is then delivered, and sending the same record
/// again (or the scheduled run) delivers a move that did not arrive.
pub async fn record(mut req: Request, env: &Env, id: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let body: RecordRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let (session, case) = session_to_schedule(&req, env, &me, &id).await?;
    let held = if body.no_show {
        None
    } else {
        let outcome = body
            .outcome
            .ok_or_else(|| field("outcome", FieldProblem::Required))?;
        Some(SessionRecord {
            attendees: body.attendees,
            minutes: body.minutes,
            outcome,
        })
    };
    // Checked here to answer before the case's status, and again in the calendar's own step.
    let retry = session.check_record_base(&held, body.based_on)? == RecordBase::AlreadySaved;
    if !retry
        && case_move_for(held.as_ref()).is_some()
        && case.status != SessionCaseMove::REQUIRED_STATUS
    {
        // The outcome moves the case, so the case must be in progress before anything changes.
        return Err(ApiError::InvalidTransition {
            from: case.status,
            command: CommandKind::Resolve,
        });
    }
    let now = request_time(&req, env);
    let origin = request_origin(&req);
    let recorded = storage::calendar_store(env)?
        .call(&RecordSession {
            id,
            actor: me.username.clone(),
            me: me.clone(),
            now,
            origin: origin.clone(),
            held,
            based_on: body.based_on,
        })
        .await?;
    let (case, case_move_pending) = match recorded.pending {
        Some(_) if case_move_fault(&req, env) => (case, true),
        Some(message) => match deliver_case_move(env, message, origin).await {
            Ok(moved) => (moved, false),
            Err(err) => {
                worker::console_error!(
                    "session {}: case move not delivered: {err}",
                    recorded.session.id
                );
                (case, true)
            }
        },
        None => (
            case_for(&req, env, &me, &recorded.session.case_code).await?,
            false,
        ),
    };
    json(
        &Recorded {
            session: staff_view(recorded.session, &me, Some(&case), now),
            case,
            case_move_pending,
        },
        200,
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AnswersRequest {
    answers: Vec<(u8, bool)>,
}

/// `POST /api/staff/sessions/{id}/answers`: a staff participant says which times suit them.
pub async fn staff_answers(mut req: Request, env: &Env, id: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let body: AnswersRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let session = load_session(env, &id).await?;
    let directory = storage::directory(env).await?;
    let may_answer = directory
        .within(&session.community)
        .is_some_and(|at| me.may(Action::AnswerSessions, Resource::at(at)));
    if !may_answer {
        // Like a session that does not exist, as the calendar answers non-participants.
        return Err(ApiError::NotFound);
    }
    let now = request_time(&req, env);
    let updated = storage::calendar_store(env)?
        .call(&AnswerSlots {
            id,
            participant: Participant::Staff(me.username.clone()),
            answers: body.answers,
            now,
        })
        .await?;
    // The reader may not see the case (a judge asked to a session): then only answering.
    let case = case_for(&req, env, &me, &updated.case_code).await.ok();
    json(&staff_view(updated, &me, case.as_ref(), now), 200)
}

fn query_time(req: &Request, name: &str) -> Result<Option<DateTime<Utc>>, ApiError> {
    let url = req.url()?;
    let Some((_, value)) = url.query_pairs().find(|(n, _)| n == name) else {
        return Ok(None);
    };
    DateTime::parse_from_rfc3339(&value)
        .map(|t| Some(t.with_timezone(&Utc)))
        .map_err(|_| ApiError::InvalidParameter {
            field: if name == "from" { "from" } else { "to" },
        })
}

/// `GET /api/staff/sessions?from=&to=&mine=1`: the agenda: the caller's sessions, and (for
/// those who list a community's cases) the sessions of their communities.
pub async fn agenda(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::KeepOwnCalendar)?;
    let mine = req
        .url()?
        .query_pairs()
        .any(|(n, v)| n == "mine" && v == "1");
    let whole = !mine && me.reach(Action::ListCases) >= Reach::Community;
    let filter = SessionFilter {
        id: None,
        staff: (!whole).then(|| me.username.clone()),
        case_code: None,
        communities: match (&me.scope, whole) {
            (Scope::Communities { communities }, true) => Some(communities.clone()),
            (Scope::Street { street }, true) => Some(
                storage::directory(env)
                    .await?
                    .communities_of(street)
                    .map(|c| c.id.clone())
                    .collect(),
            ),
            _ => None,
        },
        from: query_time(&req, "from")?,
        to: query_time(&req, "to")?,
    };
    let sessions = storage::calendar_store(env)?.call(&filter).await?;
    json(&sessions, 200)
}

/// `GET /api/staff/cases/{code}/sessions`
pub async fn of_case(req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let case = case_for(&req, env, &me, &code).await?;
    let sessions = storage::calendar_store(env)?
        .call(&SessionFilter {
            id: None,
            staff: None,
            case_code: Some(case.code.clone()),
            communities: None,
            from: None,
            to: None,
        })
        .await?;
    let now = request_time(&req, env);
    let views: Vec<StaffSessionView> = sessions
        .into_iter()
        .map(|session| staff_view(session, &me, Some(&case), now))
        .collect();
    json(&views, 200)
}

/// `GET /api/staff/availability`: the caller's working hours and absences.
pub async fn get_availability(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::KeepOwnCalendar)?;
    let value = storage::calendar_store(env)?
        .call(&AvailabilityQuery {
            username: me.username,
        })
        .await?;
    json(&value, 200)
}

/// `POST /api/staff/availability`: replaces the caller's working hours and absences.
pub async fn set_availability(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::KeepOwnCalendar)?;
    let mut value: Availability = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    value.username = me.username;
    let saved = storage::calendar_store(env)?
        .call(&SetAvailability(value))
        .await?;
    json(&saved, 200)
}

#[derive(Serialize)]
struct Feed {
    /// Path of the private feed; subscribe to `<origin><path>`.
    path: String,
}

/// `POST /api/staff/calendar/feed`: a new private feed address (the old one stops working).
pub async fn new_feed(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::KeepOwnCalendar)?;
    let token = token_from_random(random_bytes::<32>()?);
    storage::calendar_store(env)?
        .call(&SetFeed {
            username: me.username,
            token_hash: Some(token_hash(&token)),
        })
        .await?;
    json(
        &Feed {
            path: format!("/api/calendar/{token}"),
        },
        201,
    )
}

/// `POST /api/staff/calendar/feed/revoke`
pub async fn revoke_feed(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::KeepOwnCalendar)?;
    storage::calendar_store(env)?
        .call(&SetFeed {
            username: me.username,
            token_hash: None,
        })
        .await?;
    Ok(Response::empty()?.with_status(204))
}

/// A session as a calendar event, with its place looked up in the directory.
fn ics_event(directory: &accord_shared::directory::Directory, s: &Session) -> Option<IcsEvent> {
    let place = match &s.venue {
        Venue::Place { place } => directory.place(place),
        Venue::Online { .. } => None,
    };
    let street = directory
        .community(&s.community)
        .map_or(directory.district.id.as_str(), |c| c.street.as_str());
    session_event(s, place, street, CALENDAR_LANGUAGE)
}

fn ics_response(body: String, filename: &str) -> Result<Response, ApiError> {
    let headers = Headers::new();
    headers.set("content-type", "text/calendar; charset=utf-8")?;
    headers.set(
        "content-disposition",
        &format!("inline; filename=\"{filename}\""),
    )?;
    Ok(Response::ok(body)?.with_headers(headers))
}

/// `GET /api/calendar/{token}`: a staff member's private feed (proposed sessions as
/// tentative, confirmed and held ones, cancellations as cancelled).
pub async fn feed(req: Request, env: &Env, token: String) -> Result<Response, ApiError> {
    let valid = token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit());
    if !valid {
        return Err(ApiError::NotFound);
    }
    let FeedSessions { username, sessions } = storage::calendar_store(env)?
        .call(&OpenFeed {
            token_hash: token_hash(&token),
        })
        .await?;
    let directory = storage::directory(env).await?;
    let events: Vec<IcsEvent> = sessions
        .iter()
        .filter_map(|s| ics_event(&directory, s))
        .collect();
    let name = CALENDAR_LANGUAGE.feed_name(&username);
    ics_response(
        calendar(&name, &events, request_time(&req, env)),
        "accord.ics",
    )
}

/// The party link's token from `Authorization: Party <token>`.
pub fn party_token(req: &Request) -> Result<String, ApiError> {
    let header = req.headers().get("Authorization")?.unwrap_or_default();
    header
        .strip_prefix("Party ")
        .map(str::trim)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned)
        .ok_or(ApiError::Unauthenticated)
}

async fn party_call(req: &Request, env: &Env, op: PartyOp) -> Result<PartySessionView, ApiError> {
    let token = party_token(req)?;
    storage::calendar_store(env)?
        .call(&PartyCommand {
            token_hash: token_hash(&token),
            op,
            now: request_time(req, env),
            origin: request_origin(req),
        })
        .await
}

/// `GET /api/party/session`
pub async fn party_view(req: Request, env: &Env) -> Result<Response, ApiError> {
    let view = party_call(&req, env, PartyOp::View).await?;
    json(&view, 200)
}

/// `POST /api/party/answers`
pub async fn party_answers(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let body: AnswersRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let view = party_call(
        &req,
        env,
        PartyOp::Answer {
            answers: body.answers,
        },
    )
    .await?;
    json(&view, 200)
}

/// `POST /api/party/attend`
pub async fn party_attend(req: Request, env: &Env) -> Result<Response, ApiError> {
    let view = party_call(&req, env, PartyOp::Attend).await?;
    json(&view, 200)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ReasonRequest {
    reason: String,
}

/// `POST /api/party/reschedule`
pub async fn party_reschedule(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let body: ReasonRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let view = party_call(
        &req,
        env,
        PartyOp::Reschedule {
            reason: body.reason,
        },
    )
    .await?;
    json(&view, 200)
}

/// `GET /api/party/session.ics`: the session as a calendar file for the party's phone.
pub async fn party_ics(req: Request, env: &Env) -> Result<Response, ApiError> {
    let token = party_token(&req)?;
    let session = storage::calendar_store(env)?
        .call(&PartySession {
            token_hash: token_hash(&token),
        })
        .await?;
    let directory = storage::directory(env).await?;
    let events: Vec<IcsEvent> = ics_event(&directory, &session).into_iter().collect();
    ics_response(
        calendar(
            CALENDAR_LANGUAGE.mediation(),
            &events,
            request_time(&req, env),
        ),
        "session.ics",
    )
}

/// A case's sessions as its applicant sees them.
pub async fn applicant_sessions(
    env: &Env,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Vec<PartySessionView>, ApiError> {
    let sessions = storage::calendar_store(env)?
        .call(&SessionFilter {
            id: None,
            staff: None,
            case_code: Some(code.to_owned()),
            communities: None,
            from: None,
            to: None,
        })
        .await?;
    Ok(sessions
        .iter()
        .filter(|s| s.parties.contains(&PartyRole::Applicant))
        .map(|s| s.party_view(PartyRole::Applicant, now))
        .collect())
}

/// `POST /api/track/sessions`: the sessions of a resident's case, by code and secret.
pub async fn track_sessions(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let request: TrackRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let (dir, request_ref) = (&directory, &request);
    let reply: TrackReply = guarded_lookup(env, &req, &directory, &request.code, now, |guard| {
        resident_call(env, dir, &request_ref.code, move |code| TrackCommand {
            limits: limits_of_code(dir, &code),
            code,
            secret: request_ref.secret.clone(),
            now,
            guard: guard.clone(),
        })
    })
    .await?;
    let sessions = if reply.has_sessions {
        applicant_sessions(env, &reply.case.code, now).await?
    } else {
        Vec::new()
    };
    json(&sessions, 200)
}
