//! A failed request said in words (`Failure`), as an alert.

use crate::api::ApiError;
use crate::common::form_kit::Failure;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn FailureNotice(failure: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="notice error-notice" role="alert">{move || Failure::of(&failure).msg().text(i18n.lang())}</p>
    }
}
