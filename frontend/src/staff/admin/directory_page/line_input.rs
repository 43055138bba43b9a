//! A labelled single-line input whose id is made at run time

use crate::i18n::staff::Said;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A labelled single-line input whose id is made at run time.
#[component]
pub fn LineInput(
    id: String,
    label: Said,
    value: RwSignal<String>,
    #[prop(optional)] number: bool,
    #[prop(optional)] readonly: bool,
    /// The largest number allowed, for a number input.
    #[prop(optional)]
    max: Option<u32>,
    /// The id of the error shown beside it, when there is one.
    #[prop(optional)]
    described_by: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let for_id = id.clone();
    view! {
        <div class="field compact">
            <label for=for_id>{move || label.text(i18n.lang())}</label>
            <input
                id=id
                type=if number { "number" } else { "text" }
                inputmode=number.then_some("numeric")
                min=number.then_some("1")
                max=max.map(|m| m.to_string())
                readonly=readonly
                aria-describedby=described_by
                autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}
