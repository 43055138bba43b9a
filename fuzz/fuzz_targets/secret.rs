//! Case secrets: whatever text reads as a secret shows in eight groups of four that read back
//! as the same secret; an encoded secret decodes to the very bytes it was made from; a derived
//! secret depends on its key and inputs only; hashes are 64 hex digits.

#![no_main]

use accord_shared::secret::{constant_time_eq, hex, sha256_hex, CaseSecret, SECRET_BYTES};
use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Decodes the grouped form back to bytes (Crockford base 32, 5 bits a character).
fn decode(grouped: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0);
    for c in grouped.chars().filter(|c| *c != '-') {
        let value = ALPHABET.find(c).expect("a character of the alphabet") as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    out
}

fn check(secret: &CaseSecret) -> String {
    let grouped = secret.display_grouped();
    assert_eq!(grouped.len(), 39, "{grouped}");
    for (i, group) in grouped.split('-').enumerate() {
        assert!(i < 8 && group.len() == 4, "{grouped}");
        assert!(group.chars().all(|c| ALPHABET.contains(c)), "{grouped}");
    }
    assert_eq!(CaseSecret::parse(&grouped).as_ref(), Some(secret));
    assert_eq!(
        CaseSecret::parse(&grouped.to_lowercase()).as_ref(),
        Some(secret)
    );
    assert_eq!(
        CaseSecret::parse(&grouped.replace('-', " ")).as_ref(),
        Some(secret)
    );
    let hash = secret.hash_for("ZH01-2026-0001");
    assert!(is_hex(&hash, 64));
    assert_ne!(hash, secret.hash_for("ZH01-2026-0002"));
    grouped
}

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    if let Some(secret) = CaseSecret::parse(&raw) {
        let grouped = check(&secret);
        // Only what a person may type or confuse: the alphabet, O, I, L, spaces and dashes.
        assert!(raw.chars().all(
            |c| matches!(c.to_ascii_uppercase(), ' ' | '-' | 'O' | 'I' | 'L')
                || ALPHABET.contains(c.to_ascii_uppercase())
        ));
        let typed: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '-'))
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect();
        assert_eq!(typed, grouped.replace('-', ""));
    }

    let mut u = Unstructured::new(data);
    let Ok(bytes) = u.arbitrary::<[u8; SECRET_BYTES]>() else {
        return;
    };
    let secret = CaseSecret::from_random(bytes);
    let grouped = check(&secret);
    assert_eq!(decode(&grouped), bytes, "the secret is its bytes");

    let (Ok(key), Ok(idempotency), Ok(code)) = (
        u.arbitrary::<Vec<u8>>(),
        u.arbitrary::<String>(),
        u.arbitrary::<String>(),
    ) else {
        return;
    };
    match CaseSecret::derive(&key, &idempotency, &code) {
        None => assert!(key.len() < 32),
        Some(derived) => {
            assert!(key.len() >= 32);
            check(&derived);
            assert_eq!(
                CaseSecret::derive(&key, &idempotency, &code).as_ref(),
                Some(&derived)
            );
            let other = format!("{idempotency}.");
            assert_ne!(
                CaseSecret::derive(&key, &other, &code).as_ref(),
                Some(&derived)
            );
        }
    }
    assert!(is_hex(&sha256_hex(&key), 64));
    assert!(is_hex(&hex(&key), key.len() * 2));
    assert_eq!(constant_time_eq(&idempotency, &code), idempotency == code);
    assert!(constant_time_eq(&code, &code.clone()));
});
