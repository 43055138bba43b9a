//! Volunteer links: staff issue and revoke them; a volunteer holding one helps residents file
//! and records the return visits of the cases it names.

use crate::error::ApiError;
use crate::handlers::cases::{file_valid, Filing};
use crate::handlers::staff::require_staff;
use crate::handlers::{random_bytes, request_origin, request_time};
use crate::http::{json, parse_json, read_body, read_json};
use crate::idempotency;
use crate::protocol::{
    auth_ops, community_ops, IssueVolunteer, RevokeVolunteer, VolunteerCasesQuery,
    VolunteerSession, VolunteerVisit,
};
use crate::session::{token_from_random, token_hash};
use crate::storage;
use accord_shared::case::{Actor, Channel};
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::intake::validate_filing;
use accord_shared::policy::{Action, Reach, Resource};
use accord_shared::secret::hex;
use accord_shared::staff::Scope;
use accord_shared::time::local_date;
use accord_shared::volunteer::{
    check_issue, make_link, token_from_header, IssueVolunteerRequest, IssuedVolunteerLink,
    VisitRequest, VolunteerCase, VolunteerLink, VolunteerMe,
};
use accord_shared::wire::{FileCaseRequest, MAX_FILING_BODY_BYTES, MAX_SMALL_BODY_BYTES};
use worker::{Env, Request, Response};

/// `POST /api/staff/volunteers`: a link for a named volunteer; the token is shown once.
pub async fn issue(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    if me.reach(Action::ManageVolunteers) == Reach::None {
        return Err(ApiError::Forbidden);
    }
    let request: IssueVolunteerRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let directory = storage::directory(env).await?;
    let checked = check_issue(&directory, &request)?;
    let place = Resource {
        community: Some(&checked.community),
        handlers: &[],
    };
    if !me.may(Action::ManageVolunteers, place) {
        return Err(ApiError::Field(FieldError::new(
            "community",
            FieldProblem::UnknownCommunity,
        )));
    }
    let token = token_from_random(random_bytes::<32>()?);
    let id = hex(&random_bytes::<8>()?);
    let link = make_link(id, checked, &me.username, request_time(&req, env));
    let stored: VolunteerLink = storage::call(
        &storage::staff_object(env)?,
        auth_ops::VOLUNTEER_ISSUE,
        &IssueVolunteer {
            link,
            token_hash: token_hash(&token),
            origin: request_origin(&req),
        },
    )
    .await?;
    json(
        &IssuedVolunteerLink {
            link: stored,
            token,
        },
        201,
    )
}

/// `GET /api/staff/volunteers`: the links of the caller's communities, newest first.
pub async fn list(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    if me.reach(Action::ManageVolunteers) == Reach::None {
        return Err(ApiError::Forbidden);
    }
    let links: Vec<VolunteerLink> =
        storage::call(&storage::staff_object(env)?, auth_ops::VOLUNTEER_LIST, &()).await?;
    let visible: Vec<VolunteerLink> = links
        .into_iter()
        .filter(|l| me.scope.includes(&l.community))
        .collect();
    json(&visible, 200)
}

/// `POST /api/staff/volunteers/{id}/revoke`: the link stops working at once.
pub async fn revoke(req: Request, env: &Env, id: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    if me.reach(Action::ManageVolunteers) == Reach::None {
        return Err(ApiError::Forbidden);
    }
    let communities = match &me.scope {
        Scope::Street => None,
        Scope::Communities(ids) => Some(ids.clone()),
    };
    let link: VolunteerLink = storage::call(
        &storage::staff_object(env)?,
        auth_ops::VOLUNTEER_REVOKE,
        &RevokeVolunteer {
            id,
            by: me.username.clone(),
            communities,
            now: request_time(&req, env),
            origin: request_origin(&req),
        },
    )
    .await?;
    json(&link, 200)
}

/// The live link the request's `Authorization: Volunteer <token>` header opens, or 401.
async fn require_volunteer(req: &Request, env: &Env) -> Result<VolunteerLink, ApiError> {
    let header = req.headers().get("Authorization")?.unwrap_or_default();
    let token = token_from_header(&header).ok_or(ApiError::Unauthenticated)?;
    storage::call(
        &storage::staff_object(env)?,
        auth_ops::VOLUNTEER_SESSION,
        &VolunteerSession {
            token_hash: token_hash(token),
            now: request_time(req, env),
        },
    )
    .await
}

fn volunteer_actor(link: &VolunteerLink) -> Actor {
    Actor::Volunteer {
        link: link.id.clone(),
        name: link.name.clone(),
    }
}

/// `GET /api/volunteer/me`
pub async fn me(req: Request, env: &Env) -> Result<Response, ApiError> {
    let link = require_volunteer(&req, env).await?;
    json(&VolunteerMe::from(&link), 200)
}

/// `POST /api/volunteer/intake`: assisted filing for a resident of the link's community.
pub async fn intake(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let link = require_volunteer(&req, env).await?;
    if !link.intake {
        return Err(ApiError::Forbidden);
    }
    let key = idempotency::parse_key(req.headers().get("Idempotency-Key")?.as_deref())?;
    let bytes = read_body(&mut req, MAX_FILING_BODY_BYTES).await?;
    let body: serde_json::Value = parse_json(&bytes)?;
    let request: FileCaseRequest =
        serde_json::from_value(body.clone()).map_err(|_| ApiError::MalformedBody)?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let filing = validate_filing(&directory, &request, local_date(now))?;
    if filing.community != link.community {
        return Err(ApiError::Field(FieldError::new(
            "community",
            FieldProblem::UnknownCommunity,
        )));
    }
    file_valid(
        env,
        &directory,
        Filing {
            key,
            body: &body,
            filing,
            channel: Channel::Web,
            recorded_by: volunteer_actor(&link),
            now,
            origin: request_origin(&req),
        },
    )
    .await
}

/// `GET /api/volunteer/cases`: the cases the link names, with what a visit needs.
pub async fn cases(req: Request, env: &Env) -> Result<Response, ApiError> {
    let link = require_volunteer(&req, env).await?;
    let directory = storage::directory(env).await?;
    let cases: Vec<VolunteerCase> = if link.follow_up_cases.is_empty() {
        Vec::new()
    } else {
        storage::call(
            &storage::community_object(env, &link.community)?,
            community_ops::VOLUNTEER_CASES,
            &VolunteerCasesQuery {
                codes: link.follow_up_cases.clone(),
                actor: volunteer_actor(&link),
                limits: directory.time_limits.clone(),
                now: request_time(&req, env),
                origin: request_origin(&req),
            },
        )
        .await?
    };
    json(&cases, 200)
}

/// `POST /api/volunteer/visits`: a return visit to one of the link's cases.
pub async fn visit(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let link = require_volunteer(&req, env).await?;
    let request: VisitRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let code = request.code.trim().to_uppercase();
    if !link.may_visit(&code) {
        return Err(ApiError::NotFound);
    }
    let directory = storage::directory(env).await?;
    let case: VolunteerCase = storage::call(
        &storage::community_object(env, &link.community)?,
        community_ops::VOLUNTEER_VISIT,
        &VolunteerVisit {
            code,
            note: request.note,
            actor: volunteer_actor(&link),
            directory: directory.clone(),
            now: request_time(&req, env),
            origin: request_origin(&req),
        },
    )
    .await?;
    json(&case, 200)
}
