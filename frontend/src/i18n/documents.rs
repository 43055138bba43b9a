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
        VoidMark => "已作废", "Void";
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
        CaseFile => "卷宗", "Case file";
        OpenCaseFile => "卷宗（打印归档）", "Case file (print to archive)";
        FileCover => "人民调解卷宗", "People's mediation case file";
        FileIndex => "卷内目录", "Index";
        FileHistory => "办理经过", "How the case was handled";
        FileInternal => "包括内部备注", "Include internal notes";
        FileNoDocuments => "本案尚无文书。", "The case has no documents yet.";
        ColNo => "序号", "No.";
        ColDocument => "文书", "Document";
        ColNumber => "文号", "Number";
        ColSheet => "页次", "Sheet";
    }
    /// The mediation agreement on the case page.
    AgrMsg {
        Section => "调解协议", "Mediation agreement";
        NoneYet => "尚未起草调解协议。", "No agreement drafted yet.";
        Draft => "起草调解协议", "Draft the agreement";
        Change => "修改协议", "Change the agreement";
        ChangeNote => "已有当事人确认的文本不能修改：修改将生成新版本，需各方重新确认。", "A text a party has confirmed is not changed: a change makes a new version that every party confirms again.";
        InEffect => "已生效", "In effect";
        Waiting => "等待当事人确认", "Waiting for the parties to confirm";
        Facts => "纠纷事实", "Facts";
        FactsHelp => "写明双方争议的主要事实。", "The main facts the parties disagree about.";
        Terms => "协议条款", "Terms";
        Who => "义务人", "Who";
        What => "履行内容", "What they will do";
        By => "履行期限", "By";
        Amount => "金额（元，可不填）", "Amount (yuan, optional)";
        AddTerm => "添加一条", "Add a term";
        RemoveTerm => "删除此条", "Remove this term";
        Save => "保存", "Save";
        Cancel => "取消", "Cancel";
        Saved => "已保存。", "Saved.";
        Confirmations => "当事人确认", "The parties' confirmations";
        Confirmed => "已确认", "Confirmed";
        NotConfirmed => "未确认", "Not confirmed yet";
        Fingerprint => "文本校验码", "Text fingerprint";
        Decision => "司法确认结果", "The court's decision";
        DecisionConfirmed => "法院已确认", "Confirmed by the court";
        DecisionNotConfirmed => "法院未予确认", "Not confirmed by the court";
        RulingNumber => "裁定书编号", "Ruling number";
        RulingDate => "裁定日期", "Date of the ruling";
        RecordDecision => "记录法院裁定", "Record the court's decision";
        Outcome => "结果", "Outcome";
        Performance => "履行情况", "Performance";
        Performed => "已履行", "Performed";
        NotPerformed => "未履行", "Not performed";
        NotRecorded => "尚未记录", "Not recorded yet";
        Note => "回访情况", "Return visit note";
        RecordPerformance => "记录履行情况", "Record";
        Earlier => "以前的版本", "Earlier versions";
        Required => "请填写此项", "Please fill this in";
        BadAmount => "请输入金额，例如 1200 或 1200.50", "Enter an amount such as 1200 or 1200.50";
        BadDate => "请选择有效日期（不早于今天）", "Choose a valid date (not before today)";
        Refused => "未能保存，请检查后重试。", "It could not be saved; check and try again.";
    }
    /// Words with a number.
    AgrN {
        Version(n) => "第 {n} 版", "Version {n}";
    }
    /// Words with a date.
    AgrX {
        ClockOver(x) => "申请司法确认的期限已于 {x} 届满", "The time to apply for judicial confirmation ended on {x}";
        EffectiveOn(x) => "{x} 生效", "In effect since {x}";
    }
    /// Words with a date and a number of days.
    AgrXN {
        ClockOpen(x, n) => "申请司法确认：{x} 前（还剩 {n} 天）", "Apply for judicial confirmation by {x} ({n} days left)" | "Apply for judicial confirmation by {x} ({n} day left)";
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
