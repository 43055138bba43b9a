//! The volunteer's pages at `/v`, served from the staff bundle: no password, the link's token
//! read from the address fragment (never sent to the server in the URL), kept in memory and
//! in this tab's `sessionStorage` so a reload works, and sent as `Authorization: Volunteer`.

use crate::api::volunteer;
use crate::common::directory_state::DirectoryState;
use crate::common::layout::Layout;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::toast::Toasts;
use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, I18n, Msg};
use crate::router::Router;
use crate::volunteer::volunteer_link::{take_token, LinkState, VolunteerLinkState};
use crate::volunteer::workbench::Workbench;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn VolunteerApp() -> impl IntoView {
    I18n::provide();
    Router::provide();
    Toasts::provide();
    DirectoryState::provide(crate::api::fetch_directory);
    let token = take_token();
    let link = VolunteerLinkState {
        token: StoredValue::new(token.clone().unwrap_or_default()),
        state: RwSignal::new(if token.is_some() {
            LinkState::Checking
        } else {
            LinkState::NoLink
        }),
    };
    provide_context(link);
    let check = move || {
        let token = link.token();
        spawn_local(async move {
            let Some(answer) = link.unless_ended(volunteer::me(&token).await) else {
                return;
            };
            match answer {
                Ok(me) => link.state.set(LinkState::Ready(me)),
                Err(_) => link.state.set(LinkState::Unreachable),
            }
        });
    };
    if token.is_some() {
        check();
    }
    let body = move || {
        match link.state.get() {
        LinkState::Checking => view! {
            <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(StaffMsg::VolChecking)}</p>
        }
        .into_any(),
        LinkState::NoLink => {
            view! { <p class="notice warning-notice" role="alert">{t(StaffMsg::VolNoLink)}</p> }
                .into_any()
        }
        LinkState::Dead => {
            view! { <p class="notice error-notice" role="alert">{t(StaffMsg::VolLinkDead)}</p> }
                .into_any()
        }
        LinkState::Unreachable => view! {
            <p class="notice error-notice" role="alert">{t(Msg::LoadFailed)}</p>
            <button type="button" class="button secondary" on:click=move |_| check()>{t(Msg::Retry)}</button>
        }
        .into_any(),
        LinkState::Ready(me) => view! { <Workbench me=me /> }.into_any(),
    }
    };
    view! {
        <Layout home_href="/v" nav=().into_any()>
            <h1 tabindex="-1">{t(StaffMsg::VolunteerTitle)}</h1>
            {body}
        </Layout>
    }
}
