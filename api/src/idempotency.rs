//! Idempotent filing: the key a client sends, and the fingerprint of the request it names.

use crate::error::ApiError;
use accord_shared::secret::sha256_hex;

/// Checks the `Idempotency-Key` header: 16 to 64 letters, digits, dashes or underscores
/// (a UUID fits).
pub fn parse_key(header: Option<&str>) -> Result<String, ApiError> {
    let key = header.map(str::trim).unwrap_or_default();
    // The same rule the phone keeps a waiting filing by.
    if accord_shared::offline::is_idempotency_key(key) {
        Ok(key.to_owned())
    } else {
        Err(ApiError::MissingIdempotencyKey)
    }
}

/// The key as stored: a hash, so that the stored records cannot be replayed to recover the
/// secret derived from the key.
pub fn key_hash(key: &str) -> String {
    sha256_hex(format!("accord-idempotency-v1\0{key}").as_bytes())
}

/// Fingerprint of a request body: the same JSON value gives the same fingerprint whatever the
/// whitespace or key order.
pub fn fingerprint(body: &serde_json::Value) -> String {
    // serde_json's Map is a BTreeMap (no preserve_order feature), so keys serialize sorted.
    sha256_hex(body.to_string().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_must_be_present_and_well_formed() {
        assert!(parse_key(Some("3f1c2a8e-5b7d-4c1e-9a2b-0e6f7d8c9b10")).is_ok());
        for bad in [
            None,
            Some(""),
            Some("short"),
            Some("has space in it 12345"),
            Some(&"x".repeat(65)[..]),
        ] {
            assert_eq!(parse_key(bad), Err(ApiError::MissingIdempotencyKey));
        }
    }

    #[test]
    fn the_fingerprint_ignores_formatting_and_key_order() {
        let a: serde_json::Value = serde_json::from_str(r#"{"a":1,"b":"x"}"#).unwrap();
        let b: serde_json::Value = serde_json::from_str("{ \"b\" : \"x\",\n \"a\": 1 }").unwrap();
        let c: serde_json::Value = serde_json::from_str(r#"{"a":2,"b":"x"}"#).unwrap();
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_ne!(fingerprint(&a), fingerprint(&c));
    }
}
