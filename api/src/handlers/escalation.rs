//! Escalation of overdue cases: the scheduled run and the coordinator's button.

use crate::error::ApiError;
use crate::handlers::guard::{require_staff, require_street_permission};
use crate::handlers::{request_origin, request_time};
use crate::http::json;
use crate::protocol::{AddNotices, EscalateCommand, EscalationReport};
use crate::storage;
use accord_shared::policy::Action;
use accord_shared::staff::Scope;
use futures_util::future::join_all;
use worker::{Env, Request, Response};

/// Runs escalation over every community of `scope` (the scheduled job: the district): the
/// scheduled job and the coordinator's button share this code.
pub async fn run_escalation(
    env: &Env,
    scope: &Scope,
    now: chrono::DateTime<chrono::Utc>,
    origin: String,
) -> Result<EscalationReport, ApiError> {
    let directory = storage::directory(env).await?;
    let calls = directory
        .communities_in(scope)
        .map(|c| {
            let command = EscalateCommand {
                community: c.id.clone(),
                directory: directory.clone(),
                now,
                origin: origin.clone(),
            };
            Ok((storage::community_store(env, &c.id)?, command))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let reports = join_all(calls.iter().map(|(store, command)| store.call(command))).await;
    let mut total = EscalationReport {
        examined: 0,
        escalated: 0,
        reopened_for_default: 0,
        notices: Vec::new(),
    };
    for report in reports {
        let report = report?;
        total.examined += report.examined;
        total.escalated += report.escalated;
        total.reopened_for_default += report.reopened_for_default;
        total.notices.extend(report.notices);
    }
    // The handlers are told; the caller gets the counts only. A notice lost to a failure here
    // leaves the cases changed and in the queues, which is where the handlers work from.
    let notices = std::mem::take(&mut total.notices);
    if !notices.is_empty() {
        storage::staff_store(env)?
            .call(&AddNotices { notices })
            .await?;
    }
    Ok(total)
}

/// `POST /api/staff/escalations/run`: the coordinator runs the overdue check now.
pub async fn escalate(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::RunEscalation)?;
    let report = run_escalation(
        env,
        &me.scope,
        request_time(&req, env),
        request_origin(&req),
    )
    .await?;
    json(&report, 200)
}
