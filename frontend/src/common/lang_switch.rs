//! The button that switches between Chinese and English, present on every screen.

use crate::i18n::{t, use_i18n, Msg};
use leptos::prelude::*;

#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    // The button names the other language in that language, and says so to screen readers.
    let other_tag = move || i18n.lang().other().tag();
    view! {
        <button
            type="button"
            class="lang-switch"
            lang=other_tag
            aria-label=t(Msg::LangSwitchLabel)
            on:click=move |_| i18n.switch()
        >
            {t(Msg::LangSwitch)}
        </button>
    }
}
