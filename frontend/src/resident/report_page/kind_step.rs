//! Step 1: a dispute or a hazard (two large radio cards), then the category of that kind.

use super::draft::use_draft;
use crate::common::field::ChoiceGroup;
use crate::i18n::{t, use_i18n, Msg};
use accord_shared::directory::{CaseKind, Directory};
use accord_shared::intake::parse_kind;
use leptos::prelude::*;

#[component]
pub fn KindStep(dir: StoredValue<Directory>) -> impl IntoView {
    let draft = use_draft();
    let i18n = use_i18n();
    let kind_error = Signal::derive(move || draft.error_text("kind", i18n.lang()));
    let category_error = Signal::derive(move || draft.error_text("category", i18n.lang()));
    let choose_kind = move |kind: &'static str| {
        if draft.kind.get_untracked() != kind {
            draft.kind.set(kind.to_owned());
            draft.category.set(String::new());
        }
        draft.clear_error("kind");
        draft.clear_error("category");
    };
    let kind_card = move |value: &'static str, id: &'static str, title: Msg, hint: Msg| {
        view! {
            <label class="radio-card">
                <input
                    type="radio"
                    name="kind"
                    id=id
                    value=value
                    prop:checked=move || draft.kind.get() == value
                    on:change=move |_| choose_kind(value)
                />
                <span class="radio-card-text">
                    <span class="radio-card-title">{t(title)}</span>
                    <span class="radio-card-hint">{t(hint)}</span>
                </span>
            </label>
        }
    };
    let categories = move || {
        let kind = parse_kind("kind", &draft.kind.get()).ok()?;
        let options: Vec<_> = dir.with_value(|dir| {
            dir.categories_of(kind)
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect()
        });
        let radios = options
            .into_iter()
            .enumerate()
            .map(|(index, (id, name))| {
                let input_id = if index == 0 {
                    "f-category".to_owned()
                } else {
                    format!("f-category-{index}")
                };
                let value = id.clone();
                let checked_id = id.clone();
                view! {
                    <label class="radio-row">
                        <input
                            type="radio"
                            name="category"
                            id=input_id
                            value=value
                            prop:checked=move || draft.category.with(|c| *c == checked_id)
                            on:change=move |_| {
                                draft.category.set(id.clone());
                                draft.clear_error("category");
                            }
                        />
                        <span>{move || i18n.lang().pick(&name)}</span>
                    </label>
                }
            })
            .collect_view();
        Some(view! {
            <ChoiceGroup id="f-category" legend=Msg::CategoryLegend error=category_error>
                <div class="radio-list">{radios}</div>
            </ChoiceGroup>
        })
    };
    view! {
        <ChoiceGroup id="f-kind" legend=Msg::KindLegend error=kind_error>
            <div class="radio-cards">
                {kind_card("dispute", "f-kind", Msg::KindDispute, Msg::KindDisputeHint)}
                {kind_card("hazard", "f-kind-hazard", Msg::KindHazard, Msg::KindHazardHint)}
            </div>
        </ChoiceGroup>
        {categories}
    }
}

/// The kind of matter the draft is about, if chosen.
pub fn chosen_kind(raw: &str) -> Option<CaseKind> {
    parse_kind("kind", raw).ok()
}
