//! Staff: sign-in, sign-out, the queue of their communities, and case detail.

use crate::error::ApiError;
use crate::handlers::{now, random_bytes};
use crate::http::{json, read_json};
use crate::protocol::{
    auth_ops, community_ops, DetailQuery, LoginCommand, QueueQuery, SessionQuery,
};
use crate::session::{
    clear_cookie, set_cookie, token_from_cookie_header, token_from_random, token_hash,
};
use crate::storage;
use accord_shared::code::CaseCode;
use accord_shared::queue::{merge_pages, QueueCursor};
use accord_shared::wire::{
    CaseDetail, LoginRequest, Me, QueueItem, QueuePage, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE,
    MAX_SMALL_BODY_BYTES,
};
use futures_util::future::join_all;
use worker::{Env, Request, Response};

fn session_token(req: &Request) -> Result<Option<String>, ApiError> {
    let header = req.headers().get("Cookie")?.unwrap_or_default();
    Ok(token_from_cookie_header(&header).map(str::to_owned))
}

/// The signed-in staff member, or 401.
pub async fn require_staff(req: &Request, env: &Env) -> Result<Me, ApiError> {
    let token = session_token(req)?.ok_or(ApiError::Unauthenticated)?;
    storage::call(
        &storage::staff_object(env)?,
        auth_ops::SESSION,
        &SessionQuery {
            token_hash: token_hash(&token),
            now: now(),
        },
    )
    .await
}

/// `POST /api/staff/login`
pub async fn login(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let request: LoginRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let token = token_from_random(random_bytes::<32>()?);
    let me: Me = storage::call(
        &storage::staff_object(env)?,
        auth_ops::LOGIN,
        &LoginCommand {
            username: request.username,
            password: request.password,
            token_hash: token_hash(&token),
            now: now(),
        },
    )
    .await?;
    let response = json(&me, 200)?;
    response.headers().set("Set-Cookie", &set_cookie(&token))?;
    Ok(response)
}

/// `POST /api/staff/logout`: ends the session (if any) and clears the cookie.
pub async fn logout(req: Request, env: &Env) -> Result<Response, ApiError> {
    if let Some(token) = session_token(&req)? {
        let _: bool = storage::call(
            &storage::staff_object(env)?,
            auth_ops::LOGOUT,
            &SessionQuery {
                token_hash: token_hash(&token),
                now: now(),
            },
        )
        .await?;
    }
    let response = Response::empty()?.with_status(204);
    response.headers().set("Set-Cookie", &clear_cookie())?;
    Ok(response)
}

/// `GET /api/staff/me`
pub async fn me(req: Request, env: &Env) -> Result<Response, ApiError> {
    json(&require_staff(&req, env).await?, 200)
}

/// `GET /api/staff/cases?community=&cursor=&limit=`: open cases oldest first, merged across
/// the caller's communities.
pub async fn queue(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let url = req.url()?;
    let (mut community, mut cursor, mut limit) = (None, None, DEFAULT_PAGE_SIZE);
    for (name, value) in url.query_pairs() {
        match name.as_ref() {
            "community" if !value.is_empty() => community = Some(value.into_owned()),
            "cursor" if !value.is_empty() => {
                cursor = Some(
                    QueueCursor::decode(&value)
                        .ok_or(ApiError::InvalidParameter { field: "cursor" })?,
                )
            }
            "limit" => {
                limit = value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
                    .ok_or(ApiError::InvalidParameter { field: "limit" })?
            }
            _ => {}
        }
    }
    let directory = storage::directory(env).await?;
    let communities: Vec<String> = match community {
        // A community outside the caller's scope answers as if it did not exist.
        Some(id) if directory.community(&id).is_some() && me.scope.includes(&id) => vec![id],
        Some(_) => return Err(ApiError::NotFound),
        None => directory
            .communities
            .iter()
            .filter(|c| me.scope.includes(&c.id))
            .map(|c| c.id.clone())
            .collect(),
    };
    // One more than a page from each community tells whether another page exists.
    let query = QueueQuery::new(cursor.as_ref(), limit + 1);
    let stubs = communities
        .iter()
        .map(|id| storage::community_object(env, id))
        .collect::<Result<Vec<_>, _>>()?;
    let pages = join_all(
        stubs
            .iter()
            .map(|stub| storage::call::<_, Vec<QueueItem>>(stub, community_ops::QUEUE, &query)),
    )
    .await
    .into_iter()
    .collect::<Result<Vec<_>, _>>()?;
    let (items, next_cursor) = merge_pages(pages, limit);
    json(&QueuePage { items, next_cursor }, 200)
}

/// `GET /api/staff/cases/{code}`: a case outside the caller's communities answers 404.
pub async fn detail(req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let code: CaseCode = code.parse().map_err(|_| ApiError::NotFound)?;
    let directory = storage::directory(env).await?;
    let community = directory
        .community_by_number(code.community_number())
        .filter(|c| code.prefix() == directory.street.code_prefix && me.scope.includes(&c.id))
        .ok_or(ApiError::NotFound)?;
    let detail: CaseDetail = storage::call(
        &storage::community_object(env, &community.id)?,
        community_ops::DETAIL,
        &DetailQuery {
            code: code.to_string(),
        },
    )
    .await?;
    json(&detail, 200)
}
