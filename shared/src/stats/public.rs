//! What the public may see of the figures: counts only, no grid or handler rows, and no cell
//! small enough to point at a person, nor one that a shown total would give back.

use crate::stats::cells::Dim;
use crate::stats::figures::{Figure, FigureRow, FigureTable};
use serde::{Deserialize, Serialize};

/// The smallest count the public sees; anything under it is suppressed.
pub const MIN_PUBLIC_CELL: i64 = 5;

/// The figures the public table shows, in column order: counts only.
pub const PUBLIC_FIGURES: [Figure; 17] = [
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
    Figure::LongStandingFiled,
    Figure::LongStandingResolved,
    Figure::OpenNow,
    Figure::FeedbackGiven,
];

/// One public cell: the count, or `"suppressed"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicCell {
    Shown(i64),
    Suppressed,
}

/// The word a suppressed cell reads as on the wire.
pub const SUPPRESSED: &str = "suppressed";

impl Serialize for PublicCell {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PublicCell::Shown(n) => serializer.serialize_i64(*n),
            PublicCell::Suppressed => serializer.serialize_str(SUPPRESSED),
        }
    }
}

impl<'de> Deserialize<'de> for PublicCell {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Count(i64),
            Word(String),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Count(n) => Ok(PublicCell::Shown(n)),
            Raw::Word(w) if w == SUPPRESSED => Ok(PublicCell::Suppressed),
            Raw::Word(_) => Err(serde::de::Error::custom("not a public cell")),
        }
    }
}

impl PublicCell {
    /// As a spreadsheet shows it.
    pub fn shown(self) -> String {
        match self {
            PublicCell::Shown(n) => n.to_string(),
            PublicCell::Suppressed => SUPPRESSED.to_owned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicRow {
    /// The dimension value ("" on the total row).
    pub value: String,
    /// One cell per column of [`PublicTable::columns`].
    pub cells: Vec<PublicCell>,
}

/// The public figures: a total row, and rows by category, kind or channel (never by grid or
/// handler).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicTable {
    pub dim: Dim,
    pub columns: Vec<Figure>,
    pub total: PublicRow,
    pub rows: Vec<PublicRow>,
    /// The success rate of the total ("99.29"), shown only when the disputes resolved and
    /// those failed are each at least [`MIN_PUBLIC_CELL`]; `None` when suppressed.
    pub success_rate: Option<String>,
}

impl PublicTable {
    /// The table for a spreadsheet: a header of figure codes (after the dimension and value)
    /// and one line per row, the total first; suppressed cells read `suppressed`.
    pub fn to_lines(&self) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let mut header = vec!["dimension", "value"];
        header.extend(self.columns.iter().map(|f| f.code()));
        let lines = std::iter::once((Dim::All, &self.total))
            .chain(self.rows.iter().map(|row| (self.dim, row)))
            .map(|(dim, row)| {
                let mut line = vec![dim.code().to_owned(), row.value.clone()];
                line.extend(row.cells.iter().map(|c| c.shown()));
                line
            })
            .collect();
        (header, lines)
    }
}

/// Whether the public may see rows of `dim`: grids and handlers are too close to people.
pub fn public_dimension(dim: Dim) -> bool {
    matches!(dim, Dim::All | Dim::Category | Dim::Kind | Dim::Channel)
}

/// The public view of `table`. A count under [`MIN_PUBLIC_CELL`] (zero included) is
/// suppressed; then, until nothing changes, wherever exactly one cell of a row, or of a
/// column among the value rows (whose counts add up to the shown total), is suppressed, the
/// smallest shown cell of that row or column is suppressed too, so no suppressed count can be
/// recovered by subtracting the others from a total.
pub fn public_table(table: &FigureTable) -> PublicTable {
    let columns = PUBLIC_FIGURES.to_vec();
    let rows: Vec<&FigureRow> = if public_dimension(table.dim) && table.dim != Dim::All {
        table.rows.iter().collect()
    } else {
        Vec::new()
    };
    // Row 0 is the total, rows 1.. the values.
    let values: Vec<Vec<i64>> = std::iter::once(&table.total)
        .chain(rows.iter().copied())
        .map(|row| columns.iter().map(|f| row.count(*f).unwrap_or(0)).collect())
        .collect();
    let suppressed = suppress(&values);
    let public_row = |index: usize, value: &str| PublicRow {
        value: value.to_owned(),
        cells: values[index]
            .iter()
            .zip(&suppressed[index])
            .map(|(n, hidden)| {
                if *hidden {
                    PublicCell::Suppressed
                } else {
                    PublicCell::Shown(*n)
                }
            })
            .collect(),
    };
    let rate = table.total.success_rate;
    let failed = rate.denominator - rate.numerator;
    PublicTable {
        dim: if rows.is_empty() { Dim::All } else { table.dim },
        total: public_row(0, ""),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, row)| public_row(i + 1, &row.value))
            .collect(),
        success_rate: (rate.numerator >= MIN_PUBLIC_CELL && failed >= MIN_PUBLIC_CELL)
            .then(|| rate.percent())
            .flatten(),
        columns,
    }
}

/// Which cells to suppress: the small ones, then the complements (see [`public_table`]).
/// `values[0]` is the total row.
fn suppress(values: &[Vec<i64>]) -> Vec<Vec<bool>> {
    let mut hidden: Vec<Vec<bool>> = values
        .iter()
        .map(|row| row.iter().map(|n| *n < MIN_PUBLIC_CELL).collect())
        .collect();
    let width = values.first().map_or(0, Vec::len);
    loop {
        let mut changed = false;
        for r in 0..values.len() {
            let cells: Vec<(usize, usize)> = (0..width).map(|c| (r, c)).collect();
            changed |= complete(values, &mut hidden, &cells);
        }
        if values.len() > 1 {
            for c in 0..width {
                let cells: Vec<(usize, usize)> = (1..values.len()).map(|r| (r, c)).collect();
                changed |= complete(values, &mut hidden, &cells);
            }
        }
        if !changed {
            return hidden;
        }
    }
}

/// If exactly one of `cells` is hidden, hides the smallest shown one too; says whether it did.
fn complete(values: &[Vec<i64>], hidden: &mut [Vec<bool>], cells: &[(usize, usize)]) -> bool {
    if cells.iter().filter(|(r, c)| hidden[*r][*c]).count() != 1 {
        return false;
    }
    let smallest = cells
        .iter()
        .filter(|(r, c)| !hidden[*r][*c])
        .min_by_key(|(r, c)| (values[*r][*c], *r, *c));
    match smallest {
        Some((r, c)) => {
            hidden[*r][*c] = true;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::cells::{Cell, Metric, PeriodKey, Tally};
    use crate::stats::figures::figures;
    use chrono::NaiveDate;

    /// A tally with `filed` cases per category on one day, and as many resolved.
    fn tally(per_category: &[(&str, i64)]) -> Tally {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let mut tally = Tally::default();
        for (category, n) in per_category {
            for metric in [Metric::Filed, Metric::Resolved] {
                for (dim, value) in [
                    (Dim::All, ""),
                    (Dim::Category, *category),
                    (Dim::Grid, "g1"),
                ] {
                    let key = Cell {
                        metric,
                        period: PeriodKey::Day(day),
                        dim,
                        value: value.to_owned(),
                        bucket: 0,
                    };
                    tally.add(key, *n);
                }
            }
        }
        tally
    }

    fn column(table: &PublicTable, figure: Figure) -> Vec<PublicCell> {
        let at = table.columns.iter().position(|f| *f == figure).unwrap();
        table.rows.iter().map(|r| r.cells[at]).collect()
    }

    fn day_key() -> [PeriodKey; 1] {
        [PeriodKey::Day(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())]
    }

    #[test]
    fn a_count_under_five_is_suppressed_and_so_is_the_next_smallest_of_its_column() {
        let t = tally(&[
            ("neighbours", 40),
            ("family", 3),
            ("consumer", 9),
            ("debt_contract", 12),
        ]);
        let table = public_table(&figures(&t, &day_key(), Dim::Category));
        let values: Vec<&str> = table.rows.iter().map(|r| r.value.as_str()).collect();
        assert_eq!(
            values,
            ["consumer", "debt_contract", "family", "neighbours"]
        );
        use PublicCell::{Shown, Suppressed};
        assert_eq!(
            column(&table, Figure::Filed),
            [Suppressed, Shown(12), Suppressed, Shown(40)],
            "family's 3 alone could be had from 64 − 40 − 12 − 9"
        );
        let at = table
            .columns
            .iter()
            .position(|f| *f == Figure::Filed)
            .unwrap();
        assert_eq!(table.total.cells[at], Shown(64));
        assert_eq!(
            serde_json::to_value(table.rows[0].cells[at]).unwrap(),
            serde_json::json!("suppressed")
        );
    }

    #[test]
    fn no_row_or_column_is_left_with_exactly_one_suppressed_cell() {
        let t = tally(&[("neighbours", 7), ("family", 1), ("consumer", 30)]);
        let table = public_table(&figures(&t, &day_key(), Dim::Category));
        for row in std::iter::once(&table.total).chain(&table.rows) {
            let n = row
                .cells
                .iter()
                .filter(|c| **c == PublicCell::Suppressed)
                .count();
            assert_ne!(n, 1, "{row:?}");
        }
        for c in 0..table.columns.len() {
            let n = table
                .rows
                .iter()
                .filter(|r| r.cells[c] == PublicCell::Suppressed)
                .count();
            assert_ne!(n, 1, "column {:?}", table.columns[c]);
        }
    }

    #[test]
    fn the_public_spreadsheet_names_suppressed_cells_in_words() {
        let t = tally(&[("neighbours", 40), ("family", 3), ("consumer", 9)]);
        let table = public_table(&figures(&t, &day_key(), Dim::Category));
        let (header, lines) = table.to_lines();
        let csv = crate::stats::csv::to_csv(&header, &lines);
        let mut csv_lines = csv.trim_start_matches('\u{feff}').split("\r\n");
        assert!(csv_lines
            .next()
            .unwrap()
            .starts_with("dimension,value,filed,accepted,"));
        assert!(csv_lines.next().unwrap().starts_with("all,,52,suppressed,"));
        assert!(csv_lines
            .next()
            .unwrap()
            .starts_with("category,consumer,suppressed,"));
    }

    #[test]
    fn grids_and_handlers_never_reach_the_public() {
        let t = tally(&[("neighbours", 40)]);
        for dim in [Dim::Grid, Dim::HandlerRole] {
            let table = public_table(&figures(&t, &day_key(), dim));
            assert!(table.rows.is_empty());
            assert_eq!(table.dim, Dim::All);
        }
        let json =
            serde_json::to_string(&public_table(&figures(&t, &day_key(), Dim::Grid))).unwrap();
        assert!(!json.contains("g1"), "{json}");
    }

    #[test]
    fn the_success_rate_is_public_only_when_both_its_parts_are_large_enough() {
        let mut table = figures(&Tally::default(), &day_key(), Dim::All);
        table.total.success_rate = crate::stats::figures::Rate::new(3752, 3779);
        assert_eq!(public_table(&table).success_rate.as_deref(), Some("99.29"));
        table.total.success_rate = crate::stats::figures::Rate::new(40, 42);
        assert_eq!(public_table(&table).success_rate, None);
    }
}
