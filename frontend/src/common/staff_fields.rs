//! Small form controls of the staff console: a visible label, optional help, and the error
//! under the control linked by `aria-describedby`. What was typed lives in the caller's signal,
//! so it survives the form being drawn again.

use crate::i18n::staff::Said;
use crate::i18n::use_i18n;
use leptos::prelude::*;
mod check_box;
mod radio_group;
mod select;
mod text_area;
mod text_input;
pub use check_box::CheckBox;
pub use radio_group::RadioGroup;
pub use select::Select;
pub use text_area::TextArea;
pub use text_input::TextInput;

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
