//! The party's answers to a proposed session: whether they can come, sent together.

use crate::api::sessions;
use crate::api::ApiError;
use crate::common::field::focus_later;
use crate::common::when::format_when_with_weekday;
use crate::i18n::party::PartyMsg;
use crate::i18n::session_words::SessionWord;
use crate::i18n::{t, use_i18n};
use accord_shared::scheduling::PartySessionView;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn AnswerForm(
    session: PartySessionView,
    token: StoredValue<Option<String>>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<&'static str>>,
    settle: impl Fn(Result<PartySessionView, ApiError>, PartyMsg) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let choices: Vec<(u8, RwSignal<Option<bool>>)> = session
        .slots
        .iter()
        .map(|slot| {
            let given = session
                .answers
                .iter()
                .find(|a| a.slot == slot.id)
                .map(|a| a.available);
            (slot.id, RwSignal::new(given))
        })
        .collect();
    let missing = RwSignal::new(false);
    let stored = StoredValue::new(choices.clone());
    let rows = session
        .slots
        .iter()
        .zip(choices)
        .map(|(slot, (id, choice))| {
            let start = slot.start;
            let name = format!("p-slot-{id}");
            let (yes_id, no_id) = (format!("{name}-yes"), format!("{name}-no"));
            let (yes_for, no_for) = (yes_id.clone(), no_id.clone());
            view! {
                <fieldset class="answer-row" class:has-error=move || missing.get() && choice.get().is_none()>
                    <legend>{move || format_when_with_weekday(start, i18n.lang())}</legend>
                    <label class="radio-row" for=yes_for>
                        <input id=yes_id type="radio" name=name.clone() prop:checked=move || choice.get() == Some(true)
                            on:change=move |_| choice.set(Some(true)) />
                        <span>{t(PartyMsg::Can)}</span>
                    </label>
                    <label class="radio-row" for=no_for>
                        <input id=no_id type="radio" name=name.clone() prop:checked=move || choice.get() == Some(false)
                            on:change=move |_| choice.set(Some(false)) />
                        <span>{t(PartyMsg::Cannot)}</span>
                    </label>
                </fieldset>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let all = stored.get_value();
        let answers: Vec<(u8, bool)> = all
            .iter()
            .filter_map(|(slot, c)| c.get_untracked().map(|c| (*slot, c)))
            .collect();
        if answers.len() < all.len() {
            missing.set(true);
            focus_later("p-answers-error".to_owned());
            return;
        }
        missing.set(false);
        busy.set(true);
        error.set(None);
        let Some(token) = token.get_value() else {
            return;
        };
        spawn_local(async move {
            let result = sessions::party_answers(&token, &answers).await;
            settle(result, PartyMsg::AnswersSaved);
        });
    };
    view! {
        <form class="answer-form" novalidate on:submit=submit>
            <h3>{t(PartyMsg::AnswerLegend)}</h3>
            <p class="muted">{t(SessionWord::TimeNotFixed)}</p>
            {rows}
            <p class="error field-error" id="p-answers-error" tabindex="-1" role="alert">
                {move || missing.get().then(|| PartyMsg::NeedAll.text(i18n.lang()))}
            </p>
            <div class="action-bar">
                <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    <Show when=move || busy.get() fallback=t(PartyMsg::SendAnswers)>
                        <span class="spinner" aria-hidden="true"></span>
                        {t(PartyMsg::Sending)}
                    </Show>
                </button>
            </div>
        </form>
    }
}
