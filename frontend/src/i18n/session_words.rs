//! The few session words every audience shares (resident track page, party page, staff
//! console): statuses, reminders, where. Kept small because the resident bundle carries them.

use crate::i18n::{messages, Lang};
use accord_shared::directory::Directory;
use accord_shared::scheduling::{Reminder, SessionStatus};

messages! {
    /// Plain words.
    SessionWord {
        SessionsTitle => "调解会", "Mediation sessions";
        StatusProposed => "待定时间", "Time being agreed";
        StatusConfirmed => "已确定", "Confirmed";
        StatusHeld => "已举行", "Held";
        StatusCancelled => "已取消", "Cancelled";
        StatusNoShow => "未到场", "No-show";
        ReminderDay => "提醒：调解会将在 24 小时内开始。", "Reminder: the session starts within 24 hours.";
        ReminderHour => "提醒：调解会将在 1 小时内开始，请准时到场。", "Reminder: the session starts within the hour. Please be on time.";
        TimeLabel => "时间", "Time";
        WhereLabel => "地点", "Place";
        Online => "线上视频", "Online video";
        ProposedTimes => "候选时间", "Proposed times";
        TimeNotFixed => "时间还没确定，调解员会从候选时间中选定一个。", "The time is not fixed yet; the mediator will pick one of the proposed times.";
    }
}

pub fn status_word(status: SessionStatus) -> SessionWord {
    match status {
        SessionStatus::Proposed => SessionWord::StatusProposed,
        SessionStatus::Confirmed => SessionWord::StatusConfirmed,
        SessionStatus::Held => SessionWord::StatusHeld,
        SessionStatus::Cancelled => SessionWord::StatusCancelled,
        SessionStatus::NoShow => SessionWord::StatusNoShow,
    }
}

/// The chip class of a session status (reusing the case chips' colours).
pub fn status_class(status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::Proposed => "chip chip-reported",
        SessionStatus::Confirmed => "chip chip-accepted",
        SessionStatus::Held => "chip chip-resolved",
        SessionStatus::Cancelled => "chip chip-closed",
        SessionStatus::NoShow => "chip chip-referred",
    }
}

pub fn reminder_word(reminder: Reminder) -> SessionWord {
    match reminder {
        Reminder::WithinADay => SessionWord::ReminderDay,
        Reminder::WithinAnHour => SessionWord::ReminderHour,
    }
}

/// A place's name in the reader's language, its id when the directory does not know it.
pub fn place_label(dir: Option<&Directory>, place: &str, lang: Lang) -> String {
    dir.and_then(|d| d.place(place))
        .map(|p| lang.pick(&p.name))
        .unwrap_or_else(|| place.to_owned())
}

/// Where to find a place (building, floor), if the directory gives it.
pub fn place_address(dir: Option<&Directory>, place: &str, lang: Lang) -> Option<String> {
    dir.and_then(|d| d.place(place))
        .and_then(|p| p.address.as_ref())
        .map(|address| lang.pick(address))
        .filter(|text| !text.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_gives_its_address_where_the_directory_has_one() {
        let dir = accord_shared::demo::demo_directory();
        let room = &dir.places[0];
        let address = place_address(Some(&dir), &room.id, Lang::Zh).expect("an address");
        assert!(address.contains("楼"), "{address}");
        assert_eq!(place_address(None, &room.id, Lang::En), None);
    }

    #[test]
    fn unknown_places_fall_back_to_their_id() {
        assert_eq!(place_label(None, "zh01-room", Lang::En), "zh01-room");
        let dir = accord_shared::demo::demo_directory();
        let room = &dir.places[0];
        assert_eq!(place_label(Some(&dir), &room.id, Lang::Zh), room.name.zh);
    }
}
