//! Push notifications: the key browsers subscribe with, a resident's subscription to their
//! case (by code and secret, like a look-up) and a staff member's to their cases. The
//! messages themselves leave the objects that keep the subscriptions (`push_delivery`).

use crate::error::ApiError;
use crate::handlers::guard::{guarded_lookup, require_staff, resident_call};
use crate::handlers::request_time;
use crate::http::{json, read_json};
use crate::protocol::{PushSubscribe, PushUnsubscribe, StaffPushSubscribe, StaffPushUnsubscribe};
use crate::push::read_subscription;
use crate::storage;
use crate::storage::push_delivery::{local_push_allowed, vapid};
use accord_shared::wire::{
    PushKeyView, PushSubscribed, StaffPushRemoveRequest, StaffPushRequest, TrackPushRemoveRequest,
    TrackPushRequest, MAX_SMALL_BODY_BYTES,
};
use worker::{Env, Request, Response};

/// `GET /api/push/key`: 404 `push_unavailable` where no VAPID key is configured.
pub fn key(env: &Env) -> Result<Response, ApiError> {
    let (key, _) = vapid(env).ok_or(ApiError::PushUnavailable)?;
    json(
        &PushKeyView {
            key: key.application_server_key(),
        },
        200,
    )
}

/// `POST /api/track/push`
pub async fn track_subscribe(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let request: TrackPushRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    vapid(env).ok_or(ApiError::PushUnavailable)?;
    let subscription = read_subscription("", &request.subscription, local_push_allowed(env))?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let (dir, request_ref, subscription_ref) = (&directory, &request, &subscription);
    let reply: PushSubscribed =
        guarded_lookup(env, &req, &directory, &request.code, now, |guard| {
            resident_call(env, dir, &request_ref.code, move |code| PushSubscribe {
                code,
                secret: request_ref.secret.clone(),
                guard: guard.clone(),
                subscription: subscription_ref.clone(),
                now,
            })
        })
        .await?;
    json(&reply, 200)
}

/// `POST /api/track/push/remove`
pub async fn track_unsubscribe(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let request: TrackPushRemoveRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let (dir, request_ref) = (&directory, &request);
    let reply: PushSubscribed =
        guarded_lookup(env, &req, &directory, &request.code, now, |guard| {
            resident_call(env, dir, &request_ref.code, move |code| PushUnsubscribe {
                code,
                secret: request_ref.secret.clone(),
                guard: guard.clone(),
                endpoint: request_ref.endpoint.trim().to_owned(),
            })
        })
        .await?;
    json(&reply, 200)
}

/// `POST /api/staff/push`
pub async fn staff_subscribe(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let request: StaffPushRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    vapid(env).ok_or(ApiError::PushUnavailable)?;
    let subscription =
        read_subscription(&me.username, &request.subscription, local_push_allowed(env))?;
    let reply = storage::staff_store(env)?
        .call(&StaffPushSubscribe {
            subscription,
            now: request_time(&req, env),
        })
        .await?;
    json(&reply, 200)
}

/// `POST /api/staff/push/remove`
pub async fn staff_unsubscribe(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let request: StaffPushRemoveRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let reply = storage::staff_store(env)?
        .call(&StaffPushUnsubscribe {
            username: me.username,
            endpoint: request.endpoint.trim().to_owned(),
        })
        .await?;
    json(&reply, 200)
}
