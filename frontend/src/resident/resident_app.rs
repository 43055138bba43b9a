//! The resident bundle: the page of an address that names no screen, and the home page when
//! the resident moves there from it. The home page itself (`/`) is the page's HTML and loads
//! no bundle (it fetches the filing's ahead); the filing (`/report`) is the report bundle
//! (`report_app`), tracking the track bundle (`track_app`).

use crate::common::layout::Layout;
use crate::common::page_title::keep_title;
use crate::common::toast::Toasts;
use crate::i18n::{t, I18n, Msg};
use crate::resident::home_page::HomePage;
use crate::resident::missing_page::MissingPage;
use crate::router::{Link, ResidentRoute, Router};
use leptos::prelude::*;

#[component]
pub fn ResidentApp() -> impl IntoView {
    I18n::provide();
    let router = Router::provide();
    Toasts::provide();
    let route = Memo::new(move |_| ResidentRoute::from_path(&router.path()));
    keep_title(move |lang| {
        match route.get() {
            ResidentRoute::Home | ResidentRoute::Report => Msg::AppName,
            ResidentRoute::Missing => Msg::MissingTitle,
        }
        .text(lang)
        .to_owned()
    });
    let nav = view! {
        <Link href="/".to_owned()>{t(Msg::NavHome)}</Link>
        <a href="/report">{t(Msg::NavReport)}</a>
        <a href="/track">{t(Msg::NavTrack)}</a>
    }
    .into_any();
    view! {
        <Layout home_href="/" nav=nav>
            {move || match route.get() {
                ResidentRoute::Home => view! { <HomePage /> }.into_any(),
                // The filing is the report bundle's: load it.
                ResidentRoute::Report => {
                    let _ = window().location().assign("/report");
                    ().into_any()
                }
                ResidentRoute::Missing => view! { <MissingPage /> }.into_any(),
            }}
        </Layout>
    }
}
