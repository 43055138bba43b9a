//! How a community object stores a case: its row (the record without its timeline, and the
//! indexed columns `accord_shared::case_index` derives from it), its events, and the
//! handlers' side table. Every write of a record writes its columns in the same statement,
//! so the two never disagree.

use crate::error::ApiError;
use crate::storage::{select, sql_err};
use accord_shared::case::{Case, TimelineEvent};
use accord_shared::case_index::{case_index, CaseIndex};
use accord_shared::search::search_terms;
use accord_shared::secret::sha256_hex;
use accord_shared::time_limits::TimeLimits;
use serde::{Deserialize, Serialize};
use worker::{SqlStorage, SqlStorageValue};

/// Version of the JSON stored in `cases.record` and `events.record`.
const RECORD_SCHEMA: u32 = 2;

#[derive(Serialize, Deserialize)]
struct StoredCase {
    schema: u32,
    /// The case without its timeline (kept in `events`).
    case: Case,
}

#[derive(Serialize, Deserialize)]
struct StoredEvent {
    schema: u32,
    event: TimelineEvent,
}

pub fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|_| ApiError::Internal)
}

pub fn from_json<T: for<'de> Deserialize<'de>>(raw: &str) -> Result<T, ApiError> {
    serde_json::from_str(raw).map_err(|err| {
        worker::console_error!("stored record does not parse: {err}");
        ApiError::Internal
    })
}

/// A row of `SELECT record …`.
#[derive(Deserialize)]
pub struct RecordRow {
    pub record: String,
}

/// Decodes rows of records (cases without their timelines).
pub fn records(rows: &[RecordRow]) -> Result<Vec<Case>, ApiError> {
    rows.iter()
        .map(|r| from_json::<StoredCase>(&r.record).map(|s| s.case))
        .collect()
}

/// Runs a `SELECT record …` and decodes what it selected (and nothing else).
pub fn select_records(
    sql: &SqlStorage,
    query: &str,
    params: Vec<SqlStorageValue>,
) -> Result<Vec<Case>, ApiError> {
    records(&select::<RecordRow>(sql, query, params)?)
}

/// Loads a case with its whole timeline, or `None`.
pub fn load_case(sql: &SqlStorage, code: &str) -> Result<Option<Case>, ApiError> {
    let Some(mut case) = select_records(
        sql,
        "SELECT record FROM cases WHERE code = ?",
        vec![code.into()],
    )?
    .into_iter()
    .next() else {
        return Ok(None);
    };
    let events: Vec<RecordRow> = select(
        sql,
        "SELECT record FROM events WHERE code = ? ORDER BY seq",
        vec![code.into()],
    )?;
    case.timeline = events
        .iter()
        .map(|e| from_json::<StoredEvent>(&e.record).map(|s| s.event))
        .collect::<Result<_, _>>()?;
    Ok(Some(case))
}

/// Calls `each` with every stored case and its whole timeline, a page of cases at a time (a
/// maintenance pass: the figures' recount and their check; no request of a user does this).
pub fn all_cases_paged(sql: &SqlStorage, mut each: impl FnMut(&Case)) -> Result<(), ApiError> {
    const PAGE: usize = 500;
    #[derive(Deserialize)]
    struct Row {
        code: String,
        record: String,
    }
    #[derive(Deserialize)]
    struct EventRow {
        code: String,
        record: String,
    }
    let mut after = String::new();
    loop {
        let rows: Vec<Row> = select(
            sql,
            "SELECT code, record FROM cases WHERE code > ? ORDER BY code LIMIT ?",
            vec![after.clone().into(), (PAGE as i64).into()],
        )?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        let last = last.code.clone();
        let events: Vec<EventRow> = select(
            sql,
            "SELECT code, record FROM events WHERE code > ? AND code <= ? ORDER BY code, seq",
            vec![after.clone().into(), last.clone().into()],
        )?;
        let mut events = events.into_iter().peekable();
        for row in &rows {
            let mut case = from_json::<StoredCase>(&row.record)?.case;
            while let Some(event) = events.next_if(|e| e.code <= row.code) {
                if event.code == row.code {
                    case.timeline
                        .push(from_json::<StoredEvent>(&event.record)?.event);
                }
            }
            each(&case);
        }
        if rows.len() < PAGE {
            return Ok(());
        }
        after = last;
    }
}

/// The stored record: the case without its timeline (kept in `events`).
fn record_json(case: &Case) -> Result<String, ApiError> {
    let mut stored = case.clone();
    stored.timeline = Vec::new();
    to_json(&StoredCase {
        schema: RECORD_SCHEMA,
        case: stored,
    })
}

/// The indexed columns, in the order [`column_values`] gives their values.
const COLUMNS: [&str; 13] = [
    "open",
    "unassigned",
    "high_risk",
    "escalated_street",
    "escalated_district",
    "due_ms",
    "escalate_at_ms",
    "erasable_since_ms",
    "lead",
    "grid",
    "category",
    "address_key",
    "status",
];

fn flag(value: bool) -> SqlStorageValue {
    i64::from(value).into()
}

fn optional_ms(value: Option<i64>) -> SqlStorageValue {
    value.map_or(SqlStorageValue::Null, Into::into)
}

fn column_values(case: &Case, index: &CaseIndex) -> Vec<SqlStorageValue> {
    vec![
        flag(index.open),
        flag(index.unassigned),
        flag(index.high_risk),
        flag(index.escalated_street),
        flag(index.escalated_district),
        optional_ms(index.due_ms),
        optional_ms(index.escalate_at_ms),
        optional_ms(index.erasable_since_ms),
        index.lead.clone().map_or(SqlStorageValue::Null, Into::into),
        index.grid.clone().into(),
        index.category.clone().into(),
        index.address_key.clone().into(),
        case.status.as_str().into(),
    ]
}

/// The handlers' side table of a case: one row per handler, with what "my work" pages on.
fn write_handlers(sql: &SqlStorage, case: &Case, index: &CaseIndex) -> Result<(), ApiError> {
    let code = case.code.to_string();
    sql.exec(
        "DELETE FROM case_handlers WHERE code = ?",
        vec![code.clone().into()],
    )
    .map_err(sql_err)?;
    for username in &index.handlers {
        sql.exec(
            "INSERT INTO case_handlers (username, code, open, filed_at_ms) VALUES (?, ?, ?, ?)",
            vec![
                username.clone().into(),
                code.clone().into(),
                flag(index.open),
                case.filed_at.timestamp_millis().into(),
            ],
        )
        .map_err(sql_err)?;
    }
    Ok(())
}

/// The search terms of a case (`accord_shared::search`), one row each, rewritten only when
/// they changed: `stored` is the fingerprint the case's row keeps of them (a hash, so the row
/// stays small).
fn write_terms(sql: &SqlStorage, case: &Case, stored: Option<&str>) -> Result<(), ApiError> {
    let terms = search_terms(case);
    let joined = sha256_hex(terms.join("\n").as_bytes());
    if stored == Some(joined.as_str()) {
        return Ok(());
    }
    let code = case.code.to_string();
    if stored.is_some() {
        sql.exec(
            "DELETE FROM case_terms WHERE code = ?",
            vec![code.clone().into()],
        )
        .map_err(sql_err)?;
    }
    for term in terms {
        sql.exec(
            "INSERT OR IGNORE INTO case_terms (term, code) VALUES (?, ?)",
            vec![term.into(), code.clone().into()],
        )
        .map_err(sql_err)?;
    }
    sql.exec(
        "UPDATE cases SET terms = ? WHERE code = ?",
        vec![joined.into(), code.into()],
    )
    .map_err(sql_err)?;
    Ok(())
}

/// Writes a new case: its row with its columns, its handlers and its first events. `case`
/// carries its timeline; `limits` are its community's.
pub fn insert_case(
    sql: &SqlStorage,
    case: &Case,
    year: i32,
    secret_hash: &str,
    limits: &TimeLimits,
) -> Result<(), ApiError> {
    let code = case.code.to_string();
    let index = case_index(case, limits);
    let names = [
        "code",
        "year",
        "seq",
        "filed_at_ms",
        "secret_hash",
        "record",
        // A new case has no sessions yet (scheduling one marks it).
        "has_sessions",
    ]
    .into_iter()
    .chain(COLUMNS)
    .collect::<Vec<_>>();
    let mut params: Vec<SqlStorageValue> = vec![
        code.clone().into(),
        i64::from(year).into(),
        i64::from(case.code.sequence()).into(),
        case.filed_at.timestamp_millis().into(),
        secret_hash.into(),
        record_json(case)?.into(),
        0_i64.into(),
    ];
    params.extend(column_values(case, &index));
    let query = format!(
        "INSERT INTO cases ({}) VALUES ({})",
        names.join(", "),
        vec!["?"; names.len()].join(", ")
    );
    sql.exec(&query, params).map_err(sql_err)?;
    write_handlers(sql, case, &index)?;
    write_terms(sql, case, None)?;
    append_events(sql, &code, &case.timeline)
}

/// Rewrites a case's row: its record (unless `with_record` is false) and its columns.
fn update_row(
    sql: &SqlStorage,
    case: &Case,
    limits: &TimeLimits,
    with_record: bool,
) -> Result<(), ApiError> {
    let index = case_index(case, limits);
    let mut sets: Vec<String> = COLUMNS.iter().map(|c| format!("{c} = ?")).collect();
    let mut params = column_values(case, &index);
    if with_record {
        sets.push("record = ?".into());
        params.push(record_json(case)?.into());
    }
    params.push(case.code.to_string().into());
    let query = format!("UPDATE cases SET {} WHERE code = ?", sets.join(", "));
    sql.exec(&query, params).map_err(sql_err)?;
    write_handlers(sql, case, &index)?;
    #[derive(Deserialize)]
    struct Terms {
        terms: String,
    }
    let stored: Vec<Terms> = select(
        sql,
        "SELECT terms FROM cases WHERE code = ?",
        vec![case.code.to_string().into()],
    )?;
    write_terms(sql, case, stored.first().map(|t| t.terms.as_str()))
}

fn append_events(sql: &SqlStorage, code: &str, events: &[TimelineEvent]) -> Result<(), ApiError> {
    for event in events {
        sql.exec(
            "INSERT INTO events (code, seq, at_ms, record) VALUES (?, ?, ?, ?)",
            vec![
                code.into(),
                i64::from(event.seq).into(),
                event.at.timestamp_millis().into(),
                to_json(&StoredEvent {
                    schema: RECORD_SCHEMA,
                    event: event.clone(),
                })?
                .into(),
            ],
        )
        .map_err(sql_err)?;
    }
    Ok(())
}

/// Saves a changed case: its row, its columns and the one event the change appended. `case`
/// carries its whole timeline.
pub fn save_change(
    sql: &SqlStorage,
    case: &Case,
    event: &TimelineEvent,
    limits: &TimeLimits,
) -> Result<(), ApiError> {
    update_row(sql, case, limits, true)?;
    append_events(sql, &case.code.to_string(), std::slice::from_ref(event))
}

/// Rewrites every stored event of a case (only erasure does this: personal data must not
/// survive in history) and its row.
pub fn rewrite_case(sql: &SqlStorage, case: &Case, limits: &TimeLimits) -> Result<(), ApiError> {
    let code = case.code.to_string();
    sql.exec(
        "DELETE FROM events WHERE code = ?",
        vec![code.clone().into()],
    )
    .map_err(sql_err)?;
    append_events(sql, &code, &case.timeline)?;
    update_row(sql, case, limits, true)
}

/// Re-derives the columns of a stored case (its record unchanged).
pub fn reindex_case(sql: &SqlStorage, case: &Case, limits: &TimeLimits) -> Result<(), ApiError> {
    update_row(sql, case, limits, false)
}
