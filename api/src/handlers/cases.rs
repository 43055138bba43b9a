//! Residents: filing a case and tracking it with its code and secret.

use crate::error::ApiError;
use crate::handlers::now;
use crate::http::{json, parse_json, read_body, read_json};
use crate::idempotency;
use crate::protocol::{
    community_ops, street_ops, ClaimCommand, ClaimOutcome, FileCommand, TrackCommand,
};
use crate::storage::{self, community::FileReply};
use accord_shared::case::{Actor, Channel};
use accord_shared::code::CaseCode;
use accord_shared::intake::validate_filing;
use accord_shared::wire::{
    FileCaseRequest, PublicCase, TrackRequest, MAX_FILING_BODY_BYTES, MAX_SMALL_BODY_BYTES,
};
use worker::{Env, Request, Response};

/// `POST /api/cases`
pub async fn file(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let key = idempotency::parse_key(req.headers().get("Idempotency-Key")?.as_deref())?;
    let bytes = read_body(&mut req, MAX_FILING_BODY_BYTES).await?;
    let body: serde_json::Value = parse_json(&bytes)?;
    let request: FileCaseRequest =
        serde_json::from_value(body.clone()).map_err(|_| ApiError::MalformedBody)?;
    let directory = storage::directory(env).await?;
    let filing = validate_filing(&directory, &request)?;
    let community = directory
        .community(&filing.community)
        .ok_or(ApiError::Internal)?;
    let fingerprint = idempotency::fingerprint(&body);
    let now = now();

    let claim: ClaimOutcome = storage::call(
        &storage::street_object(env)?,
        street_ops::CLAIM_IDEMPOTENCY_KEY,
        &ClaimCommand {
            key_hash: idempotency::key_hash(&key),
            fingerprint: fingerprint.clone(),
            community: community.id.clone(),
            now,
        },
    )
    .await?;
    if claim == ClaimOutcome::Conflict {
        return Err(ApiError::IdempotencyKeyReused);
    }

    let command = FileCommand {
        idempotency_key: key,
        fingerprint,
        code_prefix: directory.street.code_prefix.clone(),
        community_number: community.number,
        filing,
        channel: Channel::Web,
        recorded_by: Actor::Resident,
        now,
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

/// `POST /api/track`: an unknown code and a wrong secret answer alike.
pub async fn track(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let request: TrackRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let code: CaseCode = request.code.parse().map_err(|_| ApiError::CaseNotFound)?;
    let directory = storage::directory(env).await?;
    let community = directory
        .community_by_number(code.community_number())
        .filter(|_| code.prefix() == directory.street.code_prefix)
        .ok_or(ApiError::CaseNotFound)?;
    let case: PublicCase = storage::call(
        &storage::community_object(env, &community.id)?,
        community_ops::TRACK,
        &TrackCommand {
            code: code.to_string(),
            secret: request.secret,
        },
    )
    .await?;
    json(&case, 200)
}
