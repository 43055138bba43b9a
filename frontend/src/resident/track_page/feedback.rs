//! The resident's word on the result: settled or not, how satisfied (1–5, each with words),
//! and an optional comment. The code and secret come from the look-up, kept in memory only.

use crate::api::{self, ApiError};
use crate::common::field::{described_by, focus_later, ChoiceGroup, Field};
use crate::common::form_kit::Failure;
use crate::i18n::{problem_text, t, use_i18n, Msg};
use accord_shared::fields::FieldProblem;
use accord_shared::wire::{FeedbackRequest, PublicCase, TrackRequest};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the resident chose and typed, kept while the page re-renders (language switch).
#[derive(Debug, Clone, Copy)]
pub struct FeedbackDraft {
    pub settled: RwSignal<Option<bool>>,
    pub satisfaction: RwSignal<Option<u8>>,
    pub comment: RwSignal<String>,
    settled_error: RwSignal<Option<Msg>>,
    satisfaction_error: RwSignal<Option<Msg>>,
    comment_error: RwSignal<Option<String>>,
    form_error: RwSignal<Option<Msg>>,
    busy: RwSignal<bool>,
    /// Sent: the thank-you shows instead of the form.
    pub thanked: RwSignal<bool>,
}

impl FeedbackDraft {
    pub fn new() -> Self {
        FeedbackDraft {
            settled: RwSignal::new(None),
            satisfaction: RwSignal::new(None),
            comment: RwSignal::new(String::new()),
            settled_error: RwSignal::new(None),
            satisfaction_error: RwSignal::new(None),
            comment_error: RwSignal::new(None),
            form_error: RwSignal::new(None),
            busy: RwSignal::new(false),
            thanked: RwSignal::new(false),
        }
    }
}

impl Default for FeedbackDraft {
    fn default() -> Self {
        Self::new()
    }
}

const SATISFACTION: [(u8, Msg); 5] = [
    (5, Msg::Satisfaction5),
    (4, Msg::Satisfaction4),
    (3, Msg::Satisfaction3),
    (2, Msg::Satisfaction2),
    (1, Msg::Satisfaction1),
];

#[component]
pub fn FeedbackForm(
    draft: FeedbackDraft,
    credentials: TrackRequest,
    found: RwSignal<Option<PublicCase>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if draft.busy.get_untracked() {
            return;
        }
        let settled = draft.settled.get_untracked();
        let satisfaction = draft.satisfaction.get_untracked();
        draft
            .settled_error
            .set(settled.is_none().then_some(Msg::ProblemChoose));
        draft
            .satisfaction_error
            .set(satisfaction.is_none().then_some(Msg::ProblemChoose));
        let (Some(confirmed), Some(satisfaction)) = (settled, satisfaction) else {
            focus_later(
                if settled.is_none() {
                    "fb-settled-yes"
                } else {
                    "fb-sat-5"
                }
                .to_owned(),
            );
            return;
        };
        let comment = draft.comment.get_untracked();
        let request = FeedbackRequest {
            code: credentials.code.clone(),
            secret: credentials.secret.clone(),
            confirmed,
            satisfaction,
            comment: (!comment.trim().is_empty()).then(|| comment.trim().to_owned()),
        };
        draft.busy.set(true);
        draft.form_error.set(None);
        draft.comment_error.set(None);
        spawn_local(async move {
            let result = api::feedback(&request).await;
            draft.busy.set(false);
            match result {
                Ok(case) => {
                    draft.thanked.set(true);
                    found.set(Some(case));
                    focus_later("feedback-thanks".to_owned());
                }
                Err(ApiError::Status {
                    status: 422,
                    field: Some(field),
                    code,
                }) if field == "comment" => {
                    let problem = match FieldProblem::from_code(&code) {
                        Some(FieldProblem::TooLong { .. }) => FieldProblem::TooLong { max: 2000 },
                        Some(FieldProblem::ControlCharacters) => FieldProblem::ControlCharacters,
                        _ => FieldProblem::Required,
                    };
                    draft
                        .comment_error
                        .set(Some(problem_text("comment", &problem, i18n.lang())));
                    focus_later("fb-comment".to_owned());
                }
                Err(error) => {
                    draft.form_error.set(Some(match Failure::of(&error) {
                        Failure::Conflict => Msg::FeedbackNotOpen,
                        Failure::NotFound => Msg::TrackNotFound,
                        other => other.msg(),
                    }));
                    focus_later("feedback-error".to_owned());
                }
            }
        });
    };
    let words = move |signal: RwSignal<Option<Msg>>| {
        Signal::derive(move || signal.get().map(|m| m.text(i18n.lang()).to_owned()))
    };
    let settled_radio = move |value: bool, id: &'static str, label: Msg| {
        view! {
            <label class="radio-row" for=id>
                <input
                    type="radio"
                    id=id
                    name="fb-settled"
                    prop:checked=move || draft.settled.get() == Some(value)
                    on:change=move |_| {
                        draft.settled.set(Some(value));
                        draft.settled_error.set(None);
                    }
                />
                <span>{t(label)}</span>
            </label>
        }
    };
    let satisfaction_radios = SATISFACTION
        .iter()
        .map(|&(value, label)| {
            let id = format!("fb-sat-{value}");
            let for_id = id.clone();
            view! {
                <label class="radio-row" for=for_id>
                    <input
                        type="radio"
                        id=id
                        name="fb-satisfaction"
                        prop:checked=move || draft.satisfaction.get() == Some(value)
                        on:change=move |_| {
                            draft.satisfaction.set(Some(value));
                            draft.satisfaction_error.set(None);
                        }
                    />
                    <span>{t(label)}</span>
                </label>
            }
        })
        .collect_view();
    let comment_error = Signal::derive(move || draft.comment_error.get());
    view! {
        <section class="case-card feedback" aria-labelledby="feedback-title">
            <h2 id="feedback-title">{t(Msg::FeedbackTitle)}</h2>
            <p>{t(Msg::FeedbackIntro)}</p>
            <form novalidate on:submit=on_submit>
                <ChoiceGroup id="fb-settled" legend=Msg::SettledLegend error=words(draft.settled_error)>
                    <div class="radio-list">
                        {settled_radio(true, "fb-settled-yes", Msg::SettledYes)}
                        {settled_radio(false, "fb-settled-no", Msg::SettledNo)}
                    </div>
                </ChoiceGroup>
                <ChoiceGroup id="fb-satisfaction" legend=Msg::SatisfactionLegend error=words(draft.satisfaction_error)>
                    <div class="radio-list">{satisfaction_radios}</div>
                </ChoiceGroup>
                <Field id="fb-comment" label=Msg::CommentLabel error=comment_error>
                    <textarea
                        id="fb-comment"
                        rows="4"
                        maxlength="2000"
                        aria-describedby=described_by("fb-comment", false)
                        aria-invalid=move || comment_error.with(Option::is_some).to_string()
                        prop:value=move || draft.comment.get()
                        on:input=move |ev| {
                            draft.comment.set(event_target_value(&ev));
                            draft.comment_error.set(None);
                        }
                    ></textarea>
                </Field>
                <p class="notice error-notice" id="feedback-error" tabindex="-1" role="alert" hidden=move || draft.form_error.with(Option::is_none)>
                    {move || draft.form_error.get().map(|msg| msg.text(i18n.lang()))}
                </p>
                <div class="form-buttons">
                    <button
                        type="submit"
                        class="button primary"
                        disabled=move || draft.busy.get()
                        aria-busy=move || draft.busy.get().to_string()
                    >
                        <Show when=move || draft.busy.get() fallback=t(Msg::FeedbackSubmit)>
                            <span class="spinner" aria-hidden="true"></span>
                            {t(Msg::Submitting)}
                        </Show>
                    </button>
                </div>
            </form>
        </section>
    }
}
