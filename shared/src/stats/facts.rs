//! What the figures know of one case: its facts, read from the case as it stands and from its
//! own timeline, with every date a calendar day in the street's zone (Asia/Shanghai).
//!
//! The edge cases, decided once here and relied on by the cells:
//!
//! - **A merged duplicate** is counted once, as `merged`, on the day it was merged, and as
//!   nothing else: it is not filed, accepted, concluded, overdue, open or rated. The matter
//!   is counted (filed, concluded…) by the primary case it was merged into, whose own
//!   timeline is the only one read: the duplicate's timeline it took in
//!   (`AbsorbedDuplicate`) is not. So a matter reported twice is filed once.
//! - **Withdrawn** (resolved with the outcome "withdrawn") is a conclusion, but neither a
//!   success nor a failure: it is in `concluded` and `withdrawn`, never in the success rate.
//! - **A referral after a failed mediation** is one failure: the conclusion is the failure
//!   (dated the day mediation failed) and the referral says where it went next (dated the
//!   day it was referred); the referral counts are a breakdown of the failures, not more
//!   conclusions.
//! - **A hazard referred to a department** is concluded as a failure of the street's own
//!   handling with its referral, but the success rate counts disputes only, so it is not in it.
//! - **A reopened case** counts its final conclusion once: a reopening drops the conclusion
//!   before it (with its follow-up and feedback); the case counts as reopened once, on the
//!   day it was first reopened, however often that happened. Reopened and not yet concluded
//!   again, it has no conclusion and is open.
//! - **A case moved to another street** is concluded here as `moved`, on the day it moved,
//!   and counted as nothing else here; the receiving community counts the matter as filed
//!   (on its first filing day, which a move keeps) and everything after. Each matter is
//!   therefore counted in exactly one community (the one that holds it now, or held it last),
//!   so a roll-up of any communities, a street's or a district's, adds no matter twice.
//! - **A case whose personal data was erased** keeps its figures: erasure touches names,
//!   addresses and notes, none of which a figure reads.
//! - **A rejected case** was filed and rejected; it is not concluded (it never entered
//!   handling).
//! - **Overdue** means escalated: the scheduled run (every 15 minutes) escalates a case to
//!   the community as soon as its stage deadline passes (`time_limits::escalation_due`), so a
//!   case is overdue now when it is open and stands at the community rung or higher, and was
//!   overdue ever when it was escalated at all. The figure may trail the deadline by up to one
//!   run, which keeps it a function of the case alone.

use crate::case::{Case, Change, Outcome, ReferralTarget};
use crate::risk::RiskLevel;
use crate::staff::Role;
use crate::time::local_date;
use crate::time_limits::EscalationLevel;
use crate::vocabulary::{CaseKind, Channel};
use chrono::{DateTime, NaiveDate, Utc};

/// How a case ended its handling (the last time, if it was reopened).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conclusion {
    /// Resolved by an agreement or by fixing the problem: a success.
    Resolved { outcome: Outcome },
    /// The resident withdrew the matter: neither success nor failure.
    Withdrawn,
    /// The street's handling failed; `referral` is where the matter went next, if it was
    /// referred yet.
    MediationFailed { referral: Option<Referred> },
    /// A duplicate, closed into the case `primary`, which counts the matter.
    Merged { primary: String },
    /// Moved to another street, where it continues as `code`, which counts the matter.
    Moved { code: String },
}

/// A referral after a failed mediation: where, and on which day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Referred {
    pub target: ReferralTarget,
    pub on: NaiveDate,
}

/// A conclusion and its day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concluded {
    pub conclusion: Conclusion,
    pub on: NaiveDate,
}

impl Concluded {
    /// Whether this conclusion counts in `concluded`: resolved, withdrawn or failed. A merge
    /// or a move is counted by the case that carries the matter on.
    pub fn counts(&self) -> bool {
        !matches!(
            self.conclusion,
            Conclusion::Merged { .. } | Conclusion::Moved { .. }
        )
    }
}

/// The resident's rating at follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rated {
    pub on: NaiveDate,
    /// 1 (very unhappy) to 5 (very happy).
    pub satisfaction: u8,
}

/// Everything the figures need of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    pub code: String,
    pub community: String,
    pub grid: String,
    /// The category as it stands (after any recategorisation).
    pub category: String,
    pub kind: CaseKind,
    pub channel: Channel,
    /// The level that counts now (an override wins).
    pub risk: RiskLevel,
    /// The lead handler's role, if it has handlers.
    pub lead_role: Option<Role>,
    /// The day the matter was first filed (a move keeps it).
    pub filed_on: NaiveDate,
    /// The day it arrived in this street from another one, if it did.
    pub moved_in_on: Option<NaiveDate>,
    pub accepted_on: Option<NaiveDate>,
    pub rejected_on: Option<NaiveDate>,
    /// The last conclusion, if the case has one now.
    pub concluded: Option<Concluded>,
    /// The day it was closed after its last conclusion, if it was.
    pub closed_on: Option<NaiveDate>,
    /// Whole days (of 24 hours) from filing to the last conclusion.
    pub days_to_conclusion: Option<u16>,
    /// Whole days from filing (or arrival from another street) to acceptance.
    pub days_triage: Option<u16>,
    /// Whole days from acceptance to the last conclusion (a reopened case's earlier rounds
    /// included).
    pub days_handling: Option<u16>,
    /// Whole days from the last conclusion to closing.
    pub days_follow_up: Option<u16>,
    /// The highest rung of the escalation ladder it ever reached.
    pub highest_escalation: EscalationLevel,
    /// The day it was first overdue (escalated to the community or higher).
    pub first_overdue_on: Option<NaiveDate>,
    /// The day it was first escalated beyond its community (to the street or the district).
    pub first_escalated_on: Option<NaiveDate>,
    /// Open and escalated now.
    pub overdue_now: bool,
    /// A dispute whose conflict began more than two years before it was filed (积案).
    pub long_standing: bool,
    /// How many times it was reopened.
    pub reopened: u32,
    pub first_reopened_on: Option<NaiveDate>,
    /// The day feedback was first asked for after the last conclusion: follow-up began, or
    /// the resident rated it before follow-up began.
    pub feedback_asked_on: Option<NaiveDate>,
    /// The resident's last rating after the last conclusion.
    pub feedback: Option<Rated>,
    /// Somebody still has to act on it.
    pub open_now: bool,
}

impl CaseFacts {
    /// Merged into another case or moved to another street: the matter is counted there.
    pub fn ended_elsewhere(&self) -> bool {
        self.concluded.as_ref().is_some_and(|c| !c.counts())
    }

    /// For the success rate: `Some(true)` for a resolved dispute, `Some(false)` for a
    /// dispute whose mediation failed, `None` for everything else (hazards, withdrawals,
    /// open cases, merged and moved ones).
    pub fn success(&self) -> Option<bool> {
        if self.kind != CaseKind::Dispute {
            return None;
        }
        match self.concluded.as_ref().map(|c| &c.conclusion) {
            Some(Conclusion::Resolved { .. }) => Some(true),
            Some(Conclusion::MediationFailed { .. }) => Some(false),
            _ => None,
        }
    }
}

/// Whole days of 24 hours from `from` to `to`, never negative, at most `u16::MAX`.
pub fn whole_days(from: DateTime<Utc>, to: DateTime<Utc>) -> u16 {
    u16::try_from((to - from).num_days().max(0)).unwrap_or(u16::MAX)
}

/// The facts of `case`, from the case as it stands and its own timeline.
pub fn case_facts(case: &Case) -> CaseFacts {
    let mut moved_in_at: Option<DateTime<Utc>> = None;
    let mut accepted_at: Option<DateTime<Utc>> = None;
    let mut rejected_at: Option<DateTime<Utc>> = None;
    let mut concluded: Option<(Conclusion, DateTime<Utc>)> = None;
    let mut closed_at: Option<DateTime<Utc>> = None;
    let mut highest = EscalationLevel::None;
    let mut first_overdue: Option<DateTime<Utc>> = None;
    let mut first_escalated: Option<DateTime<Utc>> = None;
    let mut reopened = 0u32;
    let mut first_reopened: Option<DateTime<Utc>> = None;
    let mut asked_at: Option<DateTime<Utc>> = None;
    let mut rated: Option<(DateTime<Utc>, u8)> = None;
    for event in &case.timeline {
        let at = event.at;
        match &event.change {
            Change::Accepted => {
                accepted_at.get_or_insert(at);
            }
            Change::Rejected { .. } => rejected_at = Some(at),
            Change::Resolved { outcome } => {
                let conclusion = match outcome {
                    Outcome::Withdrawn => Conclusion::Withdrawn,
                    other => Conclusion::Resolved { outcome: *other },
                };
                concluded = Some((conclusion, at));
                (closed_at, asked_at, rated) = (None, None, None);
            }
            Change::MediationFailed => {
                concluded = Some((Conclusion::MediationFailed { referral: None }, at));
                (closed_at, asked_at, rated) = (None, None, None);
            }
            Change::Referred { referral } => {
                if let Some((Conclusion::MediationFailed { referral: slot }, _)) = &mut concluded {
                    *slot = Some(Referred {
                        target: referral.target,
                        on: local_date(at),
                    });
                }
            }
            Change::FollowUpBegun => {
                asked_at.get_or_insert(at);
            }
            Change::FeedbackGiven { feedback } => {
                asked_at.get_or_insert(at);
                rated = Some((at, feedback.satisfaction));
            }
            Change::Closed => closed_at = Some(at),
            Change::Reopened => {
                reopened += 1;
                first_reopened.get_or_insert(at);
                (concluded, closed_at, asked_at, rated) = (None, None, None, None);
            }
            Change::Escalated { level } => {
                highest = highest.max(*level);
                if *level >= EscalationLevel::Community {
                    first_overdue.get_or_insert(at);
                }
                if *level >= EscalationLevel::Street {
                    first_escalated.get_or_insert(at);
                }
            }
            Change::MergedInto { primary } => {
                concluded = Some((
                    Conclusion::Merged {
                        primary: primary.clone(),
                    },
                    at,
                ));
            }
            Change::TransferredOut { moved_to } => {
                concluded = Some((
                    Conclusion::Moved {
                        code: moved_to.clone(),
                    },
                    at,
                ));
            }
            Change::TransferredIn { .. } => moved_in_at = Some(at),
            Change::Filed { .. }
            | Change::Recategorized { .. }
            | Change::RiskAssessed { .. }
            | Change::RiskOverridden { .. }
            | Change::HandlersSet { .. }
            | Change::Started
            | Change::Note
            | Change::VisitRecorded
            | Change::ConflictSinceSet { .. }
            | Change::AbsorbedDuplicate { .. }
            | Change::PersonalDataErased => {}
        }
    }
    let filed_on = local_date(case.filed_at);
    let counted_at = concluded
        .as_ref()
        .filter(|(c, _)| !matches!(c, Conclusion::Merged { .. } | Conclusion::Moved { .. }))
        .map(|(_, at)| *at);
    let open_now = case.status.is_open();
    CaseFacts {
        code: case.code.to_string(),
        community: case.community.clone(),
        grid: case.grid.clone(),
        category: case.category.clone(),
        kind: case.kind,
        channel: case.channel,
        risk: case.risk.level(),
        lead_role: case.handlers.iter().find(|h| h.lead).map(|h| h.role),
        filed_on,
        moved_in_on: moved_in_at.map(local_date),
        accepted_on: accepted_at.map(local_date),
        rejected_on: rejected_at.map(local_date),
        days_to_conclusion: counted_at.map(|at| whole_days(case.filed_at, at)),
        days_triage: accepted_at.map(|at| whole_days(moved_in_at.unwrap_or(case.filed_at), at)),
        days_handling: accepted_at
            .zip(counted_at)
            .map(|(from, to)| whole_days(from, to)),
        days_follow_up: counted_at
            .zip(closed_at)
            .map(|(from, to)| whole_days(from, to)),
        concluded: concluded.map(|(conclusion, at)| Concluded {
            conclusion,
            on: local_date(at),
        }),
        closed_on: closed_at.map(local_date),
        highest_escalation: highest,
        first_overdue_on: first_overdue.map(local_date),
        first_escalated_on: first_escalated.map(local_date),
        overdue_now: open_now && case.escalation >= EscalationLevel::Community,
        long_standing: case.is_long_standing(filed_on),
        reopened,
        first_reopened_on: first_reopened.map(local_date),
        feedback_asked_on: asked_at.map(local_date),
        feedback: rated.map(|(at, satisfaction)| Rated {
            on: local_date(at),
            satisfaction,
        }),
        open_now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Actor;
    use crate::lifecycle::{Command, CommandKind as C};
    use crate::testing::Story;
    use chrono::TimeZone;

    /// 09:00 in Shanghai on Monday 2 March 2026.
    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).unwrap()
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn dispute(seq: u32) -> Story {
        Story::file("dispute", "neighbours", seq, t0())
    }

    fn resolve(outcome: Outcome) -> Command {
        Command::Resolve {
            outcome,
            note: None,
        }
    }

    fn coordinator() -> Actor {
        crate::testing::sample_actor(C::Resolve)
    }

    #[test]
    fn a_dispute_taken_round_the_loop_has_every_date_and_duration() {
        let story = dispute(1)
            .days(1)
            .then(C::Accept)
            .then(C::SetHandlers)
            .then(C::Start)
            .days(9)
            .then(C::Resolve)
            .days(2)
            .then(C::BeginFollowUp)
            .then(C::GiveFeedback)
            .days(5)
            .then(C::Close);
        let facts = case_facts(&story.case);
        assert_eq!(facts.filed_on, day(3, 2));
        assert_eq!(facts.accepted_on, Some(day(3, 3)));
        assert_eq!(
            facts.concluded,
            Some(Concluded {
                conclusion: Conclusion::Resolved {
                    outcome: Outcome::AgreementReached
                },
                on: day(3, 12)
            })
        );
        assert_eq!(facts.closed_on, Some(day(3, 19)));
        assert_eq!(facts.days_to_conclusion, Some(10));
        assert_eq!(facts.days_triage, Some(1));
        assert_eq!(facts.days_handling, Some(9));
        assert_eq!(facts.days_follow_up, Some(7));
        assert_eq!(facts.feedback_asked_on, Some(day(3, 14)));
        assert_eq!(
            facts.feedback,
            Some(Rated {
                on: day(3, 14),
                satisfaction: 5
            })
        );
        assert_eq!(facts.lead_role, Some(Role::Mediator));
        assert_eq!(facts.success(), Some(true));
        assert!(!facts.open_now);
        assert!(!facts.overdue_now);
        assert_eq!(facts.reopened, 0);
    }

    #[test]
    fn dates_are_days_in_shanghai_not_in_utc() {
        // 23:30 UTC on 1 March is 07:30 on 2 March in Shanghai.
        let late = Utc.with_ymd_and_hms(2026, 3, 1, 23, 30, 0).unwrap();
        let facts = case_facts(&Story::file("dispute", "neighbours", 1, late).case);
        assert_eq!(facts.filed_on, day(3, 2));
    }

    #[test]
    fn a_withdrawn_dispute_is_concluded_but_neither_success_nor_failure() {
        let story = dispute(1)
            .path(&[C::Accept, C::SetHandlers, C::Start])
            .give(resolve(Outcome::Withdrawn), coordinator());
        let facts = case_facts(&story.case);
        assert_eq!(
            facts.concluded.as_ref().map(|c| &c.conclusion),
            Some(&Conclusion::Withdrawn)
        );
        assert!(facts.concluded.as_ref().is_some_and(Concluded::counts));
        assert_eq!(facts.success(), None);
    }

    #[test]
    fn a_referral_after_a_failed_mediation_is_one_failure_with_where_it_went() {
        let story = dispute(1)
            .path(&[C::Accept, C::SetHandlers, C::Start])
            .days(3)
            .then(C::FailMediation)
            .days(2)
            .then(C::Refer);
        let facts = case_facts(&story.case);
        let concluded = facts.concluded.clone().unwrap();
        assert_eq!(concluded.on, day(3, 5), "dated by the failure");
        assert_eq!(
            concluded.conclusion,
            Conclusion::MediationFailed {
                referral: Some(Referred {
                    target: ReferralTarget::JudgeWorkstation,
                    on: day(3, 7)
                })
            }
        );
        assert_eq!(facts.success(), Some(false));
    }

    #[test]
    fn a_hazard_referred_to_a_department_is_not_in_the_success_rate() {
        let refer = Command::Refer {
            target: ReferralTarget::Department,
            receiving_body: "urban management".into(),
            reason: "needs a permit to remove".into(),
        };
        let story = Story::file("hazard", "fire_escape", 1, t0())
            .path(&[C::Accept, C::SetHandlers, C::Start, C::FailMediation])
            .give(refer, coordinator());
        let facts = case_facts(&story.case);
        assert!(matches!(
            facts.concluded.as_ref().map(|c| &c.conclusion),
            Some(Conclusion::MediationFailed {
                referral: Some(Referred {
                    target: ReferralTarget::Department,
                    ..
                })
            })
        ));
        assert_eq!(facts.success(), None);
    }

    #[test]
    fn a_reopened_case_keeps_only_its_last_conclusion_and_counts_its_first_reopening() {
        let story = dispute(1)
            .path(&[C::Accept, C::SetHandlers, C::Start, C::Resolve])
            .then(C::BeginFollowUp)
            .then(C::GiveFeedback)
            .then(C::Close)
            .days(10)
            .then(C::Reopen);
        let reopened = case_facts(&story.case);
        assert_eq!(reopened.concluded, None, "open again, no conclusion");
        assert_eq!(reopened.closed_on, None);
        assert_eq!(reopened.feedback, None);
        assert_eq!(reopened.feedback_asked_on, None);
        assert_eq!(reopened.first_reopened_on, Some(day(3, 12)));
        assert!(reopened.open_now);
        let story = story
            .days(4)
            .then(C::FailMediation)
            .then(C::Refer)
            .then(C::BeginFollowUp)
            .then(C::Close)
            .days(1)
            .then(C::Reopen)
            .days(1)
            .then(C::Resolve);
        let facts = case_facts(&story.case);
        assert_eq!(facts.reopened, 2);
        assert_eq!(facts.first_reopened_on, Some(day(3, 12)));
        assert_eq!(
            facts.concluded,
            Some(Concluded {
                conclusion: Conclusion::Resolved {
                    outcome: Outcome::AgreementReached
                },
                on: day(3, 18)
            })
        );
        assert_eq!(facts.days_to_conclusion, Some(16));
        assert_eq!(facts.success(), Some(true));
    }

    #[test]
    fn a_merged_duplicate_is_concluded_as_merged_and_its_primary_reads_only_its_own_timeline() {
        let duplicate = dispute(2).days(1).then(C::Accept).days(1).give(
            Command::MergeInto {
                primary: "ZH01-2026-0001".into(),
            },
            coordinator(),
        );
        let facts = case_facts(&duplicate.case);
        assert!(facts.ended_elsewhere());
        assert_eq!(
            facts.concluded,
            Some(Concluded {
                conclusion: Conclusion::Merged {
                    primary: "ZH01-2026-0001".into()
                },
                on: day(3, 4)
            })
        );
        assert_eq!(facts.days_to_conclusion, None);
        let primary = dispute(1).give(
            Command::AbsorbDuplicate {
                duplicate: "ZH01-2026-0002".into(),
                timeline: duplicate.case.timeline.clone(),
            },
            coordinator(),
        );
        let primary_facts = case_facts(&primary.case);
        assert_eq!(
            primary_facts.accepted_on, None,
            "not the duplicate's acceptance"
        );
        assert_eq!(primary_facts.concluded, None);
    }

    #[test]
    fn a_case_moved_out_is_concluded_as_moved_and_the_receiving_case_triages_from_arrival() {
        use crate::lifecycle::{transferred_case, MoveTarget};
        let district = crate::testing::sample_actor(C::TransferOut);
        let old = dispute(1).days(2).then(C::Accept).days(1);
        let code = crate::code::CaseCode::parse("ZS01-2026-0001").unwrap();
        let (moved, _) = transferred_case(
            &old.case,
            MoveTarget {
                code,
                community: "zs01",
                grid: "zs01-g1",
            },
            &district,
            "the address is in Zhoushuizi",
            old.at,
            &crate::demo::demo_directory(),
        )
        .unwrap();
        let out = old.give(
            Command::TransferOut {
                to: "ZS01-2026-0001".into(),
                reason: "the address is in Zhoushuizi".into(),
            },
            district.clone(),
        );
        let out_facts = case_facts(&out.case);
        assert_eq!(
            out_facts.concluded.map(|c| (c.conclusion, c.on)),
            Some((
                Conclusion::Moved {
                    code: "ZS01-2026-0001".into()
                },
                day(3, 5)
            ))
        );
        let there = Story {
            case: moved,
            at: out.at,
        }
        .days(1)
        .then(C::Accept);
        let facts = case_facts(&there.case);
        assert_eq!(facts.filed_on, day(3, 2), "the matter keeps its filing day");
        assert_eq!(facts.moved_in_on, Some(day(3, 5)));
        assert_eq!(facts.days_triage, Some(1), "from its arrival");
        assert_eq!(facts.community, "zs01");
    }

    #[test]
    fn overdue_now_is_open_and_escalated_and_overdue_ever_survives_the_next_stage() {
        let escalate = |level| Command::Escalate { level };
        let story = dispute(1).days(4).give(
            escalate(EscalationLevel::Community),
            crate::case::Actor::System,
        );
        let facts = case_facts(&story.case);
        assert!(facts.overdue_now);
        assert_eq!(facts.first_overdue_on, Some(day(3, 6)));
        assert_eq!(facts.first_escalated_on, None, "still within the community");
        let story = story
            .days(3)
            .give(
                escalate(EscalationLevel::Street),
                crate::case::Actor::System,
            )
            .then(C::Accept);
        let facts = case_facts(&story.case);
        assert!(!facts.overdue_now, "a new stage starts a new clock");
        assert_eq!(facts.first_overdue_on, Some(day(3, 6)));
        assert_eq!(facts.first_escalated_on, Some(day(3, 9)));
        assert_eq!(facts.highest_escalation, EscalationLevel::Street);
    }

    #[test]
    fn a_dispute_whose_conflict_began_over_two_years_before_filing_is_long_standing() {
        let old = Story::file_with(
            "dispute",
            "neighbours",
            1,
            t0(),
            Channel::Web,
            Some("2024-02"),
        );
        assert!(case_facts(&old.case).long_standing);
        let recent = Story::file_with(
            "dispute",
            "neighbours",
            2,
            t0(),
            Channel::Web,
            Some("2024-03-02"),
        );
        assert!(
            !case_facts(&recent.case).long_standing,
            "exactly two years is not more than two"
        );
        // Learned later at triage: the current date counts, measured from filing.
        let learned = recent.give(
            Command::SetConflictSince {
                date: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            },
            coordinator(),
        );
        assert!(case_facts(&learned.case).long_standing);
    }

    #[test]
    fn erasing_the_personal_data_keeps_every_fact() {
        let story = dispute(1)
            .path(&[C::Accept, C::SetHandlers, C::Start, C::Resolve])
            .path(&[C::BeginFollowUp, C::GiveFeedback, C::Close]);
        let (erased, _) =
            crate::retention::erase(&story.case, story.at + chrono::Duration::days(400));
        assert!(erased.personal_data_erased);
        assert_eq!(case_facts(&erased), case_facts(&story.case));
    }
}
