//! The month-by-month trend as an SVG bar chart (filed and resolved side by side), with the
//! same numbers in a table beside it for screen readers and for reading exact values.

use crate::i18n::figures::FigMsg;
use crate::i18n::{t, use_i18n};
use crate::router::Link;
use accord_shared::stats::Month;
use leptos::prelude::*;

/// One month of the chart; `None` where the number is not shown (the public page's small
/// counts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendPoint {
    pub month: Month,
    pub filed: Option<i64>,
    pub resolved: Option<i64>,
    /// Where the month's two numbers lead (the cases behind them), if anywhere.
    pub filed_href: Option<String>,
    pub resolved_href: Option<String>,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 36.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 10.0;

#[component]
pub fn TrendChart(points: Vec<TrendPoint>) -> impl IntoView {
    let i18n = use_i18n();
    let max = points
        .iter()
        .flat_map(|p| [p.filed, p.resolved])
        .flatten()
        .max()
        .unwrap_or(0)
        .max(1);
    let plot_h = HEIGHT - BOTTOM - TOP;
    let slot = (WIDTH - LEFT) / points.len().max(1) as f64;
    let bar_w = (slot * 0.38).max(2.0);
    let y_of = |n: i64| TOP + plot_h - (n as f64 / max as f64) * plot_h;
    let label_every = if points.len() > 12 { 3 } else { 1 };
    let bars = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = LEFT + i as f64 * slot + slot * 0.1;
            let bar = |n: Option<i64>, dx: f64, class: &'static str| {
                n.map(|n| {
                    let y = y_of(n);
                    view! {
                        <rect class=class x=format!("{:.1}", x + dx) y=format!("{y:.1}")
                            width=format!("{bar_w:.1}") height=format!("{:.1}", TOP + plot_h - y)></rect>
                    }
                })
            };
            let label = (i % label_every == 0).then(|| {
                let text = if p.month.month() == 1 || i == 0 {
                    format!("{}-{:02}", p.month.year() % 100, p.month.month())
                } else {
                    format!("{:02}", p.month.month())
                };
                view! {
                    <text class="chart-label" x=format!("{:.1}", x + bar_w) y=format!("{:.1}", HEIGHT - 8.0)
                        text-anchor="middle">{text}</text>
                }
            });
            view! {
                <g>
                    {bar(p.filed, 0.0, "bar-filed")}
                    {bar(p.resolved, bar_w, "bar-resolved")}
                    {label}
                </g>
            }
        })
        .collect_view();
    let rows = points
        .iter()
        .map(|p| {
            let cell = move |n: Option<i64>, href: Option<String>| {
                let shown = match n {
                    Some(n) => n.to_string(),
                    None => FigMsg::Suppressed.text(i18n.lang()).to_owned(),
                };
                match href {
                    Some(href) => {
                        view! { <Link href=href class="figure-link">{shown}</Link> }.into_any()
                    }
                    None => shown.into_any(),
                }
            };
            view! {
                <tr>
                    <th scope="row">{p.month.to_string()}</th>
                    <td>{cell(p.filed, p.filed_href.clone())}</td>
                    <td>{cell(p.resolved, p.resolved_href.clone())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="trend">
            <figcaption>{t(FigMsg::TrendChartTitle)}</figcaption>
            <svg class="trend-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
                aria-label=move || FigMsg::TrendChartTitle.text(i18n.lang())>
                <line class="chart-axis" x1=LEFT y1=TOP + plot_h x2=WIDTH y2=TOP + plot_h></line>
                <text class="chart-label" x="2" y=format!("{:.1}", TOP + 10.0)>{max}</text>
                <text class="chart-label" x="2" y=format!("{:.1}", TOP + plot_h)>"0"</text>
                {bars}
            </svg>
            <p class="chart-legend">
                <span class="legend-filed">{t(FigMsg::TrendFiled)}</span>
                <span class="legend-resolved">{t(FigMsg::TrendResolved)}</span>
            </p>
            <details class="chart-numbers">
                <summary>{t(FigMsg::TrendNumbers)}</summary>
                <table class="figures-table">
                    <thead>
                        <tr>
                            <th scope="col">{t(FigMsg::ReportMonth)}</th>
                            <th scope="col">{t(FigMsg::TrendFiled)}</th>
                            <th scope="col">{t(FigMsg::TrendResolved)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}
