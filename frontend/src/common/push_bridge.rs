//! The browser's side of push notifications, in `static/push.js`: permission, the service
//! worker, the push subscription and handing it to the API, reached through `wasm_bindgen` so
//! that the bundles carry none of those browser interfaces or request bodies.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/static/push.js")]
extern "C" {
    #[wasm_bindgen(js_name = pushState)]
    fn push_state(owner: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = pushOn)]
    fn push_on(owner: &str, code: &str, secret: &str, lang: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = pushOff)]
    fn push_off(owner: &str, code: &str, secret: &str) -> js_sys::Promise;
}

/// Where this browser stands for one owner (a case code, or `staff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushState {
    /// Waiting for the browser's answer.
    Checking,
    /// Asking the browser and the API.
    Working,
    /// No push here, or the reader refused notifications to this site.
    Refused,
    Off,
    /// Turned off just now.
    TurnedOff,
    On,
    /// Turning on or off did not work.
    Failed,
}

async fn answer(promise: js_sys::Promise) -> PushState {
    match JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .as_deref()
    {
        Some("on") => PushState::On,
        Some("off") => PushState::Off,
        Some("failed") => PushState::Failed,
        _ => PushState::Refused,
    }
}

pub async fn state(owner: &str) -> PushState {
    answer(push_state(owner)).await
}

/// Turns notifications on for `owner` (a case, with its code and secret; or `staff`), worded
/// in `lang` (`zh` or `en`).
pub async fn turn_on(owner: &str, code: &str, secret: &str, lang: &str) -> PushState {
    answer(push_on(owner, code, secret, lang)).await
}

pub async fn turn_off(owner: &str, code: &str, secret: &str) -> PushState {
    match answer(push_off(owner, code, secret)).await {
        PushState::Off => PushState::TurnedOff,
        other => other,
    }
}
