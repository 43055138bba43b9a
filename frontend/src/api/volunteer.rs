//! Volunteer links: staff issue, list and revoke them; a volunteer's page uses its token
//! (`Authorization: Volunteer <token>`) to record matters and return visits.

use super::{decode, encode, get, send, with_json, ApiError};
use accord_shared::case::CaseStatus;
use accord_shared::time_limits::StageClock;
use accord_shared::wire::FileCaseRequest;
use chrono::{DateTime, Utc};
use gloo_net::http::{Request, RequestBuilder};
use serde::{Deserialize, Serialize};

/// `POST /api/staff/volunteers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueRequest {
    pub name: String,
    pub community: String,
    pub intake: bool,
    pub follow_up_cases: Vec<String>,
    pub valid_hours: u32,
}

/// A link as staff see it (never its token after issuing).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct VolunteerLink {
    pub id: String,
    pub name: String,
    pub community: String,
    pub intake: bool,
    #[serde(default)]
    pub follow_up_cases: Vec<String>,
    pub issued_by: String,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked: bool,
}

/// The answer to issuing: the link and its token, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct IssuedLink {
    pub link: VolunteerLink,
    pub token: String,
}

pub async fn issue(request: &IssueRequest) -> Result<IssuedLink, ApiError> {
    decode(send(with_json(Request::post("/api/staff/volunteers"), request)).await?).await
}

pub async fn links() -> Result<Vec<VolunteerLink>, ApiError> {
    decode(send(get("/api/staff/volunteers")).await?).await
}

pub async fn revoke(id: &str) -> Result<VolunteerLink, ApiError> {
    let url = format!("/api/staff/volunteers/{}/revoke", encode(id));
    let builder = Request::post(&url)
        .header("Accept", "application/json")
        .build();
    decode(send(builder).await?).await
}

/// What a volunteer's link allows, as the volunteer's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct VolunteerMe {
    pub name: String,
    pub community: String,
    pub intake: bool,
    #[serde(default)]
    pub follow_up_cases: Vec<String>,
    pub expires_at: DateTime<Utc>,
}

/// A case a volunteer visits: enough to find the resident and see where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct VisitCase {
    pub code: String,
    pub status: CaseStatus,
    pub category: String,
    pub grid: String,
    pub address: String,
    /// Absent once the case has left follow-up: there is no one to call about it any more.
    pub applicant_name: Option<String>,
    pub applicant_phone: Option<String>,
    pub clock: Option<StageClock>,
}

/// The code and the secret of a case a volunteer recorded (the rest of the answer is not
/// needed here).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RecordedCase {
    pub code: String,
    pub secret: Option<String>,
}

#[derive(Serialize)]
struct VisitRequest<'a> {
    code: &'a str,
    note: &'a str,
}

fn authorized(builder: RequestBuilder, token: &str) -> RequestBuilder {
    builder
        .header("Authorization", &format!("Volunteer {token}"))
        .header("Accept", "application/json")
}

pub async fn me(token: &str) -> Result<VolunteerMe, ApiError> {
    let request = authorized(Request::get("/api/volunteer/me"), token).build();
    decode(send(request).await?).await
}

pub async fn intake(
    token: &str,
    idempotency_key: &str,
    request: &FileCaseRequest,
) -> Result<RecordedCase, ApiError> {
    let builder = authorized(Request::post("/api/volunteer/intake"), token)
        .header("Idempotency-Key", idempotency_key);
    decode(send(with_json(builder, request)).await?).await
}

pub async fn cases(token: &str) -> Result<Vec<VisitCase>, ApiError> {
    let request = authorized(Request::get("/api/volunteer/cases"), token).build();
    decode(send(request).await?).await
}

/// Records a return visit; the answer is the case as it is now.
pub async fn visit(token: &str, code: &str, note: &str) -> Result<(), ApiError> {
    let builder = authorized(Request::post("/api/volunteer/visits"), token);
    send(with_json(builder, &VisitRequest { code, note }))
        .await
        .map(|_| ())
}
