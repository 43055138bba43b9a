//! The mediation agreement on the wire: what staff and a party see of it, with what they may
//! do now, and the requests that draft, record and confirm it. `apply` turns a staff request
//! into the agreement's next state by `crate::agreement`'s rules, so storage only loads and
//! saves.

use crate::agreement::{
    allowed_actions, defaulted_terms, judicial_clock, Agreement, AgreementAction, AgreementActor,
    AgreementError, ConfirmRequest, Confirmed, JudicialClock, JudicialOutcome, Performance,
    TermRef,
};
use crate::case::Case;
use crate::documents::{AgreementDraft, Term};
use crate::lifecycle::{transition, Command, CommandKind};
use crate::time::local_date;
use crate::vocabulary::PartyRole;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A case's agreement as staff see it: every version with its confirmations, the clock for
/// judicial confirmation, and what the reader may do now (`draft` alone when there is none
/// yet and the reader may mediate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementView {
    pub code: String,
    pub agreement: Option<Agreement>,
    pub clock: Option<JudicialClock>,
    pub allowed_actions: Vec<AgreementAction>,
    /// The parties the agreement is drafted between (the case's, copied when drafted).
    pub parties: Vec<crate::vocabulary::Party>,
}

impl AgreementView {
    pub fn of(
        case: &Case,
        agreement: Option<Agreement>,
        reader: &str,
        may_mediate: bool,
        now: DateTime<Utc>,
    ) -> AgreementView {
        let actor = AgreementActor::Staff {
            username: reader.to_owned(),
            may_mediate,
        };
        let allowed = match &agreement {
            Some(a) => allowed_actions(a, &actor, now),
            // Nothing drafted yet: the first draft is the only thing to do.
            None if may_mediate && !case.personal_data_erased => vec![AgreementAction::EditDraft],
            None => Vec::new(),
        };
        AgreementView {
            code: case.code.to_string(),
            clock: agreement
                .as_ref()
                .and_then(|a| judicial_clock(a, local_date(now))),
            parties: match &agreement {
                Some(a) => a.current().draft.parties.clone(),
                None => case.parties.clone(),
            },
            agreement,
            allowed_actions: allowed,
        }
    }
}

/// `POST /api/staff/cases/{code}/agreement`: one step of the agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "op")]
pub enum AgreementRequest {
    /// The facts and terms: the first draft, a change to a draft no party has confirmed yet,
    /// or else a new version every party confirms again.
    Draft { facts: String, terms: Vec<Term> },
    /// The court's decision on the version in effect.
    Decision {
        outcome: JudicialOutcome,
        ruling_number: String,
        ruling_date: NaiveDate,
    },
    /// Whether a term of the version in effect was performed, with the return visit's note.
    Performance {
        index: usize,
        outcome: Performance,
        #[serde(default)]
        note: String,
    },
}

/// The agreement after `request` by `by`, who may mediate on the case (`may_mediate`); the
/// parties of a draft are the case's at the time.
pub fn apply(
    case: &Case,
    existing: Option<&Agreement>,
    request: &AgreementRequest,
    by: &str,
    may_mediate: bool,
    now: DateTime<Utc>,
) -> Result<Agreement, AgreementError> {
    if !may_mediate {
        return Err(AgreementError::NotAllowed);
    }
    match (request, existing) {
        (AgreementRequest::Draft { facts, terms }, existing) => {
            let draft = AgreementDraft {
                parties: case.parties.clone(),
                facts: facts.clone(),
                terms: terms.clone(),
            };
            match existing {
                None => Agreement::draft(&case.code.to_string(), &draft, by, now),
                Some(a) if a.check_editable().is_ok() => a.edit_draft(&draft, by, now),
                Some(a) => a.draft_new_version(&draft, by, now),
            }
        }
        (
            AgreementRequest::Decision {
                outcome,
                ruling_number,
                ruling_date,
            },
            Some(a),
        ) => a.record_decision(*outcome, ruling_number, *ruling_date, by, now),
        (
            AgreementRequest::Performance {
                index,
                outcome,
                note,
            },
            Some(a),
        ) => a.record_performance(*index, *outcome, note, by, now),
        (_, None) => Err(AgreementError::NotInEffect),
    }
}

/// What a party sees through their link: the current version to read and confirm, whether
/// they have confirmed it, whether it is in effect, and the clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyAgreementView {
    pub code: String,
    pub role: PartyRole,
    pub version: u32,
    pub draft: AgreementDraft,
    pub content_hash: String,
    pub confirmed: bool,
    pub in_effect: bool,
    pub clock: Option<JudicialClock>,
    pub may_confirm: bool,
}

impl PartyAgreementView {
    pub fn of(agreement: &Agreement, role: PartyRole, now: DateTime<Utc>) -> PartyAgreementView {
        let current = agreement.current();
        let party = current.draft.parties.iter().find(|p| p.role == role);
        let confirmed = party.is_some_and(|p| current.confirmation_of(p).is_some());
        let may_confirm = party.is_some_and(|p| {
            allowed_actions(
                agreement,
                &AgreementActor::Party {
                    role,
                    name: p.name.as_str().to_owned(),
                },
                now,
            )
            .contains(&AgreementAction::Confirm)
        });
        PartyAgreementView {
            code: agreement.case_code.clone(),
            role,
            version: current.number,
            draft: current.draft.clone(),
            content_hash: current.content_hash.clone(),
            confirmed,
            in_effect: current.is_in_effect(),
            clock: judicial_clock(agreement, local_date(now)),
            may_confirm,
        }
    }
}

/// `POST /api/party/agreement/confirm`: the party's typed full name, and the fingerprint of
/// the text they read (a text changed since is refused as stale).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyConfirmRequest {
    pub typed_name: String,
    pub content_hash: String,
}

/// The party of `role` confirms the current version through link `link_id`.
pub fn confirm_as_party(
    agreement: &Agreement,
    role: PartyRole,
    request: &PartyConfirmRequest,
    link_id: &str,
    now: DateTime<Utc>,
) -> Result<Confirmed, AgreementError> {
    let name = agreement
        .current()
        .draft
        .parties
        .iter()
        .find(|p| p.role == role)
        .map(|p| p.name.as_str().to_owned())
        .ok_or(AgreementError::NotAParty)?;
    agreement.confirm(
        &ConfirmRequest {
            role,
            party_name: &name,
            typed_name: &request.typed_name,
            content_hash: &request.content_hash,
            link_id,
        },
        now,
    )
}

/// What the scheduled run does about `agreement` at `now`: nothing, or the agreement with its
/// newly defaulted terms kept as reported and the command that reopens the case. A case whose
/// status cannot be reopened yet (not in follow-up, not closed) is left for a later run, with
/// nothing marked, so a defaulted agreement is never closed silently.
pub fn default_step(
    case: &Case,
    agreement: &Agreement,
    now: DateTime<Utc>,
) -> Option<(Agreement, Command)> {
    let check = agreement.report_defaults(now);
    if !check.reopen() || transition(case.status, CommandKind::Reopen).is_none() {
        return None;
    }
    if case.merged_into.is_some() || case.moved_to.is_some() {
        return None;
    }
    let terms = check
        .newly_defaulted
        .iter()
        .map(|d| format!("{}（{}）", d.what, d.due))
        .collect::<Vec<_>>()
        .join("；");
    let reason = format!(
        "调解协议条款未按期履行 / a term of the agreement was not performed by its date: {terms}"
    );
    let reason = reason.chars().take(900).collect();
    Some((check.agreement, Command::Reopen { reason }))
}

/// An amount that does not read as yuan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidAmount;

/// An amount typed in yuan ("1200", "1,200.5", "￥88.05") in fen; `None` when blank.
/// Anything else (letters, a third decimal, a negative or absurd amount) is an error.
pub fn yuan_to_fen(raw: &str) -> Result<Option<u64>, InvalidAmount> {
    let cleaned: String = raw
        .trim()
        .trim_start_matches(['¥', '￥'])
        .chars()
        .filter(|c| *c != ',' && *c != '，' && !c.is_whitespace())
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let (whole, part) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || (!part.is_empty() && (!digits(part) || part.len() > 2)) {
        return Err(InvalidAmount);
    }
    let yuan: u64 = whole.parse().map_err(|_| InvalidAmount)?;
    let fen: u64 = format!("{part:0<2}").parse().map_err(|_| InvalidAmount)?;
    // A hundred million yuan is beyond any neighbourhood agreement.
    if yuan > 100_000_000 {
        return Err(InvalidAmount);
    }
    Ok(Some(yuan * 100 + fen))
}

/// Fen as yuan with two decimals ("1200.00").
pub fn fen_to_yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// Where one term of the agreement stands, as the resident's page says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermStanding {
    /// Not yet due, or the agreement is not in effect yet.
    Due,
    Performed,
    /// Recorded as not carried out (before its date: the follow-up goes on).
    NotPerformed,
    /// Past its date and not carried out while the agreement is in effect: the case was (or is
    /// about to be) reopened for it; never silently closed.
    Defaulted,
}

/// One term on the resident's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentTerm {
    pub who: PartyRole,
    pub what: String,
    pub by: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_fen: Option<u64>,
    pub standing: TermStanding,
}

/// The court's decision as the resident's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentDecision {
    pub outcome: JudicialOutcome,
    pub ruling_number: String,
    pub ruling_date: NaiveDate,
}

/// The agreement on the applicant's tracking page (by code and secret): the latest version
/// with its fingerprint, who has confirmed it, whether it is in effect, the thirty-day clock
/// for judicial confirmation, the court's decision, and each term with where it stands. The
/// staff who drafted it and the party links are not in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentAgreementView {
    pub version: u32,
    pub content_hash: String,
    pub facts: String,
    /// The parties as they sign, with whether each has confirmed this version.
    pub parties: Vec<(PartyRole, String, bool)>,
    pub in_effect: bool,
    pub clock: Option<JudicialClock>,
    pub decision: Option<ResidentDecision>,
    pub terms: Vec<ResidentTerm>,
}

impl ResidentAgreementView {
    pub fn of(agreement: &Agreement, now: DateTime<Utc>) -> ResidentAgreementView {
        let today = local_date(now);
        let current = agreement.current();
        let in_effect = current.is_in_effect();
        let parties = current
            .draft
            .parties
            .iter()
            .map(|party| {
                let confirmed = current.confirmation_of(party).is_some();
                (party.role, party.name.as_str().to_owned(), confirmed)
            })
            .collect();
        // In default is what the scheduled run reopens the case for: one rule, `defaulted_terms`.
        let defaulted: Vec<TermRef> = defaulted_terms(agreement, today)
            .into_iter()
            .map(|d| d.term)
            .collect();
        let terms = current
            .draft
            .terms
            .iter()
            .enumerate()
            .map(|(index, term)| {
                let at = TermRef {
                    version: current.number,
                    index,
                };
                let recorded = agreement.performance_of(at).map(|record| record.outcome);
                let standing = match recorded {
                    _ if defaulted.contains(&at) => TermStanding::Defaulted,
                    Some(Performance::Performed) => TermStanding::Performed,
                    Some(Performance::NotPerformed) => TermStanding::NotPerformed,
                    None => TermStanding::Due,
                };
                ResidentTerm {
                    who: term.who,
                    what: term.what.clone(),
                    by: term.by,
                    amount_fen: term.amount_fen,
                    standing,
                }
            })
            .collect();
        ResidentAgreementView {
            version: current.number,
            content_hash: current.content_hash.clone(),
            facts: current.draft.facts.clone(),
            parties,
            in_effect,
            clock: judicial_clock(agreement, today),
            decision: agreement.decision.as_ref().map(|d| ResidentDecision {
                outcome: d.outcome,
                ruling_number: d.ruling_number.clone(),
                ruling_date: d.ruling_date,
            }),
            terms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{agreement, filed_dispute};
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn draft_request() -> AgreementRequest {
        let draft = agreement(&filed_dispute());
        AgreementRequest::Draft {
            facts: draft.facts,
            terms: draft.terms,
        }
    }

    #[test]
    fn a_draft_is_changed_until_a_party_confirms_then_a_change_is_a_new_version() {
        let case = filed_dispute();
        let first = apply(&case, None, &draft_request(), "mediator01", true, at(10, 2)).unwrap();
        assert_eq!(first.current().number, 1);
        assert_eq!(
            first.current().draft.parties,
            case.parties,
            "the case's parties sign"
        );
        let edited = apply(
            &case,
            Some(&first),
            &draft_request(),
            "mediator01",
            true,
            at(10, 3),
        )
        .unwrap();
        assert_eq!(
            edited.current().number,
            1,
            "no one confirmed: the draft changes"
        );
        let hash = edited.current().content_hash.clone();
        let confirm = PartyConfirmRequest {
            typed_name: " 张三 ".into(),
            content_hash: hash.clone(),
        };
        let confirmed =
            confirm_as_party(&edited, PartyRole::Applicant, &confirm, "link-a", at(10, 4)).unwrap();
        assert!(confirmed.recorded);
        let view = PartyAgreementView::of(&confirmed.agreement, PartyRole::Applicant, at(10, 5));
        assert!(view.confirmed);
        assert!(!view.may_confirm, "confirmed once");
        assert!(!view.in_effect, "the respondent has not confirmed yet");
        let other = PartyAgreementView::of(&confirmed.agreement, PartyRole::Respondent, at(10, 5));
        assert!(other.may_confirm);
        let changed = match draft_request() {
            AgreementRequest::Draft { facts, terms } => AgreementRequest::Draft {
                facts: format!("{facts}双方另行约定维修时间。"),
                terms,
            },
            other => other,
        };
        let v2 = apply(
            &case,
            Some(&confirmed.agreement),
            &changed,
            "mediator01",
            true,
            at(10, 6),
        )
        .unwrap();
        assert_eq!(v2.current().number, 2, "a confirmed text is not changed");
        assert_eq!(v2.version(1).map(|v| v.confirmations.len()), Some(1));
        let stale = confirm_as_party(&v2, PartyRole::Respondent, &confirm, "link-b", at(10, 7));
        assert_eq!(
            stale.map(|c| c.recorded),
            Err(AgreementError::StaleVersion { current: 2 })
        );
    }

    #[test]
    fn a_defaulted_term_reopens_a_case_in_follow_up_once_and_waits_while_it_cannot() {
        use crate::lifecycle::CommandKind as K;
        let mut case = crate::testing::after(
            filed_dispute(),
            &[K::Accept, K::SetHandlers, K::Start, K::Resolve],
        );
        let agreement =
            apply(&case, None, &draft_request(), "mediator01", true, at(10, 2)).unwrap();
        let hash = agreement.current().content_hash.clone();
        let mut agreement = agreement;
        for (role, name) in [
            (PartyRole::Applicant, "张三"),
            (PartyRole::Respondent, "刘四"),
        ] {
            let request = PartyConfirmRequest {
                typed_name: name.into(),
                content_hash: hash.clone(),
            };
            agreement = confirm_as_party(&agreement, role, &request, "link", at(10, 3))
                .unwrap()
                .agreement;
        }
        let late = Utc
            .with_ymd_and_hms(2026, 12, 20, 2, 0, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(
            default_step(&case, &agreement, late),
            None,
            "resolved, not yet in follow-up: nothing is marked, a later run acts"
        );
        case = crate::testing::after(case, &[K::BeginFollowUp]);
        let (reported, command) = default_step(&case, &agreement, late).expect("reopens");
        assert!(
            matches!(&command, Command::Reopen { reason } if reason.contains("修复卫生间防水层"))
        );
        assert_eq!(
            default_step(&case, &reported, late),
            None,
            "a default is reported once"
        );
        assert_eq!(
            default_step(&case, &agreement, at(10, 4)),
            None,
            "nothing is due yet"
        );
    }

    #[test]
    fn amounts_are_typed_in_yuan_and_kept_in_fen() {
        assert_eq!(yuan_to_fen(""), Ok(None));
        assert_eq!(yuan_to_fen(" 1200 "), Ok(Some(120_000)));
        assert_eq!(yuan_to_fen("1,200.5"), Ok(Some(120_050)));
        assert_eq!(yuan_to_fen("￥88.05"), Ok(Some(8_805)));
        assert_eq!(yuan_to_fen("0.1"), Ok(Some(10)));
        for bad in ["abc", "1.234", "-5", ".5", "1e3", "200000000"] {
            assert_eq!(yuan_to_fen(bad), Err(InvalidAmount), "{bad}");
        }
        assert_eq!(fen_to_yuan(120_050), "1200.50");
        assert_eq!(fen_to_yuan(5), "0.05");
    }

    #[test]
    fn only_a_mediator_changes_it_and_nothing_but_a_draft_comes_first() {
        let case = filed_dispute();
        assert_eq!(
            apply(&case, None, &draft_request(), "police01", false, at(10, 2)),
            Err(AgreementError::NotAllowed)
        );
        let decision = AgreementRequest::Decision {
            outcome: JudicialOutcome::Confirmed,
            ruling_number: "(2026)辽0211民特1号".into(),
            ruling_date: at(10, 2).date_naive(),
        };
        assert_eq!(
            apply(&case, None, &decision, "judge", true, at(10, 2)),
            Err(AgreementError::NotInEffect)
        );
        let view = AgreementView::of(&case, None, "mediator01", true, at(10, 2));
        assert_eq!(view.allowed_actions, [AgreementAction::EditDraft]);
        assert_eq!(view.parties, case.parties);
        let view = AgreementView::of(&case, None, "police01", false, at(10, 2));
        assert!(view.allowed_actions.is_empty());
    }

    #[test]
    fn the_resident_sees_who_confirmed_the_clock_and_each_term_in_default_once_due() {
        let case = filed_dispute();
        let drafted = apply(&case, None, &draft_request(), "mediator01", true, at(10, 2)).unwrap();
        let view = ResidentAgreementView::of(&drafted, at(10, 3));
        assert!(!view.in_effect);
        assert!(view.parties.iter().all(|(_, _, confirmed)| !confirmed));
        assert_eq!(view.clock, None, "no clock before it takes effect");
        let mut agreement = drafted;
        for party in agreement.current().draft.parties.clone() {
            let request = PartyConfirmRequest {
                typed_name: party.name.as_str().to_owned(),
                content_hash: agreement.current().content_hash.clone(),
            };
            agreement = confirm_as_party(&agreement, party.role, &request, "link", at(10, 4))
                .unwrap()
                .agreement;
        }
        let view = ResidentAgreementView::of(&agreement, at(10, 5));
        assert!(view.in_effect);
        assert!(view.parties.iter().all(|(_, _, confirmed)| *confirmed));
        assert_eq!(view.clock.map(|c| c.days_left), Some(30));
        assert!(view.terms.iter().all(|t| t.standing == TermStanding::Due));
        let last_due = view.terms.iter().map(|t| t.by).max().unwrap_or_default();
        let after = Utc.from_utc_datetime(
            &(last_due + chrono::Days::new(2))
                .and_hms_opt(4, 0, 0)
                .unwrap_or_default(),
        );
        let view = ResidentAgreementView::of(&agreement, after);
        assert!(
            view.terms
                .iter()
                .all(|t| t.standing == TermStanding::Defaulted),
            "past their dates and not performed: {:?}",
            view.terms
        );
        let json = serde_json::to_value(&view).unwrap();
        assert!(json.get("drafted_by").is_none() && !json.to_string().contains("link"));
    }
}
