//! Volunteer links: a coordinator or mediator issues a temporary link (shown once, with a QR
//! code) that lets a community volunteer record matters and return visits; links can be
//! revoked at once.

use crate::api::volunteer::{self, IssueRequest, IssuedLink, VolunteerLink};
use crate::api::ApiError;
use crate::common::clipboard::copy_text;
use crate::common::directory_state::use_directory;
use crate::common::field::focus_later;
use crate::common::form_kit::failure_said;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::staff_fields::{CheckBox, InputKind, Select, TextInput};
use crate::common::toast::use_toasts;
use crate::common::when::format_when;
use crate::i18n::staff::{Said, StaffMsg, StaffX};
use crate::i18n::{t, use_i18n, Msg};
use crate::staff::district_scope::{communities_in_scope, spans_streets};
use crate::staff::qr_code::QrCodeImage;
use crate::staff::sign_in::use_login;
use accord_shared::wire::Me;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
mod link_card;
use link_card::LinkCard;

/// The volunteer's address: the token rides in the fragment, which browsers never send.
pub fn volunteer_url(origin: &str, token: &str) -> String {
    format!("{origin}/v#{token}")
}

/// Case codes as typed: separated by spaces, commas or the Chinese comma, upper-cased.
pub fn parse_codes(raw: &str) -> Vec<String> {
    raw.split(|c: char| c.is_whitespace() || c == ',' || c == '，' || c == '、')
        .filter(|code| !code.is_empty())
        .map(|code| code.to_ascii_uppercase())
        .collect()
}

fn field_id(field: &str) -> &'static str {
    match field {
        "name" => "v-name",
        "community" => "v-community",
        "follow_up_cases" => "v-cases",
        "valid_hours" => "v-hours",
        _ => "v-intake",
    }
}

#[component]
pub fn VolunteersPage(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let directory = use_directory();
    let toasts = use_toasts();
    let links = RwSignal::new(None::<Result<Vec<VolunteerLink>, ApiError>>);
    let load = move || {
        spawn_local(async move {
            let result = volunteer::links().await;
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            links.set(Some(result));
        });
    };
    load();

    let name = RwSignal::new(String::new());
    let community = RwSignal::new(String::new());
    let intake = RwSignal::new(true);
    let codes = RwSignal::new(String::new());
    let hours = RwSignal::new("48".to_owned());
    let error = RwSignal::new(None::<(&'static str, Said)>);
    let form_error = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let issued = RwSignal::new(None::<IssuedLink>);
    let error_of = move |id: &'static str| {
        Signal::derive(move || {
            error
                .get()
                .filter(|(at, _)| *at == id)
                .map(|(_, said)| said.text(i18n.lang()).to_owned())
        })
    };
    let changed = Callback::new(move |_| error.set(None));
    let scope = me.scope.clone();
    let reader_scope = me.scope.clone();
    // Each link names its community's street too when the reader's communities lie in more
    // than one street.
    let with_street = Signal::derive(move || {
        directory
            .0
            .with(|dir| matches!(dir, Some(Ok(dir)) if spans_streets(dir, &reader_scope)))
    });
    let communities = Signal::derive(move || match directory.0.get() {
        Some(Ok(dir)) => communities_in_scope(&dir, &scope, i18n.lang()),
        _ => Vec::new(),
    });
    Effect::new(move |_| {
        if let [(_, only)] = communities.get().as_slice() {
            if let [(id, _)] = only.as_slice() {
                if community.get_untracked().is_empty() {
                    community.set(id.clone());
                }
            }
        }
    });

    let fail = move |id: &'static str, said: Said| {
        error.set(Some((id, said)));
        focus_later(id.to_owned());
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = IssueRequest {
            name: name.get_untracked().trim().to_owned(),
            community: community.get_untracked(),
            intake: intake.get_untracked(),
            follow_up_cases: parse_codes(&codes.get_untracked()),
            valid_hours: hours.get_untracked().trim().parse().unwrap_or(0),
        };
        if request.name.is_empty() {
            return fail("v-name", Msg::ProblemRequired.into());
        }
        if request.community.is_empty() {
            return fail("v-community", Msg::ProblemChoose.into());
        }
        if !request.intake && request.follow_up_cases.is_empty() {
            return fail("v-cases", StaffMsg::ProblemNothingAllowed.into());
        }
        if !(1..=accord_shared::volunteer::MAX_VALID_HOURS).contains(&request.valid_hours) {
            return fail("v-hours", StaffMsg::ProblemHours.into());
        }
        error.set(None);
        form_error.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = volunteer::issue(&request).await;
            busy.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            match result {
                Ok(link) => {
                    links.update(|list| {
                        if let Some(Ok(list)) = list {
                            list.insert(0, link.link.clone());
                        }
                    });
                    issued.set(Some(link));
                    name.set(String::new());
                    codes.set(String::new());
                    focus_later("link-ready".to_owned());
                }
                Err(ApiError::Status {
                    status: 422,
                    field: Some(field),
                    code,
                }) => {
                    let said: Said = match (field.as_str(), code.as_str()) {
                        ("follow_up_cases", "not_in_follow_up") => {
                            StaffMsg::ProblemNotInFollowUp.into()
                        }
                        ("follow_up_cases", _) => StaffMsg::ProblemCaseCodes.into(),
                        ("valid_hours", _) => StaffMsg::ProblemHours.into(),
                        (_, "required") => Msg::ProblemRequired.into(),
                        (_, "too_long") => StaffMsg::ProblemTooLongAny.into(),
                        ("name", _) => StaffMsg::ProblemTooShortAny.into(),
                        ("intake", _) => StaffMsg::ProblemNothingAllowed.into(),
                        _ => Msg::ProblemChoose.into(),
                    };
                    fail(field_id(&field), said);
                }
                Err(failure) => {
                    form_error.set(Some(failure_said(&failure)));
                    focus_later("volunteer-error".to_owned());
                }
            }
        });
    };

    let ready = move || {
        issued.get().map(|link| {
            let origin = window().location().origin().unwrap_or_default();
            let url = volunteer_url(&origin, &link.token);
            let copy = url.clone();
            let expires = link.link.expires_at;
            view! {
                <section class="case-card link-ready" aria-labelledby="link-ready">
                    <h2 id="link-ready" tabindex="-1">{t(StaffMsg::LinkReadyTitle)}</h2>
                    <p class="notice warning-notice">{t(StaffMsg::LinkOnce)}</p>
                    <p><strong>{link.link.name.clone()}</strong></p>
                    <QrCodeImage text=url.clone() label=Signal::derive(move || StaffMsg::QrLabel.text(i18n.lang()).to_owned()) />
                    <p class="link-url mono">{url}</p>
                    <p>{move || StaffX::ValidUntil.with(i18n.lang(), &format_when(expires, i18n.lang()))}</p>
                    <div class="form-buttons">
                        <button type="button" class="button primary" on:click=move |_| copy_text(copy.clone(), toasts)>
                            {t(StaffMsg::CopyLink)}
                        </button>
                    </div>
                </section>
            }
        })
    };

    let list = move || {
        match links.get() {
        None => view! {
            <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p>
        }
        .into_any(),
        Some(Err(_)) => view! {
            <p class="notice error-notice" role="alert">{t(Msg::LoadFailed)}</p>
            <button type="button" class="button secondary" on:click=move |_| { links.set(None); load(); }>{t(Msg::Retry)}</button>
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => {
            view! { <p class="empty-state">{t(StaffMsg::LinksEmpty)}</p> }.into_any()
        }
        Some(Ok(list)) => view! {
            <ul class="user-list">
                {list.into_iter().map(|link| view! { <li><LinkCard link=link links=links with_street=with_street /></li> }).collect_view()}
            </ul>
        }
        .into_any(),
    }
    };

    view! {
        <h1 tabindex="-1">{t(StaffMsg::VolunteersTitle)}</h1>
        <p class="lead">{t(StaffMsg::VolunteersIntro)}</p>
        {ready}
        <section class="case-card" aria-labelledby="issue-title">
            <h2 id="issue-title">{t(StaffMsg::IssueTitle)}</h2>
            <form novalidate on:submit=on_submit>
                <TextInput id="v-name" label=StaffMsg::VolunteerName value=name error=error_of("v-name") on_change=changed />
                <Select id="v-community" label=Msg::CommunityLabel value=community groups=communities error=error_of("v-community") placeholder=Msg::ChooseOne on_change=changed />
                <CheckBox id="v-intake" label=StaffMsg::AllowIntake value=intake />
                <TextInput id="v-cases" label=StaffMsg::FollowUpCases help=StaffMsg::FollowUpHelp value=codes error=error_of("v-cases") on_change=changed />
                <TextInput id="v-hours" label=StaffMsg::ValidHours help=StaffMsg::ValidHoursHelp value=hours error=error_of("v-hours") kind=InputKind::Number on_change=changed />
                <p class="notice error-notice" id="volunteer-error" tabindex="-1" role="alert" hidden=move || form_error.with(Option::is_none)>
                    {move || form_error.get().map(|said| said.text(i18n.lang()))}
                </p>
                <div class="form-buttons">
                    <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                        {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                        {t(StaffMsg::IssueLink)}
                    </button>
                </div>
            </form>
        </section>
        <h2>{t(StaffMsg::LinksTitle)}</h2>
        <div aria-live="polite">{list}</div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_split_on_spaces_and_commas_and_upper_cased() {
        assert_eq!(
            parse_codes(" zh01-2026-0003, ZH01-2026-0004，ZH01-2026-0005 "),
            vec!["ZH01-2026-0003", "ZH01-2026-0004", "ZH01-2026-0005"]
        );
        assert!(parse_codes("  ").is_empty());
    }

    #[test]
    fn the_token_travels_in_the_fragment() {
        assert_eq!(
            volunteer_url("https://a.example", "ab12"),
            "https://a.example/v#ab12"
        );
    }
}
