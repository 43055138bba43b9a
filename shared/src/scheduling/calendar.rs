//! The calendar half of scheduling: places, staff working hours and absences, and the
//! conflicts a booking would have with other bookings, with working hours and with a place's
//! capacity. Reference data and rules about time; it knows nothing of a session's life.
//!
//! Times are stored in UTC and reasoned about in the street's zone (Asia/Shanghai).

use crate::fields::{FieldError, FieldProblem};
use crate::time::{to_local, SHANGHAI};
use crate::vocabulary::Name;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc};
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
    /// The street it serves.
    #[serde(default)]
    pub street: String,
    /// The community it belongs to; `None` for street-wide places.
    pub community: Option<String>,
    pub capacity: u32,
    /// Where to find it (building, floor), told to parties with the room's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Name>,
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
        // A working block lies within one day: anything longer, empty or reaching the end of
        // the calendar's range (where a booking's end saturates) is not covered, and nothing
        // below computes with it.
        if end <= start
            || end - start > chrono::Duration::days(1)
            || end == DateTime::<Utc>::MAX_UTC
        {
            return false;
        }
        let (local_start, local_end) = (to_local(start), to_local(end));
        if local_start.date_naive() != local_end.date_naive() {
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
    conflicts_with_hours_until(wanted, wanted.end, existing, availability, place, people)
}

/// `conflicts`, with working hours checked up to `hours_end` rather than the booking's end:
/// hours bound the session itself, while its buffer may run past closing time.
pub fn conflicts_with_hours_until(
    wanted: &Booking,
    hours_end: DateTime<Utc>,
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
        let ok = hours.is_some_and(|a| a.covers(wanted.start, hours_end));
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
    use chrono::Duration;

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
            street: "zhonghua-road".into(),
            name: Name::new("调解室", "Mediation room"),
            kind: PlaceKind::MediationRoom,
            community: Some("zh01".into()),
            capacity: 6,
            address: None,
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
}
