//! Health, the OpenAPI document, the directory, and the local demo seed.

use crate::error::ApiError;
use crate::handlers::{now, random_bytes};
use crate::http::json;
use crate::password::hash_password;
use crate::protocol::{SeedAccount, SeedAccounts};
use crate::storage;
use accord_shared::demo::{demo_accounts, demo_directory, DEMO_PASSWORD};
use accord_shared::directory::StoredDirectory;
use accord_shared::wire::Health;
use worker::{Env, Headers, Response};

pub fn health() -> Result<Response, ApiError> {
    json(
        &Health {
            status: "ok".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        200,
    )
}

fn raw_json(body: String) -> Result<Response, ApiError> {
    let headers = Headers::new();
    headers.set("content-type", "application/json; charset=utf-8")?;
    Ok(Response::ok(body)?.with_headers(headers))
}

pub fn openapi() -> Result<Response, ApiError> {
    raw_json(crate::OPENAPI_JSON.to_owned())
}

/// `GET /api/lifecycle`: the transition table the API enforces.
pub fn lifecycle() -> Result<Response, ApiError> {
    use accord_shared::case::CaseStatus;
    use accord_shared::lifecycle::{path_to, sample_command, ALL_COMMANDS, TRANSITIONS};
    use accord_shared::wire::{LifecycleTable, TransitionRow};
    let table = LifecycleTable {
        transitions: TRANSITIONS
            .iter()
            .map(|t| TransitionRow {
                command: t.command,
                from: t.from.to_vec(),
                to: t.to,
            })
            .collect(),
        paths: CaseStatus::ALL.iter().map(|s| (*s, path_to(*s))).collect(),
        samples: ALL_COMMANDS
            .iter()
            .map(|k| (*k, sample_command(*k, "mediator01")))
            .collect(),
    };
    json(&table, 200)
}

/// `GET /api/policy`: the authorization table every staff route applies.
pub fn policy() -> Result<Response, ApiError> {
    use accord_shared::policy::{reach, Action, POLICY};
    // Every role of the table, in its order (a role may have more than one row).
    let mut roles: Vec<_> = POLICY.iter().map(|(role, _)| *role).collect();
    roles.dedup();
    let table: Vec<_> = roles
        .iter()
        .map(|role| {
            let rows: Vec<_> = Action::ALL.iter().map(|a| (*a, reach(*role, *a))).collect();
            (*role, rows)
        })
        .collect();
    json(&table, 200)
}

/// The directory as stored: served as it is, without decoding, once it is current; one of an
/// older schema is migrated first (see `storage::directory`).
pub async fn directory(env: &Env) -> Result<Response, ApiError> {
    let raw = storage::directory_json(env)
        .await?
        .ok_or(ApiError::DirectoryMissing)?;
    if StoredDirectory::is_current(&raw) {
        return raw_json(raw);
    }
    json(&storage::directory(env).await?, 200)
}

/// Seeds the demo street and demo staff accounts. Exists only where the Worker runs with
/// `ACCORD_DEMO_SEED=1` (the local run and the tests); elsewhere the route answers 404.
/// Idempotent: an existing directory and existing accounts are left untouched.
pub async fn seed(env: &Env) -> Result<Response, ApiError> {
    if !crate::handlers::demo_seed_enabled(env) {
        return Err(ApiError::NotFound);
    }
    let directory_created = match storage::directory_json(env).await? {
        None => {
            storage::put_directory(env, &demo_directory()).await?;
            true
        }
        Some(_) => {
            // Storage seeded before places or before districts existed (read, and so
            // migrated, here) gets the demo rooms and the demo's other streets.
            let mut stored = storage::directory(env).await?;
            let demo = demo_directory();
            let mut changed = false;
            if stored.places.is_empty() {
                stored.places = demo
                    .places
                    .iter()
                    .filter(|p| stored.street(&p.street).is_some())
                    .cloned()
                    .collect();
                changed = true;
            }
            for street in &demo.streets {
                if stored.street(&street.id).is_none() {
                    stored.streets.push(street.clone());
                    let communities = demo.communities_of(&street.id).cloned();
                    stored.communities.extend(communities);
                    let places = demo.places.iter().filter(|p| p.street == street.id);
                    stored.places.extend(places.cloned());
                    changed = true;
                }
            }
            if changed {
                storage::put_directory(env, &stored).await?;
            }
            false
        }
    };
    let mut accounts = Vec::new();
    for account in demo_accounts() {
        let phc = hash_password(DEMO_PASSWORD, random_bytes::<16>()?).ok_or(ApiError::Internal)?;
        accounts.push(SeedAccount {
            username: account.username.into(),
            display_name: account.display_name.into(),
            role: account.role,
            scope: account.scope,
            password_phc: phc,
        });
    }
    let created = storage::staff_store(env)?
        .call(&SeedAccounts {
            accounts,
            now: now(),
        })
        .await?;
    json(
        &serde_json::json!({
            "directory_created": directory_created,
            "accounts_created": created,
        }),
        200,
    )
}
