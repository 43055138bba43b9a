//! Case secrets: 160 random bits shown to the resident once, stored only as a hash.
//!
//! The secret is high-entropy, so a single SHA-256 (bound to the case code) is enough to make
//! a stolen database useless for reading cases; guessing is slowed at the API.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::fmt;

/// Crockford's base-32 alphabet: no I, L, O or U, so nothing is misread when copied by hand.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Number of random bytes in a secret (160 bits).
pub const SECRET_BYTES: usize = 20;

/// A case secret in canonical form: 32 base-32 characters.
#[derive(Clone, PartialEq, Eq)]
pub struct CaseSecret(String);

impl fmt::Debug for CaseSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CaseSecret(…)")
    }
}

impl CaseSecret {
    /// Encodes random bytes supplied by the caller.
    pub fn from_random(bytes: [u8; SECRET_BYTES]) -> Self {
        let mut out = String::with_capacity(32);
        let mut buffer: u32 = 0;
        let mut bits = 0;
        for byte in bytes {
            buffer = (buffer << 8) | u32::from(byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
            }
        }
        Self(out)
    }

    /// The secret of a filing, derived from the server's key, the filing's idempotency key and
    /// the case code. Nothing but its hash is stored, yet a retried filing (same idempotency key)
    /// can be answered with the same secret, so a resident whose first answer was lost on a
    /// bad connection still gets it.
    /// `None` only for a server key shorter than 32 bytes, which is a configuration error.
    pub fn derive(server_key: &[u8], idempotency_key: &str, case_code: &str) -> Option<Self> {
        if server_key.len() < 32 {
            return None;
        }
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(server_key).ok()?;
        mac.update(b"accord-case-secret-derive-v1\0");
        mac.update(idempotency_key.as_bytes());
        mac.update(b"\0");
        mac.update(case_code.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut bytes = [0u8; SECRET_BYTES];
        bytes.copy_from_slice(&digest[..SECRET_BYTES]);
        Some(Self::from_random(bytes))
    }

    /// Reads what a resident typed or pasted: dashes and spaces ignored, case folded, and the
    /// letters people confuse with digits mapped as Crockford specifies.
    pub fn parse(raw: &str) -> Option<Self> {
        let mut out = String::with_capacity(32);
        for c in raw.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return None;
            }
            out.push(c);
        }
        (out.len() == 32).then_some(Self(out))
    }

    /// The secret as shown to the resident: eight groups of four.
    pub fn display_grouped(&self) -> String {
        let chunks: Vec<&str> = self
            .0
            .as_bytes()
            .chunks(4)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .collect();
        chunks.join("-")
    }

    /// The stored form: hex SHA-256 of the secret bound to its case code.
    pub fn hash_for(&self, case_code: &str) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"accord-case-secret-v1\0");
        hasher.update(case_code.as_bytes());
        hasher.update(b"\0");
        hasher.update(self.0.as_bytes());
        hex(&hasher.finalize())
    }
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// Hex SHA-256 of arbitrary bytes (request fingerprints, session token hashes).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Compares two strings in time that depends only on their lengths.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_secret_has_32_characters_shown_in_groups_of_four() {
        let secret = CaseSecret::from_random([0xA5; SECRET_BYTES]);
        let shown = secret.display_grouped();
        assert_eq!(shown.len(), 32 + 7);
        assert_eq!(CaseSecret::parse(&shown), Some(secret.clone()));
        assert_eq!(CaseSecret::parse(&shown.to_lowercase()), Some(secret));
    }

    #[test]
    fn the_hash_depends_on_the_case_code() {
        let secret = CaseSecret::from_random([7; SECRET_BYTES]);
        assert_ne!(
            secret.hash_for("ZH01-2026-0001"),
            secret.hash_for("ZH01-2026-0002")
        );
        assert_eq!(secret.hash_for("ZH01-2026-0001").len(), 64);
    }

    #[test]
    fn short_or_foreign_input_is_not_a_secret() {
        assert!(CaseSecret::parse("ABCD").is_none());
        assert!(CaseSecret::parse(&"U".repeat(32)).is_none());
        assert!(CaseSecret::parse(&"字".repeat(32)).is_none());
    }

    #[test]
    fn a_derived_secret_is_stable_for_one_filing_and_differs_between_filings() {
        let key = [9u8; 32];
        let derive =
            |key: &[u8], idem: &str, code: &str| CaseSecret::derive(key, idem, code).unwrap();
        let first = derive(&key, "key-1", "ZH01-2026-0001");
        assert_eq!(first, derive(&key, "key-1", "ZH01-2026-0001"));
        assert_ne!(first, derive(&key, "key-2", "ZH01-2026-0001"));
        assert_ne!(first, derive(&key, "key-1", "ZH01-2026-0002"));
        assert_ne!(first, derive(&[8u8; 32], "key-1", "ZH01-2026-0001"));
        assert!(CaseSecret::derive(&[1u8; 16], "key-1", "ZH01-2026-0001").is_none());
    }

    #[test]
    fn constant_time_eq_compares_contents() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }

    proptest! {
        #[test]
        fn distinct_random_bytes_give_distinct_secrets(a in any::<[u8; SECRET_BYTES]>(), b in any::<[u8; SECRET_BYTES]>()) {
            prop_assume!(a != b);
            prop_assert_ne!(CaseSecret::from_random(a), CaseSecret::from_random(b));
        }
    }
}
