//! The staff member's own password and the admin's endpoints: accounts, the street directory,
//! the audit log and the retention run.

use super::{decode, encode, get, send, with_json, ApiError};
use accord_shared::accounts::{
    NewUserRequest, PasswordChangeRequest, PasswordResetRequest, UserSummary, UserUpdateRequest,
};
use accord_shared::audit::{AuditEntry, ChainCheck};
use accord_shared::directory::Directory;
use accord_shared::wire::Me;
use gloo_net::http::Request;
use serde::Deserialize;

/// Changes one's own password; every other session of the user ends, this one goes on with a
/// fresh cookie.
pub async fn change_password(request: &PasswordChangeRequest) -> Result<Me, ApiError> {
    decode(send(with_json(Request::post("/api/staff/password"), request)).await?).await
}

pub async fn users() -> Result<Vec<UserSummary>, ApiError> {
    decode(send(get("/api/admin/users")).await?).await
}

pub async fn create_user(request: &NewUserRequest) -> Result<UserSummary, ApiError> {
    decode(send(with_json(Request::post("/api/admin/users"), request)).await?).await
}

pub async fn update_user(
    username: &str,
    request: &UserUpdateRequest,
) -> Result<UserSummary, ApiError> {
    let url = format!("/api/admin/users/{}", encode(username));
    decode(send(with_json(Request::post(&url), request)).await?).await
}

pub async fn reset_password(
    username: &str,
    request: &PasswordResetRequest,
) -> Result<UserSummary, ApiError> {
    let url = format!("/api/admin/users/{}/password", encode(username));
    decode(send(with_json(Request::post(&url), request)).await?).await
}

/// The directory as stored now: browsers may keep `/api/directory` for a minute, and an admin
/// coming back after saving must see what was saved.
pub async fn directory_now() -> Result<Directory, ApiError> {
    let request = Request::get("/api/directory")
        .header("Accept", "application/json")
        .cache(web_sys::RequestCache::NoCache)
        .build();
    decode(send(request).await?).await
}

/// Replaces the whole street directory.
pub async fn save_directory(directory: &Directory) -> Result<Directory, ApiError> {
    decode(send(with_json(Request::post("/api/admin/directory"), directory)).await?).await
}

/// One audit chain, oldest first, and whether it verifies.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AuditLog {
    pub check: ChainCheck,
    pub entries: Vec<AuditEntry>,
}

pub async fn audit(scope: &str) -> Result<AuditLog, ApiError> {
    decode(send(get(&audit_url(scope, false))).await?).await
}

/// Where the browser downloads a chain as a file (same origin, the cookie goes along).
pub fn audit_url(scope: &str, export: bool) -> String {
    let path = if export {
        "/api/admin/audit/export"
    } else {
        "/api/admin/audit"
    };
    format!("{path}?scope={}", encode(scope))
}

/// What a retention run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct RetentionReport {
    pub examined: u32,
    pub erased: u32,
}

pub async fn run_retention() -> Result<RetentionReport, ApiError> {
    let builder = Request::post("/api/admin/retention/run")
        .header("Accept", "application/json")
        .build();
    decode(send(builder).await?).await
}
