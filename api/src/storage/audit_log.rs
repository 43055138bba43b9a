//! The audit table every Durable Object keeps: append-only, hash-chained.

use crate::error::ApiError;
use crate::protocol::{AuditLog, ReadAudit};
use crate::storage::sql_err;
use accord_shared::audit::{append as chain_append, audit_page, verify, AuditEntry, AuditRecord};
use serde::Deserialize;
use worker::SqlStorage;

#[derive(Deserialize)]
struct Row {
    record: String,
}

fn parse(row: &Row) -> Result<AuditEntry, ApiError> {
    serde_json::from_str(&row.record).map_err(|_| ApiError::Internal)
}

/// Appends one entry, chained to the last one.
pub fn append(sql: &SqlStorage, record: AuditRecord) -> Result<(), ApiError> {
    let last: Vec<Row> = sql
        .exec("SELECT record FROM audit ORDER BY seq DESC LIMIT 1", None)
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let previous = last.first().map(parse).transpose()?;
    let entry = chain_append(previous.as_ref(), record);
    let json = serde_json::to_string(&entry).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "INSERT INTO audit (seq, record) VALUES (?, ?)",
        vec![(entry.seq as i64).into(), json.into()],
    )
    .map_err(sql_err)?;
    Ok(())
}

/// A page of the chain, with the check of all of it (which reads every entry: a chain is
/// verified from its start).
pub fn entries(sql: &SqlStorage, query: &ReadAudit) -> Result<AuditLog, ApiError> {
    let rows: Vec<Row> = sql
        .exec("SELECT record FROM audit ORDER BY seq", None)
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let chain = rows.iter().map(parse).collect::<Result<Vec<_>, _>>()?;
    let page = audit_page(
        &chain,
        &query.filter,
        query.before,
        query.limit.unwrap_or(chain.len()),
    );
    Ok(AuditLog {
        check: verify(&chain),
        entries: page.entries,
        matching: page.matching,
        next_before: page.next_before,
    })
}

/// Test support only (the route exists only with `ACCORD_TEST_CLOCK=1`): changes the actor
/// of the first entry behind the chain's back, as an attacker with database access would.
pub fn tamper(sql: &SqlStorage) -> Result<bool, ApiError> {
    let rows: Vec<Row> = sql
        .exec("SELECT record FROM audit ORDER BY seq LIMIT 1", None)
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let Some(row) = rows.first() else {
        return Ok(false);
    };
    let mut entry = parse(row)?;
    entry.record.actor = format!("{}-forged", entry.record.actor);
    let json = serde_json::to_string(&entry).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "UPDATE audit SET record = ? WHERE seq = ?",
        vec![json.into(), (entry.seq as i64).into()],
    )
    .map_err(sql_err)?;
    Ok(true)
}
