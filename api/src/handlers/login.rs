//! Staff login: signing in and out, who is signed in, and a staff member's own password
//! change. (A staff sign-in, not to be confused with a mediation session.)

use crate::error::ApiError;
use crate::handlers::guard::{login_token, require_signed_in};
use crate::handlers::{now, random_bytes, request_origin};
use crate::http::{json, read_json};
use crate::password::hash_password;
use crate::protocol::{ChangePassword, LoginCommand, LogoutCommand};
use crate::session::{clear_cookie, set_cookie, token_from_random, token_hash};
use crate::storage;
use accord_shared::accounts::{check_password_change, PasswordChangeRequest};
use accord_shared::wire::{LoginRequest, MAX_SMALL_BODY_BYTES};
use worker::{Env, Request, Response};

/// A password as stored: an Argon2id PHC string with a fresh salt.
pub fn phc(password: &str) -> Result<String, ApiError> {
    hash_password(password, random_bytes::<16>()?).ok_or(ApiError::Internal)
}

/// `POST /api/staff/login`
pub async fn login(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let request: LoginRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let token = token_from_random(random_bytes::<32>()?);
    let me = storage::staff_store(env)?
        .call(&LoginCommand {
            origin: request_origin(&req),
            username: request.username,
            password: request.password,
            token_hash: token_hash(&token),
            now: now(),
        })
        .await?;
    let response = json(&me, 200)?;
    response.headers().set("Set-Cookie", &set_cookie(&token))?;
    Ok(response)
}

/// `POST /api/staff/logout`: ends the sign-in (if any) and clears the cookie.
pub async fn logout(req: Request, env: &Env) -> Result<Response, ApiError> {
    if let Some(token) = login_token(&req)? {
        storage::staff_store(env)?
            .call(&LogoutCommand {
                token_hash: token_hash(&token),
            })
            .await?;
    }
    let response = Response::empty()?.with_status(204);
    response.headers().set("Set-Cookie", &clear_cookie())?;
    Ok(response)
}

/// `GET /api/staff/me`
pub async fn me(req: Request, env: &Env) -> Result<Response, ApiError> {
    json(&require_signed_in(&req, env).await?, 200)
}

/// `POST /api/staff/password`: the signed-in user changes their password; every sign-in of
/// theirs ends and this browser gets a fresh one.
pub async fn change_password(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_signed_in(&req, env).await?;
    let request: PasswordChangeRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    check_password_change(&me.username, &request)?;
    let token = token_from_random(random_bytes::<32>()?);
    let updated = storage::staff_store(env)?
        .call(&ChangePassword {
            origin: request_origin(&req),
            username: me.username,
            current_password: request.current_password,
            new_password_phc: phc(&request.new_password)?,
            new_token_hash: token_hash(&token),
            now: now(),
        })
        .await?;
    let response = json(&updated, 200)?;
    response.headers().set("Set-Cookie", &set_cookie(&token))?;
    Ok(response)
}
