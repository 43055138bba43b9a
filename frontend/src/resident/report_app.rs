//! The filing's bundle (`/report`): the five steps of a report, fetched ahead by the home
//! page so that it opens without a visible wait. Tracking is its own bundle (`track_app`),
//! fetched ahead here while the resident types.

use crate::common::directory_state::DirectoryState;
use crate::common::layout::Layout;
use crate::common::page_title::keep_title;
use crate::common::toast::Toasts;
use crate::i18n::{t, I18n, Msg};
use crate::resident::report_page::draft::Draft;
use crate::resident::report_page::ReportPage;
use crate::router::{Link, ResidentRoute, Router};
use leptos::prelude::*;

#[component]
pub fn ReportApp() -> impl IntoView {
    I18n::provide();
    let router = Router::provide();
    Toasts::provide();
    DirectoryState::provide(crate::api::fetch_public_directory);
    let draft = Draft::provide();
    crate::resident::waiting_filings::WaitingFilings::provide(draft);
    let route = Memo::new(move |_| ResidentRoute::from_path(&router.path()));
    keep_title(move |lang| Msg::ReportTitle.text(lang).to_owned());
    let nav = view! {
        <a href="/">{t(Msg::NavHome)}</a>
        <Link href="/report".to_owned()>{t(Msg::NavReport)}</Link>
        <a href="/track">{t(Msg::NavTrack)}</a>
    }
    .into_any();
    view! {
        <Layout home_href="/" home_elsewhere=true nav=nav>
            {move || match route.get() {
                ResidentRoute::Report => view! { <ReportPage /> }.into_any(),
                // Any other address is the home bundle's.
                ResidentRoute::Home | ResidentRoute::Missing => {
                    let _ = window().location().assign(&router.path());
                    ().into_any()
                }
            }}
        </Layout>
    }
}
