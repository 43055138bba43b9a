//! Notices to staff: what the scheduled run tells the people handling a case (a term of its
//! agreement not carried out by its date, so the case was reopened; the case climbed the
//! escalation ladder). A notice carries the case code, what happened and a short detail (the
//! term's text), never a resident's personal data. Each person keeps their latest
//! [`MAX_KEPT`] notices; reading them marks them read.

use crate::case::Case;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many notices one person keeps; older ones go.
pub const MAX_KEPT: usize = 200;
/// How many notices one page lists.
pub const PAGE_SIZE: u32 = 30;

/// What happened to the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// A term of the agreement in effect was not carried out by its date: the case reopened.
    AgreementDefault,
    /// The case is past its stage's deadline and climbed the escalation ladder.
    Escalated,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub case_code: String,
    pub kind: NoticeKind,
    pub at: DateTime<Utc>,
    /// The term's text for a default; nothing for an escalation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A notice and the staff member (username) it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressedNotice {
    pub to: String,
    pub notice: Notice,
}

/// The people told of a change to a case: its handlers, the lead first, each once.
pub fn handlers_of(case: &Case) -> Vec<String> {
    let mut people: Vec<String> = Vec::new();
    let lead_first = case
        .handlers
        .iter()
        .filter(|h| h.lead)
        .chain(case.handlers.iter().filter(|h| !h.lead));
    for handler in lead_first {
        if !people.contains(&handler.username) {
            people.push(handler.username.clone());
        }
    }
    people
}

/// The notices of a case reopened for the terms named (their texts), one per handler and term.
pub fn default_notices(case: &Case, terms: &[String], at: DateTime<Utc>) -> Vec<AddressedNotice> {
    handlers_of(case)
        .into_iter()
        .flat_map(|to| {
            terms.iter().map(move |term| AddressedNotice {
                to: to.clone(),
                notice: Notice {
                    case_code: case.code.to_string(),
                    kind: NoticeKind::AgreementDefault,
                    at,
                    detail: Some(term.clone()),
                },
            })
        })
        .collect()
}

/// The notices of a case that climbed the escalation ladder, one per handler.
pub fn escalation_notices(case: &Case, at: DateTime<Utc>) -> Vec<AddressedNotice> {
    handlers_of(case)
        .into_iter()
        .map(|to| AddressedNotice {
            to,
            notice: Notice {
                case_code: case.code.to_string(),
                kind: NoticeKind::Escalated,
                at,
                detail: None,
            },
        })
        .collect()
}

/// One notice as its reader sees it: its number (newest highest) and whether it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeView {
    pub id: i64,
    #[serde(flatten)]
    pub notice: Notice,
    pub read: bool,
}

/// `GET /api/staff/notices`: the reader's notices, newest first, a page at a time, and how
/// many are unread in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticesPage {
    pub items: Vec<NoticeView>,
    pub unread: u32,
    /// Pass as `before` for the next page; none on the last.
    pub next_before: Option<i64>,
}

/// `POST /api/staff/notices/read`: marks the reader's notices up to this number read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkNoticesRead {
    pub up_to: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::{Handler, Role};
    use crate::testing::filed_dispute;

    fn handler(username: &str, lead: bool) -> Handler {
        Handler {
            username: username.into(),
            role: Role::Mediator,
            lead,
        }
    }

    #[test]
    fn the_handlers_are_told_lead_first_once_each_with_no_personal_data() {
        let mut case = filed_dispute();
        case.handlers = vec![
            handler("mediator02", false),
            handler("mediator01", true),
            handler("mediator02", false),
        ];
        assert_eq!(handlers_of(&case), ["mediator01", "mediator02"]);
        let at = Utc::now();
        let notices = default_notices(&case, &["更换隔音门".into(), "赔偿".into()], at);
        assert_eq!(notices.len(), 4, "each handler, each term");
        assert_eq!(notices[0].to, "mediator01");
        assert_eq!(notices[0].notice.detail.as_deref(), Some("更换隔音门"));
        let json = serde_json::to_string(&notices).unwrap_or_default();
        let mut personal: Vec<String> = vec![case.address.as_str().to_owned()];
        for party in &case.parties {
            personal.push(party.name.as_str().to_owned());
            personal.extend(party.phone.as_ref().map(|p| p.as_str().to_owned()));
        }
        for value in personal {
            assert!(!json.contains(&value), "{value} stays out of notices");
        }
        assert_eq!(escalation_notices(&case, at).len(), 2);
        case.handlers.clear();
        assert!(escalation_notices(&case, at).is_empty(), "nobody to tell");
    }
}
