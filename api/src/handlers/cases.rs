//! Residents: filing a case, tracking it with its code and secret, and giving feedback.

use crate::error::ApiError;
use crate::handlers::filing::{file_valid, read_filing, Filing};
use crate::handlers::guard::{
    case_in_scope, guarded_lookup, limits_of_code, require_staff, resident_call,
};
use crate::handlers::sessions::applicant_sessions;
use crate::handlers::{random_bytes, request_origin, request_time};
use crate::http::{json, read_json};
use crate::protocol::{FeedbackCommand, ReissueSecret, TrackCommand, TrackReply};
use crate::storage;
use accord_shared::case::{Actor, Channel};
use accord_shared::intake::validate_filing;
use accord_shared::lifecycle::Command;
use accord_shared::secret::CaseSecret;
use accord_shared::time::local_date;
use accord_shared::wire::{
    FeedbackRequest, FileCaseRequest, PublicCase, TrackRequest, MAX_SMALL_BODY_BYTES,
};
use worker::{Env, Request, Response};

/// `POST /api/cases`
pub async fn file(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let read = read_filing::<FileCaseRequest>(&mut req).await?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let filing = validate_filing(&directory, &read.request, local_date(now))?;
    file_valid(
        env,
        &directory,
        Filing {
            key: read.key,
            body: &read.body,
            filing,
            channel: Channel::Web,
            recorded_by: Actor::Resident,
            now,
            origin: request_origin(&req),
        },
    )
    .await
}

/// `POST /api/track`: an unknown code and a wrong secret answer alike.
pub async fn track(mut req: Request, env: &Env) -> Result<Response, ApiError> {
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
    json(&with_sessions(env, reply, now).await?, 200)
}

/// The case with the applicant's sessions, asked of the calendar only if it may hold some.
async fn with_sessions(
    env: &Env,
    reply: TrackReply,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PublicCase, ApiError> {
    let mut case = reply.case;
    if reply.has_sessions {
        case.sessions = applicant_sessions(env, &case.code, now).await?;
    }
    Ok(case)
}

/// `POST /api/track/feedback`: the resident confirms or disputes the resolution and rates it.
pub async fn feedback(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let request: FeedbackRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let (dir, req_ref, request_ref) = (&directory, &req, &request);
    let reply: TrackReply = guarded_lookup(env, &req, &directory, &request.code, now, |guard| {
        resident_call(env, dir, &request_ref.code, move |code| FeedbackCommand {
            origin: request_origin(req_ref),
            code,
            secret: request_ref.secret.clone(),
            command: Command::GiveFeedback {
                confirmed: request_ref.confirmed,
                satisfaction: request_ref.satisfaction,
                comment: request_ref.comment.clone(),
            },
            directory: dir.clone(),
            now,
            guard: guard.clone(),
        })
    })
    .await?;
    json(&with_sessions(env, reply, now).await?, 200)
}

/// `POST /api/staff/cases/{code}/secret`: staff who may read the case's parties give its
/// resident a new secret, after checking by phone who is asking. The old one stops working;
/// the new one is in this answer only.
pub async fn reissue_secret(req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let directory = storage::directory(env).await?;
    let (code, community) = case_in_scope(&directory, &me.scope, &code)?;
    let secret = CaseSecret::from_random(random_bytes()?);
    storage::community_store(env, &community.id)?
        .call(&ReissueSecret {
            code: code.to_string(),
            street: community.street.clone(),
            me,
            secret: secret.display_grouped(),
            now: request_time(&req, env),
            origin: request_origin(&req),
        })
        .await?;
    json(
        &serde_json::json!({ "code": code.to_string(), "secret": secret.display_grouped() }),
        200,
    )
}
