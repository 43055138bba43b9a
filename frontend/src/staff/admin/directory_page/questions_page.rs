//! A category's extra questions on their own screen (the district's admin): what a filing of
//! the category is asked beyond the common fields, in both languages, in order. Saving counts
//! the category's questions version up; cases filed before keep the questions they answered.

use super::directory_draft::{problem_slot, Problem};
use super::line_input::LineInput;
use super::loaded::{refresh_directory, settle_save, with_loaded};
use super::question_draft::QuestionDraft;
use crate::api::admin;
use crate::common::directory_state::use_directory;
use crate::common::field::focus_later;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::toast::use_toasts;
use crate::i18n::staff::{StaffMsg, StaffN};
use crate::i18n::{kind_msg, t, use_i18n};
use crate::router::Link;
use crate::staff::sign_in::use_login;
use accord_shared::directory::Directory;
use accord_shared::directory_edit::QuestionsEdit;
use accord_shared::questions::{check_questions, QuestionKind, MAX_QUESTIONS};
use accord_shared::staff::Scope;
use accord_shared::wire::Me;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn QuestionsPage(me: Me, id: String) -> impl IntoView {
    let directory = use_directory();
    refresh_directory(directory);
    let district_wide = me.scope == Scope::District;
    let draw = move |dir: Directory| match dir.category(&id) {
        Some(_) if district_wide => questions_form(dir, id.clone()).into_any(),
        Some(_) => {
            view! { <p class="notice error-notice" role="alert">{t(StaffMsg::SetByDistrict)}</p> }
                .into_any()
        }
        None => {
            view! { <p class="notice error-notice" role="alert">{t(StaffMsg::NoSuchCategory)}</p> }
                .into_any()
        }
    };
    view! {
        <p><Link href="/staff/admin/directory/district".to_owned()>{t(StaffMsg::BackToDistrict)}</Link></p>
        {with_loaded(directory, draw)}
    }
}

fn questions_form(dir: Directory, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let login = use_login();
    let directory = use_directory();
    let problem: Problem = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let Some(category) = dir.category(&id).cloned() else {
        return ().into_any();
    };
    let next_key = StoredValue::new(category.questions.len());
    let rows = RwSignal::new(
        category
            .questions
            .iter()
            .enumerate()
            .map(|(key, q)| QuestionDraft::of(key, q))
            .collect::<Vec<_>>(),
    );
    let category_id = StoredValue::new(id);
    let name = category.name.clone();
    let kind = category.kind;
    let version = category.questions_version;

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let edit = QuestionsEdit {
            questions: rows
                .get_untracked()
                .iter()
                .map(QuestionDraft::read)
                .collect(),
        };
        let fail = move |field: &str| {
            // `questions.N` is the question at place N; anything else the form's.
            let at = field
                .strip_prefix("questions.")
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| rows.with_untracked(|r| r.get(n).map(|q| q.key)))
                .map_or("d-save".to_owned(), |key| format!("q{key}"));
            let at: &'static str = match at.as_str() {
                "d-save" => "d-save",
                _ => at.leak(),
            };
            problem.set(Some((at, StaffMsg::QuestionProblem.into())));
            focus_later(format!("{at}-error"));
        };
        if let Err(err) = check_questions(&edit.questions) {
            return fail(err.field);
        }
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = admin::save_questions(&category_id.get_value(), &edit).await;
            busy.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            settle_save(
                result,
                directory,
                toasts,
                StaffMsg::QuestionsSaved,
                problem,
                fail,
                || {},
            );
        });
    };
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        let taken: Vec<String> =
            rows.with_untracked(|r| r.iter().map(|q| q.id.get_value()).collect());
        rows.update(|r| r.push(QuestionDraft::fresh(key, &taken)));
        focus_later(format!("q{key}-zh"));
    };
    let kinds = QuestionKind::ALL;
    view! {
        <h1 tabindex="-1">
            {t(StaffMsg::QuestionsTitle)} " · " {move || i18n.lang().pick(&name).to_owned()}
        </h1>
        <p class="lead">
            {move || kind_msg(kind).text(i18n.lang())} " · "
            {move || StaffN::QuestionsVersion.with(i18n.lang(), version as usize)}
        </p>
        <p class="help">{t(StaffMsg::QuestionsIntro)}</p>
        <form class="directory-form" novalidate on:submit=on_submit>
            <For each=move || rows.get() key=|q| q.key let:question>
                {
                    let key = question.key;
                    let slot: &'static str = format!("q{key}").leak();
                    let remove = move |_| rows.update(|r| r.retain(|q| q.key != key));
                    let up = move |_| rows.update(|r| {
                        if let Some(at) = r.iter().position(|q| q.key == key) {
                            if at > 0 {
                                r.swap(at, at - 1);
                            }
                        }
                    });
                    let place = move || rows.with(|r| r.iter().position(|q| q.key == key).unwrap_or(0) + 1);
                    view! {
                        <fieldset class="case-card dir-row question-row">
                            <legend>{move || StaffN::QuestionNumber.with(i18n.lang(), place())}</legend>
                            <LineInput id=format!("q{key}-zh") label=StaffMsg::QuestionZh.into() value=question.zh described_by=format!("{slot}-error") />
                            <LineInput id=format!("q{key}-en") label=StaffMsg::QuestionEn.into() value=question.en described_by=format!("{slot}-error") />
                            <div class="field compact">
                                <label for=format!("q{key}-kind")>{t(StaffMsg::QuestionKindLabel)}</label>
                                <select
                                    id=format!("q{key}-kind")
                                    on:change=move |ev| {
                                        if let Some(kind) = QuestionKind::from_code(&event_target_value(&ev)) {
                                            question.kind.set(kind);
                                        }
                                    }
                                >
                                    {kinds
                                        .into_iter()
                                        .map(|k| view! {
                                            <option value=k.code() selected=move || question.kind.get() == k>
                                                {move || question_kind_said(k).text(i18n.lang())}
                                            </option>
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <Show when=move || question.kind.get() == QuestionKind::Choice>
                                <div class="field compact">
                                    <label for=format!("q{key}-choices")>{t(StaffMsg::QuestionChoices)}</label>
                                    <p class="help" id=format!("q{key}-choices-help")>{t(StaffMsg::QuestionChoicesHelp)}</p>
                                    <textarea
                                        id=format!("q{key}-choices")
                                        rows="4"
                                        aria-describedby=format!("q{key}-choices-help {slot}-error")
                                        prop:value=move || question.choices.get()
                                        on:input=move |ev| question.choices.set(event_target_value(&ev))
                                    ></textarea>
                                </div>
                            </Show>
                            <label class="check-row">
                                <input
                                    type="checkbox"
                                    prop:checked=move || question.required.get()
                                    on:change=move |ev| question.required.set(event_target_checked(&ev))
                                />
                                <span>{t(StaffMsg::QuestionRequired)}</span>
                            </label>
                            {problem_slot(problem, slot)}
                            <div class="form-buttons">
                                <button type="button" class="button secondary" on:click=up disabled=move || place() == 1>
                                    {t(StaffMsg::QuestionUp)}
                                </button>
                                <button type="button" class="button secondary" on:click=remove>
                                    {t(StaffMsg::QuestionRemove)}
                                </button>
                            </div>
                        </fieldset>
                    }
                }
            </For>
            <div class="form-buttons">
                <button type="button" class="button secondary" on:click=add disabled=move || rows.with(|r| r.len() >= MAX_QUESTIONS)>
                    {t(StaffMsg::AddQuestion)}
                </button>
            </div>
            {problem_slot(problem, "d-save")}
            <div class="action-bar">
                <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                    {t(StaffMsg::SaveQuestions)}
                </button>
            </div>
        </form>
    }
    .into_any()
}

fn question_kind_said(kind: QuestionKind) -> StaffMsg {
    match kind {
        QuestionKind::Text => StaffMsg::QuestionKindText,
        QuestionKind::Number => StaffMsg::QuestionKindNumber,
        QuestionKind::YesNo => StaffMsg::QuestionKindYesNo,
        QuestionKind::Choice => StaffMsg::QuestionKindChoice,
    }
}
