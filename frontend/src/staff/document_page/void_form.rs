//! Voiding a document: the reason, required, kept as typed when the server refuses it (the
//! error beside the field); the document stays on file and its number is never used again.

use crate::api::documents;
use crate::api::ApiError;
use crate::common::form_kit::failure_said;
use crate::i18n::documents::DocMsg;
use crate::i18n::{t, use_i18n};
use crate::staff::sign_in::use_login;
use accord_shared::wire::{DocumentId, DocumentView};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn VoidForm(id: DocumentId, on_done: Callback<DocumentView>) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = StoredValue::new(id);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let text = reason.get_untracked();
        if text.trim().is_empty() {
            error.set(Some(DocMsg::ReasonRequired.text(i18n.lang()).to_owned()));
            crate::common::field::focus_later("void-reason".to_owned());
            return;
        }
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = documents::void(&id.get_value(), &text).await;
            busy.set(false);
            match result {
                Ok(view) => on_done.run(view),
                Err(failure) if failure.is_unauthorized() => login.ended(),
                Err(ApiError::Status { status: 422, .. }) => {
                    error.set(Some(DocMsg::ReasonRequired.text(i18n.lang()).to_owned()));
                    crate::common::field::focus_later("void-reason".to_owned());
                }
                Err(failure) => {
                    error.set(Some(failure_said(&failure).text(i18n.lang()).to_owned()));
                }
            }
        });
    };
    view! {
        <form class="void-form" on:submit=submit novalidate>
            <h2>{t(DocMsg::VoidTitle)}</h2>
            <p class="help">{t(DocMsg::VoidNote)}</p>
            <div class="field" class:has-error=move || error.with(Option::is_some)>
                <label for="void-reason">{t(DocMsg::VoidReason)}</label>
                <textarea
                    id="void-reason"
                    rows="2"
                    maxlength="500"
                    aria-describedby="void-reason-error"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))
                ></textarea>
                <p class="error" id="void-reason-error">{move || error.get()}</p>
            </div>
            <button type="submit" class="button danger" disabled=move || busy.get()>
                {t(DocMsg::VoidButton)}
            </button>
        </form>
    }
}
