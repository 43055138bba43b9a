//! The printable monthly report (A4): the month's headline figures, the breakdown by
//! category and by community, and the trend of the year before, in the reader's language.
//! It opens in its own tab (`/staff/figures/report?month=YYYY-MM&community=`) and prints
//! without the console around it.

use crate::api::figures::{staff_figures, FiguresAsk};
use crate::api::ApiError;
use crate::common::directory_state::{street_name, use_directory};
use crate::common::failure_notice::FailureNotice;
use crate::common::figure_words::{cell, community_row_name, percent, value_name};
use crate::common::loading_line::LoadingLine;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::i18n::figures::{figure_name, pick, FigMsg};
use crate::i18n::{t, use_i18n};
use crate::router::query_param;
use crate::staff::sign_in::use_login;
use accord_shared::stats::{Figure, Month};
use accord_shared::time::local_date;
use accord_shared::wire::{month_range, FiguresView};
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The figures of the report's summary table, in order.
const SUMMARY: [Figure; 14] = [
    Figure::Filed,
    Figure::Accepted,
    Figure::Rejected,
    Figure::Concluded,
    Figure::Resolved,
    Figure::MediationFailed,
    Figure::Withdrawn,
    Figure::SuccessRate,
    Figure::MedianDaysToConclusion,
    Figure::P90DaysToConclusion,
    Figure::OverdueEver,
    Figure::LongStandingFiled,
    Figure::LongStandingResolved,
    Figure::SatisfactionMean,
];

#[component]
pub fn FiguresReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let directory = use_directory();
    let this_month = Month::of(local_date(Utc::now()));
    let month = query_param("month")
        .and_then(|m| m.parse::<Month>().ok())
        .unwrap_or(this_month);
    let community = query_param("community").unwrap_or_default();
    let figures = RwSignal::new(None::<Result<FiguresView, ApiError>>);
    if let Some((from, to)) = month_range(month) {
        let ask = FiguresAsk {
            community: community.clone(),
            from: from.to_string(),
            to: to.to_string(),
            by: "category".into(),
        };
        spawn_local(async move {
            let result = staff_figures(&ask).await;
            if let Some(result) = login.unless_ended(result) {
                figures.set(Some(result));
            }
        });
    }
    let generated = Utc::now();
    let body = move || match figures.get() {
        None => view! { <LoadingLine /> }.into_any(),
        Some(Err(failure)) => view! { <FailureNotice failure=failure /> }.into_any(),
        Some(Ok(view)) => {
            let lang = i18n.lang();
            let dir = directory.0.get().and_then(Result::ok);
            let scope = match &view.community {
                Some(id) => community_row_name(dir.as_ref(), id, lang),
                None => dir
                    .as_ref()
                    .and_then(|d| d.streets.first().map(|s| street_name(d, &s.id, lang)))
                    .unwrap_or_else(|| FigMsg::ScopeStreet.text(lang).to_owned()),
            };
            let total = view.table.total.clone();
            let summary = SUMMARY
                .iter()
                .map(|f| {
                    let value = match f {
                        Figure::SuccessRate => format!(
                            "{} ({} / {})",
                            percent(total.success_rate),
                            total.success_rate.numerator,
                            total.success_rate.denominator
                        ),
                        _ => cell(&total, *f, lang),
                    };
                    view! { <tr><th scope="row">{pick(figure_name(*f), lang)}</th><td>{value}</td></tr> }
                })
                .collect_view();
            let breakdown_head = [
                Figure::Filed,
                Figure::Concluded,
                Figure::Resolved,
                Figure::MediationFailed,
                Figure::SuccessRate,
            ];
            let head = breakdown_head
                .iter()
                .map(|f| view! { <th scope="col">{pick(figure_name(*f), lang)}</th> })
                .collect_view();
            let line = |name: String, row: &accord_shared::stats::FigureRow| {
                let cells = breakdown_head
                    .iter()
                    .map(|f| view! { <td>{cell(row, *f, lang)}</td> })
                    .collect_view();
                view! { <tr><th scope="row">{name}</th>{cells}</tr> }
            };
            let by_category = view
                .table
                .rows
                .iter()
                .map(|row| {
                    line(
                        value_name(dir.as_ref(), view.table.dim, &row.value, lang),
                        row,
                    )
                })
                .collect_view();
            let by_community = (!view.by_community.is_empty()).then(|| {
                let rows = view
                    .by_community
                    .iter()
                    .filter(|row| row.counts.filed > 0 || row.counts.concluded > 0)
                    .map(|row| line(community_row_name(dir.as_ref(), &row.value, lang), row))
                    .collect_view();
                view! {
                    <h2>{t(FigMsg::ByCommunity)}</h2>
                    <table class="report-table">
                        <thead><tr><th scope="col">{t(FigMsg::ByCommunity)}</th>{head.clone()}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            });
            let trend = view
                .trend
                .iter()
                .map(|m| view! { <tr><th scope="row">{m.month.to_string()}</th><td>{m.filed}</td><td>{m.resolved}</td><td>{percent(m.success_rate)}</td></tr> })
                .collect_view();
            view! {
                <dl class="report-meta">
                    <dt>{t(FigMsg::ReportScope)}</dt><dd>{scope}</dd>
                    <dt>{t(FigMsg::ReportMonth)}</dt><dd>{month.to_string()}</dd>
                    <dt>{t(FigMsg::ReportGenerated)}</dt><dd>{crate::common::when::format_when(generated, lang)}</dd>
                </dl>
                <h2>{t(FigMsg::Headline)}</h2>
                <table class="report-table"><tbody>{summary}</tbody></table>
                <h2>{t(FigMsg::ByCategory)}</h2>
                <table class="report-table">
                    <thead><tr><th scope="col">{t(FigMsg::ByCategory)}</th>{head}</tr></thead>
                    <tbody>{by_category}</tbody>
                </table>
                {by_community}
                <h2>{t(FigMsg::Trend)}</h2>
                <table class="report-table">
                    <thead><tr>
                        <th scope="col">{t(FigMsg::ReportMonth)}</th>
                        <th scope="col">{t(FigMsg::TrendFiled)}</th>
                        <th scope="col">{t(FigMsg::TrendResolved)}</th>
                        <th scope="col">{pick(figure_name(Figure::SuccessRate), lang)}</th>
                    </tr></thead>
                    <tbody>{trend}</tbody>
                </table>
                <p class="report-note">{t(FigMsg::ReportNote)}</p>
            }
            .into_any()
        }
    };
    view! {
        <article class="report">
            <div class="page-head no-print">
                <button type="button" class="button" on:click=move |_| { let _ = window().print(); }>{t(FigMsg::Print)}</button>
            </div>
            <h1 tabindex="-1">{t(FigMsg::ReportTitle)}</h1>
            {body}
        </article>
    }
}
