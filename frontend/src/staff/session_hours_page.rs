//! My hours and calendar: weekly working blocks and absences (sessions are booked only inside
//! them), and a private calendar feed address to subscribe to, shown once, with revoke.

use crate::api::sessions;
use crate::api::ApiError;
use crate::common::field::focus_later;
use crate::common::form_kit::Failure;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::toast::use_toasts;
use crate::i18n::sessions::{weekday_msg, SessionMsg};
use crate::i18n::{t, use_i18n, Msg};
use crate::staff::sign_in::use_login;
use accord_shared::scheduling::{Absence, Availability, WorkingBlock};
use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
mod calendar_feed;
use calendar_feed::CalendarFeed;

#[derive(Clone, Copy)]
struct BlockDraft {
    key: usize,
    weekday: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
    error: RwSignal<bool>,
}

#[derive(Clone, Copy)]
struct AbsenceDraft {
    key: usize,
    from: RwSignal<String>,
    to: RwSignal<String>,
    reason: RwSignal<String>,
    error: RwSignal<bool>,
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .ok()
}

fn block_draft(key: usize, b: &WorkingBlock) -> BlockDraft {
    BlockDraft {
        key,
        weekday: RwSignal::new(b.weekday.to_string()),
        start: RwSignal::new(b.start.format("%H:%M").to_string()),
        end: RwSignal::new(b.end.format("%H:%M").to_string()),
        error: RwSignal::new(false),
    }
}

fn absence_draft(key: usize, a: &Absence) -> AbsenceDraft {
    AbsenceDraft {
        key,
        from: RwSignal::new(a.from.to_string()),
        to: RwSignal::new(a.to.to_string()),
        reason: RwSignal::new(a.reason.clone()),
        error: RwSignal::new(false),
    }
}

#[component]
pub fn SessionHoursPage() -> impl IntoView {
    let i18n = use_i18n();
    let signed = use_login();
    let toasts = use_toasts();
    let loaded = RwSignal::new(None::<Result<(), ApiError>>);
    let username = StoredValue::new(String::new());
    let blocks = RwSignal::new(Vec::<BlockDraft>::new());
    let absences = RwSignal::new(Vec::<AbsenceDraft>::new());
    let next_key = StoredValue::new(0usize);
    let key = move || {
        let k = next_key.get_value();
        next_key.set_value(k + 1);
        k
    };
    let fill = move |value: Availability| {
        username.set_value(value.username.clone());
        blocks.set(value.weekly.iter().map(|b| block_draft(key(), b)).collect());
        absences.set(
            value
                .absences
                .iter()
                .map(|a| absence_draft(key(), a))
                .collect(),
        );
    };
    spawn_local(async move {
        let Some(answer) = signed.unless_ended(sessions::availability().await) else {
            return;
        };
        match answer {
            Ok(value) => {
                fill(value);
                loaded.set(Some(Ok(())));
            }
            Err(failure) => loaded.set(Some(Err(failure))),
        }
    });
    let busy = RwSignal::new(false);
    let form_error = RwSignal::new(None::<&'static str>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        form_error.set(None);
        let mut weekly = Vec::new();
        let mut first_bad: Option<String> = None;
        for b in blocks.get_untracked() {
            let start = parse_time(&b.start.get_untracked());
            let end = parse_time(&b.end.get_untracked());
            let weekday = b
                .weekday
                .get_untracked()
                .parse::<u8>()
                .ok()
                .filter(|d| (1..=7).contains(d));
            match (weekday, start, end) {
                (Some(weekday), Some(start), Some(end)) if start < end => {
                    b.error.set(false);
                    weekly.push(WorkingBlock {
                        weekday,
                        start,
                        end,
                    });
                }
                _ => {
                    b.error.set(true);
                    first_bad.get_or_insert(format!("h-start-{}", b.key));
                }
            }
        }
        let mut days_off = Vec::new();
        for a in absences.get_untracked() {
            let from = NaiveDate::parse_from_str(&a.from.get_untracked(), "%Y-%m-%d").ok();
            let to = NaiveDate::parse_from_str(&a.to.get_untracked(), "%Y-%m-%d").ok();
            match (from, to) {
                (Some(from), Some(to)) if from <= to => {
                    a.error.set(false);
                    days_off.push(Absence {
                        from,
                        to,
                        reason: a.reason.get_untracked().trim().to_owned(),
                    });
                }
                _ => {
                    a.error.set(true);
                    first_bad.get_or_insert(format!("a-from-{}", a.key));
                }
            }
        }
        if let Some(id) = first_bad {
            focus_later(id);
            return;
        }
        let value = Availability {
            username: username.get_value(),
            weekly,
            absences: days_off,
        };
        busy.set(true);
        spawn_local(async move {
            let result = sessions::set_availability(&value).await;
            busy.set(false);
            let Some(result) = signed.unless_ended(result) else {
                return;
            };
            match result {
                Ok(saved) => {
                    fill(saved);
                    toasts.show_text(Arc::new(|lang| {
                        SessionMsg::HoursSaved.text(lang).to_owned()
                    }));
                }
                Err(failure) => {
                    let said = match Failure::of(&failure) {
                        // Most often hours the server could not accept.
                        Failure::Other => SessionMsg::ErrCheck.text(i18n.0.get_untracked()),
                        other => other.said().text(i18n.0.get_untracked()),
                    };
                    form_error.set(Some(said));
                }
            }
        });
    };
    let block_rows = move || {
        blocks
            .get()
            .into_iter()
            .map(|b| {
                let k = b.key;
                let (day_id, start_id, end_id, err_id) =
                    (format!("h-day-{k}"), format!("h-start-{k}"), format!("h-end-{k}"), format!("h-err-{k}"));
                let options = (1u8..=7)
                    .map(|d| view! { <option value=d.to_string() selected=move || b.weekday.get() == d.to_string()>{t(weekday_msg(d))}</option> })
                    .collect_view();
                view! {
                    <div class="hours-row" class:has-error=move || b.error.get()>
                        <div class="field compact">
                            <label for=day_id.clone()>{t(SessionMsg::WeekdayLabel)}</label>
                            <select id=day_id on:change=move |ev| b.weekday.set(event_target_value(&ev))>{options}</select>
                        </div>
                        <div class="field compact">
                            <label for=start_id.clone()>{t(SessionMsg::FromTime)}</label>
                            <input id=start_id type="time" aria-describedby=err_id.clone() prop:value=move || b.start.get()
                                on:input=move |ev| { b.start.set(event_target_value(&ev)); b.error.set(false); } />
                        </div>
                        <div class="field compact">
                            <label for=end_id.clone()>{t(SessionMsg::UntilTime)}</label>
                            <input id=end_id type="time" aria-describedby=err_id.clone() prop:value=move || b.end.get()
                                on:input=move |ev| { b.end.set(event_target_value(&ev)); b.error.set(false); } />
                        </div>
                        <button type="button" class="button secondary" on:click=move |_| blocks.update(|all| all.retain(|x| x.key != k))>
                            {t(SessionMsg::Remove)}
                        </button>
                        <p class="error" id=err_id>{move || b.error.get().then(|| SessionMsg::ErrBlock.text(i18n.lang()))}</p>
                    </div>
                }
            })
            .collect_view()
    };
    let absence_rows = move || {
        let all = absences.get();
        if all.is_empty() {
            return view! { <p class="muted">{t(SessionMsg::NoAbsences)}</p> }.into_any();
        }
        all.into_iter()
            .map(|a| {
                let k = a.key;
                let (from_id, to_id, reason_id, err_id) =
                    (format!("a-from-{k}"), format!("a-to-{k}"), format!("a-reason-{k}"), format!("a-err-{k}"));
                view! {
                    <div class="hours-row" class:has-error=move || a.error.get()>
                        <div class="field compact">
                            <label for=from_id.clone()>{t(SessionMsg::AbsFrom)}</label>
                            <input id=from_id type="date" aria-describedby=err_id.clone() prop:value=move || a.from.get()
                                on:input=move |ev| { a.from.set(event_target_value(&ev)); a.error.set(false); } />
                        </div>
                        <div class="field compact">
                            <label for=to_id.clone()>{t(SessionMsg::AbsTo)}</label>
                            <input id=to_id type="date" aria-describedby=err_id.clone() prop:value=move || a.to.get()
                                on:input=move |ev| { a.to.set(event_target_value(&ev)); a.error.set(false); } />
                        </div>
                        <div class="field compact">
                            <label for=reason_id.clone()>{t(SessionMsg::AbsReason)}</label>
                            <input id=reason_id type="text" prop:value=move || a.reason.get()
                                on:input=move |ev| a.reason.set(event_target_value(&ev)) />
                        </div>
                        <button type="button" class="button secondary" on:click=move |_| absences.update(|all| all.retain(|x| x.key != k))>
                            {t(SessionMsg::Remove)}
                        </button>
                        <p class="error" id=err_id>{move || a.error.get().then(|| SessionMsg::ErrAbsence.text(i18n.lang()))}</p>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    let add_block = move |_| {
        let k = key();
        blocks.update(|all| {
            all.push(BlockDraft {
                key: k,
                weekday: RwSignal::new("1".into()),
                start: RwSignal::new("08:30".into()),
                end: RwSignal::new("12:00".into()),
                error: RwSignal::new(false),
            })
        });
    };
    let add_absence = move |_| {
        let k = key();
        absences.update(|all| {
            all.push(AbsenceDraft {
                key: k,
                from: RwSignal::new(String::new()),
                to: RwSignal::new(String::new()),
                reason: RwSignal::new(String::new()),
                error: RwSignal::new(false),
            })
        });
    };
    let body = move || {
        match loaded.get() {
        None => view! { <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p> }.into_any(),
        Some(Err(_)) => view! { <p class="notice error-notice" role="alert">{t(Msg::LoadFailed)}</p> }.into_any(),
        Some(Ok(())) => view! {
            <form class="case-card hours-form" novalidate on:submit=save>
                <fieldset class="field">
                    <legend>{t(SessionMsg::WeeklyLegend)}</legend>
                    {block_rows}
                    <button type="button" class="button secondary" on:click=add_block>{t(SessionMsg::AddBlock)}</button>
                </fieldset>
                <fieldset class="field">
                    <legend>{t(SessionMsg::AbsencesLegend)}</legend>
                    {absence_rows}
                    <button type="button" class="button secondary" on:click=add_absence>{t(SessionMsg::AddAbsence)}</button>
                </fieldset>
                <p class="notice error-notice" role="alert" hidden=move || form_error.with(Option::is_none)>{move || form_error.get()}</p>
                <div class="form-buttons">
                    <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                        {t(SessionMsg::SaveHours)}
                    </button>
                </div>
            </form>
        }
        .into_any(),
    }
    };
    view! {
        <h1 tabindex="-1">{t(SessionMsg::HoursTitle)}</h1>
        <p>{t(SessionMsg::HoursIntro)}</p>
        {body}
        <CalendarFeed />
    }
}
