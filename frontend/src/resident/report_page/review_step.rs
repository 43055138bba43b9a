//! Step 5: everything at a glance with an Edit link per section, then Send.

use super::draft::{use_draft, Draft};
use super::kind_step::chosen_kind;
use super::steps::{go_to_step, step_title};
use super::wizard::{server_field_error, step_errors, Step};
use crate::api::{self, ApiError};
use crate::common::directory_state::{category_name, place_name};
use crate::common::field::{field_id, focus_later};
use crate::common::form_kit::Failure;
use crate::common::photo_uploads::PhotoUploads;
use crate::i18n::{kind_msg, t, use_i18n, Msg};
use crate::resident::waiting_filings::{show_filed, use_waiting_filings, WaitingFilings};
use accord_shared::directory::Directory;
use accord_shared::offline::{after_send, AfterSend};
use accord_shared::wire::FileCaseRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Sends the filing once: the button is disabled until the answer comes. Without signal (or
/// when the answer does not come) it is kept on the phone with its key and sent when the
/// connection returns (`waiting_filings`).
fn submit(draft: Draft, dir: StoredValue<Directory>, waiting: WaitingFilings) {
    if draft.submitting.get_untracked() {
        return;
    }
    let request = draft.request();
    let errors = dir.with_value(|dir| step_errors(Step::Review, &request, dir));
    if let Some(first) = errors.first() {
        let field = first.field;
        draft.errors.set(errors);
        super::steps::go_to_step(draft, Step::of_field(field));
        focus_later(field_id(field));
        return;
    }
    let key = draft.idempotency_key();
    draft.submit_error.set(None);
    let keep = move |key: &str, request: &FileCaseRequest| {
        if !waiting.keep(key, request) {
            draft.submit_error.set(Some(Msg::NetworkError));
            focus_later("submit-error".to_owned());
        }
    };
    if !window().navigator().on_line() {
        return keep(&key, &request);
    }
    draft.submitting.set(true);
    spawn_local(async move {
        let result = api::file_case(&key, &request).await;
        draft.submitting.set(false);
        let status = match &result {
            Err(ApiError::Status { status, .. }) => Some(*status),
            Err(_) => None,
            Ok(_) => Some(200),
        };
        match result {
            Ok(filed) => show_filed(draft, filed).await,
            Err(_) if after_send(status) == AfterSend::TryLater => keep(&key, &request),
            Err(ApiError::Status {
                status: 422,
                field: Some(field),
                code,
            }) if server_field_error(&field, &code).is_some() => {
                if let Some(error) = server_field_error(&field, &code) {
                    let field = error.field;
                    draft.errors.set(vec![error]);
                    super::steps::go_to_step(draft, Step::of_field(field));
                    focus_later(field_id(field));
                }
            }
            Err(error) => {
                draft.submit_error.set(Some(Failure::of(&error).msg()));
                focus_later("submit-error".to_owned());
            }
        }
    });
}

#[component]
pub fn ReviewStep(dir: StoredValue<Directory>) -> impl IntoView {
    let draft = use_draft();
    let waiting = use_waiting_filings();
    let i18n = use_i18n();
    let section = move |step: Step, rows: Vec<(Msg, Box<dyn Fn() -> String + Send + Sync>)>| {
        let rows = rows
            .into_iter()
            .map(|(label, value)| {
                view! {
                    <dt>{t(label)}</dt>
                    <dd>{value}</dd>
                }
            })
            .collect_view();
        view! {
            <section class="review-section">
                <div class="review-head">
                    <h3>{t(step_title(step))}</h3>
                    <button
                        type="button"
                        class="link-button"
                        on:click=move |_| go_to_step(draft, step)
                    >
                        {t(Msg::Edit)}
                        <span class="visually-hidden">
                            " " {t(step_title(step))}
                        </span>
                    </button>
                </div>
                <dl class="review-list">{rows}</dl>
            </section>
        }
    };
    let or_not_given = move |value: String| {
        if value.trim().is_empty() {
            Msg::NotGiven.text(i18n.lang()).to_owned()
        } else {
            value
        }
    };
    let kind_text = move || {
        chosen_kind(&draft.kind.get())
            .map(|kind| kind_msg(kind).text(i18n.lang()).to_owned())
            .unwrap_or_default()
    };
    let category_text =
        move || dir.with_value(|dir| category_name(dir, &draft.category.get(), i18n.lang()));
    let place_text = move || {
        dir.with_value(|dir| {
            place_name(dir, &draft.community.get(), &draft.grid.get(), i18n.lang())
        })
    };
    let mut what_rows: Vec<(Msg, Box<dyn Fn() -> String + Send + Sync>)> = vec![(
        Msg::DescriptionLabel,
        Box::new(move || draft.description.get()),
    )];
    if draft.kind.get_untracked() == "dispute" {
        what_rows.push((
            Msg::RespondentLabel,
            Box::new(move || or_not_given(draft.respondent_name.get())),
        ));
        what_rows.push((
            Msg::ConflictSinceShort,
            Box::new(move || or_not_given(draft.conflict_since.get())),
        ));
    }
    what_rows.push((
        Msg::PhotosShort,
        Box::new(move || {
            or_not_given(match draft.photos.with(Vec::len) {
                0 => String::new(),
                n => n.to_string(),
            })
        }),
    ));
    let submitting = draft.submitting;
    view! {
        <p>{t(Msg::ReviewIntro)}</p>
        {section(
            Step::Kind,
            vec![(Msg::DetailKind, Box::new(kind_text)), (Msg::CategoryLabel, Box::new(category_text))],
        )}
        {section(Step::What, what_rows)}
        {section(
            Step::Where,
            vec![
                (Msg::PlaceLabel, Box::new(place_text)),
                (Msg::AddressLabel, Box::new(move || draft.address.get())),
                (Msg::LocationLabel, Box::new(move || {
                    let (lat, lon) = (draft.lat.get(), draft.lon.get());
                    or_not_given(if lat.is_empty() && lon.is_empty() { String::new() } else { format!("{lat}, {lon}") })
                })),
            ],
        )}
        {section(
            Step::Contact,
            vec![
                (Msg::NameLabel, Box::new(move || draft.name.get())),
                (Msg::PhoneLabel, Box::new(move || draft.phone.get())),
            ],
        )}
        <p class="notice error-notice" id="submit-error" tabindex="-1" role="alert" hidden=move || draft.submit_error.with(Option::is_none)>
            {move || draft.submit_error.get().map(|msg| msg.text(i18n.lang()))}
        </p>
        <PhotoUploads photos=draft.photos />
        <p class="loading" role="status" hidden=move || !draft.sending_photos.get()>
            <span class="spinner" aria-hidden="true"></span>
            {t(Msg::PhotosSending)}
        </p>
        <Show when=move || draft.photos_failed.get()>
            <p class="notice error-notice" id="photos-failed" tabindex="-1" role="alert">
                {t(Msg::PhotosFailedNotice)}
            </p>
            <button
                type="button"
                class="button primary"
                on:click=move |_| {
                    draft.reset();
                    let _ = window().location().assign("/track");
                }
            >
                {t(Msg::Continue)}
            </button>
        </Show>
        <div class="action-bar" hidden=move || draft.photos_failed.get()>
            <button
                type="button"
                class="button secondary"
                on:click=move |_| go_to_step(draft, Step::Contact)
            >
                {t(Msg::Back)}
            </button>
            <button
                type="button"
                class="button primary"
                disabled=move || submitting.get() || draft.sending_photos.get()
                aria-busy=move || submitting.get().to_string()
                on:click=move |_| submit(draft, dir, waiting)
            >
                <Show when=move || submitting.get() fallback=t(Msg::Submit)>
                    <span class="spinner" aria-hidden="true"></span>
                    {t(Msg::Submitting)}
                </Show>
            </button>
        </div>
    }
}
