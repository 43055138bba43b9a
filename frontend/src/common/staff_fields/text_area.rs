//! A labelled multi-line text box of the staff forms, with help and error links.

use super::field_props::{describe, error_view, help_view};
use crate::i18n::staff::Said;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn TextArea(
    id: &'static str,
    #[prop(into)] label: Said,
    #[prop(optional, into)] help: Option<Said>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = 4)] rows: u8,
    #[prop(optional, into)] on_change: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_help = help.is_some();
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id>{move || label.text(i18n.lang())}</label>
            {help_view(id, help)}
            <textarea
                id=id
                rows=rows.to_string()
                aria-describedby=describe(id, has_help)
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(changed) = on_change {
                        changed.run(());
                    }
                }
            ></textarea>
            {error_view(id, error)}
        </div>
    }
}
