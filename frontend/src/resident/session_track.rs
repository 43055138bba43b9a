//! The resident's sessions on the track page: upcoming ones with time, place and status, and a
//! reminder within a day or an hour. One line of text per session: every nested element
//! costs the resident bundle bytes, and this page has a size budget.

use crate::common::directory_state::use_directory;
use crate::common::when::format_when;
use crate::i18n::session_words::{place_label, reminder_word, status_word, SessionWord};
use crate::i18n::{t, use_i18n};
use accord_shared::scheduling::{reminder, PartySessionView, SessionStatus, Venue};
use chrono::Utc;
use leptos::prelude::*;

#[component]
pub fn TrackSessions(sessions: Vec<PartySessionView>) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let now = Utc::now();
    // Upcoming only: a fixed time still ahead, or times still being agreed.
    let upcoming: Vec<PartySessionView> = sessions
        .into_iter()
        .filter(|s| match (s.status, s.start) {
            (SessionStatus::Confirmed, Some(start)) => start > now,
            (SessionStatus::Proposed, _) => true,
            _ => false,
        })
        .collect();
    if upcoming.is_empty() {
        return None;
    }
    let lines = move || {
        let lang = i18n.lang();
        let dir = directory.0.get().and_then(Result::ok);
        upcoming
            .iter()
            .map(|s| {
                let when = match s.start {
                    Some(start) => format_when(start, lang),
                    None => s
                        .slots
                        .iter()
                        .map(|slot| format_when(slot.start, lang))
                        .collect::<Vec<_>>()
                        .join(" / "),
                };
                let place = match &s.venue {
                    Venue::Place { place } => place_label(dir.as_ref(), place, lang),
                    Venue::Online { url } => format!("{} {url}", SessionWord::Online.text(lang)),
                };
                let reminder = s
                    .start
                    .and_then(|start| reminder(start, Utc::now()))
                    .map(|r| format!("{} ", reminder_word(r).text(lang)))
                    .unwrap_or_default();
                let line = format!(
                    "{reminder}{} · {} · {when} · {place}",
                    s.title,
                    status_word(s.status).text(lang)
                );
                view! { <li class="session-item">{line}</li> }
            })
            .collect_view()
    };
    Some(view! {
        <section class="case-card sessions">
            <h2>{t(SessionWord::SessionsTitle)}</h2>
            <ul class="session-list">{lines}</ul>
        </section>
    })
}
