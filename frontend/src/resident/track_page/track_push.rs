//! "Tell me when something happens": the resident opts in to push notifications for the case
//! shown, and turns them off again. Where the browser has no push or the resident refused it,
//! the page says that the history lists every step (the in-app list of what happened).

use crate::common::push_bridge::{self, PushState};
use crate::i18n::push::PushMsg;
use crate::i18n::{t, use_i18n, Lang};
use accord_shared::wire::TrackRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the opt-in says in each state.
fn said(state: PushState) -> Option<PushMsg> {
    match state {
        PushState::Checking | PushState::Off => None,
        PushState::Working => Some(PushMsg::Working),
        PushState::Refused => Some(PushMsg::Refused),
        PushState::TurnedOff => Some(PushMsg::IsOff),
        PushState::On => Some(PushMsg::IsOn),
        PushState::Failed => Some(PushMsg::Failed),
    }
}

#[component]
pub fn TrackPush(credentials: TrackRequest) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(PushState::Checking);
    let case = StoredValue::new(credentials);
    spawn_local(async move {
        let code = case.with_value(|c| c.code.clone());
        state.set(push_bridge::state(&code).await);
    });
    let toggle = move |_| {
        let on = state.get_untracked() == PushState::On;
        let lang = match i18n.lang() {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        state.set(PushState::Working);
        spawn_local(async move {
            let TrackRequest { code, secret } = case.get_value();
            state.set(if on {
                push_bridge::turn_off(&code, &code, &secret).await
            } else {
                push_bridge::turn_on(&code, &code, &secret, lang).await
            });
        });
    };
    let hidden = move || {
        matches!(
            state.get(),
            PushState::Checking | PushState::Working | PushState::Refused
        )
    };
    let label = move || {
        let msg = if state.get() == PushState::On {
            PushMsg::TurnOff
        } else {
            PushMsg::TurnOn
        };
        msg.text(i18n.lang())
    };
    view! {
        <section class="push-optin" aria-labelledby="push-title">
            <h3 id="push-title">{t(PushMsg::Title)}</h3>
            <p>{t(PushMsg::Intro)}</p>
            <p role="status">{move || said(state.get()).map(|msg| msg.text(i18n.lang()))}</p>
            <button type="button" class="button secondary" hidden=hidden on:click=toggle>{label}</button>
        </section>
    }
}
