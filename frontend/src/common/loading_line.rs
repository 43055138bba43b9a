//! The line a page shows while its data is on the way.

use crate::i18n::{t, Msg};
use leptos::prelude::*;

#[component]
pub fn LoadingLine() -> impl IntoView {
    view! { <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p> }
}
