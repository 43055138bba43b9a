//! Staff as people who can be made handlers of cases.

use crate::error::ApiError;
use crate::handlers::guard::{require_reach, require_staff};
use crate::http::json;
use crate::protocol::ListPeople;
use crate::storage;
use accord_shared::policy::Action;
use accord_shared::staff::can_handle;
use accord_shared::wire::{Person, StaffName};
use worker::{Env, Request, Response};

/// Every enabled account.
pub async fn people(env: &Env) -> Result<Vec<Person>, ApiError> {
    storage::staff_store(env)?.call(&ListPeople).await
}

/// `GET /api/staff/people`: staff who can be made handlers of cases in `community`.
pub async fn people_list(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_reach(&me, Action::ListPeople)?;
    let url = req.url()?;
    let community = url
        .query_pairs()
        .find(|(name, _)| name == "community")
        .map(|(_, value)| value.into_owned());
    let directory = storage::directory(env).await?;
    let within = match &community {
        Some(id) => Some(
            directory
                .within(id)
                .filter(|at| me.scope.includes(*at))
                .ok_or(ApiError::NotFound)?,
        ),
        None => None,
    };
    // Without a community: the people who can handle cases somewhere in the caller's scope.
    let list: Vec<Person> = people(env)
        .await?
        .into_iter()
        .filter(|p| match within {
            Some(at) => can_handle(p, Some(at)),
            None => directory
                .communities_in(&me.scope)
                .any(|c| can_handle(p, directory.within(&c.id))),
        })
        .collect();
    json(&list, 200)
}

/// `GET /api/staff/names`: every colleague's name by username, for any signed-in staff member,
/// so that screens say who did what by name (usernames are for signing in).
pub async fn names(req: Request, env: &Env) -> Result<Response, ApiError> {
    require_staff(&req, env).await?;
    let list: Vec<StaffName> = people(env)
        .await?
        .into_iter()
        .map(|p| StaffName {
            username: p.username,
            display_name: p.display_name,
        })
        .collect();
    json(&list, 200)
}
