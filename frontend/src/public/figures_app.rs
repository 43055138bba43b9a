//! The public figures app (`/figures`): one page, its own small bundle, no account.

use crate::common::directory_state::DirectoryState;
use crate::common::layout::Layout;
use crate::common::page_title::keep_title;
use crate::common::toast::Toasts;
use crate::i18n::figures::FigMsg;
use crate::i18n::I18n;
use crate::public::public_figures_page::PublicFiguresPage;
use crate::router::Router;
use leptos::prelude::*;

#[component]
pub fn FiguresApp() -> impl IntoView {
    I18n::provide();
    Router::provide();
    Toasts::provide();
    DirectoryState::provide(crate::api::fetch_public_directory);
    keep_title(|lang| FigMsg::PublicTitle.text(lang).to_owned());
    view! {
        <Layout home_href="/" home_elsewhere=true nav=().into_any()>
            <PublicFiguresPage />
        </Layout>
    }
}
