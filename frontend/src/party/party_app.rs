//! The party's app (`/s#<token>`): one page, its own small bundle, no account.

use crate::common::directory_state::DirectoryState;
use crate::common::layout::Layout;
use crate::common::page_title::keep_title;
use crate::common::toast::Toasts;
use crate::i18n::party::PartyMsg;
use crate::i18n::I18n;
use crate::party::session_party_page::SessionPartyPage;
use crate::router::Router;
use leptos::prelude::*;

#[component]
pub fn PartyApp() -> impl IntoView {
    I18n::provide();
    Router::provide();
    Toasts::provide();
    DirectoryState::provide(crate::api::fetch_public_directory);
    keep_title(|lang| PartyMsg::Title.text(lang).to_owned());
    view! {
        <Layout home_href="/" home_elsewhere=true nav=().into_any()>
            <SessionPartyPage />
        </Layout>
    }
}
