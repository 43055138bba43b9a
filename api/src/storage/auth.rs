//! The staff Durable Object: accounts (Argon2id PHC strings, never passwords) and sessions
//! (token hashes, never tokens). One object, so signing out or disabling an account takes
//! effect at once everywhere.

use crate::error::ApiError;
use crate::http::parse_json;
use crate::password::verify_password;
use crate::protocol::{auth_ops, LoginCommand, SeedAccounts, SessionQuery};
use crate::session::session_is_live;
use crate::storage::{answer, decode_op, migrate};
use accord_shared::staff::{Role, Scope};
use accord_shared::wire::{Me, Person};
use chrono::{TimeZone, Utc};
use serde::Deserialize;
use worker::{durable_object, DurableObject, Env, Request, Response, SqlStorage, State};

const MIGRATIONS: &[&str] = &[
    "CREATE TABLE users (
        username TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL,
        scope TEXT NOT NULL,
        password_phc TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at_ms INTEGER NOT NULL
    )",
    "CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        username TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        last_seen_ms INTEGER NOT NULL
    )",
    "CREATE INDEX sessions_by_user ON sessions (username)",
];

/// A well-formed PHC string that matches no password: verified against when the username is
/// unknown, so that a wrong username costs as much time as a wrong password.
const ABSENT_USER_PHC: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

#[durable_object(fetch)]
pub struct StaffStore {
    state: State,
}

impl DurableObject for StaffStore {
    fn new(state: State, _env: Env) -> Self {
        if let Err(err) = migrate(&state.storage().sql(), MIGRATIONS) {
            worker::console_error!("staff migration failed: {err}");
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
            auth_ops::SEED => answer(parse_json::<SeedAccounts>(&body).and_then(|s| seed(&sql, s))),
            auth_ops::PEOPLE => answer(people(&sql)),
            auth_ops::LOGIN => {
                answer(parse_json::<LoginCommand>(&body).and_then(|cmd| login(&sql, cmd)))
            }
            auth_ops::SESSION => {
                answer(parse_json::<SessionQuery>(&body).and_then(|q| session(&sql, q)))
            }
            auth_ops::LOGOUT => {
                answer(parse_json::<SessionQuery>(&body).and_then(|q| logout(&sql, q)))
            }
            _ => crate::http::error_response(&ApiError::NotFound),
        }
    }
}

fn sql_err(err: worker::Error) -> ApiError {
    worker::console_error!("sql: {err}");
    ApiError::Internal
}

#[derive(Deserialize)]
struct UserRow {
    username: String,
    display_name: String,
    role: String,
    scope: String,
    password_phc: String,
    disabled: f64,
}

impl UserRow {
    fn me(&self) -> Result<Me, ApiError> {
        let role: Role = serde_json::from_value(serde_json::Value::String(self.role.clone()))
            .map_err(|_| ApiError::Internal)?;
        let scope: Scope = serde_json::from_str(&self.scope).map_err(|_| ApiError::Internal)?;
        Ok(Me {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role,
            scope,
        })
    }
}

fn find_user(sql: &SqlStorage, username: &str) -> Result<Option<UserRow>, ApiError> {
    let rows: Vec<UserRow> = sql
        .exec(
            "SELECT username, display_name, role, scope, password_phc, disabled
             FROM users WHERE username = ?",
            vec![username.into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    Ok(rows.into_iter().next())
}

/// Every enabled account, as someone who can be made a handler.
fn people(sql: &SqlStorage) -> Result<Vec<Person>, ApiError> {
    let rows: Vec<UserRow> = sql
        .exec(
            "SELECT username, display_name, role, scope, password_phc, disabled
             FROM users WHERE disabled = 0 ORDER BY username",
            None,
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    rows.iter()
        .map(|row| {
            row.me().map(|me| Person {
                username: me.username,
                display_name: me.display_name,
                role: me.role,
                scope: me.scope,
            })
        })
        .collect()
}

/// Creates the accounts that do not exist yet; existing ones are left as they are.
fn seed(sql: &SqlStorage, seed: SeedAccounts) -> Result<Vec<String>, ApiError> {
    let mut created = Vec::new();
    for account in seed.accounts {
        if find_user(sql, &account.username)?.is_some() {
            continue;
        }
        let role = serde_json::to_value(account.role)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .ok_or(ApiError::Internal)?;
        let scope = serde_json::to_string(&account.scope).map_err(|_| ApiError::Internal)?;
        sql.exec(
            "INSERT INTO users (username, display_name, role, scope, password_phc, created_at_ms)
             VALUES (?, ?, ?, ?, ?, ?)",
            vec![
                account.username.clone().into(),
                account.display_name.into(),
                role.into(),
                scope.into(),
                account.password_phc.into(),
                seed.now.timestamp_millis().into(),
            ],
        )
        .map_err(sql_err)?;
        created.push(account.username);
    }
    Ok(created)
}

fn login(sql: &SqlStorage, cmd: LoginCommand) -> Result<Me, ApiError> {
    let user = find_user(sql, cmd.username.trim())?;
    let phc = user
        .as_ref()
        .map(|u| u.password_phc.as_str())
        .unwrap_or(ABSENT_USER_PHC);
    let verified = verify_password(phc, &cmd.password);
    let user = match user {
        Some(user) if verified && user.disabled == 0.0 => user,
        _ => return Err(ApiError::InvalidCredentials),
    };
    let me = user.me()?;
    let now_ms = cmd.now.timestamp_millis();
    sql.exec(
        "INSERT INTO sessions (token_hash, username, created_at_ms, last_seen_ms) VALUES (?, ?, ?, ?)",
        vec![
            cmd.token_hash.into(),
            user.username.into(),
            now_ms.into(),
            now_ms.into(),
        ],
    )
    .map_err(sql_err)?;
    Ok(me)
}

fn session(sql: &SqlStorage, query: SessionQuery) -> Result<Me, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        username: String,
        created_at_ms: f64,
        last_seen_ms: f64,
    }
    let rows: Vec<Row> = sql
        .exec(
            "SELECT username, created_at_ms, last_seen_ms FROM sessions WHERE token_hash = ?",
            vec![query.token_hash.clone().into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let row = rows.into_iter().next().ok_or(ApiError::Unauthenticated)?;
    let at = |ms: f64| Utc.timestamp_millis_opt(ms as i64).single();
    let live = match (at(row.created_at_ms), at(row.last_seen_ms)) {
        (Some(created), Some(last_seen)) => session_is_live(created, last_seen, query.now),
        _ => false,
    };
    let user = find_user(sql, &row.username)?.filter(|u| u.disabled == 0.0);
    let user = match user {
        Some(user) if live => user,
        _ => {
            sql.exec(
                "DELETE FROM sessions WHERE token_hash = ?",
                vec![query.token_hash.into()],
            )
            .map_err(sql_err)?;
            return Err(ApiError::Unauthenticated);
        }
    };
    sql.exec(
        "UPDATE sessions SET last_seen_ms = ? WHERE token_hash = ?",
        vec![query.now.timestamp_millis().into(), query.token_hash.into()],
    )
    .map_err(sql_err)?;
    user.me()
}

fn logout(sql: &SqlStorage, query: SessionQuery) -> Result<bool, ApiError> {
    sql.exec(
        "DELETE FROM sessions WHERE token_hash = ?",
        vec![query.token_hash.into()],
    )
    .map_err(sql_err)?;
    Ok(true)
}
