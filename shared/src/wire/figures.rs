//! The figures on the wire: what a dashboard asks (`FiguresParams`, parsed from a query
//! string), what the staff dashboard and the public page receive, and which periods and months
//! a request reads.

use crate::stats::{
    period_keys, public_table, trend, Dim, FigureRow, FigureTable, Month, MonthRow, PeriodKey,
    PublicCell, PublicTable, Tally, MIN_PUBLIC_CELL,
};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The longest range a dashboard may ask for, in days (ten years).
pub const MAX_FIGURES_RANGE_DAYS: i64 = 3660;
/// The most months a trend shows.
pub const MAX_TREND_MONTHS_SHOWN: u32 = 36;

/// A dashboard's question: which communities (`None`: every one the reader may see), which
/// days, broken down by what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiguresParams {
    pub community: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub by: Dim,
}

/// A query parameter that does not parse: its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadParameter(pub &'static str);

impl FiguresParams {
    /// Reads `community`, `from`, `to` (`YYYY-MM-DD`, both included) and `by` (a dimension
    /// code). Without dates: this year up to `today`. Unknown parameters are ignored.
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        today: NaiveDate,
    ) -> Result<FiguresParams, BadParameter> {
        let mut params = FiguresParams {
            community: None,
            from: NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today),
            to: today,
            by: Dim::Category,
        };
        let date = |raw: &str, name| {
            NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| BadParameter(name))
        };
        for (name, value) in pairs {
            match name {
                "community" if !value.trim().is_empty() => {
                    params.community = Some(value.trim().to_owned())
                }
                "from" if !value.is_empty() => params.from = date(value, "from")?,
                "to" if !value.is_empty() => params.to = date(value, "to")?,
                "by" if !value.is_empty() => {
                    params.by = Dim::parse(value.trim()).ok_or(BadParameter("by"))?
                }
                _ => {}
            }
        }
        if params.to < params.from {
            return Err(BadParameter("to"));
        }
        if (params.to - params.from).num_days() > MAX_FIGURES_RANGE_DAYS {
            return Err(BadParameter("from"));
        }
        Ok(params)
    }

    /// The period keys of the range, fewest first (whole years, months, then days).
    pub fn range_keys(&self) -> Vec<PeriodKey> {
        period_keys(self.from, self.to)
    }

    /// The months the trend shows: the twelve ending with `to`'s month, or from `from`'s
    /// month when the range is longer, at most [`MAX_TREND_MONTHS_SHOWN`].
    pub fn trend_months(&self) -> (Month, Month) {
        let last = Month::of(self.to);
        let twelve_back = months_before(last, 11);
        let from = Month::of(self.from);
        let first = if from < twelve_back {
            from
        } else {
            twelve_back
        };
        let cap = months_before(last, MAX_TREND_MONTHS_SHOWN - 1);
        (if first < cap { cap } else { first }, last)
    }

    /// The month keys of the trend.
    pub fn trend_keys(&self) -> Vec<PeriodKey> {
        let (first, last) = self.trend_months();
        Month::range(first, last).map(PeriodKey::Month).collect()
    }

    /// The key a community files its range's sums under (see [`CommunityFigures`]).
    pub fn range_marker(&self) -> PeriodKey {
        PeriodKey::Day(self.from)
    }
}

/// What one community sends a dashboard, already summed so that its size depends on the
/// directory (categories, grids, days of a duration) and not on the number of cases: `range`
/// holds the cells of the whole range added up under [`FiguresParams::range_marker`], plus
/// the "now" cells; `trend` the cells of the trend's months for the total only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityFigures {
    pub range: Tally,
    pub trend: Tally,
}

/// The periods a dashboard offers besides a custom range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodPreset {
    ThisMonth,
    ThisQuarter,
    ThisYear,
    LastYear,
    /// The 24 whole months before this one, and this one so far.
    TwoYears,
}

impl PeriodPreset {
    pub const ALL: [PeriodPreset; 5] = [
        PeriodPreset::ThisMonth,
        PeriodPreset::ThisQuarter,
        PeriodPreset::ThisYear,
        PeriodPreset::LastYear,
        PeriodPreset::TwoYears,
    ];

    /// The first and last day of the period, as of `today` (periods of the present end today).
    pub fn range(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let month = Month::of(today);
        let first_of = |m: Month| m.first_day().unwrap_or(today);
        match self {
            PeriodPreset::ThisMonth => (first_of(month), today),
            PeriodPreset::ThisQuarter => {
                let back = (month.month() - 1) % 3;
                (first_of(months_before(month, back)), today)
            }
            PeriodPreset::ThisYear => (first_of(months_before(month, month.month() - 1)), today),
            PeriodPreset::LastYear => {
                let year = today.year() - 1;
                (
                    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today),
                    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today),
                )
            }
            PeriodPreset::TwoYears => (first_of(months_before(month, 24)), today),
        }
    }
}

/// The first and last day of a month (`YYYY-MM`), for the monthly report.
pub fn month_range(month: Month) -> Option<(NaiveDate, NaiveDate)> {
    Some((month.first_day()?, month.last_day()?))
}

fn months_before(month: Month, back: u32) -> Month {
    let index = month.year() * 12 + month.month() as i32 - 1 - back as i32;
    Month::new(index.div_euclid(12), index.rem_euclid(12) as u32 + 1).unwrap_or(month)
}

/// The staff dashboard: the table by the chosen dimension, one total row per community when
/// several are counted, and the trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiguresView {
    /// The community asked for, or `None` for every community the reader may see.
    pub community: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub table: FigureTable,
    /// Each community's total row (`value` is its id), when more than one is counted.
    pub by_community: Vec<FigureRow>,
    pub trend: Vec<MonthRow>,
    /// The communities counted.
    pub communities: Vec<String>,
    /// Whether the reader may open the cases behind a number (`GET /api/staff/figures/cases`):
    /// only those who may list the communities' cases.
    #[serde(default)]
    pub may_list_cases: bool,
}

/// The communities' answers added up: the range and the trend.
fn merged(answers: &[&CommunityFigures]) -> CommunityFigures {
    let mut all = CommunityFigures::default();
    for answer in answers {
        all.range.merge(&answer.range);
        all.trend.merge(&answer.trend);
    }
    all
}

/// The dashboard from the communities' answers (`(community id, answer)`).
pub fn figures_view(params: &FiguresParams, answers: &[(String, CommunityFigures)]) -> FiguresView {
    let keys = [params.range_marker()];
    let all = merged(&answers.iter().map(|(_, a)| a).collect::<Vec<_>>());
    let by_community = if answers.len() > 1 {
        answers
            .iter()
            .map(|(id, answer)| {
                let mut row = crate::stats::figures(&answer.range, &keys, Dim::All).total;
                row.value = id.clone();
                row
            })
            .collect()
    } else {
        Vec::new()
    };
    let (first, last) = params.trend_months();
    FiguresView {
        community: params.community.clone(),
        from: params.from,
        to: params.to,
        table: crate::stats::figures(&all.range, &keys, params.by),
        by_community,
        trend: trend(&all.trend, first, last),
        communities: answers.iter().map(|(id, _)| id.clone()).collect(),
        may_list_cases: false,
    }
}

/// One month of the public trend: counts under [`MIN_PUBLIC_CELL`] are not shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicMonth {
    pub month: Month,
    pub filed: PublicCell,
    pub resolved: PublicCell,
}

/// The public figures page: anonymised totals by category, kind and channel, and the trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicFiguresView {
    /// The street's id.
    pub street: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub by_category: PublicTable,
    pub by_kind: PublicTable,
    pub by_channel: PublicTable,
    pub trend: Vec<PublicMonth>,
}

fn public_count(n: i64) -> PublicCell {
    if n < MIN_PUBLIC_CELL {
        PublicCell::Suppressed
    } else {
        PublicCell::Shown(n)
    }
}

/// The public figures of a street from its communities' answers (read with every dimension
/// the public may see).
pub fn public_figures_view(
    street: &str,
    params: &FiguresParams,
    answers: &[CommunityFigures],
) -> PublicFiguresView {
    let all = merged(&answers.iter().collect::<Vec<_>>());
    let keys = [params.range_marker()];
    let table = |dim| public_table(&crate::stats::figures(&all.range, &keys, dim));
    let (first, last) = params.trend_months();
    PublicFiguresView {
        street: street.to_owned(),
        from: params.from,
        to: params.to,
        by_category: table(Dim::Category),
        by_kind: table(Dim::Kind),
        by_channel: table(Dim::Channel),
        trend: trend(&all.trend, first, last)
            .into_iter()
            .map(|m| PublicMonth {
                month: m.month,
                filed: public_count(m.filed),
                resolved: public_count(m.resolved),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn without_dates_the_dashboard_reads_this_year_to_today() {
        let p = FiguresParams::parse([], day(2026, 12, 2)).unwrap();
        assert_eq!(
            (p.from, p.to, p.by),
            (day(2026, 1, 1), day(2026, 12, 2), Dim::Category)
        );
    }

    #[test]
    fn a_bad_parameter_is_named() {
        let today = day(2026, 12, 2);
        assert_eq!(
            FiguresParams::parse([("from", "2026-13-01")], today),
            Err(BadParameter("from"))
        );
        assert_eq!(
            FiguresParams::parse([("by", "street")], today),
            Err(BadParameter("by"))
        );
        assert_eq!(
            FiguresParams::parse([("from", "2026-05-02"), ("to", "2026-05-01")], today),
            Err(BadParameter("to"))
        );
        assert_eq!(
            FiguresParams::parse([("from", "2000-01-01")], today),
            Err(BadParameter("from"))
        );
    }

    #[test]
    fn the_trend_shows_twelve_months_or_the_whole_range_up_to_three_years() {
        let today = day(2026, 12, 2);
        let month = |y, m| Month::new(y, m).unwrap();
        let p = FiguresParams::parse([("from", "2026-11-01")], today).unwrap();
        assert_eq!(p.trend_months(), (month(2026, 1), month(2026, 12)));
        let p =
            FiguresParams::parse([("from", "2024-12-01"), ("to", "2026-11-30")], today).unwrap();
        assert_eq!(p.trend_months(), (month(2024, 12), month(2026, 11)));
        let p = FiguresParams::parse([("from", "2020-01-01")], today).unwrap();
        assert_eq!(p.trend_months(), (month(2024, 1), month(2026, 12)));
    }

    #[test]
    fn presets_cover_the_calendar_periods_up_to_today() {
        let today = day(2026, 11, 15);
        assert_eq!(
            PeriodPreset::ThisMonth.range(today),
            (day(2026, 11, 1), today)
        );
        assert_eq!(
            PeriodPreset::ThisQuarter.range(today),
            (day(2026, 10, 1), today)
        );
        assert_eq!(
            PeriodPreset::ThisYear.range(today),
            (day(2026, 1, 1), today)
        );
        assert_eq!(
            PeriodPreset::LastYear.range(today),
            (day(2025, 1, 1), day(2025, 12, 31))
        );
        assert_eq!(
            PeriodPreset::TwoYears.range(today),
            (day(2024, 11, 1), today)
        );
        assert_eq!(
            PeriodPreset::ThisQuarter.range(day(2026, 3, 31)),
            (day(2026, 1, 1), day(2026, 3, 31))
        );
    }

    #[test]
    fn a_year_is_read_as_one_key_and_its_trend_as_twelve_months() {
        let p = FiguresParams::parse(
            [("from", "2026-01-01"), ("to", "2026-12-31")],
            day(2027, 1, 5),
        )
        .unwrap();
        assert_eq!(p.range_keys(), vec![PeriodKey::Year(2026)]);
        assert_eq!(p.trend_keys().len(), 12);
    }

    #[test]
    fn a_range_summed_under_its_marker_gives_the_figures_of_its_days() {
        use crate::stats::{cell_delta, Metric};
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-02T09:30:00+08:00")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let case = crate::testing::Story::file("dispute", "neighbours", 1, at).case;
        let mut tally = Tally::default();
        tally.apply(&cell_delta(None, Some(&case)));
        let p = FiguresParams::parse([], crate::time::local_date(at)).unwrap();
        // What a community sends: the range's cells re-keyed under the marker.
        let mut range = Tally::default();
        for (key, n) in tally.iter() {
            if p.range_keys().contains(&key.period) || key.period == PeriodKey::Now {
                let mut key = key.clone();
                if key.period != PeriodKey::Now {
                    key.period = p.range_marker();
                }
                range.add(key, n);
            }
        }
        let answer = CommunityFigures {
            range,
            trend: Tally::default(),
        };
        let view = figures_view(&p, &[("zh01".into(), answer)]);
        assert_eq!(view.table.total.counts.filed, 1);
        assert_eq!(view.table.total.counts.open_now, 1);
        assert_eq!(tally.sum(Metric::Filed, &p.range_keys(), Dim::All, ""), 1);
    }
}
