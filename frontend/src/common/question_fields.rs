//! A category's extra questions as form controls, on the resident's filing and on the staff
//! and volunteer intake: words, a number, yes or no, one of a list. Each control's id is the
//! form's prefix and the error field the server names it by (`f-answers.0`), so an error
//! finds its control; the answers are kept in the draft as one string (`answers_text`).

use crate::common::answers_text::{answer, with_answer};
use crate::common::field::described_by;
use crate::i18n::{use_i18n, Msg};
use accord_shared::questions::{Question, QuestionKind, ANSWER_FIELDS, MAX_TEXT_ANSWER_CHARS};
use leptos::prelude::*;

#[component]
pub fn QuestionFields(
    /// What every element id starts with (`f-`, `i-`, `w-`).
    prefix: &'static str,
    #[prop(into)] questions: Signal<Vec<Question>>,
    /// The draft's answers (see `answers_text`).
    answers: RwSignal<String>,
    /// The error beside the answer to the question at this place, in words (tracked).
    error: Callback<usize, Option<String>>,
    /// Called with the question's place when its answer changes.
    on_change: Callback<usize>,
) -> impl IntoView {
    move || {
        questions
            .get()
            .into_iter()
            .take(ANSWER_FIELDS.len())
            .enumerate()
            .map(|(n, question)| question_field(prefix, n, question, answers, error, on_change))
            .collect_view()
    }
}

fn question_field(
    prefix: &'static str,
    n: usize,
    question: Question,
    answers: RwSignal<String>,
    error: Callback<usize, Option<String>>,
    on_change: Callback<usize>,
) -> AnyView {
    let i18n = use_i18n();
    let id = format!("{prefix}{}", ANSWER_FIELDS[n]);
    let qid = StoredValue::new(question.id.clone());
    let value = move || answers.with(|a| qid.with_value(|q| answer(a, q)));
    let set = move |v: String| {
        answers.update(|a| *a = qid.with_value(|q| with_answer(a, q, &v)));
        on_change.run(n);
    };
    let has_error = move || error.run(n).is_some();
    let label = question.label.clone();
    let optional = !question.required;
    let words = move || {
        let lang = i18n.lang();
        let mut text = lang.pick(&label).to_owned();
        if optional {
            text.push_str(Msg::AnswerOptional.text(lang));
        }
        text
    };
    let error_line = {
        let error_id = format!("{id}-error");
        view! { <p class="error" id=error_id>{move || error.run(n)}</p> }
    };
    match question.kind {
        QuestionKind::Text | QuestionKind::Number => {
            let number = question.kind == QuestionKind::Number;
            let control = if number {
                view! {
                    <input
                        id=id.clone()
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        aria-describedby=described_by(&id, false)
                        aria-invalid=move || has_error().to_string()
                        prop:value=value
                        on:input=move |ev| set(event_target_value(&ev))
                    />
                }
                .into_any()
            } else {
                view! {
                    <textarea
                        id=id.clone()
                        rows="3"
                        maxlength=MAX_TEXT_ANSWER_CHARS
                        aria-describedby=described_by(&id, false)
                        aria-invalid=move || has_error().to_string()
                        prop:value=value
                        on:input=move |ev| set(event_target_value(&ev))
                    ></textarea>
                }
                .into_any()
            };
            view! {
                <div class="field" class:has-error=has_error>
                    <label for=id.clone()>{words}</label>
                    {control}
                    {error_line}
                </div>
            }
            .into_any()
        }
        QuestionKind::YesNo | QuestionKind::Choice => {
            let choices: Vec<(String, Option<accord_shared::vocabulary::Name>)> =
                if question.kind == QuestionKind::YesNo {
                    vec![("yes".to_owned(), None), ("no".to_owned(), None)]
                } else {
                    question
                        .choices
                        .iter()
                        .map(|c| (c.id.clone(), Some(c.label.clone())))
                        .collect()
                };
            let radios = choices
                .into_iter()
                .enumerate()
                .map(|(index, (choice, label))| {
                    let input_id = if index == 0 {
                        id.clone()
                    } else {
                        format!("{id}-{index}")
                    };
                    let checked = choice.clone();
                    let text = move || match &label {
                        Some(label) => i18n.lang().pick(label).to_owned(),
                        None if index == 0 => Msg::AnswerYes.text(i18n.lang()).to_owned(),
                        None => Msg::AnswerNo.text(i18n.lang()).to_owned(),
                    };
                    view! {
                        <label class="radio-row">
                            <input
                                type="radio"
                                name=id.clone()
                                id=input_id
                                value=choice.clone()
                                prop:checked=move || value() == checked
                                on:change=move |_| set(choice.clone())
                            />
                            <span>{text}</span>
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset
                    class="field choice-group"
                    class:has-error=has_error
                    aria-describedby=format!("{id}-error")
                >
                    <legend>{words}</legend>
                    <div class="radio-list">{radios}</div>
                    {error_line}
                </fieldset>
            }
            .into_any()
        }
    }
}
