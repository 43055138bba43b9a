//! The push notification part of the API contract: the key a browser subscribes with, and the
//! subscriptions residents (by code and secret) and staff (signed in) add and remove.

use serde::{Deserialize, Serialize};

/// `GET /api/push/key`: the application server key (the VAPID public key, unpadded
/// base64url) a browser passes to `pushManager.subscribe`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushKeyView {
    pub key: String,
}

/// The two keys of a browser's subscription, base64url as `PushSubscription.toJSON()` gives.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PushKeys {
    pub p256dh: String,
    pub auth: String,
}

/// A browser's push subscription, the shape of `PushSubscription.toJSON()` (its
/// `expirationTime`, `null` or a time in milliseconds, is read and not kept).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PushSubscriptionJson {
    pub endpoint: String,
    pub keys: PushKeys,
    #[serde(rename = "expirationTime", skip_serializing_if = "Option::is_none")]
    pub expiration_time: Option<serde_json::Number>,
}

/// `POST /api/track/push`: the resident's browser is told of this case's changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackPushRequest {
    pub code: String,
    pub secret: String,
    pub subscription: PushSubscriptionJson,
}

/// `POST /api/track/push/remove`: this browser is told no more.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackPushRemoveRequest {
    pub code: String,
    pub secret: String,
    pub endpoint: String,
}

/// `POST /api/staff/push`: the signed-in staff member's browser is told of their cases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaffPushRequest {
    pub subscription: PushSubscriptionJson,
}

/// `POST /api/staff/push/remove`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaffPushRemoveRequest {
    pub endpoint: String,
}

/// The answer of every subscription change: whether this browser is now subscribed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushSubscribed {
    pub subscribed: bool,
}
