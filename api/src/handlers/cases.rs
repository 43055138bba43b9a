//! Residents: filing a case, tracking it with its code and secret, and giving feedback.

use crate::error::ApiError;
use crate::handlers::{request_origin, request_time};
use crate::http::{json, parse_json, read_body, read_json};
use crate::idempotency;
use crate::protocol::{
    community_ops, street_ops, ClaimCommand, ClaimOutcome, FeedbackCommand, FileCommand,
    GuardCommand, TrackCommand,
};
use crate::storage::{self, community::FileReply};
use accord_shared::case::{Actor, Channel};
use accord_shared::code::CaseCode;
use accord_shared::directory::{Community, Directory};
use accord_shared::intake::{validate_filing, ValidFiling};
use accord_shared::lifecycle::Command;
use accord_shared::secret::sha256_hex;
use accord_shared::throttle;
use accord_shared::time::local_date;
use accord_shared::wire::{
    FeedbackRequest, FileCaseRequest, PublicCase, TrackRequest, MAX_FILING_BODY_BYTES,
    MAX_SMALL_BODY_BYTES,
};
use chrono::{DateTime, Utc};
use worker::{Env, Request, Response};

/// `POST /api/cases`
pub async fn file(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let key = idempotency::parse_key(req.headers().get("Idempotency-Key")?.as_deref())?;
    let bytes = read_body(&mut req, MAX_FILING_BODY_BYTES).await?;
    let body: serde_json::Value = parse_json(&bytes)?;
    let request: FileCaseRequest =
        serde_json::from_value(body.clone()).map_err(|_| ApiError::MalformedBody)?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let filing = validate_filing(&directory, &request, local_date(now))?;
    file_valid(
        env,
        &directory,
        Filing {
            key,
            body: &body,
            filing,
            channel: Channel::Web,
            recorded_by: Actor::Resident,
            now,
            origin: request_origin(&req),
        },
    )
    .await
}

/// A validated filing on its way to storage.
pub struct Filing<'a> {
    pub key: String,
    pub body: &'a serde_json::Value,
    pub filing: ValidFiling,
    pub channel: Channel,
    pub recorded_by: Actor,
    pub now: DateTime<Utc>,
    pub origin: String,
}

/// Files a validated case, idempotently: the street object remembers which body the key
/// belongs to, the community object which case it created.
pub async fn file_valid(
    env: &Env,
    directory: &Directory,
    filing: Filing<'_>,
) -> Result<Response, ApiError> {
    let community = directory
        .community(&filing.filing.community)
        .ok_or(ApiError::Internal)?;
    let fingerprint = idempotency::fingerprint(filing.body);
    let claim: ClaimOutcome = storage::call(
        &storage::street_object(env)?,
        street_ops::CLAIM_IDEMPOTENCY_KEY,
        &ClaimCommand {
            key_hash: idempotency::key_hash(&filing.key),
            fingerprint: fingerprint.clone(),
            community: community.id.clone(),
            now: filing.now,
        },
    )
    .await?;
    if claim == ClaimOutcome::Conflict {
        return Err(ApiError::IdempotencyKeyReused);
    }
    let command = FileCommand {
        origin: filing.origin,
        idempotency_key: filing.key,
        fingerprint,
        code_prefix: directory.street.code_prefix.clone(),
        community_number: community.number,
        filing: filing.filing,
        channel: filing.channel,
        recorded_by: filing.recorded_by,
        limits: directory.time_limits.clone(),
        now: filing.now,
    };
    let reply: FileReply = storage::call(
        &storage::community_object(env, &community.id)?,
        community_ops::FILE,
        &command,
    )
    .await?;
    let response = json(&reply.filed, 201)?;
    if reply.replayed {
        response.headers().set("Idempotent-Replayed", "true")?;
    }
    Ok(response)
}

/// The community a resident's code belongs to; an unknown one answers like a wrong secret.
fn community_of<'a>(
    directory: &'a Directory,
    raw_code: &str,
) -> Result<(CaseCode, &'a Community), ApiError> {
    let code: CaseCode = raw_code.parse().map_err(|_| ApiError::CaseNotFound)?;
    let community = directory
        .community_by_number(code.community_number())
        .filter(|_| code.prefix() == directory.street.code_prefix)
        .ok_or(ApiError::CaseNotFound)?;
    Ok((code, community))
}

/// Where a request comes from, as a hash (the address itself is not kept).
fn address_key(req: &Request) -> String {
    let ip = req
        .headers()
        .get("CF-Connecting-IP")
        .ok()
        .flatten()
        .unwrap_or_else(|| "unknown".into());
    format!(
        "address:{}",
        sha256_hex(format!("accord-address-v1\0{ip}").as_bytes())
    )
}

/// Runs a look-up by code and secret, slowed per address and per code: too many misses answer
/// 429 with `Retry-After` before the secret is even checked.
pub async fn guarded_lookup<T>(
    env: &Env,
    req: &Request,
    code: &str,
    now: DateTime<Utc>,
    lookup: impl std::future::Future<Output = Result<T, ApiError>>,
) -> Result<T, ApiError> {
    let guard = GuardCommand {
        keys: vec![
            (address_key(req), throttle::TRACK_BY_ADDRESS),
            (format!("code:{code}"), throttle::TRACK_BY_CODE),
        ],
        now,
    };
    let street = storage::street_object(env)?;
    let locked: Option<i64> = storage::call(&street, street_ops::GUARD_CHECK, &guard).await?;
    if let Some(retry_after) = locked {
        return Err(ApiError::TooManyAttempts { retry_after });
    }
    match lookup.await {
        Err(ApiError::CaseNotFound) | Err(ApiError::Upstream { status: 404, .. }) => {
            let locked: Option<i64> =
                storage::call(&street, street_ops::GUARD_FAIL, &guard).await?;
            Err(match locked {
                Some(retry_after) => ApiError::TooManyAttempts { retry_after },
                None => ApiError::CaseNotFound,
            })
        }
        other => other,
    }
}

/// `POST /api/track`: an unknown code and a wrong secret answer alike.
pub async fn track(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let request: TrackRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let normalised = request.code.trim().to_uppercase();
    let mut case: PublicCase = guarded_lookup(env, &req, &normalised, now, async {
        let (code, community) = community_of(&directory, &request.code)?;
        storage::call(
            &storage::community_object(env, &community.id)?,
            community_ops::TRACK,
            &TrackCommand {
                code: code.to_string(),
                secret: request.secret.clone(),
                limits: directory.time_limits.clone(),
                now,
            },
        )
        .await
    })
    .await?;
    case.sessions = crate::handlers::sessions::applicant_sessions(env, &case.code, now).await?;
    json(&case, 200)
}

/// `POST /api/track/feedback`: the resident confirms or disputes the resolution and rates it.
pub async fn feedback(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let request: FeedbackRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let normalised = request.code.trim().to_uppercase();
    let mut case: PublicCase = guarded_lookup(env, &req, &normalised, now, async {
        let (code, community) = community_of(&directory, &request.code)?;
        storage::call(
            &storage::community_object(env, &community.id)?,
            community_ops::FEEDBACK,
            &FeedbackCommand {
                origin: request_origin(&req),
                code: code.to_string(),
                secret: request.secret.clone(),
                command: Command::GiveFeedback {
                    confirmed: request.confirmed,
                    satisfaction: request.satisfaction,
                    comment: request.comment.clone(),
                },
                directory: directory.clone(),
                now,
            },
        )
        .await
    })
    .await?;
    case.sessions = crate::handlers::sessions::applicant_sessions(env, &case.code, now).await?;
    json(&case, 200)
}
