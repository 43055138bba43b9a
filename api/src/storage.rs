//! The only module that touches Durable Object and KV bindings; binding, key and table names
//! live here and in its submodules.

pub mod audit_log;
pub mod auth;
pub mod calendar;
pub mod community;
pub mod street;

use crate::error::ApiError;
use accord_shared::directory::Directory;
use accord_shared::wire::ErrorBody;
use serde::de::DeserializeOwned;
use serde::Serialize;
use worker::{Env, Headers, Method, Request, RequestInit, Response, Stub};

/// Workers KV namespace holding the street directory.
const DIRECTORY_KV: &str = "DIRECTORY";
const DIRECTORY_KEY: &str = "directory:v1";
/// Durable Object namespaces.
const COMMUNITY_DO: &str = "COMMUNITY";
const STREET_DO: &str = "STREET";
const STAFF_DO: &str = "STAFF";
const CALENDAR_DO: &str = "CALENDAR";
const CALENDAR_OBJECT_NAME: &str = "calendar";
/// The one staff-directory object and the one street object (named, so every isolate finds
/// the same instance).
const STAFF_OBJECT_NAME: &str = "staff";
const STREET_OBJECT_NAME: &str = "street";

/// The directory as stored (raw JSON), or `None` before the first seed.
pub async fn directory_json(env: &Env) -> Result<Option<String>, ApiError> {
    Ok(env.kv(DIRECTORY_KV)?.get(DIRECTORY_KEY).text().await?)
}

pub async fn directory(env: &Env) -> Result<Directory, ApiError> {
    let raw = directory_json(env)
        .await?
        .ok_or(ApiError::DirectoryMissing)?;
    serde_json::from_str(&raw).map_err(|err| {
        worker::console_error!("stored directory does not parse: {err}");
        ApiError::Internal
    })
}

pub async fn put_directory(env: &Env, directory: &Directory) -> Result<(), ApiError> {
    let raw = serde_json::to_string(directory).map_err(|_| ApiError::Internal)?;
    env.kv(DIRECTORY_KV)?
        .put(DIRECTORY_KEY, raw)?
        .execute()
        .await?;
    Ok(())
}

pub fn community_object(env: &Env, community_id: &str) -> Result<Stub, ApiError> {
    Ok(env
        .durable_object(COMMUNITY_DO)?
        .get_by_name(community_id)?)
}

pub fn street_object(env: &Env) -> Result<Stub, ApiError> {
    Ok(env
        .durable_object(STREET_DO)?
        .get_by_name(STREET_OBJECT_NAME)?)
}

pub fn calendar_object(env: &Env) -> Result<Stub, ApiError> {
    Ok(env
        .durable_object(CALENDAR_DO)?
        .get_by_name(CALENDAR_OBJECT_NAME)?)
}

pub fn staff_object(env: &Env) -> Result<Stub, ApiError> {
    Ok(env
        .durable_object(STAFF_DO)?
        .get_by_name(STAFF_OBJECT_NAME)?)
}

/// Sends one operation to a Durable Object and decodes its answer. An error the object
/// rendered (4xx) is passed through unchanged.
pub async fn call<Req: Serialize, Resp: DeserializeOwned>(
    stub: &Stub,
    op: &str,
    body: &Req,
) -> Result<Resp, ApiError> {
    let payload = serde_json::to_string(body).map_err(|_| ApiError::Internal)?;
    let headers = Headers::new();
    headers.set("content-type", "application/json")?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        .with_body(Some(payload.into()));
    let req = Request::new_with_init(&format!("https://object{op}"), &init)?;
    let mut resp = stub.fetch_with_request(req).await?;
    let status = resp.status_code();
    let text = resp.text().await?;
    if (200..300).contains(&status) {
        return serde_json::from_str(&text).map_err(|err| {
            worker::console_error!("object answer to {op} does not parse: {err}");
            ApiError::Internal
        });
    }
    match serde_json::from_str::<ErrorBody>(&text) {
        Ok(body) if (400..500).contains(&status) => Err(ApiError::Upstream { status, body }),
        _ => {
            worker::console_error!("object answered {op} with {status}");
            Err(ApiError::Internal)
        }
    }
}

/// A storage failure: logged (no personal data reaches it), answered as 500.
pub fn sql_err(err: worker::Error) -> ApiError {
    worker::console_error!("sql: {err}");
    ApiError::Internal
}

/// Decodes an operation sent by [`call`]: its path and JSON body.
pub async fn decode_op(req: &mut Request) -> Result<(String, Vec<u8>), ApiError> {
    let path = req.path();
    let body = req.bytes().await?;
    Ok((path, body))
}

/// Renders an object's answer to an operation.
pub fn answer<T: Serialize>(result: Result<T, ApiError>) -> worker::Result<Response> {
    crate::http::reply(result.and_then(|value| crate::http::json(&value, 200)))
}

/// Opens an object's database: runs its migrations, logging (not panicking) on failure so
/// the object still answers, with 500s, and the log says why.
pub fn open_database(state: &worker::State, migrations: &[&str], object: &str) {
    if let Err(err) = migrate(&state.storage().sql(), migrations) {
        worker::console_error!("{object} migration failed: {err}");
    }
}

/// Schema migrations run by each object's constructor: each statement is idempotent, and the
/// applied version is recorded in the object's own table.
pub fn migrate(sql: &worker::SqlStorage, migrations: &[&str]) -> worker::Result<()> {
    sql.exec(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
        None,
    )?;
    #[derive(serde::Deserialize)]
    struct Row {
        version: Option<f64>,
    }
    let current = sql
        .exec("SELECT MAX(version) AS version FROM schema_version", None)?
        .to_array::<Row>()?
        .into_iter()
        .next()
        .and_then(|r| r.version)
        .map(|v| v as usize)
        .unwrap_or(0);
    for (index, statement) in migrations.iter().enumerate().skip(current) {
        sql.exec(statement, None)?;
        sql.exec(
            "INSERT INTO schema_version (version) VALUES (?)",
            vec![((index + 1) as i64).into()],
        )?;
    }
    Ok(())
}
