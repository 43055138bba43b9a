//! The parties' links, shown once with copy buttons

use crate::api::sessions::PartyLink;
use crate::common::clipboard::copy_text;
use crate::common::toast::use_toasts;
use crate::i18n::sessions::{SessionMsg, SessionX};
use crate::i18n::{party_msg, t, use_i18n};
use crate::staff::session_form::party_key;
use leptos::prelude::*;

/// The parties' links, shown once with copy buttons.
#[component]
pub fn PartyLinks(links: RwSignal<Option<Vec<PartyLink>>>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    move || {
        let all = links.get()?;
        let origin = window().location().origin().unwrap_or_default();
        let rows = all
            .into_iter()
            .map(|link| {
                let url = format!("{origin}/s#{}", link.token);
                let id = format!("party-link-{}", party_key(link.role));
                let copy = url.clone();
                let role = link.role;
                view! {
                    <div class="field compact">
                        <label for=id.clone()>
                            {move || SessionX::LinkFor.with(i18n.lang(), party_msg(role).text(i18n.lang()))}
                        </label>
                        <div class="copy-row">
                            <input id=id type="text" class="mono link-url" readonly prop:value=url />
                            <button type="button" class="button secondary" on:click=move |_| copy_text(copy.clone(), toasts)>
                                {move || SessionX::CopyLinkFor.with(i18n.lang(), party_msg(role).text(i18n.lang()))}
                            </button>
                        </div>
                    </div>
                }
            })
            .collect_view();
        Some(view! {
            <div class="notice warning-notice party-links" id="party-links" tabindex="-1" role="region" aria-labelledby="party-links-title">
                <h3 id="party-links-title">{t(SessionMsg::LinksTitle)}</h3>
                <p>{t(SessionMsg::LinksNote)}</p>
                {rows}
                <button type="button" class="button secondary" on:click=move |_| links.set(None)>
                    {t(SessionMsg::LinksDone)}
                </button>
            </div>
        })
    }
}
