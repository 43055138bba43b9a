//! Request handlers, grouped by resource. Each one decodes, authorizes (`guard`), loads, lets
//! `shared` decide, saves and encodes.

pub mod admin;
pub mod agreement;
pub mod case_commands;
pub mod case_detail;
pub mod cases;
pub mod confidential;
pub mod dev_bench;
pub mod documents;
pub mod escalation;
pub mod figures;
pub mod filing;
pub mod guard;
pub mod history;
pub mod intake;
pub mod login;
pub mod meta;
pub mod notices;
pub mod open311;
pub mod people;
pub mod photos;
pub mod push;
pub mod queue;
pub mod sessions;
pub mod transfer;
pub mod volunteer;

use chrono::{DateTime, Utc};
use worker::{Env, Request};

/// Random bytes from the platform's CSPRNG (`crypto.getRandomValues`).
pub fn random_bytes<const N: usize>() -> Result<[u8; N], crate::error::ApiError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| crate::error::ApiError::Internal)?;
    Ok(bytes)
}

/// The current instant, from the platform clock.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Header that moves the clock for one request, honoured only where the Worker runs with
/// `ACCORD_TEST_CLOCK=1` (the tests), so deadlines and escalation can be seen without waiting.
pub const TEST_CLOCK_HEADER: &str = "X-Accord-Test-Now";

/// Whether the Worker runs for the tests (`ACCORD_TEST_CLOCK=1`): the test clock, the
/// audit-forgery route, the fan-out benchmark route and injected faults are honoured only then.
pub fn test_clock_enabled(env: &Env) -> bool {
    env.var("ACCORD_TEST_CLOCK")
        .map(|v| v.to_string() == "1")
        .unwrap_or(false)
}

/// Whether the Worker runs with the demo (`ACCORD_DEMO_SEED=1`: the local run and the tests):
/// the seed route and the reference street's generated history exist only then.
pub fn demo_seed_enabled(env: &Env) -> bool {
    env.var("ACCORD_DEMO_SEED")
        .map(|v| v.to_string() == "1")
        .unwrap_or(false)
}

/// The instant a request happens at: the platform clock, or the test clock where enabled.
pub fn request_time(req: &Request, env: &Env) -> DateTime<Utc> {
    if !test_clock_enabled(env) {
        return now();
    }
    req.headers()
        .get(TEST_CLOCK_HEADER)
        .ok()
        .flatten()
        .and_then(|raw| DateTime::parse_from_rfc3339(raw.trim()).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(now)
}

/// Where a request comes from, coarsened to its network, for the audit log.
pub fn request_origin(req: &Request) -> String {
    let ip = req
        .headers()
        .get("CF-Connecting-IP")
        .ok()
        .flatten()
        .unwrap_or_default();
    accord_shared::audit::coarse_origin(&ip)
}

/// Test support (`ACCORD_TEST_CLOCK=1` only): whether the request asks, with
/// `X-Accord-Test-Fault: <name>`, for the named failure to be injected.
pub fn test_fault(req: &worker::Request, env: &worker::Env, name: &str) -> bool {
    test_clock_enabled(env)
        && req
            .headers()
            .get("X-Accord-Test-Fault")
            .ok()
            .flatten()
            .is_some_and(|v| v.trim() == name)
}
