//! A new secret for a case's resident, given by staff (`POST /api/staff/cases/{code}/secret`).

use super::{decode, encode, send, with_json, ApiError};
use gloo_net::http::Request;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Reissued {
    pub code: String,
    pub secret: String,
}

pub async fn reissue(code: &str) -> Result<Reissued, ApiError> {
    let url = format!("/api/staff/cases/{}/secret", encode(code));
    decode(send(with_json(Request::post(&url), &serde_json::json!({}))).await?).await
}
