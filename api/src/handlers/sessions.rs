//! Mediation sessions: scheduling on a case, answers, confirmation, rescheduling, the record
//! of a held session (which moves the case), parties' links, working hours and calendar feeds.

use crate::error::ApiError;
use crate::handlers::case_detail;
use crate::handlers::guard::{guarded_lookup, require_may, require_staff, resident_case};
use crate::handlers::people::people;
use crate::handlers::{random_bytes, request_origin, request_time};
use crate::http::{json, read_json};
use crate::protocol::{
    AnswerSlots, AvailabilityQuery, CaseCommand, CreateSession, FeedSessions, FixTime, OpenFeed,
    PartyCommand, PartyOp, PartySession, SessionChange, SessionFilter, SetAvailability, SetFeed,
    TrackCommand,
};
use crate::session::{token_from_random, token_hash};
use crate::storage;
use accord_shared::case::{CaseStatus, Outcome, PartyRole};
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::ical::{calendar, EventStatus, IcsEvent};
use accord_shared::lifecycle::Command;
use accord_shared::policy::{Action, Reach, Resource};
use accord_shared::scheduling::{
    check_new_session, Availability, NewSessionRequest, Participant, PartySessionView, Session,
    SessionOutcome, SessionRecord, SessionStatus, Slot, Venue,
};
use accord_shared::secret::hex;
use accord_shared::staff::Scope;
use accord_shared::wire::{CaseDetail, Me, PublicCase, TrackRequest, MAX_SMALL_BODY_BYTES};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use worker::{Env, Headers, Request, Response};

fn field(name: &'static str, problem: FieldProblem) -> ApiError {
    ApiError::Field(FieldError::new(name, problem))
}

/// The case as `me` may see it (404 otherwise).
async fn case_for(req: &Request, env: &Env, me: &Me, code: &str) -> Result<CaseDetail, ApiError> {
    case_detail::load(req, env, me, code).await
}

/// Scheduling on a case is a change to it: the policy's `ChangeCase` on that case.
fn require_change(me: &Me, case: &CaseDetail) -> Result<(), ApiError> {
    let resource = Resource {
        community: Some(&case.community),
        handlers: &case.handlers,
    };
    require_may(me, Action::ChangeCase, resource)
}

#[derive(Serialize, Deserialize)]
pub struct PartyLink {
    pub role: PartyRole,
    pub token: String,
}

#[derive(Serialize, Deserialize)]
pub struct ScheduledSession {
    pub session: Session,
    /// One link per party, shown once: `<origin>/s#<token>`.
    pub party_links: Vec<PartyLink>,
}

/// `POST /api/staff/cases/{code}/sessions`: propose 2–5 times, or book one at once.
pub async fn create(mut req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let request: NewSessionRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let case = case_for(&req, env, &me, &code).await?;
    require_change(&me, &case)?;
    if !matches!(
        case.status,
        CaseStatus::Accepted | CaseStatus::Assigned | CaseStatus::InProgress
    ) {
        return Err(ApiError::InvalidTransition {
            from: case.status,
            command: accord_shared::lifecycle::CommandKind::Start,
        });
    }
    let now = request_time(&req, env);
    check_new_session(&request, now)?;
    let directory = storage::directory(env).await?;
    let place = match &request.venue {
        Some(Venue::Place { place }) => Some(
            directory
                .place(place)
                .filter(|p| p.community.as_deref().is_none_or(|c| c == case.community))
                .cloned()
                .ok_or_else(|| field("venue", FieldProblem::InvalidFormat))?,
        ),
        _ => None,
    };
    let staff_list = people(env).await?;
    for username in &request.staff {
        let known = staff_list
            .iter()
            .any(|p| &p.username == username && p.scope.includes(&case.community));
        if !known {
            return Err(field("staff", FieldProblem::InvalidFormat));
        }
    }
    let present: Vec<PartyRole> = case.parties.iter().map(|p| p.role).collect();
    if request.parties.iter().any(|r| !present.contains(r)) {
        return Err(field("parties", FieldProblem::InvalidFormat));
    }
    let mut parties = request.parties.clone();
    parties.dedup();
    let mut staff = request.staff.clone();
    staff.dedup();
    let slots: Vec<Slot> = request
        .slots
        .iter()
        .zip(1u8..)
        .map(|(start, id)| Slot { id, start: *start })
        .collect();
    let session = Session {
        id: hex(&random_bytes::<8>()?),
        case_code: case.code.clone(),
        community: case.community.clone(),
        title: request.title.trim().to_owned(),
        status: if request.confirm {
            SessionStatus::Confirmed
        } else {
            SessionStatus::Proposed
        },
        start: request.confirm.then(|| request.slots[0]),
        slots,
        length_minutes: request.length_minutes,
        buffer_minutes: request.buffer_minutes,
        venue: request.venue.clone().ok_or(ApiError::Internal)?,
        staff,
        parties: parties.clone(),
        answers: Vec::new(),
        attending: Vec::new(),
        reschedule_requests: Vec::new(),
        sequence: 0,
        record: None,
        created_by: me.username.clone(),
        created_at: now,
        updated_at: now,
    };
    let mut links = Vec::new();
    let mut hashes = Vec::new();
    for role in parties {
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
            session: created,
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

/// A session whose case `me` may change.
async fn session_to_change(
    req: &Request,
    env: &Env,
    me: &Me,
    id: &str,
) -> Result<(Session, CaseDetail), ApiError> {
    let session = load_session(env, id).await?;
    let case = case_for(req, env, me, &session.case_code).await?;
    require_change(me, &case)?;
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
    let (session, _) = session_to_change(&req, env, &me, &id).await?;
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
    let updated = storage::calendar_store(env)?
        .call(&FixTime {
            id,
            slot,
            start,
            place,
            actor: me.username.clone(),
            now: request_time(&req, env),
            origin: request_origin(&req),
        })
        .await?;
    json(&updated, 200)
}

/// `POST /api/staff/sessions/{id}/cancel`
pub async fn cancel(req: Request, env: &Env, id: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    session_to_change(&req, env, &me, &id).await?;
    let updated = storage::calendar_store(env)?
        .call(&SessionChange {
            id,
            actor: me.username.clone(),
            now: request_time(&req, env),
            origin: request_origin(&req),
            held: None,
            close: false,
        })
        .await?;
    json(&updated, 200)
}

const SESSION_AGREEMENT_NOTE: &str =
    "调解会上达成协议 / Agreement reached at the mediation session";
const SESSION_FAILED_NOTE: &str = "调解会上未达成协议 / No agreement at the mediation session";

#[derive(Deserialize, Default)]
#[serde(default)]
struct RecordRequest {
    no_show: bool,
    attendees: Vec<Participant>,
    minutes: String,
    outcome: Option<SessionOutcome>,
}

#[derive(Serialize)]
struct Recorded {
    session: Session,
    case: CaseDetail,
}

/// `POST /api/staff/sessions/{id}/record`: held (attendees, minutes, outcome) or no-show. An
/// agreement resolves the case; a failure marks the mediation failed (referral comes next).
pub async fn record(mut req: Request, env: &Env, id: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let body: RecordRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let (_, case) = session_to_change(&req, env, &me, &id).await?;
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
    let case_command = match held.as_ref().map(|h| h.outcome) {
        // The resident reads these on the public timeline: plain words in both languages, no
        // internal ids (the session itself is on the audit log and the case's sessions).
        Some(SessionOutcome::AgreementReached) => Some(Command::Resolve {
            outcome: Outcome::AgreementReached,
            note: Some(SESSION_AGREEMENT_NOTE.to_owned()),
        }),
        Some(SessionOutcome::Failed) => Some(Command::FailMediation {
            reason: SESSION_FAILED_NOTE.to_owned(),
        }),
        _ => None,
    };
    if case_command.is_some() && case.status != CaseStatus::InProgress {
        // The outcome moves the case, so the case must be in progress before anything changes.
        return Err(ApiError::InvalidTransition {
            from: case.status,
            command: accord_shared::lifecycle::CommandKind::Resolve,
        });
    }
    let now = request_time(&req, env);
    let closed = storage::calendar_store(env)?
        .call(&SessionChange {
            id,
            actor: me.username.clone(),
            now,
            origin: request_origin(&req),
            held,
            close: true,
        })
        .await?;
    let case = match case_command {
        Some(command) => {
            let directory = storage::directory(env).await?;
            storage::community_store(env, &case.community)?
                .call(&CaseCommand {
                    code: case.code.clone(),
                    version: case.version,
                    command,
                    me: me.clone(),
                    directory: directory.clone(),
                    now,
                    origin: request_origin(&req),
                })
                .await?
        }
        None => case,
    };
    json(
        &Recorded {
            session: closed,
            case,
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
    let updated = storage::calendar_store(env)?
        .call(&AnswerSlots {
            id,
            participant: Participant::Staff(me.username.clone()),
            answers: body.answers,
            now: request_time(&req, env),
        })
        .await?;
    json(&updated, 200)
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
            (Scope::Communities(ids), true) => Some(ids.clone()),
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
            case_code: Some(case.code),
            communities: None,
            from: None,
            to: None,
        })
        .await?;
    json(&sessions, 200)
}

/// `GET /api/staff/availability`: the caller's working hours and absences.
pub async fn get_availability(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
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
    storage::calendar_store(env)?
        .call(&SetFeed {
            username: me.username,
            token_hash: None,
        })
        .await?;
    Ok(Response::empty()?.with_status(204))
}

fn place_name(directory: &accord_shared::directory::Directory, venue: &Venue) -> String {
    match venue {
        Venue::Place { place } => directory
            .place(place)
            .map(|p| format!("{} / {}", p.name.zh, p.name.en))
            .unwrap_or_else(|| place.clone()),
        Venue::Online { url } => url.clone(),
    }
}

fn ics_event(directory: &accord_shared::directory::Directory, s: &Session) -> Option<IcsEvent> {
    let start = s.start.or_else(|| s.slots.first().map(|x| x.start))?;
    let end = start + chrono::Duration::minutes(i64::from(s.length_minutes));
    let status = match s.status {
        SessionStatus::Cancelled => EventStatus::Cancelled,
        SessionStatus::Proposed => EventStatus::Tentative,
        _ => EventStatus::Confirmed,
    };
    let url = match &s.venue {
        Venue::Online { url } => Some(url.clone()),
        Venue::Place { .. } => None,
    };
    Some(IcsEvent {
        uid: format!("{}@accord.{}", s.id, directory.street.id),
        sequence: s.sequence,
        start,
        end,
        summary: format!("{} ({})", s.title, s.case_code),
        location: Some(place_name(directory, &s.venue)),
        description: Some(format!("调解 Mediation · {}", s.case_code)),
        url,
        status,
        last_modified: s.updated_at,
    })
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
    let name = format!("Accord · {username}");
    ics_response(
        calendar(&name, &events, request_time(&req, env)),
        "accord.ics",
    )
}

/// The party link's token from `Authorization: Party <token>`.
fn party_token(req: &Request) -> Result<String, ApiError> {
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
        calendar("调解 Mediation", &events, request_time(&req, env)),
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
    let case: PublicCase = guarded_lookup(env, &req, &request.code, now, async {
        let (code, community) = resident_case(&directory, &request.code)?;
        storage::community_store(env, &community.id)?
            .call(&TrackCommand {
                code: code.to_string(),
                secret: request.secret.clone(),
                limits: directory.time_limits.clone(),
                now,
            })
            .await
    })
    .await?;
    json(&applicant_sessions(env, &case.code, now).await?, 200)
}
