//! The counselor's confidential notes on a case page: what the server lets the reader read
//! (all of them for a counselor on the case; for anyone else only a note shared with the
//! party's consent, which it shows), a new note, and sharing one with consent. The section is
//! not drawn at all for a reader with nothing to read and nothing to write.

use crate::api::confidential;
use crate::api::ApiError;
use crate::common::form_kit::failure_said;
use crate::common::when::format_when;
use crate::i18n::confidential::ConfMsg;
use crate::i18n::{party_msg, t, use_i18n, Msg};
use crate::staff::sign_in::use_login;
use accord_shared::case::PartyRole;
use accord_shared::confidential::{ConfidentialView, NoteView};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn CaseConfidential(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let current = RwSignal::new(None::<ConfidentialView>);
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let code = StoredValue::new(code);
    spawn_local(async move {
        match confidential::of_case(&code.get_value()).await {
            Ok(view) => current.set(Some(view)),
            Err(failure) if failure.is_unauthorized() => login.ended(),
            Err(_) => {}
        }
    });
    let settle = move |result: Result<ConfidentialView, ApiError>,
                       on_error: RwSignal<Option<String>>| {
        busy.set(false);
        match result {
            Ok(view) => current.set(Some(view)),
            Err(failure) if failure.is_unauthorized() => login.ended(),
            Err(ApiError::Status { status: 422, .. }) => {
                on_error.set(Some(ConfMsg::Required.text(i18n.lang()).to_owned()))
            }
            Err(failure) => on_error.set(Some(failure_said(&failure).text(i18n.lang()).to_owned())),
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if text.get_untracked().trim().is_empty() {
            error.set(Some(ConfMsg::Required.text(i18n.lang()).to_owned()));
            crate::common::field::focus_later("conf-text".to_owned());
            return;
        }
        error.set(None);
        busy.set(true);
        let body = text.get_untracked();
        spawn_local(async move {
            let result = confidential::add(&code.get_value(), &body).await;
            if result.is_ok() {
                text.set(String::new());
            }
            settle(result, error);
        });
    };
    let note_view = move |view: NoteView| {
        let lang = i18n.lang();
        let note = view.note;
        let consent = note.shared.as_ref().map(|c| {
            view! {
                <p class="flag">
                    {format!("{} · {} · {}", ConfMsg::SharedWith.text(lang), party_msg(c.party).text(lang), c.how)}
                </p>
            }
        });
        let private = note
            .shared
            .is_none()
            .then(|| view! { <span class="flag">{t(ConfMsg::Private)}</span> });
        let share = view.may_share.then(|| {
            let party = RwSignal::new("applicant".to_owned());
            let how = RwSignal::new(String::new());
            let share_error = RwSignal::new(None::<String>);
            let seq = note.seq;
            let how_id = format!("conf-how-{seq}");
            let party_id = format!("conf-party-{seq}");
            let submit = move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                if how.get_untracked().trim().is_empty() {
                    share_error.set(Some(ConfMsg::Required.text(i18n.lang()).to_owned()));
                    return;
                }
                busy.set(true);
                let role = if party.get_untracked() == "applicant" { PartyRole::Applicant } else { PartyRole::Respondent };
                let consent = how.get_untracked();
                spawn_local(async move {
                    let result = confidential::share(&code.get_value(), seq, role, &consent).await;
                    settle(result, share_error);
                });
            };
            view! {
                <form class="conf-share" on:submit=submit novalidate>
                    <div class="field">
                        <label for=party_id.clone()>{t(ConfMsg::Party)}</label>
                        <select id=party_id.clone() on:change=move |ev| party.set(event_target_value(&ev))>
                            <option value="applicant">{t(Msg::PartyApplicant)}</option>
                            <option value="respondent">{t(Msg::PartyRespondent)}</option>
                        </select>
                    </div>
                    <div class="field" class:has-error=move || share_error.with(Option::is_some)>
                        <label for=how_id.clone()>{t(ConfMsg::How)}</label>
                        <p class="help" id=format!("{how_id}-help")>{t(ConfMsg::HowHelp)}</p>
                        <input id=how_id.clone() type="text" maxlength="500"
                            aria-describedby=format!("{how_id}-help {how_id}-error")
                            prop:value=move || how.get() on:input=move |ev| how.set(event_target_value(&ev)) />
                        <p class="error" id=format!("{how_id}-error")>{move || share_error.get()}</p>
                    </div>
                    <button type="submit" class="button" disabled=move || busy.get()>{t(ConfMsg::Share)}</button>
                </form>
            }
        });
        view! {
            <li class="conf-note">
                <p class="description">{note.text.clone()}</p>
                <p class="help">{format!("{} · {}", note.author, format_when(note.at, lang))} " " {private}</p>
                {consent}
                {share}
            </li>
        }
    };
    move || {
        let view = current.get()?;
        if !view.may_write && view.notes.is_empty() {
            return None;
        }
        let empty = view
            .notes
            .is_empty()
            .then(|| view! { <p class="empty-state">{t(ConfMsg::None)}</p> });
        let notes = view.notes.clone().into_iter().map(note_view).collect_view();
        let form = view.may_write.then(|| {
            view! {
                <form class="conf-form" on:submit=submit novalidate>
                    <div class="field" class:has-error=move || error.with(Option::is_some)>
                        <label for="conf-text">{t(ConfMsg::NewNote)}</label>
                        <textarea id="conf-text" rows="3" maxlength="2000" aria-describedby="conf-text-error"
                            prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                        <p class="error" id="conf-text-error">{move || error.get()}</p>
                    </div>
                    <button type="submit" class="button primary" disabled=move || busy.get()>{t(ConfMsg::Save)}</button>
                </form>
            }
        });
        Some(view! {
            <section class="case-card case-confidential" aria-labelledby="confidential-title">
                <h2 id="confidential-title">{t(ConfMsg::Section)}</h2>
                <p class="help">{t(ConfMsg::Intro)}</p>
                {empty}
                <ul class="conf-notes">{notes}</ul>
                {form}
            </section>
        })
    }
}
