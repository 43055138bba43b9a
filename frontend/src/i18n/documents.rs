//! The words around the standard documents: the case's documents section and a document's
//! page (its language, printing, voiding), zh-CN and English. The documents' own text comes
//! rendered from the server in both languages.

use crate::i18n::messages;
use accord_shared::documents::DocumentKind;

messages! {
    /// Plain words.
    DocMsg {
        Section => "文书", "Documents";
        NoneYet => "尚未制作文书。", "No documents yet.";
        Make => "制作", "Make";
        MakeLabel => "可制作的文书", "Documents the case offers now";
        Making => "正在制作…", "Making…";
        Open => "查看与打印", "View and print";
        VoidMark => "已作废", "Void";
        IssuedBy => "制作人", "Made by";
        IssuedAt => "制作时间", "Made on";
        BackToCase => "返回案件", "Back to the case";
        LangLabel => "文书语言", "Language of the document";
        LangZh => "中文", "Chinese";
        LangEn => "英文", "English";
        LangBoth => "中英文", "Both";
        Print => "打印（A4）", "Print (A4)";
        VoidTitle => "作废此文书", "Void this document";
        VoidReason => "作废原因", "Reason for voiding";
        VoidButton => "作废", "Void";
        VoidNote => "作废后文书仍保留，文号不再使用。", "A void document stays on file and its number is never used again.";
        VoidedBecause => "作废原因：", "Voided because: ";
        ReasonRequired => "请填写作废原因", "Give the reason for voiding";
        Hash => "内容校验码", "Content fingerprint";
        Template => "模板版本", "Template version";
        Translation => "英文译本仅供参考，以中文文本为准。", "The English rendering is a reading aid; the Chinese text is the official one.";
        MissingData => "案件尚缺这份文书所需的信息，请刷新后再试。", "The case lacks what this document needs; reload and try again.";
        NotFound => "没有找到这份文书。", "No such document.";
        Seal => "（盖章）", "(seal)";
        Page => "页", "Page";
    }
    /// The seven kinds.
    DocKind {
        MediationApplication => "人民调解申请书", "Application for mediation";
        AcceptanceNotice => "受理通知书", "Notice of acceptance";
        MediationRecord => "调解笔录", "Mediation record";
        MediationAgreement => "人民调解协议书", "Mediation agreement";
        JudicialConfirmationApplication => "司法确认申请书", "Application for judicial confirmation";
        ReferralLetter => "移送函", "Referral letter";
        ReturnVisitRecord => "回访记录", "Return-visit record";
    }
}

/// The name of a kind of document.
pub fn kind_msg(kind: DocumentKind) -> DocKind {
    match kind {
        DocumentKind::MediationApplication => DocKind::MediationApplication,
        DocumentKind::AcceptanceNotice => DocKind::AcceptanceNotice,
        DocumentKind::MediationRecord => DocKind::MediationRecord,
        DocumentKind::MediationAgreement => DocKind::MediationAgreement,
        DocumentKind::JudicialConfirmationApplication => DocKind::JudicialConfirmationApplication,
        DocumentKind::ReferralLetter => DocKind::ReferralLetter,
        DocumentKind::ReturnVisitRecord => DocKind::ReturnVisitRecord,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_kind_has_a_name_in_both_languages() {
        for kind in DocumentKind::ALL {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!kind_msg(kind).text(lang).is_empty());
            }
        }
    }
}
