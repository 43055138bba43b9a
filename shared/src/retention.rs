//! Retention: some time after a case ends, the personal data in it is erased while what the
//! street's figures need (kind, category, place, statuses, dates, outcome, satisfaction)
//! stays. Erasure reaches into the timeline too, so nothing personal survives in history.

use crate::case::{Actor, Case, CaseStatus, Change, Party, TimelineEvent, Visibility};
use crate::fields::{Address, Description, PartyName};
use chrono::{DateTime, Duration, Utc};

/// What erased text reads as.
pub const ERASED: &str = "[erased]";

/// Whether `case` is past the retention period at `now`: it ended (closed or rejected) more
/// than `retention_days` ago and is not erased yet.
pub fn due_for_erasure(case: &Case, retention_days: u32, now: DateTime<Utc>) -> bool {
    erasable_since(case).is_some_and(|last| now - last > Duration::days(i64::from(retention_days)))
}

/// When the retention period of `case` started: the time of its last event, if it ended
/// (closed or rejected) and still holds personal data; `None` otherwise. Needs the timeline.
pub fn erasable_since(case: &Case) -> Option<DateTime<Utc>> {
    let ended = matches!(case.status, CaseStatus::Closed | CaseStatus::Rejected);
    (ended && !case.personal_data_erased)
        .then(|| case.timeline.last().map_or(case.filed_at, |e| e.at))
}

fn erased_text<T>(
    parse: impl Fn(&'static str, &str) -> Result<T, crate::fields::FieldError>,
) -> Option<T> {
    parse("erased", ERASED).ok()
}

fn scrub_parties(parties: &mut [Party]) {
    if let Some(name) = erased_text(PartyName::parse) {
        for party in parties {
            party.name = name.clone();
            party.phone = None;
        }
    }
}

fn scrub_event(event: &mut TimelineEvent) {
    event.note = None;
    match &mut event.change {
        Change::Filed { snapshot } => {
            scrub_parties(&mut snapshot.parties);
            if let Some(d) = erased_text(Description::parse) {
                snapshot.description = d;
            }
            if let Some(a) = erased_text(Address::parse) {
                snapshot.address = a;
            }
            // Words a person typed go; numbers, yes or no and choices stay for the figures.
            snapshot.answers = crate::questions::without_free_text(&snapshot.answers);
            // Where the reporter stood is personal too.
            snapshot.location = None;
        }
        Change::Rejected { rejection } => rejection.reason = ERASED.to_owned(),
        Change::RiskOverridden { reason, .. } => *reason = ERASED.to_owned(),
        Change::AbsorbedDuplicate { timeline, .. } => timeline.iter_mut().for_each(scrub_event),
        _ => {}
    }
}

/// The case with its personal data erased, and the event that records the erasure. The
/// result replays from its own timeline like any other case.
pub fn erase(case: &Case, now: DateTime<Utc>) -> (Case, TimelineEvent) {
    let mut timeline = case.timeline.clone();
    timeline.iter_mut().for_each(scrub_event);
    let at = timeline.last().map_or(now, |last| last.at.max(now));
    let event = TimelineEvent {
        seq: timeline.len() as u32 + 1,
        at,
        actor: Actor::System,
        change: Change::PersonalDataErased,
        from: Some(case.status),
        to: Some(case.status),
        note: None,
        note_code: None,
        visibility: Visibility::Public,
    };
    timeline.push(event.clone());
    // Rebuilding from the scrubbed timeline leaves no personal field behind anywhere.
    let erased = Case::replay(&timeline).unwrap_or_else(|_| {
        let mut fallback = case.clone();
        fallback.timeline = timeline.clone();
        fallback
    });
    (erased, event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::CaseCode;
    use crate::demo::demo_directory;
    use crate::intake::validate_filing;
    use crate::lifecycle::{execute, path_to, sample_command};
    use crate::testing::sample_actor;
    use crate::wire::FileCaseRequest;
    use chrono::TimeZone;

    fn closed_case() -> Case {
        let request = FileCaseRequest {
            kind: "dispute".into(),
            category: "neighbours".into(),
            description: "张三家楼上漏水".into(),
            respondent_name: Some("李四".into()),
            community: "zh01".into(),
            grid: "zh01-g1".into(),
            address: "中华路1号".into(),
            name: "张三".into(),
            phone: "13812345678".into(),
            conflict_since: None,
            answers: Default::default(),
            location: Some(crate::geo::RawPoint {
                lat: Some("38.951234".into()),
                lon: Some("121.567891".into()),
                ..Default::default()
            }),
        };
        let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let filing = validate_filing(&demo_directory(), &request, t0.date_naive()).unwrap();
        let mut case = Case::file(
            filing,
            CaseCode::new("ZH", 1, 2026, 1).unwrap(),
            crate::case::Channel::Web,
            Actor::Resident,
            t0,
        );
        for kind in path_to(CaseStatus::Closed) {
            case = execute(
                &case,
                &sample_command(kind, "mediator01"),
                &sample_actor(kind),
                t0,
                &demo_directory(),
            )
            .unwrap()
            .0;
        }
        case
    }

    #[test]
    fn erasure_removes_every_personal_field_and_keeps_the_figures() {
        let case = closed_case();
        let later = case.timeline.last().unwrap().at + Duration::days(400);
        assert!(due_for_erasure(&case, 365, later));
        assert!(case.location.is_some());
        let (erased, _) = erase(&case, later);
        assert_eq!(erased.location, None);
        let json = serde_json::to_string(&erased).unwrap();
        assert!(!json.contains("38951234") && !json.contains("location"));
        for personal in [
            "张三",
            "李四",
            "13812345678",
            "中华路1号",
            "漏水",
            "both sides signed",
        ] {
            assert!(!json.contains(personal), "{personal} survived erasure");
        }
        assert_eq!(erased.status, CaseStatus::Closed);
        assert_eq!(erased.category, "neighbours");
        assert_eq!(erased.outcome, case.outcome);
        assert_eq!(erased.filed_at, case.filed_at);
        assert!(erased.personal_data_erased);
        assert_eq!(Case::replay(&erased.timeline).unwrap(), erased);
        erased.check_invariants().unwrap();
        assert!(
            !due_for_erasure(&erased, 365, later),
            "erasing twice changes nothing"
        );
    }

    #[test]
    fn open_and_recent_cases_are_kept() {
        let case = closed_case();
        let soon = case.timeline.last().unwrap().at + Duration::days(10);
        assert!(!due_for_erasure(&case, 365, soon));
    }
}
