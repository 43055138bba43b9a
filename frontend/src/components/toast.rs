//! Short confirmations ("Copied") announced politely and gone after a few seconds.

use crate::i18n::{use_i18n, Msg};
use leptos::prelude::*;
use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct Toasts(RwSignal<Option<(Msg, u32)>>);

impl Toasts {
    pub fn provide() -> Toasts {
        let toasts = Toasts(RwSignal::new(None));
        provide_context(toasts);
        toasts
    }

    pub fn show(self, msg: Msg) {
        let serial = self.0.get_untracked().map_or(0, |(_, n)| n.wrapping_add(1));
        self.0.set(Some((msg, serial)));
        set_timeout(
            move || {
                if self.0.get_untracked().map(|(_, n)| n) == Some(serial) {
                    self.0.set(None);
                }
            },
            Duration::from_millis(3000),
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
                    .map(|(msg, _)| view! { <p class="toast">{msg.text(i18n.lang())}</p> })
            }}
        </div>
    }
}
