//! Slowing down guessing: failures counted per key (an account, an address, a case code) in a
//! window; too many lock the key for a while.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How many failures a window allows, and how long a lock lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThrottleRule {
    pub max_failures: u32,
    pub window_seconds: i64,
    pub lock_seconds: i64,
}

/// Staff sign-in: five wrong passwords in fifteen minutes lock the account for fifteen.
pub const LOGIN: ThrottleRule = ThrottleRule {
    max_failures: 5,
    window_seconds: 15 * 60,
    lock_seconds: 15 * 60,
};

/// Tracking from one address: twenty misses in ten minutes lock it for ten.
pub const TRACK_BY_ADDRESS: ThrottleRule = ThrottleRule {
    max_failures: 20,
    window_seconds: 10 * 60,
    lock_seconds: 10 * 60,
};

/// Tracking one case code: ten wrong secrets in ten minutes lock the code for ten.
pub const TRACK_BY_CODE: ThrottleRule = ThrottleRule {
    max_failures: 10,
    window_seconds: 10 * 60,
    lock_seconds: 10 * 60,
};

/// The key a tracking code's misses count under: the parsed code in its one canonical
/// spelling, so `zh32 2026 0001`, `ZH32-2026-000001` and `ZH32-2026-0001` are one key; a
/// code that does not parse (it opens nothing) counts under its trimmed capitals.
pub fn code_key(raw_code: &str) -> String {
    let code = crate::code::CaseCode::parse(raw_code)
        .map(|c| c.to_string())
        .unwrap_or_else(|_| raw_code.trim().to_uppercase());
    format!("code:{code}")
}

/// The failures recorded against one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Throttle {
    pub failures: u32,
    pub window_started: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
}

impl Throttle {
    pub fn new(now: DateTime<Utc>) -> Self {
        Throttle {
            failures: 0,
            window_started: now,
            locked_until: None,
        }
    }

    /// Seconds to wait before trying again, if the key is locked at `now`.
    pub fn retry_after(&self, now: DateTime<Utc>) -> Option<i64> {
        self.locked_until
            .filter(|until| *until > now)
            .map(|until| (until - now).num_seconds().max(1))
    }

    /// Records one more failure at `now`.
    pub fn fail(self, rule: ThrottleRule, now: DateTime<Utc>) -> Self {
        let mut next = if now - self.window_started >= Duration::seconds(rule.window_seconds)
            || self.locked_until.is_some_and(|until| until <= now)
        {
            Throttle::new(now)
        } else {
            self
        };
        next.failures += 1;
        if next.failures >= rule.max_failures {
            next.locked_until = Some(now + Duration::seconds(rule.lock_seconds));
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_fifth_wrong_password_locks_the_account_for_fifteen_minutes() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 29, 8, 0, 0).unwrap();
        let mut throttle = Throttle::new(t0);
        for i in 0..4 {
            throttle = throttle.fail(LOGIN, t0 + Duration::seconds(i));
            assert_eq!(throttle.retry_after(t0 + Duration::seconds(i)), None);
        }
        throttle = throttle.fail(LOGIN, t0 + Duration::seconds(10));
        assert_eq!(throttle.retry_after(t0 + Duration::seconds(10)), Some(900));
        assert_eq!(throttle.retry_after(t0 + Duration::seconds(910)), None);
    }

    #[test]
    fn failures_spread_over_more_than_a_window_never_lock() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 29, 8, 0, 0).unwrap();
        let mut throttle = Throttle::new(t0);
        for i in 0..20 {
            let at = t0 + Duration::minutes(4 * i);
            throttle = throttle.fail(LOGIN, at);
            assert_eq!(throttle.retry_after(at), None, "failure {i}");
        }
    }

    #[test]
    fn every_spelling_of_a_code_counts_under_one_key() {
        let key = code_key("ZH32-2026-0001");
        assert_eq!(key, "code:ZH32-2026-0001");
        for spelling in [
            "ZH32 2026 0001",
            " zh32-2026-0001 ",
            "ZH32-2026-000001",
            "zh32 2026 00001",
        ] {
            assert_eq!(code_key(spelling), key, "{spelling}");
        }
        assert_ne!(code_key("ZH32-2026-0002"), key);
    }
}
