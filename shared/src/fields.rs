//! Validated field values (parse, don't validate) and the error that names a rejected field.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a field was rejected. The browser turns the code into words in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum FieldProblem {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    ControlCharacters,
    InvalidPhone,
    UnknownCommunity,
    UnknownGrid,
    UnknownCategory,
    CategoryKindMismatch,
    InvalidFormat,
    /// Already in use (a username).
    Taken,
    /// Does not match what is on record (a current password).
    Mismatch,
    /// Names a case that is not in follow-up (a volunteer link's cases).
    NotInFollowUp,
}

impl FieldProblem {
    /// Stable machine-readable code used in the API error body.
    pub fn code(&self) -> &'static str {
        match self {
            FieldProblem::Required => "required",
            FieldProblem::TooShort { .. } => "too_short",
            FieldProblem::TooLong { .. } => "too_long",
            FieldProblem::ControlCharacters => "control_characters",
            FieldProblem::InvalidPhone => "invalid_phone",
            FieldProblem::UnknownCommunity => "unknown_community",
            FieldProblem::UnknownGrid => "unknown_grid",
            FieldProblem::UnknownCategory => "unknown_category",
            FieldProblem::CategoryKindMismatch => "category_kind_mismatch",
            FieldProblem::InvalidFormat => "invalid_format",
            FieldProblem::Taken => "taken",
            FieldProblem::Mismatch => "mismatch",
            FieldProblem::NotInFollowUp => "not_in_follow_up",
        }
    }

    /// The problem an API error code names, the inverse of [`FieldProblem::code`]. The code does
    /// not carry the bounds of `too_short` and `too_long`: they come back as 0, for the caller
    /// that knows the field to fill in.
    pub fn from_code(code: &str) -> Option<FieldProblem> {
        Some(match code {
            "required" => FieldProblem::Required,
            "too_short" => FieldProblem::TooShort { min: 0 },
            "too_long" => FieldProblem::TooLong { max: 0 },
            "control_characters" => FieldProblem::ControlCharacters,
            "invalid_phone" => FieldProblem::InvalidPhone,
            "unknown_community" => FieldProblem::UnknownCommunity,
            "unknown_grid" => FieldProblem::UnknownGrid,
            "unknown_category" => FieldProblem::UnknownCategory,
            "category_kind_mismatch" => FieldProblem::CategoryKindMismatch,
            "invalid_format" => FieldProblem::InvalidFormat,
            "taken" => FieldProblem::Taken,
            "mismatch" => FieldProblem::Mismatch,
            "not_in_follow_up" => FieldProblem::NotInFollowUp,
            _ => return None,
        })
    }
}

/// A rejected field: which one, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct FieldError {
    pub field: &'static str,
    pub problem: FieldProblem,
}

impl FieldError {
    pub fn new(field: &'static str, problem: FieldProblem) -> Self {
        Self { field, problem }
    }
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldProblem::Required => write!(f, "this field is required"),
            FieldProblem::TooShort { min } => write!(f, "must be at least {min} characters"),
            FieldProblem::TooLong { max } => write!(f, "must be at most {max} characters"),
            FieldProblem::ControlCharacters => write!(f, "must not contain control characters"),
            FieldProblem::InvalidPhone => write!(
                f,
                "must be a mainland mobile number (11 digits starting with 1) or a landline with area code"
            ),
            FieldProblem::UnknownCommunity => write!(f, "no such community in this street"),
            FieldProblem::UnknownGrid => write!(f, "no such grid in the chosen community"),
            FieldProblem::UnknownCategory => write!(f, "no such category"),
            FieldProblem::CategoryKindMismatch => {
                write!(f, "the category does not belong to the chosen kind of matter")
            }
            FieldProblem::InvalidFormat => write!(f, "has an invalid format"),
            FieldProblem::Taken => write!(f, "is already taken"),
            FieldProblem::Mismatch => write!(f, "does not match"),
            FieldProblem::NotInFollowUp => write!(f, "names a case that is not in follow-up"),
        }
    }
}

/// Trimmed free text between `min` and `max` characters, without control characters
/// (line breaks and tabs are allowed where `multiline`).
fn parse_text(
    field: &'static str,
    raw: &str,
    min: usize,
    max: usize,
    multiline: bool,
) -> Result<String, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, FieldProblem::Required));
    }
    let allowed = |c: char| multiline && (c == '\n' || c == '\t' || c == '\r');
    if text.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(FieldError::new(field, FieldProblem::ControlCharacters));
    }
    let count = text.chars().count();
    if count < min {
        return Err(FieldError::new(field, FieldProblem::TooShort { min }));
    }
    if count > max {
        return Err(FieldError::new(field, FieldProblem::TooLong { max }));
    }
    Ok(text.to_owned())
}

macro_rules! text_newtype {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub const MIN_CHARS: usize = $min;
            pub const MAX_CHARS: usize = $max;

            pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
                parse_text(field, raw, $min, $max, $multiline).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

text_newtype!(
    /// A person's name as they give it (Chinese names are often two or three characters).
    PartyName, 1, 40, false
);
text_newtype!(
    /// What happened, in the resident's words.
    Description, 2, 2000, true
);
text_newtype!(
    /// A note, a reason or a comment written by staff or a resident.
    NoteText, 1, 2000, true
);
text_newtype!(
    /// The title of a mediation session, as calendars show it.
    SessionTitle, 1, 100, false
);
text_newtype!(
    /// A street address inside the grid (building, unit, room).
    Address, 2, 200, false
);

/// A phone number in canonical form: an 11-digit mainland mobile number (`13812345678`) or a
/// landline with its area code (`0411-84123456`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(FieldError::new(field, FieldProblem::Required));
        }
        let invalid = || FieldError::new(field, FieldProblem::InvalidPhone);
        // People type spaces, dashes and brackets; only digits and a leading + carry meaning.
        if !trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+'))
        {
            return Err(invalid());
        }
        let had_plus = trimmed.starts_with('+');
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        let national = if had_plus {
            digits.strip_prefix("86").ok_or_else(invalid)?
        } else if digits.len() == 13 && digits.starts_with("86") {
            &digits[2..]
        } else {
            digits.as_str()
        };
        let bytes = national.as_bytes();
        if bytes.len() == 11 && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1]) {
            return Ok(Self(national.to_owned()));
        }
        // Landline: 0 + area code (2 or 3 digits) + local number (7 or 8 digits).
        if bytes.first() == Some(&b'0') && (10..=12).contains(&bytes.len()) {
            let area_len = if matches!(bytes.get(1), Some(b'1') | Some(b'2')) {
                3
            } else {
                4
            };
            let local_len = bytes.len() - area_len;
            if (7..=8).contains(&local_len) {
                return Ok(Self(format!(
                    "{}-{}",
                    &national[..area_len],
                    &national[area_len..]
                )));
            }
        }
        Err(invalid())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A name masked for lists: the first character and a star for each other one (`张**`).
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => {
            let rest = chars.count().max(1);
            std::iter::once(first)
                .chain(std::iter::repeat_n('*', rest))
                .collect()
        }
        None => String::new(),
    }
}

/// A phone number masked for lists: `138****5678`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() <= 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_comes_back_from_its_code() {
        let all = [
            FieldProblem::Required,
            FieldProblem::TooShort { min: 0 },
            FieldProblem::TooLong { max: 0 },
            FieldProblem::ControlCharacters,
            FieldProblem::InvalidPhone,
            FieldProblem::UnknownCommunity,
            FieldProblem::UnknownGrid,
            FieldProblem::UnknownCategory,
            FieldProblem::CategoryKindMismatch,
            FieldProblem::InvalidFormat,
            FieldProblem::Taken,
            FieldProblem::Mismatch,
            FieldProblem::NotInFollowUp,
        ];
        for problem in all {
            // A new variant must be listed above: this match has no wildcard.
            match problem {
                FieldProblem::Required
                | FieldProblem::TooShort { .. }
                | FieldProblem::TooLong { .. }
                | FieldProblem::ControlCharacters
                | FieldProblem::InvalidPhone
                | FieldProblem::UnknownCommunity
                | FieldProblem::UnknownGrid
                | FieldProblem::UnknownCategory
                | FieldProblem::CategoryKindMismatch
                | FieldProblem::InvalidFormat
                | FieldProblem::Taken
                | FieldProblem::Mismatch
                | FieldProblem::NotInFollowUp => {}
            }
            assert_eq!(
                FieldProblem::from_code(problem.code()),
                Some(problem.clone())
            );
        }
        assert_eq!(
            FieldProblem::from_code("too_short").map(|p| p.code()),
            Some("too_short")
        );
        assert_eq!(FieldProblem::from_code("no_such_code"), None);
    }

    #[test]
    fn mobile_numbers_are_accepted_in_the_forms_people_type() {
        for raw in [
            "13812345678",
            " 138 1234 5678 ",
            "138-1234-5678",
            "+86 138 1234 5678",
            "8613812345678",
        ] {
            assert_eq!(
                PhoneNumber::parse("phone", raw).unwrap().as_str(),
                "13812345678",
                "{raw}"
            );
        }
    }

    #[test]
    fn landlines_keep_their_area_code() {
        assert_eq!(
            PhoneNumber::parse("phone", "0411-84123456")
                .unwrap()
                .as_str(),
            "0411-84123456"
        );
        assert_eq!(
            PhoneNumber::parse("phone", "(010) 12345678")
                .unwrap()
                .as_str(),
            "010-12345678"
        );
    }

    #[test]
    fn invalid_phone_numbers_are_rejected_with_the_field_named() {
        for raw in [
            "12345",
            "12812345678",
            "abc13812345678",
            "+1 415 555 0100",
            "138123456789",
        ] {
            let err = PhoneNumber::parse("phone", raw).unwrap_err();
            assert_eq!(err.field, "phone");
            assert_eq!(err.problem, FieldProblem::InvalidPhone, "{raw}");
        }
        assert_eq!(
            PhoneNumber::parse("phone", "  ").unwrap_err().problem,
            FieldProblem::Required
        );
    }

    #[test]
    fn an_empty_description_is_required_and_a_long_one_too_long() {
        assert_eq!(
            Description::parse("description", " \n ")
                .unwrap_err()
                .problem,
            FieldProblem::Required
        );
        let long = "字".repeat(2001);
        assert_eq!(
            Description::parse("description", &long)
                .unwrap_err()
                .problem,
            FieldProblem::TooLong { max: 2000 }
        );
        assert!(Description::parse("description", "楼上漏水\n已经三天").is_ok());
    }

    #[test]
    fn names_with_control_characters_are_rejected() {
        assert_eq!(
            PartyName::parse("name", "张\u{0007}三")
                .unwrap_err()
                .problem,
            FieldProblem::ControlCharacters
        );
        assert_eq!(PartyName::parse("name", " 张三 ").unwrap().as_str(), "张三");
    }

    #[test]
    fn masks_hide_all_but_the_first_character_and_the_phone_ends() {
        assert_eq!(mask_name("张三丰"), "张**");
        assert_eq!(mask_name("张"), "张*");
        assert_eq!(mask_phone("13812345678"), "138****5678");
    }
}
