//! A party's session page (`/s#<token>`, no account): the token is read from the fragment,
//! kept in memory (and in sessionStorage for a reload) and taken out of the address bar. The
//! party answers the proposed times, or sees the fixed time and place, says they will come,
//! asks for another time, or adds it to their calendar.

use crate::api::sessions;
use crate::api::ApiError;
use crate::common::directory_state::use_directory;
use crate::common::field::focus_later;
use crate::common::i18n::{party_msg, t, use_i18n, Msg};
use crate::common::session_item::time_range;
use crate::common::session_words::{
    place_label, reminder_word, status_class, status_word, tw, SessionWord,
};
use crate::common::when::format_when;
use crate::party::party_i18n::{tp, PartyMsg};
use accord_shared::scheduling::{reminder, PartySessionView, SessionStatus, Venue};
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

const STORAGE_KEY: &str = "accord.party";

/// The token from `#<token>` (then removed from the address bar), or the one kept for a reload.
pub fn take_token() -> Option<String> {
    let location = window().location();
    let storage = window().session_storage().ok().flatten();
    let from_hash = location
        .hash()
        .ok()
        .map(|h| h.trim_start_matches('#').trim().to_owned())
        .filter(|h| !h.is_empty());
    if let Some(token) = from_hash {
        if let Some(storage) = &storage {
            let _ = storage.set_item(STORAGE_KEY, &token);
        }
        let path = location.pathname().unwrap_or_else(|_| "/s".to_owned());
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
        return Some(token);
    }
    storage?
        .get_item(STORAGE_KEY)
        .ok()
        .flatten()
        .filter(|t| !t.is_empty())
}

/// Offers `text` as a download named `session.ics`.
fn download_ics(text: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/calendar");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(anchor) = document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download("session.ics");
        if let Some(body) = document().body() {
            let _ = body.append_child(&anchor);
            anchor.click();
            let _ = body.remove_child(&anchor);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
pub fn SessionPartyPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = StoredValue::new(take_token());
    let view_state = RwSignal::new(None::<Result<PartySessionView, ApiError>>);
    let note = RwSignal::new(None::<PartyMsg>);
    let load = move || {
        let Some(token) = token.get_value() else {
            view_state.set(Some(Err(ApiError::Status {
                status: 401,
                code: String::new(),
                field: None,
            })));
            return;
        };
        spawn_local(async move {
            view_state.set(Some(sessions::party_session(&token).await));
        });
    };
    load();
    let body = move || {
        match view_state.get() {
        None => view! { <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p> }.into_any(),
        Some(Err(failure)) => {
            let msg = match (token.get_value(), &failure) {
                (None, _) => tp(PartyMsg::LinkMissing)(),
                (_, ApiError::Status { status: 401 | 404, .. }) => tp(PartyMsg::LinkInvalid)(),
                (_, ApiError::Network) => t(Msg::NetworkError)(),
                _ => t(Msg::ServerError)(),
            };
            view! { <p class="notice error-notice" role="alert">{msg}</p> }.into_any()
        }
        Some(Ok(session)) => view! { <PartySession session=session token=token.get_value() view_state=view_state note=note /> }.into_any(),
    }
    };
    view! {
        <h1 tabindex="-1">{tp(PartyMsg::Title)}</h1>
        <p>{tp(PartyMsg::Intro)}</p>
        <p class="notice success-notice" role="status" id="party-note" tabindex="-1" hidden=move || note.with(Option::is_none)>
            {move || note.get().map(|m| m.text(i18n.lang()))}
        </p>
        {body}
    }
}

#[component]
fn PartySession(
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
            Err(ApiError::Network) => {
                error.set(Some(Msg::NetworkError.text(i18n.0.get_untracked())))
            }
            Err(failure) => {
                if failure.is_unauthorized() {
                    view_state.set(Some(Err(failure)));
                } else {
                    error.set(Some(Msg::ServerError.text(i18n.0.get_untracked())));
                }
            }
        }
    };
    let role = session.role;
    let status = session.status;
    let now = Utc::now();
    let banner = match status {
        SessionStatus::Confirmed => session.start.and_then(|s| reminder(s, now)),
        _ => None,
    }
    .map(|r| view! { <p class="notice reminder" role="status">{tw(reminder_word(r))}</p> });
    let venue = session.venue.clone();
    let place = move || {
        let lang = i18n.lang();
        match &venue {
            Venue::Place { place } => {
                let dir = directory.0.get().and_then(Result::ok);
                view! { <span>{place_label(dir.as_ref(), place, lang)}</span> }.into_any()
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

    let details = match status {
        SessionStatus::Proposed => view! { <AnswerForm session=session.clone() token=token busy=busy error=error settle=settle /> }.into_any(),
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
                        Err(ApiError::Network) => error.set(Some(Msg::NetworkError.text(i18n.0.get_untracked()))),
                        Err(_) => error.set(Some(Msg::ServerError.text(i18n.0.get_untracked()))),
                    }
                });
            };
            let attend_view = if attending {
                view! { <p class="notice success-notice">{tp(PartyMsg::Attending)}</p> }.into_any()
            } else {
                view! {
                    <button type="button" class="button primary" disabled=move || busy.get() on:click=attend>{tp(PartyMsg::Attend)}</button>
                }
                .into_any()
            };
            view! {
                <div class="party-actions">
                    {attend_view}
                    <button type="button" class="button secondary" disabled=move || busy.get() on:click=calendar>{tp(PartyMsg::AddCalendar)}</button>
                    <button type="button" class="button secondary" aria-expanded=move || asking.get().to_string() on:click=move |_| asking.update(|a| *a = !*a)>
                        {tp(PartyMsg::AskOther)}
                    </button>
                </div>
                <Show when=move || asking.get()>
                    <form class="action-form" novalidate on:submit=ask>
                        <div class="field" class:has-error=move || reason_error.get()>
                            <label for="p-reason">{tp(PartyMsg::ReasonLabel)}</label>
                            <p class="help" id="p-reason-help">{tp(PartyMsg::ReasonHelp)}</p>
                            <textarea id="p-reason" rows="3" aria-describedby="p-reason-help p-reason-error"
                                prop:value=move || reason.get()
                                on:input=move |ev| { reason.set(event_target_value(&ev)); reason_error.set(false); }></textarea>
                            <p class="error" id="p-reason-error">{move || reason_error.get().then(|| PartyMsg::ReasonNeeded.text(i18n.lang()))}</p>
                        </div>
                        <button type="submit" class="button primary" disabled=move || busy.get()>{tp(PartyMsg::SendRequest)}</button>
                    </form>
                </Show>
            }
            .into_any()
        }
        SessionStatus::Held => view! { <p class="notice">{tp(PartyMsg::HeldText)}</p> }.into_any(),
        SessionStatus::Cancelled => view! { <p class="notice warning-notice">{tp(PartyMsg::CancelledText)}</p> }.into_any(),
        SessionStatus::NoShow => view! { <p class="notice">{tp(PartyMsg::NoShowText)}</p> }.into_any(),
    };
    let time_row = start
        .map(|_| view! { <dt>{tw(SessionWord::TimeLabel)}</dt><dd><strong>{when}</strong></dd> });
    view! {
        {banner}
        <section class="case-card" aria-labelledby="party-session-title">
            <h2 id="party-session-title">
                {session.title.clone()} " "
                <span class=status_class(status)>{tw(status_word(status))}</span>
            </h2>
            <dl class="facts">
                {time_row}
                <dt>{tw(SessionWord::WhereLabel)}</dt>
                <dd>{place}</dd>
                <dt>{tp(PartyMsg::CaseLabel)}</dt>
                <dd class="mono">{session.case_code.clone()}</dd>
            </dl>
            <p class="muted">{move || PartyMsg::YouAre.with_x(i18n.lang(), party_msg(role).text(i18n.lang()))}</p>
            {details}
            <p class="notice error-notice" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
        </section>
    }
}

#[component]
fn AnswerForm(
    session: PartySessionView,
    token: StoredValue<Option<String>>,
    busy: RwSignal<bool>,
    error: RwSignal<Option<&'static str>>,
    settle: impl Fn(Result<PartySessionView, ApiError>, PartyMsg) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let choices: Vec<(u8, RwSignal<Option<bool>>)> = session
        .slots
        .iter()
        .map(|slot| {
            let given = session
                .answers
                .iter()
                .find(|a| a.slot == slot.id)
                .map(|a| a.available);
            (slot.id, RwSignal::new(given))
        })
        .collect();
    let missing = RwSignal::new(false);
    let stored = StoredValue::new(choices.clone());
    let rows = session
        .slots
        .iter()
        .zip(choices)
        .map(|(slot, (id, choice))| {
            let start = slot.start;
            let name = format!("p-slot-{id}");
            let (yes_id, no_id) = (format!("{name}-yes"), format!("{name}-no"));
            let (yes_for, no_for) = (yes_id.clone(), no_id.clone());
            view! {
                <fieldset class="answer-row" class:has-error=move || missing.get() && choice.get().is_none()>
                    <legend>{move || format_when(start, i18n.lang())}</legend>
                    <label class="radio-row" for=yes_for>
                        <input id=yes_id type="radio" name=name.clone() prop:checked=move || choice.get() == Some(true)
                            on:change=move |_| choice.set(Some(true)) />
                        <span>{tp(PartyMsg::Can)}</span>
                    </label>
                    <label class="radio-row" for=no_for>
                        <input id=no_id type="radio" name=name.clone() prop:checked=move || choice.get() == Some(false)
                            on:change=move |_| choice.set(Some(false)) />
                        <span>{tp(PartyMsg::Cannot)}</span>
                    </label>
                </fieldset>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let all = stored.get_value();
        let answers: Vec<(u8, bool)> = all
            .iter()
            .filter_map(|(slot, c)| c.get_untracked().map(|c| (*slot, c)))
            .collect();
        if answers.len() < all.len() {
            missing.set(true);
            focus_later("p-answers-error".to_owned());
            return;
        }
        missing.set(false);
        busy.set(true);
        error.set(None);
        let Some(token) = token.get_value() else {
            return;
        };
        spawn_local(async move {
            let result = sessions::party_answers(&token, &answers).await;
            settle(result, PartyMsg::AnswersSaved);
        });
    };
    view! {
        <form class="answer-form" novalidate on:submit=submit>
            <h3>{tp(PartyMsg::AnswerLegend)}</h3>
            <p class="muted">{tw(SessionWord::TimeNotFixed)}</p>
            {rows}
            <p class="error field-error" id="p-answers-error" tabindex="-1" role="alert">
                {move || missing.get().then(|| PartyMsg::NeedAll.text(i18n.lang()))}
            </p>
            <div class="action-bar">
                <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    <Show when=move || busy.get() fallback=tp(PartyMsg::SendAnswers)>
                        <span class="spinner" aria-hidden="true"></span>
                        {tp(PartyMsg::Sending)}
                    </Show>
                </button>
            </div>
        </form>
    }
}
