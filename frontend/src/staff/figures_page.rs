//! The dashboard: the street (or one community) at a glance for a period — headline figures,
//! the month-by-month trend, a breakdown by category, grid, channel, kind or handler role,
//! each community's totals — with a CSV export of the tables and the printable monthly
//! report. Every number comes from the server's kept counters.

use crate::api::figures::{staff_figures, FiguresAsk};
use crate::api::ApiError;
use crate::common::directory_state::use_directory;
use crate::common::download::download_text;
use crate::common::failure_notice::FailureNotice;
use crate::common::figure_words::{community_row_name, value_name};
use crate::common::loading_line::LoadingLine;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::trend_chart::{TrendChart, TrendPoint};
use crate::i18n::figures::{dim_msg, FigMsg};
use crate::i18n::{t, use_i18n, Lang};
use crate::router::{query_param, Link};
use crate::staff::district_scope::communities_in_scope;
use crate::staff::figure_links::{DrillBase, RowsBy};
use crate::staff::sign_in::use_login;
use accord_shared::directory::Directory;
use accord_shared::stats::{to_csv, Dim, FigureRow, Metric, Month};
use accord_shared::time::local_date;
use accord_shared::wire::Me;
use accord_shared::wire::{FiguresView, PeriodPreset};
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;
mod figure_table;
mod headline_cards;
use figure_table::{table_lines, FigureTable};
use headline_cards::HeadlineCards;

const PRESETS: [(&str, FigMsg, Option<PeriodPreset>); 6] = [
    ("month", FigMsg::PeriodMonth, Some(PeriodPreset::ThisMonth)),
    (
        "quarter",
        FigMsg::PeriodQuarter,
        Some(PeriodPreset::ThisQuarter),
    ),
    ("year", FigMsg::PeriodYear, Some(PeriodPreset::ThisYear)),
    (
        "last_year",
        FigMsg::PeriodLastYear,
        Some(PeriodPreset::LastYear),
    ),
    (
        "two_years",
        FigMsg::PeriodTwoYears,
        Some(PeriodPreset::TwoYears),
    ),
    ("custom", FigMsg::PeriodCustom, None),
];

const BREAKDOWNS: [Dim; 5] = [
    Dim::Category,
    Dim::Grid,
    Dim::Channel,
    Dim::Kind,
    Dim::HandlerRole,
];

/// The rows of a view's breakdown, each with its value's name.
fn named_rows(view: &FiguresView, dir: Option<&Directory>, lang: Lang) -> Vec<(String, FigureRow)> {
    view.table
        .rows
        .iter()
        .map(|row| {
            (
                value_name(dir, view.table.dim, &row.value, lang),
                row.clone(),
            )
        })
        .collect()
}

fn community_rows(
    view: &FiguresView,
    dir: Option<&Directory>,
    lang: Lang,
) -> Vec<(String, FigureRow)> {
    view.by_community
        .iter()
        .map(|row| (community_row_name(dir, &row.value, lang), row.clone()))
        .collect()
}

/// Both tables of a view as one spreadsheet (UTF-8 with BOM, so Chinese opens correctly).
fn csv_of(view: &FiguresView, dir: Option<&Directory>, lang: Lang) -> String {
    let (mut header, mut lines) =
        table_lines(&named_rows(view, dir, lang), &view.table.total, lang);
    header[0] = dim_msg(view.table.dim).text(lang).to_owned();
    if !view.by_community.is_empty() {
        let (_, by_community) =
            table_lines(&community_rows(view, dir, lang), &view.table.total, lang);
        lines.push(Vec::new());
        let mut head = header.clone();
        head[0] = FigMsg::ByCommunity.text(lang).to_owned();
        lines.push(head);
        lines.extend(by_community);
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    to_csv(&header, &lines)
}

#[component]
pub fn FiguresPage(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let directory = use_directory();
    let today = local_date(Utc::now());
    // The address keeps what is shown, so Back from the cases behind a number returns here.
    let asked = |name: &str| query_param(name).filter(|v| !v.is_empty());
    let (year_from, year_to) = PeriodPreset::ThisYear.range(today);
    let from0 = asked("from").unwrap_or_else(|| year_from.to_string());
    let to0 = asked("to").unwrap_or_else(|| year_to.to_string());
    let preset0 = PRESETS
        .iter()
        .find(|(_, _, chosen)| {
            chosen.is_some_and(|p| {
                let (f, t) = p.range(today);
                (f.to_string(), t.to_string()) == (from0.clone(), to0.clone())
            })
        })
        .map_or("custom", |(key, _, _)| *key);
    let community = RwSignal::new(asked("community").unwrap_or_default());
    let preset = RwSignal::new(preset0);
    let from = RwSignal::new(from0);
    let to = RwSignal::new(to0);
    let by = RwSignal::new(
        asked("by")
            .and_then(|code| Dim::parse(&code))
            .filter(|dim| BREAKDOWNS.contains(dim))
            .unwrap_or(Dim::Category),
    );
    let figures = RwSignal::new(None::<Result<FiguresView, ApiError>>);
    let field_error = RwSignal::new(None::<(String, FigMsg)>);
    let serial = RwSignal::new(0u32);

    let load = move || {
        let ask = FiguresAsk {
            community: community.get_untracked(),
            from: from.get_untracked(),
            to: to.get_untracked(),
            by: by.get_untracked().code().to_owned(),
        };
        if let Ok(history) = window().history() {
            let here = format!("/staff/figures?{}", ask.query());
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&here));
        }
        let mine = serial.get_untracked().wrapping_add(1);
        serial.set(mine);
        figures.set(None);
        field_error.set(None);
        spawn_local(async move {
            let result = staff_figures(&ask).await;
            if serial.try_get_untracked() != Some(mine) {
                return;
            }
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            // A date the server refused is marked beside its field, with what was typed kept.
            if let Err(ApiError::Status {
                status: 400,
                field: Some(field),
                ..
            }) = &result
            {
                field_error.set(Some((field.clone(), FigMsg::BadDate)));
            }
            figures.set(Some(result));
        });
    };
    load();

    let choose_preset = move |key: &'static str, chosen: Option<PeriodPreset>| {
        preset.set(key);
        if let Some(chosen) = chosen {
            let (f, t) = chosen.range(local_date(Utc::now()));
            from.set(f.to_string());
            to.set(t.to_string());
            load();
        }
    };
    let segments = PRESETS
        .iter()
        .map(|(key, msg, chosen)| {
            let (key, chosen, msg) = (*key, *chosen, *msg);
            view! {
                <button type="button" class="segment"
                    aria-pressed=move || (preset.get() == key).to_string()
                    on:click=move |_| choose_preset(key, chosen)>
                    {t(msg)}
                </button>
            }
        })
        .collect_view();
    let error_of = move |name: &'static str| {
        move || {
            field_error
                .get()
                .filter(|(field, _)| field == name)
                .map(|(_, msg)| msg.text(i18n.lang()))
        }
    };
    let custom = move || {
        (preset.get() == "custom").then(|| {
            view! {
                <form class="custom-range" on:submit=move |ev| { ev.prevent_default(); load(); }>
                    <div class="field" class:has-error=move || error_of("from")().is_some()>
                        <label for="f-from">{t(FigMsg::FromLabel)}</label>
                        <input id="f-from" type="date" prop:value=move || from.get()
                            aria-invalid=move || error_of("from")().is_some().to_string()
                            aria-describedby="f-from-error"
                            on:change=move |ev| from.set(event_target_value(&ev)) />
                        <p id="f-from-error" class="error field-error" role="alert">{error_of("from")}</p>
                    </div>
                    <div class="field" class:has-error=move || error_of("to")().is_some()>
                        <label for="f-to">{t(FigMsg::ToLabel)}</label>
                        <input id="f-to" type="date" prop:value=move || to.get()
                            aria-invalid=move || error_of("to")().is_some().to_string()
                            aria-describedby="f-to-error"
                            on:change=move |ev| to.set(event_target_value(&ev)) />
                        <p id="f-to-error" class="error field-error" role="alert">{error_of("to")}</p>
                    </div>
                    <button type="submit" class="button">{t(FigMsg::Show)}</button>
                </form>
            }
        })
    };

    let scope = me.scope.clone();
    let community_select = move || {
        let lang = i18n.lang();
        let groups = match directory.0.get() {
            Some(Ok(dir)) => communities_in_scope(&dir, &scope, lang),
            _ => Vec::new(),
        };
        if groups.iter().map(|(_, list)| list.len()).sum::<usize>() <= 1 {
            return None;
        }
        let options = groups
            .into_iter()
            .map(|(street, list)| {
                let options = list
                    .into_iter()
                    .map(|(id, name)| {
                        let selected = community.get_untracked() == id;
                        view! { <option value=id selected=selected>{name}</option> }
                    })
                    .collect_view();
                view! { <optgroup label=street>{options}</optgroup> }
            })
            .collect_view();
        Some(view! {
            <div class="field">
                <label for="f-figures-scope">{t(FigMsg::ScopeLabel)}</label>
                <select id="f-figures-scope" on:change=move |ev| {
                    community.set(event_target_value(&ev));
                    load();
                }>
                    <option value="" selected=move || community.with(String::is_empty)>{t(FigMsg::ScopeStreet)}</option>
                    {options}
                </select>
            </div>
        })
    };
    let by_select = move || {
        let options = BREAKDOWNS
            .iter()
            .map(|dim| {
                let dim = *dim;
                view! { <option value=dim.code() selected=move || by.get() == dim>{t(dim_msg(dim))}</option> }
            })
            .collect_view();
        view! {
            <div class="field">
                <label for="f-figures-by">{t(FigMsg::ByLabel)}</label>
                <select id="f-figures-by" on:change=move |ev| {
                    if let Some(dim) = Dim::parse(&event_target_value(&ev)) {
                        by.set(dim);
                        load();
                    }
                }>{options}</select>
            </div>
        }
    };

    let report_href = move || {
        let month = Month::of(local_date(Utc::now()));
        format!(
            "/staff/figures/report?month={month}&community={}",
            community.get()
        )
    };
    let export = move |_| {
        if let Some(Ok(view)) = figures.get_untracked() {
            let lang = i18n.lang();
            let dir = directory.0.get_untracked().and_then(Result::ok);
            let text = csv_of(&view, dir.as_ref(), lang);
            download_text(
                &text,
                "text/csv;charset=utf-8",
                &format!("figures-{}-{}.csv", view.from, view.to),
            );
        }
    };

    let body = move || match figures.get() {
        None => view! { <LoadingLine /> }.into_any(),
        Some(Err(failure)) => view! { <FailureNotice failure=failure /> }.into_any(),
        Some(Ok(view)) => {
            let lang = i18n.lang();
            let dir = directory.0.get().and_then(Result::ok);
            let drill = DrillBase::of(&view);
            let points = view
                .trend
                .iter()
                .map(|m| TrendPoint {
                    month: m.month,
                    filed: Some(m.filed),
                    resolved: Some(m.resolved),
                    filed_href: drill
                        .as_ref()
                        .and_then(|d| d.month_href(Metric::Filed, m.month, m.filed)),
                    resolved_href: drill
                        .as_ref()
                        .and_then(|d| d.month_href(Metric::Resolved, m.month, m.resolved)),
                })
                .collect::<Vec<_>>();
            let empty =
                view.table.total.counts.filed == 0 && view.table.total.counts.concluded == 0;
            let communities = (!view.by_community.is_empty()).then(|| {
                view! {
                    <section aria-labelledby="by-community-title">
                        <h2 id="by-community-title">{t(FigMsg::ByCommunity)}</h2>
                        <FigureTable heading=FigMsg::ByCommunity.text(lang).to_owned()
                            rows=community_rows(&view, dir.as_ref(), lang) total=view.table.total.clone()
                            rows_by=RowsBy::Communities drill=drill.clone() />
                    </section>
                }
            });
            view! {
                {empty.then(|| view! { <p class="empty-state">{t(FigMsg::NoData)}</p> })}
                <HeadlineCards total=view.table.total.clone() drill=drill.clone() />
                <section aria-labelledby="trend-title">
                    <h2 id="trend-title">{t(FigMsg::Trend)}</h2>
                    <TrendChart points=points />
                </section>
                <section aria-labelledby="breakdown-title">
                    <h2 id="breakdown-title">{t(FigMsg::TableTitle)}</h2>
                    <FigureTable heading=dim_msg(view.table.dim).text(lang).to_owned()
                        rows=named_rows(&view, dir.as_ref(), lang) total=view.table.total.clone()
                        rows_by=RowsBy::Values drill=drill.clone() />
                </section>
                {communities}
            }
            .into_any()
        }
    };

    view! {
        <div class="page-head">
            <h1 tabindex="-1">{t(FigMsg::FiguresTitle)}</h1>
            <div class="head-actions">
                <button type="button" class="button secondary" on:click=export>{t(FigMsg::ExportCsv)}</button>
                <a class="button secondary" href=report_href target="_blank">{t(FigMsg::PrintReport)}</a>
                <Link href="/staff/figures/definitions".to_owned() class="button secondary">{t(FigMsg::Definitions)}</Link>
            </div>
        </div>
        <div class="figure-controls">
            {community_select}
            <fieldset class="period">
                <legend>{t(FigMsg::PeriodLabel)}</legend>
                <div class="segmented">{segments}</div>
            </fieldset>
            {custom}
            {by_select}
        </div>
        <p class="period-shown">{move || format!("{} – {}", from.get(), to.get())}</p>
        {body}
    }
}
