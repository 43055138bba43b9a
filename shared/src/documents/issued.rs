//! An issued document as stored, and its life: issued, then perhaps void. Nothing is
//! deleted, and a void document keeps its number, which is never handed out again.

use crate::documents::document::{content_hash, Document, DocumentError};
use crate::documents::number::DocumentNumber;
use crate::fields::NoteText;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where an issued document stands. Nothing is deleted: a voided document stays readable,
/// keeps its number (which is never handed out again) and says why and when it was voided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum DocumentState {
    Issued,
    Void { reason: String, at: DateTime<Utc> },
}

/// Something staff can do to an issued document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentAction {
    Void,
}

/// 1: the first stored form of an issued document.
pub const ISSUED_DOCUMENT_SCHEMA_VERSION: u32 = 1;

/// A document as stored once issued: the rendered document itself, official in Chinese, and
/// its English rendering (both kept, so a later template version never changes what was
/// printed), the official text's content hash and its state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedDocument {
    pub schema_version: u32,
    pub case_code: String,
    pub document: Document,
    /// The English rendering, a reading aid printed on request; the hash covers `document`.
    pub english: Document,
    pub content_hash: String,
    pub issued_at: DateTime<Utc>,
    pub issued_by: String,
    pub state: DocumentState,
}

impl IssuedDocument {
    pub fn issue(
        document: Document,
        english: Document,
        case_code: &str,
        issued_by: &str,
        at: DateTime<Utc>,
    ) -> IssuedDocument {
        IssuedDocument {
            schema_version: ISSUED_DOCUMENT_SCHEMA_VERSION,
            case_code: case_code.to_owned(),
            content_hash: content_hash(&document),
            document,
            english,
            issued_at: at,
            issued_by: issued_by.to_owned(),
            state: DocumentState::Issued,
        }
    }

    pub fn number(&self) -> &DocumentNumber {
        &self.document.number
    }

    /// Whether the stored hash still matches the stored content.
    pub fn hash_matches(&self) -> bool {
        content_hash(&self.document) == self.content_hash
    }

    /// What a reader with the right to change documents may do now (the screens show only
    /// these, as cases send `allowed_commands`).
    pub fn allowed_actions(&self) -> Vec<DocumentAction> {
        match self.state {
            DocumentState::Issued => vec![DocumentAction::Void],
            DocumentState::Void { .. } => Vec::new(),
        }
    }

    /// The same document, void, with its number and content unchanged. A void document is not
    /// voided again (its first reason stands).
    pub fn void(&self, reason: &str, at: DateTime<Utc>) -> Result<IssuedDocument, DocumentError> {
        if matches!(self.state, DocumentState::Void { .. }) {
            return Err(DocumentError::AlreadyVoid);
        }
        let reason = NoteText::parse("reason", reason).map_err(DocumentError::Field)?;
        Ok(IssuedDocument {
            state: DocumentState::Void {
                reason: reason.as_str().to_owned(),
                at,
            },
            ..self.clone()
        })
    }
}
