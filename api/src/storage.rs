//! The only module that touches Durable Object and KV bindings; binding, key and table names
//! live here and in its submodules.

pub mod agreements;
pub mod audit_log;
pub mod calendar_store;
pub mod case_photos;
pub mod case_queries;
pub mod case_rows;
pub mod community_store;
pub mod confidential_notes;
pub mod documents;
pub mod push_delivery;
pub mod staff_store;
pub mod stat_cells;
pub mod stat_members;
pub mod street_store;
pub mod throttles;

use crate::error::ApiError;
use crate::http::{json, parse_json, reply};
use crate::protocol::{CalendarStore, CommunityStore, Operation, StaffStore, Store, StreetStore};
use accord_shared::directory::{Directory, StoredDirectory, Street};
use accord_shared::wire::ErrorBody;
use std::cell::RefCell;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};
use worker::{Env, Headers, Method, Request, RequestInit, Response, Stub};

/// Workers KV namespace holding the street directory.
const DIRECTORY_KV: &str = "DIRECTORY";
const DIRECTORY_KEY: &str = "directory:v1";
/// Durable Object namespaces (bindings in `wrangler.toml`), one per class.
const COMMUNITY_STORE_BINDING: &str = "COMMUNITY";
const STREET_STORE_BINDING: &str = "STREET";
const STAFF_STORE_BINDING: &str = "STAFF";
const CALENDAR_STORE_BINDING: &str = "CALENDAR";
/// The names of the district-wide objects (named, so every isolate finds the same instance).
const CALENDAR_STORE_NAME: &str = "calendar";
const STAFF_STORE_NAME: &str = "staff";
/// A street's object is `street:<street id>`; the street migrated from the single-street
/// version keeps the name its object had then.
const STREET_STORE_PREFIX: &str = "street:";
const KEPT_STREET_STORE_NAME: &str = "street";

/// How long an isolate keeps the directory it read from KV before reading it again. KV
/// itself takes up to a minute to spread a change, so a few seconds more staleness changes
/// nothing for other isolates; this isolate sees its own writes at once.
const DIRECTORY_CACHE_MS: f64 = 5_000.0;

/// The directory this isolate read last: when, the stored JSON, and the decoded directory
/// once it is current (a directory of an older schema is never kept decoded).
struct CachedDirectory {
    read_at_ms: f64,
    raw: String,
    decoded: Option<Directory>,
}

thread_local! {
    static DIRECTORY_CACHE: RefCell<Option<CachedDirectory>> = const { RefCell::new(None) };
}

fn cached_directory<T>(read: impl FnOnce(&CachedDirectory) -> Option<T>) -> Option<T> {
    let now = worker::Date::now().as_millis() as f64;
    DIRECTORY_CACHE.with(|cache| {
        cache
            .borrow()
            .as_ref()
            .filter(|c| now - c.read_at_ms < DIRECTORY_CACHE_MS && c.read_at_ms <= now)
            .and_then(read)
    })
}

fn remember_directory(raw: String, decoded: Option<Directory>) {
    let read_at_ms = worker::Date::now().as_millis() as f64;
    DIRECTORY_CACHE.with(|cache| {
        *cache.borrow_mut() = Some(CachedDirectory {
            read_at_ms,
            raw,
            decoded,
        })
    });
}

/// The directory as stored (raw JSON), or `None` before the first seed.
pub async fn directory_json(env: &Env) -> Result<Option<String>, ApiError> {
    if let Some(raw) = cached_directory(|c| Some(c.raw.clone())) {
        return Ok(Some(raw));
    }
    let raw = env.kv(DIRECTORY_KV)?.get(DIRECTORY_KEY).text().await?;
    if let Some(raw) = &raw {
        remember_directory(raw.clone(), None);
    }
    Ok(raw)
}

/// The directory. One stored by the single-street version is migrated on first read: the
/// district directory is written back, and accounts scoped to "the street" are given its id.
pub async fn directory(env: &Env) -> Result<Directory, ApiError> {
    if let Some(directory) = cached_directory(|c| c.decoded.clone()) {
        return Ok(directory);
    }
    let raw = directory_json(env)
        .await?
        .ok_or(ApiError::DirectoryMissing)?;
    let stored = StoredDirectory::parse(&raw).map_err(|err| {
        worker::console_error!("stored directory does not parse: {err}");
        ApiError::Internal
    })?;
    if let Some(street) = stored.migrated_street {
        // Accounts first: if writing the directory fails, the next read migrates again, and
        // naming the street of a scope twice changes nothing.
        staff_store(env)?
            .call(&crate::protocol::AdoptStreet { street })
            .await?;
        put_directory(env, &stored.directory).await?;
        worker::console_log!(
            "directory migrated to schema {}",
            stored.directory.schema_version
        );
    } else {
        remember_directory(raw, Some(stored.directory.clone()));
    }
    Ok(stored.directory)
}

/// Stores the directory; this isolate reads the new one from then on.
pub async fn put_directory(env: &Env, directory: &Directory) -> Result<(), ApiError> {
    let raw = serde_json::to_string(directory).map_err(|_| ApiError::Internal)?;
    env.kv(DIRECTORY_KV)?
        .put(DIRECTORY_KEY, raw.clone())?
        .execute()
        .await?;
    remember_directory(raw, Some(directory.clone()));
    Ok(())
}

/// Changes one part of the stored directory: `edit` is given the newest directory this
/// isolate knows and returns the next one, in one synchronous stretch after the read, so two
/// parts saved at once through this isolate each build on the other (the second sees the
/// first before the first is written). KV keeps the last write; across isolates a save
/// builds on a directory at most a few seconds old.
pub async fn edit_directory(
    env: &Env,
    edit: impl FnOnce(&Directory) -> Result<Directory, ApiError>,
) -> Result<Directory, ApiError> {
    let read = directory(env).await?;
    let current = cached_directory(|c| c.decoded.clone()).unwrap_or(read);
    let next = edit(&current)?;
    let raw = serde_json::to_string(&next).map_err(|_| ApiError::Internal)?;
    remember_directory(raw.clone(), Some(next.clone()));
    if let Err(err) = write_directory(env, raw).await {
        // What was not stored is not kept: the next read goes to KV.
        DIRECTORY_CACHE.with(|cache| *cache.borrow_mut() = None);
        return Err(err);
    }
    Ok(next)
}

async fn write_directory(env: &Env, raw: String) -> Result<(), ApiError> {
    env.kv(DIRECTORY_KV)?
        .put(DIRECTORY_KEY, raw)?
        .execute()
        .await?;
    Ok(())
}

/// Durable Object calls this isolate has sent, for the benchmark's count of round trips per
/// user action (read by `GET /api/dev/round-trips`, between requests sent one at a time).
static ROUND_TRIPS: AtomicU64 = AtomicU64::new(0);

/// How many object calls this isolate has sent since it started.
pub fn round_trips() -> u64 {
    ROUND_TRIPS.load(Ordering::Relaxed)
}

/// A stub of one object of class `S`: it takes only `S`'s operations.
pub struct Client<S> {
    stub: Stub,
    store: PhantomData<S>,
}

fn client<S: Store>(env: &Env, binding: &str, name: &str) -> Result<Client<S>, ApiError> {
    Ok(Client {
        stub: env.durable_object(binding)?.get_by_name(name)?,
        store: PhantomData,
    })
}

/// The object-storage bucket of case photos (an R2 binding in `wrangler.toml`).
const PHOTOS_BUCKET: &str = "PHOTOS";

/// Stores a photo's image under `key` (the same key and bytes again change nothing).
pub async fn put_photo(env: &Env, key: &str, bytes: Vec<u8>, mime: &str) -> Result<(), ApiError> {
    env.bucket(PHOTOS_BUCKET)?
        .put(key, bytes)
        .http_metadata(worker::HttpMetadata {
            content_type: Some(mime.to_owned()),
            ..Default::default()
        })
        .execute()
        .await?;
    Ok(())
}

/// A photo's image, if it is stored.
pub async fn get_photo(env: &Env, key: &str) -> Result<Option<Vec<u8>>, ApiError> {
    let Some(object) = env.bucket(PHOTOS_BUCKET)?.get(key).execute().await? else {
        return Ok(None);
    };
    match object.body() {
        Some(body) => Ok(Some(body.bytes().await?)),
        None => Ok(None),
    }
}

/// Deletes photos' images (deleting one already gone is no error).
pub async fn delete_photos(env: &Env, keys: &[String]) -> Result<(), ApiError> {
    if keys.is_empty() {
        return Ok(());
    }
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    env.bucket(PHOTOS_BUCKET)?.delete_multiple(keys).await?;
    Ok(())
}

/// The object of one community.
pub fn community_store(env: &Env, community_id: &str) -> Result<Client<CommunityStore>, ApiError> {
    client(env, COMMUNITY_STORE_BINDING, community_id)
}

/// The object of one street: its idempotency claims and guessing throttles.
pub fn street_store(env: &Env, street: &Street) -> Result<Client<StreetStore>, ApiError> {
    let name = if street.kept_object_names {
        KEPT_STREET_STORE_NAME.to_owned()
    } else {
        format!("{STREET_STORE_PREFIX}{}", street.id)
    };
    client(env, STREET_STORE_BINDING, &name)
}

pub fn calendar_store(env: &Env) -> Result<Client<CalendarStore>, ApiError> {
    client(env, CALENDAR_STORE_BINDING, CALENDAR_STORE_NAME)
}

pub fn staff_store(env: &Env) -> Result<Client<StaffStore>, ApiError> {
    client(env, STAFF_STORE_BINDING, STAFF_STORE_NAME)
}

impl<S: Store> Client<S> {
    /// Sends one operation and decodes its answer. An error the object rendered (4xx) is
    /// passed through unchanged.
    pub async fn call<Op: Operation<S>>(&self, op: &Op) -> Result<Op::Reply, ApiError> {
        let path = Op::PATH;
        let payload = serde_json::to_string(op).map_err(|_| ApiError::Internal)?;
        let headers = Headers::new();
        headers.set("content-type", "application/json")?;
        let mut init = RequestInit::new();
        init.with_method(Method::Post)
            .with_headers(headers)
            .with_body(Some(payload.into()));
        let req = Request::new_with_init(&format!("https://object{path}"), &init)?;
        ROUND_TRIPS.fetch_add(1, Ordering::Relaxed);
        let mut resp = self.stub.fetch_with_request(req).await?;
        let status = resp.status_code();
        let text = resp.text().await?;
        if (200..300).contains(&status) {
            return serde_json::from_str(&text).map_err(|err| {
                worker::console_error!("{} answer to {path} does not parse: {err}", S::CLASS);
                ApiError::Internal
            });
        }
        match serde_json::from_str::<ErrorBody>(&text) {
            Ok(body) if (400..500).contains(&status) => Err(ApiError::Upstream {
                status,
                body: Box::new(body),
            }),
            _ => {
                worker::console_error!("{} answered {path} with {status}", S::CLASS);
                Err(ApiError::Internal)
            }
        }
    }
}

/// The one serve loop of every object: decodes the operation a [`Client::call`] sent, runs the
/// handler registered for its path with [`Serve::on`], and encodes the reply or the error.
/// Handlers run synchronously, one after the decoding, so an operation stays atomic.
pub struct Serve<S> {
    path: String,
    body: Vec<u8>,
    answer: Option<Result<Response, ApiError>>,
    store: PhantomData<S>,
}

impl<S: Store> Serve<S> {
    pub async fn decode(mut req: Request) -> Self {
        let path = req.path();
        let (body, answer) = match req.bytes().await {
            Ok(body) => (body, None),
            Err(err) => (Vec::new(), Some(Err(ApiError::from(err)))),
        };
        Serve {
            path,
            body,
            answer,
            store: PhantomData,
        }
    }

    /// Runs `handle` if the operation is `Op`.
    pub fn on<Op: Operation<S>>(
        mut self,
        handle: impl FnOnce(Op) -> Result<Op::Reply, ApiError>,
    ) -> Self {
        if self.answer.is_none() && self.path == Op::PATH {
            self.answer = Some(
                parse_json::<Op>(&self.body)
                    .and_then(handle)
                    .and_then(|value| json(&value, 200)),
            );
        }
        self
    }

    /// The answer; an operation no handler took answers 404.
    pub fn finish(self) -> worker::Result<Response> {
        if self.answer.is_none() {
            worker::console_error!("{} has no operation {}", S::CLASS, self.path);
        }
        reply(self.answer.unwrap_or(Err(ApiError::NotFound)))
    }
}

/// Runs a query and decodes every row it returns as `T` (a storage failure is a 500).
pub fn select<T: serde::de::DeserializeOwned>(
    sql: &worker::SqlStorage,
    query: &str,
    params: Vec<worker::SqlStorageValue>,
) -> Result<Vec<T>, ApiError> {
    sql.exec(query, params)
        .and_then(|c| c.to_array())
        .map_err(sql_err)
}

/// Runs a query whose rows are one JSON `body` column and decodes each body as `T` (a body
/// that does not decode is a 500: storage wrote it).
pub fn select_bodies<T: serde::de::DeserializeOwned>(
    sql: &worker::SqlStorage,
    query: &str,
    params: Vec<worker::SqlStorageValue>,
) -> Result<Vec<T>, ApiError> {
    #[derive(serde::Deserialize)]
    struct Row {
        body: String,
    }
    select::<Row>(sql, query, params)?
        .into_iter()
        .map(|r| serde_json::from_str(&r.body).map_err(|_| ApiError::Internal))
        .collect()
}

/// A storage failure: logged (no personal data reaches it), answered as 500.
pub fn sql_err(err: worker::Error) -> ApiError {
    worker::console_error!("sql: {err}");
    ApiError::Internal
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
