//! The queue of open cases, oldest first: a dense table on wide screens, cards on phones.

use crate::api::{self, ApiError};
use crate::components::status_chip::StatusChip;
use crate::directory_state::{category_name, place_name, use_directory};
use crate::i18n::{t, use_i18n, Msg};
use crate::router::{Link, StaffRoute};
use crate::session::use_session;
use crate::when::format_when;
use accord_shared::staff::Scope;
use accord_shared::wire::{Me, QueueItem};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn QueuePage(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let directory = use_directory();
    let items = RwSignal::new(Vec::<QueueItem>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<Msg>);
    let community = RwSignal::new(String::new());

    // Fetches the first page (`more` = false) or the next one.
    let load = move |more: bool| {
        if loading.get_untracked() {
            return;
        }
        let cursor = if more {
            next_cursor.get_untracked()
        } else {
            None
        };
        let filter = community.get_untracked();
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::queue(cursor.as_deref(), Some(filter.as_str())).await;
            loading.set(false);
            match result {
                Ok(page) => {
                    if more {
                        items.update(|items| items.extend(page.items));
                    } else {
                        items.set(page.items);
                    }
                    next_cursor.set(page.next_cursor);
                    loaded.set(true);
                }
                Err(failure) if failure.is_unauthorized() => session.ended(),
                Err(ApiError::Network) => error.set(Some(Msg::NetworkError)),
                Err(_) => error.set(Some(Msg::ServerError)),
            }
        });
    };
    load(false);

    // A filter only for accounts that see more than one community.
    let scope = me.scope.clone();
    let filter = move || {
        let many = match &scope {
            Scope::Street => true,
            Scope::Communities(ids) => ids.len() > 1,
        };
        if !many {
            return None;
        }
        let lang = i18n.lang();
        let options = match directory.0.get() {
            Some(Ok(dir)) => dir
                .communities
                .iter()
                .filter(|c| scope.includes(&c.id))
                .map(|c| {
                    let selected = community.get_untracked() == c.id;
                    view! { <option value=c.id.clone() selected=selected>{lang.pick(&c.name)}</option> }
                })
                .collect_view(),
            _ => Vec::new().collect_view(),
        };
        Some(view! {
            <div class="field filter">
                <label for="f-community-filter">{t(Msg::CommunityLabel)}</label>
                <select
                    id="f-community-filter"
                    on:change=move |ev| {
                        community.set(event_target_value(&ev));
                        load(false);
                    }
                >
                    <option value="" selected=move || community.with(String::is_empty)>
                        {t(Msg::AllCommunities)}
                    </option>
                    {options}
                </select>
            </div>
        })
    };

    let rows = move || {
        let lang = i18n.lang();
        let dir = directory.0.get().and_then(Result::ok);
        items
            .get()
            .into_iter()
            .map(|item| {
                let (category, place) = match &dir {
                    Some(dir) => (
                        category_name(dir, &item.category, lang),
                        place_name(dir, &item.community, &item.grid, lang),
                    ),
                    None => (item.category.clone(), format!("{} · {}", item.community, item.grid)),
                };
                view! {
                    <tr>
                        <td data-label=Msg::ColCode.text(lang) class="mono">
                            <Link href=StaffRoute::case_path(&item.code)>{item.code.clone()}</Link>
                        </td>
                        <td data-label=Msg::ColCategory.text(lang)>{category}</td>
                        <td data-label=Msg::ColPlace.text(lang)>{place}</td>
                        <td data-label=Msg::ColStatus.text(lang)>
                            <StatusChip status=item.status />
                        </td>
                        <td data-label=Msg::ColFiled.text(lang)>{format_when(item.filed_at, lang)}</td>
                        <td data-label=Msg::ColApplicant.text(lang)>{item.applicant.clone()}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <div class="page-head">
            <h1 tabindex="-1">{t(Msg::QueueTitle)}</h1>
            <button type="button" class="button secondary" on:click=move |_| load(false) disabled=move || loading.get()>
                {t(Msg::Refresh)}
            </button>
        </div>
        {filter}
        <p class="notice error-notice" role="alert" hidden=move || error.with(Option::is_none)>
            {move || error.get().map(|msg| msg.text(i18n.lang()))}
        </p>
        <Show when=move || loaded.get() && items.with(Vec::is_empty)>
            <p class="empty-state">{t(Msg::QueueEmpty)}</p>
        </Show>
        <Show when=move || items.with(|items| !items.is_empty())>
            <table class="queue-table">
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::ColCode)}</th>
                        <th scope="col">{t(Msg::ColCategory)}</th>
                        <th scope="col">{t(Msg::ColPlace)}</th>
                        <th scope="col">{t(Msg::ColStatus)}</th>
                        <th scope="col">{t(Msg::ColFiled)}</th>
                        <th scope="col">{t(Msg::ColApplicant)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </Show>
        <Show when=move || loading.get()>
            <p class="loading">
                <span class="spinner" aria-hidden="true"></span>
                {t(Msg::Loading)}
            </p>
        </Show>
        <Show when=move || next_cursor.with(Option::is_some) && !loading.get()>
            <button type="button" class="button secondary load-more" on:click=move |_| load(true)>
                {t(Msg::LoadMore)}
            </button>
        </Show>
    }
}
