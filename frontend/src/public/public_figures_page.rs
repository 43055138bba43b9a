//! The street's public figures: totals by category, kind and channel and the trend, for a
//! year or two, with every count under five shown as "under 5" (the server never sends
//! it), and how each figure is defined.

use crate::api::figures::public_figures;
use crate::api::ApiError;
use crate::common::directory_state::use_directory;
use crate::common::failure_notice::FailureNotice;
use crate::common::figure_definitions::FigureDefinitions;
use crate::common::figure_words::value_name;
use crate::common::loading_line::LoadingLine;
use crate::common::trend_chart::{TrendChart, TrendPoint};
use crate::i18n::figures::{figure_name, pick, FigMsg};
use crate::i18n::{t, use_i18n, Lang};
use accord_shared::stats::{PublicCell, PublicTable};
use accord_shared::time::local_date;
use accord_shared::wire::{PeriodPreset, PublicFiguresView};
use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local;

const PERIODS: [(&str, FigMsg, PeriodPreset); 3] = [
    ("year", FigMsg::PeriodYear, PeriodPreset::ThisYear),
    ("last_year", FigMsg::PeriodLastYear, PeriodPreset::LastYear),
    ("two_years", FigMsg::PeriodTwoYears, PeriodPreset::TwoYears),
];

fn shown(cell: PublicCell, lang: Lang) -> String {
    match cell {
        PublicCell::Shown(n) => n.to_string(),
        PublicCell::Suppressed => FigMsg::Suppressed.text(lang).to_owned(),
    }
}

fn public_table_view(
    table: &PublicTable,
    heading: FigMsg,
    dir: Option<&accord_shared::directory::Directory>,
    lang: Lang,
) -> impl IntoView {
    let head = table
        .columns
        .iter()
        .map(|f| view! { <th scope="col">{pick(figure_name(*f), lang)}</th> })
        .collect_view();
    let line = |name: String, cells: &[PublicCell], class: &'static str| {
        let cells = cells
            .iter()
            .zip(&table.columns)
            .map(|(c, f)| view! { <td data-label=pick(figure_name(*f), lang)>{shown(*c, lang)}</td> })
            .collect_view();
        view! { <tr class=class><th scope="row">{name}</th>{cells}</tr> }
    };
    let rows = table
        .rows
        .iter()
        .map(|row| line(value_name(dir, table.dim, &row.value, lang), &row.cells, ""))
        .collect_view();
    let total = line(
        FigMsg::Total.text(lang).to_owned(),
        &table.total.cells,
        "total-row",
    );
    // A table wider than a phone scrolls sideways: keyboard users reach it too.
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=heading.text(lang)>
            <table class="figures-table">
                <thead><tr><th scope="col">{heading.text(lang)}</th>{head}</tr></thead>
                <tbody>{rows}{total}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn PublicFiguresPage() -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let period = RwSignal::new("year");
    let figures = RwSignal::new(None::<Result<PublicFiguresView, ApiError>>);
    let load = move |chosen: PeriodPreset| {
        figures.set(None);
        let (from, to) = chosen.range(local_date(Utc::now()));
        spawn_local(async move {
            let result = public_figures(&from.to_string(), &to.to_string()).await;
            figures.set(Some(result));
        });
    };
    load(PeriodPreset::ThisYear);
    let segments = PERIODS
        .iter()
        .map(|(key, msg, preset)| {
            let (key, msg, preset) = (*key, *msg, *preset);
            view! {
                <button type="button" class="segment" aria-pressed=move || (period.get() == key).to_string()
                    on:click=move |_| { period.set(key); load(preset); }>{t(msg)}</button>
            }
        })
        .collect_view();
    let body = move || match figures.get() {
        None => view! { <LoadingLine /> }.into_any(),
        Some(Err(failure)) => view! { <FailureNotice failure=failure /> }.into_any(),
        Some(Ok(view)) => {
            let lang = i18n.lang();
            let dir = directory.0.get().and_then(Result::ok);
            let value = |cell: PublicCell| match cell {
                PublicCell::Shown(n) => Some(n),
                PublicCell::Suppressed => None,
            };
            let points = view
                .trend
                .iter()
                .map(|m| TrendPoint {
                    month: m.month,
                    filed: value(m.filed),
                    resolved: value(m.resolved),
                    filed_href: None,
                    resolved_href: None,
                })
                .collect::<Vec<_>>();
            let rate = view
                .by_category
                .success_rate
                .clone()
                .map(|r| format!("{r}%"));
            view! {
                <p class="period-shown">{format!("{} – {}", view.from, view.to)}</p>
                {rate.map(|r| view! {
                    <p class="figure-card public-rate">
                        <span class="figure-name">{pick(figure_name(accord_shared::stats::Figure::SuccessRate), lang)}</span>
                        <strong class="figure-value">{r}</strong>
                    </p>
                })}
                <section aria-labelledby="public-trend">
                    <h2 id="public-trend">{t(FigMsg::Trend)}</h2>
                    <TrendChart points=points />
                </section>
                <section aria-labelledby="public-kind">
                    <h2 id="public-kind">{t(FigMsg::ByKind)}</h2>
                    {public_table_view(&view.by_kind, FigMsg::ByKind, dir.as_ref(), lang)}
                </section>
                <section aria-labelledby="public-category">
                    <h2 id="public-category">{t(FigMsg::ByCategory)}</h2>
                    {public_table_view(&view.by_category, FigMsg::ByCategory, dir.as_ref(), lang)}
                </section>
                <section aria-labelledby="public-channel">
                    <h2 id="public-channel">{t(FigMsg::ByChannel)}</h2>
                    {public_table_view(&view.by_channel, FigMsg::ByChannel, dir.as_ref(), lang)}
                </section>
            }
            .into_any()
        }
    };
    view! {
        <h1 tabindex="-1">{t(FigMsg::PublicTitle)}</h1>
        <p>{t(FigMsg::PublicIntro)}</p>
        <fieldset class="period">
            <legend>{t(FigMsg::PeriodLabel)}</legend>
            <div class="segmented">{segments}</div>
        </fieldset>
        {body}
        <FigureDefinitions />
    }
}
