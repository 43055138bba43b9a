//! Step 2: what happened, the category's extra questions, and for a dispute since when and
//! the other person's name (optional).

use super::draft::use_draft;
use crate::common::field::{described_by, Field};
use crate::common::photo_picker::PhotoPicker;
use crate::common::question_fields::QuestionFields;
use crate::i18n::{use_i18n, Msg};
use accord_shared::directory::Directory;
use accord_shared::photos::MAX_PHOTOS_PER_FILING;
use accord_shared::questions::ANSWER_FIELDS;
use leptos::prelude::*;

#[component]
pub fn WhatStep(dir: StoredValue<Directory>) -> impl IntoView {
    let draft = use_draft();
    let i18n = use_i18n();
    let questions = Signal::derive(move || {
        draft.category.with(|id| {
            dir.with_value(|dir| dir.category(id).map(|c| c.questions.clone()))
                .unwrap_or_default()
        })
    });
    let answer_error =
        Callback::new(move |n: usize| draft.error_text(ANSWER_FIELDS[n], i18n.lang()));
    let answer_changed = Callback::new(move |n: usize| draft.clear_error(ANSWER_FIELDS[n]));
    let description_error = Signal::derive(move || draft.error_text("description", i18n.lang()));
    let respondent_error = Signal::derive(move || draft.error_text("respondent_name", i18n.lang()));
    let since_error = Signal::derive(move || draft.error_text("conflict_since", i18n.lang()));
    // No later than this month, in the street's zone.
    let today = accord_shared::time::local_date(chrono::Utc::now());
    let this_month = StoredValue::new({
        use chrono::Datelike;
        format!("{:04}-{:02}", today.year(), today.month())
    });
    let is_dispute = move || draft.kind.get() == "dispute";
    view! {
        <Field
            id="f-description"
            label=Msg::DescriptionLabel
            help=Msg::DescriptionHelp
            error=description_error
        >
            <textarea
                id="f-description"
                rows="7"
                aria-describedby=described_by("f-description", true)
                aria-invalid=move || description_error.with(Option::is_some).to_string()
                prop:value=move || draft.description.get()
                on:input=move |ev| {
                    draft.description.set(event_target_value(&ev));
                    draft.clear_error("description");
                }
            ></textarea>
        </Field>
        <QuestionFields
            prefix="f-"
            questions=questions
            answers=draft.answers
            error=answer_error
            on_change=answer_changed
        />
        <Show when=is_dispute>
            <Field
                id="f-conflict_since"
                label=Msg::ConflictSinceLabel
                help=Msg::ConflictSinceHelp
                error=since_error
            >
                <input
                    id="f-conflict_since"
                    type="month"
                    max=this_month.get_value()
                    aria-describedby=described_by("f-conflict_since", true)
                    aria-invalid=move || since_error.with(Option::is_some).to_string()
                    prop:value=move || draft.conflict_since.get()
                    on:input=move |ev| {
                        draft.conflict_since.set(event_target_value(&ev));
                        draft.clear_error("conflict_since");
                    }
                />
            </Field>
            <Field
                id="f-respondent_name"
                label=Msg::RespondentLabel
                help=Msg::RespondentHelp
                error=respondent_error
            >
                <input
                    id="f-respondent_name"
                    type="text"
                    autocomplete="off"
                    aria-describedby=described_by("f-respondent_name", true)
                    aria-invalid=move || respondent_error.with(Option::is_some).to_string()
                    prop:value=move || draft.respondent_name.get()
                    on:input=move |ev| {
                        draft.respondent_name.set(event_target_value(&ev));
                        draft.clear_error("respondent_name");
                    }
                />
            </Field>
        </Show>
        <PhotoPicker photos=draft.photos max=MAX_PHOTOS_PER_FILING id="report-photos" />
    }
}
