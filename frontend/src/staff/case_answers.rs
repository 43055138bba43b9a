//! A case's answers to its category's extra questions, each under the question as it was asked
//! when the case was filed (a later change to the questions leaves them as they were).

use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, use_i18n, Msg};
use accord_shared::questions::{Answer, AnswerValue};
use leptos::prelude::*;

#[component]
pub fn CaseAnswers(answers: Vec<Answer>) -> impl IntoView {
    let i18n = use_i18n();
    (!answers.is_empty()).then(|| {
        let rows = answers
            .into_iter()
            .map(|answer| {
                let label = answer.label.clone();
                let value = answer.value.clone();
                let said = move || {
                    let lang = i18n.lang();
                    match &value {
                        AnswerValue::Text { text } => text.clone(),
                        AnswerValue::Number { number } => number.clone(),
                        AnswerValue::YesNo { yes: true } => Msg::AnswerYes.text(lang).to_owned(),
                        AnswerValue::YesNo { yes: false } => Msg::AnswerNo.text(lang).to_owned(),
                        AnswerValue::Choice { label, .. } => lang.pick(label).to_owned(),
                    }
                };
                view! {
                    <dt>{move || i18n.lang().pick(&label).to_owned()}</dt>
                    <dd class="answer">{said}</dd>
                }
            })
            .collect_view();
        view! {
            <h2>{t(StaffMsg::DetailAnswers)}</h2>
            <dl class="facts answers">{rows}</dl>
        }
    })
}
