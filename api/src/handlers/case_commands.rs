//! Changes to a case by staff: one step of the closed loop, or a merge of a duplicate.

use crate::error::ApiError;
use crate::handlers::guard::{case_in_scope, require_staff};
use crate::handlers::people::people;
use crate::handlers::{request_origin, request_time};
use crate::http::{json, read_json};
use crate::protocol::{CaseCommand, MergeCommand};
use crate::storage;
use accord_shared::lifecycle::{check_merge, Command};
use accord_shared::staff::{check_handlers_exist, Within};
use accord_shared::wire::{CommandRequest, MergeRequest, MAX_SMALL_BODY_BYTES};
use worker::{Env, Request, Response};

/// `POST /api/staff/cases/{code}/commands`: one step of the closed loop, based on the version
/// the caller saw (a stale one gets 409 with the case as it is now).
pub async fn command(mut req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let request: CommandRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let directory = storage::directory(env).await?;
    let (code, community) = case_in_scope(&directory, &me.scope, &code)?;
    if let Command::SetHandlers { handlers } = &request.command {
        let at = Within {
            street: &community.street,
            community: &community.id,
        };
        check_handlers_exist(&people(env).await?, handlers, at)?;
    }
    let detail = storage::community_store(env, &community.id)?
        .call(&CaseCommand {
            origin: request_origin(&req),
            code: code.to_string(),
            version: request.version,
            command: request.command,
            me: me.clone(),
            directory: directory.clone(),
            now: request_time(&req, env),
        })
        .await?;
    json(&detail, 200)
}

/// `POST /api/staff/cases/{code}/merge`: takes a duplicate of the same community into this case.
pub async fn merge(mut req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let request: MergeRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let directory = storage::directory(env).await?;
    let (code, community) = case_in_scope(&directory, &me.scope, &code)?;
    let duplicate = check_merge(&code, &request.duplicate)?;
    let detail = storage::community_store(env, &community.id)?
        .call(&MergeCommand {
            origin: request_origin(&req),
            primary: code.to_string(),
            version: request.version,
            duplicate: duplicate.to_string(),
            me: me.clone(),
            directory: directory.clone(),
            now: request_time(&req, env),
        })
        .await?;
    json(&detail, 200)
}
