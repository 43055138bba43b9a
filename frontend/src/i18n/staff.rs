//! The staff console's words (queue, case detail, actions, intake, administration,
//! volunteers), zh-CN and English. Only staff code reaches this module, so the resident and
//! party bundles do not carry them.

use crate::i18n::{messages, Lang, Msg};
use accord_shared::lifecycle::CommandKind;
use accord_shared::risk::RiskLevel;
use accord_shared::time_limits::EscalationLevel;

messages! {
    /// Plain words.
    StaffMsg {
        CasePhotosTitle => "照片", "Photos";
        NoPhotos => "还没有照片", "No photos yet";
        SendPhotos => "上传照片", "Send photos";
        OpenPhoto => "查看原图", "Open full size";
        PhotoByReporter => "报告人上传", "From the reporter";
        ReporterLocation => "报告人提供的位置", "Location the reporter shared";
        StaffConsole => "工作台", "Staff console";
        LoginTitle => "工作人员登录", "Staff sign-in";
        SignIn => "登录", "Sign in";
        SigningIn => "正在登录…", "Signing in…";
        SignOut => "退出登录", "Sign out";
        QueueTitle => "待办事项", "Open cases";
        NotFoundTitle => "没有这个页面", "Page not found";
        NotFoundBody => "这个地址没有对应的页面，可能是链接有误或页面已移动。", "Nothing is at this address: the link may be wrong, or the page has moved.";
        NotFoundBack => "回到首页", "Back to the first screen";
        QueueEmpty => "目前没有待处理的事项。新的反映会出现在这里，稍后点“刷新”查看。", "No open cases right now. New reports appear here; press Refresh later.";
        LoadMore => "加载更多", "Load more";
        SearchLabel => "查找案件", "Find a case";
        SearchHintContact => "案件编号，或当事人姓名、电话、地址的一部分（所有案件，含已结案）", "A case code, or part of a party's name, phone number or address (every case, closed ones too)";
        SearchHintCode => "案件编号，如 ZH01-2026-0001", "A case code, such as ZH01-2026-0001";
        SearchButton => "查找", "Search";
        SearchClear => "返回待办", "Back to the open cases";
        SearchResults => "查找结果", "Search results";
        SearchNone => "没有找到相符的案件。", "No case matches.";
        SearchCodeOnly => "您只能按案件编号查找（查看联系方式的权限才可按姓名、电话或地址查找）。", "You can search by case code only (searching by name, phone or address needs the right to see contact details).";
        SearchTooShort => "请至少输入 2 个字或 4 位数字", "Type at least 2 characters or 4 digits";
        NoticesNav => "通知", "Notices";
        SecretReissueTitle => "查询密码", "The resident's secret";
        SecretReissueHelp => "当事人丢了查询密码时：先电话核实对方身份（姓名、电话与登记一致），再为其设置新密码并当面或电话告知。原密码随即失效。", "When the resident has lost their secret: first check by phone who is calling (name and phone as on record), then set a new one and read it out to them. The old one stops working.";
        SecretReissueButton => "设置新密码", "Set a new secret";
        SecretReissueConfirm => "已核实对方身份？设置新密码后，原密码立即失效。", "Have you checked who is calling? Once a new secret is set, the old one stops working.";
        SecretReissued => "新密码（只显示这一次，请告知当事人）：", "The new secret (shown only now; tell it to the resident):";
        NoticesTitle => "我的通知", "My notices";
        NoticesEmpty => "目前没有通知。您经办的事项超期上报或协议条款到期未履行时，会在这里告诉您。", "No notices. When a case you handle is escalated, or a term of its agreement is not carried out by its date, you are told here.";
        NoticeAgreementDefault => "协议条款到期未履行，事项已重新打开", "A term of the agreement was not carried out by its date: the case reopened";
        NoticeEscalated => "事项已超期，已逐级上报", "Past its deadline: the case was escalated";
        NoticeNew => "新", "new";
        PushTitle => "手机提醒", "Notifications on this device";
        PushIntro => "开启后，您被指派新事项、经办事项超期上报、调解会有变化时，这台设备会提醒您。提醒里只有事项编号。", "Once on, this device tells you when you are assigned a case, a case you handle is escalated, or one of your sessions changes. A notification names the case code only.";
        PushTurnOn => "开启提醒", "Turn notifications on";
        PushTurnOff => "关闭提醒", "Turn notifications off";
        PushIsOn => "已开启。", "On.";
        PushRefused => "这个浏览器不能显示提醒，或已拒绝提醒；本页的通知照常列出。", "This browser does not show notifications, or they were refused; this page lists your notices as before.";
        PushFailed => "没能开启提醒，请稍后再试。", "Notifications could not be turned on; please try again later.";
        NoticesUnread => "条未读", "unread";
        Refresh => "刷新", "Refresh";
        AllCommunities => "全部社区", "All communities";
        ColCode => "编号", "Code";
        ColCategory => "类别", "Category";
        ColPlace => "社区 / 网格", "Community / grid";
        ColStatus => "状态", "Status";
        ColFiled => "提交时间", "Filed";
        ColApplicant => "申请人", "Applicant";
        BackToQueue => "返回待办事项", "Back to open cases";
        DetailDescription => "事情经过", "What happened";
        DetailAnswers => "补充问题", "Extra questions";
        DetailAddress => "地址", "Address";
        DetailChannel => "来源", "Channel";
        DetailParties => "当事人", "Parties";
        DetailRecordedBy => "登记人", "Recorded by";
        NoPhone => "无电话", "No phone";

        RiskLabel => "风险", "Risk";
        RiskLow => "低风险", "Low risk";
        RiskMedium => "中风险", "Medium risk";
        RiskHigh => "高风险", "High risk";
        RiskCritical => "极高风险", "Critical risk";
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
        FlagsLabel => "提示", "Flags";

        ViewsLabel => "显示哪些事项", "Which cases";
        ViewOpen => "全部待办", "All open";
        ViewUnassigned => "未分派", "Unassigned";
        ViewHighRisk => "高风险", "High risk";
        ViewOverdue => "已超期", "Overdue";
        ViewMine => "我的事项", "My work";
        ViewEscalatedStreet => "已上报街道", "Escalated to the street";
        ViewEscalatedDistrict => "已上报区", "Escalated to the district";
        QueueEmptyView => "这里没有事项。可以换一个视图或社区看看，或稍后点“刷新”。", "Nothing here. Try another view or community, or press Refresh later.";
        ColRisk => "风险", "Risk";
        ColDue => "时限", "Time limit";
        ColHandlers => "承办", "Handlers";
        RunEscalations => "立即检查超期事项", "Check overdue cases now";

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
        ProblemDateOrder => "结束日期早于开始日期", "The end comes before the start";
        ProblemTooShortAny => "内容太短", "This is too short";
        ProblemTooLongAny => "内容太长，请删减一些", "This is too long; please shorten it";

        VersionConflict => "这件事在您查看时被修改了，已重新加载。请核对后再试；您填写的内容还在。", "This case changed while you were looking at it; it has been reloaded. Check and try again — what you typed is kept.";
        InvalidTransition => "事项现在的状态不允许这个操作。", "This can't be done in the case's current status.";
        Forbidden => "您没有权限做这个操作。", "You are not allowed to do this.";
        DuplicatesTitle => "可能重复的反映", "Possible duplicates";
        DuplicatesHelp => "同一社区、同一类别、同一地址的其他待办事项。", "Other open cases with the same community, category and address.";
        Merged => "已合并", "Merged";

        MoveTitle => "移交到其他街道", "Move to another street";
        MoveHelp => "本事项在这里结案，以接收街道的新编号继续办理，由那里重新受理和分派。居民原来的查询码和密码仍然可用。", "The case closes here and continues under a new code of the receiving street, which triages it afresh. The resident's code and secret keep working.";
        MoveCommunity => "接收社区（其他街道）", "Receiving community (another street)";
        MoveGrid => "接收网格", "Grid there";
        MoveReason => "移交原因", "Why it moves";
        MoveReasonHelp => "两个街道的工作人员都能看到，居民看不到", "Staff of both streets see this; the resident does not";
        MoveSubmit => "确认移交", "Move the case";
        MoveNoStreet => "区里没有其他街道可以接收这件事。", "There is no other street in the district to move it to.";
        ProblemOtherStreet => "请选择其他街道的社区", "Choose a community of another street";
        MovedToNotice => "已移交到其他街道，在那里继续办理，新编号：", "Moved to another street: continues as";
        MovedFromNotice => "由其他街道移交而来，原编号：", "Moved here from";

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

        PasswordNav => "修改密码", "Change password";
        PasswordTitle => "修改密码", "Change your password";
        PasswordForcedIntro => "管理员为您设置了临时密码。请先设置您自己的密码，然后才能继续使用。", "Your administrator set a temporary password. Choose your own password before you go on.";
        PasswordIntro => "修改后，您在其他设备上的登录会全部退出。", "After the change you are signed out on every other device.";
        CurrentPassword => "当前密码", "Current password";
        NewPassword => "新密码", "New password";
        NewPasswordHelp => "至少 12 个字符；不能包含用户名，不能全是同一个字符，不能与当前密码相同", "At least 12 characters; not containing your username, not one character repeated, not the same as the current one";
        RepeatPassword => "再输入一次新密码", "New password again";
        ProblemCurrentMismatch => "当前密码不对", "This is not your current password";
        ProblemPasswordShort => "至少需要 12 个字符", "Use at least 12 characters";
        ProblemPasswordWeak => "不能包含用户名、不能全是同一个字符、不能与当前密码相同", "It must not contain the username, repeat one character, or equal the current password";
        ProblemRepeat => "两次输入的新密码不一样", "The two new passwords differ";
        PasswordSubmit => "保存新密码", "Save new password";
        PasswordChanged => "密码已修改，其他设备上的登录已退出", "Password changed; you are signed out everywhere else";

        AdminUsersNav => "账号", "Users";
        AdminDirectoryNav => "目录", "Directory";
        AdminAuditNav => "审计日志", "Audit log";

        UsersTitle => "账号管理", "User accounts";
        UsersEmpty => "还没有其他账号。用“新建账号”添加一个。", "No other accounts yet. Add one with “New account”.";
        NewUserTitle => "新建账号", "New account";
        UsernameHelp => "3–32 个小写字母、数字或 . _ -，创建后不能修改", "3–32 lowercase letters, digits or . _ -; cannot be changed later";
        DisplayName => "姓名", "Display name";
        RoleLabel => "角色", "Role";
        ScopeLegend => "负责范围", "Scope";
        ScopeDistrict => "全区", "The whole district";
        ScopeStreet => "一个街道的全部社区", "One whole street";
        ScopeCommunities => "指定社区", "Chosen communities";
        ScopeHelp => "区协调员和区管理员负责全区；协调员、管理员和法官可以负责一个街道的全部社区；调解员、网格员等负责指定社区（可以属于不同街道）", "District coordinators and administrators have the whole district; coordinators, administrators and judges may have one whole street; mediators, grid workers and others serve chosen communities (of one street or several)";
        StreetLabel => "街道", "Street";
        CommunitiesLegend => "社区（可多选）", "Communities (one or more)";
        TempPassword => "临时密码", "Temporary password";
        TempPasswordHelp => "至少 12 个字符。请当面或打电话告诉对方；对方第一次登录时必须改成自己的密码。", "At least 12 characters. Tell the person face to face or by phone; they must choose their own at first sign-in.";
        CreateUser => "创建账号", "Create account";
        UserCreated => "账号已创建", "Account created";
        ProblemUsername => "只能用 3–32 个小写字母、数字或 . _ -", "Use 3–32 lowercase letters, digits or . _ -";
        ProblemScope => "请选择与角色相符的范围：区协调员和区管理员选全区；协调员、管理员和法官可以选一个街道；其他角色至少选一个社区", "Choose a scope that fits the role: the whole district for district coordinators and administrators; one whole street for coordinators, administrators and judges if wanted; at least one community for everyone else";
        StatusActive => "正常", "Active";
        StatusDisabled => "已停用", "Disabled";
        MustChangeMark => "临时密码尚未修改", "Temporary password not changed yet";
        YouMark => "（您自己）", "(you)";
        SaveChanges => "保存修改", "Save changes";
        DisableUser => "停用账号", "Disable account";
        EnableUser => "重新启用账号", "Enable account";
        DisableWarning => "停用后，此人的所有登录会立即退出，并且不能再登录，直到重新启用。", "Disabling signs this person out everywhere at once; they cannot sign in until the account is enabled again.";
        ResetPassword => "重置密码", "Reset password";
        ResetWarning => "重置后，此人的所有登录会立即退出；下次须用临时密码登录，并改成自己的密码。", "Resetting signs this person out everywhere at once; next time they sign in with the temporary password and must choose their own.";
        UserSaved => "已保存", "Saved";
        UserDisabledToast => "账号已停用，此人已被退出登录", "Account disabled; the person has been signed out";
        UserEnabledToast => "账号已重新启用", "Account enabled";
        PasswordResetToast => "密码已重置，此人已被退出登录", "Password reset; the person has been signed out";

        DirectoryTitle => "区和街道目录", "District and street directory";
        DirectoryIntro => "各街道的社区和网格、事项类别、调解场所、办理时限和个人信息保存期限。改好后点页面底部的“保存目录”，一次全部保存。", "The communities and grids of each street, categories, places for sessions, time limits and how long personal data is kept. Press “Save directory” at the bottom to save everything at once.";
        CommunitiesTitle => "社区和网格", "Communities and grids";
        CommunitiesHelp => "社区按所属街道列出。已有社区的代码、街道和编号不能修改。", "Communities are listed under their street. An existing community keeps its id, street and number.";
        AddCommunity => "添加社区", "Add a community";
        NewCommunity => "新社区", "New community";
        CommunityId => "社区代码", "Community id";
        CommunityNumberLabel => "社区编号（1–99）", "Community number (1–99)";
        CommunityNumberHelp => "事项编号中使用，同一街道内不能重复", "Used in case codes; different within a street";
        NameZh => "中文名称", "Name in Chinese";
        NameEn => "英文名称", "Name in English";
        GridsLegend => "网格", "Grids";
        GridId => "网格编号", "Grid id";
        AddGrid => "添加网格", "Add a grid";
        CategoriesTitle => "事项类别", "Categories";
        CategoryId => "类别编号", "Category id";
        AddCategory => "添加类别", "Add a category";
        TimeLimitsTitle => "办理时限（小时）", "Time limits (hours)";
        TimeLimitsHelp => "按类型、类别和风险等级，每个阶段允许的小时数。写明类别的行优先于同类型的通用行。", "Hours allowed for each stage by kind, category and risk. A row naming a category wins over the general row for its kind.";
        AllCategories => "全部类别", "All categories";
        RetentionDays => "个人信息保存天数", "Days personal data is kept";
        SetByDistrict => "由区管理员设定，全区通用", "Set for the whole district by the district administrator";
        RetentionDaysHelp => "结案后过了这么多天，删除个人信息，只保留统计数据（30–36500 天）", "This many days after closure, personal data is erased and only the figures stay (30–36,500 days)";
        SaveDirectory => "保存目录", "Save directory";
        DirectorySaved => "目录已保存", "Directory saved";
        DirProblemCommunities => "社区有误：编号不能重复，中英文名称都要填写", "Check the communities: ids must differ and both names are needed";
        DirProblemGrids => "网格有误：每个社区至少一个网格，网格编号不能重复，中英文名称都要填写", "Check the grids: each community needs one, ids must differ and both names are needed";
        DirProblemNumber => "社区编号须是 1 到 99 之间的整数，同一街道内不能重复；已有社区的编号不能修改", "Community numbers are whole numbers from 1 to 99, different within a street; an existing community keeps its number";
        DirProblemStreet => "每个社区都要属于一个街道，每个街道至少要有一个社区", "Each community belongs to a street, and each street needs at least one community";
        DirProblemCategories => "类别有误：编号不能重复，中英文名称都要填写，纠纷和隐患各至少一个", "Check the categories: ids must differ, both names are needed, and each kind needs at least one";
        DirProblemTimeLimits => "每个时限都要是 1 到 8784 之间的整数（小时）", "Every time limit must be a whole number of hours from 1 to 8784";
        DirProblemRetention => "请填写 30 到 36500 之间的天数", "Enter a number of days from 30 to 36,500";
        PlaceAddressZh => "地址（中文）", "Address (Chinese)";
        PlaceAddressEn => "地址（英文）", "Address (English)";
        PlacesTitle => "调解室和法官工作站", "Mediation rooms and judge workstations";
        PlacesHelp => "调解会在这些地方举行；参加的人数不能超过最多容纳人数。社区的场所属于社区所在的街道；全街道共用的场所要选街道。已有场所的编号、类型、所属社区和街道不能修改。", "Sessions are held in these places and may not hold more people than the capacity. A community's place belongs to its community's street; a place the whole street shares needs its street. An existing place keeps its id, kind, community and street.";
        PlaceId => "场所编号", "Place id";
        PlaceKindLabel => "类型", "Kind";
        PlaceMediationRoom => "调解室", "Mediation room";
        PlaceJudgeWorkstation => "法官工作站", "Judge workstation";
        PlaceCommunity => "所属社区", "Community";
        PlaceWholeStreet => "全街道共用", "Whole street";
        PlaceCapacity => "最多容纳人数", "Capacity (people)";
        NewPlace => "新场所", "New place";
        AddPlace => "添加场所", "Add a place";
        DirProblemPlaces => "场所有误：编号不能重复，中英文名称都要填写，容纳人数须是 1 到 500 之间的整数", "Check the places: ids must differ, both names are needed, and the capacity must be a whole number from 1 to 500";
        DirIndexIntro => "每个社区、每个街道的设置和全区设置各有一页，分别保存，不会影响别人同时修改的其他部分。", "Each community, each street's settings and the district's settings have a screen of their own and are saved on their own, so nobody overwrites what someone else is changing elsewhere.";
        DistrictSettingsLink => "全区设置：事项类别、办理时限、保存期限", "District settings: categories, time limits, retention";
        StreetSettingsLink => "街道设置：提供的类别、办理时限、共用场所", "Street settings: categories offered, time limits, shared places";
        StreetCommunities => "社区", "Communities";
        BackToDirectory => "返回目录", "Back to the directory";
        CommunityTitle => "社区", "Community";
        CommunityNotFound => "没有这个社区，或不在您管理的街道。", "There is no such community, or it is not in a street you manage.";
        StreetNotFound => "没有这个街道，或不是您管理的街道。", "There is no such street, or it is not one you manage.";
        CommunityPlacesHelp => "这个社区的调解室等场所。参加的人数不能超过最多容纳人数；已有场所的编号和类型不能修改。", "This community's mediation rooms and other places. Sessions may not hold more people than the capacity; an existing place keeps its id and kind.";
        StreetPlacesHelp => "全街道共用的场所，如法官工作站。已有场所的编号和类型不能修改。", "Places the whole street shares, such as the judge workstation. An existing place keeps its id and kind.";
        SaveCommunity => "保存社区", "Save community";
        CommunitySaved => "社区已保存", "Community saved";
        SaveSettings => "保存设置", "Save settings";
        SettingsSaved => "设置已保存", "Settings saved";
        QuestionsTitle => "补充问题", "Extra questions";
        QuestionsIntro => "群众反映这一类事情时，除常规内容外还要回答的问题。修改后只影响新提交的事项，已受理的事项保留当时的问题和回答。", "What a filing of this category is asked beyond the usual fields. A change applies to new filings only: cases filed before keep the questions they answered.";
        QuestionsLink => "补充问题", "Extra questions";
        QuestionsSaved => "补充问题已保存", "Questions saved";
        SaveQuestions => "保存补充问题", "Save the questions";
        AddQuestion => "添加问题", "Add a question";
        QuestionZh => "问题（中文）", "Question (Chinese)";
        QuestionEn => "问题（英文）", "Question (English)";
        QuestionKindLabel => "回答方式", "Answered with";
        QuestionKindText => "文字", "Words";
        QuestionKindNumber => "数字", "A number";
        QuestionKindYesNo => "是 / 否", "Yes or no";
        QuestionKindChoice => "从选项中选一个", "One of a list";
        QuestionChoices => "选项", "Choices";
        QuestionChoicesHelp => "每行一个，写成“中文 / English”，2 到 12 个", "One a line, as “中文 / English”, 2 to 12 of them";
        QuestionRequired => "必须回答", "Must be answered";
        QuestionUp => "上移", "Move up";
        QuestionRemove => "删除这个问题", "Remove this question";
        QuestionProblem => "请把问题的中英文都填上（各不超过 120 字）；选择题需要 2 到 12 个不同的选项。", "Give the question in both languages (120 characters at most each); a list needs 2 to 12 different choices.";
        NoSuchCategory => "没有这个事项类别。", "There is no such category.";
        BackToDistrict => "返回全区设置", "Back to the district settings";
        DistrictSettingsTitle => "全区设置", "District settings";
        DistrictSettingsIntro => "全区通用的事项类别、办理时限和个人信息保存期限。街道可以只提供部分类别，也可以设定自己的时限。", "The categories, time limits and retention period of the whole district. A street may offer only some of the categories and set its own time limits.";
        StreetCategoriesTitle => "本街道提供的类别", "Categories this street offers";
        OfferAllCategories => "提供全区所有类别（包括以后新增的）", "Offer every category of the district (new ones too)";
        StreetLimitsTitle => "本街道的办理时限", "This street's time limits";
        UseDistrictLimits => "使用全区的办理时限", "Use the district's time limits";
        DirProblemOffered => "至少选择一个类别", "Choose at least one category";

        AuditTitle => "审计日志", "Audit log";
        AuditChain => "查看哪一本日志", "Which log";
        AuditStreetChain => "街道（账号、登录、目录）", "Street (accounts, sign-ins, directory)";
        ExportAudit => "导出日志文件", "Export the log as a file";
        AuditEmpty => "这本日志还没有记录。", "This log has no entries yet.";
        AuditCalendarChain => "调解日程（安排、确认、取消、当事人答复）", "Calendar (sessions proposed, confirmed, cancelled, answered)";
        AuditFilterTitle => "筛选", "Filter";
        AuditFilterActor => "操作人", "Who";
        AuditFilterActorHelp => "用户名的一部分，或“resident”“volunteer”“party”“system”", "Part of a username, or resident, volunteer, party, system";
        AuditFilterAction => "操作", "What";
        AuditFilterTarget => "案件编号或对象", "Case code or what it was about";
        AuditFilterFrom => "从（含）", "From (inclusive)";
        AuditFilterTo => "到（含）", "To (inclusive)";
        AuditFilterApply => "筛选", "Apply";
        AuditFilterReset => "清除筛选", "Clear the filter";
        AuditOlder => "更早的记录", "Older entries";
        AuditAnyAction => "所有操作", "Anything";
        AuditGroupCase => "案件的变更与查阅", "Case changes and reads";
        AuditGroupContact => "查看联系方式", "Contact details read";
        AuditGroupLogin => "登录（含失败）", "Sign-ins (and failed ones)";
        AuditGroupUser => "账号", "Accounts";
        AuditGroupDirectory => "目录", "Directory";
        AuditGroupVolunteer => "志愿者链接", "Volunteer links";
        AuditGroupDocument => "文书", "Documents";
        AuditGroupAgreement => "调解协议", "Agreements";
        AuditGroupConfidential => "保密记录", "Confidential notes";
        AuditGroupSession => "调解日程", "Sessions";
        ActCaseReadContact => "查看了联系方式", "Read the contact details";
        ActCaseSecretReissued => "重设了查询密码", "Gave the resident a new secret";
        ActCaseImported => "导入历史案件", "Imported from the old records";
        ActLogin => "登录", "Signed in";
        ActLoginFailed => "登录失败", "Sign-in failed";
        ActUserCreated => "创建了账号", "Created an account";
        ActUserUpdated => "修改了账号", "Changed an account";
        ActUserDisabled => "停用了账号", "Disabled an account";
        ActUserPasswordReset => "重设了密码", "Reset a password";
        ActUserPasswordChanged => "修改了自己的密码", "Changed their own password";
        ActDirectoryUpdated => "修改了目录", "Changed the directory";
        ActVolunteerIssued => "发放了志愿者链接", "Issued a volunteer link";
        ActVolunteerRevoked => "收回了志愿者链接", "Revoked a volunteer link";
        ActDocumentIssued => "出具了文书", "Issued a document";
        ActDocumentVoided => "作废了文书", "Voided a document";
        ActAgreementDrafted => "起草了调解协议", "Drafted the agreement";
        ActAgreementConfirmed => "确认了调解协议", "Confirmed the agreement";
        ActAgreementDecision => "登记了司法确认结果", "Recorded the court's decision";
        ActAgreementPerformance => "登记了履行情况", "Recorded how a term was carried out";
        ActConfidentialWritten => "写了保密记录", "Wrote a confidential note";
        ActConfidentialShared => "分享了保密记录", "Shared a confidential note";
        ActSessionProposed => "提出了调解时间", "Proposed session times";
        ActSessionBooked => "安排了调解", "Booked a session";
        ActSessionConfirmed => "确定了调解时间", "Fixed the session's time";
        ActSessionRescheduled => "改了调解时间", "Moved the session";
        ActSessionCancelled => "取消了调解", "Cancelled the session";
        ActSessionHeld => "记录了调解经过", "Recorded the session as held";
        ActSessionNoShow => "记录了未到场", "Recorded that nobody came";
        ActSessionAnswered => "答复了可行时间", "Answered which times suit";
        ActSessionAttending => "确认会参加", "Said they will come";
        ActSessionRescheduleAsked => "请求改期", "Asked for another time";
        ActorParty => "当事人", "Party";
        ColSeq => "序号", "No.";
        ColWhen => "时间", "When";
        ColActor => "操作人", "Who";
        ColAction => "操作", "Action";
        ColTarget => "对象", "Target";
        ColOrigin => "来源", "From";
        ColHash => "校验值", "Hash";
        RetentionTitle => "个人信息保存期限", "Retention of personal data";
        RetentionRunHelp => "删除已超过保存期限的事项中的个人信息，统计数据保留。系统每天也会自动执行。", "Erases personal data from cases past the retention period; the figures stay. It also runs by itself every day.";
        RunRetention => "立即执行清理", "Run retention now";

        VolunteersNav => "志愿者", "Volunteers";
        VolunteersTitle => "志愿者链接", "Volunteer links";
        VolunteersIntro => "给社区志愿者发一个临时链接：不用密码，不用安装。志愿者用手机打开，就能代居民登记事项，或为您指定的事项记录回访。链接到期或撤销后立即失效。", "Give a community volunteer a temporary link: no password, nothing to install. On their phone they can record matters for residents, or record return visits for the cases you name. It stops working when it expires or is revoked.";
        IssueTitle => "发放新链接", "Issue a new link";
        VolunteerName => "志愿者姓名", "Volunteer's name";
        AllowIntake => "可以代居民登记新事项", "May record new matters for residents";
        FollowUpCases => "负责回访的事项编号（选填）", "Cases to visit (optional)";
        FollowUpHelp => "多个编号用空格或逗号分开，例如 ZH01-2026-0003；只能是这个社区的事项", "Separate codes with spaces or commas, e.g. ZH01-2026-0003; only cases of this community";
        ValidHours => "有效时长（小时）", "Valid for (hours)";
        ValidHoursHelp => "到时自动失效，例如 48 小时", "It stops working by itself after this, e.g. 48 hours";
        IssueLink => "生成链接", "Issue link";
        LinkReadyTitle => "链接已生成：请现在交给志愿者", "Link ready: hand it over now";
        LinkOnce => "这个链接只显示这一次。请让志愿者用手机扫描二维码，或复制链接发给他们。", "This link is shown only this once. Let the volunteer scan the QR code with their phone, or copy the link and send it to them.";
        QrLabel => "志愿者链接的二维码", "QR code of the volunteer link";
        CopyLink => "复制链接", "Copy link";
        LinksTitle => "已发放的链接", "Links issued";
        LinksEmpty => "还没有发放链接。用上面的表单给志愿者发一个。", "No links yet. Issue one to a volunteer with the form above.";
        LinkRevoked => "已撤销", "Revoked";
        LinkExpired => "已过期", "Expired";
        LinkActive => "有效", "Active";
        LinkRevokedToast => "链接已撤销，志愿者不能再使用", "Link revoked; the volunteer can no longer use it";
        MayRecord => "可代登记", "Records matters";
        IssuedAt => "发放时间", "Issued";
        LinkValidity => "有效期", "Valid";
        ProblemCaseCodes => "请检查事项编号：每个都必须是这个社区的事项", "Check the codes: each must be a case of this community";
        ProblemNotInFollowUp => "只能填写正在回访阶段的事项：其中有事项不在回访阶段", "Name only cases in follow-up: one of these is not in follow-up now";
        VisitNotPossible => "这个事项已不在回访阶段，无需再回访。如有疑问请联系社区。", "This case is no longer in follow-up; no visit is needed. Ask the community if in doubt.";
        ProblemHours => "请填写 1 到 168 之间的整数（最长 7 天）", "Enter a whole number from 1 to 168 (7 days at most)";
        ProblemNothingAllowed => "请至少允许代登记，或填写一件回访事项", "Allow recording matters, or name at least one case to visit";

        VolunteerTitle => "社区志愿者", "Community volunteer";
        VolIntro => "您可以用这个页面代居民登记事项，或记录回访。请不要把这个链接转发给别人。", "Use this page to record matters for residents or to record return visits. Please do not pass this link on.";
        VolChecking => "正在核对链接…", "Checking the link…";
        VolNoLink => "这个页面需要工作人员发给您的链接。请重新扫描二维码，或联系社区工作人员。", "This page needs the link staff gave you. Scan the QR code again, or ask community staff.";
        VolLinkDead => "这个链接已经不能用了（已过期或已被撤销）。如需继续，请联系社区工作人员发一个新链接。", "This link no longer works: it has expired or been revoked. Ask community staff for a new one.";
        VolIntakeTab => "代居民登记", "Record a matter";
        VolCasesTab => "回访", "Return visits";
        VolIntakeTitle => "代居民登记事项", "Record a matter for a resident";
        VolFiledTitle => "已登记：请把查询码和密码交给居民", "Recorded: give the resident the code and the secret";
        VolCasesEmpty => "没有交给您回访的事项。", "You have no cases to visit.";
        VolVisitSaved => "回访已记录", "Visit recorded";
        VolNotInFollowUp => "这件事还不在回访阶段，现在不能记录回访。", "This case is not in follow-up yet, so a visit cannot be recorded now.";
        ClientsNav => "Open311 接入", "Open311 clients";
        ClientsTitle => "Open311 接入方", "Open311 clients";
        ClientsIntro => "城市系统或市民应用可以通过 Open311 GeoReport v2 接口为本街道提交和查询事项。每个接入方一把密钥，只显示一次；不再使用时请立即撤销。", "City systems and civic apps can file and read this street's cases through Open311 GeoReport v2. Each client gets its own key, shown once; revoke it as soon as it is no longer used.";
        ClientIssueTitle => "发放密钥", "Issue a key";
        ClientName => "接入方名称", "Client name";
        ClientNameHelp => "例如：区城管平台、某某市民应用", "For example: the district's city-management system, a civic app";
        ClientStreet => "街道", "Street";
        ClientIssue => "发放密钥", "Issue the key";
        ClientKeyReady => "密钥已生成：请现在交给接入方", "Key ready: hand it over now";
        ClientKeyOnce => "这把密钥只显示这一次，系统只保存它的摘要。请复制后通过安全渠道交给接入方。", "This key is shown only this once; only its hash is kept. Copy it and hand it to the client by a safe channel.";
        ClientCopyKey => "复制密钥", "Copy the key";
        ClientsListTitle => "已接入的系统", "Clients";
        ClientsEmpty => "还没有接入方。用上面的表单为一个系统发放密钥。", "No clients yet. Issue a key to one with the form above.";
        ClientRevoke => "撤销密钥", "Revoke the key";
        ClientRevokeConfirm => "撤销后，这个接入方不能再提交事项；已提交的事项保留。", "Once revoked, this client can file nothing more; the cases it filed stay.";
        ClientRevokeYes => "确认撤销", "Yes, revoke it";
        ClientRevokeNo => "取消", "Cancel";
        ClientRevokedToast => "密钥已撤销，接入方不能再提交事项", "Key revoked; the client can file nothing more";
    }
    /// Words with a number `{n}`; English may have a singular after `|`.
    StaffN {
        ReopenedTimes(n) => "已重新办理 {n} 次", "Reopened {n} times" | "Reopened once";

        ChainIntact(n) => "✓ 日志完整：共 {n} 条，全部校验通过", "✓ Chain intact: {n} entries, all verified" | "✓ Chain intact: {n} entry, verified";
        AuditMatching(n) => "符合筛选的记录：{n} 条", "{n} entries match the filter" | "{n} entry matches the filter";
        ChainBroken(n) => "✗ 日志已被改动：从第 {n} 条起校验不通过", "✗ Chain broken at entry {n}: entries from there on do not verify";
        GridCount(n) => "{n} 个网格", "{n} grids" | "{n} grid";
        QuestionNumber(n) => "第 {n} 个问题", "Question {n}";
        QuestionsVersion(n) => "问题版本 {n}", "Questions version {n}";
        QuestionCount(n) => "补充问题（{n} 个）", "Extra questions ({n})" | "Extra questions (1)";
    }
    /// Words around other words `{x}`.
    StaffX {
        RiskFromFactors(x) => "按风险因素计算为：{x}", "The factors give: {x}";
        RiskOverriddenBy(x) => "已由 {x} 调整，原因：", "Overridden by {x} because: ";
        MergedInto(x) => "已合并到 {x}", "Merged into {x}";
        MergedFrom(x) => "已并入：{x}", "Merged in: {x}";

        LeadOf(x) => "{x} 牵头", "{x} leads";

        MergeInto(x) => "把 {x} 合并到本事项", "Merge {x} into this case";
        MovedAs(x) => "已移交，新编号 {x}", "Moved; it continues as {x}";
        ContinuesAs(x) => "新编号：{x}", "Continues as {x}";
        FormerCode(x) => "原编号：{x}", "Formerly {x}";

        EditUser(x) => "修改 {x}", "Edit {x}";
        ScopeStreetNamed(x) => "全街道：{x}", "The whole street: {x}";

        CommunityNumber(x) => "社区编号 {x}（不能修改）", "Community number {x} (cannot change)";
        StreetSettingsTitle(x) => "街道设置：{x}", "Street settings: {x}";

        ValidUntil(x) => "有效期至 {x}", "Valid until {x}";
        RevokeLink(x) => "撤销 {x} 的链接", "Revoke {x}'s link";
        VisitsOf(x) => "回访：{x}", "Visits: {x}";
        IssuedBy(x) => "{x} 发放", "Issued by {x}";
        RevokedBy(x) => "{x} 撤销", "Revoked by {x}";

        VolHello(x) => "您好，{x}", "Hello, {x}";
    }
    /// Words with two numbers `{n}` and `{m}`; the form follows `{n}`.
    StaffNM {
        EscalationResult(n, m) => "检查了 {n} 件到了升级时间的事项，其中 {m} 件已超时上报。", "Checked {n} cases whose deadline had come; {m} escalated." | "Checked {n} case whose deadline had come; {m} escalated.";

        RetentionResult(n, m) => "检查了 {n} 件保存期已满的已结束事项，删除了其中 {m} 件的个人信息。", "Examined {n} ended cases past the retention period; erased personal data from {m}." | "Examined {n} ended case past the retention period; erased personal data from {m}.";
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
        C::GiveFeedback
        | C::Escalate
        | C::MergeInto
        | C::AbsorbDuplicate
        | C::TransferOut
        | C::TransferIn => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
                    // A move has its own form (the district's), not a command button.
                    | CommandKind::TransferOut
                    | CommandKind::TransferIn
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
