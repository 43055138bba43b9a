//! The staff member's own password and the admin's endpoints: accounts, the street directory,
//! the audit log and the retention run.

use super::{decode, encode, get, send, with_json, ApiError};
use accord_shared::accounts::{
    NewUserRequest, PasswordChangeRequest, PasswordResetRequest, UserSummary, UserUpdateRequest,
};
use accord_shared::audit::{AuditEntry, ChainCheck};
use accord_shared::directory::Directory;
use accord_shared::directory_edit::{CommunityEdit, DistrictEdit, StreetEdit};
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

/// Saves one community (names, grids, its places) on the directory as stored now; the
/// directory as saved.
pub async fn save_community(id: &str, edit: &CommunityEdit) -> Result<Directory, ApiError> {
    let url = format!("/api/admin/directory/communities/{}", encode(id));
    decode(send(with_json(Request::post(&url), edit)).await?).await
}

/// Saves a street's own settings on the directory as stored now.
pub async fn save_street(id: &str, edit: &StreetEdit) -> Result<Directory, ApiError> {
    let url = format!("/api/admin/directory/streets/{}", encode(id));
    decode(send(with_json(Request::post(&url), edit)).await?).await
}

/// Saves the district's settings on the directory as stored now.
pub async fn save_district(edit: &DistrictEdit) -> Result<Directory, ApiError> {
    let request = Request::post("/api/admin/directory/district");
    decode(send(with_json(request, edit)).await?).await
}

/// Saves a category's extra questions on the directory as stored now.
pub async fn save_questions(
    category: &str,
    edit: &accord_shared::directory_edit::QuestionsEdit,
) -> Result<Directory, ApiError> {
    let url = format!(
        "/api/admin/directory/categories/{}/questions",
        encode(category)
    );
    decode(send(with_json(Request::post(&url), edit)).await?).await
}

/// A page of one audit chain (newest first), and whether the whole chain verifies.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AuditLog {
    pub check: ChainCheck,
    pub entries: Vec<AuditEntry>,
    /// How many entries the filter lets through.
    pub matching: u64,
    /// `before` of the next (older) page.
    pub next_before: Option<u64>,
}

/// Which chain, and what of it: the query parameters of the log and of its export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    pub scope: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub from: String,
    pub to: String,
}

pub async fn audit(query: &AuditQuery, before: Option<u64>) -> Result<AuditLog, ApiError> {
    decode(send(get(&audit_url(query, false, before))).await?).await
}

/// Where a page of the log is read, or the browser downloads it as a file (same origin, the
/// cookie goes along); the filters go with both.
pub fn audit_url(query: &AuditQuery, export: bool, before: Option<u64>) -> String {
    let path = if export {
        "/api/admin/audit/export"
    } else {
        "/api/admin/audit"
    };
    let mut url = format!("{path}?scope={}", encode(&query.scope));
    let before = before.map(|b| b.to_string()).unwrap_or_default();
    for (name, value) in [
        ("actor", query.actor.trim()),
        ("action", query.action.as_str()),
        ("target", query.target.trim()),
        ("from", query.from.as_str()),
        ("to", query.to.as_str()),
        ("before", before.as_str()),
    ] {
        if !value.is_empty() {
            url.push_str(&format!("&{name}={}", encode(value)));
        }
    }
    url
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
