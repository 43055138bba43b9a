//! The words of the opt-in to push notifications on the tracking page, zh-CN and English
//! (the notifications themselves are worded by the service worker, `static/sw-push.js`).

use crate::i18n::messages;

messages! {
    /// Plain words.
    PushMsg {
        Title => "进展提醒", "Notifications";
        Intro => "事项有进展时（状态变化、调解会时间、待确认的协议、请您评价），这部手机会提醒您。提醒里只有事项编号，没有您的个人信息。", "When something happens on this case (a new status, a session's time, an agreement to confirm, your feedback asked), this phone tells you. A notification names the case code only, nothing about you.";
        TurnOn => "有进展时提醒我", "Tell me when something happens";
        TurnOff => "不再提醒", "Stop telling me";
        IsOn => "已开启：有进展时这部手机会提醒您。", "On: this phone tells you when something happens.";
        IsOff => "已关闭：不会再提醒您。", "Off: this phone will not tell you.";
        Refused => "这个浏览器不能显示提醒，或已拒绝提醒。下面的“办理记录”列出每一步进展，请回来查看。", "This browser does not show notifications, or they were refused. The history below lists every step: come back to see it.";
        Failed => "没能开启提醒，请稍后再试。", "Notifications could not be turned on; please try again later.";
        Working => "请稍候…", "One moment…";
    }
}
