//! The counters behind the figures: the cells a case contributes (each counting 1), the
//! periods they are dated in, the difference a change of a case makes, and the tally that
//! sums them.
//!
//! A dated cell is emitted three times, for its day, its month and its year, so any range of
//! days sums from a few keys ([`period_keys`]); "now" cells (open, overdue) have the one
//! period [`PeriodKey::Now`]. Counts are emitted for every [`Dim`]; the duration histograms,
//! which have a bucket per day, only for [`Dim::All`] and [`Dim::Kind`], to bound what a
//! dashboard reads.

use crate::case::{Case, ReferralTarget};
use crate::risk::RiskLevel;
use crate::staff::Role;
use crate::stats::facts::{case_facts, CaseFacts, Conclusion};
use crate::vocabulary::{CaseKind, Channel};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// What a cell counts. The codes are stable: storage keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Filed (a merged duplicate and a case moved out are not): the filing day.
    Filed,
    /// Accepted at triage: the acceptance day.
    Accepted,
    /// Rejected at triage: the rejection day.
    Rejected,
    /// Concluded (resolved, withdrawn or failed; not merged or moved): the conclusion day.
    Concluded,
    /// Resolved by agreement or by fixing the problem, either kind: the conclusion day.
    Resolved,
    /// Handling failed, either kind (referred or not): the conclusion day.
    MediationFailed,
    /// A dispute resolved (the success rate's numerator): the conclusion day.
    DisputeResolved,
    /// A dispute whose mediation failed (with `dispute_resolved`, the success rate's
    /// denominator): the conclusion day.
    DisputeFailed,
    /// Referred to the court after a failure: the referral day.
    ReferredCourt,
    /// Referred to arbitration after a failure: the referral day.
    ReferredArbitration,
    /// Referred to a department after a failure: the referral day.
    ReferredDepartment,
    /// Referred to the judge workstation after a failure: the referral day.
    ReferredJudge,
    /// Withdrawn by the resident: the conclusion day.
    Withdrawn,
    /// A duplicate merged into another case: the merge day.
    Merged,
    /// Moved to another street: the move day.
    Moved,
    /// Escalated beyond its community (to the street or the district): the day it first
    /// was; bucket = the highest rung reached (2 street, 3 district).
    Escalated,
    /// Overdue at some point (escalated at all): the day it first was.
    OverdueEver,
    /// A long-standing dispute filed: the filing day.
    LongStandingFiled,
    /// A long-standing dispute resolved: the conclusion day.
    LongStandingResolved,
    /// Reopened at least once: the day of its first reopening.
    Reopened,
    /// Feedback asked for after the last conclusion: that day.
    FeedbackAsked,
    /// Feedback given after the last conclusion: the day of the last rating; bucket = the
    /// satisfaction, 1..5. Its total is the feedback given.
    Satisfaction,
    /// Every filed case: the filing day; bucket = its current risk level, 1 low .. 4 critical.
    Risk,
    /// Whole days from filing to conclusion: the conclusion day; bucket = days.
    DaysToConclusion,
    /// Whole days from filing (or arrival) to acceptance: the acceptance day; bucket = days.
    DaysTriage,
    /// Whole days from acceptance to conclusion: the conclusion day; bucket = days.
    DaysHandling,
    /// Whole days from conclusion to closing: the closing day; bucket = days.
    DaysFollowUp,
    /// Open now: period `now`.
    OpenNow,
    /// Open and overdue (escalated) now: period `now`.
    OverdueNow,
}

impl Metric {
    pub const ALL: [Metric; 29] = [
        Metric::Filed,
        Metric::Accepted,
        Metric::Rejected,
        Metric::Concluded,
        Metric::Resolved,
        Metric::MediationFailed,
        Metric::DisputeResolved,
        Metric::DisputeFailed,
        Metric::ReferredCourt,
        Metric::ReferredArbitration,
        Metric::ReferredDepartment,
        Metric::ReferredJudge,
        Metric::Withdrawn,
        Metric::Merged,
        Metric::Moved,
        Metric::Escalated,
        Metric::OverdueEver,
        Metric::LongStandingFiled,
        Metric::LongStandingResolved,
        Metric::Reopened,
        Metric::FeedbackAsked,
        Metric::Satisfaction,
        Metric::Risk,
        Metric::DaysToConclusion,
        Metric::DaysTriage,
        Metric::DaysHandling,
        Metric::DaysFollowUp,
        Metric::OpenNow,
        Metric::OverdueNow,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Metric::Filed => "filed",
            Metric::Accepted => "accepted",
            Metric::Rejected => "rejected",
            Metric::Concluded => "concluded",
            Metric::Resolved => "resolved",
            Metric::MediationFailed => "mediation_failed",
            Metric::DisputeResolved => "dispute_resolved",
            Metric::DisputeFailed => "dispute_failed",
            Metric::ReferredCourt => "referred_court",
            Metric::ReferredArbitration => "referred_arbitration",
            Metric::ReferredDepartment => "referred_department",
            Metric::ReferredJudge => "referred_judge",
            Metric::Withdrawn => "withdrawn",
            Metric::Merged => "merged",
            Metric::Moved => "moved",
            Metric::Escalated => "escalated",
            Metric::OverdueEver => "overdue_ever",
            Metric::LongStandingFiled => "long_standing_filed",
            Metric::LongStandingResolved => "long_standing_resolved",
            Metric::Reopened => "reopened",
            Metric::FeedbackAsked => "feedback_asked",
            Metric::Satisfaction => "satisfaction",
            Metric::Risk => "risk",
            Metric::DaysToConclusion => "days_to_conclusion",
            Metric::DaysTriage => "days_triage",
            Metric::DaysHandling => "days_handling",
            Metric::DaysFollowUp => "days_follow_up",
            Metric::OpenNow => "open_now",
            Metric::OverdueNow => "overdue_now",
        }
    }

    pub fn parse(code: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.code() == code)
    }

    /// A duration histogram (a bucket per day): kept only for [`Dim::All`] and [`Dim::Kind`].
    pub fn is_duration(self) -> bool {
        matches!(
            self,
            Metric::DaysToConclusion
                | Metric::DaysTriage
                | Metric::DaysHandling
                | Metric::DaysFollowUp
        )
    }

    /// Counted as it stands now, in [`PeriodKey::Now`], rather than on a day.
    pub fn is_now(self) -> bool {
        matches!(self, Metric::OpenNow | Metric::OverdueNow)
    }
}

/// What a figure is broken down by. A tally belongs to one community; the community is the
/// roll-up, not a dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dim {
    /// Everything: the total (value "").
    All,
    /// The grid id.
    Grid,
    /// The category id, as it stands.
    Category,
    /// `dispute` or `hazard`.
    Kind,
    /// `web`, `walk_in`, `hotline`, `grid_patrol`, `referral_in`, `volunteer`.
    Channel,
    /// The lead handler's role (`mediator`, `police`…), or `none`.
    HandlerRole,
}

impl Dim {
    pub const ALL: [Dim; 6] = [
        Dim::All,
        Dim::Grid,
        Dim::Category,
        Dim::Kind,
        Dim::Channel,
        Dim::HandlerRole,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Dim::All => "all",
            Dim::Grid => "grid",
            Dim::Category => "category",
            Dim::Kind => "kind",
            Dim::Channel => "channel",
            Dim::HandlerRole => "handler_role",
        }
    }

    pub fn parse(code: &str) -> Option<Dim> {
        Dim::ALL.into_iter().find(|d| d.code() == code)
    }

    /// Whether duration histograms are kept for this dimension.
    pub fn keeps_durations(self) -> bool {
        matches!(self, Dim::All | Dim::Kind)
    }
}

/// The value a dimension takes for the case's lead handler when it has none.
pub const NO_HANDLER: &str = "none";

pub fn kind_code(kind: CaseKind) -> &'static str {
    match kind {
        CaseKind::Dispute => "dispute",
        CaseKind::Hazard => "hazard",
    }
}

pub fn channel_code(channel: Channel) -> &'static str {
    match channel {
        Channel::Web => "web",
        Channel::WalkIn => "walk_in",
        Channel::Hotline => "hotline",
        Channel::GridPatrol => "grid_patrol",
        Channel::ReferralIn => "referral_in",
        Channel::Volunteer => "volunteer",
    }
}

pub fn role_code(role: Role) -> &'static str {
    match role {
        Role::Coordinator => "coordinator",
        Role::Admin => "admin",
        Role::Mediator => "mediator",
        Role::GridWorker => "grid_worker",
        Role::Police => "police",
        Role::Prosecutor => "prosecutor",
        Role::Judge => "judge",
        Role::Counselor => "counselor",
        Role::DepartmentLiaison => "department_liaison",
        Role::DistrictCoordinator => "district_coordinator",
        Role::DistrictAdmin => "district_admin",
    }
}

/// The bucket of a risk level: 1 low, 2 medium, 3 high, 4 critical.
pub fn risk_bucket(level: RiskLevel) -> u16 {
    match level {
        RiskLevel::Low => 1,
        RiskLevel::Medium => 2,
        RiskLevel::High => 3,
        RiskLevel::Critical => 4,
    }
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Month { year, month })
    }

    pub fn of(day: NaiveDate) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }

    pub fn last_day(self) -> Option<NaiveDate> {
        self.next()?.first_day()?.pred_opt()
    }

    pub fn next(self) -> Option<Month> {
        if self.month == 12 {
            Month::new(self.year.checked_add(1)?, 1)
        } else {
            Month::new(self.year, self.month + 1)
        }
    }

    /// `from` to `to`, both included (empty when `to` is before `from`).
    pub fn range(from: Month, to: Month) -> impl Iterator<Item = Month> {
        std::iter::successors(Some(from), |m| m.next()).take_while(move |m| *m <= to)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Month {
    type Err = InvalidPeriod;

    /// `2026-03`, exactly as [`Month`] prints it.
    fn from_str(raw: &str) -> Result<Month, InvalidPeriod> {
        let (year, month) = raw.split_once('-').ok_or(InvalidPeriod)?;
        let month = Month::new(
            year.parse().map_err(|_| InvalidPeriod)?,
            month.parse().map_err(|_| InvalidPeriod)?,
        )
        .ok_or(InvalidPeriod)?;
        (month.to_string() == raw)
            .then_some(month)
            .ok_or(InvalidPeriod)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a period")]
pub struct InvalidPeriod;

/// The period a cell is counted in. Stored as `d2026-03-15`, `m2026-03`, `y2026`, `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodKey {
    Day(NaiveDate),
    Month(Month),
    Year(i32),
    /// As things stand now (open and overdue cases).
    Now,
}

impl PeriodKey {
    /// The three keys a dated cell is emitted under: its day, month and year.
    pub fn of_day(day: NaiveDate) -> [PeriodKey; 3] {
        [
            PeriodKey::Day(day),
            PeriodKey::Month(Month::of(day)),
            PeriodKey::Year(day.year()),
        ]
    }

    /// The first and last day the key covers (`None` for [`PeriodKey::Now`]).
    pub fn days(self) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            PeriodKey::Day(day) => Some((day, day)),
            PeriodKey::Month(month) => Some((month.first_day()?, month.last_day()?)),
            PeriodKey::Year(year) => Some((
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
            )),
            PeriodKey::Now => None,
        }
    }
}

impl fmt::Display for PeriodKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeriodKey::Day(day) => write!(f, "d{}", day.format("%Y-%m-%d")),
            PeriodKey::Month(month) => write!(f, "m{month}"),
            PeriodKey::Year(year) => write!(f, "y{year:04}"),
            PeriodKey::Now => f.write_str("now"),
        }
    }
}

impl FromStr for PeriodKey {
    type Err = InvalidPeriod;

    /// Exactly the stored form: any other spelling is refused.
    fn from_str(raw: &str) -> Result<PeriodKey, InvalidPeriod> {
        let key = if raw == "now" {
            PeriodKey::Now
        } else if let Some(rest) = raw.strip_prefix('d') {
            PeriodKey::Day(NaiveDate::parse_from_str(rest, "%Y-%m-%d").map_err(|_| InvalidPeriod)?)
        } else if let Some(rest) = raw.strip_prefix('m') {
            PeriodKey::Month(rest.parse()?)
        } else if let Some(rest) = raw.strip_prefix('y') {
            let year: i32 = rest.parse().map_err(|_| InvalidPeriod)?;
            NaiveDate::from_ymd_opt(year, 1, 1).ok_or(InvalidPeriod)?;
            PeriodKey::Year(year)
        } else {
            return Err(InvalidPeriod);
        };
        (key.to_string() == raw).then_some(key).ok_or(InvalidPeriod)
    }
}

impl Serialize for PeriodKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PeriodKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        raw.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        raw.parse().map_err(serde::de::Error::custom)
    }
}

/// The fewest keys that cover the days `from` to `to` (both included) exactly once: whole
/// years where they fit, then whole months, then days. Empty when `to` is before `from`.
/// A range of any length needs at most about 62 day keys and 22 month keys besides its years.
pub fn period_keys(from: NaiveDate, to: NaiveDate) -> Vec<PeriodKey> {
    let mut keys = Vec::new();
    let mut day = from;
    while day <= to {
        let year_end = NaiveDate::from_ymd_opt(day.year(), 12, 31);
        let month_end = Month::of(day).last_day();
        let (key, last) = match (year_end, month_end) {
            (Some(end), _) if day.ordinal() == 1 && end <= to => (PeriodKey::Year(day.year()), end),
            (_, Some(end)) if day.day() == 1 && end <= to => {
                (PeriodKey::Month(Month::of(day)), end)
            }
            _ => (PeriodKey::Day(day), day),
        };
        keys.push(key);
        match last.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    keys
}

/// One counter a case contributes to, counting 1. A cell is its own key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Cell {
    pub metric: Metric,
    pub period: PeriodKey,
    pub dim: Dim,
    /// The dimension's value ("" for [`Dim::All`]).
    pub value: String,
    /// 0 unless the metric is a histogram: days, satisfaction 1..5, risk 1..4, rung 2..3.
    pub bucket: u16,
}

/// The key of a counter: the cell it counts.
pub type CellKey = Cell;

/// The dimension values of a case, [`Dim::All`] first.
pub(crate) fn dimension_values(facts: &CaseFacts) -> [(Dim, String); 6] {
    [
        (Dim::All, String::new()),
        (Dim::Grid, facts.grid.clone()),
        (Dim::Category, facts.category.clone()),
        (Dim::Kind, kind_code(facts.kind).to_owned()),
        (Dim::Channel, channel_code(facts.channel).to_owned()),
        (
            Dim::HandlerRole,
            facts.lead_role.map_or(NO_HANDLER, role_code).to_owned(),
        ),
    ]
}

/// The dated events of a case that cells count: (metric, day, bucket).
pub(crate) fn dated_events(facts: &CaseFacts) -> Vec<(Metric, NaiveDate, u16)> {
    let mut out = Vec::new();
    let mut push = |metric, day: Option<NaiveDate>, bucket| {
        if let Some(day) = day {
            out.push((metric, day, bucket));
        }
    };
    match facts.concluded.as_ref().map(|c| (&c.conclusion, c.on)) {
        Some((Conclusion::Merged { .. }, on)) => {
            push(Metric::Merged, Some(on), 0);
            return out;
        }
        Some((Conclusion::Moved { .. }, on)) => {
            push(Metric::Moved, Some(on), 0);
            return out;
        }
        Some((conclusion, on)) => {
            push(Metric::Concluded, Some(on), 0);
            let dispute = facts.kind == CaseKind::Dispute;
            match conclusion {
                Conclusion::Resolved { .. } => {
                    push(Metric::Resolved, Some(on), 0);
                    if dispute {
                        push(Metric::DisputeResolved, Some(on), 0);
                    }
                    if facts.long_standing {
                        push(Metric::LongStandingResolved, Some(on), 0);
                    }
                }
                Conclusion::Withdrawn => push(Metric::Withdrawn, Some(on), 0),
                Conclusion::MediationFailed { referral } => {
                    push(Metric::MediationFailed, Some(on), 0);
                    if dispute {
                        push(Metric::DisputeFailed, Some(on), 0);
                    }
                    if let Some(referred) = referral {
                        let metric = match referred.target {
                            ReferralTarget::Court => Metric::ReferredCourt,
                            ReferralTarget::Arbitration => Metric::ReferredArbitration,
                            ReferralTarget::Department => Metric::ReferredDepartment,
                            ReferralTarget::JudgeWorkstation => Metric::ReferredJudge,
                        };
                        push(metric, Some(referred.on), 0);
                    }
                }
                Conclusion::Merged { .. } | Conclusion::Moved { .. } => {}
            }
        }
        None => {}
    }
    push(Metric::Filed, Some(facts.filed_on), 0);
    push(Metric::Risk, Some(facts.filed_on), risk_bucket(facts.risk));
    push(Metric::Accepted, facts.accepted_on, 0);
    push(Metric::Rejected, facts.rejected_on, 0);
    let rung = match facts.highest_escalation {
        crate::time_limits::EscalationLevel::District => 3,
        _ => 2,
    };
    push(Metric::Escalated, facts.first_escalated_on, rung);
    push(Metric::OverdueEver, facts.first_overdue_on, 0);
    if facts.long_standing {
        push(Metric::LongStandingFiled, Some(facts.filed_on), 0);
    }
    push(Metric::Reopened, facts.first_reopened_on, 0);
    push(Metric::FeedbackAsked, facts.feedback_asked_on, 0);
    if let Some(rated) = facts.feedback {
        push(
            Metric::Satisfaction,
            Some(rated.on),
            u16::from(rated.satisfaction),
        );
    }
    let concluded_on = facts.concluded.as_ref().map(|c| c.on);
    let durations = [
        (
            Metric::DaysToConclusion,
            concluded_on,
            facts.days_to_conclusion,
        ),
        (Metric::DaysTriage, facts.accepted_on, facts.days_triage),
        (Metric::DaysHandling, concluded_on, facts.days_handling),
        (Metric::DaysFollowUp, facts.closed_on, facts.days_follow_up),
    ];
    for (metric, day, days) in durations {
        if let Some(days) = days {
            push(metric, day, days);
        }
    }
    out
}

/// The cells of a case, from its facts, sorted.
pub fn facts_cells(facts: &CaseFacts) -> Vec<Cell> {
    let dims = dimension_values(facts);
    let mut cells = Vec::new();
    for (metric, day, bucket) in dated_events(facts) {
        for (dim, value) in &dims {
            if metric.is_duration() && !dim.keeps_durations() {
                continue;
            }
            for period in PeriodKey::of_day(day) {
                cells.push(Cell {
                    metric,
                    period,
                    dim: *dim,
                    value: value.clone(),
                    bucket,
                });
            }
        }
    }
    let now = [
        (Metric::OpenNow, facts.open_now),
        (Metric::OverdueNow, facts.overdue_now),
    ];
    for (metric, _) in now.into_iter().filter(|(_, holds)| *holds) {
        for (dim, value) in &dims {
            cells.push(Cell {
                metric,
                period: PeriodKey::Now,
                dim: *dim,
                value: value.clone(),
                bucket: 0,
            });
        }
    }
    cells.sort();
    cells.dedup();
    cells
}

/// The cells `case` contributes, each counting 1, sorted.
pub fn case_cells(case: &Case) -> Vec<Cell> {
    facts_cells(&case_facts(case))
}

/// What a change of one case does to the counters: `before` → `after` (`None` before: the
/// case is new; `None` after: it is removed). Only the cells that change, in key order.
pub fn cell_delta(before: Option<&Case>, after: Option<&Case>) -> Vec<(CellKey, i64)> {
    let mut counts: BTreeMap<CellKey, i64> = BTreeMap::new();
    for cell in before.map(case_cells).unwrap_or_default() {
        *counts.entry(cell).or_default() -= 1;
    }
    for cell in after.map(case_cells).unwrap_or_default() {
        *counts.entry(cell).or_default() += 1;
    }
    counts.into_iter().filter(|(_, n)| *n != 0).collect()
}

/// One stored counter, as the tally is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallyEntry {
    #[serde(flatten)]
    pub key: CellKey,
    pub count: i64,
}

/// The counters of some cases (a community's, or a roll-up): key → count. Zero counters are
/// not kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<TallyEntry>", into = "Vec<TallyEntry>")]
pub struct Tally {
    counts: BTreeMap<CellKey, i64>,
}

impl From<Vec<TallyEntry>> for Tally {
    fn from(entries: Vec<TallyEntry>) -> Tally {
        let mut tally = Tally::default();
        for entry in entries {
            tally.add(entry.key, entry.count);
        }
        tally
    }
}

impl From<Tally> for Vec<TallyEntry> {
    fn from(tally: Tally) -> Vec<TallyEntry> {
        tally
            .counts
            .into_iter()
            .map(|(key, count)| TallyEntry { key, count })
            .collect()
    }
}

impl Tally {
    /// The tally of `cases`.
    pub fn of<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Tally {
        let mut tally = Tally::default();
        for case in cases {
            tally.add_case(case);
        }
        tally
    }

    /// Adds `count` to the counter of `key` (dropping it when it reaches zero).
    pub fn add(&mut self, key: CellKey, count: i64) {
        if count == 0 {
            return;
        }
        let entry = self.counts.entry(key);
        match entry {
            std::collections::btree_map::Entry::Occupied(mut held) => {
                let sum = held.get().saturating_add(count);
                if sum == 0 {
                    held.remove();
                } else {
                    *held.get_mut() = sum;
                }
            }
            std::collections::btree_map::Entry::Vacant(empty) => {
                empty.insert(count);
            }
        }
    }

    pub fn add_case(&mut self, case: &Case) {
        for cell in case_cells(case) {
            self.add(cell, 1);
        }
    }

    /// Applies a [`cell_delta`].
    pub fn apply(&mut self, delta: &[(CellKey, i64)]) {
        for (key, count) in delta {
            self.add(key.clone(), *count);
        }
    }

    /// Adds another tally in: the roll-up of communities into a street, streets into a
    /// district. Each matter is counted in one community only (see `stats::facts`), so the
    /// sum counts no matter twice.
    pub fn merge(&mut self, other: &Tally) {
        for (key, count) in &other.counts {
            self.add(key.clone(), *count);
        }
    }

    pub fn get(&self, key: &CellKey) -> i64 {
        self.counts.get(key).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&CellKey, i64)> {
        self.counts.iter().map(|(k, n)| (k, *n))
    }

    /// The counters of `metric` in `period` broken down by `dim`: (value, bucket, count), in
    /// key order. Reads only those counters.
    pub fn slice(
        &self,
        metric: Metric,
        period: PeriodKey,
        dim: Dim,
    ) -> impl Iterator<Item = (&str, u16, i64)> {
        let start = Cell {
            metric,
            period,
            dim,
            value: String::new(),
            bucket: 0,
        };
        self.counts
            .range(start..)
            .take_while(move |(k, _)| k.metric == metric && k.period == period && k.dim == dim)
            .map(|(k, n)| (k.value.as_str(), k.bucket, *n))
    }

    /// The sum of `metric` over `periods` for one dimension value, every bucket included.
    pub fn sum(&self, metric: Metric, periods: &[PeriodKey], dim: Dim, value: &str) -> i64 {
        periods
            .iter()
            .flat_map(|p| self.slice(metric, *p, dim))
            .filter(|(v, _, _)| *v == value)
            .map(|(_, _, n)| n)
            .sum()
    }

    /// The total of `metric` (every bucket, [`Dim::All`]) in each month `from` to `to`.
    pub fn monthly(&self, metric: Metric, from: Month, to: Month) -> Vec<(Month, i64)> {
        Month::range(from, to)
            .map(|m| (m, self.sum(metric, &[PeriodKey::Month(m)], Dim::All, "")))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Actor;
    use crate::lifecycle::{sample_command, CommandKind as C, ALL_COMMANDS};
    use crate::staff::Role;
    use crate::testing::{sample_actor, Story};
    use chrono::{DateTime, Duration, TimeZone, Utc};
    use proptest::prelude::*;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn count(cells: &[Cell], metric: Metric, period: PeriodKey, dim: Dim) -> usize {
        cells
            .iter()
            .filter(|c| c.metric == metric && c.period == period && c.dim == dim)
            .count()
    }

    #[test]
    fn metric_and_dim_codes_are_their_stored_names_and_spell_back() {
        for metric in Metric::ALL {
            assert_eq!(Metric::parse(metric.code()), Some(metric));
            assert_eq!(
                serde_json::to_value(metric).unwrap(),
                serde_json::json!(metric.code())
            );
        }
        for dim in Dim::ALL {
            assert_eq!(Dim::parse(dim.code()), Some(dim));
            assert_eq!(
                serde_json::to_value(dim).unwrap(),
                serde_json::json!(dim.code())
            );
        }
        for role in [Role::Mediator, Role::DepartmentLiaison, Role::GridWorker] {
            assert_eq!(
                serde_json::to_value(role).unwrap(),
                serde_json::json!(role_code(role))
            );
        }
        for channel in [
            Channel::Web,
            Channel::WalkIn,
            Channel::GridPatrol,
            Channel::ReferralIn,
            Channel::Volunteer,
        ] {
            assert_eq!(
                serde_json::to_value(channel).unwrap(),
                serde_json::json!(channel_code(channel))
            );
        }
    }

    #[test]
    fn period_keys_print_and_parse_in_one_spelling_only() {
        let keys = [
            (PeriodKey::Day(date(2026, 3, 15)), "d2026-03-15"),
            (PeriodKey::Month(Month::new(2026, 3).unwrap()), "m2026-03"),
            (PeriodKey::Year(2026), "y2026"),
            (PeriodKey::Now, "now"),
        ];
        for (key, text) in keys {
            assert_eq!(key.to_string(), text);
            assert_eq!(text.parse::<PeriodKey>(), Ok(key));
            assert_eq!(serde_json::to_value(key).unwrap(), serde_json::json!(text));
        }
        for bad in [
            "d2026-3-15",
            "m2026-13",
            "m2026-3",
            "y26",
            "2026",
            "d2026-02-30",
            "",
            "Now",
        ] {
            assert!(bad.parse::<PeriodKey>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_range_is_covered_by_years_then_months_then_days() {
        let keys = period_keys(date(2025, 11, 30), date(2027, 2, 2));
        let text: Vec<String> = keys.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "d2025-11-30",
                "m2025-12",
                "y2026",
                "m2027-01",
                "d2027-02-01",
                "d2027-02-02"
            ]
        );
        assert_eq!(period_keys(date(2026, 3, 2), date(2026, 3, 1)), vec![]);
        assert_eq!(
            period_keys(date(2024, 2, 1), date(2024, 2, 29)),
            vec![PeriodKey::Month(Month::new(2024, 2).unwrap())]
        );
    }

    #[test]
    fn a_filed_case_counts_on_its_day_month_and_year_for_every_dimension() {
        let story = Story::file("dispute", "neighbours", 1, t0());
        let cells = case_cells(&story.case);
        for period in PeriodKey::of_day(date(2026, 3, 2)) {
            for dim in Dim::ALL {
                assert_eq!(
                    count(&cells, Metric::Filed, period, dim),
                    1,
                    "{period} {dim:?}"
                );
                assert_eq!(count(&cells, Metric::Risk, period, dim), 1);
            }
        }
        let role = cells
            .iter()
            .find(|c| c.metric == Metric::Filed && c.dim == Dim::HandlerRole)
            .unwrap();
        assert_eq!(role.value, NO_HANDLER);
        assert_eq!(count(&cells, Metric::OpenNow, PeriodKey::Now, Dim::Grid), 1);
        // Filed and risk (3 periods × 6 dims each), open now (6 dims).
        assert_eq!(cells.len(), 2 * 18 + 6);
    }

    #[test]
    fn durations_are_kept_only_in_total_and_by_kind() {
        let story = Story::file("dispute", "neighbours", 1, t0())
            .path(&[C::Accept, C::SetHandlers, C::Start])
            .days(5)
            .then(C::Resolve);
        let cells = case_cells(&story.case);
        let durations: Vec<&Cell> = cells.iter().filter(|c| c.metric.is_duration()).collect();
        assert!(!durations.is_empty());
        assert!(durations.iter().all(|c| c.dim.keeps_durations()));
        let to_conclusion: Vec<u16> = durations
            .iter()
            .filter(|c| c.metric == Metric::DaysToConclusion)
            .map(|c| c.bucket)
            .collect();
        assert_eq!(to_conclusion, vec![5; 6], "5 days, 3 periods × 2 dims");
        let handler = cells
            .iter()
            .find(|c| c.metric == Metric::Resolved && c.dim == Dim::HandlerRole)
            .unwrap();
        assert_eq!(handler.value, "mediator");
    }

    #[test]
    fn a_merged_duplicate_counts_only_as_merged_and_a_moved_case_only_as_moved() {
        let merged = Story::file("dispute", "neighbours", 2, t0())
            .days(1)
            .then(C::Accept)
            .give(
                sample_command(C::MergeInto, "mediator01"),
                sample_actor(C::MergeInto),
            );
        let cells = case_cells(&merged.case);
        assert!(
            cells.iter().all(|c| c.metric == Metric::Merged),
            "{cells:?}"
        );
        assert_eq!(cells.len(), 18);
        let moved = Story::file("dispute", "neighbours", 3, t0()).give(
            sample_command(C::TransferOut, "mediator01"),
            sample_actor(C::TransferOut),
        );
        let cells = case_cells(&moved.case);
        assert!(cells.iter().all(|c| c.metric == Metric::Moved));
        assert_eq!(cells.len(), 18);
    }

    #[test]
    fn a_case_new_then_removed_adds_then_takes_away_exactly_its_cells() {
        let story = Story::file("hazard", "fire_escape", 1, t0()).then(C::Accept);
        let added = cell_delta(None, Some(&story.case));
        assert_eq!(
            added,
            case_cells(&story.case)
                .into_iter()
                .map(|c| (c, 1))
                .collect::<Vec<_>>()
        );
        let removed = cell_delta(Some(&story.case), None);
        assert!(removed.iter().all(|(_, n)| *n == -1));
        assert_eq!(removed.len(), added.len());
        assert_eq!(cell_delta(Some(&story.case), Some(&story.case)), vec![]);
        let mut tally = Tally::default();
        tally.apply(&added);
        tally.apply(&removed);
        assert!(tally.is_empty(), "zero counters are dropped");
    }

    #[test]
    fn a_recategorisation_moves_the_filing_from_one_category_to_the_other() {
        let story = Story::file("dispute", "neighbours", 1, t0());
        let after = story.clone().then(C::Recategorize);
        let delta = cell_delta(Some(&story.case), Some(&after.case));
        assert!(delta.iter().all(|(c, _)| c.dim == Dim::Category));
        let filed_day = |value: &str, n: i64| {
            delta.contains(&(
                Cell {
                    metric: Metric::Filed,
                    period: PeriodKey::Day(date(2026, 3, 2)),
                    dim: Dim::Category,
                    value: value.into(),
                    bucket: 0,
                },
                n,
            ))
        };
        assert!(filed_day("neighbours", -1));
        assert!(filed_day("property_management", 1));
    }

    #[test]
    fn a_tally_survives_json_and_merges_by_adding() {
        let one = Story::file("dispute", "neighbours", 1, t0());
        let two = Story::file("dispute", "neighbours", 2, t0()).then(C::Accept);
        let tally = Tally::of([&one.case, &two.case]);
        let json = serde_json::to_string(&tally).unwrap();
        assert!(json.contains(r#""metric":"filed","period":"d2026-03-02","dim":"all","value":"","bucket":0,"count":2"#), "{json}");
        let back: Tally = serde_json::from_str(&json).unwrap();
        assert_eq!(back, tally);
        let mut rolled = Tally::of([&one.case]);
        rolled.merge(&Tally::of([&two.case]));
        assert_eq!(rolled, tally);
        let march = Month::new(2026, 3).unwrap();
        let months = tally.monthly(Metric::Filed, Month::new(2026, 2).unwrap(), march);
        assert_eq!(months, vec![(Month::new(2026, 2).unwrap(), 0), (march, 2)]);
    }

    fn year(cells: &[Cell], metric: Metric) -> usize {
        count(cells, metric, PeriodKey::Year(2026), Dim::All)
    }

    #[test]
    fn a_reopened_case_counts_its_final_conclusion_once_and_its_reopening_once() {
        let closed = Story::file("dispute", "neighbours", 1, t0())
            .path(&[C::Accept, C::SetHandlers, C::Start, C::Resolve])
            .path(&[C::BeginFollowUp, C::GiveFeedback, C::Close]);
        let reopened = closed.clone().days(5).then(C::Reopen);
        let delta = cell_delta(Some(&closed.case), Some(&reopened.case));
        let gone = |metric| delta.iter().any(|(c, n)| c.metric == metric && *n == -1);
        assert!(gone(Metric::Resolved) && gone(Metric::Concluded) && gone(Metric::Satisfaction));
        assert!(delta
            .iter()
            .any(|(c, n)| c.metric == Metric::Reopened && *n == 1));
        let again = reopened
            .days(3)
            .then(C::FailMediation)
            .then(C::Refer)
            .then(C::BeginFollowUp)
            .then(C::Close)
            .then(C::Reopen)
            .days(1)
            .then(C::Resolve);
        let cells = case_cells(&again.case);
        assert_eq!(year(&cells, Metric::Concluded), 1);
        assert_eq!(year(&cells, Metric::Resolved), 1);
        assert_eq!(year(&cells, Metric::DisputeResolved), 1);
        assert_eq!(
            year(&cells, Metric::MediationFailed),
            0,
            "an earlier round is gone"
        );
        assert_eq!(year(&cells, Metric::ReferredJudge), 0);
        assert_eq!(
            year(&cells, Metric::Reopened),
            1,
            "twice reopened, counted once"
        );
        assert_eq!(year(&cells, Metric::Filed), 1);
    }

    #[test]
    fn a_referral_after_a_failure_is_one_failure_and_one_referral() {
        let story = Story::file("dispute", "neighbours", 1, t0())
            .path(&[C::Accept, C::SetHandlers, C::Start, C::FailMediation])
            .days(2)
            .then(C::Refer);
        let cells = case_cells(&story.case);
        assert_eq!(year(&cells, Metric::Concluded), 1);
        assert_eq!(year(&cells, Metric::MediationFailed), 1);
        assert_eq!(year(&cells, Metric::DisputeFailed), 1);
        assert_eq!(year(&cells, Metric::ReferredJudge), 1);
        let referral_day = PeriodKey::Day(date(2026, 3, 4));
        assert_eq!(
            count(&cells, Metric::ReferredJudge, referral_day, Dim::All),
            1
        );
        assert_eq!(
            count(&cells, Metric::DisputeFailed, referral_day, Dim::All),
            0
        );
    }

    #[test]
    fn a_hazard_referred_to_a_department_adds_nothing_to_the_success_rate() {
        let story = Story::file("hazard", "fire_escape", 1, t0())
            .path(&[C::Accept, C::SetHandlers, C::Start, C::FailMediation])
            .give(
                crate::lifecycle::Command::Refer {
                    target: ReferralTarget::Department,
                    receiving_body: "fire brigade".into(),
                    reason: "a locked escape".into(),
                },
                sample_actor(C::Refer),
            );
        let cells = case_cells(&story.case);
        assert_eq!(year(&cells, Metric::ReferredDepartment), 1);
        assert_eq!(year(&cells, Metric::MediationFailed), 1);
        assert_eq!(year(&cells, Metric::DisputeFailed), 0);
        assert_eq!(year(&cells, Metric::DisputeResolved), 0);
    }

    #[test]
    fn a_merge_and_a_move_leave_every_roll_up_with_the_matter_filed_once() {
        let dir = crate::demo::demo_directory();
        let coordinator = sample_actor(C::MergeInto);
        let primary = Story::file("dispute", "neighbours", 1, t0());
        let duplicate = Story::file("dispute", "neighbours", 2, t0()).hours(2);
        let (primary_after, _) = crate::lifecycle::execute(
            &primary.case,
            &crate::lifecycle::Command::AbsorbDuplicate {
                duplicate: "ZH01-2026-0002".into(),
                timeline: duplicate.case.timeline.clone(),
            },
            &coordinator,
            duplicate.at,
            &dir,
        )
        .unwrap();
        let merged = duplicate.give(
            crate::lifecycle::Command::MergeInto {
                primary: "ZH01-2026-0001".into(),
            },
            coordinator,
        );
        let community = Tally::of([&primary_after, &merged.case]);
        let year_total =
            |tally: &Tally, metric| tally.sum(metric, &[PeriodKey::Year(2026)], Dim::All, "");
        assert_eq!(year_total(&community, Metric::Filed), 1);
        assert_eq!(year_total(&community, Metric::Merged), 1);
        // The primary is then moved to another street, where it continues.
        let district = sample_actor(C::TransferOut);
        let (there, _) = crate::lifecycle::transferred_case(
            &primary_after,
            crate::lifecycle::MoveTarget {
                code: crate::code::CaseCode::parse("ZS01-2026-0001").unwrap(),
                community: "zs01",
                grid: "zs01-g1",
            },
            &district,
            "the address is in Zhoushuizi",
            merged.at,
            &dir,
        )
        .unwrap();
        let moved = Story {
            case: primary_after,
            at: merged.at,
        }
        .give(sample_command(C::TransferOut, "x"), district);
        let here = Tally::of([&moved.case, &merged.case]);
        let receiving = Tally::of([&there]);
        assert_eq!(year_total(&here, Metric::Filed), 0);
        assert_eq!(year_total(&here, Metric::Moved), 1);
        assert_eq!(year_total(&receiving, Metric::Filed), 1);
        let mut roll_up = here.clone();
        roll_up.merge(&receiving);
        assert_eq!(
            year_total(&roll_up, Metric::Filed),
            1,
            "one matter, filed once"
        );
        assert_eq!(
            year_total(&roll_up, Metric::OpenNow),
            0,
            "now metrics read Now"
        );
        assert_eq!(
            roll_up.sum(Metric::OpenNow, &[PeriodKey::Now], Dim::All, ""),
            1
        );
    }

    fn random_actor(index: u8, kind: crate::lifecycle::CommandKind) -> Actor {
        match index {
            0 => Actor::Resident,
            1 => Actor::System,
            2 => Actor::Staff {
                username: "grid02".into(),
                role: Role::GridWorker,
            },
            3 => Actor::Staff {
                username: "mediator01".into(),
                role: Role::Mediator,
            },
            _ => sample_actor(kind),
        }
    }

    /// The steps of the loop that carry a case forward, and back (reopen).
    const FORWARD: [crate::lifecycle::CommandKind; 12] = [
        C::Accept,
        C::SetHandlers,
        C::Start,
        C::Resolve,
        C::FailMediation,
        C::Refer,
        C::BeginFollowUp,
        C::GiveFeedback,
        C::Close,
        C::Reopen,
        C::Escalate,
        C::Recategorize,
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Over any sequence of commands, each change's delta is exactly the difference of
        /// the two cell sets, and the deltas from nothing add up to the case's cells.
        #[test]
        fn every_delta_is_the_difference_of_the_cell_sets(
            steps in proptest::collection::vec((0usize..80, 0u8..8, 0i64..6000), 0..40)
        ) {
            let directory = crate::demo::demo_directory();
            let mut case = Story::file("dispute", "neighbours", 1, t0()).case;
            let mut tally = Tally::default();
            tally.apply(&cell_delta(None, Some(&case)));
            let mut now = t0();
            for (command_index, actor_index, minutes) in steps {
                now += Duration::minutes(minutes);
                // Mostly the loop's own steps, so that walks go deep (follow-up, reopening)
                // before a rejection, merge or move ends them.
                let forward: Vec<_> = FORWARD
                    .into_iter()
                    .filter(|k| crate::lifecycle::transition(case.status, *k).is_some())
                    .collect();
                let kind = match ALL_COMMANDS.get(command_index) {
                    Some(kind) => *kind,
                    None if forward.is_empty() => continue,
                    None => forward[command_index % forward.len()],
                };
                let actor = random_actor(actor_index, kind);
                let Ok((next, _)) = crate::lifecycle::execute(&case, &sample_command(kind, "mediator01"), &actor, now, &directory) else {
                    continue;
                };
                let delta = cell_delta(Some(&case), Some(&next));
                let mut expected: BTreeMap<Cell, i64> = BTreeMap::new();
                for c in case_cells(&case) { *expected.entry(c).or_default() -= 1; }
                for c in case_cells(&next) { *expected.entry(c).or_default() += 1; }
                expected.retain(|_, n| *n != 0);
                prop_assert_eq!(&delta, &expected.into_iter().collect::<Vec<_>>());
                prop_assert!(delta.windows(2).all(|w| w[0].0 < w[1].0), "in key order");
                tally.apply(&delta);
                prop_assert!(tally.iter().all(|(_, n)| n > 0), "no counter below zero");
                case = next;
            }
            prop_assert_eq!(tally, Tally::of([&case]));
            // Erasing the personal data of an ended case leaves its cells as they were.
            if !case.status.is_open() {
                let (erased, _) = crate::retention::erase(&case, now);
                prop_assert_eq!(case_cells(&erased), case_cells(&case));
            }
            // Every filed case counts once in its filing, or once as merged or moved.
            let cells = case_cells(&case);
            let once = |metric| count(&cells, metric, PeriodKey::Year(2026), Dim::All);
            prop_assert_eq!(once(Metric::Filed) + once(Metric::Merged) + once(Metric::Moved), 1);
            prop_assert!(once(Metric::Concluded) <= 1);
            prop_assert_eq!(
                once(Metric::Concluded),
                once(Metric::Resolved) + once(Metric::Withdrawn) + once(Metric::MediationFailed)
            );
        }

        /// Summing a range's decomposition equals summing its days, and the keys cover each
        /// day of the range exactly once.
        #[test]
        fn a_range_sums_from_its_keys_as_from_its_days(
            days in proptest::collection::vec(0i64..1500, 0..40),
            start in 0i64..1500,
            length in 0i64..900,
        ) {
            let origin = date(2024, 1, 1);
            let mut tally = Tally::default();
            for offset in &days {
                let day = origin + Duration::days(*offset);
                for period in PeriodKey::of_day(day) {
                    tally.add(Cell { metric: Metric::Filed, period, dim: Dim::All, value: String::new(), bucket: 0 }, 1);
                }
            }
            let from = origin + Duration::days(start);
            let to = from + Duration::days(length);
            let keys = period_keys(from, to);
            let every_day: Vec<PeriodKey> = (0..=length).map(|d| PeriodKey::Day(from + Duration::days(d))).collect();
            prop_assert_eq!(
                tally.sum(Metric::Filed, &keys, Dim::All, ""),
                tally.sum(Metric::Filed, &every_day, Dim::All, "")
            );
            let mut covered = Vec::new();
            for key in &keys {
                let (first, last) = key.days().unwrap();
                let mut day = first;
                while day <= last { covered.push(day); day = day.succ_opt().unwrap(); }
            }
            let expected: Vec<NaiveDate> = (0..=length).map(|d| from + Duration::days(d)).collect();
            prop_assert_eq!(covered, expected);
            let day_keys = keys.iter().filter(|k| matches!(k, PeriodKey::Day(_))).count();
            let month_keys = keys.iter().filter(|k| matches!(k, PeriodKey::Month(_))).count();
            prop_assert!(day_keys <= 62 && month_keys <= 22, "{} days, {} months", day_keys, month_keys);
        }
    }
}
