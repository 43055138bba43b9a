//! The published figures, read from a tally: one table row per dimension value with every
//! headline figure, the month-by-month trend, and the list of figures with their exact
//! definitions (which the definitions page words in both languages).

use crate::stats::cells::{Dim, Metric, Month, PeriodKey, Tally};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every figure the product publishes, with a stable code. Each definition below is the one
/// shown (in English) on the definitions page; the screens word it in both languages. A
/// figure "in the period" counts cases whose defining event fell on a day of the period, in
/// Asia/Shanghai; cases are counted as they stand now (a later recategorisation moves a
/// case to its new category in every period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// Cases filed in the period, dated by the day the matter was first filed. A case moved
    /// in from another street counts here, on its first filing day; a duplicate merged into
    /// another case and a case moved out to another street do not (the case that carries the
    /// matter on counts it), so no matter is filed twice.
    Filed,
    /// Cases accepted at triage in the period.
    Accepted,
    /// Cases rejected at triage in the period (with a reason and where to go instead).
    Rejected,
    /// Cases concluded in the period: resolved, withdrawn or failed, each case once, by its
    /// last conclusion if it was reopened. Merged and moved cases are not concluded here.
    Concluded,
    /// Cases resolved in the period by an agreement or by fixing the problem, disputes and
    /// hazards alike (not withdrawals).
    Resolved,
    /// Cases whose handling failed in the period (mediation failed), whether referred on
    /// afterwards or not; a referral after a failure is the same one failure.
    MediationFailed,
    /// Failed cases referred to the court in the period (dated by the referral).
    ReferredCourt,
    /// Failed cases referred to arbitration in the period (dated by the referral).
    ReferredArbitration,
    /// Failed cases referred to a department in the period (dated by the referral).
    ReferredDepartment,
    /// Failed cases referred to the judge workstation for judicial confirmation in the period
    /// (dated by the referral).
    ReferredJudge,
    /// Cases withdrawn by the resident in the period: concluded, neither success nor failure.
    Withdrawn,
    /// Duplicate reports merged into another case in the period (each counted once, here
    /// only).
    Merged,
    /// Cases moved to a community of another street in the period (filed and concluded
    /// there, not here).
    Moved,
    /// Success rate: disputes resolved ÷ (disputes resolved + disputes whose mediation
    /// failed), both concluded in the period. Hazards, withdrawals, merged and moved cases
    /// are left out. Shown to two decimals of a per cent, rounded half up.
    SuccessRate,
    /// The median of the whole days (24-hour periods) from filing to conclusion, over cases
    /// concluded in the period: the nearest-rank median, the ⌈n/2⌉-th smallest of n.
    MedianDaysToConclusion,
    /// The 90th percentile of days from filing to conclusion (nearest rank: the ⌈0.9·n⌉-th
    /// smallest of n), over cases concluded in the period.
    P90DaysToConclusion,
    /// The nearest-rank median of whole days from filing (or arrival from another street)
    /// to acceptance, over cases accepted in the period.
    MedianDaysTriage,
    /// The nearest-rank 90th percentile of days from filing (or arrival) to acceptance.
    P90DaysTriage,
    /// The nearest-rank median of whole days from acceptance to the last conclusion, over
    /// cases concluded in the period.
    MedianDaysHandling,
    /// The nearest-rank 90th percentile of days from acceptance to the last conclusion.
    P90DaysHandling,
    /// The nearest-rank median of whole days from the last conclusion to closing, over cases
    /// closed in the period.
    MedianDaysFollowUp,
    /// The nearest-rank 90th percentile of days from the last conclusion to closing.
    P90DaysFollowUp,
    /// Cases escalated beyond their community (to the street or the district) for the first
    /// time in the period.
    Escalated,
    /// Cases overdue for the first time in the period: a stage deadline passed and the
    /// scheduled run escalated them.
    OverdueEver,
    /// Open cases overdue now: escalated in their current stage and not yet moved on (as of
    /// the last scheduled run, at most 15 minutes ago).
    OverdueNow,
    /// Cases somebody still has to act on now (not closed or rejected).
    OpenNow,
    /// Long-standing disputes (积案) filed in the period: the conflict began more than two
    /// years before the filing.
    LongStandingFiled,
    /// Long-standing disputes resolved in the period.
    LongStandingResolved,
    /// Cases reopened for the first time in the period (a case reopened twice counts once).
    Reopened,
    /// Cases whose feedback was asked for in the period: follow-up began after their last
    /// conclusion (or the resident rated them before it began).
    FeedbackAsked,
    /// Cases whose resident rated them in the period (the last rating after the last
    /// conclusion).
    FeedbackGiven,
    /// Response rate: feedback given ÷ feedback asked, both in the period.
    ResponseRate,
    /// The mean satisfaction (1 very unhappy … 5 very happy) of the ratings given in the
    /// period, to two decimals.
    SatisfactionMean,
    /// How many ratings of each score (1 to 5) were given in the period.
    SatisfactionDistribution,
    /// Cases filed in the period by their current risk level (low, medium, high, critical).
    RiskDistribution,
}

impl Figure {
    pub const ALL: [Figure; 35] = [
        Figure::Filed,
        Figure::Accepted,
        Figure::Rejected,
        Figure::Concluded,
        Figure::Resolved,
        Figure::MediationFailed,
        Figure::ReferredCourt,
        Figure::ReferredArbitration,
        Figure::ReferredDepartment,
        Figure::ReferredJudge,
        Figure::Withdrawn,
        Figure::Merged,
        Figure::Moved,
        Figure::SuccessRate,
        Figure::MedianDaysToConclusion,
        Figure::P90DaysToConclusion,
        Figure::MedianDaysTriage,
        Figure::P90DaysTriage,
        Figure::MedianDaysHandling,
        Figure::P90DaysHandling,
        Figure::MedianDaysFollowUp,
        Figure::P90DaysFollowUp,
        Figure::Escalated,
        Figure::OverdueEver,
        Figure::OverdueNow,
        Figure::OpenNow,
        Figure::LongStandingFiled,
        Figure::LongStandingResolved,
        Figure::Reopened,
        Figure::FeedbackAsked,
        Figure::FeedbackGiven,
        Figure::ResponseRate,
        Figure::SatisfactionMean,
        Figure::SatisfactionDistribution,
        Figure::RiskDistribution,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Figure::Filed => "filed",
            Figure::Accepted => "accepted",
            Figure::Rejected => "rejected",
            Figure::Concluded => "concluded",
            Figure::Resolved => "resolved",
            Figure::MediationFailed => "mediation_failed",
            Figure::ReferredCourt => "referred_court",
            Figure::ReferredArbitration => "referred_arbitration",
            Figure::ReferredDepartment => "referred_department",
            Figure::ReferredJudge => "referred_judge",
            Figure::Withdrawn => "withdrawn",
            Figure::Merged => "merged",
            Figure::Moved => "moved",
            Figure::SuccessRate => "success_rate",
            Figure::MedianDaysToConclusion => "median_days_to_conclusion",
            Figure::P90DaysToConclusion => "p90_days_to_conclusion",
            Figure::MedianDaysTriage => "median_days_triage",
            Figure::P90DaysTriage => "p90_days_triage",
            Figure::MedianDaysHandling => "median_days_handling",
            Figure::P90DaysHandling => "p90_days_handling",
            Figure::MedianDaysFollowUp => "median_days_follow_up",
            Figure::P90DaysFollowUp => "p90_days_follow_up",
            Figure::Escalated => "escalated",
            Figure::OverdueEver => "overdue_ever",
            Figure::OverdueNow => "overdue_now",
            Figure::OpenNow => "open_now",
            Figure::LongStandingFiled => "long_standing_filed",
            Figure::LongStandingResolved => "long_standing_resolved",
            Figure::Reopened => "reopened",
            Figure::FeedbackAsked => "feedback_asked",
            Figure::FeedbackGiven => "feedback_given",
            Figure::ResponseRate => "response_rate",
            Figure::SatisfactionMean => "satisfaction_mean",
            Figure::SatisfactionDistribution => "satisfaction_distribution",
            Figure::RiskDistribution => "risk_distribution",
        }
    }

    pub fn parse(code: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The metric a count figure sums, if it is a plain count.
    pub fn counted_metric(self) -> Option<Metric> {
        Some(match self {
            Figure::Filed => Metric::Filed,
            Figure::Accepted => Metric::Accepted,
            Figure::Rejected => Metric::Rejected,
            Figure::Concluded => Metric::Concluded,
            Figure::Resolved => Metric::Resolved,
            Figure::MediationFailed => Metric::MediationFailed,
            Figure::ReferredCourt => Metric::ReferredCourt,
            Figure::ReferredArbitration => Metric::ReferredArbitration,
            Figure::ReferredDepartment => Metric::ReferredDepartment,
            Figure::ReferredJudge => Metric::ReferredJudge,
            Figure::Withdrawn => Metric::Withdrawn,
            Figure::Merged => Metric::Merged,
            Figure::Moved => Metric::Moved,
            Figure::Escalated => Metric::Escalated,
            Figure::OverdueEver => Metric::OverdueEver,
            Figure::OverdueNow => Metric::OverdueNow,
            Figure::OpenNow => Metric::OpenNow,
            Figure::LongStandingFiled => Metric::LongStandingFiled,
            Figure::LongStandingResolved => Metric::LongStandingResolved,
            Figure::Reopened => Metric::Reopened,
            Figure::FeedbackAsked => Metric::FeedbackAsked,
            Figure::FeedbackGiven => Metric::Satisfaction,
            _ => return None,
        })
    }
}

/// An exact ratio, kept as its two counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rate {
    pub numerator: i64,
    pub denominator: i64,
}

impl Rate {
    pub fn new(numerator: i64, denominator: i64) -> Rate {
        Rate {
            numerator,
            denominator,
        }
    }

    /// `numerator × scale ÷ denominator`, rounded half up (`None` for an empty or negative
    /// denominator).
    fn scaled(self, scale: i128) -> Option<i128> {
        if self.denominator <= 0 || self.numerator < 0 {
            return None;
        }
        let (n, d) = (i128::from(self.numerator), i128::from(self.denominator));
        Some((2 * n * scale + d) / (2 * d))
    }

    /// Per mille, rounded half up: 3,752 ÷ 3,779 is 993.
    pub fn per_mille(self) -> Option<i64> {
        self.scaled(1000).and_then(|v| i64::try_from(v).ok())
    }

    /// As a percentage with two decimals, rounded half up: 3,752 ÷ 3,779 is "99.29".
    pub fn percent(self) -> Option<String> {
        self.scaled(10_000).map(two_decimals)
    }

    /// The ratio itself with two decimals, rounded half up (a mean score: "4.33").
    pub fn decimal(self) -> Option<String> {
        self.scaled(100).map(two_decimals)
    }
}

fn two_decimals(hundredths: i128) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// The nearest-rank percentile of a histogram (bucket → count): the smallest bucket whose
/// cumulative count reaches ⌈p·n/100⌉ of the n counted (at least the first). Counts below
/// one are ignored; `None` when nothing is counted.
pub fn nearest_rank(histogram: &BTreeMap<u16, i64>, percent: u32) -> Option<u16> {
    let n: i128 = histogram.values().map(|c| i128::from((*c).max(0))).sum();
    if n == 0 {
        return None;
    }
    let rank = ((i128::from(percent) * n + 99) / 100).max(1);
    let mut seen = 0i128;
    for (bucket, count) in histogram {
        seen += i128::from((*count).max(0));
        if seen >= rank {
            return Some(*bucket);
        }
    }
    histogram.keys().next_back().copied()
}

/// A duration figure: how many were measured, their median and 90th percentile in days.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Days {
    pub count: i64,
    pub median: Option<u16>,
    pub p90: Option<u16>,
}

impl Days {
    fn of(histogram: &BTreeMap<u16, i64>) -> Days {
        Days {
            count: histogram.values().sum(),
            median: nearest_rank(histogram, 50),
            p90: nearest_rank(histogram, 90),
        }
    }
}

/// The counts of one row.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub filed: i64,
    pub accepted: i64,
    pub rejected: i64,
    pub concluded: i64,
    pub resolved: i64,
    pub mediation_failed: i64,
    pub referred_court: i64,
    pub referred_arbitration: i64,
    pub referred_department: i64,
    pub referred_judge: i64,
    pub withdrawn: i64,
    pub merged: i64,
    pub moved: i64,
    pub escalated: i64,
    pub overdue_ever: i64,
    pub overdue_now: i64,
    pub open_now: i64,
    pub long_standing_filed: i64,
    pub long_standing_resolved: i64,
    pub reopened: i64,
    pub feedback_asked: i64,
    pub feedback_given: i64,
}

/// One row of a figure table: a dimension value (or the total), with every headline figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureRow {
    pub dim: Dim,
    /// The dimension value; "" on the total row.
    pub value: String,
    pub counts: Counts,
    /// Disputes resolved ÷ disputes resolved or failed.
    pub success_rate: Rate,
    /// Feedback given ÷ feedback asked.
    pub response_rate: Rate,
    /// Sum of scores ÷ ratings.
    pub satisfaction_mean: Rate,
    /// Ratings of 1, 2, 3, 4 and 5.
    pub satisfaction: [i64; 5],
    /// Cases filed at low, medium, high and critical risk.
    pub risk: [i64; 4],
    /// Durations are kept for the total and by kind only; elsewhere `None`.
    pub days_to_conclusion: Option<Days>,
    pub days_triage: Option<Days>,
    pub days_handling: Option<Days>,
    pub days_follow_up: Option<Days>,
}

impl FigureRow {
    /// The value of a count figure on this row (`None` for figures that are not counts).
    pub fn count(&self, figure: Figure) -> Option<i64> {
        let c = &self.counts;
        Some(match figure {
            Figure::Filed => c.filed,
            Figure::Accepted => c.accepted,
            Figure::Rejected => c.rejected,
            Figure::Concluded => c.concluded,
            Figure::Resolved => c.resolved,
            Figure::MediationFailed => c.mediation_failed,
            Figure::ReferredCourt => c.referred_court,
            Figure::ReferredArbitration => c.referred_arbitration,
            Figure::ReferredDepartment => c.referred_department,
            Figure::ReferredJudge => c.referred_judge,
            Figure::Withdrawn => c.withdrawn,
            Figure::Merged => c.merged,
            Figure::Moved => c.moved,
            Figure::Escalated => c.escalated,
            Figure::OverdueEver => c.overdue_ever,
            Figure::OverdueNow => c.overdue_now,
            Figure::OpenNow => c.open_now,
            Figure::LongStandingFiled => c.long_standing_filed,
            Figure::LongStandingResolved => c.long_standing_resolved,
            Figure::Reopened => c.reopened,
            Figure::FeedbackAsked => c.feedback_asked,
            Figure::FeedbackGiven => c.feedback_given,
            _ => return None,
        })
    }

    /// A figure as a spreadsheet shows it: counts as numbers, rates as percentages with two
    /// decimals, days as whole numbers, distributions as `a/b/c…`; "" where it is not kept
    /// or has nothing to measure.
    pub fn shown(&self, figure: Figure) -> String {
        if let Some(n) = self.count(figure) {
            return n.to_string();
        }
        let days = |d: &Option<Days>, median: bool| {
            d.as_ref()
                .and_then(|d| if median { d.median } else { d.p90 })
                .map(|v| v.to_string())
                .unwrap_or_default()
        };
        let joined = |values: &[i64]| {
            values
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("/")
        };
        match figure {
            Figure::SuccessRate => self.success_rate.percent().unwrap_or_default(),
            Figure::ResponseRate => self.response_rate.percent().unwrap_or_default(),
            Figure::SatisfactionMean => self.satisfaction_mean.decimal().unwrap_or_default(),
            Figure::SatisfactionDistribution => joined(&self.satisfaction),
            Figure::RiskDistribution => joined(&self.risk),
            Figure::MedianDaysToConclusion => days(&self.days_to_conclusion, true),
            Figure::P90DaysToConclusion => days(&self.days_to_conclusion, false),
            Figure::MedianDaysTriage => days(&self.days_triage, true),
            Figure::P90DaysTriage => days(&self.days_triage, false),
            Figure::MedianDaysHandling => days(&self.days_handling, true),
            Figure::P90DaysHandling => days(&self.days_handling, false),
            Figure::MedianDaysFollowUp => days(&self.days_follow_up, true),
            Figure::P90DaysFollowUp => days(&self.days_follow_up, false),
            _ => String::new(),
        }
    }
}

/// The figures over some periods, by one dimension: the total row and one row per value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureTable {
    pub dim: Dim,
    pub periods: Vec<PeriodKey>,
    pub total: FigureRow,
    /// One row per dimension value that has any counter in the periods, in value order
    /// (empty for [`Dim::All`]).
    pub rows: Vec<FigureRow>,
}

impl FigureTable {
    /// The table for a spreadsheet: a header of figure codes (after the dimension and value)
    /// and one line per row, the total first.
    pub fn to_lines(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let mut header = vec!["dimension", "value"];
        header.extend(Figure::ALL.iter().map(|f| f.code()));
        let lines = std::iter::once(&self.total)
            .chain(&self.rows)
            .map(|row| {
                let mut line = vec![row.dim.code().to_owned(), row.value.clone()];
                line.extend(Figure::ALL.iter().map(|f| row.shown(*f)));
                line
            })
            .collect();
        (header, lines)
    }
}

/// The counters read for one row.
#[derive(Default)]
struct Gathered {
    counts: BTreeMap<Metric, i64>,
    buckets: BTreeMap<Metric, BTreeMap<u16, i64>>,
}

impl Gathered {
    fn add(&mut self, metric: Metric, bucket: u16, count: i64) {
        *self.counts.entry(metric).or_default() += count;
        *self
            .buckets
            .entry(metric)
            .or_default()
            .entry(bucket)
            .or_default() += count;
    }

    fn count(&self, metric: Metric) -> i64 {
        self.counts.get(&metric).copied().unwrap_or(0)
    }

    fn bucket(&self, metric: Metric, bucket: u16) -> i64 {
        self.buckets
            .get(&metric)
            .and_then(|b| b.get(&bucket))
            .copied()
            .unwrap_or(0)
    }

    fn days(&self, metric: Metric, kept: bool) -> Option<Days> {
        kept.then(|| Days::of(self.buckets.get(&metric).unwrap_or(&BTreeMap::new())))
    }

    fn row(&self, dim: Dim, value: String) -> FigureRow {
        let c = |m| self.count(m);
        let satisfaction = [1, 2, 3, 4, 5].map(|s| self.bucket(Metric::Satisfaction, s));
        let score_sum: i64 = satisfaction
            .iter()
            .zip(1i64..)
            .map(|(n, score)| n * score)
            .sum();
        let resolved = c(Metric::DisputeResolved);
        let kept = dim.keeps_durations();
        FigureRow {
            dim,
            value,
            counts: Counts {
                filed: c(Metric::Filed),
                accepted: c(Metric::Accepted),
                rejected: c(Metric::Rejected),
                concluded: c(Metric::Concluded),
                resolved: c(Metric::Resolved),
                mediation_failed: c(Metric::MediationFailed),
                referred_court: c(Metric::ReferredCourt),
                referred_arbitration: c(Metric::ReferredArbitration),
                referred_department: c(Metric::ReferredDepartment),
                referred_judge: c(Metric::ReferredJudge),
                withdrawn: c(Metric::Withdrawn),
                merged: c(Metric::Merged),
                moved: c(Metric::Moved),
                escalated: c(Metric::Escalated),
                overdue_ever: c(Metric::OverdueEver),
                overdue_now: c(Metric::OverdueNow),
                open_now: c(Metric::OpenNow),
                long_standing_filed: c(Metric::LongStandingFiled),
                long_standing_resolved: c(Metric::LongStandingResolved),
                reopened: c(Metric::Reopened),
                feedback_asked: c(Metric::FeedbackAsked),
                feedback_given: c(Metric::Satisfaction),
            },
            success_rate: Rate::new(resolved, resolved + c(Metric::DisputeFailed)),
            response_rate: Rate::new(c(Metric::Satisfaction), c(Metric::FeedbackAsked)),
            satisfaction_mean: Rate::new(score_sum, satisfaction.iter().sum()),
            satisfaction,
            risk: [1, 2, 3, 4].map(|r| self.bucket(Metric::Risk, r)),
            days_to_conclusion: self.days(Metric::DaysToConclusion, kept),
            days_triage: self.days(Metric::DaysTriage, kept),
            days_handling: self.days(Metric::DaysHandling, kept),
            days_follow_up: self.days(Metric::DaysFollowUp, kept),
        }
    }
}

/// The figures of `tally` over `keys` (disjoint periods, as [`period_keys`] gives them; a
/// key given twice is read once), broken down by `dim`. The "now" figures read
/// [`PeriodKey::Now`] whatever the keys. Reads only the counters of those periods.
///
/// [`period_keys`]: crate::stats::period_keys
pub fn figures(tally: &Tally, keys: &[PeriodKey], dim: Dim) -> FigureTable {
    let mut periods: Vec<PeriodKey> = keys
        .iter()
        .copied()
        .filter(|k| *k != PeriodKey::Now)
        .collect();
    periods.sort();
    periods.dedup();
    let mut total = Gathered::default();
    let mut rows: BTreeMap<String, Gathered> = BTreeMap::new();
    for metric in Metric::ALL {
        let read: &[PeriodKey] = if metric.is_now() {
            &[PeriodKey::Now]
        } else {
            &periods
        };
        for period in read {
            for (_, bucket, n) in tally.slice(metric, *period, Dim::All) {
                total.add(metric, bucket, n);
            }
            if dim == Dim::All {
                continue;
            }
            for (value, bucket, n) in tally.slice(metric, *period, dim) {
                rows.entry(value.to_owned())
                    .or_default()
                    .add(metric, bucket, n);
            }
        }
    }
    FigureTable {
        dim,
        periods,
        total: total.row(Dim::All, String::new()),
        rows: rows
            .into_iter()
            .map(|(value, gathered)| gathered.row(dim, value))
            .collect(),
    }
}

/// One month of the trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRow {
    pub month: Month,
    pub filed: i64,
    pub concluded: i64,
    /// Resolved, disputes and hazards.
    pub resolved: i64,
    /// Failed, disputes and hazards.
    pub mediation_failed: i64,
    /// Over disputes only, as [`Figure::SuccessRate`].
    pub success_rate: Rate,
}

/// The longest trend read at once: fifty years of months.
pub const MAX_TREND_MONTHS: usize = 600;

/// The month-by-month trend from `from` to `to` (both included; at most
/// [`MAX_TREND_MONTHS`]), from the month counters of the total.
pub fn trend(tally: &Tally, from: Month, to: Month) -> Vec<MonthRow> {
    Month::range(from, to)
        .take(MAX_TREND_MONTHS)
        .map(|month| {
            let key = [PeriodKey::Month(month)];
            let sum = |metric| tally.sum(metric, &key, Dim::All, "");
            let resolved = sum(Metric::DisputeResolved);
            MonthRow {
                month,
                filed: sum(Metric::Filed),
                concluded: sum(Metric::Concluded),
                resolved: sum(Metric::Resolved),
                mediation_failed: sum(Metric::MediationFailed),
                success_rate: Rate::new(resolved, resolved + sum(Metric::DisputeFailed)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Actor;
    use crate::lifecycle::{Command, CommandKind as C};
    use crate::stats::cells::{period_keys, Cell};
    use crate::testing::Story;
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).unwrap()
    }

    fn histogram(pairs: &[(u16, i64)]) -> BTreeMap<u16, i64> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn the_reference_streets_3752_of_3779_prints_as_99_29() {
        let rate = Rate::new(3752, 3779);
        assert_eq!(rate.percent().as_deref(), Some("99.29"));
        assert_eq!(rate.per_mille(), Some(993));
        assert_eq!(Rate::new(1, 3).percent().as_deref(), Some("33.33"));
        assert_eq!(Rate::new(2, 3).percent().as_deref(), Some("66.67"));
        assert_eq!(Rate::new(1, 8).percent().as_deref(), Some("12.50"));
        assert_eq!(Rate::new(1, 1).percent().as_deref(), Some("100.00"));
        assert_eq!(Rate::new(0, 0).percent(), None);
        assert_eq!(Rate::new(13, 3).decimal().as_deref(), Some("4.33"));
    }

    #[test]
    fn median_and_p90_are_nearest_rank_on_the_histogram() {
        // 1, 2, 2, 3, 10: median the 3rd (2), p90 the 5th (10).
        let h = histogram(&[(1, 1), (2, 2), (3, 1), (10, 1)]);
        assert_eq!(nearest_rank(&h, 50), Some(2));
        assert_eq!(nearest_rank(&h, 90), Some(10));
        // Ten values 0..9: median the 5th (4), p90 the 9th (8).
        let h: BTreeMap<u16, i64> = (0..10).map(|d| (d, 1)).collect();
        assert_eq!(nearest_rank(&h, 50), Some(4));
        assert_eq!(nearest_rank(&h, 90), Some(8));
        // Four values 5, 5, 7, 9: the median is the lower middle one (5).
        let h = histogram(&[(5, 2), (7, 1), (9, 1)]);
        assert_eq!(nearest_rank(&h, 50), Some(5));
        assert_eq!(nearest_rank(&h, 90), Some(9));
        assert_eq!(nearest_rank(&histogram(&[(3, 1)]), 90), Some(3));
        assert_eq!(nearest_rank(&BTreeMap::new(), 50), None);
        assert_eq!(nearest_rank(&histogram(&[(3, 0)]), 50), None);
    }

    /// A month of hand-made cases: three resolved disputes (2, 4 and 30 days), one failed and
    /// referred, one withdrawn, one hazard referred to a department, one open.
    fn month_of_cases() -> Vec<crate::case::Case> {
        let handled = |seq: u32| {
            Story::file("dispute", "neighbours", seq, t0()).path(&[
                C::Accept,
                C::SetHandlers,
                C::Start,
            ])
        };
        let resolved = |seq: u32, days: i64| {
            handled(seq)
                .days(days)
                .then(C::Resolve)
                .then(C::BeginFollowUp)
                .then(C::GiveFeedback)
                .days(1)
                .then(C::Close)
        };
        let coordinator = crate::testing::sample_actor(C::Resolve);
        let withdrawn = handled(5).days(1).give(
            Command::Resolve {
                outcome: crate::case::Outcome::Withdrawn,
                note: None,
            },
            coordinator.clone(),
        );
        let hazard = Story::file("hazard", "fire_escape", 6, t0())
            .path(&[C::Accept, C::SetHandlers, C::Start, C::FailMediation])
            .give(
                Command::Refer {
                    target: crate::case::ReferralTarget::Department,
                    receiving_body: "fire brigade".into(),
                    reason: "a locked escape".into(),
                },
                coordinator,
            );
        let open = Story::file("dispute", "family", 7, t0()).days(4).give(
            Command::Escalate {
                level: crate::time_limits::EscalationLevel::Community,
            },
            Actor::System,
        );
        vec![
            resolved(1, 2).case,
            resolved(2, 4).case,
            resolved(3, 30).case,
            handled(4)
                .days(3)
                .then(C::FailMediation)
                .then(C::Refer)
                .case,
            withdrawn.case,
            hazard.case,
            open.case,
        ]
    }

    #[test]
    fn the_figures_of_a_month_count_each_definition_once() {
        let cases = month_of_cases();
        let tally = Tally::of(&cases);
        let keys = period_keys(
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 4, 30).unwrap(),
        );
        let table = figures(&tally, &keys, Dim::Kind);
        let total = &table.total;
        assert_eq!(total.counts.filed, 7);
        assert_eq!(total.counts.accepted, 6);
        assert_eq!(total.counts.concluded, 6);
        assert_eq!(total.counts.resolved, 3);
        assert_eq!(
            total.counts.mediation_failed, 2,
            "the dispute and the hazard"
        );
        assert_eq!(total.counts.withdrawn, 1);
        assert_eq!(total.counts.referred_judge, 1);
        assert_eq!(total.counts.referred_department, 1);
        assert_eq!(
            total.success_rate,
            Rate::new(3, 4),
            "disputes only, no withdrawal"
        );
        assert_eq!(total.success_rate.percent().as_deref(), Some("75.00"));
        assert_eq!(total.counts.open_now, 4, "failed, withdrawn, hazard, open");
        assert_eq!(total.counts.overdue_now, 1);
        assert_eq!(total.counts.overdue_ever, 1);
        assert_eq!(total.counts.feedback_asked, 3);
        assert_eq!(total.counts.feedback_given, 3);
        assert_eq!(total.response_rate.percent().as_deref(), Some("100.00"));
        assert_eq!(total.satisfaction, [0, 0, 0, 0, 3]);
        assert_eq!(total.satisfaction_mean.decimal().as_deref(), Some("5.00"));
        assert_eq!(total.risk, [7, 0, 0, 0]);
        let days = total.days_to_conclusion.clone().unwrap();
        // 2, 4, 30 (resolved), 3 (failed), 1 (withdrawn), 0 (hazard): 0 1 2 3 4 30.
        assert_eq!((days.count, days.median, days.p90), (6, Some(2), Some(30)));
        let follow_up = total.days_follow_up.clone().unwrap();
        assert_eq!((follow_up.count, follow_up.median), (3, Some(1)));
        let values: Vec<&str> = table.rows.iter().map(|r| r.value.as_str()).collect();
        assert_eq!(values, ["dispute", "hazard"]);
        let hazard = &table.rows[1];
        assert_eq!(hazard.counts.mediation_failed, 1);
        assert_eq!(
            hazard.success_rate.denominator, 0,
            "no hazard in the success rate"
        );
        assert!(hazard.days_to_conclusion.is_some(), "kept by kind");
        let by_grid = figures(&tally, &keys, Dim::Grid);
        assert!(
            by_grid.rows[0].days_to_conclusion.is_none(),
            "not kept by grid"
        );
        assert_eq!(by_grid.rows[0].counts, total.counts);
    }

    #[test]
    fn a_period_outside_the_events_finds_only_the_cases_open_now() {
        let tally = Tally::of(&month_of_cases());
        let keys = period_keys(
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        );
        let table = figures(&tally, &keys, Dim::All);
        assert_eq!(table.total.counts.filed, 0);
        assert_eq!(table.total.counts.open_now, 4);
        assert!(table.rows.is_empty());
        assert_eq!(table.total.success_rate.percent(), None);
    }

    #[test]
    fn the_trend_has_a_row_per_month_with_its_success_rate() {
        let tally = Tally::of(&month_of_cases());
        let rows = trend(
            &tally,
            Month::new(2026, 2).unwrap(),
            Month::new(2026, 4).unwrap(),
        );
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].filed, 0);
        assert_eq!(rows[1].filed, 7);
        // Resolved after 30 days: 1 April.
        assert_eq!((rows[1].resolved, rows[2].resolved), (2, 1));
        assert_eq!(rows[1].success_rate, Rate::new(2, 3));
        assert_eq!(rows[2].success_rate, Rate::new(1, 1));
        assert!(trend(
            &tally,
            Month::new(2026, 4).unwrap(),
            Month::new(2026, 2).unwrap()
        )
        .is_empty());
    }

    #[test]
    fn the_reference_street_reproduces_from_counters() {
        let mut tally = Tally::default();
        let day = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        for (metric, count) in [
            (Metric::DisputeResolved, 3752),
            (Metric::DisputeFailed, 27),
            (Metric::LongStandingFiled, 442),
        ] {
            for period in PeriodKey::of_day(day) {
                let key = Cell {
                    metric,
                    period,
                    dim: Dim::All,
                    value: String::new(),
                    bucket: 0,
                };
                tally.add(key, count);
            }
        }
        let keys = period_keys(
            NaiveDate::from_ymd_opt(2024, 7, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        );
        let total = figures(&tally, &keys, Dim::All).total;
        assert_eq!(total.shown(Figure::SuccessRate), "99.29");
        assert_eq!(total.shown(Figure::LongStandingFiled), "442");
    }

    #[test]
    fn every_figure_has_a_code_that_spells_back_and_a_place_in_the_spreadsheet() {
        for figure in Figure::ALL {
            assert_eq!(Figure::parse(figure.code()), Some(figure));
            assert_eq!(
                serde_json::to_value(figure).unwrap(),
                serde_json::json!(figure.code())
            );
        }
        let table = figures(
            &Tally::of(&month_of_cases()),
            &[PeriodKey::Year(2026)],
            Dim::All,
        );
        let (header, lines) = table.to_lines();
        assert_eq!(header.len(), Figure::ALL.len() + 2);
        assert_eq!(lines.len(), 1);
        assert!(lines.iter().all(|l| l.len() == header.len()));
        let at = |code: &str| header.iter().position(|h| *h == code).unwrap();
        assert_eq!(lines[0][at("success_rate")], "75.00");
        assert_eq!(lines[0][at("risk_distribution")], "7/0/0/0");
        assert_eq!(lines[0][at("median_days_to_conclusion")], "2");
    }
}
