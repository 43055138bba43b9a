//! The counselor's confidential notes of a case: `GET/POST /api/staff/cases/{code}/confidential`
//! and `POST /api/staff/confidential/{code~seq}/share`. The community's object applies
//! `shared::confidential`; a reader who may not read a note never receives it.

use crate::error::ApiError;
use crate::handlers::guard::{case_in_scope, require_staff};
use crate::handlers::{request_origin, request_time};
use crate::http::{json, read_json};
use crate::protocol::{ConfidentialQuery, ConfidentialShare, ConfidentialWrite};
use crate::storage;
use accord_shared::confidential::{parse_note_id, NewNoteRequest, ShareRequest};
use worker::{Env, Request, Response};

const BODY_LIMIT: usize = 16 * 1024;

/// `GET /api/staff/cases/{code}/confidential`
pub async fn list(req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let directory = storage::directory(env).await?;
    let (code, community) = case_in_scope(&directory, &me.scope, &code)?;
    let view = storage::community_store(env, &community.id)?
        .call(&ConfidentialQuery {
            code: code.to_string(),
            street: community.street.clone(),
            me,
        })
        .await?;
    json(&view, 200)
}

/// `POST /api/staff/cases/{code}/confidential`: a counselor on the case writes a note.
pub async fn add(mut req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let body: NewNoteRequest = read_json(&mut req, BODY_LIMIT).await?;
    let directory = storage::directory(env).await?;
    let (code, community) = case_in_scope(&directory, &me.scope, &code)?;
    let view = storage::community_store(env, &community.id)?
        .call(&ConfidentialWrite {
            code: code.to_string(),
            street: community.street.clone(),
            me,
            text: body.text,
            now: request_time(&req, env),
            origin: request_origin(&req),
        })
        .await?;
    json(&view, 201)
}

/// `POST /api/staff/confidential/{code~seq}/share`: shared with the case team, with the
/// party's consent recorded.
pub async fn share(mut req: Request, env: &Env, id: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let body: ShareRequest = read_json(&mut req, BODY_LIMIT).await?;
    let (code, seq) = parse_note_id(&id).ok_or(ApiError::NotFound)?;
    let directory = storage::directory(env).await?;
    let (code, community) = case_in_scope(&directory, &me.scope, &code)?;
    let view = storage::community_store(env, &community.id)?
        .call(&ConfidentialShare {
            code: code.to_string(),
            street: community.street.clone(),
            me,
            seq,
            party: body.party,
            how: body.how,
            now: request_time(&req, env),
            origin: request_origin(&req),
        })
        .await?;
    json(&view, 200)
}
