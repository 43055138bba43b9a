//! What the fuzz targets share: the demo directory, cases at every stage of the loop, the
//! actors and texts commands are built from, and the check of one `execute` step against
//! what the lifecycle promises.

use accord_shared::case::{Actor, Case, CaseStatus, Channel, TimelineEvent};
use accord_shared::code::CaseCode;
use accord_shared::demo::demo_directory;
use accord_shared::directory::Directory;
use accord_shared::fields::NoteText;
use accord_shared::intake::{validate_filing, FileCaseRequest};
use accord_shared::lifecycle::{
    allowed_commands, execute, path_to, sample_command, transition, CaseError, Command, CommandKind,
};
use accord_shared::staff::Role;
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::sync::OnceLock;

/// The demo district, built once per process.
pub fn directory() -> &'static Directory {
    static DIRECTORY: OnceLock<Directory> = OnceLock::new();
    DIRECTORY.get_or_init(demo_directory)
}

/// When the cases of the targets are filed.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 2, 0, 0)
        .single()
        .expect("a valid instant")
}

/// The handler the sample commands name.
pub const HANDLER: &str = "mediator01";

/// A dispute (or a hazard) just filed on the web in community zh01.
pub fn filed(hazard: bool) -> Case {
    let request = FileCaseRequest {
        kind: if hazard { "hazard" } else { "dispute" }.into(),
        category: if hazard { "fire_escape" } else { "neighbours" }.into(),
        description: "楼上漏水, 已经三天".into(),
        respondent_name: Some("刘先生".into()),
        community: "zh01".into(),
        grid: "zh01-g1".into(),
        address: "中华路1号".into(),
        name: "张三".into(),
        phone: "13812345678".into(),
        conflict_since: Some("2024-03".into()),
        answers: Default::default(),
    };
    let filing = validate_filing(directory(), &request, t0().date_naive())
        .expect("the sample filing is valid");
    let code = CaseCode::new("ZH", 1, 2026, 1).expect("a valid code");
    Case::file(filing, code, Channel::Web, Actor::Resident, t0())
}

/// Who gives each command in the shared table tests: the resident gives feedback, the system
/// escalates, the district moves cases, a coordinator does the rest.
pub fn usual_actor(kind: CommandKind) -> Actor {
    match kind {
        CommandKind::GiveFeedback => Actor::Resident,
        CommandKind::Escalate => Actor::System,
        CommandKind::TransferOut | CommandKind::TransferIn => {
            staff("district", Role::DistrictCoordinator)
        }
        _ => staff("coordinator", Role::Coordinator),
    }
}

pub fn staff(username: &str, role: Role) -> Actor {
    Actor::Staff {
        username: username.into(),
        role,
    }
}

/// A dispute and a hazard in every status, reached by the shortest path of sample commands.
pub fn cases_in_every_status() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let mut cases = Vec::new();
        for hazard in [false, true] {
            for status in CaseStatus::ALL {
                let mut case = filed(hazard);
                for (i, kind) in path_to(status).into_iter().enumerate() {
                    let at = t0() + Duration::minutes(i as i64 + 1);
                    case = execute(
                        &case,
                        &sample_command(kind, HANDLER),
                        &usual_actor(kind),
                        at,
                        directory(),
                    )
                    .unwrap_or_else(|e| panic!("{kind:?} on the way to {status:?}: {e}"))
                    .0;
                }
                assert_eq!(case.status, status);
                cases.push(case);
            }
        }
        cases
    })
}

/// Every role, for actors and handlers.
pub const ROLES: [Role; 11] = [
    Role::Coordinator,
    Role::Admin,
    Role::Mediator,
    Role::GridWorker,
    Role::Police,
    Role::Prosecutor,
    Role::Judge,
    Role::Counselor,
    Role::DepartmentLiaison,
    Role::DistrictCoordinator,
    Role::DistrictAdmin,
];

/// Checks one step of the loop: `execute(before, command, actor, now)` gave `result`.
///
/// On success the case gains exactly the one event returned, numbered next, dated no earlier
/// than the last one, moving the status as the transition table says, the version one up,
/// and the case keeps its invariants. On refusal, a command the table does not allow is
/// refused as an invalid transition; a command offered to the actor is never refused for its
/// kind or its giver.
pub fn check_step(
    before: &Case,
    command: &Command,
    actor: &Actor,
    now: DateTime<Utc>,
    result: &Result<(Case, TimelineEvent), CaseError>,
) {
    let kind = command.kind();
    let allowed = transition(before.status, kind);
    let offered = allowed_commands(before, actor).contains(&kind);
    match result {
        Ok((next, event)) => {
            let to = allowed.unwrap_or_else(|| panic!("{kind:?} ran in {:?}", before.status));
            assert_eq!(next.status, to.unwrap_or(before.status));
            assert_eq!(
                next.version,
                before.version + 1,
                "the version goes up by one"
            );
            assert_eq!(next.timeline.len(), before.timeline.len() + 1);
            assert_eq!(
                &next.timeline[..before.timeline.len()],
                &before.timeline[..]
            );
            assert_eq!(next.timeline.last(), Some(event));
            assert_eq!(event.seq as usize, next.timeline.len());
            assert_eq!(event.from, Some(before.status));
            assert_eq!(event.to, Some(next.status));
            assert_eq!(&event.actor, actor);
            let last = before.timeline.last().map(|e| e.at).unwrap_or(now);
            assert_eq!(event.at, last.max(now), "time never runs backwards");
            if next.status != before.status {
                assert_eq!(
                    next.stage_started_at, event.at,
                    "a new stage starts its clock"
                );
            }
            if let Some(note) = &event.note {
                let parsed = NoteText::parse("note", note).expect("a stored note is valid");
                assert_eq!(parsed.as_str(), note, "a stored note is trimmed");
            }
            let hidden = matches!(
                kind,
                CommandKind::Escalate | CommandKind::AbsorbDuplicate | CommandKind::TransferIn
            );
            assert!(
                offered || hidden,
                "{kind:?} ran for {actor:?} but was not offered"
            );
            if let Err(broken) = next.check_invariants() {
                panic!("{kind:?} in {:?} broke the case: {broken}", before.status);
            }
        }
        Err(CaseError::InvalidTransition { from, command }) => {
            assert_eq!((*from, *command), (before.status, kind));
            let ended_elsewhere = before.merged_into.is_some() || before.moved_to.is_some();
            assert!(
                allowed.is_none() || (ended_elsewhere && kind == CommandKind::Reopen),
                "{kind:?} refused in {:?} though the table allows it",
                before.status
            );
            assert!(!offered, "{kind:?} offered but refused by the table");
        }
        Err(CaseError::Forbidden { command }) => {
            assert_eq!(*command, kind);
            assert!(allowed.is_some());
            assert!(!offered, "{kind:?} offered to {actor:?} but forbidden");
        }
        Err(CaseError::BrokenTimeline) => panic!("execute answered a broken timeline"),
        Err(CaseError::Field(_) | CaseError::NothingToEscalate | CaseError::FeedbackLimit) => {
            assert!(
                allowed.is_some(),
                "{kind:?} judged on its words in {:?}",
                before.status
            );
        }
    }
}

/// A whole history: it replays to the case, and the stored form survives JSON.
pub fn check_history(case: &Case) {
    let replayed = Case::replay(&case.timeline).expect("a timeline replays");
    assert_eq!(&replayed, case, "the replay of the timeline is the case");
    let json = serde_json::to_string(case).expect("a case serializes");
    let back: Case = serde_json::from_str(&json).expect("a stored case reads back");
    assert_eq!(&back, case, "the stored form of a case survives JSON");
}
