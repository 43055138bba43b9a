//! The code and secret just filed, kept in this tab's `sessionStorage` so that a reload of
//! the screen that shows them (or the phone refreshing the tab when switching apps) does not
//! lose the secret for good. Removed when the resident leaves that screen on purpose.

use crate::api::Filed;
use serde::{Deserialize, Serialize};

const KEY: &str = "accord.filed";

/// The filed case, and whether the resident has saved the secret (copied, printed or
/// remembered it on this phone): until then, leaving the page asks first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptFiling {
    pub filed: Filed,
    pub saved: bool,
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn keep(kept: &KeptFiling) {
    if let (Some(storage), Ok(json)) = (session_storage(), serde_json::to_string(kept)) {
        let _ = storage.set_item(KEY, &json);
    }
}

pub fn kept() -> Option<KeptFiling> {
    let json = session_storage()?.get_item(KEY).ok().flatten()?;
    serde_json::from_str(&json).ok()
}

pub fn forget() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(KEY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_filing_reads_back_as_written() {
        let kept = KeptFiling {
            filed: Filed {
                code: "ZH07-2026-0001".into(),
                secret: Some("ABCD".into()),
            },
            saved: false,
        };
        let json = serde_json::to_string(&kept).unwrap();
        assert_eq!(serde_json::from_str::<KeptFiling>(&json).unwrap(), kept);
    }
}
