//! The staff console's words for mediation sessions, zh-CN and English: scheduling from a
//! case, answers and the tally, the agenda, working hours and the calendar feed. Only staff
//! code reaches this module.

use crate::i18n::{messages, Lang};
use accord_shared::scheduling::Conflict;

messages! {
    /// Plain words.
    SessionMsg {
        ScheduleOpen => "安排调解会", "Schedule a session";
        ScheduleTitle => "安排调解会", "Schedule a session";
        TitleLabel => "名称", "Title";
        TitleDefault => "调解会", "Mediation session";
        ModeLegend => "怎样定时间", "How to set the time";
        ModePropose => "提出 2 到 5 个候选时间，请各方选择", "Propose 2 to 5 times for everyone to answer";
        ModeBook => "直接预约一个时间", "Book one time now";
        TimesLegend => "时间", "Times";
        TimesHelp => "按北京时间填写。街道办公时间：周一至周五 8:30–12:00、13:30–17:30。", "In Beijing time. Office hours: Monday to Friday, 08:30–12:00 and 13:30–17:30.";
        AddTime => "再加一个时间", "Add another time";
        LengthLabel => "时长（分钟）", "Length (minutes)";
        BufferLabel => "会后预留（分钟）", "Buffer after (minutes)";
        BufferHelp => "留出整理房间或赶路的时间，0 到 120 分钟", "Time to tidy the room or travel, 0 to 120 minutes";
        VenueLegend => "地点", "Where";
        VenueOnline => "线上（视频会议）", "Online (video meeting)";
        OnlineUrl => "视频会议链接", "Video meeting link";
        OnlineUrlHelp => "以 https:// 开头", "Starts with https://";
        StaffLegend => "参加的工作人员", "Staff taking part";
        PartiesLegend => "参加的当事人", "Parties taking part";
        SubmitPropose => "发出候选时间", "Send the proposed times";
        SubmitBook => "预约这个时间", "Book this time";
        Sending => "正在提交…", "Sending…";
        ErrTimes => "请填写 2 到 5 个完整的时间（日期和几点）", "Fill in 2 to 5 complete times (date and time of day)";
        ErrOneTime => "请填写一个完整的时间（日期和几点）", "Fill in one complete time (date and time of day)";
        ErrPast => "时间需要在将来", "Times must be in the future";
        ErrTooFar => "时间不能晚于十年以后", "Times can be at most ten years ahead";
        ErrSameTime => "有两个时间相同，请换一个", "Two of the times are the same: change one";
        ErrUrl => "请填写以 https:// 开头的链接", "Enter a link starting with https://";
        ErrStaff => "请至少选择一位工作人员", "Choose at least one staff member";
        ErrVenue => "请选择地点", "Choose a place";
        ErrLength => "时长需在 15 到 480 分钟之间", "The length must be 15 to 480 minutes";
        ErrBuffer => "预留时间需在 0 到 120 分钟之间", "The buffer must be 0 to 120 minutes";
        ErrTitle => "请填写名称（最多 100 个字）", "Enter a title (at most 100 characters)";
        ErrCheck => "请检查标出的内容", "Please check the marked fields";
        ConflictsTitle => "这个时间排不开：", "This time does not work:";
        LinksTitle => "当事人的链接（只显示这一次）", "The parties' links (shown only once)";
        LinksNote => "请现在复制，通过短信或微信发给各方。离开后这些链接不会再显示。", "Copy them now and send them by SMS or WeChat. Once you leave, they cannot be shown again.";
        LinksDone => "已发送，关闭", "Sent, close";
        Scheduled => "调解会已安排", "Session scheduled";
        NoSessions => "还没有安排调解会。", "No sessions yet.";
        ConfirmSlot => "定在这个时间", "Confirm this time";
        Confirmed => "时间已确定", "Time confirmed";
        MyAnswersLegend => "我能参加哪些时间", "Which times suit me";
        ICan => "可以", "I can";
        ICannot => "不行", "I can't";
        SaveMyAnswers => "保存我的回复", "Save my answers";
        AnswersSaved => "回复已保存", "Answers saved";
        RequestsTitle => "改期请求", "Requests for another time";
        AttendingLabel => "已确认会来", "Said they will come";
        Reschedule => "改时间", "Change the time";
        NewDate => "新的日期", "New date";
        NewClock => "新的时刻", "New time of day";
        SaveNewTime => "改到这个时间", "Move to this time";
        Rescheduled => "时间已更改", "Time changed";
        CancelSession => "取消调解会", "Cancel the session";
        CancelSure => "确定取消这次调解会吗？各方的链接会显示“已取消”。", "Cancel this session? The parties' links will say it is cancelled.";
        CancelYes => "确定取消", "Yes, cancel it";
        Keep => "不取消", "Keep it";
        CancelledToast => "调解会已取消", "Session cancelled";
        RecordOpen => "记录结果", "Record the outcome";
        AttendeesLegend => "到场的人", "Who came";
        MinutesLabel => "会议记录", "Minutes";
        OutcomeLegend => "结果", "Outcome";
        OutcomeAgreement => "达成协议（事项标为已化解）", "Agreement reached (resolves the case)";
        OutcomeFailed => "未达成协议（调解未成功）", "No agreement (mediation failed)";
        OutcomeAdjourned => "需要再开一次", "Adjourned: another session is needed";
        NoShowOption => "无人到场", "Nobody came (no-show)";
        SaveRecord => "保存记录", "Save the record";
        Recorded => "记录已保存", "Record saved";
        RecordKeptTitle => "记录保存在这台设备上", "Record saved on this device";
        RecordKept => "还没有同步。恢复网络后会自动同步，不会覆盖别人的修改。", "Not synced yet. It syncs by itself when the connection is back, and never overwrites anyone's change.";
        RecordNotKept => "这台设备无法保存记录，请在有网络时再保存。", "This device could not keep the record; save it again when there is a connection.";
        RecordConflictTitle => "记录没有同步：会议已有变化", "Record not synced: the session changed";
        RecordConflictBody => "您写记录之后，这个会议被别人改过。您的记录仍保存在这台设备上，没有覆盖任何内容。请对照会议现在的情况，再决定保存还是放弃。", "The session was changed after you wrote your record. Your record is still on this device and nothing was overwritten. Compare it with the session as it is now, then save or discard it.";
        RecordRefusedBody => "系统没有接受这份记录。您的记录仍保存在这台设备上。", "The record was not accepted. It is still on this device.";
        RecordConflictNow => "会议现在的情况", "The session now";
        RecordConflictMine => "您的记录", "Your record";
        RecordConflictStatus => "状态", "Status";
        RecordSaveMine => "仍然保存我的记录", "Save my record anyway";
        RecordDiscardMine => "放弃我的记录", "Discard my record";
        ErrOutcome => "请选择结果", "Choose an outcome";
        RecordLabel => "记录", "Record";
        Close => "收起", "Close";
        AgendaNav => "日程", "Agenda";
        AgendaTitle => "调解日程", "Session agenda";
        DayView => "按天", "Day";
        WeekView => "按周", "Week";
        Previous => "上一段", "Previous";
        Next => "下一段", "Next";
        Today => "今天", "Today";
        GoToDate => "跳到日期", "Go to date";
        MineOnly => "只看我参加的", "Only my sessions";
        AgendaEmpty => "这段时间没有调解会。可以在事项详情页安排。", "No sessions in this period. Schedule one from a case.";
        ProposedUntil => "候选时间", "Proposed";
        UpcomingTitle => "即将举行的调解会", "Upcoming sessions";
        UpcomingEmpty => "接下来两周没有调解会。", "No sessions in the next two weeks.";
        SeeAgenda => "查看日程", "See the agenda";
        Mon => "周一", "Mon";
        Tue => "周二", "Tue";
        Wed => "周三", "Wed";
        Thu => "周四", "Thu";
        Fri => "周五", "Fri";
        Sat => "周六", "Sat";
        Sun => "周日", "Sun";
        HoursNav => "工作时间", "My hours";
        HoursTitle => "我的工作时间和日历", "My hours and calendar";
        HoursIntro => "安排调解会时只会用到您的工作时间。", "Sessions are only booked inside your working hours.";
        WeeklyLegend => "每周工作时段", "Weekly working hours";
        WeekdayLabel => "星期", "Day";
        FromTime => "开始", "From";
        UntilTime => "结束", "Until";
        AddBlock => "添加时段", "Add hours";
        Remove => "删除", "Remove";
        AbsencesLegend => "请假和休息日", "Leave and days off";
        NoAbsences => "没有登记请假。", "No leave entered.";
        AbsFrom => "第一天", "First day";
        AbsTo => "最后一天", "Last day";
        AbsReason => "原因", "Reason";
        AddAbsence => "添加请假", "Add leave";
        SaveHours => "保存工作时间", "Save my hours";
        HoursSaved => "工作时间已保存", "Hours saved";
        ErrBlock => "结束要晚于开始", "The end must be after the start";
        ErrAbsence => "请填写日期，最后一天不能早于第一天", "Fill in the dates; the last day cannot be before the first";
        FeedTitle => "日历订阅", "Calendar feed";
        FeedIntro => "在手机或电脑的日历应用里订阅这个地址，就能看到您的调解会。生成新地址后，旧地址会停止工作。", "Subscribe to this address from your calendar app to see your sessions. Creating a new one stops the old one.";
        FeedCreate => "生成订阅地址", "Create a feed address";
        FeedAddress => "订阅地址", "Feed address";
        FeedOnce => "这个地址只显示这一次，请现在复制。", "This address is shown only once: copy it now.";
        Copy => "复制", "Copy";
        FeedRevoke => "停用订阅", "Stop my feed";
        FeedRevoked => "订阅已停用", "Feed stopped";
        CaseMovePending => "会议记录已保存；事项状态将在一刻钟内随之更新。", "Record saved; the case will follow within a quarter of an hour.";
    }
    /// Words with a number `{n}`; English may have a singular after `|`.
    SessionN {
        SlotDate(n) => "第 {n} 个时间：日期", "Time {n}: date";
        SlotClock(n) => "第 {n} 个时间：几点", "Time {n}: time of day";
        RemoveTime(n) => "删除第 {n} 个时间", "Remove time {n}";
        LengthMinutes(n) => "{n} 分钟", "{n} minutes" | "{n} minute";
    }
    /// Words around other words `{x}`.
    SessionX {
        ConflictStaff(x) => "{x} 那时已有别的调解会", "{x} is booked in another session then";
        ConflictPlace(x) => "{x} 那时已被占用", "{x} is taken then";
        ConflictHours(x) => "{x} 那时不上班（不在工作时间或在休假）", "{x} does not work then (outside working hours or on leave)";
        LinkFor(x) => "{x}的链接", "{x}'s link";
        CopyLinkFor(x) => "复制{x}的链接", "Copy {x}'s link";
        TallyCan(x) => "可以：{x}", "Can come: {x}";
        TallyCannot(x) => "不行：{x}", "Can't: {x}";
        TallyWaiting(x) => "未回复：{x}", "No answer yet: {x}";
        SoonDay(x) => "{x} 将在 24 小时内开始", "{x} starts within 24 hours";
        SoonHour(x) => "{x} 将在 1 小时内开始", "{x} starts within the hour";
    }
    /// Words with other words `{x}` and a number `{n}`; the form follows `{n}`.
    SessionXN {
        ConflictCapacity(x, n) => "{x} 最多只能容纳 {n} 人", "{x} holds only {n} people" | "{x} holds only {n} person";
    }
}

/// 1 = Monday … 7 = Sunday.
pub fn weekday_msg(weekday: u8) -> SessionMsg {
    match weekday {
        1 => SessionMsg::Mon,
        2 => SessionMsg::Tue,
        3 => SessionMsg::Wed,
        4 => SessionMsg::Thu,
        5 => SessionMsg::Fri,
        6 => SessionMsg::Sat,
        _ => SessionMsg::Sun,
    }
}

/// A booking conflict in words; `name` turns a username or place id into a name.
pub fn conflict_text(conflict: &Conflict, lang: Lang, name: &dyn Fn(&str) -> String) -> String {
    match conflict {
        Conflict::Staff { username, .. } => SessionX::ConflictStaff.with(lang, &name(username)),
        Conflict::Place { place, .. } => SessionX::ConflictPlace.with(lang, &name(place)),
        Conflict::OutsideHours { username } => SessionX::ConflictHours.with(lang, &name(username)),
        Conflict::OverCapacity { place, capacity } => {
            SessionXN::ConflictCapacity.with(lang, &name(place), *capacity as usize)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicts_name_who_or_what_is_taken() {
        let name = |id: &str| format!("<{id}>");
        let text = conflict_text(
            &Conflict::OverCapacity {
                place: "zh01-room".into(),
                capacity: 6,
            },
            Lang::En,
            &name,
        );
        assert_eq!(text, "<zh01-room> holds only 6 people");
        let text = conflict_text(
            &Conflict::OutsideHours {
                username: "mediator01".into(),
            },
            Lang::Zh,
            &name,
        );
        assert!(text.starts_with("<mediator01> 那时不上班"));
    }
}
