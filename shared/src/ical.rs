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
        line(format!("UID:{}", e.uid));
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
            line(format!("URL:{url}"));
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
