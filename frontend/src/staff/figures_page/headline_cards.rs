//! The headline figures of a period as a row of cards.

use crate::common::figure_words::{cell, percent};
use crate::i18n::figures::{figure_name, pick, FigMsg};
use crate::i18n::{t, use_i18n};
use accord_shared::stats::{Figure, FigureRow};
use leptos::prelude::*;

#[component]
pub fn HeadlineCards(total: FigureRow) -> impl IntoView {
    let i18n = use_i18n();
    let cards = move || {
        let lang = i18n.lang();
        let card = |figure: Figure, value: String, note: Option<String>| {
            view! {
                <li class="figure-card">
                    <span class="figure-name">{pick(figure_name(figure), lang)}</span>
                    <strong class="figure-value">{value}</strong>
                    {note.map(|n| view! { <span class="figure-note">{n}</span> })}
                </li>
            }
        };
        let rate = total.success_rate;
        let ratio = |r: accord_shared::stats::Rate| format!("{} / {}", r.numerator, r.denominator);
        let days = cell(&total, Figure::P90DaysToConclusion, lang);
        vec![
            card(Figure::Filed, cell(&total, Figure::Filed, lang), None),
            card(
                Figure::Concluded,
                cell(&total, Figure::Concluded, lang),
                None,
            ),
            card(Figure::SuccessRate, percent(rate), Some(ratio(rate))),
            card(
                Figure::MedianDaysToConclusion,
                cell(&total, Figure::MedianDaysToConclusion, lang),
                Some(format!(
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
                Some(format!(
                    "{}: {}",
                    pick(figure_name(Figure::LongStandingResolved), lang),
                    cell(&total, Figure::LongStandingResolved, lang)
                )),
            ),
            card(
                Figure::SatisfactionMean,
                total
                    .satisfaction_mean
                    .decimal()
                    .unwrap_or_else(|| "—".into()),
                Some(format!(
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
