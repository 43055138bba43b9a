//! The wizard itself, once the directory is known: step indicator, the current step, and
//! the Back and Next buttons (the review step brings its own Send button).

use super::contact_step::ContactStep;
use super::draft::use_draft;
use super::kind_step::KindStep;
use super::review_step::ReviewStep;
use super::steps::{go_to_step, step_title, STEP_HEADING_ID};
use super::what_step::WhatStep;
use super::where_step::WhereStep;
use super::wizard::{step_errors, Step, STEP_COUNT};
use crate::common::field::{field_id, focus_later};
use crate::i18n::{t, use_i18n, Msg, MsgNM};
use accord_shared::directory::Directory;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn StepFlow(dir: Directory) -> impl IntoView {
    let draft = use_draft();
    let i18n = use_i18n();
    let dir = StoredValue::new(dir);
    let step = draft.step;
    let progress = move || {
        let n = step.get().number();
        MsgNM::StepProgress.with(i18n.lang(), n, STEP_COUNT)
    };
    let go_next = move |event: SubmitEvent| {
        event.prevent_default();
        let current = step.get_untracked();
        let errors = dir.with_value(|dir| step_errors(current, &draft.request(), dir));
        if let Some(first) = errors.first() {
            let id = field_id(first.field);
            draft.errors.set(errors);
            focus_later(id);
            return;
        }
        draft.errors.set(Vec::new());
        if current.next() == Step::Review {
            draft.idempotency_key();
        }
        go_to_step(draft, current.next());
    };
    let body = move || match step.get() {
        Step::Kind => view! { <KindStep dir=dir /> }.into_any(),
        Step::What => view! { <WhatStep /> }.into_any(),
        Step::Where => view! { <WhereStep dir=dir /> }.into_any(),
        Step::Contact => view! { <ContactStep /> }.into_any(),
        Step::Review => view! { <ReviewStep dir=dir /> }.into_any(),
    };
    view! {
        <h1 tabindex="-1">{t(Msg::ReportTitle)}</h1>
        <div class="step-indicator">
            <p>
                <span class="step-count" aria-hidden="true">
                    {move || format!("{} / {}", step.get().number(), STEP_COUNT)}
                </span>
                <span class="visually-hidden">{progress}</span>
            </p>
            <div class="step-bar" aria-hidden="true">
                // A class per step (the content security policy allows no inline style).
                <span class=move || format!("fill-{}", step.get().number())></span>
            </div>
        </div>
        <h2 id=STEP_HEADING_ID tabindex="-1" class="step-title">
            {move || step_title(step.get()).text(i18n.lang())}
        </h2>
        <Show
            when=move || step.get() != Step::Review
            fallback=move || body()
        >
            <form class="step-form" novalidate on:submit=go_next>
                {body}
                <div class="action-bar">
                    <Show when=move || step.get() != Step::Kind>
                        <button
                            type="button"
                            class="button secondary"
                            on:click=move |_| go_to_step(draft, step.get_untracked().previous())
                        >
                            {t(Msg::Back)}
                        </button>
                    </Show>
                    <button type="submit" class="button primary">
                        {t(Msg::Next)}
                    </button>
                </div>
            </form>
        </Show>
    }
}
