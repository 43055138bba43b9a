//! A staff address that names no screen: said so, with the way back.

use crate::i18n::staff::StaffMsg;
use crate::i18n::t;
use crate::router::Link;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1 tabindex="-1">{t(StaffMsg::NotFoundTitle)}</h1>
        <p>{t(StaffMsg::NotFoundBody)}</p>
        <p>
            <Link href="/staff".to_owned() class="button secondary">
                {t(StaffMsg::NotFoundBack)}
            </Link>
        </p>
    }
}
