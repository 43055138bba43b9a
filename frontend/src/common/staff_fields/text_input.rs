//! A labelled single-line input of the staff forms, with help and error links.

use super::field_props::{describe, error_view, help_view, InputKind};
use crate::i18n::staff::Said;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn TextInput(
    id: &'static str,
    #[prop(into)] label: Said,
    #[prop(optional, into)] help: Option<Said>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = InputKind::Text)] kind: InputKind,
    /// Called when the value changes (to clear the error).
    #[prop(optional, into)]
    on_change: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_help = help.is_some();
    let (min, inputmode) = match kind {
        InputKind::Number => (Some("0"), Some("numeric")),
        _ => (None, None),
    };
    let autocomplete = match kind {
        InputKind::Password => "current-password",
        InputKind::NewPassword => "new-password",
        _ => "off",
    };
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id>{move || label.text(i18n.lang())}</label>
            {help_view(id, help)}
            <input
                id=id
                type=kind.attr()
                min=min
                inputmode=inputmode
                autocomplete=autocomplete
                aria-describedby=describe(id, has_help)
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(changed) = on_change {
                        changed.run(());
                    }
                }
            />
            {error_view(id, error)}
        </div>
    }
}
