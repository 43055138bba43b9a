//! What a valid draft is, and its content hash: the fingerprint a party's confirmation
//! carries, so a confirmation always names the exact text the party read.

use crate::agreement::error::AgreementError;
use crate::agreement::name::normalise_name;
use crate::documents::input::AgreementDraft;
use crate::fields::{Description, FieldError, FieldProblem, NoteText, PartyName};
use crate::vocabulary::PartyRole;
use chrono::NaiveDate;

/// The most terms one agreement holds.
pub const MAX_TERMS: usize = 50;

/// The draft as it is kept, or the first thing wrong with it, checked in this order: each
/// party listed once, with a valid name (kept as [`normalise_name`] gives it); facts of 2 to
/// 2,000 characters; 1 to [`MAX_TERMS`] terms, each undertaken by a role that has a party in
/// the draft, saying what in 1 to 2,000 characters, with an amount above 0 if any, and due
/// no earlier than `drafted_on` (the local date of drafting); and both sides among the
/// parties. Facts and undertakings are kept trimmed.
pub fn check_draft(
    draft: &AgreementDraft,
    drafted_on: NaiveDate,
) -> Result<AgreementDraft, AgreementError> {
    let mut parties = Vec::with_capacity(draft.parties.len());
    for party in &draft.parties {
        let name = PartyName::parse("parties", &normalise_name(party.name.as_str()))?;
        if parties.iter().any(|p: &crate::vocabulary::Party| {
            p.role == party.role && p.name.as_str() == name.as_str()
        }) {
            return Err(AgreementError::DuplicateParty);
        }
        parties.push(crate::vocabulary::Party {
            role: party.role,
            name,
            phone: party.phone.clone(),
        });
    }
    let facts = Description::parse("facts", &draft.facts)?;
    if draft.terms.is_empty() {
        return Err(FieldError::new("terms", FieldProblem::Required).into());
    }
    if draft.terms.len() > MAX_TERMS {
        return Err(AgreementError::TooManyTerms { max: MAX_TERMS });
    }
    let mut terms = Vec::with_capacity(draft.terms.len());
    for (index, term) in draft.terms.iter().enumerate() {
        if !parties.iter().any(|p| p.role == term.who) {
            return Err(AgreementError::TermPartyNotInAgreement {
                index,
                who: term.who,
            });
        }
        let what = NoteText::parse("what", &term.what)
            .map_err(|error| AgreementError::Term { index, error })?;
        if term.amount_fen == Some(0) {
            return Err(AgreementError::Term {
                index,
                error: FieldError::new("amount_fen", FieldProblem::InvalidFormat),
            });
        }
        if term.by < drafted_on {
            return Err(AgreementError::TermDueBeforeDrafting { index, drafted_on });
        }
        terms.push(crate::documents::input::Term {
            what: what.as_str().to_owned(),
            ..term.clone()
        });
    }
    for role in [PartyRole::Applicant, PartyRole::Respondent] {
        if !parties.iter().any(|p| p.role == role) {
            return Err(AgreementError::MissingParty(role));
        }
    }
    Ok(AgreementDraft {
        parties,
        facts: facts.as_str().to_owned(),
        terms,
    })
}

/// The SHA-256 (lower-case hex) of the draft's [`canonical_text`].
pub fn content_hash(draft: &AgreementDraft) -> String {
    crate::secret::sha256_hex(canonical_text(draft).as_bytes())
}

/// The canonical text of a draft, which its content hash is taken of. It is written out
/// here, not taken from serde, so that renaming a Rust field never changes the hash of an
/// agreement already confirmed. Form 1:
///
/// ```text
/// accord-agreement:1
/// parties:<count>            then for each party, in the draft's order:
/// role:<len>:applicant|respondent
/// name:<len>:<name>
/// phone:<len>:<phone>        or  no_phone:0:
/// facts:<len>:<facts>
/// terms:<count>              then for each term, in the draft's order:
/// who:<len>:applicant|respondent
/// what:<len>:<what>
/// by:<len>:<YYYY-MM-DD>
/// amount_fen:<len>:<digits>  or  no_amount:0:
/// ```
///
/// Each line is `label:length:value` with the value's length in bytes (UTF-8) and every
/// line ends in `\n`, so a value holding a line break or a colon cannot pass for another
/// field, and no two different drafts share a text. Every field of the draft is in it.
pub fn canonical_text(draft: &AgreementDraft) -> String {
    let mut out = String::from("accord-agreement:1\n");
    let mut field = |label: &str, value: &str| {
        out.push_str(&format!("{label}:{}:{value}\n", value.len()));
    };
    field("parties", &draft.parties.len().to_string());
    for party in &draft.parties {
        field("role", role_code(party.role));
        field("name", party.name.as_str());
        match &party.phone {
            Some(phone) => field("phone", phone.as_str()),
            None => field("no_phone", ""),
        }
    }
    field("facts", &draft.facts);
    field("terms", &draft.terms.len().to_string());
    for term in &draft.terms {
        field("who", role_code(term.who));
        field("what", &term.what);
        field("by", &term.by.format("%Y-%m-%d").to_string());
        match term.amount_fen {
            Some(amount) => field("amount_fen", &amount.to_string()),
            None => field("no_amount", ""),
        }
    }
    out
}

/// A role as the canonical text spells it (as serde does).
pub(crate) fn role_code(role: PartyRole) -> &'static str {
    match role {
        PartyRole::Applicant => "applicant",
        PartyRole::Respondent => "respondent",
    }
}
