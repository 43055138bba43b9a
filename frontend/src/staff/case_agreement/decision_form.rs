//! Recording the court's decision on the agreement in effect: confirmed or not, the ruling's
//! number and date, once.

use crate::api::agreement;
use crate::api::ApiError;
use crate::common::form_kit::failure_said;
use crate::i18n::documents::AgrMsg;
use crate::i18n::{t, use_i18n};
use crate::staff::sign_in::use_login;
use accord_shared::agreement::JudicialOutcome;
use accord_shared::wire::{AgreementRequest, AgreementView};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn DecisionForm(code: String, on_done: Callback<AgreementView>) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let outcome = RwSignal::new("confirmed".to_owned());
    let number = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let number_error = RwSignal::new(None::<AgrMsg>);
    let date_error = RwSignal::new(None::<AgrMsg>);
    let failed = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let code = StoredValue::new(code);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let ruling_date = NaiveDate::parse_from_str(date.get_untracked().trim(), "%Y-%m-%d").ok();
        number_error.set(
            number
                .get_untracked()
                .trim()
                .is_empty()
                .then_some(AgrMsg::Required),
        );
        date_error.set(ruling_date.is_none().then_some(AgrMsg::BadDate));
        let (Some(ruling_date), None) = (ruling_date, number_error.get_untracked()) else {
            let first = if number_error.get_untracked().is_some() {
                "agr-ruling-number"
            } else {
                "agr-ruling-date"
            };
            crate::common::field::focus_later(first.to_owned());
            return;
        };
        let request = AgreementRequest::Decision {
            outcome: if outcome.get_untracked() == "confirmed" {
                JudicialOutcome::Confirmed
            } else {
                JudicialOutcome::NotConfirmed
            },
            ruling_number: number.get_untracked().trim().to_owned(),
            ruling_date,
        };
        busy.set(true);
        failed.set(None);
        spawn_local(async move {
            let result = agreement::change(&code.get_value(), &request).await;
            busy.set(false);
            match result {
                Ok(view) => on_done.run(view),
                Err(failure) if failure.is_unauthorized() => login.ended(),
                Err(ApiError::Status {
                    status: 422,
                    field: Some(field),
                    ..
                }) if field == "ruling_date" => {
                    date_error.set(Some(AgrMsg::BadDate));
                }
                Err(ApiError::Status { status: 422, .. }) => {
                    number_error.set(Some(AgrMsg::Refused))
                }
                Err(failure) => {
                    failed.set(Some(failure_said(&failure).text(i18n.lang()).to_owned()))
                }
            }
        });
    };
    view! {
        <form class="decision-form" on:submit=submit novalidate>
            <h3>{t(AgrMsg::RecordDecision)}</h3>
            <div class="field">
                <label for="agr-outcome">{t(AgrMsg::Outcome)}</label>
                <select id="agr-outcome" on:change=move |ev| outcome.set(event_target_value(&ev))>
                    <option value="confirmed">{t(AgrMsg::DecisionConfirmed)}</option>
                    <option value="not_confirmed">{t(AgrMsg::DecisionNotConfirmed)}</option>
                </select>
            </div>
            <div class="field" class:has-error=move || number_error.with(Option::is_some)>
                <label for="agr-ruling-number">{t(AgrMsg::RulingNumber)}</label>
                <input id="agr-ruling-number" type="text" maxlength="60" aria-describedby="agr-ruling-number-error"
                    prop:value=move || number.get() on:input=move |ev| number.set(event_target_value(&ev)) />
                <p class="error" id="agr-ruling-number-error">{move || number_error.get().map(|m| m.text(i18n.lang()))}</p>
            </div>
            <div class="field" class:has-error=move || date_error.with(Option::is_some)>
                <label for="agr-ruling-date">{t(AgrMsg::RulingDate)}</label>
                <input id="agr-ruling-date" type="date" aria-describedby="agr-ruling-date-error"
                    prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
                <p class="error" id="agr-ruling-date-error">{move || date_error.get().map(|m| m.text(i18n.lang()))}</p>
            </div>
            <p class="notice error-notice" role="alert" hidden=move || failed.with(Option::is_none)>{move || failed.get()}</p>
            <button type="submit" class="button primary" disabled=move || busy.get()>{t(AgrMsg::Save)}</button>
        </form>
    }
}
