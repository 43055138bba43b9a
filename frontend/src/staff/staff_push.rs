//! A staff member opts this device in to push notifications of their cases (new
//! assignments, escalations, session changes), or out again. The notices page lists the same
//! events where push is refused.

use crate::common::push_bridge::{self, PushState};
use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, use_i18n, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The owner this device's staff opt-in is remembered under.
const OWNER: &str = "staff";

fn said(state: PushState) -> Option<StaffMsg> {
    match state {
        PushState::Checking | PushState::Working | PushState::Off | PushState::TurnedOff => None,
        PushState::Refused => Some(StaffMsg::PushRefused),
        PushState::On => Some(StaffMsg::PushIsOn),
        PushState::Failed => Some(StaffMsg::PushFailed),
    }
}

#[component]
pub fn StaffPush() -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(PushState::Checking);
    spawn_local(async move { state.set(push_bridge::state(OWNER).await) });
    let toggle = move |_| {
        let on = state.get_untracked() == PushState::On;
        let lang = match i18n.lang() {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        state.set(PushState::Working);
        spawn_local(async move {
            state.set(if on {
                push_bridge::turn_off(OWNER, "", "").await
            } else {
                push_bridge::turn_on(OWNER, "", "", lang).await
            });
        });
    };
    let label = move || {
        let msg = if state.get() == PushState::On {
            StaffMsg::PushTurnOff
        } else {
            StaffMsg::PushTurnOn
        };
        msg.text(i18n.lang())
    };
    view! {
        <section class="push-optin" aria-labelledby="push-title">
            <h2 id="push-title">{t(StaffMsg::PushTitle)}</h2>
            <p class="help">{t(StaffMsg::PushIntro)}</p>
            <p role="status">{move || said(state.get()).map(|msg| msg.text(i18n.lang()))}</p>
            <button
                type="button"
                class="button secondary"
                hidden=move || matches!(state.get(), PushState::Checking | PushState::Refused)
                disabled=move || state.get() == PushState::Working
                on:click=toggle
            >
                {label}
            </button>
        </section>
    }
}
