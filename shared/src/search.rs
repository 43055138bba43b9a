//! Finding a case when a resident calls: by its code, or by a party's name, a phone number or
//! the address. Storage keeps the search terms of each case beside it ([`search_terms`]) and
//! looks a query up as a range of those terms ([`SearchQuery::term_range`]), so a search is an
//! index lookup and never decodes cases to compare them.
//!
//! A term is every suffix of a normalised name, phone or address (phones from their fourth
//! last digit, names and addresses from their second last character), so a prefix match on
//! the terms finds the query anywhere inside them: "8001" finds 13900138001, "12号" finds
//! 中华路12号3单元.

use crate::case::Case;
use crate::code::CaseCode;
use crate::duplicates::address_key;
use crate::fields::FieldProblem;

/// The longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 40;
/// The shortest text query, in characters (a single character would match nearly every case).
pub const MIN_TEXT_CHARS: usize = 2;
/// The shortest run of digits searched as part of a phone number.
pub const MIN_PHONE_DIGITS: usize = 4;
/// How much of a long address its terms cover, in characters.
const MAX_ADDRESS_CHARS: usize = 40;

/// What a search asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchQuery {
    /// A whole case code (any spelling [`CaseCode`] accepts).
    Code(CaseCode),
    /// Part of a name, a phone number or an address, normalised like the terms.
    Text(String),
}

/// Normalises text the way the terms are: full-width letters and digits as ASCII, lower case,
/// nothing but letters and digits (the address rule of duplicates).
fn normalise(text: &str) -> String {
    address_key(text)
}

impl SearchQuery {
    /// Reads what staff typed into the search box: fewer characters (or digits) than a
    /// search needs are too short, more than [`MAX_QUERY_CHARS`] too long.
    pub fn parse(raw: &str) -> Result<SearchQuery, FieldProblem> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(FieldProblem::Required);
        }
        if raw.chars().count() > MAX_QUERY_CHARS {
            return Err(FieldProblem::TooLong {
                max: MAX_QUERY_CHARS,
            });
        }
        if let Ok(code) = CaseCode::parse(raw) {
            return Ok(SearchQuery::Code(code));
        }
        let text = normalise(raw);
        let digits_only = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        let (have, min) = if digits_only {
            (text.len(), MIN_PHONE_DIGITS)
        } else {
            (text.chars().count(), MIN_TEXT_CHARS)
        };
        if have < min {
            return Err(FieldProblem::TooShort { min });
        }
        Ok(SearchQuery::Text(text))
    }

    /// Whether the query looks into contact details (names, phones, addresses), which only
    /// staff allowed to read them may search by.
    pub fn needs_contact(&self) -> bool {
        matches!(self, SearchQuery::Text(_))
    }
}

/// The half-open range `[from, to)` of the terms a text query matches: every term that starts
/// with it.
pub fn term_range(text: &str) -> (String, String) {
    (text.to_owned(), format!("{text}\u{10FFFF}"))
}

/// Every suffix of `key` at least `min` characters long.
fn suffixes(key: &str, min: usize, out: &mut Vec<String>) {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() < min {
        return;
    }
    for start in 0..=chars.len() - min {
        out.push(chars[start..].iter().collect());
    }
}

/// The search terms of a case, each once, sorted: its parties' names and phone numbers and
/// its address. A case whose personal data was erased has none.
pub fn search_terms(case: &Case) -> Vec<String> {
    let mut terms = Vec::new();
    if case.personal_data_erased {
        return terms;
    }
    for party in &case.parties {
        suffixes(&normalise(party.name.as_str()), MIN_TEXT_CHARS, &mut terms);
        if let Some(phone) = &party.phone {
            let digits: String = phone
                .as_str()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            suffixes(&digits, MIN_PHONE_DIGITS, &mut terms);
        }
    }
    let address: String = normalise(case.address.as_str())
        .chars()
        .take(MAX_ADDRESS_CHARS)
        .collect();
    suffixes(&address, MIN_TEXT_CHARS, &mut terms);
    terms.sort();
    terms.dedup();
    terms
}

/// Whether `case` matches a text query by the same rule storage applies to the terms.
pub fn matches(case: &Case, query: &SearchQuery) -> bool {
    match query {
        SearchQuery::Code(code) => &case.code == code,
        SearchQuery::Text(text) => search_terms(case).iter().any(|t| t.starts_with(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::filed_dispute as sample_case;

    #[test]
    fn a_code_in_any_spelling_is_a_code() {
        for raw in ["ZH01-2026-0001", " zh01 2026 0001 "] {
            assert!(matches!(SearchQuery::parse(raw), Ok(SearchQuery::Code(_))));
        }
        assert!(!SearchQuery::parse("ZH01-2026-0001")
            .unwrap()
            .needs_contact());
    }

    #[test]
    fn short_and_long_queries_are_refused() {
        let short = |min| Err(FieldProblem::TooShort { min });
        assert_eq!(SearchQuery::parse("  "), Err(FieldProblem::Required));
        assert_eq!(SearchQuery::parse("张"), short(2));
        assert_eq!(SearchQuery::parse(" - "), short(2));
        assert_eq!(SearchQuery::parse("123"), short(4));
        assert_eq!(
            SearchQuery::parse(&"路".repeat(41)),
            Err(FieldProblem::TooLong { max: 40 })
        );
        assert_eq!(
            SearchQuery::parse("1234"),
            Ok(SearchQuery::Text("1234".into()))
        );
        assert_eq!(
            SearchQuery::parse("张三"),
            Ok(SearchQuery::Text("张三".into()))
        );
    }

    #[test]
    fn names_phones_and_addresses_are_found_from_inside() {
        let case = sample_case();
        let applicant = case.applicant().expect("an applicant");
        let phone = applicant
            .phone
            .as_ref()
            .expect("a phone")
            .as_str()
            .to_owned();
        let last_four = &phone[phone.len() - 4..];
        let name = applicant.name.as_str().to_owned();
        let address = case.address.as_str().to_owned();
        let middle: String = address.chars().skip(2).take(3).collect();
        for raw in [last_four, phone.as_str(), name.as_str(), middle.as_str()] {
            let query = SearchQuery::parse(raw).expect("searchable");
            assert!(
                matches(&case, &query),
                "{raw} in {address} / {name} / {phone}"
            );
        }
        let query = SearchQuery::parse("无此地址").unwrap();
        assert!(!matches(&case, &query));
    }

    #[test]
    fn the_term_range_holds_exactly_the_terms_starting_with_the_query() {
        let case = sample_case();
        let Ok(SearchQuery::Text(text)) = SearchQuery::parse(case.address.as_str()) else {
            panic!("an address is a text query");
        };
        let (from, to) = term_range(&text);
        let terms = search_terms(&case);
        let in_range: Vec<_> = terms
            .iter()
            .filter(|t| t.as_str() >= from.as_str() && t.as_str() < to.as_str())
            .collect();
        assert!(!in_range.is_empty());
        assert!(in_range.iter().all(|t| t.starts_with(&from)));
        assert_eq!(
            in_range.len(),
            terms.iter().filter(|t| t.starts_with(&text)).count()
        );
    }

    #[test]
    fn an_erased_case_has_no_terms() {
        let mut case = sample_case();
        assert!(!search_terms(&case).is_empty());
        case.personal_data_erased = true;
        assert!(search_terms(&case).is_empty());
    }

    #[test]
    fn terms_are_bounded_for_a_long_address() {
        let mut case = sample_case();
        let long = serde_json::to_value("长".repeat(500)).expect("a string");
        case.address = serde_json::from_value(long).expect("an address as stored");
        assert!(search_terms(&case).len() < 120);
    }
}
