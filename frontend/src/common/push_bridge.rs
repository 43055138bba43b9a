//! The browser's side of push notifications, in `static/push.js`: permission, the service
//! worker and the push subscription, reached through `wasm_bindgen` so that the bundles carry
//! none of those browser interfaces. The subscription itself goes to the API from Rust.

use accord_shared::wire::PushSubscriptionJson;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/static/push.js")]
extern "C" {
    #[wasm_bindgen(js_name = pushState)]
    fn push_state(owner: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = pushSubscribe)]
    fn push_subscribe(key: &str, lang: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = pushMark)]
    fn push_mark(owner: &str, on: bool);
    #[wasm_bindgen(js_name = pushEndpoint)]
    fn push_endpoint() -> js_sys::Promise;
}

/// Where this browser stands for one owner (a case code, or `staff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushState {
    /// No service worker, push or notifications here (or not a secure page).
    Unsupported,
    /// The reader refused notifications to this site.
    Denied,
    Off,
    On,
}

/// Why subscribing did not work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscribeFailure {
    Unsupported,
    Denied,
    Failed,
}

pub async fn state(owner: &str) -> PushState {
    let answer = JsFuture::from(push_state(owner)).await.ok();
    match answer.and_then(|v| v.as_string()).as_deref() {
        Some("on") => PushState::On,
        Some("off") => PushState::Off,
        Some("denied") => PushState::Denied,
        _ => PushState::Unsupported,
    }
}

/// Asks for permission and subscribes this browser with the server's key; the words of the
/// notifications will be in `lang` (`zh` or `en`).
pub async fn subscribe(key: &str, lang: &str) -> Result<PushSubscriptionJson, SubscribeFailure> {
    match JsFuture::from(push_subscribe(key, lang)).await {
        Ok(json) => json
            .as_string()
            .and_then(|json| serde_json::from_str(&json).ok())
            .ok_or(SubscribeFailure::Failed),
        Err(why) => Err(match why.as_string().as_deref() {
            Some("unsupported") => SubscribeFailure::Unsupported,
            Some("denied") => SubscribeFailure::Denied,
            _ => SubscribeFailure::Failed,
        }),
    }
}

/// Remembers on this phone whether it hears of `owner`.
pub fn mark(owner: &str, on: bool) {
    push_mark(owner, on);
}

/// This browser's push endpoint, if it has a subscription.
pub async fn endpoint() -> Option<String> {
    JsFuture::from(push_endpoint())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .filter(|e| !e.is_empty())
}
