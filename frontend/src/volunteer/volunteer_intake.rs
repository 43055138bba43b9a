//! A volunteer records a matter for a resident of the link's community; the resident gets a
//! code and a secret, shown large to write down or print.

use crate::api::volunteer::{self, RecordedCase};
use crate::api::{self, ApiError};
use crate::common::directory_state::use_directory;
use crate::common::field::focus_later;
use crate::common::form_kit::{failure_said, FieldErrors, Problem};
use crate::common::staff_fields::{InputKind, RadioGroup, Select, TextArea, TextInput};
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{t, use_i18n, Msg};
use crate::volunteer::volunteer_link::use_link;
use accord_shared::directory::CaseKind;
use accord_shared::secret::CaseSecret;
use accord_shared::wire::FileCaseRequest;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn field_id(field: &str) -> Option<&'static str> {
    Some(match field {
        "kind" => "w-kind",
        "category" => "w-category",
        "description" => "w-description",
        "conflict_since" => "w-conflict_since",
        "respondent_name" => "w-respondent_name",
        "grid" => "w-grid",
        "address" => "w-address",
        "name" => "w-name",
        "phone" => "w-phone",
        _ => return None,
    })
}

#[component]
pub fn VolunteerIntake(community: String) -> impl IntoView {
    let i18n = use_i18n();
    let link = use_link();
    let directory = use_directory();
    let kind = RwSignal::new(None::<&'static str>);
    let category = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let conflict_since = RwSignal::new(String::new());
    let respondent = RwSignal::new(String::new());
    let grid = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let errors = FieldErrors::new();
    let error = errors.0;
    let form_error = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let key = RwSignal::new(None::<(String, FileCaseRequest)>);
    let recorded = RwSignal::new(None::<RecordedCase>);
    let error_of = move |id: &'static str| errors.of(id);
    let changed = Callback::new(move |_| error.set(None));
    let community = StoredValue::new(community);
    let categories = Signal::derive(move || {
        let lang = i18n.lang();
        let wanted = match kind.get() {
            Some("dispute") => CaseKind::Dispute,
            Some(_) => CaseKind::Hazard,
            None => return Vec::new(),
        };
        match directory.0.get() {
            Some(Ok(dir)) => dir
                .categories_of(wanted)
                .map(|c| (c.id.clone(), lang.pick(&c.name)))
                .collect(),
            _ => Vec::new(),
        }
    });
    let grids = Signal::derive(move || {
        let lang = i18n.lang();
        match directory.0.get() {
            Some(Ok(dir)) => community.with_value(|id| {
                dir.community(id)
                    .map(|c| {
                        c.grids
                            .iter()
                            .map(|g| (g.id.clone(), lang.pick(&g.name)))
                            .collect()
                    })
                    .unwrap_or_default()
            }),
            _ => Vec::new(),
        }
    });

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(chosen_kind) = kind.get_untracked() else {
            error.set(Some(("w-kind", Problem::Choose)));
            focus_later("w-kind".to_owned());
            return;
        };
        let dispute = chosen_kind == "dispute";
        let text = |s: RwSignal<String>| s.get_untracked().trim().to_owned();
        let request = FileCaseRequest {
            kind: chosen_kind.to_owned(),
            category: text(category),
            description: text(description),
            respondent_name: Some(text(respondent)).filter(|n| dispute && !n.is_empty()),
            community: community.get_value(),
            grid: text(grid),
            address: text(address),
            name: text(name),
            phone: text(phone),
            conflict_since: Some(text(conflict_since)).filter(|s| dispute && !s.is_empty()),
        };
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
            match result {
                Ok(case) => {
                    recorded.set(Some(case));
                    focus_later("recorded-title".to_owned());
                }
                Err(failure) if failure.is_unauthorized() => link.ended(),
                Err(ApiError::Status {
                    status: 422,
                    field: Some(field),
                    code,
                }) if field_id(&field).is_some() => {
                    let id = field_id(&field).unwrap_or_default();
                    errors.from_api(id, &code, &field);
                    focus_later(id.to_owned());
                }
                Err(failure) => {
                    form_error.set(Some(failure_said(&failure)));
                    focus_later("w-error".to_owned());
                }
            }
        });
    };

    let record_another = move |_| {
        for field in [
            category,
            description,
            conflict_since,
            respondent,
            address,
            name,
            phone,
        ] {
            field.set(String::new());
        }
        kind.set(None);
        key.set(None);
        recorded.set(None);
        focus_later("w-kind".to_owned());
    };

    let form = move || {
        view! {
            <form class="intake-form" novalidate on:submit=on_submit>
                <RadioGroup
                    id="w-kind"
                    legend=Msg::KindLegend
                    choices=vec![("dispute", Msg::KindDispute.into()), ("hazard", Msg::KindHazard.into())]
                    value=kind
                    error=error_of("w-kind")
                    on_change=Callback::new(move |_| {
                        category.set(String::new());
                        error.set(None);
                    })
                />
                <Select id="w-category" label=Msg::CategoryLabel value=category options=categories error=error_of("w-category") placeholder=Msg::ChooseOne on_change=changed />
                <TextArea id="w-description" label=Msg::DescriptionLabel help=Msg::DescriptionHelp value=description error=error_of("w-description") rows=5 on_change=changed />
                <Show when=move || kind.get() == Some("dispute")>
                    <TextInput id="w-conflict_since" label=Msg::ConflictSinceLabel help=Msg::ConflictSinceHelp value=conflict_since error=error_of("w-conflict_since") kind=InputKind::Month on_change=changed />
                    <TextInput id="w-respondent_name" label=Msg::RespondentLabel value=respondent error=error_of("w-respondent_name") on_change=changed />
                </Show>
                <Select id="w-grid" label=Msg::GridLabel value=grid options=grids error=error_of("w-grid") placeholder=Msg::ChooseOne on_change=changed />
                <TextInput id="w-address" label=Msg::AddressLabel help=Msg::AddressHelp value=address error=error_of("w-address") on_change=changed />
                <TextInput id="w-name" label=StaffMsg::ApplicantName value=name error=error_of("w-name") on_change=changed />
                <TextInput id="w-phone" label=StaffMsg::ApplicantPhone help=Msg::PhoneHelp value=phone error=error_of("w-phone") kind=InputKind::Tel on_change=changed />
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
