//! Staff record a matter that did not come through the web: a walk-in, a hotline call, a hazard
//! found on grid patrol, a referral from elsewhere. The resident still gets a code and a
//! secret, on a slip printed from the browser.

use crate::api;
use crate::common::directory_state::{category_name, place_name, street_name, use_directory};
use crate::common::field::focus_later;
use crate::common::filing_fields::{filing_field_id, FilingDraft, FilingFields};
use crate::common::form_kit::{settle_filing, FieldErrors, Problem};
use crate::common::photo_picker::PhotoPicker;
use crate::common::photo_uploads::{send_all, PhotoUploads};
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::staff_fields::RadioGroup;
use crate::common::when::format_when;
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{channel_msg, t, use_i18n, Msg};
use crate::staff::district_scope::communities_in_scope;
use crate::staff::risk_factors::{FactorDraft, RiskFactorFields};
use crate::staff::sign_in::use_login;
use accord_shared::case::Channel;
use accord_shared::photos::MAX_PHOTOS_PER_FILING;
use accord_shared::secret::CaseSecret;
use accord_shared::wire::{FiledCase, Me, StaffIntakeRequest};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

const CHANNELS: [(Channel, &str); 4] = [
    (Channel::WalkIn, "walk_in"),
    (Channel::Hotline, "hotline"),
    (Channel::GridPatrol, "grid_patrol"),
    (Channel::ReferralIn, "referral_in"),
];

/// The id of the control for a field the server named.
fn field_id(field: &str) -> Option<&'static str> {
    match field {
        "channel" => Some("i-channel"),
        _ => filing_field_id("i-", field),
    }
}

#[derive(Debug, Clone, Copy)]
struct IntakeDraft {
    channel: RwSignal<Option<Channel>>,
    filing: FilingDraft,
    factors: FactorDraft,
}

impl IntakeDraft {
    fn new() -> Self {
        IntakeDraft {
            channel: RwSignal::new(None),
            filing: FilingDraft::new(String::new()),
            factors: FactorDraft::new(),
        }
    }

    /// The request as it stands, or the id of a factor that is not a whole number.
    fn request(self) -> Result<StaffIntakeRequest, &'static str> {
        let channel = self
            .channel
            .get_untracked()
            .and_then(|c| CHANNELS.iter().find(|(k, _)| *k == c).map(|(_, id)| *id))
            .unwrap_or_default();
        Ok(StaffIntakeRequest {
            channel: channel.to_owned(),
            filing: self.filing.request(),
            risk_factors: self.factors.read()?,
        })
    }
}

#[component]
pub fn IntakePage(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let directory = use_directory();
    let draft = IntakeDraft::new();
    let errors = FieldErrors::new();
    let error = errors.0;
    let form_error = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let key = RwSignal::new(None::<(String, StaffIntakeRequest)>);
    let photos = RwSignal::new(Vec::<crate::common::photo_js::PreparedPhoto>::new());
    let filed = RwSignal::new(None::<FiledCase>);
    let error_of = move |id: &'static str| errors.of(id);
    let changed = Callback::new(move |_| error.set(None));

    // A community the user serves is chosen for them when there is only one.
    let scope = me.scope.clone();
    let communities = Signal::derive(move || match directory.0.get() {
        Some(Ok(dir)) => communities_in_scope(&dir, &scope, i18n.lang()),
        _ => Vec::new(),
    });
    Effect::new(move |_| {
        if let [(_, only)] = communities.get().as_slice() {
            if let [(id, _)] = only.as_slice() {
                if draft.filing.community.get_untracked().is_empty() {
                    draft.filing.community.set(id.clone());
                }
            }
        }
    });
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let first_missing = if draft.channel.get_untracked().is_none() {
            Some("i-channel")
        } else if draft.filing.kind.get_untracked().is_none() {
            Some("i-kind")
        } else {
            None
        };
        if let Some(id) = first_missing {
            error.set(Some((id, Problem::Choose)));
            focus_later(id.to_owned());
            return;
        }
        let request = match draft.request() {
            Ok(request) => request,
            Err(id) => {
                error.set(Some((id, Problem::Number)));
                focus_later(id.to_owned());
                return;
            }
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
        spawn_local(async move {
            let result = api::intake(&idempotency_key, &request).await;
            busy.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            settle_filing(
                result,
                field_id,
                errors,
                form_error,
                "intake-error",
                |case| {
                    // The photos go once the case exists, each with its bar on the slip.
                    let url = crate::api::photos::upload_url(&case.code);
                    let secret = String::new();
                    filed.set(Some(case));
                    spawn_local(async move {
                        let chosen = photos.get_untracked();
                        send_all(&chosen, &url, &secret).await;
                    });
                    focus_later("slip-title".to_owned());
                },
            );
        });
    };

    let record_another = move |_| {
        draft.filing.clear();
        draft.filing.grid.set(String::new());
        draft.channel.set(None);
        draft.factors.fill(&Default::default());
        key.set(None);
        filed.set(None);
        photos.update(|list| {
            list.drain(..)
                .for_each(|p| crate::common::photo_js::discard(&p))
        });
        focus_later("i-channel".to_owned());
    };

    let form = move || {
        view! {
            <p>{t(StaffMsg::IntakeIntro)}</p>
            <form class="intake-form" novalidate on:submit=on_submit>
                <RadioGroup
                    id="i-channel"
                    legend=StaffMsg::ChannelLegend
                    choices=CHANNELS.iter().map(|(c, _)| (*c, Said::from(channel_msg(*c)))).collect()
                    value=draft.channel
                    error=error_of("i-channel")
                    on_change=changed
                />
                <FilingFields draft=draft.filing prefix="i-" errors=errors communities=communities name_help=StaffMsg::ApplicantHelp />
                <PhotoPicker photos=photos max=MAX_PHOTOS_PER_FILING id="i-photos" />
                <fieldset class="field factor-group">
                    <legend>{t(StaffMsg::RiskFactorsTitle)}</legend>
                    <RiskFactorFields
                        draft=draft.factors
                        error=Signal::derive(move || error.get().map(|(id, p)| (id, p.text(i18n.lang()).to_owned())))
                    />
                </fieldset>
                <p class="notice error-notice" id="intake-error" tabindex="-1" role="alert" hidden=move || form_error.with(Option::is_none)>
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

    let recorder = me.display_name.clone();
    let slip = move |case: FiledCase| {
        let lang = i18n.lang();
        let dir = directory.0.get().and_then(Result::ok);
        let (street, category, place) = match &dir {
            Some(dir) => (
                dir.community(&case.case.community)
                    .map(|c| street_name(dir, &c.street, lang))
                    .unwrap_or_default(),
                category_name(dir, &case.case.category, lang),
                place_name(dir, &case.case.community, &case.case.grid, lang),
            ),
            None => (
                String::new(),
                case.case.category.clone(),
                case.case.community.clone(),
            ),
        };
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
        let channel = draft
            .channel
            .get_untracked()
            .map(|c| channel_msg(c).text(lang))
            .unwrap_or_default();
        view! {
            <section class="slip" aria-labelledby="slip-title">
                <p class="slip-street">{street}</p>
                <h2 id="slip-title" tabindex="-1">{t(StaffMsg::SlipTitle)}</h2>
                <p>{t(StaffMsg::SlipIntro)}</p>
                <dl class="facts slip-facts">
                    <dt>{t(Msg::CaseCodeLabel)}</dt>
                    <dd class="credential-value code mono">{case.code.clone()}</dd>
                    <dt>{t(Msg::SecretLabel)}</dt>
                    {secret_view}
                    <dt>{t(Msg::CategoryLabel)}</dt>
                    <dd>{category}</dd>
                    <dt>{t(Msg::PlaceLabel)}</dt>
                    <dd>{place}</dd>
                    <dt>{t(StaffMsg::DetailChannel)}</dt>
                    <dd>{channel}</dd>
                    <dt>{t(Msg::FiledAtLabel)}</dt>
                    <dd>{format_when(case.case.filed_at, lang)}</dd>
                    <dt>{t(StaffMsg::DetailRecordedBy)}</dt>
                    <dd>{recorder.clone()}</dd>
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
        <h1 tabindex="-1">{t(StaffMsg::IntakeTitle)}</h1>
        {move || match filed.get() {
            Some(case) => slip(case).into_any(),
            None => form().into_any(),
        }}
    }
}
