//! Push notifications: the server's key (`GET /api/push/key`), a resident's subscription to
//! their case (`POST /api/track/push`, `/remove`) and a staff member's (`POST /api/staff/push`,
//! `/remove`).

use super::{decode, get, send, with_json, ApiError};
use accord_shared::wire::{
    PushKeyView, PushSubscribed, PushSubscriptionJson, StaffPushRemoveRequest, StaffPushRequest,
    TrackPushRemoveRequest, TrackPushRequest, TrackRequest,
};
use gloo_net::http::Request;

/// The application server key browsers subscribe with.
pub async fn key() -> Result<String, ApiError> {
    let view: PushKeyView = decode(send(get("/api/push/key")).await?).await?;
    Ok(view.key)
}

/// This browser is told of the case's changes.
pub async fn track_subscribe(
    case: &TrackRequest,
    subscription: PushSubscriptionJson,
) -> Result<PushSubscribed, ApiError> {
    let body = TrackPushRequest {
        code: case.code.clone(),
        secret: case.secret.clone(),
        subscription,
    };
    decode(send(with_json(Request::post("/api/track/push"), &body)).await?).await
}

/// This browser is told no more of the case.
pub async fn track_unsubscribe(
    case: &TrackRequest,
    endpoint: String,
) -> Result<PushSubscribed, ApiError> {
    let body = TrackPushRemoveRequest {
        code: case.code.clone(),
        secret: case.secret.clone(),
        endpoint,
    };
    decode(send(with_json(Request::post("/api/track/push/remove"), &body)).await?).await
}

/// The signed-in staff member's browser is told of their cases.
pub async fn staff_subscribe(
    subscription: PushSubscriptionJson,
) -> Result<PushSubscribed, ApiError> {
    let body = StaffPushRequest { subscription };
    decode(send(with_json(Request::post("/api/staff/push"), &body)).await?).await
}

pub async fn staff_unsubscribe(endpoint: String) -> Result<PushSubscribed, ApiError> {
    let body = StaffPushRemoveRequest { endpoint };
    decode(send(with_json(Request::post("/api/staff/push/remove"), &body)).await?).await
}
