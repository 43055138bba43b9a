//! One extra question as an admin edits it: its wording in both languages, its kind, whether
//! it must be answered, and a choice question's choices one a line (`中文 / English`).

use accord_shared::questions::{Choice, Question, QuestionKind};
use accord_shared::vocabulary::Name;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy)]
pub(super) struct QuestionDraft {
    /// Tells the rows apart while they are edited.
    pub key: usize,
    pub id: StoredValue<String>,
    pub zh: RwSignal<String>,
    pub en: RwSignal<String>,
    pub kind: RwSignal<QuestionKind>,
    pub required: RwSignal<bool>,
    pub choices: RwSignal<String>,
    /// The choices as stored, whose ids stay with their place in the list.
    pub stored_choices: StoredValue<Vec<Choice>>,
}

/// What divides a choice's two languages on its line.
const SPLIT: char = '/';

impl QuestionDraft {
    pub fn of(key: usize, question: &Question) -> QuestionDraft {
        let lines: Vec<String> = question
            .choices
            .iter()
            .map(|c| format!("{} {SPLIT} {}", c.label.zh, c.label.en))
            .collect();
        QuestionDraft {
            key,
            id: StoredValue::new(question.id.clone()),
            zh: RwSignal::new(question.label.zh.clone()),
            en: RwSignal::new(question.label.en.clone()),
            kind: RwSignal::new(question.kind),
            required: RwSignal::new(question.required),
            choices: RwSignal::new(lines.join("\n")),
            stored_choices: StoredValue::new(question.choices.clone()),
        }
    }

    /// A new question with an id no other question of the list has (`q1`, `q2`, …).
    pub fn fresh(key: usize, taken: &[String]) -> QuestionDraft {
        let id = (1..)
            .map(|n| format!("q{n}"))
            .find(|id| !taken.contains(id))
            .unwrap_or_default();
        QuestionDraft::of(
            key,
            &Question {
                id,
                label: Name::new("", ""),
                kind: QuestionKind::Text,
                required: false,
                choices: Vec::new(),
            },
        )
    }

    /// The question as it will be saved.
    pub fn read(&self) -> Question {
        let kind = self.kind.get_untracked();
        let choices = if kind == QuestionKind::Choice {
            read_choices(
                &self.choices.get_untracked(),
                &self.stored_choices.get_value(),
            )
        } else {
            Vec::new()
        };
        Question {
            id: self.id.get_value(),
            label: Name::new(
                self.zh.get_untracked().trim(),
                self.en.get_untracked().trim(),
            ),
            kind,
            required: self.required.get_untracked(),
            choices,
        }
    }
}

/// Choices from their lines (`中文 / English`; one language only: both the same), keeping
/// the stored choice's id at each place and naming new ones `c1`, `c2`, … by place.
pub(super) fn read_choices(lines: &str, stored: &[Choice]) -> Vec<Choice> {
    lines
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .enumerate()
        .map(|(n, line)| {
            let (zh, en) = line.split_once(SPLIT).unwrap_or((line, line));
            let id = stored
                .get(n)
                .map_or_else(|| format!("c{}", n + 1), |c| c.id.clone());
            Choice {
                id,
                label: Name::new(zh.trim(), en.trim()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_keep_their_ids_by_place_and_read_both_languages() {
        let stored = vec![Choice {
            id: "ebikes".into(),
            label: Name::new("电动车", "E-bikes"),
        }];
        let read = read_choices("电动车 / E-bikes\n\n杂物/Goods\n其他", &stored);
        assert_eq!(read.len(), 3);
        assert_eq!(read[0].id, "ebikes");
        assert_eq!(read[1].id, "c2");
        assert_eq!(read[1].label, Name::new("杂物", "Goods"));
        assert_eq!(read[2].label, Name::new("其他", "其他"));
    }
}
