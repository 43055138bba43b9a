//! The standard documents of a case: the list with what may be made now, one document in both
//! languages, issuing (with an `Idempotency-Key`, so a retry never takes a second number) and
//! voiding.

use super::{decode, encode, get, send, with_json, ApiError};
use accord_shared::documents::DocumentKind;
use accord_shared::wire::{
    CaseDocuments, DocumentId, DocumentView, IssueDocumentRequest, VoidDocumentRequest,
};
use gloo_net::http::Request;

pub async fn of_case(code: &str) -> Result<CaseDocuments, ApiError> {
    let url = format!("/api/staff/cases/{}/documents", encode(code));
    decode(send(get(&url)).await?).await
}

/// Issues the next document of `kind`; the same `key` gives the same document back.
pub async fn issue(code: &str, kind: DocumentKind, key: &str) -> Result<DocumentView, ApiError> {
    let url = format!("/api/staff/cases/{}/documents", encode(code));
    let request = IssueDocumentRequest {
        kind: kind.code().to_owned(),
        session: None,
    };
    let builder = Request::post(&url).header("Idempotency-Key", key);
    decode(send(with_json(builder, &request)).await?).await
}

pub async fn document(id: &DocumentId) -> Result<DocumentView, ApiError> {
    let url = format!("/api/staff/documents/{}", encode(&id.to_string()));
    decode(send(get(&url)).await?).await
}

pub async fn void(id: &DocumentId, reason: &str) -> Result<DocumentView, ApiError> {
    let url = format!("/api/staff/documents/{}/void", encode(&id.to_string()));
    let request = VoidDocumentRequest {
        reason: reason.to_owned(),
    };
    decode(send(with_json(Request::post(&url), &request)).await?).await
}

/// The case file (卷宗): the case and every document, oldest first.
pub async fn case_file(code: &str) -> Result<accord_shared::wire::CaseFileView, ApiError> {
    let url = format!("/api/staff/cases/{}/file", encode(code));
    decode(send(get(&url)).await?).await
}
