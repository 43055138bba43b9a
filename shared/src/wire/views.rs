//! Response bodies of the API contract: what residents, staff and parties are shown of a
//! case, and the errors they get.

use crate::case::{
    Actor, Case, CaseStatus, Change, Channel, EventKind, Feedback, Handler, NoteCode, Outcome,
    PartyRole, Referral, ReferralTarget, Rejection, TimelineEvent, Visibility,
};
use crate::directory::CaseKind;
use crate::fields::FieldError;
use crate::lifecycle::{allowed_commands, transition, Command, CommandKind};
use crate::policy::{Action, Reach, Resource};
use crate::risk::RiskFactors;
use crate::risk::{RiskLevel, RiskOverride};
use crate::staff::{Role, Scope};
use crate::time::local_date;
use crate::time_limits::{EscalationLevel, StageClock, TimeLimits};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use crate::queue::QueueItem;
pub use crate::staff::Person;

/// `{"error":{"code":"…","message":"…","field":"…"}}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
    /// With a 409 version conflict: the case as it is now, so the screen can reload it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Box<CaseDetail>>,
    /// With a 409 booking conflict: what the time collides with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflicts: Option<Vec<crate::scheduling::Conflict>>,
    /// With `case_moved` (between the Worker and a community, never to a client): the code
    /// the case continues under in another street.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// With 429: seconds to wait (also in the `Retry-After` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<i64>,
}

impl From<&FieldError> for ErrorDetail {
    fn from(err: &FieldError) -> Self {
        ErrorDetail {
            code: err.problem.code().to_owned(),
            message: format!("{}: {}", err.field, err.problem),
            field: Some(err.field.to_owned()),
            retry_after: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// The answer to a filing: the code and the secret (shown once), and the public view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiledCase {
    pub code: String,
    /// Present only in the first answer; a retried request gets `null` (the secret is not kept).
    pub secret: Option<String>,
    pub case: PublicCase,
}

/// `GET /api/lifecycle`: the transition table the API enforces, with a path from a new case
/// to each status and a valid example of each command (drives the table tests).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleTable {
    pub transitions: Vec<TransitionRow>,
    pub paths: Vec<(CaseStatus, Vec<CommandKind>)>,
    pub samples: Vec<(CommandKind, Command)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionRow {
    pub command: CommandKind,
    pub from: Vec<CaseStatus>,
    pub to: Option<CaseStatus>,
}

/// What a resident sees of their case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCase {
    pub code: String,
    pub kind: CaseKind,
    pub category: String,
    pub community: String,
    pub grid: String,
    pub status: CaseStatus,
    pub filed_at: DateTime<Utc>,
    /// The clock of the current stage: the same one staff see.
    pub clock: Option<StageClock>,
    pub outcome: Option<Outcome>,
    pub referral: Option<Referral>,
    pub rejection: Option<Rejection>,
    pub feedback: Option<Feedback>,
    /// Whether the resident may confirm or dispute the resolution and rate it now.
    pub feedback_open: bool,
    /// Oldest first.
    pub timeline: Vec<PublicEvent>,
    /// The case's mediation sessions as the applicant sees them (filled in by `POST /api/track`).
    #[serde(default)]
    pub sessions: Vec<crate::scheduling::PartySessionView>,
    /// The mediation agreement, once drafted, as the applicant sees it (filled in by
    /// `POST /api/track`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<crate::wire::agreement::ResidentAgreementView>,
}

/// Who acted, as a resident may know it: a role, never a staff member's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "role")]
pub enum PublicActor {
    Resident,
    Staff(Role),
    Volunteer,
    System,
}

impl From<&Actor> for PublicActor {
    fn from(actor: &Actor) -> Self {
        match actor {
            Actor::Resident => PublicActor::Resident,
            Actor::Staff { role, .. } => PublicActor::Staff(*role),
            Actor::Volunteer { .. } => PublicActor::Volunteer,
            Actor::System => PublicActor::System,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicEvent {
    pub at: DateTime<Utc>,
    pub actor: PublicActor,
    pub kind: EventKind,
    pub from: Option<CaseStatus>,
    pub to: Option<CaseStatus>,
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_code: Option<NoteCode>,
    pub detail: Option<PublicDetail>,
}

/// What a resident may know of a change: roles, never staff names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "detail")]
pub enum PublicDetail {
    Rejected {
        reason: String,
        redirect_to: String,
    },
    Handlers {
        roles: Vec<Role>,
    },
    Resolved {
        outcome: Outcome,
    },
    Referred {
        target: ReferralTarget,
        receiving_body: String,
    },
    Feedback {
        confirmed: bool,
        satisfaction: u8,
    },
}

impl From<&TimelineEvent> for PublicEvent {
    fn from(e: &TimelineEvent) -> Self {
        let detail = match &e.change {
            Change::Rejected { rejection } => Some(PublicDetail::Rejected {
                reason: rejection.reason.clone(),
                redirect_to: rejection.redirect_to.clone(),
            }),
            Change::HandlersSet { handlers } => Some(PublicDetail::Handlers {
                roles: handlers.iter().map(|h| h.role).collect(),
            }),
            Change::Resolved { outcome } => Some(PublicDetail::Resolved { outcome: *outcome }),
            Change::Referred { referral } => Some(PublicDetail::Referred {
                target: referral.target,
                receiving_body: referral.receiving_body.clone(),
            }),
            Change::FeedbackGiven { feedback } => Some(PublicDetail::Feedback {
                confirmed: feedback.confirmed,
                satisfaction: feedback.satisfaction,
            }),
            _ => None,
        };
        PublicEvent {
            at: e.at,
            actor: PublicActor::from(&e.actor),
            kind: e.kind(),
            from: e.from,
            to: e.to,
            note: e.note.clone(),
            note_code: e.note_code,
            detail,
        }
    }
}

/// The signed-in staff member (`GET /api/staff/me`, and the answer to a login).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub scope: Scope,
    /// Set by an admin's password reset: until the user picks a new password, nothing but
    /// `me`, `password` and `logout` is allowed.
    #[serde(default)]
    pub must_change_password: bool,
}

impl Me {
    /// The policy's decision for this person.
    pub fn may(&self, action: Action, resource: Resource<'_>) -> bool {
        crate::policy::allows(self.role, &self.scope, &self.username, action, resource)
    }

    pub fn reach(&self, action: Action) -> Reach {
        crate::policy::reach(self.role, action)
    }
}

/// A colleague's name (`GET /api/staff/names`): what screens show instead of a username.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffName {
    pub username: String,
    pub display_name: String,
}

/// `GET /api/staff/cases`: open cases oldest first; `next_cursor` fetches the following page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyView {
    pub role: PartyRole,
    pub name: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEvent {
    pub seq: u32,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub kind: EventKind,
    /// The change with its details (handlers, outcome, referral, risk…).
    #[serde(flatten)]
    pub change: Change,
    pub from: Option<CaseStatus>,
    pub to: Option<CaseStatus>,
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_code: Option<NoteCode>,
    pub visibility: Visibility,
}

impl From<&TimelineEvent> for StaffEvent {
    fn from(e: &TimelineEvent) -> Self {
        StaffEvent {
            seq: e.seq,
            at: e.at,
            actor: e.actor.clone(),
            kind: e.kind(),
            change: e.change.clone(),
            from: e.from,
            to: e.to,
            note: e.note.clone(),
            note_code: e.note_code,
            visibility: e.visibility,
        }
    }
}

/// A case's risk as staff see it: the factors, the level they give, and any override.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskView {
    pub level: RiskLevel,
    pub computed: RiskLevel,
    pub factors: RiskFactors,
    pub overridden: Option<RiskOverride>,
}

/// `GET /api/staff/cases/{code}`: everything staff scoped to the community may read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub code: String,
    pub version: u64,
    pub kind: CaseKind,
    pub category: String,
    pub community: String,
    /// The street of the community (empty where the reader's view has no street).
    #[serde(default)]
    pub street: String,
    pub grid: String,
    pub address: String,
    pub description: String,
    pub channel: Channel,
    pub status: CaseStatus,
    pub filed_at: DateTime<Utc>,
    pub recorded_by: Actor,
    pub parties: Vec<PartyView>,
    pub risk: RiskView,
    pub clock: Option<StageClock>,
    pub escalation: EscalationLevel,
    pub handlers: Vec<Handler>,
    pub conflict_since: Option<NaiveDate>,
    /// The answers to the category's extra questions, each with the question as asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<crate::questions::Answer>,
    /// The version of the category's questions they answer (0: none were asked).
    #[serde(default)]
    pub questions_version: u32,
    /// Where the reporter said the matter is, if they chose to share it (staff only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<crate::geo::GeoPoint>,
    /// A dispute older than two years (积案).
    pub long_standing: bool,
    pub rejection: Option<Rejection>,
    pub outcome: Option<Outcome>,
    pub referral: Option<Referral>,
    pub feedback: Option<Feedback>,
    pub reopened: u32,
    pub merged_into: Option<String>,
    pub merged_from: Vec<String>,
    /// Moved to another street: the code it continues under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_to: Option<String>,
    /// Moved here from another street: the code it had there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
    /// Open cases of the same community, category and address: possible duplicates.
    pub possible_duplicates: Vec<String>,
    /// The commands the reader may give now (transition table and who may act).
    pub allowed_commands: Vec<CommandKind>,
    /// Whether the reader may schedule a mediation session on the case now (the policy's
    /// `ScheduleSessions` and a status that takes sessions).
    #[serde(default)]
    pub may_schedule_sessions: bool,
    /// Whether the reader may give the resident a new secret (after checking who is calling):
    /// those who may read the parties' contact details, while they are not erased and the
    /// case was not moved to another street.
    #[serde(default)]
    pub may_reissue_secret: bool,
    /// Newest first.
    pub timeline: Vec<StaffEvent>,
}

/// The resident's view: public timeline entries only, no parties, no address, no names.
pub fn public_case(case: &Case, limits: &TimeLimits, now: DateTime<Utc>) -> PublicCase {
    PublicCase {
        code: case.code.to_string(),
        kind: case.kind,
        category: case.category.clone(),
        community: case.community.clone(),
        grid: case.grid.clone(),
        status: case.status,
        filed_at: case.filed_at,
        clock: case.clock(limits, now),
        outcome: case.outcome,
        referral: case.referral.clone(),
        rejection: case.rejection.clone(),
        feedback: case.feedback,
        feedback_open: transition(case.status, CommandKind::GiveFeedback).is_some(),
        timeline: case.public_timeline().map(PublicEvent::from).collect(),
        sessions: Vec::new(),
        agreement: None,
    }
}

/// The staff view: parties with contact details and the whole timeline, newest first.
pub fn case_detail(
    case: &Case,
    limits: &TimeLimits,
    now: DateTime<Utc>,
    possible_duplicates: Vec<String>,
    reader: &Actor,
) -> CaseDetail {
    CaseDetail {
        code: case.code.to_string(),
        version: case.version,
        kind: case.kind,
        category: case.category.clone(),
        community: case.community.clone(),
        grid: case.grid.clone(),
        address: case.address.to_string(),
        description: case.description.to_string(),
        channel: case.channel,
        status: case.status,
        filed_at: case.filed_at,
        recorded_by: case.recorded_by.clone(),
        parties: case
            .parties
            .iter()
            .map(|p| PartyView {
                role: p.role,
                name: p.name.to_string(),
                phone: p.phone.as_ref().map(|phone| phone.to_string()),
            })
            .collect(),
        risk: RiskView {
            level: case.risk.level(),
            computed: case.risk.computed(),
            factors: case.risk.factors.clone(),
            overridden: case.risk.overridden.clone(),
        },
        clock: case.clock(limits, now),
        escalation: case.escalation,
        handlers: case.handlers.clone(),
        conflict_since: case.conflict_since,
        answers: case.answers.clone(),
        questions_version: case.questions_version,
        location: case.location,
        long_standing: case.is_long_standing(local_date(now)),
        rejection: case.rejection.clone(),
        outcome: case.outcome,
        referral: case.referral.clone(),
        feedback: case.feedback,
        reopened: case.reopened,
        merged_into: case.merged_into.clone(),
        merged_from: case.merged_from.clone(),
        moved_to: case.moved_to.clone(),
        moved_from: case.moved_from.clone(),
        possible_duplicates,
        allowed_commands: allowed_commands(case, reader),
        may_schedule_sessions: false,
        may_reissue_secret: false,
        street: String::new(),
        timeline: case.timeline.iter().rev().map(StaffEvent::from).collect(),
    }
}

/// Hides who the parties are and how to reach them (`张**`, `138****5678`).
pub fn mask_contacts(detail: &mut CaseDetail) {
    for party in &mut detail.parties {
        party.name = crate::fields::mask_name(&party.name);
        party.phone = party.phone.as_deref().map(crate::fields::mask_phone);
    }
}

/// Whether showing `case` (of a community of `street`) to `me` reveals a party's contact
/// details: the policy lets them read contacts and there are contacts left to read. Such a
/// read goes on the audit record.
pub fn reveals_contact(case: &Case, street: &str, me: &Me) -> bool {
    me.may(Action::ReadPartyContact, Resource::case(case, street))
        && !case.parties.is_empty()
        && !case.personal_data_erased
}

/// Whether `me` may give the resident of `case` a new secret: they may read its parties'
/// contact details (to call back and check who asked), and the case still holds them here.
pub fn may_reissue_secret(case: &Case, street: &str, me: &Me) -> bool {
    me.may(Action::ReadPartyContact, Resource::case(case, street))
        && !case.personal_data_erased
        && case.moved_to.is_none()
        && case.merged_into.is_none()
}

/// The staff view as `me` may read it: contact details masked unless the policy lets them
/// read them. `street` is the street of the case's community.
pub fn case_detail_for(
    case: &Case,
    street: &str,
    limits: &TimeLimits,
    now: DateTime<Utc>,
    possible_duplicates: Vec<String>,
    me: &Me,
) -> CaseDetail {
    let reader = Actor::Staff {
        username: me.username.clone(),
        role: me.role,
    };
    let mut detail = case_detail(case, limits, now, possible_duplicates, &reader);
    detail.street = street.to_owned();
    detail.may_schedule_sessions = me.may(Action::ScheduleSessions, Resource::case(case, street))
        && crate::scheduling::case_accepts_sessions(case.status);
    detail.may_reissue_secret = may_reissue_secret(case, street, me);
    if !me.may(Action::ReadPartyContact, Resource::case(case, street)) {
        mask_contacts(&mut detail);
    }
    detail
}

/// The volunteer's view: what a return visit needs (where, whom to ask for, how to reach
/// them), nothing of the case's history.
pub fn volunteer_case(
    case: &Case,
    limits: &TimeLimits,
    now: DateTime<Utc>,
) -> crate::volunteer::VolunteerCase {
    // A case that left follow-up since the link was issued shows why, not whom to call.
    let applicant = case
        .applicant()
        .filter(|_| crate::volunteer::visitable(case.status));
    crate::volunteer::VolunteerCase {
        code: case.code.to_string(),
        status: case.status,
        category: case.category.clone(),
        grid: case.grid.clone(),
        address: case.address.to_string(),
        applicant_name: applicant.map(|p| p.name.to_string()),
        applicant_phone: applicant.and_then(|p| p.phone.as_ref().map(|ph| ph.to_string())),
        clock: case.clock(limits, now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Channel, EventKind, TimelineEvent, Visibility};
    use crate::code::CaseCode;
    use crate::demo::demo_directory;
    use crate::intake::{validate_filing, FileCaseRequest};
    use chrono::TimeZone;

    fn filed_case() -> Case {
        let request = FileCaseRequest {
            kind: "dispute".into(),
            category: "neighbours".into(),
            description: "楼上漏水".into(),
            respondent_name: Some("刘先生".into()),
            community: "zh01".into(),
            grid: "zh01-g1".into(),
            address: "中华路1号".into(),
            name: "张三".into(),
            phone: "13812345678".into(),
            conflict_since: None,
            answers: Default::default(),
            location: None,
        };
        let filing = validate_filing(
            &demo_directory(),
            &request,
            NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        )
        .unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 6, 30, 0).unwrap();
        let mut case = Case::file(
            filing,
            CaseCode::new("ZH", 1, 2026, 1).unwrap(),
            Channel::Web,
            Actor::Resident,
            now,
        );
        case.timeline.push(TimelineEvent {
            seq: 2,
            at: now,
            actor: Actor::Staff {
                username: "mediator01".into(),
                role: crate::staff::Role::Mediator,
            },
            change: Change::Note,
            from: None,
            to: None,
            note: Some("applicant sounded distressed".into()),
            note_code: None,
            visibility: Visibility::Internal,
        });
        case
    }

    #[test]
    fn the_public_view_shows_no_internal_note_and_no_names() {
        let public = public_case(&filed_case(), &TimeLimits::defaults(), Utc::now());
        assert_eq!(public.timeline.len(), 1);
        assert_eq!(public.timeline[0].kind, EventKind::Filed);
        assert!(public.clock.is_some());
        let json = serde_json::to_string(&public).unwrap();
        for secret in [
            "张三",
            "13812345678",
            "刘先生",
            "中华路1号",
            "distressed",
            "mediator01",
        ] {
            assert!(!json.contains(secret), "{secret} leaked into {json}");
        }
    }

    #[test]
    fn the_staff_view_has_parties_and_the_timeline_newest_first() {
        let detail = case_detail(
            &filed_case(),
            &TimeLimits::defaults(),
            Utc::now(),
            vec![],
            &Actor::System,
        );
        assert_eq!(detail.parties.len(), 2);
        assert_eq!(detail.parties[0].phone.as_deref(), Some("13812345678"));
        assert_eq!(detail.timeline[0].seq, 2);
        assert_eq!(detail.timeline[1].kind, EventKind::Filed);
    }

    fn reader(role: Role, community: &str) -> Me {
        Me {
            username: "reader".into(),
            display_name: "Reader".into(),
            role,
            scope: Scope::communities([community]),
            must_change_password: false,
        }
    }

    #[test]
    fn contacts_are_masked_for_readers_the_policy_does_not_let_read_them() {
        let case = filed_case();
        let limits = TimeLimits::defaults();
        let mediator = reader(Role::Mediator, "zh01");
        let shown = case_detail_for(
            &case,
            "zhonghua-road",
            &limits,
            Utc::now(),
            vec![],
            &mediator,
        );
        assert_eq!(shown.parties[0].phone.as_deref(), Some("13812345678"));
        assert!(reveals_contact(&case, "zhonghua-road", &mediator));
        // Police read contacts only of the cases they handle.
        let police = reader(Role::Police, "zh01");
        let masked = case_detail_for(&case, "zhonghua-road", &limits, Utc::now(), vec![], &police);
        assert_eq!(masked.parties[0].phone.as_deref(), Some("138****5678"));
        assert_eq!(masked.parties[0].name, "张*");
        assert!(!reveals_contact(&case, "zhonghua-road", &police));
        let mut detail = case_detail(&case, &limits, Utc::now(), vec![], &Actor::System);
        mask_contacts(&mut detail);
        assert_eq!(detail.parties[1].name, "刘**");
    }

    #[test]
    fn the_volunteer_view_has_the_applicant_and_the_address_only() {
        let reported = volunteer_case(&filed_case(), &TimeLimits::defaults(), Utc::now());
        assert_eq!(
            reported.applicant_name, None,
            "not in follow-up: no one to call"
        );
        assert_eq!(reported.applicant_phone, None);
        use crate::lifecycle::CommandKind as K;
        let in_follow_up = crate::testing::after(
            filed_case(),
            &[
                K::Accept,
                K::SetHandlers,
                K::Start,
                K::Resolve,
                K::BeginFollowUp,
            ],
        );
        let view = volunteer_case(&in_follow_up, &TimeLimits::defaults(), Utc::now());
        assert_eq!(view.applicant_name.as_deref(), Some("张三"));
        assert_eq!(view.applicant_phone.as_deref(), Some("13812345678"));
        assert_eq!(view.address, "中华路1号");
        let json = serde_json::to_string(&view).unwrap();
        assert!(!json.contains("楼上漏水"), "the description leaked: {json}");
    }
}
