//! Filing a case, the one way: resident filing, staff intake and volunteer intake all read
//! the idempotent request here and store a validated filing through [`file_valid`].

use crate::error::ApiError;
use crate::http::{json, read_body};
use crate::idempotency;
use crate::protocol::{ClaimCommand, ClaimOutcome, FileCommand, FileReply};
use crate::request_body::decode_with_value;
use crate::storage;
use accord_shared::case::{Actor, Channel};
use accord_shared::directory::Directory;
use accord_shared::intake::ValidFiling;
use accord_shared::wire::MAX_FILING_BODY_BYTES;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use worker::{Env, Request, Response};

/// A filing request as sent: its `Idempotency-Key`, its body as JSON (which the key is bound
/// to) and the body decoded.
pub struct FilingRequest<T> {
    pub key: String,
    pub body: serde_json::Value,
    pub request: T,
}

/// Reads a filing request: the key first (400 without one), then a body of bounded size.
pub async fn read_filing<T: DeserializeOwned>(
    req: &mut Request,
) -> Result<FilingRequest<T>, ApiError> {
    let key = idempotency::parse_key(req.headers().get("Idempotency-Key")?.as_deref())?;
    let bytes = read_body(req, MAX_FILING_BODY_BYTES).await?;
    let (request, body) = decode_with_value::<T>(&bytes)?;
    Ok(FilingRequest { key, body, request })
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
    let reply = store_filing(env, directory, filing).await?;
    let response = json(&reply.filed, 201)?;
    if reply.replayed {
        response.headers().set("Idempotent-Replayed", "true")?;
    }
    Ok(response)
}

/// Stores a validated filing idempotently and answers what the community object said.
pub async fn store_filing(
    env: &Env,
    directory: &Directory,
    filing: Filing<'_>,
) -> Result<FileReply, ApiError> {
    let community = directory
        .community(&filing.filing.community)
        .ok_or(ApiError::Internal)?;
    let street = directory.street_of(community).ok_or(ApiError::Internal)?;
    let fingerprint = idempotency::fingerprint(filing.body);
    // A key is bound to its body in the street the case is filed in.
    let claim = storage::street_store(env, street)?
        .call(&ClaimCommand {
            key_hash: idempotency::key_hash(&filing.key),
            fingerprint: fingerprint.clone(),
            community: community.id.clone(),
            now: filing.now,
        })
        .await?;
    if claim == ClaimOutcome::Conflict {
        return Err(ApiError::IdempotencyKeyReused);
    }
    let command = FileCommand {
        origin: filing.origin,
        idempotency_key: filing.key,
        fingerprint,
        code_prefix: street.code_prefix.clone(),
        community_number: community.number,
        filing: filing.filing,
        channel: filing.channel,
        recorded_by: filing.recorded_by,
        limits: directory.limits_for(&community.id).clone(),
        now: filing.now,
    };
    storage::community_store(env, &community.id)?
        .call(&command)
        .await
}
