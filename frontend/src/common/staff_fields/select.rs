//! A select whose options are `(value, text)` pairs, optionally under group labels, drawn
//! again when the language changes

use super::field_props::{describe, error_view};
use crate::common::directory_state::OptionGroups;
use crate::i18n::staff::Said;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A select whose options are `(value, text)` pairs, optionally under group labels, drawn
/// again when the language changes.
#[component]
pub fn Select(
    id: &'static str,
    #[prop(into)] label: Said,
    value: RwSignal<String>,
    #[prop(optional, into)] options: Option<Signal<Vec<(String, String)>>>,
    /// Options in `<optgroup>`s, after the plain ones.
    #[prop(optional, into)]
    groups: Option<Signal<OptionGroups>>,
    #[prop(into)] error: Signal<Option<String>>,
    /// The text of the empty first option ("Please choose"), if there is one.
    #[prop(optional, into)]
    placeholder: Option<Said>,
    #[prop(optional, into)] on_change: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let first = placeholder.map(|text| {
        view! { <option value="" selected=move || value.with(String::is_empty)>{move || text.text(i18n.lang())}</option> }
    });
    let option = move |(id, text): (String, String)| {
        let chosen = id.clone();
        view! { <option value=id selected=move || value.get() == chosen>{text}</option> }
    };
    let choices = move || {
        options
            .map(|options| options.get().into_iter().map(option).collect_view())
            .unwrap_or_default()
    };
    let grouped = move || {
        groups
            .map(|groups| {
                groups
                    .get()
                    .into_iter()
                    .map(|(label, options)| {
                        view! { <optgroup label=label>{options.into_iter().map(option).collect_view()}</optgroup> }
                    })
                    .collect_view()
            })
            .unwrap_or_default()
    };
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id>{move || label.text(i18n.lang())}</label>
            <select
                id=id
                aria-describedby=describe(id, false)
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || value.get()
                on:change=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(changed) = on_change {
                        changed.run(());
                    }
                }
            >
                {first}
                {choices}
                {grouped}
            </select>
            {error_view(id, error)}
        </div>
    }
}
