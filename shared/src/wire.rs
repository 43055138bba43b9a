//! The API contract: every request and response body that crosses the network.
//!
//! Change these as you would change a public API; `api/openapi.json` describes them.

use crate::case::{
    Actor, Case, CaseStatus, Channel, EventKind, PartyRole, TimelineEvent, Visibility,
};
use crate::directory::CaseKind;
use crate::fields::FieldError;
use crate::staff::{Role, Scope};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Largest accepted body of `POST /api/cases`, in bytes (checked before parsing).
pub const MAX_FILING_BODY_BYTES: usize = 16 * 1024;
/// Largest accepted body of the other JSON endpoints, in bytes.
pub const MAX_SMALL_BODY_BYTES: usize = 4 * 1024;
/// Queue page size when the caller does not ask for one, and the largest allowed.
pub const DEFAULT_PAGE_SIZE: usize = 20;
pub const MAX_PAGE_SIZE: usize = 100;

/// `{"error":{"code":"…","message":"…","field":"…"}}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl From<&FieldError> for ErrorDetail {
    fn from(err: &FieldError) -> Self {
        ErrorDetail {
            code: err.problem.code().to_owned(),
            message: format!("{}: {}", err.field, err.problem),
            field: Some(err.field.to_owned()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// `POST /api/cases`: a resident's filing. Every field is text so that a wrong value gets an
/// error naming its field rather than a parse failure of the whole body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileCaseRequest {
    pub kind: String,
    pub category: String,
    pub description: String,
    pub respondent_name: Option<String>,
    pub community: String,
    pub grid: String,
    pub address: String,
    pub name: String,
    pub phone: String,
}

/// The answer to a filing: the code and the secret (shown once), and the public view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiledCase {
    pub code: String,
    /// Present only in the first answer; a retried request gets `null` (the secret is not kept).
    pub secret: Option<String>,
    pub case: PublicCase,
}

/// `POST /api/track`: the secret travels in the body, never in a URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackRequest {
    pub code: String,
    pub secret: String,
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
    /// Oldest first.
    pub timeline: Vec<PublicEvent>,
}

/// Who acted, as a resident may know it: a role, never a staff member's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "role")]
pub enum PublicActor {
    Resident,
    Staff(Role),
    System,
}

impl From<&Actor> for PublicActor {
    fn from(actor: &Actor) -> Self {
        match actor {
            Actor::Resident => PublicActor::Resident,
            Actor::Staff { role, .. } => PublicActor::Staff(*role),
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
}

impl From<&TimelineEvent> for PublicEvent {
    fn from(e: &TimelineEvent) -> Self {
        PublicEvent {
            at: e.at,
            actor: PublicActor::from(&e.actor),
            kind: e.kind,
            from: e.from,
            to: e.to,
            note: e.note.clone(),
        }
    }
}

/// `POST /api/staff/login`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// The signed-in staff member (`GET /api/staff/me`, and the answer to a login).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub scope: Scope,
}

/// One row of a staff queue: no contact details, the applicant's name masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub code: String,
    pub kind: CaseKind,
    pub category: String,
    pub community: String,
    pub grid: String,
    pub status: CaseStatus,
    pub channel: Channel,
    pub filed_at: DateTime<Utc>,
    pub applicant: String,
}

/// `GET /api/staff/cases`: open cases oldest first; `next_cursor` fetches the following page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    pub from: Option<CaseStatus>,
    pub to: Option<CaseStatus>,
    pub note: Option<String>,
    pub visibility: Visibility,
}

impl From<&TimelineEvent> for StaffEvent {
    fn from(e: &TimelineEvent) -> Self {
        StaffEvent {
            seq: e.seq,
            at: e.at,
            actor: e.actor.clone(),
            kind: e.kind,
            from: e.from,
            to: e.to,
            note: e.note.clone(),
            visibility: e.visibility,
        }
    }
}

/// `GET /api/staff/cases/{code}`: everything staff scoped to the community may read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub code: String,
    pub version: u64,
    pub kind: CaseKind,
    pub category: String,
    pub community: String,
    pub grid: String,
    pub address: String,
    pub description: String,
    pub channel: Channel,
    pub status: CaseStatus,
    pub filed_at: DateTime<Utc>,
    pub recorded_by: Actor,
    pub parties: Vec<PartyView>,
    /// Newest first.
    pub timeline: Vec<StaffEvent>,
}

impl From<&Case> for PublicCase {
    /// The resident's view: public timeline entries only, no parties, no address.
    fn from(case: &Case) -> Self {
        PublicCase {
            code: case.code.to_string(),
            kind: case.kind,
            category: case.category.clone(),
            community: case.community.clone(),
            grid: case.grid.clone(),
            status: case.status,
            filed_at: case.filed_at,
            timeline: case.public_timeline().map(PublicEvent::from).collect(),
        }
    }
}

impl From<&Case> for CaseDetail {
    /// The staff view: parties with contact details and the whole timeline, newest first.
    fn from(case: &Case) -> Self {
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
            timeline: case.timeline.iter().rev().map(StaffEvent::from).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Channel, EventKind, TimelineEvent, Visibility};
    use crate::code::CaseCode;
    use crate::demo::demo_directory;
    use crate::intake::validate_filing;
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
        };
        let filing = validate_filing(&demo_directory(), &request).unwrap();
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
            kind: EventKind::Note,
            from: None,
            to: None,
            note: Some("applicant sounded distressed".into()),
            visibility: Visibility::Internal,
        });
        case
    }

    #[test]
    fn the_public_view_shows_no_internal_note_and_no_names() {
        let public = PublicCase::from(&filed_case());
        assert_eq!(public.timeline.len(), 1);
        assert_eq!(public.timeline[0].kind, EventKind::Filed);
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
        let detail = CaseDetail::from(&filed_case());
        assert_eq!(detail.parties.len(), 2);
        assert_eq!(detail.parties[0].phone.as_deref(), Some("13812345678"));
        assert_eq!(detail.timeline[0].seq, 2);
        assert_eq!(detail.timeline[1].kind, EventKind::Filed);
    }
}
