//! The figures: the staff dashboard (the street or one community, any period, by a
//! dimension), the public page (anonymised totals), and the recount that checks the kept
//! counters against every case. Each community sends its kept cells of the periods asked; the
//! Worker merges them and `shared` computes every figure. No case is read.

use crate::error::ApiError;
use crate::handlers::guard::{require_reach, require_staff, require_street_permission};
use crate::handlers::{request_time, test_clock_enabled};
use crate::http::{json, read_json};
use crate::protocol::{CheckFigures, CorruptFigures, FigureCasesQuery, FiguresCheck, FiguresQuery};
use crate::storage;
use accord_shared::directory::Directory;
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::policy::{Action, Reach};
use accord_shared::staff::Scope;
use accord_shared::stats::Dim;
use accord_shared::time::local_date;
use accord_shared::wire::{
    figures_view, merge_member_pages, public_figures_view, CommunityFigures, FigureCasesPage,
    FigureCasesParams, FiguresParams, Me, MAX_SMALL_BODY_BYTES,
};
use futures_util::future::join_all;
use serde::{Deserialize, Serialize};
use worker::{Env, Request, Response};

fn query_pairs(req: &Request) -> Result<Vec<(String, String)>, ApiError> {
    Ok(req
        .url()?
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect())
}

fn params_of(req: &Request, env: &Env) -> Result<FiguresParams, ApiError> {
    let pairs = query_pairs(req)?;
    FiguresParams::parse(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        local_date(request_time(req, env)),
    )
    .map_err(|bad| ApiError::InvalidParameter { field: bad.0 })
}

/// Whether `me` may open the cases behind the numbers: list the cases of its communities
/// (not only those it handles, which a number does not tell apart).
fn may_list_cases(me: &Me) -> bool {
    matches!(
        me.reach(Action::ListCases),
        Reach::Community | Reach::Street | Reach::District
    )
}

/// Each community's cells for `params`, asked of all of them at once.
async fn tallies(
    env: &Env,
    communities: &[String],
    params: &FiguresParams,
    dims: Vec<Dim>,
) -> Result<Vec<(String, CommunityFigures)>, ApiError> {
    let query = FiguresQuery {
        range: params.range_keys(),
        marker: params.range_marker(),
        trend: params.trend_keys(),
        dims,
    };
    let stores = communities
        .iter()
        .map(|id| storage::community_store(env, id))
        .collect::<Result<Vec<_>, ApiError>>()?;
    let answers = join_all(stores.iter().map(|store| store.call(&query))).await;
    communities
        .iter()
        .cloned()
        .zip(answers)
        .map(|(id, tally)| Ok((id, tally?)))
        .collect()
}

/// The communities `scope` sees, or the one asked if it is among them (anything else is 404,
/// like a community that does not exist).
fn communities_asked(
    directory: &Directory,
    scope: &Scope,
    asked: Option<&str>,
) -> Result<Vec<String>, ApiError> {
    match asked {
        Some(id) if directory.in_scope(scope, id) => Ok(vec![id.to_owned()]),
        Some(_) => Err(ApiError::NotFound),
        None => Ok(directory
            .communities_in(scope)
            .map(|c| c.id.clone())
            .collect()),
    }
}

/// `GET /api/staff/figures?community=&from=&to=&by=`: the dashboard of the caller's
/// communities (or one of them).
pub async fn staff(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_reach(&me, Action::ReadFigures)?;
    let params = params_of(&req, env)?;
    let directory = storage::directory(env).await?;
    let communities = communities_asked(&directory, &me.scope, params.community.as_deref())?;
    let tallies = tallies(env, &communities, &params, vec![params.by]).await?;
    let mut view = figures_view(&params, &tallies);
    view.may_list_cases = may_list_cases(&me);
    json(&view, 200)
}

/// `GET /api/staff/figures/cases?metric=&community=&from=&to=&by=&value=&bucket=&cursor=&limit=`:
/// the cases behind one number of the dashboard (the same range and row), as queue rows in
/// the order they count, with their count on the first page.
pub async fn cases(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_reach(&me, Action::ReadFigures)?;
    if !may_list_cases(&me) {
        return Err(ApiError::Forbidden);
    }
    let now = request_time(&req, env);
    let pairs = query_pairs(&req)?;
    let params = FigureCasesParams::parse(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        local_date(now),
    )
    .map_err(|bad| ApiError::InvalidParameter { field: bad.0 })?;
    let directory = storage::directory(env).await?;
    let communities = communities_asked(&directory, &me.scope, params.community.as_deref())?;
    let queries = communities
        .iter()
        .map(|id| {
            let query = FigureCasesQuery {
                filter: params.filter.clone(),
                after: params.after.clone().map(|c| (c.day, c.code)),
                limit: params.limit + 1,
                count: params.after.is_none(),
                limits: directory.limits_for(id).clone(),
                now,
            };
            Ok((storage::community_store(env, id)?, query))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let answers = join_all(queries.iter().map(|(store, query)| store.call(query)))
        .await
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    let total = params
        .after
        .is_none()
        .then(|| answers.iter().filter_map(|a| a.total).sum());
    let (items, next_cursor) =
        merge_member_pages(answers.into_iter().map(|a| a.items).collect(), params.limit);
    json(
        &FigureCasesPage {
            metric: params.filter.metric,
            from: params.filter.from,
            to: params.filter.to,
            items,
            next_cursor,
            total,
        },
        200,
    )
}

/// `GET /api/figures?street=&from=&to=`: a street's public figures, anonymised (no cell under
/// five cases, no grid or handler rows). Without `street`: the district's first street.
pub async fn public(req: Request, env: &Env) -> Result<Response, ApiError> {
    let params = params_of(&req, env)?;
    if params.community.is_some() {
        // The public sees streets, never one community's small numbers.
        return Err(ApiError::InvalidParameter { field: "community" });
    }
    let url = req.url()?;
    let asked = url
        .query_pairs()
        .find(|(k, _)| k == "street")
        .map(|(_, v)| v.into_owned());
    let directory = storage::directory(env).await?;
    let street = match asked {
        Some(id) => directory
            .streets
            .iter()
            .find(|s| s.id == id)
            .ok_or(ApiError::NotFound)?,
        None => directory.streets.first().ok_or(ApiError::NotFound)?,
    };
    let communities: Vec<String> = directory
        .communities
        .iter()
        .filter(|c| c.street == street.id)
        .map(|c| c.id.clone())
        .collect();
    let tallies = tallies(
        env,
        &communities,
        &params,
        vec![Dim::Category, Dim::Kind, Dim::Channel],
    )
    .await?;
    let tallies: Vec<CommunityFigures> = tallies.into_iter().map(|(_, t)| t).collect();
    json(&public_figures_view(&street.id, &params, &tallies), 200)
}

#[derive(Serialize)]
struct CommunityCheck {
    community: String,
    #[serde(flatten)]
    check: FiguresCheck,
}

#[derive(Serialize)]
struct CheckReport {
    communities: usize,
    cases: u64,
    cells: u64,
    differences: usize,
    /// Only the communities with differences.
    found: Vec<CommunityCheck>,
}

/// `POST /api/admin/figures/check`: recounts every case of the caller's communities and
/// compares with the kept cells; every difference comes with the cases behind it.
pub async fn check(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ImportHistory)?;
    let directory = storage::directory(env).await?;
    let communities = communities_asked(&directory, &me.scope, None)?;
    let mut report = CheckReport {
        communities: communities.len(),
        cases: 0,
        cells: 0,
        differences: 0,
        found: Vec::new(),
    };
    // One community at a time: each recount reads all its cases.
    for id in communities {
        let check = storage::community_store(env, &id)?
            .call(&CheckFigures {})
            .await?;
        report.cases += check.cases;
        report.cells += check.cells;
        report.differences += check.differences.len() + check.members_differing as usize;
        if !check.differences.is_empty() || check.members_differing > 0 {
            report.found.push(CommunityCheck {
                community: id,
                check,
            });
        }
    }
    json(&report, 200)
}

#[derive(Deserialize)]
struct CorruptRequest {
    community: String,
}

/// `POST /api/dev/figures/corrupt` `{"community": "zh01"}` (tests only): adds one to a kept
/// cell of the community, so the check has a difference to find.
pub async fn corrupt(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    if !test_clock_enabled(env) {
        return Err(ApiError::NotFound);
    }
    let body: CorruptRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let directory = storage::directory(env).await?;
    if directory.community(&body.community).is_none() {
        return Err(ApiError::Field(FieldError::new(
            "community",
            FieldProblem::InvalidFormat,
        )));
    }
    let changed = storage::community_store(env, &body.community)?
        .call(&CorruptFigures {})
        .await?;
    json(&serde_json::json!({ "changed": changed }), 200)
}
