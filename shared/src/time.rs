//! Time in the street's zone: Asia/Shanghai is UTC+8 all year (no daylight saving time).

use chrono::{DateTime, Datelike, FixedOffset, Utc};

/// Asia/Shanghai. China has not observed daylight saving time since 1991, so a fixed offset is
/// exact for every date the product handles.
pub const SHANGHAI: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+8 is a valid offset"),
};

/// A UTC instant shown in the street's zone.
pub fn to_local(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    at.with_timezone(&SHANGHAI)
}

/// The calendar year of an instant in the street's zone (case codes are numbered per year).
pub fn local_year(at: DateTime<Utc>) -> i32 {
    to_local(at).year()
}

/// The calendar date of an instant in the street's zone.
pub fn local_date(at: DateTime<Utc>) -> chrono::NaiveDate {
    to_local(at).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn new_year_in_shanghai_comes_eight_hours_before_utc() {
        let at = Utc.with_ymd_and_hms(2026, 12, 31, 16, 30, 0).unwrap();
        assert_eq!(local_year(at), 2027);
        let before = Utc.with_ymd_and_hms(2026, 12, 31, 15, 59, 59).unwrap();
        assert_eq!(local_year(before), 2026);
    }
}
