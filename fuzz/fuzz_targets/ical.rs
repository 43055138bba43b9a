//! The iCalendar renderer. `fold` of any line without line breaks: every physical line ends
//! in CRLF and holds at most 75 octets, continuations start with a space, each line is as full
//! as it may be without splitting a character, and unfolding gives the line back. `calendar`
//! of arbitrary events: the same folding for every line, no bare CR or LF anywhere, every
//! logical line a property the renderer writes, and the text values unescape to the words
//! given, less their control characters.

#![no_main]

use accord_shared::ical::{calendar, escape_text, fold, uri_value, EventStatus, IcsEvent};
use arbitrary::{Result, Unstructured};
use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;

const PROPERTIES: [&str; 23] = [
    "BEGIN",
    "END",
    "VERSION",
    "PRODID",
    "CALSCALE",
    "METHOD",
    "X-WR-CALNAME",
    "X-WR-TIMEZONE",
    "TZID",
    "DTSTART",
    "TZOFFSETFROM",
    "TZOFFSETTO",
    "TZNAME",
    "UID",
    "DTSTAMP",
    "LAST-MODIFIED",
    "SEQUENCE",
    "DTEND",
    "SUMMARY",
    "LOCATION",
    "DESCRIPTION",
    "URL",
    "STATUS",
];

/// Splits folded output into its physical lines, checking each ends in CRLF, holds at most 75
/// octets and has no CR or LF of its own.
fn physical_lines(folded: &str) -> Vec<&str> {
    assert!(folded.ends_with("\r\n"), "{folded:?} does not end in CRLF");
    let lines: Vec<&str> = folded[..folded.len() - 2].split("\r\n").collect();
    for line in &lines {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains(['\r', '\n']), "a bare CR or LF in {line:?}");
    }
    lines
}

fn unfold(folded: &str) -> String {
    folded.replace("\r\n ", "")
}

fn check_fold(line: &str) {
    let folded = fold(line);
    let lines = physical_lines(&folded);
    for (i, pair) in lines.windows(2).enumerate() {
        let next = pair[1]
            .strip_prefix(' ')
            .expect("a continuation starts with a space");
        let first = next
            .chars()
            .next()
            .expect("a continuation carries a character");
        // Greedy: the next character would not have fitted on this line.
        assert!(
            pair[0].len() + first.len_utf8() > 75,
            "line {i} folded early"
        );
    }
    assert_eq!(
        unfold(&folded),
        format!("{line}\r\n"),
        "unfolding gives the line back"
    );
}

fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other @ ('\\' | ';' | ',')) => out.push(other),
                other => panic!("a stray escape \\{other:?} in {value:?}"),
            }
        } else {
            assert!(!matches!(c, ';' | ','), "an unescaped {c:?} in {value:?}");
            out.push(c);
        }
    }
    out
}

/// What a text value must read as: the words given, less control characters but line feeds.
fn readable(raw: &str) -> String {
    raw.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

fn words(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=5u8)? {
        0 => "调解：邻里纠纷, 第一次; 请准时\r\n第二行 \\ 结束".repeat(3),
        1 => "a\r\nATTENDEE:mailto:x@evil".into(),
        _ => u.arbitrary()?,
    })
}

fn instant(u: &mut Unstructured) -> Result<DateTime<Utc>> {
    // 1970 to the end of 9999: what a calendar may hold.
    let seconds = u.int_in_range(0..=253_402_300_799i64)?;
    Ok(DateTime::from_timestamp(seconds, 0).unwrap_or_default())
}

fn event(u: &mut Unstructured) -> Result<IcsEvent> {
    Ok(IcsEvent {
        uid: words(u)?,
        sequence: u.arbitrary()?,
        start: instant(u)?,
        end: instant(u)?,
        summary: words(u)?,
        location: u.arbitrary::<bool>()?.then(|| words(u)).transpose()?,
        description: u.arbitrary::<bool>()?.then(|| words(u)).transpose()?,
        url: u.arbitrary::<bool>()?.then(|| words(u)).transpose()?,
        status: *u.choose(&[
            EventStatus::Tentative,
            EventStatus::Confirmed,
            EventStatus::Cancelled,
        ])?,
        last_modified: instant(u)?,
    })
}

fn check_calendar(name: &str, events: &[IcsEvent], stamp: DateTime<Utc>) {
    let ics = calendar(name, events, stamp);
    physical_lines(&ics);
    let unfolded = unfold(&ics);
    let logical: Vec<&str> = unfolded[..unfolded.len() - 2].split("\r\n").collect();
    for line in &logical {
        let property = line.split([':', ';']).next().unwrap_or_default();
        assert!(PROPERTIES.contains(&property), "{property:?} in {line:?}");
    }
    let values = |property: &str| -> Vec<&str> {
        logical
            .iter()
            .filter_map(|l| l.strip_prefix(property))
            .collect()
    };
    assert_eq!(values("BEGIN:VEVENT").len(), events.len());
    assert_eq!(
        values("X-WR-CALNAME:")
            .iter()
            .map(|v| unescape(v))
            .collect::<Vec<_>>(),
        [readable(name)]
    );
    let summaries: Vec<String> = values("SUMMARY:").iter().map(|v| unescape(v)).collect();
    let uids: Vec<String> = values("UID:").iter().map(|v| unescape(v)).collect();
    let urls = values("URL:");
    let mut with_url = events.iter().filter_map(|e| e.url.as_deref());
    for (i, e) in events.iter().enumerate() {
        assert_eq!(summaries[i], readable(&e.summary));
        assert_eq!(uids[i], readable(&e.uid));
    }
    for url in urls {
        let given = with_url.next().expect("a URL line per event with a URL");
        assert_eq!(url, uri_value(given));
        assert!(!url.chars().any(|c| c.is_control() || c.is_whitespace()));
    }
    assert!(with_url.next().is_none());
    for (e, value) in events
        .iter()
        .filter_map(|e| e.description.as_deref())
        .zip(values("DESCRIPTION:"))
    {
        assert_eq!(unescape(value), readable(e));
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(line) = u.arbitrary::<String>() else {
        return;
    };
    // A content line as the renderer builds it: no line break of its own.
    let line: String = line.chars().filter(|c| !matches!(c, '\r' | '\n')).collect();
    check_fold(&line);
    check_fold(&format!("DESCRIPTION:{}", escape_text(&line)));
    let parts = (|| -> Result<_> {
        let name = words(&mut u)?;
        let n = u.int_in_range(0..=3)?;
        let events = (0..n).map(|_| event(&mut u)).collect::<Result<Vec<_>>>()?;
        Ok((name, events, instant(&mut u)?))
    })();
    if let Ok((name, events, stamp)) = parts {
        check_calendar(&name, &events, stamp);
    }
});
