//! An audit entry in words: what happened (the stable code stays beside it for those who
//! search by it) and who did it, by name.

use crate::common::staff_names::staff_name;
use crate::i18n::common::event_msg;
use crate::i18n::staff::StaffMsg;
use crate::i18n::{Lang, Msg};
use accord_shared::case::EventKind;

/// The words of an action code, if it has any (an unknown code is shown as it is).
pub fn action_msg_text(action: &str, lang: Lang) -> Option<&'static str> {
    use StaffMsg as S;
    let msg = match action {
        "case.read_contact" => S::ActCaseReadContact,
        "case.secret_reissued" => S::ActCaseSecretReissued,
        "case.imported" => S::ActCaseImported,
        "session.login" => S::ActLogin,
        "session.login_failed" => S::ActLoginFailed,
        "user.created" => S::ActUserCreated,
        "user.updated" => S::ActUserUpdated,
        "user.disabled" => S::ActUserDisabled,
        "user.password_reset" => S::ActUserPasswordReset,
        "user.password_changed" => S::ActUserPasswordChanged,
        "directory.updated" => S::ActDirectoryUpdated,
        "volunteer.issued" => S::ActVolunteerIssued,
        "volunteer.revoked" => S::ActVolunteerRevoked,
        "document.issued" => S::ActDocumentIssued,
        "document.voided" => S::ActDocumentVoided,
        "agreement.drafted" => S::ActAgreementDrafted,
        "agreement.confirmed" => S::ActAgreementConfirmed,
        "agreement.decision_recorded" => S::ActAgreementDecision,
        "agreement.performance_recorded" => S::ActAgreementPerformance,
        "confidential.note_written" => S::ActConfidentialWritten,
        "confidential.note_shared" => S::ActConfidentialShared,
        "session.proposed" => S::ActSessionProposed,
        "session.booked" => S::ActSessionBooked,
        "session.confirmed" => S::ActSessionConfirmed,
        "session.rescheduled" => S::ActSessionRescheduled,
        "session.cancelled" => S::ActSessionCancelled,
        "session.held" => S::ActSessionHeld,
        "session.no_show" => S::ActSessionNoShow,
        "session.answered" => S::ActSessionAnswered,
        "session.attendance_confirmed" => S::ActSessionAttending,
        "session.reschedule_requested" => S::ActSessionRescheduleAsked,
        other => {
            // A change of a case: the words of its timeline entry.
            let kind = other.strip_prefix("case.")?;
            let kind: EventKind =
                serde_json::from_value(serde_json::Value::String(kind.to_owned())).ok()?;
            return Some(event_msg(kind).text(lang));
        }
    };
    Some(msg.text(lang))
}

/// What happened, in words, or the code itself when it has none.
pub fn action_words(action: &str, lang: Lang) -> String {
    action_msg_text(action, lang)
        .map(str::to_owned)
        .unwrap_or_else(|| action.to_owned())
}

/// Who did it: a colleague by name, the others by what they are.
pub fn actor_words(actor: &str, lang: Lang) -> String {
    match actor {
        "resident" => Msg::ActorResident.text(lang).to_owned(),
        "system" => Msg::ActorSystem.text(lang).to_owned(),
        other => {
            if let Some(link) = other.strip_prefix("volunteer:") {
                format!("{} ({link})", Msg::ActorVolunteer.text(lang))
            } else if let Some(role) = other.strip_prefix("party:") {
                format!("{} ({role})", StaffMsg::ActorParty.text(lang))
            } else {
                staff_name(other)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_the_server_records_has_words_in_both_languages() {
        for action in [
            "case.filed",
            "case.accepted",
            "case.personal_data_erased",
            "case.read_contact",
            "session.login",
            "user.created",
            "directory.updated",
            "session.cancelled",
            "session.reschedule_requested",
            "agreement.performance_recorded",
            "confidential.note_shared",
        ] {
            for lang in [Lang::Zh, Lang::En] {
                let words = action_words(action, lang);
                assert_ne!(words, action, "{action} in {lang:?}");
            }
        }
        assert_eq!(action_words("case.nonsense", Lang::En), "case.nonsense");
        assert_eq!(action_words("future.thing", Lang::Zh), "future.thing");
    }

    #[test]
    fn actors_are_said_by_what_they_are() {
        assert_eq!(actor_words("resident", Lang::En), "Resident");
        assert!(actor_words("volunteer:v-12", Lang::En).contains("v-12"));
        assert!(actor_words("party:applicant", Lang::Zh).starts_with("当事人"));
        assert_eq!(actor_words("mediator01", Lang::En), "mediator01");
    }
}
