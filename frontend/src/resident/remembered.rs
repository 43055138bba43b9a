//! Cases a resident chose to remember on this phone (`localStorage`): the code and secret of
//! each, so that the tracking screen opens them with one tap. Only on the resident's say-so,
//! and forgotten again with one tap.

use serde::{Deserialize, Serialize};

const KEY: &str = "accord.remembered";
/// A phone remembers a handful of cases; the oldest goes first.
pub const MAX_REMEMBERED: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedCase {
    pub code: String,
    pub secret: String,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn remembered() -> Vec<RememberedCase> {
    local_storage()
        .and_then(|storage| storage.get_item(KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn store(cases: &[RememberedCase]) -> bool {
    let Some(storage) = local_storage() else {
        return false;
    };
    if cases.is_empty() {
        return storage.remove_item(KEY).is_ok();
    }
    serde_json::to_string(cases)
        .ok()
        .is_some_and(|json| storage.set_item(KEY, &json).is_ok())
}

/// Remembers a case (again: it moves to the front). False when the phone refuses storage.
pub fn remember(code: &str, secret: &str) -> bool {
    store(&with_added(remembered(), code, secret))
}

pub fn forget(code: &str) {
    let mut cases = remembered();
    cases.retain(|case| case.code != code);
    store(&cases);
}

pub fn is_remembered(code: &str) -> bool {
    remembered().iter().any(|case| case.code == code)
}

fn with_added(mut cases: Vec<RememberedCase>, code: &str, secret: &str) -> Vec<RememberedCase> {
    cases.retain(|case| case.code != code);
    cases.insert(
        0,
        RememberedCase {
            code: code.to_owned(),
            secret: secret.to_owned(),
        },
    );
    cases.truncate(MAX_REMEMBERED);
    cases
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_remembered_again_moves_to_the_front_and_the_list_is_bounded() {
        let mut cases = Vec::new();
        for n in 0..12 {
            cases = with_added(cases, &format!("ZH07-2026-{n:04}"), "S");
        }
        assert_eq!(cases.len(), MAX_REMEMBERED);
        assert_eq!(cases[0].code, "ZH07-2026-0011");
        let cases = with_added(cases, "ZH07-2026-0005", "T");
        assert_eq!(cases.len(), MAX_REMEMBERED);
        assert_eq!(
            cases[0],
            RememberedCase {
                code: "ZH07-2026-0005".into(),
                secret: "T".into()
            }
        );
        assert_eq!(
            cases.iter().filter(|c| c.code == "ZH07-2026-0005").count(),
            1
        );
    }
}
