//! Synthetic history for measuring storage at scale: the `index`-th of `total` cases of a
//! community, filed over the two years before `now` and taken through the lifecycle by the
//! same commands staff give, so every case replays like a real one. Deterministic: the same
//! index always gives the same case. Used by the local load route only, never by filing.

use crate::case::{Actor, Case, Channel};
use crate::code::CaseCode;
use crate::directory::Directory;
use crate::intake::{validate_filing, FileCaseRequest};
use crate::lifecycle::{escalation_due_now, execute, path_to, sample_command, CommandKind};
use crate::risk::RiskFactors;
use crate::staff::Role;
use crate::time::local_date;
use crate::vocabulary::{CaseKind, CaseStatus};
use chrono::{DateTime, Duration, Utc};

/// How far back the synthetic history reaches.
pub const HISTORY_DAYS: i64 = 730;

/// Where cases end up, by weight: about two in three are still open, as in a busy community
/// that a backlog has built up in.
const STATUS_WEIGHTS: [(CaseStatus, u64); 10] = [
    (CaseStatus::Closed, 30),
    (CaseStatus::Rejected, 5),
    (CaseStatus::Reported, 8),
    (CaseStatus::Accepted, 5),
    (CaseStatus::Assigned, 8),
    (CaseStatus::InProgress, 15),
    (CaseStatus::Resolved, 6),
    (CaseStatus::MediationFailed, 3),
    (CaseStatus::Referred, 5),
    (CaseStatus::FollowUp, 15),
];

/// Handlers the synthetic cases are given: the community's mediator on every other case.
const HANDLERS: [&str; 4] = ["mediator01", "grid01", "mediator01", "counselor"];

/// A 64-bit mix of the index (SplitMix64), so neighbouring cases differ in everything.
fn mix(index: u64, salt: u64) -> u64 {
    let mut z = index
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(salt.wrapping_mul(0xBF58_476D_1CE4_E5B9));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// When the `index`-th of `total` cases was filed: evenly over [`HISTORY_DAYS`] before `now`,
/// oldest first.
pub fn synthetic_filed_at(index: u64, total: u64, now: DateTime<Utc>) -> DateTime<Utc> {
    let span_ms = HISTORY_DAYS * 24 * 3_600_000;
    let step = span_ms / i64::try_from(total.max(1)).unwrap_or(i64::MAX);
    let offset = step.saturating_mul(i64::try_from(index).unwrap_or(i64::MAX));
    now - Duration::milliseconds(span_ms) + Duration::milliseconds(offset.min(span_ms))
}

/// The status the `index`-th case ends up in.
pub fn synthetic_status(index: u64) -> CaseStatus {
    let total: u64 = STATUS_WEIGHTS.iter().map(|(_, w)| w).sum();
    let mut pick = mix(index, 1) % total;
    for (status, weight) in STATUS_WEIGHTS {
        if pick < weight {
            return status;
        }
        pick -= weight;
    }
    CaseStatus::Reported
}

fn actor_for(kind: CommandKind) -> Actor {
    match kind {
        CommandKind::GiveFeedback => Actor::Resident,
        CommandKind::Escalate => Actor::System,
        _ => Actor::Staff {
            username: "coordinator".into(),
            role: Role::Coordinator,
        },
    }
}

/// The `index`-th synthetic case of `community`, filed at `filed_at` under `code`, as it
/// stands at `now` (escalated as far as the scheduled run would have taken it). `None` if
/// the directory has no such community or offers its street no category.
pub fn synthetic_case(
    dir: &Directory,
    community: &str,
    index: u64,
    code: CaseCode,
    filed_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<Case> {
    let place = dir.community(community)?;
    let categories: Vec<_> = dir
        .categories
        .iter()
        .filter(|c| dir.category_offered(&c.id, place))
        .collect();
    let category =
        categories.get(usize::try_from(mix(index, 2) % categories.len().max(1) as u64).ok()?)?;
    let grid = place
        .grids
        .get(usize::try_from(mix(index, 3) % place.grids.len().max(1) as u64).ok()?)?;
    let house = mix(index, 4) % 3000 + 1;
    let unit = mix(index, 5) % 6 + 1;
    let dispute = category.kind == CaseKind::Dispute;
    let request = FileCaseRequest {
        kind: if dispute { "dispute" } else { "hazard" }.into(),
        category: category.id.clone(),
        description: format!("第{index}号测试事项：楼道内有杂物堆放，邻里多次沟通未果"),
        respondent_name: dispute.then(|| "王先生".to_owned()),
        community: community.to_owned(),
        grid: grid.id.clone(),
        address: format!("{house}号{unit}单元"),
        name: "李女士".into(),
        phone: format!("139{:08}", mix(index, 6) % 100_000_000),
        conflict_since: None,
        answers: Default::default(),
        location: None,
    };
    let mut filing = validate_filing(dir, &request, local_date(filed_at)).ok()?;
    let risk = mix(index, 7) % 100;
    filing.risk_factors = RiskFactors {
        violence_threatened: risk < 3,
        people_involved: u32::try_from(mix(index, 8) % 6 + 1).unwrap_or(1),
        vulnerable_parties: risk % 10 == 1,
        repeat_reports: u32::from(risk.is_multiple_of(7)),
        ..RiskFactors::default()
    };
    let channel = [
        Channel::Web,
        Channel::WalkIn,
        Channel::Hotline,
        Channel::GridPatrol,
    ][usize::try_from(mix(index, 9) % 4).ok()?];
    let recorded_by = actor_for(CommandKind::Accept);
    let mut case = Case::file(filing, code, channel, recorded_by, filed_at);
    let steps = path_to(synthetic_status(index));
    // Steps an hour apart, closer for a case filed just now, never after `now`.
    let room = (now - filed_at).num_milliseconds().max(0) / (steps.len() as i64 + 1);
    let gap = Duration::milliseconds(room.min(3_600_000));
    let handler = HANDLERS[usize::try_from(mix(index, 10) % HANDLERS.len() as u64).ok()?];
    let mut at = filed_at;
    for kind in steps {
        at += gap;
        let command = sample_command(kind, handler);
        case = execute(&case, &command, &actor_for(kind), at, dir).ok()?.0;
    }
    let limits = dir.limits_for(community);
    if let Some(command) = escalation_due_now(&case, limits, now) {
        case = execute(&case, &command, &Actor::System, now, dir).ok()?.0;
    }
    Some(case)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_directory;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap()
    }

    #[test]
    fn a_synthetic_history_replays_and_mixes_open_and_ended_cases() {
        let dir = demo_directory();
        let total = 400;
        let mut open = 0;
        let mut statuses = std::collections::BTreeSet::new();
        for index in 0..total {
            let filed_at = synthetic_filed_at(index, total, now());
            assert!(filed_at <= now());
            let code = CaseCode::new("ZH", 1, 2026, u32::try_from(index + 1).unwrap()).unwrap();
            let case = synthetic_case(&dir, "zh01", index, code, filed_at, now()).expect("a case");
            assert_eq!(case.status, synthetic_status(index));
            assert!(case.timeline.iter().all(|e| e.at <= now()));
            let replayed = Case::replay(&case.timeline).expect("replays");
            assert_eq!(replayed.status, case.status);
            case.check_invariants().unwrap();
            open += usize::from(case.status.is_open());
            statuses.insert(case.status.as_str());
        }
        assert_eq!(statuses.len(), 10);
        assert!((200..330).contains(&open), "{open} open of {total}");
        assert!(synthetic_case(
            &dir,
            "nowhere",
            0,
            CaseCode::new("ZH", 1, 2026, 1).unwrap(),
            now(),
            now()
        )
        .is_none());
    }
}
