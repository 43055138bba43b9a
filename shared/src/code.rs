//! Case codes: short, readable, and routable to their community without a lookup.
//!
//! `ZH07-2026-0123` is case 123 of 2026 in community 7 of the street whose prefix is `ZH`.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CaseCode {
    prefix: String,
    community_number: u8,
    year: u16,
    sequence: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a case code")]
pub struct InvalidCaseCode;

/// The largest sequence a code may carry: six digits, all that [`CaseCode::parse`] reads.
pub const MAX_SEQUENCE: u32 = 999_999;

impl CaseCode {
    /// A code from its parts, or `None` where the parts make no code that reads back: a prefix
    /// of 1 to 4 capital letters, a community 1 to 99, a year 2000 to 9999, a sequence 1 to
    /// [`MAX_SEQUENCE`].
    pub fn new(prefix: &str, community_number: u8, year: i32, sequence: u32) -> Option<Self> {
        let valid_prefix =
            (1..=4).contains(&prefix.len()) && prefix.chars().all(|c| c.is_ascii_uppercase());
        let year = u16::try_from(year)
            .ok()
            .filter(|y| (2000..=9999).contains(y))?;
        let valid_sequence = (1..=MAX_SEQUENCE).contains(&sequence);
        (valid_prefix && (1..=99).contains(&community_number) && valid_sequence).then(|| Self {
            prefix: prefix.to_owned(),
            community_number,
            year,
            sequence,
        })
    }

    pub fn community_number(&self) -> u8 {
        self.community_number
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn sequence(&self) -> u32 {
        self.sequence
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Reads a code as people type it (see the `FromStr` impl): the one normalisation of codes.
    pub fn parse(raw: &str) -> Result<Self, InvalidCaseCode> {
        raw.parse()
    }
}

impl fmt::Display for CaseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{:02}-{}-{:04}",
            self.prefix, self.community_number, self.year, self.sequence
        )
    }
}

impl FromStr for CaseCode {
    type Err = InvalidCaseCode;

    /// Accepts what people type: any case, surrounding spaces, and spaces for dashes.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let normalized: String = raw
            .trim()
            .chars()
            .map(|c| {
                if c == ' ' {
                    '-'
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect();
        let mut parts = normalized.split('-');
        let (Some(head), Some(year), Some(seq), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(InvalidCaseCode);
        };
        let split = head
            .find(|c: char| c.is_ascii_digit())
            .ok_or(InvalidCaseCode)?;
        let (prefix, number) = head.split_at(split);
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if number.len() != 2 || year.len() != 4 || !(4..=6).contains(&seq.len()) {
            return Err(InvalidCaseCode);
        }
        if !all_digits(number) || !all_digits(year) || !all_digits(seq) {
            return Err(InvalidCaseCode);
        }
        let number: u8 = number.parse().map_err(|_| InvalidCaseCode)?;
        let year: i32 = year.parse().map_err(|_| InvalidCaseCode)?;
        let seq: u32 = seq.parse().map_err(|_| InvalidCaseCode)?;
        CaseCode::new(prefix, number, year, seq).ok_or(InvalidCaseCode)
    }
}

impl Serialize for CaseCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CaseCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        raw.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_code_reads_prefix_community_year_and_sequence() {
        let code = CaseCode::new("ZH", 7, 2026, 123).unwrap();
        assert_eq!(code.to_string(), "ZH07-2026-0123");
        assert_eq!("zh07 2026 0123".parse::<CaseCode>().unwrap(), code);
    }

    #[test]
    fn sequences_past_four_digits_keep_all_their_digits() {
        let code = CaseCode::new("ZH", 34, 2027, 12345).unwrap();
        assert_eq!(code.to_string(), "ZH34-2027-12345");
        assert_eq!(code.to_string().parse::<CaseCode>().unwrap(), code);
    }

    #[test]
    fn no_code_is_made_that_would_not_read_back() {
        let last = CaseCode::new("ZH", 1, 2026, MAX_SEQUENCE).unwrap();
        assert_eq!(last.to_string(), "ZH01-2026-999999");
        assert_eq!(last.to_string().parse::<CaseCode>().unwrap(), last);
        // Found by the case_code fuzz target: seven digits were shown but never read.
        assert_eq!(CaseCode::new("X", 48, 5539, 1_090_667), None);
        assert_eq!(CaseCode::new("ZH", 1, 2026, u32::MAX), None);
        assert_eq!(
            "ZH01-2026-1000000".parse::<CaseCode>(),
            Err(InvalidCaseCode)
        );
    }

    #[test]
    fn malformed_codes_are_rejected() {
        for raw in [
            "",
            "ZH",
            "ZH7-2026-0001",
            "ZH07-26-0001",
            "ZH07-2026-1",
            "07-2026-0001",
            "ZH00-2026-0001",
            "ZH07-2026-0000",
            "ZH07-2026-0001-1",
            "ZH0７-2026-0001",
        ] {
            assert!(raw.parse::<CaseCode>().is_err(), "{raw}");
        }
    }

    proptest! {
        #[test]
        fn every_code_survives_a_round_trip(n in 1u8..=99, year in 2000i32..=9999, seq in 1u32..=999_999) {
            let code = CaseCode::new("ZH", n, year, seq).unwrap();
            prop_assert_eq!(code.to_string().parse::<CaseCode>().unwrap(), code);
        }

        #[test]
        fn parsing_arbitrary_text_never_panics(raw in ".{0,40}") {
            let _ = raw.parse::<CaseCode>();
        }
    }
}
