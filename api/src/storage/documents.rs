//! The street's register of issued documents, kept in its `StreetStore`: one row per number
//! (kind, year, sequence). The number is claimed and the document stored in one synchronous
//! stretch of the object, so concurrent requests get consecutive numbers with no gap and no
//! repeat; a void document keeps its row, so its number is never handed out again.

use crate::error::ApiError;
use crate::protocol::{DocumentQuery, DocumentsOfCase, IssueDocument, VoidDocument};
use crate::storage::{select, select_bodies, sql_err};
use accord_shared::documents::{self, DocumentInput, IssuedDocument};
use accord_shared::time::local_date;
use chrono::Datelike;
use serde::Deserialize;
use worker::SqlStorage;

/// The register's table and its index (in the street object's migration list).
pub const TABLE: &str = "CREATE TABLE documents (
        kind TEXT NOT NULL,
        year INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        case_code TEXT NOT NULL,
        key_hash TEXT UNIQUE,
        issued_at_ms INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (kind, year, seq)
    )";
pub const INDEX: &str = "CREATE INDEX documents_by_case ON documents (case_code, issued_at_ms)";

/// Issues a document: the one this idempotency key already issued, or the next number of its
/// kind and year, rendered in both languages and stored.
pub fn issue(sql: &SqlStorage, cmd: IssueDocument) -> Result<IssuedDocument, ApiError> {
    if let Some(key) = &cmd.key_hash {
        let done: Vec<IssuedDocument> = select_bodies(
            sql,
            "SELECT body FROM documents WHERE key_hash = ?",
            vec![key.clone().into()],
        )?;
        if let Some(done) = done.into_iter().next() {
            if done.case_code != cmd.case.code.to_string() || done.document.kind != cmd.kind {
                return Err(ApiError::IdempotencyKeyReused);
            }
            return Ok(done);
        }
    }
    let issued_on = local_date(cmd.now);
    let mut input = DocumentInput {
        case: &cmd.case,
        directory: &cmd.directory,
        people: &cmd.people,
        session: cmd.session.as_ref(),
        agreement: cmd.agreement.as_ref(),
        agreement_number: cmd.agreement_number.as_ref(),
        confirmations: &cmd.confirmations,
        issued_on,
        seq: 1,
    };
    // Check before claiming: a refused document claims no number.
    documents::check(cmd.kind, &input).map_err(ApiError::from)?;
    #[derive(Deserialize)]
    struct Next {
        next: f64,
    }
    let next: Vec<Next> = select(
        sql,
        "SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM documents WHERE kind = ? AND year = ?",
        vec![cmd.kind.code().into(), issued_on.year().into()],
    )?;
    let seq = next.first().map_or(1, |n| n.next as u32);
    input.seq = seq;
    let issued = documents::issue(cmd.kind, &input, &cmd.issued_by, cmd.now)?;
    let body = serde_json::to_string(&issued).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "INSERT INTO documents (kind, year, seq, case_code, key_hash, issued_at_ms, body)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        vec![
            cmd.kind.code().into(),
            issued_on.year().into(),
            (seq as i64).into(),
            issued.case_code.clone().into(),
            cmd.key_hash.into(),
            cmd.now.timestamp_millis().into(),
            body.into(),
        ],
    )
    .map_err(sql_err)?;
    Ok(issued)
}

/// The documents of one case, oldest first (read through `documents_by_case`).
pub fn of_case(sql: &SqlStorage, query: DocumentsOfCase) -> Result<Vec<IssuedDocument>, ApiError> {
    select_bodies(
        sql,
        "SELECT body FROM documents WHERE case_code = ? ORDER BY issued_at_ms, kind, seq",
        vec![query.code.into()],
    )
}

fn load(sql: &SqlStorage, query: &DocumentQuery) -> Result<IssuedDocument, ApiError> {
    let found: Vec<IssuedDocument> = select_bodies(
        sql,
        "SELECT body FROM documents WHERE kind = ? AND year = ? AND seq = ? AND case_code = ?",
        vec![
            query.kind.code().into(),
            (query.year as i64).into(),
            (query.seq as i64).into(),
            query.code.clone().into(),
        ],
    )?;
    found.into_iter().next().ok_or(ApiError::NotFound)
}

/// One document of a case; another case's number answers 404.
pub fn get(sql: &SqlStorage, query: DocumentQuery) -> Result<IssuedDocument, ApiError> {
    load(sql, &query)
}

/// Marks a document void, keeping its number and content.
pub fn void(sql: &SqlStorage, cmd: VoidDocument) -> Result<IssuedDocument, ApiError> {
    let issued = load(sql, &cmd.document)?;
    let voided = issued.void(&cmd.reason, cmd.now)?;
    let body = serde_json::to_string(&voided).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "UPDATE documents SET body = ? WHERE kind = ? AND year = ? AND seq = ?",
        vec![
            body.into(),
            cmd.document.kind.code().into(),
            (cmd.document.year as i64).into(),
            (cmd.document.seq as i64).into(),
        ],
    )
    .map_err(sql_err)?;
    Ok(voided)
}
