//! What every step of the report shares: its title, the id of its heading, and moving to it.

use super::draft::Draft;
use super::wizard::Step;
use crate::common::field::focus_later;
use crate::i18n::Msg;
use leptos::prelude::*;

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

/// Shows a step, moving focus to its heading.
pub fn go_to_step(draft: Draft, step: Step) {
    draft.step.set(step);
    focus_later(STEP_HEADING_ID.to_owned());
}
