//! Open311 GeoReport v2 under `/open311/v2/` (a street is a jurisdiction): discovery, the
//! services and their definitions, requests posted by clients an admin issued a key to, and
//! the public listing. `shared::open311` decides what is said and what leaves; this file
//! reads the request, asks the objects and renders JSON or XML. Errors take GeoReport's form
//! (`[{"code","description"}]`, `<errors><error>…`), not the `/api` error body.

use crate::error::ApiError;
use crate::handlers::filing::{store_filing, Filing};
use crate::handlers::guard::{case_in_scope, require_staff, require_street_permission};
use crate::handlers::{random_bytes, request_origin, request_time};
use crate::http::{add_security_headers, json, read_json};
use crate::protocol::{
    ApiClientByKey, IssueApiClient, ListApiClients, Open311Query, RevokeApiClient,
};
use crate::routes::{match_route, Matched, RouteId};
use crate::storage;
use accord_shared::case::{Actor, Channel};
use accord_shared::directory::Directory;
use accord_shared::directory_edit::reaches_street;
use accord_shared::intake::validate_filing;
use accord_shared::open311::{
    self, api_key_from_random, api_key_hash, check_client_name, field_error, jurisdiction,
    newest_first, parse_form, read_listing, read_post, split_format, ApiClient, Format,
    IssueClientRequest, IssuedClient, Lang, Node, Open311Error, PublicRequest,
};
use accord_shared::policy::Action;
use accord_shared::staff::Scope;
use accord_shared::time::local_date;
use accord_shared::wire::{MAX_FILING_BODY_BYTES, MAX_SMALL_BODY_BYTES};
use futures_util::future::join_all;
use std::collections::BTreeMap;
use worker::{Env, Request, Response};

/// A GeoReport answer: its document, the name of its root element, and its status.
struct Answer {
    node: Node,
    root: &'static str,
    status: u16,
}

impl From<ApiError> for Open311Error {
    fn from(err: ApiError) -> Self {
        if err.status() >= 500 {
            worker::console_error!("open311 answering {}: {err}", err.status());
        }
        Open311Error::new(err.status(), err.to_string())
    }
}

/// Every request under `/open311/`: routed on its path without the format's suffix.
pub async fn handle(req: Request, env: &Env) -> worker::Result<Response> {
    let method = req.inner().method();
    let path = req.path();
    let (bare, format) = split_format(&path);
    // A 405 names the methods the path takes (RFC 9110).
    let mut allow = None;
    let outcome = match match_route(&method, bare) {
        Matched::Route(route, param) => dispatch(route, param, req, env).await,
        Matched::MethodNotAllowed(methods) => {
            allow = Some(methods);
            Err(Open311Error::new(405, "method not allowed"))
        }
        Matched::NotFound => Err(Open311Error::new(404, "not found")),
    };
    let answer = outcome.unwrap_or_else(|err| Answer {
        node: err.node(),
        root: "errors",
        status: err.status,
    });
    let body = match format {
        Format::Json => answer.node.to_json().to_string(),
        Format::Xml => answer.node.to_xml(answer.root),
    };
    let response = Response::ok(body)?.with_status(answer.status);
    let headers = response.headers();
    headers.set("Content-Type", format.content_type())?;
    add_security_headers(headers, false);
    // A public, read-mostly API that browsers of other sites may call.
    headers.set("Access-Control-Allow-Origin", "*")?;
    if let Some(methods) = allow {
        headers.set("Allow", &methods)?;
    }
    Ok(response)
}

fn query_map(req: &Request) -> Result<BTreeMap<String, String>, Open311Error> {
    let url = req
        .url()
        .map_err(|_| Open311Error::new(400, "bad address"))?;
    let mut map = BTreeMap::new();
    for (k, v) in url.query_pairs() {
        map.insert(k.into_owned(), v.into_owned());
    }
    Ok(map)
}

async fn dispatch(
    route: RouteId,
    param: Option<String>,
    req: Request,
    env: &Env,
) -> Result<Answer, Open311Error> {
    let ok = |node, root| Answer {
        node,
        root,
        status: 200,
    };
    let query = query_map(&req)?;
    let lang = Lang::from_locale(query.get("locale").map(String::as_str));
    let directory = storage::directory(env).await?;
    let street_of = |dir: &Directory| -> Result<accord_shared::directory::Street, Open311Error> {
        jurisdiction(dir, query.get("jurisdiction_id").map(String::as_str)).cloned()
    };
    match route {
        RouteId::Open311Discovery => {
            let origin = req
                .url()
                .map(|u| u.origin().ascii_serialization())
                .unwrap_or_default();
            let street = street_of(&directory)?;
            let contact = format!(
                "{} {}",
                lang.pick(&street.name),
                street.phone.clone().unwrap_or_default()
            );
            Ok(ok(
                open311::discovery(&format!("{origin}/open311/v2"), contact.trim()),
                "discovery",
            ))
        }
        RouteId::Open311Services => {
            let street = street_of(&directory)?;
            Ok(ok(open311::services(&directory, &street, lang), "services"))
        }
        RouteId::Open311ServiceDefinition => {
            let street = street_of(&directory)?;
            let code = param.unwrap_or_default();
            Ok(ok(
                open311::service_definition(&directory, &street, &code, lang)?,
                "service_definition",
            ))
        }
        RouteId::Open311Requests => {
            let street = street_of(&directory)?;
            let now = request_time(&req, env);
            let listing = read_listing(&query, now)?;
            let found = match &listing.ids {
                Some(ids) => by_codes(env, &directory, &street.id, ids, now).await?,
                None => {
                    let queries = directory
                        .communities_of(&street.id)
                        .map(|c| {
                            Ok((
                                storage::community_store(env, &c.id)?,
                                Open311Query {
                                    codes: Vec::new(),
                                    from_ms: listing.from.timestamp_millis(),
                                    to_ms: listing.to.timestamp_millis(),
                                    categories: listing.service_codes.clone().unwrap_or_default(),
                                    limit: open311::MAX_REQUESTS,
                                    limits: directory.limits_for(&c.id).clone(),
                                    now,
                                },
                            ))
                        })
                        .collect::<Result<Vec<_>, ApiError>>()?;
                    let pages = join_all(queries.iter().map(|(store, q)| store.call(q)))
                        .await
                        .into_iter()
                        .collect::<Result<Vec<_>, _>>()?;
                    let all: Vec<PublicRequest> = pages
                        .into_iter()
                        .flatten()
                        .filter(|r| listing.status_matches(r))
                        .collect();
                    newest_first(all)
                }
            };
            Ok(ok(
                open311::requests_node(&directory, &found, lang, listing.extensions),
                "service_requests",
            ))
        }
        RouteId::Open311Request => {
            let street = street_of(&directory)?;
            let now = request_time(&req, env);
            let code = param.unwrap_or_default();
            let found = by_codes(env, &directory, &street.id, &[code], now).await?;
            if found.is_empty() {
                return Err(Open311Error::new(404, "service_request_id not found"));
            }
            let extensions = matches!(
                query.get("extensions").map(String::as_str),
                Some("true" | "1")
            );
            Ok(ok(
                open311::requests_node(&directory, &found, lang, extensions),
                "service_requests",
            ))
        }
        RouteId::Open311RequestCreate => create(req, env, &directory, query, lang).await,
        _ => Err(Open311Error::new(404, "not found")),
    }
}

/// The public view of the named cases of the street; a code of another street, or of no
/// case, is simply not there.
async fn by_codes(
    env: &Env,
    directory: &Directory,
    street: &str,
    codes: &[String],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<PublicRequest>, Open311Error> {
    let scope = Scope::Street {
        street: street.to_owned(),
    };
    let mut by_community: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for raw in codes {
        if let Ok((code, community)) = case_in_scope(directory, &scope, raw) {
            by_community
                .entry(community.id.clone())
                .or_default()
                .push(code.to_string());
        }
    }
    let queries = by_community
        .into_iter()
        .map(|(community, codes)| {
            Ok((
                storage::community_store(env, &community)?,
                Open311Query {
                    codes,
                    from_ms: 0,
                    to_ms: 0,
                    categories: Vec::new(),
                    limit: open311::MAX_IDS,
                    limits: directory.limits_for(&community).clone(),
                    now,
                },
            ))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let pages = join_all(queries.iter().map(|(store, q)| store.call(q)))
        .await
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    Ok(newest_first(pages.into_iter().flatten().collect()))
}

/// `POST requests`: a case on the web channel's rules, filed for the client the `api_key`
/// belongs to; idempotent by the client's `client_request_id`. The answer is the case's code
/// only: the resident's secret never leaves through Open311.
async fn create(
    mut req: Request,
    env: &Env,
    directory: &Directory,
    query: BTreeMap<String, String>,
    lang: Lang,
) -> Result<Answer, Open311Error> {
    let content_type = req
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    if !content_type
        .trim()
        .to_ascii_lowercase()
        .starts_with("application/x-www-form-urlencoded")
    {
        return Err(Open311Error::new(
            415,
            "send the request as application/x-www-form-urlencoded",
        ));
    }
    let declared = req
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > MAX_FILING_BODY_BYTES as u64) {
        return Err(ApiError::BodyTooLarge {
            limit: MAX_FILING_BODY_BYTES,
        }
        .into());
    }
    let bytes = req.bytes().await.map_err(ApiError::from)?;
    if bytes.len() > MAX_FILING_BODY_BYTES {
        return Err(ApiError::BodyTooLarge {
            limit: MAX_FILING_BODY_BYTES,
        }
        .into());
    }
    let pairs = parse_form(&String::from_utf8_lossy(&bytes));
    let jurisdiction_id = pairs
        .iter()
        .find(|(k, _)| k == "jurisdiction_id")
        .map(|(_, v)| v.clone())
        .or_else(|| query.get("jurisdiction_id").cloned());
    let street = jurisdiction(directory, jurisdiction_id.as_deref())?.clone();
    let pairs: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, _)| k != "jurisdiction_id")
        .collect();
    let posted = read_post(directory, &street, &pairs)?;
    let client: ApiClient = storage::staff_store(env)?
        .call(&ApiClientByKey {
            key_hash: api_key_hash(&posted.api_key),
        })
        .await?
        .ok_or_else(|| Open311Error::new(403, "api_key is not valid"))?;
    if client.street != street.id {
        return Err(Open311Error::new(
            403,
            "api_key is not valid for this jurisdiction",
        ));
    }
    let now = request_time(&req, env);
    let filing = validate_filing(directory, &posted.filing, local_date(now))
        .map_err(|err| field_error(&err, directory.category(&posted.filing.category)))?;
    let key = match &posted.client_request_id {
        Some(id) => open311::idempotency_key(&client.id, id),
        None => {
            let bytes: [u8; 20] = random_bytes()?;
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            format!("o311-{hex}")
        }
    };
    let body = serde_json::to_value(&posted.filing).map_err(|_| ApiError::Internal)?;
    let reply = store_filing(
        env,
        directory,
        Filing {
            key,
            body: &body,
            filing,
            channel: Channel::Web,
            recorded_by: Actor::Resident,
            now,
            origin: request_origin(&req),
        },
    )
    .await?;
    Ok(Answer {
        node: open311::created_node(&reply.filed.code, lang),
        root: "service_requests",
        status: if reply.replayed { 200 } else { 201 },
    })
}

/// `GET /api/admin/open311/clients`: the clients of the streets the admin manages.
pub async fn list_clients(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ManageUsers)?;
    let clients: Vec<ApiClient> = storage::staff_store(env)?
        .call(&ListApiClients)
        .await?
        .into_iter()
        .filter(|c| reaches_street(&me.scope, &c.street))
        .collect();
    json(&clients, 200)
}

/// `POST /api/admin/open311/clients`: issues a client its key, shown in this answer only.
pub async fn issue_client(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ManageUsers)?;
    let request: IssueClientRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let name = check_client_name(&request.name).map_err(ApiError::Field)?;
    let directory = storage::directory(env).await?;
    let street = directory
        .street(request.street.trim())
        .ok_or(ApiError::InvalidParameter { field: "street" })?;
    if !reaches_street(&me.scope, &street.id) {
        return Err(ApiError::Forbidden);
    }
    let id_bytes: [u8; 8] = random_bytes()?;
    let id: String = id_bytes.iter().map(|b| format!("{b:02x}")).collect();
    let api_key = api_key_from_random(random_bytes()?);
    let client = storage::staff_store(env)?
        .call(&IssueApiClient {
            client: ApiClient {
                id,
                name,
                street: street.id.clone(),
                issued_at: request_time(&req, env),
                issued_by: me.username.clone(),
                revoked: false,
                revoked_at: None,
                revoked_by: None,
            },
            key_hash: api_key_hash(&api_key),
            origin: request_origin(&req),
        })
        .await?;
    json(&IssuedClient { client, api_key }, 201)
}

/// `POST /api/admin/open311/clients/{id}/revoke`: the client's key posts nothing again; its
/// requests stay. Revoking a revoked client answers it unchanged.
pub async fn revoke_client(req: Request, env: &Env, id: &str) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ManageUsers)?;
    let store = storage::staff_store(env)?;
    let client = store
        .call(&ListApiClients)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(ApiError::NotFound)?;
    if !reaches_street(&me.scope, &client.street) {
        return Err(ApiError::Forbidden);
    }
    let client = store
        .call(&RevokeApiClient {
            id: client.id,
            at: request_time(&req, env),
            by: me.username.clone(),
            origin: request_origin(&req),
        })
        .await?;
    json(&client, 200)
}
