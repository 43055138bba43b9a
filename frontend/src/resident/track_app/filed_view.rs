//! After filing: the case code and the secret, each with a copy button, the ways to save them
//! (print or save as PDF, remember on this phone), and the way on to tracking the case (code
//! and secret handed to the tracking form in memory, never in the address). The pair survives
//! a reload of this screen; leaving it before the secret was saved asks first.

use crate::common::clipboard::copy_text;
use crate::common::toast::use_toasts;
use crate::i18n::{t, use_i18n, Msg};
use crate::resident::kept_filing::{self, KeptFiling};
use crate::resident::remembered;
use accord_shared::secret::CaseSecret;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn FiledView(kept: KeptFiling, on_track: Callback<(String, String)>) -> impl IntoView {
    let toasts = use_toasts();
    let i18n = use_i18n();
    let saved = RwSignal::new(kept.saved);
    let code = kept.filed.code.clone();
    let raw_secret = kept.filed.secret.clone();
    let mark_saved = {
        let kept = kept.clone();
        move || {
            if !saved.get_untracked() {
                saved.set(true);
                kept_filing::keep(&KeptFiling {
                    saved: true,
                    ..kept.clone()
                });
            }
        }
    };
    // Reloading or closing the tab before the secret was saved asks first.
    let guard = window_event_listener(ev::beforeunload, move |event| {
        if !saved.get_untracked() {
            event.prevent_default();
        }
    });
    on_cleanup(move || guard.remove());

    // Shown in groups of four so that it can be read out and written down.
    let secret = raw_secret
        .as_deref()
        .map(|raw| CaseSecret::parse(raw).map_or_else(|| raw.to_owned(), |s| s.display_grouped()));
    let secret_view = match secret.clone() {
        Some(shown) => {
            let for_copy = shown.clone();
            let mark = mark_saved.clone();
            view! {
                <div class="credential">
                    <p class="credential-label" id="secret-label">{t(Msg::SecretLabel)}</p>
                    <p class="credential-value secret" aria-labelledby="secret-label">{shown}</p>
                    <button
                        type="button"
                        class="button secondary copy-button"
                        aria-label=t(Msg::CopySecret)
                        on:click=move |_| {
                            copy_text(for_copy.clone(), toasts);
                            mark();
                        }
                    >
                        {t(Msg::Copy)}
                    </button>
                </div>
            }
            .into_any()
        }
        None => view! { <p class="notice">{t(Msg::SecretUnavailable)}</p> }.into_any(),
    };
    let save_options = secret.clone().map(|shown| {
        let remembered_now = RwSignal::new(remembered::is_remembered(&code));
        let print = {
            let mark = mark_saved.clone();
            move |_| {
                mark();
                let _ = window().print();
            }
        };
        let remember_code = code.clone();
        let mark = mark_saved.clone();
        let on_remember = move |event: ev::Event| {
            if event_target_checked(&event) {
                if remembered::remember(&remember_code, &shown) {
                    remembered_now.set(true);
                    mark();
                } else {
                    remembered_now.set(false);
                    toasts.show(Msg::RememberFailed);
                }
            } else {
                remembered::forget(&remember_code);
                remembered_now.set(false);
            }
        };
        view! {
            <div class="save-options no-print">
                <button type="button" class="button secondary" id="print-card" on:click=print>
                    {t(Msg::PrintCard)}
                </button>
                <label class="radio-row">
                    <input
                        type="checkbox"
                        id="remember-case"
                        prop:checked=move || remembered_now.get()
                        on:change=on_remember
                    />
                    <span>{t(Msg::RememberOnPhone)}</span>
                </label>
                <p class="save-hint">{t(Msg::RememberHint)}</p>
            </div>
        }
    });
    let code_for_copy = code.clone();
    let mark = mark_saved.clone();
    let copy_code = move |_| {
        copy_text(code_for_copy.clone(), toasts);
        if secret.is_none() {
            mark();
        }
    };
    let track_code = code.clone();
    let track = move |_| {
        // Leaving on purpose: the pair goes on to the tracking form, no longer kept here.
        saved.set(true);
        kept_filing::forget();
        on_track.run((track_code.clone(), raw_secret.clone().unwrap_or_default()));
    };
    let done = move |_| {
        if !saved.get_untracked()
            && !window()
                .confirm_with_message(Msg::LeaveUnsaved.text(i18n.lang()))
                .unwrap_or(true)
        {
            return;
        }
        saved.set(true);
        kept_filing::forget();
        // Home is the other bundle: a page load.
        let _ = window().location().assign("/");
    };
    view! {
        <section class="filed">
            <h1 id="filed-heading" tabindex="-1">{t(Msg::FiledTitle)}</h1>
            <p>{t(Msg::FiledIntro)}</p>
            <p class="notice warning-notice" role="note">
                <strong>{t(Msg::KeepWarning)}</strong>
            </p>
            <div class="credential">
                <p class="credential-label" id="code-label">{t(Msg::CaseCodeLabel)}</p>
                <p class="credential-value code" aria-labelledby="code-label">{code}</p>
                <button
                    type="button"
                    class="button secondary copy-button"
                    aria-label=t(Msg::CopyCode)
                    on:click=copy_code
                >
                    {t(Msg::Copy)}
                </button>
            </div>
            {secret_view}
            {save_options}
            <div class="action-bar">
                <button type="button" class="button primary" on:click=track>
                    {t(Msg::TrackThisCase)}
                </button>
                <button type="button" class="button secondary" id="filed-done" on:click=done>
                    {t(Msg::FiledDone)}
                </button>
            </div>
        </section>
    }
}
