//! Scheduling a session from a case: a title, 2–5 proposed times or one booked at once (local
//! Shanghai time), length and buffer, a place of the case's community, the judge workstation
//! or an online link, staff and parties. Booking conflicts are shown beside the times.

use crate::api::sessions::{self, BookingFailure, Scheduled};
use crate::api::ApiError;
use crate::common::directory_state::use_directory;
use crate::common::field::focus_later;
use crate::common::form_kit::failure_said;
use crate::i18n::session_words::place_label;
use crate::i18n::sessions::{conflict_text, SessionMsg, SessionN};
use crate::i18n::{party_msg, role_msg, t, use_i18n};
use crate::staff::sign_in::use_login;
use accord_shared::case::PartyRole;
use accord_shared::scheduling::{
    local_to_utc, new_session_problems, slots_problem, Conflict, NewSessionRequest, SlotsProblem,
    Venue,
};
use accord_shared::wire::{CaseDetail, Person};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The ids of the date inputs of the (at most five) time rows, in order.
const SLOT_DATE_IDS: [&str; 5] = [
    "s-slot-date-0",
    "s-slot-date-1",
    "s-slot-date-2",
    "s-slot-date-3",
    "s-slot-date-4",
];

/// A local date and time typed into two inputs, as UTC; `None` when incomplete.
pub fn typed_instant(date: &str, time: &str) -> Option<DateTime<Utc>> {
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time.trim(), "%H:%M:%S"))
        .ok()?;
    local_to_utc(date, time)
}

/// The error text of a field, in the reader's language.
fn err(signal: RwSignal<Option<SessionMsg>>) -> impl Fn() -> Option<&'static str> + Copy {
    let i18n = use_i18n();
    move || signal.get().map(|m| m.text(i18n.lang()))
}

#[derive(Clone, Copy)]
struct SlotDraft {
    key: usize,
    date: RwSignal<String>,
    time: RwSignal<String>,
}

impl SlotDraft {
    fn new(key: usize) -> Self {
        SlotDraft {
            key,
            date: RwSignal::new(String::new()),
            time: RwSignal::new(String::new()),
        }
    }
}

/// Conflicts in words, naming people by display name and places by their name.
pub fn conflicts_view(
    conflicts: RwSignal<Vec<Conflict>>,
    people: RwSignal<Vec<Person>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    move || {
        let list = conflicts.get();
        (!list.is_empty()).then(|| {
            let lang = i18n.lang();
            let dir = directory.0.get().and_then(Result::ok);
            let everyone = people.get();
            let name = |id: &str| -> String {
                if let Some(p) = everyone.iter().find(|p| p.username == id) {
                    return p.display_name.clone();
                }
                place_label(dir.as_ref(), id, lang)
            };
            let items = list
                .iter()
                .map(|c| view! { <li>{conflict_text(c, lang, &name)}</li> })
                .collect_view();
            view! {
                <div class="notice warning-notice conflicts" role="alert">
                    <p>{t(SessionMsg::ConflictsTitle)}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

#[component]
pub fn ScheduleForm(
    case: CaseDetail,
    people: RwSignal<Vec<Person>>,
    /// The staff ticked at first (the reader and the case's handlers).
    preselected: Vec<String>,
    on_done: Callback<Scheduled>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let directory = use_directory();
    let lang = i18n.0.get_untracked();
    let title = RwSignal::new(SessionMsg::TitleDefault.text(lang).to_owned());
    let book_now = RwSignal::new(false);
    let next_key = StoredValue::new(3usize);
    let slots = RwSignal::new(vec![
        SlotDraft::new(0),
        SlotDraft::new(1),
        SlotDraft::new(2),
    ]);
    let length = RwSignal::new("60".to_owned());
    let buffer = RwSignal::new("15".to_owned());
    let places: Vec<(String, accord_shared::directory::Name)> = directory
        .0
        .get_untracked()
        .and_then(Result::ok)
        .map(|dir| {
            // The case's community's own rooms, and the places its street shares.
            let street = dir.community(&case.community).map(|c| c.street.as_str());
            dir.places
                .iter()
                .filter(|p| match p.community.as_deref() {
                    Some(c) => c == case.community,
                    None => street.is_some_and(|s| s == p.street),
                })
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let venue = RwSignal::new(places.first().map(|(id, _)| id.clone()).unwrap_or_default());
    let url = RwSignal::new(String::new());
    let staff = RwSignal::new(preselected);
    let present: Vec<PartyRole> = case.parties.iter().map(|p| p.role).collect();
    let parties = RwSignal::new(present.clone());
    let title_error = RwSignal::new(None::<SessionMsg>);
    let times_error = RwSignal::new(None::<SessionMsg>);
    // Rows (by key) with a date or a time but not both: marked alone. Empty rows are ignored.
    let incomplete_rows = RwSignal::new(Vec::<usize>::new());
    let length_error = RwSignal::new(None::<SessionMsg>);
    let buffer_error = RwSignal::new(None::<SessionMsg>);
    let venue_error = RwSignal::new(None::<SessionMsg>);
    let staff_error = RwSignal::new(None::<SessionMsg>);
    let form_error = RwSignal::new(None::<&'static str>);
    let conflicts = RwSignal::new(Vec::<Conflict>::new());
    let busy = RwSignal::new(false);
    let code = StoredValue::new(case.code.clone());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let lang = i18n.0.get_untracked();
        conflicts.set(Vec::new());
        form_error.set(None);
        let mut first_error: Option<&str> = None;
        let mut note = |id: &'static str| {
            first_error.get_or_insert(id);
        };
        // The form reads what was typed; the rules are shared with the API
        // (`new_session_problems`), so the two cannot drift apart.
        let confirm = book_now.get_untracked();
        let drafts = slots.get_untracked();
        let used: Vec<SlotDraft> = if confirm {
            drafts.into_iter().take(1).collect()
        } else {
            drafts
        };
        let typed: Vec<(usize, usize, Option<DateTime<Utc>>)> = used
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                !(d.date.get_untracked().trim().is_empty()
                    && d.time.get_untracked().trim().is_empty())
            })
            .map(|(index, d)| {
                let at = typed_instant(&d.date.get_untracked(), &d.time.get_untracked());
                (index, d.key, at)
            })
            .collect();
        let incomplete: Vec<(usize, usize)> = typed
            .iter()
            .filter(|(_, _, at)| at.is_none())
            .map(|(index, key, _)| (*index, *key))
            .collect();
        incomplete_rows.set(incomplete.iter().map(|(_, key)| *key).collect());
        let venue_choice = venue.get_untracked();
        let request = NewSessionRequest {
            title: title.get_untracked().trim().to_owned(),
            slots: typed.iter().filter_map(|(_, _, at)| *at).collect(),
            confirm,
            // Unreadable numbers become values the rules refuse.
            length_minutes: length.get_untracked().trim().parse::<u32>().unwrap_or(0),
            buffer_minutes: buffer
                .get_untracked()
                .trim()
                .parse::<u32>()
                .unwrap_or(u32::MAX),
            venue: match venue_choice.as_str() {
                "" => None,
                "online" => Some(Venue::Online {
                    url: url.get_untracked().trim().to_owned(),
                }),
                _ => Some(Venue::Place {
                    place: venue_choice.clone(),
                }),
            },
            staff: staff.get_untracked(),
            parties: parties.get_untracked(),
        };
        let problems = new_session_problems(&request, Utc::now());
        let wrong = |field: &str| problems.iter().any(|p| p.field == field);
        let times_problem = if !incomplete.is_empty() {
            Some(SlotsProblem::Count)
        } else {
            slots_problem(&request.slots, confirm, Utc::now())
        };
        let times_msg = times_problem.map(|problem| match problem {
            SlotsProblem::Count if confirm => SessionMsg::ErrOneTime,
            SlotsProblem::Count => SessionMsg::ErrTimes,
            SlotsProblem::Past => SessionMsg::ErrPast,
            SlotsProblem::TooFar => SessionMsg::ErrTooFar,
            SlotsProblem::Repeated => SessionMsg::ErrSameTime,
        });
        let venue_msg = wrong("venue").then_some(if venue_choice == "online" {
            SessionMsg::ErrUrl
        } else {
            SessionMsg::ErrVenue
        });
        let checks = [
            (
                title_error,
                wrong("title").then_some(SessionMsg::ErrTitle),
                "s-title",
            ),
            (
                times_error,
                times_msg,
                incomplete
                    .first()
                    .and_then(|(index, _)| SLOT_DATE_IDS.get(*index).copied())
                    .unwrap_or(SLOT_DATE_IDS[0]),
            ),
            (
                length_error,
                wrong("length_minutes").then_some(SessionMsg::ErrLength),
                "s-length",
            ),
            (
                buffer_error,
                wrong("buffer_minutes").then_some(SessionMsg::ErrBuffer),
                "s-buffer",
            ),
            (
                venue_error,
                venue_msg,
                if venue_choice == "online" {
                    "s-url"
                } else {
                    "s-venue-online"
                },
            ),
            (
                staff_error,
                wrong("staff").then_some(SessionMsg::ErrStaff),
                "s-staff",
            ),
        ];
        for (signal, problem, id) in checks {
            signal.set(problem);
            if problem.is_some() {
                note(id);
            }
        }
        if let Some(id) = first_error {
            form_error.set(Some(SessionMsg::ErrCheck.text(lang)));
            focus_later(id.to_owned());
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = sessions::schedule(&code.get_value(), &request).await;
            busy.set(false);
            match result {
                Ok(scheduled) => on_done.run(scheduled),
                Err(BookingFailure::Conflicts(found)) => {
                    conflicts.set(found);
                    focus_later("s-slot-date-0".to_owned());
                }
                Err(BookingFailure::Other(failure)) if failure.is_unauthorized() => login.ended(),
                Err(BookingFailure::Other(ApiError::Status {
                    field: Some(field), ..
                })) => {
                    let (signal, id, msg) = match field.as_str() {
                        "title" => (title_error, "s-title", SessionMsg::ErrTitle),
                        "venue" => (venue_error, "s-venue-online", SessionMsg::ErrVenue),
                        "staff" => (staff_error, "s-staff", SessionMsg::ErrStaff),
                        "length_minutes" => (length_error, "s-length", SessionMsg::ErrLength),
                        "buffer_minutes" => (buffer_error, "s-buffer", SessionMsg::ErrBuffer),
                        _ => (times_error, "s-slot-date-0", SessionMsg::ErrTimes),
                    };
                    signal.set(Some(msg));
                    focus_later(id.to_owned());
                }
                Err(BookingFailure::Other(failure)) => {
                    form_error.set(Some(failure_said(&failure).text(i18n.0.get_untracked())))
                }
            }
        });
    };

    let slot_rows = move || {
        let all = slots.get();
        let shown: Vec<(usize, SlotDraft)> = if book_now.get() {
            all.into_iter().take(1).enumerate().collect()
        } else {
            all.into_iter().enumerate().collect()
        };
        let count = shown.len();
        shown
            .into_iter()
            .map(|(index, draft)| {
                let n = index + 1;
                let date_id = format!("s-slot-date-{index}");
                let time_id = format!("s-slot-time-{index}");
                let remove = (count > 2).then(|| {
                    let key = draft.key;
                    view! {
                        <button
                            type="button"
                            class="button secondary slot-remove"
                            on:click=move |_| slots.update(|all| all.retain(|d| d.key != key))
                        >
                            {move || SessionN::RemoveTime.with(i18n.lang(), n)}
                        </button>
                    }
                });
                let key = draft.key;
                view! {
                    <div
                        class="slot-row"
                        class:has-error=move || incomplete_rows.with(|rows| rows.contains(&key))
                    >
                        <div class="field compact">
                            <label for=date_id.clone()>{move || SessionN::SlotDate.with(i18n.lang(), n)}</label>
                            <input
                                id=date_id
                                type="date"
                                aria-describedby="s-times-help s-times-error"
                                prop:value=move || draft.date.get()
                                on:input=move |ev| {
                                    draft.date.set(event_target_value(&ev));
                                    times_error.set(None);
                                    incomplete_rows.set(Vec::new());
                                }
                            />
                        </div>
                        <div class="field compact">
                            <label for=time_id.clone()>{move || SessionN::SlotClock.with(i18n.lang(), n)}</label>
                            <input
                                id=time_id
                                type="time"
                                step="300"
                                aria-describedby="s-times-help s-times-error"
                                prop:value=move || draft.time.get()
                                on:input=move |ev| {
                                    draft.time.set(event_target_value(&ev));
                                    times_error.set(None);
                                    incomplete_rows.set(Vec::new());
                                }
                            />
                        </div>
                        {remove}
                    </div>
                }
            })
            .collect_view()
    };
    let add_slot = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        slots.update(|all| all.push(SlotDraft::new(key)));
    };
    let can_add = move || !book_now.get() && slots.with(|s| s.len() < 5);

    let place_options = places
        .into_iter()
        .map(|(id, name)| {
            let value = id.clone();
            let checked = value.clone();
            let input_id = format!("s-venue-{id}");
            let input_id_outer = input_id.clone();
            view! {
                <label class="radio-row" for=input_id_outer>
                    <input
                        id=input_id
                        type="radio"
                        name="s-venue"
                        value=value.clone()
                        prop:checked=move || venue.get() == checked
                        on:change=move |_| {
                            venue.set(value.clone());
                            venue_error.set(None);
                        }
                    />
                    <span>{move || i18n.lang().pick(&name)}</span>
                </label>
            }
        })
        .collect_view();

    let staff_options = move || {
        people
            .get()
            .into_iter()
            .map(|person| {
                let username = person.username.clone();
                let checked = username.clone();
                let input_id = format!("s-staff-{username}");
                let input_id_outer = input_id.clone();
                let role = person.role;
                view! {
                    <label class="check-row" for=input_id_outer>
                        <input
                            id=input_id
                            type="checkbox"
                            prop:checked=move || staff.with(|s| s.contains(&checked))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let username = username.clone();
                                staff.update(|s| {
                                    s.retain(|u| *u != username);
                                    if on {
                                        s.push(username);
                                    }
                                });
                                staff_error.set(None);
                            }
                        />
                        <span>{person.display_name.clone()} " · " {t(role_msg(role))}</span>
                    </label>
                }
            })
            .collect_view()
    };

    let party_options = present
        .into_iter()
        .map(|role| {
            let input_id = format!("s-party-{}", party_key(role));
            let input_id_outer = input_id.clone();
            view! {
                <label class="check-row" for=input_id_outer>
                    <input
                        id=input_id
                        type="checkbox"
                        prop:checked=move || parties.with(|p| p.contains(&role))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            parties.update(|p| {
                                p.retain(|r| *r != role);
                                if on {
                                    p.push(role);
                                }
                            });
                        }
                    />
                    <span>{t(party_msg(role))}</span>
                </label>
            }
        })
        .collect_view();

    view! {
        <form class="action-form schedule-form" novalidate on:submit=submit aria-labelledby="s-form-title">
            <h3 id="s-form-title">{t(SessionMsg::ScheduleTitle)}</h3>
            <div class="field" class:has-error=move || title_error.with(Option::is_some)>
                <label for="s-title">{t(SessionMsg::TitleLabel)}</label>
                <input
                    id="s-title"
                    type="text"
                    aria-describedby="s-title-error"
                    prop:value=move || title.get()
                    on:input=move |ev| {
                        title.set(event_target_value(&ev));
                        title_error.set(None);
                    }
                />
                <p class="error" id="s-title-error">{err(title_error)}</p>
            </div>
            <fieldset class="field choice-group">
                <legend>{t(SessionMsg::ModeLegend)}</legend>
                <label class="radio-row" for="s-mode-propose">
                    <input
                        id="s-mode-propose"
                        type="radio"
                        name="s-mode"
                        prop:checked=move || !book_now.get()
                        on:change=move |_| {
                            book_now.set(false);
                            times_error.set(None);
                        }
                    />
                    <span>{t(SessionMsg::ModePropose)}</span>
                </label>
                <label class="radio-row" for="s-mode-book">
                    <input
                        id="s-mode-book"
                        type="radio"
                        name="s-mode"
                        prop:checked=move || book_now.get()
                        on:change=move |_| {
                            book_now.set(true);
                            times_error.set(None);
                        }
                    />
                    <span>{t(SessionMsg::ModeBook)}</span>
                </label>
            </fieldset>
            <fieldset
                class="field slot-fieldset"
                class:has-error=move || {
                    (times_error.with(Option::is_some) && incomplete_rows.with(Vec::is_empty))
                        || conflicts.with(|c| !c.is_empty())
                }
            >
                <legend>{t(SessionMsg::TimesLegend)}</legend>
                <p class="help" id="s-times-help">{t(SessionMsg::TimesHelp)}</p>
                {slot_rows}
                <Show when=can_add>
                    <button type="button" class="button secondary" on:click=add_slot>
                        {t(SessionMsg::AddTime)}
                    </button>
                </Show>
                <p class="error" id="s-times-error">{err(times_error)}</p>
                {conflicts_view(conflicts, people)}
            </fieldset>
            <div class="pair">
                <div class="field compact" class:has-error=move || length_error.with(Option::is_some)>
                    <label for="s-length">{t(SessionMsg::LengthLabel)}</label>
                    <input
                        id="s-length"
                        type="number"
                        inputmode="numeric"
                        min="15"
                        max="480"
                        step="15"
                        aria-describedby="s-length-error"
                        prop:value=move || length.get()
                        on:input=move |ev| {
                            length.set(event_target_value(&ev));
                            length_error.set(None);
                        }
                    />
                    <p class="error" id="s-length-error">{err(length_error)}</p>
                </div>
                <div class="field compact" class:has-error=move || buffer_error.with(Option::is_some)>
                    <label for="s-buffer">{t(SessionMsg::BufferLabel)}</label>
                    <input
                        id="s-buffer"
                        type="number"
                        inputmode="numeric"
                        min="0"
                        max="120"
                        step="5"
                        aria-describedby="s-buffer-help s-buffer-error"
                        prop:value=move || buffer.get()
                        on:input=move |ev| {
                            buffer.set(event_target_value(&ev));
                            buffer_error.set(None);
                        }
                    />
                    <p class="help" id="s-buffer-help">{t(SessionMsg::BufferHelp)}</p>
                    <p class="error" id="s-buffer-error">{err(buffer_error)}</p>
                </div>
            </div>
            <fieldset
                class="field choice-group"
                class:has-error=move || venue_error.with(Option::is_some)
                aria-describedby="s-venue-error"
            >
                <legend>{t(SessionMsg::VenueLegend)}</legend>
                {place_options}
                <label class="radio-row" for="s-venue-online">
                    <input
                        id="s-venue-online"
                        type="radio"
                        name="s-venue"
                        value="online"
                        prop:checked=move || venue.get() == "online"
                        on:change=move |_| {
                            venue.set("online".to_owned());
                            venue_error.set(None);
                        }
                    />
                    <span>{t(SessionMsg::VenueOnline)}</span>
                </label>
                <Show when=move || venue.get() == "online">
                    <div class="field compact">
                        <label for="s-url">{t(SessionMsg::OnlineUrl)}</label>
                        <input
                            id="s-url"
                            type="url"
                            inputmode="url"
                            autocomplete="off"
                            aria-describedby="s-url-help s-venue-error"
                            prop:value=move || url.get()
                            on:input=move |ev| {
                                url.set(event_target_value(&ev));
                                venue_error.set(None);
                            }
                        />
                        <p class="help" id="s-url-help">{t(SessionMsg::OnlineUrlHelp)}</p>
                    </div>
                </Show>
                <p class="error" id="s-venue-error">{err(venue_error)}</p>
            </fieldset>
            <fieldset
                class="field choice-group"
                id="s-staff"
                tabindex="-1"
                class:has-error=move || staff_error.with(Option::is_some)
                aria-describedby="s-staff-error"
            >
                <legend>{t(SessionMsg::StaffLegend)}</legend>
                {staff_options}
                <p class="error" id="s-staff-error">{err(staff_error)}</p>
            </fieldset>
            <fieldset class="field choice-group">
                <legend>{t(SessionMsg::PartiesLegend)}</legend>
                {party_options}
            </fieldset>
            <p class="notice error-notice" role="alert" hidden=move || form_error.with(Option::is_none)>
                {move || form_error.get()}
            </p>
            <div class="form-buttons">
                <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    <Show
                        when=move || busy.get()
                        fallback=move || {
                            if book_now.get() { t(SessionMsg::SubmitBook)() } else { t(SessionMsg::SubmitPropose)() }
                        }
                    >
                        <span class="spinner" aria-hidden="true"></span>
                        {t(SessionMsg::Sending)}
                    </Show>
                </button>
                <button type="button" class="button secondary" on:click=move |_| on_close.run(())>
                    {move || crate::i18n::staff::StaffMsg::Cancel.text(i18n.lang())}
                </button>
            </div>
        </form>
    }
}

/// A stable id fragment for a party role.
pub fn party_key(role: PartyRole) -> &'static str {
    match role {
        PartyRole::Applicant => "applicant",
        PartyRole::Respondent => "respondent",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_local_times_become_utc_and_incomplete_ones_nothing() {
        let t = typed_instant("2031-03-04", "09:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2031-03-04T01:00:00+00:00");
        assert!(typed_instant("2031-03-04", "").is_none());
        assert!(typed_instant("", "09:00").is_none());
        assert_eq!(
            typed_instant("2031-03-04", "14:30:00")
                .unwrap()
                .to_rfc3339(),
            "2031-03-04T06:30:00+00:00"
        );
    }
}
