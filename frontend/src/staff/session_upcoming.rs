//! The reader's next sessions: reminder banners for those starting within a day or an hour,
//! and (on the staff home) the next few above the queue.

use crate::api::sessions;
use crate::common::session_item::{listed_at, SessionSummary};
use crate::common::signed_out::EndsOnUnauthorized;
use crate::i18n::sessions::{SessionMsg, SessionX};
use crate::i18n::{t, use_i18n};
use crate::router::Link;
use crate::staff::sign_in::use_login;
use accord_shared::scheduling::{reminder, Reminder, Session, SessionStatus};
use chrono::{Duration, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How many upcoming sessions the staff home lists.
const SHOWN: usize = 4;

/// Banners for confirmed sessions that start soon.
pub fn reminder_banners(sessions: &[Session]) -> impl IntoView {
    let i18n = use_i18n();
    let now = Utc::now();
    sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Confirmed)
        .filter_map(|s| {
            let soon = reminder(s.start?, now)?;
            let (msg, class) = match soon {
                Reminder::WithinAnHour => (SessionX::SoonHour, "notice reminder reminder-hour"),
                Reminder::WithinADay => (SessionX::SoonDay, "notice reminder reminder-day"),
            };
            let title = s.title.clone();
            let code = s.case_code.clone();
            Some(view! {
                <p class=class role="status">
                    <Link href=crate::router::StaffRoute::case_path(&code)>
                        {move || msg.with(i18n.lang(), &title)}
                    </Link>
                </p>
            })
        })
        .collect_view()
}

#[component]
pub fn UpcomingSessions(#[prop(optional)] reminders_only: bool) -> impl IntoView {
    let signed = use_login();
    let found = RwSignal::new(None::<Vec<Session>>);
    spawn_local(async move {
        let now = Utc::now();
        let Some(answer) = signed.unless_ended(
            sessions::agenda(now - Duration::hours(1), now + Duration::days(14), true).await,
        ) else {
            return;
        };
        match answer {
            Ok(list) => found.set(Some(
                list.into_iter()
                    .filter(|s| {
                        matches!(s.status, SessionStatus::Proposed | SessionStatus::Confirmed)
                            && listed_at(s).is_some_and(|t| t > now)
                    })
                    .collect(),
            )),
            // The home still works without this box.
            Err(_) => found.set(Some(Vec::new())),
        }
    });
    move || {
        let list = found.get()?;
        let banners = reminder_banners(&list);
        if reminders_only {
            return Some(banners.into_any());
        }
        let items = list
            .iter()
            .take(SHOWN)
            .cloned()
            .map(|s| view! { <SessionSummary session=s /> })
            .collect_view();
        let empty = list
            .is_empty()
            .then(|| view! { <p class="muted">{t(SessionMsg::UpcomingEmpty)}</p> });
        Some(
            view! {
                <section class="upcoming" aria-labelledby="upcoming-title">
                    {banners}
                    <div class="upcoming-head">
                        <h2 id="upcoming-title">{t(SessionMsg::UpcomingTitle)}</h2>
                        <Link href="/staff/agenda".to_owned()>{t(SessionMsg::SeeAgenda)}</Link>
                    </div>
                    {empty}
                    <ul class="session-list">{items}</ul>
                </section>
            }
            .into_any(),
        )
    }
}
