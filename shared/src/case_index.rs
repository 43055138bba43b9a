//! What storage keeps beside each case so that every read selects in an index instead of
//! decoding cases: the columns of a case, derived here in one place, and the rule that reads
//! a queue view from them. A storage query on these columns and [`QueueView::includes`] on the
//! case must agree; the tests below hold them to it.

use crate::case::Case;
use crate::duplicates::address_key;
use crate::lifecycle::next_escalation_at;
use crate::queue::QueueView;
use crate::retention::erasable_since;
use crate::risk::RiskLevel;
use crate::time_limits::{EscalationLevel, TimeLimits};
use chrono::{DateTime, Utc};

/// Version of the derivation: storage re-derives every case's columns when it changes, or
/// when the time limits the deadlines were derived under change. Version 2 added the search
/// terms (`crate::search`), which the same pass writes.
pub const INDEX_VERSION: u32 = 2;

/// The indexed columns of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseIndex {
    /// Somebody still has to act on it (it fills the queues).
    pub open: bool,
    /// Nobody handles it yet.
    pub unassigned: bool,
    /// High or critical risk.
    pub high_risk: bool,
    /// Escalated to the street or further.
    pub escalated_street: bool,
    /// Escalated to the district.
    pub escalated_district: bool,
    /// The deadline of the current stage (ms), if it has a clock.
    pub due_ms: Option<i64>,
    /// The earliest moment the escalation ladder moves it (ms), if ever.
    pub escalate_at_ms: Option<i64>,
    /// When its retention period started (ms), if it ended and still holds personal data.
    pub erasable_since_ms: Option<i64>,
    /// The lead handler's username.
    pub lead: Option<String>,
    /// Every handler's username, each once (kept in a side table).
    pub handlers: Vec<String>,
    pub grid: String,
    pub category: String,
    /// The normalised address ([`address_key`]) duplicates are looked up by.
    pub address_key: String,
}

/// The columns of `case` under the time limits of its community. `case` must carry its
/// timeline (the retention period starts at its last event).
pub fn case_index(case: &Case, limits: &TimeLimits) -> CaseIndex {
    let open = case.status.is_open();
    let mut handlers: Vec<String> = Vec::new();
    for handler in &case.handlers {
        if !handlers.contains(&handler.username) {
            handlers.push(handler.username.clone());
        }
    }
    CaseIndex {
        open,
        unassigned: case.handlers.is_empty(),
        high_risk: case.risk.level() >= RiskLevel::High,
        escalated_street: case.escalation >= EscalationLevel::Street,
        escalated_district: case.escalation == EscalationLevel::District,
        due_ms: case
            .clock(limits, case.stage_started_at)
            .map(|clock| clock.due_at.timestamp_millis()),
        escalate_at_ms: open
            .then(|| next_escalation_at(case, limits))
            .flatten()
            .map(|at| at.timestamp_millis()),
        erasable_since_ms: erasable_since(case).map(|at| at.timestamp_millis()),
        lead: case
            .handlers
            .iter()
            .find(|h| h.lead)
            .map(|h| h.username.clone()),
        handlers,
        grid: case.grid.clone(),
        category: case.category.clone(),
        address_key: address_key(case.address.as_str()),
    }
}

impl CaseIndex {
    /// Whether the case is on `view` at `now`, read from the columns alone: the predicate a
    /// storage query on them states.
    pub fn on_view(&self, view: &QueueView, now: DateTime<Utc>) -> bool {
        if !self.open {
            return false;
        }
        match view {
            QueueView::Open => true,
            QueueView::Unassigned => self.unassigned,
            QueueView::HighRisk => self.high_risk,
            QueueView::Overdue => self.due_ms.is_some_and(|due| due < now.timestamp_millis()),
            QueueView::Mine(username) => self.handlers.contains(username),
            QueueView::EscalatedStreet => self.escalated_street,
            QueueView::EscalatedDistrict => self.escalated_district,
        }
    }

    /// Whether the scheduled run has to look at the case at `now` (it may find nothing to do
    /// when `now` is exactly the moment; never misses a case that is due).
    pub fn escalation_may_be_due(&self, now: DateTime<Utc>) -> bool {
        self.escalate_at_ms
            .is_some_and(|at| at <= now.timestamp_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Channel;
    use crate::code::CaseCode;
    use crate::demo::demo_directory;
    use crate::intake::validate_filing;
    use crate::lifecycle::{escalation_due_now, execute, path_to, sample_command};
    use crate::retention::due_for_erasure;
    use crate::testing::sample_actor;
    use crate::vocabulary::CaseStatus;
    use crate::wire::FileCaseRequest;
    use chrono::{Duration, TimeZone};

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).unwrap()
    }

    fn case_at(status: CaseStatus, seq: u32) -> Case {
        let request = FileCaseRequest {
            kind: "dispute".into(),
            category: "neighbours".into(),
            description: "楼上漏水，多次沟通无果".into(),
            respondent_name: Some("李四".into()),
            community: "zh01".into(),
            grid: "zh01-g1".into(),
            address: "中华路１２号 3单元".into(),
            name: "张三".into(),
            phone: "13812345678".into(),
            conflict_since: None,
            answers: Default::default(),
            location: None,
        };
        let filing = validate_filing(&demo_directory(), &request, t0().date_naive()).unwrap();
        let code = CaseCode::new("ZH", 1, 2026, seq).unwrap();
        let mut case = Case::file(filing, code, Channel::Web, sample_actor_staff(), t0());
        for (i, kind) in path_to(status).into_iter().enumerate() {
            let at = t0() + Duration::hours(i as i64 + 1);
            let command = sample_command(kind, "mediator01");
            case = execute(&case, &command, &sample_actor(kind), at, &demo_directory())
                .unwrap()
                .0;
        }
        case
    }

    fn sample_actor_staff() -> crate::case::Actor {
        sample_actor(crate::lifecycle::CommandKind::Accept)
    }

    fn views() -> Vec<QueueView> {
        vec![
            QueueView::Open,
            QueueView::Unassigned,
            QueueView::HighRisk,
            QueueView::Overdue,
            QueueView::Mine("mediator01".into()),
            QueueView::Mine("someone-else".into()),
            QueueView::EscalatedStreet,
            QueueView::EscalatedDistrict,
        ]
    }

    #[test]
    fn the_columns_answer_every_view_as_the_case_does() {
        let limits = demo_directory().time_limits;
        let mut checked = 0;
        for (seq, status) in CaseStatus::ALL.into_iter().enumerate() {
            let mut case = case_at(status, seq as u32 + 1);
            // Climb the ladder as the scheduled run would, checking at every step.
            for hours in [0, 24, 80, 200, 400, 2000] {
                let now = case.stage_started_at + Duration::hours(hours);
                let index = case_index(&case, &limits);
                for view in views() {
                    assert_eq!(
                        index.on_view(&view, now),
                        view.includes(&case, &limits, now),
                        "{status:?} after {hours} h on {view:?}"
                    );
                    checked += 1;
                }
                if let Some(command) = escalation_due_now(&case, &limits, now) {
                    case = execute(
                        &case,
                        &command,
                        &crate::case::Actor::System,
                        now,
                        &demo_directory(),
                    )
                    .unwrap()
                    .0;
                }
            }
        }
        assert_eq!(checked, 10 * 6 * 8);
    }

    #[test]
    fn escalation_is_never_due_before_its_column_and_always_due_after() {
        let limits = demo_directory().time_limits;
        for (seq, status) in CaseStatus::ALL.into_iter().enumerate() {
            let mut case = case_at(status, seq as u32 + 1);
            let has_clock = case.clock(&limits, t0()).is_some();
            let mut climbed = 0;
            loop {
                let index = case_index(&case, &limits);
                let Some(at_ms) = index.escalate_at_ms else {
                    // Nothing ever due again: a late run finds nothing either.
                    let much_later = case.stage_started_at + Duration::days(3650);
                    assert!(escalation_due_now(&case, &limits, much_later).is_none());
                    break;
                };
                let at = Utc.timestamp_millis_opt(at_ms).unwrap();
                let before = at - Duration::milliseconds(1);
                assert!(!index.escalation_may_be_due(before));
                assert!(
                    escalation_due_now(&case, &limits, before).is_none(),
                    "{status:?}"
                );
                let after = at + Duration::milliseconds(1);
                assert!(index.escalation_may_be_due(after));
                let command = escalation_due_now(&case, &limits, after).expect("due just after");
                case = execute(
                    &case,
                    &command,
                    &crate::case::Actor::System,
                    after,
                    &demo_directory(),
                )
                .unwrap()
                .0;
                climbed += 1;
            }
            assert_eq!(climbed, if has_clock { 3 } else { 0 }, "{status:?}");
        }
    }

    #[test]
    fn the_retention_column_starts_when_the_case_ends() {
        let closed = case_at(CaseStatus::Closed, 1);
        let index = case_index(&closed, &demo_directory().time_limits);
        let since = Utc
            .timestamp_millis_opt(index.erasable_since_ms.expect("ended"))
            .unwrap();
        assert!(!due_for_erasure(&closed, 30, since + Duration::days(30)));
        assert!(due_for_erasure(
            &closed,
            30,
            since + Duration::days(30) + Duration::seconds(1)
        ));
        let open = case_at(CaseStatus::InProgress, 2);
        assert_eq!(
            case_index(&open, &demo_directory().time_limits).erasable_since_ms,
            None
        );
    }

    #[test]
    fn handlers_lead_and_address_are_kept_for_lookups() {
        let case = case_at(CaseStatus::InProgress, 1);
        let index = case_index(&case, &demo_directory().time_limits);
        assert_eq!(index.lead.as_deref(), Some("mediator01"));
        assert_eq!(index.handlers, vec!["mediator01".to_owned()]);
        assert_eq!(index.address_key, address_key("中华路12号3单元"));
        assert!(!index.unassigned);
    }
}
