//! Local-only benchmark support: how long one request takes to ask many community objects at
//! once (`tests/bench/fanout.mjs`). The route answers 404 unless the Worker runs with
//! `ACCORD_TEST_CLOCK=1`.

use crate::error::ApiError;
use crate::handlers::test_clock_enabled;
use crate::http::{json, parse_json, read_body};
use crate::protocol::Ping;
use crate::storage;
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::wire::MAX_SMALL_BODY_BYTES;
use futures_util::future::join_all;
use serde::Serialize;
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

/// The object count a body asks for: `{"objects": N}` with N in 1..=500; anything else is a
/// field error naming `objects`.
fn requested_objects(body: &Value) -> Result<u64, ApiError> {
    let field = |problem| ApiError::Field(FieldError::new("objects", problem));
    match body.get("objects") {
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
    let bytes = read_body(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let objects = requested_objects(&parse_json::<Value>(&bytes)?)?;
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
