//! Step 4: the resident's name and phone number.

use super::draft::use_draft;
use crate::common::field::{described_by, Field};
use crate::i18n::{use_i18n, Msg};
use leptos::prelude::*;

#[component]
pub fn ContactStep() -> impl IntoView {
    let draft = use_draft();
    let i18n = use_i18n();
    let name_error = Signal::derive(move || draft.error_text("name", i18n.lang()));
    let phone_error = Signal::derive(move || draft.error_text("phone", i18n.lang()));
    view! {
        <Field id="f-name" label=Msg::NameLabel help=Msg::NameHelp error=name_error>
            <input
                id="f-name"
                type="text"
                autocomplete="name"
                aria-describedby=described_by("f-name", true)
                aria-invalid=move || name_error.with(Option::is_some).to_string()
                prop:value=move || draft.name.get()
                on:input=move |ev| {
                    draft.name.set(event_target_value(&ev));
                    draft.clear_error("name");
                }
            />
        </Field>
        <Field id="f-phone" label=Msg::PhoneLabel help=Msg::PhoneHelp error=phone_error>
            <input
                id="f-phone"
                type="tel"
                inputmode="tel"
                autocomplete="tel"
                aria-describedby=described_by("f-phone", true)
                aria-invalid=move || phone_error.with(Option::is_some).to_string()
                prop:value=move || draft.phone.get()
                on:input=move |ev| {
                    draft.phone.set(event_target_value(&ev));
                    draft.clear_error("phone");
                }
            />
        </Field>
    }
}
