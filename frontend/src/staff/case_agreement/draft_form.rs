//! Drafting the agreement: the facts, and the terms (who does what by when, and an amount).
//! Each problem is said beside its field, what was typed is kept, and a refused field named
//! by the server (`facts`, `terms.1.what`) is marked the same way.

use crate::api::agreement;
use crate::api::ApiError;
use crate::common::form_kit::failure_said;
use crate::i18n::documents::AgrMsg;
use crate::i18n::{party_msg, t, use_i18n};
use crate::staff::sign_in::use_login;
use accord_shared::case::{Party, PartyRole};
use accord_shared::documents::{AgreementDraft, Term};
use accord_shared::wire::{fen_to_yuan, yuan_to_fen, AgreementRequest, AgreementView};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

/// One term as typed.
#[derive(Clone, Copy)]
struct Row {
    id: usize,
    who: RwSignal<String>,
    what: RwSignal<String>,
    by: RwSignal<String>,
    amount: RwSignal<String>,
}

fn role_code(role: PartyRole) -> &'static str {
    match role {
        PartyRole::Applicant => "applicant",
        PartyRole::Respondent => "respondent",
    }
}

#[component]
pub fn DraftForm(
    code: String,
    initial: Option<AgreementDraft>,
    parties: Vec<Party>,
    on_done: Callback<AgreementView>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let facts = RwSignal::new(
        initial
            .as_ref()
            .map(|d| d.facts.clone())
            .unwrap_or_default(),
    );
    let next_id = StoredValue::new(0usize);
    let new_row = move |term: Option<&Term>| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        Row {
            id,
            who: RwSignal::new(role_code(term.map_or(PartyRole::Respondent, |t| t.who)).to_owned()),
            what: RwSignal::new(term.map(|t| t.what.clone()).unwrap_or_default()),
            by: RwSignal::new(term.map(|t| t.by.to_string()).unwrap_or_default()),
            amount: RwSignal::new(
                term.and_then(|t| t.amount_fen)
                    .map(fen_to_yuan)
                    .unwrap_or_default(),
            ),
        }
    };
    let first_rows: Vec<Row> = match &initial {
        Some(draft) if !draft.terms.is_empty() => {
            draft.terms.iter().map(|t| new_row(Some(t))).collect()
        }
        _ => vec![new_row(None)],
    };
    let rows = RwSignal::new(first_rows);
    let errors = RwSignal::new(HashMap::<String, AgrMsg>::new());
    let failed = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let code = StoredValue::new(code);
    let parties = StoredValue::new(parties);

    let error_of =
        move |key: String| move || errors.with(|e| e.get(&key).map(|m| m.text(i18n.lang())));
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let mut found = HashMap::new();
        if facts.get_untracked().trim().is_empty() {
            found.insert("facts".to_owned(), AgrMsg::Required);
        }
        let mut terms = Vec::new();
        for (index, row) in rows.get_untracked().iter().enumerate() {
            let what = row.what.get_untracked();
            if what.trim().is_empty() {
                found.insert(format!("terms.{index}.what"), AgrMsg::Required);
            }
            let by = NaiveDate::parse_from_str(row.by.get_untracked().trim(), "%Y-%m-%d").ok();
            if by.is_none() {
                found.insert(format!("terms.{index}.by"), AgrMsg::BadDate);
            }
            let amount = yuan_to_fen(&row.amount.get_untracked());
            if amount.is_err() {
                found.insert(format!("terms.{index}.amount_fen"), AgrMsg::BadAmount);
            }
            let who = if row.who.get_untracked() == "applicant" {
                PartyRole::Applicant
            } else {
                PartyRole::Respondent
            };
            if let (Some(by), Ok(amount_fen)) = (by, amount) {
                terms.push(Term {
                    who,
                    what: what.trim().to_owned(),
                    by,
                    amount_fen,
                });
            }
        }
        if !found.is_empty() {
            let first = found.keys().min().cloned();
            errors.set(found);
            if let Some(first) = first {
                crate::common::field::focus_later(format!("agr-{}", first.replace('.', "-")));
            }
            return;
        }
        errors.set(HashMap::new());
        failed.set(None);
        busy.set(true);
        let request = AgreementRequest::Draft {
            facts: facts.get_untracked().trim().to_owned(),
            terms,
        };
        spawn_local(async move {
            let result = agreement::change(&code.get_value(), &request).await;
            busy.set(false);
            match result {
                Ok(view) => on_done.run(view),
                Err(failure) if failure.is_unauthorized() => login.ended(),
                Err(ApiError::Status {
                    status: 422,
                    field: Some(field),
                    code,
                    ..
                }) => {
                    let msg = match code.as_str() {
                        "term_due_before_drafting" => AgrMsg::BadDate,
                        "required" => AgrMsg::Required,
                        _ => AgrMsg::Refused,
                    };
                    let key = if field == "facts" || field.starts_with("terms.") {
                        field
                    } else {
                        "facts".to_owned()
                    };
                    crate::common::field::focus_later(format!("agr-{}", key.replace('.', "-")));
                    errors.set(HashMap::from([(key, msg)]));
                }
                Err(failure) => {
                    failed.set(Some(failure_said(&failure).text(i18n.lang()).to_owned()))
                }
            }
        });
    };
    let row_view = move |index: usize, row: Row| {
        let id = |name: &str| format!("agr-terms-{index}-{name}");
        let who_options = parties
            .get_value()
            .into_iter()
            .map(|p| {
                let value = role_code(p.role);
                let label = move || format!("{} {}", party_msg(p.role).text(i18n.lang()), p.name.as_str());
                view! { <option value=value selected=move || row.who.get() == value>{label}</option> }
            })
            .collect_view();
        let field = move |name: &'static str, label: AgrMsg, input: AnyView| {
            let key = format!("terms.{index}.{name}");
            let error = error_of(key.clone());
            let has_error = move || errors.with(|e| e.contains_key(&key));
            view! {
                <div class="field" class:has-error=has_error>
                    <label for=id(name)>{t(label)}</label>
                    {input}
                    <p class="error" id=format!("{}-error", id(name))>{error}</p>
                </div>
            }
        };
        view! {
            <fieldset class="term-row">
                <legend>{move || format!("{} {}", AgrMsg::Terms.text(i18n.lang()), index + 1)}</legend>
                {field("who", AgrMsg::Who, view! {
                    <select id=id("who") on:change=move |ev| row.who.set(event_target_value(&ev))>{who_options}</select>
                }.into_any())}
                {field("what", AgrMsg::What, view! {
                    <input id=id("what") type="text" maxlength="500" aria-describedby=format!("{}-error", id("what"))
                        prop:value=move || row.what.get() on:input=move |ev| row.what.set(event_target_value(&ev)) />
                }.into_any())}
                {field("by", AgrMsg::By, view! {
                    <input id=id("by") type="date" aria-describedby=format!("{}-error", id("by"))
                        prop:value=move || row.by.get() on:input=move |ev| row.by.set(event_target_value(&ev)) />
                }.into_any())}
                {field("amount_fen", AgrMsg::Amount, view! {
                    <input id=id("amount_fen") type="text" inputmode="decimal" aria-describedby=format!("{}-error", id("amount_fen"))
                        prop:value=move || row.amount.get() on:input=move |ev| row.amount.set(event_target_value(&ev)) />
                }.into_any())}
                <button type="button" class="button link-button" disabled=move || rows.with(|r| r.len() <= 1)
                    on:click=move |_| rows.update(|r| r.retain(|x| x.id != row.id))>
                    {t(AgrMsg::RemoveTerm)}
                </button>
            </fieldset>
        }
    };
    let facts_error = error_of("facts".to_owned());
    view! {
        <form class="agreement-form" on:submit=submit novalidate>
            <div class="field" class:has-error=move || errors.with(|e| e.contains_key("facts"))>
                <label for="agr-facts">{t(AgrMsg::Facts)}</label>
                <p class="help" id="agr-facts-help">{t(AgrMsg::FactsHelp)}</p>
                <textarea id="agr-facts" rows="4" maxlength="2000" aria-describedby="agr-facts-help agr-facts-error"
                    prop:value=move || facts.get() on:input=move |ev| facts.set(event_target_value(&ev))></textarea>
                <p class="error" id="agr-facts-error">{facts_error}</p>
            </div>
            <h3>{t(AgrMsg::Terms)}</h3>
            {move || rows.get().into_iter().enumerate().map(|(i, r)| row_view(i, r)).collect_view()}
            <button type="button" class="button" on:click=move |_| rows.update(|r| r.push(new_row(None)))>
                {t(AgrMsg::AddTerm)}
            </button>
            <p class="notice error-notice" role="alert" hidden=move || failed.with(Option::is_none)>{move || failed.get()}</p>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || busy.get()>{t(AgrMsg::Save)}</button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>{t(AgrMsg::Cancel)}</button>
            </div>
        </form>
    }
}
