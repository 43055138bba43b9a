//! Push notifications around [`crate::webpush`]: a browser's subscription read from the wire
//! (its problems named by field), the stored row it becomes, and the request that tells it of
//! one event. Pure: the key, the clock and the randomness are passed in.

use crate::webpush::{
    push_request, MessageRandomness, Notice, PushError, PushRequest, Subscription, SubscriptionKey,
    Urgency, VapidKey, VapidSigner,
};
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::push::{PushMessage, TTL_SECONDS};
use accord_shared::wire::PushSubscriptionJson;
use serde::{Deserialize, Serialize};

/// The Worker secret holding the VAPID private key (unpadded base64url of its 32 bytes).
pub const VAPID_KEY_SECRET: &str = "VAPID_PRIVATE_KEY";
/// The variable with the contact the push services may write to (`mailto:` or `https:`).
pub const VAPID_CONTACT_VAR: &str = "VAPID_CONTACT";
/// The test-only variable that lets subscriptions name a push service on plain http at
/// 127.0.0.1 or localhost (a local stand-in): `1` there, absent anywhere else.
pub const LOCAL_PUSH_VAR: &str = "ACCORD_LOCAL_PUSH";
/// How long one VAPID signature holds: well within RFC 8292's 24 hours.
pub const VAPID_LIFETIME_SECONDS: u64 = 12 * 60 * 60;

/// A subscription as an object keeps it: whose (a case code or a username), where to send,
/// and its two keys as the browser gave them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSubscription {
    pub owner: String,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// A browser's subscription checked: an https push endpoint (or the local stand-in where
/// allowed) and keys that are a P-256 point and a 16-byte secret. A problem names its field.
pub fn read_subscription(
    owner: &str,
    json: &PushSubscriptionJson,
    allow_local_http: bool,
) -> Result<StoredSubscription, FieldError> {
    let endpoint = json.endpoint.trim();
    if endpoint.is_empty() {
        return Err(FieldError::new(
            "subscription.endpoint",
            FieldProblem::Required,
        ));
    }
    Subscription::checked(
        endpoint,
        &json.keys.p256dh,
        &json.keys.auth,
        allow_local_http,
    )
    .map_err(|err| {
        let field = match err {
            PushError::InvalidSubscriptionKey(SubscriptionKey::P256dh) => {
                "subscription.keys.p256dh"
            }
            PushError::InvalidSubscriptionKey(SubscriptionKey::Auth) => "subscription.keys.auth",
            _ => "subscription.endpoint",
        };
        FieldError::new(field, FieldProblem::InvalidFormat)
    })?;
    Ok(StoredSubscription {
        owner: owner.to_owned(),
        endpoint: endpoint.to_owned(),
        p256dh: json.keys.p256dh.trim_end_matches('=').to_owned(),
        auth: json.keys.auth.trim_end_matches('=').to_owned(),
    })
}

/// The request telling one stored subscription of `message`, signed for
/// [`VAPID_LIFETIME_SECONDS`] from `now` (Unix seconds).
pub fn request_for(
    stored: &StoredSubscription,
    message: &PushMessage,
    key: &VapidKey,
    contact: &str,
    now: u64,
    randomness: MessageRandomness,
) -> Result<PushRequest, PushError> {
    let subscription =
        Subscription::from_base64url(&stored.endpoint, &stored.p256dh, &stored.auth)?;
    let payload = message.payload();
    push_request(
        &subscription,
        &Notice {
            payload: &payload,
            ttl_seconds: TTL_SECONDS,
            urgency: Urgency::Normal,
        },
        &VapidSigner {
            key,
            contact,
            now,
            expires_at: now + VAPID_LIFETIME_SECONDS,
        },
        randomness,
    )
}

/// RFC 8030 §7.3: a push service answering 404 or 410 says the subscription is gone for
/// good, so it is removed; any other failure is left to the next event.
pub fn subscription_gone(status: u16) -> bool {
    status == 404 || status == 410
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webpush::{generate_vapid_key, public_key};
    use accord_shared::push::PushKind;
    use accord_shared::wire::PushKeys;
    use base64ct::{Base64UrlUnpadded, Encoding};

    fn keys() -> PushKeys {
        PushKeys {
            p256dh: Base64UrlUnpadded::encode_string(&public_key([3; 32]).unwrap_or([0; 65])),
            auth: Base64UrlUnpadded::encode_string(&[9; 16]),
        }
    }

    #[test]
    fn a_subscription_is_read_with_its_problems_named_by_field() {
        let good = PushSubscriptionJson {
            endpoint: "https://push.example.net/send/abc".into(),
            keys: keys(),
            ..Default::default()
        };
        let stored = read_subscription("ZH-2026-0001", &good, false).unwrap();
        assert_eq!(stored.owner, "ZH-2026-0001");
        assert_eq!(stored.endpoint, good.endpoint);

        let field = |json: &PushSubscriptionJson, local: bool| {
            read_subscription("x", json, local).map_err(|e| (e.field, e.problem))
        };
        let mut json = good.clone();
        json.endpoint = " ".into();
        assert_eq!(
            field(&json, false),
            Err(("subscription.endpoint", FieldProblem::Required))
        );
        json.endpoint = "http://127.0.0.1:9000/p".into();
        assert_eq!(
            field(&json, false),
            Err(("subscription.endpoint", FieldProblem::InvalidFormat))
        );
        assert!(
            field(&json, true).is_ok(),
            "the local stand-in, where allowed"
        );
        json.endpoint = "not a url".into();
        assert_eq!(
            field(&json, true),
            Err(("subscription.endpoint", FieldProblem::InvalidFormat))
        );
        let mut json = good.clone();
        json.keys.p256dh = "AAAA".into();
        assert_eq!(
            field(&json, false),
            Err(("subscription.keys.p256dh", FieldProblem::InvalidFormat))
        );
        let mut json = good.clone();
        json.keys.auth = String::new();
        assert_eq!(
            field(&json, false),
            Err(("subscription.keys.auth", FieldProblem::InvalidFormat))
        );
    }

    #[test]
    fn the_request_is_signed_for_a_bounded_time_and_gone_means_404_or_410() {
        let stored = read_subscription(
            "ZH-2026-0001",
            &PushSubscriptionJson {
                endpoint: "https://push.example.net/send/abc".into(),
                keys: keys(),
                ..Default::default()
            },
            false,
        )
        .unwrap();
        let key = generate_vapid_key([5; 32]).unwrap();
        let message = PushMessage::new("ZH-2026-0001", PushKind::StatusChanged);
        let randomness = MessageRandomness {
            sender_private: [7; 32],
            salt: [1; 16],
        };
        let request = request_for(
            &stored,
            &message,
            &key,
            "mailto:office@accord.example",
            1_760_000_000,
            randomness,
        )
        .unwrap();
        assert_eq!(request.url, stored.endpoint);
        assert!(request
            .headers
            .iter()
            .any(|(n, v)| *n == "TTL" && v == "86400"));
        assert!(request.body.len() > message.payload().len());
        assert!(subscription_gone(404) && subscription_gone(410));
        assert!(!subscription_gone(429) && !subscription_gone(500) && !subscription_gone(201));
    }
}
