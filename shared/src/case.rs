//! A case and its append-only timeline.

use crate::code::CaseCode;
use crate::fields::{Address, Description};
use crate::geo::GeoPoint;
use crate::intake::ValidFiling;
use crate::questions::Answer;
use crate::risk::{Risk, RiskFactors, RiskLevel};
use crate::staff::Role;
use crate::time_limits::{stage_clock, EscalationLevel, StageClock, TimeLimits};
use crate::vocabulary::CaseKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use crate::staff::Handler;
pub use crate::vocabulary::{CaseStatus, Channel, Party, PartyRole};

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
    Staff {
        username: String,
        role: Role,
    },
    /// Someone holding a volunteer link (`link` is its id).
    Volunteer {
        link: String,
        name: String,
    },
    System,
}

/// What kind of entry a timeline event is (the name of its change).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Filed,
    Accepted,
    Rejected,
    Recategorized,
    RiskAssessed,
    RiskOverridden,
    HandlersSet,
    Started,
    Note,
    Resolved,
    MediationFailed,
    Referred,
    FollowUpBegun,
    VisitRecorded,
    FeedbackGiven,
    Closed,
    Reopened,
    Escalated,
    ConflictSinceSet,
    MergedInto,
    AbsorbedDuplicate,
    TransferredOut,
    TransferredIn,
    PersonalDataErased,
}

/// How a resolved case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    AgreementReached,
    ProblemFixed,
    Withdrawn,
}

/// Where a failed mediation goes next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralTarget {
    /// The judge workstation: judicial confirmation of an agreement.
    JudgeWorkstation,
    /// The court: litigation.
    Court,
    Arbitration,
    Department,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub target: ReferralTarget,
    pub receiving_body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub reason: String,
    /// Where the resident should go instead.
    pub redirect_to: String,
}

/// The resident's answer at follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    /// The resident confirms the matter is settled (false: they dispute it).
    pub confirmed: bool,
    /// 1 (very unhappy) to 5 (very happy).
    pub satisfaction: u8,
}

/// The case as it was filed: the first event carries it, so a timeline replays to its case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSnapshot {
    pub code: CaseCode,
    pub community: String,
    pub grid: String,
    pub kind: CaseKind,
    pub category: String,
    pub description: Description,
    pub address: Address,
    pub channel: Channel,
    pub recorded_by: Actor,
    pub parties: Vec<Party>,
    #[serde(default)]
    pub conflict_since: Option<NaiveDate>,
    #[serde(default)]
    pub risk_factors: RiskFactors,
    /// The answers to the category's extra questions, each with the question as asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<Answer>,
    /// The version of the category's questions they answer (0: none were asked).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub questions_version: u32,
    /// The point the reporter chose to share; erased with the rest of the personal data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<GeoPoint>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// What an event did to its case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "change")]
pub enum Change {
    Filed {
        snapshot: Box<CaseSnapshot>,
    },
    Accepted,
    Rejected {
        rejection: Rejection,
    },
    Recategorized {
        category: String,
    },
    RiskAssessed {
        factors: RiskFactors,
    },
    RiskOverridden {
        level: RiskLevel,
        reason: String,
    },
    HandlersSet {
        handlers: Vec<Handler>,
    },
    Started,
    Note,
    Resolved {
        outcome: Outcome,
    },
    MediationFailed,
    Referred {
        referral: Referral,
    },
    FollowUpBegun,
    VisitRecorded,
    FeedbackGiven {
        feedback: Feedback,
    },
    Closed,
    Reopened,
    Escalated {
        level: EscalationLevel,
    },
    ConflictSinceSet {
        date: NaiveDate,
    },
    MergedInto {
        primary: String,
    },
    AbsorbedDuplicate {
        duplicate: String,
        timeline: Vec<TimelineEvent>,
    },
    /// Moved to another street's community, where it continues as `moved_to`. (Not `to`:
    /// an event's change is flattened beside its own `from` and `to`.)
    TransferredOut {
        moved_to: String,
    },
    /// Continues here the case `moved_from` of another street.
    TransferredIn {
        moved_from: String,
    },
    /// The retention period passed: names, phones, address, description and notes were
    /// erased; the figures stay.
    PersonalDataErased,
}

impl Change {
    pub fn kind(&self) -> EventKind {
        match self {
            Change::Filed { .. } => EventKind::Filed,
            Change::Accepted => EventKind::Accepted,
            Change::Rejected { .. } => EventKind::Rejected,
            Change::Recategorized { .. } => EventKind::Recategorized,
            Change::RiskAssessed { .. } => EventKind::RiskAssessed,
            Change::RiskOverridden { .. } => EventKind::RiskOverridden,
            Change::HandlersSet { .. } => EventKind::HandlersSet,
            Change::Started => EventKind::Started,
            Change::Note => EventKind::Note,
            Change::Resolved { .. } => EventKind::Resolved,
            Change::MediationFailed => EventKind::MediationFailed,
            Change::Referred { .. } => EventKind::Referred,
            Change::FollowUpBegun => EventKind::FollowUpBegun,
            Change::VisitRecorded => EventKind::VisitRecorded,
            Change::FeedbackGiven { .. } => EventKind::FeedbackGiven,
            Change::Closed => EventKind::Closed,
            Change::Reopened => EventKind::Reopened,
            Change::Escalated { .. } => EventKind::Escalated,
            Change::ConflictSinceSet { .. } => EventKind::ConflictSinceSet,
            Change::MergedInto { .. } => EventKind::MergedInto,
            Change::AbsorbedDuplicate { .. } => EventKind::AbsorbedDuplicate,
            Change::TransferredOut { .. } => EventKind::TransferredOut,
            Change::TransferredIn { .. } => EventKind::TransferredIn,
            Change::PersonalDataErased => EventKind::PersonalDataErased,
        }
    }
}

/// One entry of a case's append-only timeline: who, when, from which status to which, what
/// changed, an optional note, and who may read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    pub seq: u32,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    #[serde(flatten)]
    pub change: Change,
    pub from: Option<CaseStatus>,
    pub to: Option<CaseStatus>,
    pub note: Option<String>,
    /// A note the product itself wrote, as a code the reader's screen words (a held
    /// session's outcome); never together with `note`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_code: Option<NoteCode>,
    pub visibility: Visibility,
}

/// Notes the product writes on a timeline, worded by the screen in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteCode {
    /// The case was resolved by an agreement reached at a mediation session.
    SessionAgreement,
    /// A mediation session ended without agreement.
    SessionNoAgreement,
}

impl TimelineEvent {
    pub fn kind(&self) -> EventKind {
        self.change.kind()
    }
}

/// A case: the fold of its timeline.
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
    /// The number of events on the timeline; a change based on an older version is refused.
    pub version: u64,
    pub parties: Vec<Party>,
    pub conflict_since: Option<NaiveDate>,
    pub risk: Risk,
    pub handlers: Vec<Handler>,
    pub rejection: Option<Rejection>,
    pub outcome: Option<Outcome>,
    pub referral: Option<Referral>,
    pub feedback: Option<Feedback>,
    pub reopened: u32,
    /// When the current stage began: the start of its clock.
    pub stage_started_at: DateTime<Utc>,
    pub escalation: EscalationLevel,
    pub merged_into: Option<String>,
    pub merged_from: Vec<String>,
    /// Moved to another street: the code it continues under.
    #[serde(default)]
    pub moved_to: Option<String>,
    /// Moved here from another street: the code it had there (its secret stays bound to it).
    #[serde(default)]
    pub moved_from: Option<String>,
    /// The retention period passed and the personal data is gone.
    pub personal_data_erased: bool,
    /// The answers to the category's extra questions given at filing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<Answer>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub questions_version: u32,
    /// The point the reporter chose to share, shown to staff only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<GeoPoint>,
    pub timeline: Vec<TimelineEvent>,
}

impl Case {
    /// A new case from a validated filing: status Reported, one public "filed" entry that
    /// carries the whole filing.
    pub fn file(
        filing: ValidFiling,
        code: CaseCode,
        channel: Channel,
        recorded_by: Actor,
        now: DateTime<Utc>,
    ) -> Case {
        let mut parties = Vec::new();
        if let Some(applicant) = filing.applicant {
            parties.push(applicant);
        }
        if let Some(name) = filing.respondent_name {
            parties.push(Party {
                role: PartyRole::Respondent,
                name,
                phone: None,
            });
        }
        let snapshot = CaseSnapshot {
            code,
            community: filing.community,
            grid: filing.grid,
            kind: filing.kind,
            category: filing.category,
            description: filing.description,
            address: filing.address,
            channel,
            recorded_by: recorded_by.clone(),
            parties,
            conflict_since: filing.conflict_since,
            risk_factors: filing.risk_factors,
            answers: filing.answers,
            questions_version: filing.questions_version,
            location: filing.location,
        };
        let filed = TimelineEvent {
            seq: 1,
            at: now,
            actor: recorded_by,
            change: Change::Filed {
                snapshot: Box::new(snapshot.clone()),
            },
            from: None,
            to: Some(CaseStatus::Reported),
            note: None,
            note_code: None,
            visibility: Visibility::Public,
        };
        Case::from_snapshot(snapshot, filed)
    }

    /// The case right after its filing event.
    pub fn from_snapshot(snapshot: CaseSnapshot, filed: TimelineEvent) -> Case {
        Case {
            code: snapshot.code,
            community: snapshot.community,
            grid: snapshot.grid,
            kind: snapshot.kind,
            category: snapshot.category,
            description: snapshot.description,
            address: snapshot.address,
            channel: snapshot.channel,
            status: CaseStatus::Reported,
            filed_at: filed.at,
            recorded_by: snapshot.recorded_by,
            version: 1,
            parties: snapshot.parties,
            conflict_since: snapshot.conflict_since,
            risk: Risk {
                factors: snapshot.risk_factors,
                overridden: None,
            },
            handlers: Vec::new(),
            rejection: None,
            outcome: None,
            referral: None,
            feedback: None,
            reopened: 0,
            stage_started_at: filed.at,
            escalation: EscalationLevel::None,
            merged_into: None,
            merged_from: Vec::new(),
            moved_to: None,
            moved_from: None,
            personal_data_erased: false,
            answers: snapshot.answers,
            questions_version: snapshot.questions_version,
            location: snapshot.location,
            timeline: vec![filed],
        }
    }

    /// What must hold of every case, whatever happened to it: the unit tests and the fuzz
    /// targets check it after every command.
    pub fn check_invariants(&self) -> Result<(), String> {
        if self.version != self.timeline.len() as u64 {
            return Err("version is not the number of events".into());
        }
        for (i, e) in self.timeline.iter().enumerate() {
            if e.seq as usize != i + 1 {
                return Err(format!("event {i} has seq {}", e.seq));
            }
            if i > 0 && e.at < self.timeline[i - 1].at {
                return Err("time runs backwards".into());
            }
        }
        let needs_handlers = matches!(self.status, CaseStatus::Assigned | CaseStatus::InProgress);
        if needs_handlers && self.handlers.iter().filter(|h| h.lead).count() != 1 {
            return Err("an assigned case needs exactly one lead handler".into());
        }
        if self.status == CaseStatus::Rejected && self.rejection.is_none() {
            return Err("a rejected case needs a reason".into());
        }
        if self.status == CaseStatus::Resolved && self.outcome.is_none() {
            return Err("a resolved case needs an outcome".into());
        }
        if self.status == CaseStatus::Referred && self.referral.is_none() {
            return Err("a referred case needs a receiving body".into());
        }
        if let Some(f) = self.feedback {
            if !(1..=5).contains(&f.satisfaction) {
                return Err("satisfaction out of range".into());
            }
        }
        if self.merged_into.is_some() && self.status != CaseStatus::Closed {
            return Err("a merged case must be closed".into());
        }
        Ok(())
    }

    /// The risk factors as known now, with the conflict's age measured from `conflict_since`.
    pub fn risk_level(&self) -> RiskLevel {
        self.risk.level()
    }

    /// A dispute whose conflict began more than two years before `today` (积案).
    pub fn is_long_standing(&self, today: NaiveDate) -> bool {
        self.kind == CaseKind::Dispute
            && self
                .conflict_since
                .and_then(|since| since.checked_add_months(chrono::Months::new(24)))
                .is_some_and(|two_years_on| two_years_on < today)
    }

    /// The clock of the current stage under the street's time limits.
    pub fn clock(&self, limits: &TimeLimits, now: DateTime<Utc>) -> Option<StageClock> {
        let hours = limits.hours(self.kind, &self.category, self.risk.level());
        stage_clock(self.status, self.stage_started_at, hours, now)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_and_ended_codes_split_every_status_by_is_open() {
        let open = CaseStatus::codes(true);
        let ended = CaseStatus::codes(false);
        assert_eq!(ended, vec!["rejected", "closed"]);
        assert_eq!(open.len() + ended.len(), CaseStatus::ALL.len());
        for status in CaseStatus::ALL {
            assert_eq!(open.contains(&status.as_str()), status.is_open());
        }
        let table: Vec<&str> = crate::lifecycle::OPEN.iter().map(|s| s.as_str()).collect();
        assert_eq!(table, open);
    }
}
