//! The staff member's calendar feed address, to subscribe to from a calendar app.

use crate::api::sessions;
use crate::api::ApiError;
use crate::common::clipboard::copy_text;
use crate::common::field::focus_later;
use crate::common::form_kit::failure_said;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::toast::use_toasts;
use crate::i18n::sessions::SessionMsg;
use crate::i18n::{t, use_i18n};
use crate::staff::sign_in::use_login;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[component]
pub fn CalendarFeed() -> impl IntoView {
    let i18n = use_i18n();
    let signed = use_login();
    let toasts = use_toasts();
    let address = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<&'static str>);
    let fail = move |failure: ApiError| {
        error.set(Some(failure_said(&failure).text(i18n.0.get_untracked())));
    };
    let create = move |_| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = sessions::new_feed().await;
            busy.set(false);
            let Some(result) = signed.unless_ended(result) else {
                return;
            };
            match result {
                Ok(path) => {
                    let origin = window().location().origin().unwrap_or_default();
                    address.set(Some(format!("{origin}{path}")));
                    focus_later("feed-url".to_owned());
                }
                Err(failure) => fail(failure),
            }
        });
    };
    let revoke = move |_| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = sessions::revoke_feed().await;
            busy.set(false);
            let Some(result) = signed.unless_ended(result) else {
                return;
            };
            match result {
                Ok(()) => {
                    address.set(None);
                    toasts.show_text(Arc::new(|lang| {
                        SessionMsg::FeedRevoked.text(lang).to_owned()
                    }));
                }
                Err(failure) => fail(failure),
            }
        });
    };
    let shown = move || {
        address.get().map(|url| {
            let copy = url.clone();
            view! {
                <div class="field">
                    <label for="feed-url">{t(SessionMsg::FeedAddress)}</label>
                    <p class="help" id="feed-url-help">{t(SessionMsg::FeedOnce)}</p>
                    <div class="copy-row">
                        <input id="feed-url" type="text" class="mono link-url" readonly aria-describedby="feed-url-help" prop:value=url />
                        <button type="button" class="button secondary" on:click=move |_| copy_text(copy.clone(), toasts)>
                            {t(SessionMsg::Copy)}
                        </button>
                    </div>
                </div>
            }
        })
    };
    view! {
        <section class="case-card" aria-labelledby="feed-title">
            <h2 id="feed-title">{t(SessionMsg::FeedTitle)}</h2>
            <p>{t(SessionMsg::FeedIntro)}</p>
            {shown}
            <div class="form-buttons">
                <button type="button" class="button primary" disabled=move || busy.get() on:click=create>{t(SessionMsg::FeedCreate)}</button>
                <button type="button" class="button secondary" disabled=move || busy.get() on:click=revoke>{t(SessionMsg::FeedRevoke)}</button>
            </div>
            <p class="notice error-notice" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
        </section>
    }
}
