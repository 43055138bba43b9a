//! What a phone keeps while it has no signal, how it is identified and for how long: a
//! resident's filing waiting to be sent, with the idempotency key it will be sent with (so a
//! retry never files twice), and a mediator's record of a held session waiting to sync, with
//! the session version it was written on (so the calendar's version check decides a
//! conflict). Pure rules: the browser stores, sends and asks these functions what to do.

use crate::scheduling::{Participant, SessionOutcome, SessionRecord};
use crate::wire::FileCaseRequest;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// A filing waits on the phone at most a week: it holds the resident's name, phone and
/// address, and a problem that old is better reported again (or by phone) than sent late.
pub const KEEP_FILING_DAYS: i64 = 7;
/// A session record waits at most two weeks: the mediator syncs it at the office at the
/// latest; after that the office's paper record is the one to use.
pub const KEEP_RECORD_DAYS: i64 = 14;
/// At most this many filings wait on one phone (a volunteer may file for several people).
pub const MAX_WAITING_FILINGS: usize = 5;
/// At most this many session records wait on one phone.
pub const MAX_WAITING_RECORDS: usize = 20;

/// Whether `key` is a well-formed `Idempotency-Key`: 16 to 64 letters, digits, dashes or
/// underscores (a UUID fits). The API refuses a filing without one; a filing is kept on the
/// phone only with one, and is known there by it.
pub fn is_idempotency_key(key: &str) -> bool {
    (16..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A filing kept on the phone until it is sent: the request exactly as it will be sent
/// (the same bytes each time, so the server recognises the key's body) and its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingFiling {
    pub key: String,
    pub request: FileCaseRequest,
    pub kept_at: DateTime<Utc>,
}

/// A held session's record kept on the phone until it syncs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingRecord {
    pub session: String,
    pub case_code: String,
    /// The session's version the record was written on.
    pub based_on: u32,
    pub no_show: bool,
    pub attendees: Vec<Participant>,
    pub minutes: String,
    pub outcome: Option<SessionOutcome>,
    pub kept_at: DateTime<Utc>,
}

impl WaitingRecord {
    /// The record as the calendar keeps it (none for a no-show).
    pub fn held(&self) -> Option<SessionRecord> {
        match (self.no_show, self.outcome) {
            (false, Some(outcome)) => Some(SessionRecord {
                attendees: self.attendees.clone(),
                minutes: self.minutes.clone(),
                outcome,
            }),
            _ => None,
        }
    }
}

/// Why something was not kept on the phone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KeepError {
    #[error("the filing has no well-formed idempotency key")]
    NoKey,
    #[error("too many are waiting on this phone already")]
    Full,
}

/// Keeps a filing: one per key (the same key again replaces it: the resident pressed Send
/// twice), at most [`MAX_WAITING_FILINGS`].
pub fn keep_filing(
    mut waiting: Vec<WaitingFiling>,
    filing: WaitingFiling,
) -> Result<Vec<WaitingFiling>, KeepError> {
    if !is_idempotency_key(&filing.key) {
        return Err(KeepError::NoKey);
    }
    waiting.retain(|kept| kept.key != filing.key);
    if waiting.len() >= MAX_WAITING_FILINGS {
        return Err(KeepError::Full);
    }
    waiting.push(filing);
    Ok(waiting)
}

/// Keeps a session record: one per session (a corrected record replaces the earlier one and
/// keeps the version that one was written on, the version the mediator saw), at most
/// [`MAX_WAITING_RECORDS`].
pub fn keep_record(
    mut waiting: Vec<WaitingRecord>,
    mut record: WaitingRecord,
) -> Result<Vec<WaitingRecord>, KeepError> {
    if let Some(earlier) = waiting.iter().find(|kept| kept.session == record.session) {
        record.based_on = earlier.based_on.min(record.based_on);
    }
    waiting.retain(|kept| kept.session != record.session);
    if waiting.len() >= MAX_WAITING_RECORDS {
        return Err(KeepError::Full);
    }
    waiting.push(record);
    Ok(waiting)
}

/// Whether something kept at `kept_at` may still wait at `now`.
pub fn still_kept(kept_at: DateTime<Utc>, keep_days: i64, now: DateTime<Utc>) -> bool {
    now < kept_at + Duration::days(keep_days)
}

/// What to do with a waiting item after one attempt to send it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterSend {
    /// Sent: remove it from the phone (nothing personal stays).
    Done,
    /// No answer, or the server could not take it now: keep it and try again later.
    TryLater,
    /// The server refused it for good (a field, a version conflict): remove it from the
    /// waiting list and give it back to the person to correct or choose.
    GiveBack,
}

/// Decides from the answer's status (`None`: no answer at all) what becomes of the item.
/// A retry after a lost answer is safe: a filing carries its key, a record its version, so
/// the server answers the first result again.
pub fn after_send(status: Option<u16>) -> AfterSend {
    match status {
        None => AfterSend::TryLater,
        Some(200..=299) => AfterSend::Done,
        // Timeout, throttled, or the server or the network in between failing.
        Some(408 | 425 | 429) | Some(500..=599) => AfterSend::TryLater,
        // Signed out: the item waits until the person signs in again.
        Some(401) => AfterSend::TryLater,
        Some(_) => AfterSend::GiveBack,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, day, 8, 0, 0).unwrap()
    }

    fn filing(key: &str) -> WaitingFiling {
        WaitingFiling {
            key: key.into(),
            request: FileCaseRequest {
                kind: "hazard".into(),
                description: "消防通道被堵".into(),
                ..FileCaseRequest::default()
            },
            kept_at: at(1),
        }
    }

    #[test]
    fn a_filing_is_kept_once_per_key_and_only_with_a_key() {
        let key = "0123456789abcdef0123456789abcdef";
        let waiting = keep_filing(Vec::new(), filing(key)).unwrap();
        let waiting = keep_filing(waiting, filing(key)).unwrap();
        assert_eq!(waiting.len(), 1, "the same key is one filing");
        assert_eq!(
            keep_filing(waiting.clone(), filing("short")),
            Err(KeepError::NoKey)
        );
        let mut full = waiting;
        for n in 1..MAX_WAITING_FILINGS {
            full = keep_filing(full, filing(&format!("key-{n:016}"))).unwrap();
        }
        assert_eq!(
            keep_filing(full.clone(), filing("another-key-0000001")),
            Err(KeepError::Full)
        );
        assert!(keep_filing(full, filing(key)).is_ok(), "replacing fits");
    }

    #[test]
    fn keys_are_what_the_api_takes() {
        assert!(is_idempotency_key("3f1c2a8e-5b7d-4c1e-9a2b-0e6f7d8c9b10"));
        assert!(is_idempotency_key(&"a".repeat(64)));
        for bad in ["", "short", "has space in it 12345", &"x".repeat(65)] {
            assert!(!is_idempotency_key(bad), "{bad}");
        }
    }

    fn record(session: &str, based_on: u32, minutes: &str) -> WaitingRecord {
        WaitingRecord {
            session: session.into(),
            case_code: "ZH01-2026-0001".into(),
            based_on,
            no_show: false,
            attendees: vec![],
            minutes: minutes.into(),
            outcome: Some(SessionOutcome::AgreementReached),
            kept_at: at(1),
        }
    }

    #[test]
    fn a_corrected_record_replaces_the_earlier_one_and_keeps_the_version_it_was_written_on() {
        let waiting = keep_record(Vec::new(), record("s1", 3, "first")).unwrap();
        let waiting = keep_record(waiting, record("s2", 1, "other")).unwrap();
        let waiting = keep_record(waiting, record("s1", 5, "corrected")).unwrap();
        assert_eq!(waiting.len(), 2);
        let s1 = waiting.iter().find(|r| r.session == "s1").unwrap();
        assert_eq!((s1.minutes.as_str(), s1.based_on), ("corrected", 3));
        assert_eq!(s1.held().map(|h| h.minutes), Some("corrected".into()));
        let no_show = WaitingRecord {
            no_show: true,
            ..record("s3", 1, "")
        };
        assert_eq!(no_show.held(), None);
    }

    #[test]
    fn items_wait_for_their_days_only() {
        assert!(still_kept(at(1), KEEP_FILING_DAYS, at(7)));
        assert!(!still_kept(at(1), KEEP_FILING_DAYS, at(8)));
        assert!(still_kept(at(1), KEEP_RECORD_DAYS, at(14)));
        assert!(!still_kept(at(1), KEEP_RECORD_DAYS, at(15)));
    }

    #[test]
    fn only_a_success_removes_an_item_and_only_a_refusal_gives_it_back() {
        assert_eq!(after_send(Some(200)), AfterSend::Done);
        assert_eq!(after_send(Some(201)), AfterSend::Done);
        for later in [None, Some(401), Some(408), Some(429), Some(500), Some(503)] {
            assert_eq!(after_send(later), AfterSend::TryLater, "{later:?}");
        }
        for refused in [400, 403, 404, 409, 413, 422] {
            assert_eq!(after_send(Some(refused)), AfterSend::GiveBack, "{refused}");
        }
    }
}
