//! The counselor's confidential notes of a case.

use super::{decode, encode, get, send, with_json, ApiError};
use accord_shared::case::PartyRole;
use accord_shared::confidential::{ConfidentialView, NewNoteRequest, ShareRequest};
use gloo_net::http::Request;

pub async fn of_case(code: &str) -> Result<ConfidentialView, ApiError> {
    let url = format!("/api/staff/cases/{}/confidential", encode(code));
    decode(send(get(&url)).await?).await
}

pub async fn add(code: &str, text: &str) -> Result<ConfidentialView, ApiError> {
    let url = format!("/api/staff/cases/{}/confidential", encode(code));
    let body = NewNoteRequest {
        text: text.to_owned(),
    };
    decode(send(with_json(Request::post(&url), &body)).await?).await
}

pub async fn share(
    code: &str,
    seq: u32,
    party: PartyRole,
    how: &str,
) -> Result<ConfidentialView, ApiError> {
    let url = format!(
        "/api/staff/confidential/{}/share",
        encode(&format!("{code}~{seq}"))
    );
    let body = ShareRequest {
        party,
        how: how.to_owned(),
    };
    decode(send(with_json(Request::post(&url), &body)).await?).await
}
