//! History import: an admin sends the lines of another system's export a chunk at a time
//! (the page shows the progress); each line is parsed here, sent to its community, and
//! built there through the state machine with its recorded times.

use crate::error::ApiError;
use crate::handlers::guard::{require_staff, require_street_permission};
use crate::handlers::{request_origin, request_time, test_clock_enabled};
use crate::http::{json, read_json};
use crate::protocol::{ImportCases, ImportOutcome, ImportedLine};
use crate::storage;
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::history::{parse_line, ImportError, ImportLine};
use accord_shared::policy::Action;
use accord_shared::replay::{reference_history, ReferenceTruth};
use futures_util::future::join_all;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use worker::{Env, Request, Response};

/// The most lines one request may carry (the page sends them in chunks).
pub const MAX_IMPORT_LINES: usize = 500;
/// The largest body of one chunk.
pub const MAX_IMPORT_BODY_BYTES: usize = 4 * 1024 * 1024;

#[derive(Deserialize)]
struct ImportRequest {
    /// The file's line number of the first line sent (from 1).
    first_line: usize,
    lines: Vec<String>,
}

#[derive(Serialize)]
struct ImportReply {
    /// Lines read (blank lines are not counted).
    lines: usize,
    imported: usize,
    unchanged: usize,
    cases: Vec<ImportedLine>,
    errors: Vec<ImportError>,
}

/// `POST /api/admin/import`: `{"first_line": 1, "lines": ["{…}", …]}`.
pub async fn import(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ImportHistory)?;
    let body: ImportRequest = read_json(&mut req, MAX_IMPORT_BODY_BYTES).await?;
    if body.first_line == 0 {
        return Err(ApiError::Field(FieldError::new(
            "first_line",
            FieldProblem::InvalidFormat,
        )));
    }
    if body.lines.len() > MAX_IMPORT_LINES {
        return Err(ApiError::Field(FieldError::new(
            "lines",
            FieldProblem::TooLong {
                max: MAX_IMPORT_LINES,
            },
        )));
    }
    let directory = storage::directory(env).await?;
    let mut errors = Vec::new();
    let mut by_community: BTreeMap<String, Vec<(usize, ImportLine)>> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let mut lines = 0;
    for (i, text) in body.lines.iter().enumerate() {
        if text.trim().is_empty() {
            continue;
        }
        lines += 1;
        let line_no = body.first_line + i;
        match parse_line(line_no, text) {
            Ok(line) if !seen.insert(line.source_id.clone()) => errors.push(ImportError {
                line: line_no,
                source_id: Some(line.source_id),
                field: Some("source_id".into()),
                code: "duplicate_source_id".into(),
                message: "another line of this chunk has the same source_id".into(),
            }),
            // A community outside the importer's scope is refused like an unknown one.
            Ok(line) if !directory.in_scope(&me.scope, line.community.trim()) => {
                errors.push(ImportError {
                    line: line_no,
                    source_id: Some(line.source_id),
                    field: Some("community".into()),
                    code: "unknown_community".into(),
                    message: format!("no community {} in your scope", line.community),
                })
            }
            Ok(line) => by_community
                .entry(line.community.trim().to_owned())
                .or_default()
                .push((line_no, line)),
            Err(err) => errors.push(err),
        }
    }
    let now = request_time(&req, env);
    let origin = request_origin(&req);
    let calls = by_community
        .into_iter()
        .map(|(community, lines)| {
            let command = ImportCases {
                lines,
                directory: directory.clone(),
                now,
                origin: origin.clone(),
                actor: me.username.clone(),
            };
            Ok((storage::community_store(env, &community)?, command))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let answers = join_all(calls.iter().map(|(store, command)| store.call(command))).await;
    let mut outcome = ImportOutcome::default();
    for answer in answers {
        let answer = answer?;
        outcome.imported.extend(answer.imported);
        outcome.unchanged.extend(answer.unchanged);
        outcome.errors.extend(answer.errors);
    }
    errors.extend(outcome.errors);
    errors.sort_by_key(|e| e.line);
    let mut cases = outcome.imported.clone();
    cases.extend(outcome.unchanged.iter().cloned());
    cases.sort_by_key(|c| c.line);
    json(
        &ImportReply {
            lines,
            imported: outcome.imported.len(),
            unchanged: outcome.unchanged.len(),
            cases,
            errors,
        },
        200,
    )
}

#[derive(Serialize)]
struct ReferenceReply {
    lines: Vec<String>,
    truth: ReferenceTruth,
}

/// `GET /api/dev/reference-history?cases=&seed=`: the reference street's generated history
/// as import lines, with the generator's own count of what it holds (local only: answers 404
/// unless the Worker runs with `ACCORD_TEST_CLOCK=1` or the demo seed).
pub async fn reference(req: Request, env: &Env) -> Result<Response, ApiError> {
    if !test_clock_enabled(env) && !crate::handlers::demo_seed_enabled(env) {
        return Err(ApiError::NotFound);
    }
    let url = req.url()?;
    let (mut cases, mut seed) = (3779_usize, 2026_u64);
    for (name, value) in url.query_pairs() {
        match name.as_ref() {
            "cases" => {
                cases = value
                    .parse()
                    .ok()
                    .filter(|n| (1..=20_000).contains(n))
                    .ok_or(ApiError::InvalidParameter { field: "cases" })?
            }
            "seed" => {
                seed = value
                    .parse()
                    .map_err(|_| ApiError::InvalidParameter { field: "seed" })?
            }
            _ => {}
        }
    }
    let end = accord_shared::time::local_date(request_time(&req, env));
    let history = reference_history(seed, cases, end);
    json(
        &ReferenceReply {
            lines: history.lines,
            truth: history.truth,
        },
        200,
    )
}
