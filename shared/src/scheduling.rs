//! Mediation sessions: places, working hours, conflict-free booking, proposing times that fit
//! everyone, and the session's life (proposed → confirmed → held | cancelled | no-show).
//!
//! Times are stored in UTC and reasoned about in the street's zone (Asia/Shanghai).

use crate::case::PartyRole;
use crate::directory::Name;
use crate::fields::{FieldError, FieldProblem};
use crate::time::{to_local, SHANGHAI};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// A community's mediation room.
    MediationRoom,
    /// The judge workstation: judicial confirmation on site.
    JudgeWorkstation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub id: String,
    pub name: Name,
    pub kind: PlaceKind,
    /// The community it belongs to; `None` for street-wide places.
    pub community: Option<String>,
    pub capacity: u32,
}

/// Where a session happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Venue {
    Place { place: String },
    Online { url: String },
}

/// A block of working hours on one weekday, in the street's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingBlock {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// Whole days off (leave, public holidays), inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absence {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
}

/// One staff member's availability.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    pub username: String,
    pub weekly: Vec<WorkingBlock>,
    pub absences: Vec<Absence>,
}

impl Availability {
    /// The street's office hours: Monday to Friday, 08:30–12:00 and 13:30–17:30.
    pub fn office_hours(username: &str) -> Availability {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
        let weekly = (1..=5)
            .flat_map(|weekday| {
                [
                    WorkingBlock {
                        weekday,
                        start: t(8, 30),
                        end: t(12, 0),
                    },
                    WorkingBlock {
                        weekday,
                        start: t(13, 30),
                        end: t(17, 30),
                    },
                ]
            })
            .collect();
        Availability {
            username: username.to_owned(),
            weekly,
            absences: Vec::new(),
        }
    }

    /// Whether `[start, end)` lies inside one working block of one day, off every absence.
    pub fn covers(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        let (local_start, local_end) = (to_local(start), to_local(end));
        if local_start.date_naive() != local_end.date_naive() || end <= start {
            return false;
        }
        let day = local_start.date_naive();
        if self.absences.iter().any(|a| a.from <= day && day <= a.to) {
            return false;
        }
        let weekday = local_start.weekday().number_from_monday() as u8;
        let (from, to) = (local_start.time(), local_end.time());
        self.weekly
            .iter()
            .any(|b| b.weekday == weekday && b.start <= from && to <= b.end)
    }

    pub fn check(&self) -> Result<(), FieldError> {
        let bad = |f| Err(FieldError::new(f, FieldProblem::InvalidFormat));
        if self
            .weekly
            .iter()
            .any(|b| !(1..=7).contains(&b.weekday) || b.start >= b.end)
        {
            return bad("weekly");
        }
        if self
            .absences
            .iter()
            .any(|a| a.from > a.to || a.reason.trim().is_empty())
        {
            return bad("absences");
        }
        Ok(())
    }
}

/// The time a session occupies, buffer included, and what it occupies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub session: String,
    pub start: DateTime<Utc>,
    /// End of the session plus its buffer.
    pub end: DateTime<Utc>,
    pub staff: Vec<String>,
    pub place: Option<String>,
}

/// What a booking would collide with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Conflict {
    /// The staff member is booked elsewhere.
    Staff { username: String, session: String },
    /// The place is taken.
    Place { place: String, session: String },
    /// The staff member does not work then.
    OutsideHours { username: String },
    /// More people than the place holds.
    OverCapacity { place: String, capacity: u32 },
}

fn overlaps(a: &Booking, b: &Booking) -> bool {
    a.start < b.end && b.start < a.end
}

/// Every conflict `wanted` has with `existing` bookings (its own session excluded), with the
/// staff's availability, and with the place's capacity.
pub fn conflicts(
    wanted: &Booking,
    existing: &[Booking],
    availability: &[Availability],
    place: Option<&Place>,
    people: u32,
) -> Vec<Conflict> {
    let mut found = Vec::new();
    for other in existing
        .iter()
        .filter(|b| b.session != wanted.session && overlaps(wanted, b))
    {
        for username in wanted.staff.iter().filter(|u| other.staff.contains(u)) {
            found.push(Conflict::Staff {
                username: username.clone(),
                session: other.session.clone(),
            });
        }
        if wanted.place.is_some() && wanted.place == other.place {
            found.push(Conflict::Place {
                place: wanted.place.clone().unwrap_or_default(),
                session: other.session.clone(),
            });
        }
    }
    for username in &wanted.staff {
        let hours = availability.iter().find(|a| &a.username == username);
        // Working hours bound the session itself; the buffer may run past closing time.
        let session_end = wanted.end;
        let ok = hours.is_some_and(|a| a.covers(wanted.start, session_end));
        if !ok {
            found.push(Conflict::OutsideHours {
                username: username.clone(),
            });
        }
    }
    if let Some(place) = place {
        if people > place.capacity {
            found.push(Conflict::OverCapacity {
                place: place.id.clone(),
                capacity: place.capacity,
            });
        }
    }
    found
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
    pub record: Option<SessionRecord>,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Session {
    pub fn end(&self) -> Option<DateTime<Utc>> {
        self.start
            .map(|s| s + Duration::minutes(i64::from(self.length_minutes)))
    }

    /// The booking a time would make for this session.
    pub fn booking_at(&self, start: DateTime<Utc>) -> Booking {
        Booking {
            session: self.id.clone(),
            start,
            end: start + Duration::minutes(i64::from(self.length_minutes + self.buffer_minutes)),
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

/// Checks a request against the rules that need no calendar: slot count, lengths, times in
/// the future, a venue, someone to run it, online links that are https.
pub fn check_new_session(req: &NewSessionRequest, now: DateTime<Utc>) -> Result<(), FieldError> {
    let bad = |f| Err(FieldError::new(f, FieldProblem::InvalidFormat));
    crate::fields::NoteText::parse("title", &req.title)?;
    let slots_ok = if req.confirm {
        req.slots.len() == 1
    } else {
        (2..=5).contains(&req.slots.len())
    };
    if !slots_ok || req.slots.iter().any(|s| *s <= now) {
        return bad("slots");
    }
    let mut sorted = req.slots.clone();
    sorted.sort();
    sorted.dedup();
    if sorted.len() != req.slots.len() {
        return bad("slots");
    }
    if !(MIN_LENGTH_MINUTES..=MAX_LENGTH_MINUTES).contains(&req.length_minutes) {
        return bad("length_minutes");
    }
    if req.buffer_minutes > MAX_BUFFER_MINUTES {
        return bad("buffer_minutes");
    }
    match &req.venue {
        None => return Err(FieldError::new("venue", FieldProblem::Required)),
        Some(Venue::Online { url }) if !url.starts_with("https://") || url.len() > 500 => {
            return bad("venue")
        }
        _ => {}
    }
    if req.staff.is_empty() {
        return Err(FieldError::new("staff", FieldProblem::Required));
    }
    Ok(())
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

/// A local wall-clock time in the street's zone as UTC (no DST: always exact).
pub fn local_to_utc(date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    SHANGHAI
        .from_local_datetime(&date.and_time(time))
        .single()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, h: u32, m: u32) -> DateTime<Utc> {
        // December 2026: the 1st is a Tuesday.
        local_to_utc(
            NaiveDate::from_ymd_opt(2026, 12, day).unwrap(),
            NaiveTime::from_hms_opt(h, m, 0).unwrap(),
        )
        .unwrap()
    }

    fn booking(
        session: &str,
        start: DateTime<Utc>,
        minutes: i64,
        staff: &[&str],
        place: Option<&str>,
    ) -> Booking {
        Booking {
            session: session.into(),
            start,
            end: start + Duration::minutes(minutes),
            staff: staff.iter().map(|s| s.to_string()).collect(),
            place: place.map(str::to_owned),
        }
    }

    fn room() -> Place {
        Place {
            id: "zh01-room".into(),
            name: Name::new("调解室", "Mediation room"),
            kind: PlaceKind::MediationRoom,
            community: Some("zh01".into()),
            capacity: 6,
        }
    }

    fn staff() -> Vec<Availability> {
        vec![
            Availability::office_hours("li"),
            Availability::office_hours("chen"),
        ]
    }

    /// The table of conflict detection: (what exists, what is wanted, what must be found).
    #[test]
    fn conflict_detection_table() {
        let existing = vec![booking("s1", at(1, 9, 0), 90, &["li"], Some("zh01-room"))];
        type Row = (&'static str, Booking, u32, Vec<&'static str>);
        let table: Vec<Row> = vec![
            (
                "free: other staff, other place, same time",
                booking("n", at(1, 9, 0), 60, &["chen"], Some("other-room")),
                2,
                vec![],
            ),
            (
                "same mediator overlapping",
                booking("n", at(1, 10, 0), 60, &["li"], None),
                2,
                vec!["staff"],
            ),
            (
                "same room overlapping",
                booking("n", at(1, 10, 0), 60, &["chen"], Some("zh01-room")),
                2,
                vec!["place"],
            ),
            (
                "both",
                booking("n", at(1, 9, 30), 30, &["li"], Some("zh01-room")),
                2,
                vec!["staff", "place"],
            ),
            (
                "touching the end is fine",
                booking("n", at(1, 10, 30), 60, &["li"], Some("zh01-room")),
                2,
                vec![],
            ),
            (
                "ending at its start is fine",
                booking("n", at(1, 8, 30), 30, &["li"], Some("zh01-room")),
                2,
                vec![],
            ),
            (
                "before office hours",
                booking("n", at(1, 7, 30), 60, &["chen"], None),
                2,
                vec!["hours"],
            ),
            (
                "across lunch",
                booking("n", at(1, 11, 30), 90, &["chen"], None),
                2,
                vec!["hours"],
            ),
            (
                "on a Saturday",
                booking("n", at(5, 9, 0), 60, &["chen"], None),
                2,
                vec!["hours"],
            ),
            (
                "unknown staff",
                booking("n", at(1, 14, 0), 60, &["ghost"], None),
                2,
                vec!["hours"],
            ),
            (
                "too many people",
                booking("n", at(1, 14, 0), 60, &["chen"], Some("zh01-room")),
                9,
                vec!["capacity"],
            ),
            (
                "its own booking does not count",
                booking("s1", at(1, 9, 30), 60, &["li"], Some("zh01-room")),
                2,
                vec![],
            ),
        ];
        for (name, wanted, people, expected) in table {
            let place = wanted
                .place
                .as_deref()
                .filter(|p| *p == "zh01-room")
                .map(|_| room());
            let found: Vec<&str> = conflicts(&wanted, &existing, &staff(), place.as_ref(), people)
                .iter()
                .map(|c| match c {
                    Conflict::Staff { .. } => "staff",
                    Conflict::Place { .. } => "place",
                    Conflict::OutsideHours { .. } => "hours",
                    Conflict::OverCapacity { .. } => "capacity",
                })
                .collect();
            assert_eq!(found, expected, "{name}");
        }
    }

    #[test]
    fn absences_block_whole_days() {
        let mut li = Availability::office_hours("li");
        li.absences.push(Absence {
            from: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            reason: "年假".into(),
        });
        assert!(li.covers(at(1, 9, 0), at(1, 10, 0)));
        assert!(!li.covers(at(2, 9, 0), at(2, 10, 0)));
        assert!(!li.covers(at(3, 9, 0), at(3, 10, 0)));
        assert!(li.covers(at(4, 9, 0), at(4, 10, 0)));
    }

    #[test]
    fn working_hours_are_read_in_shanghai_whatever_the_utc_date() {
        // 08:30 in Shanghai on 1 December is 00:30 UTC on the same date; 09:00 local on the
        // 1st at UTC is still the 1st. A time just after midnight local is the previous UTC day.
        let li = Availability::office_hours("li");
        let start = at(1, 8, 30);
        assert_eq!(start.to_rfc3339(), "2026-12-01T00:30:00+00:00");
        assert!(li.covers(start, start + Duration::minutes(60)));
        let early = at(2, 0, 30);
        assert_eq!(early.to_rfc3339(), "2026-12-01T16:30:00+00:00");
        assert!(!li.covers(early, early + Duration::minutes(30)));
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

/// A session as a party sees it through their link: no staff names, no other party's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartySessionView {
    pub id: String,
    pub case_code: String,
    pub title: String,
    pub status: SessionStatus,
    pub slots: Vec<Slot>,
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub venue: Venue,
    pub role: PartyRole,
    /// This party's own answers.
    pub answers: Vec<Answer>,
    pub attending: bool,
    pub reminder: Option<Reminder>,
}

impl Session {
    pub fn party_view(&self, role: PartyRole, now: DateTime<Utc>) -> PartySessionView {
        let me = Participant::Party(role);
        PartySessionView {
            id: self.id.clone(),
            case_code: self.case_code.clone(),
            title: self.title.clone(),
            status: self.status,
            slots: self.slots.clone(),
            start: self.start,
            end: self.end(),
            venue: self.venue.clone(),
            role,
            answers: self
                .answers
                .iter()
                .filter(|a| a.participant == me)
                .cloned()
                .collect(),
            attending: self.attending.contains(&me),
            reminder: match self.status {
                SessionStatus::Confirmed => self.start.and_then(|s| reminder(s, now)),
                _ => None,
            },
        }
    }

    /// Records a participant's answers to the proposed slots (replacing earlier ones).
    pub fn answer(
        &mut self,
        who: Participant,
        answers: &[(u8, bool)],
        now: DateTime<Utc>,
    ) -> Result<(), SessionError> {
        if self.status != SessionStatus::Proposed {
            return Err(SessionError::NotProposed);
        }
        if !self.participants().contains(&who) {
            return Err(SessionError::NotAParticipant);
        }
        if answers.is_empty()
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
        self.updated_at = now;
        Ok(())
    }

    /// Fixes the time: from a proposed slot (confirm) or a new time (reschedule). The caller
    /// has checked the booking for conflicts in the same transaction.
    pub fn fix_time(
        &mut self,
        start: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), SessionError> {
        if !matches!(
            self.status,
            SessionStatus::Proposed | SessionStatus::Confirmed
        ) {
            return Err(SessionError::Finished);
        }
        if start <= now {
            return Err(SessionError::Field(FieldError::new(
                "start",
                FieldProblem::InvalidFormat,
            )));
        }
        let moved = self.start.is_some_and(|s| s != start);
        self.start = Some(start);
        self.status = SessionStatus::Confirmed;
        self.sequence += 1;
        if moved {
            // A new time needs everyone's confirmation again.
            self.attending.clear();
        }
        self.reschedule_requests.clear();
        self.updated_at = now;
        Ok(())
    }

    pub fn cancel(&mut self, now: DateTime<Utc>) -> Result<(), SessionError> {
        if !matches!(
            self.status,
            SessionStatus::Proposed | SessionStatus::Confirmed
        ) {
            return Err(SessionError::Finished);
        }
        self.status = SessionStatus::Cancelled;
        self.sequence += 1;
        self.updated_at = now;
        Ok(())
    }

    /// A party confirms they will come to the confirmed time.
    pub fn attend(&mut self, who: Participant, now: DateTime<Utc>) -> Result<(), SessionError> {
        if self.status != SessionStatus::Confirmed {
            return Err(SessionError::NotConfirmed);
        }
        if !self.attending.contains(&who) {
            self.attending.push(who);
        }
        self.updated_at = now;
        Ok(())
    }

    pub fn ask_reschedule(
        &mut self,
        who: Participant,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(), SessionError> {
        if !matches!(
            self.status,
            SessionStatus::Proposed | SessionStatus::Confirmed
        ) {
            return Err(SessionError::Finished);
        }
        let reason =
            crate::fields::NoteText::parse("reason", reason).map_err(SessionError::Field)?;
        self.attending.retain(|p| *p != who);
        self.reschedule_requests.push(RescheduleRequest {
            participant: who,
            reason: reason.as_str().to_owned(),
            at: now,
        });
        self.updated_at = now;
        Ok(())
    }

    /// Held (with minutes and an outcome) or no-show; only once the session has begun.
    pub fn close(
        &mut self,
        held: Option<SessionRecord>,
        now: DateTime<Utc>,
    ) -> Result<(), SessionError> {
        if self.status != SessionStatus::Confirmed {
            return Err(SessionError::NotConfirmed);
        }
        if self.start.is_some_and(|s| s > now) {
            return Err(SessionError::NotYet);
        }
        match held {
            Some(record) => {
                crate::fields::NoteText::parse("minutes", &record.minutes)
                    .map_err(SessionError::Field)?;
                self.status = SessionStatus::Held;
                self.record = Some(record);
            }
            None => self.status = SessionStatus::NoShow,
        }
        self.updated_at = now;
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
    #[error("{0}")]
    Field(FieldError),
}

#[cfg(test)]
mod life_tests {
    use super::*;

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
        s.fix_time(s.slots[0].start, now).unwrap();
        assert_eq!((s.status, s.sequence), (SessionStatus::Confirmed, 1));
        s.attend(applicant.clone(), now).unwrap();
        s.ask_reschedule(Participant::Party(PartyRole::Respondent), "出差", now)
            .unwrap();
        let later = s.slots[0].start + Duration::hours(3);
        s.fix_time(later, now).unwrap();
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
}
