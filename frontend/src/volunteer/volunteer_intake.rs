//! A volunteer records a matter for a resident of the link's community; the resident gets a
//! code and a secret, shown large to write down or print.

use crate::api;
use crate::api::volunteer::{self, RecordedCase};
use crate::common::field::focus_later;
use crate::common::filing_fields::{filing_field_id, FilingDraft, FilingFields};
use crate::common::form_kit::{settle_filing, FieldErrors, Problem};
use crate::common::photo_picker::PhotoPicker;
use crate::common::photo_uploads::{send_all, PhotoUploads};
use crate::common::signed_out::EndsOnUnauthorized;
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{t, use_i18n, Msg};
use crate::volunteer::volunteer_link::use_link;
use accord_shared::photos::MAX_PHOTOS_PER_FILING;
use accord_shared::secret::CaseSecret;
use accord_shared::wire::FileCaseRequest;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The id of the control for a field the server named (the community is the link's, not a
/// control).
fn field_id(field: &str) -> Option<&'static str> {
    filing_field_id("w-", field).filter(|_| field != "community")
}

#[component]
pub fn VolunteerIntake(community: String) -> impl IntoView {
    let i18n = use_i18n();
    let link = use_link();
    let draft = FilingDraft::new(community);
    let errors = FieldErrors::new();
    let error = errors.0;
    let form_error = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let key = RwSignal::new(None::<(String, FileCaseRequest)>);
    let photos = RwSignal::new(Vec::<crate::common::photo_js::PreparedPhoto>::new());
    let recorded = RwSignal::new(None::<RecordedCase>);

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if draft.kind.get_untracked().is_none() {
            error.set(Some(("w-kind", Problem::Choose)));
            focus_later("w-kind".to_owned());
            return;
        }
        let request = draft.request();
        // The same key while the form is unchanged: a retry never records the matter twice.
        let idempotency_key = match key.get_untracked() {
            Some((k, made_for)) if made_for == request => k,
            _ => {
                let k = api::new_idempotency_key();
                key.set(Some((k.clone(), request.clone())));
                k
            }
        };
        error.set(None);
        form_error.set(None);
        busy.set(true);
        let token = link.token();
        spawn_local(async move {
            let result = volunteer::intake(&token, &idempotency_key, &request).await;
            busy.set(false);
            let Some(result) = link.unless_ended(result) else {
                return;
            };
            settle_filing(result, field_id, errors, form_error, "w-error", |case| {
                // The photos go once the case exists, each with its bar on the slip.
                let url = format!(
                    "/api/cases/{}/photos",
                    accord_shared::wire::encode_component(&case.code)
                );
                let secret = case.secret.clone().unwrap_or_default();
                recorded.set(Some(case));
                spawn_local(async move {
                    let chosen = photos.get_untracked();
                    send_all(&chosen, &url, &secret).await;
                });
                focus_later("recorded-title".to_owned());
            });
        });
    };

    let record_another = move |_| {
        draft.clear();
        key.set(None);
        recorded.set(None);
        photos.update(|list| {
            list.drain(..)
                .for_each(|p| crate::common::photo_js::discard(&p))
        });
        focus_later("w-kind".to_owned());
    };

    let form = move || {
        view! {
            <form class="intake-form" novalidate on:submit=on_submit>
                <FilingFields draft=draft prefix="w-" errors=errors />
                <PhotoPicker photos=photos max=MAX_PHOTOS_PER_FILING id="w-photos" />
                <p class="notice error-notice" id="w-error" tabindex="-1" role="alert" hidden=move || form_error.with(Option::is_none)>
                    {move || form_error.get().map(|said| said.text(i18n.lang()))}
                </p>
                <div class="action-bar">
                    <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                        {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                        {t(StaffMsg::IntakeSubmit)}
                    </button>
                </div>
            </form>
        }
    };

    let slip = move |case: RecordedCase| {
        let secret = case.secret.as_deref().map(|raw| {
            CaseSecret::parse(raw).map_or_else(|| raw.to_owned(), |s| s.display_grouped())
        });
        let secret_view = match secret {
            Some(secret) => {
                view! { <dd class="credential-value secret mono">{secret}</dd> }.into_any()
            }
            None => view! { <dd>{t(Msg::SecretUnavailable)}</dd> }.into_any(),
        };
        let origin = window().location().origin().unwrap_or_default();
        view! {
            <section class="slip" aria-labelledby="recorded-title">
                <h2 id="recorded-title" tabindex="-1">{t(StaffMsg::VolFiledTitle)}</h2>
                <p>{t(StaffMsg::SlipIntro)}</p>
                <dl class="facts slip-facts">
                    <dt>{t(Msg::CaseCodeLabel)}</dt>
                    <dd class="credential-value code mono">{case.code.clone()}</dd>
                    <dt>{t(Msg::SecretLabel)}</dt>
                    {secret_view}
                    <dt>{t(StaffMsg::SlipTrackAt)}</dt>
                    <dd class="mono">{format!("{origin}/track")}</dd>
                </dl>
                <p class="notice warning-notice">{t(Msg::KeepWarning)}</p>
            </section>
            <PhotoUploads photos=photos />
            <div class="form-buttons no-print">
                <button type="button" class="button primary" on:click=move |_| { let _ = window().print(); }>
                    {t(StaffMsg::PrintSlip)}
                </button>
                <button type="button" class="button secondary" on:click=record_another>
                    {t(StaffMsg::RecordAnother)}
                </button>
            </div>
        }
    };

    view! {
        <h2>{t(StaffMsg::VolIntakeTitle)}</h2>
        {move || match recorded.get() {
            Some(case) => slip(case).into_any(),
            None => form().into_any(),
        }}
    }
}
