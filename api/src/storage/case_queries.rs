//! The indexed reads of a community object: a queue or board page, possible duplicates, the
//! cases the escalation and retention runs must look at. Each selects on the columns
//! `case_rows` keeps, with the cursor and the limit in SQL, and decodes only what it selected.

use crate::error::ApiError;
use crate::protocol::{CaseSearch, QueueQuery};
use crate::storage::case_rows::{from_json, reindex_case, select_records, RecordRow};
use crate::storage::{select, sql_err};
use accord_shared::case::{Case, TimelineEvent};
use accord_shared::case_index::INDEX_VERSION;
use accord_shared::duplicates::{address_key, duplicate_window, MAX_DUPLICATES};
use accord_shared::queue::QueueView;
use accord_shared::time_limits::TimeLimits;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use worker::{SqlStorage, SqlStorageValue};

/// After a re-derivation for changed time limits, how long another one waits: while a new
/// directory reaches every isolate, requests with the old and the new limits may alternate,
/// and each must not re-derive every case.
const REINDEX_COOLDOWN_MS: i64 = 10 * 60 * 1000;

/// Makes sure the columns of every case were derived by this version, under `limits`: the
/// migration that fills them for cases stored before they existed, and the re-derivation of
/// deadlines when the time limits change. Returns how many cases it re-derived (usually 0).
pub fn ensure_index(
    sql: &SqlStorage,
    limits: &TimeLimits,
    now: DateTime<Utc>,
) -> Result<u64, ApiError> {
    #[derive(Deserialize)]
    struct State {
        version: f64,
        limits: String,
        at_ms: f64,
    }
    let wanted = serde_json::to_string(limits).map_err(|_| ApiError::Internal)?;
    let state: Option<State> = select(
        sql,
        "SELECT version, limits, at_ms FROM index_state",
        Vec::new(),
    )?
    .into_iter()
    .next();
    match &state {
        Some(s) if s.version as u32 == INDEX_VERSION && s.limits == wanted => return Ok(0),
        Some(s)
            if s.version as u32 == INDEX_VERSION
                && now.timestamp_millis() - (s.at_ms as i64) < REINDEX_COOLDOWN_MS =>
        {
            return Ok(0)
        }
        _ => {}
    }
    let count = reindex_all(sql, limits)?;
    sql.exec(
        "INSERT INTO index_state (id, version, limits, at_ms) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, limits = excluded.limits,
           at_ms = excluded.at_ms",
        vec![
            i64::from(INDEX_VERSION).into(),
            wanted.into(),
            now.timestamp_millis().into(),
        ],
    )
    .map_err(sql_err)?;
    worker::console_log!("re-derived the indexed columns of {count} cases");
    Ok(count)
}

/// Re-derives every case's columns from its record and its last event (all the columns
/// need of the timeline).
fn reindex_all(sql: &SqlStorage, limits: &TimeLimits) -> Result<u64, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        record: String,
        last: Option<String>,
    }
    let rows: Vec<Row> = select(
        sql,
        "SELECT c.record AS record,
           (SELECT e.record FROM events e WHERE e.code = c.code ORDER BY e.seq DESC LIMIT 1)
             AS last
         FROM cases c",
        Vec::new(),
    )?;
    #[derive(Deserialize)]
    struct StoredEvent {
        event: TimelineEvent,
    }
    let mut count = 0;
    for row in rows {
        let mut case = crate::storage::case_rows::records(&[RecordRow { record: row.record }])?
            .pop()
            .ok_or(ApiError::Internal)?;
        if let Some(last) = row.last {
            case.timeline = vec![from_json::<StoredEvent>(&last)?.event];
        }
        reindex_case(sql, &case, limits)?;
        count += 1;
    }
    Ok(count)
}

/// The SQL condition and parameters of a view beyond "open", on the columns of `c`.
fn view_condition(view: &QueueView, now: DateTime<Utc>) -> (&'static str, Vec<SqlStorageValue>) {
    match view {
        QueueView::Open | QueueView::Mine(_) => ("", Vec::new()),
        QueueView::Unassigned => (" AND c.unassigned = 1", Vec::new()),
        QueueView::HighRisk => (" AND c.high_risk = 1", Vec::new()),
        QueueView::Overdue => (" AND c.due_ms < ?", vec![now.timestamp_millis().into()]),
        QueueView::EscalatedStreet => (" AND c.escalated_street = 1", Vec::new()),
        QueueView::EscalatedDistrict => (" AND c.escalated_district = 1", Vec::new()),
    }
}

/// One page of a queue or board, oldest first after the cursor: the rows it shows and no
/// more. Mirrors `CaseIndex::on_view` (held to `QueueView::includes` in `shared`).
pub fn queue_page(sql: &SqlStorage, query: &QueueQuery) -> Result<Vec<Case>, ApiError> {
    let (after_ms, after_code) = query.after.clone().unwrap_or((i64::MIN, String::new()));
    let limit = query.limit.clamp(1, 101) as i64;
    let (condition, condition_params) = view_condition(&query.view, query.now);
    // The people whose cases these are: "my work", and the specialist who sees only theirs.
    let mut people: Vec<String> = Vec::new();
    if let QueueView::Mine(username) = &query.view {
        people.push(username.clone());
    }
    if let Some(username) = &query.handled_by {
        if !people.contains(username) {
            people.push(username.clone());
        }
    }
    let mut params: Vec<SqlStorageValue> = Vec::new();
    let statement = match people.split_first() {
        // Walked in the handlers' table, in the order of the page.
        Some((first, rest)) => {
            params.push(first.clone().into());
            params.push(after_ms.into());
            params.push(after_code.into());
            let also: String = rest
                .iter()
                .map(|username| {
                    params.push(username.clone().into());
                    " AND EXISTS (SELECT 1 FROM case_handlers o WHERE o.code = c.code AND o.username = ?)"
                })
                .collect();
            params.extend(condition_params);
            params.push(limit.into());
            format!(
                "SELECT c.record AS record FROM case_handlers h JOIN cases c ON c.code = h.code
                 WHERE h.username = ? AND h.open = 1 AND (h.filed_at_ms, h.code) > (?, ?)
                 {also}{condition}
                 ORDER BY h.filed_at_ms, h.code LIMIT ?"
            )
        }
        None => {
            params.push(after_ms.into());
            params.push(after_code.into());
            params.extend(condition_params);
            params.push(limit.into());
            format!(
                "SELECT c.record AS record FROM cases c
                 WHERE c.open = 1 AND (c.filed_at_ms, c.code) > (?, ?){condition}
                 ORDER BY c.filed_at_ms, c.code LIMIT ?"
            )
        }
    };
    select_records(sql, &statement, params)
}

/// One page of a search, newest first before the cursor: the case of a code, or the cases with
/// a search term in the range (an index range of `case_terms`), open or not; for a specialist
/// only those they handle.
pub fn search_page(
    sql: &SqlStorage,
    query: &QueueQuery,
    search: &CaseSearch,
) -> Result<Vec<Case>, ApiError> {
    let (before_ms, before_code) = query.after.clone().unwrap_or((i64::MAX, String::new()));
    let limit = query.limit.clamp(1, 101) as i64;
    let mut params: Vec<SqlStorageValue> = Vec::new();
    let matching = match search {
        CaseSearch::Code(code) => {
            params.push(code.clone().into());
            "c.code = ?"
        }
        CaseSearch::Terms { from, to } => {
            params.push(from.clone().into());
            params.push(to.clone().into());
            "c.code IN (SELECT t.code FROM case_terms t WHERE t.term >= ? AND t.term < ?)"
        }
    };
    params.push(before_ms.into());
    params.push(before_code.into());
    let handled = match &query.handled_by {
        Some(username) => {
            params.push(username.clone().into());
            " AND EXISTS (SELECT 1 FROM case_handlers h WHERE h.code = c.code AND h.username = ?)"
        }
        None => "",
    };
    params.push(limit.into());
    select_records(
        sql,
        &format!(
            "SELECT c.record AS record FROM cases c
             WHERE {matching} AND (c.filed_at_ms, c.code) < (?, ?){handled}
             ORDER BY c.filed_at_ms DESC, c.code DESC LIMIT ?"
        ),
        params,
    )
}

/// Open cases at the same normalised address and of the same category, filed near `case`
/// (`accord_shared::duplicates` has the rule), newest first: an index lookup.
pub fn duplicate_candidates(sql: &SqlStorage, case: &Case) -> Result<Vec<Case>, ApiError> {
    let (from, to) = duplicate_window(case);
    select_records(
        sql,
        "SELECT record FROM cases
         WHERE category = ? AND address_key = ? AND open = 1
           AND filed_at_ms BETWEEN ? AND ? AND code != ?
         ORDER BY filed_at_ms DESC LIMIT ?",
        vec![
            case.category.clone().into(),
            address_key(case.address.as_str()).into(),
            from.timestamp_millis().into(),
            to.timestamp_millis().into(),
            case.code.to_string().into(),
            (MAX_DUPLICATES as i64 + 1).into(),
        ],
    )
}

/// Codes selected by a one-column `SELECT code …`.
fn codes(
    sql: &SqlStorage,
    query: &str,
    params: Vec<SqlStorageValue>,
) -> Result<Vec<String>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        code: String,
    }
    Ok(select::<Row>(sql, query, params)?
        .into_iter()
        .map(|r| r.code)
        .collect())
}

/// The cases the escalation ladder may move at `now`: nothing else is read.
pub fn escalation_candidates(
    sql: &SqlStorage,
    now: DateTime<Utc>,
) -> Result<Vec<String>, ApiError> {
    codes(
        sql,
        "SELECT code FROM cases WHERE escalate_at_ms IS NOT NULL AND escalate_at_ms <= ?
         ORDER BY escalate_at_ms",
        vec![now.timestamp_millis().into()],
    )
}

/// The ended cases whose retention period started before `before`.
pub fn erasure_candidates(
    sql: &SqlStorage,
    before: DateTime<Utc>,
) -> Result<Vec<String>, ApiError> {
    codes(
        sql,
        "SELECT code FROM cases WHERE erasable_since_ms IS NOT NULL AND erasable_since_ms < ?
         ORDER BY erasable_since_ms",
        vec![before.timestamp_millis().into()],
    )
}

/// What an Open311 listing reads: the named codes, or the cases filed in the window (of the
/// categories, if any), newest first, at most `limit`.
pub fn open311_page(
    sql: &SqlStorage,
    query: &crate::protocol::Open311Query,
) -> Result<Vec<Case>, ApiError> {
    let limit = query.limit.clamp(1, accord_shared::open311::MAX_REQUESTS) as i64;
    if !query.codes.is_empty() {
        let marks = vec!["?"; query.codes.len()].join(", ");
        let params = query.codes.iter().map(|c| c.clone().into()).collect();
        return select_records(
            sql,
            &format!("SELECT record FROM cases WHERE code IN ({marks}) ORDER BY filed_at_ms DESC, code DESC"),
            params,
        );
    }
    let mut params: Vec<SqlStorageValue> = vec![query.from_ms.into(), query.to_ms.into()];
    let categories = if query.categories.is_empty() {
        String::new()
    } else {
        params.extend(query.categories.iter().map(|c| c.clone().into()));
        format!(
            " AND category IN ({})",
            vec!["?"; query.categories.len()].join(", ")
        )
    };
    params.push(limit.into());
    select_records(
        sql,
        &format!(
            "SELECT record FROM cases WHERE filed_at_ms BETWEEN ? AND ?{categories}
             ORDER BY filed_at_ms DESC, code DESC LIMIT ?"
        ),
        params,
    )
}
