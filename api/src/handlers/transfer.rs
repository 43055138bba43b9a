//! Moving a case between streets: `POST /api/staff/cases/{code}/transfer`, the district
//! coordinator's. Two community objects change, so the move goes in three steps, each safe to
//! repeat: the old community checks the move and hands over the case; the new one files it
//! under a code of its street (once per old code, so a retry finds the same case); the old one
//! closes it, naming the new code. A move cut short leaves the old case open and the same
//! request completes it.

use crate::error::ApiError;
use crate::handlers::guard::{case_in_scope, require_reach, require_staff};
use crate::handlers::{request_origin, request_time};
use crate::http::{json, read_json};
use crate::protocol::{FinishTransfer, PrepareTransfer, ReceiveTransfer};
use crate::storage;
use accord_shared::lifecycle::check_move_target;
use accord_shared::policy::Action;
use accord_shared::wire::{TransferRequest, MAX_SMALL_BODY_BYTES};
use worker::{Env, Request, Response};

pub async fn transfer(mut req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_reach(&me, Action::TransferCases)?;
    let request: TransferRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let directory = storage::directory(env).await?;
    let (code, from) = case_in_scope(&directory, &me.scope, &code)?;
    // The reason is checked with the move itself (the old community's first step).
    let reason = request.reason.trim();
    let to = check_move_target(&directory, &me.scope, &from.id, &request.community)?;
    let street = directory.street_of(to).ok_or(ApiError::Internal)?;
    let now = request_time(&req, env);
    let origin = request_origin(&req);
    let old = storage::community_store(env, &from.id)?;
    let parcel = old
        .call(&PrepareTransfer {
            code: code.to_string(),
            version: request.version,
            me: me.clone(),
            directory: directory.clone(),
            reason: reason.to_owned(),
            now,
        })
        .await?;
    let moved = storage::community_store(env, &to.id)?
        .call(&ReceiveTransfer {
            parcel,
            community: to.id.clone(),
            grid: request.grid.trim().to_owned(),
            code_prefix: street.code_prefix.clone(),
            community_number: to.number,
            street: street.id.clone(),
            me: me.clone(),
            directory: directory.clone(),
            reason: reason.to_owned(),
            now,
            origin: origin.clone(),
        })
        .await?;
    if crate::handlers::test_fault(&req, env, "transfer") {
        // Test support: the old community cannot be reached for the last step.
        return Err(ApiError::Internal);
    }
    old.call(&FinishTransfer {
        code: code.to_string(),
        to: moved.code.clone(),
        me: me.clone(),
        directory: directory.clone(),
        reason: reason.to_owned(),
        now,
        origin,
    })
    .await?;
    json(&moved, 200)
}
