//! Which cases a number counts: a case is a member of each counted metric on the day it
//! counts there (the same day its cells are dated), with the case's dimension values, so
//! any number of a dashboard opens on the list of the cases behind it.
//!
//! Members come from the same events as the cells ([`dated_events`]): a case counts 1 in
//! the day cell `(metric, day, dim, value, bucket)` exactly when it is a member
//! `(metric, day, bucket)` whose dimension `dim` has `value`. Duration histograms have no
//! members (their cases are the concluded, accepted or closed ones).

use crate::case::Case;
use crate::stats::cells::{dated_events, dimension_values, Dim, Metric};
use crate::stats::facts::{case_facts, CaseFacts};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One metric a case counts in: on `day` (`None`: as things stand now), in `bucket`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Member {
    pub metric: Metric,
    pub day: Option<NaiveDate>,
    pub bucket: u16,
}

impl Member {
    /// The day as storage keeps it: `2026-03-15`, or `now`.
    pub fn day_key(&self) -> String {
        day_key(self.day)
    }
}

/// A member's day as stored and in a cursor: `YYYY-MM-DD`, or `now`. The two sort apart
/// (a metric is either dated or "now", never both).
pub fn day_key(day: Option<NaiveDate>) -> String {
    match day {
        Some(day) => day.format("%Y-%m-%d").to_string(),
        None => NOW_KEY.to_owned(),
    }
}

/// The day key of the "now" metrics.
pub const NOW_KEY: &str = "now";

/// The dimension values of a case as its cells carry them (all but [`Dim::All`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberDims {
    pub grid: String,
    pub category: String,
    pub kind: String,
    pub channel: String,
    pub role: String,
}

impl MemberDims {
    /// The value of `dim` (`""` for [`Dim::All`]).
    pub fn value(&self, dim: Dim) -> &str {
        match dim {
            Dim::All => "",
            Dim::Grid => &self.grid,
            Dim::Category => &self.category,
            Dim::Kind => &self.kind,
            Dim::Channel => &self.channel,
            Dim::HandlerRole => &self.role,
        }
    }
}

/// The storage column of a dimension: a fixed name, safe to write into a statement.
pub fn dim_column(dim: Dim) -> Option<&'static str> {
    match dim {
        Dim::All => None,
        Dim::Grid => Some("grid"),
        Dim::Category => Some("category"),
        Dim::Kind => Some("kind"),
        Dim::Channel => Some("channel"),
        Dim::HandlerRole => Some("role"),
    }
}

/// Every metric a case counts in, with its dimension values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseMembers {
    pub dims: MemberDims,
    /// Sorted, no repeats.
    pub members: Vec<Member>,
}

/// Whether a metric has members: every count (the duration histograms have none).
pub fn has_members(metric: Metric) -> bool {
    !metric.is_duration()
}

/// The members of a case, from its facts.
pub fn facts_members(facts: &CaseFacts) -> CaseMembers {
    let [_, grid, category, kind, channel, role] = dimension_values(facts).map(|(_, value)| value);
    let mut members: Vec<Member> = dated_events(facts)
        .into_iter()
        .filter(|(metric, _, _)| has_members(*metric))
        .map(|(metric, day, bucket)| Member {
            metric,
            day: Some(day),
            bucket,
        })
        .collect();
    for (metric, holds) in [
        (Metric::OpenNow, facts.open_now),
        (Metric::OverdueNow, facts.overdue_now),
    ] {
        if holds {
            members.push(Member {
                metric,
                day: None,
                bucket: 0,
            });
        }
    }
    members.sort();
    members.dedup();
    CaseMembers {
        dims: MemberDims {
            grid,
            category,
            kind,
            channel,
            role,
        },
        members,
    }
}

/// The members of a case.
pub fn case_members(case: &Case) -> CaseMembers {
    facts_members(&case_facts(case))
}

/// What a change of a case does to its members: `None` when they stay as they were (storage
/// writes nothing), else the members after (`before` absent: a new case).
pub fn members_change(before: Option<&Case>, after: &Case) -> Option<CaseMembers> {
    let next = case_members(after);
    match before.map(case_members) {
        Some(previous) if previous == next => None,
        _ => Some(next),
    }
}

/// Which members a drill-down lists: one metric, on the days `from..=to` (ignored for a
/// "now" metric), where `dim` has `value`, in `bucket` if given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberFilter {
    pub metric: Metric,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub dim: Dim,
    pub value: String,
    pub bucket: Option<u16>,
}

impl MemberFilter {
    /// The first and last day keys the filter reads.
    pub fn day_keys(&self) -> (String, String) {
        if self.metric.is_now() {
            (NOW_KEY.to_owned(), NOW_KEY.to_owned())
        } else {
            (day_key(Some(self.from)), day_key(Some(self.to)))
        }
    }

    /// Whether one member of a case with `dims` is listed: the definition storage's query
    /// follows.
    pub fn admits(&self, member: &Member, dims: &MemberDims) -> bool {
        let (first, last) = self.day_keys();
        let day = member.day_key();
        member.metric == self.metric
            && first <= day
            && day <= last
            && dims.value(self.dim) == self.value
            && self.bucket.is_none_or(|b| b == member.bucket)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::CaseCode;
    use crate::demo::demo_directory;
    use crate::stats::cells::{case_cells, PeriodKey};
    use crate::synthetic::{synthetic_case, synthetic_filed_at};
    use chrono::{TimeZone, Utc};
    use std::collections::BTreeMap;

    /// A synthetic history of 400 cases: every status, escalations, open and ended.
    fn cases() -> Vec<Case> {
        let dir = demo_directory();
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        (0..400u32)
            .map(|i| {
                let filed_at = synthetic_filed_at(u64::from(i), 400, now);
                let code = CaseCode::new("ZH", 1, 2026, i + 1).unwrap();
                synthetic_case(&dir, "zh01", u64::from(i), code, filed_at, now).unwrap()
            })
            .collect()
    }

    #[test]
    fn every_day_cell_counts_exactly_its_members() {
        let cases = cases();
        // Day cells of the counted metrics, as the cells count them…
        let mut from_cells: BTreeMap<(Metric, String, Dim, String, u16), i64> = BTreeMap::new();
        for case in &cases {
            for cell in case_cells(case) {
                let day = match cell.period {
                    PeriodKey::Day(day) => Some(day),
                    PeriodKey::Now => None,
                    _ => continue,
                };
                if has_members(cell.metric) {
                    *from_cells
                        .entry((cell.metric, day_key(day), cell.dim, cell.value, cell.bucket))
                        .or_default() += 1;
                }
            }
        }
        // …and as the members say.
        let mut from_members: BTreeMap<(Metric, String, Dim, String, u16), i64> = BTreeMap::new();
        for case in &cases {
            let CaseMembers { dims, members } = case_members(case);
            for member in members {
                for dim in Dim::ALL {
                    *from_members
                        .entry((
                            member.metric,
                            member.day_key(),
                            dim,
                            dims.value(dim).to_owned(),
                            member.bucket,
                        ))
                        .or_default() += 1;
                }
            }
        }
        assert!(from_cells.len() > 1000, "{} cells", from_cells.len());
        assert_eq!(from_cells, from_members);
    }

    #[test]
    fn a_filter_admits_what_a_number_counts() {
        let cases = cases();
        let from = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let filter = |metric, dim, value: &str| MemberFilter {
            metric,
            from,
            to,
            dim,
            value: value.to_owned(),
            bucket: None,
        };
        let admitted = |f: &MemberFilter| -> usize {
            cases
                .iter()
                .map(case_members)
                .map(|m| m.members.iter().filter(|x| f.admits(x, &m.dims)).count())
                .sum()
        };
        let filed = admitted(&filter(Metric::Filed, Dim::All, ""));
        let by_kind = admitted(&filter(Metric::Filed, Dim::Kind, "dispute"))
            + admitted(&filter(Metric::Filed, Dim::Kind, "hazard"));
        assert!(filed > 0);
        assert_eq!(filed, by_kind);
        // "Open now" ignores the dates; a bucket narrows a histogram to one of its values.
        let open = admitted(&MemberFilter {
            from: to,
            ..filter(Metric::OpenNow, Dim::All, "")
        });
        assert_eq!(
            open,
            cases.iter().filter(|c| case_facts(c).open_now).count()
        );
        let by_risk: usize = (1..=4)
            .map(|b| {
                admitted(&MemberFilter {
                    bucket: Some(b),
                    ..filter(Metric::Risk, Dim::All, "")
                })
            })
            .sum();
        assert_eq!(by_risk, admitted(&filter(Metric::Risk, Dim::All, "")));
        // Another day range admits nothing.
        let later = MemberFilter {
            from: NaiveDate::from_ymd_opt(2040, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2040, 12, 31).unwrap(),
            ..filter(Metric::Filed, Dim::All, "")
        };
        assert_eq!(admitted(&later), 0);
    }

    #[test]
    fn a_change_rewrites_members_only_when_they_change() {
        let cases = cases();
        let case = &cases[0];
        assert!(members_change(None, case).is_some());
        assert_eq!(members_change(Some(case), case), None);
        let other = cases
            .iter()
            .find(|c| case_members(c) != case_members(case))
            .unwrap();
        assert_eq!(members_change(Some(case), other), Some(case_members(other)));
    }
}
