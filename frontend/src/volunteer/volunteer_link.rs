//! The volunteer's link as the pages know it: the token taken from the address or this tab,
//! and what the server said about it, shared by the volunteer's screens.

use crate::api::volunteer::VolunteerMe;
use crate::common::signed_out::EndsOnUnauthorized;
use leptos::prelude::*;

const STORAGE_KEY: &str = "accord.volunteer";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkState {
    Checking,
    /// No token in the address or this tab.
    NoLink,
    /// The server refused the token: expired or revoked.
    Dead,
    /// The server could not be asked.
    Unreachable,
    Ready(VolunteerMe),
}

/// The token and what the server said about it, shared by the volunteer's screens.
#[derive(Debug, Clone, Copy)]
pub struct VolunteerLinkState {
    pub token: StoredValue<String>,
    pub state: RwSignal<LinkState>,
}

impl VolunteerLinkState {
    pub fn token(self) -> String {
        self.token.get_value()
    }
}

impl EndsOnUnauthorized for VolunteerLinkState {
    /// A request answered 401: the link stopped working while the page was open.
    fn ended(self) {
        forget_token();
        self.state.set(LinkState::Dead);
    }
}

pub fn use_link() -> VolunteerLinkState {
    expect_context::<VolunteerLinkState>()
}

/// Takes the token from `#<token>` (and wipes it from the address bar), or from this tab.
pub fn take_token() -> Option<String> {
    let win = window();
    let storage = win.session_storage().ok().flatten();
    let hash = win.location().hash().unwrap_or_default();
    let from_hash = hash.trim_start_matches('#').trim().to_owned();
    if !from_hash.is_empty() {
        if let Some(storage) = &storage {
            let _ = storage.set_item(STORAGE_KEY, &from_hash);
        }
        if let Ok(history) = win.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/v"));
        }
        return Some(from_hash);
    }
    storage
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .filter(|token| !token.is_empty())
}

fn forget_token() {
    if let Some(storage) = window().session_storage().ok().flatten() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}
