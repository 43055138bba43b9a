//! Tests of the documents: each template in both languages against its reviewed snapshot
//! (`shared/tests/snapshots/documents/`; `UPDATE_EXPECT=1 cargo test -p accord-shared
//! documents` rewrites them), numbers and their round trip, what each kind refuses without
//! its data, which kinds a case offers over its life, the content hash and voiding.

use super::*;
use crate::case::Case;
use crate::lifecycle::CommandKind;
use crate::testing::{
    after, filed_dispute, filed_hazard, DocumentFixture, REFERRED_DISPUTE, REFERRED_HAZARD,
    SETTLED_DISPUTE,
};
use crate::vocabulary::PartyRole;
use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use std::path::PathBuf;

fn snapshot_path(name: &str, lang: DocLang) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/documents")
        .join(format!("{name}.{}.txt", lang.code()))
}

/// The lines of `expected` and `actual` as a diff: `-` only expected, `+` only actual, two
/// spaces for both (longest common subsequence, small inputs only).
fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut common = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(format!("  {}", a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || common[i + 1][j] >= common[i][j + 1]) {
            out.push(format!("- {}", a[i]));
            i += 1;
        } else {
            out.push(format!("+ {}", b[j]));
            j += 1;
        }
    }
    out.join("\n")
}

/// Compares with the snapshot file, or rewrites it under `UPDATE_EXPECT=1` (the variable
/// expect-test uses in `tests/tables.rs`). A difference is returned as a readable diff.
fn compare_with_snapshot(name: &str, lang: DocLang, actual: &str) -> Option<String> {
    let path = snapshot_path(name, lang);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        }
        std::fs::write(&path, actual).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    (expected != actual).then(|| {
        format!(
            "{} differs from the rendered document (- snapshot, + now):\n{}",
            path.display(),
            line_diff(&expected, actual)
        )
    })
}

fn settled() -> DocumentFixture {
    DocumentFixture::complete(after(filed_dispute(), SETTLED_DISPUTE))
}

fn referred_dispute() -> DocumentFixture {
    DocumentFixture::bare(after(filed_dispute(), REFERRED_DISPUTE))
}

fn referred_hazard() -> DocumentFixture {
    DocumentFixture::bare(after(filed_hazard(), REFERRED_HAZARD))
}

/// (snapshot name, kind, fixture): every kind once, and the referral letter for a hazard too.
fn snapshot_cases() -> Vec<(&'static str, DocumentKind, DocumentFixture)> {
    use DocumentKind as K;
    vec![
        ("mediation_application", K::MediationApplication, settled()),
        ("acceptance_notice", K::AcceptanceNotice, settled()),
        ("mediation_record", K::MediationRecord, settled()),
        ("mediation_agreement", K::MediationAgreement, settled()),
        (
            "judicial_confirmation_application",
            K::JudicialConfirmationApplication,
            settled(),
        ),
        ("referral_letter", K::ReferralLetter, referred_dispute()),
        (
            "referral_letter_hazard",
            K::ReferralLetter,
            referred_hazard(),
        ),
        ("return_visit_record", K::ReturnVisitRecord, settled()),
    ]
}

#[test]
fn every_template_renders_as_its_reviewed_snapshot_in_both_languages() {
    let mut failures = Vec::new();
    let cases = snapshot_cases();
    for kind in DocumentKind::ALL {
        assert!(
            cases.iter().any(|(_, k, _)| *k == kind),
            "{kind:?} has no snapshot"
        );
    }
    for (name, kind, fixture) in &cases {
        for lang in DocLang::ALL {
            let doc = render(*kind, &fixture.input(7), lang)
                .unwrap_or_else(|e| panic!("{name} in {lang:?}: {e}"));
            assert_eq!(doc.template_version, kind.template_version());
            if let Some(diff) = compare_with_snapshot(name, lang, &doc.to_plain_text()) {
                failures.push(diff);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nA changed template needs a new template_version and reviewed snapshots \
         (UPDATE_EXPECT=1 rewrites them)",
        failures.join("\n\n")
    );
}

#[test]
fn a_changed_line_shows_as_a_readable_diff() {
    let diff = line_diff("a\nb\nc\n", "a\nB\nc\nd\n");
    assert_eq!(diff, "  a\n- b\n+ B\n  c\n+ d");
}

#[test]
fn numbers_read_as_the_street_prints_them_in_both_languages() {
    let number = DocumentNumber::new("中华路", DocumentKind::MediationAgreement, 2026, 42)
        .expect("a valid number");
    assert_eq!(number.to_string(), "(2026) 中华路调字第 0042 号");
    assert_eq!(
        number.english("Zhonghua Road"),
        "Zhonghua Road Mediation No. 0042 (2026)"
    );
    assert_eq!(
        document_number("中华路", DocumentKind::AcceptanceNotice, 2027, 3),
        "(2027) 中华路受字第 0003 号"
    );
    assert_eq!(
        DocumentNumber::parse("（2026）中华路调字第0042号"),
        Ok(number.clone())
    );
    let json = serde_json::to_string(&number).expect("a string");
    assert_eq!(json, "\"(2026) 中华路调字第 0042 号\"");
    assert_eq!(
        serde_json::from_str::<DocumentNumber>(&json).ok(),
        Some(number)
    );
    let long = DocumentNumber::new("中华路", DocumentKind::ReferralLetter, 2026, 12345)
        .expect("a valid number");
    assert_eq!(long.to_string(), "(2026) 中华路移字第 12345 号");
    assert_eq!(long.to_string().parse(), Ok(long));
}

#[test]
fn every_kind_has_its_own_number_word_and_code() {
    let mut words: Vec<char> = DocumentKind::ALL.iter().map(|k| k.number_word()).collect();
    words.sort_unstable();
    words.dedup();
    assert_eq!(words.len(), 7);
    let words: String = DocumentKind::ALL.iter().map(|k| k.number_word()).collect();
    assert_eq!(words, "申受笔调确移访");
    for kind in DocumentKind::ALL {
        let serialized = serde_json::to_string(&kind).expect("a string");
        assert_eq!(serialized, format!("\"{}\"", kind.code()));
        assert_eq!(DocumentKind::parse(kind.code()), Some(kind));
    }
}

#[test]
fn malformed_numbers_are_rejected() {
    for raw in [
        "",
        "(2026) 中华路调字第 0042",
        "2026 中华路调字第 0042 号",
        "(26) 中华路调字第 0042 号",
        "(2026) 中华路调字第 42 号",
        "(2026) 中华路调字第 0000 号",
        "(2026) 调字第 0042 号",
        "(2026) 中华路甲字第 0042 号",
        "(2026) 中华路调第 0042 号",
        "(1999) 中华路调字第 0042 号",
        "(2026) 中华路调字第 ００42 号",
    ] {
        assert!(DocumentNumber::parse(raw).is_err(), "{raw}");
    }
    assert_eq!(
        DocumentNumber::new("中 华路", DocumentKind::MediationRecord, 2026, 1),
        None
    );
    assert_eq!(
        DocumentNumber::new("", DocumentKind::MediationRecord, 2026, 1),
        None
    );
    assert_eq!(
        DocumentNumber::new("中华路", DocumentKind::MediationRecord, 2026, 0),
        None
    );
}

proptest! {
    #[test]
    fn every_number_survives_a_round_trip(
        street in "[中华路周水子辛寨调字第]{1,6}",
        kind in 0usize..7,
        year in 2000i32..=9999,
        seq in 1u32..=99_999_999,
    ) {
        let kind = DocumentKind::ALL[kind];
        let number = DocumentNumber::new(&street, kind, year, seq).expect("in range");
        prop_assert_eq!(number.to_string().parse::<DocumentNumber>(), Ok(number));
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(raw in ".{0,40}") {
        let _ = raw.parse::<DocumentNumber>();
    }
}

fn refusal(kind: DocumentKind, fixture: &DocumentFixture) -> DocumentError {
    let refused = check(kind, &fixture.input(1)).expect_err("refused");
    assert_eq!(
        render(kind, &fixture.input(1), DocLang::Zh).expect_err("render refuses too"),
        refused
    );
    refused
}

#[test]
fn a_document_without_its_data_names_what_is_missing() {
    use DocumentKind as K;
    let in_progress = after(
        filed_dispute(),
        &[
            CommandKind::Accept,
            CommandKind::SetHandlers,
            CommandKind::Start,
        ],
    );
    let bare = DocumentFixture::bare(in_progress.clone());
    assert_eq!(
        refusal(K::MediationRecord, &bare),
        DocumentError::Missing(Missing::HeldSession)
    );
    assert_eq!(
        refusal(K::MediationAgreement, &bare),
        DocumentError::Missing(Missing::Agreement)
    );
    assert_eq!(
        refusal(K::ReferralLetter, &bare),
        DocumentError::Missing(Missing::Referral)
    );
    assert_eq!(
        refusal(K::ReturnVisitRecord, &bare),
        DocumentError::Missing(Missing::ReturnVisit)
    );
    assert_eq!(
        refusal(K::AcceptanceNotice, &DocumentFixture::bare(filed_dispute())),
        DocumentError::Missing(Missing::Acceptance)
    );

    let mut unheld = DocumentFixture::complete(in_progress.clone());
    if let Some(session) = unheld.session.as_mut() {
        session.status = crate::scheduling::SessionStatus::Confirmed;
    }
    assert_eq!(
        refusal(K::MediationRecord, &unheld),
        DocumentError::Missing(Missing::HeldSession)
    );
    let mut elsewhere = DocumentFixture::complete(in_progress.clone());
    if let Some(session) = elsewhere.session.as_mut() {
        session.case_code = "ZH01-2026-0001".into();
    }
    assert_eq!(
        refusal(K::MediationRecord, &elsewhere),
        DocumentError::SessionOfAnotherCase
    );

    let mut no_terms = DocumentFixture::complete(in_progress.clone());
    if let Some(agreement) = no_terms.agreement.as_mut() {
        agreement.terms.clear();
    }
    assert_eq!(
        refusal(K::MediationAgreement, &no_terms),
        DocumentError::Missing(Missing::AgreementTerms)
    );
    let mut one_sided = DocumentFixture::complete(in_progress.clone());
    if let Some(agreement) = one_sided.agreement.as_mut() {
        agreement.parties.retain(|p| p.role == PartyRole::Applicant);
    }
    assert_eq!(
        refusal(K::MediationAgreement, &one_sided),
        DocumentError::Missing(Missing::Respondent)
    );

    let mut half_confirmed = DocumentFixture::complete(in_progress.clone());
    half_confirmed.confirmations.truncate(1);
    assert_eq!(
        refusal(K::JudicialConfirmationApplication, &half_confirmed),
        DocumentError::Missing(Missing::Confirmation {
            role: PartyRole::Respondent,
            name: "刘四".into()
        })
    );
    let mut misnamed = DocumentFixture::complete(in_progress.clone());
    if let Some(c) = misnamed.confirmations.first_mut() {
        c.name = "张3".into();
    }
    assert!(matches!(
        refusal(K::JudicialConfirmationApplication, &misnamed),
        DocumentError::Missing(Missing::Confirmation {
            role: PartyRole::Applicant,
            ..
        })
    ));
    let mut unnumbered = DocumentFixture::complete(in_progress.clone());
    unnumbered.agreement_number = None;
    assert_eq!(
        refusal(K::JudicialConfirmationApplication, &unnumbered),
        DocumentError::Missing(Missing::AgreementNumber)
    );
    // Confirmed on 11 November: the thirtieth day after is 11 December.
    let mut late = DocumentFixture::complete(in_progress.clone());
    late.issued_on = NaiveDate::from_ymd_opt(2026, 12, 11).expect("a date");
    assert!(check(K::JudicialConfirmationApplication, &late.input(1)).is_ok());
    late.issued_on = NaiveDate::from_ymd_opt(2026, 12, 12).expect("a date");
    assert_eq!(
        refusal(K::JudicialConfirmationApplication, &late),
        DocumentError::ConfirmationPeriodOver {
            last_day: NaiveDate::from_ymd_opt(2026, 12, 11).expect("a date")
        }
    );

    let hazard = DocumentFixture::complete(after(filed_hazard(), &[CommandKind::Accept]));
    assert_eq!(
        refusal(K::MediationApplication, &hazard),
        DocumentError::NotForThisKindOfCase {
            document: K::MediationApplication,
            case_kind: crate::vocabulary::CaseKind::Hazard
        }
    );

    let mut erased = settled();
    erased.case.personal_data_erased = true;
    assert_eq!(
        refusal(K::ReturnVisitRecord, &erased),
        DocumentError::PersonalDataErased
    );

    let fixture = settled();
    assert!(check(K::MediationAgreement, &fixture.input(0)).is_ok());
    assert_eq!(
        render(K::MediationAgreement, &fixture.input(0), DocLang::Zh),
        Err(DocumentError::InvalidNumber),
        "a sequence starts at 1"
    );
}

fn available(fixture: &DocumentFixture) -> Vec<&'static str> {
    available_documents(&fixture.input(1))
        .into_iter()
        .map(DocumentKind::code)
        .collect()
}

#[test]
fn a_case_offers_its_documents_as_its_life_provides_them() {
    let filed = DocumentFixture::bare(filed_dispute());
    assert_eq!(available(&filed), ["mediation_application"]);
    let accepted = DocumentFixture::bare(after(filed_dispute(), &[CommandKind::Accept]));
    assert_eq!(
        available(&accepted),
        ["mediation_application", "acceptance_notice"]
    );

    let in_progress = after(
        filed_dispute(),
        &[
            CommandKind::Accept,
            CommandKind::SetHandlers,
            CommandKind::Start,
        ],
    );
    let mut held = DocumentFixture::complete(in_progress);
    held.agreement = None;
    held.agreement_number = None;
    held.confirmations.clear();
    assert_eq!(
        available(&held),
        [
            "mediation_application",
            "acceptance_notice",
            "mediation_record"
        ]
    );
    let mut drafted = DocumentFixture::complete(held.case.clone());
    drafted.agreement_number = None;
    drafted.confirmations.clear();
    assert_eq!(
        available(&drafted),
        [
            "mediation_application",
            "acceptance_notice",
            "mediation_record",
            "mediation_agreement"
        ]
    );
    assert_eq!(
        available(&settled()),
        [
            "mediation_application",
            "acceptance_notice",
            "mediation_record",
            "mediation_agreement",
            "judicial_confirmation_application",
            "return_visit_record"
        ]
    );
    assert_eq!(
        available(&referred_dispute()),
        [
            "mediation_application",
            "acceptance_notice",
            "referral_letter",
            "return_visit_record"
        ]
    );
    assert!(available(&DocumentFixture::bare(filed_hazard())).is_empty());
    assert_eq!(available(&referred_hazard()), ["referral_letter"]);
}

#[test]
fn render_refuses_exactly_what_check_refuses_over_a_case_life() {
    let mut fixtures: Vec<DocumentFixture> = Vec::new();
    let mut case: Case = filed_dispute();
    fixtures.push(DocumentFixture::complete(case.clone()));
    for kind in SETTLED_DISPUTE {
        case = after(case, &[*kind]);
        fixtures.push(DocumentFixture::complete(case.clone()));
        fixtures.push(DocumentFixture::bare(case.clone()));
    }
    fixtures.push(referred_dispute());
    fixtures.push(referred_hazard());
    for fixture in &fixtures {
        for kind in DocumentKind::ALL {
            for lang in DocLang::ALL {
                assert_eq!(
                    render(kind, &fixture.input(1), lang).err(),
                    check(kind, &fixture.input(1)).err(),
                    "{kind:?} of a case {:?}",
                    fixture.case.status
                );
            }
        }
    }
}

#[test]
fn the_content_hash_is_sha256_hex_and_changes_with_any_word() {
    let fixture = settled();
    let doc = render(
        DocumentKind::MediationAgreement,
        &fixture.input(42),
        DocLang::Zh,
    )
    .expect("renders");
    let hash = content_hash(&doc);
    assert_eq!(hash.len(), 64);
    assert!(hash
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    let again = render(
        DocumentKind::MediationAgreement,
        &fixture.input(42),
        DocLang::Zh,
    )
    .expect("renders");
    assert_eq!(content_hash(&again), hash, "rendering is deterministic");

    let english = render(
        DocumentKind::MediationAgreement,
        &fixture.input(42),
        DocLang::En,
    )
    .expect("renders");
    assert_ne!(content_hash(&english), hash);
    let renumbered = render(
        DocumentKind::MediationAgreement,
        &fixture.input(43),
        DocLang::Zh,
    )
    .expect("renders");
    assert_ne!(content_hash(&renumbered), hash);

    // Moving a word from one paragraph to the next changes the hash: lengths are part of it.
    let mut moved = doc.clone();
    if let Some(section) = moved.sections.iter_mut().find(|s| s.paragraphs.len() >= 2) {
        let first = section.paragraphs[0].clone();
        let (head, tail) = first.split_at(first.len() - '。'.len_utf8());
        section.paragraphs[0] = head.to_owned();
        section.paragraphs[1] = format!("{tail}{}", section.paragraphs[1]);
    }
    assert_ne!(moved, doc);
    assert_ne!(content_hash(&moved), hash);
    let mut unsealed = doc.clone();
    unsealed.seal_line = false;
    assert_ne!(content_hash(&unsealed), hash);
}

#[test]
fn a_voided_document_keeps_its_number_and_content_and_is_voided_once() {
    let fixture = settled();
    let doc = render(
        DocumentKind::MediationAgreement,
        &fixture.input(42),
        DocLang::Zh,
    )
    .expect("renders");
    let at = Utc
        .with_ymd_and_hms(2026, 11, 21, 2, 0, 0)
        .single()
        .expect("a time");
    let english = render(
        DocumentKind::MediationAgreement,
        &fixture.input(42),
        DocLang::En,
    )
    .expect("renders");
    let issued = IssuedDocument::issue(doc, english, "ZH01-2026-0042", "mediator01", at);
    assert_eq!(issued.state, DocumentState::Issued);
    assert_eq!(issued.allowed_actions(), [DocumentAction::Void]);
    assert!(issued.hash_matches());
    assert!(matches!(
        issued.void("  ", at),
        Err(DocumentError::Field(_))
    ));

    let void = issued.void("金额写错，重新出具", at).expect("voided");
    assert_eq!(void.number(), issued.number());
    assert_eq!(void.document, issued.document);
    assert_eq!(void.content_hash, issued.content_hash);
    assert_eq!(
        void.state,
        DocumentState::Void {
            reason: "金额写错，重新出具".into(),
            at
        }
    );
    assert!(void.allowed_actions().is_empty());
    assert_eq!(void.void("again", at), Err(DocumentError::AlreadyVoid));

    let stored = serde_json::to_string(&void).expect("serializes");
    let read: IssuedDocument = serde_json::from_str(&stored).expect("reads back");
    assert_eq!(read, void);
    assert!(read.hash_matches());
}

#[test]
fn the_record_prints_staff_by_name_and_the_venue_by_its_name() {
    let doc = render(
        DocumentKind::MediationRecord,
        &settled().input(1),
        DocLang::Zh,
    )
    .expect("renders");
    let text = doc.to_plain_text();
    assert!(text.contains("人民调解员：李明"), "{text}");
    assert!(text.contains("地点：中华路社区调解室"), "{text}");
    assert!(text.contains("2026年11月10日 14:00–15:30"), "{text}");
}

#[test]
fn an_issued_document_holds_both_languages_under_one_number_and_the_official_hash() {
    let fixture = settled();
    let at = Utc
        .with_ymd_and_hms(2026, 11, 21, 2, 0, 0)
        .single()
        .expect("a time");
    let issued = crate::documents::issue(
        DocumentKind::MediationRecord,
        &fixture.input(7),
        "mediator01",
        at,
    )
    .expect("issues");
    assert_eq!(issued.document.lang, DocLang::Zh);
    assert_eq!(issued.english.lang, DocLang::En);
    assert_eq!(issued.document.number, issued.english.number);
    assert_eq!(issued.number().seq(), 7);
    assert_eq!(issued.content_hash, content_hash(&issued.document));
    assert_eq!(issued.case_code, fixture.input(7).case.code.to_string());
    assert_eq!(issued.issued_by, "mediator01");
    // A kind the case cannot have yet is refused, in both languages alike.
    let refused = crate::documents::issue(
        DocumentKind::JudicialConfirmationApplication,
        &DocumentInput {
            confirmations: &[],
            ..fixture.input(8)
        },
        "mediator01",
        at,
    );
    assert!(
        matches!(refused, Err(DocumentError::Missing(_))),
        "{refused:?}"
    );
}
