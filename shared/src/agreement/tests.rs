//! Tests of the agreement's life: drafting and its checks, the content hash, each party's
//! confirmation (wrong name, stale text, twice), the version in effect and new versions,
//! the judicial-confirmation clock across Shanghai midnight, the judge's decision, the
//! follow-up of the terms and default reported once, and what each reader may do.

use super::*;
use crate::documents::input::{AgreementDraft, Term, JUDICIAL_CONFIRMATION_DAYS};
use crate::fields::{FieldProblem, PartyName};
use crate::vocabulary::{Party, PartyRole};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

const APPLICANT: &str = "张三";
const RESPONDENT: &str = "Li Wei";

fn utc(m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, h, min, s).unwrap()
}

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// 10:00 in Shanghai on 10 November 2026.
fn drafted_at() -> DateTime<Utc> {
    utc(11, 10, 2, 0, 0)
}

fn party(role: PartyRole, name: &str) -> Party {
    Party {
        role,
        name: PartyName::parse("name", name).unwrap(),
        phone: None,
    }
}

fn term(who: PartyRole, what: &str, by: NaiveDate, amount_fen: Option<u64>) -> Term {
    Term {
        who,
        what: what.into(),
        by,
        amount_fen,
    }
}

/// Three terms, due on 30 November, 15 December and 20 November.
fn sample_draft() -> AgreementDraft {
    AgreementDraft {
        parties: vec![
            party(PartyRole::Applicant, APPLICANT),
            party(PartyRole::Respondent, RESPONDENT),
        ],
        facts: "被申请人家卫生间防水层老化漏水，致申请人家厨房顶棚受损。".into(),
        terms: vec![
            term(
                PartyRole::Respondent,
                "修复卫生间防水层",
                date(11, 30),
                None,
            ),
            term(
                PartyRole::Respondent,
                "向申请人支付顶棚维修费",
                date(12, 15),
                Some(120_000),
            ),
            term(
                PartyRole::Applicant,
                "配合被申请人入户查看漏水情况",
                date(11, 20),
                None,
            ),
        ],
    }
}

fn drafted() -> Agreement {
    Agreement::draft(
        "ZH01-2026-0001",
        &sample_draft(),
        "mediator01",
        drafted_at(),
    )
    .unwrap()
}

fn confirm(
    agreement: &Agreement,
    role: PartyRole,
    name: &str,
    typed: &str,
    at: DateTime<Utc>,
) -> Result<Confirmed, AgreementError> {
    let hash = agreement.current().content_hash.clone();
    agreement.confirm(
        &ConfirmRequest {
            role,
            party_name: name,
            typed_name: typed,
            content_hash: &hash,
            link_id: &format!("link-{name}"),
        },
        at,
    )
}

fn confirmed_by_both(first: DateTime<Utc>, last: DateTime<Utc>) -> Agreement {
    let a = confirm(
        &drafted(),
        PartyRole::Applicant,
        APPLICANT,
        APPLICANT,
        first,
    )
    .unwrap();
    confirm(
        &a.agreement,
        PartyRole::Respondent,
        RESPONDENT,
        RESPONDENT,
        last,
    )
    .unwrap()
    .agreement
}

/// In effect since 12:15 in Shanghai on 11 November.
fn in_effect() -> Agreement {
    confirmed_by_both(utc(11, 11, 2, 15, 0), utc(11, 11, 4, 15, 0))
}

fn mediator() -> AgreementActor {
    AgreementActor::Staff {
        username: "mediator01".into(),
        may_mediate: true,
    }
}

fn applicant() -> AgreementActor {
    AgreementActor::Party {
        role: PartyRole::Applicant,
        name: APPLICANT.into(),
    }
}

fn respondent() -> AgreementActor {
    AgreementActor::Party {
        role: PartyRole::Respondent,
        name: RESPONDENT.into(),
    }
}

fn field_of(result: Result<Agreement, AgreementError>) -> (&'static str, &'static str) {
    let err = result.unwrap_err();
    (err.code(), err.field().unwrap_or("-"))
}

// ---- drafting -------------------------------------------------------------------------------

#[test]
fn a_first_draft_is_version_one_with_its_hash_and_no_confirmations() {
    let a = drafted();
    assert_eq!(a.schema_version, AGREEMENT_SCHEMA_VERSION);
    assert_eq!(a.case_code, "ZH01-2026-0001");
    assert_eq!(a.current().number, 1);
    assert_eq!(a.current().drafted_by, "mediator01");
    assert_eq!(a.current().drafted_on(), date(11, 10));
    assert_eq!(a.current().content_hash, content_hash(&sample_draft()));
    assert!(a.current().hash_matches());
    assert!(a.current().confirmations.is_empty());
    assert_eq!(a.versions().count(), 1);
    assert!(a.in_effect().is_none());
}

#[test]
fn the_draft_is_kept_trimmed_and_with_names_normalised() {
    let mut draft = sample_draft();
    draft.facts = "  漏水致顶棚受损  \n".into();
    draft.terms[0].what = "\t修复防水层 ".into();
    draft.parties[1].name = PartyName::parse("name", "Li\u{3000}\u{3000}Wei").unwrap();
    let a = Agreement::draft("c", &draft, "m", drafted_at()).unwrap();
    assert_eq!(a.current().draft.facts, "漏水致顶棚受损");
    assert_eq!(a.current().draft.terms[0].what, "修复防水层");
    assert_eq!(a.current().draft.parties[1].name.as_str(), "Li Wei");
    assert!(a.current().hash_matches());
}

#[test]
fn a_draft_names_what_is_wrong_with_it() {
    let check = |change: &dyn Fn(&mut AgreementDraft)| {
        let mut draft = sample_draft();
        change(&mut draft);
        Agreement::draft("c", &draft, "m", drafted_at()).unwrap_err()
    };
    let err = check(&|d| d.terms.clear());
    assert_eq!((err.code(), err.field()), ("invalid_field", Some("terms")));
    let err = check(&|d| d.facts = "  ".into());
    assert_eq!(
        err,
        AgreementError::Field(crate::fields::FieldError::new(
            "facts",
            FieldProblem::Required
        ))
    );
    let err = check(&|d| d.facts = "字".repeat(2001));
    assert_eq!(err.field(), Some("facts"));
    assert!(matches!(
        err,
        AgreementError::Field(ref f) if f.problem == FieldProblem::TooLong { max: 2000 }
    ));
    let err = check(&|d| d.terms[1].what = " ".into());
    assert_eq!(
        (err.code(), err.field(), err.term_index()),
        ("invalid_term", Some("what"), Some(1))
    );
    let err = check(&|d| d.terms[2].what = "很".repeat(2001));
    assert_eq!((err.field(), err.term_index()), (Some("what"), Some(2)));
    let err = check(&|d| d.terms[0].amount_fen = Some(0));
    assert_eq!(
        (err.field(), err.term_index()),
        (Some("amount_fen"), Some(0))
    );
    let err = check(&|d| {
        d.parties.remove(1);
    });
    assert_eq!(
        (err.code(), err.field(), err.term_index()),
        ("term_party_not_in_agreement", Some("who"), Some(0))
    );
    let err = check(&|d| {
        d.parties.remove(1);
        d.terms.retain(|t| t.who == PartyRole::Applicant);
    });
    assert_eq!(err, AgreementError::MissingParty(PartyRole::Respondent));
    assert_eq!(
        (err.code(), err.field()),
        ("agreement_missing_party", Some("parties"))
    );
    let err = check(&|d| d.parties.push(party(PartyRole::Applicant, APPLICANT)));
    assert_eq!(err, AgreementError::DuplicateParty);
    let err = check(&|d| {
        let first = d.terms[0].clone();
        d.terms = vec![first; MAX_TERMS + 1];
    });
    assert_eq!(err, AgreementError::TooManyTerms { max: MAX_TERMS });
    assert_eq!(err.field(), Some("terms"));
}

#[test]
fn a_term_may_fall_due_on_the_local_day_of_drafting_but_not_before() {
    // 01:00 on 11 November in Shanghai, still 10 November in UTC.
    let at = utc(11, 10, 17, 0, 0);
    let mut draft = sample_draft();
    draft.terms[2].by = date(11, 11);
    assert!(Agreement::draft("c", &draft, "m", at).is_ok());
    draft.terms[2].by = date(11, 10);
    let err = Agreement::draft("c", &draft, "m", at).unwrap_err();
    assert_eq!(
        err,
        AgreementError::TermDueBeforeDrafting {
            index: 2,
            drafted_on: date(11, 11)
        }
    );
    assert_eq!(
        (err.code(), err.field()),
        ("term_due_before_drafting", Some("by"))
    );
}

// ---- the content hash -----------------------------------------------------------------------

#[test]
fn the_canonical_text_is_stable_and_length_prefixed() {
    let draft = AgreementDraft {
        parties: vec![
            party(PartyRole::Applicant, "张三"),
            Party {
                phone: Some(crate::fields::PhoneNumber::parse("phone", "13812345678").unwrap()),
                ..party(PartyRole::Respondent, "Li Wei")
            },
        ],
        facts: "漏水".into(),
        terms: vec![term(
            PartyRole::Respondent,
            "修复",
            date(11, 30),
            Some(5000),
        )],
    };
    let text = canonical_text(&draft);
    assert_eq!(
        text,
        "accord-agreement:1\n\
         parties:1:2\n\
         role:9:applicant\n\
         name:6:张三\n\
         no_phone:0:\n\
         role:10:respondent\n\
         name:6:Li Wei\n\
         phone:11:13812345678\n\
         facts:6:漏水\n\
         terms:1:1\n\
         who:10:respondent\n\
         what:6:修复\n\
         by:10:2026-11-30\n\
         amount_fen:4:5000\n"
    );
    assert_eq!(
        content_hash(&draft),
        crate::secret::sha256_hex(text.as_bytes())
    );
    assert_eq!(
        content_hash(&draft),
        "3c03d935e31d61add894a9eb80df5389e8b62bb4909dcd7c6bc434f1cdd36106"
    );
}

#[test]
fn every_field_of_the_draft_changes_the_hash_and_no_two_texts_run_together() {
    let base = content_hash(&sample_draft());
    let changes: Vec<fn(&mut AgreementDraft)> = vec![
        |d| d.facts.push('。'),
        |d| d.parties.swap(0, 1),
        |d| d.parties[0].name = PartyName::parse("n", "张叁").unwrap(),
        |d| {
            d.parties[0].phone =
                Some(crate::fields::PhoneNumber::parse("phone", "13812345678").unwrap())
        },
        |d| d.terms[0].who = PartyRole::Applicant,
        |d| d.terms[0].what.push('好'),
        |d| d.terms[0].by = date(12, 1),
        |d| d.terms[0].amount_fen = Some(1),
        |d| d.terms.swap(0, 1),
        |d| {
            d.terms.pop();
        },
    ];
    for (i, change) in changes.iter().enumerate() {
        let mut draft = sample_draft();
        change(&mut draft);
        assert_ne!(content_hash(&draft), base, "change {i}");
    }
    // Text moved from the facts into an undertaking would read the same run together.
    let mut a = sample_draft();
    a.facts = "ab".into();
    a.terms[0].what = "c".into();
    let mut b = sample_draft();
    b.facts = "a".into();
    b.terms[0].what = "bc".into();
    assert_ne!(content_hash(&a), content_hash(&b));
}

// ---- confirmations --------------------------------------------------------------------------

#[test]
fn each_party_confirms_and_the_last_confirmation_puts_the_version_in_effect() {
    let first = confirm(
        &drafted(),
        PartyRole::Applicant,
        APPLICANT,
        APPLICANT,
        utc(11, 11, 2, 15, 0),
    )
    .unwrap();
    assert!(first.recorded && !first.took_effect);
    let a = &first.agreement;
    assert!(a.in_effect().is_none());
    assert_eq!(a.current().unconfirmed_parties().len(), 1);
    let c = &a.current().confirmations[0];
    assert_eq!(c.confirmation.role, PartyRole::Applicant);
    assert_eq!(c.confirmation.name, APPLICANT);
    assert_eq!(c.confirmation.at, utc(11, 11, 2, 15, 0));
    assert_eq!(c.link_id, "link-张三");
    assert_eq!(c.content_hash, a.current().content_hash);

    let second = confirm(
        a,
        PartyRole::Respondent,
        RESPONDENT,
        RESPONDENT,
        utc(11, 11, 4, 15, 0),
    )
    .unwrap();
    assert!(second.recorded && second.took_effect);
    let v = second.agreement.in_effect().unwrap();
    assert_eq!(v.number, 1);
    assert_eq!(v.effective_at(), Some(utc(11, 11, 4, 15, 0)));
    assert_eq!(v.effective_on(), Some(date(11, 11)));
    assert_eq!(v.document_confirmations().len(), 2);
}

#[test]
fn the_typed_name_must_be_the_partys_name_after_trimming_and_whitespace_normalisation() {
    let a = drafted();
    let at = utc(11, 11, 2, 0, 0);
    for typed in ["张四", "李伟", "LI WEI", "LiWei"] {
        let role = if typed == "张四" {
            PartyRole::Applicant
        } else {
            PartyRole::Respondent
        };
        let name = if typed == "张四" {
            APPLICANT
        } else {
            RESPONDENT
        };
        let err = confirm(&a, role, name, typed, at).unwrap_err();
        assert_eq!(
            err,
            AgreementError::Field(crate::fields::FieldError::new(
                "name",
                FieldProblem::Mismatch
            )),
            "{typed}"
        );
        assert_eq!((err.code(), err.field()), ("invalid_field", Some("name")));
    }
    let err = confirm(&a, PartyRole::Applicant, APPLICANT, " \u{3000} ", at).unwrap_err();
    assert_eq!(err.field(), Some("name"));
    assert!(matches!(err, AgreementError::Field(ref f) if f.problem == FieldProblem::Required));

    for typed in [" 张三 ", "\u{3000}张三\u{3000}"] {
        assert!(
            confirm(&a, PartyRole::Applicant, APPLICANT, typed, at).is_ok(),
            "{typed}"
        );
    }
    for typed in ["  Li   Wei ", "Li\u{3000}Wei", "Li\u{00a0}Wei", "Li\tWei"] {
        let c = confirm(&a, PartyRole::Respondent, RESPONDENT, typed, at).unwrap();
        // The confirmation keeps the name as the agreement spells it.
        assert_eq!(
            c.agreement.current().confirmations[0].confirmation.name,
            RESPONDENT
        );
    }
}

#[test]
fn only_a_party_of_the_version_confirms() {
    let a = drafted();
    let at = utc(11, 11, 2, 0, 0);
    let err = confirm(&a, PartyRole::Applicant, "王五", "王五", at).unwrap_err();
    assert_eq!(err, AgreementError::NotAParty);
    assert_eq!((err.code(), err.field()), ("not_a_party", None));
    // The applicant's link cannot confirm for the respondent.
    let err = confirm(&a, PartyRole::Applicant, RESPONDENT, RESPONDENT, at).unwrap_err();
    assert_eq!(err, AgreementError::NotAParty);
}

#[test]
fn a_confirmation_of_a_text_that_is_not_the_current_version_is_stale() {
    let a = drafted();
    let old_hash = a.current().content_hash.clone();
    fn request(hash: &str) -> ConfirmRequest<'_> {
        ConfirmRequest {
            role: PartyRole::Applicant,
            party_name: APPLICANT,
            typed_name: APPLICANT,
            content_hash: hash,
            link_id: "link-a",
        }
    }
    let at = utc(11, 11, 2, 0, 0);
    let err = a.confirm(&request("0123abcd"), at).unwrap_err();
    assert_eq!(err, AgreementError::StaleVersion { current: 1 });
    assert_eq!(err.code(), "stale_version");

    let mut changed = sample_draft();
    changed.terms[0].by = date(12, 5);
    let b = a.draft_new_version(&changed, "mediator01", at).unwrap();
    assert_eq!(
        b.confirm(&request(&old_hash), at).unwrap_err(),
        AgreementError::StaleVersion { current: 2 }
    );
    // A stale page is reported before a mistyped name.
    let stale_and_wrong = ConfirmRequest {
        typed_name: "nobody",
        ..request(&old_hash)
    };
    assert_eq!(
        b.confirm(&stale_and_wrong, at).unwrap_err().code(),
        "stale_version"
    );
    let hash = b.current().content_hash.clone();
    assert!(b.confirm(&request(&hash), at).unwrap().recorded);
}

#[test]
fn confirming_twice_records_once_and_gives_the_same_agreement() {
    let at = utc(11, 11, 2, 0, 0);
    let once = confirm(&drafted(), PartyRole::Applicant, APPLICANT, APPLICANT, at).unwrap();
    let twice = confirm(
        &once.agreement,
        PartyRole::Applicant,
        APPLICANT,
        " 张三",
        at + chrono::Duration::hours(3),
    )
    .unwrap();
    assert!(!twice.recorded && !twice.took_effect);
    assert_eq!(twice.agreement, once.agreement);
    assert_eq!(twice.agreement.current().confirmations.len(), 1);

    // Once in effect, a repeated confirmation changes nothing either, not the moment of effect.
    let a = in_effect();
    let again = confirm(
        &a,
        PartyRole::Respondent,
        RESPONDENT,
        RESPONDENT,
        utc(11, 12, 0, 0, 0),
    )
    .unwrap();
    assert!(!again.recorded && !again.took_effect);
    assert_eq!(again.agreement, a);
}

// ---- versions -------------------------------------------------------------------------------

#[test]
fn a_version_nobody_confirmed_is_edited_in_place() {
    let mut changed = sample_draft();
    changed.facts = "漏水已查明。".into();
    let later = utc(11, 10, 5, 0, 0);
    let a = drafted().edit_draft(&changed, "mediator02", later).unwrap();
    assert_eq!(a.current().number, 1);
    assert_eq!(a.versions().count(), 1);
    assert_eq!(a.current().draft.facts, "漏水已查明。");
    assert_eq!(a.current().drafted_by, "mediator02");
    assert_eq!(a.current().drafted_at, later);
    assert_eq!(a.current().content_hash, content_hash(&changed));
}

#[test]
fn a_version_a_party_confirmed_or_in_effect_is_not_edited() {
    let one = confirm(
        &drafted(),
        PartyRole::Applicant,
        APPLICANT,
        APPLICANT,
        utc(11, 11, 2, 0, 0),
    )
    .unwrap()
    .agreement;
    let err = one
        .edit_draft(&sample_draft(), "mediator01", utc(11, 11, 3, 0, 0))
        .unwrap_err();
    assert_eq!(err, AgreementError::VersionConfirmed { number: 1 });
    assert_eq!(err.code(), "version_confirmed");

    let a = in_effect();
    let mut changed = sample_draft();
    changed.terms[0].what = "重新铺设防水层".into();
    let err = a
        .edit_draft(&changed, "mediator01", utc(11, 12, 0, 0, 0))
        .unwrap_err();
    assert_eq!(err, AgreementError::VersionInEffect { number: 1 });
    assert_eq!(err.code(), "version_in_effect");
    // A refusal leaves the agreement as it was: the value is not touched.
    assert!(a.current().hash_matches());
    assert_eq!(
        a.in_effect().unwrap().draft.terms[0].what,
        "修复卫生间防水层"
    );
}

#[test]
fn a_change_to_an_agreement_in_effect_is_a_new_version_every_party_confirms_again() {
    let a = in_effect();
    let v1 = a.current().clone();
    let mut changed = sample_draft();
    changed.terms[1].amount_fen = Some(100_000);
    let b = a
        .draft_new_version(&changed, "mediator01", utc(11, 13, 1, 0, 0))
        .unwrap();
    assert_eq!(b.current().number, 2);
    assert!(b.current().confirmations.is_empty());
    assert_ne!(b.current().content_hash, v1.content_hash);
    // Until both confirm version 2, version 1 stays in effect, readable with its confirmations.
    assert_eq!(b.in_effect().map(|v| v.number), Some(1));
    assert_eq!(b.version(1), Some(&v1));
    assert_eq!(b.version(1).unwrap().confirmations.len(), 2);
    assert!(b.version(3).is_none());
    assert_eq!(b.versions().map(|v| v.number).collect::<Vec<_>>(), [1, 2]);

    let c = confirm(
        &b,
        PartyRole::Applicant,
        APPLICANT,
        APPLICANT,
        utc(11, 14, 1, 0, 0),
    )
    .unwrap();
    assert!(c.recorded && !c.took_effect);
    assert_eq!(c.agreement.in_effect().map(|v| v.number), Some(1));
    let d = confirm(
        &c.agreement,
        PartyRole::Respondent,
        RESPONDENT,
        RESPONDENT,
        utc(11, 14, 2, 0, 0),
    )
    .unwrap();
    assert!(d.took_effect);
    let effective = d.agreement.in_effect().unwrap();
    assert_eq!(effective.number, 2);
    assert_eq!(effective.draft.terms[1].amount_fen, Some(100_000));
    assert_eq!(d.agreement.version(1), Some(&v1));
}

#[test]
fn a_draft_partly_confirmed_is_replaced_by_a_new_version_and_the_confirmation_stays_with_the_old_one(
) {
    let one = confirm(
        &drafted(),
        PartyRole::Applicant,
        APPLICANT,
        APPLICANT,
        utc(11, 11, 2, 0, 0),
    )
    .unwrap()
    .agreement;
    let mut changed = sample_draft();
    changed.terms[2].by = date(11, 25);
    let two = one
        .draft_new_version(&changed, "mediator01", utc(11, 11, 3, 0, 0))
        .unwrap();
    assert_eq!(two.current().number, 2);
    assert_eq!(two.version(1).unwrap().confirmations.len(), 1);
    assert!(two.in_effect().is_none());
    assert_eq!(
        allowed_actions(&two, &applicant(), utc(11, 11, 3, 0, 0)),
        [AgreementAction::Confirm]
    );
    // The new version is checked like the first.
    let mut bad = sample_draft();
    bad.terms.clear();
    assert_eq!(
        field_of(one.draft_new_version(&bad, "m", utc(11, 11, 3, 0, 0))),
        ("invalid_field", "terms")
    );
}

// ---- judicial confirmation ------------------------------------------------------------------

#[test]
fn the_clock_starts_on_the_shanghai_date_of_the_last_confirmation() {
    assert!(judicial_clock(&drafted(), date(11, 11)).is_none());
    // 23:59:59 in Shanghai on 11 November.
    let before_midnight = confirmed_by_both(utc(11, 11, 2, 0, 0), utc(11, 11, 15, 59, 59));
    let clock = judicial_clock(&before_midnight, date(11, 11)).unwrap();
    assert_eq!(clock.effective_on, date(11, 11));
    assert_eq!(clock.last_day, date(12, 11));
    assert_eq!(clock.days_left, JUDICIAL_CONFIRMATION_DAYS);
    assert!(clock.open);
    // 00:00:00 in Shanghai on 12 November, still the 11th in UTC.
    let after_midnight = confirmed_by_both(utc(11, 11, 2, 0, 0), utc(11, 11, 16, 0, 0));
    let clock = judicial_clock(&after_midnight, date(11, 12)).unwrap();
    assert_eq!(clock.effective_on, date(11, 12));
    assert_eq!(clock.last_day, date(12, 12));
    assert_eq!(clock.days_left, 30);
    // The effect is the last confirmation, not the first.
    let late_first = confirmed_by_both(utc(11, 11, 16, 0, 0), utc(11, 11, 3, 0, 0));
    assert_eq!(
        judicial_clock(&late_first, date(11, 12))
            .unwrap()
            .effective_on,
        date(11, 12)
    );
}

#[test]
fn the_last_day_is_still_open_and_the_day_after_is_not() {
    let a = confirmed_by_both(utc(11, 11, 2, 0, 0), utc(11, 11, 15, 59, 59));
    let on = |d| judicial_clock(&a, d).unwrap();
    assert_eq!(
        (on(date(12, 10)).days_left, on(date(12, 10)).open),
        (1, true)
    );
    assert_eq!(
        (on(date(12, 11)).days_left, on(date(12, 11)).open),
        (0, true)
    );
    assert_eq!(
        (on(date(12, 12)).days_left, on(date(12, 12)).open),
        (0, false)
    );
    assert_eq!(on(date(11, 26)).days_left, 15);
    // The same last day as the documents' check for the application.
    assert_eq!(
        on(date(11, 11)).last_day,
        date(11, 11)
            .checked_add_days(chrono::Days::new(JUDICIAL_CONFIRMATION_DAYS))
            .unwrap()
    );
}

#[test]
fn the_decision_is_recorded_once_on_the_agreement_in_effect() {
    let now = utc(11, 20, 2, 0, 0);
    let record = |a: &Agreement, number: &str, on: NaiveDate| {
        a.record_decision(JudicialOutcome::Confirmed, number, on, "judge01", now)
    };
    let number = "(2026) 辽0211民特123号";
    assert_eq!(
        record(&drafted(), number, date(11, 20)).unwrap_err(),
        AgreementError::NotInEffect
    );
    let a = in_effect();
    assert_eq!(
        field_of(record(&a, "  ", date(11, 20))),
        ("invalid_field", "ruling_number")
    );
    assert_eq!(
        field_of(record(
            &a,
            &"号".repeat(RULING_NUMBER_MAX_CHARS + 1),
            date(11, 20)
        )),
        ("invalid_field", "ruling_number")
    );
    assert_eq!(
        field_of(record(&a, number, date(11, 21))),
        ("ruling_date_in_future", "ruling_date")
    );
    assert_eq!(
        record(&a, number, date(11, 10)).unwrap_err(),
        AgreementError::RulingBeforeEffect {
            effective_on: date(11, 11)
        }
    );
    let decided = record(&a, &format!(" {number} "), date(11, 20)).unwrap();
    let decision = decided.decision.as_ref().unwrap();
    assert_eq!(decision.version, 1);
    assert_eq!(decision.ruling_number, number);
    assert_eq!(decision.ruling_date, date(11, 20));
    assert_eq!(decision.recorded_by, "judge01");
    assert_eq!(decision.recorded_at, now);
    assert!(decided.judicially_confirmed());
    let err = decided
        .record_decision(
            JudicialOutcome::NotConfirmed,
            number,
            date(11, 20),
            "j",
            now,
        )
        .unwrap_err();
    assert_eq!(err, AgreementError::DecisionAlreadyRecorded);
    assert_eq!(err.code(), "decision_already_recorded");
    // A judicially confirmed agreement is not changed any more.
    assert_eq!(
        decided
            .draft_new_version(&sample_draft(), "mediator01", now)
            .unwrap_err(),
        AgreementError::JudiciallyConfirmed
    );
}

#[test]
fn a_version_drafted_before_the_court_confirmed_the_one_in_effect_is_not_confirmed_any_more() {
    let now = utc(11, 20, 2, 0, 0);
    let pending = in_effect()
        .draft_new_version(&sample_draft(), "mediator01", now)
        .unwrap();
    let decided = pending
        .record_decision(
            JudicialOutcome::Confirmed,
            "(2026) 辽0211民特3号",
            date(11, 20),
            "j",
            now,
        )
        .unwrap();
    assert_eq!(decided.decision.as_ref().map(|d| d.version), Some(1));
    assert_eq!(
        confirm(&decided, PartyRole::Applicant, APPLICANT, APPLICANT, now).unwrap_err(),
        AgreementError::JudiciallyConfirmed
    );
    assert!(allowed_actions(&decided, &applicant(), now).is_empty());
    assert_eq!(
        decided.edit_draft(&sample_draft(), "m", now).unwrap_err(),
        AgreementError::JudiciallyConfirmed
    );
}

#[test]
fn the_ruling_may_be_dated_today_in_shanghai_when_utc_is_still_yesterday() {
    // 00:30 on 21 November in Shanghai.
    let now = utc(11, 20, 16, 30, 0);
    let decided = in_effect()
        .record_decision(
            JudicialOutcome::NotConfirmed,
            "(2026) 辽0211民特9号",
            date(11, 21),
            "j",
            now,
        )
        .unwrap();
    assert!(!decided.judicially_confirmed());
    // Not confirmed: the parties may change the agreement through mediation, and the new
    // version's terms fall due no earlier than its own drafting date.
    assert_eq!(
        decided
            .draft_new_version(&sample_draft(), "mediator01", now)
            .unwrap_err(),
        AgreementError::TermDueBeforeDrafting {
            index: 2,
            drafted_on: date(11, 21)
        }
    );
    let mut changed = sample_draft();
    changed.terms[2].by = date(11, 28);
    let b = decided
        .draft_new_version(&changed, "mediator01", now)
        .unwrap();
    assert_eq!(b.current().number, 2);
    assert_eq!(b.decision, decided.decision);
}

// ---- performance and default ----------------------------------------------------------------

#[test]
fn performance_is_recorded_on_the_terms_of_the_agreement_in_effect() {
    let now = utc(11, 21, 2, 0, 0);
    assert_eq!(
        drafted()
            .record_performance(0, Performance::Performed, "已修复", "mediator01", now)
            .unwrap_err(),
        AgreementError::NotInEffect
    );
    let a = in_effect();
    let err = a
        .record_performance(3, Performance::Performed, "已修复", "mediator01", now)
        .unwrap_err();
    assert_eq!(err, AgreementError::UnknownTerm { index: 3 });
    assert_eq!((err.code(), err.field()), ("unknown_term", Some("term")));
    assert_eq!(
        field_of(a.record_performance(0, Performance::Performed, " ", "m", now)),
        ("invalid_field", "note")
    );
    let b = a
        .record_performance(0, Performance::Performed, " 已回访确认 ", "mediator01", now)
        .unwrap();
    let at = TermRef {
        version: 1,
        index: 0,
    };
    let record = b.performance_of(at).unwrap();
    assert_eq!(record.outcome, Performance::Performed);
    assert_eq!(record.note, "已回访确认");
    assert_eq!((record.by.as_str(), record.at), ("mediator01", now));
    assert_eq!(
        b.term(at).map(|t| t.what.as_str()),
        Some("修复卫生间防水层")
    );
}

#[test]
fn a_term_is_in_default_the_day_after_its_date_unless_recorded_performed() {
    let a = in_effect();
    assert!(defaulted_terms(&drafted(), date(12, 31)).is_empty());
    assert!(defaulted_terms(&a, date(11, 20)).is_empty());
    let on_21st = defaulted_terms(&a, date(11, 21));
    assert_eq!(
        on_21st,
        [DefaultedTerm {
            term: TermRef {
                version: 1,
                index: 2
            },
            who: PartyRole::Applicant,
            what: "配合被申请人入户查看漏水情况".into(),
            due: date(11, 20),
        }]
    );
    let now = utc(11, 19, 2, 0, 0);
    let performed = a
        .record_performance(2, Performance::Performed, "已配合", "m", now)
        .unwrap();
    assert!(defaulted_terms(&performed, date(11, 21)).is_empty());
    // The latest entry stands.
    let undone = performed
        .record_performance(2, Performance::NotPerformed, "实际未配合", "m", now)
        .unwrap();
    assert_eq!(defaulted_terms(&undone, date(11, 21)).len(), 1);
    // Recorded not performed before its date is not yet a default.
    let early = a
        .record_performance(0, Performance::NotPerformed, "表示不修", "m", now)
        .unwrap();
    assert_eq!(
        defaulted_terms(&early, date(11, 30))
            .iter()
            .map(|d| d.term.index)
            .collect::<Vec<_>>(),
        [2]
    );
    assert_eq!(
        defaulted_terms(&early, date(12, 16))
            .iter()
            .map(|d| d.term.index)
            .collect::<Vec<_>>(),
        [0, 1, 2]
    );
}

#[test]
fn a_scheduled_run_reopens_the_case_exactly_once_per_default() {
    let a = in_effect();
    // 23:59 on 20 November in Shanghai: the term due that day is not late yet.
    let run = a.report_defaults(utc(11, 20, 15, 59, 0));
    assert!(!run.reopen());
    assert_eq!(run.agreement, a);
    // 00:00 on 21 November in Shanghai.
    let first = run.agreement.report_defaults(utc(11, 20, 16, 0, 0));
    assert!(first.reopen());
    assert_eq!(
        first
            .newly_defaulted
            .iter()
            .map(|d| d.term.index)
            .collect::<Vec<_>>(),
        [2]
    );
    assert_eq!(first.agreement.reported_defaults.len(), 1);
    assert!(first.agreement.default_reported(TermRef {
        version: 1,
        index: 2
    }));
    let again = first.agreement.report_defaults(utc(11, 21, 3, 0, 0));
    assert!(!again.reopen());
    assert_eq!(again.agreement, first.agreement);
    // Performed late, then not after all: already reported, not reported again.
    let later = first
        .agreement
        .record_performance(
            2,
            Performance::Performed,
            "补充配合",
            "m",
            utc(11, 22, 0, 0, 0),
        )
        .unwrap()
        .record_performance(
            2,
            Performance::NotPerformed,
            "又拒绝",
            "m",
            utc(11, 23, 0, 0, 0),
        )
        .unwrap();
    assert!(!later.report_defaults(utc(11, 24, 0, 0, 0)).reopen());
    // The next term falling due is a new default, reported once.
    let december = later.report_defaults(utc(12, 1, 2, 0, 0));
    assert!(december.reopen());
    assert_eq!(
        december
            .newly_defaulted
            .iter()
            .map(|d| d.term.index)
            .collect::<Vec<_>>(),
        [0]
    );
    assert!(!december
        .agreement
        .report_defaults(utc(12, 2, 2, 0, 0))
        .reopen());
}

#[test]
fn the_terms_already_reported_may_be_passed_in() {
    let a = in_effect();
    let reported = [TermRef {
        version: 1,
        index: 2,
    }];
    assert_eq!(newly_defaulted(&a, date(11, 21), &[]).len(), 1);
    assert!(newly_defaulted(&a, date(11, 21), &reported).is_empty());
    assert_eq!(
        newly_defaulted(&a, date(12, 1), &reported)
            .iter()
            .map(|d| d.term.index)
            .collect::<Vec<_>>(),
        [0]
    );
}

#[test]
fn the_terms_of_a_new_version_in_effect_are_followed_up_on_their_own() {
    let first = in_effect().report_defaults(utc(11, 21, 2, 0, 0));
    let mut changed = sample_draft();
    changed.terms[2].by = date(11, 28);
    let b = first
        .agreement
        .draft_new_version(&changed, "mediator01", utc(11, 22, 2, 0, 0))
        .unwrap();
    // Version 1 is still in effect: nothing new is late.
    assert!(!b.report_defaults(utc(11, 23, 2, 0, 0)).reopen());
    let c = confirm(
        &b,
        PartyRole::Applicant,
        APPLICANT,
        APPLICANT,
        utc(11, 23, 2, 0, 0),
    )
    .unwrap();
    let d = confirm(
        &c.agreement,
        PartyRole::Respondent,
        RESPONDENT,
        RESPONDENT,
        utc(11, 23, 3, 0, 0),
    )
    .unwrap()
    .agreement;
    assert!(!d.report_defaults(utc(11, 28, 2, 0, 0)).reopen());
    let late = d.report_defaults(utc(11, 29, 2, 0, 0));
    assert_eq!(
        late.newly_defaulted
            .iter()
            .map(|t| t.term)
            .collect::<Vec<_>>(),
        [TermRef {
            version: 2,
            index: 2
        }]
    );
}

// ---- who may do what ------------------------------------------------------------------------

#[test]
fn the_mediator_is_offered_what_the_agreements_state_allows() {
    use AgreementAction as A;
    let now = utc(11, 20, 2, 0, 0);
    assert_eq!(
        allowed_actions(&drafted(), &mediator(), now),
        [A::EditDraft, A::DraftNewVersion]
    );
    let one = confirm(&drafted(), PartyRole::Applicant, APPLICANT, APPLICANT, now)
        .unwrap()
        .agreement;
    assert_eq!(
        allowed_actions(&one, &mediator(), now),
        [A::DraftNewVersion]
    );
    let a = in_effect();
    assert_eq!(
        allowed_actions(&a, &mediator(), now),
        [A::DraftNewVersion, A::RecordDecision, A::RecordPerformance]
    );
    // A new version over the one in effect: still a decision and follow-up on version 1.
    let b = a
        .draft_new_version(&sample_draft(), "mediator01", now)
        .unwrap();
    assert_eq!(
        allowed_actions(&b, &mediator(), now),
        [
            A::EditDraft,
            A::DraftNewVersion,
            A::RecordDecision,
            A::RecordPerformance
        ]
    );
    let decided = a
        .record_decision(
            JudicialOutcome::Confirmed,
            "(2026) 辽0211民特1号",
            date(11, 20),
            "j",
            now,
        )
        .unwrap();
    assert_eq!(
        allowed_actions(&decided, &mediator(), now),
        [A::RecordPerformance]
    );
    let refused = a
        .record_decision(
            JudicialOutcome::NotConfirmed,
            "(2026) 辽0211民特2号",
            date(11, 20),
            "j",
            now,
        )
        .unwrap();
    assert_eq!(
        allowed_actions(&refused, &mediator(), now),
        [A::DraftNewVersion, A::RecordPerformance]
    );
    let without_right = AgreementActor::Staff {
        username: "grid02".into(),
        may_mediate: false,
    };
    assert!(allowed_actions(&a, &without_right, now).is_empty());
    assert_eq!(
        check_agreement_action(&a, &without_right, A::RecordPerformance, now),
        Err(AgreementError::NotAllowed)
    );
    assert_eq!(
        check_agreement_action(&drafted(), &mediator(), A::Confirm, now),
        Err(AgreementError::NotAllowed)
    );
}

#[test]
fn a_party_is_offered_confirm_only_until_they_have_confirmed_the_current_version() {
    use AgreementAction as A;
    let now = utc(11, 11, 2, 0, 0);
    let a = drafted();
    assert_eq!(allowed_actions(&a, &applicant(), now), [A::Confirm]);
    assert_eq!(allowed_actions(&a, &respondent(), now), [A::Confirm]);
    let stranger = AgreementActor::Party {
        role: PartyRole::Respondent,
        name: "王五".into(),
    };
    assert!(allowed_actions(&a, &stranger, now).is_empty());
    assert_eq!(
        check_agreement_action(&a, &stranger, A::Confirm, now),
        Err(AgreementError::NotAParty)
    );
    // The reader's name is compared as a typed name is.
    let spaced = AgreementActor::Party {
        role: PartyRole::Respondent,
        name: " Li\u{3000}Wei".into(),
    };
    assert_eq!(allowed_actions(&a, &spaced, now), [A::Confirm]);

    let one = confirm(&a, PartyRole::Applicant, APPLICANT, APPLICANT, now)
        .unwrap()
        .agreement;
    assert!(allowed_actions(&one, &applicant(), now).is_empty());
    assert_eq!(
        check_agreement_action(&one, &applicant(), A::Confirm, now)
            .unwrap_err()
            .code(),
        "already_confirmed"
    );
    assert_eq!(allowed_actions(&one, &respondent(), now), [A::Confirm]);
    let effective = in_effect();
    assert!(allowed_actions(&effective, &applicant(), now).is_empty());
    assert!(allowed_actions(&effective, &respondent(), now).is_empty());
    assert_eq!(
        check_agreement_action(&effective, &applicant(), A::RecordPerformance, now),
        Err(AgreementError::NotAllowed)
    );
    // A new version asks both again.
    let b = effective
        .draft_new_version(&sample_draft(), "mediator01", now)
        .unwrap();
    assert_eq!(allowed_actions(&b, &applicant(), now), [A::Confirm]);
    assert_eq!(allowed_actions(&b, &respondent(), now), [A::Confirm]);
}

#[test]
fn what_is_offered_is_what_the_operations_accept() {
    use AgreementAction as A;
    let now = utc(11, 20, 2, 0, 0);
    let one = confirm(&drafted(), PartyRole::Applicant, APPLICANT, APPLICANT, now)
        .unwrap()
        .agreement;
    let states = [drafted(), one, in_effect()];
    for a in &states {
        let offered = allowed_actions(a, &mediator(), now);
        assert_eq!(
            offered.contains(&A::EditDraft),
            a.edit_draft(&sample_draft(), "m", now).is_ok()
        );
        assert_eq!(
            offered.contains(&A::DraftNewVersion),
            a.draft_new_version(&sample_draft(), "m", now).is_ok()
        );
        assert_eq!(
            offered.contains(&A::RecordDecision),
            a.record_decision(JudicialOutcome::Confirmed, "1", date(11, 20), "j", now)
                .is_ok()
        );
        assert_eq!(
            offered.contains(&A::RecordPerformance),
            a.record_performance(0, Performance::Performed, "n", "m", now)
                .is_ok()
        );
        for (reader, role, name) in [
            (applicant(), PartyRole::Applicant, APPLICANT),
            (respondent(), PartyRole::Respondent, RESPONDENT),
        ] {
            let offered = allowed_actions(a, &reader, now).contains(&A::Confirm);
            let result = confirm(a, role, name, name, now).unwrap();
            assert_eq!(offered, result.recorded);
        }
    }
}

// ---- stored form and errors -----------------------------------------------------------------

#[test]
fn the_stored_agreement_round_trips_in_snake_case() {
    let a = in_effect()
        .record_performance(
            2,
            Performance::NotPerformed,
            "未配合",
            "m",
            utc(11, 21, 2, 0, 0),
        )
        .unwrap()
        .report_defaults(utc(11, 21, 2, 0, 0))
        .agreement
        .record_decision(
            JudicialOutcome::NotConfirmed,
            "(2026) 辽0211民特5号",
            date(11, 21),
            "j",
            utc(11, 21, 3, 0, 0),
        )
        .unwrap();
    let json = serde_json::to_string(&a).unwrap();
    for key in [
        "\"schema_version\":1",
        "\"case_code\"",
        "\"content_hash\"",
        "\"link_id\"",
        "\"not_confirmed\"",
        "\"not_performed\"",
        "\"reported_defaults\"",
        "\"ruling_number\"",
    ] {
        assert!(json.contains(key), "{key} in {json}");
    }
    let back: Agreement = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    assert!(back.versions().all(AgreementVersion::hash_matches));
    let actor = serde_json::to_value(applicant()).unwrap();
    assert_eq!(actor["kind"], "party");
    assert_eq!(actor["role"], "applicant");
    assert_eq!(
        serde_json::to_value(AgreementAction::DraftNewVersion).unwrap(),
        AgreementAction::DraftNewVersion.code()
    );
}

#[test]
fn every_error_has_a_distinct_snake_case_code() {
    let field = crate::fields::FieldError::new("name", FieldProblem::Mismatch);
    let all = [
        AgreementError::Field(field.clone()),
        AgreementError::Term {
            index: 0,
            error: field,
        },
        AgreementError::TermPartyNotInAgreement {
            index: 0,
            who: PartyRole::Respondent,
        },
        AgreementError::TermDueBeforeDrafting {
            index: 0,
            drafted_on: date(1, 1),
        },
        AgreementError::TooManyTerms { max: 1 },
        AgreementError::MissingParty(PartyRole::Applicant),
        AgreementError::DuplicateParty,
        AgreementError::NotAParty,
        AgreementError::AlreadyConfirmed,
        AgreementError::StaleVersion { current: 1 },
        AgreementError::VersionInEffect { number: 1 },
        AgreementError::VersionConfirmed { number: 1 },
        AgreementError::NotInEffect,
        AgreementError::DecisionAlreadyRecorded,
        AgreementError::JudiciallyConfirmed,
        AgreementError::RulingDateInFuture,
        AgreementError::RulingBeforeEffect {
            effective_on: date(1, 1),
        },
        AgreementError::UnknownTerm { index: 0 },
        AgreementError::NotAllowed,
    ];
    let mut codes = std::collections::BTreeSet::new();
    for err in &all {
        let code = err.code();
        assert!(
            code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{code}"
        );
        assert!(codes.insert(code), "{code} twice");
        assert!(!err.to_string().is_empty());
    }
}
