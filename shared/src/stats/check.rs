//! The recompute check: the counters storage kept, against the counters its cases give now,
//! with the cases behind each counter that differs.

use crate::case::Case;
use crate::stats::cells::{case_cells, CellKey, Tally};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many case codes a difference names at most.
pub const MAX_CASES_NAMED: usize = 20;

/// A counter that differs from its recomputation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    pub key: CellKey,
    pub kept: i64,
    pub recomputed: i64,
    /// The codes of the cases that contribute to the counter now (at most
    /// [`MAX_CASES_NAMED`], in the order the cases came); empty for a counter no case gives.
    pub cases: Vec<String>,
}

/// Every counter of `kept` that differs from what `cases` give, in key order.
pub fn check<'a>(kept: &Tally, cases: impl Iterator<Item = &'a Case>) -> Vec<Difference> {
    let mut recomputed = Tally::default();
    let mut contributors: BTreeMap<CellKey, Vec<String>> = BTreeMap::new();
    for case in cases {
        let code = case.code.to_string();
        for cell in case_cells(case) {
            recomputed.add(cell.clone(), 1);
            let named = contributors.entry(cell).or_default();
            if named.len() < MAX_CASES_NAMED {
                named.push(code.clone());
            }
        }
    }
    let mut keys: Vec<&CellKey> = kept.iter().map(|(k, _)| k).collect();
    keys.extend(recomputed.iter().map(|(k, _)| k));
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| {
            let (kept, recomputed) = (kept.get(key), recomputed.get(key));
            (kept != recomputed).then(|| Difference {
                key: key.clone(),
                kept,
                recomputed,
                cases: contributors.get(key).cloned().unwrap_or_default(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::CommandKind as C;
    use crate::stats::cells::{Cell, Dim, Metric, PeriodKey};
    use crate::testing::Story;
    use chrono::{NaiveDate, TimeZone, Utc};

    fn cases() -> Vec<Case> {
        let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).unwrap();
        vec![
            Story::file("dispute", "neighbours", 1, t0)
                .then(C::Accept)
                .case,
            Story::file("dispute", "neighbours", 2, t0).case,
            Story::file("hazard", "street_lights", 3, t0)
                .then(C::Accept)
                .case,
        ]
    }

    fn filed_on_the_day() -> Cell {
        Cell {
            metric: Metric::Filed,
            period: PeriodKey::Day(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()),
            dim: Dim::Category,
            value: "neighbours".into(),
            bucket: 0,
        }
    }

    #[test]
    fn counters_kept_in_step_with_their_cases_show_no_difference() {
        let cases = cases();
        assert_eq!(check(&Tally::of(&cases), cases.iter()), vec![]);
    }

    #[test]
    fn a_corrupted_counter_is_reported_with_the_cases_behind_it() {
        let cases = cases();
        let mut kept = Tally::of(&cases);
        kept.add(filed_on_the_day(), 5);
        let stray = Cell {
            metric: Metric::Withdrawn,
            ..filed_on_the_day()
        };
        kept.add(stray.clone(), 1);
        assert_eq!(
            check(&kept, cases.iter()),
            vec![
                Difference {
                    key: filed_on_the_day(),
                    kept: 7,
                    recomputed: 2,
                    cases: vec!["ZH01-2026-0001".into(), "ZH01-2026-0002".into()],
                },
                Difference {
                    key: stray,
                    kept: 1,
                    recomputed: 0,
                    cases: vec![],
                },
            ]
        );
    }

    #[test]
    fn a_counter_storage_lost_is_reported_as_kept_zero() {
        let cases = cases();
        let mut kept = Tally::of(&cases);
        kept.add(filed_on_the_day(), -2);
        let differences = check(&kept, cases.iter());
        assert_eq!(differences.len(), 1);
        assert_eq!((differences[0].kept, differences[0].recomputed), (0, 2));
    }
}
