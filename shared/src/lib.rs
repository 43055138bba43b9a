//! Accord's functional core: domain types, validation and business rules.
//!
//! Plain Rust that builds on the host and for wasm32; it knows nothing of the Worker runtime,
//! Leptos or the browser. Callers pass the clock, identifiers and randomness in.
//!
//! The modules stand in layers, vocabulary → reference data → parsing → the case →
//! behaviour → the wire; each imports only from its own layer or below. The table, and the
//! check that keeps it true, are in `tests/layers.rs`.

pub mod accounts;
pub mod agreement;
pub mod audit;
pub mod case;
pub mod case_index;
pub mod code;
pub mod confidential;
pub mod demo;
pub mod directory;
pub mod directory_edit;
pub mod documents;
pub mod duplicates;
pub mod fields;
pub mod geo;
pub mod history;
pub mod ical;
pub mod intake;
pub mod lifecycle;
pub mod notices;
pub mod offline;
pub mod open311;
pub mod photos;
pub mod policy;
pub mod push;
pub mod questions;
pub mod queue;
pub mod replay;
pub mod retention;
pub mod risk;
pub mod scheduling;
pub mod search;
pub mod secret;
pub mod staff;
pub mod stats;
pub mod synthetic;
#[cfg(test)]
pub(crate) mod testing;
pub mod throttle;
pub mod time;
pub mod time_limits;
pub mod vocabulary;
pub mod volunteer;
pub mod wire;
