//! The agreement on a party's page (`/s#<token>`): the text to read, the party's typed full
//! name to confirm it, and where it stands (waiting for the other party, in effect, the last
//! day to apply for judicial confirmation). Shown only once the mediator has drafted one.

use crate::api::agreement;
use crate::api::ApiError;
use crate::common::form_kit::Failure;
use crate::i18n::party::PartyMsg;
use crate::i18n::{party_msg, t, use_i18n};
use accord_shared::wire::{fen_to_yuan, PartyAgreementView, PartyConfirmRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn PartyAgreement(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(None::<PartyAgreementView>);
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<PartyMsg>);
    let busy = RwSignal::new(false);
    let token = StoredValue::new(token);
    let load = move || {
        spawn_local(async move {
            if let Ok(view) = agreement::party_view(&token.get_value()).await {
                current.set(Some(view));
            }
        });
    };
    load();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(view) = current.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        if typed.get_untracked().trim().is_empty() {
            error.set(Some(PartyMsg::NameRequired));
            crate::common::field::focus_later("party-name".to_owned());
            return;
        }
        error.set(None);
        busy.set(true);
        let request = PartyConfirmRequest {
            typed_name: typed.get_untracked(),
            content_hash: view.content_hash.clone(),
        };
        spawn_local(async move {
            let result = agreement::party_confirm(&token.get_value(), &request).await;
            busy.set(false);
            match result {
                Ok(view) => current.set(Some(view)),
                Err(ApiError::Status { status: 422, .. }) => {
                    error.set(Some(PartyMsg::NameMismatch));
                    crate::common::field::focus_later("party-name".to_owned());
                }
                Err(failure) if Failure::of(&failure) == Failure::Conflict => {
                    error.set(Some(PartyMsg::AgreementChanged));
                    load();
                }
                Err(_) => error.set(Some(PartyMsg::AgreementChanged)),
            }
        });
    };
    move || {
        let view = current.get()?;
        let lang = i18n.lang();
        let terms = view
            .draft
            .terms
            .iter()
            .map(|term| {
                let amount = term.amount_fen.map(|f| format!(" · ¥{}", fen_to_yuan(f))).unwrap_or_default();
                view! {
                    <li>
                        <strong>{party_msg(term.who).text(lang)}</strong>
                        {format!(" {} · {} {}{amount}", term.what, PartyMsg::AgreementBy.text(lang), term.by)}
                    </li>
                }
            })
            .collect_view();
        let state = if view.in_effect {
            PartyMsg::AgreementInEffect
        } else if view.confirmed {
            PartyMsg::AgreementWaiting
        } else {
            PartyMsg::AgreementIntro
        };
        let clock = view.clock.filter(|c| c.open).map(|c| {
            view! { <p>{format!("{}{}", PartyMsg::ClockBy.text(lang), c.last_day)}</p> }
        });
        let confirmed = view
            .confirmed
            .then(|| view! { <p class="notice success-notice" role="status">{t(PartyMsg::AgreementConfirmed)}</p> });
        let form = view.may_confirm.then(|| {
            view! {
                <form class="party-confirm" on:submit=submit novalidate>
                    <div class="field" class:has-error=move || error.with(Option::is_some)>
                        <label for="party-name">{t(PartyMsg::TypeName)}</label>
                        <input id="party-name" type="text" autocomplete="name" maxlength="50" aria-describedby="party-name-error"
                            prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
                        <p class="error" id="party-name-error">{move || error.get().map(|m| m.text(i18n.lang()))}</p>
                    </div>
                    <button type="submit" class="button primary" disabled=move || busy.get()>{t(PartyMsg::ConfirmAgreement)}</button>
                </form>
            }
        });
        Some(view! {
            <section class="case-card party-agreement" aria-labelledby="party-agreement-title">
                <h2 id="party-agreement-title">{t(PartyMsg::AgreementTitle)}</h2>
                <p>{t(state)}</p>
                {clock}
                <h3>{t(PartyMsg::AgreementFacts)}</h3>
                <p class="description">{view.draft.facts.clone()}</p>
                <h3>{t(PartyMsg::AgreementTerms)}</h3>
                <ol>{terms}</ol>
                <p class="help">{format!("{} {}", PartyMsg::AgreementFingerprint.text(lang), view.content_hash.get(..16).unwrap_or_default())}</p>
                {confirmed}
                {form}
            </section>
        })
    }
}
