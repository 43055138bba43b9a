//! The volunteer's pages at `/v`, served from the staff bundle: no password, the link's token
//! read from the address fragment (never sent to the server in the URL), kept in memory and
//! in this tab's `sessionStorage` so a reload works, and sent as `Authorization: Volunteer`.

use crate::api::volunteer::{self, VolunteerMe};
use crate::components::layout::Layout;
use crate::components::toast::Toasts;
use crate::directory_state::{community_name, use_directory, DirectoryState};
use crate::i18n::{t, use_i18n, I18n, Msg};
use crate::pages::volunteer_intake::VolunteerIntake;
use crate::pages::volunteer_visits::VolunteerVisits;
use crate::router::Router;
use crate::staff_i18n::{ts, StaffMsg};
use crate::when::format_when;
use leptos::prelude::*;
use leptos::task::spawn_local;

const STORAGE_KEY: &str = "accord.volunteer";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkState {
    Checking,
    /// No token in the address or this tab.
    NoLink,
    /// The server refused the token: expired or revoked.
    Dead,
    /// The server could not be asked.
    Unreachable,
    Ready(VolunteerMe),
}

/// The token and what the server said about it, shared by the volunteer's screens.
#[derive(Debug, Clone, Copy)]
pub struct VolunteerLinkState {
    pub token: StoredValue<String>,
    pub state: RwSignal<LinkState>,
}

impl VolunteerLinkState {
    /// A request answered 401: the link stopped working while the page was open.
    pub fn ended(self) {
        forget_token();
        self.state.set(LinkState::Dead);
    }

    pub fn token(self) -> String {
        self.token.get_value()
    }
}

pub fn use_link() -> VolunteerLinkState {
    expect_context::<VolunteerLinkState>()
}

/// Takes the token from `#<token>` (and wipes it from the address bar), or from this tab.
fn take_token() -> Option<String> {
    let win = window();
    let storage = win.session_storage().ok().flatten();
    let hash = win.location().hash().unwrap_or_default();
    let from_hash = hash.trim_start_matches('#').trim().to_owned();
    if !from_hash.is_empty() {
        if let Some(storage) = &storage {
            let _ = storage.set_item(STORAGE_KEY, &from_hash);
        }
        if let Ok(history) = win.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/v"));
        }
        return Some(from_hash);
    }
    storage
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .filter(|token| !token.is_empty())
}

fn forget_token() {
    if let Some(storage) = window().session_storage().ok().flatten() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Intake,
    Visits,
}

#[component]
pub fn VolunteerApp() -> impl IntoView {
    I18n::provide();
    Router::provide();
    Toasts::provide();
    DirectoryState::provide();
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
            match volunteer::me(&token).await {
                Ok(me) => link.state.set(LinkState::Ready(me)),
                Err(failure) if failure.is_unauthorized() => link.ended(),
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
            <p class="loading"><span class="spinner" aria-hidden="true"></span>{ts(StaffMsg::VolChecking)}</p>
        }
        .into_any(),
        LinkState::NoLink => {
            view! { <p class="notice warning-notice" role="alert">{ts(StaffMsg::VolNoLink)}</p> }
                .into_any()
        }
        LinkState::Dead => {
            view! { <p class="notice error-notice" role="alert">{ts(StaffMsg::VolLinkDead)}</p> }
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
            <h1 tabindex="-1">{ts(StaffMsg::VolunteerTitle)}</h1>
            {body}
        </Layout>
    }
}

/// What a working link offers: recording a matter and return visits, as two tabs.
#[component]
fn Workbench(me: VolunteerMe) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let visits = !me.follow_up_cases.is_empty();
    let tab = RwSignal::new(if me.intake { Tab::Intake } else { Tab::Visits });
    let community = me.community.clone();
    let place = move || match directory.0.get() {
        Some(Ok(dir)) => community_name(&dir, &community, i18n.lang()),
        _ => community.clone(),
    };
    let name = me.name.clone();
    let expires = me.expires_at;
    let tab_button = move |which: Tab, label: StaffMsg| {
        view! {
            <button
                type="button"
                class="segment"
                aria-pressed=move || (tab.get() == which).to_string()
                on:click=move |_| tab.set(which)
            >
                {ts(label)}
            </button>
        }
    };
    let tabs = (me.intake && visits).then(|| {
        view! {
            <div class="segmented" role="group">
                {tab_button(Tab::Intake, StaffMsg::VolIntakeTab)}
                {tab_button(Tab::Visits, StaffMsg::VolCasesTab)}
            </div>
        }
    });
    let intake_community = me.community.clone();
    let visit_community = me.community.clone();
    view! {
        <p class="lead">
            <strong>{move || StaffMsg::VolHello.with_x(i18n.lang(), &name)}</strong>
            " · "{place}
        </p>
        <p>
            {ts(StaffMsg::VolIntro)}" "
            {move || StaffMsg::ValidUntil.with_x(i18n.lang(), &format_when(expires, i18n.lang()))}
        </p>
        {tabs}
        {move || match tab.get() {
            Tab::Intake => view! { <VolunteerIntake community=intake_community.clone() /> }.into_any(),
            Tab::Visits => view! { <VolunteerVisits community=visit_community.clone() /> }.into_any(),
        }}
    }
}
