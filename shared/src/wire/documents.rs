//! The standard documents on the wire: what a case's documents page shows, one issued
//! document in both languages, and the requests that issue and void one.
//!
//! As with cases, the server says what the reader may do (`can_issue`, `allowed_actions`) and
//! the screen only shows it.

use crate::documents::{Document, DocumentAction, DocumentKind, DocumentState, IssuedDocument};
use crate::fields::{FieldError, FieldProblem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One issued document in a case's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub kind: DocumentKind,
    pub year: u16,
    pub seq: u32,
    /// "(2026) 中华路调字第 0042 号".
    pub number_text: String,
    pub state: DocumentState,
    pub issued_at: DateTime<Utc>,
    pub issued_by: String,
}

impl DocumentSummary {
    pub fn of(issued: &IssuedDocument) -> DocumentSummary {
        DocumentSummary {
            kind: issued.document.kind,
            year: issued.number().year(),
            seq: issued.number().seq(),
            number_text: issued.document.number_text.clone(),
            state: issued.state.clone(),
            issued_at: issued.issued_at,
            issued_by: issued.issued_by.clone(),
        }
    }
}

/// A case's documents page: what was issued (oldest first) and what the reader may make now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDocuments {
    pub code: String,
    pub documents: Vec<DocumentSummary>,
    /// The kinds the case offers now and the reader may issue (empty for a reader who may
    /// only read).
    pub can_issue: Vec<DocumentKind>,
}

/// One issued document as its page shows it: the official Chinese text, the English
/// rendering printed beside it on request, and what the reader may do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentView {
    pub code: String,
    pub summary: DocumentSummary,
    pub content_hash: String,
    pub zh: Document,
    pub en: Document,
    pub allowed_actions: Vec<DocumentAction>,
}

impl DocumentView {
    /// The view of `issued`; `may_change` when the reader holds the right to issue and void.
    pub fn of(issued: &IssuedDocument, may_change: bool) -> DocumentView {
        DocumentView {
            code: issued.case_code.clone(),
            summary: DocumentSummary::of(issued),
            content_hash: issued.content_hash.clone(),
            zh: issued.document.clone(),
            en: issued.english.clone(),
            allowed_actions: if may_change {
                issued.allowed_actions()
            } else {
                Vec::new()
            },
        }
    }
}

/// `POST /api/staff/cases/{code}/documents`: make a document of `kind` now. A mediation
/// record is made from `session` (a held session of the case with its record; the latest
/// such when absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueDocumentRequest {
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

impl IssueDocumentRequest {
    /// The kind asked for, or an error naming the field.
    pub fn kind(&self) -> Result<DocumentKind, FieldError> {
        DocumentKind::parse(self.kind.trim())
            .ok_or(FieldError::new("kind", FieldProblem::InvalidFormat))
    }
}

/// `POST /api/staff/cases/{code}/documents/{kind}/{year}/{seq}/void`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoidDocumentRequest {
    pub reason: String,
}

/// How a document is named in a URL: its case's code, its kind, the year and sequence of its
/// number, joined by `~` (`ZH01-2026-0001~acceptance_notice~2026~42`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentId {
    pub code: String,
    pub kind: DocumentKind,
    pub year: u16,
    pub seq: u32,
}

impl DocumentId {
    pub fn of(summary: &DocumentSummary, code: &str) -> DocumentId {
        DocumentId {
            code: code.to_owned(),
            kind: summary.kind,
            year: summary.year,
            seq: summary.seq,
        }
    }

    /// Reads an id back; anything else is `None` (the API answers 404).
    pub fn parse(raw: &str) -> Option<DocumentId> {
        let mut parts = raw.split('~');
        let code = parts.next().filter(|c| !c.is_empty() && c.len() <= 40)?;
        let kind = DocumentKind::parse(parts.next()?)?;
        let year = parts.next()?.parse().ok()?;
        let seq = parts.next()?.parse().ok().filter(|s| *s >= 1)?;
        if parts.next().is_some() {
            return None;
        }
        Some(DocumentId {
            code: code.to_owned(),
            kind,
            year,
            seq,
        })
    }
}

impl std::fmt::Display for DocumentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}~{}~{}~{}",
            self.code,
            self.kind.code(),
            self.year,
            self.seq
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_id_reads_back_as_itself_and_nothing_else_reads() {
        let id = DocumentId {
            code: "ZH01-2026-0001".into(),
            kind: DocumentKind::AcceptanceNotice,
            year: 2026,
            seq: 42,
        };
        assert_eq!(id.to_string(), "ZH01-2026-0001~acceptance_notice~2026~42");
        assert_eq!(DocumentId::parse(&id.to_string()), Some(id));
        for bad in [
            "",
            "ZH01-2026-0001",
            "ZH01-2026-0001~acceptance_notice~2026",
            "ZH01-2026-0001~notice~2026~1",
            "ZH01-2026-0001~acceptance_notice~2026~0",
            "ZH01-2026-0001~acceptance_notice~year~1",
            "ZH01-2026-0001~acceptance_notice~2026~1~x",
            "~acceptance_notice~2026~1",
        ] {
            assert_eq!(DocumentId::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_kind_that_is_not_one_names_the_field() {
        let req = IssueDocumentRequest {
            kind: "letter".into(),
            session: None,
        };
        assert_eq!(req.kind().unwrap_err().field, "kind");
        let req = IssueDocumentRequest {
            kind: " referral_letter ".into(),
            session: None,
        };
        assert_eq!(req.kind(), Ok(DocumentKind::ReferralLetter));
    }
}
