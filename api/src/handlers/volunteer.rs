//! Volunteer links: staff issue and revoke them; a volunteer holding one helps residents file
//! and records the return visits of the cases it names.

use crate::error::ApiError;
use crate::handlers::filing::{file_valid, read_filing, Filing};
use crate::handlers::guard::{require_reach, require_staff, require_volunteer};
use crate::handlers::{random_bytes, request_origin, request_time};
use crate::http::{json, read_json};
use crate::protocol::{
    CaseStatuses, IssueVolunteer, ListVolunteers, RevokeVolunteer, VolunteerCasesQuery,
    VolunteerVisit,
};
use crate::session::{token_from_random, token_hash};
use crate::storage;
use accord_shared::case::{Actor, Channel};
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::intake::validate_filing;
use accord_shared::policy::{Action, Resource};
use accord_shared::secret::hex;
use accord_shared::staff::Scope;
use accord_shared::time::local_date;
use accord_shared::volunteer::{
    check_issue, check_named_cases, make_link, IssueVolunteerRequest, IssuedVolunteerLink,
    VisitRequest, VolunteerCase, VolunteerLink, VolunteerMe,
};
use accord_shared::wire::{FileCaseRequest, MAX_SMALL_BODY_BYTES};
use worker::{Env, Request, Response};

/// `POST /api/staff/volunteers`: a link for a named volunteer; the token is shown once.
pub async fn issue(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_reach(&me, Action::ManageVolunteers)?;
    let request: IssueVolunteerRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let directory = storage::directory(env).await?;
    let checked = check_issue(&directory, &request)?;
    let may_manage = directory
        .within(&checked.community)
        .is_some_and(|at| me.may(Action::ManageVolunteers, Resource::at(at)));
    if !may_manage {
        return Err(ApiError::Field(FieldError::new(
            "community",
            FieldProblem::UnknownCommunity,
        )));
    }
    // Only cases a volunteer can act on: each named case must be in follow-up now.
    if !checked.follow_up_cases.is_empty() {
        let statuses = storage::community_store(env, &checked.community)?
            .call(&CaseStatuses {
                codes: checked.follow_up_cases.clone(),
            })
            .await?;
        check_named_cases(&statuses)?;
    }
    let token = token_from_random(random_bytes::<32>()?);
    let id = hex(&random_bytes::<8>()?);
    let link = make_link(id, checked, &me.username, request_time(&req, env));
    let stored = storage::staff_store(env)?
        .call(&IssueVolunteer {
            link,
            token_hash: token_hash(&token),
            origin: request_origin(&req),
        })
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
    require_reach(&me, Action::ManageVolunteers)?;
    let links = storage::staff_store(env)?.call(&ListVolunteers).await?;
    let directory = storage::directory(env).await?;
    let visible: Vec<VolunteerLink> = links
        .into_iter()
        .filter(|l| directory.in_scope(&me.scope, &l.community))
        .collect();
    json(&visible, 200)
}

/// `POST /api/staff/volunteers/{id}/revoke`: the link stops working at once.
pub async fn revoke(req: Request, env: &Env, id: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_reach(&me, Action::ManageVolunteers)?;
    let communities = match &me.scope {
        Scope::District => None,
        scope => Some(
            storage::directory(env)
                .await?
                .communities_in(scope)
                .map(|c| c.id.clone())
                .collect(),
        ),
    };
    let link = storage::staff_store(env)?
        .call(&RevokeVolunteer {
            id,
            by: me.username.clone(),
            communities,
            now: request_time(&req, env),
            origin: request_origin(&req),
        })
        .await?;
    json(&link, 200)
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
    if !link.may_file() {
        return Err(ApiError::Forbidden);
    }
    let read = read_filing::<FileCaseRequest>(&mut req).await?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let filing = validate_filing(&directory, &read.request, local_date(now))?;
    link.check_filing_scope(&filing.community)?;
    file_valid(
        env,
        &directory,
        Filing {
            key: read.key,
            body: &read.body,
            filing,
            channel: Channel::Volunteer,
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
        storage::community_store(env, &link.community)?
            .call(&VolunteerCasesQuery {
                codes: link.follow_up_cases.clone(),
                actor: volunteer_actor(&link),
                limits: directory.limits_for(&link.community).clone(),
                now: request_time(&req, env),
                origin: request_origin(&req),
            })
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
    let case = storage::community_store(env, &link.community)?
        .call(&VolunteerVisit {
            code,
            note: request.note,
            actor: volunteer_actor(&link),
            directory: directory.clone(),
            now: request_time(&req, env),
            origin: request_origin(&req),
        })
        .await?;
    json(&case, 200)
}
