//! The resident's sessions on the track page: upcoming ones with time, place and status, and a
//! reminder within a day or an hour. Plain structs only: this is in the resident bundle.

use crate::api::sessions::{self, TrackedSession};
use crate::directory_state::use_directory;
use crate::i18n::use_i18n;
use crate::session_words::{place_label, reminder_word, tw, SessionWord};
use crate::when::format_when;
use accord_shared::scheduling::reminder;
use accord_shared::wire::TrackRequest;
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn status_word(status: &str) -> SessionWord {
    match status {
        "confirmed" => SessionWord::StatusConfirmed,
        "held" => SessionWord::StatusHeld,
        "cancelled" => SessionWord::StatusCancelled,
        "no_show" => SessionWord::StatusNoShow,
        _ => SessionWord::StatusProposed,
    }
}

#[component]
pub fn TrackSessions(credentials: TrackRequest) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let found = RwSignal::new(Vec::<TrackedSession>::new());
    spawn_local(async move {
        if let Ok(list) = sessions::track_sessions(&credentials).await {
            let now = Utc::now();
            // Upcoming only: a fixed time still ahead, or times still being agreed.
            found.set(
                list.into_iter()
                    .filter(|s| match s.start {
                        Some(start) => start > now && s.status == "confirmed",
                        None => s.status == "proposed",
                    })
                    .collect(),
            );
        }
    });
    move || {
        let list = found.get();
        if list.is_empty() {
            return None;
        }
        let lang = i18n.lang();
        let dir = directory.0.get().and_then(Result::ok);
        let now = Utc::now();
        let items = list
            .into_iter()
            .map(|s| {
                let banner = s
                    .start
                    .and_then(|start| reminder(start, now))
                    .map(|r| view! { <p class="notice reminder" role="status">{reminder_word(r).text(lang)}</p> });
                let when = match s.start {
                    Some(start) => format_when(start, lang),
                    None => s
                        .slots
                        .iter()
                        .map(|slot| format_when(slot.start, lang))
                        .collect::<Vec<_>>()
                        .join(" · "),
                };
                let place = match (s.venue.kind.as_str(), &s.venue.place, &s.venue.url) {
                    ("online", _, Some(url)) => view! {
                        <a href=url.clone() target="_blank" rel="noopener">{SessionWord::Online.text(lang)}</a>
                    }
                    .into_any(),
                    (_, Some(place), _) => place_label(dir.as_ref(), place, lang).into_any(),
                    _ => SessionWord::Online.text(lang).into_any(),
                };
                let time_label = if s.start.is_some() { SessionWord::TimeLabel } else { SessionWord::ProposedTimes };
                view! {
                    <li class="session-item">
                        {banner}
                        <p class="session-item-head">
                            <strong>{s.title}</strong> " "
                            <span class="chip">{status_word(&s.status).text(lang)}</span>
                        </p>
                        <dl class="facts">
                            <dt>{time_label.text(lang)}</dt>
                            <dd>{when}</dd>
                            <dt>{SessionWord::WhereLabel.text(lang)}</dt>
                            <dd>{place}</dd>
                        </dl>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <section class="case-card sessions" aria-labelledby="track-sessions-title">
                <h2 id="track-sessions-title">{tw(SessionWord::SessionsTitle)}</h2>
                <ul class="session-list">{items}</ul>
            </section>
        })
    }
}
