//! `execute` on arbitrary sequences of commands, givers and clocks: sample commands of every
//! kind mixed with commands of arbitrary words, handlers, levels, dates and codes, given by
//! every kind of actor at times that may run backwards. No step panics, every step keeps the
//! promises of the loop (see `check_step`), and the final timeline replays to the case.

#![no_main]

use accord_fuzz::{
    cases_in_every_status, check_history, check_step, directory, filed, staff, usual_actor,
    HANDLER, ROLES,
};
use accord_shared::case::{Actor, Case, Outcome, ReferralTarget, Visibility};
use accord_shared::lifecycle::{execute, sample_command, Command, CommandKind, ALL_COMMANDS};
use accord_shared::risk::{RiskFactors, RiskLevel};
use accord_shared::staff::Handler;
use accord_shared::time_limits::EscalationLevel;
use arbitrary::{Result, Unstructured};
use chrono::{Duration, NaiveDate};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 6] = [
    "coordinator",
    HANDLER,
    "grid02",
    "district",
    "police01",
    " ",
];

fn text(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => String::new(),
        1 => " \n\t ".into(),
        2 => "called both parties".into(),
        3 => "第一行\r\n第二行".into(),
        4 => "a\u{7}b".into(),
        5 => "字".repeat(2000),
        6 => "字".repeat(2001),
        _ => u.arbitrary()?,
    })
}

fn optional_text(u: &mut Unstructured) -> Result<Option<String>> {
    u.arbitrary::<bool>()?.then(|| text(u)).transpose()
}

fn code(u: &mut Unstructured, case: &Case) -> Result<String> {
    Ok(match u.int_in_range(0..=5u8)? {
        0 => case.code.to_string(),
        1 => "ZH01-2026-0002".into(),
        2 => "zs01 2026 0003".into(),
        3 => String::new(),
        _ => u.arbitrary()?,
    })
}

fn count(u: &mut Unstructured) -> Result<u32> {
    Ok(match u.int_in_range(0..=3u8)? {
        0 => u32::MAX,
        1 => u.int_in_range(0..=30)?,
        _ => u.arbitrary()?,
    })
}

fn handlers(u: &mut Unstructured) -> Result<Vec<Handler>> {
    let n = u.int_in_range(0..=4)?;
    (0..n)
        .map(|_| {
            Ok(Handler {
                username: if u.ratio(3, 4)? {
                    (*u.choose(&NAMES)?).to_owned()
                } else {
                    u.arbitrary()?
                },
                role: *u.choose(&ROLES)?,
                lead: u.arbitrary()?,
            })
        })
        .collect()
}

/// A command of `kind` with arbitrary contents.
fn arbitrary_command(u: &mut Unstructured, kind: CommandKind, case: &Case) -> Result<Command> {
    use CommandKind as K;
    Ok(match kind {
        K::Accept => Command::Accept {
            note: optional_text(u)?,
        },
        K::Reject => Command::Reject {
            reason: text(u)?,
            redirect_to: text(u)?,
        },
        K::Recategorize => {
            let ids: Vec<String> = directory()
                .categories
                .iter()
                .map(|c| c.id.clone())
                .collect();
            let category = if u.ratio(3, 4)? {
                u.choose(&ids)?.clone()
            } else {
                text(u)?
            };
            Command::Recategorize { category }
        }
        K::AssessRisk => Command::AssessRisk {
            factors: RiskFactors {
                violence_threatened: u.arbitrary()?,
                people_involved: count(u)?,
                vulnerable_parties: u.arbitrary()?,
                repeat_reports: count(u)?,
                conflict_months: count(u)?,
                failed_mediations: count(u)?,
            },
        },
        K::OverrideRisk => Command::OverrideRisk {
            level: *u.choose(&[
                RiskLevel::Low,
                RiskLevel::Medium,
                RiskLevel::High,
                RiskLevel::Critical,
            ])?,
            reason: text(u)?,
        },
        K::SetHandlers => Command::SetHandlers {
            handlers: handlers(u)?,
        },
        K::Start => Command::Start {
            note: optional_text(u)?,
        },
        K::AddNote => Command::AddNote {
            text: text(u)?,
            visibility: *u.choose(&[Visibility::Public, Visibility::Internal])?,
        },
        K::Resolve => Command::Resolve {
            outcome: *u.choose(&[
                Outcome::AgreementReached,
                Outcome::ProblemFixed,
                Outcome::Withdrawn,
            ])?,
            note: optional_text(u)?,
        },
        K::FailMediation => Command::FailMediation { reason: text(u)? },
        K::Refer => Command::Refer {
            target: *u.choose(&[
                ReferralTarget::JudgeWorkstation,
                ReferralTarget::Court,
                ReferralTarget::Arbitration,
                ReferralTarget::Department,
            ])?,
            receiving_body: text(u)?,
            reason: text(u)?,
        },
        K::BeginFollowUp => Command::BeginFollowUp {
            note: optional_text(u)?,
        },
        K::RecordVisit => Command::RecordVisit { note: text(u)? },
        K::GiveFeedback => Command::GiveFeedback {
            confirmed: u.arbitrary()?,
            satisfaction: u.arbitrary()?,
            comment: optional_text(u)?,
        },
        K::Close => Command::Close {
            note: optional_text(u)?,
        },
        K::Reopen => Command::Reopen { reason: text(u)? },
        K::Escalate => Command::Escalate {
            level: *u.choose(&[
                EscalationLevel::None,
                EscalationLevel::Community,
                EscalationLevel::Street,
                EscalationLevel::District,
            ])?,
        },
        K::SetConflictSince => {
            let days = u.int_in_range(-40_000..=40_000)?;
            let date = case
                .filed_at
                .date_naive()
                .checked_add_signed(Duration::days(days))
                .unwrap_or(NaiveDate::MIN);
            Command::SetConflictSince { date }
        }
        K::MergeInto => Command::MergeInto {
            primary: code(u, case)?,
        },
        K::AbsorbDuplicate => Command::AbsorbDuplicate {
            duplicate: code(u, case)?,
            // A duplicate's own timeline, as a merge hands over (never this case's: absorbing
            // its own history again and again would double it each time).
            timeline: if u.arbitrary()? {
                u.choose(cases_in_every_status())?.timeline.clone()
            } else {
                Vec::new()
            },
        },
        K::TransferOut => Command::TransferOut {
            to: code(u, case)?,
            reason: text(u)?,
        },
        K::TransferIn => Command::TransferIn {
            from: code(u, case)?,
            reason: text(u)?,
        },
    })
}

fn actor(u: &mut Unstructured, kind: CommandKind, case: &Case) -> Result<Actor> {
    Ok(match u.int_in_range(0..=9u8)? {
        0..=4 => usual_actor(kind),
        5 => Actor::Resident,
        6 => Actor::System,
        7 => Actor::Volunteer {
            link: "v1".into(),
            name: "王阿姨".into(),
        },
        // One of the case's own handlers, in the role they hold or another.
        8 if !case.handlers.is_empty() => {
            let handler = u.choose(&case.handlers)?;
            let role = if u.arbitrary()? {
                handler.role
            } else {
                *u.choose(&ROLES)?
            };
            staff(&handler.username, role)
        }
        _ => staff(u.choose(&NAMES)?, *u.choose(&ROLES)?),
    })
}

fn step(
    u: &mut Unstructured,
    case: &Case,
    now: &mut chrono::DateTime<chrono::Utc>,
) -> Result<Option<Case>> {
    let kind = *u.choose(&ALL_COMMANDS)?;
    let command = if u.ratio(2, 3)? {
        sample_command(kind, u.choose(&NAMES)?)
    } else {
        arbitrary_command(u, kind, case)?
    };
    let actor = actor(u, kind, case)?;
    // Mostly forward, sometimes backwards: the caller's clock is not trusted.
    *now += Duration::minutes(i64::from(u.int_in_range(-600..=10_000i32)?));
    let result = execute(case, &command, &actor, *now, directory());
    check_step(case, &command, &actor, *now, &result);
    Ok(result.ok().map(|(next, _)| next))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut case = filed(u.arbitrary().unwrap_or_default());
    let mut now = case.filed_at;
    let mut steps = 0;
    while !u.is_empty() && steps < 64 {
        steps += 1;
        match step(&mut u, &case, &mut now) {
            Ok(Some(next)) => case = next,
            Ok(None) => {}
            Err(_) => break,
        }
    }
    check_history(&case);
});
