//! Push notifications: what a browser that opted in is told, and when. A message names a case
//! code and an event kind, nothing else (no name, phone, address or words of the case): the
//! service worker words it in the language chosen when the browser subscribed, and opens the
//! case's page on a click. Residents subscribe for their case on the tracking page; staff for
//! the cases they handle. Each case and each person keeps a few subscriptions (one per phone
//! or browser), the oldest going first.

use crate::case::Case;
use crate::lifecycle::{transition, CommandKind};
use crate::scheduling::{Session, SessionStatus};
use serde::{Deserialize, Serialize};

/// How many browsers may be subscribed to one case; a newer one replaces the oldest.
pub const MAX_PER_CASE: usize = 5;
/// How many browsers one staff member may subscribe; a newer one replaces the oldest.
pub const MAX_PER_PERSON: usize = 5;
/// How long a push service may hold a message for a browser that is offline: a day.
pub const TTL_SECONDS: u32 = 24 * 60 * 60;

/// What happened, as a push message names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PushKind {
    /// For the resident: the case moved to another status.
    StatusChanged,
    /// For the resident: a mediation session was proposed.
    SessionProposed,
    /// For the resident: a session's time was fixed.
    SessionConfirmed,
    /// For the resident: an agreement waits for the parties' confirmation.
    AgreementToConfirm,
    /// For the resident: the case is resolved and their feedback is asked.
    FeedbackAsked,
    /// For staff: they were made a handler of the case.
    Assigned,
    /// For staff: the case is overdue and climbed the escalation ladder.
    Escalated,
    /// For staff: a session of their case was proposed, fixed, moved or cancelled.
    SessionChanged,
}

impl PushKind {
    /// The kinds told to a resident (the others go to staff).
    pub const RESIDENT: [PushKind; 5] = [
        PushKind::StatusChanged,
        PushKind::SessionProposed,
        PushKind::SessionConfirmed,
        PushKind::AgreementToConfirm,
        PushKind::FeedbackAsked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PushKind::StatusChanged => "status_changed",
            PushKind::SessionProposed => "session_proposed",
            PushKind::SessionConfirmed => "session_confirmed",
            PushKind::AgreementToConfirm => "agreement_to_confirm",
            PushKind::FeedbackAsked => "feedback_asked",
            PushKind::Assigned => "assigned",
            PushKind::Escalated => "escalated",
            PushKind::SessionChanged => "session_changed",
        }
    }

    pub fn is_for_resident(self) -> bool {
        Self::RESIDENT.contains(&self)
    }
}

/// One push message: the whole payload the browser decrypts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushMessage {
    pub case: String,
    pub kind: PushKind,
}

impl PushMessage {
    pub fn new(case: &str, kind: PushKind) -> Self {
        PushMessage {
            case: case.to_owned(),
            kind,
        }
    }

    /// The JSON the service worker reads: `{"case":"…","kind":"…"}`.
    pub fn payload(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// Whether the resident is asked for feedback now: the case is where feedback is taken, and
/// none was given yet.
fn feedback_open(case: &Case) -> bool {
    case.feedback.is_none() && transition(case.status, CommandKind::GiveFeedback).is_some()
}

/// What a change from `before` to `after` tells the case's resident: that feedback is asked
/// (which is also a new status), or that the status changed; nothing for changes the tracking
/// page does not show as a step (notes, risk, handlers, escalation).
pub fn resident_event(before: &Case, after: &Case) -> Option<PushKind> {
    if feedback_open(after) && !feedback_open(before) {
        Some(PushKind::FeedbackAsked)
    } else if before.status != after.status {
        Some(PushKind::StatusChanged)
    } else {
        None
    }
}

/// The staff newly made handlers of a case by a change from `before` to `after`, each once.
pub fn new_handlers(before: &Case, after: &Case) -> Vec<String> {
    let mut people: Vec<String> = Vec::new();
    for handler in &after.handlers {
        let had = before
            .handlers
            .iter()
            .any(|h| h.username == handler.username);
        if !had && !people.contains(&handler.username) {
            people.push(handler.username.clone());
        }
    }
    people
}

/// What a session in `status`, just proposed, fixed, moved or cancelled, tells the case's
/// resident: a proposal (to answer on the tracking page) or a fixed time; nothing else.
pub fn resident_session_event(status: SessionStatus) -> Option<PushKind> {
    match status {
        SessionStatus::Proposed => Some(PushKind::SessionProposed),
        SessionStatus::Confirmed => Some(PushKind::SessionConfirmed),
        SessionStatus::Held | SessionStatus::Cancelled | SessionStatus::NoShow => None,
    }
}

/// The staff told of a change to a session: its staff, but not the one who made it.
pub fn session_staff(session: &Session, actor: &str) -> Vec<String> {
    let mut people: Vec<String> = Vec::new();
    for username in &session.staff {
        if username != actor && !people.contains(username) {
            people.push(username.clone());
        }
    }
    people
}

/// Which of a list of subscriptions (oldest first) go when `adding` more arrive for the same
/// case or person and at most `max` may stay: the oldest, as many as needed.
pub fn evicted(kept: usize, adding: usize, max: usize) -> usize {
    (kept + adding).saturating_sub(max).min(kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{CaseStatus, Feedback};
    use crate::staff::{Handler, Role};
    use crate::testing::filed_dispute;

    #[test]
    fn a_message_holds_the_code_and_kind_only() {
        let case = filed_dispute();
        let message = PushMessage::new(&case.code.to_string(), PushKind::StatusChanged);
        let json = String::from_utf8(message.payload()).unwrap_or_default();
        assert_eq!(
            json,
            format!(r#"{{"case":"{}","kind":"status_changed"}}"#, case.code)
        );
        assert!(!json.contains(case.address.as_str()));
        for party in &case.parties {
            assert!(!json.contains(party.name.as_str()));
        }
        for kind in [
            PushKind::StatusChanged,
            PushKind::SessionProposed,
            PushKind::SessionConfirmed,
            PushKind::AgreementToConfirm,
            PushKind::FeedbackAsked,
            PushKind::Assigned,
            PushKind::Escalated,
            PushKind::SessionChanged,
        ] {
            let text = serde_json::to_value(kind).unwrap_or_default();
            assert_eq!(text.as_str(), Some(kind.as_str()));
            assert_eq!(
                kind.is_for_resident(),
                PushKind::RESIDENT.contains(&kind),
                "{kind:?}"
            );
        }
        assert!(!PushKind::Assigned.is_for_resident());
    }

    #[test]
    fn the_resident_hears_of_a_new_status_and_of_feedback_asked() {
        let before = filed_dispute();
        let mut after = before.clone();
        assert_eq!(resident_event(&before, &after), None, "nothing changed");
        after.status = CaseStatus::Accepted;
        assert_eq!(
            resident_event(&before, &after),
            Some(PushKind::StatusChanged)
        );
        let mut in_progress = before.clone();
        in_progress.status = CaseStatus::InProgress;
        let mut resolved = in_progress.clone();
        resolved.status = CaseStatus::Resolved;
        assert_eq!(
            resident_event(&in_progress, &resolved),
            Some(PushKind::FeedbackAsked)
        );
        // Resolved → follow-up: feedback was already asked; the new status is told.
        let mut follow_up = resolved.clone();
        follow_up.status = CaseStatus::FollowUp;
        assert_eq!(
            resident_event(&resolved, &follow_up),
            Some(PushKind::StatusChanged)
        );
        // The feedback given: nothing new for the resident to do, no status change.
        let mut given = resolved.clone();
        given.feedback = Some(Feedback {
            confirmed: true,
            satisfaction: 5,
        });
        assert_eq!(resident_event(&resolved, &given), None);
    }

    #[test]
    fn new_handlers_are_those_not_there_before() {
        let handler = |name: &str| Handler {
            username: name.into(),
            role: Role::Mediator,
            lead: false,
        };
        let mut before = filed_dispute();
        before.handlers = vec![handler("mediator01")];
        let mut after = before.clone();
        after.handlers = vec![
            handler("mediator01"),
            handler("mediator02"),
            handler("mediator02"),
            handler("grid02"),
        ];
        assert_eq!(new_handlers(&before, &after), ["mediator02", "grid02"]);
        assert!(new_handlers(&after, &before).is_empty());
    }

    #[test]
    fn a_session_tells_the_resident_of_a_proposal_or_a_time_and_its_other_staff_of_any_change() {
        assert_eq!(
            resident_session_event(SessionStatus::Proposed),
            Some(PushKind::SessionProposed)
        );
        assert_eq!(
            resident_session_event(SessionStatus::Confirmed),
            Some(PushKind::SessionConfirmed)
        );
        for status in [
            SessionStatus::Held,
            SessionStatus::Cancelled,
            SessionStatus::NoShow,
        ] {
            assert_eq!(resident_session_event(status), None);
        }
        let mut session = crate::testing::held_session(&filed_dispute());
        session.staff = vec![
            "mediator01".into(),
            "mediator02".into(),
            "mediator02".into(),
        ];
        assert_eq!(session_staff(&session, "mediator01"), ["mediator02"]);
        assert_eq!(
            session_staff(&session, "coordinator"),
            ["mediator01", "mediator02"]
        );
    }

    #[test]
    fn the_oldest_subscriptions_make_room() {
        assert_eq!(evicted(0, 1, MAX_PER_CASE), 0);
        assert_eq!(evicted(4, 1, 5), 0);
        assert_eq!(evicted(5, 1, 5), 1);
        assert_eq!(evicted(7, 1, 5), 3, "more than the bound kept: back to it");
        assert_eq!(evicted(2, 9, 5), 2, "never more than are kept");
    }
}
