//! Records of held sessions written without signal (at a resident's home, in a stairwell):
//! kept on this device (`localStorage`, `accord.waiting-records`) with the session's version
//! they were written on, and synced when the connection returns (the `online` event, every
//! few seconds while one waits, and whenever the case's page opens). The calendar's version
//! check decides: a session changed since the record was written is refused
//! (`session_changed`), and the record stays on the device, shown beside the session as it
//! is now, until the mediator saves it anyway or discards it; nothing is overwritten or lost
//! without their say. A synced record is removed from the device. The rules are
//! `accord_shared::offline`'s.

use crate::api::sessions::{self, RecordRequest, Recorded};
use crate::api::ApiError;
use accord_shared::offline::{
    after_send, keep_record, still_kept, AfterSend, WaitingRecord, KEEP_RECORD_DAYS,
};
use leptos::prelude::*;

const KEY: &str = "accord.waiting-records";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read() -> Vec<WaitingRecord> {
    let kept: Vec<WaitingRecord> = local_storage()
        .and_then(|storage| storage.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    let now = chrono::Utc::now();
    kept.into_iter()
        .filter(|record| still_kept(record.kept_at, KEEP_RECORD_DAYS, now))
        .collect()
}

fn write(waiting: &[WaitingRecord]) -> bool {
    let Some(storage) = local_storage() else {
        return false;
    };
    if waiting.is_empty() {
        return storage.remove_item(KEY).is_ok();
    }
    serde_json::to_string(waiting)
        .ok()
        .is_some_and(|json| storage.set_item(KEY, &json).is_ok())
}

pub fn use_record_outbox() -> RecordOutbox {
    expect_context::<RecordOutbox>()
}

pub fn online() -> bool {
    window().navigator().on_line()
}

/// Whether a refusal is the version check's: the session changed since the record was
/// written.
pub fn is_changed(failure: &ApiError) -> bool {
    matches!(failure, ApiError::Status { code, .. } if code == "session_changed")
}

/// What became of one attempt to sync a record.
pub enum Synced {
    Sent(Box<Recorded>),
    /// Still on the device: no connection, or the server could not take it now.
    Waiting,
    /// Refused: kept on the device for the mediator to choose.
    Refused(ApiError),
}

/// The records waiting on this device, for every case's session list.
#[derive(Debug, Clone, Copy)]
pub struct RecordOutbox {
    pub list: RwSignal<Vec<WaitingRecord>>,
    /// Sessions whose waiting record the server refused, with the refusal's code.
    pub refused: RwSignal<Vec<(String, String)>>,
    pub syncing: RwSignal<bool>,
    /// Counts the refusals: the session list reloads to show the sessions as they are now.
    pub refusals: RwSignal<u32>,
}

impl RecordOutbox {
    pub fn new() -> RecordOutbox {
        RecordOutbox {
            list: RwSignal::new(read()),
            refused: RwSignal::new(Vec::new()),
            syncing: RwSignal::new(false),
            refusals: RwSignal::new(0),
        }
    }

    /// Keeps a record for its session (replacing an earlier one, whose version stays).
    pub fn keep(self, record: WaitingRecord) -> bool {
        let session = record.session.clone();
        let Ok(list) = keep_record(read(), record) else {
            return false;
        };
        if !write(&list) {
            return false;
        }
        self.refused.update(|r| r.retain(|(s, _)| *s != session));
        self.list.set(list);
        true
    }

    /// Keeps a record again on the session's version now: the mediator chose to save it
    /// after seeing what changed.
    pub fn rebase(self, mut record: WaitingRecord, version: u32) -> bool {
        self.discard(&record.session);
        record.based_on = version;
        self.keep(record)
    }

    pub fn discard(self, session: &str) {
        let mut list = read();
        list.retain(|record| record.session != session);
        write(&list);
        self.refused.update(|r| r.retain(|(s, _)| s != session));
        self.list.set(list);
    }

    /// The record waiting for a session (tracked).
    pub fn of(self, session: &str) -> Option<WaitingRecord> {
        self.list
            .with(|list| list.iter().find(|r| r.session == session).cloned())
    }

    /// Why the server refused a session's waiting record, if it did (tracked).
    pub fn refusal(self, session: &str) -> Option<String> {
        self.refused.with(|refused| {
            refused
                .iter()
                .find(|(s, _)| s == session)
                .map(|(_, code)| code.clone())
        })
    }

    /// Sends one record with the version it was written on, and keeps, removes or marks it
    /// by the answer.
    pub async fn send(self, record: WaitingRecord) -> Synced {
        let request = RecordRequest {
            no_show: record.no_show,
            attendees: record.attendees.clone(),
            minutes: record.minutes.clone(),
            outcome: record.outcome,
            based_on: Some(record.based_on),
        };
        let result = sessions::record(&record.session, &request).await;
        let status = match &result {
            Ok(_) => Some(200),
            Err(ApiError::Status { status, .. }) => Some(*status),
            Err(_) => None,
        };
        match (after_send(status), result) {
            (AfterSend::Done, Ok(recorded)) => {
                self.discard(&record.session);
                Synced::Sent(Box::new(recorded))
            }
            (AfterSend::GiveBack, Err(error)) => {
                let code = match &error {
                    ApiError::Status { code, .. } => code.clone(),
                    _ => String::new(),
                };
                let session = record.session.clone();
                self.refused.update(|r| {
                    r.retain(|(s, _)| *s != session);
                    r.push((session, code));
                });
                self.refusals.update(|n| *n += 1);
                Synced::Refused(error)
            }
            _ => Synced::Waiting,
        }
    }

    /// Syncs the records of one case that are not waiting for the mediator's choice, one at
    /// a time; stops at the first that cannot go now.
    pub async fn sync_case(self, case_code: &str, on_result: impl Fn(Synced)) {
        if self.syncing.get_untracked() || !online() {
            return;
        }
        let due: Vec<WaitingRecord> = read()
            .into_iter()
            .filter(|r| r.case_code == case_code)
            .filter(|r| {
                self.refused
                    .with_untracked(|refused| !refused.iter().any(|(s, _)| *s == r.session))
            })
            .collect();
        if due.is_empty() {
            return;
        }
        self.syncing.set(true);
        for record in due {
            let synced = self.send(record).await;
            let stop = matches!(synced, Synced::Waiting);
            on_result(synced);
            if stop {
                break;
            }
        }
        self.syncing.set(false);
    }
}

impl Default for RecordOutbox {
    fn default() -> Self {
        RecordOutbox::new()
    }
}
