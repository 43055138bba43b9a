//! Document numbers, "(2026) 中华路调字第 0042 号": one sequence per street, kind and year.
//!
//! Storage hands out the sequence without gaps; here a number is only spelled, read back and
//! kept. The official number is Chinese (it is what the court and the archive file by); the
//! English rendering is a reading aid printed on the English page, so it is not parsed back.

use crate::documents::kind::DocumentKind;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A document's number: street (its short Chinese name, `中华路`), kind, year and sequence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentNumber {
    street: String,
    kind: DocumentKind,
    year: u16,
    seq: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a document number")]
pub struct InvalidDocumentNumber;

/// The characters that would make a printed number ambiguous if a street's name held them.
fn street_name_ok(street: &str) -> bool {
    !street.is_empty()
        && street.chars().count() <= 20
        && !street.chars().any(|c| {
            c.is_whitespace() || c.is_control() || c.is_ascii_digit() || "()（）".contains(c)
        })
}

impl DocumentNumber {
    /// A number, or `None` when a part is out of range: a street name that is blank or holds
    /// spaces, digits or brackets, a year outside 2000–9999, or a sequence of 0 (sequences
    /// start at 1, like case codes).
    pub fn new(street: &str, kind: DocumentKind, year: i32, seq: u32) -> Option<Self> {
        let year = u16::try_from(year)
            .ok()
            .filter(|y| (2000..=9999).contains(y))?;
        (street_name_ok(street) && seq >= 1).then(|| Self {
            street: street.to_owned(),
            kind,
            year,
            seq,
        })
    }

    pub fn street(&self) -> &str {
        &self.street
    }

    pub fn kind(&self) -> DocumentKind {
        self.kind
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn seq(&self) -> u32 {
        self.seq
    }

    /// The English rendering, "Zhonghua Road Mediation No. 0042 (2026)", given the street's
    /// short English name.
    pub fn english(&self, street_en: &str) -> String {
        format!(
            "{street_en} {} No. {:04} ({})",
            self.kind.number_word_en(),
            self.seq,
            self.year
        )
    }

    /// Reads a number as printed or typed: ASCII or full-width brackets, with or without
    /// spaces ("（2026）中华路调字第0042号" reads as "(2026) 中华路调字第 0042 号").
    pub fn parse(raw: &str) -> Result<Self, InvalidDocumentNumber> {
        raw.parse()
    }
}

/// The official number as a string, the one way every caller spells it.
pub fn document_number(street_short_name: &str, kind: DocumentKind, year: i32, seq: u32) -> String {
    match DocumentNumber::new(street_short_name, kind, year, seq) {
        Some(number) => number.to_string(),
        // Out-of-range parts are still spelled, so a caller's mistake is visible on the page
        // rather than a panic; `DocumentNumber::new` is the checked way.
        None => format!(
            "({year}) {street_short_name}{}字第 {seq:04} 号",
            kind.number_word()
        ),
    }
}

impl fmt::Display for DocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "({}) {}{}字第 {:04} 号",
            self.year,
            self.street,
            self.kind.number_word(),
            self.seq
        )
    }
}

impl FromStr for DocumentNumber {
    type Err = InvalidDocumentNumber;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                other => other,
            })
            .collect();
        let rest = compact.strip_prefix('(').ok_or(InvalidDocumentNumber)?;
        let (year, rest) = rest.split_once(')').ok_or(InvalidDocumentNumber)?;
        let rest = rest.strip_suffix('号').ok_or(InvalidDocumentNumber)?;
        // The sequence follows the last "字第": a street name may hold any other characters.
        let (head, seq) = rest.rsplit_once("字第").ok_or(InvalidDocumentNumber)?;
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || !all_digits(year) || !(4..=9).contains(&seq.len()) {
            return Err(InvalidDocumentNumber);
        }
        if !all_digits(seq) {
            return Err(InvalidDocumentNumber);
        }
        let word = head.chars().last().ok_or(InvalidDocumentNumber)?;
        let street = &head[..head.len() - word.len_utf8()];
        let kind = DocumentKind::ALL
            .into_iter()
            .find(|k| k.number_word() == word)
            .ok_or(InvalidDocumentNumber)?;
        let year: i32 = year.parse().map_err(|_| InvalidDocumentNumber)?;
        let seq: u32 = seq.parse().map_err(|_| InvalidDocumentNumber)?;
        DocumentNumber::new(street, kind, year, seq).ok_or(InvalidDocumentNumber)
    }
}

impl Serialize for DocumentNumber {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocumentNumber {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        raw.parse().map_err(serde::de::Error::custom)
    }
}
