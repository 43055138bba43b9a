//! The sessions of one case on its staff page: each with its status, time or proposed times
//! and who can come to each, reschedule requests, and what the reader may do now (confirm a
//! time, answer for themselves, move, cancel, record what happened). Scheduling opens here,
//! and the parties' links are shown once after it.

use crate::api::sessions::{self, BookingFailure, PartyLink, RecordRequest};
use crate::api::{self, ApiError};
use crate::common::clipboard::copy_text;
use crate::common::directory_state::use_directory;
use crate::common::i18n::{party_msg, t, use_i18n, Lang, Msg};
use crate::common::session_item::{participant_name, time_range, venue_text};
use crate::common::session_words::{status_class, status_word, tw, SessionWord};
use crate::common::toast::use_toasts;
use crate::common::when::format_when;
use crate::staff::session_form::{conflicts_view, party_key, typed_instant, ScheduleForm};
use crate::staff::session_i18n::{tm, SessionMsg};
use crate::staff::sign_in::use_session;
use accord_shared::case::CaseStatus;
use accord_shared::policy::{Action, Resource};
use accord_shared::scheduling::{
    Conflict, Participant, Session, SessionOutcome, SessionStatus, Venue,
};
use accord_shared::wire::{CaseDetail, Me, Person};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

fn toast(msg: SessionMsg) -> crate::common::toast::ToastText {
    Arc::new(move |lang| msg.text(lang).to_owned())
}

/// Between names in a list: `、` in Chinese, a comma in English.
fn separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

fn failure_text(failure: &ApiError, lang: Lang) -> &'static str {
    match failure {
        ApiError::Network => Msg::NetworkError.text(lang),
        _ => Msg::ServerError.text(lang),
    }
}

/// Who can come to a slot, who cannot, and who has not answered, in words.
pub fn tally(
    session: &Session,
    slot: u8,
    lang: Lang,
    staff_name: &dyn Fn(&str) -> String,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut can, mut cannot, mut waiting) = (Vec::new(), Vec::new(), Vec::new());
    for who in session.participants() {
        let name = participant_name(&who, lang, staff_name);
        match session
            .answers
            .iter()
            .find(|a| a.slot == slot && a.participant == who)
        {
            Some(a) if a.available => can.push(name),
            Some(_) => cannot.push(name),
            None => waiting.push(name),
        }
    }
    (can, cannot, waiting)
}

#[component]
pub fn CaseSessions(code: String, case: RwSignal<Option<CaseDetail>>) -> impl IntoView {
    let session = use_session();
    let me = match session.0.get_untracked() {
        crate::staff::sign_in::SessionState::SignedIn(me) => me,
        _ => return None::<AnyView>.into_any(),
    };
    let toasts = use_toasts();
    let list = RwSignal::new(None::<Result<Vec<Session>, ApiError>>);
    let people = RwSignal::new(Vec::<Person>::new());
    let open = RwSignal::new(false);
    let links = RwSignal::new(None::<Vec<PartyLink>>);
    let code = StoredValue::new(code);
    let load = move || {
        spawn_local(async move {
            let result = sessions::of_case(&code.get_value()).await;
            if result.as_ref().is_err_and(ApiError::is_unauthorized) {
                session.ended();
            }
            list.set(Some(result));
        });
    };
    load();
    // Names of the community's staff, once the case (and so its community) is known.
    let people_loaded = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(community) = case.with(|c| c.as_ref().map(|c| c.community.clone())) {
            if !people_loaded.get_value() {
                people_loaded.set_value(true);
                spawn_local(async move {
                    if let Ok(found) = api::people(&community).await {
                        people.set(found);
                    }
                });
            }
        }
    });
    let me = StoredValue::new(me);
    let replace = Callback::new(move |updated: Session| {
        list.update(|l| {
            if let Some(Ok(all)) = l {
                if let Some(row) = all.iter_mut().find(|s| s.id == updated.id) {
                    *row = updated;
                }
            }
        });
    });
    let on_done = Callback::new(move |scheduled: sessions::Scheduled| {
        open.set(false);
        links.set(Some(scheduled.party_links));
        list.update(|l| {
            if let Some(Ok(all)) = l {
                all.push(scheduled.session);
            }
        });
        toasts.show_text(toast(SessionMsg::Scheduled));
        crate::common::field::focus_later("party-links".to_owned());
    });

    (move || {
        let detail = case.get()?;
        let me_now = me.get_value();
        let may_change = me_now.may(
            Action::ChangeCase,
            Resource {
                community: Some(&detail.community),
                handlers: &detail.handlers,
            },
        );
        let can_schedule = may_change
            && matches!(
                detail.status,
                CaseStatus::Accepted | CaseStatus::Assigned | CaseStatus::InProgress
            );
        let mut preselected: Vec<String> = vec![];
        if matches!(me_now.role, accord_shared::staff::Role::Mediator) {
            preselected.push(me_now.username.clone());
        }
        for h in &detail.handlers {
            if !preselected.contains(&h.username) {
                preselected.push(h.username.clone());
            }
        }
        let form_case = detail.clone();
        let schedule = can_schedule.then(|| {
            view! {
                <Show
                    when=move || open.get()
                    fallback=move || view! {
                        <button type="button" class="button primary" on:click=move |_| {
                            open.set(true);
                            crate::common::field::focus_later("s-title".to_owned());
                        }>
                            {tm(SessionMsg::ScheduleOpen)}
                        </button>
                    }
                >
                    <ScheduleForm
                        case=form_case.clone()
                        people=people
                        preselected=preselected.clone()
                        on_done=on_done
                        on_close=Callback::new(move |_| open.set(false))
                    />
                </Show>
            }
        });
        let body = move || match list.get() {
            None => view! { <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p> }.into_any(),
            Some(Err(failure)) => {
                let lang = use_i18n().lang();
                view! { <p class="notice error-notice" role="alert">{failure_text(&failure, lang)}</p> }.into_any()
            }
            Some(Ok(all)) if all.is_empty() => view! { <p class="empty-state">{tm(SessionMsg::NoSessions)}</p> }.into_any(),
            Some(Ok(all)) => {
                let cards = all
                    .into_iter()
                    .rev()
                    .map(|s| {
                        view! {
                            <SessionCard
                                session=s
                                me=me.get_value()
                                may_change=may_change
                                people=people
                                case=case
                                replace=replace
                            />
                        }
                    })
                    .collect_view();
                view! { <ul class="session-cards">{cards}</ul> }.into_any()
            }
        };
        Some(view! {
            <section class="case-card sessions" aria-labelledby="sessions-title">
                <h2 id="sessions-title">{tw(SessionWord::SessionsTitle)}</h2>
                <PartyLinks links=links />
                {schedule}
                {body}
            </section>
        })
    })
    .into_any()
}

/// The parties' links, shown once with copy buttons.
#[component]
fn PartyLinks(links: RwSignal<Option<Vec<PartyLink>>>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    move || {
        let all = links.get()?;
        let origin = window().location().origin().unwrap_or_default();
        let rows = all
            .into_iter()
            .map(|link| {
                let url = format!("{origin}/s#{}", link.token);
                let id = format!("party-link-{}", party_key(link.role));
                let copy = url.clone();
                let role = link.role;
                view! {
                    <div class="field compact">
                        <label for=id.clone()>
                            {move || SessionMsg::LinkFor.with_x(i18n.lang(), party_msg(role).text(i18n.lang()))}
                        </label>
                        <div class="copy-row">
                            <input id=id type="text" class="mono link-url" readonly prop:value=url />
                            <button type="button" class="button secondary" on:click=move |_| copy_text(copy.clone(), toasts)>
                                {move || SessionMsg::CopyLinkFor.with_x(i18n.lang(), party_msg(role).text(i18n.lang()))}
                            </button>
                        </div>
                    </div>
                }
            })
            .collect_view();
        Some(view! {
            <div class="notice warning-notice party-links" id="party-links" tabindex="-1" role="region" aria-labelledby="party-links-title">
                <h3 id="party-links-title">{tm(SessionMsg::LinksTitle)}</h3>
                <p>{tm(SessionMsg::LinksNote)}</p>
                {rows}
                <button type="button" class="button secondary" on:click=move |_| links.set(None)>
                    {tm(SessionMsg::LinksDone)}
                </button>
            </div>
        })
    }
}

/// Which of the card's forms is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Reschedule,
    Cancel,
    Record,
}

#[component]
fn SessionCard(
    session: Session,
    me: Me,
    may_change: bool,
    people: RwSignal<Vec<Person>>,
    case: RwSignal<Option<CaseDetail>>,
    replace: Callback<Session>,
) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let signed = use_session();
    let toasts = use_toasts();
    let open = RwSignal::new(Open::Nothing);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<&'static str>);
    let conflicts = RwSignal::new(Vec::<Conflict>::new());
    let id = StoredValue::new(session.id.clone());
    let staff_name = move |username: &str| -> String {
        people.with(|all| {
            all.iter()
                .find(|p| p.username == username)
                .map(|p| p.display_name.clone())
                .unwrap_or_else(|| username.to_owned())
        })
    };
    let fail = move |failure: ApiError| {
        if failure.is_unauthorized() {
            signed.ended();
        } else {
            error.set(Some(failure_text(&failure, i18n.0.get_untracked())));
        }
    };
    let booking_failed = move |failure: BookingFailure| match failure {
        BookingFailure::Conflicts(found) => conflicts.set(found),
        BookingFailure::Other(failure) => fail(failure),
    };

    let status = session.status;
    let now = chrono::Utc::now();
    let title_id = format!("session-{}-title", session.id);
    let title_id_outer = title_id.clone();
    let s = StoredValue::new(session.clone());

    // The time (confirmed and after) or the proposed times with their tally.
    let times = move || {
        let lang = i18n.lang();
        let session = s.get_value();
        match session.start {
            Some(start) => view! {
                <p class="session-when"><strong>{time_range(start, session.length_minutes, lang)}</strong></p>
            }
            .into_any(),
            None => {
                let rows = session
                    .slots
                    .iter()
                    .map(|slot| {
                        let (can, cannot, waiting) = tally(&session, slot.id, lang, &staff_name);
                        let slot_id = slot.id;
                        let line = |msg: SessionMsg, names: Vec<String>, class: &'static str| {
                            (!names.is_empty()).then(|| view! { <li class=class>{msg.with_x(lang, &names.join(separator(lang)))}</li> })
                        };
                        let confirm = (may_change && status == SessionStatus::Proposed).then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="button secondary"
                                    disabled=move || busy.get()
                                    on:click=move |_| {
                                        busy.set(true);
                                        error.set(None);
                                        conflicts.set(Vec::new());
                                        spawn_local(async move {
                                            let result = sessions::confirm(&id.get_value(), slot_id).await;
                                            busy.set(false);
                                            match result {
                                                Ok(updated) => {
                                                    toasts.show_text(toast(SessionMsg::Confirmed));
                                                    replace.run(updated);
                                                }
                                                Err(failure) => booking_failed(failure),
                                            }
                                        });
                                    }
                                >
                                    {tm(SessionMsg::ConfirmSlot)} " · " {format_when(slot.start, lang)}
                                </button>
                            }
                        });
                        view! {
                            <li class="slot-tally">
                                <p><strong>{format_when(slot.start, lang)}</strong></p>
                                <ul class="tally">
                                    {line(SessionMsg::TallyCan, can, "tally-can")}
                                    {line(SessionMsg::TallyCannot, cannot, "tally-cannot")}
                                    {line(SessionMsg::TallyWaiting, waiting, "tally-waiting")}
                                </ul>
                                {confirm}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <p class="muted">{tw(SessionWord::ProposedTimes)}</p>
                    <ul class="slot-list">{rows}</ul>
                }
                .into_any()
            }
        }
    };

    let venue = session.venue.clone();
    let place = move || {
        let dir = directory.0.get().and_then(Result::ok);
        let text = venue_text(&venue, dir.as_ref(), i18n.lang());
        match &venue {
            Venue::Online { url } => {
                view! { <a href=url.clone() target="_blank" rel="noopener">{text}</a> }.into_any()
            }
            Venue::Place { .. } => view! { <span>{text}</span> }.into_any(),
        }
    };
    let who = {
        let session = session.clone();
        move || {
            let lang = i18n.lang();
            session
                .participants()
                .iter()
                .map(|p| participant_name(p, lang, &staff_name))
                .collect::<Vec<_>>()
                .join(separator(lang))
        }
    };
    let attending = (!session.attending.is_empty()).then(|| {
        let list = session.attending.clone();
        view! {
            <dt>{tm(SessionMsg::AttendingLabel)}</dt>
            <dd>{move || list.iter().map(|p| participant_name(p, i18n.lang(), &staff_name)).collect::<Vec<_>>().join(separator(i18n.lang()))}</dd>
        }
    });
    let requests = (!session.reschedule_requests.is_empty()).then(|| {
        let items = session
            .reschedule_requests
            .iter()
            .map(|r| {
                let who = r.participant.clone();
                let at = r.at;
                view! {
                    <li>
                        <strong>{move || participant_name(&who, i18n.lang(), &staff_name)}</strong>
                        " · " {move || format_when(at, i18n.lang())} ": " {r.reason.clone()}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="notice warning-notice">
                <h4>{tm(SessionMsg::RequestsTitle)}</h4>
                <ul>{items}</ul>
            </div>
        }
    });
    let record = session.record.clone().map(|record| {
        let outcome = outcome_msg(Some(record.outcome));
        view! {
            <dt>{tm(SessionMsg::RecordLabel)}</dt>
            <dd>{tm(outcome)} <p class="description">{record.minutes}</p></dd>
        }
    });

    let my_answers = (status == SessionStatus::Proposed
        && session.staff.contains(&me.username))
    .then(|| view! { <MyAnswers session=session.clone() username=me.username.clone() replace=replace /> });

    let started = session.start.is_some_and(|start| start <= now);
    let confirmed = status == SessionStatus::Confirmed;
    let live = matches!(status, SessionStatus::Proposed | SessionStatus::Confirmed);
    let actions = (may_change && live).then(|| {
        let toggle = move |which: Open| {
            move |_| {
                error.set(None);
                conflicts.set(Vec::new());
                open.update(|o| *o = if *o == which { Open::Nothing } else { which });
            }
        };
        let reschedule = confirmed.then(|| view! {
            <button type="button" class="action-toggle" aria-expanded=move || (open.get() == Open::Reschedule).to_string() on:click=toggle(Open::Reschedule)>
                {tm(SessionMsg::Reschedule)}
            </button>
        });
        let record = (confirmed && started).then(|| view! {
            <button type="button" class="action-toggle" aria-expanded=move || (open.get() == Open::Record).to_string() on:click=toggle(Open::Record)>
                {tm(SessionMsg::RecordOpen)}
            </button>
        });
        view! {
            <div class="session-actions">
                {record}
                {reschedule}
                <button type="button" class="action-toggle" aria-expanded=move || (open.get() == Open::Cancel).to_string() on:click=toggle(Open::Cancel)>
                    {tm(SessionMsg::CancelSession)}
                </button>
            </div>
        }
    });
    let participants = session.participants();
    let form = move || {
        match open.get() {
        Open::Nothing => None,
        Open::Reschedule => Some(view! { <RescheduleForm id=id.get_value() busy=busy replace=replace booking_failed=booking_failed open=open /> }.into_any()),
        Open::Cancel => Some(view! {
            <div class="action-form" role="group">
                <p>{tm(SessionMsg::CancelSure)}</p>
                <div class="form-buttons">
                    <button type="button" class="button danger" disabled=move || busy.get() on:click=move |_| {
                        busy.set(true);
                        spawn_local(async move {
                            let result = sessions::cancel(&id.get_value()).await;
                            busy.set(false);
                            match result {
                                Ok(updated) => {
                                    toasts.show_text(toast(SessionMsg::CancelledToast));
                                    replace.run(updated);
                                }
                                Err(failure) => fail(failure),
                            }
                        });
                    }>{tm(SessionMsg::CancelYes)}</button>
                    <button type="button" class="button secondary" on:click=move |_| open.set(Open::Nothing)>{tm(SessionMsg::Keep)}</button>
                </div>
            </div>
        }.into_any()),
        Open::Record => Some(view! {
            <RecordForm id=id.get_value() participants=participants.clone() people=people case=case replace=replace busy=busy />
        }.into_any()),
    }
    };

    view! {
        <li class="session-card" aria-labelledby=title_id_outer>
            <h3 id=title_id>
                {session.title.clone()} " "
                <span class=status_class(status)>{tw(status_word(status))}</span>
            </h3>
            {times}
            {conflicts_view(conflicts, people)}
            <dl class="facts">
                <dt>{tw(SessionWord::WhereLabel)}</dt>
                <dd>{place}</dd>
                <dt>{tm(SessionMsg::StaffLegend)} " / " {tm(SessionMsg::PartiesLegend)}</dt>
                <dd>{who}</dd>
                {attending}
                {record}
            </dl>
            {requests}
            {my_answers}
            {actions}
            {form}
            <p class="notice error-notice" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
        </li>
    }
}

pub fn outcome_msg(outcome: Option<SessionOutcome>) -> SessionMsg {
    match outcome {
        Some(SessionOutcome::AgreementReached) => SessionMsg::OutcomeAgreement,
        Some(SessionOutcome::Failed) => SessionMsg::OutcomeFailed,
        Some(SessionOutcome::Adjourned) => SessionMsg::OutcomeAdjourned,
        None => SessionMsg::NoShowOption,
    }
}

/// The reader's own answers, as a staff participant.
#[component]
fn MyAnswers(session: Session, username: String, replace: Callback<Session>) -> impl IntoView {
    let i18n = use_i18n();
    let signed = use_session();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<&'static str>);
    let me_answers: Vec<(u8, RwSignal<Option<bool>>)> = session
        .slots
        .iter()
        .map(|slot| {
            let given = session
                .answers
                .iter()
                .find(|a| {
                    a.slot == slot.id && a.participant == Participant::Staff(username.clone())
                })
                .map(|a| a.available);
            (slot.id, RwSignal::new(given))
        })
        .collect();
    let id = StoredValue::new(session.id.clone());
    let answers = StoredValue::new(me_answers.clone());
    let rows = session
        .slots
        .iter()
        .zip(me_answers)
        .map(|(slot, (slot_id, choice))| {
            let start = slot.start;
            let name = format!("mine-{}-{slot_id}", session.id);
            let yes_id = format!("{name}-yes");
            let yes_id_outer = yes_id.clone();
            let no_id = format!("{name}-no");
            let no_id_outer = no_id.clone();
            view! {
                <fieldset class="answer-row">
                    <legend>{move || format_when(start, i18n.lang())}</legend>
                    <label class="radio-row" for=yes_id_outer>
                        <input id=yes_id type="radio" name=name.clone() prop:checked=move || choice.get() == Some(true) on:change=move |_| choice.set(Some(true)) />
                        <span>{tm(SessionMsg::ICan)}</span>
                    </label>
                    <label class="radio-row" for=no_id_outer>
                        <input id=no_id type="radio" name=name.clone() prop:checked=move || choice.get() == Some(false) on:change=move |_| choice.set(Some(false)) />
                        <span>{tm(SessionMsg::ICannot)}</span>
                    </label>
                </fieldset>
            }
        })
        .collect_view();
    let save = move |_| {
        let chosen: Vec<(u8, bool)> = answers
            .get_value()
            .iter()
            .filter_map(|(slot, choice)| choice.get_untracked().map(|c| (*slot, c)))
            .collect();
        if chosen.is_empty() {
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = sessions::answer(&id.get_value(), &chosen).await;
            busy.set(false);
            match result {
                Ok(updated) => {
                    toasts.show_text(toast(SessionMsg::AnswersSaved));
                    replace.run(updated);
                }
                Err(failure) if failure.is_unauthorized() => signed.ended(),
                Err(failure) => error.set(Some(failure_text(&failure, i18n.0.get_untracked()))),
            }
        });
    };
    view! {
        <div class="my-answers" role="group" aria-label=tm(SessionMsg::MyAnswersLegend)>
            <h4>{tm(SessionMsg::MyAnswersLegend)}</h4>
            {rows}
            <button type="button" class="button secondary" disabled=move || busy.get() on:click=save>
                {tm(SessionMsg::SaveMyAnswers)}
            </button>
            <p class="notice error-notice" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
        </div>
    }
}

#[component]
fn RescheduleForm(
    id: String,
    busy: RwSignal<bool>,
    replace: Callback<Session>,
    booking_failed: impl Fn(BookingFailure) + Copy + Send + Sync + 'static,
    open: RwSignal<Open>,
) -> impl IntoView {
    let toasts = use_toasts();
    let date = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let error = RwSignal::new(None::<SessionMsg>);
    let i18n = use_i18n();
    let id = StoredValue::new(id);
    let base = format!("r-{}", id.get_value());
    let (date_id, time_id, error_id) = (
        format!("{base}-date"),
        format!("{base}-time"),
        format!("{base}-error"),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(start) = typed_instant(&date.get_untracked(), &time.get_untracked()) else {
            error.set(Some(SessionMsg::ErrOneTime));
            return;
        };
        if start <= chrono::Utc::now() {
            error.set(Some(SessionMsg::ErrPast));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = sessions::reschedule(&id.get_value(), start).await;
            busy.set(false);
            match result {
                Ok(updated) => {
                    toasts.show_text(toast(SessionMsg::Rescheduled));
                    open.set(Open::Nothing);
                    replace.run(updated);
                }
                Err(failure) => booking_failed(failure),
            }
        });
    };
    view! {
        <form class="action-form" novalidate on:submit=submit>
            <div class="pair">
                <div class="field compact" class:has-error=move || error.with(Option::is_some)>
                    <label for=date_id.clone()>{tm(SessionMsg::NewDate)}</label>
                    <input id=date_id type="date" aria-describedby=error_id.clone() prop:value=move || date.get()
                        on:input=move |ev| { date.set(event_target_value(&ev)); error.set(None); } />
                </div>
                <div class="field compact" class:has-error=move || error.with(Option::is_some)>
                    <label for=time_id.clone()>{tm(SessionMsg::NewClock)}</label>
                    <input id=time_id type="time" step="300" aria-describedby=error_id.clone() prop:value=move || time.get()
                        on:input=move |ev| { time.set(event_target_value(&ev)); error.set(None); } />
                </div>
            </div>
            <p class="error field-error" id=error_id>{move || error.get().map(|m| m.text(i18n.lang()))}</p>
            <div class="form-buttons">
                <button type="submit" class="button primary" disabled=move || busy.get()>{tm(SessionMsg::SaveNewTime)}</button>
            </div>
        </form>
    }
}

#[component]
fn RecordForm(
    id: String,
    participants: Vec<Participant>,
    people: RwSignal<Vec<Person>>,
    case: RwSignal<Option<CaseDetail>>,
    replace: Callback<Session>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let signed = use_session();
    let toasts = use_toasts();
    let came = RwSignal::new(Vec::<Participant>::new());
    let minutes = RwSignal::new(String::new());
    // `Some(None)` is the no-show choice.
    let outcome = RwSignal::new(None::<Option<SessionOutcome>>);
    let outcome_error = RwSignal::new(None::<SessionMsg>);
    let error = RwSignal::new(None::<&'static str>);
    let id = StoredValue::new(id);
    let base = format!("rec-{}", id.get_value());
    let staff_name = move |username: &str| -> String {
        people.with(|all| {
            all.iter()
                .find(|p| p.username == username)
                .map(|p| p.display_name.clone())
                .unwrap_or_else(|| username.to_owned())
        })
    };
    let attendee_rows = participants
        .into_iter()
        .enumerate()
        .map(|(i, who)| {
            let input_id = format!("{}-who-{i}", base);
            let input_id_outer = input_id.clone();
            let label_who = who.clone();
            let checked = who.clone();
            view! {
                <label class="check-row" for=input_id_outer>
                    <input id=input_id type="checkbox" prop:checked=move || came.with(|c| c.contains(&checked))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let who = who.clone();
                            came.update(|c| { c.retain(|x| *x != who); if on { c.push(who); } });
                        } />
                    <span>{move || participant_name(&label_who, i18n.lang(), &staff_name)}</span>
                </label>
            }
        })
        .collect_view();
    let outcome_rows = [
        Some(SessionOutcome::AgreementReached),
        Some(SessionOutcome::Failed),
        Some(SessionOutcome::Adjourned),
        None,
    ]
    .into_iter()
    .enumerate()
    .map(|(i, choice)| {
        let input_id = format!("{}-outcome-{i}", base);
        let input_id_outer = input_id.clone();
        view! {
            <label class="radio-row" for=input_id_outer>
                <input id=input_id type="radio" name=format!("{}-outcome", base)
                    prop:checked=move || outcome.get() == Some(choice)
                    on:change=move |_| { outcome.set(Some(choice)); outcome_error.set(None); } />
                <span>{tm(outcome_msg(choice))}</span>
            </label>
        }
    })
    .collect_view();
    let minutes_id = format!("{base}-minutes");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(choice) = outcome.get_untracked() else {
            outcome_error.set(Some(SessionMsg::ErrOutcome));
            return;
        };
        let request = RecordRequest {
            no_show: choice.is_none(),
            attendees: came.get_untracked(),
            minutes: minutes.get_untracked(),
            outcome: choice,
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = sessions::record(&id.get_value(), &request).await;
            busy.set(false);
            match result {
                Ok(recorded) => {
                    toasts.show_text(toast(SessionMsg::Recorded));
                    case.set(Some(recorded.case));
                    replace.run(recorded.session);
                }
                Err(failure) if failure.is_unauthorized() => signed.ended(),
                Err(failure) => error.set(Some(failure_text(&failure, i18n.0.get_untracked()))),
            }
        });
    };
    view! {
        <form class="action-form" novalidate on:submit=submit>
            <fieldset class="field choice-group">
                <legend>{tm(SessionMsg::AttendeesLegend)}</legend>
                {attendee_rows}
            </fieldset>
            <div class="field">
                <label for=minutes_id.clone()>{tm(SessionMsg::MinutesLabel)}</label>
                <textarea id=minutes_id rows="4" prop:value=move || minutes.get()
                    on:input=move |ev| minutes.set(event_target_value(&ev))></textarea>
            </div>
            <fieldset class="field choice-group" class:has-error=move || outcome_error.with(Option::is_some)
                aria-describedby=format!("{base}-outcome-error")>
                <legend>{tm(SessionMsg::OutcomeLegend)}</legend>
                {outcome_rows}
                <p class="error" id=format!("{base}-outcome-error")>{move || outcome_error.get().map(|m| m.text(i18n.lang()))}</p>
            </fieldset>
            <p class="notice error-notice" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
            <div class="form-buttons">
                <button type="submit" class="button primary" disabled=move || busy.get()>{tm(SessionMsg::SaveRecord)}</button>
            </div>
        </form>
    }
}
