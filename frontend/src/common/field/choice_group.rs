//! A group of radio buttons under a legend, with the same help and error links

use crate::i18n::{t, Msg};
use leptos::prelude::*;

/// A group of radio buttons under a legend, with the same help and error links.
#[component]
pub fn ChoiceGroup(
    id: &'static str,
    legend: Msg,
    #[prop(into)] error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <fieldset
            class="field choice-group"
            class:has-error=move || error.with(Option::is_some)
            aria-describedby=format!("{id}-error")
        >
            <legend>{t(legend)}</legend>
            {children()}
            <p class="error" id=format!("{id}-error")>
                {move || error.get()}
            </p>
        </fieldset>
    }
}
