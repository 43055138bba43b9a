//! The headline figures of a period as a row of cards.

use crate::common::figure_words::{cell, percent};
use crate::i18n::figures::{figure_name, pick, FigMsg};
use crate::i18n::{t, use_i18n};
use crate::router::Link;
use crate::staff::figure_links::{DrillBase, RowsBy};
use accord_shared::stats::{Dim, Figure, FigureRow, Metric};
use leptos::prelude::*;

#[component]
pub fn HeadlineCards(
    total: FigureRow,
    /// Where the counts lead (`None`: the reader may not open the cases).
    drill: Option<DrillBase>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cards = move || {
        let lang = i18n.lang();
        let drill = drill.clone();
        let total = total.clone();
        let linked = |href: Option<String>, text: String| match href {
            Some(href) => view! { <Link href=href class="figure-link">{text}</Link> }.into_any(),
            None => text.into_any(),
        };
        let card = |figure: Figure, value: String, note: Option<AnyView>| {
            let href = drill
                .as_ref()
                .and_then(|d| d.href(figure, &total, RowsBy::Values));
            view! {
                <li class="figure-card">
                    <span class="figure-name">{pick(figure_name(figure), lang)}</span>
                    <strong class="figure-value">{linked(href, value)}</strong>
                    {note.map(|n| view! { <span class="figure-note">{n}</span> })}
                </li>
            }
        };
        let rate = total.success_rate;
        // The rate's two counts, each leading to its disputes.
        let dispute_href = |metric: Metric, count: i64| {
            drill
                .as_ref()
                .filter(|_| count > 0)
                .map(|d| d.metric_href(metric, (d.from, d.to), None, (Dim::All, "")))
        };
        let failed = rate.denominator - rate.numerator;
        let ratio = view! {
            {linked(dispute_href(Metric::DisputeResolved, rate.numerator), rate.numerator.to_string())}
            " / "
            {rate.denominator}
            " · "
            {linked(
                dispute_href(Metric::DisputeFailed, failed),
                format!("{failed} {}", FigMsg::FailedShort.text(lang)),
            )}
        }
        .into_any();
        let text = |s: String| Some(s.into_any());
        let days = cell(&total, Figure::P90DaysToConclusion, lang);
        vec![
            card(Figure::Filed, cell(&total, Figure::Filed, lang), None),
            card(
                Figure::Concluded,
                cell(&total, Figure::Concluded, lang),
                None,
            ),
            card(Figure::SuccessRate, percent(rate), Some(ratio)),
            card(
                Figure::MedianDaysToConclusion,
                cell(&total, Figure::MedianDaysToConclusion, lang),
                text(format!(
                    "{}: {days}",
                    pick(figure_name(Figure::P90DaysToConclusion), lang)
                )),
            ),
            card(Figure::OpenNow, cell(&total, Figure::OpenNow, lang), None),
            card(
                Figure::OverdueNow,
                cell(&total, Figure::OverdueNow, lang),
                None,
            ),
            card(
                Figure::LongStandingFiled,
                cell(&total, Figure::LongStandingFiled, lang),
                Some(
                    view! {
                        {pick(figure_name(Figure::LongStandingResolved), lang)}
                        ": "
                        {linked(
                            drill.as_ref().and_then(|d| {
                                d.href(Figure::LongStandingResolved, &total, RowsBy::Values)
                            }),
                            cell(&total, Figure::LongStandingResolved, lang),
                        )}
                    }
                    .into_any(),
                ),
            ),
            card(
                Figure::SatisfactionMean,
                total
                    .satisfaction_mean
                    .decimal()
                    .unwrap_or_else(|| "—".into()),
                text(format!(
                    "{}: {}",
                    pick(figure_name(Figure::ResponseRate), lang),
                    percent(total.response_rate)
                )),
            ),
        ]
        .collect_view()
    };
    view! {
        <section aria-labelledby="headline-title">
            <h2 id="headline-title">{t(FigMsg::Headline)}</h2>
            <ul class="figure-cards">{cards}</ul>
        </section>
    }
}
