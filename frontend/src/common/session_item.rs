//! One session in a list (agenda, upcoming): status, time or proposed times, where, and a link
//! to its case; plus the helpers that put sessions into words for staff.

use crate::common::directory_state::use_directory;
use crate::common::when::format_when_with_weekday;
use crate::i18n::session_words::{place_label, status_class, status_word, SessionWord};
use crate::i18n::{party_msg, t, use_i18n, Lang};
use crate::router::{Link, StaffRoute};
use accord_shared::directory::Directory;
use accord_shared::scheduling::{Participant, Session, Venue};
use accord_shared::time::to_local;
use chrono::{DateTime, Duration, Timelike, Utc};
use leptos::prelude::*;

/// `2031年3月4日（周二）09:00–10:00` / `Tue 4 Mar 2031, 09:00–10:00`.
pub fn time_range(start: DateTime<Utc>, minutes: u32, lang: Lang) -> String {
    let end = to_local(start + Duration::minutes(i64::from(minutes)));
    format!(
        "{}–{:02}:{:02}",
        format_when_with_weekday(start, lang),
        end.hour(),
        end.minute()
    )
}

/// A participant by role (parties) or by name (staff).
pub fn participant_name(
    who: &Participant,
    lang: Lang,
    staff_name: &dyn Fn(&str) -> String,
) -> String {
    match who {
        Participant::Party(role) => party_msg(*role).text(lang).to_owned(),
        Participant::Staff(username) => staff_name(username),
    }
}

/// Where, in words: the place's name or "Online video".
pub fn venue_text(venue: &Venue, dir: Option<&Directory>, lang: Lang) -> String {
    match venue {
        Venue::Place { place } => place_label(dir, place, lang),
        Venue::Online { .. } => SessionWord::Online.text(lang).to_owned(),
    }
}

/// The instant a session is listed under: its time, or its first proposed time.
pub fn listed_at(session: &Session) -> Option<DateTime<Utc>> {
    session
        .start
        .or_else(|| session.slots.iter().map(|s| s.start).min())
}

#[component]
pub fn SessionSummary(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let when = {
        let session = session.clone();
        move || {
            let lang = i18n.lang();
            match session.start {
                Some(start) => time_range(start, session.length_minutes, lang),
                None => session
                    .slots
                    .iter()
                    .map(|s| format_when_with_weekday(s.start, lang))
                    .collect::<Vec<_>>()
                    .join(" · "),
            }
        }
    };
    let proposed = session.start.is_none().then(|| {
        view! { <span class="muted">{t(SessionWord::ProposedTimes)} ": "</span> }
    });
    let venue = session.venue.clone();
    let place = move || {
        let dir = directory.0.get().and_then(Result::ok);
        venue_text(&venue, dir.as_ref(), i18n.lang())
    };
    let status = session.status;
    view! {
        <li class="session-item">
            <p class="session-item-head">
                <Link href=StaffRoute::case_path(&session.case_code)>
                    <span class="session-title">{session.title.clone()}</span>
                    " · "
                    <span class="mono">{session.case_code.clone()}</span>
                </Link>
                " "
                <span class=status_class(status)>{t(status_word(status))}</span>
            </p>
            <p class="session-when">{proposed}{when}</p>
            <p class="muted">{place}</p>
        </li>
    }
}
