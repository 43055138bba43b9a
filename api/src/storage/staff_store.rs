//! `StaffStore`, the staff Durable Object: accounts (Argon2id PHC strings, never passwords) and sessions
//! (token hashes, never tokens). One object, so signing out or disabling an account takes
//! effect at once everywhere.

use crate::error::ApiError;
use crate::password::verify_password;
use crate::protocol::{
    self, AddNotices, AdoptStreet, ApiClientByKey, AppendAudit, ChangePassword, CreateUser,
    IssueApiClient, IssueVolunteer, ListApiClients, ListNotices, ListPeople, ListUsers,
    ListVolunteers, LoginCommand, LogoutCommand, ReadAudit, ReadNotices, ResetPassword,
    RevokeApiClient, RevokeVolunteer, SeedAccounts, SignedInQuery, TamperAudit, UpdateUser,
    VolunteerSession,
};
use crate::protocol::{StaffPushNotify, StaffPushSubscribe, StaffPushUnsubscribe};
use crate::session::session_is_live;
use crate::storage::push_delivery;
use crate::storage::sql_err;
use crate::storage::{audit_log, open_database, Serve};
use accord_shared::accounts::UserSummary;
use accord_shared::audit::AuditRecord;
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::open311::ApiClient;
use accord_shared::staff::{Role, Scope};
use accord_shared::throttle::{self, Throttle};
use accord_shared::volunteer::VolunteerLink;
use accord_shared::wire::PushSubscribed;
use accord_shared::wire::{Me, Person};
use chrono::{DateTime, TimeZone, Utc};
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
    "ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0",
    "CREATE TABLE login_throttle (
        username TEXT PRIMARY KEY,
        record TEXT NOT NULL
    )",
    "CREATE TABLE audit (seq INTEGER PRIMARY KEY, record TEXT NOT NULL)",
    "CREATE TABLE volunteer_links (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        community TEXT NOT NULL,
        record TEXT NOT NULL
    )",
    // Notices to staff, newest highest; each person keeps the latest MAX_KEPT.
    "CREATE TABLE notices (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username TEXT NOT NULL,
        body TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0
    )",
    "CREATE INDEX notices_by_user ON notices (username, id)",
    // Open311 clients: each key only as its hash.
    "CREATE TABLE open311_clients (
        id TEXT PRIMARY KEY,
        key_hash TEXT NOT NULL UNIQUE,
        record TEXT NOT NULL
    )",
    // Staff members' browsers told of their cases (`push_delivery`), a few per person.
    push_delivery::CREATE_TABLE,
];

/// A well-formed PHC string that matches no password: verified against when the username is
/// unknown, so that a wrong username costs as much time as a wrong password.
const ABSENT_USER_PHC: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

#[durable_object(fetch)]
pub struct StaffStore {
    state: State,
    env: Env,
}

impl DurableObject for StaffStore {
    fn new(state: State, env: Env) -> Self {
        open_database(&state, MIGRATIONS, "staff");
        Self { state, env }
    }

    async fn fetch(&self, req: Request) -> worker::Result<Response> {
        let sql = self.state.storage().sql();
        let answer = Serve::<protocol::StaffStore>::decode(req)
            .await
            .on(|cmd: SeedAccounts| seed(&sql, cmd))
            .on(|_: ListPeople| people(&sql))
            .on(|cmd: LoginCommand| login(&sql, cmd))
            .on(|query: SignedInQuery| signed_in(&sql, query))
            .on(|cmd: LogoutCommand| logout(&sql, cmd))
            .on(|_: ListUsers| users(&sql))
            .on(|cmd: CreateUser| create_user(&sql, cmd))
            .on(|cmd: UpdateUser| update_user(&sql, cmd))
            .on(|cmd: ResetPassword| reset_password(&sql, cmd))
            .on(|cmd: ChangePassword| change_password(&sql, cmd))
            .on(|query: ReadAudit| audit_log::entries(&sql, &query))
            .on(|AppendAudit(record)| audit_log::append(&sql, record).map(|_| true))
            .on(|_: TamperAudit| audit_log::tamper(&sql))
            .on(|cmd: IssueVolunteer| issue_volunteer(&sql, cmd))
            .on(|_: ListVolunteers| volunteer_links(&sql))
            .on(|cmd: RevokeVolunteer| revoke_volunteer(&sql, cmd))
            .on(|query: VolunteerSession| volunteer_session(&sql, query))
            .on(|cmd: AdoptStreet| adopt_street(&sql, cmd))
            .on(|cmd: AddNotices| add_notices(&sql, cmd))
            .on(|query: ListNotices| list_notices(&sql, query))
            .on(|cmd: ReadNotices| read_notices(&sql, cmd))
            .on(|cmd: IssueApiClient| issue_api_client(&sql, cmd))
            .on(|_: ListApiClients| api_clients(&sql, None))
            .on(|cmd: RevokeApiClient| revoke_api_client(&sql, cmd))
            .on(|query: ApiClientByKey| {
                Ok(api_clients(&sql, Some(&query.key_hash))?
                    .into_iter()
                    .find(|c| !c.revoked))
            })
            .on(|cmd: StaffPushSubscribe| {
                push_delivery::subscribe(
                    &sql,
                    &cmd.subscription,
                    accord_shared::push::MAX_PER_PERSON,
                    cmd.now.timestamp_millis(),
                )
                .map(|()| PushSubscribed { subscribed: true })
            })
            .on(|cmd: StaffPushUnsubscribe| {
                push_delivery::unsubscribe(&sql, &cmd.username, &cmd.endpoint)
                    .map(|()| PushSubscribed { subscribed: false })
            })
            .on(|cmd: StaffPushNotify| staff_push(&sql, cmd))
            .finish();
        let succeeded = matches!(&answer, Ok(response) if response.status_code() < 300);
        push_delivery::send_after_commit(&self.state, &self.env, succeeded);
        answer
    }
}

/// Queues an event of a case for each person's browsers; answers how many messages.
fn staff_push(sql: &SqlStorage, cmd: StaffPushNotify) -> Result<u32, ApiError> {
    let mut queued = 0u32;
    for username in &cmd.to {
        let before = push_delivery::of_owner(sql, username)?.len();
        push_delivery::queue(sql, username, &cmd.case, cmd.kind)?;
        queued += u32::try_from(before).unwrap_or(0);
    }
    Ok(queued)
}

#[derive(Deserialize)]
struct RecordRow {
    record: String,
}

#[derive(Deserialize)]
struct UserRow {
    username: String,
    display_name: String,
    role: String,
    scope: String,
    password_phc: String,
    disabled: f64,
    must_change_password: f64,
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
            must_change_password: self.must_change_password != 0.0,
        })
    }
}

fn find_user(sql: &SqlStorage, username: &str) -> Result<Option<UserRow>, ApiError> {
    let rows: Vec<UserRow> = sql
        .exec(
            "SELECT username, display_name, role, scope, password_phc, disabled, must_change_password
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
            "SELECT username, display_name, role, scope, password_phc, disabled, must_change_password
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

fn record(
    sql: &SqlStorage,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    target: &str,
    origin: &str,
) -> Result<(), ApiError> {
    audit_log::append(
        sql,
        AuditRecord {
            at,
            actor: actor.to_owned(),
            action: action.to_owned(),
            target: target.to_owned(),
            origin: origin.to_owned(),
        },
    )
}

fn summary(row: &UserRow) -> Result<UserSummary, ApiError> {
    let me = row.me()?;
    Ok(UserSummary {
        username: me.username,
        display_name: me.display_name,
        role: me.role,
        scope: me.scope,
        disabled: row.disabled != 0.0,
        must_change_password: me.must_change_password,
    })
}

fn users(sql: &SqlStorage) -> Result<Vec<UserSummary>, ApiError> {
    let rows: Vec<UserRow> = sql
        .exec(
            "SELECT username, display_name, role, scope, password_phc, disabled, must_change_password
             FROM users ORDER BY username",
            None,
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    rows.iter().map(summary).collect()
}

fn role_text(role: Role) -> Result<String, ApiError> {
    serde_json::to_value(role)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .ok_or(ApiError::Internal)
}

fn taken() -> ApiError {
    ApiError::Field(FieldError::new("username", FieldProblem::Taken))
}

fn create_user(sql: &SqlStorage, cmd: CreateUser) -> Result<UserSummary, ApiError> {
    if find_user(sql, &cmd.username)?.is_some() {
        return Err(taken());
    }
    let scope = serde_json::to_string(&cmd.scope).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "INSERT INTO users (username, display_name, role, scope, password_phc, created_at_ms, must_change_password)
         VALUES (?, ?, ?, ?, ?, ?, 1)",
        vec![
            cmd.username.clone().into(),
            cmd.display_name.into(),
            role_text(cmd.role)?.into(),
            scope.into(),
            cmd.password_phc.into(),
            cmd.now.timestamp_millis().into(),
        ],
    )
    .map_err(sql_err)?;
    record(
        sql,
        cmd.now,
        &cmd.by,
        "user.created",
        &cmd.username,
        &cmd.origin,
    )?;
    let row = find_user(sql, &cmd.username)?.ok_or(ApiError::Internal)?;
    summary(&row)
}

fn end_sessions(sql: &SqlStorage, username: &str) -> Result<(), ApiError> {
    sql.exec(
        "DELETE FROM sessions WHERE username = ?",
        vec![username.into()],
    )
    .map_err(sql_err)?;
    Ok(())
}

/// Changes an account. Disabling it ends its sessions at once; role and scope changes take
/// effect on the next request because every request reads the account afresh.
fn update_user(sql: &SqlStorage, cmd: UpdateUser) -> Result<UserSummary, ApiError> {
    let row = find_user(sql, &cmd.username)?.ok_or(ApiError::NotFound)?;
    let current = row.me()?;
    let display_name = cmd.update.display_name.unwrap_or(current.display_name);
    let role = cmd.update.role.unwrap_or(current.role);
    let scope = cmd.update.scope.unwrap_or(current.scope);
    let disabled = cmd.update.disabled.unwrap_or(row.disabled != 0.0);
    let scope_json = serde_json::to_string(&scope).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "UPDATE users SET display_name = ?, role = ?, scope = ?, disabled = ? WHERE username = ?",
        vec![
            display_name.into(),
            role_text(role)?.into(),
            scope_json.into(),
            i64::from(disabled).into(),
            cmd.username.clone().into(),
        ],
    )
    .map_err(sql_err)?;
    if disabled {
        end_sessions(sql, &cmd.username)?;
    }
    let action = if disabled {
        "user.disabled"
    } else {
        "user.updated"
    };
    record(sql, cmd.now, &cmd.by, action, &cmd.username, &cmd.origin)?;
    let row = find_user(sql, &cmd.username)?.ok_or(ApiError::Internal)?;
    summary(&row)
}

/// An admin's reset: a temporary password, every session ended, a change required.
fn reset_password(sql: &SqlStorage, cmd: ResetPassword) -> Result<UserSummary, ApiError> {
    find_user(sql, &cmd.username)?.ok_or(ApiError::NotFound)?;
    sql.exec(
        "UPDATE users SET password_phc = ?, must_change_password = 1 WHERE username = ?",
        vec![cmd.password_phc.into(), cmd.username.clone().into()],
    )
    .map_err(sql_err)?;
    end_sessions(sql, &cmd.username)?;
    sql.exec(
        "DELETE FROM login_throttle WHERE username = ?",
        vec![cmd.username.clone().into()],
    )
    .map_err(sql_err)?;
    record(
        sql,
        cmd.now,
        &cmd.by,
        "user.password_reset",
        &cmd.username,
        &cmd.origin,
    )?;
    let row = find_user(sql, &cmd.username)?.ok_or(ApiError::Internal)?;
    summary(&row)
}

/// The user's own change: the current password proves it is them; every session (this one
/// included) is replaced by one new session.
fn change_password(sql: &SqlStorage, cmd: ChangePassword) -> Result<Me, ApiError> {
    let row = find_user(sql, &cmd.username)?.ok_or(ApiError::Unauthenticated)?;
    // Wrong current passwords count with wrong sign-ins, under the same lock: a stolen
    // session cannot guess the password faster than the sign-in page can.
    let throttle = load_throttle(sql, &cmd.username, cmd.now)?;
    if let Some(retry_after) = throttle.retry_after(cmd.now) {
        return Err(ApiError::TooManyAttempts { retry_after });
    }
    if !verify_password(&row.password_phc, &cmd.current_password) {
        let failed = count_wrong_password(sql, &cmd.username, throttle, cmd.now)?;
        record(
            sql,
            cmd.now,
            &cmd.username,
            "user.password_change_failed",
            &cmd.username,
            &cmd.origin,
        )?;
        return Err(match failed.retry_after(cmd.now) {
            Some(retry_after) => ApiError::TooManyAttempts { retry_after },
            None => ApiError::Field(FieldError::new("current_password", FieldProblem::Mismatch)),
        });
    }
    sql.exec(
        "DELETE FROM login_throttle WHERE username = ?",
        vec![cmd.username.clone().into()],
    )
    .map_err(sql_err)?;
    sql.exec(
        "UPDATE users SET password_phc = ?, must_change_password = 0 WHERE username = ?",
        vec![cmd.new_password_phc.into(), cmd.username.clone().into()],
    )
    .map_err(sql_err)?;
    end_sessions(sql, &cmd.username)?;
    record(
        sql,
        cmd.now,
        &cmd.username,
        "user.password_changed",
        &cmd.username,
        &cmd.origin,
    )?;
    let now_ms = cmd.now.timestamp_millis();
    sql.exec(
        "INSERT INTO sessions (token_hash, username, created_at_ms, last_seen_ms) VALUES (?, ?, ?, ?)",
        vec![
            cmd.new_token_hash.into(),
            cmd.username.clone().into(),
            now_ms.into(),
            now_ms.into(),
        ],
    )
    .map_err(sql_err)?;
    find_user(sql, &cmd.username)?
        .ok_or(ApiError::Internal)?
        .me()
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

fn load_throttle(
    sql: &SqlStorage,
    username: &str,
    now: DateTime<Utc>,
) -> Result<Throttle, ApiError> {
    let rows: Vec<RecordRow> = sql
        .exec(
            "SELECT record FROM login_throttle WHERE username = ?",
            vec![username.into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    Ok(rows
        .into_iter()
        .next()
        .and_then(|row| serde_json::from_str(&row.record).ok())
        .unwrap_or_else(|| Throttle::new(now)))
}

/// Counts one wrong password against the username; answers the throttle as it now stands.
fn count_wrong_password(
    sql: &SqlStorage,
    username: &str,
    throttle: Throttle,
    now: DateTime<Utc>,
) -> Result<Throttle, ApiError> {
    let failed = throttle.fail(throttle::LOGIN, now);
    let stored = serde_json::to_string(&failed).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "INSERT INTO login_throttle (username, record) VALUES (?, ?)
         ON CONFLICT (username) DO UPDATE SET record = excluded.record",
        vec![username.into(), stored.into()],
    )
    .map_err(sql_err)?;
    Ok(failed)
}

/// Signs in. Wrong passwords are counted per username (known or not, so the answer tells
/// nothing about which accounts exist); too many lock the username for a while.
fn login(sql: &SqlStorage, cmd: LoginCommand) -> Result<Me, ApiError> {
    let username = cmd.username.trim();
    let throttle = load_throttle(sql, username, cmd.now)?;
    if let Some(retry_after) = throttle.retry_after(cmd.now) {
        return Err(ApiError::TooManyAttempts { retry_after });
    }
    let user = find_user(sql, username)?;
    let phc = user
        .as_ref()
        .map(|u| u.password_phc.as_str())
        .unwrap_or(ABSENT_USER_PHC);
    let verified = verify_password(phc, &cmd.password);
    let user = match user {
        Some(user) if verified && user.disabled == 0.0 => user,
        _ => {
            let failed = count_wrong_password(sql, username, throttle, cmd.now)?;
            record(
                sql,
                cmd.now,
                username,
                "session.login_failed",
                username,
                &cmd.origin,
            )?;
            return Err(match failed.retry_after(cmd.now) {
                Some(retry_after) => ApiError::TooManyAttempts { retry_after },
                None => ApiError::InvalidCredentials,
            });
        }
    };
    sql.exec(
        "DELETE FROM login_throttle WHERE username = ?",
        vec![username.into()],
    )
    .map_err(sql_err)?;
    let me = user.me()?;
    record(
        sql,
        cmd.now,
        username,
        "session.login",
        username,
        &cmd.origin,
    )?;
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

/// The account a sign-in cookie belongs to, if the sign-in is still live.
fn signed_in(sql: &SqlStorage, query: SignedInQuery) -> Result<Me, ApiError> {
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

fn logout(sql: &SqlStorage, cmd: LogoutCommand) -> Result<bool, ApiError> {
    sql.exec(
        "DELETE FROM sessions WHERE token_hash = ?",
        vec![cmd.token_hash.into()],
    )
    .map_err(sql_err)?;
    Ok(true)
}

fn issue_volunteer(sql: &SqlStorage, cmd: IssueVolunteer) -> Result<VolunteerLink, ApiError> {
    let record = serde_json::to_string(&cmd.link).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "INSERT INTO volunteer_links (id, token_hash, community, record) VALUES (?, ?, ?, ?)",
        vec![
            cmd.link.id.clone().into(),
            cmd.token_hash.into(),
            cmd.link.community.clone().into(),
            record.into(),
        ],
    )
    .map_err(sql_err)?;
    let target = format!("volunteer:{}", cmd.link.id);
    record_audit(
        sql,
        cmd.link.issued_at,
        &cmd.link.issued_by,
        "volunteer.issued",
        &target,
        &cmd.origin,
    )?;
    Ok(cmd.link)
}

fn issue_api_client(sql: &SqlStorage, cmd: IssueApiClient) -> Result<ApiClient, ApiError> {
    let record = serde_json::to_string(&cmd.client).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "INSERT INTO open311_clients (id, key_hash, record) VALUES (?, ?, ?)",
        vec![
            cmd.client.id.clone().into(),
            cmd.key_hash.into(),
            record.into(),
        ],
    )
    .map_err(sql_err)?;
    record_audit(
        sql,
        cmd.client.issued_at,
        &cmd.client.issued_by,
        "open311.client_issued",
        &format!("open311:{}", cmd.client.id),
        &cmd.origin,
    )?;
    Ok(cmd.client)
}

fn revoke_api_client(sql: &SqlStorage, cmd: RevokeApiClient) -> Result<ApiClient, ApiError> {
    let rows: Vec<RecordRow> = sql
        .exec(
            "SELECT record FROM open311_clients WHERE id = ?",
            vec![cmd.id.clone().into()],
        )
        .and_then(|cursor| cursor.to_array())
        .map_err(sql_err)?;
    let row = rows.first().ok_or(ApiError::NotFound)?;
    let client: ApiClient = serde_json::from_str(&row.record).map_err(|_| ApiError::Internal)?;
    if client.revoked {
        return Ok(client);
    }
    let client = client.revoked(cmd.at, &cmd.by);
    let record = serde_json::to_string(&client).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "UPDATE open311_clients SET record = ? WHERE id = ?",
        vec![record.into(), cmd.id.clone().into()],
    )
    .map_err(sql_err)?;
    record_audit(
        sql,
        cmd.at,
        &cmd.by,
        "open311.client_revoked",
        &format!("open311:{}", cmd.id),
        &cmd.origin,
    )?;
    Ok(client)
}

/// The Open311 clients, newest first; with a key's hash, only the one it belongs to.
fn api_clients(sql: &SqlStorage, key_hash: Option<&str>) -> Result<Vec<ApiClient>, ApiError> {
    let rows: Vec<RecordRow> = match key_hash {
        Some(hash) => sql.exec(
            "SELECT record FROM open311_clients WHERE key_hash = ?",
            vec![hash.to_owned().into()],
        ),
        None => sql.exec(
            "SELECT record FROM open311_clients ORDER BY rowid DESC",
            None,
        ),
    }
    .and_then(|cursor| cursor.to_array())
    .map_err(sql_err)?;
    rows.iter()
        .map(|row| serde_json::from_str(&row.record).map_err(|_| ApiError::Internal))
        .collect()
}

fn record_audit(
    sql: &SqlStorage,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    target: &str,
    origin: &str,
) -> Result<(), ApiError> {
    record(sql, at, actor, action, target, origin)
}

fn volunteer_links(sql: &SqlStorage) -> Result<Vec<VolunteerLink>, ApiError> {
    let rows: Vec<RecordRow> = sql
        .exec(
            "SELECT record FROM volunteer_links ORDER BY rowid DESC",
            None,
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    rows.iter()
        .map(|r| serde_json::from_str(&r.record).map_err(|_| ApiError::Internal))
        .collect()
}

/// Revokes a link at once; a link of a community outside the revoker's scope answers 404.
fn revoke_volunteer(sql: &SqlStorage, cmd: RevokeVolunteer) -> Result<VolunteerLink, ApiError> {
    let rows: Vec<RecordRow> = sql
        .exec(
            "SELECT record FROM volunteer_links WHERE id = ?",
            vec![cmd.id.clone().into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let mut link: VolunteerLink = rows
        .first()
        .and_then(|r| serde_json::from_str(&r.record).ok())
        .ok_or(ApiError::NotFound)?;
    if let Some(communities) = &cmd.communities {
        if !communities.contains(&link.community) {
            return Err(ApiError::NotFound);
        }
    }
    link.revoked = true;
    let record = serde_json::to_string(&link).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "UPDATE volunteer_links SET record = ? WHERE id = ?",
        vec![record.into(), cmd.id.clone().into()],
    )
    .map_err(sql_err)?;
    record_audit(
        sql,
        cmd.now,
        &cmd.by,
        "volunteer.revoked",
        &format!("volunteer:{}", cmd.id),
        &cmd.origin,
    )?;
    Ok(link)
}

/// The live link a token opens, or 401 (unknown, expired and revoked alike).
fn volunteer_session(sql: &SqlStorage, query: VolunteerSession) -> Result<VolunteerLink, ApiError> {
    let rows: Vec<RecordRow> = sql
        .exec(
            "SELECT record FROM volunteer_links WHERE token_hash = ?",
            vec![query.token_hash.into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    rows.first()
        .and_then(|r| serde_json::from_str::<VolunteerLink>(&r.record).ok())
        .filter(|link| link.is_live(query.now))
        .ok_or(ApiError::Unauthenticated)
}

/// The migration from the single-street version: a scope of "the street" (`{"kind":"street"}`,
/// with no id) becomes a scope of the street it meant. Running it again changes nothing.
fn adopt_street(sql: &SqlStorage, cmd: AdoptStreet) -> Result<u32, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        username: String,
        scope: String,
    }
    let rows: Vec<Row> = sql
        .exec("SELECT username, scope FROM users", None)
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let named =
        serde_json::to_string(&Scope::street(&cmd.street)).map_err(|_| ApiError::Internal)?;
    let mut changed = 0;
    for row in rows {
        let scope: Scope = serde_json::from_str(&row.scope).map_err(|_| ApiError::Internal)?;
        if scope == Scope::street("") {
            sql.exec(
                "UPDATE users SET scope = ? WHERE username = ?",
                vec![named.clone().into(), row.username.into()],
            )
            .map_err(sql_err)?;
            changed += 1;
        }
    }
    Ok(changed)
}

fn add_notices(sql: &SqlStorage, cmd: AddNotices) -> Result<u32, ApiError> {
    let mut people: Vec<&str> = Vec::new();
    for addressed in &cmd.notices {
        let body = serde_json::to_string(&addressed.notice).map_err(|_| ApiError::Internal)?;
        sql.exec(
            "INSERT INTO notices (username, body) VALUES (?, ?)",
            vec![addressed.to.as_str().into(), body.into()],
        )
        .map_err(sql_err)?;
        if !people.contains(&addressed.to.as_str()) {
            people.push(&addressed.to);
        }
    }
    // An escalation is also pushed to its handlers' browsers that opted in.
    for addressed in &cmd.notices {
        if addressed.notice.kind == accord_shared::notices::NoticeKind::Escalated {
            push_delivery::queue(
                sql,
                &addressed.to,
                &addressed.notice.case_code,
                accord_shared::push::PushKind::Escalated,
            )?;
        }
    }
    for username in people {
        sql.exec(
            "DELETE FROM notices WHERE username = ?1 AND id NOT IN
               (SELECT id FROM notices WHERE username = ?1 ORDER BY id DESC LIMIT ?2)",
            vec![
                username.into(),
                (accord_shared::notices::MAX_KEPT as i64).into(),
            ],
        )
        .map_err(sql_err)?;
    }
    u32::try_from(cmd.notices.len()).map_err(|_| ApiError::Internal)
}

fn list_notices(
    sql: &SqlStorage,
    query: ListNotices,
) -> Result<accord_shared::notices::NoticesPage, ApiError> {
    use accord_shared::notices::{NoticeView, NoticesPage, PAGE_SIZE};
    #[derive(Deserialize)]
    struct Row {
        id: f64,
        body: String,
        read: f64,
    }
    #[derive(Deserialize)]
    struct Count {
        n: f64,
    }
    let rows: Vec<Row> = sql
        .exec(
            "SELECT id, body, read FROM notices WHERE username = ? AND id < ?
             ORDER BY id DESC LIMIT ?",
            vec![
                query.username.as_str().into(),
                query.before.unwrap_or(i64::MAX).into(),
                (i64::from(PAGE_SIZE) + 1).into(),
            ],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let unread: Vec<Count> = sql
        .exec(
            "SELECT COUNT(*) AS n FROM notices WHERE username = ? AND read = 0",
            vec![query.username.as_str().into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let more = rows.len() > PAGE_SIZE as usize;
    let items = rows
        .iter()
        .take(PAGE_SIZE as usize)
        .map(|row| {
            Ok(NoticeView {
                id: row.id as i64,
                notice: serde_json::from_str(&row.body).map_err(|_| ApiError::Internal)?,
                read: row.read != 0.0,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(NoticesPage {
        next_before: if more {
            items.last().map(|n| n.id)
        } else {
            None
        },
        items,
        unread: unread.first().map_or(0, |c| c.n as u32),
    })
}

fn read_notices(sql: &SqlStorage, cmd: ReadNotices) -> Result<u32, ApiError> {
    let changed = sql
        .exec(
            "UPDATE notices SET read = 1 WHERE username = ? AND id <= ? AND read = 0",
            vec![cmd.username.as_str().into(), cmd.up_to.into()],
        )
        .map_err(sql_err)?
        .rows_written();
    u32::try_from(changed).map_err(|_| ApiError::Internal)
}
