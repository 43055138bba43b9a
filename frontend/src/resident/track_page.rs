//! Following a case with its code and secret: the status and the public history.

pub mod feedback;
pub mod track_agreement;
pub mod track_push;

use self::feedback::{FeedbackDraft, FeedbackForm};
use self::track_agreement::TrackAgreement;
use self::track_push::TrackPush;
use crate::api;
use crate::common::directory_state::{category_name, place_name, use_directory};
use crate::common::field::{described_by, focus_later, Field};
use crate::common::form_kit::Failure;
use crate::common::stage_clock::StageClockView;
use crate::common::status_chip::StatusChip;
use crate::common::timeline::{Timeline, TimelineEntry};
use crate::common::when::format_when;
use crate::i18n::party::PartyMsg;
use crate::i18n::{outcome_msg, referral_msg, t, use_i18n, Msg};
use crate::resident::session_track::TrackSessions;
use accord_shared::code::CaseCode;
use accord_shared::secret::CaseSecret;
use accord_shared::wire::{PublicCase, TrackRequest};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the resident typed, checked before asking the server.
fn parse_credentials(code: &str, secret: &str) -> Result<TrackRequest, (Option<Msg>, Option<Msg>)> {
    let code = code.parse::<CaseCode>().ok();
    // The canonical secret: the grouped form without its dashes.
    let secret = CaseSecret::parse(secret).map(|s| s.display_grouped().replace('-', ""));
    match (code, secret) {
        (Some(code), Some(secret)) => Ok(TrackRequest {
            code: code.to_string(),
            secret,
        }),
        (code, secret) => Err((
            code.is_none().then_some(Msg::CodeInvalid),
            secret.is_none().then_some(Msg::SecretInvalid),
        )),
    }
}

/// The case code a notification's link carries (`?code=…`), if it is one.
fn code_in_link() -> Option<String> {
    let search = window().location().search().ok()?;
    let value = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("code="))?;
    value.parse::<CaseCode>().ok().map(|code| code.to_string())
}

#[component]
pub fn TrackPage(
    /// A code and secret handed over by the screen shown after filing: looked up at once.
    handed: Option<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let code = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let code_error = RwSignal::new(None::<Msg>);
    let secret_error = RwSignal::new(None::<Msg>);
    let form_error = RwSignal::new(None::<Msg>);
    let loading = RwSignal::new(false);
    let found = RwSignal::new(None::<PublicCase>);
    // The code and secret of the case shown, in memory only, for the feedback form.
    let credentials = RwSignal::new(None::<TrackRequest>);
    let feedback = FeedbackDraft::new();

    let look_up = move || {
        if loading.get_untracked() {
            return;
        }
        form_error.set(None);
        let request = match parse_credentials(&code.get_untracked(), &secret.get_untracked()) {
            Ok(request) => request,
            Err((bad_code, bad_secret)) => {
                code_error.set(bad_code);
                secret_error.set(bad_secret);
                focus_later(
                    if bad_code.is_some() {
                        "f-code"
                    } else {
                        "f-secret"
                    }
                    .to_owned(),
                );
                return;
            }
        };
        code_error.set(None);
        secret_error.set(None);
        loading.set(true);
        spawn_local(async move {
            let result = api::track(&request).await;
            loading.set(false);
            match result {
                Ok(case) => {
                    feedback.thanked.set(false);
                    credentials.set(Some(request));
                    found.set(Some(case));
                    focus_later("track-result".to_owned());
                }
                Err(error) => {
                    found.set(None);
                    credentials.set(None);
                    form_error.set(Some(match Failure::of(&error) {
                        Failure::NotFound => Msg::TrackNotFound,
                        other => other.msg(),
                    }));
                    focus_later("track-error".to_owned());
                }
            }
        });
    };

    // Arriving from a notification (`/track?code=…`): a case remembered on this phone opens
    // at once, else its code is filled in for the secret to be typed.
    let from_link = handed.is_none().then(code_in_link).flatten();
    if let Some(linked) = from_link {
        match crate::resident::remembered::remembered()
            .into_iter()
            .find(|case| case.code == linked)
        {
            Some(case) => {
                code.set(case.code);
                secret.set(case.secret);
                look_up();
            }
            None => {
                code.set(linked);
                focus_later("f-secret".to_owned());
            }
        }
    }

    // Arriving from the filing screen: the code and secret are handed over and looked up.
    if let Some((handed_code, handed_secret)) = handed {
        code.set(handed_code);
        // A retried filing gets no secret back: the resident types the one they kept.
        if !handed_secret.is_empty() {
            secret.set(handed_secret);
            look_up();
        }
    }

    let message = move |signal: RwSignal<Option<Msg>>| {
        Signal::derive(move || signal.get().map(|msg| msg.text(i18n.lang()).to_owned()))
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        look_up();
    };
    let result = move || {
        let case = found.get()?;
        let lang = i18n.lang();
        let (category, place) = match directory.0.get() {
            Some(Ok(dir)) => (
                category_name(&dir, &case.category, lang),
                place_name(&dir, &case.community, &case.grid, lang),
            ),
            _ => (
                case.category.clone(),
                format!("{} · {}", case.community, case.grid),
            ),
        };
        let entries: Vec<TimelineEntry> = case.timeline.iter().map(TimelineEntry::from).collect();
        let clock = case.clock.map(|clock| {
            view! {
                <dt>{t(Msg::ClockLabel)}</dt>
                <dd><StageClockView clock=clock with_stage=true /></dd>
            }
        });
        let outcome = case.outcome.map(|outcome| {
            view! {
                <dt>{t(Msg::OutcomeLabel)}</dt>
                <dd>{t(outcome_msg(outcome))}</dd>
            }
        });
        let referral = case.referral.clone().map(|referral| {
            view! {
                <div class="notice outcome-notice">
                    <p>{t(Msg::ReferralExplain)}</p>
                    <dl class="facts">
                        <dt>{t(Msg::ReferralLabel)}</dt>
                        <dd>{t(referral_msg(referral.target))}</dd>
                        <dt>{t(Msg::ReceivingBodyLabel)}</dt>
                        <dd>{referral.receiving_body}</dd>
                    </dl>
                </div>
            }
        });
        let rejection = case.rejection.clone().map(|rejection| {
            view! {
                <div class="notice warning-notice">
                    <dl class="facts">
                        <dt>{t(Msg::RejectionLabel)}</dt>
                        <dd>{rejection.reason}</dd>
                        <dt>{t(Msg::RedirectLabel)}</dt>
                        <dd><strong>{rejection.redirect_to}</strong></dd>
                    </dl>
                </div>
            }
        });
        let form = match (case.feedback_open, credentials.get_untracked()) {
            (true, Some(credentials)) if !feedback.thanked.get() => Some(
                view! { <FeedbackForm draft=feedback credentials=credentials found=found /> }
                    .into_any(),
            ),
            _ => None,
        };
        let thanks = feedback.thanked.get().then(|| {
            view! {
                <p class="notice success-notice" id="feedback-thanks" tabindex="-1" role="status">
                    {t(Msg::FeedbackThanks)}
                </p>
            }
        });
        let push = credentials
            .get_untracked()
            .map(|credentials| view! { <TrackPush credentials=credentials /> });
        let sessions = view! { <TrackSessions sessions=case.sessions.clone() /> };
        let agreement = case
            .agreement
            .clone()
            .map(|agreement| view! { <TrackAgreement agreement=agreement /> });
        Some(view! {
            <section class="case-card" id="track-result" tabindex="-1" aria-labelledby="track-result-title">
                <h2 id="track-result-title" class="mono">{case.code.clone()}</h2>
                <dl class="facts">
                    <dt>{t(Msg::StatusLabel)}</dt>
                    <dd><StatusChip status=case.status /></dd>
                    <dt>{t(Msg::CategoryLabel)}</dt>
                    <dd>{category}</dd>
                    <dt>{t(Msg::PlaceLabel)}</dt>
                    <dd>{place}</dd>
                    {clock}
                    {outcome}
                    <dt>{t(Msg::FiledAtLabel)}</dt>
                    <dd>{format_when(case.filed_at, lang)}</dd>
                </dl>
                {rejection}
                {referral}
                {thanks}
                {form}
                {push}
                <h3>{t(Msg::HistoryTitle)}</h3>
                <Timeline entries=entries />
            </section>
            {agreement}
            {sessions}
        })
    };

    // Cases the resident chose to remember on this phone open with one tap.
    let remembered_cases = RwSignal::new(crate::resident::remembered::remembered());
    let open_remembered = move |case: crate::resident::remembered::RememberedCase| {
        code.set(case.code);
        secret.set(case.secret);
        code_error.set(None);
        secret_error.set(None);
        look_up();
    };
    let remembered_list = move || {
        let cases = remembered_cases.get();
        (!cases.is_empty()).then(|| {
            let items = cases
                .into_iter()
                .map(|case| {
                    let shown = case.code.clone();
                    let forget_code = case.code.clone();
                    let open_label = format!("{} {}", t(Msg::OpenRemembered)(), shown);
                    let forget_label = format!("{} {}", t(Msg::ForgetRemembered)(), shown);
                    view! {
                        <li class="remembered-item">
                            <span class="mono">{shown}</span>
                            <button
                                type="button"
                                class="button secondary"
                                aria-label=open_label
                                on:click=move |_| open_remembered(case.clone())
                            >
                                {t(Msg::OpenRemembered)}
                            </button>
                            <button
                                type="button"
                                class="link-button"
                                aria-label=forget_label
                                on:click=move |_| {
                                    crate::resident::remembered::forget(&forget_code);
                                    remembered_cases.set(crate::resident::remembered::remembered());
                                }
                            >
                                {t(Msg::ForgetRemembered)}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="remembered" aria-labelledby="remembered-title">
                    <h2 id="remembered-title">{t(Msg::RememberedTitle)}</h2>
                    <ul class="remembered-list">{items}</ul>
                </section>
            }
        })
    };

    // A lost secret: the street offices' phones, from the directory.
    let offices = move || {
        let lang = i18n.lang();
        let Some(Ok(dir)) = directory.0.get() else {
            return None;
        };
        let lines = dir
            .streets
            .iter()
            .filter_map(|street| {
                let phone = street.phone.clone()?;
                let tel = format!("tel:{}", phone.replace('-', ""));
                Some(view! {
                    <li>{lang.pick(&street.name)} " " <a href=tel class="phone-link">{phone}</a></li>
                })
            })
            .collect::<Vec<_>>();
        (!lines.is_empty()).then(|| {
            view! {
                // Not a labelled region: its heading would name it "… secret", beside the field.
                <div class="lost-secret">
                    <h2>{t(PartyMsg::LostSecretTitle)}</h2>
                    <p>{t(PartyMsg::LostSecretBody)}</p>
                    <ul class="office-phones">{lines}</ul>
                </div>
            }
        })
    };
    view! {
        <h1 tabindex="-1">{t(Msg::TrackTitle)}</h1>
        {remembered_list}
        <p>{t(Msg::TrackIntro)}</p>
        <form class="track-form" novalidate on:submit=on_submit>
            <Field id="f-code" label=Msg::CaseCodeLabel help=Msg::CodeHelp error=message(code_error)>
                <input
                    id="f-code"
                    type="text"
                    class="mono"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    aria-describedby=described_by("f-code", true)
                    aria-invalid=move || code_error.with(Option::is_some).to_string()
                    prop:value=move || code.get()
                    on:input=move |ev| {
                        code.set(event_target_value(&ev));
                        code_error.set(None);
                    }
                />
            </Field>
            <Field id="f-secret" label=Msg::SecretLabel help=Msg::SecretHelp error=message(secret_error)>
                <input
                    id="f-secret"
                    type="text"
                    class="mono"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    aria-describedby=described_by("f-secret", true)
                    aria-invalid=move || secret_error.with(Option::is_some).to_string()
                    prop:value=move || secret.get()
                    on:input=move |ev| {
                        secret.set(event_target_value(&ev));
                        secret_error.set(None);
                    }
                />
            </Field>
            <p class="notice error-notice" id="track-error" tabindex="-1" role="alert" hidden=move || form_error.with(Option::is_none)>
                {move || form_error.get().map(|msg| msg.text(i18n.lang()))}
            </p>
            <div class="action-bar">
                <button
                    type="submit"
                    class="button primary"
                    disabled=move || loading.get()
                    aria-busy=move || loading.get().to_string()
                >
                    <Show when=move || loading.get() fallback=t(Msg::TrackSubmit)>
                        <span class="spinner" aria-hidden="true"></span>
                        {t(Msg::TrackLoading)}
                    </Show>
                </button>
            </div>
        </form>
        {result}
        {offices}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_credentials_are_sent_in_canonical_form() {
        let secret = "abcd-efgh-jkmn-pqrs-tvwx-yz01-2345-6789";
        let request = parse_credentials(" zh07 2026 0123 ", secret).unwrap();
        assert_eq!(request.code, "ZH07-2026-0123");
        assert_eq!(request.secret, "ABCDEFGHJKMNPQRSTVWXYZ0123456789");
    }

    #[test]
    fn bad_credentials_say_which_one_is_wrong() {
        assert_eq!(
            parse_credentials("nonsense", "short").unwrap_err(),
            (Some(Msg::CodeInvalid), Some(Msg::SecretInvalid))
        );
        assert_eq!(
            parse_credentials("ZH07-2026-0123", "short").unwrap_err(),
            (None, Some(Msg::SecretInvalid))
        );
    }
}
