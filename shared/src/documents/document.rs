//! The document itself: the structured document with its plain-text dump and content hash,
//! and what a document can lack.

use crate::documents::kind::{DocLang, DocumentKind};
use crate::documents::number::DocumentNumber;
use crate::fields::FieldError;
use crate::vocabulary::{CaseKind, PartyRole};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A part of a document: an optional heading and its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: Option<String>,
    pub paragraphs: Vec<String>,
}

/// A rendered document, structured for the page to lay out (the committee's heading, the
/// title, the number, the sections, the signature lines, the seal); no markup, so the same
/// value prints, hashes and snapshots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocumentKind,
    pub number: DocumentNumber,
    /// The number as printed in this document's language.
    pub number_text: String,
    pub template_version: u32,
    pub lang: DocLang,
    /// Who issues it, printed as the heading: the committee, or the street for a hazard.
    pub issuer: String,
    pub title: String,
    pub sections: Vec<Section>,
    /// Lines left for hand signatures, each a label ("申请人（签名）：").
    pub signature_lines: Vec<String>,
    /// Whether the issuer's seal goes on it.
    pub seal_line: bool,
}

/// What a document lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "missing")]
pub enum Missing {
    Applicant,
    Respondent,
    /// The case was never accepted.
    Acceptance,
    /// No held session was given.
    HeldSession,
    /// The held session has no record.
    SessionRecord,
    Agreement,
    AgreementFacts,
    AgreementTerms,
    /// The agreement has not been issued, so it has no number to cite.
    AgreementNumber,
    /// This party of the agreement has not confirmed it.
    Confirmation {
        role: PartyRole,
        name: String,
    },
    /// The case was not referred.
    Referral,
    /// No return visit was recorded.
    ReturnVisit,
}

impl Missing {
    /// The code the API sends and the screens word.
    pub fn code(&self) -> &'static str {
        match self {
            Missing::Applicant => "applicant",
            Missing::Respondent => "respondent",
            Missing::Acceptance => "acceptance",
            Missing::HeldSession => "held_session",
            Missing::SessionRecord => "session_record",
            Missing::Agreement => "agreement",
            Missing::AgreementFacts => "agreement_facts",
            Missing::AgreementTerms => "agreement_terms",
            Missing::AgreementNumber => "agreement_number",
            Missing::Confirmation { .. } => "confirmation",
            Missing::Referral => "referral",
            Missing::ReturnVisit => "return_visit",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    #[error("the document needs what the case does not have yet: {}", .0.code())]
    Missing(Missing),
    #[error("a {document:?} is not made for a {case_kind:?}")]
    NotForThisKindOfCase {
        document: DocumentKind,
        case_kind: CaseKind,
    },
    #[error("the case's personal data was erased; its documents cannot be made again")]
    PersonalDataErased,
    #[error("the case's community is not in the directory")]
    UnknownCommunity,
    #[error("the session belongs to another case")]
    SessionOfAnotherCase,
    #[error("a term of the agreement names no undertaking or a party not in the agreement")]
    IncompleteTerm,
    #[error("the thirty days for judicial confirmation ended on {last_day}")]
    ConfirmationPeriodOver { last_day: NaiveDate },
    #[error("not a valid document number")]
    InvalidNumber,
    #[error("the document is already void")]
    AlreadyVoid,
    #[error("{0}")]
    Field(FieldError),
}

impl DocumentError {
    /// The code the API sends (the screens word it).
    pub fn code(&self) -> &'static str {
        match self {
            DocumentError::Missing(_) => "document_missing_data",
            DocumentError::NotForThisKindOfCase { .. } => "document_not_for_case_kind",
            DocumentError::PersonalDataErased => "personal_data_erased",
            DocumentError::UnknownCommunity => "unknown_community",
            DocumentError::SessionOfAnotherCase => "session_of_another_case",
            DocumentError::IncompleteTerm => "incomplete_term",
            DocumentError::ConfirmationPeriodOver { .. } => "confirmation_period_over",
            DocumentError::InvalidNumber => "invalid_document_number",
            DocumentError::AlreadyVoid => "document_void",
            DocumentError::Field(_) => "invalid_field",
        }
    }
}

/// The SHA-256 (lower-case hex) of the document's canonical form: every field in a fixed
/// order, each string prefixed with its length in bytes, so no two documents share a form.
/// Written out here rather than taken from serde, so that renaming a Rust field never
/// changes the hash of a document already confirmed.
pub fn content_hash(doc: &Document) -> String {
    crate::secret::sha256_hex(canonical_form(doc).as_bytes())
}

fn canonical_form(doc: &Document) -> String {
    let mut out = String::from("accord-document:1\n");
    let mut field = |name: &str, value: &str| {
        out.push_str(&format!("{name}:{}:{value}\n", value.len()));
    };
    field("kind", doc.kind.code());
    field("number", &doc.number.to_string());
    field("number_text", &doc.number_text);
    field("template_version", &doc.template_version.to_string());
    field("lang", doc.lang.code());
    field("issuer", &doc.issuer);
    field("title", &doc.title);
    field("sections", &doc.sections.len().to_string());
    for section in &doc.sections {
        match &section.heading {
            Some(heading) => field("heading", heading),
            None => field("no_heading", ""),
        }
        field("paragraphs", &section.paragraphs.len().to_string());
        for paragraph in &section.paragraphs {
            field("paragraph", paragraph);
        }
    }
    field("signature_lines", &doc.signature_lines.len().to_string());
    for line in &doc.signature_lines {
        field("signature_line", line);
    }
    field("seal_line", if doc.seal_line { "true" } else { "false" });
    out
}

impl Document {
    /// The document as plain text, one line per paragraph: what the snapshot tests compare,
    /// and a readable dump anywhere else. Headings are in 【】, signature lines and the seal
    /// are marked, the template's code and version close the header.
    pub fn to_plain_text(&self) -> String {
        let mut lines = vec![
            self.issuer.clone(),
            self.title.clone(),
            self.number_text.clone(),
            format!(
                "[{} v{} {}]",
                self.kind.code(),
                self.template_version,
                self.lang.code()
            ),
        ];
        for section in &self.sections {
            lines.push(String::new());
            if let Some(heading) = &section.heading {
                lines.push(format!("【{heading}】"));
            }
            lines.extend(section.paragraphs.iter().cloned());
        }
        if !self.signature_lines.is_empty() || self.seal_line {
            lines.push(String::new());
        }
        for line in &self.signature_lines {
            lines.push(format!("[signature] {line}"));
        }
        if self.seal_line {
            lines.push("[seal]".to_owned());
        }
        let mut text = lines.join("\n");
        text.push('\n');
        text
    }
}
