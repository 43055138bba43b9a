//! The street-level Durable Object: street-wide idempotency claims (one key names one filing
//! even if a second body names another community).

use crate::error::ApiError;
use crate::http::parse_json;
use crate::protocol::{street_ops, ClaimCommand, ClaimOutcome};
use crate::storage::{answer, decode_op, migrate};
use serde::Deserialize;
use worker::{durable_object, DurableObject, Env, Request, Response, SqlStorage, State};

const MIGRATIONS: &[&str] = &["CREATE TABLE idempotency_claims (
        key_hash TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        community TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
    )"];

#[durable_object(fetch)]
pub struct StreetStore {
    state: State,
}

impl DurableObject for StreetStore {
    fn new(state: State, _env: Env) -> Self {
        if let Err(err) = migrate(&state.storage().sql(), MIGRATIONS) {
            worker::console_error!("street migration failed: {err}");
        }
        Self { state }
    }

    async fn fetch(&self, mut req: Request) -> worker::Result<Response> {
        let (op, body) = match decode_op(&mut req).await {
            Ok(decoded) => decoded,
            Err(err) => return crate::http::error_response(&err),
        };
        let sql = self.state.storage().sql();
        match op.as_str() {
            street_ops::CLAIM_IDEMPOTENCY_KEY => {
                answer(parse_json::<ClaimCommand>(&body).and_then(|cmd| claim(&sql, cmd)))
            }
            _ => crate::http::error_response(&ApiError::NotFound),
        }
    }
}

fn claim(sql: &SqlStorage, cmd: ClaimCommand) -> Result<ClaimOutcome, ApiError> {
    let sql_err = |err: worker::Error| {
        worker::console_error!("sql: {err}");
        ApiError::Internal
    };
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
