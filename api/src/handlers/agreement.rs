//! The mediation agreement of a case: `GET/POST /api/staff/cases/{code}/agreement` for staff,
//! and `GET /api/party/agreement`, `POST /api/party/agreement/confirm` for a party through
//! their session link (no account). The community's object applies `shared`'s rules.

use crate::error::ApiError;
use crate::handlers::guard::{case_in_scope, require_staff};
use crate::handlers::sessions::party_token;
use crate::handlers::{request_origin, request_time};
use crate::http::{json, read_json};
use crate::protocol::{
    AgreementCommand, AgreementQuery, PartyAgreementQuery, PartyConfirm, PartyLinkQuery,
};
use crate::session::token_hash;
use crate::storage;
use accord_shared::wire::{AgreementRequest, PartyConfirmRequest};
use worker::{Env, Request, Response};

/// An agreement's facts and terms fit well within this.
const BODY_LIMIT: usize = 64 * 1024;

/// `GET /api/staff/cases/{code}/agreement`
pub async fn get(req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let directory = storage::directory(env).await?;
    let (code, community) = case_in_scope(&directory, &me.scope, &code)?;
    let view = storage::community_store(env, &community.id)?
        .call(&AgreementQuery {
            code: code.to_string(),
            street: community.street.clone(),
            me,
            now: request_time(&req, env),
        })
        .await?;
    json(&view, 200)
}

/// `POST /api/staff/cases/{code}/agreement`: draft (or change, or a new version), the court's
/// decision, or a term's performance.
pub async fn post(mut req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let request: AgreementRequest = read_json(&mut req, BODY_LIMIT).await?;
    let directory = storage::directory(env).await?;
    let (code, community) = case_in_scope(&directory, &me.scope, &code)?;
    let view = storage::community_store(env, &community.id)?
        .call(&AgreementCommand {
            code: code.to_string(),
            street: community.street.clone(),
            me,
            request,
            now: request_time(&req, env),
            origin: request_origin(&req),
        })
        .await?;
    json(&view, 200)
}

/// The link's party: its case's community object, the case code, the role, and the link's
/// fingerprint (what a confirmation records).
async fn party_of(
    req: &Request,
    env: &Env,
) -> Result<
    (
        storage::Client<crate::protocol::CommunityStore>,
        crate::protocol::PartyIdentity,
        String,
    ),
    ApiError,
> {
    let hash = token_hash(&party_token(req)?);
    let who = storage::calendar_store(env)?
        .call(&PartyLinkQuery {
            token_hash: hash.clone(),
        })
        .await?;
    let store = storage::community_store(env, &who.community)?;
    Ok((store, who, hash.chars().take(16).collect()))
}

/// `GET /api/party/agreement`: the agreement to read and confirm (404 while none is drafted).
pub async fn party_get(req: Request, env: &Env) -> Result<Response, ApiError> {
    let (store, who, _) = party_of(&req, env).await?;
    let view = store
        .call(&PartyAgreementQuery {
            code: who.case_code,
            role: who.role,
            now: request_time(&req, env),
        })
        .await?;
    json(&view, 200)
}

/// `POST /api/party/agreement/confirm`: the party's typed full name and the text's fingerprint.
pub async fn party_confirm(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let request: PartyConfirmRequest = read_json(&mut req, 4 * 1024).await?;
    let (store, who, link_id) = party_of(&req, env).await?;
    let view = store
        .call(&PartyConfirm {
            code: who.case_code,
            role: who.role,
            request,
            link_id,
            now: request_time(&req, env),
            origin: request_origin(&req),
        })
        .await?;
    json(&view, 200)
}
