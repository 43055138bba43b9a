//! The audit log: who did what, when and from where, append-only and hash-chained, so that
//! changing or removing any entry breaks the chain from there on.

use crate::secret::sha256_hex;
use chrono::{DateTime, Utc};
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
}
