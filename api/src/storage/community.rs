//! One SQLite-backed Durable Object per community: its cases, their append-only timelines and
//! the idempotency records of filings. Single-threaded and transactional: every operation
//! reads and writes in one synchronous stretch with no `.await` in between, so it commits
//! atomically and concurrent requests cannot interleave.

use crate::error::ApiError;
use crate::http::parse_json;
use crate::protocol::{community_ops, DetailQuery, FileCommand, QueueQuery, TrackCommand};
use crate::storage::{answer, decode_op, migrate};
use accord_shared::case::{Case, TimelineEvent};
use accord_shared::code::CaseCode;
use accord_shared::queue::queue_item;
use accord_shared::secret::{constant_time_eq, CaseSecret};
use accord_shared::time::local_year;
use accord_shared::wire::{CaseDetail, FiledCase, PublicCase, QueueItem};
use serde::{Deserialize, Serialize};
use worker::{durable_object, DurableObject, Env, Request, Response, SqlStorage, State};

const MIGRATIONS: &[&str] = &[
    "CREATE TABLE cases (
        code TEXT PRIMARY KEY,
        year INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        status TEXT NOT NULL,
        filed_at_ms INTEGER NOT NULL,
        secret_hash TEXT NOT NULL,
        record TEXT NOT NULL,
        UNIQUE (year, seq)
    )",
    "CREATE INDEX cases_by_age ON cases (filed_at_ms, code)",
    "CREATE TABLE events (
        code TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at_ms INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (code, seq)
    )",
    "CREATE TABLE idempotency (
        key_hash TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        code TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
    )",
];

/// Version of the JSON stored in `cases.record` and `events.record`.
const RECORD_SCHEMA: u32 = 1;

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

/// The answer to a filing, and whether it repeats an earlier one.
#[derive(Debug, Serialize, Deserialize)]
pub struct FileReply {
    pub filed: FiledCase,
    pub replayed: bool,
}

#[durable_object(fetch)]
pub struct CommunityStore {
    state: State,
    env: Env,
}

impl DurableObject for CommunityStore {
    fn new(state: State, env: Env) -> Self {
        if let Err(err) = migrate(&state.storage().sql(), MIGRATIONS) {
            worker::console_error!("community migration failed: {err}");
        }
        Self { state, env }
    }

    async fn fetch(&self, mut req: Request) -> worker::Result<Response> {
        let (op, body) = match decode_op(&mut req).await {
            Ok(decoded) => decoded,
            Err(err) => return crate::http::error_response(&err),
        };
        let sql = self.state.storage().sql();
        match op.as_str() {
            community_ops::FILE => answer(
                parse_json::<FileCommand>(&body)
                    .and_then(|cmd| file(&sql, &server_key(&self.env)?, cmd)),
            ),
            community_ops::TRACK => {
                answer(parse_json::<TrackCommand>(&body).and_then(|cmd| track(&sql, cmd)))
            }
            community_ops::QUEUE => {
                answer(parse_json::<QueueQuery>(&body).and_then(|q| queue(&sql, q)))
            }
            community_ops::DETAIL => {
                answer(parse_json::<DetailQuery>(&body).and_then(|q| detail(&sql, q)))
            }
            _ => crate::http::error_response(&ApiError::NotFound),
        }
    }
}

/// The server's key for deriving case secrets (`CASE_SECRET_KEY`, 64 hex digits).
fn server_key(env: &Env) -> Result<Vec<u8>, ApiError> {
    let raw = env
        .secret("CASE_SECRET_KEY")
        .map(|s| s.to_string())
        .or_else(|_| env.var("CASE_SECRET_KEY").map(|v| v.to_string()))
        .map_err(|_| {
            worker::console_error!("CASE_SECRET_KEY is not configured");
            ApiError::Internal
        })?;
    let raw = raw.trim();
    let bytes: Option<Vec<u8>> = (0..raw.len())
        .step_by(2)
        .map(|i| {
            raw.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect();
    match bytes {
        Some(bytes) if bytes.len() >= 32 => Ok(bytes),
        _ => {
            worker::console_error!("CASE_SECRET_KEY must be at least 64 hex digits");
            Err(ApiError::Internal)
        }
    }
}

fn sql_err(err: worker::Error) -> ApiError {
    worker::console_error!("sql: {err}");
    ApiError::Internal
}

fn to_json<T: Serialize>(value: &T) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|_| ApiError::Internal)
}

fn from_json<T: for<'de> Deserialize<'de>>(raw: &str) -> Result<T, ApiError> {
    serde_json::from_str(raw).map_err(|err| {
        worker::console_error!("stored record does not parse: {err}");
        ApiError::Internal
    })
}

#[derive(Deserialize)]
struct RecordRow {
    record: String,
}

/// Loads a case with its whole timeline, or `None`.
fn load_case(sql: &SqlStorage, code: &str) -> Result<Option<Case>, ApiError> {
    let rows: Vec<RecordRow> = sql
        .exec("SELECT record FROM cases WHERE code = ?", vec![code.into()])
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let Some(row) = rows.into_iter().next() else {
        return Ok(None);
    };
    let mut case = from_json::<StoredCase>(&row.record)?.case;
    let events: Vec<RecordRow> = sql
        .exec(
            "SELECT record FROM events WHERE code = ? ORDER BY seq",
            vec![code.into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    case.timeline = events
        .iter()
        .map(|e| from_json::<StoredEvent>(&e.record).map(|s| s.event))
        .collect::<Result<_, _>>()?;
    Ok(Some(case))
}

fn file(sql: &SqlStorage, server_key: &[u8], cmd: FileCommand) -> Result<FileReply, ApiError> {
    let key_hash = crate::idempotency::key_hash(&cmd.idempotency_key);
    #[derive(Deserialize)]
    struct Claimed {
        fingerprint: String,
        code: String,
    }
    let claimed: Vec<Claimed> = sql
        .exec(
            "SELECT fingerprint, code FROM idempotency WHERE key_hash = ?",
            vec![key_hash.clone().into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    if let Some(previous) = claimed.into_iter().next() {
        if previous.fingerprint != cmd.fingerprint {
            return Err(ApiError::IdempotencyKeyReused);
        }
        let case = load_case(sql, &previous.code)?.ok_or(ApiError::Internal)?;
        let secret = CaseSecret::derive(server_key, &cmd.idempotency_key, &previous.code)
            .ok_or(ApiError::Internal)?;
        return Ok(FileReply {
            filed: FiledCase {
                code: previous.code,
                secret: Some(secret.display_grouped()),
                case: PublicCase::from(&case),
            },
            replayed: true,
        });
    }

    let year = local_year(cmd.now);
    #[derive(Deserialize)]
    struct Next {
        next: f64,
    }
    let next: Vec<Next> = sql
        .exec(
            "SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM cases WHERE year = ?",
            vec![i64::from(year).into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let seq = next.first().map(|n| n.next as u32).unwrap_or(1);
    let code = CaseCode::new(&cmd.code_prefix, cmd.community_number, year, seq)
        .ok_or(ApiError::Internal)?;
    let code_text = code.to_string();
    let secret = CaseSecret::derive(server_key, &cmd.idempotency_key, &code_text)
        .ok_or(ApiError::Internal)?;
    let case = Case::file(cmd.filing, code, cmd.channel, cmd.recorded_by, cmd.now);
    let filed_at_ms = case.filed_at.timestamp_millis();

    let mut stored = case.clone();
    let timeline = std::mem::take(&mut stored.timeline);
    sql.exec(
        "INSERT INTO cases (code, year, seq, status, filed_at_ms, secret_hash, record)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        vec![
            code_text.clone().into(),
            i64::from(year).into(),
            i64::from(seq).into(),
            case.status.as_str().into(),
            filed_at_ms.into(),
            secret.hash_for(&code_text).into(),
            to_json(&StoredCase {
                schema: RECORD_SCHEMA,
                case: stored,
            })?
            .into(),
        ],
    )
    .map_err(sql_err)?;
    for event in timeline {
        sql.exec(
            "INSERT INTO events (code, seq, at_ms, record) VALUES (?, ?, ?, ?)",
            vec![
                code_text.clone().into(),
                i64::from(event.seq).into(),
                event.at.timestamp_millis().into(),
                to_json(&StoredEvent {
                    schema: RECORD_SCHEMA,
                    event,
                })?
                .into(),
            ],
        )
        .map_err(sql_err)?;
    }
    sql.exec(
        "INSERT INTO idempotency (key_hash, fingerprint, code, created_at_ms) VALUES (?, ?, ?, ?)",
        vec![
            key_hash.into(),
            cmd.fingerprint.into(),
            code_text.clone().into(),
            filed_at_ms.into(),
        ],
    )
    .map_err(sql_err)?;
    Ok(FileReply {
        filed: FiledCase {
            code: code_text,
            secret: Some(secret.display_grouped()),
            case: PublicCase::from(&case),
        },
        replayed: false,
    })
}

/// Hash compared when the code is unknown, so both failures cost the same.
const ABSENT_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn track(sql: &SqlStorage, cmd: TrackCommand) -> Result<PublicCase, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        secret_hash: String,
    }
    let rows: Vec<Row> = sql
        .exec(
            "SELECT secret_hash FROM cases WHERE code = ?",
            vec![cmd.code.clone().into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let stored = rows.into_iter().next().map(|r| r.secret_hash);
    let presented = CaseSecret::parse(&cmd.secret)
        .map(|s| s.hash_for(&cmd.code))
        .unwrap_or_default();
    let matches = constant_time_eq(stored.as_deref().unwrap_or(ABSENT_HASH), &presented);
    if !(matches && stored.is_some()) {
        return Err(ApiError::CaseNotFound);
    }
    let case = load_case(sql, &cmd.code)?.ok_or(ApiError::CaseNotFound)?;
    Ok(PublicCase::from(&case))
}

fn queue(sql: &SqlStorage, query: QueueQuery) -> Result<Vec<QueueItem>, ApiError> {
    let (after_ms, after_code) = query.after.unwrap_or((i64::MIN, String::new()));
    let limit = i64::try_from(query.limit.clamp(1, 101)).unwrap_or(21);
    let rows: Vec<RecordRow> = sql
        .exec(
            "SELECT record FROM cases
             WHERE status NOT IN ('closed', 'rejected')
               AND (filed_at_ms > ? OR (filed_at_ms = ? AND code > ?))
             ORDER BY filed_at_ms, code
             LIMIT ?",
            vec![
                after_ms.into(),
                after_ms.into(),
                after_code.into(),
                limit.into(),
            ],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    rows.iter()
        .map(|r| from_json::<StoredCase>(&r.record).map(|s| queue_item(&s.case)))
        .collect()
}

fn detail(sql: &SqlStorage, query: DetailQuery) -> Result<CaseDetail, ApiError> {
    let case = load_case(sql, &query.code)?.ok_or(ApiError::NotFound)?;
    Ok(CaseDetail::from(&case))
}
