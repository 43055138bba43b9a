//! The figures a community object keeps: the additive cells of `accord_shared::stats`, one
//! row each, changed in the same synchronous stretch as the case change behind them, and
//! read by period without decoding a case. `stats_state` records which derivation the
//! stored cells follow; cases stored before it (or under another version) are counted again
//! once, on the first read.

use crate::error::ApiError;
use crate::storage::case_rows::all_cases_paged;
use crate::storage::{select, sql_err, stat_members};
use accord_shared::case::Case;
use accord_shared::stats::{CellKey, Dim, Metric, PeriodKey, Tally, STATS_VERSION};
use serde::Deserialize;
use worker::SqlStorage;

/// One row per cell: `n` cases count in it.
pub const CELLS_TABLE: &str = "CREATE TABLE stat_cells (
        period TEXT NOT NULL,
        dim TEXT NOT NULL,
        metric TEXT NOT NULL,
        value TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (period, dim, metric, value, bucket)
    ) WITHOUT ROWID";

/// Which derivation (`STATS_VERSION`) the stored cells follow: one row.
pub const STATE_TABLE: &str = "CREATE TABLE stats_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL
    )";

/// Adds `delta` to the stored cells; a cell that falls to zero is removed.
pub fn apply(sql: &SqlStorage, delta: &Tally) -> Result<(), ApiError> {
    for (key, by) in delta.iter() {
        if by == 0 {
            continue;
        }
        let params = || -> Vec<worker::SqlStorageValue> {
            vec![
                key.period.to_string().into(),
                key.dim.code().into(),
                key.metric.code().into(),
                key.value.clone().into(),
                i64::from(key.bucket).into(),
            ]
        };
        let mut insert = params();
        insert.push(by.into());
        sql.exec(
            "INSERT INTO stat_cells (period, dim, metric, value, bucket, n)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (period, dim, metric, value, bucket) DO UPDATE SET n = n + excluded.n",
            insert,
        )
        .map_err(sql_err)?;
        if by < 0 {
            sql.exec(
                "DELETE FROM stat_cells WHERE period = ? AND dim = ? AND metric = ? AND value = ?
                   AND bucket = ? AND n = 0",
                params(),
            )
            .map_err(sql_err)?;
        }
    }
    Ok(())
}

/// A stored row's key; `None` for a row of a metric or dimension this version does not know.
fn key_of(period: &str, dim: &str, metric: &str, value: String, bucket: f64) -> Option<CellKey> {
    Some(CellKey {
        period: period.parse().ok()?,
        dim: Dim::parse(dim)?,
        metric: Metric::parse(metric)?,
        value,
        bucket: u16::try_from(bucket as i64).ok()?,
    })
}

/// What a change of one case does to the cells: `before` is the stored case (none for a new
/// one), `after` the case as saved.
pub fn record(sql: &SqlStorage, before: Option<&Case>, after: &Case) -> Result<(), ApiError> {
    let mut delta = Tally::default();
    delta.apply(&accord_shared::stats::cell_delta(before, Some(after)));
    apply(sql, &delta)
}

/// A row of `stat_cells` as read (`period` absent where the rows were summed over periods).
#[derive(Deserialize)]
struct CellRow {
    #[serde(default)]
    period: Option<String>,
    dim: String,
    metric: String,
    value: String,
    bucket: f64,
    n: f64,
}

/// Adds rows to a tally, each under its own period or, if given, under `under`. A row of a
/// metric or dimension this version does not know is skipped (the recount replaces those).
fn add_rows(tally: &mut Tally, rows: Vec<CellRow>, under: Option<&str>) {
    for row in rows {
        let Some(period) = under.or(row.period.as_deref()) else {
            continue;
        };
        if let Some(key) = key_of(period, &row.dim, &row.metric, row.value, row.bucket) {
            tally.add(key, row.n as i64);
        }
    }
}

/// The cells of `periods` for the dimensions asked (`Dim::All` always comes too): each under
/// its period, or, with `summed_under`, added up over the periods under that one key.
fn read_periods(
    sql: &SqlStorage,
    periods: &[PeriodKey],
    dims: &[Dim],
    summed_under: Option<PeriodKey>,
) -> Result<Tally, ApiError> {
    let mut wanted: Vec<Dim> = vec![Dim::All];
    wanted.extend(dims.iter().copied().filter(|d| *d != Dim::All));
    let under = summed_under.map(|p| p.to_string());
    let (columns, group) = match under {
        Some(_) => (
            "dim, metric, value, bucket, SUM(n) AS n",
            "GROUP BY dim, metric, value, bucket",
        ),
        None => ("period, dim, metric, value, bucket, n", ""),
    };
    let mut tally = Tally::default();
    // A range is at most ~90 keys (whole years, months, then days): one statement reads it.
    for chunk in periods.chunks(100) {
        let mut params: Vec<worker::SqlStorageValue> =
            chunk.iter().map(|p| p.to_string().into()).collect();
        params.extend(wanted.iter().map(|d| d.code().into()));
        let query = format!(
            "SELECT {columns} FROM stat_cells WHERE period IN ({}) AND dim IN ({}) {group}",
            vec!["?"; chunk.len()].join(", "),
            vec!["?"; wanted.len()].join(", ")
        );
        add_rows(&mut tally, select(sql, &query, params)?, under.as_deref());
    }
    Ok(tally)
}

/// The cells of `periods`, each under its period, for the dimensions asked.
pub fn read(sql: &SqlStorage, periods: &[PeriodKey], dims: &[Dim]) -> Result<Tally, ApiError> {
    read_periods(sql, periods, dims, None)
}

/// The cells of `periods` added up under one key, `marker`, for the dimensions asked: what a
/// dashboard's range needs, whatever its length, in as many rows as the range has distinct
/// cells.
pub fn read_summed(
    sql: &SqlStorage,
    periods: &[PeriodKey],
    marker: PeriodKey,
    dims: &[Dim],
) -> Result<Tally, ApiError> {
    read_periods(sql, periods, dims, Some(marker))
}

/// Every stored cell (the recompute check compares them all).
pub fn read_all(sql: &SqlStorage) -> Result<Tally, ApiError> {
    let mut tally = Tally::default();
    let rows = select(
        sql,
        "SELECT period, dim, metric, value, bucket, n FROM stat_cells",
        Vec::new(),
    )?;
    add_rows(&mut tally, rows, None);
    Ok(tally)
}

/// Counts every stored case again (its cells and its members) when the cells were kept under
/// another derivation (or not at all: cases stored before figures were kept). Returns how many cases were counted.
pub fn ensure_counted(sql: &SqlStorage) -> Result<u64, ApiError> {
    #[derive(Deserialize)]
    struct State {
        version: f64,
    }
    let state: Option<State> = select(sql, "SELECT version FROM stats_state", Vec::new())?
        .into_iter()
        .next();
    if state.is_some_and(|s| s.version as u32 == STATS_VERSION) {
        return Ok(0);
    }
    sql.exec("DELETE FROM stat_cells", None).map_err(sql_err)?;
    stat_members::clear(sql)?;
    let mut tally = Tally::default();
    let mut count = 0;
    let mut failed = None;
    all_cases_paged(sql, |case| {
        tally.add_case(case);
        if failed.is_none() {
            failed = stat_members::insert(sql, case).err();
        }
        count += 1;
    })?;
    if let Some(err) = failed {
        return Err(err);
    }
    apply(sql, &tally)?;
    sql.exec(
        "INSERT INTO stats_state (id, version) VALUES (1, ?)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version",
        vec![i64::from(STATS_VERSION).into()],
    )
    .map_err(sql_err)?;
    if count > 0 {
        worker::console_log!("counted the figures of {count} stored cases");
    }
    Ok(count)
}

/// Local tests only: adds one to the first kept cell (or creates one), so the recount check
/// has a difference to find. Answers whether a cell was changed.
pub fn corrupt_one(sql: &SqlStorage) -> Result<bool, ApiError> {
    ensure_counted(sql)?;
    sql.exec(
        "UPDATE stat_cells SET n = n + 1 WHERE (period, dim, metric, value, bucket) IN
           (SELECT period, dim, metric, value, bucket FROM stat_cells
            WHERE dim = 'all' AND metric = 'filed' LIMIT 1)",
        None,
    )
    .map(|_| true)
    .map_err(sql_err)
}
