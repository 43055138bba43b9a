//! What the controls of the staff forms share: the `aria-describedby` links, the help and
//! error lines under a control, and the kinds of single-line input.

use crate::i18n::staff::Said;
use crate::i18n::use_i18n;
use leptos::prelude::*;

pub(super) fn describe(id: &str, help: bool) -> String {
    if help {
        format!("{id}-help {id}-error")
    } else {
        format!("{id}-error")
    }
}

pub(super) fn help_view(id: &str, help: Option<Said>) -> Option<impl IntoView> {
    let i18n = use_i18n();
    help.map(|help| {
        view! { <p class="help" id=format!("{id}-help")>{move || help.text(i18n.lang())}</p> }
    })
}

pub(super) fn error_view(id: &str, error: Signal<Option<String>>) -> impl IntoView {
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
    pub(super) fn attr(self) -> &'static str {
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
