//! One mediation session on a case: its facts, answers and the actions on it.

use super::my_answers::MyAnswers;
use super::pending_record::PendingRecord;
use super::record_form::RecordForm;
use super::reschedule_form::RescheduleForm;
use super::session_parts::{failure_text, outcome_msg, separator, tally, toast, Open};
use crate::api::sessions::{self, BookingFailure};
use crate::api::ApiError;
use crate::common::directory_state::use_directory;
use crate::common::session_item::{participant_name, time_range, venue_text};
use crate::common::toast::use_toasts;
use crate::common::when::{format_when, format_when_with_weekday};
use crate::i18n::session_words::{status_class, status_word, SessionWord};
use crate::i18n::sessions::{SessionMsg, SessionX};
use crate::i18n::{t, use_i18n};
use crate::staff::session_form::conflicts_view;
use crate::staff::sign_in::use_login;
use accord_shared::scheduling::{Conflict, SessionAction, StaffSessionView, Venue};
use accord_shared::wire::{CaseDetail, Me, Person};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SessionCard(
    session: StaffSessionView,
    me: Me,
    people: RwSignal<Vec<Person>>,
    case: RwSignal<Option<CaseDetail>>,
    replace: Callback<StaffSessionView>,
) -> impl IntoView {
    // What the reader may do comes from the server; the card only shows it.
    let allowed = session.allowed_actions.clone();
    let may = move |action: SessionAction| allowed.contains(&action);
    let session = session.session;
    let i18n = use_i18n();
    let directory = use_directory();
    let signed = use_login();
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
    let may_confirm = may(SessionAction::Confirm);
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
                        let line = |msg: SessionX, names: Vec<String>, class: &'static str| {
                            (!names.is_empty()).then(|| view! { <li class=class>{msg.with(lang, &names.join(separator(lang)))}</li> })
                        };
                        let confirm = may_confirm.then(|| {
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
                                    {t(SessionMsg::ConfirmSlot)} " · " {format_when_with_weekday(slot.start, lang)}
                                </button>
                            }
                        });
                        view! {
                            <li class="slot-tally">
                                <p><strong>{format_when_with_weekday(slot.start, lang)}</strong></p>
                                <ul class="tally">
                                    {line(SessionX::TallyCan, can, "tally-can")}
                                    {line(SessionX::TallyCannot, cannot, "tally-cannot")}
                                    {line(SessionX::TallyWaiting, waiting, "tally-waiting")}
                                </ul>
                                {confirm}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <p class="muted">{t(SessionWord::ProposedTimes)}</p>
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
            <dt>{t(SessionMsg::AttendingLabel)}</dt>
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
                <h4>{t(SessionMsg::RequestsTitle)}</h4>
                <ul>{items}</ul>
            </div>
        }
    });
    let record = session.record.clone().map(|record| {
        let outcome = outcome_msg(Some(record.outcome));
        view! {
            <dt>{t(SessionMsg::RecordLabel)}</dt>
            <dd>{t(outcome)} <p class="description">{record.minutes}</p></dd>
        }
    });

    let my_answers = may(SessionAction::Answer).then(|| view! { <MyAnswers session=session.clone() username=me.username.clone() replace=replace /> });

    let may_reschedule = may(SessionAction::Reschedule);
    let may_record = may(SessionAction::RecordHeld) || may(SessionAction::RecordNoShow);
    let may_cancel = may(SessionAction::Cancel);
    let actions = (may_reschedule || may_record || may_cancel).then(|| {
        let toggle = move |which: Open| {
            move |_| {
                error.set(None);
                conflicts.set(Vec::new());
                open.update(|o| *o = if *o == which { Open::Nothing } else { which });
            }
        };
        let reschedule = may_reschedule.then(|| view! {
            <button type="button" class="action-toggle" aria-expanded=move || (open.get() == Open::Reschedule).to_string() on:click=toggle(Open::Reschedule)>
                {t(SessionMsg::Reschedule)}
            </button>
        });
        let record = may_record.then(|| view! {
            <button type="button" class="action-toggle" aria-expanded=move || (open.get() == Open::Record).to_string() on:click=toggle(Open::Record)>
                {t(SessionMsg::RecordOpen)}
            </button>
        });
        view! {
            <div class="session-actions">
                {record}
                {reschedule}
                {may_cancel.then(|| view! {
                    <button type="button" class="action-toggle" aria-expanded=move || (open.get() == Open::Cancel).to_string() on:click=toggle(Open::Cancel)>
                        {t(SessionMsg::CancelSession)}
                    </button>
                })}
            </div>
        }
    });
    let participants = session.participants();
    let case_code = session.case_code.clone();
    let version = session.version;
    let form = move || {
        match open.get() {
        Open::Nothing => None,
        Open::Reschedule => Some(view! { <RescheduleForm id=id.get_value() busy=busy replace=replace booking_failed=booking_failed open=open /> }.into_any()),
        Open::Cancel => Some(view! {
            <div class="action-form" role="group">
                <p>{t(SessionMsg::CancelSure)}</p>
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
                    }>{t(SessionMsg::CancelYes)}</button>
                    <button type="button" class="button secondary" on:click=move |_| open.set(Open::Nothing)>{t(SessionMsg::Keep)}</button>
                </div>
            </div>
        }.into_any()),
        Open::Record => Some(view! {
            <RecordForm id=id.get_value() case_code=case_code.clone() version=version participants=participants.clone() people=people case=case replace=replace busy=busy open=open />
        }.into_any()),
    }
    };

    view! {
        <li class="session-card" aria-labelledby=title_id_outer>
            <h3 id=title_id>
                {session.title.clone()} " "
                <span class=status_class(status)>{t(status_word(status))}</span>
            </h3>
            {times}
            {conflicts_view(conflicts, people)}
            <dl class="facts">
                <dt>{t(SessionWord::WhereLabel)}</dt>
                <dd>{place}</dd>
                <dt>{t(SessionMsg::StaffLegend)} " / " {t(SessionMsg::PartiesLegend)}</dt>
                <dd>{who}</dd>
                {attending}
                {record}
            </dl>
            {requests}
            <PendingRecord session=session.clone() case=case replace=replace />
            {my_answers}
            {actions}
            {form}
            <p class="notice error-notice" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
        </li>
    }
}
