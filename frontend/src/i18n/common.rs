//! The words every bundle shows (layout, fields, statuses, the case history), zh-CN and English.

use super::lang::{messages, Lang};
use accord_shared::case::{
    CaseStatus, Channel, EventKind, NoteCode, Outcome, PartyRole, ReferralTarget,
};
use accord_shared::directory::CaseKind;
use accord_shared::fields::FieldProblem;
use accord_shared::staff::Role;

messages! {
    /// Plain words.
    Msg {
        AppName => "邻里调解", "Accord";
        AppTagline => "甘井子区", "Ganjingzi District";
        SkipToContent => "跳到主要内容", "Skip to main content";
        LangSwitch => "English", "中文";
        LangSwitchLabel => "Switch to English", "切换到中文";
        NavMain => "主导航", "Main";
        NavHome => "首页", "Home";
        NavReport => "反映问题", "Report";
        NavTrack => "查询进度", "Track";
        Offline => "网络已断开。已填写的内容会保留；这时提交的内容先保存在这部手机上，恢复网络后自动发送。", "You are offline. What you typed is kept; what you send now is kept on this phone and sent by itself when the connection is back.";
        WaitingTitle => "您的反映已保存在这部手机上", "Your report is saved on this phone";
        WaitingBody => "还没有发出。一有网络就会自动发送，不会重复提交。可以开着这个页面，也可以稍后再打开本网站。", "It has not been sent yet. It is sent by itself as soon as there is a connection, and never twice. Keep this page open, or open this site again later.";
        WaitingAfter => "发送后这里会显示查询码和密码；这部手机上不再保留您填写的内容。", "Once it is sent you see your case code and secret here, and nothing you typed stays on this phone.";
        WaitingNoConnection => "现在还没有网络，恢复后会自动发送。", "No connection yet: it is sent by itself once the connection is back.";
        WaitingSendNow => "现在发送", "Send now";
        WaitingDiscard => "从手机删除", "Delete from this phone";
        WaitingDiscardSure => "删除后这份反映不会发出。确定删除吗？", "The report will not be sent once deleted. Delete it?";
        Copied => "已复制", "Copied";
        CopyFailed => "无法自动复制，请长按选择后手动复制", "Could not copy; press and hold to select it instead";
        Loading => "正在加载…", "Loading…";
        LoadFailed => "暂时无法加载，请检查网络后重试。", "Could not load. Check your connection and try again.";
        Retry => "重试", "Try again";
        NetworkError => "网络连接有问题，请稍后重试。已填写的内容仍然保留。", "There was a problem with the connection. Please try again; what you typed is kept.";
        ServerError => "系统暂时出了问题，请稍后再试。", "Something went wrong on our side. Please try again later.";
        TooManyAttempts => "尝试次数过多，请等几分钟再试。", "Too many attempts. Please wait a few minutes and try again.";
        NoteSessionAgreement => "调解会上达成协议", "Agreement reached at the mediation session";
        NoteSessionNoAgreement => "调解会上未达成协议", "No agreement at the mediation session";

        HomeTitle => "有烦心事，我们帮您调解", "Trouble near home? We can help";
        HomeIntro => "向街道反映邻里纠纷或身边的安全隐患。不需要注册账号；提交后您会得到查询码和密码，凭它们随时查看办理进度。", "Tell the street office about a dispute or a hazard near you. No account needed: after you send it you get a case code and a secret to follow your case at any time.";
        HomeReport => "反映问题", "Report a problem";
        HomeReportHint => "大约需要 3 分钟", "Takes about 3 minutes";
        HomeTrack => "查询进度", "Track my case";
        HomeTrackHint => "需要查询码和密码", "You need your case code and secret";
        StaffSignIn => "工作人员登录", "Staff sign-in";
        MissingTitle => "没有这个页面", "Page not found";
        MissingBody => "这个地址没有对应的页面，可能是链接有误或页面已移动。", "Nothing is at this address: the link may be wrong, or the page has moved.";

        ReportTitle => "反映问题", "Report a problem";
        StepKind => "什么事情", "The problem";
        StepWhat => "发生了什么", "What happened";
        StepWhere => "在哪里", "Where";
        StepContact => "怎么联系您", "How to reach you";
        StepReview => "核对并提交", "Check and send";
        KindLegend => "这是哪一类事情？", "What is it about?";
        KindDispute => "矛盾纠纷", "A dispute";
        KindDisputeHint => "与邻居、家人、物业、房东等之间的矛盾", "A conflict with neighbours, family, property management, a landlord…";
        KindHazard => "隐患或公共事项", "A hazard or public matter";
        KindHazardHint => "消防通道堵塞、路灯损坏、违章搭建等", "A blocked fire escape, a broken street light, illegal building…";
        CategoryLegend => "具体是哪一种？", "Which one fits best?";
        DescriptionLabel => "请说说发生了什么", "What happened?";
        DescriptionHelp => "什么时候开始的、经过如何、持续了多久。2 到 2000 个字。", "When it started, what happened, how long it has gone on. 2 to 2000 characters.";
        RespondentLabel => "对方的称呼（选填）", "Name of the other person (optional)";
        RespondentHelp => "不知道姓名的话，可以写“楼上住户”等", "If you don't know it, write something like \"upstairs neighbour\"";
        CommunityLabel => "所在社区", "Community";
        ChooseOne => "请选择", "Please choose";
        AnswerYes => "是", "Yes";
        AnswerNo => "否", "No";
        AnswerOptional => "（选填）", " (optional)";
        ProblemNumber => "请填写数字，例如 12000", "Enter a number, e.g. 12000";
        GridLabel => "所在网格", "Grid";
        GridHelp => "不清楚的话，选离您最近的", "If unsure, pick the one nearest to you";
        GridNeedsCommunity => "请先选择社区", "Choose the community first";
        AddressLabel => "详细地址", "Address";
        AddressHelp => "楼号、单元、门牌号", "Building, unit and room number";
        NameLabel => "您的姓名", "Your name";
        NameHelp => "只有处理您事情的工作人员能看到", "Only the staff handling your case can see it";
        PhoneLabel => "手机或电话", "Phone number";
        PhoneHelp => "11 位手机号，或带区号的座机，如 0411-84123456", "An 11-digit mobile number, or a landline with its area code such as 0411-84123456";
        Next => "下一步", "Next";
        Back => "上一步", "Back";
        Edit => "修改", "Edit";
        Submit => "提交", "Send";
        Submitting => "正在提交…", "Sending…";
        ReviewIntro => "请核对以下内容，确认无误后提交。", "Please check the details below, then send them.";
        NotGiven => "未填写", "Not given";

        ProblemRequired => "请填写这一项", "Please fill this in";
        ProblemChoose => "请选择一项", "Please choose one";
        ProblemControl => "含有无法使用的字符，请重新输入", "It contains characters that can't be used; please retype it";
        ProblemPhone => "请填写 11 位手机号，或带区号的座机号", "Please enter an 11-digit mobile number, or a landline with its area code";
        ProblemChooseAgain => "请从列表中重新选择", "Please choose again from the list";
        ProblemCoordinate => "请填写有效的坐标，例如 38.950000", "Enter a valid coordinate, e.g. 38.950000";
        PhotosLabel => "照片（选填）", "Photos (optional)";
        PhotosHelp => "上传前会在手机上缩小，不带拍摄地点等信息。", "Made smaller on your phone before sending, without the place or camera details.";
        TakePhoto => "拍照", "Take a photo";
        ChoosePhotos => "从相册选择", "Choose from gallery";
        RemovePhoto => "删除这张照片", "Remove this photo";
        PhotoNotImage => "有文件不是可以读取的图片，没有加入", "A file is not a picture that can be read; it was not added";
        PhotoProgress => "上传进度", "Upload progress";
        PhotoSent => "已上传", "Sent";
        PhotoFailed => "没能上传", "Not sent";
        PhotosSending => "正在上传照片…", "Sending photos…";
        PhotosFailedNotice => "有照片没能上传。您的事项已经提交，照片可以以后请工作人员补上。", "Some photos could not be sent. Your report is filed; staff can add the photos later.";
        Continue => "继续", "Continue";
        PhotosShort => "照片", "Photos";
        LocationLabel => "位置", "Location";
        UseMyLocation => "使用我的位置", "Use my location";
        LocationHelp => "只有您点这个按钮才会读取位置，只有处理人员能看到", "Read only when you tap this; only the staff handling your case see it";
        Locating => "正在获取位置…", "Finding your position…";
        LocationDenied => "没有位置权限。请自己选择社区和网格。", "No permission to read your position. Please choose the community and grid yourself.";
        LocationUnavailable => "暂时无法获取位置，请自己选择。", "Your position could not be found; please choose yourself.";
        LatitudeLabel => "纬度", "Latitude";
        LongitudeLabel => "经度", "Longitude";
        RemoveLocation => "不提供位置", "Don't share my location";
        ProblemTaken => "已被占用，请换一个", "Already taken; please choose another";
        ProblemMismatch => "与记录不符，请重新输入", "Does not match our records; please retype it";
        ProblemSummary => "有内容需要修改，请看标出的地方。", "Some answers need changing; see the marked fields.";

        FiledTitle => "已提交成功", "Your report has been sent";
        FiledIntro => "街道工作人员会尽快与您联系。", "Staff of the street office will contact you soon.";
        CaseCodeLabel => "查询码", "Case code";
        SecretLabel => "查询密码", "Secret";
        KeepWarning => "请把查询码和密码一起保存好：查询进度时两者都需要。密码只在这里显示，离开本页前请复制、打印或记在本机上。", "Keep this code with the secret: you need both to follow your case. The secret is shown only here; copy it, print it or remember it on this phone before you leave this page.";
        PrintCard => "打印或存为 PDF", "Print or save as PDF";
        RememberOnPhone => "在这部手机上记住这个事项", "Remember this case on this phone";
        RememberHint => "只保存在这部手机的浏览器里，查询页可以一键打开，也可以随时忘记。共用手机请不要勾选。", "Kept only in this phone's browser: the tracking page opens it with one tap, and you can forget it at any time. Leave it off on a shared phone.";
        RememberFailed => "这部手机的浏览器不允许保存，请复制或打印密码。", "This phone's browser does not allow saving; please copy or print the secret.";
        LeaveUnsaved => "您还没有复制、打印或记住密码。离开后密码不会再显示。确定离开吗？", "You have not copied, printed or remembered the secret. It will not be shown again. Leave anyway?";
        FiledDone => "完成", "Done";
        SecretUnavailable => "密码已在第一次提交时显示。如果没有记下，请联系街道工作人员。", "The secret was shown when the report was first sent. If you did not keep it, please contact the street office.";
        Copy => "复制", "Copy";
        CopyCode => "复制查询码", "Copy case code";
        CopySecret => "复制密码", "Copy secret";
        TrackThisCase => "查看办理进度", "Track this case";

        TrackTitle => "查询进度", "Track my case";
        TrackIntro => "请输入提交时得到的查询码和密码。", "Enter the case code and secret you got when you reported.";
        RememberedTitle => "这部手机记住的事项", "Cases remembered on this phone";
        OpenRemembered => "查看", "Open";
        ForgetRemembered => "忘记", "Forget";
        CodeHelp => "例如 ZH07-2026-0123", "For example ZH07-2026-0123";
        SecretHelp => "32 位字母和数字，可以带短横线", "32 letters and digits; dashes are fine";
        TrackSubmit => "查询", "Look up";
        TrackLoading => "正在查询…", "Looking up…";
        CodeInvalid => "查询码格式不对，例如 ZH07-2026-0123", "That doesn't look like a case code, for example ZH07-2026-0123";
        SecretInvalid => "密码应为 32 位字母和数字", "The secret should have 32 letters and digits";
        TrackNotFound => "没有找到与这个查询码和密码相符的事项，请核对后再试。", "No case matches this code and secret. Please check them and try again.";
        StatusLabel => "当前状态", "Status";
        FiledAtLabel => "提交时间", "Reported on";
        CategoryLabel => "类别", "Category";
        PlaceLabel => "地点", "Place";
        HistoryTitle => "办理记录", "History";

        ActorResident => "居民", "Resident";
        ActorVolunteer => "社区志愿者", "Community volunteer";
        ActorSystem => "系统", "System";
        EventFiled => "提交了反映", "Report filed";
        EventStatusChanged => "状态变为：", "Status changed to: ";
        EventNote => "备注", "Note";
        EventAccepted => "已受理", "Accepted";
        EventRejected => "不予受理", "Not accepted";
        EventRecategorized => "调整了类别", "Category changed";
        EventRiskAssessed => "评估了风险", "Risk assessed";
        EventRiskOverridden => "调整了风险等级", "Risk level overridden";
        EventHandlersSet => "安排了承办人员", "Handlers assigned";
        EventStarted => "开始办理", "Handling started";
        EventResolved => "已化解", "Resolved";
        EventMediationFailed => "调解未成功", "Mediation failed";
        EventReferred => "已转交", "Referred";
        EventFollowUpBegun => "开始回访", "Follow-up started";
        EventVisitRecorded => "记录了回访", "Return visit recorded";
        EventFeedbackGiven => "居民作出评价", "Resident feedback";
        EventClosed => "已结案", "Closed";
        EventReopened => "重新办理", "Reopened";
        EventEscalated => "超时上报", "Escalated as overdue";
        EventConflictSinceSet => "记录了矛盾起始时间", "Conflict start recorded";
        EventMergedInto => "与另一件反映合并办理", "Merged with another report";
        EventMoved => "移交另一街道办理", "Moved to another street";
        EventPersonalDataErased => "已按保存期限删除个人信息", "Personal data erased after the retention period";
        EventAbsorbedDuplicate => "合并了重复反映", "Duplicate report merged in";
        StaffOnly => "仅内部可见", "Staff only";

        KindDisputeShort => "纠纷", "Dispute";
        KindHazardShort => "隐患", "Hazard";

        StatusReported => "已上报", "Reported";
        StatusRejected => "未受理", "Not accepted";
        StatusAccepted => "已受理", "Accepted";
        StatusAssigned => "已分派", "Assigned";
        StatusInProgress => "处理中", "In progress";
        StatusResolved => "已化解", "Resolved";
        StatusMediationFailed => "调解未成功", "Mediation failed";
        StatusReferred => "已转交", "Referred";
        StatusFollowUp => "回访中", "Follow-up";
        StatusClosed => "已结案", "Closed";

        RoleCoordinator => "协调员", "Coordinator";
        RoleAdmin => "管理员", "Administrator";
        RoleMediator => "调解员", "Mediator";
        RoleGridWorker => "网格员", "Grid worker";
        RolePolice => "民警", "Police officer";
        RoleProsecutor => "检察官", "Prosecutor";
        RoleJudge => "法官", "Judge";
        RoleCounselor => "心理咨询师", "Counselor";
        RoleDepartmentLiaison => "部门联络员", "Department liaison";
        RoleDistrictCoordinator => "区协调员", "District coordinator";
        RoleDistrictAdmin => "区管理员", "District administrator";

        ChannelWeb => "网上反映", "Web";
        ChannelWalkIn => "来访", "Walk-in";
        ChannelHotline => "热线", "Hotline";
        ChannelGridPatrol => "网格巡查", "Grid patrol";
        ChannelVolunteer => "志愿者协助", "With a volunteer";
        ChannelReferralIn => "转入", "Referral";

        Username => "用户名", "Username";
        Password => "密码", "Password";
        InvalidCredentials => "用户名或密码不正确", "Wrong username or password";
        SessionEnded => "登录已失效，请重新登录。", "Your session has ended; please sign in again.";
        CaseNotFound => "找不到这个事项：编号可能有误，或不在您负责的社区。", "No such case: the code may be wrong, or it is outside your communities.";
        DetailKind => "类型", "Kind";
        PartyApplicant => "申请人", "Applicant";
        PartyRespondent => "对方当事人", "Respondent";

        Saved => "已保存", "Saved";
        StageTriage => "受理时限", "Acceptance";
        StageDispatch => "分派时限", "Assignment";
        StageHandling => "办理时限", "Handling";
        StageFollowUp => "回访时限", "Follow-up";
        ClockLabel => "时限", "Time limit";
        OutcomeLabel => "结果", "Outcome";
        OutcomeAgreement => "双方达成了协议", "An agreement was reached";
        OutcomeFixed => "问题已经解决", "The problem was fixed";
        OutcomeWithdrawn => "申请人撤回了反映", "The report was withdrawn";
        ReferralLabel => "已转交", "Referred to";
        ReferralExplain => "调解没有成功，您的事情已转交给下面的机构继续处理，街道仍会回访。", "Mediation did not settle it, so your matter has been passed on to the body below. The street office will still follow up with you.";
        RefJudgeWorkstation => "法官工作站（司法确认）", "Judge workstation (judicial confirmation)";
        RefCourt => "人民法院", "Court";
        RefArbitration => "仲裁机构", "Arbitration";
        RefDepartment => "政府主管部门", "Government department";
        ReceivingBodyLabel => "接收单位", "Receiving body";
        RejectionLabel => "未受理的原因", "Why it was not accepted";
        RedirectLabel => "建议您去", "Where to go instead";
        FeedbackSettledYes => "居民确认事情已解决", "The resident confirmed it is settled";
        FeedbackSettledNo => "居民表示事情还没有解决", "The resident said it is not settled";
        FeedbackTitle => "您的评价", "Your feedback";
        FeedbackIntro => "工作人员已经处理了您的事情。请告诉我们结果怎么样。", "Staff have dealt with your matter. Please tell us how it went.";
        SettledLegend => "事情解决了吗？", "Is the matter settled?";
        SettledYes => "是，已经解决了", "Yes, it is settled";
        SettledNo => "没有，还没解决", "No, it is not settled";
        SatisfactionLegend => "您对处理过程满意吗？", "How satisfied are you with how it was handled?";
        Satisfaction1 => "1 — 非常不满意", "1 — Very dissatisfied";
        Satisfaction2 => "2 — 不满意", "2 — Dissatisfied";
        Satisfaction3 => "3 — 一般", "3 — Neither";
        Satisfaction4 => "4 — 满意", "4 — Satisfied";
        Satisfaction5 => "5 — 非常满意", "5 — Very satisfied";
        CommentLabel => "还想说的话（选填）", "Anything else you want to tell us (optional)";
        FeedbackSubmit => "提交评价", "Send feedback";
        FeedbackThanks => "谢谢您的评价！我们已经收到。", "Thank you for your feedback! We have received it.";
        FeedbackNotOpen => "这件事现在不需要评价了。下面是最新进度。", "This matter is not waiting for feedback any more. The latest state is shown below.";
        ConflictSinceLabel => "这件事从什么时候开始的？（选填）", "Since when has this been going on? (optional)";
        ConflictSinceHelp => "写出大概的年份和月份就可以", "The year and month are enough";
        ConflictSinceShort => "开始时间", "Going on since";
        ProblemFutureMonth => "不能晚于本月，请重新选择", "This can't be later than this month; please choose again";
    }
    /// Words with a number `{n}`; English may have a singular after `|`.
    MsgN {
        ProblemTooShort(n) => "至少需要 {n} 个字", "Please write at least {n} characters" | "Please write at least {n} character";
        ProblemTooLong(n) => "最多 {n} 个字，请删减一些", "Please keep it to {n} characters or fewer" | "Please keep it to {n} character or fewer";

        UnitDays(n) => "{n} 天", "{n} days" | "{n} day";
        UnitHours(n) => "{n} 小时", "{n} h";
        UnitMinutes(n) => "{n} 分钟", "{n} min";
        SatisfactionOf(n) => "满意度 {n} / 5", "Satisfaction {n} of 5";
        PhotosAtMost(n) => "最多 {n} 张照片", "At most {n} photos" | "At most {n} photo";
    }
    /// Words around other words `{x}`.
    MsgX {
        ClockDueIn(x) => "{x}后到期", "due in {x}";
        ClockOverdue(x) => "已超期 {x}", "overdue by {x}";
        HandledByRoles(x) => "承办：{x}", "Handled by: {x}";
        LocationIn(x) => "这个位置在：{x}", "This is in: {x}";
    }
    /// Words with two numbers `{n}` and `{m}`; the form follows `{n}`.
    MsgNM {
        StepProgress(n, m) => "第 {n} 步，共 {m} 步", "Step {n} of {m}";
    }
}

pub fn status_msg(status: CaseStatus) -> Msg {
    match status {
        CaseStatus::Reported => Msg::StatusReported,
        CaseStatus::Rejected => Msg::StatusRejected,
        CaseStatus::Accepted => Msg::StatusAccepted,
        CaseStatus::Assigned => Msg::StatusAssigned,
        CaseStatus::InProgress => Msg::StatusInProgress,
        CaseStatus::Resolved => Msg::StatusResolved,
        CaseStatus::MediationFailed => Msg::StatusMediationFailed,
        CaseStatus::Referred => Msg::StatusReferred,
        CaseStatus::FollowUp => Msg::StatusFollowUp,
        CaseStatus::Closed => Msg::StatusClosed,
    }
}

pub fn role_msg(role: Role) -> Msg {
    match role {
        Role::Coordinator => Msg::RoleCoordinator,
        Role::Admin => Msg::RoleAdmin,
        Role::Mediator => Msg::RoleMediator,
        Role::GridWorker => Msg::RoleGridWorker,
        Role::Police => Msg::RolePolice,
        Role::Prosecutor => Msg::RoleProsecutor,
        Role::Judge => Msg::RoleJudge,
        Role::Counselor => Msg::RoleCounselor,
        Role::DepartmentLiaison => Msg::RoleDepartmentLiaison,
        Role::DistrictCoordinator => Msg::RoleDistrictCoordinator,
        Role::DistrictAdmin => Msg::RoleDistrictAdmin,
    }
}

pub fn channel_msg(channel: Channel) -> Msg {
    match channel {
        Channel::Web => Msg::ChannelWeb,
        Channel::WalkIn => Msg::ChannelWalkIn,
        Channel::Hotline => Msg::ChannelHotline,
        Channel::GridPatrol => Msg::ChannelGridPatrol,
        Channel::Volunteer => Msg::ChannelVolunteer,
        Channel::ReferralIn => Msg::ChannelReferralIn,
    }
}

pub fn kind_msg(kind: CaseKind) -> Msg {
    match kind {
        CaseKind::Dispute => Msg::KindDisputeShort,
        CaseKind::Hazard => Msg::KindHazardShort,
    }
}

/// A note the product wrote on a timeline, in the reader's language.
pub fn note_msg(code: NoteCode) -> Msg {
    match code {
        NoteCode::SessionAgreement => Msg::NoteSessionAgreement,
        NoteCode::SessionNoAgreement => Msg::NoteSessionNoAgreement,
    }
}

pub fn event_msg(kind: EventKind) -> Msg {
    match kind {
        EventKind::Filed => Msg::EventFiled,
        EventKind::Note => Msg::EventNote,
        EventKind::Accepted => Msg::EventAccepted,
        EventKind::Rejected => Msg::EventRejected,
        EventKind::Recategorized => Msg::EventRecategorized,
        EventKind::RiskAssessed => Msg::EventRiskAssessed,
        EventKind::RiskOverridden => Msg::EventRiskOverridden,
        EventKind::HandlersSet => Msg::EventHandlersSet,
        EventKind::Started => Msg::EventStarted,
        EventKind::Resolved => Msg::EventResolved,
        EventKind::MediationFailed => Msg::EventMediationFailed,
        EventKind::Referred => Msg::EventReferred,
        EventKind::FollowUpBegun => Msg::EventFollowUpBegun,
        EventKind::VisitRecorded => Msg::EventVisitRecorded,
        EventKind::FeedbackGiven => Msg::EventFeedbackGiven,
        EventKind::Closed => Msg::EventClosed,
        EventKind::Reopened => Msg::EventReopened,
        EventKind::Escalated => Msg::EventEscalated,
        EventKind::ConflictSinceSet => Msg::EventConflictSinceSet,
        EventKind::MergedInto => Msg::EventMergedInto,
        EventKind::AbsorbedDuplicate => Msg::EventAbsorbedDuplicate,
        // Both halves of a move read alike; the codes beside them say which way.
        EventKind::TransferredOut | EventKind::TransferredIn => Msg::EventMoved,
        EventKind::PersonalDataErased => Msg::EventPersonalDataErased,
    }
}

pub fn party_msg(role: PartyRole) -> Msg {
    match role {
        PartyRole::Applicant => Msg::PartyApplicant,
        PartyRole::Respondent => Msg::PartyRespondent,
    }
}

/// A rejected field in words, without the code: choices and typed text get different advice.
pub fn problem_text(field: &str, problem: &FieldProblem, lang: Lang) -> String {
    let is_choice = matches!(field, "kind" | "category" | "community" | "grid");
    match problem {
        FieldProblem::InvalidFormat if field.starts_with("answers.") => {
            Msg::ProblemNumber.text(lang).to_owned()
        }
        FieldProblem::InvalidFormat if field.starts_with("location.") => {
            Msg::ProblemCoordinate.text(lang).to_owned()
        }
        FieldProblem::InvalidFormat if field == "conflict_since" => {
            Msg::ProblemFutureMonth.text(lang).to_owned()
        }
        FieldProblem::Required if is_choice => Msg::ProblemChoose.text(lang).to_owned(),
        FieldProblem::Required => Msg::ProblemRequired.text(lang).to_owned(),
        FieldProblem::TooShort { min } => MsgN::ProblemTooShort.with(lang, *min),
        FieldProblem::TooLong { max } => MsgN::ProblemTooLong.with(lang, *max),
        FieldProblem::ControlCharacters => Msg::ProblemControl.text(lang).to_owned(),
        FieldProblem::InvalidPhone => Msg::ProblemPhone.text(lang).to_owned(),
        FieldProblem::InvalidFormat if !is_choice => Msg::ProblemRequired.text(lang).to_owned(),
        FieldProblem::UnknownCommunity
        | FieldProblem::UnknownGrid
        | FieldProblem::UnknownCategory
        | FieldProblem::CategoryKindMismatch
        // Only staff forms meet this one, and word it themselves.
        | FieldProblem::NotInFollowUp
        | FieldProblem::InvalidFormat => Msg::ProblemChooseAgain.text(lang).to_owned(),
        FieldProblem::Taken => Msg::ProblemTaken.text(lang).to_owned(),
        FieldProblem::Mismatch => Msg::ProblemMismatch.text(lang).to_owned(),
    }
}

pub fn outcome_msg(outcome: Outcome) -> Msg {
    match outcome {
        Outcome::AgreementReached => Msg::OutcomeAgreement,
        Outcome::ProblemFixed => Msg::OutcomeFixed,
        Outcome::Withdrawn => Msg::OutcomeWithdrawn,
    }
}

pub fn referral_msg(target: ReferralTarget) -> Msg {
    match target {
        ReferralTarget::JudgeWorkstation => Msg::RefJudgeWorkstation,
        ReferralTarget::Court => Msg::RefCourt,
        ReferralTarget::Arbitration => Msg::RefArbitration,
        ReferralTarget::Department => Msg::RefDepartment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_too_short_description_names_the_minimum() {
        let text = problem_text("description", &FieldProblem::TooShort { min: 2 }, Lang::En);
        assert_eq!(text, "Please write at least 2 characters");
        assert_eq!(
            problem_text("grid", &FieldProblem::Required, Lang::Zh),
            "请选择一项"
        );
    }

    #[test]
    fn counts_of_one_are_singular_in_english() {
        assert_eq!(MsgN::UnitDays.with(Lang::En, 1), "1 day");
        assert_eq!(MsgN::UnitDays.with(Lang::En, 3), "3 days");
        assert_eq!(MsgN::UnitDays.with(Lang::Zh, 1), "1 天");
    }
}
