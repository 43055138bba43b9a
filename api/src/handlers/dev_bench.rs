//! Local-only benchmark support: how long one request takes to ask many community objects at
//! once (`tests/bench/fanout.mjs`), a community loaded with synthetic history, and the count
//! of object round trips. The routes answer 404 unless the Worker runs with
//! `ACCORD_TEST_CLOCK=1`.

use crate::error::ApiError;
use crate::handlers::{request_time, test_clock_enabled};
use crate::http::{json, read_json};
use crate::protocol::{LoadSynthetic, Ping};
use crate::storage;
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::wire::MAX_SMALL_BODY_BYTES;
use futures_util::future::join_all;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use worker::{Date, Env, Request, Response};

/// The most objects one fan-out may ask.
pub const MAX_FANOUT_OBJECTS: u64 = 500;

#[derive(Serialize)]
struct FanoutReport {
    objects: u64,
    /// Wall time inside the Worker from the first call sent to the last answer received.
    ms: u64,
}

#[derive(Deserialize)]
struct FanoutRequest {
    objects: Option<Value>,
}

/// The object count a body asks for: `{"objects": N}` with N in 1..=500; anything else is a
/// field error naming `objects`.
fn requested_objects(body: &FanoutRequest) -> Result<u64, ApiError> {
    let field = |problem| ApiError::Field(FieldError::new("objects", problem));
    match body.objects.as_ref() {
        None | Some(Value::Null) => Err(field(FieldProblem::Required)),
        Some(value) => value
            .as_u64()
            .filter(|n| (1..=MAX_FANOUT_OBJECTS).contains(n))
            .ok_or_else(|| field(FieldProblem::InvalidFormat)),
    }
}

/// The name of the `index`-th benchmark object (`bench-0001` …), apart from every community.
fn bench_object_name(index: u64) -> String {
    format!("bench-{index:04}")
}

/// `POST /api/dev/fanout`: sends [`Ping`] to `objects` community objects (`bench-0001` …)
/// concurrently and answers how long the Worker waited for all of them.
pub async fn fanout(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    if !test_clock_enabled(env) {
        return Err(ApiError::NotFound);
    }
    let body: FanoutRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let objects = requested_objects(&body)?;
    let started = Date::now().as_millis();
    let stores = (1..=objects)
        .map(|index| storage::community_store(env, &bench_object_name(index)))
        .collect::<Result<Vec<_>, _>>()?;
    let answers = join_all(stores.iter().map(|store| store.call(&Ping))).await;
    let ms = Date::now().as_millis().saturating_sub(started);
    let failed = answers.iter().filter(|answer| answer.is_err()).count();
    if let Some(Err(first)) = answers.into_iter().find(Result::is_err) {
        worker::console_error!(
            "fan-out to {objects} objects: {failed} failed after {ms} ms, the first with {first}"
        );
        return Err(first);
    }
    json(&FanoutReport { objects, ms }, 200)
}

/// The most synthetic cases one load request adds (each request stays well inside an
/// object's time limit).
const MAX_LOAD_BATCH: u64 = 5_000;
/// The most synthetic cases a community may be loaded with.
const MAX_LOAD_TOTAL: u64 = 200_000;

#[derive(Deserialize)]
struct LoadRequest {
    community: Option<String>,
    count: Option<Value>,
    total: Option<Value>,
}

/// A whole number in `1..=max` for `field`, or a field error naming it.
fn bounded(field: &'static str, value: Option<&Value>, max: u64) -> Result<u32, ApiError> {
    let problem = |p| ApiError::Field(FieldError::new(field, p));
    let value = value
        .filter(|v| !v.is_null())
        .ok_or(problem(FieldProblem::Required))?;
    value
        .as_u64()
        .filter(|n| (1..=max).contains(n))
        .and_then(|n| u32::try_from(n).ok())
        .ok_or(problem(FieldProblem::InvalidFormat))
}

/// `POST /api/dev/load {"community", "count", "total"}`: adds up to `count` synthetic cases
/// to a community, towards `total`, and answers how many it holds (`loaded`). Resumable:
/// asked again, it goes on from where it stood. Answers 404 unless `ACCORD_TEST_CLOCK=1`.
pub async fn load(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    if !test_clock_enabled(env) {
        return Err(ApiError::NotFound);
    }
    let body: LoadRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let directory = storage::directory(env).await?;
    let community = body
        .community
        .as_deref()
        .and_then(|id| directory.community(id))
        .ok_or(ApiError::Field(FieldError::new(
            "community",
            FieldProblem::UnknownCommunity,
        )))?;
    let count = bounded("count", body.count.as_ref(), MAX_LOAD_BATCH)?;
    let total = bounded("total", body.total.as_ref(), MAX_LOAD_TOTAL)?;
    let code_prefix = directory
        .code_prefix_of(community)
        .ok_or(ApiError::Internal)?
        .to_owned();
    let op = LoadSynthetic {
        community: community.id.clone(),
        code_prefix,
        community_number: community.number,
        count,
        total,
        now: request_time(&req, env),
        directory: directory.clone(),
    };
    let progress = storage::community_store(env, &community.id)?
        .call(&op)
        .await?;
    json(&progress, 200)
}

#[derive(Serialize)]
struct RoundTrips {
    calls: u64,
    /// The size of this isolate's WebAssembly memory: what the Worker's own allocations have
    /// grown it to (it never shrinks), apart from the runtime's memory around it.
    wasm_memory_bytes: u64,
}

#[cfg(target_arch = "wasm32")]
fn wasm_memory_bytes() -> u64 {
    core::arch::wasm32::memory_size(0) as u64 * 65_536
}

#[cfg(not(target_arch = "wasm32"))]
fn wasm_memory_bytes() -> u64 {
    0
}

/// `GET /api/dev/round-trips`: how many Durable Object calls this isolate has sent, and how
/// big its WebAssembly memory is. A benchmark reads it before and after one request to count
/// that request's round trips; the memory probe reads it after each pass.
pub fn round_trips(env: &Env) -> Result<Response, ApiError> {
    if !test_clock_enabled(env) {
        return Err(ApiError::NotFound);
    }
    json(
        &RoundTrips {
            calls: storage::round_trips(),
            wasm_memory_bytes: wasm_memory_bytes(),
        },
        200,
    )
}
