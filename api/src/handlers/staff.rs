//! Staff: sign-in, sign-out, the queue of their communities, and case detail.

use crate::error::ApiError;
use crate::handlers::cases::{file_valid, Filing};
use crate::handlers::{now, random_bytes, request_origin, request_time};
use crate::http::{json, parse_json, read_body, read_json};
use crate::idempotency;
use crate::protocol::{
    auth_ops, community_ops, CaseCommand, DetailQuery, EscalateCommand, EscalationReport,
    LoginCommand, MergeCommand, QueueQuery, SessionQuery,
};
use crate::session::{
    clear_cookie, set_cookie, token_from_cookie_header, token_from_random, token_hash,
};
use crate::storage;
use accord_shared::case::Actor;
use accord_shared::code::CaseCode;
use accord_shared::directory::{Community, Directory};
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::intake::validate_staff_intake;
use accord_shared::lifecycle::Command;
use accord_shared::policy::{Action, Reach, Resource};
use accord_shared::queue::{merge_pages, QueueCursor, QueueView};
use accord_shared::staff::{check_handlers_exist, Role};
use accord_shared::time::local_date;
use accord_shared::wire::{
    CaseDetail, CommandRequest, LoginRequest, Me, MergeRequest, Person, QueueItem, QueuePage,
    StaffIntakeRequest, DEFAULT_PAGE_SIZE, MAX_FILING_BODY_BYTES, MAX_PAGE_SIZE,
    MAX_SMALL_BODY_BYTES,
};
use futures_util::future::join_all;
use worker::{Env, Request, Response};

fn session_token(req: &Request) -> Result<Option<String>, ApiError> {
    let header = req.headers().get("Cookie")?.unwrap_or_default();
    Ok(token_from_cookie_header(&header).map(str::to_owned))
}

/// The signed-in staff member whatever the state of their password, or 401.
pub async fn require_session(req: &Request, env: &Env) -> Result<Me, ApiError> {
    let token = session_token(req)?.ok_or(ApiError::Unauthenticated)?;
    storage::call(
        &storage::staff_object(env)?,
        auth_ops::SESSION,
        &SessionQuery {
            token_hash: token_hash(&token),
            now: now(),
        },
    )
    .await
}

/// The signed-in staff member, or 401; 403 while an admin-reset password awaits its change.
pub async fn require_staff(req: &Request, env: &Env) -> Result<Me, ApiError> {
    let me = require_session(req, env).await?;
    if me.must_change_password {
        return Err(ApiError::PasswordChangeRequired);
    }
    Ok(me)
}

/// Street-level permissions: refused with 403 (nothing to hide about the street itself).
pub fn require_permission(me: &Me, action: Action) -> Result<(), ApiError> {
    if me.may(action, Resource::STREET) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// `POST /api/staff/login`
pub async fn login(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let request: LoginRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let token = token_from_random(random_bytes::<32>()?);
    let me: Me = storage::call(
        &storage::staff_object(env)?,
        auth_ops::LOGIN,
        &LoginCommand {
            origin: request_origin(&req),
            username: request.username,
            password: request.password,
            token_hash: token_hash(&token),
            now: now(),
        },
    )
    .await?;
    let response = json(&me, 200)?;
    response.headers().set("Set-Cookie", &set_cookie(&token))?;
    Ok(response)
}

/// `POST /api/staff/logout`: ends the session (if any) and clears the cookie.
pub async fn logout(req: Request, env: &Env) -> Result<Response, ApiError> {
    if let Some(token) = session_token(&req)? {
        let _: bool = storage::call(
            &storage::staff_object(env)?,
            auth_ops::LOGOUT,
            &SessionQuery {
                token_hash: token_hash(&token),
                now: now(),
            },
        )
        .await?;
    }
    let response = Response::empty()?.with_status(204);
    response.headers().set("Set-Cookie", &clear_cookie())?;
    Ok(response)
}

/// `GET /api/staff/me`
pub async fn me(req: Request, env: &Env) -> Result<Response, ApiError> {
    json(&require_session(&req, env).await?, 200)
}

/// `GET /api/staff/cases?view=&community=&cursor=&limit=`: open cases oldest first (or one of
/// the boards: unassigned, high_risk, overdue, mine), merged across the caller's communities.
pub async fn queue(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let reach = me.reach(Action::ListCases);
    if reach == Reach::None {
        return Err(ApiError::Forbidden);
    }
    let url = req.url()?;
    let (mut community, mut cursor, mut limit) = (None, None, DEFAULT_PAGE_SIZE);
    let mut view = QueueView::Open;
    for (name, value) in url.query_pairs() {
        match name.as_ref() {
            "view" => {
                view = QueueView::parse(&value, &me.username)
                    .ok_or(ApiError::InvalidParameter { field: "view" })?
            }
            "community" if !value.is_empty() => community = Some(value.into_owned()),
            "cursor" if !value.is_empty() => {
                cursor = Some(
                    QueueCursor::decode(&value)
                        .ok_or(ApiError::InvalidParameter { field: "cursor" })?,
                )
            }
            "limit" => {
                limit = value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
                    .ok_or(ApiError::InvalidParameter { field: "limit" })?
            }
            _ => {}
        }
    }
    let directory = storage::directory(env).await?;
    let communities: Vec<String> = match community {
        // A community outside the caller's scope answers as if it did not exist.
        Some(id) if directory.community(&id).is_some() && me.scope.includes(&id) => vec![id],
        Some(_) => return Err(ApiError::NotFound),
        None => directory
            .communities
            .iter()
            .filter(|c| me.scope.includes(&c.id))
            .map(|c| c.id.clone())
            .collect(),
    };
    // One more than a page from each community tells whether another page exists.
    let mut query = QueueQuery::new(
        cursor.as_ref(),
        limit + 1,
        view,
        directory.time_limits.clone(),
        request_time(&req, env),
    );
    if reach == Reach::Assigned {
        // Specialists list only the cases they are assigned to.
        query.handled_by = Some(me.username.clone());
    }
    let stubs = communities
        .iter()
        .map(|id| storage::community_object(env, id))
        .collect::<Result<Vec<_>, _>>()?;
    let pages = join_all(
        stubs
            .iter()
            .map(|stub| storage::call::<_, Vec<QueueItem>>(stub, community_ops::QUEUE, &query)),
    )
    .await
    .into_iter()
    .collect::<Result<Vec<_>, _>>()?;
    let (items, next_cursor) = merge_pages(pages, limit);
    json(&QueuePage { items, next_cursor }, 200)
}

/// The community of a case code, if the caller may see it; anything else answers 404.
fn scoped_community<'a>(
    directory: &'a Directory,
    me: &Me,
    raw_code: &str,
) -> Result<(CaseCode, &'a Community), ApiError> {
    let code: CaseCode = raw_code.parse().map_err(|_| ApiError::NotFound)?;
    let community = directory
        .community_by_number(code.community_number())
        .filter(|c| code.prefix() == directory.street.code_prefix && me.scope.includes(&c.id))
        .ok_or(ApiError::NotFound)?;
    Ok((code, community))
}

fn actor(me: &Me) -> Actor {
    Actor::Staff {
        username: me.username.clone(),
        role: me.role,
    }
}

fn field_error(field: &'static str, problem: FieldProblem) -> ApiError {
    ApiError::Field(FieldError::new(field, problem))
}

/// `GET /api/staff/cases/{code}`: a case outside the caller's communities answers 404.
pub async fn detail(req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let directory = storage::directory(env).await?;
    let (code, community) = scoped_community(&directory, &me, &code)?;
    let detail: CaseDetail = storage::call(
        &storage::community_object(env, &community.id)?,
        community_ops::DETAIL,
        &DetailQuery {
            origin: request_origin(&req),
            code: code.to_string(),
            me: me.clone(),
            limits: directory.time_limits.clone(),
            now: request_time(&req, env),
        },
    )
    .await?;
    json(&detail, 200)
}

pub async fn people(env: &Env) -> Result<Vec<Person>, ApiError> {
    storage::call(&storage::staff_object(env)?, auth_ops::PEOPLE, &()).await
}

/// `POST /api/staff/cases/{code}/commands`: one step of the closed loop, based on the version
/// the caller saw (a stale one gets 409 with the case as it is now).
pub async fn command(mut req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let request: CommandRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let directory = storage::directory(env).await?;
    let (code, community) = scoped_community(&directory, &me, &code)?;
    if let Command::SetHandlers { handlers } = &request.command {
        check_handlers_exist(&people(env).await?, handlers, &community.id)?;
    }
    let detail: CaseDetail = storage::call(
        &storage::community_object(env, &community.id)?,
        community_ops::COMMAND,
        &CaseCommand {
            origin: request_origin(&req),
            code: code.to_string(),
            version: request.version,
            command: request.command,
            me: me.clone(),
            directory: directory.clone(),
            now: request_time(&req, env),
        },
    )
    .await?;
    json(&detail, 200)
}

/// `POST /api/staff/cases/{code}/merge`: takes a duplicate of the same community into this case.
pub async fn merge(mut req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let request: MergeRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let directory = storage::directory(env).await?;
    let (code, community) = scoped_community(&directory, &me, &code)?;
    let duplicate: CaseCode = request
        .duplicate
        .parse()
        .map_err(|_| field_error("duplicate", FieldProblem::InvalidFormat))?;
    if duplicate.community_number() != community.number || duplicate == code {
        return Err(field_error("duplicate", FieldProblem::InvalidFormat));
    }
    let detail: CaseDetail = storage::call(
        &storage::community_object(env, &community.id)?,
        community_ops::MERGE,
        &MergeCommand {
            origin: request_origin(&req),
            primary: code.to_string(),
            version: request.version,
            duplicate: duplicate.to_string(),
            me: me.clone(),
            directory: directory.clone(),
            now: request_time(&req, env),
        },
    )
    .await?;
    json(&detail, 200)
}

/// `POST /api/staff/intake`: a walk-in, hotline, patrol or referred matter recorded by staff.
pub async fn intake(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    if me.reach(Action::RecordIntake) == Reach::None {
        return Err(ApiError::Forbidden);
    }
    let key = idempotency::parse_key(req.headers().get("Idempotency-Key")?.as_deref())?;
    let bytes = read_body(&mut req, MAX_FILING_BODY_BYTES).await?;
    let body: serde_json::Value = parse_json(&bytes)?;
    let request: StaffIntakeRequest =
        serde_json::from_value(body.clone()).map_err(|_| ApiError::MalformedBody)?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let (filing, channel) = validate_staff_intake(&directory, &request, local_date(now))?;
    let place = Resource {
        community: Some(&filing.community),
        handlers: &[],
    };
    if !me.may(Action::RecordIntake, place) {
        // Recording into a community one does not serve reads as an unknown community.
        return Err(field_error("community", FieldProblem::UnknownCommunity));
    }
    let recorded_by = actor(&me);
    file_valid(
        env,
        &directory,
        Filing {
            key,
            body: &body,
            filing,
            channel,
            recorded_by,
            now,
            origin: request_origin(&req),
        },
    )
    .await
}

/// `GET /api/staff/people`: staff who can be made handlers of cases in `community`.
pub async fn people_list(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    if me.reach(Action::ListPeople) == Reach::None {
        return Err(ApiError::Forbidden);
    }
    let url = req.url()?;
    let community = url
        .query_pairs()
        .find(|(name, _)| name == "community")
        .map(|(_, value)| value.into_owned());
    if let Some(id) = &community {
        if !me.scope.includes(id) {
            return Err(ApiError::NotFound);
        }
    }
    let list: Vec<Person> = people(env)
        .await?
        .into_iter()
        .filter(|p| !matches!(p.role, Role::Admin | Role::Coordinator))
        .filter(|p| community.as_deref().is_none_or(|id| p.scope.includes(id)))
        .collect();
    json(&list, 200)
}

/// Runs escalation over every community: the scheduled job and the coordinator's button
/// share this code.
pub async fn run_escalation(
    env: &Env,
    now: chrono::DateTime<chrono::Utc>,
    origin: String,
) -> Result<EscalationReport, ApiError> {
    let directory = storage::directory(env).await?;
    let stubs = directory
        .communities
        .iter()
        .map(|c| storage::community_object(env, &c.id))
        .collect::<Result<Vec<_>, _>>()?;
    let command = EscalateCommand {
        directory: directory.clone(),
        now,
        origin,
    };
    let reports =
        join_all(stubs.iter().map(|stub| {
            storage::call::<_, EscalationReport>(stub, community_ops::ESCALATE, &command)
        }))
        .await;
    let mut total = EscalationReport {
        examined: 0,
        escalated: 0,
    };
    for report in reports {
        let report = report?;
        total.examined += report.examined;
        total.escalated += report.escalated;
    }
    Ok(total)
}

/// `POST /api/staff/escalations/run`: the coordinator runs the overdue check now.
pub async fn escalate(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_permission(&me, Action::RunEscalation)?;
    let report = run_escalation(env, request_time(&req, env), request_origin(&req)).await?;
    json(&report, 200)
}
