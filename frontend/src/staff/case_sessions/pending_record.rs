//! A session's record waiting on this device: "saved here, syncs when the connection is
//! back", or, when the session changed since the record was written, the conflict shown in
//! full: the mediator's record, the session as it is now, and the choice to save the record
//! anyway or discard it.

use super::record_outbox::{is_changed, online, use_record_outbox, Synced};
use super::session_parts::{failure_text, outcome_msg, toast};
use crate::api::ApiError;
use crate::common::toast::use_toasts;
use crate::common::when::format_when;
use crate::i18n::session_words::{status_word, SessionWord};
use crate::i18n::sessions::SessionMsg;
use crate::i18n::{t, use_i18n};
use accord_shared::scheduling::{Session, StaffSessionView};
use accord_shared::wire::CaseDetail;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn PendingRecord(
    /// The session as the server sent it last.
    session: Session,
    case: RwSignal<Option<CaseDetail>>,
    replace: Callback<StaffSessionView>,
) -> impl IntoView {
    let outbox = use_record_outbox();
    let i18n = use_i18n();
    let toasts = use_toasts();
    let error = RwSignal::new(None::<&'static str>);
    let session = StoredValue::new(session);
    let id = session.with_value(|s| s.id.clone());
    let id = StoredValue::new(id);
    let save_anyway = move |_| {
        let Some(record) = outbox.of(&id.get_value()) else {
            return;
        };
        let version = session.with_value(|s| s.version);
        error.set(None);
        if !outbox.rebase(record.clone(), version) || !online() {
            return;
        }
        let mut record = record;
        record.based_on = version;
        spawn_local(async move {
            match outbox.send(record).await {
                Synced::Sent(recorded) => {
                    toasts.show_text(toast(SessionMsg::Recorded));
                    case.set(Some(recorded.case));
                    replace.run(recorded.session);
                }
                Synced::Waiting => {}
                Synced::Refused(failure) => {
                    error.set(Some(failure_text(&failure, i18n.0.get_untracked())))
                }
            }
        });
    };
    let discard = move |_| outbox.discard(&id.get_value());
    move || {
        let record = outbox.of(&id.get_value())?;
        let refusal = outbox.refusal(&id.get_value());
        let mine = view! {
            <dl class="facts">
                <dt>{t(SessionMsg::OutcomeLegend)}</dt>
                <dd>{t(outcome_msg(record.outcome.filter(|_| !record.no_show)))}</dd>
                <dt>{t(SessionMsg::MinutesLabel)}</dt>
                <dd class="description">{record.minutes.clone()}</dd>
            </dl>
        };
        let Some(code) = refusal else {
            return Some(
                view! {
                    <div class="notice warning-notice pending-record" role="status">
                        <h4>{t(SessionMsg::RecordKeptTitle)}</h4>
                        <p>{t(SessionMsg::RecordKept)}</p>
                        {mine}
                    </div>
                }
                .into_any(),
            );
        };
        let changed = is_changed(&ApiError::Status {
            status: 409,
            code: code.clone(),
            field: None,
        });
        let now = session.with_value(|s| {
            let status = s.status;
            let start = s.start;
            let server_record = s.record.clone();
            view! {
                <dl class="facts">
                    <dt>{t(SessionMsg::RecordConflictStatus)}</dt>
                    <dd>{t(status_word(status))}</dd>
                    {start.map(|at| view! {
                        <dt>{t(SessionWord::TimeLabel)}</dt>
                        <dd>{move || format_when(at, i18n.lang())}</dd>
                    })}
                    {server_record.map(|r| view! {
                        <dt>{t(SessionMsg::RecordLabel)}</dt>
                        <dd>{t(outcome_msg(Some(r.outcome)))} <p class="description">{r.minutes}</p></dd>
                    })}
                </dl>
            }
        });
        let why = if changed {
            SessionMsg::RecordConflictBody
        } else {
            SessionMsg::RecordRefusedBody
        };
        Some(
            view! {
                <section class="notice error-notice pending-record" role="alert" aria-labelledby=format!("conflict-{}", id.get_value())>
                    <h4 id=format!("conflict-{}", id.get_value())>{t(SessionMsg::RecordConflictTitle)}</h4>
                    <p>{t(why)}</p>
                    <h5>{t(SessionMsg::RecordConflictNow)}</h5>
                    {now}
                    <h5>{t(SessionMsg::RecordConflictMine)}</h5>
                    {mine}
                    <div class="form-buttons">
                        <button type="button" class="button primary" on:click=save_anyway>
                            {t(SessionMsg::RecordSaveMine)}
                        </button>
                        <button type="button" class="button secondary" on:click=discard>
                            {t(SessionMsg::RecordDiscardMine)}
                        </button>
                    </div>
                    <p class="error" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
                </section>
            }
            .into_any(),
        )
    }
}
