//! Short confirmations ("Copied") announced politely and gone after a few seconds.

use crate::i18n::{use_i18n, Lang, Msg};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// A toast's words in the reader's language (drawn again when the language changes).
pub type ToastText = Arc<dyn Fn(Lang) -> String + Send + Sync>;

#[derive(Clone, Copy)]
pub struct Toasts(RwSignal<Option<(ToastText, u32)>>);

impl Toasts {
    pub fn provide() -> Toasts {
        let toasts = Toasts(RwSignal::new(None));
        provide_context(toasts);
        toasts
    }

    pub fn show(self, msg: Msg) {
        self.show_text(Arc::new(move |lang| msg.text(lang).to_owned()));
    }

    /// Shows any text; the staff console passes its own messages this way, so the resident
    /// app's bundle does not carry them.
    pub fn show_text(self, text: ToastText) {
        let serial = self
            .0
            .with_untracked(|t| t.as_ref().map_or(0, |(_, n)| n.wrapping_add(1)));
        self.0.set(Some((text, serial)));
        set_timeout(
            move || {
                if self.0.with_untracked(|t| t.as_ref().map(|(_, n)| *n)) == Some(serial) {
                    self.0.set(None);
                }
            },
            Duration::from_millis(4000),
        );
    }
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// The live region the toasts appear in.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    let i18n = use_i18n();
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || {
                toasts
                    .0
                    .get()
                    .map(|(text, _)| view! { <p class="toast">{text(i18n.lang())}</p> })
            }}
        </div>
    }
}
