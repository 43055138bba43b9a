//! The counselor's confidential compartment: notes a counselor assigned to a case keeps that
//! only counselors on the case read — not the mediator, not the coordinator, and not the audit
//! log beyond the fact that a note was written. A counselor may share a note with the case
//! team only with the party's recorded consent, which the note then shows.

use crate::case::Case;
use crate::fields::{FieldError, NoteText};
use crate::staff::Role;
use crate::vocabulary::PartyRole;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A party's consent to share a note with the case team, as the counselor recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub party: PartyRole,
    /// How the consent was given ("in the session of 3 December, in writing").
    pub how: String,
    pub recorded_by: String,
    pub at: DateTime<Utc>,
}

/// One confidential note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfidentialNote {
    /// The note's number within its case (1, 2, …).
    pub seq: u32,
    pub case_code: String,
    pub author: String,
    pub text: String,
    pub at: DateTime<Utc>,
    /// Shared with the case team, with the party's consent.
    pub shared: Option<Consent>,
}

/// Who reads: a member of staff by name and role.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    pub username: &'a str,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfidentialError {
    #[error("only a counselor assigned to the case keeps confidential notes")]
    NotCounselorOnCase,
    #[error("the note is already shared")]
    AlreadyShared,
    #[error("{0}")]
    Field(FieldError),
}

impl ConfidentialError {
    pub fn code(&self) -> &'static str {
        match self {
            ConfidentialError::NotCounselorOnCase => "not_counselor_on_case",
            ConfidentialError::AlreadyShared => "already_shared",
            ConfidentialError::Field(_) => "invalid_field",
        }
    }
}

/// Whether `reader` is a counselor among the case's handlers.
pub fn counselor_on_case(case: &Case, reader: Reader<'_>) -> bool {
    reader.role == Role::Counselor
        && case
            .handlers
            .iter()
            .any(|h| h.username == reader.username && h.role == Role::Counselor)
}

/// Whether `reader`, who may read the case, may read `note`: a counselor on the case always;
/// anyone else only a note shared with the party's consent.
pub fn may_read(case: &Case, note: &ConfidentialNote, reader: Reader<'_>) -> bool {
    counselor_on_case(case, reader) || note.shared.is_some()
}

/// The notes of a case `reader` may read, in order.
pub fn readable<'n>(
    case: &Case,
    notes: &'n [ConfidentialNote],
    reader: Reader<'_>,
) -> Vec<&'n ConfidentialNote> {
    notes.iter().filter(|n| may_read(case, n, reader)).collect()
}

/// A new note by a counselor on the case, numbered after the `existing` ones.
pub fn write(
    case: &Case,
    existing: &[ConfidentialNote],
    reader: Reader<'_>,
    text: &str,
    at: DateTime<Utc>,
) -> Result<ConfidentialNote, ConfidentialError> {
    if !counselor_on_case(case, reader) {
        return Err(ConfidentialError::NotCounselorOnCase);
    }
    let text = NoteText::parse("text", text).map_err(ConfidentialError::Field)?;
    Ok(ConfidentialNote {
        seq: existing.iter().map(|n| n.seq).max().unwrap_or(0) + 1,
        case_code: case.code.to_string(),
        author: reader.username.to_owned(),
        text: text.as_str().to_owned(),
        at,
        shared: None,
    })
}

/// The note shared with the case team, with the party's consent recorded: only a counselor
/// on the case shares, once, and says how the party consented.
pub fn share(
    case: &Case,
    note: &ConfidentialNote,
    reader: Reader<'_>,
    party: PartyRole,
    how: &str,
    at: DateTime<Utc>,
) -> Result<ConfidentialNote, ConfidentialError> {
    if !counselor_on_case(case, reader) {
        return Err(ConfidentialError::NotCounselorOnCase);
    }
    if note.shared.is_some() {
        return Err(ConfidentialError::AlreadyShared);
    }
    let how = NoteText::parse("how", how).map_err(ConfidentialError::Field)?;
    Ok(ConfidentialNote {
        shared: Some(Consent {
            party,
            how: how.as_str().to_owned(),
            recorded_by: reader.username.to_owned(),
            at,
        }),
        ..note.clone()
    })
}

/// A note as its reader sees it, and whether they may share it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteView {
    pub note: ConfidentialNote,
    pub may_share: bool,
}

/// `GET /api/staff/cases/{code}/confidential`: the notes the reader may read, and whether
/// they may write one. The server sends only these; the page only shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfidentialView {
    pub code: String,
    pub notes: Vec<NoteView>,
    pub may_write: bool,
}

impl ConfidentialView {
    pub fn of(case: &Case, notes: &[ConfidentialNote], reader: Reader<'_>) -> ConfidentialView {
        let counselor = counselor_on_case(case, reader);
        ConfidentialView {
            code: case.code.to_string(),
            notes: readable(case, notes, reader)
                .into_iter()
                .map(|n| NoteView {
                    may_share: counselor && n.shared.is_none(),
                    note: n.clone(),
                })
                .collect(),
            may_write: counselor,
        }
    }
}

/// `POST /api/staff/cases/{code}/confidential`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewNoteRequest {
    pub text: String,
}

/// `POST /api/staff/confidential/{code~seq}/share`: the party who consented and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareRequest {
    pub party: PartyRole,
    pub how: String,
}

/// A note's id in a URL: `ZH01-2026-0001~2`.
pub fn parse_note_id(raw: &str) -> Option<(String, u32)> {
    let (code, seq) = raw.split_once('~')?;
    let seq: u32 = seq.parse().ok().filter(|s| *s >= 1)?;
    (!code.is_empty() && code.len() <= 40).then(|| (code.to_owned(), seq))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::{execute, Command};
    use crate::staff::Handler;
    use crate::testing::{filed_dispute, sample_actor};
    use chrono::TimeZone;

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 12, 2, 0, 0)
            .single()
            .unwrap_or_default()
    }

    /// A case with a mediator leading and a counselor beside them.
    fn case_with_counselor() -> Case {
        let case = crate::testing::after(filed_dispute(), &[crate::lifecycle::CommandKind::Accept]);
        let command = Command::SetHandlers {
            handlers: vec![
                Handler {
                    username: "mediator01".into(),
                    role: Role::Mediator,
                    lead: true,
                },
                Handler {
                    username: "counselor01".into(),
                    role: Role::Counselor,
                    lead: false,
                },
            ],
        };
        let actor = sample_actor(crate::lifecycle::CommandKind::SetHandlers);
        execute(
            &case,
            &command,
            &actor,
            at(),
            &crate::demo::demo_directory(),
        )
        .expect("handlers set")
        .0
    }

    const COUNSELOR: Reader<'static> = Reader {
        username: "counselor01",
        role: Role::Counselor,
    };

    #[test]
    fn a_note_id_reads_back_and_nothing_else_does() {
        assert_eq!(
            parse_note_id("ZH01-2026-0001~2"),
            Some(("ZH01-2026-0001".into(), 2))
        );
        for bad in [
            "",
            "~1",
            "ZH01-2026-0001",
            "ZH01-2026-0001~0",
            "ZH01-2026-0001~x",
        ] {
            assert_eq!(parse_note_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_view_gives_a_counselor_everything_and_the_team_only_what_was_shared() {
        let case = case_with_counselor();
        let first = write(&case, &[], COUNSELOR, "一", at()).unwrap();
        let second = write(&case, std::slice::from_ref(&first), COUNSELOR, "二", at()).unwrap();
        let second = share(
            &case,
            &second,
            COUNSELOR,
            PartyRole::Respondent,
            "书面同意",
            at(),
        )
        .unwrap();
        let notes = [first, second];
        let counselor = ConfidentialView::of(&case, &notes, COUNSELOR);
        assert!(counselor.may_write);
        assert_eq!(
            counselor
                .notes
                .iter()
                .map(|n| n.may_share)
                .collect::<Vec<_>>(),
            [true, false]
        );
        let mediator = ConfidentialView::of(
            &case,
            &notes,
            Reader {
                username: "mediator01",
                role: Role::Mediator,
            },
        );
        assert!(!mediator.may_write);
        assert_eq!(mediator.notes.len(), 1);
        assert_eq!(mediator.notes[0].note.text, "二");
        assert!(!mediator.notes[0].may_share);
    }

    #[test]
    fn only_a_counselor_on_the_case_writes_and_reads_a_note_until_it_is_shared_with_consent() {
        let case = case_with_counselor();
        let note = write(&case, &[], COUNSELOR, "当事人情绪低落，有焦虑表现", at()).unwrap();
        assert_eq!(note.seq, 1);
        let notes = vec![note.clone()];
        for reader in [
            Reader {
                username: "mediator01",
                role: Role::Mediator,
            },
            Reader {
                username: "coordinator",
                role: Role::Coordinator,
            },
            Reader {
                username: "counselor02",
                role: Role::Counselor,
            },
            Reader {
                username: "police01",
                role: Role::Police,
            },
        ] {
            assert!(
                readable(&case, &notes, reader).is_empty(),
                "{}",
                reader.username
            );
            assert_eq!(
                write(&case, &notes, reader, "x", at()),
                Err(ConfidentialError::NotCounselorOnCase)
            );
            assert_eq!(
                share(&case, &note, reader, PartyRole::Applicant, "书面同意", at()),
                Err(ConfidentialError::NotCounselorOnCase)
            );
        }
        assert_eq!(readable(&case, &notes, COUNSELOR).len(), 1);
        assert!(matches!(
            share(&case, &note, COUNSELOR, PartyRole::Applicant, " ", at()),
            Err(ConfidentialError::Field(_))
        ));
        let shared = share(
            &case,
            &note,
            COUNSELOR,
            PartyRole::Applicant,
            "调解会上口头同意，已记录",
            at(),
        )
        .unwrap();
        let consent = shared.shared.as_ref().expect("consent recorded");
        assert_eq!(consent.party, PartyRole::Applicant);
        assert_eq!(consent.recorded_by, "counselor01");
        let mediator = Reader {
            username: "mediator01",
            role: Role::Mediator,
        };
        assert_eq!(
            readable(&case, std::slice::from_ref(&shared), mediator).len(),
            1
        );
        assert_eq!(
            share(
                &case,
                &shared,
                COUNSELOR,
                PartyRole::Applicant,
                "again",
                at()
            ),
            Err(ConfidentialError::AlreadyShared)
        );
        let second = write(&case, &[shared], COUNSELOR, "第二次会谈", at()).unwrap();
        assert_eq!(second.seq, 2);
        assert!(matches!(
            write(&case, &[], COUNSELOR, "  ", at()),
            Err(ConfidentialError::Field(_))
        ));
    }
}
