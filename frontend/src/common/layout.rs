//! The frame of every screen: skip link, header with the app name, navigation and language
//! switch, an offline banner, the main landmark and the toast region.

use crate::common::lang_switch::LangSwitch;
use crate::common::toast::ToastRegion;
use crate::i18n::{t, Msg};
use crate::router::Link;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn Layout(
    /// Where the app name leads: `/` for residents, `/staff` for staff.
    home_href: &'static str,
    /// The home page is another bundle's (a party's page, the figures, tracking): the app
    /// name then loads it instead of moving inside this app.
    #[prop(optional)]
    home_elsewhere: bool,
    /// The content of the navigation landmark.
    nav: AnyView,
    children: Children,
) -> impl IntoView {
    let online = RwSignal::new(window().navigator().on_line());
    let on = window_event_listener(ev::online, move |_| online.set(true));
    let off = window_event_listener(ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    view! {
        <a class="skip-link" href="#main">
            {t(Msg::SkipToContent)}
        </a>
        <header class="site-header">
            <div class="header-inner">
                {if home_elsewhere {
                    view! {
                        <a href=home_href class="brand">
                            <span class="brand-name">{t(Msg::AppName)}</span>
                            <span class="brand-tagline">{t(Msg::AppTagline)}</span>
                        </a>
                    }
                        .into_any()
                } else {
                    view! {
                        <Link href=home_href.to_owned() class="brand">
                            <span class="brand-name">{t(Msg::AppName)}</span>
                            <span class="brand-tagline">{t(Msg::AppTagline)}</span>
                        </Link>
                    }
                        .into_any()
                }}
                <LangSwitch />
            </div>
            <nav class="site-nav" aria-label=t(Msg::NavMain)>
                {nav}
            </nav>
        </header>
        <Show when=move || !online.get()>
            <p class="offline-banner" role="status">
                {t(Msg::Offline)}
            </p>
        </Show>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <ToastRegion />
    }
}
