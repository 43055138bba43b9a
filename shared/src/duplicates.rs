//! Possible duplicates: open cases of the same community and category at the same address,
//! filed within a year of each other (a matter at the same door years apart is a new one).

use crate::case::Case;
use chrono::{DateTime, Duration, Utc};

/// How far apart two filings may be to be taken for one matter.
pub const DUPLICATE_WINDOW_DAYS: i64 = 365;
/// The most possible duplicates a case names (the newest).
pub const MAX_DUPLICATES: usize = 20;

/// The span of filing times in which another case may be a duplicate of `case`.
pub fn duplicate_window(case: &Case) -> (DateTime<Utc>, DateTime<Utc>) {
    let window = Duration::days(DUPLICATE_WINDOW_DAYS);
    (case.filed_at - window, case.filed_at + window)
}

/// An address reduced to what identifies the place: letters and digits, lower-cased, with
/// full-width digits and letters folded to ASCII (`１２号` and `12号` are one place).
pub fn address_key(address: &str) -> String {
    address
        .chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            other => other,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Codes of the open cases among `others` that look like the same matter as `case`, at most
/// [`MAX_DUPLICATES`] of them, in the order given.
pub fn possible_duplicates<'a>(
    case: &Case,
    others: impl IntoIterator<Item = &'a Case>,
) -> Vec<String> {
    let key = address_key(case.address.as_str());
    let (from, to) = duplicate_window(case);
    others
        .into_iter()
        .filter(|other| {
            other.code != case.code
                && other.status.is_open()
                && other.merged_into.is_none()
                && other.community == case.community
                && other.category == case.category
                && (from..=to).contains(&other.filed_at)
                && address_key(other.address.as_str()) == key
        })
        .take(MAX_DUPLICATES)
        .map(|other| other.code.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_match_whatever_the_spacing_width_and_punctuation() {
        assert_eq!(
            address_key("中华路 12号, 3单元-501"),
            address_key("中华路１２号3单元501")
        );
        assert_ne!(address_key("中华路12号"), address_key("中华路13号"));
    }
}
