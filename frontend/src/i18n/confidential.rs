//! The words of the counselor's confidential notes on a case page, zh-CN and English. Only
//! the staff bundle reaches them.

use crate::i18n::messages;

messages! {
    /// Plain words.
    ConfMsg {
        Section => "心理咨询保密记录", "Counselor's confidential notes";
        Intro => "仅本案的心理咨询师可见；经当事人同意后可向办案团队公开。", "Only counselors on the case read these; a note is shared with the case team only with the party's consent.";
        None => "暂无记录。", "No notes yet.";
        NewNote => "新记录", "New note";
        Save => "保存记录", "Save the note";
        Required => "请填写此项", "Please fill this in";
        SharedWith => "已经当事人同意向办案团队公开", "Shared with the case team with the party's consent";
        Share => "经同意后公开", "Share with consent";
        Party => "同意的当事人", "The party who consented";
        How => "如何取得同意", "How they consented";
        HowHelp => "例如：2026年12月3日调解会上口头同意，已记录", "For example: said yes at the session of 3 December, recorded";
        Private => "仅咨询师可见", "Counselors only";
    }
}
