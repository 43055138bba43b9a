//! Every word the screens show, in Chinese (zh-CN) and English, and the reader's language.
//!
//! The tables sit in `i18n/`, split by who reads them so that a bundle links only its own:
//! `common` and `session_words` (every bundle), `staff` and `sessions` (the staff console's
//! scheduling; reached only from staff code), `party`, `push` (the tracking page's opt-in). Each is one `messages!` table, and each
//! kind of message is its own type, so a message is only ever given the arguments it declares.

use leptos::prelude::*;

pub mod common;
pub mod confidential;
pub mod documents;
pub mod figures;
mod lang;
pub mod party;
pub mod push;
pub mod session_words;
pub mod sessions;
pub mod staff;

pub use common::*;
pub(crate) use lang::messages;
pub use lang::{fill_n, plural, Lang, Text};

const STORAGE_KEY: &str = "accord.lang";

/// The reader's language, shared by every component through context.
#[derive(Debug, Clone, Copy)]
pub struct I18n(pub RwSignal<Lang>);

impl I18n {
    /// Reads the remembered choice, else the browser's language, and keeps `<html lang>` and
    /// the remembered choice up to date.
    pub fn provide() -> I18n {
        let initial = remembered_lang().unwrap_or_else(|| {
            let tag = window().navigator().language().unwrap_or_default();
            Lang::from_browser_tag(&tag)
        });
        let i18n = I18n(RwSignal::new(initial));
        provide_context(i18n);
        Effect::new(move |_| {
            let lang = i18n.0.get();
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("lang", lang.tag());
            }
            if let Ok(Some(storage)) = window().local_storage() {
                let _ = storage.set_item(STORAGE_KEY, lang.stored());
            }
        });
        i18n
    }

    pub fn lang(self) -> Lang {
        self.0.get()
    }

    pub fn switch(self) {
        self.0.update(|lang| *lang = lang.other());
    }
}

fn remembered_lang() -> Option<Lang> {
    let storage = window().local_storage().ok()??;
    Lang::from_stored(&storage.get_item(STORAGE_KEY).ok()??)
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Reactive text of a message from any table: `<h1>{t(Msg::HomeTitle)}</h1>`.
pub fn t<M: Text>(msg: M) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || msg.text(i18n.lang())
}
