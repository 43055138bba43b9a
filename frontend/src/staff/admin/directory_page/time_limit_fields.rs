//! A table of time limits as an admin types it: one fieldset per rule (kind, category, risk),
//! four hours each

use super::directory_draft::RulesDraft;
use super::line_input::LineInput;
use crate::common::directory_state::{category_name, use_directory};
use crate::i18n::staff::{risk_msg, StaffMsg};
use crate::i18n::{kind_msg, use_i18n, Msg};
use leptos::prelude::*;

/// A table of time limits as an admin types it: one fieldset per rule (kind, category, risk),
/// four hours each.
#[component]
pub fn TimeLimitFields(rules: RulesDraft) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let stage_labels = [
        Msg::StageTriage,
        Msg::StageDispatch,
        Msg::StageHandling,
        Msg::StageFollowUp,
    ];
    let rule_views = rules
        .0
        .into_iter()
        .map(|(rule, cells)| {
            let category = rule.category.clone();
            let title = move || {
                let lang = i18n.lang();
                let category = match (&category, directory.0.get()) {
                    (Some(id), Some(Ok(dir))) => category_name(&dir, id, lang),
                    (Some(id), _) => id.clone(),
                    (None, _) => StaffMsg::AllCategories.text(lang).to_owned(),
                };
                format!(
                    "{} · {} · {}",
                    kind_msg(rule.kind).text(lang),
                    category,
                    risk_msg(rule.risk).text(lang)
                )
            };
            let inputs = cells
                .hours
                .into_iter()
                .zip(stage_labels)
                .enumerate()
                .map(|(n, (value, label))| {
                    view! { <LineInput id=format!("d-rule{}-{n}", cells.rule_key) label=label.into() value=value number=true /> }
                })
                .collect_view();
            view! {
                <fieldset class="dir-rule">
                    <legend>{title}</legend>
                    <div class="hours">{inputs}</div>
                </fieldset>
            }
        })
        .collect_view();
    view! { <div class="dir-rules">{rule_views}</div> }
}
