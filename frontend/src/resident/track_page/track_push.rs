//! "Tell me when something happens": the resident opts in to push notifications for the case
//! shown, and turns them off again. Where the browser has no push or the resident refused it,
//! the page says that the history lists every step (the in-app list of what happened).

use crate::api;
use crate::common::push_bridge::{self, PushState, SubscribeFailure};
use crate::i18n::push::PushMsg;
use crate::i18n::{t, use_i18n, Lang};
use accord_shared::wire::TrackRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the opt-in shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Checking,
    Working,
    Refused,
    Off,
    On,
}

#[component]
pub fn TrackPush(credentials: TrackRequest) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(Shown::Checking);
    let failed = RwSignal::new(false);
    let turned_off = RwSignal::new(false);
    let credentials = StoredValue::new(credentials);
    let code = credentials.with_value(|c| c.code.clone());
    spawn_local(async move {
        shown.set(match push_bridge::state(&code).await {
            PushState::Unsupported | PushState::Denied => Shown::Refused,
            PushState::Off => Shown::Off,
            PushState::On => Shown::On,
        });
    });

    let turn_on = move |_| {
        shown.set(Shown::Working);
        failed.set(false);
        let lang = match i18n.lang() {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        spawn_local(async move {
            let case = credentials.get_value();
            let Ok(key) = api::push::key().await else {
                failed.set(true);
                shown.set(Shown::Off);
                return;
            };
            let subscription = match push_bridge::subscribe(&key, lang).await {
                Ok(subscription) => subscription,
                Err(SubscribeFailure::Failed) => {
                    failed.set(true);
                    shown.set(Shown::Off);
                    return;
                }
                Err(_) => {
                    shown.set(Shown::Refused);
                    return;
                }
            };
            match api::push::track_subscribe(&case, subscription).await {
                Ok(_) => {
                    push_bridge::mark(&case.code, true);
                    shown.set(Shown::On);
                }
                Err(_) => {
                    failed.set(true);
                    shown.set(Shown::Off);
                }
            }
        });
    };
    let turn_off = move |_| {
        shown.set(Shown::Working);
        spawn_local(async move {
            let case = credentials.get_value();
            let done = match push_bridge::endpoint().await {
                Some(endpoint) => api::push::track_unsubscribe(&case, endpoint).await.is_ok(),
                None => true,
            };
            if done {
                push_bridge::mark(&case.code, false);
                turned_off.set(true);
            }
            shown.set(if done { Shown::Off } else { Shown::On });
        });
    };

    let body = move || {
        match shown.get() {
        Shown::Checking => ().into_any(),
        Shown::Working => view! { <p role="status">{t(PushMsg::Working)}</p> }.into_any(),
        Shown::Refused => view! { <p class="notice">{t(PushMsg::Refused)}</p> }.into_any(),
        Shown::Off => view! {
            <p role="status" hidden=move || !turned_off.get()>{t(PushMsg::IsOff)}</p>
            <p class="notice error-notice" role="alert" hidden=move || !failed.get()>{t(PushMsg::Failed)}</p>
            <button type="button" class="button secondary" id="push-on" on:click=turn_on>
                {t(PushMsg::TurnOn)}
            </button>
        }
        .into_any(),
        Shown::On => view! {
            <p class="notice success-notice" role="status">{t(PushMsg::IsOn)}</p>
            <button type="button" class="button secondary" id="push-off" on:click=turn_off>
                {t(PushMsg::TurnOff)}
            </button>
        }
        .into_any(),
    }
    };
    view! {
        <section class="push-optin" aria-labelledby="push-title">
            <h3 id="push-title">{t(PushMsg::Title)}</h3>
            <p>{t(PushMsg::Intro)}</p>
            {body}
        </section>
    }
}
