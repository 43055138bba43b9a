//! The staff console's own words, zh-CN and English. Kept apart from `i18n::Msg` so that the
//! resident app's bundle does not carry them.

use crate::i18n::{messages, use_i18n, Lang, Msg};
use accord_shared::lifecycle::CommandKind;
use accord_shared::risk::RiskLevel;
use accord_shared::time_limits::EscalationLevel;

messages! { StaffMsg {
    RiskLabel => "风险", "Risk";
    RiskLow => "低风险", "Low risk";
    RiskMedium => "中风险", "Medium risk";
    RiskHigh => "高风险", "High risk";
    RiskCritical => "极高风险", "Critical risk";
    RiskFromFactors => "按风险因素计算为：{x}", "The factors give: {x}";
    RiskOverriddenBy => "已由 {x} 调整，原因：", "Overridden by {x} because: ";
    EscalationLabel => "超时上报", "Escalation";
    EscCommunity => "已上报社区", "Escalated to the community";
    EscStreet => "已上报街道", "Escalated to the street";
    EscDistrict => "已上报区", "Escalated to the district";
    LongStanding => "积案（超过两年）", "Long-standing (over two years)";
    HandlersLabel => "承办人员", "Handlers";
    LeadMark => "牵头", "lead";
    NoHandlers => "尚未安排", "None yet";
    ConflictSince => "矛盾开始于", "Conflict since";
    FeedbackLabel => "居民评价", "Resident feedback";
    ReopenedTimes => "已重新办理 {n} 次", "Reopened {n} times";
    MergedInto => "已合并到 {x}", "Merged into {x}";
    MergedFrom => "已并入：{x}", "Merged in: {x}";
    FlagsLabel => "提示", "Flags";

    ViewsLabel => "显示哪些事项", "Which cases";
    ViewOpen => "全部待办", "All open";
    ViewUnassigned => "未分派", "Unassigned";
    ViewHighRisk => "高风险", "High risk";
    ViewOverdue => "已超期", "Overdue";
    ViewMine => "我的事项", "My work";
    QueueEmptyView => "这里没有事项。可以换一个视图或社区看看，或稍后点“刷新”。", "Nothing here. Try another view or community, or press Refresh later.";
    ColRisk => "风险", "Risk";
    ColDue => "时限", "Time limit";
    ColHandlers => "承办", "Handlers";
    RunEscalations => "立即检查超期事项", "Check overdue cases now";
    EscalationResult => "检查了 {n} 件待办事项，其中 {x} 件已超时上报。", "Checked {n} open cases; {x} escalated.";

    ActionsTitle => "办理", "Actions";
    ActionsNone => "这个阶段您没有可做的操作。", "There is nothing for you to do at this stage.";
    Cancel => "取消", "Cancel";
    Confirm => "确认提交", "Confirm";
    CmdAccept => "受理", "Accept";
    CmdReject => "不予受理", "Reject";
    CmdRecategorize => "调整类别", "Change category";
    CmdAssessRisk => "评估风险", "Assess risk";
    CmdOverrideRisk => "调整风险等级", "Override risk";
    CmdSetHandlers => "安排承办人员", "Set handlers";
    CmdStart => "开始办理", "Start handling";
    CmdAddNote => "添加备注", "Add a note";
    CmdResolve => "已化解", "Resolve";
    CmdFailMediation => "调解未成功", "Mediation failed";
    CmdRefer => "转交", "Refer";
    CmdBeginFollowUp => "开始回访", "Begin follow-up";
    CmdRecordVisit => "记录回访", "Record a visit";
    CmdClose => "结案", "Close";
    CmdReopen => "重新办理", "Reopen";
    CmdSetConflictSince => "记录矛盾开始时间", "Set when the conflict began";

    NoteOptional => "备注（选填）", "Note (optional)";
    Reason => "原因", "Reason";
    RejectReasonHelp => "居民会看到这段话，请写得平实易懂", "The resident sees this; use plain words";
    RedirectTo => "建议居民去哪里", "Where the resident should go instead";
    RedirectHelp => "例如：区劳动人事争议仲裁院，电话 0411-12345678", "For example the district labour arbitration office, with its phone number";
    NewCategory => "新类别", "New category";
    FactorViolence => "有暴力威胁", "Violence threatened";
    FactorPeople => "涉及人数", "People involved";
    FactorVulnerable => "涉及老人、未成年人或残疾人", "Vulnerable parties (elderly, minors, disabled)";
    FactorRepeat => "重复反映次数", "Repeat reports";
    FactorMonths => "矛盾持续月数", "Conflict months";
    FactorFailed => "此前调解失败次数", "Failed mediations";
    RiskLevelLabel => "风险等级", "Risk level";
    OverrideReason => "调整原因", "Reason for the override";
    HandlersLegend => "承办人员（可多选）", "Handlers (one or more)";
    HandlersHelp => "至少选一人，并指定一位牵头人", "Choose at least one person and exactly one lead";
    LeadLegend => "牵头人", "Lead";
    LeadOf => "{x} 牵头", "{x} leads";
    NoPeople => "这个社区暂时没有可以安排的人员。", "Nobody can be assigned in this community.";
    ProblemLead => "请在已选的人员中指定一位牵头人", "Choose one lead among the chosen people";
    NoteText => "备注内容", "Note";
    VisibilityLegend => "谁能看到", "Who can see it";
    VisPublic => "公开：居民也能看到", "Public: the resident sees it";
    VisInternal => "内部：仅工作人员", "Internal: staff only";
    ReferTarget => "转交去向", "Refer to";
    ReferReasonHelp => "写明调解的情况和转交的理由", "What was tried and why it goes on";
    VisitNote => "回访情况", "What the visit found";
    ReopenHelp => "例如：协议没有履行", "For example: the agreement was not honoured";
    ConflictDate => "矛盾开始的日期", "Date the conflict began";
    ProblemNumber => "请填写 0 或更大的整数", "Enter a whole number, 0 or more";
    ProblemDate => "请选择一个不晚于今天的日期", "Choose a date no later than today";
    ProblemTooShortAny => "内容太短", "This is too short";
    ProblemTooLongAny => "内容太长，请删减一些", "This is too long; please shorten it";

    VersionConflict => "这件事在您查看时被修改了，已重新加载。请核对后再试；您填写的内容还在。", "This case changed while you were looking at it; it has been reloaded. Check and try again — what you typed is kept.";
    InvalidTransition => "事项现在的状态不允许这个操作。", "This can't be done in the case's current status.";
    Forbidden => "您没有权限做这个操作。", "You are not allowed to do this.";
    DuplicatesTitle => "可能重复的反映", "Possible duplicates";
    DuplicatesHelp => "同一社区、同一类别、同一地址的其他待办事项。", "Other open cases with the same community, category and address.";
    MergeInto => "把 {x} 合并到本事项", "Merge {x} into this case";
    Merged => "已合并", "Merged";

    IntakeNav => "登记事项", "Record a matter";
    IntakeTitle => "登记来访、热线或巡查事项", "Record a walk-in, call or patrol matter";
    IntakeIntro => "代居民登记，或登记网格巡查发现的隐患。登记后会得到查询码和密码，请打印回执交给居民。", "Record a matter for a resident, or a hazard found on patrol. You get a case code and a secret to print on a slip for the resident.";
    ChannelLegend => "来源", "Channel";
    ApplicantName => "居民姓名", "Resident's name";
    ApplicantPhone => "居民电话", "Resident's phone";
    ApplicantHelp => "只有网格巡查发现的隐患可以不填", "May be left empty only for a hazard found on grid patrol";
    RiskFactorsTitle => "风险因素", "Risk factors";
    IntakeSubmit => "登记", "Record";
    SlipTitle => "受理回执", "Receipt";
    SlipIntro => "请把这张回执交给居民。凭查询码和密码可以在网上随时查询办理进度。", "Give this slip to the resident. With the case code and secret they can follow the case online at any time.";
    SlipTrackAt => "查询网址", "Follow your case at";
    PrintSlip => "打印回执", "Print slip";
    RecordAnother => "再登记一件", "Record another";
} }

impl StaffMsg {
    pub fn with_n(self, lang: Lang, n: usize) -> String {
        self.text(lang).replace("{n}", &n.to_string())
    }

    pub fn with_x(self, lang: Lang, x: &str) -> String {
        self.text(lang).replace("{x}", x)
    }
}

/// Words from either list: shared components take both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    Common(Msg),
    Staff(StaffMsg),
}

impl Said {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Said::Common(msg) => msg.text(lang),
            Said::Staff(msg) => msg.text(lang),
        }
    }
}

impl From<Msg> for Said {
    fn from(msg: Msg) -> Self {
        Said::Common(msg)
    }
}

impl From<StaffMsg> for Said {
    fn from(msg: StaffMsg) -> Self {
        Said::Staff(msg)
    }
}

/// Reactive text of a staff message.
pub fn ts(msg: StaffMsg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || msg.text(i18n.lang())
}

pub fn risk_msg(level: RiskLevel) -> StaffMsg {
    match level {
        RiskLevel::Low => StaffMsg::RiskLow,
        RiskLevel::Medium => StaffMsg::RiskMedium,
        RiskLevel::High => StaffMsg::RiskHigh,
        RiskLevel::Critical => StaffMsg::RiskCritical,
    }
}

pub fn escalation_msg(level: EscalationLevel) -> Option<StaffMsg> {
    match level {
        EscalationLevel::None => None,
        EscalationLevel::Community => Some(StaffMsg::EscCommunity),
        EscalationLevel::Street => Some(StaffMsg::EscStreet),
        EscalationLevel::District => Some(StaffMsg::EscDistrict),
    }
}

/// The name of a command as its button says it; `None` for commands no one picks by hand.
pub fn command_msg(kind: CommandKind) -> Option<StaffMsg> {
    use CommandKind as C;
    Some(match kind {
        C::Accept => StaffMsg::CmdAccept,
        C::Reject => StaffMsg::CmdReject,
        C::Recategorize => StaffMsg::CmdRecategorize,
        C::AssessRisk => StaffMsg::CmdAssessRisk,
        C::OverrideRisk => StaffMsg::CmdOverrideRisk,
        C::SetHandlers => StaffMsg::CmdSetHandlers,
        C::Start => StaffMsg::CmdStart,
        C::AddNote => StaffMsg::CmdAddNote,
        C::Resolve => StaffMsg::CmdResolve,
        C::FailMediation => StaffMsg::CmdFailMediation,
        C::Refer => StaffMsg::CmdRefer,
        C::BeginFollowUp => StaffMsg::CmdBeginFollowUp,
        C::RecordVisit => StaffMsg::CmdRecordVisit,
        C::Close => StaffMsg::CmdClose,
        C::Reopen => StaffMsg::CmdReopen,
        C::SetConflictSince => StaffMsg::CmdSetConflictSince,
        C::GiveFeedback | C::Escalate | C::MergeInto | C::AbsorbDuplicate => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_staff_message_has_text_in_both_languages_and_the_same_holes() {
        let is_cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        for msg in StaffMsg::ALL {
            assert!(msg.text(Lang::Zh).chars().any(is_cjk), "{msg:?}");
            assert!(!msg.text(Lang::En).trim().is_empty(), "{msg:?}");
            for hole in ["{n}", "{x}"] {
                assert_eq!(
                    msg.text(Lang::Zh).contains(hole),
                    msg.text(Lang::En).contains(hole),
                    "{msg:?} {hole}"
                );
            }
        }
    }

    #[test]
    fn every_command_a_person_gives_has_a_name() {
        use accord_shared::lifecycle::TRANSITIONS;
        for row in TRANSITIONS {
            let by_hand = !matches!(
                row.command,
                CommandKind::GiveFeedback
                    | CommandKind::Escalate
                    | CommandKind::MergeInto
                    | CommandKind::AbsorbDuplicate
            );
            assert_eq!(
                command_msg(row.command).is_some(),
                by_hand,
                "{:?}",
                row.command
            );
        }
    }
}
