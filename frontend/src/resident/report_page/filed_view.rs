//! After filing: the case code and the secret, each with a copy button, and the way on to
//! tracking the case (code and secret passed in memory, never in the address).

use super::draft::use_draft;
use crate::common::clipboard::copy_text;
use crate::common::toast::use_toasts;
use crate::i18n::{t, Msg};
use crate::resident::track_page::use_track_handoff;
use crate::router::{use_router, Link};
use accord_shared::secret::CaseSecret;
use accord_shared::wire::FiledCase;
use leptos::prelude::*;

#[component]
pub fn FiledView(filed: FiledCase) -> impl IntoView {
    let toasts = use_toasts();
    let router = use_router();
    let handoff = use_track_handoff();
    let draft = use_draft();
    let code = filed.code.clone();
    // Shown in groups of four so that it can be read out and written down.
    let secret = filed
        .secret
        .as_deref()
        .map(|raw| CaseSecret::parse(raw).map_or_else(|| raw.to_owned(), |s| s.display_grouped()));
    let code_for_copy = code.clone();
    let secret_view = match secret.clone() {
        Some(shown) => {
            let for_copy = shown.clone();
            view! {
                <div class="credential">
                    <p class="credential-label" id="secret-label">{t(Msg::SecretLabel)}</p>
                    <p class="credential-value secret" aria-labelledby="secret-label">{shown}</p>
                    <button
                        type="button"
                        class="button secondary copy-button"
                        aria-label=t(Msg::CopySecret)
                        on:click=move |_| copy_text(for_copy.clone(), toasts)
                    >
                        {t(Msg::Copy)}
                    </button>
                </div>
            }
            .into_any()
        }
        None => view! { <p class="notice">{t(Msg::SecretUnavailable)}</p> }.into_any(),
    };
    let track_code = code.clone();
    let track = move |_| {
        if let Some(secret) = secret.clone() {
            handoff.0.set(Some((track_code.clone(), secret)));
        }
        draft.filed.set(None);
        router.navigate("/track");
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
                    on:click=move |_| copy_text(code_for_copy.clone(), toasts)
                >
                    {t(Msg::Copy)}
                </button>
            </div>
            {secret_view}
            <div class="action-bar">
                <button type="button" class="button primary" on:click=track>
                    {t(Msg::TrackThisCase)}
                </button>
            </div>
            <p>
                <Link href="/".to_owned()>{t(Msg::BackHome)}</Link>
            </p>
        </section>
    }
}
