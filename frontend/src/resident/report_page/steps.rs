//! What every step of the report shares: its title, the id of its heading, and moving to it.
//! Each step has its own address in the tab's history, so the phone's Back button goes to the
//! previous step; the history entries the wizard adds carry a mark, so that its own Back button
//! goes back through them rather than piling up new ones.

use super::draft::Draft;
use super::wizard::Step;
use crate::common::field::focus_later;
use crate::i18n::Msg;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// The id of each step's heading, focused when the step changes.
pub const STEP_HEADING_ID: &str = "step-heading";

pub fn step_title(step: Step) -> Msg {
    match step {
        Step::Kind => Msg::StepKind,
        Step::What => Msg::StepWhat,
        Step::Where => Msg::StepWhere,
        Step::Contact => Msg::StepContact,
        Step::Review => Msg::StepReview,
    }
}

/// Shows a step, adding its address to the history, and moves focus to its heading.
pub fn go_to_step(draft: Draft, step: Step) {
    if draft.step.get_untracked() != step {
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&WIZARD_ENTRY.into(), "", Some(&step.url()));
        }
    }
    show_step(draft, step);
}

/// The wizard's Back button: back through the history where the wizard added the entry,
/// else to the previous step in place (a step opened by its address).
pub fn step_back(draft: Draft) {
    let previous = draft.step.get_untracked().previous();
    let Ok(history) = window().history() else {
        return show_step(draft, previous);
    };
    if history.state().ok().and_then(|state| state.as_f64()) == Some(WIZARD_ENTRY) {
        let _ = history.back();
    } else {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&previous.url()));
        show_step(draft, previous);
    }
}

/// Shows a step whose address is already the page's, moving focus to its heading.
pub fn show_step(draft: Draft, step: Step) {
    draft.step.set(step);
    focus_later(STEP_HEADING_ID.to_owned());
}

/// Puts a step's address in place of the page's, adding no history entry.
pub fn replace_address(step: Step) {
    if let Ok(history) = window().history() {
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&step.url()));
    }
}

/// The mark of a history entry the wizard added.
const WIZARD_ENTRY: f64 = 1.0;
