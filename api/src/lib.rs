//! Accord's HTTP API: a Cloudflare Worker in Rust.
//!
//! The modules that need no runtime (routing, what a request body must be, errors, passwords, sessions, idempotency, the
//! messages to Durable Objects, Web Push encryption and signing) build and test on the host;
//! the Worker glue, the handlers and the Durable Objects are compiled for wasm32 only.

pub mod error;
pub mod idempotency;
pub mod password;
pub mod protocol;
pub mod push;
pub mod request_body;
pub mod routes;
pub mod session;
pub mod webpush;

/// The OpenAPI 3.1 document served at `/api/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("../openapi.json");

#[cfg(target_arch = "wasm32")]
mod handlers;
#[cfg(target_arch = "wasm32")]
mod http;
#[cfg(target_arch = "wasm32")]
mod runtime;
#[cfg(target_arch = "wasm32")]
mod storage;
