//! Open311 clients: an admin issues a client application (a city system, a civic app) its key
//! for one street, shown once, sees the clients of the streets they manage, and revokes a key.

use crate::api::open311;
use crate::api::ApiError;
use crate::common::clipboard::copy_text;
use crate::common::directory_state::use_directory;
use crate::common::field::focus_later;
use crate::common::form_kit::failure_said;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::staff_fields::{Select, TextInput};
use crate::common::toast::use_toasts;
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{t, use_i18n, Msg};
use crate::staff::sign_in::use_login;
use accord_shared::directory_edit::reaches_street;
use accord_shared::open311::{ApiClient, IssueClientRequest, IssuedClient};
use accord_shared::wire::Me;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
mod client_card;
use client_card::ClientCard;

#[component]
pub fn Open311Page(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let directory = use_directory();
    let toasts = use_toasts();
    let clients = RwSignal::new(None::<Result<Vec<ApiClient>, ApiError>>);
    let load = move || {
        spawn_local(async move {
            let result = open311::clients().await;
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            clients.set(Some(result));
        });
    };
    load();

    let name = RwSignal::new(String::new());
    let street = RwSignal::new(String::new());
    let error = RwSignal::new(None::<(&'static str, Said)>);
    let form_error = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let issued = RwSignal::new(None::<IssuedClient>);
    let error_of = move |id: &'static str| {
        Signal::derive(move || {
            error
                .get()
                .filter(|(at, _)| *at == id)
                .map(|(_, said)| said.text(i18n.lang()).to_owned())
        })
    };
    let changed = Callback::new(move |_| error.set(None));
    let scope = me.scope.clone();
    // The streets this admin manages: their own, or every street for the district's.
    let streets = Signal::derive(move || match directory.0.get() {
        Some(Ok(dir)) => dir
            .streets
            .iter()
            .filter(|s| reaches_street(&scope, &s.id))
            .map(|s| (s.id.clone(), i18n.lang().pick(&s.name).to_owned()))
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    });
    Effect::new(move |_| {
        if let [(id, _)] = streets.get().as_slice() {
            if street.get_untracked().is_empty() {
                street.set(id.clone());
            }
        }
    });
    let street_name = move |id: String| {
        Signal::derive(move || match directory.0.get() {
            Some(Ok(dir)) => dir
                .street(&id)
                .map_or(id.clone(), |s| i18n.lang().pick(&s.name).to_owned()),
            _ => id.clone(),
        })
    };

    let fail = move |id: &'static str, said: Said| {
        error.set(Some((id, said)));
        focus_later(id.to_owned());
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = IssueClientRequest {
            name: name.get_untracked().trim().to_owned(),
            street: street.get_untracked(),
        };
        if request.name.is_empty() {
            return fail("o311-name", Msg::ProblemRequired.into());
        }
        if request.street.is_empty() {
            return fail("o311-street", Msg::ProblemChoose.into());
        }
        error.set(None);
        form_error.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = open311::issue(&request).await;
            busy.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            match result {
                Ok(client) => {
                    clients.update(|list| {
                        if let Some(Ok(list)) = list {
                            list.insert(0, client.client.clone());
                        }
                    });
                    issued.set(Some(client));
                    name.set(String::new());
                    focus_later("key-ready".to_owned());
                }
                Err(ApiError::Status {
                    status: 422, code, ..
                }) => {
                    let said: Said = match code.as_str() {
                        "required" => Msg::ProblemRequired.into(),
                        "too_long" => StaffMsg::ProblemTooLongAny.into(),
                        _ => StaffMsg::ProblemTooShortAny.into(),
                    };
                    fail("o311-name", said);
                }
                Err(ApiError::Status { status: 400, .. }) => {
                    fail("o311-street", Msg::ProblemChoose.into());
                }
                Err(failure) => {
                    form_error.set(Some(failure_said(&failure)));
                    focus_later("o311-error".to_owned());
                }
            }
        });
    };

    let ready = move || {
        issued.get().map(|client| {
            let key = client.api_key.clone();
            let copy = key.clone();
            view! {
                <section class="case-card link-ready" aria-labelledby="key-ready">
                    <h2 id="key-ready" tabindex="-1">{t(StaffMsg::ClientKeyReady)}</h2>
                    <p class="notice warning-notice">{t(StaffMsg::ClientKeyOnce)}</p>
                    <p><strong>{client.client.name.clone()}</strong></p>
                    <p class="link-url mono">{key}</p>
                    <div class="form-buttons">
                        <button type="button" class="button primary" on:click=move |_| copy_text(copy.clone(), toasts)>
                            {t(StaffMsg::ClientCopyKey)}
                        </button>
                    </div>
                </section>
            }
        })
    };

    let list = move || {
        match clients.get() {
        None => view! {
            <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p>
        }
        .into_any(),
        Some(Err(_)) => view! {
            <p class="notice error-notice" role="alert">{t(Msg::LoadFailed)}</p>
            <button type="button" class="button secondary" on:click=move |_| { clients.set(None); load(); }>{t(Msg::Retry)}</button>
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => {
            view! { <p class="empty-state">{t(StaffMsg::ClientsEmpty)}</p> }.into_any()
        }
        Some(Ok(list)) => view! {
            <ul class="user-list">
                {list.into_iter().map(|client| {
                    let street = street_name(client.street.clone());
                    view! { <li><ClientCard client=client clients=clients street=street /></li> }
                }).collect_view()}
            </ul>
        }
        .into_any(),
    }
    };

    view! {
        <h1 tabindex="-1">{t(StaffMsg::ClientsTitle)}</h1>
        <p class="lead">{t(StaffMsg::ClientsIntro)}</p>
        {ready}
        <section class="case-card" aria-labelledby="issue-client-title">
            <h2 id="issue-client-title">{t(StaffMsg::ClientIssueTitle)}</h2>
            <form novalidate on:submit=on_submit>
                <TextInput id="o311-name" label=StaffMsg::ClientName help=StaffMsg::ClientNameHelp value=name error=error_of("o311-name") on_change=changed />
                <Select id="o311-street" label=StaffMsg::ClientStreet value=street options=streets error=error_of("o311-street") placeholder=Msg::ChooseOne on_change=changed />
                <p class="notice error-notice" id="o311-error" tabindex="-1" role="alert" hidden=move || form_error.with(Option::is_none)>
                    {move || form_error.get().map(|said| said.text(i18n.lang()))}
                </p>
                <div class="form-buttons">
                    <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                        {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                        {t(StaffMsg::ClientIssue)}
                    </button>
                </div>
            </form>
        </section>
        <h2>{t(StaffMsg::ClientsListTitle)}</h2>
        <div aria-live="polite">{list}</div>
    }
}
