//! The mediation agreement of one case on its staff page: the current version (facts, terms,
//! each party's confirmation, the text's fingerprint), the thirty days for judicial
//! confirmation, the court's decision, each term's follow-up, and earlier versions. What the
//! reader may do comes from the server (`allowed_actions`); the page only offers it.

mod decision_form;
mod draft_form;
mod term_follow_up;

use crate::api::agreement;
use crate::api::ApiError;
use crate::common::form_kit::failure_said;
use crate::common::when::format_when;
use crate::i18n::documents::{AgrMsg, AgrN, AgrX, AgrXN};
use crate::i18n::{party_msg, t, use_i18n, Lang, Msg};
use crate::staff::sign_in::use_login;
use accord_shared::agreement::{AgreementAction, AgreementVersion, JudicialOutcome, TermRef};
use accord_shared::wire::{fen_to_yuan, AgreementView, CaseDetail};
use decision_form::DecisionForm;
use draft_form::DraftForm;
use leptos::prelude::*;
use leptos::task::spawn_local;
use term_follow_up::TermFollowUp;

/// A version's text and who confirmed it.
fn version_text(version: &AgreementVersion, lang: Lang) -> impl IntoView {
    let terms = version
        .draft
        .terms
        .iter()
        .map(|term| {
            let amount = term
                .amount_fen
                .map(|fen| format!(" · ¥{}", fen_to_yuan(fen)))
                .unwrap_or_default();
            view! {
                <li>
                    <strong>{party_msg(term.who).text(lang)}</strong>
                    {format!(" {} · {} {}{amount}", term.what, AgrMsg::By.text(lang), term.by)}
                </li>
            }
        })
        .collect_view();
    let confirmations = version
        .draft
        .parties
        .iter()
        .map(|party| {
            let state = match version.confirmation_of(party) {
                Some(c) => format!(
                    "{} {}",
                    AgrMsg::Confirmed.text(lang),
                    format_when(c.confirmation.at, lang)
                ),
                None => AgrMsg::NotConfirmed.text(lang).to_owned(),
            };
            view! {
                <li>
                    {format!("{} {}: ", party_msg(party.role).text(lang), party.name.as_str())}
                    <span class="flag">{state}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <h4>{t(AgrMsg::Facts)}</h4>
        <p class="description">{version.draft.facts.clone()}</p>
        <h4>{t(AgrMsg::Terms)}</h4>
        <ol class="agreement-terms">{terms}</ol>
        <h4>{t(AgrMsg::Confirmations)}</h4>
        <ul class="agreement-confirmations">{confirmations}</ul>
        <p class="help mono">
            {format!("{} {}", AgrMsg::Fingerprint.text(lang), version.content_hash.get(..16).unwrap_or_default())}
        </p>
    }
}

#[component]
pub fn CaseAgreement(code: String, case: RwSignal<Option<CaseDetail>>) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let current = RwSignal::new(None::<Result<AgreementView, ApiError>>);
    let drafting = RwSignal::new(false);
    let note = RwSignal::new(false);
    let code = StoredValue::new(code);
    let load = move || {
        spawn_local(async move {
            let result = agreement::of_case(&code.get_value()).await;
            if result.as_ref().is_err_and(ApiError::is_unauthorized) {
                login.ended();
            }
            current.set(Some(result));
        });
    };
    Effect::new(move |seen: Option<Option<u64>>| {
        let version = case.with(|c| c.as_ref().map(|c| c.version));
        if version.is_some() && seen != Some(version) {
            load();
        }
        version
    });
    let on_done = Callback::new(move |view: AgreementView| {
        drafting.set(false);
        note.set(true);
        current.set(Some(Ok(view)));
    });

    let body = move || {
        let lang = i18n.lang();
        match current.get() {
            None => view! { <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p> }.into_any(),
            Some(Err(failure)) => view! {
                <p class="notice error-notice" role="alert">{failure_said(&failure).text(lang)}</p>
            }
            .into_any(),
            Some(Ok(view)) => {
                let may = |action| view.allowed_actions.contains(&action);
                let may_draft = may(AgreementAction::EditDraft) || may(AgreementAction::DraftNewVersion);
                if drafting.get() {
                    let initial = view.agreement.as_ref().map(|a| a.current().draft.clone());
                    return view! {
                        <DraftForm
                            code=code.get_value()
                            initial=initial
                            parties=view.parties.clone()
                            on_done=on_done
                            on_cancel=Callback::new(move |_| drafting.set(false))
                        />
                    }
                    .into_any();
                }
                let open_label = if view.agreement.is_some() { AgrMsg::Change } else { AgrMsg::Draft };
                let open = may_draft.then(|| {
                    let change_note = (view.agreement.is_some() && !may(AgreementAction::EditDraft))
                        .then(|| view! { <p class="help">{t(AgrMsg::ChangeNote)}</p> });
                    view! {
                        {change_note}
                        <button type="button" class="button primary" on:click=move |_| {
                            drafting.set(true);
                            crate::common::field::focus_later("agr-facts".to_owned());
                        }>{t(open_label)}</button>
                    }
                });
                let Some(agreement) = view.agreement.clone() else {
                    return view! { <p class="empty-state">{t(AgrMsg::NoneYet)}</p> {open} }.into_any();
                };
                let version = agreement.current().clone();
                let in_effect = agreement.in_effect().cloned();
                let state = match &in_effect {
                    Some(v) if v.number == version.number => v
                        .effective_on()
                        .map(|d| AgrX::EffectiveOn.with(lang, &d.to_string()))
                        .unwrap_or_else(|| AgrMsg::InEffect.text(lang).to_owned()),
                    _ => AgrMsg::Waiting.text(lang).to_owned(),
                };
                let clock = view.clock.map(|clock| {
                    let text = if clock.open {
                        AgrXN::ClockOpen.with(lang, &clock.last_day.to_string(), clock.days_left as usize)
                    } else {
                        AgrX::ClockOver.with(lang, &clock.last_day.to_string())
                    };
                    view! { <p class="clock-line">{text}</p> }
                });
                let decision = agreement.decision.as_ref().map(|d| {
                    let outcome = match d.outcome {
                        JudicialOutcome::Confirmed => AgrMsg::DecisionConfirmed,
                        JudicialOutcome::NotConfirmed => AgrMsg::DecisionNotConfirmed,
                    };
                    view! {
                        <h4>{t(AgrMsg::Decision)}</h4>
                        <p>{format!("{} · {} {} · {} {}", outcome.text(lang), AgrMsg::RulingNumber.text(lang), d.ruling_number, AgrMsg::RulingDate.text(lang), d.ruling_date)}</p>
                    }
                });
                let decide = may(AgreementAction::RecordDecision)
                    .then(|| view! { <DecisionForm code=code.get_value() on_done=on_done /> });
                let follow_up = in_effect.as_ref().map(|effective| {
                    let may_record = may(AgreementAction::RecordPerformance);
                    let rows = effective
                        .draft
                        .terms
                        .iter()
                        .enumerate()
                        .map(|(index, term)| {
                            let last = agreement
                                .performance_of(TermRef { version: effective.number, index })
                                .map(|r| r.outcome);
                            view! {
                                <li>
                                    <p>{format!("{} {} · {} {}", party_msg(term.who).text(lang), term.what, AgrMsg::By.text(lang), term.by)}</p>
                                    <TermFollowUp code=code.get_value() index=index last=last may_record=may_record on_done=on_done />
                                </li>
                            }
                        })
                        .collect_view();
                    view! { <h4>{t(AgrMsg::Performance)}</h4> <ol class="agreement-follow-up">{rows}</ol> }
                });
                let earlier = (!agreement.earlier.is_empty()).then(|| {
                    let versions = agreement
                        .earlier
                        .iter()
                        .rev()
                        .map(|v| view! { <section><h4>{AgrN::Version.with(lang, v.number as usize)}</h4>{version_text(v, lang)}</section> })
                        .collect_view();
                    view! { <details class="agreement-earlier"><summary>{t(AgrMsg::Earlier)}</summary>{versions}</details> }
                });
                view! {
                    <p>
                        <strong>{AgrN::Version.with(lang, version.number as usize)}</strong>
                        " · "
                        <span class="flag">{state}</span>
                    </p>
                    {clock}
                    {version_text(&version, lang)}
                    {decision}
                    {follow_up}
                    {decide}
                    {open}
                    {earlier}
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="case-card case-agreement" aria-labelledby="agreement-title">
            <h2 id="agreement-title">{t(AgrMsg::Section)}</h2>
            <p class="notice success-notice" role="status" hidden=move || !note.get()>{t(AgrMsg::Saved)}</p>
            {body}
        </section>
    }
}
