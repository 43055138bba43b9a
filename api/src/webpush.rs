//! Web Push for Accord's browser notices (a new message on a case, a session moved, a
//! volunteer visit assigned): the payload is encrypted for the subscribed browser per RFC 8291
//! in the `aes128gcm` content coding of RFC 8188, and the request is signed with Accord's
//! VAPID key per RFC 8292.
//!
//! Everything here is a pure function: the caller passes in the randomness (the one-off sender
//! key and salt of each message, the bytes of a new VAPID key) and the clock, and gets back a
//! [`PushRequest`] that the Worker only has to send with `fetch`. Nothing panics on input: a
//! malformed subscription, endpoint, key or oversize message is a [`PushError`].

use aes_gcm::aead::AeadInPlace;
use aes_gcm::{Aes128Gcm, KeyInit};
use base64ct::{Base64Url, Base64UrlUnpadded, Encoding};
use hkdf::Hkdf;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use sha2::Sha256;

/// The record size written in the header: one record of at most this many octets.
pub const RECORD_SIZE: u32 = 4096;
/// Length of an uncompressed P-256 point: 0x04, then x and y.
pub const PUBLIC_KEY_LEN: usize = 65;
/// Length of a subscription's authentication secret.
pub const AUTH_SECRET_LEN: usize = 16;
/// salt (16) + rs (4) + idlen (1) + keyid (the sender's public key, 65).
pub const HEADER_LEN: usize = 16 + 4 + 1 + PUBLIC_KEY_LEN;
const TAG_LEN: usize = 16;
/// The padding delimiter that ends the last (here the only) record.
const LAST_RECORD_DELIMITER: u8 = 0x02;
/// Push services need not accept a body over 4096 octets (RFC 8291 §4), so the whole body,
/// header and tag included, stays within one 4096-octet record: 3993 octets of message.
pub const MAX_PAYLOAD_LEN: usize = RECORD_SIZE as usize - HEADER_LEN - TAG_LEN - 1;
/// RFC 8292 §2: a VAPID token expires at most 24 hours after it is made.
pub const MAX_VAPID_LIFETIME_SECONDS: u64 = 24 * 60 * 60;
/// Endpoints longer than this are not push endpoints any browser hands out.
const MAX_ENDPOINT_LEN: usize = 2048;
const MAX_CONTACT_LEN: usize = 320;

/// Which key of a subscription was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscriptionKey {
    P256dh,
    Auth,
}

impl std::fmt::Display for SubscriptionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SubscriptionKey::P256dh => "p256dh",
            SubscriptionKey::Auth => "auth",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PushError {
    #[error("the subscription's {0} key is not valid")]
    InvalidSubscriptionKey(SubscriptionKey),
    #[error("the push endpoint is not a valid URL")]
    InvalidEndpoint,
    #[error("the push endpoint must use https (plain http only for 127.0.0.1 or localhost)")]
    InsecureEndpoint,
    #[error("the notice is {len} bytes; at most {MAX_PAYLOAD_LEN} fit in one push message")]
    PayloadTooLarge { len: usize },
    #[error("the private key is not a valid P-256 key")]
    InvalidPrivateKey,
    #[error("the VAPID expiry must be after now and at most 24 hours ahead")]
    ExpiryOutOfRange,
    #[error("the VAPID contact must be a mailto: or https: URI")]
    InvalidContact,
    #[error("the notice could not be encrypted")]
    Encryption,
}

/// A browser's push subscription, as `PushSubscription.toJSON()` describes it: where to send,
/// and the two keys the message is encrypted for.
#[derive(Clone, PartialEq, Eq)]
pub struct Subscription {
    endpoint: String,
    p256dh: [u8; PUBLIC_KEY_LEN],
    auth: [u8; AUTH_SECRET_LEN],
}

impl std::fmt::Debug for Subscription {
    /// The endpoint and keys identify one browser: kept out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Subscription { .. }")
    }
}

impl Subscription {
    /// A subscription from raw keys: `p256dh` must be an uncompressed point on P-256.
    pub fn new(
        endpoint: &str,
        p256dh: [u8; PUBLIC_KEY_LEN],
        auth: [u8; AUTH_SECRET_LEN],
    ) -> Result<Self, PushError> {
        endpoint_origin(endpoint)?;
        parse_point(&p256dh).ok_or(PushError::InvalidSubscriptionKey(SubscriptionKey::P256dh))?;
        Ok(Subscription {
            endpoint: endpoint.to_owned(),
            p256dh,
            auth,
        })
    }

    /// A subscription from the base64url keys a browser sends (unpadded, padding accepted).
    pub fn from_base64url(endpoint: &str, p256dh: &str, auth: &str) -> Result<Self, PushError> {
        let p256dh = decode_fixed::<PUBLIC_KEY_LEN>(p256dh)
            .ok_or(PushError::InvalidSubscriptionKey(SubscriptionKey::P256dh))?;
        let auth = decode_fixed::<AUTH_SECRET_LEN>(auth)
            .ok_or(PushError::InvalidSubscriptionKey(SubscriptionKey::Auth))?;
        Subscription::new(endpoint, p256dh, auth)
    }

    /// A subscription a browser hands in: [`Subscription::from_base64url`], and its endpoint
    /// must be https. Plain http to 127.0.0.1 or localhost (a local stand-in for a push
    /// service) passes only when `allow_local_http` says so, which only a test run does.
    pub fn checked(
        endpoint: &str,
        p256dh: &str,
        auth: &str,
        allow_local_http: bool,
    ) -> Result<Self, PushError> {
        let subscription = Subscription::from_base64url(endpoint, p256dh, auth)?;
        if !allow_local_http && !endpoint_origin(endpoint)?.starts_with("https://") {
            return Err(PushError::InsecureEndpoint);
        }
        Ok(subscription)
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub fn p256dh(&self) -> &[u8; PUBLIC_KEY_LEN] {
        &self.p256dh
    }

    pub fn auth(&self) -> &[u8; AUTH_SECRET_LEN] {
        &self.auth
    }
}

/// Decodes base64url with or without padding into exactly `N` bytes.
fn decode_fixed<const N: usize>(text: &str) -> Option<[u8; N]> {
    let bytes = if text.ends_with('=') {
        Base64Url::decode_vec(text).ok()?
    } else {
        Base64UrlUnpadded::decode_vec(text).ok()?
    };
    bytes.try_into().ok()
}

fn parse_point(bytes: &[u8; PUBLIC_KEY_LEN]) -> Option<PublicKey> {
    // Only the uncompressed form: RFC 8291 §3.1 and what browsers send.
    if bytes[0] != 0x04 {
        return None;
    }
    PublicKey::from_sec1_bytes(bytes).ok()
}

fn secret_key(bytes: [u8; 32]) -> Result<SecretKey, PushError> {
    SecretKey::from_bytes(&bytes.into()).map_err(|_| PushError::InvalidPrivateKey)
}

fn uncompressed(public: &PublicKey) -> [u8; PUBLIC_KEY_LEN] {
    let point = public.to_encoded_point(false);
    let bytes = point.as_bytes();
    // An uncompressed P-256 point is always 65 bytes; copied without a length assumption.
    let mut out = [0u8; PUBLIC_KEY_LEN];
    let n = bytes.len().min(PUBLIC_KEY_LEN);
    out[..n].copy_from_slice(&bytes[..n]);
    out
}

/// The uncompressed public key of a P-256 private key; an out-of-range scalar is refused.
pub fn public_key(private: [u8; 32]) -> Result<[u8; PUBLIC_KEY_LEN], PushError> {
    Ok(uncompressed(&secret_key(private)?.public_key()))
}

fn hkdf_expand<const N: usize>(
    salt: &[u8],
    ikm: &[u8],
    info: &[&[u8]],
) -> Result<[u8; N], PushError> {
    let mut okm = [0u8; N];
    Hkdf::<Sha256>::new(Some(salt), ikm)
        .expand_multi_info(info, &mut okm)
        .map_err(|_| PushError::Encryption)?;
    Ok(okm)
}

/// Encrypts a notice for one subscription: the whole `aes128gcm` body, header
/// (salt, rs = 4096, idlen = 65, keyid = the sender's public key) then a single record ending
/// in the 0x02 delimiter. `sender_private` is a fresh random key for this message only, and
/// `salt` 16 fresh random bytes.
pub fn encrypt(
    payload: &[u8],
    subscription: &Subscription,
    sender_private: [u8; 32],
    salt: [u8; 16],
) -> Result<Vec<u8>, PushError> {
    if payload.len() > MAX_PAYLOAD_LEN {
        return Err(PushError::PayloadTooLarge { len: payload.len() });
    }
    let ua_public = parse_point(&subscription.p256dh)
        .ok_or(PushError::InvalidSubscriptionKey(SubscriptionKey::P256dh))?;
    let sender = secret_key(sender_private)?;
    let as_public = uncompressed(&sender.public_key());

    // RFC 8291 §3.3-3.4: the shared secret, mixed with the auth secret, then RFC 8188 §2.2-2.3.
    let shared = p256::ecdh::diffie_hellman(sender.to_nonzero_scalar(), ua_public.as_affine());
    let ikm: [u8; 32] = hkdf_expand(
        &subscription.auth,
        shared.raw_secret_bytes(),
        &[b"WebPush: info\0", &subscription.p256dh, &as_public],
    )?;
    let cek: [u8; 16] = hkdf_expand(&salt, &ikm, &[b"Content-Encoding: aes128gcm\0"])?;
    // The first and only record: sequence number 0, so the nonce is used as derived.
    let nonce: [u8; 12] = hkdf_expand(&salt, &ikm, &[b"Content-Encoding: nonce\0"])?;

    let mut body = Vec::with_capacity(HEADER_LEN + payload.len() + 1 + TAG_LEN);
    body.extend_from_slice(&salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(PUBLIC_KEY_LEN as u8);
    body.extend_from_slice(&as_public);
    body.extend_from_slice(payload);
    body.push(LAST_RECORD_DELIMITER);
    let record = body.get_mut(HEADER_LEN..).ok_or(PushError::Encryption)?;
    let tag = Aes128Gcm::new(&cek.into())
        .encrypt_in_place_detached(&nonce.into(), b"", record)
        .map_err(|_| PushError::Encryption)?;
    body.extend_from_slice(&tag);
    Ok(body)
}

/// Accord's VAPID key: the browser learns its public half as `applicationServerKey` when it
/// subscribes, and every push request is signed with it.
#[derive(Clone)]
pub struct VapidKey {
    secret: SecretKey,
}

impl std::fmt::Debug for VapidKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VapidKey")
            .field("public", &self.application_server_key())
            .finish_non_exhaustive()
    }
}

/// A new VAPID key from 32 random bytes. About one draw in 2^32 is not a valid P-256 scalar
/// (zero, or not below the group order): that is an error, and the caller draws again.
pub fn generate_vapid_key(random: [u8; 32]) -> Result<VapidKey, PushError> {
    VapidKey::from_bytes(random)
}

impl VapidKey {
    /// The key from its 32-byte private scalar.
    pub fn from_bytes(private: [u8; 32]) -> Result<Self, PushError> {
        Ok(VapidKey {
            secret: secret_key(private)?,
        })
    }

    /// The key from the base64url of its private scalar, as kept in the Worker's secrets.
    pub fn from_base64url(private: &str) -> Result<Self, PushError> {
        VapidKey::from_bytes(decode_fixed::<32>(private).ok_or(PushError::InvalidPrivateKey)?)
    }

    /// The 32-byte private scalar, to be stored as a secret.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.secret.to_bytes().into()
    }

    /// The private scalar as unpadded base64url, the form [`VapidKey::from_base64url`] reads.
    pub fn to_base64url(&self) -> String {
        Base64UrlUnpadded::encode_string(&self.to_bytes())
    }

    /// The 65-byte uncompressed public key.
    pub fn public_key(&self) -> [u8; PUBLIC_KEY_LEN] {
        uncompressed(&self.secret.public_key())
    }

    /// The public key as unpadded base64url: the `applicationServerKey` the frontend passes to
    /// `pushManager.subscribe`, and the `k=` of the Authorization header.
    pub fn application_server_key(&self) -> String {
        Base64UrlUnpadded::encode_string(&self.public_key())
    }

    /// The signed VAPID token (RFC 8292 §2): an ES256 JWT with `aud` the endpoint's origin,
    /// `exp` = `expires_at` (after `now`, at most 24 hours ahead) and `sub` the contact. The
    /// signature is deterministic (RFC 6979), so the same inputs give the same token.
    pub fn jwt(
        &self,
        endpoint: &str,
        contact: &str,
        now: u64,
        expires_at: u64,
    ) -> Result<String, PushError> {
        let audience = endpoint_origin(endpoint)?;
        check_contact(contact)?;
        if expires_at <= now || expires_at - now > MAX_VAPID_LIFETIME_SECONDS {
            return Err(PushError::ExpiryOutOfRange);
        }
        let header = r#"{"typ":"JWT","alg":"ES256"}"#;
        // Strings through serde_json for their escaping; the field order is fixed.
        let claims = format!(
            r#"{{"aud":{},"exp":{expires_at},"sub":{}}}"#,
            serde_json::Value::String(audience),
            serde_json::Value::String(contact.to_owned()),
        );
        let signing_input = format!(
            "{}.{}",
            Base64UrlUnpadded::encode_string(header.as_bytes()),
            Base64UrlUnpadded::encode_string(claims.as_bytes()),
        );
        let signature: Signature = SigningKey::from(&self.secret).sign(signing_input.as_bytes());
        Ok(format!(
            "{signing_input}.{}",
            Base64UrlUnpadded::encode_string(&signature.to_bytes())
        ))
    }

    /// The `Authorization` header value for a push endpoint: `vapid t=<jwt>, k=<public key>`.
    pub fn authorization(
        &self,
        endpoint: &str,
        contact: &str,
        now: u64,
        expires_at: u64,
    ) -> Result<String, PushError> {
        let jwt = self.jwt(endpoint, contact, now, expires_at)?;
        Ok(format!(
            "vapid t={jwt}, k={}",
            self.application_server_key()
        ))
    }
}

/// RFC 8292 §2.1: a contact for the push service's operator, a `mailto:` or `https:` URI.
fn check_contact(contact: &str) -> Result<(), PushError> {
    let lower = contact.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("mailto:")
        .or_else(|| lower.strip_prefix("https://"));
    let valid = rest.is_some_and(|rest| !rest.is_empty())
        && contact.len() <= MAX_CONTACT_LEN
        && !contact.chars().any(|c| c.is_control() || c.is_whitespace());
    if valid {
        Ok(())
    } else {
        Err(PushError::InvalidContact)
    }
}

/// The origin (`scheme://host[:port]`, lower-case, default port left out) of a push endpoint:
/// the VAPID audience. Only https endpoints are accepted, except plain http to 127.0.0.1 or
/// localhost, where a local stand-in for a push service listens during tests.
pub fn endpoint_origin(endpoint: &str) -> Result<String, PushError> {
    if endpoint.len() > MAX_ENDPOINT_LEN || !endpoint.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(PushError::InvalidEndpoint);
    }
    let (scheme, rest) = endpoint
        .split_once("://")
        .ok_or(PushError::InvalidEndpoint)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme.is_empty()
        || !scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return Err(PushError::InvalidEndpoint);
    }
    let authority = rest
        .split(['/', '?', '#'])
        .next()
        .ok_or(PushError::InvalidEndpoint)?;
    if authority.contains('@') {
        return Err(PushError::InvalidEndpoint);
    }
    let (host, port) = split_host_port(authority).ok_or(PushError::InvalidEndpoint)?;
    let host = host.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => 443,
        "http" if host == "127.0.0.1" || host == "localhost" => 80,
        _ => return Err(PushError::InsecureEndpoint),
    };
    Ok(match port {
        Some(port) if port != default_port => format!("{scheme}://{host}:{port}"),
        _ => format!("{scheme}://{host}"),
    })
}

/// Splits `host[:port]` (the host a name, an IPv4 address or a bracketed IPv6 address).
fn split_host_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if authority.starts_with('[') {
        let close = authority.find(']')?;
        let (host, after) = authority.split_at(close + 1);
        let inner = host.get(1..host.len() - 1)?;
        if inner.is_empty()
            || !inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return None;
        }
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':')?)),
        }
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let labels_ok = !host.is_empty()
            && host.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !labels_ok {
            return None;
        }
        (host, port)
    };
    let port = match port {
        None => None,
        Some(digits) => {
            if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            let port: u16 = digits.parse().ok()?;
            if port == 0 {
                return None;
            }
            Some(port)
        }
    };
    Some((host, port))
}

/// RFC 8030 §5.3: how urgently the push service should wake the browser's device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Urgency {
    VeryLow,
    Low,
    #[default]
    Normal,
    High,
}

impl Urgency {
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::VeryLow => "very-low",
            Urgency::Low => "low",
            Urgency::Normal => "normal",
            Urgency::High => "high",
        }
    }
}

/// One notice to push: its bytes (usually JSON the service worker reads), how long the push
/// service may hold it for an offline browser, and its urgency.
#[derive(Debug, Clone, Copy)]
pub struct Notice<'a> {
    pub payload: &'a [u8],
    pub ttl_seconds: u32,
    pub urgency: Urgency,
}

/// Who signs the request, and for how long the signature holds.
#[derive(Debug, Clone, Copy)]
pub struct VapidSigner<'a> {
    pub key: &'a VapidKey,
    /// `mailto:` or `https:` contact for the push service's operator.
    pub contact: &'a str,
    /// Unix seconds.
    pub now: u64,
    /// Unix seconds, after `now` and at most 24 hours ahead.
    pub expires_at: u64,
}

/// The fresh randomness one message needs: a one-off sender key and a salt.
#[derive(Clone, Copy)]
pub struct MessageRandomness {
    pub sender_private: [u8; 32],
    pub salt: [u8; 16],
}

/// Everything the Worker needs to send one notice with `fetch`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushRequest {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// The whole request for one notice to one subscription: POST to the endpoint with the
/// encrypted body and the Content-Encoding, Content-Type, TTL, Urgency and Authorization
/// headers.
pub fn push_request(
    subscription: &Subscription,
    notice: &Notice<'_>,
    signer: &VapidSigner<'_>,
    randomness: MessageRandomness,
) -> Result<PushRequest, PushError> {
    let authorization = signer.key.authorization(
        &subscription.endpoint,
        signer.contact,
        signer.now,
        signer.expires_at,
    )?;
    let body = encrypt(
        notice.payload,
        subscription,
        randomness.sender_private,
        randomness.salt,
    )?;
    Ok(PushRequest {
        method: "POST",
        url: subscription.endpoint.clone(),
        headers: vec![
            ("Content-Encoding", "aes128gcm".to_owned()),
            ("Content-Type", "application/octet-stream".to_owned()),
            ("TTL", notice.ttl_seconds.to_string()),
            ("Urgency", notice.urgency.as_str().to_owned()),
            ("Authorization", authorization),
        ],
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::Verifier;
    use p256::ecdsa::VerifyingKey;

    fn b64(text: &str) -> Vec<u8> {
        Base64UrlUnpadded::decode_vec(text).unwrap()
    }

    fn b64_array<const N: usize>(text: &str) -> [u8; N] {
        b64(text).try_into().unwrap()
    }

    fn random<const N: usize>() -> [u8; N] {
        let mut bytes = [0u8; N];
        getrandom::fill(&mut bytes).unwrap();
        bytes
    }

    /// A fresh valid private key (redrawn in the rare case the bytes are out of range).
    fn random_key() -> [u8; 32] {
        loop {
            let bytes = random::<32>();
            if public_key(bytes).is_ok() {
                return bytes;
            }
        }
    }

    const ENDPOINT: &str = "https://push.example.net/push/JzLQ3raZJfFBR0aqvOMsLrt54w4rJUsV";

    // RFC 8291 Appendix A.
    const RFC_PLAINTEXT: &[u8] = b"When I grow up, I want to be a watermelon";
    const RFC_AS_PRIVATE: &str = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    const RFC_AS_PUBLIC: &str =
        "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    const RFC_UA_PRIVATE: &str = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    const RFC_UA_PUBLIC: &str =
        "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    const RFC_AUTH: &str = "BTBZMqHH6r4Tts7J_aSIgg";
    const RFC_SALT: &str = "DGv6ra1nlYgDCS1FRnbzlw";
    const RFC_BODY: &str = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    /// The browser's side, written out on its own from RFC 8291 and RFC 8188: reads the
    /// header, derives the key and nonce, opens the record and strips the delimiter.
    fn decrypt(body: &[u8], ua_private: [u8; 32], auth: [u8; 16]) -> Option<Vec<u8>> {
        let salt = body.get(..16)?;
        let rs = u32::from_be_bytes(body.get(16..20)?.try_into().ok()?);
        let idlen = usize::from(*body.get(20)?);
        let as_public = body.get(21..21 + idlen)?;
        let record = body.get(21 + idlen..)?;
        assert_eq!(rs, 4096);
        assert!(record.len() <= rs as usize);

        let ua_secret = SecretKey::from_bytes(&ua_private.into()).ok()?;
        let ua_public = ua_secret.public_key().to_encoded_point(false);
        let as_key = PublicKey::from_sec1_bytes(as_public).ok()?;
        let shared = p256::ecdh::diffie_hellman(ua_secret.to_nonzero_scalar(), as_key.as_affine());

        let mut key_info = b"WebPush: info\0".to_vec();
        key_info.extend_from_slice(ua_public.as_bytes());
        key_info.extend_from_slice(as_public);
        let mut ikm = [0u8; 32];
        Hkdf::<Sha256>::new(Some(&auth), shared.raw_secret_bytes())
            .expand(&key_info, &mut ikm)
            .ok()?;
        let content = Hkdf::<Sha256>::new(Some(salt), &ikm);
        let mut cek = [0u8; 16];
        content
            .expand(b"Content-Encoding: aes128gcm\0", &mut cek)
            .ok()?;
        let mut nonce = [0u8; 12];
        content
            .expand(b"Content-Encoding: nonce\0", &mut nonce)
            .ok()?;

        let (ciphertext, tag) = record.split_at(record.len().checked_sub(16)?);
        let mut plaintext = ciphertext.to_vec();
        Aes128Gcm::new(&cek.into())
            .decrypt_in_place_detached(&nonce.into(), b"", &mut plaintext, tag.into())
            .ok()?;
        // Padding is zeros after the delimiter; the last record's delimiter is 0x02.
        let end = plaintext.iter().rposition(|&b| b != 0)?;
        (plaintext[end] == 0x02).then(|| plaintext[..end].to_vec())
    }

    #[test]
    fn the_rfc_8291_example_encrypts_byte_for_byte() {
        let subscription = Subscription::from_base64url(ENDPOINT, RFC_UA_PUBLIC, RFC_AUTH).unwrap();
        let as_private = b64_array::<32>(RFC_AS_PRIVATE);
        assert_eq!(public_key(as_private).unwrap().to_vec(), b64(RFC_AS_PUBLIC));

        let body = encrypt(
            RFC_PLAINTEXT,
            &subscription,
            as_private,
            b64_array(RFC_SALT),
        )
        .unwrap();
        assert_eq!(Base64UrlUnpadded::encode_string(&body), RFC_BODY);
        assert_eq!(body.len(), HEADER_LEN + RFC_PLAINTEXT.len() + 1 + 16);

        // The decryption below agrees with the RFC too, so the round trips test something.
        let opened = decrypt(
            &b64(RFC_BODY),
            b64_array(RFC_UA_PRIVATE),
            b64_array(RFC_AUTH),
        );
        assert_eq!(opened.as_deref(), Some(RFC_PLAINTEXT));
    }

    #[test]
    fn notices_encrypted_for_random_browsers_decrypt() {
        for len in [
            0,
            1,
            15,
            16,
            17,
            100,
            1000,
            MAX_PAYLOAD_LEN - 1,
            MAX_PAYLOAD_LEN,
        ] {
            let ua_private = random_key();
            let auth = random::<16>();
            let subscription =
                Subscription::new(ENDPOINT, public_key(ua_private).unwrap(), auth).unwrap();
            let payload: Vec<u8> = (0..len).map(|i| (i * 7 + len) as u8).collect();
            let body = encrypt(&payload, &subscription, random_key(), random()).unwrap();
            assert!(
                body.len() <= RECORD_SIZE as usize,
                "{len} bytes gave {}",
                body.len()
            );
            assert_eq!(decrypt(&body, ua_private, auth), Some(payload.clone()));

            // Another browser's key or a flipped bit does not open it.
            assert_eq!(decrypt(&body, random_key(), auth), None);
            let mut tampered = body.clone();
            let last = tampered.len() - 1;
            tampered[last] ^= 1;
            assert_eq!(decrypt(&tampered, ua_private, auth), None);
        }
    }

    #[test]
    fn a_notice_too_large_for_one_record_is_refused() {
        let subscription = Subscription::from_base64url(ENDPOINT, RFC_UA_PUBLIC, RFC_AUTH).unwrap();
        assert_eq!(MAX_PAYLOAD_LEN, 3993);
        let body = encrypt(&[b'x'; 3993], &subscription, random_key(), random()).unwrap();
        assert_eq!(body.len(), 4096);
        assert_eq!(
            encrypt(&[b'x'; 3994], &subscription, random_key(), random()),
            Err(PushError::PayloadTooLarge { len: 3994 })
        );
        assert_eq!(
            encrypt(&vec![0; 1 << 20], &subscription, random_key(), random()),
            Err(PushError::PayloadTooLarge { len: 1 << 20 })
        );
    }

    #[test]
    fn subscription_keys_are_read_padded_or_not_and_bad_ones_are_named() {
        let padded_auth = format!("{RFC_AUTH}==");
        let padded_p256dh = format!("{RFC_UA_PUBLIC}=");
        let plain = Subscription::from_base64url(ENDPOINT, RFC_UA_PUBLIC, RFC_AUTH).unwrap();
        let padded = Subscription::from_base64url(ENDPOINT, &padded_p256dh, &padded_auth).unwrap();
        assert_eq!(plain, padded);
        assert_eq!(plain.p256dh().to_vec(), b64(RFC_UA_PUBLIC));
        assert_eq!(plain.auth().to_vec(), b64(RFC_AUTH));
        assert_eq!(plain.endpoint(), ENDPOINT);

        let bad_p256dh = Err(PushError::InvalidSubscriptionKey(SubscriptionKey::P256dh));
        let bad_auth = Err(PushError::InvalidSubscriptionKey(SubscriptionKey::Auth));
        // Not base64url, the wrong length, standard base64, wrong padding.
        for p256dh in [
            "",
            "not base64!",
            &RFC_UA_PUBLIC[..40],
            &RFC_UA_PUBLIC.replace('_', "/"),
            &format!("{RFC_UA_PUBLIC}==="),
            &format!("{RFC_UA_PUBLIC}A"),
        ] {
            assert_eq!(
                Subscription::from_base64url(ENDPOINT, p256dh, RFC_AUTH),
                bad_p256dh,
                "{p256dh}"
            );
        }
        for auth in [
            "",
            "BTBZMqHH6r4Tts7J",
            "BTBZMqHH6r4Tts7J_aSIggAA",
            "BTBZMqHH6r4Tts7J_aSIgg=",
        ] {
            assert_eq!(
                Subscription::from_base64url(ENDPOINT, RFC_UA_PUBLIC, auth),
                bad_auth,
                "{auth}"
            );
        }

        // 65 bytes that are not a point on the curve, or not in uncompressed form.
        let mut off_curve = b64_array::<65>(RFC_UA_PUBLIC);
        off_curve[64] ^= 1;
        assert_eq!(Subscription::new(ENDPOINT, off_curve, [0; 16]), bad_p256dh);
        let mut compressed_tag = b64_array::<65>(RFC_UA_PUBLIC);
        compressed_tag[0] = 0x02;
        assert_eq!(
            Subscription::new(ENDPOINT, compressed_tag, [0; 16]),
            bad_p256dh
        );
        assert_eq!(Subscription::new(ENDPOINT, [0; 65], [0; 16]), bad_p256dh);

        assert_eq!(
            Subscription::from_base64url("http://push.example.net/x", RFC_UA_PUBLIC, RFC_AUTH),
            Err(PushError::InsecureEndpoint)
        );
    }

    #[test]
    fn private_keys_out_of_range_are_refused() {
        // The group order n of P-256, and n + 1: neither is a scalar below n.
        let order = b64_array::<32>("_____wAAAAD__________7zm-q2nF56E87nKwvxjJVE");
        let mut above = order;
        above[31] += 1;
        for bytes in [[0u8; 32], [0xff; 32], order, above] {
            assert_eq!(
                generate_vapid_key(bytes).unwrap_err(),
                PushError::InvalidPrivateKey
            );
            assert_eq!(public_key(bytes), Err(PushError::InvalidPrivateKey));
            let subscription =
                Subscription::from_base64url(ENDPOINT, RFC_UA_PUBLIC, RFC_AUTH).unwrap();
            assert_eq!(
                encrypt(b"hello", &subscription, bytes, [0; 16]),
                Err(PushError::InvalidPrivateKey)
            );
        }
        let mut below = order;
        below[31] -= 1;
        assert!(generate_vapid_key(below).is_ok());
        assert!(generate_vapid_key([1; 32]).is_ok());
        assert_eq!(
            VapidKey::from_base64url("short").unwrap_err(),
            PushError::InvalidPrivateKey
        );
    }

    #[test]
    fn a_vapid_key_round_trips_and_gives_its_public_key() {
        let key = generate_vapid_key(b64_array(RFC_AS_PRIVATE)).unwrap();
        assert_eq!(key.application_server_key(), RFC_AS_PUBLIC);
        assert_eq!(key.public_key().len(), 65);
        assert_eq!(key.public_key()[0], 0x04);
        assert_eq!(key.to_base64url(), RFC_AS_PRIVATE);
        let again = VapidKey::from_base64url(&key.to_base64url()).unwrap();
        assert_eq!(again.to_bytes(), key.to_bytes());
        assert!(!format!("{key:?}").contains(RFC_AS_PRIVATE));
    }

    fn decode_json(part: &str) -> serde_json::Value {
        serde_json::from_slice(&b64(part)).unwrap()
    }

    #[test]
    fn the_vapid_header_carries_a_verifiable_es256_token() {
        let key = generate_vapid_key(random_key()).unwrap();
        let now = 1_760_000_000;
        let endpoint = "https://updates.push.example.org:8443/wpush/v2/gAAAAABo";
        let header = key
            .authorization(
                endpoint,
                "mailto:mediation@accord.example",
                now,
                now + 12 * 3600,
            )
            .unwrap();

        let (t, k) = header
            .strip_prefix("vapid t=")
            .and_then(|rest| rest.split_once(", k="))
            .unwrap();
        assert_eq!(k, key.application_server_key());
        let parts: Vec<&str> = t.split('.').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(b64(parts[0]), br#"{"typ":"JWT","alg":"ES256"}"#);
        assert_eq!(
            decode_json(parts[1]),
            serde_json::json!({
                "aud": "https://updates.push.example.org:8443",
                "exp": now + 12 * 3600,
                "sub": "mailto:mediation@accord.example",
            })
        );

        let verifying = VerifyingKey::from_sec1_bytes(&b64(k)).unwrap();
        let signature_bytes = b64(parts[2]);
        assert_eq!(signature_bytes.len(), 64);
        let signature = Signature::from_slice(&signature_bytes).unwrap();
        let signed = format!("{}.{}", parts[0], parts[1]);
        assert!(verifying.verify(signed.as_bytes(), &signature).is_ok());
        assert!(verifying.verify(b"another token", &signature).is_err());

        // RFC 6979: the same inputs sign the same way.
        let again = key
            .authorization(
                endpoint,
                "mailto:mediation@accord.example",
                now,
                now + 12 * 3600,
            )
            .unwrap();
        assert_eq!(header, again);
    }

    #[test]
    fn the_vapid_expiry_and_contact_are_checked() {
        let key = generate_vapid_key([7; 32]).unwrap();
        let now = 1_760_000_000;
        let contact = "mailto:mediation@accord.example";
        assert!(key.jwt(ENDPOINT, contact, now, now + 24 * 3600).is_ok());
        assert!(key.jwt(ENDPOINT, contact, now, now + 1).is_ok());
        for expires_at in [now + 24 * 3600 + 1, now, now - 1, 0, u64::MAX] {
            assert_eq!(
                key.jwt(ENDPOINT, contact, now, expires_at),
                Err(PushError::ExpiryOutOfRange)
            );
        }
        assert!(key
            .jwt(ENDPOINT, "https://accord.example/contact", now, now + 60)
            .is_ok());
        for contact in [
            "",
            "mediation@accord.example",
            "mailto:",
            "http://accord.example",
            "mailto:a b@c",
            "mailto:a\n@c",
        ] {
            assert_eq!(
                key.jwt(ENDPOINT, contact, now, now + 60),
                Err(PushError::InvalidContact),
                "{contact}"
            );
        }
        // A contact with a quote is escaped, not spliced into the claims.
        let jwt = key
            .jwt(ENDPOINT, "mailto:\"x\"@accord.example", now, now + 60)
            .unwrap();
        let claims = decode_json(jwt.split('.').nth(1).unwrap());
        assert_eq!(claims["sub"], "mailto:\"x\"@accord.example");
        assert_eq!(
            key.jwt("http://push.example.net/x", contact, now, now + 60),
            Err(PushError::InsecureEndpoint)
        );
    }

    #[test]
    fn a_browser_subscription_must_use_https_unless_a_local_stand_in_is_allowed() {
        let p256dh = Base64UrlUnpadded::encode_string(&public_key(random_key()).unwrap());
        let auth = Base64UrlUnpadded::encode_string(&random::<16>());
        let local = "http://127.0.0.1:9123/push/1";
        assert_eq!(
            Subscription::checked(local, &p256dh, &auth, false),
            Err(PushError::InsecureEndpoint)
        );
        assert_eq!(
            Subscription::checked(local, &p256dh, &auth, true)
                .map(|s| s.endpoint().to_owned())
                .as_deref(),
            Ok(local)
        );
        assert!(Subscription::checked(ENDPOINT, &p256dh, &auth, false).is_ok());
        assert_eq!(
            Subscription::checked("http://push.example.net/x", &p256dh, &auth, true),
            Err(PushError::InsecureEndpoint)
        );
        assert_eq!(
            Subscription::checked(ENDPOINT, "AAAA", &auth, false),
            Err(PushError::InvalidSubscriptionKey(SubscriptionKey::P256dh))
        );
        assert_eq!(
            Subscription::checked(ENDPOINT, &p256dh, "AAAA", false),
            Err(PushError::InvalidSubscriptionKey(SubscriptionKey::Auth))
        );
    }

    #[test]
    fn the_origin_of_an_endpoint() {
        for (endpoint, origin) in [
            (
                "https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91b",
                "https://fcm.googleapis.com",
            ),
            (
                "https://Push.Example.NET:443/x?y#z",
                "https://push.example.net",
            ),
            ("HTTPS://push.example.net", "https://push.example.net"),
            (
                "https://updates.push.example.org:8443/wpush",
                "https://updates.push.example.org:8443",
            ),
            (
                "https://push.example.net?token=1",
                "https://push.example.net",
            ),
            (
                "https://[2001:db8::1]:8443/push",
                "https://[2001:db8::1]:8443",
            ),
            ("http://127.0.0.1:8787/push/1", "http://127.0.0.1:8787"),
            ("http://localhost/push", "http://localhost"),
            ("http://LOCALHOST:80/push", "http://localhost"),
        ] {
            assert_eq!(
                endpoint_origin(endpoint).as_deref(),
                Ok(origin),
                "{endpoint}"
            );
        }
        for endpoint in [
            "http://push.example.net/x",
            "http://127.0.0.1.example.net/x",
            "http://localhost.example.net/x",
            "http://[::1]/x",
            "ftp://push.example.net/x",
            "wss://push.example.net/x",
        ] {
            assert_eq!(
                endpoint_origin(endpoint),
                Err(PushError::InsecureEndpoint),
                "{endpoint}"
            );
        }
        let long = format!("https://push.example.net/{}", "a".repeat(3000));
        for endpoint in [
            "",
            "push.example.net/x",
            "https://",
            "https:///x",
            "https://user@push.example.net/x",
            "https://push.example.net:99999/x",
            "https://push.example.net:0/x",
            "https://push.example.net:/x",
            "https://push.example.net:443:1/x",
            "https://push..example.net/x",
            "https://push.example.net./x",
            "https://push example.net/x",
            "https://push.example.net/x y",
            "https://push.exämple.net/x",
            "https://[]/x",
            "https://[2001:db8::1/x",
            "https://[2001:db8::1]x/x",
            "https://push.example.net\\@evil.example/x",
            "://push.example.net",
            long.as_str(),
        ] {
            assert_eq!(
                endpoint_origin(endpoint),
                Err(PushError::InvalidEndpoint),
                "{endpoint}"
            );
        }
    }

    #[test]
    fn a_push_request_has_everything_the_worker_sends() {
        let ua_private = random_key();
        let auth = random::<16>();
        let subscription =
            Subscription::new(ENDPOINT, public_key(ua_private).unwrap(), auth).unwrap();
        let key = generate_vapid_key(random_key()).unwrap();
        let now = 1_760_000_000;
        let signer = VapidSigner {
            key: &key,
            contact: "mailto:mediation@accord.example",
            now,
            expires_at: now + 3600,
        };
        let payload = br#"{"case":"C-2291","kind":"message"}"#;
        let notice = Notice {
            payload,
            ttl_seconds: 86_400,
            urgency: Urgency::High,
        };
        let randomness = MessageRandomness {
            sender_private: random_key(),
            salt: random(),
        };
        let request = push_request(&subscription, &notice, &signer, randomness).unwrap();
        assert_eq!(request.method, "POST");
        assert_eq!(request.url, ENDPOINT);
        let header = |name: &str| {
            request
                .headers
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(header("Content-Encoding"), Some("aes128gcm"));
        assert_eq!(header("Content-Type"), Some("application/octet-stream"));
        assert_eq!(header("TTL"), Some("86400"));
        assert_eq!(header("Urgency"), Some("high"));
        assert_eq!(
            header("Authorization"),
            Some(
                key.authorization(ENDPOINT, signer.contact, now, now + 3600)
                    .unwrap()
                    .as_str()
            )
        );
        assert_eq!(request.headers.len(), 5);
        assert_eq!(
            decrypt(&request.body, ua_private, auth).as_deref(),
            Some(&payload[..])
        );

        let too_long = VapidSigner {
            expires_at: now + 25 * 3600,
            ..signer
        };
        assert_eq!(
            push_request(&subscription, &notice, &too_long, randomness),
            Err(PushError::ExpiryOutOfRange)
        );
        let big = vec![0; 5000];
        let oversize = Notice {
            payload: &big,
            ..notice
        };
        assert_eq!(
            push_request(&subscription, &oversize, &signer, randomness),
            Err(PushError::PayloadTooLarge { len: 5000 })
        );
        assert_eq!(Urgency::default().as_str(), "normal");
        assert_eq!(Urgency::VeryLow.as_str(), "very-low");
        assert_eq!(Urgency::Low.as_str(), "low");
    }
}
