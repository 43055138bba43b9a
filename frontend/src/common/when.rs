//! Instants shown in the street's zone (Asia/Shanghai) in the reader's language.

use crate::i18n::Lang;
use accord_shared::time::to_local;
use chrono::{DateTime, Datelike, Timelike, Utc};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2026年11月29日 14:30` or `29 Nov 2026, 14:30`.
pub fn format_when(at: DateTime<Utc>, lang: Lang) -> String {
    let local = to_local(at);
    let (year, month, day) = (local.year(), local.month(), local.day());
    let (hour, minute) = (local.hour(), local.minute());
    match lang {
        Lang::Zh => format!("{year}年{month}月{day}日 {hour:02}:{minute:02}"),
        Lang::En => {
            let name = MONTHS[(month as usize).saturating_sub(1) % 12];
            format!("{day} {name} {year}, {hour:02}:{minute:02}")
        }
    }
}

const WEEKDAYS_ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// With the weekday, for a time someone must keep free: `2026年11月29日（周日）14:30` or
/// `Sun 29 Nov 2026, 14:30`.
pub fn format_when_with_weekday(at: DateTime<Utc>, lang: Lang) -> String {
    let local = to_local(at);
    let weekday = local.weekday().num_days_from_monday() as usize % 7;
    let (year, month, day) = (local.year(), local.month(), local.day());
    let (hour, minute) = (local.hour(), local.minute());
    match lang {
        Lang::Zh => format!(
            "{year}年{month}月{day}日（周{}）{hour:02}:{minute:02}",
            WEEKDAYS_ZH[weekday]
        ),
        Lang::En => format!("{} {}", WEEKDAYS_EN[weekday], format_when(at, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_are_shown_in_shanghai_in_both_languages() {
        let at = Utc.with_ymd_and_hms(2026, 11, 29, 6, 30, 0).unwrap();
        assert_eq!(format_when(at, Lang::Zh), "2026年11月29日 14:30");
        assert_eq!(format_when(at, Lang::En), "29 Nov 2026, 14:30");
    }

    #[test]
    fn a_session_time_names_its_weekday() {
        let at = Utc.with_ymd_and_hms(2026, 11, 29, 6, 30, 0).unwrap();
        assert_eq!(
            format_when_with_weekday(at, Lang::Zh),
            "2026年11月29日（周日）14:30"
        );
        assert_eq!(
            format_when_with_weekday(at, Lang::En),
            "Sun 29 Nov 2026, 14:30"
        );
        let late = Utc.with_ymd_and_hms(2026, 12, 31, 16, 5, 0).unwrap();
        assert_eq!(
            format_when_with_weekday(late, Lang::En),
            "Fri 1 Jan 2027, 00:05"
        );
    }

    #[test]
    fn late_evening_utc_is_the_next_morning_in_shanghai() {
        let at = Utc.with_ymd_and_hms(2026, 12, 31, 16, 5, 0).unwrap();
        assert_eq!(format_when(at, Lang::Zh), "2027年1月1日 00:05");
        assert_eq!(format_when(at, Lang::En), "1 Jan 2027, 00:05");
    }
}
