//! The queue of open cases, oldest first, by board and community.

use crate::api;
use crate::api::ApiError;
use crate::common::directory_state::use_directory;
use crate::common::form_kit::Failure;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::i18n::staff::{StaffMsg, StaffNM};
use crate::i18n::{t, use_i18n, Msg};
use crate::staff::district_scope::communities_in_scope;
use crate::staff::queue_search::QueueSearch;
use crate::staff::queue_table::{QueueRow, QueueTable};
use crate::staff::session_upcoming::UpcomingSessions;
use crate::staff::sign_in::use_login;
use accord_shared::policy::{Action, Reach};
use accord_shared::staff::Scope;
use accord_shared::wire::{Me, QueueItem};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The boards every reader has, and the board of what escalation sends to the reader's own
/// level: the district's for the district, the street's for a street.
fn views_for(scope: &Scope) -> Vec<(&'static str, StaffMsg)> {
    let mut views = vec![
        ("open", StaffMsg::ViewOpen),
        ("mine", StaffMsg::ViewMine),
        ("unassigned", StaffMsg::ViewUnassigned),
        ("high_risk", StaffMsg::ViewHighRisk),
        ("overdue", StaffMsg::ViewOverdue),
    ];
    match scope {
        Scope::District => views.push(("escalated_district", StaffMsg::ViewEscalatedDistrict)),
        Scope::Street { .. } => views.push(("escalated_street", StaffMsg::ViewEscalatedStreet)),
        Scope::Communities { .. } => {}
    }
    views
}

#[component]
pub fn QueuePage(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let directory = use_directory();
    let items = RwSignal::new(Vec::<QueueItem>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let error = RwSignal::new(None::<Msg>);
    let community = RwSignal::new(String::new());
    let view_choice = RwSignal::new("open");
    // Each fetch has a number; answers to older fetches (another view, another filter) are
    // dropped.
    let serial = RwSignal::new(0u32);
    // The query the page shows results for; "" for the queue.
    let searching = RwSignal::new(String::new());
    let search_error = RwSignal::new(None::<StaffMsg>);
    let escalating = RwSignal::new(false);
    let escalation_report = RwSignal::new(None::<api::EscalationReport>);

    // Fetches the first page (`more` = false) or the next one.
    let load = move |more: bool| {
        if more && loading.get_untracked() {
            return;
        }
        let cursor = if more {
            next_cursor.get_untracked()
        } else {
            None
        };
        let filter = community.get_untracked();
        let chosen = view_choice.get_untracked();
        let query = searching.get_untracked();
        let mine = serial.get_untracked().wrapping_add(1);
        serial.set(mine);
        loading.set(true);
        error.set(None);
        if !more {
            loaded.set(false);
            items.set(Vec::new());
            next_cursor.set(None);
        }
        spawn_local(async move {
            let q = (!query.is_empty()).then_some(query.as_str());
            let view = q.is_none().then_some(chosen);
            let result = api::queue(cursor.as_deref(), Some(filter.as_str()), view, q).await;
            // A newer request, or a page already left (its signals disposed): drop the answer.
            if serial.try_get_untracked() != Some(mine) {
                return;
            }
            loading.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
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
                // The API refused the query itself: said beside the search box.
                Err(ApiError::Status {
                    status: 422,
                    field: Some(field),
                    code,
                }) if field == "q" => {
                    search_error.set(Some(if code == "too_long" {
                        StaffMsg::ProblemTooLongAny
                    } else {
                        StaffMsg::SearchTooShort
                    }));
                    loaded.set(true);
                }
                Err(ApiError::Status { status: 403, .. }) if !query.is_empty() => {
                    search_error.set(Some(StaffMsg::SearchCodeOnly));
                    loaded.set(true);
                }
                Err(failure) => error.set(Some(Failure::of(&failure).msg())),
            }
        });
    };
    load(false);
    let rows = Signal::derive(move || items.get().into_iter().map(QueueRow::plain).collect());

    // A filter only for accounts that see more than one community.
    let scope = me.scope.clone();
    let filter = move || {
        let many = match &scope {
            Scope::District | Scope::Street { .. } => true,
            Scope::Communities { communities } => communities.len() > 1,
        };
        if !many {
            return None;
        }
        let lang = i18n.lang();
        let option = |(id, name): (String, String)| {
            let selected = community.get_untracked() == id;
            view! { <option value=id selected=selected>{name}</option> }
        };
        let options = match directory.0.get() {
            Some(Ok(dir)) => communities_in_scope(&dir, &scope, lang)
                .into_iter()
                .map(|(street, list)| {
                    view! { <optgroup label=street>{list.into_iter().map(option).collect_view()}</optgroup> }
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
                        {t(StaffMsg::AllCommunities)}
                    </option>
                    {options}
                </select>
            </div>
        })
    };

    let views = views_for(&me.scope)
        .into_iter()
        .map(|(id, msg)| {
            view! {
                <button
                    type="button"
                    class="segment"
                    aria-pressed=move || (view_choice.get() == id).to_string()
                    on:click=move |_| {
                        if view_choice.get_untracked() != id {
                            view_choice.set(id);
                            load(false);
                        }
                    }
                >
                    {t(msg)}
                </button>
            }
        })
        .collect_view();

    let is_coordinator = me.reach(Action::RunEscalation) != Reach::None;
    let may_search_contact = me.reach(Action::ReadPartyContact) != Reach::None;
    let run_escalations = move |_| {
        if escalating.get_untracked() {
            return;
        }
        escalating.set(true);
        escalation_report.set(None);
        error.set(None);
        spawn_local(async move {
            let result = api::run_escalations().await;
            escalating.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            match result {
                Ok(report) => {
                    escalation_report.set(Some(report));
                    load(false);
                }
                Err(failure) => error.set(Some(Failure::of(&failure).msg())),
            }
        });
    };
    let escalation_button = is_coordinator.then(|| {
        view! {
            <button
                type="button"
                class="button secondary"
                on:click=run_escalations
                disabled=move || escalating.get()
                aria-busy=move || escalating.get().to_string()
            >
                {move || escalating.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                {t(StaffMsg::RunEscalations)}
            </button>
        }
    });
    let escalation_result = move || {
        escalation_report.get().map(|report| {
            let lang = i18n.lang();
            let text = StaffNM::EscalationResult.with(
                lang,
                report.examined as usize,
                report.escalated as usize,
            );
            view! { <p class="notice success-notice" role="status">{text}</p> }
        })
    };

    view! {
        <div class="page-head">
            <h1 tabindex="-1">{t(StaffMsg::QueueTitle)}</h1>
            <div class="head-actions">
                {escalation_button}
                <button type="button" class="button secondary" on:click=move |_| load(false) disabled=move || loading.get()>
                    {t(StaffMsg::Refresh)}
                </button>
            </div>
        </div>
        {escalation_result}
        <UpcomingSessions />
        <QueueSearch
            searching=searching
            error=search_error
            may_search_contact=may_search_contact
            on_search=Callback::new(move |()| load(false))
        />
        <div
            class="segmented"
            role="group"
            aria-label=t(StaffMsg::ViewsLabel)
            hidden=move || !searching.with(String::is_empty)
        >
            {views}
        </div>
        {filter}
        <Show when=move || !searching.with(String::is_empty)>
            <h2 class="search-results">{t(StaffMsg::SearchResults)}</h2>
        </Show>
        <p class="notice error-notice" role="alert" hidden=move || error.with(Option::is_none)>
            {move || error.get().map(|msg| msg.text(i18n.lang()))}
        </p>
        <Show when=move || loaded.get() && items.with(Vec::is_empty) && search_error.with(Option::is_none)>
            <p class="empty-state">
                {move || {
                    let lang = i18n.lang();
                    if !searching.with(String::is_empty) {
                        StaffMsg::SearchNone.text(lang)
                    } else if view_choice.get() == "open" {
                        StaffMsg::QueueEmpty.text(lang)
                    } else {
                        StaffMsg::QueueEmptyView.text(lang)
                    }
                }}
            </p>
        </Show>
        <Show when=move || items.with(|items| !items.is_empty())>
            <QueueTable rows=rows scope=me.scope.clone() />
        </Show>
        <Show when=move || loading.get()>
            <p class="loading">
                <span class="spinner" aria-hidden="true"></span>
                {t(Msg::Loading)}
            </p>
        </Show>
        <Show when=move || next_cursor.with(Option::is_some) && !loading.get()>
            <button type="button" class="button secondary load-more" on:click=move |_| load(true)>
                {t(StaffMsg::LoadMore)}
            </button>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_escalation_board_follows_the_readers_level() {
        let ids = |scope: Scope| -> Vec<&str> {
            views_for(&scope).into_iter().map(|(id, _)| id).collect()
        };
        assert_eq!(ids(Scope::District).last(), Some(&"escalated_district"));
        assert_eq!(
            ids(Scope::street("zhoushuizi")).last(),
            Some(&"escalated_street")
        );
        let community = ids(Scope::communities(["zs01"]));
        assert_eq!(community.len(), 5);
        assert!(!community.iter().any(|id| id.starts_with("escalated")));
    }
}
