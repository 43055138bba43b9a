//! Guessing throttles kept in an object's `throttles` table (the street's, and each
//! community's for the codes it holds): failures per key in a window, `accord_shared::throttle`
//! deciding when a key is locked.

use crate::error::ApiError;
use crate::protocol::GuardCommand;
use crate::storage::{select, sql_err};
use accord_shared::throttle::Throttle;
use chrono::Duration;
use serde::Deserialize;
use worker::SqlStorage;

/// The table every object with throttles creates (the same statement in each migration list).
pub const TABLE: &str = "CREATE TABLE throttles (
        key TEXT PRIMARY KEY,
        record TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL
    )";

fn load(sql: &SqlStorage, key: &str, cmd: &GuardCommand) -> Result<Throttle, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        record: String,
    }
    let rows: Vec<Row> = select(
        sql,
        "SELECT record FROM throttles WHERE key = ?",
        vec![key.into()],
    )?;
    Ok(rows
        .into_iter()
        .next()
        .and_then(|r| serde_json::from_str(&r.record).ok())
        .unwrap_or_else(|| Throttle::new(cmd.now)))
}

/// The longest wait any of the keys imposes, if one is locked.
pub fn check(sql: &SqlStorage, cmd: &GuardCommand) -> Result<Option<i64>, ApiError> {
    let mut wait = None;
    for (key, _) in &cmd.keys {
        if let Some(seconds) = load(sql, key, cmd)?.retry_after(cmd.now) {
            wait = Some(wait.map_or(seconds, |w: i64| w.max(seconds)));
        }
    }
    Ok(wait)
}

/// Counts a failure against every key; answers the wait if that locked one.
pub fn fail(sql: &SqlStorage, cmd: &GuardCommand) -> Result<Option<i64>, ApiError> {
    // Forget what no rule can still need (a day is longer than any window or lock).
    sql.exec(
        "DELETE FROM throttles WHERE updated_at_ms < ?",
        vec![(cmd.now - Duration::days(1)).timestamp_millis().into()],
    )
    .map_err(sql_err)?;
    let mut wait = None;
    for (key, rule) in &cmd.keys {
        let next = load(sql, key, cmd)?.fail(*rule, cmd.now);
        let record = serde_json::to_string(&next).map_err(|_| ApiError::Internal)?;
        sql.exec(
            "INSERT INTO throttles (key, record, updated_at_ms) VALUES (?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET record = excluded.record,
                                             updated_at_ms = excluded.updated_at_ms",
            vec![
                key.clone().into(),
                record.into(),
                cmd.now.timestamp_millis().into(),
            ],
        )
        .map_err(sql_err)?;
        if let Some(seconds) = next.retry_after(cmd.now) {
            wait = Some(wait.map_or(seconds, |w: i64| w.max(seconds)));
        }
    }
    Ok(wait)
}

/// Forgets every key's failures.
pub fn clear(sql: &SqlStorage, cmd: &GuardCommand) -> Result<bool, ApiError> {
    for (key, _) in &cmd.keys {
        sql.exec(
            "DELETE FROM throttles WHERE key = ?",
            vec![key.clone().into()],
        )
        .map_err(sql_err)?;
    }
    Ok(true)
}
