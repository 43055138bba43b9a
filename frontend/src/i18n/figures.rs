//! The words of the figures: the dashboard, the monthly report, the import page, the public
//! figures page, and every published figure's name and definition, zh-CN and English. The
//! definitions say in words what `accord_shared::stats::Figure` computes.

use crate::i18n::{messages, Lang};
use accord_shared::stats::{Dim, Figure, Metric};

messages! {
    /// Plain words.
    FigMsg {
        FiguresNav => "统计", "Figures";
        FiguresTitle => "统计数据", "Figures";
        PublicTitle => "矛盾纠纷化解情况", "How disputes are being resolved";
        PublicIntro => "以下为本街道公开的汇总数字。为保护当事人，少于 5 件的格子不显示。", "The street's published totals. To protect the people involved, no cell of fewer than 5 cases is shown.";
        Suppressed => "少于5", "under 5";
        ScopeLabel => "范围", "Scope";
        ScopeStreet => "全街道", "Whole street";
        PeriodLabel => "时间", "Period";
        PeriodMonth => "本月", "This month";
        PeriodQuarter => "本季度", "This quarter";
        PeriodYear => "本年", "This year";
        PeriodLastYear => "上一年", "Last year";
        PeriodTwoYears => "近两年", "Last two years";
        PeriodCustom => "自定义", "Custom range";
        FromLabel => "开始日期", "From";
        ToLabel => "结束日期", "To";
        BadDate => "请输入有效日期：结束不早于开始，跨度不超过十年", "Enter a valid date: the end not before the start, at most ten years apart";
        ByLabel => "分组", "Break down by";
        ByCategory => "类别", "Category";
        ByGrid => "网格", "Grid";
        ByChannel => "来源", "Channel";
        ByKind => "矛盾纠纷 / 隐患", "Dispute / hazard";
        ByRole => "承办角色", "Handler's role";
        ByCommunity => "社区", "Community";
        Show => "查看", "Show";
        Headline => "主要数字", "Headline figures";
        Trend => "逐月趋势", "Month by month";
        TrendNumbers => "查看每月数字", "The numbers, month by month";
        ReportNote => "各项数字的统计口径见“统计口径”页；每个数字都由案件时间线计算，可随时重算核对。", "Each figure is defined on the definitions page; every figure is computed from the cases' timelines and can be recomputed and checked at any time.";
        TrendFiled => "受理登记", "Filed";
        TrendResolved => "化解成功", "Resolved";
        TrendChartTitle => "每月登记与化解件数", "Cases filed and resolved each month";
        TableTitle => "分组统计", "Breakdown";
        Total => "合计", "Total";
        Days => "天", "days";
        NoData => "这段时间没有数据。", "No cases in this period.";
        ExportCsv => "导出 CSV", "Export CSV";
        PrintReport => "月度报告（A4 打印）", "Monthly report (A4, print)";
        Print => "打印", "Print";
        Definitions => "统计口径", "How each figure is defined";
        DefinitionsIntro => "每个数字都由案件时间线按下列口径计算，可随时重算核对。", "Every figure is computed from the cases' timelines as defined below, and can be recomputed and checked at any time.";
        ReportTitle => "矛盾纠纷多元化解月度报告", "Monthly report on dispute resolution";
        ReportMonth => "报告月份", "Month";
        ReportGenerated => "生成时间", "Generated";
        ReportScope => "统计范围", "Scope";
        Unnamed => "（未填写）", "(none)";
        Unassigned => "未安排承办人", "No handler";
        DisputeKind => "矛盾纠纷", "Dispute";
        HazardKind => "安全隐患", "Hazard";
        ImportNav => "导入历史", "Import history";
        ImportTitle => "导入历史案件", "Import historical cases";
        ImportIntro => "选择从原系统导出的文件（每行一个案件的 JSON，含各环节及其日期）。每个环节都按本系统的流程规则逐一核验；有问题的行会列出行号和原因，该案件不导入。同一文件重复导入不会重复登记。", "Choose the file exported from the old system (one JSON line per case, with its events and their dates). Every event is checked against this system's rules; a line with a problem is listed with its number and reason, and its case is not imported. Importing the same file again changes nothing.";
        ImportFile => "导入文件", "File to import";
        ImportStart => "开始导入", "Import";
        ImportRunning => "正在导入…", "Importing…";
        ImportProgress => "导入进度", "Progress";
        ImportDone => "导入完成", "Import finished";
        ImportNoFile => "请先选择文件", "Choose a file first";
        ImportUnreadable => "无法读取这个文件", "This file cannot be read";
        ImportLines => "读取行数", "Lines read";
        ImportImported => "新导入", "Imported";
        ImportUnchanged => "此前已导入（未改动）", "Imported before (unchanged)";
        ImportRefused => "未导入的行", "Lines not imported";
        ColLine => "行号", "Line";
        ColSourceId => "原系统编号", "Source id";
        ColReason => "原因", "Reason";
        CheckTitle => "重算核对", "Recount and check";
        CheckRun => "重算全部数字并核对", "Recount every figure and compare";
        CheckClean => "核对无误：保存的数字与逐案重算的结果完全一致。", "No difference: the kept figures equal a recount from every case.";
        CheckDiffers => "发现差异", "Differences found";
        DrillDown => "查看这些案件", "See these cases";
        CasesBehind => "数字背后的案件", "The cases behind the figure";
        BackToFigures => "返回统计", "Back to the figures";
        ColCountedOn => "计入日期", "Counted on";
        CasesNone => "没有案件。", "No cases.";
        BadLink => "这个链接不完整或已失效，请从统计页重新打开。", "This link is incomplete or no longer valid; open it again from the figures.";
        DisputesResolved => "化解成功的矛盾纠纷", "Disputes resolved";
        DisputesFailed => "调解未成的矛盾纠纷", "Disputes whose mediation failed";
        FailedShort => "未成", "failed";
    }
    /// Words with a number `{n}`; English may have a singular after `|`.
    FigN {
        CasesCounted(n) => "共 {n} 件", "{n} cases" | "{n} case";
    }
}

/// The name of a dimension, as a breakdown's heading.
pub fn dim_msg(dim: Dim) -> FigMsg {
    match dim {
        Dim::All => FigMsg::Total,
        Dim::Category => FigMsg::ByCategory,
        Dim::Grid => FigMsg::ByGrid,
        Dim::Channel => FigMsg::ByChannel,
        Dim::Kind => FigMsg::ByKind,
        Dim::HandlerRole => FigMsg::ByRole,
    }
}

/// The name of what a drill-down lists: the figure that counts the metric.
pub fn metric_name(metric: Metric, lang: Lang) -> &'static str {
    match metric {
        Metric::DisputeResolved => FigMsg::DisputesResolved.text(lang),
        Metric::DisputeFailed => FigMsg::DisputesFailed.text(lang),
        Metric::Risk => pick(figure_name(Figure::RiskDistribution), lang),
        _ => Figure::ALL
            .into_iter()
            .find(|f| f.counted_metric() == Some(metric))
            .map_or(FigMsg::CasesBehind.text(lang), |f| {
                pick(figure_name(f), lang)
            }),
    }
}

/// A figure's name, as a column or a card heading.
pub fn figure_name(figure: Figure) -> (&'static str, &'static str) {
    match figure {
        Figure::Filed => ("登记", "Filed"),
        Figure::Accepted => ("受理", "Accepted"),
        Figure::Rejected => ("不予受理", "Rejected"),
        Figure::Concluded => ("办结", "Concluded"),
        Figure::Resolved => ("化解成功", "Resolved"),
        Figure::MediationFailed => ("调解未成", "Mediation failed"),
        Figure::ReferredCourt => ("转法院", "Referred to court"),
        Figure::ReferredArbitration => ("转仲裁", "Referred to arbitration"),
        Figure::ReferredDepartment => ("转职能部门", "Referred to a department"),
        Figure::ReferredJudge => ("转法官工作站", "Referred to the judge workstation"),
        Figure::Withdrawn => ("撤回", "Withdrawn"),
        Figure::Merged => ("合并（重复反映）", "Merged (duplicates)"),
        Figure::Moved => ("移交其他街道", "Moved to another street"),
        Figure::SuccessRate => ("调解成功率", "Success rate"),
        Figure::MedianDaysToConclusion => ("办结用时中位数", "Median days to conclusion"),
        Figure::P90DaysToConclusion => ("办结用时 90% 分位", "90th percentile days to conclusion"),
        Figure::MedianDaysTriage => ("受理用时中位数", "Median days to acceptance"),
        Figure::P90DaysTriage => ("受理用时 90% 分位", "90th percentile days to acceptance"),
        Figure::MedianDaysHandling => ("办理用时中位数", "Median days of handling"),
        Figure::P90DaysHandling => ("办理用时 90% 分位", "90th percentile days of handling"),
        Figure::MedianDaysFollowUp => ("回访用时中位数", "Median days of follow-up"),
        Figure::P90DaysFollowUp => ("回访用时 90% 分位", "90th percentile days of follow-up"),
        Figure::Escalated => ("上报街道或区", "Escalated"),
        Figure::OverdueEver => ("曾经超时", "Ever overdue"),
        Figure::OverdueNow => ("当前超时", "Overdue now"),
        Figure::OpenNow => ("当前在办", "Open now"),
        Figure::LongStandingFiled => ("积案登记", "Long-standing filed"),
        Figure::LongStandingResolved => ("积案化解", "Long-standing resolved"),
        Figure::Reopened => ("重新办理", "Reopened"),
        Figure::FeedbackAsked => ("回访征求评价", "Feedback asked"),
        Figure::FeedbackGiven => ("居民已评价", "Feedback given"),
        Figure::ResponseRate => ("评价回复率", "Response rate"),
        Figure::SatisfactionMean => ("平均满意度", "Mean satisfaction"),
        Figure::SatisfactionDistribution => ("满意度分布", "Satisfaction by score"),
        Figure::RiskDistribution => ("风险等级分布", "Risk levels"),
    }
}

/// A figure's definition, in words (the definitions page).
pub fn figure_definition(figure: Figure) -> (&'static str, &'static str) {
    match figure {
        Figure::Filed => ("期间内登记的案件，按首次登记日计。从其他街道移入的案件按其首次登记日计入；被合并的重复反映和移交其他街道的案件不计入（由继续办理的那件计入），同一件事不重复计。", "Cases filed in the period, dated by the day the matter was first filed. A case moved in from another street counts on its first filing day; a duplicate merged into another case and a case moved out to another street do not (the case that carries the matter on counts it), so no matter is counted twice."),
        Figure::Accepted => ("期间内经分流受理的案件。", "Cases accepted at triage in the period."),
        Figure::Rejected => ("期间内不予受理的案件（说明理由并告知去处）。", "Cases rejected at triage in the period (with a reason and where to go instead)."),
        Figure::Concluded => ("期间内办结的案件：化解成功、撤回或调解未成，每件只计一次；重新办理过的按最后一次办结计。被合并和移交的案件不在此计。", "Cases concluded in the period: resolved, withdrawn or failed, each once, by its last conclusion if it was reopened. Merged and moved cases are not concluded here."),
        Figure::Resolved => ("期间内达成协议或问题已解决的案件，矛盾纠纷和隐患都计（撤回不计）。", "Cases resolved in the period by an agreement or by fixing the problem, disputes and hazards alike (not withdrawals)."),
        Figure::MediationFailed => ("期间内调解未成的案件，之后是否转出都只计一次失败。", "Cases whose mediation failed in the period, referred on afterwards or not: one failure either way."),
        Figure::ReferredCourt => ("调解未成后转法院的案件，按转出日计。", "Failed cases referred to the court, dated by the referral."),
        Figure::ReferredArbitration => ("调解未成后转仲裁的案件，按转出日计。", "Failed cases referred to arbitration, dated by the referral."),
        Figure::ReferredDepartment => ("转职能部门处理的案件，按转出日计。", "Cases referred to a department, dated by the referral."),
        Figure::ReferredJudge => ("转法官工作站申请司法确认的案件，按转出日计。", "Cases referred to the judge workstation for judicial confirmation, dated by the referral."),
        Figure::Withdrawn => ("期间内居民撤回的案件：算办结，但既不算成功也不算失败。", "Cases the resident withdrew in the period: concluded, neither success nor failure."),
        Figure::Merged => ("期间内并入另一案件的重复反映，只在此计一次。", "Duplicate reports merged into another case in the period, counted once, here only."),
        Figure::Moved => ("期间内移交其他街道社区的案件（在对方登记和办结）。", "Cases moved to a community of another street in the period (filed and concluded there)."),
        Figure::SuccessRate => ("调解成功率 = 化解成功的矛盾纠纷 ÷（化解成功的 + 调解未成的矛盾纠纷），均为期间内办结。隐患、撤回、合并和移交的案件不计入；调解未成后转出的仍算一次失败。保留两位小数，四舍五入。", "Success rate = disputes resolved ÷ (disputes resolved + disputes whose mediation failed), both concluded in the period. Hazards, withdrawals, merged and moved cases are left out; a failed mediation referred on is still one failure. Two decimals, rounded half up."),
        Figure::MedianDaysToConclusion => ("期间内办结案件从登记到办结的整天数的中位数（最近秩法：n 个中第 ⌈n/2⌉ 小的）。", "The median of whole days from filing to conclusion over cases concluded in the period (nearest rank: the ⌈n/2⌉-th smallest of n)."),
        Figure::P90DaysToConclusion => ("同上的 90% 分位数（第 ⌈0.9·n⌉ 小的）。", "The 90th percentile of the same (the ⌈0.9·n⌉-th smallest)."),
        Figure::MedianDaysTriage => ("期间内受理案件从登记（或移入）到受理的整天数中位数。", "The median of whole days from filing (or arrival) to acceptance, over cases accepted in the period."),
        Figure::P90DaysTriage => ("同上的 90% 分位数。", "The 90th percentile of the same."),
        Figure::MedianDaysHandling => ("期间内办结案件从受理到最后一次办结的整天数中位数。", "The median of whole days from acceptance to the last conclusion, over cases concluded in the period."),
        Figure::P90DaysHandling => ("同上的 90% 分位数。", "The 90th percentile of the same."),
        Figure::MedianDaysFollowUp => ("期间内结案案件从最后一次办结到结案的整天数中位数。", "The median of whole days from the last conclusion to closing, over cases closed in the period."),
        Figure::P90DaysFollowUp => ("同上的 90% 分位数。", "The 90th percentile of the same."),
        Figure::Escalated => ("期间内首次上报到街道或区的案件。", "Cases escalated beyond their community (to the street or the district) for the first time in the period."),
        Figure::OverdueEver => ("期间内首次超时的案件：环节时限已过，定时检查将其上报。", "Cases overdue for the first time in the period: a stage deadline passed and the scheduled run escalated them."),
        Figure::OverdueNow => ("当前环节已超时、尚未推进的在办案件（以最近一次定时检查为准，最多 15 分钟前）。", "Open cases overdue now: escalated in their current stage and not yet moved on (as of the last scheduled run, at most 15 minutes ago)."),
        Figure::OpenNow => ("当前仍需有人办理的案件（未结案、未不予受理）。", "Cases somebody still has to act on now (not closed or rejected)."),
        Figure::LongStandingFiled => ("期间内登记的积案：矛盾开始于登记前两年以上的矛盾纠纷。", "Long-standing disputes filed in the period: the conflict began more than two years before the filing."),
        Figure::LongStandingResolved => ("期间内化解成功的积案。", "Long-standing disputes resolved in the period."),
        Figure::Reopened => ("期间内首次重新办理的案件（重开两次只计一次）。", "Cases reopened for the first time in the period (a case reopened twice counts once)."),
        Figure::FeedbackAsked => ("期间内进入回访、征求居民评价的案件。", "Cases whose feedback was asked for in the period (follow-up began after their last conclusion)."),
        Figure::FeedbackGiven => ("期间内居民作出评价的案件（以最后一次办结后的最后一次评价为准）。", "Cases the resident rated in the period (the last rating after the last conclusion)."),
        Figure::ResponseRate => ("评价回复率 = 居民已评价 ÷ 回访征求评价，均为期间内。", "Response rate = feedback given ÷ feedback asked, both in the period."),
        Figure::SatisfactionMean => ("期间内各项评价的平均分（1 很不满意 … 5 很满意），保留两位小数。", "The mean of the ratings given in the period (1 very unhappy … 5 very happy), to two decimals."),
        Figure::SatisfactionDistribution => ("期间内 1 至 5 分各有多少项评价。", "How many ratings of each score, 1 to 5, were given in the period."),
        Figure::RiskDistribution => ("期间内登记的案件按当前风险等级（低、中、高、极高）分布。", "Cases filed in the period by their current risk level (low, medium, high, critical)."),
    }
}

/// One of a pair in the reader's language.
pub fn pick(pair: (&'static str, &'static str), lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => pair.0,
        Lang::En => pair.1,
    }
}
