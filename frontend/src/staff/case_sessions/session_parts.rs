//! What the parts of a case's session list share: toasts, name lists, failure words, the
//! tally of answers and which form of a card is open.

use crate::api::ApiError;
use crate::common::form_kit::failure_said;
use crate::common::session_item::participant_name;
use crate::i18n::sessions::SessionMsg;
use crate::i18n::Lang;
use accord_shared::scheduling::{Session, SessionOutcome};
use std::sync::Arc;

pub fn toast(msg: SessionMsg) -> crate::common::toast::ToastText {
    Arc::new(move |lang| msg.text(lang).to_owned())
}

/// Between names in a list: `、` in Chinese, a comma in English.
pub fn separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

/// A failed request, in the words every staff screen uses (`form_kit::failure_said`).
pub fn failure_text(failure: &ApiError, lang: Lang) -> &'static str {
    failure_said(failure).text(lang)
}

/// Who can come to a slot, who cannot, and who has not answered, in words.
pub fn tally(
    session: &Session,
    slot: u8,
    lang: Lang,
    staff_name: &dyn Fn(&str) -> String,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let (mut can, mut cannot, mut waiting) = (Vec::new(), Vec::new(), Vec::new());
    for who in session.participants() {
        let name = participant_name(&who, lang, staff_name);
        match session
            .answers
            .iter()
            .find(|a| a.slot == slot && a.participant == who)
        {
            Some(a) if a.available => can.push(name),
            Some(_) => cannot.push(name),
            None => waiting.push(name),
        }
    }
    (can, cannot, waiting)
}

/// Which of the card's forms is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    Nothing,
    Reschedule,
    Cancel,
    Record,
}

pub fn outcome_msg(outcome: Option<SessionOutcome>) -> SessionMsg {
    match outcome {
        Some(SessionOutcome::AgreementReached) => SessionMsg::OutcomeAgreement,
        Some(SessionOutcome::Failed) => SessionMsg::OutcomeFailed,
        Some(SessionOutcome::Adjourned) => SessionMsg::OutcomeAdjourned,
        None => SessionMsg::NoShowOption,
    }
}
