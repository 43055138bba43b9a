//! A session as a calendar event (RFC 5545, rendered by `ical`), in the calendar owner's
//! language: the words of a calendar file are chosen here and nowhere else.

use crate::ical::{EventStatus, IcsEvent};
use crate::scheduling::calendar::Place;
use crate::scheduling::session::{Session, SessionStatus, Venue};

/// The language a calendar is written in. Accord keeps no language for a staff member or a
/// party, and a calendar file outlives the screen it was taken from, so feeds and files are
/// written in both languages side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarLanguage {
    Zh,
    En,
    Both,
}

/// The one choice of language for every calendar the API writes.
pub const CALENDAR_LANGUAGE: CalendarLanguage = CalendarLanguage::Both;

impl CalendarLanguage {
    /// The name of a party's calendar file, and the word that opens an event's description.
    pub fn mediation(self) -> &'static str {
        match self {
            CalendarLanguage::Zh => "调解",
            CalendarLanguage::En => "Mediation",
            CalendarLanguage::Both => "调解 Mediation",
        }
    }

    fn name(self, zh: &str, en: &str) -> String {
        match self {
            CalendarLanguage::Zh => zh.to_owned(),
            CalendarLanguage::En => en.to_owned(),
            CalendarLanguage::Both => format!("{zh} / {en}"),
        }
    }

    /// The name of a staff member's private feed.
    pub fn feed_name(self, username: &str) -> String {
        format!("Accord · {username}")
    }
}

/// Where the session happens, as the calendar shows it.
fn location(session: &Session, place: Option<&Place>, lang: CalendarLanguage) -> String {
    match (&session.venue, place) {
        (Venue::Place { .. }, Some(place)) => {
            let name = lang.name(&place.name.zh, &place.name.en);
            match &place.address {
                Some(address) => format!("{name}, {}", lang.name(&address.zh, &address.en)),
                None => name,
            }
        }
        (Venue::Place { place }, None) => place.clone(),
        (Venue::Online { url }, _) => url.clone(),
    }
}

/// The session as one event: proposed sessions are tentative (at their first proposed time),
/// cancellations cancelled; the UID stays across reschedules and SEQUENCE follows the
/// session's. `None` for a session with no time at all.
pub fn session_event(
    session: &Session,
    place: Option<&Place>,
    street_id: &str,
    lang: CalendarLanguage,
) -> Option<IcsEvent> {
    let start = session
        .start
        .or_else(|| session.slots.first().map(|x| x.start))?;
    let end = super::session::later(start, i64::from(session.length_minutes));
    let status = match session.status {
        SessionStatus::Cancelled => EventStatus::Cancelled,
        SessionStatus::Proposed => EventStatus::Tentative,
        _ => EventStatus::Confirmed,
    };
    let url = match &session.venue {
        Venue::Online { url } => Some(url.clone()),
        Venue::Place { .. } => None,
    };
    Some(IcsEvent {
        uid: format!("{}@accord.{street_id}", session.id),
        sequence: session.sequence,
        start,
        end,
        summary: format!("{} ({})", session.title, session.case_code),
        location: Some(location(session, place, lang)),
        description: Some(format!("{} · {}", lang.mediation(), session.case_code)),
        url,
        status,
        last_modified: session.updated_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::Name;
    use crate::scheduling::calendar::PlaceKind;
    use crate::vocabulary::PartyRole;
    use chrono::{TimeZone, Utc};

    fn session() -> Session {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap();
        Session {
            id: "s1".into(),
            case_code: "ZH01-2026-0001".into(),
            community: "zh01".into(),
            title: "邻里调解".into(),
            status: SessionStatus::Confirmed,
            slots: vec![],
            start: Some(now),
            length_minutes: 60,
            buffer_minutes: 0,
            venue: Venue::Place {
                place: "zh01-room".into(),
            },
            staff: vec!["mediator01".into()],
            parties: vec![PartyRole::Applicant],
            answers: vec![],
            attending: vec![],
            reschedule_requests: vec![],
            sequence: 2,
            version: 0,
            record: None,
            created_by: "mediator01".into(),
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn an_event_names_the_place_and_the_case_in_the_chosen_language() {
        let place = Place {
            id: "zh01-room".into(),
            street: "zhonghua-road".into(),
            name: Name {
                zh: "调解室".into(),
                en: "Mediation room".into(),
            },
            kind: PlaceKind::MediationRoom,
            community: Some("zh01".into()),
            capacity: 6,
            address: None,
        };
        let event = session_event(&session(), Some(&place), "zhonghua", CALENDAR_LANGUAGE).unwrap();
        assert_eq!(event.uid, "s1@accord.zhonghua");
        assert_eq!(event.sequence, 2);
        assert_eq!(event.location.as_deref(), Some("调解室 / Mediation room"));
        assert_eq!(
            event.description.as_deref(),
            Some("调解 Mediation · ZH01-2026-0001")
        );
        let english =
            session_event(&session(), Some(&place), "zhonghua", CalendarLanguage::En).unwrap();
        assert_eq!(english.location.as_deref(), Some("Mediation room"));
        assert_eq!(
            english.description.as_deref(),
            Some("Mediation · ZH01-2026-0001")
        );
    }

    #[test]
    fn a_session_without_any_time_has_no_event() {
        let mut s = session();
        s.start = None;
        assert_eq!(session_event(&s, None, "zhonghua", CALENDAR_LANGUAGE), None);
    }
}
