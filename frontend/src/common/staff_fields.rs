//! Small form controls of the staff console: a visible label, optional help, and the error
//! under the control linked by `aria-describedby`. What was typed lives in the caller's signal,
//! so it survives the form being drawn again.

use crate::common::i18n::use_i18n;
use crate::staff::staff_i18n::Said;
use leptos::prelude::*;

fn describe(id: &str, help: bool) -> String {
    if help {
        format!("{id}-help {id}-error")
    } else {
        format!("{id}-error")
    }
}

fn help_view(id: &str, help: Option<Said>) -> Option<impl IntoView> {
    let i18n = use_i18n();
    help.map(|help| {
        view! { <p class="help" id=format!("{id}-help")>{move || help.text(i18n.lang())}</p> }
    })
}

fn error_view(id: &str, error: Signal<Option<String>>) -> impl IntoView {
    view! { <p class="error" id=format!("{id}-error")>{move || error.get()}</p> }
}

/// The kinds of single-line input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Text,
    Tel,
    Number,
    Date,
    Month,
    /// A password the user already has.
    Password,
    /// A password being chosen (browsers may offer to generate one).
    NewPassword,
}

impl InputKind {
    fn attr(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Tel => "tel",
            InputKind::Number => "number",
            InputKind::Date => "date",
            InputKind::Month => "month",
            InputKind::Password | InputKind::NewPassword => "password",
        }
    }
}

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

/// A select whose options are `(value, text)` pairs, drawn again when the language changes.
#[component]
pub fn Select(
    id: &'static str,
    #[prop(into)] label: Said,
    value: RwSignal<String>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
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
    let choices = move || {
        options
            .get()
            .into_iter()
            .map(|(id, text)| {
                let chosen = id.clone();
                view! { <option value=id selected=move || value.get() == chosen>{text}</option> }
            })
            .collect_view()
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
            </select>
            {error_view(id, error)}
        </div>
    }
}

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
