//! A labelled checkbox of the staff forms.

use crate::i18n::staff::Said;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn CheckBox(
    id: &'static str,
    #[prop(into)] label: Said,
    value: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="radio-row check-row" for=id>
            <input
                type="checkbox"
                id=id
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            <span>{move || label.text(i18n.lang())}</span>
        </label>
    }
}
