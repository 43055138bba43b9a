//! The tracking app (`/track`): the code and secret of a case just filed (kept in this tab
//! until the resident saves them), then a case followed by its code and secret, its sessions,
//! feedback and agreement. A bundle of its own, so the resident's first page (home and
//! filing) does not carry it; the filing fetches it ahead while the resident types.

pub mod filed_view;

use crate::common::directory_state::DirectoryState;
use crate::common::layout::Layout;
use crate::common::page_title::keep_title;
use crate::common::toast::Toasts;
use crate::i18n::{t, I18n, Msg};
use crate::resident::kept_filing;
use crate::resident::track_page::TrackPage;
use crate::router::{Link, Router};
use filed_view::FiledView;
use leptos::prelude::*;

#[component]
pub fn TrackApp() -> impl IntoView {
    I18n::provide();
    Router::provide();
    Toasts::provide();
    DirectoryState::provide(crate::api::fetch_public_directory);
    keep_title(|lang| Msg::TrackTitle.text(lang).to_owned());
    // Home and filing are the other bundle: plain links load it.
    let nav = view! {
        <a href="/">{t(Msg::NavHome)}</a>
        <a href="/report">{t(Msg::NavReport)}</a>
        <Link href="/track".to_owned()>{t(Msg::NavTrack)}</Link>
    }
    .into_any();
    let filed = RwSignal::new(kept_filing::kept());
    // "Track this case" on the filed screen hands its code and secret to the tracking form.
    let handed = StoredValue::new(None::<(String, String)>);
    let on_track = Callback::new(move |pair: (String, String)| {
        handed.set_value(Some(pair));
        filed.set(None);
    });
    view! {
        <Layout home_href="/" home_elsewhere=true nav=nav>
            {move || match filed.get() {
                Some(kept) => view! { <FiledView kept=kept on_track=on_track /> }.into_any(),
                None => view! { <TrackPage handed=handed.get_value() /> }.into_any(),
            }}
        </Layout>
    }
}
