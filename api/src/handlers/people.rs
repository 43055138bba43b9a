//! Staff as people who can be made handlers of cases.

use crate::error::ApiError;
use crate::handlers::guard::{require_reach, require_staff};
use crate::http::json;
use crate::protocol::ListPeople;
use crate::storage;
use accord_shared::policy::Action;
use accord_shared::staff::can_handle;
use accord_shared::wire::Person;
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
    if let Some(id) = &community {
        if !me.scope.includes(id) {
            return Err(ApiError::NotFound);
        }
    }
    let list: Vec<Person> = people(env)
        .await?
        .into_iter()
        .filter(|p| can_handle(p, community.as_deref()))
        .collect();
    json(&list, 200)
}
