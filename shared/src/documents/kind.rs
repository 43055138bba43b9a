//! The vocabulary of documents: the seven kinds, with their codes, number words and template
//! versions, and the two languages they are rendered in.

use serde::{Deserialize, Serialize};

/// The seven kinds, in the order a case meets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 人民调解申请书: the applicant asks the committee to mediate.
    MediationApplication,
    /// 受理通知书: the committee tells the applicant it took the dispute on.
    AcceptanceNotice,
    /// 调解笔录: the minutes of a held session.
    MediationRecord,
    /// 人民调解协议书: what the parties agreed.
    MediationAgreement,
    /// 司法确认申请书: the parties' joint application to the court to confirm the agreement.
    JudicialConfirmationApplication,
    /// 移送函 (a failed mediation, to a court or arbitration) or 转办函 (a matter handed to
    /// a department).
    ReferralLetter,
    /// 回访记录: the follow-up visit and the party's answer.
    ReturnVisitRecord,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 7] = [
        DocumentKind::MediationApplication,
        DocumentKind::AcceptanceNotice,
        DocumentKind::MediationRecord,
        DocumentKind::MediationAgreement,
        DocumentKind::JudicialConfirmationApplication,
        DocumentKind::ReferralLetter,
        DocumentKind::ReturnVisitRecord,
    ];

    /// The stable code (as serialized, and in snapshot file names).
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::MediationApplication => "mediation_application",
            DocumentKind::AcceptanceNotice => "acceptance_notice",
            DocumentKind::MediationRecord => "mediation_record",
            DocumentKind::MediationAgreement => "mediation_agreement",
            DocumentKind::JudicialConfirmationApplication => "judicial_confirmation_application",
            DocumentKind::ReferralLetter => "referral_letter",
            DocumentKind::ReturnVisitRecord => "return_visit_record",
        }
    }

    pub fn parse(code: &str) -> Option<DocumentKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The word of the number, "调" in "(2026) 中华路调字第 0042 号": one character per kind,
    /// each distinct, so a number alone says what it numbers. The agreement takes 调, the word
    /// people's mediation agreements are customarily numbered under ("调字第…号"); the others
    /// take the first character that names their kind: 申 (申请书), 受 (受理通知书), 笔 (笔录),
    /// 确 (司法确认), 移 (移送/转办), 访 (回访).
    pub fn number_word(self) -> char {
        match self {
            DocumentKind::MediationApplication => '申',
            DocumentKind::AcceptanceNotice => '受',
            DocumentKind::MediationRecord => '笔',
            DocumentKind::MediationAgreement => '调',
            DocumentKind::JudicialConfirmationApplication => '确',
            DocumentKind::ReferralLetter => '移',
            DocumentKind::ReturnVisitRecord => '访',
        }
    }

    /// The English word of the number: "Zhonghua Road Mediation No. 0042 (2026)".
    pub fn number_word_en(self) -> &'static str {
        match self {
            DocumentKind::MediationApplication => "Application",
            DocumentKind::AcceptanceNotice => "Acceptance",
            DocumentKind::MediationRecord => "Record",
            DocumentKind::MediationAgreement => "Mediation",
            DocumentKind::JudicialConfirmationApplication => "Confirmation",
            DocumentKind::ReferralLetter => "Referral",
            DocumentKind::ReturnVisitRecord => "Visit",
        }
    }

    /// The version of the kind's template, stored with every document made from it. Raise it
    /// with any change of wording or layout (the snapshot tests show the change); documents
    /// already issued keep their text and their version.
    pub const fn template_version(self) -> u32 {
        match self {
            DocumentKind::MediationApplication => 1,
            DocumentKind::AcceptanceNotice => 1,
            DocumentKind::MediationRecord => 1,
            DocumentKind::MediationAgreement => 1,
            DocumentKind::JudicialConfirmationApplication => 1,
            DocumentKind::ReferralLetter => 1,
            DocumentKind::ReturnVisitRecord => 1,
        }
    }

    /// Kinds that belong to mediation, which only disputes go through; a hazard has a
    /// referral letter (转办函) and a return visit only.
    pub fn disputes_only(self) -> bool {
        !matches!(
            self,
            DocumentKind::ReferralLetter | DocumentKind::ReturnVisitRecord
        )
    }
}

/// The language a document is rendered in. (The web app has its own `Lang`; `shared` does not
/// depend on it.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocLang {
    Zh,
    En,
}

impl DocLang {
    pub const ALL: [DocLang; 2] = [DocLang::Zh, DocLang::En];

    pub fn code(self) -> &'static str {
        match self {
            DocLang::Zh => "zh",
            DocLang::En => "en",
        }
    }
}
