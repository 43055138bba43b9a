//! Copying a code, a secret or a link to the clipboard, with a toast saying how it went.

use crate::common::toast::Toasts;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Copies text to the clipboard where the browser allows it, and says how it went.
pub fn copy_text(text: String, toasts: Toasts) {
    let navigator = window().navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null());
    let Some(clipboard) = clipboard else {
        toasts.show(Msg::CopyFailed);
        return;
    };
    let promise = clipboard
        .unchecked_into::<web_sys::Clipboard>()
        .write_text(&text);
    spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        toasts.show(if copied { Msg::Copied } else { Msg::CopyFailed });
    });
}
