//! The agenda: sessions by day or by week, as one list grouped by day (which reads well on a
//! phone), the reader's own or, for those who see a community's cases, all of theirs. Each
//! item leads to its case; reminders sit on top.

use crate::api::sessions;
use crate::common::session_item::{listed_at, SessionSummary};
use crate::common::signed_out::EndsOnUnauthorized;
use crate::i18n::sessions::{weekday_msg, SessionMsg};
use crate::i18n::{t, use_i18n, Msg};
use crate::staff::session_upcoming::UpcomingSessions;
use crate::staff::sign_in::use_login;
use accord_shared::policy::{Action, Reach};
use accord_shared::scheduling::{local_to_utc, Session};
use accord_shared::time::{local_date, to_local};
use accord_shared::wire::Me;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The first day shown and how many days: one, or the week from Monday.
pub fn window(anchor: NaiveDate, week: bool) -> (NaiveDate, i64) {
    if week {
        let monday = anchor - Duration::days(i64::from(anchor.weekday().num_days_from_monday()));
        (monday, 7)
    } else {
        (anchor, 1)
    }
}

#[component]
pub fn AgendaPage(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let signed = use_login();
    let sees_community = me.reach(Action::ListCases) >= Reach::Community;
    let week = RwSignal::new(true);
    let anchor = RwSignal::new(local_date(Utc::now()));
    let mine = RwSignal::new(true);
    let found = RwSignal::new(None::<Result<Vec<Session>, crate::api::ApiError>>);
    Effect::new(move |_| {
        let (first, days) = window(anchor.get(), week.get());
        let only_mine = mine.get() || !sees_community;
        found.set(None);
        spawn_local(async move {
            let from = local_to_utc(first, NaiveTime::MIN).unwrap_or_else(Utc::now);
            let to = from + Duration::days(days);
            let result = sessions::agenda(from, to, only_mine).await;
            let Some(result) = signed.unless_ended(result) else {
                return;
            };
            found.set(Some(result));
        });
    });
    let step = move |forward: bool| {
        let days = if week.get_untracked() { 7 } else { 1 };
        anchor.update(|a| {
            *a = if forward {
                *a + Duration::days(days)
            } else {
                *a - Duration::days(days)
            }
        });
    };
    let heading = move || {
        let (first, days) = window(anchor.get(), week.get());
        let last = first + Duration::days(days - 1);
        let lang = i18n.lang();
        let day = |d: NaiveDate| match lang {
            crate::i18n::Lang::Zh => format!(
                "{}年{}月{}日 {}",
                d.year(),
                d.month(),
                d.day(),
                weekday_msg(d.weekday().number_from_monday() as u8).text(lang)
            ),
            crate::i18n::Lang::En => format!(
                "{} {} {}",
                weekday_msg(d.weekday().number_from_monday() as u8).text(lang),
                d.format("%-d %b"),
                d.year()
            ),
        };
        if days == 1 {
            day(first)
        } else {
            format!("{} – {}", day(first), day(last))
        }
    };
    let day_heading = move |d: NaiveDate| {
        let lang = i18n.lang();
        let weekday = weekday_msg(d.weekday().number_from_monday() as u8).text(lang);
        match lang {
            crate::i18n::Lang::Zh => format!("{}月{}日 {weekday}", d.month(), d.day()),
            crate::i18n::Lang::En => format!("{weekday} {}", d.format("%-d %b")),
        }
    };
    let list = move || {
        match found.get() {
        None => view! { <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p> }.into_any(),
        Some(Err(_)) => view! { <p class="notice error-notice" role="alert">{t(Msg::LoadFailed)}</p> }.into_any(),
        Some(Ok(all)) if all.is_empty() => view! { <p class="empty-state">{t(SessionMsg::AgendaEmpty)}</p> }.into_any(),
        Some(Ok(all)) => {
            let mut days: Vec<(NaiveDate, Vec<Session>)> = Vec::new();
            for s in all {
                let Some(at) = listed_at(&s) else { continue };
                let day = to_local(at).date_naive();
                match days.iter_mut().find(|(d, _)| *d == day) {
                    Some((_, list)) => list.push(s),
                    None => days.push((day, vec![s])),
                }
            }
            days.sort_by_key(|(d, _)| *d);
            days.into_iter()
                .map(|(day, list)| {
                    let items = list.into_iter().map(|s| view! { <SessionSummary session=s /> }).collect_view();
                    view! {
                        <section class="agenda-day">
                            <h2>{move || day_heading(day)}</h2>
                            <ul class="session-list">{items}</ul>
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        }
    }
    };
    let mine_toggle = sees_community.then(|| {
        view! {
            <label class="check-row" for="agenda-mine">
                <input id="agenda-mine" type="checkbox" prop:checked=move || mine.get()
                    on:change=move |ev| mine.set(event_target_checked(&ev)) />
                <span>{t(SessionMsg::MineOnly)}</span>
            </label>
        }
    });
    view! {
        <h1 tabindex="-1">{t(SessionMsg::AgendaTitle)}</h1>
        <UpcomingSessions reminders_only=true />
        <div class="agenda-controls">
            <div class="segmented" role="group" aria-label=t(SessionMsg::AgendaTitle)>
                <button type="button" class="segment" aria-pressed=move || (!week.get()).to_string() on:click=move |_| week.set(false)>
                    {t(SessionMsg::DayView)}
                </button>
                <button type="button" class="segment" aria-pressed=move || week.get().to_string() on:click=move |_| week.set(true)>
                    {t(SessionMsg::WeekView)}
                </button>
            </div>
            <div class="agenda-steps">
                <button type="button" class="button secondary" on:click=move |_| step(false)>{t(SessionMsg::Previous)}</button>
                <button type="button" class="button secondary" on:click=move |_| anchor.set(local_date(Utc::now()))>{t(SessionMsg::Today)}</button>
                <button type="button" class="button secondary" on:click=move |_| step(true)>{t(SessionMsg::Next)}</button>
            </div>
            <div class="field compact">
                <label for="agenda-date">{t(SessionMsg::GoToDate)}</label>
                <input id="agenda-date" type="date" prop:value=move || anchor.get().to_string()
                    on:change=move |ev| {
                        if let Ok(day) = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                            anchor.set(day);
                        }
                    } />
            </div>
            {mine_toggle}
        </div>
        <p class="agenda-range" aria-live="polite"><strong>{heading}</strong></p>
        {list}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_starts_on_monday_and_a_day_is_itself() {
        // 2031-03-05 is a Wednesday.
        let wednesday = NaiveDate::from_ymd_opt(2031, 3, 5).unwrap();
        assert_eq!(
            window(wednesday, true),
            (NaiveDate::from_ymd_opt(2031, 3, 3).unwrap(), 7)
        );
        assert_eq!(window(wednesday, false), (wednesday, 1));
    }
}
