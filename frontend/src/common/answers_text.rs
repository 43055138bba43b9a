//! A filing's answers to its category's questions, kept as one string in a draft (so a draft
//! keeps them with its other fields, and a tab reload restores them): `id␞value` pairs
//! separated by `␝`. Empty answers are not kept.

use std::collections::BTreeMap;

/// Between an answer's question id and its value.
const KEY: char = '\u{1e}';
/// Between two answers.
const PAIR: char = '\u{1d}';

/// The answers by question id.
pub fn decode(encoded: &str) -> BTreeMap<String, String> {
    encoded
        .split(PAIR)
        .filter_map(|pair| pair.split_once(KEY))
        .map(|(id, value)| (id.to_owned(), value.to_owned()))
        .collect()
}

pub fn encode(answers: &BTreeMap<String, String>) -> String {
    let pairs: Vec<String> = answers
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(id, value)| format!("{id}{KEY}{value}"))
        .collect();
    pairs.join(&PAIR.to_string())
}

/// The answer to question `id`, empty when none.
pub fn answer(encoded: &str, id: &str) -> String {
    decode(encoded).remove(id).unwrap_or_default()
}

/// The answers with question `id` answered `value` (removed when empty). The separators
/// cannot be typed, and are dropped if pasted.
pub fn with_answer(encoded: &str, id: &str, value: &str) -> String {
    let mut answers = decode(encoded);
    let clean: String = value.chars().filter(|c| *c != KEY && *c != PAIR).collect();
    answers.insert(id.to_owned(), clean);
    encode(&answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_read_back_and_an_emptied_one_goes() {
        let kept = with_answer("", "in_danger", "yes");
        let kept = with_answer(&kept, "details", "门口\n两辆车");
        assert_eq!(answer(&kept, "in_danger"), "yes");
        assert_eq!(answer(&kept, "details"), "门口\n两辆车");
        assert_eq!(answer(&kept, "floor"), "");
        let kept = with_answer(&kept, "in_danger", "");
        assert_eq!(decode(&kept).len(), 1);
        let pasted = with_answer("", "a", "x\u{1d}b\u{1e}c");
        assert_eq!(decode(&pasted).get("a").map(String::as_str), Some("xbc"));
        assert!(decode("").is_empty());
    }
}
