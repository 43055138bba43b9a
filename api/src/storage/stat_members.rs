//! The cases behind the figures: one row per metric a case counts in, on the day it counts
//! (`accord_shared::stats::members`), written with the cells in the same synchronous stretch
//! as the case change, and read a page at a time in the order the rows are keyed — so a
//! drill-down walks an index range and decodes only the cases of its page.

use crate::error::ApiError;
use crate::storage::case_rows::{records, RecordRow};
use crate::storage::{select, sql_err};
use accord_shared::case::Case;
use accord_shared::stats::members::{dim_column, CaseMembers, MemberDims, MemberFilter, NOW_KEY};
use accord_shared::stats::{case_members, members_change, Member, Metric};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use worker::{SqlStorage, SqlStorageValue};

/// One row per (metric, day, case), with the case's dimension values.
pub const TABLE: &str = "CREATE TABLE stat_members (
        metric TEXT NOT NULL,
        day TEXT NOT NULL,
        code TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        grid TEXT NOT NULL,
        category TEXT NOT NULL,
        kind TEXT NOT NULL,
        channel TEXT NOT NULL,
        role TEXT NOT NULL,
        PRIMARY KEY (metric, day, code)
    ) WITHOUT ROWID";

/// A case's rows, found when it changes.
pub const BY_CODE: &str = "CREATE INDEX stat_members_by_code ON stat_members (code)";

/// Replaces the rows of `members`' case.
fn write(sql: &SqlStorage, code: &str, members: &CaseMembers) -> Result<(), ApiError> {
    sql.exec(
        "DELETE FROM stat_members WHERE code = ?",
        vec![code.to_owned().into()],
    )
    .map_err(sql_err)?;
    let dims = &members.dims;
    for member in &members.members {
        sql.exec(
            "INSERT INTO stat_members (metric, day, code, bucket, grid, category, kind, channel,
               role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            vec![
                member.metric.code().into(),
                member.day_key().into(),
                code.to_owned().into(),
                i64::from(member.bucket).into(),
                dims.grid.clone().into(),
                dims.category.clone().into(),
                dims.kind.clone().into(),
                dims.channel.clone().into(),
                dims.role.clone().into(),
            ],
        )
        .map_err(sql_err)?;
    }
    Ok(())
}

/// What a change of one case does to its rows (`before`: the stored case, none for a new
/// one): nothing when its members stay the same.
pub fn record(sql: &SqlStorage, before: Option<&Case>, after: &Case) -> Result<(), ApiError> {
    match members_change(before, after) {
        Some(members) => write(sql, &after.code.to_string(), &members),
        None => Ok(()),
    }
}

/// The rows of a case stored without them (a batch, or a recount).
pub fn insert(sql: &SqlStorage, case: &Case) -> Result<(), ApiError> {
    write(sql, &case.code.to_string(), &case_members(case))
}

/// Drops every row (a recount writes them again).
pub fn clear(sql: &SqlStorage) -> Result<(), ApiError> {
    sql.exec("DELETE FROM stat_members", None)
        .map(|_| ())
        .map_err(sql_err)
}

/// The statement's condition on the rows of `filter` and its parameters (`m` is the table).
fn condition(filter: &MemberFilter) -> (String, Vec<SqlStorageValue>) {
    let (first, last) = filter.day_keys();
    let mut sql = String::from("m.metric = ? AND m.day >= ? AND m.day <= ?");
    let mut params: Vec<SqlStorageValue> =
        vec![filter.metric.code().into(), first.into(), last.into()];
    if let Some(column) = dim_column(filter.dim) {
        // A fixed column name, never the caller's text.
        sql.push_str(&format!(" AND m.{column} = ?"));
        params.push(filter.value.clone().into());
    }
    if let Some(bucket) = filter.bucket {
        sql.push_str(" AND m.bucket = ?");
        params.push(i64::from(bucket).into());
    }
    (sql, params)
}

/// A page of the cases `filter` admits, after `(day, code)`, in that order: each with the
/// day it counts on (`YYYY-MM-DD` or `now`) and the case as stored (without its timeline).
pub fn page(
    sql: &SqlStorage,
    filter: &MemberFilter,
    after: Option<&(String, String)>,
    limit: usize,
) -> Result<Vec<(String, Case)>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        day: String,
        record: String,
    }
    let (condition, mut params) = condition(filter);
    let (after_day, after_code) = after.cloned().unwrap_or_default();
    params.push(after_day.into());
    params.push(after_code.into());
    params.push((limit.clamp(1, 101) as i64).into());
    let rows: Vec<Row> = select(
        sql,
        &format!(
            "SELECT m.day AS day, c.record AS record FROM stat_members m
             JOIN cases c ON c.code = m.code
             WHERE {condition} AND (m.day, m.code) > (?, ?)
             ORDER BY m.day, m.code LIMIT ?"
        ),
        params,
    )?;
    let cases = records(
        &rows
            .iter()
            .map(|row| RecordRow {
                record: row.record.clone(),
            })
            .collect::<Vec<_>>(),
    )?;
    Ok(rows.into_iter().map(|row| row.day).zip(cases).collect())
}

/// How many cases `filter` admits.
pub fn count(sql: &SqlStorage, filter: &MemberFilter) -> Result<u64, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        n: f64,
    }
    let (condition, params) = condition(filter);
    let rows: Vec<Row> = select(
        sql,
        &format!("SELECT COUNT(*) AS n FROM stat_members m WHERE {condition}"),
        params,
    )?;
    Ok(rows.first().map_or(0, |r| r.n as u64))
}

/// Every stored row, as each case's members (the recompute check compares them all).
pub fn read_all(sql: &SqlStorage) -> Result<BTreeMap<String, CaseMembers>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        metric: String,
        day: String,
        code: String,
        bucket: f64,
        grid: String,
        category: String,
        kind: String,
        channel: String,
        role: String,
    }
    let rows: Vec<Row> = select(
        sql,
        "SELECT metric, day, code, bucket, grid, category, kind, channel, role
         FROM stat_members ORDER BY code, metric, day",
        Vec::new(),
    )?;
    let mut all: BTreeMap<String, CaseMembers> = BTreeMap::new();
    for row in rows {
        let members = all.entry(row.code).or_insert_with(|| CaseMembers {
            dims: MemberDims {
                grid: row.grid.clone(),
                category: row.category.clone(),
                kind: row.kind.clone(),
                channel: row.channel.clone(),
                role: row.role.clone(),
            },
            members: Vec::new(),
        });
        let same_dims = members.dims
            == MemberDims {
                grid: row.grid,
                category: row.category,
                kind: row.kind,
                channel: row.channel,
                role: row.role,
            };
        // A row of a metric this version does not know, or rows of one case that disagree on
        // its dimensions, make the case differ from any recount.
        let day = match row.day.as_str() {
            NOW_KEY => Some(None),
            day => NaiveDate::parse_from_str(day, "%Y-%m-%d").ok().map(Some),
        };
        match (
            Metric::parse(&row.metric),
            day,
            u16::try_from(row.bucket as i64),
        ) {
            (Some(metric), Some(day), Ok(bucket)) if same_dims => members.members.push(Member {
                metric,
                day,
                bucket,
            }),
            _ => members.dims.grid.push('\u{0}'),
        }
    }
    for members in all.values_mut() {
        members.members.sort();
    }
    Ok(all)
}

/// The cases whose stored members differ from their recount (at most `limit`, in code
/// order), and how many differ in all; a stored case code no case has counts too.
pub fn differences<'a>(
    stored: &BTreeMap<String, CaseMembers>,
    cases: impl IntoIterator<Item = &'a Case>,
    limit: usize,
) -> (Vec<String>, usize) {
    let mut seen = std::collections::BTreeSet::new();
    let mut differ: Vec<String> = Vec::new();
    for case in cases {
        let code = case.code.to_string();
        let recount = case_members(case);
        let kept = stored.get(&code);
        let same = match kept {
            Some(kept) => *kept == recount,
            None => recount.members.is_empty(),
        };
        if !same {
            differ.push(code.clone());
        }
        seen.insert(code);
    }
    differ.extend(stored.keys().filter(|c| !seen.contains(*c)).cloned());
    differ.sort();
    let count = differ.len();
    differ.truncate(limit);
    (differ, count)
}
