//! The words of a party's session page (`/s#<token>`), zh-CN and English, and of the
//! agreement on the resident's tracking page. Only the party and tracking bundles reach them.

use crate::i18n::messages;

messages! {
    /// Plain words.
    PartyMsg {
        Title => "调解会", "Mediation session";
        Intro => "您好！街道调解员邀请您参加一次调解会。", "Hello! The street's mediator invites you to a mediation session.";
        AnswerLegend => "下面哪些时间您可以来？", "Which of these times can you come?";
        Can => "可以", "I can";
        Cannot => "不行", "I can't";
        SendAnswers => "提交我的回复", "Send my answers";
        AnswersSaved => "谢谢！您的回复已收到。调解员定下时间后，打开这个链接就能看到。", "Thank you! Your answers are in. Once the mediator fixes the time, this link shows it.";
        NeedAll => "请为每个时间选择“可以”或“不行”", "Please choose \"I can\" or \"I can't\" for every time";
        Attend => "我会按时参加", "I will come";
        Attending => "您已确认会参加，谢谢。", "You said you will come. Thank you.";
        AskOther => "申请换个时间", "Ask for another time";
        ReasonLabel => "为什么需要换时间？", "Why do you need another time?";
        ReasonHelp => "例如：那天要上班，周六上午可以", "For example: I work that day; Saturday morning suits me";
        ReasonNeeded => "请写一下原因", "Please give a reason";
        SendRequest => "发送申请", "Send the request";
        RequestSent => "已收到您的申请，调解员会再联系您。", "Your request is in; the mediator will contact you.";
        AddCalendar => "加入我的日历", "Add to my calendar";
        JoinOnline => "打开视频会议", "Open the video meeting";
        HeldText => "这次调解会已经举行。", "This session has taken place.";
        CancelledText => "这次调解会已取消，调解员会另行联系您。", "This session was cancelled. The mediator will contact you.";
        NoShowText => "这次调解会已结束。", "This session is over.";
        LinkMissing => "链接不完整。请打开调解员发给您的完整链接。", "The link is incomplete. Please open the whole link the mediator sent you.";
        LinkInvalid => "这个链接已失效或不正确，请联系调解员。", "This link is no longer valid. Please contact the mediator.";
        CaseLabel => "事项编号", "Case";
        Sending => "正在提交…", "Sending…";
        StateChanged => "调解会有了变化，页面已更新。", "The session changed; the page has been updated.";
        AgreementTitle => "调解协议", "Mediation agreement";
        AgreementIntro => "请仔细阅读协议内容。如同意，请在下方输入您的姓名（与协议上的一致）并确认。", "Please read the agreement carefully. If you agree, type your full name below (as the agreement names you) and confirm.";
        AgreementFacts => "纠纷事实", "Facts";
        AgreementTerms => "协议条款", "Terms";
        AgreementBy => "期限", "by";
        TypeName => "您的姓名", "Your full name";
        ConfirmAgreement => "我已阅读并同意本协议", "I have read and agree to this agreement";
        AgreementConfirmed => "您已确认本协议。", "You have confirmed this agreement.";
        AgreementInEffect => "各方均已确认，协议已生效。", "Every party has confirmed: the agreement is in effect.";
        AgreementWaiting => "等待其他当事人确认。", "Waiting for the other party to confirm.";
        NameRequired => "请输入您的姓名", "Please type your name";
        NameMismatch => "姓名与协议上的不一致，请核对", "This is not the name the agreement gives; please check";
        AgreementChanged => "协议内容刚刚有了修改，已为您显示最新内容，请重新阅读后确认。", "The agreement has just been changed; the new text is shown. Please read it again before confirming.";
        ClockBy => "可在此日期前向法院申请司法确认：", "You may apply to the court for judicial confirmation until: ";
        AgreementFingerprint => "文本校验码", "Text fingerprint";
        ContactLabel => "联系街道", "Street office";
        LostSecretTitle => "密码丢了？", "Lost your secret?";
        LostSecretBody => "请打电话给街道办事处。工作人员核实您的身份后，会为您重新设置一个密码，原来的密码随即失效。", "Call the street office. Once staff have checked who you are, they set a new secret for your case, and the old one stops working.";
        TrackAgreementDraft => "调解员已起草协议，等待各方确认。请打开调解员发给您的链接阅读并确认。", "The mediator has drafted an agreement for every party to confirm. Open the link the mediator sent you to read and confirm it.";
        PartyConfirmed => "已确认", "confirmed";
        PartyNotConfirmed => "尚未确认", "not confirmed yet";
        TermDue => "待履行", "to be done";
        TermPerformed => "已履行", "done";
        TermNotPerformed => "未履行", "not done";
        TermDefaulted => "逾期未履行", "overdue, not done";
        DefaultNotice => "协议有条款到期未履行，事项已重新打开，街道会跟进处理。", "A term of the agreement was not carried out by its date: the case has been reopened and the street office follows it up.";
        DecisionConfirmed => "法院已裁定确认协议有效：", "The court confirmed the agreement: ";
        DecisionNotConfirmed => "法院裁定不予确认：", "The court did not confirm the agreement: ";
    }
    /// Words around other words `{x}`.
    PartyX {
        YouAre(x) => "您的身份：{x}", "You take part as: {x}";
        Ending(x) => "结束约 {x}", "Ends about {x}";
    }
}
