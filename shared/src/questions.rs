//! A category's extra questions: what an admin asks beyond the common fields (a hazard's "is
//! anyone in danger now?", a wage dispute's "how much, and since when?"), and the answers a
//! filing gives to them.
//!
//! Questions are versioned with their category: every change that alters them counts the
//! version up. A case keeps its answers whole, each with the question's words as they were
//! asked, so a later change to a category's questions never changes or breaks a case filed
//! under the old ones.

use crate::fields::{FieldError, FieldProblem};
use crate::vocabulary::Name;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// At most this many questions a category.
pub const MAX_QUESTIONS: usize = 8;
/// A choice question offers 2 to this many choices.
pub const MAX_CHOICES: usize = 12;
/// The longest wording of a question or a choice, in characters, per language.
pub const MAX_LABEL_CHARS: usize = 120;
/// The longest answer in words, in characters.
pub const MAX_TEXT_ANSWER_CHARS: usize = 500;
/// The largest number an answer may give, either side of zero.
pub const MAX_NUMBER: u64 = 1_000_000_000_000;

/// The error field of each answer, by the question's place in its category's list: the
/// answer to the first question is `answers.0`.
pub const ANSWER_FIELDS: [&str; MAX_QUESTIONS] = [
    "answers.0",
    "answers.1",
    "answers.2",
    "answers.3",
    "answers.4",
    "answers.5",
    "answers.6",
    "answers.7",
];

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Words, up to [`MAX_TEXT_ANSWER_CHARS`].
    Text,
    /// A number (an amount, a count), decimal.
    Number,
    /// Yes or no.
    YesNo,
    /// One of the question's choices.
    Choice,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 4] = [
        QuestionKind::Text,
        QuestionKind::Number,
        QuestionKind::YesNo,
        QuestionKind::Choice,
    ];

    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Text => "text",
            QuestionKind::Number => "number",
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Choice => "choice",
        }
    }

    pub fn from_code(code: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One of a choice question's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Stable within its question; what a filing sends.
    pub id: String,
    pub label: Name,
}

/// One extra question of a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable within its category (`q1`, `in_danger`); what a filing's answers are keyed by.
    pub id: String,
    pub label: Name,
    pub kind: QuestionKind,
    #[serde(default)]
    pub required: bool,
    /// A choice question's choices, in the order shown; empty for the other kinds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
}

/// An answer as a case keeps it: the question's id and words when it was asked, and the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    pub label: Name,
    pub value: AnswerValue,
}

/// The value of an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AnswerValue {
    Text {
        text: String,
    },
    /// Kept as the canonical decimal text, so that no precision is lost or invented.
    Number {
        number: String,
    },
    YesNo {
        yes: bool,
    },
    Choice {
        choice: String,
        label: Name,
    },
}

impl AnswerValue {
    /// Whether this value holds words a person typed (personal data, erased with the rest).
    pub fn is_free_text(&self) -> bool {
        matches!(self, AnswerValue::Text { .. })
    }
}

/// An id of a question or a choice: 1 to 32 of `a-z`, `0-9`, `_`.
pub fn id_ok(id: &str) -> bool {
    (1..=32).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn label_ok(label: &Name) -> bool {
    [&label.zh, &label.en].iter().all(|text| {
        !text.trim().is_empty()
            && text.chars().count() <= MAX_LABEL_CHARS
            && !text.chars().any(char::is_control)
    })
}

/// Checks a category's questions as an admin gives them; the error names the first question
/// at fault as `questions.N` (or `questions` for too many of them).
pub fn check_questions(questions: &[Question]) -> Result<(), FieldError> {
    const FIELDS: [&str; MAX_QUESTIONS] = [
        "questions.0",
        "questions.1",
        "questions.2",
        "questions.3",
        "questions.4",
        "questions.5",
        "questions.6",
        "questions.7",
    ];
    if questions.len() > MAX_QUESTIONS {
        return Err(FieldError::new(
            "questions",
            FieldProblem::TooLong { max: MAX_QUESTIONS },
        ));
    }
    for (n, question) in questions.iter().enumerate() {
        let field = FIELDS[n];
        let bad = Err(FieldError::new(field, FieldProblem::InvalidFormat));
        let duplicate = questions[..n].iter().any(|q| q.id == question.id);
        if !id_ok(&question.id) || duplicate || !label_ok(&question.label) {
            return bad;
        }
        let choices = &question.choices;
        match question.kind {
            QuestionKind::Choice => {
                let ids_unique = choices
                    .iter()
                    .enumerate()
                    .all(|(i, c)| choices[..i].iter().all(|d| d.id != c.id));
                if !(2..=MAX_CHOICES).contains(&choices.len())
                    || !ids_unique
                    || !choices.iter().all(|c| id_ok(&c.id) && label_ok(&c.label))
                {
                    return bad;
                }
            }
            _ if !choices.is_empty() => return bad,
            _ => {}
        }
    }
    Ok(())
}

/// The version a category's questions have after an admin replaces `current` (at `version`)
/// by `next`: the same when nothing changed, else one more.
pub fn next_version(current: &[Question], version: u32, next: &[Question]) -> u32 {
    if current == next {
        version
    } else {
        version.saturating_add(1)
    }
}

/// A number as an answer gives it: decimal digits with at most one point and a sign, within
/// [`MAX_NUMBER`]; returned in canonical form (`+012.50` is `12.5`). Grouping commas and
/// spaces are allowed and dropped (`12,000`).
pub fn parse_number(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != ' ' && *c != '，')
        .collect();
    let (negative, digits) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !fraction.bytes().all(|b| b.is_ascii_digit())
        || fraction.len() > 6
    {
        return None;
    }
    // Compared as integers: no float parsing (it is large in a phone's download).
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let units: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    if units > MAX_NUMBER || units == MAX_NUMBER && !fraction.is_empty() {
        return None;
    }
    let whole = if whole.is_empty() { "0" } else { whole };
    let zero = whole == "0" && fraction.is_empty();
    let sign = if negative && !zero { "-" } else { "" };
    Some(if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    })
}

/// The answers of a filing to its category's `questions`, given as text by question id
/// (`"yes"`/`"no"` for yes or no, a choice's id for a choice). Answers to questions the
/// category does not ask (one removed since the form was loaded) are left out; an empty
/// answer is no answer. The error names the question at fault by its place: `answers.N`.
pub fn parse_answers(
    questions: &[Question],
    raw: &BTreeMap<String, String>,
) -> Result<Vec<Answer>, FieldError> {
    let mut answers = Vec::new();
    for (n, question) in questions.iter().enumerate().take(MAX_QUESTIONS) {
        let field = ANSWER_FIELDS[n];
        let invalid = || FieldError::new(field, FieldProblem::InvalidFormat);
        let given = raw.get(&question.id).map(|t| t.trim()).unwrap_or_default();
        if given.is_empty() {
            if question.required {
                return Err(FieldError::new(field, FieldProblem::Required));
            }
            continue;
        }
        let value = match question.kind {
            QuestionKind::Text => {
                if given.chars().count() > MAX_TEXT_ANSWER_CHARS {
                    return Err(FieldError::new(
                        field,
                        FieldProblem::TooLong {
                            max: MAX_TEXT_ANSWER_CHARS,
                        },
                    ));
                }
                if given.chars().any(|c| c.is_control() && c != '\n') {
                    return Err(FieldError::new(field, FieldProblem::ControlCharacters));
                }
                AnswerValue::Text {
                    text: given.to_owned(),
                }
            }
            QuestionKind::Number => AnswerValue::Number {
                number: parse_number(given).ok_or_else(invalid)?,
            },
            QuestionKind::YesNo => AnswerValue::YesNo {
                yes: match given {
                    "yes" => true,
                    "no" => false,
                    _ => return Err(invalid()),
                },
            },
            QuestionKind::Choice => {
                let choice = question
                    .choices
                    .iter()
                    .find(|c| c.id == given)
                    .ok_or_else(invalid)?;
                AnswerValue::Choice {
                    choice: choice.id.clone(),
                    label: choice.label.clone(),
                }
            }
        };
        answers.push(Answer {
            question: question.id.clone(),
            label: question.label.clone(),
            value,
        });
    }
    Ok(answers)
}

/// The answers with every word a person typed taken out (retention): the structured answers
/// (numbers, yes or no, choices) stay, a text answer is dropped.
pub fn without_free_text(answers: &[Answer]) -> Vec<Answer> {
    answers
        .iter()
        .filter(|a| !a.value.is_free_text())
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(zh: &str, en: &str) -> Name {
        Name::new(zh, en)
    }

    pub fn hazard_questions() -> Vec<Question> {
        vec![
            Question {
                id: "in_danger".into(),
                label: name("现在有人有危险吗？", "Is anyone in danger now?"),
                kind: QuestionKind::YesNo,
                required: true,
                choices: vec![],
            },
            Question {
                id: "floor".into(),
                label: name("在几楼？", "Which floor?"),
                kind: QuestionKind::Number,
                required: false,
                choices: vec![],
            },
            Question {
                id: "blocked_by".into(),
                label: name("被什么堵住？", "Blocked by what?"),
                kind: QuestionKind::Choice,
                required: false,
                choices: vec![
                    Choice {
                        id: "bikes".into(),
                        label: name("电动车", "E-bikes"),
                    },
                    Choice {
                        id: "rubbish".into(),
                        label: name("杂物", "Rubbish"),
                    },
                ],
            },
            Question {
                id: "details".into(),
                label: name("补充说明", "Anything else"),
                kind: QuestionKind::Text,
                required: false,
                choices: vec![],
            },
        ]
    }

    fn raw(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn well_formed_questions_pass_and_each_fault_names_its_question() {
        let good = hazard_questions();
        assert_eq!(check_questions(&good), Ok(()));
        let field = |change: &dyn Fn(&mut Vec<Question>)| {
            let mut qs = hazard_questions();
            change(&mut qs);
            check_questions(&qs).map_err(|e| e.field)
        };
        assert_eq!(field(&|q| q[1].id = "In Danger".into()), Err("questions.1"));
        assert_eq!(field(&|q| q[1].id = "in_danger".into()), Err("questions.1"));
        assert_eq!(field(&|q| q[0].label.en = " ".into()), Err("questions.0"));
        assert_eq!(
            field(&|q| q[3].label.zh = "字".repeat(MAX_LABEL_CHARS + 1)),
            Err("questions.3")
        );
        assert_eq!(field(&|q| q[2].choices.truncate(1)), Err("questions.2"));
        assert_eq!(
            field(&|q| q[2].choices[1].id = "bikes".into()),
            Err("questions.2")
        );
        assert_eq!(
            field(&|q| q[0].choices = q[2].choices.clone()),
            Err("questions.0")
        );
        assert_eq!(
            field(&|q| {
                let more = q.clone();
                q.extend(more.into_iter().map(|mut x| {
                    x.id.push('2');
                    x
                }));
                q.push(q[0].clone());
            }),
            Err("questions")
        );
    }

    #[test]
    fn the_version_counts_only_real_changes() {
        let qs = hazard_questions();
        assert_eq!(next_version(&qs, 3, &qs), 3);
        let mut changed = qs.clone();
        changed[0].required = false;
        assert_eq!(next_version(&qs, 3, &changed), 4);
        assert_eq!(next_version(&qs, u32::MAX, &changed), u32::MAX);
    }

    #[test]
    fn numbers_are_read_in_canonical_form_or_refused() {
        for (raw, want) in [
            ("12000", Some("12000")),
            ("12,000", Some("12000")),
            ("+012.50", Some("12.5")),
            ("-3", Some("-3")),
            ("-0", Some("0")),
            (".5", Some("0.5")),
            ("3.", Some("3")),
            ("1000000000000", Some("1000000000000")),
            ("1000000000001", None),
            ("1e5", None),
            ("NaN", None),
            ("inf", None),
            ("", None),
            (".", None),
            ("-", None),
            ("1.2.3", None),
            ("1.1234567", None),
            ("１２", None),
        ] {
            assert_eq!(parse_number(raw).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn answers_keep_the_question_as_asked() {
        let qs = hazard_questions();
        let answers = parse_answers(
            &qs,
            &raw(&[
                ("in_danger", "yes"),
                ("floor", " 7 "),
                ("blocked_by", "bikes"),
                ("details", ""),
                ("gone", "an answer to a removed question"),
            ]),
        )
        .unwrap();
        assert_eq!(answers.len(), 3);
        assert_eq!(answers[0].value, AnswerValue::YesNo { yes: true });
        assert_eq!(answers[0].label.en, "Is anyone in danger now?");
        assert_eq!(answers[1].value, AnswerValue::Number { number: "7".into() });
        assert_eq!(
            answers[2].value,
            AnswerValue::Choice {
                choice: "bikes".into(),
                label: name("电动车", "E-bikes")
            }
        );
        // Rewording the question later leaves what the case kept as it was.
        let mut reworded = qs.clone();
        reworded[0].label.en = "Danger?".into();
        assert_eq!(answers[0].label.en, "Is anyone in danger now?");
        let json = serde_json::to_string(&answers).unwrap();
        assert_eq!(serde_json::from_str::<Vec<Answer>>(&json).unwrap(), answers);
    }

    #[test]
    fn a_wrong_or_missing_answer_names_its_question() {
        let qs = hazard_questions();
        let err = |pairs: &[(&str, &str)]| parse_answers(&qs, &raw(pairs)).unwrap_err();
        assert_eq!(
            err(&[]),
            FieldError::new("answers.0", FieldProblem::Required)
        );
        assert_eq!(err(&[("in_danger", "maybe")]).field, "answers.0");
        assert_eq!(
            err(&[("in_danger", "no"), ("floor", "seven")]).field,
            "answers.1"
        );
        assert_eq!(
            err(&[("in_danger", "no"), ("blocked_by", "cars")]).field,
            "answers.2"
        );
        let long = "长".repeat(MAX_TEXT_ANSWER_CHARS + 1);
        assert_eq!(
            err(&[("in_danger", "no"), ("details", &long)]),
            FieldError::new(
                "answers.3",
                FieldProblem::TooLong {
                    max: MAX_TEXT_ANSWER_CHARS
                }
            )
        );
        assert_eq!(
            err(&[("in_danger", "no"), ("details", "a\u{7}b")]).problem,
            FieldProblem::ControlCharacters
        );
        assert!(parse_answers(&[], &raw(&[("x", "y")])).unwrap().is_empty());
    }

    #[test]
    fn retention_keeps_structured_answers_only() {
        let answers = parse_answers(
            &hazard_questions(),
            &raw(&[("in_danger", "no"), ("details", "张三家门口")]),
        )
        .unwrap();
        let kept = without_free_text(&answers);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].question, "in_danger");
    }
}
