//! A table of figures by one dimension (or by community): a row per value and the total,
//! cards on phones. The columns are what a coordinator compares between rows.

use crate::common::figure_words::cell;
use crate::i18n::figures::{figure_name, pick, FigMsg};
use crate::i18n::{use_i18n, Lang};
use crate::router::Link;
use crate::staff::figure_links::{DrillBase, RowsBy};
use accord_shared::stats::{Figure, FigureRow};
use leptos::prelude::*;

/// The columns of a breakdown.
pub const COLUMNS: [Figure; 10] = [
    Figure::Filed,
    Figure::Accepted,
    Figure::Concluded,
    Figure::Resolved,
    Figure::MediationFailed,
    Figure::SuccessRate,
    Figure::MedianDaysToConclusion,
    Figure::OverdueEver,
    Figure::LongStandingFiled,
    Figure::SatisfactionMean,
];

/// A breakdown's rows as a spreadsheet's: the value's name, then each column.
pub fn table_lines(
    rows: &[(String, FigureRow)],
    total: &FigureRow,
    lang: Lang,
) -> (Vec<String>, Vec<Vec<String>>) {
    let header = std::iter::once(String::new())
        .chain(
            COLUMNS
                .iter()
                .map(|f| pick(figure_name(*f), lang).to_owned()),
        )
        .collect();
    let line = |name: &str, row: &FigureRow| {
        std::iter::once(name.to_owned())
            .chain(COLUMNS.iter().map(|f| row.shown(*f)))
            .collect::<Vec<_>>()
    };
    let mut lines: Vec<Vec<String>> = rows.iter().map(|(name, row)| line(name, row)).collect();
    lines.push(line(FigMsg::Total.text(lang), total));
    (header, lines)
}

#[component]
pub fn FigureTable(
    /// The heading of the first column (the dimension).
    heading: String,
    /// Each row with its value's name, in the reader's language.
    rows: Vec<(String, FigureRow)>,
    total: FigureRow,
    /// What the rows stand for, for the links to the cases behind each count.
    rows_by: RowsBy,
    /// Where the counts lead (`None`: the reader may not open the cases).
    drill: Option<DrillBase>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let head = COLUMNS
        .iter()
        .map(|f| view! { <th scope="col">{pick(figure_name(*f), lang)}</th> })
        .collect_view();
    let line = move |name: String, row: &FigureRow, rows_by: RowsBy, class: &'static str| {
        let cells = COLUMNS
            .iter()
            .map(|f| {
                let shown = cell(row, *f, lang);
                let content = match drill.as_ref().and_then(|d| d.href(*f, row, rows_by)) {
                    Some(href) => {
                        view! { <Link href=href class="figure-link">{shown}</Link> }.into_any()
                    }
                    None => shown.into_any(),
                };
                view! { <td data-label=pick(figure_name(*f), lang)>{content}</td> }
            })
            .collect_view();
        view! {
            <tr class=class>
                <th scope="row">{name}</th>
                {cells}
            </tr>
        }
    };
    let body = rows
        .iter()
        .map(|(name, row)| line(name.clone(), row, rows_by, ""))
        .collect_view();
    let total_row = line(
        FigMsg::Total.text(lang).to_owned(),
        &total,
        RowsBy::Values,
        "total-row",
    );
    // A table wider than a phone scrolls sideways: keyboard users reach it too.
    let region = heading.clone();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table class="figures-table">
                <thead>
                    <tr>
                        <th scope="col">{heading}</th>
                        {head}
                    </tr>
                </thead>
                <tbody>{body}{total_row}</tbody>
            </table>
        </div>
    }
}
