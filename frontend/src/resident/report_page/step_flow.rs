//! The wizard itself, once the directory is known: step indicator, the current step, and
//! the Back and Next buttons (the review step brings its own Send button).

use super::contact_step::ContactStep;
use super::draft::use_draft;
use super::kind_step::KindStep;
use super::review_step::ReviewStep;
use super::steps::{
    go_to_step, replace_address, show_step, step_back, step_title, STEP_HEADING_ID,
};
use super::what_step::WhatStep;
use super::where_step::WhereStep;
use super::wizard::{step_errors, Step, STEP_COUNT};
use crate::common::field::{field_id, focus_later};
use crate::i18n::{t, use_i18n, Msg, MsgNM};
use crate::router::query_param;
use accord_shared::directory::Directory;
use leptos::ev;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn StepFlow(dir: Directory) -> impl IntoView {
    let draft = use_draft();
    let i18n = use_i18n();
    let dir = StoredValue::new(dir);
    let step = draft.step;
    // The step the address names, unless a step before it still needs filling in: then that
    // one (a reload keeps the step; a shared or typed address cannot skip ahead).
    let first_to_fill = move |wanted: Step| {
        let request = draft.request();
        dir.with_value(|dir| {
            wanted
                .earlier()
                .find(|earlier| !step_errors(*earlier, &request, dir).is_empty())
                .unwrap_or(wanted)
        })
    };
    let named = query_param("step");
    let opening = match named.as_deref() {
        // Arriving without a step (a link to /report) resumes the draft where it was.
        None => step.get_untracked(),
        slug => first_to_fill(Step::from_slug(slug)),
    };
    if named.as_deref() != Some(opening.slug()) {
        replace_address(opening);
    }
    step.set(opening);
    // The phone's Back and Forward buttons move between the steps.
    let follow = window_event_listener(ev::popstate, move |_| {
        if window().location().pathname().ok().as_deref() == Some("/report") {
            let wanted = first_to_fill(Step::from_slug(query_param("step").as_deref()));
            if wanted != step.get_untracked() {
                show_step(draft, wanted);
            }
        }
    });
    on_cleanup(move || follow.remove());
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
        Step::What => view! { <WhatStep dir=dir /> }.into_any(),
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
                            on:click=move |_| step_back(draft)
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
