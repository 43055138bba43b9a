//! The standard documents of a case: `GET/POST /api/staff/cases/{code}/documents`,
//! `GET /api/staff/documents/{id}` and `POST /api/staff/documents/{id}/void`.
//!
//! The Worker gathers what a document is made from (the case from its community, its sessions
//! from the calendar, the people who print on it), the street's object claims the number and
//! stores the rendered document in one step; `shared::documents` decides everything else.

use crate::error::ApiError;
use crate::handlers::guard::{case_in_scope, require_staff};
use crate::handlers::people::people;
use crate::handlers::{request_origin, request_time};
use crate::http::{json, read_json};
use crate::idempotency;
use crate::protocol::{
    AppendAudit, CaseForDocuments, DocumentCase, DocumentQuery, DocumentsOfCase, IssueDocument,
    SessionFilter, VoidDocument,
};
use crate::storage;
use accord_shared::audit::AuditRecord;
use accord_shared::directory::Directory;
use accord_shared::documents::AgreementDraft;
use accord_shared::documents::{
    available_documents, Confirmation, DocumentInput, DocumentKind, DocumentNumber, DocumentState,
    IssuedDocument,
};
use accord_shared::scheduling::{Session, SessionStatus};
use accord_shared::time::local_date;
use accord_shared::wire::{
    CaseDocuments, CaseFileView, DocumentId, DocumentSummary, DocumentView, IssueDocumentRequest,
    Me, VoidDocumentRequest,
};
use worker::{Env, Request, Response};

const BODY_LIMIT: usize = 4 * 1024;

/// The case, if `me` may read its documents, with the directory and its street's object.
async fn case_of(
    env: &Env,
    me: &Me,
    code: &str,
) -> Result<
    (
        DocumentCase,
        Directory,
        storage::Client<crate::protocol::StreetStore>,
    ),
    ApiError,
> {
    let directory = storage::directory(env).await?;
    let (code, community) = case_in_scope(&directory, &me.scope, code)?;
    let street = directory
        .street(&community.street)
        .ok_or(ApiError::NotFound)?
        .clone();
    let found = storage::community_store(env, &community.id)?
        .call(&CaseForDocuments {
            code: code.to_string(),
            street: community.street.clone(),
            me: me.clone(),
        })
        .await?;
    let register = storage::street_store(env, &street)?;
    Ok((found, directory, register))
}

/// The held sessions of a case with their records, newest first: what a mediation record is
/// made from.
async fn held_sessions(env: &Env, code: &str) -> Result<Vec<Session>, ApiError> {
    let mut sessions: Vec<Session> = storage::calendar_store(env)?
        .call(&SessionFilter {
            id: None,
            staff: None,
            case_code: Some(code.to_owned()),
            communities: None,
            from: None,
            to: None,
        })
        .await?
        .into_iter()
        .filter(|s| s.status == SessionStatus::Held && s.record.is_some())
        .collect();
    sessions.sort_by_key(|s| std::cmp::Reverse(s.start));
    Ok(sessions)
}

/// What the agreement gives the documents: the version in effect (else the current draft),
/// its parties' confirmations, and the number of the latest agreement document still valid.
struct AgreementParts {
    draft: Option<AgreementDraft>,
    confirmations: Vec<Confirmation>,
    number: Option<DocumentNumber>,
}

fn agreement_parts(found: &DocumentCase, issued: &[IssuedDocument]) -> AgreementParts {
    let version = found
        .agreement
        .as_ref()
        .map(|a| a.in_effect().unwrap_or(a.current()));
    AgreementParts {
        draft: version.map(|v| v.draft.clone()),
        confirmations: version
            .map(|v| v.document_confirmations())
            .unwrap_or_default(),
        number: issued
            .iter()
            .rev()
            .find(|d| {
                d.document.kind == DocumentKind::MediationAgreement
                    && d.state == DocumentState::Issued
            })
            .map(|d| d.number().clone()),
    }
}

/// Puts a document's issue or voiding on the case's audit chain (its number, never its text).
async fn audit(
    req: &Request,
    env: &Env,
    me: &Me,
    community: &str,
    action: &str,
    issued: &IssuedDocument,
) -> Result<(), ApiError> {
    storage::community_store(env, community)?
        .call(&AppendAudit(AuditRecord {
            at: request_time(req, env),
            actor: me.username.clone(),
            action: action.to_owned(),
            target: format!("{} {}", issued.case_code, issued.document.number_text),
            origin: request_origin(req),
        }))
        .await?;
    Ok(())
}

/// `GET /api/staff/cases/{code}/documents`: what was issued, and what the reader may make now.
pub async fn of_case(req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let now = request_time(&req, env);
    let (found, directory, register) = case_of(env, &me, &code).await?;
    let code = found.case.code.to_string();
    let issued = register
        .call(&DocumentsOfCase { code: code.clone() })
        .await?;
    let can_issue = if found.may_issue {
        let sessions = held_sessions(env, &code).await?;
        let people = people(env).await?;
        let parts = agreement_parts(&found, &issued);
        available_documents(&DocumentInput {
            case: &found.case,
            directory: &directory,
            people: &people,
            session: sessions.first(),
            agreement: parts.draft.as_ref(),
            agreement_number: parts.number.as_ref(),
            confirmations: &parts.confirmations,
            issued_on: local_date(now),
            seq: 1,
        })
    } else {
        Vec::new()
    };
    json(
        &CaseDocuments {
            code,
            documents: issued.iter().map(DocumentSummary::of).collect(),
            can_issue,
        },
        200,
    )
}

/// `POST /api/staff/cases/{code}/documents` with an `Idempotency-Key`: issues the next number
/// of the street's register (201), or answers what that key issued already.
pub async fn issue(mut req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let key = idempotency::parse_key(req.headers().get("Idempotency-Key")?.as_deref())?;
    let body: IssueDocumentRequest = read_json(&mut req, BODY_LIMIT).await?;
    let kind = body.kind()?;
    let now = request_time(&req, env);
    let (found, directory, register) = case_of(env, &me, &code).await?;
    if !found.may_issue {
        return Err(ApiError::Forbidden);
    }
    let code = found.case.code.to_string();
    let community = found.case.community.clone();
    let session = if kind == DocumentKind::MediationRecord {
        let held = held_sessions(env, &code).await?;
        match &body.session {
            Some(id) => Some(
                held.into_iter()
                    .find(|s| &s.id == id)
                    .ok_or(ApiError::InvalidParameter { field: "session" })?,
            ),
            None => held.into_iter().next(),
        }
    } else {
        None
    };
    let parts = if matches!(
        kind,
        DocumentKind::MediationAgreement | DocumentKind::JudicialConfirmationApplication
    ) {
        let issued = register
            .call(&DocumentsOfCase { code: code.clone() })
            .await?;
        agreement_parts(&found, &issued)
    } else {
        AgreementParts {
            draft: None,
            confirmations: Vec::new(),
            number: None,
        }
    };
    let issued = register
        .call(&IssueDocument {
            kind,
            case: found.case,
            directory,
            people: people(env).await?,
            session,
            agreement: parts.draft,
            confirmations: parts.confirmations,
            agreement_number: parts.number,
            key_hash: Some(idempotency::key_hash(&key)),
            issued_by: me.username.clone(),
            now,
        })
        .await?;
    // A retry answers the document issued before; only a new one goes on the record.
    if issued.issued_at == now {
        audit(&req, env, &me, &community, "document.issued", &issued).await?;
    }
    json(&DocumentView::of(&issued, true), 201)
}

fn document_query(raw: &str) -> Result<DocumentQuery, ApiError> {
    let id = DocumentId::parse(raw).ok_or(ApiError::NotFound)?;
    Ok(DocumentQuery {
        code: id.code,
        kind: id.kind,
        year: id.year,
        seq: id.seq,
    })
}

/// `GET /api/staff/documents/{id}`: one document in both languages.
pub async fn get(req: Request, env: &Env, id: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let query = document_query(&id)?;
    let (found, _, register) = case_of(env, &me, &query.code).await?;
    let query = DocumentQuery {
        code: found.case.code.to_string(),
        ..query
    };
    let issued = register.call(&query).await?;
    json(&DocumentView::of(&issued, found.may_issue), 200)
}

/// `POST /api/staff/documents/{id}/void` with a reason: the document stays, marked void, and
/// its number is never handed out again.
pub async fn void(mut req: Request, env: &Env, id: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let body: VoidDocumentRequest = read_json(&mut req, BODY_LIMIT).await?;
    let query = document_query(&id)?;
    let now = request_time(&req, env);
    let (found, _, register) = case_of(env, &me, &query.code).await?;
    if !found.may_issue {
        return Err(ApiError::Forbidden);
    }
    let community = found.case.community.clone();
    let document = DocumentQuery {
        code: found.case.code.to_string(),
        ..query
    };
    let voided = register
        .call(&VoidDocument {
            document,
            reason: body.reason,
            now,
        })
        .await?;
    audit(&req, env, &me, &community, "document.voided", &voided).await?;
    json(&DocumentView::of(&voided, true), 200)
}

/// `GET /api/staff/cases/{code}/file`: the case file (the dossier archived with the case): the case as the reader may see it
/// and every document in the order issued, void ones marked.
pub async fn case_file(req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let (found, _, register) = case_of(env, &me, &code).await?;
    let code = found.case.code.to_string();
    let detail = crate::handlers::case_detail::load(&req, env, &me, &code, false).await?;
    let issued = register.call(&DocumentsOfCase { code }).await?;
    json(
        &CaseFileView {
            case: detail,
            documents: issued.iter().map(|d| DocumentView::of(d, false)).collect(),
        },
        200,
    )
}
