//! The cases behind one number of the dashboard: the figure, its range, scope and row, how
//! many cases it counts, and those cases with the queue's columns and the day each counts
//! on, a page at a time. The server decides who may see them and which they are.

use crate::api::figures::figure_cases;
use crate::api::ApiError;
use crate::common::directory_state::use_directory;
use crate::common::failure_notice::FailureNotice;
use crate::common::figure_words::{community_row_name, value_name};
use crate::common::loading_line::LoadingLine;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::i18n::figures::{dim_msg, metric_name, FigMsg, FigN};
use crate::i18n::staff::StaffMsg;
use crate::i18n::t;
use crate::i18n::use_i18n;
use crate::router::{query_pairs, Link};
use crate::staff::figure_links::DrillBase;
use crate::staff::queue_table::{QueueRow, QueueTable};
use crate::staff::sign_in::use_login;
use accord_shared::stats::Dim;
use accord_shared::time::local_date;
use accord_shared::wire::{FigureCase, FigureCasesParams, Me, MemberCursor};
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn FigureCasesPage(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let directory = use_directory();
    let pairs = query_pairs();
    let asked = FigureCasesParams::parse(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        local_date(Utc::now()),
    )
    .ok();
    let items = RwSignal::new(Vec::<FigureCase>::new());
    let next_cursor = RwSignal::new(None::<String>);
    let total = RwSignal::new(None::<u64>);
    let loading = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);

    let first = StoredValue::new(asked.clone());
    let load = move |more: bool| {
        let Some(mut params) = first.get_value() else {
            return;
        };
        if loading.get_untracked() {
            return;
        }
        if more {
            params.after = next_cursor
                .get_untracked()
                .and_then(|raw| MemberCursor::decode(&raw));
        }
        loading.set(true);
        failure.set(None);
        spawn_local(async move {
            let result = figure_cases(&params).await;
            if loading.try_get_untracked().is_none() {
                return; // the page was left
            }
            loading.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            match result {
                Ok(page) => {
                    if page.total.is_some() {
                        total.set(page.total);
                    }
                    items.update(|all| all.extend(page.items));
                    next_cursor.set(page.next_cursor);
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    load(false);

    let Some(params) = asked else {
        return view! {
            <h1 tabindex="-1">{t(FigMsg::CasesBehind)}</h1>
            <p class="notice error-notice" role="alert">{t(FigMsg::BadLink)}</p>
            <p><Link href="/staff/figures".to_owned()>{t(FigMsg::BackToFigures)}</Link></p>
        }
        .into_any();
    };

    let filter = params.filter.clone();
    let base = DrillBase {
        community: params.community.clone(),
        from: filter.from,
        to: filter.to,
    };
    let back = base.dashboard_href(if filter.dim == Dim::All {
        Dim::Category
    } else {
        filter.dim
    });
    let metric = filter.metric;
    let counted = !metric.is_now();
    let heading = move || metric_name(metric, i18n.lang());
    let community = params.community.clone();
    let described = move || {
        let lang = i18n.lang();
        let dir = directory.0.get().and_then(Result::ok);
        let mut parts = Vec::new();
        if counted {
            parts.push(format!("{} – {}", filter.from, filter.to));
        }
        parts.push(match &community {
            Some(id) => community_row_name(dir.as_ref(), id, lang),
            None => FigMsg::ScopeStreet.text(lang).to_owned(),
        });
        if filter.dim != Dim::All {
            parts.push(format!(
                "{}: {}",
                dim_msg(filter.dim).text(lang),
                value_name(dir.as_ref(), filter.dim, &filter.value, lang)
            ));
        }
        parts.join(" · ")
    };
    let rows = Signal::derive(move || {
        items
            .get()
            .into_iter()
            .map(|case| QueueRow {
                item: case.item,
                counted_on: case.counted_on,
            })
            .collect()
    });
    let count = move || {
        total
            .get()
            .map(|n| FigN::CasesCounted.with(i18n.lang(), n as usize))
    };
    view! {
        <div class="page-head">
            <h1 tabindex="-1">{heading}</h1>
            <div class="head-actions">
                <Link href=back class="button secondary">{t(FigMsg::BackToFigures)}</Link>
            </div>
        </div>
        <p class="period-shown">{described}</p>
        <p class="cases-counted" role="status">{count}</p>
        {move || failure.get().map(|failure| view! { <FailureNotice failure=failure /> })}
        <Show when=move || total.get() == Some(0)>
            <p class="empty-state">{t(FigMsg::CasesNone)}</p>
        </Show>
        <Show when=move || items.with(|items| !items.is_empty())>
            <QueueTable rows=rows scope=me.scope.clone() counted=counted />
        </Show>
        <Show when=move || loading.get()>
            <LoadingLine />
        </Show>
        <Show when=move || next_cursor.with(Option::is_some) && !loading.get()>
            <button type="button" class="button secondary load-more" on:click=move |_| load(true)>
                {t(StaffMsg::LoadMore)}
            </button>
        </Show>
    }
    .into_any()
}
