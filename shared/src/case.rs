//! A case and its append-only timeline.

use crate::code::CaseCode;
use crate::directory::CaseKind;
use crate::fields::{Address, Description, PartyName, PhoneNumber};
use crate::intake::ValidFiling;
use crate::staff::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a case is in the closed loop (`DOMAIN.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Reported,
    Rejected,
    Accepted,
    Assigned,
    InProgress,
    Resolved,
    MediationFailed,
    Referred,
    FollowUp,
    Closed,
}

impl CaseStatus {
    /// Open cases are the ones somebody still has to act on; they fill the staff queues.
    pub fn is_open(self) -> bool {
        !matches!(self, CaseStatus::Closed | CaseStatus::Rejected)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Reported => "reported",
            CaseStatus::Rejected => "rejected",
            CaseStatus::Accepted => "accepted",
            CaseStatus::Assigned => "assigned",
            CaseStatus::InProgress => "in_progress",
            CaseStatus::Resolved => "resolved",
            CaseStatus::MediationFailed => "mediation_failed",
            CaseStatus::Referred => "referred",
            CaseStatus::FollowUp => "follow_up",
            CaseStatus::Closed => "closed",
        }
    }

    pub const ALL: [CaseStatus; 10] = [
        CaseStatus::Reported,
        CaseStatus::Rejected,
        CaseStatus::Accepted,
        CaseStatus::Assigned,
        CaseStatus::InProgress,
        CaseStatus::Resolved,
        CaseStatus::MediationFailed,
        CaseStatus::Referred,
        CaseStatus::FollowUp,
        CaseStatus::Closed,
    ];

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// How a case reached the street.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Web,
    WalkIn,
    Hotline,
    GridPatrol,
    ReferralIn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    /// The person who brought the matter.
    Applicant,
    /// The other side of a dispute.
    Respondent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub role: PartyRole,
    pub name: PartyName,
    pub phone: Option<PhoneNumber>,
}

/// Who may read a timeline entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// The resident sees it on the tracking page.
    Public,
    /// Staff only.
    Internal,
}

/// Who did something. Residents are never named on the public timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Actor {
    Resident,
    Staff { username: String, role: Role },
    System,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Filed,
    StatusChanged,
    Note,
}

/// One entry of a case's append-only timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    pub seq: u32,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub kind: EventKind,
    pub from: Option<CaseStatus>,
    pub to: Option<CaseStatus>,
    pub note: Option<String>,
    pub visibility: Visibility,
}

/// A case as stored in its community's Durable Object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub code: CaseCode,
    pub community: String,
    pub grid: String,
    pub kind: CaseKind,
    pub category: String,
    pub description: Description,
    pub address: Address,
    pub channel: Channel,
    pub status: CaseStatus,
    pub filed_at: DateTime<Utc>,
    pub recorded_by: Actor,
    /// Raised by every change; a change based on an older version is refused.
    pub version: u64,
    pub parties: Vec<Party>,
    pub timeline: Vec<TimelineEvent>,
}

impl Case {
    /// A new case from a validated filing: status Reported, one public "filed" entry.
    pub fn file(
        filing: ValidFiling,
        code: CaseCode,
        channel: Channel,
        recorded_by: Actor,
        now: DateTime<Utc>,
    ) -> Case {
        let mut parties = vec![Party {
            role: PartyRole::Applicant,
            name: filing.name,
            phone: Some(filing.phone),
        }];
        if let Some(name) = filing.respondent_name {
            parties.push(Party {
                role: PartyRole::Respondent,
                name,
                phone: None,
            });
        }
        let filed = TimelineEvent {
            seq: 1,
            at: now,
            actor: recorded_by.clone(),
            kind: EventKind::Filed,
            from: None,
            to: Some(CaseStatus::Reported),
            note: None,
            visibility: Visibility::Public,
        };
        Case {
            code,
            community: filing.community,
            grid: filing.grid,
            kind: filing.kind,
            category: filing.category,
            description: filing.description,
            address: filing.address,
            channel,
            status: CaseStatus::Reported,
            filed_at: now,
            recorded_by,
            version: 1,
            parties,
            timeline: vec![filed],
        }
    }

    /// The entries a resident may read, oldest first.
    pub fn public_timeline(&self) -> impl Iterator<Item = &TimelineEvent> {
        self.timeline
            .iter()
            .filter(|e| e.visibility == Visibility::Public)
    }

    pub fn applicant(&self) -> Option<&Party> {
        self.parties.iter().find(|p| p.role == PartyRole::Applicant)
    }
}
