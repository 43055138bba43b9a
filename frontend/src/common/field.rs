//! A form field: visible label, help text and error message, the latter two linked to the
//! control by `aria-describedby` (the control itself is the child, with id `id`).

use crate::i18n::{t, Msg};
use leptos::prelude::*;
mod choice_group;
pub use choice_group::ChoiceGroup;

/// The ids a control names in `aria-describedby`: its help (if any) and its error.
pub fn described_by(id: &str, has_help: bool) -> String {
    if has_help {
        format!("{id}-help {id}-error")
    } else {
        format!("{id}-error")
    }
}

#[component]
pub fn Field(
    id: &'static str,
    label: Msg,
    #[prop(optional)] help: Option<Msg>,
    /// The current error in words, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let help_view = help.map(|help| {
        view! {
            <p class="help" id=format!("{id}-help")>
                {t(help)}
            </p>
        }
    });
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id>{t(label)}</label>
            {help_view}
            {children()}
            <p class="error" id=format!("{id}-error")>
                {move || error.get()}
            </p>
        </div>
    }
}

/// Moves focus to the element with this id once the screen has been drawn.
pub fn focus_later(id: String) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(element) = document().get_element_by_id(&id) {
            if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    });
}

/// The id of the control of a form field (`f-phone`).
pub fn field_id(field: &str) -> String {
    format!("f-{field}")
}
