//! The resident's first screen: what Accord is, and the two things one can do.

use crate::i18n::{t, Msg};
use crate::router::Link;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <section class="home">
            <h1 tabindex="-1">{t(Msg::HomeTitle)}</h1>
            <p class="lead">{t(Msg::HomeIntro)}</p>
            <div class="big-actions">
                <Link href="/report".to_owned() class="big-button primary">
                    <span class="big-button-title">{t(Msg::HomeReport)}</span>
                    <span class="big-button-hint">{t(Msg::HomeReportHint)}</span>
                </Link>
                <Link href="/track".to_owned() class="big-button secondary">
                    <span class="big-button-title">{t(Msg::HomeTrack)}</span>
                    <span class="big-button-hint">{t(Msg::HomeTrackHint)}</span>
                </Link>
            </div>
            <p class="staff-link">
                <a href="/staff">{t(Msg::StaffSignIn)}</a>
            </p>
        </section>
    }
}
