//! The resident app: home and filing, phone first. Tracking is its own bundle (`track_app`).

use crate::common::directory_state::DirectoryState;
use crate::common::layout::Layout;
use crate::common::page_title::keep_title;
use crate::common::toast::Toasts;
use crate::i18n::{t, I18n, Msg};
use crate::resident::home_page::HomePage;
use crate::resident::missing_page::MissingPage;
use crate::resident::report_page::draft::Draft;
use crate::resident::report_page::ReportPage;
use crate::router::{Link, ResidentRoute, Router};
use leptos::prelude::*;

#[component]
pub fn ResidentApp() -> impl IntoView {
    I18n::provide();
    let router = Router::provide();
    Toasts::provide();
    DirectoryState::provide(crate::api::fetch_public_directory);
    Draft::provide();
    let route = Memo::new(move |_| ResidentRoute::from_path(&router.path()));
    keep_title(move |lang| {
        match route.get() {
            ResidentRoute::Home => Msg::AppName,
            ResidentRoute::Report => Msg::ReportTitle,
            ResidentRoute::Missing => Msg::MissingTitle,
        }
        .text(lang)
        .to_owned()
    });
    let nav = view! {
        <Link href="/".to_owned()>{t(Msg::NavHome)}</Link>
        <Link href="/report".to_owned()>{t(Msg::NavReport)}</Link>
        <a href="/track">{t(Msg::NavTrack)}</a>
    }
    .into_any();
    view! {
        <Layout home_href="/" nav=nav>
            {move || match route.get() {
                ResidentRoute::Home => view! { <HomePage /> }.into_any(),
                ResidentRoute::Report => view! { <ReportPage /> }.into_any(),
                ResidentRoute::Missing => view! { <MissingPage /> }.into_any(),
            }}
        </Layout>
    }
}
