//! Radio buttons under a legend; the first one has the id `{id}` so focus can move to it

use super::field_props::error_view;
use crate::i18n::staff::Said;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Radio buttons under a legend; the first one has the id `{id}` so focus can move to it.
#[component]
pub fn RadioGroup<T>(
    id: &'static str,
    #[prop(into)] legend: Said,
    choices: Vec<(T, Said)>,
    value: RwSignal<Option<T>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] on_change: Option<Callback<()>>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let radios = choices
        .into_iter()
        .enumerate()
        .map(|(n, (choice, text))| {
            let input_id = if n == 0 {
                id.to_owned()
            } else {
                format!("{id}-{n}")
            };
            let for_id = input_id.clone();
            view! {
                <label class="radio-row" for=for_id>
                    <input
                        type="radio"
                        id=input_id
                        name=id
                        prop:checked=move || value.get() == Some(choice)
                        on:change=move |_| {
                            value.set(Some(choice));
                            if let Some(changed) = on_change {
                                changed.run(());
                            }
                        }
                    />
                    <span>{move || text.text(i18n.lang())}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="field choice-group"
            class:has-error=move || error.with(Option::is_some)
            aria-describedby=format!("{id}-error")
        >
            <legend>{move || legend.text(i18n.lang())}</legend>
            <div class="radio-list">{radios}</div>
            {error_view(id, error)}
        </fieldset>
    }
}
