//! One session as a party sees it through its link: when, where, who, and its answer.

use super::answer_form::AnswerForm;
use super::ics_download::download_ics;
use crate::api::sessions;
use crate::api::ApiError;
use crate::common::directory_state::use_directory;
use crate::common::field::focus_later;
use crate::common::form_kit::Failure;
use crate::common::session_item::time_range;
use crate::common::when::format_when;
use crate::i18n::party::{PartyMsg, PartyX};
use crate::i18n::session_words::{
    place_address, place_label, reminder_word, status_class, status_word, SessionWord,
};
use crate::i18n::{party_msg, t, use_i18n};
use accord_shared::scheduling::{reminder, PartySessionView, SessionAction, SessionStatus, Venue};
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn PartySession(
    session: PartySessionView,
    token: Option<String>,
    view_state: RwSignal<Option<Result<PartySessionView, ApiError>>>,
    note: RwSignal<Option<PartyMsg>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let token = StoredValue::new(token);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<&'static str>);
    // What came back from a change: the new view, a note, or a failure in words.
    let settle = move |result: Result<PartySessionView, ApiError>, done: PartyMsg| {
        busy.set(false);
        match result {
            Ok(updated) => {
                note.set(Some(done));
                view_state.set(Some(Ok(updated)));
                focus_later("party-note".to_owned());
            }
            Err(ApiError::Status { status: 409, .. }) => {
                note.set(Some(PartyMsg::StateChanged));
                spawn_local(async move {
                    view_state.set(Some(
                        sessions::party_session(&token.get_value().unwrap_or_default()).await,
                    ));
                });
            }
            Err(failure) => match Failure::of(&failure) {
                Failure::Unauthorized => view_state.set(Some(Err(failure))),
                other => error.set(Some(other.msg().text(i18n.0.get_untracked()))),
            },
        }
    };
    let role = session.role;
    let status = session.status;
    let now = Utc::now();
    let banner = match status {
        SessionStatus::Confirmed => session.start.and_then(|s| reminder(s, now)),
        _ => None,
    }
    .map(|r| view! { <p class="notice reminder" role="status">{t(reminder_word(r))}</p> });
    let venue = session.venue.clone();
    let place = move || {
        let lang = i18n.lang();
        match &venue {
            Venue::Place { place } => {
                let dir = directory.0.get().and_then(Result::ok);
                let address = place_address(dir.as_ref(), place, lang)
                    .map(|text| view! { <span class="place-address">{text}</span> });
                view! {
                    <span class="place-name">{place_label(dir.as_ref(), place, lang)}</span>
                    {address}
                }
                .into_any()
            }
            Venue::Online { url } => view! {
                <a class="button secondary" href=url.clone() target="_blank" rel="noopener">{PartyMsg::JoinOnline.text(lang)}</a>
            }
            .into_any(),
        }
    };
    let length = session
        .start
        .zip(session.end)
        .map(|(s, e)| (e - s).num_minutes().max(0) as u32);
    let start = session.start;
    let when = move || {
        let lang = i18n.lang();
        match (start, length) {
            (Some(s), Some(minutes)) => time_range(s, minutes, lang),
            (Some(s), None) => format_when(s, lang),
            _ => String::new(),
        }
    };

    // What this party may do comes from the server; the page only shows it.
    let may = |action: SessionAction| session.allowed_actions.contains(&action);
    let may_attend = may(SessionAction::Attend);
    let may_ask = may(SessionAction::AskReschedule);
    let details = match status {
        SessionStatus::Proposed if may(SessionAction::Answer) => view! { <AnswerForm session=session.clone() token=token busy=busy error=error settle=settle /> }.into_any(),
        SessionStatus::Confirmed => {
            let attending = session.attending;
            let asking = RwSignal::new(false);
            let reason = RwSignal::new(String::new());
            let reason_error = RwSignal::new(false);
            let attend = move |_| {
                busy.set(true);
                error.set(None);
                spawn_local(async move {
                    let result = sessions::party_attend(&token.get_value().unwrap_or_default()).await;
                    settle(result, PartyMsg::Attending);
                });
            };
            let ask = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                if busy.get_untracked() {
                    return;
                }
                let text = reason.get_untracked().trim().to_owned();
                if text.is_empty() {
                    reason_error.set(true);
                    focus_later("p-reason".to_owned());
                    return;
                }
                busy.set(true);
                error.set(None);
                spawn_local(async move {
                    let result = sessions::party_reschedule(&token.get_value().unwrap_or_default(), &text).await;
                    settle(result, PartyMsg::RequestSent);
                });
            };
            let calendar = move |_| {
                busy.set(true);
                error.set(None);
                spawn_local(async move {
                    let result = sessions::party_ics(&token.get_value().unwrap_or_default()).await;
                    busy.set(false);
                    match result {
                        Ok(text) => download_ics(&text),
                        Err(failure) => error.set(Some(Failure::of(&failure).msg().text(i18n.0.get_untracked()))),
                    }
                });
            };
            // Just said so: the note above says it already, once is enough.
            let attend_view = if attending && note.get_untracked() == Some(PartyMsg::Attending) {
                ().into_any()
            } else if attending {
                view! { <p class="notice success-notice">{t(PartyMsg::Attending)}</p> }.into_any()
            } else if !may_attend {
                ().into_any()
            } else {
                view! {
                    <button type="button" class="button primary" disabled=move || busy.get() on:click=attend>{t(PartyMsg::Attend)}</button>
                }
                .into_any()
            };
            view! {
                <div class="party-actions">
                    {attend_view}
                    <button type="button" class="button secondary" disabled=move || busy.get() on:click=calendar>{t(PartyMsg::AddCalendar)}</button>
                    {may_ask.then(|| view! {
                        <button type="button" class="button secondary" aria-expanded=move || asking.get().to_string() on:click=move |_| asking.update(|a| *a = !*a)>
                            {t(PartyMsg::AskOther)}
                        </button>
                    })}
                </div>
                <Show when=move || asking.get()>
                    <form class="action-form" novalidate on:submit=ask>
                        <div class="field" class:has-error=move || reason_error.get()>
                            <label for="p-reason">{t(PartyMsg::ReasonLabel)}</label>
                            <p class="help" id="p-reason-help">{t(PartyMsg::ReasonHelp)}</p>
                            <textarea id="p-reason" rows="3" aria-describedby="p-reason-help p-reason-error"
                                prop:value=move || reason.get()
                                on:input=move |ev| { reason.set(event_target_value(&ev)); reason_error.set(false); }></textarea>
                            <p class="error" id="p-reason-error">{move || reason_error.get().then(|| PartyMsg::ReasonNeeded.text(i18n.lang()))}</p>
                        </div>
                        <button type="submit" class="button primary" disabled=move || busy.get()>{t(PartyMsg::SendRequest)}</button>
                    </form>
                </Show>
            }
            .into_any()
        }
        SessionStatus::Proposed => ().into_any(),
        SessionStatus::Held => view! { <p class="notice">{t(PartyMsg::HeldText)}</p> }.into_any(),
        SessionStatus::Cancelled => view! { <p class="notice warning-notice">{t(PartyMsg::CancelledText)}</p> }.into_any(),
        SessionStatus::NoShow => view! { <p class="notice">{t(PartyMsg::NoShowText)}</p> }.into_any(),
    };
    // Whom to call with a question: the office of the case's street, from the directory.
    let case_code = session.case_code.clone();
    let office = move || {
        let lang = i18n.lang();
        let dir = directory.0.get().and_then(Result::ok)?;
        let code = accord_shared::code::CaseCode::parse(&case_code).ok()?;
        let street_id = dir.community_of(&code)?.street.clone();
        let street = dir.streets.iter().find(|s| s.id == street_id)?;
        let phone = street.phone.clone()?;
        let tel = format!("tel:{}", phone.replace('-', ""));
        Some(view! {
            <dt>{t(PartyMsg::ContactLabel)}</dt>
            <dd>{lang.pick(&street.name)} " " <a href=tel class="phone-link">{phone}</a></dd>
        })
    };
    let time_row = start
        .map(|_| view! { <dt>{t(SessionWord::TimeLabel)}</dt><dd><strong>{when}</strong></dd> });
    view! {
        {banner}
        <section class="case-card" aria-labelledby="party-session-title">
            <h2 id="party-session-title">
                {session.title.clone()} " "
                <span class=status_class(status)>{t(status_word(status))}</span>
            </h2>
            <dl class="facts">
                {time_row}
                <dt>{t(SessionWord::WhereLabel)}</dt>
                <dd>{place}</dd>
                <dt>{t(PartyMsg::CaseLabel)}</dt>
                <dd class="mono">{session.case_code.clone()}</dd>
                {office}
            </dl>
            <p class="muted">{move || PartyX::YouAre.with(i18n.lang(), party_msg(role).text(i18n.lang()))}</p>
            {details}
            <p class="notice error-notice" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
        </section>
    }
}
