//! Who may ask: the checks every handler runs before it loads anything. Signed-in staff, the
//! policy's street-level and per-resource answers, the one routing of a case code to a
//! community the caller may look into, volunteer links, and the throttle on guessing codes.

use crate::error::ApiError;
use crate::handlers::now;
use crate::protocol::{
    CommunityStore, FailGuard, GuardCommand, Operation, SignedInQuery, VolunteerSession,
};
use crate::session::{token_from_cookie_header, token_hash};
use crate::storage;
use accord_shared::code::CaseCode;
use accord_shared::directory::{Community, Directory};
use accord_shared::policy::{Action, Reach, Resource};
use accord_shared::secret::sha256_hex;
use accord_shared::staff::{Scope, Within};
use accord_shared::throttle;
use accord_shared::time_limits::TimeLimits;
use accord_shared::volunteer::{token_from_header, VolunteerLink};
use accord_shared::wire::Me;
use chrono::{DateTime, Utc};
use std::cell::RefCell;
use worker::{Env, Request};

/// The sign-in token from the request's cookie, if any.
pub fn login_token(req: &Request) -> Result<Option<String>, ApiError> {
    let header = req.headers().get("Cookie")?.unwrap_or_default();
    Ok(token_from_cookie_header(&header).map(str::to_owned))
}

/// The signed-in staff member whatever the state of their password, or 401.
pub async fn require_signed_in(req: &Request, env: &Env) -> Result<Me, ApiError> {
    let token = login_token(req)?.ok_or(ApiError::Unauthenticated)?;
    storage::staff_store(env)?
        .call(&SignedInQuery {
            token_hash: token_hash(&token),
            now: now(),
        })
        .await
}

/// The signed-in staff member, or 401; 403 while an admin-reset password awaits its change.
pub async fn require_staff(req: &Request, env: &Env) -> Result<Me, ApiError> {
    let me = require_signed_in(req, env).await?;
    if me.must_change_password {
        return Err(ApiError::PasswordChangeRequired);
    }
    Ok(me)
}

/// Street-level permissions: refused with 403 (nothing to hide about the street itself).
pub fn require_street_permission(me: &Me, action: Action) -> Result<(), ApiError> {
    require_may(me, action, Resource::STREET)
}

/// The policy's answer for one resource: 403 if it refuses.
pub fn require_may(me: &Me, action: Action, resource: Resource<'_>) -> Result<(), ApiError> {
    if me.may(action, resource) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// How far the caller's role may do `action` anywhere; 403 if nowhere.
pub fn require_reach(me: &Me, action: Action) -> Result<Reach, ApiError> {
    match me.reach(action) {
        Reach::None => Err(ApiError::Forbidden),
        reach => Ok(reach),
    }
}

/// The community a case code routes to, if it is within `scope`; anything else (a code that
/// does not parse, another street's prefix, an unknown community, a community outside the
/// scope) answers 404, exactly like a case that does not exist. The one place a code becomes
/// a community: codes are read with `CaseCode::parse`.
pub fn case_in_scope<'a>(
    directory: &'a Directory,
    scope: &Scope,
    raw_code: &str,
) -> Result<(CaseCode, &'a Community), ApiError> {
    let code = CaseCode::parse(raw_code).map_err(|_| ApiError::NotFound)?;
    let community = directory
        .community_of(&code)
        .filter(|c| {
            scope.includes(Within {
                street: &c.street,
                community: &c.id,
            })
        })
        .ok_or(ApiError::NotFound)?;
    Ok((code, community))
}

/// The community a resident's code routes to; an unknown one answers like a wrong secret.
pub fn resident_case<'a>(
    directory: &'a Directory,
    raw_code: &str,
) -> Result<(CaseCode, &'a Community), ApiError> {
    case_in_scope(directory, &Scope::District, raw_code).map_err(|_| ApiError::CaseNotFound)
}

/// The deadlines of the community a code routes to (the district's for a code of none).
pub fn limits_of_code(directory: &Directory, code: &str) -> TimeLimits {
    CaseCode::parse(code)
        .ok()
        .and_then(|code| directory.community_of(&code))
        .map_or(&directory.time_limits, |c| directory.limits_for(&c.id))
        .clone()
}

/// A resident's look-up (by code and secret) sent to the community the code routes to, and
/// followed to where the case continues if it moved to another street (the object checked
/// the secret before saying where). A case moves a few times at most; the chain is cut at
/// four.
pub async fn resident_call<Op, F>(
    env: &Env,
    directory: &Directory,
    raw_code: &str,
    make: F,
) -> Result<Op::Reply, ApiError>
where
    Op: Operation<CommunityStore>,
    F: Fn(String) -> Op,
{
    let mut raw = raw_code.to_owned();
    for _ in 0..4 {
        let (code, community) = resident_case(directory, &raw)?;
        let answer = storage::community_store(env, &community.id)?
            .call(&make(code.to_string()))
            .await;
        match answer {
            Err(ApiError::Upstream { body, .. }) if body.moved_to.is_some() => {
                raw = body.moved_to.unwrap_or_default();
            }
            other => return other,
        }
    }
    Err(ApiError::CaseNotFound)
}

/// The live link the request's `Authorization: Volunteer <token>` header opens, or 401.
pub async fn require_volunteer(req: &Request, env: &Env) -> Result<VolunteerLink, ApiError> {
    let header = req.headers().get("Authorization")?.unwrap_or_default();
    let token = token_from_header(&header).ok_or(ApiError::Unauthenticated)?;
    storage::staff_store(env)?
        .call(&VolunteerSession {
            token_hash: token_hash(token),
            now: crate::handlers::request_time(req, env),
        })
        .await
}

/// Where a request comes from, as a hash (the address itself is not kept).
fn address_key(req: &Request) -> String {
    let ip = req
        .headers()
        .get("CF-Connecting-IP")
        .ok()
        .flatten()
        .unwrap_or_else(|| "unknown".into());
    format!(
        "address:{}",
        sha256_hex(format!("accord-address-v1\0{ip}").as_bytes())
    )
}

/// Addresses this isolate saw the street lock, and until when: a locked address waits here
/// without asking any object. (Every miss is also counted street-wide, and each community
/// counts and enforces an address's misses at its own codes exactly.)
struct LockedAddress {
    key: String,
    until: DateTime<Utc>,
}

thread_local! {
    static LOCKED_ADDRESSES: RefCell<Vec<LockedAddress>> = const { RefCell::new(Vec::new()) };
}

/// The most locked addresses an isolate remembers (the oldest are forgotten first).
const MAX_LOCKED_ADDRESSES: usize = 1024;

fn locked_here(key: &str, now: DateTime<Utc>) -> Option<i64> {
    LOCKED_ADDRESSES.with(|locked| {
        let mut locked = locked.borrow_mut();
        locked.retain(|l| l.until > now);
        locked
            .iter()
            .find(|l| l.key == key)
            .map(|l| (l.until - now).num_seconds().max(1))
    })
}

fn remember_locked(key: String, now: DateTime<Utc>, retry_after: i64) {
    LOCKED_ADDRESSES.with(|locked| {
        let mut locked = locked.borrow_mut();
        if locked.len() >= MAX_LOCKED_ADDRESSES {
            locked.remove(0);
        }
        locked.push(LockedAddress {
            key,
            until: now + chrono::Duration::seconds(retry_after),
        });
    })
}

/// Runs a look-up by code and secret, slowed per address and per code: too many misses answer
/// 429 with `Retry-After`, even for the right secret. The community holding the code checks
/// both keys before the secret and counts a miss against them in the same step (`lookup` gets
/// the keys to send); a miss is also counted street-wide against the address, from which
/// this isolate learns which addresses are locked.
pub async fn guarded_lookup<T, F, Fut>(
    env: &Env,
    req: &Request,
    directory: &Directory,
    raw_code: &str,
    now: DateTime<Utc>,
    lookup: F,
) -> Result<T, ApiError>
where
    F: FnOnce(GuardCommand) -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    let address = address_key(req);
    if let Some(retry_after) = locked_here(&address, now) {
        return Err(ApiError::TooManyAttempts { retry_after });
    }
    let guard = GuardCommand {
        keys: vec![
            (address.clone(), throttle::TRACK_BY_ADDRESS),
            (throttle::code_key(raw_code), throttle::TRACK_BY_CODE),
        ],
        now,
    };
    match lookup(guard).await {
        Err(ApiError::CaseNotFound) | Err(ApiError::Upstream { status: 404, .. }) => {
            // Counted in the object of the street the code names (an unknown prefix: the first).
            let home = CaseCode::parse(raw_code)
                .ok()
                .and_then(|code| directory.community_of(&code))
                .and_then(|c| directory.street_of(c))
                .or(directory.streets.first())
                .ok_or(ApiError::DirectoryMissing)?;
            let street_guard = GuardCommand {
                keys: vec![(address.clone(), throttle::TRACK_BY_ADDRESS)],
                now,
            };
            Err(
                match storage::street_store(env, home)?
                    .call(&FailGuard(street_guard))
                    .await?
                {
                    Some(retry_after) => {
                        remember_locked(address, now, retry_after);
                        ApiError::TooManyAttempts { retry_after }
                    }
                    None => ApiError::CaseNotFound,
                },
            )
        }
        other => other,
    }
}
