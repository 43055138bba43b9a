//! Open311 clients: an admin issues a client application its key for one street (shown once),
//! lists the clients and revokes a key.

use super::{decode, encode, get, send, with_json, ApiError};
use accord_shared::open311::{ApiClient, IssueClientRequest, IssuedClient};
use gloo_net::http::Request;

pub async fn clients() -> Result<Vec<ApiClient>, ApiError> {
    decode(send(get("/api/admin/open311/clients")).await?).await
}

pub async fn issue(request: &IssueClientRequest) -> Result<IssuedClient, ApiError> {
    decode(
        send(with_json(
            Request::post("/api/admin/open311/clients"),
            request,
        ))
        .await?,
    )
    .await
}

pub async fn revoke(id: &str) -> Result<ApiClient, ApiError> {
    let url = format!("/api/admin/open311/clients/{}/revoke", encode(id));
    let builder = Request::post(&url)
        .header("Accept", "application/json")
        .build();
    decode(send(builder).await?).await
}
