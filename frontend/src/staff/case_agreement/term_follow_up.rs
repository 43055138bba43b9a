//! One term of the agreement in effect with its follow-up: what was last recorded, and (when
//! the server allows it) a small form to record it performed or not, with the visit's note.

use crate::api::agreement;
use crate::common::form_kit::failure_said;
use crate::i18n::documents::AgrMsg;
use crate::i18n::{t, use_i18n};
use crate::staff::sign_in::use_login;
use accord_shared::agreement::Performance;
use accord_shared::wire::{AgreementRequest, AgreementView};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn TermFollowUp(
    code: String,
    index: usize,
    /// What was recorded last, if anything.
    last: Option<Performance>,
    may_record: bool,
    on_done: Callback<AgreementView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let outcome = RwSignal::new("performed".to_owned());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let code = StoredValue::new(code);
    let state = match last {
        Some(Performance::Performed) => AgrMsg::Performed,
        Some(Performance::NotPerformed) => AgrMsg::NotPerformed,
        None => AgrMsg::NotRecorded,
    };
    let note_id = format!("agr-note-{index}");
    let outcome_id = format!("agr-outcome-{index}");
    let form = may_record.then(|| {
        let submit = move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            if busy.get_untracked() {
                return;
            }
            if note.get_untracked().trim().is_empty() {
                error.set(Some(AgrMsg::Required.text(i18n.lang()).to_owned()));
                return;
            }
            let request = AgreementRequest::Performance {
                index,
                outcome: if outcome.get_untracked() == "performed" {
                    Performance::Performed
                } else {
                    Performance::NotPerformed
                },
                note: note.get_untracked().trim().to_owned(),
            };
            error.set(None);
            busy.set(true);
            spawn_local(async move {
                let result = agreement::change(&code.get_value(), &request).await;
                busy.set(false);
                match result {
                    Ok(view) => on_done.run(view),
                    Err(failure) if failure.is_unauthorized() => login.ended(),
                    Err(failure) => error.set(Some(failure_said(&failure).text(i18n.lang()).to_owned())),
                }
            });
        };
        let error_id = format!("{note_id}-error");
        view! {
            <form class="term-follow-up" on:submit=submit novalidate>
                <div class="field">
                    <label for=outcome_id.clone()>{t(AgrMsg::Performance)}</label>
                    <select id=outcome_id.clone() on:change=move |ev| outcome.set(event_target_value(&ev))>
                        <option value="performed">{t(AgrMsg::Performed)}</option>
                        <option value="not_performed">{t(AgrMsg::NotPerformed)}</option>
                    </select>
                </div>
                <div class="field" class:has-error=move || error.with(Option::is_some)>
                    <label for=note_id.clone()>{t(AgrMsg::Note)}</label>
                    <input id=note_id.clone() type="text" maxlength="500" aria-describedby=error_id.clone()
                        prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
                    <p class="error" id=error_id>{move || error.get()}</p>
                </div>
                <button type="submit" class="button" disabled=move || busy.get()>{t(AgrMsg::RecordPerformance)}</button>
            </form>
        }
    });
    view! {
        <div class="term-state">
            <span class="flag">{t(state)}</span>
            {form}
        </div>
    }
}
