//! Staff intake: a walk-in, hotline, patrol or referred matter recorded by staff.

use crate::error::ApiError;
use crate::handlers::filing::{file_valid, read_filing, Filing};
use crate::handlers::guard::{require_reach, require_staff};
use crate::handlers::{request_origin, request_time};
use crate::storage;
use accord_shared::case::Actor;
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::intake::validate_staff_intake;
use accord_shared::policy::{Action, Resource};
use accord_shared::time::local_date;
use accord_shared::wire::StaffIntakeRequest;
use worker::{Env, Request, Response};

/// `POST /api/staff/intake`
pub async fn intake(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_reach(&me, Action::RecordIntake)?;
    let read = read_filing::<StaffIntakeRequest>(&mut req).await?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let (filing, channel) = validate_staff_intake(&directory, &read.request, local_date(now))?;
    let may_record = directory
        .within(&filing.community)
        .is_some_and(|at| me.may(Action::RecordIntake, Resource::at(at)));
    if !may_record {
        // Recording into a community one does not serve reads as an unknown community.
        return Err(ApiError::Field(FieldError::new(
            "community",
            FieldProblem::UnknownCommunity,
        )));
    }
    let recorded_by = Actor::Staff {
        username: me.username.clone(),
        role: me.role,
    };
    file_valid(
        env,
        &directory,
        Filing {
            key: read.key,
            body: &read.body,
            filing,
            channel,
            recorded_by,
            now,
            origin: request_origin(&req),
        },
    )
    .await
}
