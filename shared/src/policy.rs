//! The authorization policy: one table a person can read, (role, action) → reach, and one
//! function that applies it to a resource. Every staff route of the API goes through it.
//!
//! # Who may act: this table and `lifecycle`
//!
//! Two questions, asked one after the other, each answered in one place:
//!
//! 1. *May this person touch this resource at all?* This table. It knows roles, actions
//!    (read, list, change, merge, manage…) and how far each reaches: the person's
//!    communities, the whole street, or only the cases they handle. It knows nothing of the
//!    closed loop's commands or statuses. The API asks it before anything else.
//! 2. *Given they may change this case, may they give this command now?* The state machine
//!    (`lifecycle::execute`, its private `authorize`). It knows the commands and who on the
//!    case gives each: triage is a coordinator's or mediator's, the outcome is the lead
//!    handler's, feedback is the resident's, escalation the scheduled run's. Residents,
//!    volunteers and the scheduled run are not staff, so they have no row here.
//!
//! The second derives its bound from the first: a role without `ChangeCase` here gives no
//! command there, and a note may be added by whoever this table lets change the case.
//! `lifecycle::tests::who_may_give_a_command_stays_inside_the_policy` checks that no command
//! rule grants more than this table (merging needs `MergeCases`, choosing handlers needs
//! `ListPeople`, acting on a case one does not handle needs more than `Assigned` reach), and
//! `shared/tests/tables.rs` keeps a reviewed snapshot of this table.
//!
//! Mediation sessions ask the same two questions: this table's `ScheduleSessions` and
//! `AnswerSessions` first, then the session transition table
//! (`scheduling::check_session_action`, which also knows who takes part). The API sends the
//! answer of both as a session's `allowed_actions`.

use crate::staff::{Handler, Role, Scope, Within};
use serde::{Deserialize, Serialize};

/// What a staff member wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// List cases (queues and boards).
    ListCases,
    /// Read a case.
    ReadCase,
    /// See a party's name and phone number unmasked.
    ReadPartyContact,
    /// Give a command of the closed loop (the state machine then checks the command itself).
    ChangeCase,
    /// Record a walk-in, hotline or patrol matter.
    RecordIntake,
    /// Merge duplicates.
    MergeCases,
    /// See who can be made a handler.
    ListPeople,
    /// Run the overdue check.
    RunEscalation,
    /// Create, disable and change users; reset passwords.
    ManageUsers,
    /// Change communities, grids, categories and time limits.
    ManageDirectory,
    /// Read, export and verify the audit log.
    ReadAudit,
    /// Erase personal data of cases past the retention period.
    RunRetention,
    /// Issue and revoke volunteer links.
    ManageVolunteers,
    /// Propose, book, confirm, move, cancel and record mediation sessions on a case.
    ScheduleSessions,
    /// As a staff participant, say which proposed times suit you (the session's rules then
    /// check the person is one of its participants).
    AnswerSessions,
    /// Keep one's own agenda, working hours, absences and private calendar feed.
    KeepOwnCalendar,
    /// Move a case to a community of another street, with a reason.
    TransferCases,
    /// See the figures of communities (the staff dashboard, its tables and exports).
    ReadFigures,
    /// Import historical cases from another system, and recount the figures to check them.
    ImportHistory,
    /// Issue a case's standard documents (numbered in the street's register) and void them.
    IssueDocuments,
    /// Keep the confidential notes of a case (a counselor on the case: `crate::confidential`
    /// decides who reads each note).
    KeepConfidentialNotes,
}

impl Action {
    pub const ALL: [Action; 21] = [
        Action::ListCases,
        Action::ReadCase,
        Action::ReadPartyContact,
        Action::ChangeCase,
        Action::RecordIntake,
        Action::MergeCases,
        Action::ListPeople,
        Action::RunEscalation,
        Action::ManageUsers,
        Action::ManageDirectory,
        Action::ReadAudit,
        Action::RunRetention,
        Action::ManageVolunteers,
        Action::ScheduleSessions,
        Action::AnswerSessions,
        Action::KeepOwnCalendar,
        Action::TransferCases,
        Action::ReadFigures,
        Action::ImportHistory,
        Action::IssueDocuments,
        Action::KeepConfidentialNotes,
    ];
}

/// How far a permission reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// Never.
    None,
    /// Only cases the person is a handler of.
    Assigned,
    /// Anything in the communities of the person's scope.
    Community,
    /// The whole street, within the person's scope.
    Street,
    /// Every street of the district.
    District,
}

use Action as A;
use Reach as R;

/// The policy. Rows not listed are `None`. Specialists (police, prosecutors, judges,
/// counselors, department liaisons) work only on the cases they are assigned to.
pub const POLICY: &[(Role, &[(Action, Reach)])] = &[
    (
        Role::Coordinator,
        &[
            (A::ListCases, R::Street),
            (A::ReadCase, R::Street),
            (A::ReadPartyContact, R::Street),
            (A::ChangeCase, R::Street),
            (A::RecordIntake, R::Street),
            (A::MergeCases, R::Street),
            (A::ListPeople, R::Street),
            (A::RunEscalation, R::Street),
            (A::ManageVolunteers, R::Street),
            (A::ScheduleSessions, R::Street),
            (A::AnswerSessions, R::Street),
            (A::KeepOwnCalendar, R::Street),
            (A::ReadFigures, R::Street),
            (A::IssueDocuments, R::Street),
        ],
    ),
    (
        Role::Admin,
        &[
            (A::RunEscalation, R::Street),
            (A::ManageUsers, R::Street),
            (A::ManageDirectory, R::Street),
            (A::ReadAudit, R::Street),
            (A::RunRetention, R::Street),
            (A::KeepOwnCalendar, R::Street),
            (A::ReadFigures, R::Street),
            (A::ImportHistory, R::Street),
        ],
    ),
    (
        Role::Mediator,
        &[
            (A::ListCases, R::Community),
            (A::ReadCase, R::Community),
            (A::ReadPartyContact, R::Community),
            (A::ChangeCase, R::Community),
            (A::RecordIntake, R::Community),
            (A::MergeCases, R::Community),
            (A::ListPeople, R::Community),
            (A::ManageVolunteers, R::Community),
            (A::ScheduleSessions, R::Community),
            (A::AnswerSessions, R::Community),
            (A::KeepOwnCalendar, R::Street),
            (A::ReadFigures, R::Community),
            (A::IssueDocuments, R::Community),
        ],
    ),
    (
        Role::GridWorker,
        &[
            (A::ListCases, R::Community),
            (A::ReadCase, R::Community),
            (A::ReadPartyContact, R::Community),
            (A::ChangeCase, R::Community),
            (A::RecordIntake, R::Community),
            (A::ScheduleSessions, R::Community),
            (A::AnswerSessions, R::Community),
            (A::KeepOwnCalendar, R::Street),
            (A::IssueDocuments, R::Community),
        ],
    ),
    (
        Role::DistrictCoordinator,
        &[
            (A::ListCases, R::District),
            (A::ReadCase, R::District),
            (A::ReadPartyContact, R::District),
            (A::ChangeCase, R::District),
            (A::RecordIntake, R::District),
            (A::MergeCases, R::District),
            (A::ListPeople, R::District),
            (A::RunEscalation, R::District),
            (A::ManageVolunteers, R::District),
            (A::ScheduleSessions, R::District),
            (A::AnswerSessions, R::District),
            (A::KeepOwnCalendar, R::District),
            (A::TransferCases, R::District),
            (A::ReadFigures, R::District),
            (A::IssueDocuments, R::District),
        ],
    ),
    (
        Role::DistrictAdmin,
        &[
            (A::RunEscalation, R::District),
            (A::ManageUsers, R::District),
            (A::ManageDirectory, R::District),
            (A::ReadAudit, R::District),
            (A::RunRetention, R::District),
            (A::KeepOwnCalendar, R::District),
            (A::ReadFigures, R::District),
            (A::ImportHistory, R::District),
        ],
    ),
    (Role::Police, SPECIALIST),
    (Role::Prosecutor, SPECIALIST),
    (Role::Judge, SPECIALIST),
    (Role::Counselor, SPECIALIST),
    // A counselor also keeps the confidential notes of the cases they are assigned to.
    (Role::Counselor, &[(A::KeepConfidentialNotes, R::Assigned)]),
    (Role::DepartmentLiaison, SPECIALIST),
];

const SPECIALIST: &[(Action, Reach)] = &[
    (A::ListCases, R::Assigned),
    (A::ReadCase, R::Assigned),
    (A::ReadPartyContact, R::Assigned),
    (A::ChangeCase, R::Assigned),
    (A::ScheduleSessions, R::Assigned),
    // A specialist may be asked to a session of a case they do not handle (a judge for a
    // confirmation, police for a hearing): answering needs only the case's community in scope.
    (A::AnswerSessions, R::Community),
    (A::KeepOwnCalendar, R::Street),
];

/// How far `role` may do `action`.
pub fn reach(role: Role, action: Action) -> Reach {
    POLICY
        .iter()
        .filter(|(r, _)| *r == role)
        .flat_map(|(_, rows)| rows.iter())
        .find(|(a, _)| *a == action)
        .map_or(Reach::None, |(_, reach)| *reach)
}

/// What an action is about: a community and its street (or none, for actions on no one
/// place) and, for a case, its handlers.
#[derive(Debug, Clone, Copy)]
pub struct Resource<'a> {
    pub community: Option<Within<'a>>,
    pub handlers: &'a [Handler],
}

impl Resource<'_> {
    pub const STREET: Resource<'static> = Resource {
        community: None,
        handlers: &[],
    };
}

impl<'a> Resource<'a> {
    /// A case as the policy sees it: its community, the street `street` that community
    /// belongs to, and its handlers.
    pub fn case(case: &'a crate::case::Case, street: &'a str) -> Self {
        Resource {
            community: Some(Within {
                street,
                community: &case.community,
            }),
            handlers: &case.handlers,
        }
    }

    /// A place, with no case: a community of a street.
    pub fn at(at: Within<'a>) -> Self {
        Resource {
            community: Some(at),
            handlers: &[],
        }
    }
}

/// The decision for one person, one action and one resource.
pub fn allows(
    role: Role,
    scope: &Scope,
    username: &str,
    action: Action,
    resource: Resource<'_>,
) -> bool {
    let in_scope = match resource.community {
        Some(at) => scope.includes(at),
        None => true,
    };
    match reach(role, action) {
        Reach::None => false,
        Reach::District | Reach::Street | Reach::Community => in_scope,
        Reach::Assigned => in_scope && resource.handlers.iter().any(|h| h.username == username),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZH01: Within<'static> = Within {
        street: "zhonghua-road",
        community: "zh01",
    };

    #[test]
    fn a_street_coordinator_stays_in_their_street_and_the_district_sees_all() {
        let hq01 = Resource::at(Within {
            street: "hongqi",
            community: "hq01",
        });
        let street = Scope::street("zhonghua-road");
        let read = Action::ReadCase;
        assert!(allows(
            Role::Coordinator,
            &street,
            "c",
            read,
            Resource::at(ZH01)
        ));
        assert!(!allows(Role::Coordinator, &street, "c", read, hq01));
        let district = Scope::District;
        assert!(allows(
            Role::DistrictCoordinator,
            &district,
            "d",
            read,
            hq01
        ));
        assert!(!allows(Role::DistrictAdmin, &district, "d", read, hq01));
        assert!(allows(
            Role::DistrictAdmin,
            &district,
            "d",
            Action::ManageDirectory,
            Resource::STREET
        ));
    }

    fn handler(name: &str) -> Handler {
        Handler {
            username: name.into(),
            role: Role::Police,
            lead: false,
        }
    }

    #[test]
    fn every_role_has_a_row() {
        use std::collections::HashSet;
        let roles: HashSet<Role> = POLICY.iter().map(|(r, _)| *r).collect();
        assert_eq!(roles.len(), 11);
    }

    #[test]
    fn a_mediator_acts_in_their_community_only() {
        let scope = Scope::communities(["zh01"]);
        let own = Resource::at(ZH01);
        let other = Resource::at(Within {
            community: "zh02",
            ..ZH01
        });
        assert!(allows(Role::Mediator, &scope, "m", Action::ReadCase, own));
        assert!(!allows(
            Role::Mediator,
            &scope,
            "m",
            Action::ReadCase,
            other
        ));
        assert!(!allows(
            Role::Mediator,
            &scope,
            "m",
            Action::ManageUsers,
            Resource::STREET
        ));
    }

    #[test]
    fn a_police_officer_reads_only_assigned_cases() {
        let scope = Scope::communities(["zh01"]);
        let assigned = [handler("p")];
        let mine = Resource {
            community: Some(ZH01),
            handlers: &assigned,
        };
        let not_mine = Resource::at(ZH01);
        assert!(allows(Role::Police, &scope, "p", Action::ReadCase, mine));
        assert!(!allows(
            Role::Police,
            &scope,
            "p",
            Action::ReadCase,
            not_mine
        ));
        assert!(!allows(
            Role::Police,
            &scope,
            "p",
            Action::RecordIntake,
            mine
        ));
    }

    #[test]
    fn an_admin_manages_but_reads_no_cases() {
        let own = Resource::at(ZH01);
        assert!(allows(
            Role::Admin,
            &Scope::street("zhonghua-road"),
            "a",
            Action::ManageUsers,
            Resource::STREET
        ));
        assert!(!allows(
            Role::Admin,
            &Scope::street("zhonghua-road"),
            "a",
            Action::ReadCase,
            own
        ));
        assert!(!allows(
            Role::Admin,
            &Scope::street("zhonghua-road"),
            "a",
            Action::ReadPartyContact,
            own
        ));
    }
}
