//! Administration: users (create, change, disable, reset passwords), the street directory,
//! and a staff member's own password change.

use crate::error::ApiError;
use crate::handlers::staff::{require_permission, require_session, require_staff};
use crate::handlers::{now, random_bytes};
use crate::http::{json, read_json};
use crate::password::hash_password;
use crate::protocol::{auth_ops, ChangePassword, CreateUser, ResetPassword, UpdateUser};
use crate::session::{set_cookie, token_from_random, token_hash};
use crate::storage;
use accord_shared::accounts::{
    check_display_name, check_new_password, check_new_user, check_scope, NewUserRequest,
    PasswordChangeRequest, PasswordResetRequest, UserSummary, UserUpdateRequest,
};
use accord_shared::directory::Directory;
use accord_shared::policy::Action;
use accord_shared::wire::{Me, MAX_FILING_BODY_BYTES, MAX_SMALL_BODY_BYTES};
use worker::{Env, Request, Response};

/// Largest accepted directory document (34 communities with grids, categories, limits).
const MAX_DIRECTORY_BYTES: usize = 256 * 1024;

fn phc(password: &str) -> Result<String, ApiError> {
    hash_password(password, random_bytes::<16>()?).ok_or(ApiError::Internal)
}

/// `GET /api/admin/users`
pub async fn list_users(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_permission(&me, Action::ManageUsers)?;
    let users: Vec<UserSummary> =
        storage::call(&storage::staff_object(env)?, auth_ops::USERS, &()).await?;
    json(&users, 200)
}

/// `POST /api/admin/users`: a new account with a temporary password to change at first sign-in.
pub async fn create_user(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_permission(&me, Action::ManageUsers)?;
    let request: NewUserRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let directory = storage::directory(env).await?;
    let (username, display_name, role, scope) = check_new_user(&directory, &request)?;
    let created: UserSummary = storage::call(
        &storage::staff_object(env)?,
        auth_ops::USER_CREATE,
        &CreateUser {
            username,
            display_name,
            role,
            scope,
            password_phc: phc(&request.temporary_password)?,
            now: now(),
        },
    )
    .await?;
    json(&created, 201)
}

/// `POST /api/admin/users/{username}`: change name, role, scope, or disable (which ends the
/// user's sessions at once).
pub async fn update_user(
    mut req: Request,
    env: &Env,
    username: String,
) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_permission(&me, Action::ManageUsers)?;
    let mut request: UserUpdateRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    if username == me.username && request.disabled == Some(true) {
        // An admin who disables themselves could lock everyone out.
        return Err(ApiError::Forbidden);
    }
    if let Some(name) = &request.display_name {
        request.display_name = Some(check_display_name(name)?);
    }
    let users: Vec<UserSummary> =
        storage::call(&storage::staff_object(env)?, auth_ops::USERS, &()).await?;
    let current = users
        .iter()
        .find(|u| u.username == username)
        .ok_or(ApiError::NotFound)?;
    if request.role.is_some() || request.scope.is_some() {
        let directory = storage::directory(env).await?;
        let role = request.role.unwrap_or(current.role);
        let scope = request
            .scope
            .clone()
            .unwrap_or_else(|| current.scope.clone());
        check_scope(&directory, role, &scope)?;
    }
    let updated: UserSummary = storage::call(
        &storage::staff_object(env)?,
        auth_ops::USER_UPDATE,
        &UpdateUser {
            username,
            update: request,
        },
    )
    .await?;
    json(&updated, 200)
}

/// `POST /api/admin/users/{username}/password`: a temporary password; the user's sessions end
/// and they must choose a new password at next sign-in.
pub async fn reset_password(
    mut req: Request,
    env: &Env,
    username: String,
) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_permission(&me, Action::ManageUsers)?;
    let request: PasswordResetRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    check_new_password("temporary_password", &request.temporary_password, &username)?;
    let updated: UserSummary = storage::call(
        &storage::staff_object(env)?,
        auth_ops::PASSWORD_RESET,
        &ResetPassword {
            username,
            password_phc: phc(&request.temporary_password)?,
        },
    )
    .await?;
    json(&updated, 200)
}

/// `POST /api/staff/password`: the signed-in user changes their password; every session of
/// theirs ends and this browser gets a fresh one.
pub async fn change_password(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_session(&req, env).await?;
    let request: PasswordChangeRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    check_new_password("new_password", &request.new_password, &me.username)?;
    if request.new_password == request.current_password {
        return Err(ApiError::Field(accord_shared::fields::FieldError::new(
            "new_password",
            accord_shared::fields::FieldProblem::InvalidFormat,
        )));
    }
    let token = token_from_random(random_bytes::<32>()?);
    let updated: Me = storage::call(
        &storage::staff_object(env)?,
        auth_ops::PASSWORD_CHANGE,
        &ChangePassword {
            username: me.username,
            current_password: request.current_password,
            new_password_phc: phc(&request.new_password)?,
            new_token_hash: token_hash(&token),
            now: now(),
        },
    )
    .await?;
    let response = json(&updated, 200)?;
    response.headers().set("Set-Cookie", &set_cookie(&token))?;
    Ok(response)
}

/// `POST /api/admin/directory`: replaces the street directory (communities, grids,
/// categories, time limits, retention) after checking it whole.
pub async fn put_directory(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_permission(&me, Action::ManageDirectory)?;
    let directory: Directory =
        read_json(&mut req, MAX_DIRECTORY_BYTES.max(MAX_FILING_BODY_BYTES)).await?;
    directory.validate()?;
    let current = storage::directory(env).await?;
    // Communities keep their numbers: case codes route by them.
    for community in &current.communities {
        if let Some(kept) = directory.community(&community.id) {
            if kept.number != community.number {
                return Err(ApiError::Field(accord_shared::fields::FieldError::new(
                    "communities.number",
                    accord_shared::fields::FieldProblem::InvalidFormat,
                )));
            }
        }
    }
    storage::put_directory(env, &directory).await?;
    json(&directory, 200)
}
