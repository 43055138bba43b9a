//! The agreement as stored: its versions with their confirmations, the judge's decision, the
//! follow-up of its terms and the defaults already reported; and what it says of itself
//! (the current version, the version in effect, who has confirmed).

use crate::agreement::draft::content_hash;
use crate::agreement::name::normalise_name;
use crate::documents::input::{AgreementDraft, Confirmation, Term};
use crate::vocabulary::{Party, PartyRole};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// 1: the first stored form of an agreement.
pub const AGREEMENT_SCHEMA_VERSION: u32 = 1;

/// A party's confirmation of one version: the role and the name they sign under (the
/// draft's spelling of it), when, through which party link, and the content hash of the
/// version they read and confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyConfirmation {
    pub confirmation: Confirmation,
    pub link_id: String,
    pub content_hash: String,
}

/// One version of the agreement. Nothing in it changes once a party has confirmed it; a
/// change is a new version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementVersion {
    /// 1, 2, … in the order drafted.
    pub number: u32,
    pub draft: AgreementDraft,
    /// The staff member who drafted it (username).
    pub drafted_by: String,
    pub drafted_at: DateTime<Utc>,
    /// [`content_hash`] of `draft`, taken when drafted.
    pub content_hash: String,
    /// In the order given, one per party at most.
    pub confirmations: Vec<PartyConfirmation>,
}

impl AgreementVersion {
    /// The local (Asia/Shanghai) date it was drafted: no term falls due before it.
    pub fn drafted_on(&self) -> NaiveDate {
        crate::time::local_date(self.drafted_at)
    }

    /// The party of this version with `role` whose name is `name` (compared as
    /// [`normalise_name`] gives them).
    pub fn party(&self, role: PartyRole, name: &str) -> Option<&Party> {
        let name = normalise_name(name);
        self.draft
            .parties
            .iter()
            .find(|p| p.role == role && normalise_name(p.name.as_str()) == name)
    }

    /// The confirmation `party` gave of this very text, if any.
    pub fn confirmation_of(&self, party: &Party) -> Option<&PartyConfirmation> {
        self.confirmations.iter().find(|c| {
            c.confirmation.role == party.role
                && c.confirmation.name == party.name.as_str()
                && c.content_hash == self.content_hash
        })
    }

    /// The parties who have not confirmed this version yet, in the draft's order.
    pub fn unconfirmed_parties(&self) -> Vec<&Party> {
        self.draft
            .parties
            .iter()
            .filter(|p| self.confirmation_of(p).is_none())
            .collect()
    }

    /// Whether every party of the draft has confirmed this version.
    pub fn is_in_effect(&self) -> bool {
        !self.draft.parties.is_empty() && self.unconfirmed_parties().is_empty()
    }

    /// The moment the version took effect: the last party's confirmation, once every party
    /// has confirmed.
    pub fn effective_at(&self) -> Option<DateTime<Utc>> {
        if !self.is_in_effect() {
            return None;
        }
        self.draft
            .parties
            .iter()
            .filter_map(|p| self.confirmation_of(p))
            .map(|c| c.confirmation.at)
            .max()
    }

    /// The local (Asia/Shanghai) date the version took effect.
    pub fn effective_on(&self) -> Option<NaiveDate> {
        self.effective_at().map(crate::time::local_date)
    }

    /// Whether the stored hash still matches the stored draft.
    pub fn hash_matches(&self) -> bool {
        content_hash(&self.draft) == self.content_hash
    }

    /// The confirmations as the documents read them (`DocumentInput::confirmations`).
    pub fn document_confirmations(&self) -> Vec<Confirmation> {
        self.confirmations
            .iter()
            .map(|c| c.confirmation.clone())
            .collect()
    }
}

/// What the court decided on the application for judicial confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JudicialOutcome {
    /// 确认有效: the agreement may be enforced through the court.
    Confirmed,
    /// 驳回申请 / 确认无效: the parties may change it through mediation or go to court.
    NotConfirmed,
}

/// The judge's ruling on the agreement in effect, recorded once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudicialDecision {
    /// The version in effect when it was recorded.
    pub version: u32,
    pub outcome: JudicialOutcome,
    /// The ruling's number as the court wrote it ("(2026) 辽0211民特123号").
    pub ruling_number: String,
    pub ruling_date: NaiveDate,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// One term of one version: the version's number and the term's place in it (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TermRef {
    pub version: u32,
    pub index: usize,
}

/// Whether a term was carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Performance {
    Performed,
    NotPerformed,
}

/// A follow-up entry on a term: the latest entry of a term is what stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PerformanceRecord {
    pub term: TermRef,
    pub outcome: Performance,
    pub note: String,
    /// The staff member who recorded it (username).
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A term already reported as defaulted (the case was reopened for it), never reported again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportedDefault {
    pub term: TermRef,
    pub at: DateTime<Utc>,
}

/// The mediation agreement of one case, as stored: every version drafted (the current one
/// last, earlier ones kept readable with their confirmations), the judge's decision, the
/// follow-up of the terms and the defaults reported. Change it only through its methods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub schema_version: u32,
    pub case_code: String,
    /// Versions 1 … n−1, oldest first.
    #[serde(default)]
    pub earlier: Vec<AgreementVersion>,
    /// Version n: the one parties confirm now.
    pub current: AgreementVersion,
    #[serde(default)]
    pub decision: Option<JudicialDecision>,
    #[serde(default)]
    pub performance: Vec<PerformanceRecord>,
    #[serde(default)]
    pub reported_defaults: Vec<ReportedDefault>,
}

impl Agreement {
    /// The version parties confirm now (the last drafted).
    pub fn current(&self) -> &AgreementVersion {
        &self.current
    }

    /// Every version, oldest first.
    pub fn versions(&self) -> impl Iterator<Item = &AgreementVersion> {
        self.earlier.iter().chain(std::iter::once(&self.current))
    }

    /// Version `number`, if drafted.
    pub fn version(&self, number: u32) -> Option<&AgreementVersion> {
        self.versions().find(|v| v.number == number)
    }

    /// The version in effect: the latest one every party has confirmed. A version drafted
    /// after it is not in effect until every party confirms it too; until then the earlier
    /// one stands.
    pub fn in_effect(&self) -> Option<&AgreementVersion> {
        self.versions().filter(|v| v.is_in_effect()).last()
    }

    /// Whether the court confirmed the agreement.
    pub fn judicially_confirmed(&self) -> bool {
        self.decision
            .as_ref()
            .is_some_and(|d| d.outcome == JudicialOutcome::Confirmed)
    }

    /// The term `at` points to, if that version has it.
    pub fn term(&self, at: TermRef) -> Option<&Term> {
        self.version(at.version)?.draft.terms.get(at.index)
    }

    /// The latest follow-up entry of a term.
    pub fn performance_of(&self, at: TermRef) -> Option<&PerformanceRecord> {
        self.performance.iter().rev().find(|r| r.term == at)
    }

    /// Whether the term was already reported as defaulted.
    pub fn default_reported(&self, at: TermRef) -> bool {
        self.reported_defaults.iter().any(|r| r.term == at)
    }
}
