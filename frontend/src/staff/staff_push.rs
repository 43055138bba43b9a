//! A staff member opts this device in to push notifications of their cases (new
//! assignments, escalations, session changes), or out again. The notices page lists the same
//! events where push is refused.

use crate::api;
use crate::common::push_bridge::{self, PushState, SubscribeFailure};
use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, use_i18n, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The owner this device's staff opt-in is remembered under.
const OWNER: &str = "staff";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Checking,
    Refused,
    Off,
    On,
}

#[component]
pub fn StaffPush() -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(Shown::Checking);
    let failed = RwSignal::new(false);
    let busy = RwSignal::new(false);
    spawn_local(async move {
        shown.set(match push_bridge::state(OWNER).await {
            PushState::Unsupported | PushState::Denied => Shown::Refused,
            PushState::Off => Shown::Off,
            PushState::On => Shown::On,
        });
    });
    let turn_on = move |_| {
        busy.set(true);
        failed.set(false);
        let lang = match i18n.lang() {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        spawn_local(async move {
            let subscribed = match api::push::key().await {
                Ok(key) => match push_bridge::subscribe(&key, lang).await {
                    Ok(subscription) => api::push::staff_subscribe(subscription).await.is_ok(),
                    Err(SubscribeFailure::Failed) => false,
                    Err(_) => {
                        shown.set(Shown::Refused);
                        busy.set(false);
                        return;
                    }
                },
                Err(_) => false,
            };
            push_bridge::mark(OWNER, subscribed);
            failed.set(!subscribed);
            shown.set(if subscribed { Shown::On } else { Shown::Off });
            busy.set(false);
        });
    };
    let turn_off = move |_| {
        busy.set(true);
        spawn_local(async move {
            let done = match push_bridge::endpoint().await {
                Some(endpoint) => api::push::staff_unsubscribe(endpoint).await.is_ok(),
                None => true,
            };
            if done {
                push_bridge::mark(OWNER, false);
                shown.set(Shown::Off);
            }
            busy.set(false);
        });
    };
    let body = move || {
        match shown.get() {
        Shown::Checking => ().into_any(),
        Shown::Refused => view! { <p class="help">{t(StaffMsg::PushRefused)}</p> }.into_any(),
        Shown::Off => view! {
            <p class="notice error-notice" role="alert" hidden=move || !failed.get()>{t(StaffMsg::PushFailed)}</p>
            <button type="button" class="button secondary" disabled=move || busy.get() on:click=turn_on>
                {t(StaffMsg::PushTurnOn)}
            </button>
        }
        .into_any(),
        Shown::On => view! {
            <p role="status">{t(StaffMsg::PushIsOn)}</p>
            <button type="button" class="button secondary" disabled=move || busy.get() on:click=turn_off>
                {t(StaffMsg::PushTurnOff)}
            </button>
        }
        .into_any(),
    }
    };
    view! {
        <section class="push-optin" aria-labelledby="push-title">
            <h2 id="push-title">{t(StaffMsg::PushTitle)}</h2>
            <p class="help">{t(StaffMsg::PushIntro)}</p>
            {body}
        </section>
    }
}
