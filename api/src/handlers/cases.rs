//! Residents: filing a case, tracking it with its code and secret, and giving feedback.

use crate::error::ApiError;
use crate::handlers::filing::{file_valid, read_filing, Filing};
use crate::handlers::guard::{guarded_lookup, limits_of_code, resident_call};
use crate::handlers::sessions::applicant_sessions;
use crate::handlers::{request_origin, request_time};
use crate::http::{json, read_json};
use crate::protocol::{FeedbackCommand, TrackCommand};
use crate::storage;
use accord_shared::case::{Actor, Channel};
use accord_shared::intake::validate_filing;
use accord_shared::lifecycle::Command;
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
    let mut case: PublicCase = guarded_lookup(env, &req, &directory, &request.code, now, async {
        resident_call(env, &directory, &request.code, |code| TrackCommand {
            limits: limits_of_code(&directory, &code),
            code,
            secret: request.secret.clone(),
            now,
        })
        .await
    })
    .await?;
    case.sessions = applicant_sessions(env, &case.code, now).await?;
    json(&case, 200)
}

/// `POST /api/track/feedback`: the resident confirms or disputes the resolution and rates it.
pub async fn feedback(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let request: FeedbackRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let mut case: PublicCase = guarded_lookup(env, &req, &directory, &request.code, now, async {
        resident_call(env, &directory, &request.code, |code| FeedbackCommand {
            origin: request_origin(&req),
            code,
            secret: request.secret.clone(),
            command: Command::GiveFeedback {
                confirmed: request.confirmed,
                satisfaction: request.satisfaction,
                comment: request.comment.clone(),
            },
            directory: directory.clone(),
            now,
        })
        .await
    })
    .await?;
    case.sessions = applicant_sessions(env, &case.code, now).await?;
    json(&case, 200)
}
