//! Fixtures only the tests use: who gives each command in the table-driven tests, and one
//! dispute and one hazard at every stage of their lives with the session, agreement and
//! confirmations their documents are made from. Compiled for tests only, never into the product.

use crate::case::{Actor, Case, Channel, Handler, Outcome, ReferralTarget};
use crate::code::CaseCode;
use crate::demo::demo_directory;
use crate::directory::Directory;
use crate::documents::{
    AgreementDraft, Confirmation, DocumentInput, DocumentKind, DocumentNumber, Term,
};
use crate::intake::{validate_filing, FileCaseRequest};
use crate::lifecycle::{execute, sample_command, Command, CommandKind};
use crate::scheduling::session::{
    Participant, Session, SessionOutcome, SessionRecord, SessionStatus, Venue,
};
use crate::staff::{Person, Role, Scope};
use crate::vocabulary::PartyRole;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// Who gives a command in the table-driven tests: the resident gives feedback, the system
/// escalates, a coordinator does the rest.
pub fn sample_actor(kind: CommandKind) -> Actor {
    match kind {
        CommandKind::GiveFeedback => Actor::Resident,
        CommandKind::Escalate => Actor::System,
        CommandKind::TransferOut | CommandKind::TransferIn => Actor::Staff {
            username: "district".into(),
            role: Role::DistrictCoordinator,
        },
        _ => Actor::Staff {
            username: "coordinator".into(),
            role: Role::Coordinator,
        },
    }
}

/// A case told step by step, for the tests of the figures: filed at a moment, then given
/// commands as the clock moves on. Every step goes through `lifecycle::execute`.
#[derive(Debug, Clone)]
pub struct Story {
    pub case: Case,
    /// The moment the next command is given at.
    pub at: chrono::DateTime<chrono::Utc>,
}

impl Story {
    /// A matter of `kind` and `category` filed on the web in community zh01 (grid zh01-g1).
    pub fn file(kind: &str, category: &str, seq: u32, at: chrono::DateTime<chrono::Utc>) -> Story {
        Story::file_with(kind, category, seq, at, crate::case::Channel::Web, None)
    }

    /// As [`Story::file`], with the channel and when the conflict began (`2023-05`).
    pub fn file_with(
        kind: &str,
        category: &str,
        seq: u32,
        at: chrono::DateTime<chrono::Utc>,
        channel: crate::case::Channel,
        conflict_since: Option<&str>,
    ) -> Story {
        let request = crate::intake::FileCaseRequest {
            kind: kind.into(),
            category: category.into(),
            description: "楼上漏水，多次沟通无果".into(),
            respondent_name: None,
            community: "zh01".into(),
            grid: "zh01-g1".into(),
            address: "中华路１２号 3单元".into(),
            name: "张三".into(),
            phone: "13812345678".into(),
            conflict_since: conflict_since.map(str::to_owned),
            answers: Default::default(),
            location: None,
        };
        let directory = crate::demo::demo_directory();
        let filing =
            crate::intake::validate_filing(&directory, &request, crate::time::local_date(at))
                .unwrap_or_else(|e| panic!("filing {kind} {category}: {e}"));
        let code = crate::code::CaseCode::new("ZH", 1, 2026, seq).expect("a valid code");
        let case = Case::file(filing, code, channel, Actor::Resident, at);
        Story { case, at }
    }

    /// Moves the clock on by `days` days.
    pub fn days(mut self, days: i64) -> Story {
        self.at += chrono::Duration::days(days);
        self
    }

    /// Moves the clock on by `hours` hours.
    pub fn hours(mut self, hours: i64) -> Story {
        self.at += chrono::Duration::hours(hours);
        self
    }

    /// Gives the sample command of `kind` (handler `mediator01`) by its sample actor.
    pub fn then(self, kind: CommandKind) -> Story {
        let command = crate::lifecycle::sample_command(kind, "mediator01");
        self.give(command, sample_actor(kind))
    }

    /// Gives each sample command in turn, one hour apart.
    pub fn path(self, kinds: &[CommandKind]) -> Story {
        kinds
            .iter()
            .fold(self, |story, kind| story.then(*kind).hours(1))
    }

    /// Gives `command` by `actor` now; a refusal fails the test.
    pub fn give(mut self, command: crate::lifecycle::Command, actor: Actor) -> Story {
        let (next, _) = crate::lifecycle::execute(
            &self.case,
            &command,
            &actor,
            self.at,
            &crate::demo::demo_directory(),
        )
        .unwrap_or_else(|e| panic!("{command:?} on {:?}: {e}", self.case.status));
        self.case = next;
        self
    }
}

/// When the fixture cases are filed: 2 November 2026, 09:30 in Zhonghua Road.
pub fn filed_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 1, 30, 0)
        .single()
        .unwrap_or_default()
}

/// The staff the documents print by name.
pub fn document_people() -> Vec<Person> {
    let person = |username: &str, display_name: &str, role| Person {
        username: username.into(),
        display_name: display_name.into(),
        role,
        scope: Scope::communities(["zh01"]),
    };
    vec![
        person("mediator01", "李明", Role::Mediator),
        person("coordinator", "王芳", Role::Coordinator),
    ]
}

fn file(request: FileCaseRequest, sequence: u32) -> Case {
    let directory = demo_directory();
    let filing = validate_filing(&directory, &request, filed_at().date_naive())
        .unwrap_or_else(|e| panic!("the fixture filing is valid: {e}"));
    let code = CaseCode::new("ZH", 1, 2026, sequence).unwrap_or_else(|| panic!("a valid code"));
    Case::file(filing, code, Channel::WalkIn, Actor::Resident, filed_at())
}

/// A neighbours' dispute over a leaking ceiling, filed by 张三 against 刘四.
pub fn filed_dispute() -> Case {
    file(
        FileCaseRequest {
            kind: "dispute".into(),
            category: "neighbours".into(),
            description: "楼上卫生间漏水，导致我家厨房顶棚受损。\n多次协商未果。".into(),
            respondent_name: Some("刘四".into()),
            community: "zh01".into(),
            grid: "zh01-g1".into(),
            address: "中华路12号3单元201室".into(),
            name: "张三".into(),
            phone: "13812345678".into(),
            conflict_since: Some("2026-06-01".into()),
            answers: Default::default(),
            location: None,
        },
        42,
    )
}

/// A blocked fire escape reported by 王五.
pub fn filed_hazard() -> Case {
    file(
        FileCaseRequest {
            kind: "hazard".into(),
            category: "fire_escape".into(),
            description: "楼道堆放大量杂物，堵塞消防通道。".into(),
            respondent_name: None,
            community: "zh01".into(),
            grid: "zh01-g2".into(),
            address: "中华路8号楼道".into(),
            name: "王五".into(),
            phone: "13900001111".into(),
            conflict_since: None,
            answers: Default::default(),
            location: None,
        },
        43,
    )
}

/// The command of `kind` the document fixtures give, worded as a Chinese mediator would.
fn document_command(kind: CommandKind, hazard: bool) -> Command {
    let text = |s: &str| s.to_owned();
    match kind {
        CommandKind::SetHandlers => Command::SetHandlers {
            handlers: vec![Handler {
                username: text("mediator01"),
                role: Role::Mediator,
                lead: true,
            }],
        },
        CommandKind::Resolve => Command::Resolve {
            outcome: Outcome::AgreementReached,
            note: None,
        },
        CommandKind::FailMediation if hazard => Command::FailMediation {
            reason: text("需由消防部门依法处置"),
        },
        CommandKind::FailMediation => Command::FailMediation {
            reason: text("被申请人拒绝承担维修费用"),
        },
        CommandKind::Refer if hazard => Command::Refer {
            target: ReferralTarget::Department,
            receiving_body: text("甘井子区消防救援大队"),
            reason: text("清理堵塞的消防通道属于消防部门职责"),
        },
        CommandKind::Refer => Command::Refer {
            target: ReferralTarget::Court,
            receiving_body: text("甘井子区人民法院"),
            reason: text("申请人要求通过诉讼解决"),
        },
        CommandKind::RecordVisit => Command::RecordVisit {
            note: text("双方表示漏水已修复，邻里关系恢复正常。"),
        },
        other => sample_command(other, "mediator01"),
    }
}

/// `case` after `kinds`, one command an hour after filing; panics on a command the fixture
/// should not give.
pub fn after(case: Case, kinds: &[CommandKind]) -> Case {
    let directory = demo_directory();
    let hazard = case.kind == crate::vocabulary::CaseKind::Hazard;
    kinds.iter().fold(case, |case, kind| {
        let at = filed_at() + Duration::hours(case.timeline.len() as i64);
        execute(
            &case,
            &document_command(*kind, hazard),
            &sample_actor(*kind),
            at,
            &directory,
        )
        .unwrap_or_else(|e| panic!("{kind:?} in the fixture: {e}"))
        .0
    })
}

use CommandKind as C;

/// The dispute's life when mediation succeeds, command by command.
pub const SETTLED_DISPUTE: &[CommandKind] = &[
    C::Accept,
    C::SetHandlers,
    C::Start,
    C::Resolve,
    C::BeginFollowUp,
    C::RecordVisit,
    C::GiveFeedback,
    C::Close,
];

/// The dispute's life when mediation fails and it goes to court.
pub const REFERRED_DISPUTE: &[CommandKind] = &[
    C::Accept,
    C::SetHandlers,
    C::Start,
    C::FailMediation,
    C::Refer,
    C::BeginFollowUp,
    C::RecordVisit,
];

/// The hazard's life: handed to the fire department.
pub const REFERRED_HAZARD: &[CommandKind] = &[
    C::Accept,
    C::SetHandlers,
    C::Start,
    C::FailMediation,
    C::Refer,
];

/// The session held on the dispute on 10 November 2026, 14:00–15:30 in the community's room.
pub fn held_session(case: &Case) -> Session {
    let start = Utc
        .with_ymd_and_hms(2026, 11, 10, 6, 0, 0)
        .single()
        .unwrap_or_default();
    Session {
        id: "session-1".into(),
        case_code: case.code.to_string(),
        community: case.community.clone(),
        title: "第一次调解".into(),
        status: SessionStatus::Held,
        slots: vec![],
        start: Some(start),
        length_minutes: 90,
        buffer_minutes: 15,
        venue: Venue::Place {
            place: "zh01-room".into(),
        },
        staff: vec!["mediator01".into()],
        parties: vec![PartyRole::Applicant, PartyRole::Respondent],
        answers: vec![],
        attending: vec![],
        reschedule_requests: vec![],
        sequence: 1,
        version: 0,
        record: Some(SessionRecord {
            attendees: vec![
                Participant::Party(PartyRole::Applicant),
                Participant::Party(PartyRole::Respondent),
                Participant::Staff("mediator01".into()),
            ],
            minutes: "调解员向双方说明调解原则及权利义务。\n申请人陈述：楼上漏水三个月，厨房顶棚发霉。\n被申请人陈述：愿意修复防水并赔偿。".into(),
            outcome: SessionOutcome::AgreementReached,
        }),
        created_by: "mediator01".into(),
        created_at: filed_at(),
        updated_at: start,
    }
}

/// What the parties agreed at the session.
pub fn agreement(case: &Case) -> AgreementDraft {
    let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
    AgreementDraft {
        parties: case.parties.clone(),
        facts: "被申请人刘四家卫生间防水层老化漏水，致申请人张三家厨房顶棚受损。".into(),
        terms: vec![
            Term {
                who: PartyRole::Respondent,
                what: "修复卫生间防水层".into(),
                by: date(11, 30),
                amount_fen: None,
            },
            Term {
                who: PartyRole::Respondent,
                what: "向申请人支付顶棚维修费".into(),
                by: date(12, 15),
                amount_fen: Some(120_000),
            },
            Term {
                who: PartyRole::Applicant,
                what: "配合被申请人入户查看漏水情况".into(),
                by: date(11, 20),
                amount_fen: None,
            },
        ],
    }
}

/// Both parties confirmed on 11 November 2026.
pub fn confirmations(agreement: &AgreementDraft) -> Vec<Confirmation> {
    agreement
        .parties
        .iter()
        .zip([2u32, 4])
        .map(|(party, hour)| Confirmation {
            role: party.role,
            name: party.name.as_str().to_owned(),
            at: Utc
                .with_ymd_and_hms(2026, 11, 11, hour, 15, 0)
                .single()
                .unwrap_or_default(),
        })
        .collect()
}

/// The agreement's number once issued.
pub fn agreement_number() -> DocumentNumber {
    DocumentNumber::new("中华路", DocumentKind::MediationAgreement, 2026, 42)
        .unwrap_or_else(|| panic!("a valid number"))
}

/// Everything a case's documents are made from, owned, so a test can lend it out as a
/// `DocumentInput`.
pub struct DocumentFixture {
    pub case: Case,
    pub directory: Directory,
    pub people: Vec<Person>,
    pub session: Option<Session>,
    pub agreement: Option<AgreementDraft>,
    pub agreement_number: Option<DocumentNumber>,
    pub confirmations: Vec<Confirmation>,
    pub issued_on: NaiveDate,
}

impl DocumentFixture {
    /// A case with nothing but itself: no session, agreement or confirmation.
    pub fn bare(case: Case) -> DocumentFixture {
        DocumentFixture {
            case,
            directory: demo_directory(),
            people: document_people(),
            session: None,
            agreement: None,
            agreement_number: None,
            confirmations: Vec::new(),
            issued_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
        }
    }

    /// A case with its held session, its agreement issued and confirmed by both parties.
    pub fn complete(case: Case) -> DocumentFixture {
        let session = held_session(&case);
        let agreement = agreement(&case);
        DocumentFixture {
            session: Some(session),
            confirmations: confirmations(&agreement),
            agreement: Some(agreement),
            agreement_number: Some(agreement_number()),
            ..DocumentFixture::bare(case)
        }
    }

    pub fn input(&self, seq: u32) -> DocumentInput<'_> {
        DocumentInput {
            case: &self.case,
            directory: &self.directory,
            people: &self.people,
            session: self.session.as_ref(),
            agreement: self.agreement.as_ref(),
            agreement_number: self.agreement_number.as_ref(),
            confirmations: &self.confirmations,
            issued_on: self.issued_on,
            seq,
        }
    }
}
