//! iCalendar (RFC 5545) for sessions: a staff member's feed and a party's single event.
//!
//! Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); text is
//! escaped; times carry the street's zone with its VTIMEZONE; a rescheduled event keeps its
//! UID and raises SEQUENCE; a cancelled one says STATUS:CANCELLED.

use crate::time::to_local;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventStatus {
    Tentative,
    Confirmed,
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    /// Stable across reschedules.
    pub uid: String,
    pub sequence: u32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub location: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub status: EventStatus,
    pub last_modified: DateTime<Utc>,
}

const TZID: &str = "Asia/Shanghai";

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value (§3.3.13) as it may stand on a content line: control characters and spaces
/// dropped, so no value can end the line or start a property of its own.
pub fn uri_value(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect()
}

/// Folds one content line at 75 octets, continuing with CRLF + space (§3.1).
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        // The first line holds 75 octets; continuation lines hold 74 after their space.
        if used + width > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
    out
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local_stamp(t: DateTime<Utc>) -> String {
    to_local(t).format("%Y%m%dT%H%M%S").to_string()
}

const VTIMEZONE: [&str; 9] = [
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Shanghai",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// A whole calendar: `name` for the feed, `stamp` is when it was generated (DTSTAMP).
pub fn calendar(name: &str, events: &[IcsEvent], stamp: DateTime<Utc>) -> String {
    let mut out = String::new();
    let mut line = |l: String| out.push_str(&fold(&l));
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Accord//Mediation sessions//ZH".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape_text(name)));
    line(format!("X-WR-TIMEZONE:{TZID}"));
    for l in VTIMEZONE {
        line(l.into());
    }
    for e in events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape_text(&e.uid)));
        line(format!("DTSTAMP:{}", utc_stamp(stamp)));
        line(format!("LAST-MODIFIED:{}", utc_stamp(e.last_modified)));
        line(format!("SEQUENCE:{}", e.sequence));
        line(format!("DTSTART;TZID={TZID}:{}", local_stamp(e.start)));
        line(format!("DTEND;TZID={TZID}:{}", local_stamp(e.end)));
        line(format!("SUMMARY:{}", escape_text(&e.summary)));
        if let Some(location) = &e.location {
            line(format!("LOCATION:{}", escape_text(location)));
        }
        if let Some(description) = &e.description {
            line(format!("DESCRIPTION:{}", escape_text(description)));
        }
        if let Some(url) = &e.url {
            // A URI value is not TEXT: it is checked on the way in (no space, no control
            // character); a stored one is still kept from ever breaking the line.
            line(format!("URL:{}", uri_value(url)));
        }
        let status = match e.status {
            EventStatus::Tentative => "TENTATIVE",
            EventStatus::Confirmed => "CONFIRMED",
            EventStatus::Cancelled => "CANCELLED",
        };
        line(format!("STATUS:{status}"));
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event() -> IcsEvent {
        IcsEvent {
            uid: "s-1@accord".into(),
            sequence: 2,
            start: Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2026, 12, 1, 2, 0, 0).unwrap(),
            summary: "调解：邻里纠纷, 第一次; 请准时".into(),
            location: Some("中华路社区调解室".into()),
            description: Some("第一行\n第二行 \\ 结束".repeat(5)),
            url: None,
            status: EventStatus::Confirmed,
            last_modified: Utc.with_ymd_and_hms(2026, 11, 29, 4, 0, 0).unwrap(),
        }
    }

    #[test]
    fn every_line_ends_in_crlf_and_no_line_passes_75_octets() {
        let ics = calendar(
            "李调解的调解日程",
            &[event()],
            Utc.with_ymd_and_hms(2026, 11, 29, 4, 0, 0).unwrap(),
        );
        assert!(ics.ends_with("\r\n"));
        for line in ics.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\n') && !line.contains('\r'));
        }
        // Unfolding gives the escaped text back.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:调解：邻里纠纷\\, 第一次\\; 请准时"));
        assert!(unfolded.contains("第一行\\n第二行 \\\\ 结束"));
    }

    #[test]
    fn times_carry_the_zone_and_the_zone_is_defined() {
        let ics = calendar(
            "x",
            &[event()],
            Utc.with_ymd_and_hms(2026, 11, 29, 4, 0, 0).unwrap(),
        );
        assert!(ics.contains("DTSTART;TZID=Asia/Shanghai:20261201T090000\r\n"));
        assert!(ics.contains("DTEND;TZID=Asia/Shanghai:20261201T100000\r\n"));
        assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\n"));
        assert!(ics.contains("DTSTAMP:20261129T040000Z\r\n"));
        assert!(ics.contains("SEQUENCE:2\r\n"));
    }

    #[test]
    fn no_value_can_start_a_property_of_its_own() {
        assert_eq!(escape_text("a\\b;c,d\r\ne"), "a\\\\b\\;c\\,d\\ne");
        assert!(!escape_text("x\rATTENDEE:y").contains('\r'));
        let hostile = IcsEvent {
            uid: "s-1\r\nATTENDEE:a@evil;x@accord".into(),
            summary: "a\r\nATTENDEE:mailto:x@evil".into(),
            location: Some("b\nLOCATION:evil".into()),
            description: Some("c\rORGANIZER:evil".into()),
            url: Some("https://meet.example/\r\nATTENDEE:mailto:x@evil\n x".into()),
            ..event()
        };
        let ics = calendar(
            "n\r\nX-EVIL:1",
            &[hostile],
            Utc.with_ymd_and_hms(2026, 11, 29, 4, 0, 0).unwrap(),
        );
        let unfolded = ics.replace("\r\n ", "");
        let names: Vec<&str> = unfolded
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(|l| l.split([':', ';']).next().unwrap_or_default())
            .collect();
        for bad in ["ATTENDEE", "ORGANIZER", "X-EVIL"] {
            assert!(!names.contains(&bad), "{bad} in {ics}");
        }
        assert_eq!(names.iter().filter(|n| **n == "LOCATION").count(), 1);
        assert!(unfolded.contains("URL:https://meet.example/ATTENDEE:mailto:x@evilx\r\n"));
        assert!(unfolded.contains("UID:s-1\\nATTENDEE:a@evil\\;x@accord\r\n"));
    }

    #[test]
    fn folding_never_splits_a_character() {
        let folded = fold(&format!("SUMMARY:{}", "调".repeat(60)));
        for line in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75);
        }
        assert_eq!(
            folded.replace("\r\n ", "").trim_end(),
            format!("SUMMARY:{}", "调".repeat(60))
        );
    }
}
