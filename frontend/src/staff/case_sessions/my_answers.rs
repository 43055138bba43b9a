//! The reader's own answers, as a staff participant

use super::session_parts::{failure_text, toast};
use crate::api::sessions::{self};
use crate::common::toast::use_toasts;
use crate::common::when::format_when_with_weekday;
use crate::i18n::sessions::SessionMsg;
use crate::i18n::{t, use_i18n};
use crate::staff::sign_in::use_login;
use accord_shared::scheduling::{Participant, Session, StaffSessionView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The reader's own answers, as a staff participant.
#[component]
pub fn MyAnswers(
    session: Session,
    username: String,
    replace: Callback<StaffSessionView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let signed = use_login();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<&'static str>);
    let me_answers: Vec<(u8, RwSignal<Option<bool>>)> = session
        .slots
        .iter()
        .map(|slot| {
            let given = session
                .answers
                .iter()
                .find(|a| {
                    a.slot == slot.id && a.participant == Participant::Staff(username.clone())
                })
                .map(|a| a.available);
            (slot.id, RwSignal::new(given))
        })
        .collect();
    let id = StoredValue::new(session.id.clone());
    let answers = StoredValue::new(me_answers.clone());
    let rows = session
        .slots
        .iter()
        .zip(me_answers)
        .map(|(slot, (slot_id, choice))| {
            let start = slot.start;
            let name = format!("mine-{}-{slot_id}", session.id);
            let yes_id = format!("{name}-yes");
            let yes_id_outer = yes_id.clone();
            let no_id = format!("{name}-no");
            let no_id_outer = no_id.clone();
            view! {
                <fieldset class="answer-row">
                    <legend>{move || format_when_with_weekday(start, i18n.lang())}</legend>
                    <label class="radio-row" for=yes_id_outer>
                        <input id=yes_id type="radio" name=name.clone() prop:checked=move || choice.get() == Some(true) on:change=move |_| choice.set(Some(true)) />
                        <span>{t(SessionMsg::ICan)}</span>
                    </label>
                    <label class="radio-row" for=no_id_outer>
                        <input id=no_id type="radio" name=name.clone() prop:checked=move || choice.get() == Some(false) on:change=move |_| choice.set(Some(false)) />
                        <span>{t(SessionMsg::ICannot)}</span>
                    </label>
                </fieldset>
            }
        })
        .collect_view();
    let save = move |_| {
        let chosen: Vec<(u8, bool)> = answers
            .get_value()
            .iter()
            .filter_map(|(slot, choice)| choice.get_untracked().map(|c| (*slot, c)))
            .collect();
        if chosen.is_empty() {
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = sessions::answer(&id.get_value(), &chosen).await;
            busy.set(false);
            match result {
                Ok(updated) => {
                    toasts.show_text(toast(SessionMsg::AnswersSaved));
                    replace.run(updated);
                }
                Err(failure) if failure.is_unauthorized() => signed.ended(),
                Err(failure) => error.set(Some(failure_text(&failure, i18n.0.get_untracked()))),
            }
        });
    };
    view! {
        <div class="my-answers" role="group" aria-label=t(SessionMsg::MyAnswersLegend)>
            <h4>{t(SessionMsg::MyAnswersLegend)}</h4>
            {rows}
            <button type="button" class="button secondary" disabled=move || busy.get() on:click=save>
                {t(SessionMsg::SaveMyAnswers)}
            </button>
            <p class="notice error-notice" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
        </div>
    }
}
