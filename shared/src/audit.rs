//! The audit log: who did what, when and from where, append-only and hash-chained, so that
//! changing or removing any entry breaks the chain from there on.

use crate::fields::{FieldError, FieldProblem};
use crate::secret::sha256_hex;
use crate::time::local_date;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The hash before the first entry of a chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry, before it is chained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub at: DateTime<Utc>,
    /// A staff username, `resident`, `volunteer:<link>` or `system`.
    pub actor: String,
    /// What happened: `case.filed`, `case.read_contact`, `case.accept`, `user.disabled`…
    pub action: String,
    /// What it happened to: a case code, a username, `directory`.
    pub target: String,
    /// Where from: the caller's network, coarsened (`203.0.113.0/24`), or `scheduled`.
    pub origin: String,
}

/// An entry as stored: its place in the chain, the previous entry's hash and its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: u64,
    #[serde(flatten)]
    pub record: AuditRecord,
    pub prev_hash: String,
    pub hash: String,
}

fn entry_hash(seq: u64, record: &AuditRecord, prev_hash: &str) -> String {
    let canonical = serde_json::json!({
        "seq": seq,
        "at": record.at.to_rfc3339(),
        "actor": record.actor,
        "action": record.action,
        "target": record.target,
        "origin": record.origin,
        "prev": prev_hash,
    });
    sha256_hex(canonical.to_string().as_bytes())
}

/// The entry that follows `previous` (or starts the chain).
pub fn append(previous: Option<&AuditEntry>, record: AuditRecord) -> AuditEntry {
    let (seq, prev_hash) = match previous {
        Some(p) => (p.seq + 1, p.hash.clone()),
        None => (1, GENESIS.to_owned()),
    };
    let hash = entry_hash(seq, &record, &prev_hash);
    AuditEntry {
        seq,
        record,
        prev_hash,
        hash,
    }
}

/// The result of checking a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainCheck {
    pub entries: u64,
    pub intact: bool,
    /// The first entry whose hash or link does not hold.
    pub first_broken: Option<u64>,
}

/// Walks a chain from its start (entries in `seq` order).
pub fn verify(entries: &[AuditEntry]) -> ChainCheck {
    let mut prev = GENESIS.to_owned();
    for (i, e) in entries.iter().enumerate() {
        let expected_seq = i as u64 + 1;
        let broken = e.seq != expected_seq
            || e.prev_hash != prev
            || e.hash != entry_hash(e.seq, &e.record, &e.prev_hash);
        if broken {
            return ChainCheck {
                entries: entries.len() as u64,
                intact: false,
                first_broken: Some(expected_seq),
            };
        }
        prev = e.hash.clone();
    }
    ChainCheck {
        entries: entries.len() as u64,
        intact: true,
        first_broken: None,
    }
}

/// An address coarsened to its network: IPv4 to /24, IPv6 to /48. Enough to see where
/// requests come from without keeping who exactly sent them.
pub fn coarse_origin(ip: &str) -> String {
    let ip = ip.trim();
    if let Ok(v4) = ip.parse::<std::net::Ipv4Addr>() {
        let [a, b, c, _] = v4.octets();
        return format!("{a}.{b}.{c}.0/24");
    }
    if let Ok(v6) = ip.parse::<std::net::Ipv6Addr>() {
        let s = v6.segments();
        return format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2]);
    }
    "unknown".to_owned()
}

/// How many entries a page of the log shows.
pub const AUDIT_PAGE_SIZE: usize = 50;
/// The longest text a filter of the log takes.
pub const MAX_FILTER_CHARS: usize = 64;

/// What an admin narrows a log to; every part given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Part of who did it (a username, `resident`, `volunteer:…`, `party:…`, `system`).
    pub actor: Option<String>,
    /// The start of what happened: `case.`, `session.login`, `user.`…
    pub action: Option<String>,
    /// Part of what it happened to: a case code, a username, a session.
    pub target: Option<String>,
    /// From this day on (Shanghai time), inclusive.
    pub from: Option<NaiveDate>,
    /// Up to this day (Shanghai time), inclusive.
    pub to: Option<NaiveDate>,
    /// When not empty, only entries about a case of these streets: the target starts with
    /// one of these code prefixes and its community number (a street's admin reading the
    /// district's calendar log). Set by the server from the reader's scope, never read from
    /// the query.
    #[serde(default)]
    pub code_prefixes: Vec<String>,
}

impl AuditFilter {
    /// Reads the query parameters `actor`, `action`, `target`, `from` and `to` (YYYY-MM-DD);
    /// others are not the filter's. Empty values are no filter.
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<AuditFilter, FieldError> {
        let mut filter = AuditFilter::default();
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let field: &'static str = match name {
                "actor" => "actor",
                "action" => "action",
                "target" => "target",
                "from" => "from",
                "to" => "to",
                _ => continue,
            };
            if value.chars().count() > MAX_FILTER_CHARS {
                return Err(FieldError::new(
                    field,
                    FieldProblem::TooLong {
                        max: MAX_FILTER_CHARS,
                    },
                ));
            }
            if value.chars().any(char::is_control) {
                return Err(FieldError::new(field, FieldProblem::ControlCharacters));
            }
            let date = || {
                NaiveDate::parse_from_str(value, "%Y-%m-%d")
                    .map_err(|_| FieldError::new(field, FieldProblem::InvalidFormat))
            };
            match field {
                "actor" => filter.actor = Some(value.to_lowercase()),
                "action" => filter.action = Some(value.to_lowercase()),
                "target" => filter.target = Some(value.to_lowercase()),
                "from" => filter.from = Some(date()?),
                _ => filter.to = Some(date()?),
            }
        }
        if let (Some(from), Some(to)) = (filter.from, filter.to) {
            if to < from {
                return Err(FieldError::new("to", FieldProblem::InvalidFormat));
            }
        }
        Ok(filter)
    }

    pub fn matches(&self, record: &AuditRecord) -> bool {
        let contains = |hay: &str, needle: &Option<String>| {
            needle
                .as_ref()
                .is_none_or(|n| hay.to_lowercase().contains(n.as_str()))
        };
        let day = local_date(record.at);
        let of_streets = self.code_prefixes.is_empty()
            || self.code_prefixes.iter().any(|prefix| {
                record
                    .target
                    .strip_prefix(prefix.as_str())
                    .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            });
        of_streets
            && contains(&record.actor, &self.actor)
            && self
                .action
                .as_ref()
                .is_none_or(|a| record.action.to_lowercase().starts_with(a.as_str()))
            && contains(&record.target, &self.target)
            && self.from.is_none_or(|from| day >= from)
            && self.to.is_none_or(|to| day <= to)
    }
}

/// A page of a log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// How many entries of the whole log the filter lets through.
    pub matching: u64,
    /// `before` for the next (older) page, if there is one.
    pub next_before: Option<u64>,
}

/// The entries of `chain` (in `seq` order) the filter lets through, newest first: those
/// before `before` (a `seq`), at most `limit` of them.
pub fn audit_page(
    chain: &[AuditEntry],
    filter: &AuditFilter,
    before: Option<u64>,
    limit: usize,
) -> AuditPage {
    let matching: Vec<&AuditEntry> = chain
        .iter()
        .rev()
        .filter(|e| filter.matches(&e.record))
        .collect();
    let shown: Vec<AuditEntry> = matching
        .iter()
        .filter(|e| before.is_none_or(|b| e.seq < b))
        .take(limit.max(1))
        .map(|e| (*e).clone())
        .collect();
    let next_before = shown.last().and_then(|last| {
        matching
            .iter()
            .any(|e| e.seq < last.seq)
            .then_some(last.seq)
    });
    AuditPage {
        entries: shown,
        matching: matching.len() as u64,
        next_before,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn record(action: &str) -> AuditRecord {
        AuditRecord {
            at: Utc.with_ymd_and_hms(2026, 11, 29, 8, 0, 0).unwrap(),
            actor: "mediator01".into(),
            action: action.into(),
            target: "ZH01-2026-0001".into(),
            origin: "203.0.113.0/24".into(),
        }
    }

    fn chain(n: usize) -> Vec<AuditEntry> {
        let mut entries: Vec<AuditEntry> = Vec::new();
        for i in 0..n {
            let next = append(entries.last(), record(&format!("case.action{i}")));
            entries.push(next);
        }
        entries
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let check = verify(&chain(5));
        assert!(check.intact);
        assert_eq!(check.entries, 5);
    }

    #[test]
    fn a_changed_entry_is_found() {
        let mut entries = chain(5);
        entries[2].record.actor = "someone-else".into();
        assert_eq!(verify(&entries).first_broken, Some(3));
    }

    #[test]
    fn a_removed_entry_is_found() {
        let mut entries = chain(5);
        entries.remove(1);
        assert_eq!(verify(&entries).first_broken, Some(2));
    }

    #[test]
    fn a_rehashed_forgery_still_breaks_the_next_link() {
        let mut entries = chain(5);
        entries[2].record.action = "case.nothing".into();
        entries[2].hash = entry_hash(entries[2].seq, &entries[2].record, &entries[2].prev_hash);
        assert_eq!(verify(&entries).first_broken, Some(4));
    }

    #[test]
    fn addresses_are_coarsened() {
        assert_eq!(coarse_origin("203.0.113.77"), "203.0.113.0/24");
        assert_eq!(
            coarse_origin("2001:db8:85a3::8a2e:370:7334"),
            "2001:db8:85a3::/48"
        );
        assert_eq!(coarse_origin("nonsense"), "unknown");
    }

    fn chain_of(actions: &[(&str, &str, &str)]) -> Vec<AuditEntry> {
        let mut chain: Vec<AuditEntry> = Vec::new();
        for (i, (actor, action, target)) in actions.iter().enumerate() {
            let record = AuditRecord {
                at: Utc
                    .with_ymd_and_hms(2026, 11, 20 + i as u32, 8, 0, 0)
                    .unwrap(),
                actor: (*actor).into(),
                action: (*action).into(),
                target: (*target).into(),
                origin: "203.0.113.0/24".into(),
            };
            let next = append(chain.last(), record);
            chain.push(next);
        }
        chain
    }

    #[test]
    fn a_page_is_newest_first_filtered_and_continues_before_its_last() {
        let chain = chain_of(&[
            ("mediator01", "case.accepted", "ZH01-2026-0001"),
            ("mediator01", "case.read_contact", "ZH01-2026-0001"),
            ("coordinator", "session.cancelled", "ZH01-2026-0002 s-1"),
            ("mediator01", "case.note", "ZH01-2026-0002"),
            ("admin", "user.created", "grid09"),
        ]);
        let mine = AuditFilter::parse([("actor", "Mediator01"), ("action", "case.")]).unwrap();
        let first = audit_page(&chain, &mine, None, 2);
        let seqs: Vec<u64> = first.entries.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, [4, 2]);
        assert_eq!(first.matching, 3);
        assert_eq!(first.next_before, Some(2));
        let second = audit_page(&chain, &mine, first.next_before, 2);
        assert_eq!(
            second.entries.iter().map(|e| e.seq).collect::<Vec<_>>(),
            [1]
        );
        assert_eq!(second.next_before, None);

        let case = AuditFilter::parse([("target", "zh01-2026-0002")]).unwrap();
        assert_eq!(audit_page(&chain, &case, None, 50).matching, 2);
        let days = AuditFilter::parse([("from", "2026-11-21"), ("to", "2026-11-22")]).unwrap();
        let seqs: Vec<u64> = audit_page(&chain, &days, None, 50)
            .entries
            .iter()
            .map(|e| e.seq)
            .collect();
        assert_eq!(seqs, [3, 2]);
        assert_eq!(
            audit_page(&chain, &AuditFilter::default(), None, 50).matching,
            5
        );
    }

    #[test]
    fn a_bad_filter_names_its_field() {
        let field =
            |pairs: &[(&str, &str)]| AuditFilter::parse(pairs.iter().copied()).unwrap_err().field;
        assert_eq!(field(&[("from", "yesterday")]), "from");
        assert_eq!(field(&[("from", "2026-11-22"), ("to", "2026-11-21")]), "to");
        assert_eq!(field(&[("actor", &"x".repeat(65))]), "actor");
        assert_eq!(field(&[("target", "a\u{0}b")]), "target");
        assert_eq!(
            AuditFilter::parse([("scope", "zh01"), ("actor", " ")]).unwrap(),
            AuditFilter::default()
        );
    }
}
