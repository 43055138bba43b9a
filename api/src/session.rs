//! Staff sessions: an opaque random token in a `__Host-` cookie, stored only as a hash, with
//! idle and absolute expiry.

use accord_shared::secret::{hex, sha256_hex};
use chrono::{DateTime, Duration, Utc};

pub const COOKIE_NAME: &str = "__Host-accord_session";
/// A session ends after this long without a request.
pub const IDLE_TIMEOUT_MINUTES: i64 = 120;
/// A session ends this long after sign-in whatever happens.
pub const ABSOLUTE_TIMEOUT_HOURS: i64 = 12;

/// The token handed to the browser: 256 random bits as hex.
pub fn token_from_random(bytes: [u8; 32]) -> String {
    hex(&bytes)
}

/// What the server stores in place of the token.
pub fn token_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

pub fn set_cookie(token: &str) -> String {
    format!(
        "{COOKIE_NAME}={token}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age={}",
        ABSOLUTE_TIMEOUT_HOURS * 3600
    )
}

pub fn clear_cookie() -> String {
    format!("{COOKIE_NAME}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// The session token from a `Cookie` header, if it has the right shape.
pub fn token_from_cookie_header(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether a session that began at `created` and was last used at `last_seen` is still valid.
pub fn session_is_live(
    created: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    now < created + Duration::hours(ABSOLUTE_TIMEOUT_HOURS)
        && now < last_seen + Duration::minutes(IDLE_TIMEOUT_MINUTES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_cookie_is_host_only_secure_http_only_and_strict() {
        let cookie = set_cookie(&token_from_random([1; 32]));
        assert!(cookie.starts_with("__Host-accord_session="));
        for attribute in ["Path=/", "Secure", "HttpOnly", "SameSite=Strict"] {
            assert!(cookie.contains(attribute), "{attribute}");
        }
        assert!(!cookie.contains("Domain"));
    }

    #[test]
    fn the_token_is_read_back_from_a_cookie_header() {
        let token = token_from_random([0xab; 32]);
        let header = format!("lang=zh; {COOKIE_NAME}={token}; other=1");
        assert_eq!(token_from_cookie_header(&header), Some(token.as_str()));
        assert_eq!(
            token_from_cookie_header("__Host-accord_session=short"),
            None
        );
        assert_eq!(token_from_cookie_header(""), None);
    }

    #[test]
    fn sessions_expire_when_idle_and_after_the_absolute_limit() {
        let start = Utc.with_ymd_and_hms(2026, 11, 29, 8, 0, 0).unwrap();
        assert!(session_is_live(
            start,
            start,
            start + Duration::minutes(119)
        ));
        assert!(!session_is_live(
            start,
            start,
            start + Duration::minutes(121)
        ));
        let busy = start + Duration::hours(11) + Duration::minutes(59);
        assert!(session_is_live(
            start,
            busy,
            start + Duration::hours(12) - Duration::seconds(1)
        ));
        assert!(!session_is_live(start, busy, start + Duration::hours(12)));
    }
}
