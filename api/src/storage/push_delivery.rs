//! Push subscriptions and their delivery, the same in the two objects that keep them: a
//! community's object (a resident's, one row per case and browser) and the staff object (one
//! row per person and browser), each in a `push_subscriptions` table keyed by owner and
//! endpoint.
//!
//! An operation that changes something worth telling queues the messages while it writes
//! ([`queue`]), in the same synchronous stretch; the object then hands them to
//! [`send_after_commit`], which sends them with `fetch` under the object's `waitUntil`, after
//! the answer: the runtime releases outgoing requests only once the write is durable, and
//! nothing a push service does (slow, down, refusing) reaches the request that caused it.
//! A 404 or 410 from a push service removes that subscription.

use crate::error::ApiError;
use crate::protocol::{PushNotify, StaffPushNotify};
use crate::push::{
    request_for, subscription_gone, StoredSubscription, LOCAL_PUSH_VAR, VAPID_CONTACT_VAR,
    VAPID_KEY_SECRET,
};
use crate::storage::{self, select, sql_err};
use crate::webpush::{MessageRandomness, VapidKey};
use accord_shared::push::{evicted, PushKind, PushMessage};
use std::cell::RefCell;
use worker::{Env, Fetch, Headers, Method, Request, RequestInit, SqlStorage, State};

/// The table both objects create (the owner a case code or a username).
pub const CREATE_TABLE: &str = "CREATE TABLE push_subscriptions (
        owner TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        p256dh TEXT NOT NULL,
        auth TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        PRIMARY KEY (owner, endpoint)
    )";

/// Messages waiting for the end of the current operation.
#[derive(Default)]
struct Pending {
    to_subscriptions: Vec<(StoredSubscription, PushMessage)>,
    to_staff: Vec<(Vec<String>, PushMessage)>,
    /// (community, message): for a case's resident, whose subscriptions its community keeps.
    to_case: Vec<(String, PushMessage)>,
}

thread_local! {
    static PENDING: RefCell<Pending> = RefCell::new(Pending::default());
}

/// Keeps `subscription` for its owner (again, if the browser subscribes twice), the owner's
/// oldest going beyond `max`.
pub fn subscribe(
    sql: &SqlStorage,
    subscription: &StoredSubscription,
    max: usize,
    now_ms: i64,
) -> Result<(), ApiError> {
    unsubscribe(sql, &subscription.owner, &subscription.endpoint)?;
    let kept = of_owner(sql, &subscription.owner)?;
    for old in kept.iter().take(evicted(kept.len(), 1, max)) {
        unsubscribe(sql, &old.owner, &old.endpoint)?;
    }
    sql.exec(
        "INSERT INTO push_subscriptions (owner, endpoint, p256dh, auth, created_ms)
         VALUES (?, ?, ?, ?, ?)",
        vec![
            subscription.owner.clone().into(),
            subscription.endpoint.clone().into(),
            subscription.p256dh.clone().into(),
            subscription.auth.clone().into(),
            (now_ms as f64).into(),
        ],
    )
    .map_err(sql_err)?;
    Ok(())
}

pub fn unsubscribe(sql: &SqlStorage, owner: &str, endpoint: &str) -> Result<(), ApiError> {
    sql.exec(
        "DELETE FROM push_subscriptions WHERE owner = ? AND endpoint = ?",
        vec![owner.into(), endpoint.into()],
    )
    .map_err(sql_err)?;
    Ok(())
}

/// Removes every subscription of an owner (a case erased, a secret reissued).
pub fn forget(sql: &SqlStorage, owner: &str) -> Result<(), ApiError> {
    sql.exec(
        "DELETE FROM push_subscriptions WHERE owner = ?",
        vec![owner.into()],
    )
    .map_err(sql_err)?;
    Ok(())
}

/// An owner's subscriptions, oldest first.
pub fn of_owner(sql: &SqlStorage, owner: &str) -> Result<Vec<StoredSubscription>, ApiError> {
    select(
        sql,
        "SELECT owner, endpoint, p256dh, auth FROM push_subscriptions
         WHERE owner = ? ORDER BY created_ms, endpoint",
        vec![owner.into()],
    )
}

/// Queues `kind` of case `case` for every subscription of `owner` in this object.
pub fn queue(sql: &SqlStorage, owner: &str, case: &str, kind: PushKind) -> Result<(), ApiError> {
    let subscriptions = of_owner(sql, owner)?;
    if subscriptions.is_empty() {
        return Ok(());
    }
    let message = PushMessage::new(case, kind);
    PENDING.with(|p| {
        p.borrow_mut().to_subscriptions.extend(
            subscriptions
                .into_iter()
                .map(|subscription| (subscription, message.clone())),
        )
    });
    Ok(())
}

/// Queues `kind` of case `case` for staff members, whose subscriptions the staff object holds.
pub fn queue_for_staff(people: Vec<String>, case: &str, kind: PushKind) {
    if people.is_empty() {
        return;
    }
    let message = PushMessage::new(case, kind);
    PENDING.with(|p| p.borrow_mut().to_staff.push((people, message)));
}

/// Queues `kind` for the resident of case `case` of `community`, from another object.
pub fn queue_for_case(community: &str, case: &str, kind: PushKind) {
    let message = PushMessage::new(case, kind);
    PENDING.with(|p| p.borrow_mut().to_case.push((community.to_owned(), message)));
}

/// Called by the object once its operation has answered: sends what the operation queued
/// (nothing if it failed, since then nothing was written), without holding up the answer.
pub fn send_after_commit(state: &State, env: &Env, succeeded: bool) {
    let pending = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
    if !succeeded
        || (pending.to_subscriptions.is_empty()
            && pending.to_staff.is_empty()
            && pending.to_case.is_empty())
    {
        return;
    }
    let sql = state.storage().sql();
    let env = env.clone();
    state.wait_until(async move {
        for (people, message) in pending.to_staff {
            let notify = StaffPushNotify {
                to: people,
                case: message.case,
                kind: message.kind,
            };
            let sent = match storage::staff_store(&env) {
                Ok(staff) => staff.call(&notify).await.map(|_| ()),
                Err(err) => Err(err),
            };
            if let Err(err) = sent {
                worker::console_error!("telling staff of {:?} failed: {err}", notify.kind);
            }
        }
        for (community, message) in pending.to_case {
            let notify = PushNotify {
                code: message.case,
                kind: message.kind,
            };
            let sent = match storage::community_store(&env, &community) {
                Ok(store) => store.call(&notify).await.map(|_| ()),
                Err(err) => Err(err),
            };
            if let Err(err) = sent {
                worker::console_error!("telling a resident of {:?} failed: {err}", notify.kind);
            }
        }
        if pending.to_subscriptions.is_empty() {
            return;
        }
        let Some((key, contact)) = vapid(&env) else {
            return;
        };
        for (subscription, message) in pending.to_subscriptions {
            match deliver(&subscription, &message, &key, &contact).await {
                Ok(status) if subscription_gone(status) => {
                    if let Err(err) = unsubscribe(&sql, &subscription.owner, &subscription.endpoint)
                    {
                        worker::console_error!("removing a gone subscription failed: {err}");
                    }
                }
                Ok(status) if !(200..300).contains(&status) => {
                    worker::console_warn!("a push service answered {status}");
                }
                Ok(_) => {}
                Err(err) => worker::console_warn!("a push could not be sent: {err}"),
            }
        }
    });
}

/// Accord's VAPID key and contact, if configured (push is off where they are not).
pub fn vapid(env: &Env) -> Option<(VapidKey, String)> {
    let raw = env
        .secret(VAPID_KEY_SECRET)
        .map(|s| s.to_string())
        .or_else(|_| env.var(VAPID_KEY_SECRET).map(|v| v.to_string()))
        .ok()?;
    let key = match VapidKey::from_base64url(raw.trim()) {
        Ok(key) => key,
        Err(err) => {
            worker::console_error!("{VAPID_KEY_SECRET} is not usable: {err}");
            return None;
        }
    };
    let contact = env
        .var(VAPID_CONTACT_VAR)
        .map(|v| v.to_string())
        .unwrap_or_default();
    Some((key, contact))
}

/// Whether subscriptions may name a local stand-in for a push service (tests only).
pub fn local_push_allowed(env: &Env) -> bool {
    env.var(LOCAL_PUSH_VAR)
        .map(|v| v.to_string() == "1")
        .unwrap_or(false)
}

/// Sends one message; answers the push service's status.
async fn deliver(
    subscription: &StoredSubscription,
    message: &PushMessage,
    key: &VapidKey,
    contact: &str,
) -> Result<u16, ApiError> {
    let randomness = MessageRandomness {
        sender_private: crate::handlers::random_bytes()?,
        salt: crate::handlers::random_bytes()?,
    };
    let now = u64::try_from(crate::handlers::now().timestamp()).unwrap_or(0);
    let request =
        request_for(subscription, message, key, contact, now, randomness).map_err(|err| {
            worker::console_warn!("a push request could not be made: {err}");
            ApiError::Internal
        })?;
    let headers = Headers::new();
    for (name, value) in &request.headers {
        headers.set(name, value)?;
    }
    let body = worker::js_sys::Uint8Array::from(request.body.as_slice());
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        .with_body(Some(body.into()));
    let response = Fetch::Request(Request::new_with_init(&request.url, &init)?)
        .send()
        .await?;
    Ok(response.status_code())
}
