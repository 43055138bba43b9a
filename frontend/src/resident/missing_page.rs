//! An address that names no page (the server answers it 404): said so, with the two things
//! a resident came to do.

use crate::i18n::{t, Msg};
use crate::router::Link;
use leptos::prelude::*;

#[component]
pub fn MissingPage() -> impl IntoView {
    view! {
        <section class="home">
            <h1 tabindex="-1">{t(Msg::MissingTitle)}</h1>
            <p>{t(Msg::MissingBody)}</p>
            <div class="big-actions">
                <Link href="/".to_owned() class="big-button secondary">
                    <span class="big-button-title">{t(Msg::NavHome)}</span>
                </Link>
                <a href="/track" class="big-button secondary">
                    <span class="big-button-title">{t(Msg::HomeTrack)}</span>
                </a>
            </div>
        </section>
    }
}
