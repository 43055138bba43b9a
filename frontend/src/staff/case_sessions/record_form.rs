//! Recording a held session: who came, the outcome and a note.

use super::record_outbox::{is_changed, online, use_record_outbox, Synced};
use super::session_parts::{failure_text, outcome_msg, toast, Open};
use crate::common::session_item::participant_name;
use crate::common::toast::use_toasts;
use crate::i18n::sessions::SessionMsg;
use crate::i18n::{t, use_i18n};
use crate::staff::sign_in::use_login;
use accord_shared::offline::WaitingRecord;
use accord_shared::scheduling::{Participant, SessionOutcome, StaffSessionView};
use accord_shared::wire::{CaseDetail, Person};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn RecordForm(
    id: String,
    /// The case of the session.
    case_code: String,
    /// The session's version as shown: the record is written on it.
    version: u32,
    participants: Vec<Participant>,
    people: RwSignal<Vec<Person>>,
    case: RwSignal<Option<CaseDetail>>,
    replace: Callback<StaffSessionView>,
    busy: RwSignal<bool>,
    /// Which form of the card is open: closed once the record waits on the device.
    open: RwSignal<Open>,
) -> impl IntoView {
    let i18n = use_i18n();
    let signed = use_login();
    let toasts = use_toasts();
    let came = RwSignal::new(Vec::<Participant>::new());
    let minutes = RwSignal::new(String::new());
    // `Some(None)` is the no-show choice.
    let outcome = RwSignal::new(None::<Option<SessionOutcome>>);
    let outcome_error = RwSignal::new(None::<SessionMsg>);
    let error = RwSignal::new(None::<&'static str>);
    let id = StoredValue::new(id);
    let case_code = StoredValue::new(case_code);
    let outbox = use_record_outbox();
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
                <span>{t(outcome_msg(choice))}</span>
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
        // Kept on the device first, with the version the mediator saw: without signal it
        // waits there and syncs later (`record_outbox`); with signal it is sent at once.
        let record = WaitingRecord {
            session: id.get_value(),
            case_code: case_code.get_value(),
            based_on: version,
            no_show: choice.is_none(),
            attendees: came.get_untracked(),
            minutes: minutes.get_untracked(),
            outcome: choice,
            kept_at: chrono::Utc::now(),
        };
        error.set(None);
        if !outbox.keep(record.clone()) {
            error.set(Some(SessionMsg::RecordNotKept.text(i18n.0.get_untracked())));
            return;
        }
        if !online() {
            toasts.show_text(toast(SessionMsg::RecordKept));
            open.set(Open::Nothing);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let synced = outbox.send(record).await;
            busy.set(false);
            match synced {
                Synced::Sent(recorded) => {
                    toasts.show_text(toast(if recorded.case_move_pending {
                        SessionMsg::CaseMovePending
                    } else {
                        SessionMsg::Recorded
                    }));
                    case.set(Some(recorded.case));
                    replace.run(recorded.session);
                }
                Synced::Waiting => {
                    toasts.show_text(toast(SessionMsg::RecordKept));
                    open.set(Open::Nothing);
                }
                // The session changed since it was shown: the record stays, beside the
                // session as it is now (`pending_record`), for the mediator to choose.
                Synced::Refused(failure) if is_changed(&failure) => open.set(Open::Nothing),
                Synced::Refused(failure) => {
                    outbox.discard(&id.get_value());
                    if failure.is_unauthorized() {
                        signed.ended();
                    } else {
                        error.set(Some(failure_text(&failure, i18n.0.get_untracked())));
                    }
                }
            }
        });
    };
    view! {
        <form class="action-form" novalidate on:submit=submit>
            <fieldset class="field choice-group">
                <legend>{t(SessionMsg::AttendeesLegend)}</legend>
                {attendee_rows}
            </fieldset>
            <div class="field">
                <label for=minutes_id.clone()>{t(SessionMsg::MinutesLabel)}</label>
                <textarea id=minutes_id rows="4" prop:value=move || minutes.get()
                    on:input=move |ev| minutes.set(event_target_value(&ev))></textarea>
            </div>
            <fieldset class="field choice-group" class:has-error=move || outcome_error.with(Option::is_some)
                aria-describedby=format!("{base}-outcome-error")>
                <legend>{t(SessionMsg::OutcomeLegend)}</legend>
                {outcome_rows}
                <p class="error" id=format!("{base}-outcome-error")>{move || outcome_error.get().map(|m| m.text(i18n.lang()))}</p>
            </fieldset>
            <p class="notice error-notice" role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
            <div class="form-buttons">
                <button type="submit" class="button primary" disabled=move || busy.get()>{t(SessionMsg::SaveRecord)}</button>
            </div>
        </form>
    }
}
