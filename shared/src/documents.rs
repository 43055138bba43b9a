//! The seven standard documents of a people's mediation committee, rendered from a case by
//! fixed, versioned templates into a structured document the web page lays out for A4.
//!
//! `check` says what a kind needs, `available_documents` which kinds can be made now,
//! `render` makes one in one language, `issue` both under one number, `content_hash`
//! fingerprints it. From the bottom up:
//! `kind.rs` (kinds, languages), `number.rs` (numbers), `document.rs` (the document, its hash
//! and errors), `issued.rs` (a stored document and voiding), `input.rs` (what documents are
//! made from and what each kind requires), `templates.rs` (the wording).

pub mod document;
pub mod input;
pub mod issued;
pub mod kind;
pub mod number;
mod templates;
#[cfg(test)]
mod tests;

pub use self::document::{content_hash, Document, DocumentError, Missing, Section};
pub use self::input::{
    available_documents, check, AgreementDraft, Confirmation, DocumentInput, Term,
    JUDICIAL_CONFIRMATION_DAYS,
};
pub use self::issued::{
    DocumentAction, DocumentState, IssuedDocument, ISSUED_DOCUMENT_SCHEMA_VERSION,
};
pub use self::kind::{DocLang, DocumentKind};
pub use self::number::{document_number, DocumentNumber, InvalidDocumentNumber};

/// Renders `kind` from the case in `lang`, or says what the case lacks (see `check`). The
/// number is the street's, the kind's and the year of `issued_on`, with `input.seq`.
pub fn render(
    kind: DocumentKind,
    input: &DocumentInput<'_>,
    lang: DocLang,
) -> Result<Document, DocumentError> {
    check(kind, input)?;
    templates::render(kind, input, lang)
}

/// Issues `kind` from the case: the official Chinese text and the English rendering under the
/// one number of `input.seq`, ready to store. Refused exactly when `check` refuses.
pub fn issue(
    kind: DocumentKind,
    input: &DocumentInput<'_>,
    issued_by: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<IssuedDocument, DocumentError> {
    let official = render(kind, input, DocLang::Zh)?;
    let english = render(kind, input, DocLang::En)?;
    Ok(IssuedDocument::issue(
        official,
        english,
        &input.case.code.to_string(),
        issued_by,
        at,
    ))
}
