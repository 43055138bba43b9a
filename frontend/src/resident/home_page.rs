//! The resident's first screen: what Accord is, and the two things one can do. The page's
//! HTML (`static/index.html`) carries a copy of it in both languages, which paints before the
//! app arrives; a test keeps the copy's words those of the messages.

use crate::i18n::{t, Msg};
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <section class="home">
            <h1 tabindex="-1">{t(Msg::HomeTitle)}</h1>
            <p class="lead">{t(Msg::HomeIntro)}</p>
            <div class="big-actions">
                // The filing is its own bundle, fetched ahead: a plain link loads it.
                <a href="/report" class="big-button primary">
                    <span class="big-button-title">{t(Msg::HomeReport)}</span>
                    <span class="big-button-hint">{t(Msg::HomeReportHint)}</span>
                </a>
                // Tracking is the other bundle: a plain link loads it.
                <a href="/track" class="big-button secondary">
                    <span class="big-button-title">{t(Msg::HomeTrack)}</span>
                    <span class="big-button-hint">{t(Msg::HomeTrackHint)}</span>
                </a>
            </div>
            <p class="staff-link">
                <a href="/staff">{t(Msg::StaffSignIn)}</a>
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, Msg};

    #[test]
    fn the_copy_in_the_html_says_what_the_app_says_in_both_languages() {
        let html = include_str!("../../static/index.html");
        for msg in [
            Msg::AppName,
            Msg::AppTagline,
            Msg::LangSwitch,
            Msg::LangSwitchLabel,
            Msg::NavMain,
            Msg::NavHome,
            Msg::NavReport,
            Msg::NavTrack,
            Msg::HomeTitle,
            Msg::HomeIntro,
            Msg::HomeReport,
            Msg::HomeReportHint,
            Msg::HomeTrack,
            Msg::HomeTrackHint,
            Msg::StaffSignIn,
        ] {
            for lang in [Lang::Zh, Lang::En] {
                let text = msg.text(lang);
                assert!(
                    html.contains(text),
                    "index.html lacks {msg:?} in {lang:?}: {text}"
                );
            }
        }
        assert!(html.contains(r#"<div id="prerendered">"#));
    }
}
