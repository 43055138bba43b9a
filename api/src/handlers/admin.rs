//! Administration: users (create, change, disable, reset passwords), the street directory,
//! and a staff member's own password change.

use crate::error::ApiError;
use crate::handlers::staff::{require_permission, require_session, require_staff};
use crate::handlers::{now, random_bytes, request_origin, request_time};
use crate::http::{json, read_json};
use crate::password::hash_password;
use crate::protocol::{
    auth_ops, ChangePassword, CreateUser, ResetPassword, RetainCommand, RetentionReport, UpdateUser,
};
use crate::session::{set_cookie, token_from_random, token_hash};
use crate::storage;
use crate::storage::audit_log::AuditLog;
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
            by: me.username.clone(),
            origin: request_origin(&req),
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
            by: me.username.clone(),
            now: now(),
            origin: request_origin(&req),
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
            by: me.username.clone(),
            now: now(),
            origin: request_origin(&req),
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
            origin: request_origin(&req),
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
    let _: bool = storage::call(
        &storage::staff_object(env)?,
        auth_ops::AUDIT_APPEND,
        &accord_shared::audit::AuditRecord {
            at: now(),
            actor: me.username.clone(),
            action: "directory.updated".into(),
            target: "directory".into(),
            origin: request_origin(&req),
        },
    )
    .await?;
    json(&directory, 200)
}

/// Which audit chain a request names: `street` (accounts, sign-ins, the directory) or a
/// community id (its cases).
async fn audit_stub(
    req: &Request,
    env: &Env,
) -> Result<(String, worker::Stub, &'static str), ApiError> {
    let url = req.url()?;
    let scope = url
        .query_pairs()
        .find(|(name, _)| name == "scope")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_else(|| "street".into());
    if scope == "street" {
        return Ok((scope, storage::staff_object(env)?, auth_ops::AUDIT));
    }
    let directory = storage::directory(env).await?;
    if directory.community(&scope).is_none() {
        return Err(ApiError::InvalidParameter { field: "scope" });
    }
    let stub = storage::community_object(env, &scope)?;
    Ok((scope, stub, crate::protocol::community_ops::AUDIT))
}

/// `GET /api/admin/audit?scope=`: a chain's entries and whether it verifies.
pub async fn audit(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_permission(&me, Action::ReadAudit)?;
    let (_, stub, op) = audit_stub(&req, env).await?;
    let log: AuditLog = storage::call(&stub, op, &()).await?;
    json(&log, 200)
}

/// `GET /api/admin/audit/export?scope=`: the same, as a file to keep.
pub async fn audit_export(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_permission(&me, Action::ReadAudit)?;
    let (scope, stub, op) = audit_stub(&req, env).await?;
    let log: AuditLog = storage::call(&stub, op, &()).await?;
    let response = json(&log, 200)?;
    response.headers().set(
        "Content-Disposition",
        &format!("attachment; filename=\"accord-audit-{scope}.json\""),
    )?;
    Ok(response)
}

/// Test support: forges the first entry of a chain. The route answers 404 unless the Worker
/// runs with `ACCORD_TEST_CLOCK=1`.
pub async fn audit_tamper(req: Request, env: &Env) -> Result<Response, ApiError> {
    let enabled = env
        .var("ACCORD_TEST_CLOCK")
        .map(|v| v.to_string() == "1")
        .unwrap_or(false);
    if !enabled {
        return Err(ApiError::NotFound);
    }
    let (_, stub, op) = audit_stub(&req, env).await?;
    let tamper_op = if op == auth_ops::AUDIT {
        auth_ops::AUDIT_TAMPER
    } else {
        crate::protocol::community_ops::AUDIT_TAMPER
    };
    let done: bool = storage::call(&stub, tamper_op, &()).await?;
    json(&done, 200)
}

/// Erases personal data past the retention period in every community: the scheduled job
/// and the admin's button share this code.
pub async fn run_retention(
    env: &Env,
    now: chrono::DateTime<chrono::Utc>,
    origin: String,
) -> Result<RetentionReport, ApiError> {
    let directory = storage::directory(env).await?;
    let command = RetainCommand {
        retention_days: directory.retention_days,
        now,
        origin,
    };
    let mut total = RetentionReport {
        examined: 0,
        erased: 0,
    };
    for community in &directory.communities {
        let stub = storage::community_object(env, &community.id)?;
        let report: RetentionReport =
            storage::call(&stub, crate::protocol::community_ops::RETAIN, &command).await?;
        total.examined += report.examined;
        total.erased += report.erased;
    }
    Ok(total)
}

/// `POST /api/admin/retention/run`
pub async fn retention(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_permission(&me, Action::RunRetention)?;
    let report = run_retention(env, request_time(&req, env), request_origin(&req)).await?;
    json(&report, 200)
}
