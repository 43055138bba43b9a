//! The vocabulary every layer shares: the kinds of matter, the statuses of a case, how it
//! reached the street, the parties in it, and names in both languages. Plain values, no rules
//! beyond spelling them.

use crate::fields::{PartyName, PhoneNumber};
use serde::{Deserialize, Serialize};

/// A name in both languages of the product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    pub zh: String,
    pub en: String,
}

impl Name {
    pub fn new(zh: &str, en: &str) -> Self {
        Self {
            zh: zh.to_owned(),
            en: en.to_owned(),
        }
    }
}

/// The two kinds of matter that share one pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// 矛盾纠纷: a conflict between people.
    Dispute,
    /// 隐患/公共事项: a hazard or public matter.
    Hazard,
}

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
    /// The statuses in which a case has ended: nobody has to act on it any more. (Storage
    /// queries filter on [`CaseStatus::codes`].)
    pub const ENDED: [CaseStatus; 2] = [CaseStatus::Closed, CaseStatus::Rejected];

    /// Open cases are the ones somebody still has to act on; they fill the staff queues. A
    /// case merged into another is closed, so it is not open either.
    pub fn is_open(self) -> bool {
        !Self::ENDED.contains(&self)
    }

    /// The stored codes of the open statuses (`open == true`) or of the ended ones, in table
    /// order: what a storage query filters on, derived from [`CaseStatus::is_open`].
    pub fn codes(open: bool) -> Vec<&'static str> {
        Self::ALL
            .into_iter()
            .filter(|s| s.is_open() == open)
            .map(CaseStatus::as_str)
            .collect()
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
    /// Assisted filing: a volunteer filed it with the resident, from the volunteer's link.
    Volunteer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_is_open_or_ended_and_spells_back() {
        for status in CaseStatus::ALL {
            assert_eq!(status.is_open(), !CaseStatus::ENDED.contains(&status));
            assert_eq!(CaseStatus::parse(status.as_str()), Some(status));
        }
        assert!(!CaseStatus::Closed.is_open());
        assert!(!CaseStatus::Rejected.is_open());
        assert!(CaseStatus::FollowUp.is_open());
    }
}
