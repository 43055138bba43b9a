//! Staff queues: open cases oldest first, paged with an opaque cursor, merged across the
//! communities an account is scoped to.

use crate::case::{Case, Handler};
use crate::fields::mask_name;
use crate::risk::RiskLevel;
use crate::time::local_date;
use crate::time_limits::{EscalationLevel, StageClock, TimeLimits};
use crate::vocabulary::{CaseKind, CaseStatus, Channel};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Which cases a queue or board lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "view", content = "username")]
pub enum QueueView {
    /// Every open case.
    Open,
    /// Reported or accepted: nobody handles it yet.
    Unassigned,
    /// High or critical risk.
    HighRisk,
    /// Past the deadline of its current stage.
    Overdue,
    /// Cases this staff member handles ("my work").
    Mine(String),
    /// Escalated to the street or further: what the ladder sends a street coordinator.
    EscalatedStreet,
    /// Escalated to the district: what the ladder sends the district coordinator.
    EscalatedDistrict,
}

impl QueueView {
    /// Whether a case belongs on this view at `now`.
    pub fn includes(&self, case: &Case, limits: &TimeLimits, now: DateTime<Utc>) -> bool {
        if !case.status.is_open() {
            return false;
        }
        match self {
            QueueView::Open => true,
            QueueView::Unassigned => case.handlers.is_empty(),
            QueueView::HighRisk => case.risk.level() >= RiskLevel::High,
            QueueView::Overdue => case.clock(limits, now).is_some_and(|c| c.overdue),
            QueueView::Mine(username) => case.handlers.iter().any(|h| &h.username == username),
            QueueView::EscalatedStreet => case.escalation >= EscalationLevel::Street,
            QueueView::EscalatedDistrict => case.escalation == EscalationLevel::District,
        }
    }

    /// Reads the `view` query parameter; `mine` needs the caller's username.
    pub fn parse(raw: &str, username: &str) -> Option<QueueView> {
        match raw {
            "" | "open" => Some(QueueView::Open),
            "unassigned" => Some(QueueView::Unassigned),
            "high_risk" => Some(QueueView::HighRisk),
            "overdue" => Some(QueueView::Overdue),
            "mine" => Some(QueueView::Mine(username.to_owned())),
            "escalated_street" => Some(QueueView::EscalatedStreet),
            "escalated_district" => Some(QueueView::EscalatedDistrict),
            _ => None,
        }
    }
}

/// One row of a staff queue: no contact details, the applicant's name masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub code: String,
    pub kind: CaseKind,
    pub category: String,
    pub community: String,
    pub grid: String,
    pub status: CaseStatus,
    pub channel: Channel,
    pub filed_at: DateTime<Utc>,
    pub applicant: String,
    pub risk: RiskLevel,
    pub clock: Option<StageClock>,
    pub escalation: EscalationLevel,
    pub handlers: Vec<Handler>,
    pub long_standing: bool,
}

/// Position after the last item of a page: (filed at, code). Codes break ties so that two
/// cases filed in the same millisecond are neither skipped nor repeated.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct QueueCursor {
    pub filed_at_ms: i64,
    pub code: String,
}

impl QueueCursor {
    pub fn after(item: &QueueItem) -> Self {
        QueueCursor {
            filed_at_ms: item.filed_at.timestamp_millis(),
            code: item.code.clone(),
        }
    }

    /// `1767225600000.ZH07-2026-0001`: URL-safe without escaping.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.filed_at_ms, self.code)
    }

    pub fn decode(raw: &str) -> Option<Self> {
        let (ms, code) = raw.split_once('.')?;
        let filed_at_ms: i64 = ms.parse().ok()?;
        let valid_code = !code.is_empty()
            && code.len() <= 32
            && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        valid_code.then(|| QueueCursor {
            filed_at_ms,
            code: code.to_owned(),
        })
    }
}

/// The queue row of a case.
pub fn queue_item(case: &Case, limits: &TimeLimits, now: DateTime<Utc>) -> QueueItem {
    QueueItem {
        code: case.code.to_string(),
        kind: case.kind,
        category: case.category.clone(),
        community: case.community.clone(),
        grid: case.grid.clone(),
        status: case.status,
        channel: case.channel,
        filed_at: case.filed_at,
        applicant: case
            .applicant()
            .map(|p| mask_name(p.name.as_str()))
            .unwrap_or_default(),
        risk: case.risk.level(),
        clock: case.clock(limits, now),
        escalation: case.escalation,
        handlers: case.handlers.clone(),
        long_standing: case.is_long_standing(local_date(now)),
    }
}

fn sort_key(item: &QueueItem) -> (DateTime<Utc>, &str) {
    (item.filed_at, item.code.as_str())
}

/// Merges pages from several communities (each already oldest first and after the cursor)
/// into one page of `limit` items and the cursor for the next one.
pub fn merge_pages(pages: Vec<Vec<QueueItem>>, limit: usize) -> (Vec<QueueItem>, Option<String>) {
    merge_ordered(pages, limit, false)
}

/// As [`merge_pages`] for pages that are newest first and before the cursor (a search: what
/// was filed last is what a caller most likely asks about).
pub fn merge_pages_newest_first(
    pages: Vec<Vec<QueueItem>>,
    limit: usize,
) -> (Vec<QueueItem>, Option<String>) {
    merge_ordered(pages, limit, true)
}

fn merge_ordered(
    pages: Vec<Vec<QueueItem>>,
    limit: usize,
    newest_first: bool,
) -> (Vec<QueueItem>, Option<String>) {
    let mut all: Vec<QueueItem> = pages.into_iter().flatten().collect();
    all.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    if newest_first {
        all.reverse();
    }
    let has_more = all.len() > limit;
    all.truncate(limit);
    let next = if has_more {
        all.last().map(|last| QueueCursor::after(last).encode())
    } else {
        None
    };
    (all, next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{CaseStatus, Channel};
    use crate::directory::CaseKind;
    use chrono::TimeZone;

    fn item(code: &str, ms: i64) -> QueueItem {
        QueueItem {
            code: code.into(),
            kind: CaseKind::Dispute,
            category: "neighbours".into(),
            community: "zh01".into(),
            grid: "zh01-g1".into(),
            status: CaseStatus::Reported,
            channel: Channel::Web,
            filed_at: Utc.timestamp_millis_opt(ms).unwrap(),
            applicant: "张*".into(),
            risk: crate::risk::RiskLevel::Low,
            clock: None,
            escalation: crate::time_limits::EscalationLevel::None,
            handlers: vec![],
            long_standing: false,
        }
    }

    #[test]
    fn a_cursor_survives_a_round_trip_and_rejects_junk() {
        let cursor = QueueCursor {
            filed_at_ms: 1_767_225_600_000,
            code: "ZH07-2026-0001".into(),
        };
        assert_eq!(QueueCursor::decode(&cursor.encode()), Some(cursor));
        for junk in ["", "abc", "12.", ".ZH", "12.ZH 01", "x.ZH01"] {
            assert_eq!(QueueCursor::decode(junk), None, "{junk}");
        }
    }

    #[test]
    fn merged_pages_are_oldest_first_with_ties_broken_by_code() {
        let a = vec![item("ZH01-2026-0001", 10), item("ZH01-2026-0002", 30)];
        let b = vec![item("ZH02-2026-0001", 10), item("ZH02-2026-0002", 20)];
        let (page, next) = merge_pages(vec![a, b], 3);
        let codes: Vec<&str> = page.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(
            codes,
            ["ZH01-2026-0001", "ZH02-2026-0001", "ZH02-2026-0002"]
        );
        assert_eq!(next.as_deref(), Some("20.ZH02-2026-0002"));
    }

    #[test]
    fn search_pages_are_newest_first_and_their_cursor_is_the_oldest_shown() {
        let a = vec![item("ZH01-2026-0002", 30), item("ZH01-2026-0001", 10)];
        let b = vec![item("ZH02-2026-0002", 20), item("ZH02-2026-0001", 10)];
        let (page, next) = merge_pages_newest_first(vec![a, b], 3);
        let codes: Vec<&str> = page.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(
            codes,
            ["ZH01-2026-0002", "ZH02-2026-0002", "ZH02-2026-0001"]
        );
        assert_eq!(next.as_deref(), Some("10.ZH02-2026-0001"));
    }

    #[test]
    fn the_last_page_has_no_cursor() {
        let (page, next) = merge_pages(vec![vec![item("ZH01-2026-0001", 1)]], 20);
        assert_eq!(page.len(), 1);
        assert_eq!(next, None);
    }
}
