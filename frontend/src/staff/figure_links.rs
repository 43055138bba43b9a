//! Where the dashboard's numbers lead: the address of the cases behind a number (the same
//! range, scope and row), offered only to readers who may list those cases and only for a
//! count that is not zero.

use accord_shared::stats::{Dim, Figure, FigureRow, Metric, Month};
use accord_shared::wire::{FigureCasesParams, FiguresView};
use chrono::NaiveDate;

/// The range and scope a dashboard shows, when its reader may open the cases behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillBase {
    pub community: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// What the rows of a table stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowsBy {
    /// A value of the row's dimension each (the total: every case).
    Values,
    /// A community each, by its id.
    Communities,
}

impl DrillBase {
    /// The dashboard's links, if its reader may follow them.
    pub fn of(view: &FiguresView) -> Option<DrillBase> {
        view.may_list_cases.then(|| DrillBase {
            community: view.community.clone(),
            from: view.from,
            to: view.to,
        })
    }

    /// The cases behind `metric` over `range`, in `community` (or the dashboard's), row
    /// `dim` = `value`.
    pub fn metric_href(
        &self,
        metric: Metric,
        range: (NaiveDate, NaiveDate),
        community: Option<&str>,
        (dim, value): (Dim, &str),
    ) -> String {
        let community = community.or(self.community.as_deref());
        let params = FigureCasesParams::first_page(metric, community, range, (dim, value));
        format!("/staff/figures/cases?{}", params.query())
    }

    /// The cases behind `figure` in `row` of a table whose rows stand for `rows`: none for a
    /// figure that is not a count, or a count of zero.
    pub fn href(&self, figure: Figure, row: &FigureRow, rows: RowsBy) -> Option<String> {
        let metric = figure.counted_metric()?;
        if row.count(figure).unwrap_or(0) <= 0 {
            return None;
        }
        let range = (self.from, self.to);
        Some(match rows {
            RowsBy::Values => self.metric_href(metric, range, None, (row.dim, &row.value)),
            RowsBy::Communities => {
                self.metric_href(metric, range, Some(&row.value), (Dim::All, ""))
            }
        })
    }

    /// The cases behind `metric` in one month of the trend (within the dashboard's range).
    pub fn month_href(&self, metric: Metric, month: Month, count: i64) -> Option<String> {
        let first = month.first_day()?.max(self.from);
        let last = month.last_day()?.min(self.to);
        (count > 0 && first <= last)
            .then(|| self.metric_href(metric, (first, last), None, (Dim::All, "")))
    }

    /// The dashboard this drill-down came from.
    pub fn dashboard_href(&self, by: Dim) -> String {
        let mut href = format!("/staff/figures?from={}&to={}", self.from, self.to);
        if let Some(community) = &self.community {
            href.push_str(&format!(
                "&community={}",
                accord_shared::wire::encode_component(community)
            ));
        }
        if by != Dim::All {
            href.push_str(&format!("&by={}", by.code()));
        }
        href
    }
}
