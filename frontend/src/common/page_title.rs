//! The browser tab's title: the screen's name, then the product's, so that tabs, history and
//! bookmarks tell screens apart.

/// Sets `<title>` to "`screen` · Accord" (or "Accord" alone).
pub fn set_page_title(screen: &str) {
    let title = if screen.is_empty() {
        "Accord".to_owned()
    } else {
        format!("{screen} · Accord")
    };
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        if document.title() != title {
            document.set_title(&title);
        }
    }
}

/// Keeps the tab's title on `screen` (in the reader's language), drawn again when the
/// language or whatever `screen` reads changes.
pub fn keep_title(screen: impl Fn(crate::i18n::Lang) -> String + 'static) {
    let i18n = crate::i18n::use_i18n();
    leptos::prelude::Effect::new(move |_| set_page_title(&screen(i18n.lang())));
}
