//! The field validators on arbitrary text: what they accept is trimmed, within its bounds,
//! free of control characters and a fixed point of its own parser; what they refuse names
//! its field and the reason that really holds; the masks keep their shape.

#![no_main]

use accord_shared::fields::{
    mask_name, mask_phone, Address, Description, FieldError, FieldProblem, NoteText, PartyName,
    PhoneNumber, SessionTitle,
};
use libfuzzer_sys::fuzz_target;

/// One text validator: accepted text is the trimmed input, `min..=max` characters, with no
/// control character but the line breaks and tabs of multi-line fields, and parses to itself;
/// a refusal is the first rule the input breaks, in the order the rules are checked.
fn check_text<T: PartialEq + std::fmt::Debug + serde::Serialize + serde::de::DeserializeOwned>(
    raw: &str,
    parse: fn(&'static str, &str) -> Result<T, FieldError>,
    as_str: fn(&T) -> &str,
    (min, max, multiline): (usize, usize, bool),
) {
    let trimmed = raw.trim();
    let forbidden = |c: char| c.is_control() && !(multiline && matches!(c, '\n' | '\t' | '\r'));
    let count = trimmed.chars().count();
    match parse("f", raw) {
        Ok(value) => {
            let text = as_str(&value);
            assert_eq!(text, trimmed);
            assert!((min..=max).contains(&count), "{count} characters accepted");
            assert!(!text.chars().any(forbidden));
            assert_eq!(parse("f", text).as_ref(), Ok(&value), "not a fixed point");
            let json = serde_json::to_string(&value).expect("text serializes");
            assert_eq!(serde_json::from_str::<T>(&json).ok().as_ref(), Some(&value));
        }
        Err(err) => {
            assert_eq!(err.field, "f");
            let expected = if trimmed.is_empty() {
                FieldProblem::Required
            } else if trimmed.chars().any(forbidden) {
                FieldProblem::ControlCharacters
            } else if count < min {
                FieldProblem::TooShort { min }
            } else if count > max {
                FieldProblem::TooLong { max }
            } else {
                panic!("valid text refused: {err}")
            };
            assert_eq!(err.problem, expected);
        }
    }
}

/// A canonical phone number: 11 mobile digits `1[3-9]…`, or `0` + area code + `-` + 7 or 8
/// digits (a three-character area code after `01`/`02`, four otherwise).
fn canonical_phone(p: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let b = p.as_bytes();
    if b.len() == 11 && digits(p) {
        return b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
    }
    let Some((area, local)) = p.split_once('-') else {
        return false;
    };
    let area_len = if matches!(area.as_bytes().get(1), Some(b'1' | b'2')) {
        3
    } else {
        4
    };
    area.starts_with('0')
        && area.len() == area_len
        && digits(area)
        && digits(local)
        && (7..=8).contains(&local.len())
}

fn check_phone(raw: &str) {
    match PhoneNumber::parse("phone", raw) {
        Ok(phone) => {
            assert!(canonical_phone(phone.as_str()), "{:?}", phone.as_str());
            assert_eq!(
                PhoneNumber::parse("phone", phone.as_str()).as_ref(),
                Ok(&phone),
                "a canonical number reads as itself"
            );
            // The digits it keeps are the ones typed, less a country code.
            let typed: String = raw.chars().filter(char::is_ascii_digit).collect();
            let kept: String = phone
                .as_str()
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            assert!(typed.ends_with(&kept) && typed.len() - kept.len() <= 2);
        }
        Err(err) => {
            assert_eq!(err.field, "phone");
            let expected = if raw.trim().is_empty() {
                FieldProblem::Required
            } else {
                FieldProblem::InvalidPhone
            };
            assert_eq!(err.problem, expected);
        }
    }
}

fn check_masks(raw: &str) {
    let count = raw.chars().count();
    let name = mask_name(raw);
    if count == 0 {
        assert!(name.is_empty());
    } else {
        assert_eq!(name.chars().next(), raw.chars().next());
        assert_eq!(name.chars().count(), count.max(2));
        assert!(name.chars().skip(1).all(|c| c == '*'));
    }
    let phone = mask_phone(raw);
    if count <= 7 {
        assert_eq!(phone, "*".repeat(count));
    } else {
        let chars: Vec<char> = raw.chars().collect();
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[count - 4..].iter().collect();
        assert_eq!(phone, format!("{head}****{tail}"));
    }
}

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let raw = raw.as_ref();
    macro_rules! text {
        ($t:ident, $multiline:expr) => {
            check_text(
                raw,
                $t::parse,
                $t::as_str,
                ($t::MIN_CHARS, $t::MAX_CHARS, $multiline),
            )
        };
    }
    text!(PartyName, false);
    text!(Description, true);
    text!(NoteText, true);
    text!(SessionTitle, false);
    text!(Address, false);
    check_phone(raw);
    check_masks(raw);
    if let Some(problem) = FieldProblem::from_code(raw) {
        assert_eq!(problem.code(), raw, "a code names its problem");
    }
});
