//! A party's session page (`/s#<token>`, no account): the token is read from the fragment,
//! kept in memory (and in sessionStorage for a reload) and taken out of the address bar. The
//! party answers the proposed times, or sees the fixed time and place, says they will come,
//! asks for another time, or adds it to their calendar.

use crate::api::sessions;
use crate::api::ApiError;
use crate::common::form_kit::Failure;
use crate::i18n::party::PartyMsg;
use crate::i18n::{t, use_i18n, Msg};
use accord_shared::scheduling::PartySessionView;
use leptos::prelude::*;
use leptos::task::spawn_local;
mod answer_form;
mod ics_download;
mod party_session;
use crate::party::party_agreement::PartyAgreement;
use party_session::PartySession;

const STORAGE_KEY: &str = "accord.party";

/// The token from `#<token>` (then removed from the address bar), or the one kept for a reload.
pub fn take_token() -> Option<String> {
    let location = window().location();
    let storage = window().session_storage().ok().flatten();
    let from_hash = location
        .hash()
        .ok()
        .map(|h| h.trim_start_matches('#').trim().to_owned())
        .filter(|h| !h.is_empty());
    if let Some(token) = from_hash {
        if let Some(storage) = &storage {
            let _ = storage.set_item(STORAGE_KEY, &token);
        }
        let path = location.pathname().unwrap_or_else(|_| "/s".to_owned());
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
        return Some(token);
    }
    storage?
        .get_item(STORAGE_KEY)
        .ok()
        .flatten()
        .filter(|t| !t.is_empty())
}

#[component]
pub fn SessionPartyPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = StoredValue::new(take_token());
    let view_state = RwSignal::new(None::<Result<PartySessionView, ApiError>>);
    let note = RwSignal::new(None::<PartyMsg>);
    let load = move || {
        let Some(token) = token.get_value() else {
            view_state.set(Some(Err(ApiError::Status {
                status: 401,
                code: String::new(),
                field: None,
            })));
            return;
        };
        spawn_local(async move {
            view_state.set(Some(sessions::party_session(&token).await));
        });
    };
    load();
    let body = move || {
        match view_state.get() {
        None => view! { <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p> }.into_any(),
        Some(Err(failure)) => {
            let msg = match (token.get_value(), &failure) {
                (None, _) => t(PartyMsg::LinkMissing)(),
                (_, failure) => match Failure::of(failure) {
                    Failure::Unauthorized | Failure::NotFound => t(PartyMsg::LinkInvalid)(),
                    other => t(other.msg())(),
                },
            };
            view! { <p class="notice error-notice" role="alert">{msg}</p> }.into_any()
        }
        Some(Ok(session)) => view! {
            <PartySession session=session token=token.get_value() view_state=view_state note=note />
            <PartyAgreement token=token.get_value().unwrap_or_default() />
        }.into_any(),
    }
    };
    view! {
        <h1 tabindex="-1">{t(PartyMsg::Title)}</h1>
        <p>{t(PartyMsg::Intro)}</p>
        <p class="notice success-notice" role="status" id="party-note" tabindex="-1" hidden=move || note.with(Option::is_none)>
            {move || note.get().map(|m| m.text(i18n.lang()))}
        </p>
        {body}
    }
}
