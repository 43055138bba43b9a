//! `CalendarStore`, the street's calendar Durable Object: every mediation session, staff working hours, party
//! links and calendar feeds. One object for the street, because a mediator or a judge
//! workstation can be booked from several communities: checking for conflicts and booking
//! happen in one synchronous stretch here, so two bookings of one room or one person at the
//! same moment cannot both succeed.

use crate::error::ApiError;
use crate::protocol::{
    self, AnswerSlots, AvailabilityQuery, CaseMoveDelivered, CaseMoveMessage, CreateSession,
    FeedSessions, FixTime, OpenFeed, PartyCommand, PartyIdentity, PartyLinkQuery, PartyOp,
    PartySession, PendingCaseMoves, ReadAudit, RecordSession, RecordedSession, SessionChange,
    SessionFilter, SetAvailability, SetFeed,
};
use crate::storage::push_delivery;
use crate::storage::sql_err;
use crate::storage::{audit_log, open_database, Serve};
use accord_shared::audit::AuditRecord;
use accord_shared::case::PartyRole;
use accord_shared::scheduling::{
    case_move_for, Availability, Booking, Participant, PartySessionView, Place, RecordBase,
    Session, SessionAction, SessionError, SessionStatus,
};
use serde::Deserialize;
use worker::{durable_object, DurableObject, Env, Request, Response, SqlStorage, State};

const MIGRATIONS: &[&str] = &[
    "CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        case_code TEXT NOT NULL,
        community TEXT NOT NULL,
        status TEXT NOT NULL,
        start_ms INTEGER,
        record TEXT NOT NULL
    )",
    "CREATE INDEX sessions_by_case ON sessions (case_code)",
    "CREATE TABLE availability (username TEXT PRIMARY KEY, record TEXT NOT NULL)",
    "CREATE TABLE party_links (
        token_hash TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        role TEXT NOT NULL
    )",
    "CREATE TABLE feeds (username TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE)",
    "CREATE TABLE audit (seq INTEGER PRIMARY KEY, record TEXT NOT NULL)",
    // The outbox: case moves held sessions owe their cases, until the community applied them.
    "CREATE TABLE case_moves (
        session_id TEXT PRIMARY KEY,
        created_ms INTEGER NOT NULL,
        record TEXT NOT NULL
    )",
];

#[durable_object(fetch)]
pub struct CalendarStore {
    state: State,
    env: Env,
}

impl DurableObject for CalendarStore {
    fn new(state: State, env: Env) -> Self {
        open_database(&state, MIGRATIONS, "calendar");
        Self { state, env }
    }

    async fn fetch(&self, req: Request) -> worker::Result<Response> {
        let sql = self.state.storage().sql();
        let answer = Serve::<protocol::CalendarStore>::decode(req)
            .await
            .on(|cmd: CreateSession| {
                create(&sql, cmd).inspect(|s| tell_of_session(s, &s.created_by))
            })
            .on(|cmd: FixTime| {
                let actor = cmd.actor.clone();
                fix_time(&sql, cmd).inspect(|s| tell_of_session(s, &actor))
            })
            .on(|cmd: SessionChange| {
                let actor = cmd.actor.clone();
                cancel(&sql, cmd).inspect(|s| tell_of_session(s, &actor))
            })
            .on(|cmd: RecordSession| record(&sql, cmd))
            .on(|query: PendingCaseMoves| pending_moves(&sql, query))
            .on(|cmd: CaseMoveDelivered| move_delivered(&sql, cmd))
            .on(|cmd: AnswerSlots| answer_slots(&sql, cmd))
            .on(|filter: SessionFilter| list(&sql, filter))
            .on(|cmd: PartyCommand| party(&sql, cmd))
            .on(|query: PartySession| party_session(&sql, query))
            .on(|query: PartyLinkQuery| {
                party_link(&sql, &query.token_hash).map(|(session, role)| PartyIdentity {
                    case_code: session.case_code,
                    community: session.community,
                    role,
                })
            })
            .on(|query: AvailabilityQuery| availability(&sql, &query.username))
            .on(|SetAvailability(value)| set_availability(&sql, value))
            .on(|cmd: SetFeed| set_feed(&sql, cmd))
            .on(|query: OpenFeed| open_feed(&sql, query))
            .on(|query: ReadAudit| audit_log::entries(&sql, &query))
            .finish();
        let succeeded = matches!(&answer, Ok(response) if response.status_code() < 300);
        push_delivery::send_after_commit(&self.state, &self.env, succeeded);
        answer
    }
}

/// A session proposed, fixed, moved or cancelled by `actor`: the case's resident hears of a
/// proposal or a fixed time, the session's other staff of any change (once it is stored).
fn tell_of_session(session: &Session, actor: &str) {
    if let Some(kind) = accord_shared::push::resident_session_event(session.status) {
        push_delivery::queue_for_case(&session.community, &session.case_code, kind);
    }
    push_delivery::queue_for_staff(
        accord_shared::push::session_staff(session, actor),
        &session.case_code,
        accord_shared::push::PushKind::SessionChanged,
    );
}

#[derive(Deserialize)]
struct RecordRow {
    record: String,
}

impl From<SessionError> for ApiError {
    fn from(err: SessionError) -> Self {
        match err.clone() {
            SessionError::NotAParticipant => ApiError::NotFound,
            SessionError::Field(field) => ApiError::Field(field),
            SessionError::Changed { .. } => ApiError::SessionChanged {
                message: err.to_string(),
            },
            SessionError::TooManyRescheduleRequests => ApiError::LimitReached {
                code: "too_many_reschedule_requests",
                message: SessionError::TooManyRescheduleRequests.to_string(),
            },
            other => ApiError::SessionState {
                message: other.to_string(),
            },
        }
    }
}

fn status_text(status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::Proposed => "proposed",
        SessionStatus::Confirmed => "confirmed",
        SessionStatus::Held => "held",
        SessionStatus::Cancelled => "cancelled",
        SessionStatus::NoShow => "no_show",
    }
}

fn load(sql: &SqlStorage, id: &str) -> Result<Session, ApiError> {
    let rows: Vec<RecordRow> = sql
        .exec("SELECT record FROM sessions WHERE id = ?", vec![id.into()])
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    rows.first()
        .map(|r| decode_session(&r.record))
        .transpose()?
        .ok_or(ApiError::NotFound)
}

/// A stored session; one the calendar cannot read is an error, never skipped: skipping it
/// would free its room and people for a second booking.
fn decode_session(record: &str) -> Result<Session, ApiError> {
    serde_json::from_str(record).map_err(|err| {
        worker::console_error!("calendar: unreadable session record: {err}");
        ApiError::Internal
    })
}

fn save(sql: &SqlStorage, session: &Session, insert: bool) -> Result<(), ApiError> {
    let record = serde_json::to_string(session).map_err(|_| ApiError::Internal)?;
    let start = session.start.map(|s| s.timestamp_millis());
    if insert {
        sql.exec(
            "INSERT INTO sessions (id, case_code, community, status, start_ms, record) VALUES (?, ?, ?, ?, ?, ?)",
            vec![
                session.id.clone().into(),
                session.case_code.clone().into(),
                session.community.clone().into(),
                status_text(session.status).into(),
                start.into(),
                record.into(),
            ],
        )
    } else {
        sql.exec(
            "UPDATE sessions SET status = ?, start_ms = ?, record = ? WHERE id = ?",
            vec![
                status_text(session.status).into(),
                start.into(),
                record.into(),
                session.id.clone().into(),
            ],
        )
    }
    .map_err(sql_err)?;
    Ok(())
}

fn audit(
    sql: &SqlStorage,
    session: &Session,
    actor: &str,
    action: &str,
    at: chrono::DateTime<chrono::Utc>,
    origin: &str,
) -> Result<(), ApiError> {
    audit_log::append(
        sql,
        AuditRecord {
            at,
            actor: actor.to_owned(),
            action: format!("session.{action}"),
            target: format!("{} {}", session.case_code, session.id),
            origin: origin.to_owned(),
        },
    )
}

fn availability(sql: &SqlStorage, username: &str) -> Result<Availability, ApiError> {
    let rows: Vec<RecordRow> = sql
        .exec(
            "SELECT record FROM availability WHERE username = ?",
            vec![username.into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    // Unreadable hours are an error, not office hours: they may hold an absence.
    match rows.first() {
        Some(row) => serde_json::from_str(&row.record).map_err(|err| {
            worker::console_error!("calendar: unreadable working hours: {err}");
            ApiError::Internal
        }),
        None => Ok(Availability::office_hours(username)),
    }
}

fn set_availability(sql: &SqlStorage, value: Availability) -> Result<Availability, ApiError> {
    value.check()?;
    let record = serde_json::to_string(&value).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "INSERT INTO availability (username, record) VALUES (?, ?)
         ON CONFLICT (username) DO UPDATE SET record = excluded.record",
        vec![value.username.clone().into(), record.into()],
    )
    .map_err(sql_err)?;
    Ok(value)
}

/// Every confirmed booking.
fn bookings(sql: &SqlStorage) -> Result<Vec<Booking>, ApiError> {
    let rows: Vec<RecordRow> = sql
        .exec(
            "SELECT record FROM sessions WHERE status = 'confirmed'",
            None,
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let mut found = Vec::with_capacity(rows.len());
    for row in &rows {
        if let Some(booking) = decode_session(&row.record)?.booking() {
            found.push(booking);
        }
    }
    Ok(found)
}

/// Refuses a booking that collides with anything, naming what it collides with.
fn check_free(
    sql: &SqlStorage,
    session: &Session,
    start: chrono::DateTime<chrono::Utc>,
    place: Option<&Place>,
) -> Result<(), ApiError> {
    let hours = session
        .staff
        .iter()
        .map(|u| availability(sql, u))
        .collect::<Result<Vec<_>, _>>()?;
    let found = session.conflicts_at(start, &bookings(sql)?, &hours, place);
    if found.is_empty() {
        Ok(())
    } else {
        Err(ApiError::BookingConflict { conflicts: found })
    }
}

fn create(sql: &SqlStorage, cmd: CreateSession) -> Result<Session, ApiError> {
    let session = cmd.session;
    // Every proposed time must fit the staff calendars (and a direct booking is one).
    for slot in &session.slots {
        check_free(sql, &session, slot.start, cmd.place.as_ref())?;
    }
    save(sql, &session, true)?;
    for (role, hash) in &cmd.party_token_hashes {
        sql.exec(
            "INSERT INTO party_links (token_hash, session_id, role) VALUES (?, ?, ?)",
            vec![
                hash.clone().into(),
                session.id.clone().into(),
                role_text(*role).into(),
            ],
        )
        .map_err(sql_err)?;
    }
    let action = if session.status == SessionStatus::Confirmed {
        "booked"
    } else {
        "proposed"
    };
    audit(
        sql,
        &session,
        &session.created_by,
        action,
        session.created_at,
        &cmd.origin,
    )?;
    Ok(session)
}

fn role_text(role: PartyRole) -> &'static str {
    match role {
        PartyRole::Applicant => "applicant",
        PartyRole::Respondent => "respondent",
    }
}

fn fix_time(sql: &SqlStorage, cmd: FixTime) -> Result<Session, ApiError> {
    let mut session = load(sql, &cmd.id)?;
    let start = match (cmd.slot, cmd.start) {
        (Some(slot), _) => session
            .slots
            .iter()
            .find(|s| s.id == slot)
            .map(|s| s.start)
            .ok_or_else(|| {
                ApiError::Field(accord_shared::fields::FieldError::new(
                    "slot",
                    accord_shared::fields::FieldProblem::InvalidFormat,
                ))
            })?,
        (None, Some(start)) => start,
        (None, None) => {
            return Err(ApiError::Field(accord_shared::fields::FieldError::new(
                "start",
                accord_shared::fields::FieldProblem::Required,
            )))
        }
    };
    let action = if cmd.slot.is_some() {
        SessionAction::Confirm
    } else {
        SessionAction::Reschedule
    };
    // The table first: a finished session answers so, not with a booking conflict; then the
    // time itself, before anything computes with it.
    session.next_status(action)?;
    accord_shared::scheduling::check_start(start, cmd.now)?;
    check_free(sql, &session, start, cmd.place.as_ref())?;
    session.fix_time(action, start, cmd.now)?;
    save(sql, &session, false)?;
    let label = match action {
        SessionAction::Confirm => "confirmed",
        _ => "rescheduled",
    };
    audit(sql, &session, &cmd.actor, label, cmd.now, &cmd.origin)?;
    Ok(session)
}

fn cancel(sql: &SqlStorage, cmd: SessionChange) -> Result<Session, ApiError> {
    let mut session = load(sql, &cmd.id)?;
    session.cancel(cmd.now)?;
    save(sql, &session, false)?;
    audit(sql, &session, &cmd.actor, "cancelled", cmd.now, &cmd.origin)?;
    Ok(session)
}

fn pending_move(sql: &SqlStorage, session_id: &str) -> Result<Option<CaseMoveMessage>, ApiError> {
    let rows: Vec<RecordRow> = sql
        .exec(
            "SELECT record FROM case_moves WHERE session_id = ?",
            vec![session_id.into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    rows.first()
        .map(|r| serde_json::from_str(&r.record).map_err(|_| ApiError::Internal))
        .transpose()
}

/// Held (with its record) or no-show, and in the same step the case move the record owes its
/// case, kept until the community has applied it. The same record again is a retry: nothing
/// changes and the move still owed (if any) is handed out again.
fn record(sql: &SqlStorage, cmd: RecordSession) -> Result<RecordedSession, ApiError> {
    let mut session = load(sql, &cmd.id)?;
    let already = session.check_record_base(&cmd.held, cmd.based_on)? == RecordBase::AlreadySaved;
    if !already {
        let action = if cmd.held.is_some() {
            "held"
        } else {
            "no_show"
        };
        session.close(cmd.held, cmd.now)?;
        save(sql, &session, false)?;
        audit(sql, &session, &cmd.actor, action, cmd.now, &cmd.origin)?;
        if let Some(case_move) = case_move_for(session.record.as_ref()) {
            let message = CaseMoveMessage {
                session_id: session.id.clone(),
                case_code: session.case_code.clone(),
                community: session.community.clone(),
                case_move,
                me: cmd.me,
                at: cmd.now,
            };
            let record = serde_json::to_string(&message).map_err(|_| ApiError::Internal)?;
            sql.exec(
                "INSERT INTO case_moves (session_id, created_ms, record) VALUES (?, ?, ?)",
                vec![
                    session.id.clone().into(),
                    cmd.now.timestamp_millis().into(),
                    record.into(),
                ],
            )
            .map_err(sql_err)?;
        }
    }
    let pending = pending_move(sql, &session.id)?;
    Ok(RecordedSession { session, pending })
}

fn pending_moves(
    sql: &SqlStorage,
    query: PendingCaseMoves,
) -> Result<Vec<CaseMoveMessage>, ApiError> {
    let limit = i64::from(query.limit.clamp(1, 500));
    let rows: Vec<RecordRow> = match query.session_id {
        Some(id) => sql.exec(
            "SELECT record FROM case_moves WHERE session_id = ? LIMIT ?",
            vec![id.into(), limit.into()],
        ),
        None => sql.exec(
            "SELECT record FROM case_moves ORDER BY created_ms, session_id LIMIT ?",
            vec![limit.into()],
        ),
    }
    .and_then(|c| c.to_array())
    .map_err(sql_err)?;
    rows.iter()
        .map(|r| serde_json::from_str(&r.record).map_err(|_| ApiError::Internal))
        .collect()
}

fn move_delivered(sql: &SqlStorage, cmd: CaseMoveDelivered) -> Result<bool, ApiError> {
    sql.exec(
        "DELETE FROM case_moves WHERE session_id = ?",
        vec![cmd.session_id.into()],
    )
    .map_err(sql_err)?;
    Ok(true)
}

fn answer_slots(sql: &SqlStorage, cmd: AnswerSlots) -> Result<Session, ApiError> {
    let mut session = load(sql, &cmd.id)?;
    session.answer(cmd.participant, &cmd.answers, cmd.now)?;
    save(sql, &session, false)?;
    Ok(session)
}

fn list(sql: &SqlStorage, filter: SessionFilter) -> Result<Vec<Session>, ApiError> {
    let rows: Vec<RecordRow> = match (&filter.id, &filter.case_code) {
        (Some(id), _) => sql.exec(
            "SELECT record FROM sessions WHERE id = ?",
            vec![id.clone().into()],
        ),
        (None, Some(code)) => sql.exec(
            "SELECT record FROM sessions WHERE case_code = ?",
            vec![code.clone().into()],
        ),
        (None, None) => sql.exec("SELECT record FROM sessions", None),
    }
    .and_then(|c| c.to_array())
    .map_err(sql_err)?;
    let mut sessions: Vec<Session> = rows
        .iter()
        .map(|r| decode_session(&r.record))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|s| filter.staff.as_ref().is_none_or(|u| s.staff.contains(u)))
        .filter(|s| {
            filter
                .communities
                .as_ref()
                .is_none_or(|ids| ids.contains(&s.community))
        })
        .filter(|s| {
            // A session is in a window if its time (or any proposed slot) falls in it.
            let times: Vec<_> = s
                .start
                .into_iter()
                .chain(s.slots.iter().map(|x| x.start))
                .collect();
            times
                .iter()
                .any(|t| filter.from.is_none_or(|f| *t >= f) && filter.to.is_none_or(|to| *t < to))
        })
        .collect();
    sessions.sort_by_key(|s| s.start.or_else(|| s.slots.first().map(|x| x.start)));
    Ok(sessions)
}

/// The session a party's link opens and the party's role in it, or 401.
fn party_link(sql: &SqlStorage, token_hash: &str) -> Result<(Session, PartyRole), ApiError> {
    #[derive(Deserialize)]
    struct Link {
        session_id: String,
        role: String,
    }
    let rows: Vec<Link> = sql
        .exec(
            "SELECT session_id, role FROM party_links WHERE token_hash = ?",
            vec![token_hash.into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let link = rows.first().ok_or(ApiError::Unauthenticated)?;
    let role = match link.role.as_str() {
        "applicant" => PartyRole::Applicant,
        _ => PartyRole::Respondent,
    };
    Ok((load(sql, &link.session_id)?, role))
}

/// The session a party's link opens, whole.
fn party_session(sql: &SqlStorage, query: PartySession) -> Result<Session, ApiError> {
    party_link(sql, &query.token_hash).map(|(session, _)| session)
}

/// What a party does through their link; answers what the party sees.
fn party(sql: &SqlStorage, cmd: PartyCommand) -> Result<PartySessionView, ApiError> {
    let (mut session, role) = party_link(sql, &cmd.token_hash)?;
    let who = Participant::Party(role);
    let actor = format!("party:{}", role_text(role));
    match cmd.op {
        PartyOp::View => {}
        PartyOp::Answer { answers } => {
            session.answer(who, &answers, cmd.now)?;
            save(sql, &session, false)?;
            audit(sql, &session, &actor, "answered", cmd.now, &cmd.origin)?;
        }
        PartyOp::Attend => {
            session.attend(who, cmd.now)?;
            save(sql, &session, false)?;
            audit(
                sql,
                &session,
                &actor,
                "attendance_confirmed",
                cmd.now,
                &cmd.origin,
            )?;
        }
        PartyOp::Reschedule { reason } => {
            session.ask_reschedule(who, &reason, cmd.now)?;
            save(sql, &session, false)?;
            audit(
                sql,
                &session,
                &actor,
                "reschedule_requested",
                cmd.now,
                &cmd.origin,
            )?;
        }
    }
    Ok(session.party_view(role, cmd.now))
}

fn set_feed(sql: &SqlStorage, cmd: SetFeed) -> Result<bool, ApiError> {
    sql.exec(
        "DELETE FROM feeds WHERE username = ?",
        vec![cmd.username.clone().into()],
    )
    .map_err(sql_err)?;
    if let Some(hash) = cmd.token_hash {
        sql.exec(
            "INSERT INTO feeds (username, token_hash) VALUES (?, ?)",
            vec![cmd.username.into(), hash.into()],
        )
        .map_err(sql_err)?;
    }
    Ok(true)
}

/// The username a feed token belongs to and that person's sessions.
fn open_feed(sql: &SqlStorage, cmd: OpenFeed) -> Result<FeedSessions, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        username: String,
    }
    let rows: Vec<Row> = sql
        .exec(
            "SELECT username FROM feeds WHERE token_hash = ?",
            vec![cmd.token_hash.into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let username = rows
        .first()
        .map(|r| r.username.clone())
        .ok_or(ApiError::NotFound)?;
    let sessions = list(
        sql,
        SessionFilter {
            id: None,
            staff: Some(username.clone()),
            case_code: None,
            communities: None,
            from: None,
            to: None,
        },
    )?;
    Ok(FeedSessions { username, sessions })
}
