//! A staff member's own notices: what the scheduled run told them about their cases.

use crate::error::ApiError;
use crate::handlers::guard::require_staff;
use crate::http::{json, read_json};
use crate::protocol::{ListNotices, ReadNotices};
use crate::storage;
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::notices::MarkNoticesRead;
use accord_shared::wire::MAX_SMALL_BODY_BYTES;
use worker::{Env, Request, Response};

/// `GET /api/staff/notices?before=`: the caller's notices, newest first, a page at a time.
pub async fn list(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let url = req.url()?;
    let before = match url.query_pairs().find(|(name, _)| name == "before") {
        None => None,
        Some((_, raw)) => Some(raw.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
            ApiError::Field(FieldError::new("before", FieldProblem::InvalidFormat))
        })?),
    };
    let page = storage::staff_store(env)?
        .call(&ListNotices {
            username: me.username,
            before,
        })
        .await?;
    json(&page, 200)
}

/// `POST /api/staff/notices/read`: marks the caller's notices up to `up_to` read.
pub async fn read(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let body: MarkNoticesRead = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let changed = storage::staff_store(env)?
        .call(&ReadNotices {
            username: me.username,
            up_to: body.up_to,
        })
        .await?;
    json(&serde_json::json!({ "marked": changed }), 200)
}
