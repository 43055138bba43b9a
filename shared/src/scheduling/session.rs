//! The session half of scheduling: a mediation session's life (proposed → answered →
//! confirmed, rescheduled → held | no-show | cancelled), the checks on a new session, its
//! reminders, and what a party sees of it through their link.

use crate::fields::{FieldError, FieldProblem};
use crate::scheduling::calendar::Booking;
use crate::vocabulary::PartyRole;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Where a session happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Venue {
    Place { place: String },
    Online { url: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Proposed,
    Confirmed,
    Held,
    Cancelled,
    NoShow,
}

/// A possible time, proposed by the mediator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub id: u8,
    pub start: DateTime<Utc>,
}

/// Who takes part: a party of the case by role, or a staff member.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "who")]
pub enum Participant {
    Party(PartyRole),
    Staff(String),
}

/// One participant's answer to one slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub participant: Participant,
    pub slot: u8,
    pub available: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RescheduleRequest {
    pub participant: Participant,
    pub reason: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionOutcome {
    AgreementReached,
    Failed,
    /// Another session is needed.
    Adjourned,
}

/// What a held session leaves behind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub attendees: Vec<Participant>,
    pub minutes: String,
    pub outcome: SessionOutcome,
}

/// What `Session::check_record_base` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordBase {
    /// The session is as the record's writer saw it: save the record.
    Current,
    /// This very record is saved already: a retry, nothing to change.
    AlreadySaved,
}

/// A mediation session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    pub case_code: String,
    pub community: String,
    pub title: String,
    pub status: SessionStatus,
    pub slots: Vec<Slot>,
    /// The confirmed start (one of the slots, or a rescheduled time).
    pub start: Option<DateTime<Utc>>,
    pub length_minutes: u32,
    pub buffer_minutes: u32,
    pub venue: Venue,
    pub staff: Vec<String>,
    pub parties: Vec<PartyRole>,
    pub answers: Vec<Answer>,
    /// Parties who confirmed they will come to the confirmed time.
    pub attending: Vec<Participant>,
    pub reschedule_requests: Vec<RescheduleRequest>,
    /// Raised by every change of time or status that calendars must see (RFC 5545 SEQUENCE).
    pub sequence: u32,
    /// Raised by every change of the session: a record written on a phone without signal
    /// carries the version it was written on, and a session changed since then is a
    /// conflict the mediator settles (`check_record_base`). Records stored before it read 0.
    #[serde(default)]
    pub version: u32,
    pub record: Option<SessionRecord>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Session {
    pub fn end(&self) -> Option<DateTime<Utc>> {
        self.start.map(|s| later(s, i64::from(self.length_minutes)))
    }

    /// The booking a time would make for this session.
    pub fn booking_at(&self, start: DateTime<Utc>) -> Booking {
        Booking {
            session: self.id.clone(),
            start,
            end: later(
                start,
                i64::from(self.length_minutes.saturating_add(self.buffer_minutes)),
            ),
            staff: self.staff.clone(),
            place: match &self.venue {
                Venue::Place { place } => Some(place.clone()),
                Venue::Online { .. } => None,
            },
        }
    }

    /// The booking the session holds, if it is confirmed.
    pub fn booking(&self) -> Option<Booking> {
        match (self.status, self.start) {
            (SessionStatus::Confirmed, Some(start)) => Some(self.booking_at(start)),
            _ => None,
        }
    }

    /// Every change goes through here: the time of the change, and one more version.
    fn changed(&mut self, now: DateTime<Utc>) {
        self.updated_at = now;
        self.version = self.version.saturating_add(1);
    }

    /// Whether a record written on the session as it was at `based_on` may be saved now:
    /// the same record already saved is a retry (answered as done), a record written on
    /// the session's current version is saved, and one written on an older version is a
    /// conflict (`SessionError::Changed`), however small the change: the mediator sees
    /// the session as it is now and chooses. No `based_on` (a record written online, on
    /// the session just loaded) is checked by the transition table alone.
    pub fn check_record_base(
        &self,
        held: &Option<SessionRecord>,
        based_on: Option<u32>,
    ) -> Result<RecordBase, SessionError> {
        let recorded = matches!(self.status, SessionStatus::Held | SessionStatus::NoShow);
        if recorded && self.record == *held {
            return Ok(RecordBase::AlreadySaved);
        }
        match based_on {
            Some(version) if version != self.version => Err(SessionError::Changed {
                based_on: version,
                current: self.version,
            }),
            _ => Ok(RecordBase::Current),
        }
    }

    pub fn participants(&self) -> Vec<Participant> {
        self.parties
            .iter()
            .map(|p| Participant::Party(*p))
            .chain(self.staff.iter().map(|s| Participant::Staff(s.clone())))
            .collect()
    }

    /// How many participants said they can come to each slot, and how many answered at all.
    pub fn tally(&self) -> Vec<(u8, usize, usize)> {
        self.slots
            .iter()
            .map(|slot| {
                let answers: Vec<&Answer> =
                    self.answers.iter().filter(|a| a.slot == slot.id).collect();
                let yes = answers.iter().filter(|a| a.available).count();
                (slot.id, yes, answers.len())
            })
            .collect()
    }
}

/// What a mediator asks for when scheduling.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewSessionRequest {
    pub title: String,
    /// 1 slot with `confirm: true` books at once; 2–5 slots are proposed to everyone.
    pub slots: Vec<DateTime<Utc>>,
    pub confirm: bool,
    pub length_minutes: u32,
    pub buffer_minutes: u32,
    pub venue: Option<Venue>,
    pub staff: Vec<String>,
    pub parties: Vec<PartyRole>,
}

pub const MIN_LENGTH_MINUTES: u32 = 15;
pub const MAX_LENGTH_MINUTES: u32 = 8 * 60;
pub const MAX_BUFFER_MINUTES: u32 = 120;

/// `minutes` after `start`, saturating at the end of the calendar's range instead of
/// overflowing (stored times are checked on the way in; this keeps any other from panicking).
pub(crate) fn later(start: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
    start
        .checked_add_signed(Duration::minutes(minutes))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// What is wrong with the proposed times, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotsProblem {
    /// Booking at once needs one time; proposing needs two to five.
    Count,
    /// A time is not in the future.
    Past,
    /// A time is further ahead than sessions are planned ([`FURTHEST_AHEAD_DAYS`]).
    TooFar,
    /// Two times are the same.
    Repeated,
}

pub const MAX_ONLINE_URL_LENGTH: usize = 500;

/// How many of one participant's requests for another time may wait at once.
pub const MAX_PENDING_RESCHEDULE_REQUESTS: usize = 3;

/// How far ahead a session may be planned: ten years (a bound, not a planning horizon: it
/// keeps every booking's arithmetic far from the end of the calendar's range).
pub const FURTHEST_AHEAD_DAYS: i64 = 10 * 365;

/// A session's new start: in the future and not too far ahead, or the field `start` named.
/// Checked before anything computes with it.
pub fn check_start(start: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), FieldError> {
    if start <= now || too_far_ahead(start, now) {
        Err(FieldError::new("start", FieldProblem::InvalidFormat))
    } else {
        Ok(())
    }
}

/// Whether a time lies beyond what sessions are planned for (times near the end of the
/// calendar's range would overflow the arithmetic of a booking).
pub fn too_far_ahead(start: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now.checked_add_signed(Duration::days(FURTHEST_AHEAD_DAYS))
        .is_none_or(|limit| start > limit)
}

/// The proposed times' problem, if any: count, then the past, then repeats.
pub fn slots_problem(
    slots: &[DateTime<Utc>],
    confirm: bool,
    now: DateTime<Utc>,
) -> Option<SlotsProblem> {
    let count_ok = if confirm {
        slots.len() == 1
    } else {
        (2..=5).contains(&slots.len())
    };
    let mut sorted = slots.to_vec();
    sorted.sort();
    sorted.dedup();
    if !count_ok {
        Some(SlotsProblem::Count)
    } else if slots.iter().any(|s| *s <= now) {
        Some(SlotsProblem::Past)
    } else if slots.iter().any(|s| too_far_ahead(*s, now)) {
        Some(SlotsProblem::TooFar)
    } else if sorted.len() != slots.len() {
        Some(SlotsProblem::Repeated)
    } else {
        None
    }
}

/// Whether an online venue's link is one a party can open and a calendar can carry: an
/// absolute `https` URL (RFC 3986) with a host, no user name or password, an optional port,
/// only the characters a URI may hold (no space, no control character, so no line break for
/// an iCalendar line), percent signs followed by two hex digits, and not overlong.
///
/// A parser of its own rather than the `url` crate: that one accepts and silently drops tabs
/// and line breaks, and brings the ICU tables of international domain names into the staff
/// bundle; a meeting link's host is ASCII (punycode for an international name).
pub fn online_url_ok(url: &str) -> bool {
    if url.len() > MAX_ONLINE_URL_LENGTH || !url.bytes().all(uri_byte) || !percents_ok(url) {
        return false;
    }
    let Some(scheme_end) = url.find("://") else {
        return false;
    };
    if !url[..scheme_end].eq_ignore_ascii_case("https") {
        return false;
    }
    let rest = &url[scheme_end + 3..];
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return false;
    }
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        match inner.split_once(']') {
            Some((ip, after)) => (Some(ip).filter(|ip| ipv6_ok(ip)), after),
            None => (None, ""),
        }
    } else {
        let (host, port) = match authority.find(':') {
            Some(colon) => authority.split_at(colon),
            None => (authority, ""),
        };
        (Some(host).filter(|h| host_name_ok(h)), port)
    };
    let port_ok = match port.strip_prefix(':') {
        _ if port.is_empty() => true,
        Some(digits) => {
            !digits.is_empty()
                && digits.len() <= 5
                && digits.bytes().all(|b| b.is_ascii_digit())
                && digits
                    .parse::<u32>()
                    .is_ok_and(|p| (1..=65535).contains(&p))
        }
        None => false,
    };
    host.is_some() && port_ok
}

/// A byte a URI may hold: unreserved, reserved or `%` (RFC 3986 §2).
fn uri_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b)
}

fn percents_ok(url: &str) -> bool {
    let bytes = url.as_bytes();
    bytes.iter().enumerate().all(|(i, b)| {
        *b != b'%'
            || (bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

/// A DNS name (or IPv4 address): dot-separated labels of letters, digits and hyphens, none
/// empty, none starting or ending with a hyphen, at most 63 octets each and 253 in all.
fn host_name_ok(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

/// An IPv6 literal's inside: hex digits, colons (at least two) and dots, nothing else.
fn ipv6_ok(ip: &str) -> bool {
    ip.len() >= 2
        && ip.matches(':').count() >= 2
        && ip
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
}

/// Every field of a request that breaks a rule needing no calendar, in form order: the
/// title, the times, the lengths, a venue (online links https), someone to run it. The staff
/// form shows them all at once; the API answers the first.
pub fn new_session_problems(req: &NewSessionRequest, now: DateTime<Utc>) -> Vec<FieldError> {
    let bad = |f| FieldError::new(f, FieldProblem::InvalidFormat);
    let mut found = Vec::new();
    if let Err(err) = crate::fields::SessionTitle::parse("title", &req.title) {
        found.push(err);
    }
    if slots_problem(&req.slots, req.confirm, now).is_some() {
        found.push(bad("slots"));
    }
    if !(MIN_LENGTH_MINUTES..=MAX_LENGTH_MINUTES).contains(&req.length_minutes) {
        found.push(bad("length_minutes"));
    }
    if req.buffer_minutes > MAX_BUFFER_MINUTES {
        found.push(bad("buffer_minutes"));
    }
    match &req.venue {
        None => found.push(FieldError::new("venue", FieldProblem::Required)),
        Some(Venue::Online { url }) if !online_url_ok(url) => found.push(bad("venue")),
        _ => {}
    }
    if req.staff.is_empty() {
        found.push(FieldError::new("staff", FieldProblem::Required));
    }
    found
}

/// Checks a request against the rules that need no calendar (see `new_session_problems`):
/// the first problem, or none.
pub fn check_new_session(req: &NewSessionRequest, now: DateTime<Utc>) -> Result<(), FieldError> {
    match new_session_problems(req, now).into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(()),
    }
}

/// Which reminder a participant should see at `now`: within a day of the start, then within
/// an hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reminder {
    WithinADay,
    WithinAnHour,
}

pub fn reminder(start: DateTime<Utc>, now: DateTime<Utc>) -> Option<Reminder> {
    let left = start - now;
    if left <= Duration::zero() {
        None
    } else if left <= Duration::hours(1) {
        Some(Reminder::WithinAnHour)
    } else if left <= Duration::hours(24) {
        Some(Reminder::WithinADay)
    } else {
        None
    }
}

impl Session {
    /// The status `action` leads to from this session's status, or the refusal the table gives.
    pub fn next_status(&self, action: SessionAction) -> Result<SessionStatus, SessionError> {
        session_transition(self.status, action).ok_or(action.wrong_status())
    }

    /// Records a participant's answers to the proposed slots (replacing earlier ones): each
    /// slot at most once, so the answers kept never outnumber the slots.
    pub fn answer(
        &mut self,
        who: Participant,
        answers: &[(u8, bool)],
        now: DateTime<Utc>,
    ) -> Result<(), SessionError> {
        self.next_status(SessionAction::Answer)?;
        if !self.participants().contains(&who) {
            return Err(SessionError::NotAParticipant);
        }
        let mut slots: Vec<u8> = answers.iter().map(|(slot, _)| *slot).collect();
        slots.sort_unstable();
        slots.dedup();
        if answers.is_empty()
            || slots.len() != answers.len()
            || answers
                .iter()
                .any(|(slot, _)| !self.slots.iter().any(|s| s.id == *slot))
        {
            return Err(SessionError::Field(FieldError::new(
                "answers",
                FieldProblem::InvalidFormat,
            )));
        }
        self.answers.retain(|a| a.participant != who);
        for (slot, available) in answers {
            self.answers.push(Answer {
                participant: who.clone(),
                slot: *slot,
                available: *available,
            });
        }
        self.changed(now);
        Ok(())
    }

    /// Fixes the time: a proposed slot (`Confirm`) or a new time for a confirmed session
    /// (`Reschedule`). The caller
    /// has checked the booking for conflicts in the same transaction.
    pub fn fix_time(
        &mut self,
        action: SessionAction,
        start: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), SessionError> {
        if !matches!(action, SessionAction::Confirm | SessionAction::Reschedule) {
            return Err(action.wrong_status());
        }
        let to = self.next_status(action)?;
        check_start(start, now).map_err(SessionError::Field)?;
        let moved = self.start.is_some_and(|s| s != start);
        self.start = Some(start);
        self.status = to;
        self.sequence += 1;
        if moved {
            // A new time needs everyone's confirmation again.
            self.attending.clear();
        }
        self.reschedule_requests.clear();
        self.changed(now);
        Ok(())
    }

    pub fn cancel(&mut self, now: DateTime<Utc>) -> Result<(), SessionError> {
        self.status = self.next_status(SessionAction::Cancel)?;
        self.sequence += 1;
        self.changed(now);
        Ok(())
    }

    /// A party confirms they will come to the confirmed time.
    pub fn attend(&mut self, who: Participant, now: DateTime<Utc>) -> Result<(), SessionError> {
        self.next_status(SessionAction::Attend)?;
        if !self.attending.contains(&who) {
            self.attending.push(who);
        }
        self.changed(now);
        Ok(())
    }

    /// A participant asks for another time, with a reason. At most
    /// [`MAX_PENDING_RESCHEDULE_REQUESTS`] of one participant's wait at a time (fixing a time
    /// answers them all), so a link cannot grow the session without end.
    pub fn ask_reschedule(
        &mut self,
        who: Participant,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), SessionError> {
        self.next_status(SessionAction::AskReschedule)?;
        let reason =
            crate::fields::NoteText::parse("reason", reason).map_err(SessionError::Field)?;
        let pending = self
            .reschedule_requests
            .iter()
            .filter(|r| r.participant == who)
            .count();
        if pending >= MAX_PENDING_RESCHEDULE_REQUESTS {
            return Err(SessionError::TooManyRescheduleRequests);
        }
        self.attending.retain(|p| *p != who);
        self.reschedule_requests.push(RescheduleRequest {
            participant: who,
            reason: reason.as_str().to_owned(),
            at: now,
        });
        self.changed(now);
        Ok(())
    }

    /// Held (with minutes and an outcome) or no-show; only once the session has begun.
    pub fn close(
        &mut self,
        held: Option<SessionRecord>,
        now: DateTime<Utc>,
    ) -> Result<(), SessionError> {
        let action = if held.is_some() {
            SessionAction::RecordHeld
        } else {
            SessionAction::RecordNoShow
        };
        let to = self.next_status(action)?;
        if self.start.is_some_and(|s| s > now) {
            return Err(SessionError::NotYet);
        }
        match held {
            Some(record) => {
                crate::fields::NoteText::parse("minutes", &record.minutes)
                    .map_err(SessionError::Field)?;
                self.status = to;
                self.record = Some(record);
            }
            None => self.status = to,
        }
        self.changed(now);
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error("the session is not waiting for answers")]
    NotProposed,
    #[error("the session is not confirmed")]
    NotConfirmed,
    #[error("the session is over or cancelled")]
    Finished,
    #[error("the session has not started yet")]
    NotYet,
    #[error("not a participant of this session")]
    NotAParticipant,
    #[error(
        "this participant's earlier requests for another time are still waiting for an answer"
    )]
    TooManyRescheduleRequests,
    #[error("{0}")]
    Field(FieldError),
    #[error(
        "the session changed since the record was written (version {based_on}, now {current})"
    )]
    Changed { based_on: u32, current: u32 },
}

/// Something a person can do to a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionAction {
    /// Say which proposed times suit you.
    Answer,
    /// Fix the time at one of the proposed slots.
    Confirm,
    /// Fix a new time.
    Reschedule,
    Cancel,
    /// A party confirms they will come to the confirmed time.
    Attend,
    /// A party asks for another time, with a reason.
    AskReschedule,
    /// Record the session as held, with attendees, minutes and an outcome.
    RecordHeld,
    /// Record that the session did not take place because nobody came.
    RecordNoShow,
}

impl SessionAction {
    pub const ALL: [SessionAction; 8] = [
        SessionAction::Answer,
        SessionAction::Confirm,
        SessionAction::Reschedule,
        SessionAction::Cancel,
        SessionAction::Attend,
        SessionAction::AskReschedule,
        SessionAction::RecordHeld,
        SessionAction::RecordNoShow,
    ];

    /// The refusal given when the session's status does not allow the action.
    pub fn wrong_status(self) -> SessionError {
        match self {
            SessionAction::Answer => SessionError::NotProposed,
            SessionAction::Attend | SessionAction::RecordHeld | SessionAction::RecordNoShow => {
                SessionError::NotConfirmed
            }
            SessionAction::Confirm
            | SessionAction::Reschedule
            | SessionAction::Cancel
            | SessionAction::AskReschedule => SessionError::Finished,
        }
    }

    /// Actions that only someone who may schedule on the case can take.
    pub fn is_scheduling(self) -> bool {
        matches!(
            self,
            SessionAction::Confirm
                | SessionAction::Reschedule
                | SessionAction::Cancel
                | SessionAction::RecordHeld
                | SessionAction::RecordNoShow
        )
    }
}

use SessionAction as SA;
use SessionStatus as SS;

/// The session transition table: from a status, an action leads to a status. Anything not
/// listed is refused. Held, no-show and cancelled sessions are final.
pub const SESSION_TRANSITIONS: &[(SessionStatus, SessionAction, SessionStatus)] = &[
    (SS::Proposed, SA::Answer, SS::Proposed),
    (SS::Proposed, SA::Confirm, SS::Confirmed),
    (SS::Proposed, SA::Cancel, SS::Cancelled),
    (SS::Proposed, SA::AskReschedule, SS::Proposed),
    (SS::Confirmed, SA::Reschedule, SS::Confirmed),
    (SS::Confirmed, SA::Cancel, SS::Cancelled),
    (SS::Confirmed, SA::Attend, SS::Confirmed),
    (SS::Confirmed, SA::AskReschedule, SS::Confirmed),
    (SS::Confirmed, SA::RecordHeld, SS::Held),
    (SS::Confirmed, SA::RecordNoShow, SS::NoShow),
];

/// Where `action` leads from `from`, if the table allows it.
pub fn session_transition(from: SessionStatus, action: SessionAction) -> Option<SessionStatus> {
    SESSION_TRANSITIONS
        .iter()
        .find(|(f, a, _)| *f == from && *a == action)
        .map(|(_, _, to)| *to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wrong_field_is_named_in_form_order_and_repeated_times_are_refused() {
        let now = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 1, 1, 0, 0).unwrap();
        let later = now + Duration::days(1);
        let req = NewSessionRequest {
            title: "x".repeat(101),
            slots: vec![later, later],
            confirm: false,
            length_minutes: 5,
            buffer_minutes: 0,
            venue: Some(Venue::Online {
                url: "https://".into(),
            }),
            staff: vec![],
            parties: vec![],
        };
        let fields: Vec<&str> = new_session_problems(&req, now)
            .iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            ["title", "slots", "length_minutes", "venue", "staff"]
        );
        assert_eq!(check_new_session(&req, now).unwrap_err().field, "title");
        assert_eq!(
            slots_problem(&[later, later], false, now),
            Some(SlotsProblem::Repeated)
        );
        assert_eq!(
            slots_problem(&[later], false, now),
            Some(SlotsProblem::Count)
        );
        assert_eq!(
            slots_problem(&[now, later], false, now),
            Some(SlotsProblem::Past)
        );
        assert!(!online_url_ok(&format!("https://{}", "a".repeat(500))));
        assert!(online_url_ok("https://meet.example/1"));
    }

    use crate::scheduling::calendar::local_to_utc;
    use chrono::{NaiveDate, NaiveTime};

    fn at(day: u32, h: u32, m: u32) -> DateTime<Utc> {
        // December 2026: the 1st is a Tuesday.
        local_to_utc(
            NaiveDate::from_ymd_opt(2026, 12, day).unwrap(),
            NaiveTime::from_hms_opt(h, m, 0).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn a_new_session_needs_two_to_five_future_slots_or_one_to_confirm() {
        let now = at(1, 8, 0);
        let good = NewSessionRequest {
            title: "第一次调解".into(),
            slots: vec![at(2, 9, 0), at(3, 9, 0)],
            confirm: false,
            length_minutes: 60,
            buffer_minutes: 15,
            venue: Some(Venue::Place {
                place: "zh01-room".into(),
            }),
            staff: vec!["li".into()],
            parties: vec![PartyRole::Applicant],
        };
        assert!(check_new_session(&good, now).is_ok());
        let one = NewSessionRequest {
            slots: vec![at(2, 9, 0)],
            ..good.clone()
        };
        assert_eq!(check_new_session(&one, now).unwrap_err().field, "slots");
        assert!(check_new_session(
            &NewSessionRequest {
                confirm: true,
                ..one
            },
            now
        )
        .is_ok());
        let past = NewSessionRequest {
            slots: vec![at(1, 7, 0), at(3, 9, 0)],
            ..good.clone()
        };
        assert_eq!(check_new_session(&past, now).unwrap_err().field, "slots");
        let http = NewSessionRequest {
            venue: Some(Venue::Online {
                url: "http://meet".into(),
            }),
            ..good.clone()
        };
        assert_eq!(check_new_session(&http, now).unwrap_err().field, "venue");
        let nobody = NewSessionRequest {
            staff: vec![],
            ..good
        };
        assert_eq!(check_new_session(&nobody, now).unwrap_err().field, "staff");
    }

    #[test]
    fn reminders_come_a_day_and_an_hour_before() {
        let start = at(3, 9, 0);
        assert_eq!(reminder(start, start - Duration::hours(25)), None);
        assert_eq!(
            reminder(start, start - Duration::hours(23)),
            Some(Reminder::WithinADay)
        );
        assert_eq!(
            reminder(start, start - Duration::minutes(59)),
            Some(Reminder::WithinAnHour)
        );
        assert_eq!(reminder(start, start + Duration::minutes(1)), None);
    }
}

#[cfg(test)]
mod life_tests {
    use super::*;
    use chrono::TimeZone;

    fn session(now: DateTime<Utc>) -> Session {
        Session {
            id: "s1".into(),
            case_code: "ZH01-2026-0001".into(),
            community: "zh01".into(),
            title: "调解".into(),
            status: SessionStatus::Proposed,
            slots: vec![
                Slot {
                    id: 1,
                    start: now + Duration::days(1),
                },
                Slot {
                    id: 2,
                    start: now + Duration::days(2),
                },
            ],
            start: None,
            length_minutes: 60,
            buffer_minutes: 15,
            venue: Venue::Online {
                url: "https://meet.example/1".into(),
            },
            staff: vec!["li".into()],
            parties: vec![PartyRole::Applicant, PartyRole::Respondent],
            answers: vec![],
            attending: vec![],
            reschedule_requests: vec![],
            sequence: 0,
            version: 0,
            record: None,
            created_by: "li".into(),
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn proposed_then_answered_then_confirmed_then_rescheduled_then_held() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap();
        let mut s = session(now);
        let applicant = Participant::Party(PartyRole::Applicant);
        s.answer(applicant.clone(), &[(1, true), (2, false)], now)
            .unwrap();
        s.answer(
            Participant::Staff("li".into()),
            &[(1, true), (2, true)],
            now,
        )
        .unwrap();
        assert_eq!(s.tally(), vec![(1, 2, 2), (2, 1, 2)]);
        assert_eq!(
            s.answer(Participant::Staff("ghost".into()), &[(1, true)], now),
            Err(SessionError::NotAParticipant)
        );
        s.fix_time(SessionAction::Confirm, s.slots[0].start, now)
            .unwrap();
        assert_eq!((s.status, s.sequence), (SessionStatus::Confirmed, 1));
        s.attend(applicant.clone(), now).unwrap();
        s.ask_reschedule(Participant::Party(PartyRole::Respondent), "出差", now)
            .unwrap();
        let later = s.slots[0].start + Duration::hours(3);
        s.fix_time(SessionAction::Reschedule, later, now).unwrap();
        assert_eq!(s.sequence, 2);
        assert!(s.attending.is_empty(), "a new time needs confirming again");
        assert_eq!(s.close(None, now), Err(SessionError::NotYet));
        s.close(
            Some(SessionRecord {
                attendees: vec![applicant],
                minutes: "达成协议".into(),
                outcome: SessionOutcome::AgreementReached,
            }),
            later + Duration::hours(1),
        )
        .unwrap();
        assert_eq!(s.status, SessionStatus::Held);
        assert_eq!(s.cancel(now), Err(SessionError::Finished));
    }

    #[test]
    fn every_change_raises_the_version_and_a_refused_one_does_not() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap();
        let mut s = session(now);
        assert_eq!(s.version, 0);
        s.answer(
            Participant::Staff("li".into()),
            &[(1, true), (2, true)],
            now,
        )
        .unwrap();
        assert_eq!(s.version, 1);
        assert!(s
            .answer(Participant::Staff("ghost".into()), &[(1, true)], now)
            .is_err());
        assert_eq!(s.version, 1, "a refused change leaves the version");
        s.fix_time(SessionAction::Confirm, s.slots[0].start, now)
            .unwrap();
        s.attend(Participant::Party(PartyRole::Applicant), now)
            .unwrap();
        assert_eq!(s.version, 3, "a party's confirmation is a change too");
        let stored: Session = serde_json::from_str(
            &serde_json::to_string(&s)
                .unwrap()
                .replace(",\"version\":3", ""),
        )
        .unwrap();
        assert_eq!(
            stored.version, 0,
            "a session stored before versions reads 0"
        );
    }

    #[test]
    fn a_record_written_on_an_older_version_is_a_conflict_and_the_same_record_again_is_a_retry() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap();
        let mut s = session(now);
        s.fix_time(SessionAction::Confirm, s.slots[0].start, now)
            .unwrap();
        let written_on = s.version;
        let record = Some(SessionRecord {
            attendees: vec![Participant::Party(PartyRole::Applicant)],
            minutes: "双方同意".into(),
            outcome: SessionOutcome::AgreementReached,
        });
        assert_eq!(
            s.check_record_base(&record, Some(written_on)),
            Ok(RecordBase::Current)
        );
        assert_eq!(s.check_record_base(&record, None), Ok(RecordBase::Current));
        // Meanwhile a party asks for another time: the record waits for the mediator.
        s.ask_reschedule(Participant::Party(PartyRole::Respondent), "出差", now)
            .unwrap();
        assert_eq!(
            s.check_record_base(&record, Some(written_on)),
            Err(SessionError::Changed {
                based_on: written_on,
                current: written_on + 1
            })
        );
        // Saved (on the version now shown), then sent again from the phone: a retry.
        let after = s.start.unwrap() + Duration::hours(2);
        s.close(record.clone(), after).unwrap();
        assert_eq!(
            s.check_record_base(&record, Some(written_on)),
            Ok(RecordBase::AlreadySaved)
        );
        // Another record on a session already recorded is a conflict, not a retry.
        let other = Some(SessionRecord {
            minutes: "未达成".into(),
            outcome: SessionOutcome::Failed,
            ..record.clone().unwrap()
        });
        assert!(matches!(
            s.check_record_base(&other, Some(written_on)),
            Err(SessionError::Changed { .. })
        ));
    }

    #[test]
    fn times_beyond_ten_years_or_at_the_end_of_the_calendar_are_refused_not_overflowed() {
        let now = DateTime::parse_from_rfc3339("2026-12-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        // As the API reads `"+262142-12-31T23:00:00Z"`: an hour before the calendar ends.
        let far: DateTime<Utc> = serde_json::from_str("\"+262142-12-31T23:00:00Z\"").unwrap();
        let soon = now + Duration::days(3);
        assert_eq!(slots_problem(&[far], true, now), Some(SlotsProblem::TooFar));
        assert_eq!(
            slots_problem(&[soon, now + Duration::days(3651)], false, now),
            Some(SlotsProblem::TooFar)
        );
        assert_eq!(
            slots_problem(&[now + Duration::days(3649)], true, now),
            None
        );
        assert!(too_far_ahead(
            far,
            DateTime::<Utc>::MAX_UTC - Duration::days(1)
        ));
        assert_eq!(later(far, 600), DateTime::<Utc>::MAX_UTC);
        assert_eq!(
            later(DateTime::<Utc>::MAX_UTC, 60),
            DateTime::<Utc>::MAX_UTC
        );
    }

    #[test]
    fn online_links_need_https_a_host_and_nothing_that_could_break_a_line() {
        for good in [
            "https://meet.example/1",
            "https://meet.example.cn/room/1?pwd=a%20b#x",
            "HTTPS://Meet.Example:8443/r?x=1",
            "https://10.0.0.1/r",
            "https://[2001:db8::1]:443/r",
            "https://meeting.tencent.com/dm/AbC-123_~",
        ] {
            assert!(online_url_ok(good), "{good}");
        }
        for bad in [
            "https://",
            "https:///path",
            "https://?x",
            "https://#x",
            "https://user@meet.example/",
            "https://@/",
            "https://meet.example:/",
            "https://meet.example:99999/",
            "https://meet.example:80a/",
            "https://-meet.example/",
            "https://meet..example/",
            "https://[zz::1]/",
            "https://[::1/",
            "http://meet.example.cn/",
            "ftp://meet.example.cn/",
            "meet.example.cn",
            "https://meet.example.cn/\r\nATTENDEE:evil",
            "https://meet.example.cn/\nx",
            "https://meet.example.cn/\tx",
            "https://meet.example.cn/a b",
            "https://meet.example.cn/a\"b",
            "https://meet.example.cn/%zz",
            "https://meet.example.cn/%4",
            "https://会议.example/",
        ] {
            assert!(!online_url_ok(bad), "{bad:?}");
        }
        assert!(!online_url_ok(&format!(
            "https://m.example/{}",
            "a".repeat(500)
        )));
    }

    #[test]
    fn a_party_keeps_a_few_requests_waiting_at_most_and_answers_each_slot_once() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap();
        let mut s = session(now);
        let applicant = Participant::Party(PartyRole::Applicant);
        let respondent = Participant::Party(PartyRole::Respondent);
        let long = "理".repeat(crate::fields::NoteText::MAX_CHARS + 1);
        assert!(matches!(
            s.ask_reschedule(applicant.clone(), &long, now),
            Err(SessionError::Field(FieldError {
                field: "reason",
                ..
            }))
        ));
        for _ in 0..MAX_PENDING_RESCHEDULE_REQUESTS {
            s.ask_reschedule(applicant.clone(), "出差", now).unwrap();
        }
        assert_eq!(
            s.ask_reschedule(applicant.clone(), "出差", now),
            Err(SessionError::TooManyRescheduleRequests)
        );
        s.ask_reschedule(respondent, "加班", now).unwrap();
        assert_eq!(
            s.reschedule_requests.len(),
            MAX_PENDING_RESCHEDULE_REQUESTS + 1
        );
        s.fix_time(SessionAction::Confirm, s.slots[0].start, now)
            .unwrap();
        s.ask_reschedule(applicant.clone(), "还是不行", now)
            .unwrap();
        assert_eq!(s.reschedule_requests.len(), 1, "a fixed time answers them");

        let mut s = session(now);
        assert!(matches!(
            s.answer(applicant.clone(), &[(1, true), (1, false)], now),
            Err(SessionError::Field(FieldError {
                field: "answers",
                ..
            }))
        ));
        s.answer(applicant, &[(1, true), (2, false)], now).unwrap();
        assert_eq!(s.answers.len(), 2);
    }

    #[test]
    fn a_booking_at_the_end_of_the_calendar_is_computed_at_once_without_overflow() {
        use crate::scheduling::calendar::Availability;
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap();
        let far: DateTime<Utc> = serde_json::from_str("\"+262142-12-31T23:00:00Z\"").unwrap();
        let mut s = session(now);
        s.length_minutes = u32::MAX;
        s.buffer_minutes = u32::MAX;
        let booking = s.booking_at(far);
        assert_eq!(booking.end, DateTime::<Utc>::MAX_UTC);
        let hours = [Availability::office_hours("li")];
        let started = std::time::Instant::now();
        let found = s.conflicts_at(far, std::slice::from_ref(&booking), &hours, None);
        assert!(
            found.iter().any(|c| matches!(
                c,
                crate::scheduling::calendar::Conflict::OutsideHours { .. }
            )),
            "{found:?}"
        );
        for (start, end) in [
            (far, DateTime::<Utc>::MAX_UTC),
            (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC),
            (DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC),
            (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MIN_UTC),
        ] {
            assert!(!hours[0].covers(start, end));
        }
        s.start = Some(far);
        s.status = SessionStatus::Confirmed;
        assert_eq!(s.end(), Some(DateTime::<Utc>::MAX_UTC));
        assert!(s.booking().is_some());
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!(
            check_start(far, now),
            Err(FieldError::new("start", FieldProblem::InvalidFormat))
        );
    }
}
