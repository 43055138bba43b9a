//! A community's mediation agreements, one row per case beside its cases: every version, the
//! parties' confirmations, the court's decision and the terms' follow-up, as
//! `accord_shared::agreement` keeps them. Each change is on the community's audit chain.

use crate::error::ApiError;
use crate::protocol::{AgreementCommand, AgreementQuery, PartyAgreementQuery, PartyConfirm};
use crate::storage::audit_log;
use crate::storage::case_rows::load_case;
use crate::storage::{select_bodies, sql_err};
use accord_shared::agreement::Agreement;
use accord_shared::audit::AuditRecord;
use accord_shared::case::Case;
use accord_shared::policy::{Action, Resource};
use accord_shared::vocabulary::PartyRole;
use accord_shared::wire::{
    apply, confirm_as_party, AgreementRequest, AgreementView, Me, PartyAgreementView,
};
use chrono::{DateTime, Utc};
use worker::SqlStorage;

pub const TABLE: &str = "CREATE TABLE agreements (
        case_code TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL
    )";

pub fn load(sql: &SqlStorage, code: &str) -> Result<Option<Agreement>, ApiError> {
    Ok(select_bodies(
        sql,
        "SELECT body FROM agreements WHERE case_code = ?",
        vec![code.into()],
    )?
    .into_iter()
    .next())
}

/// Every agreement of the community, for the scheduled default check (one per case that
/// reached an agreement: a small share of the community's cases).
pub fn all(sql: &SqlStorage) -> Result<Vec<Agreement>, ApiError> {
    select_bodies(sql, "SELECT body FROM agreements", Vec::new())
}

pub fn save(sql: &SqlStorage, agreement: &Agreement, now: DateTime<Utc>) -> Result<(), ApiError> {
    let body = serde_json::to_string(agreement).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "INSERT INTO agreements (case_code, body, updated_at_ms) VALUES (?, ?, ?)
         ON CONFLICT (case_code) DO UPDATE SET body = excluded.body,
                                               updated_at_ms = excluded.updated_at_ms",
        vec![
            agreement.case_code.clone().into(),
            body.into(),
            now.timestamp_millis().into(),
        ],
    )
    .map_err(sql_err)?;
    Ok(())
}

/// The case, if `me` may see its parties, and whether `me` may act on it (draft, record).
fn staff_case(
    sql: &SqlStorage,
    code: &str,
    street: &str,
    me: &Me,
) -> Result<(Case, bool), ApiError> {
    let case = load_case(sql, code)?
        .filter(|case| me.may(Action::ReadPartyContact, Resource::case(case, street)))
        .ok_or(ApiError::NotFound)?;
    let may_mediate = me.may(Action::ChangeCase, Resource::case(&case, street));
    Ok((case, may_mediate))
}

pub fn view(sql: &SqlStorage, query: AgreementQuery) -> Result<AgreementView, ApiError> {
    let (case, may_mediate) = staff_case(sql, &query.code, &query.street, &query.me)?;
    let agreement = load(sql, &query.code)?;
    Ok(AgreementView::of(
        &case,
        agreement,
        &query.me.username,
        may_mediate,
        query.now,
    ))
}

fn audit(
    sql: &SqlStorage,
    code: &str,
    actor: &str,
    action: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), ApiError> {
    audit_log::append(
        sql,
        AuditRecord {
            at: now,
            actor: actor.to_owned(),
            action: action.to_owned(),
            target: code.to_owned(),
            origin: origin.to_owned(),
        },
    )
}

pub fn command(sql: &SqlStorage, cmd: AgreementCommand) -> Result<AgreementView, ApiError> {
    let (case, may_mediate) = staff_case(sql, &cmd.code, &cmd.street, &cmd.me)?;
    if !may_mediate {
        return Err(ApiError::Forbidden);
    }
    let existing = load(sql, &cmd.code)?;
    let next = apply(
        &case,
        existing.as_ref(),
        &cmd.request,
        &cmd.me.username,
        may_mediate,
        cmd.now,
    )?;
    save(sql, &next, cmd.now)?;
    if matches!(cmd.request, AgreementRequest::Draft { .. }) {
        // A draft waits for the parties' confirmation: the resident is told.
        crate::storage::push_delivery::queue(
            sql,
            &cmd.code,
            &cmd.code,
            accord_shared::push::PushKind::AgreementToConfirm,
        )?;
    }
    let action = match cmd.request {
        AgreementRequest::Draft { .. } => "agreement.drafted",
        AgreementRequest::Decision { .. } => "agreement.decision_recorded",
        AgreementRequest::Performance { .. } => "agreement.performance_recorded",
    };
    audit(
        sql,
        &cmd.code,
        &cmd.me.username,
        action,
        cmd.now,
        &cmd.origin,
    )?;
    Ok(AgreementView::of(
        &case,
        Some(next),
        &cmd.me.username,
        may_mediate,
        cmd.now,
    ))
}

/// What a party's link shows of the case's agreement (404 while there is none).
pub fn party_view(
    sql: &SqlStorage,
    query: PartyAgreementQuery,
) -> Result<PartyAgreementView, ApiError> {
    let agreement = load(sql, &query.code)?.ok_or(ApiError::NotFound)?;
    Ok(PartyAgreementView::of(&agreement, query.role, query.now))
}

pub fn party_confirm(sql: &SqlStorage, cmd: PartyConfirm) -> Result<PartyAgreementView, ApiError> {
    let agreement = load(sql, &cmd.code)?.ok_or(ApiError::NotFound)?;
    let confirmed = confirm_as_party(&agreement, cmd.role, &cmd.request, &cmd.link_id, cmd.now)?;
    if confirmed.recorded {
        save(sql, &confirmed.agreement, cmd.now)?;
        let who = match cmd.role {
            PartyRole::Applicant => "party:applicant",
            PartyRole::Respondent => "party:respondent",
        };
        audit(
            sql,
            &cmd.code,
            who,
            "agreement.confirmed",
            cmd.now,
            &cmd.origin,
        )?;
    }
    Ok(PartyAgreementView::of(
        &confirmed.agreement,
        cmd.role,
        cmd.now,
    ))
}
