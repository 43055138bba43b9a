//! Accounts: who may sign in, with which role and for which communities; new accounts with a
//! temporary password, changes, disabling and password resets (both end the user's sessions).

use crate::api::admin;
use crate::api::ApiError;
use crate::common::field::focus_later;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, Msg};
use crate::staff::sign_in::use_login;
use accord_shared::accounts::UserSummary;
use accord_shared::wire::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;
mod new_user_form;
mod user_card;
mod user_editor;
mod user_form_parts;
use new_user_form::NewUserForm;
use user_card::UserCard;

#[component]
pub fn UsersPage(me: Me) -> impl IntoView {
    let login = use_login();
    let users = RwSignal::new(None::<Result<Vec<UserSummary>, ApiError>>);
    let creating = RwSignal::new(false);
    let editing = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            let result = admin::users().await;
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            users.set(Some(result));
        });
    };
    load();
    // A changed account replaces its row in place.
    let replace = Callback::new(move |updated: UserSummary| {
        users.update(|list| {
            if let Some(Ok(list)) = list {
                match list.iter_mut().find(|u| u.username == updated.username) {
                    Some(row) => *row = updated,
                    None => list.push(updated),
                }
            }
        });
    });
    let myself = me.username.clone();
    let list = move || {
        match users.get() {
        None => view! {
            <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p>
        }
        .into_any(),
        Some(Err(_)) => view! {
            <p class="notice error-notice" role="alert">{t(Msg::LoadFailed)}</p>
            <button type="button" class="button secondary" on:click=move |_| { users.set(None); load(); }>{t(Msg::Retry)}</button>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            {(list.len() <= 1).then(|| view! { <p class="empty-state">{t(StaffMsg::UsersEmpty)}</p> })}
            <ul class="user-list">
                {list
                    .into_iter()
                    .map(|user| {
                        let me = user.username == myself;
                        view! { <li><UserCard user=user editing=editing replace=replace myself=me /></li> }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    }
    };
    view! {
        <div class="page-head">
            <h1 tabindex="-1">{t(StaffMsg::UsersTitle)}</h1>
            <button
                type="button"
                class="button secondary"
                aria-expanded=move || creating.get().to_string()
                aria-controls="new-user"
                on:click=move |_| {
                    creating.update(|open| *open = !*open);
                    if creating.get_untracked() {
                        focus_later("u-username".to_owned());
                    }
                }
            >
                {t(StaffMsg::NewUserTitle)}
            </button>
        </div>
        <Show when=move || creating.get()>
            <NewUserForm created=Callback::new(move |user: UserSummary| {
                replace.run(user);
                creating.set(false);
            }) />
        </Show>
        <div aria-live="polite">{list}</div>
    }
}
