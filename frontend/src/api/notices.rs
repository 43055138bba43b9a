//! A staff member's own notices (`GET /api/staff/notices`, `POST /api/staff/notices/read`).

use super::{decode, get, send, with_json, ApiError};
use accord_shared::notices::{MarkNoticesRead, NoticesPage};
use gloo_net::http::Request;

/// A page of the reader's notices, newest first, before notice `before` if given.
pub async fn page(before: Option<i64>) -> Result<NoticesPage, ApiError> {
    let url = match before {
        Some(before) => format!("/api/staff/notices?before={before}"),
        None => "/api/staff/notices".to_owned(),
    };
    decode(send(get(&url)).await?).await
}

/// Marks the reader's notices up to `up_to` read.
pub async fn mark_read(up_to: i64) -> Result<(), ApiError> {
    send(with_json(
        Request::post("/api/staff/notices/read"),
        &MarkNoticesRead { up_to },
    ))
    .await?;
    Ok(())
}
