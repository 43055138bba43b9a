//! `StreetStore`, the street-level Durable Object: street-wide idempotency claims (one key
//! names one filing even if a second body names another community) and guessing throttles.

use crate::error::ApiError;
use crate::protocol::{
    self, CheckGuard, ClaimCommand, ClaimOutcome, ClearGuard, FailGuard, GuardCommand,
};
use crate::storage::sql_err;
use crate::storage::{open_database, Serve};
use accord_shared::throttle::Throttle;
use chrono::Duration;
use serde::Deserialize;
use worker::{durable_object, DurableObject, Env, Request, Response, SqlStorage, State};

const MIGRATIONS: &[&str] = &[
    "CREATE TABLE idempotency_claims (
        key_hash TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        community TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
    )",
    "CREATE TABLE throttles (
        key TEXT PRIMARY KEY,
        record TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL
    )",
];

#[durable_object(fetch)]
pub struct StreetStore {
    state: State,
}

impl DurableObject for StreetStore {
    fn new(state: State, _env: Env) -> Self {
        open_database(&state, MIGRATIONS, "street");
        Self { state }
    }

    async fn fetch(&self, req: Request) -> worker::Result<Response> {
        let sql = self.state.storage().sql();
        Serve::<protocol::StreetStore>::decode(req)
            .await
            .on(|cmd: ClaimCommand| claim(&sql, cmd))
            .on(|CheckGuard(cmd)| guard_check(&sql, cmd))
            .on(|FailGuard(cmd)| guard_fail(&sql, cmd))
            .on(|ClearGuard(cmd)| guard_clear(&sql, cmd))
            .finish()
    }
}

fn claim(sql: &SqlStorage, cmd: ClaimCommand) -> Result<ClaimOutcome, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        fingerprint: String,
    }
    let rows: Vec<Row> = sql
        .exec(
            "SELECT fingerprint FROM idempotency_claims WHERE key_hash = ?",
            vec![cmd.key_hash.clone().into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    if let Some(row) = rows.into_iter().next() {
        return Ok(if row.fingerprint == cmd.fingerprint {
            ClaimOutcome::Proceed
        } else {
            ClaimOutcome::Conflict
        });
    }
    sql.exec(
        "INSERT INTO idempotency_claims (key_hash, fingerprint, community, created_at_ms)
         VALUES (?, ?, ?, ?)",
        vec![
            cmd.key_hash.into(),
            cmd.fingerprint.into(),
            cmd.community.into(),
            cmd.now.timestamp_millis().into(),
        ],
    )
    .map_err(sql_err)?;
    Ok(ClaimOutcome::Proceed)
}

fn load_throttle(sql: &SqlStorage, key: &str, cmd: &GuardCommand) -> Result<Throttle, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        record: String,
    }
    let rows: Vec<Row> = sql
        .exec(
            "SELECT record FROM throttles WHERE key = ?",
            vec![key.into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    Ok(rows
        .into_iter()
        .next()
        .and_then(|r| serde_json::from_str(&r.record).ok())
        .unwrap_or_else(|| Throttle::new(cmd.now)))
}

/// The longest wait any of the keys imposes, if one is locked.
fn guard_check(sql: &SqlStorage, cmd: GuardCommand) -> Result<Option<i64>, ApiError> {
    let mut wait = None;
    for (key, _) in &cmd.keys {
        if let Some(seconds) = load_throttle(sql, key, &cmd)?.retry_after(cmd.now) {
            wait = Some(wait.map_or(seconds, |w: i64| w.max(seconds)));
        }
    }
    Ok(wait)
}

/// Counts a failure against every key; answers the wait if that locked one.
fn guard_fail(sql: &SqlStorage, cmd: GuardCommand) -> Result<Option<i64>, ApiError> {
    // Forget what no rule can still need (a day is longer than any window or lock).
    sql.exec(
        "DELETE FROM throttles WHERE updated_at_ms < ?",
        vec![(cmd.now - Duration::days(1)).timestamp_millis().into()],
    )
    .map_err(sql_err)?;
    let mut wait = None;
    for (key, rule) in &cmd.keys {
        let next = load_throttle(sql, key, &cmd)?.fail(*rule, cmd.now);
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

fn guard_clear(sql: &SqlStorage, cmd: GuardCommand) -> Result<bool, ApiError> {
    for (key, _) in &cmd.keys {
        sql.exec(
            "DELETE FROM throttles WHERE key = ?",
            vec![key.clone().into()],
        )
        .map_err(sql_err)?;
    }
    Ok(true)
}
