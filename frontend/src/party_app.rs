//! The party's app (`/s#<token>`): one page, its own small bundle, no account.

use crate::components::layout::Layout;
use crate::components::toast::Toasts;
use crate::directory_state::DirectoryState;
use crate::i18n::I18n;
use crate::pages::session_party_page::SessionPartyPage;
use crate::router::Router;
use leptos::prelude::*;

#[component]
pub fn PartyApp() -> impl IntoView {
    I18n::provide();
    Router::provide();
    Toasts::provide();
    DirectoryState::provide();
    view! {
        <Layout home_href="/" nav=().into_any()>
            <SessionPartyPage />
        </Layout>
    }
}
