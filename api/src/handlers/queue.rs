//! The staff queue: open cases of the caller's communities, oldest first, or one of the
//! boards, merged across communities a page at a time.

use crate::error::ApiError;
use crate::handlers::guard::{require_reach, require_staff};
use crate::handlers::request_time;
use crate::http::json;
use crate::protocol::{CaseSearch, QueueQuery};
use crate::storage;
use accord_shared::fields::FieldError;
use accord_shared::policy::{Action, Reach};
use accord_shared::queue::{merge_pages, merge_pages_newest_first, QueueCursor, QueueView};
use accord_shared::search::{term_range, SearchQuery};
use accord_shared::wire::{QueuePage, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use futures_util::future::join_all;
use worker::{Env, Request, Response};

/// `GET /api/staff/cases?view=&community=&cursor=&limit=`: open cases oldest first (or one of
/// the boards: unassigned, high_risk, overdue, mine), merged across the caller's communities.
/// With `q=`, a search instead, newest first: the case of a code, or (for staff who may read
/// contact details) every case, open or not, whose party's name, phone or address holds the
/// text.
pub async fn queue(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let reach = require_reach(&me, Action::ListCases)?;
    let url = req.url()?;
    let (mut community, mut cursor, mut limit) = (None, None, DEFAULT_PAGE_SIZE);
    let mut view = QueueView::Open;
    let mut search = None;
    for (name, value) in url.query_pairs() {
        match name.as_ref() {
            "q" if !value.trim().is_empty() => {
                search = Some(SearchQuery::parse(&value).map_err(|p| FieldError::new("q", p))?)
            }
            "view" => {
                view = QueueView::parse(&value, &me.username)
                    .ok_or(ApiError::InvalidParameter { field: "view" })?
            }
            "community" if !value.is_empty() => community = Some(value.into_owned()),
            "cursor" if !value.is_empty() => {
                cursor = Some(
                    QueueCursor::decode(&value)
                        .ok_or(ApiError::InvalidParameter { field: "cursor" })?,
                )
            }
            "limit" => {
                limit = value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
                    .ok_or(ApiError::InvalidParameter { field: "limit" })?
            }
            _ => {}
        }
    }
    let directory = storage::directory(env).await?;
    if search.as_ref().is_some_and(SearchQuery::needs_contact)
        && me.reach(Action::ReadPartyContact) == Reach::None
    {
        return Err(ApiError::Forbidden);
    }
    // A code names its community: only that one is asked (none when it names no community
    // of the directory, or one outside the filter).
    if let Some(SearchQuery::Code(code)) = &search {
        let of_code = directory.community_of(code).map(|c| c.id.clone());
        // A code outside the caller's scope finds nothing, as a code that does not exist.
        let of_code = of_code.filter(|id| directory.in_scope(&me.scope, id));
        community = match (community, of_code) {
            (_, None) => return json(&QueuePage::default(), 200),
            (Some(chosen), Some(id)) if chosen != id => return json(&QueuePage::default(), 200),
            (_, Some(id)) => Some(id),
        };
    }
    let case_search = search.as_ref().map(|query| match query {
        SearchQuery::Code(code) => CaseSearch::Code(code.to_string()),
        SearchQuery::Text(text) => {
            let (from, to) = term_range(text);
            CaseSearch::Terms { from, to }
        }
    });
    let communities: Vec<String> = match community {
        // A community outside the caller's scope answers as if it did not exist.
        Some(id) if directory.in_scope(&me.scope, &id) => vec![id],
        Some(_) => return Err(ApiError::NotFound),
        None => directory
            .communities_in(&me.scope)
            .map(|c| c.id.clone())
            .collect(),
    };
    // One more than a page from each community tells whether another page exists; each
    // community with the deadlines of its street.
    let now = request_time(&req, env);
    let queries = communities
        .iter()
        .map(|id| {
            let mut query = QueueQuery::new(
                cursor.as_ref(),
                limit + 1,
                view.clone(),
                directory.limits_for(id).clone(),
                now,
            );
            if reach == Reach::Assigned {
                // Specialists list only the cases they are assigned to.
                query.handled_by = Some(me.username.clone());
            }
            query.search = case_search.clone();
            Ok((storage::community_store(env, id)?, query))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let pages = join_all(queries.iter().map(|(store, query)| store.call(query)))
        .await
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    let (items, next_cursor) = if search.is_some() {
        merge_pages_newest_first(pages, limit)
    } else {
        merge_pages(pages, limit)
    };
    json(&QueuePage { items, next_cursor }, 200)
}
