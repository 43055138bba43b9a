//! A case as a staff member may read it: `GET /api/staff/cases/{code}`.

use crate::error::ApiError;
use crate::handlers::guard::{case_in_scope, require_staff};
use crate::handlers::{request_origin, request_time};
use crate::http::json;
use crate::protocol::DetailQuery;
use crate::storage;
use accord_shared::wire::{CaseDetail, Me};
use worker::{Env, Request, Response};

/// The case as `me` may see it; a case outside their reach answers 404.
/// A case as `me` may see it; `mark_sessions` when sessions are about to be scheduled on it.
pub async fn load(
    req: &Request,
    env: &Env,
    me: &Me,
    code: &str,
    mark_sessions: bool,
) -> Result<CaseDetail, ApiError> {
    let directory = storage::directory(env).await?;
    let (code, community) = case_in_scope(&directory, &me.scope, code)?;
    storage::community_store(env, &community.id)?
        .call(&DetailQuery {
            origin: request_origin(req),
            code: code.to_string(),
            mark_sessions,
            street: community.street.clone(),
            me: me.clone(),
            limits: directory.limits_for(&community.id).clone(),
            now: request_time(req, env),
        })
        .await
}

/// `GET /api/staff/cases/{code}`: a case outside the caller's communities answers 404.
pub async fn detail(req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    json(&load(&req, env, &me, &code, false).await?, 200)
}
