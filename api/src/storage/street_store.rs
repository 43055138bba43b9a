//! `StreetStore`, the street-level Durable Object: street-wide idempotency claims (one key
//! names one filing even if a second body names another community), guessing throttles, and
//! the register of the street's numbered documents.

use crate::error::ApiError;
use crate::protocol::{
    self, CheckGuard, ClaimCommand, ClaimOutcome, ClearGuard, DocumentQuery, DocumentsOfCase,
    FailGuard, IssueDocument, VoidDocument,
};
use crate::storage::documents;
use crate::storage::sql_err;
use crate::storage::throttles;
use crate::storage::{open_database, Serve};
use serde::Deserialize;
use worker::{durable_object, DurableObject, Env, Request, Response, SqlStorage, State};

const MIGRATIONS: &[&str] = &[
    "CREATE TABLE idempotency_claims (
        key_hash TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        community TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
    )",
    throttles::TABLE,
    documents::TABLE,
    documents::INDEX,
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
            .on(|CheckGuard(cmd)| throttles::check(&sql, &cmd))
            .on(|FailGuard(cmd)| throttles::fail(&sql, &cmd))
            .on(|ClearGuard(cmd)| throttles::clear(&sql, &cmd))
            .on(|cmd: IssueDocument| documents::issue(&sql, cmd))
            .on(|query: DocumentsOfCase| documents::of_case(&sql, query))
            .on(|query: DocumentQuery| documents::get(&sql, query))
            .on(|cmd: VoidDocument| documents::void(&sql, cmd))
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
