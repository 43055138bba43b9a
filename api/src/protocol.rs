//! Messages between the Worker and its Durable Objects. Internal: not part of the public API.

use accord_shared::case::{Actor, Channel};
use accord_shared::directory::Directory;
use accord_shared::intake::ValidFiling;
use accord_shared::lifecycle::Command;
use accord_shared::queue::{QueueCursor, QueueView};
use accord_shared::staff::{Role, Scope};
use accord_shared::throttle::ThrottleRule;
use accord_shared::time_limits::TimeLimits;
use accord_shared::wire::Me;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Paths of the community object's operations.
pub mod community_ops {
    pub const FILE: &str = "/file";
    pub const TRACK: &str = "/track";
    pub const FEEDBACK: &str = "/feedback";
    pub const QUEUE: &str = "/queue";
    pub const DETAIL: &str = "/detail";
    pub const COMMAND: &str = "/command";
    pub const MERGE: &str = "/merge";
    pub const ESCALATE: &str = "/escalate";
    pub const RETAIN: &str = "/retain";
    pub const AUDIT: &str = "/audit";
    pub const AUDIT_TAMPER: &str = "/audit/tamper";
    pub const VOLUNTEER_CASES: &str = "/volunteer/cases";
    pub const VOLUNTEER_VISIT: &str = "/volunteer/visit";
}

/// Paths of the street object's operations.
pub mod street_ops {
    pub const CLAIM_IDEMPOTENCY_KEY: &str = "/claim";
    pub const GUARD_CHECK: &str = "/guard/check";
    pub const GUARD_FAIL: &str = "/guard/fail";
    pub const GUARD_CLEAR: &str = "/guard/clear";
}

/// Keys whose failures are counted (an address hash, a case code), with their rules.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GuardCommand {
    pub keys: Vec<(String, ThrottleRule)>,
    pub now: DateTime<Utc>,
}

/// Paths of the staff directory object's operations.
pub mod auth_ops {
    pub const SEED: &str = "/seed";
    pub const PEOPLE: &str = "/people";
    pub const LOGIN: &str = "/login";
    pub const SESSION: &str = "/session";
    pub const LOGOUT: &str = "/logout";
    pub const USERS: &str = "/users";
    pub const USER_CREATE: &str = "/users/create";
    pub const USER_UPDATE: &str = "/users/update";
    pub const PASSWORD_RESET: &str = "/users/password-reset";
    pub const PASSWORD_CHANGE: &str = "/password-change";
    pub const AUDIT: &str = "/audit";
    pub const VOLUNTEER_ISSUE: &str = "/volunteers/issue";
    pub const VOLUNTEER_LIST: &str = "/volunteers";
    pub const VOLUNTEER_REVOKE: &str = "/volunteers/revoke";
    pub const VOLUNTEER_SESSION: &str = "/volunteers/session";
    pub const AUDIT_APPEND: &str = "/audit/append";
    pub const AUDIT_TAMPER: &str = "/audit/tamper";
}

/// The run that erases personal data past the retention period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RetainCommand {
    pub retention_days: u32,
    pub now: DateTime<Utc>,
    pub origin: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionReport {
    pub examined: u32,
    pub erased: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateUser {
    pub by: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub scope: Scope,
    pub password_phc: String,
    pub now: DateTime<Utc>,
    /// Where the request came from, coarsened (for the audit log).
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UpdateUser {
    pub by: String,
    pub now: DateTime<Utc>,
    pub username: String,
    pub update: accord_shared::accounts::UserUpdateRequest,
    /// Where the request came from, coarsened (for the audit log).
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResetPassword {
    pub by: String,
    pub now: DateTime<Utc>,
    pub username: String,
    pub password_phc: String,
    /// Where the request came from, coarsened (for the audit log).
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangePassword {
    pub username: String,
    pub current_password: String,
    pub new_password_phc: String,
    /// The session that replaces all of the user's sessions.
    pub new_token_hash: String,
    pub now: DateTime<Utc>,
    /// Where the request came from, coarsened (for the audit log).
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileCommand {
    pub idempotency_key: String,
    pub fingerprint: String,
    pub filing: ValidFiling,
    pub code_prefix: String,
    pub community_number: u8,
    pub channel: Channel,
    pub recorded_by: Actor,
    pub limits: TimeLimits,
    pub now: DateTime<Utc>,
    /// Where the request came from, coarsened (for the audit log).
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrackCommand {
    pub code: String,
    pub secret: String,
    pub limits: TimeLimits,
    pub now: DateTime<Utc>,
}

/// The resident's confirmation and rating, authorized by the case secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FeedbackCommand {
    pub code: String,
    pub secret: String,
    pub command: Command,
    pub directory: Directory,
    pub now: DateTime<Utc>,
    /// Where the request came from, coarsened (for the audit log).
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueueQuery {
    pub after: Option<(i64, String)>,
    pub limit: usize,
    pub view: QueueView,
    /// Only cases this person handles (for roles whose reach is "assigned").
    pub handled_by: Option<String>,
    pub limits: TimeLimits,
    pub now: DateTime<Utc>,
}

impl QueueQuery {
    pub fn new(
        after: Option<&QueueCursor>,
        limit: usize,
        view: QueueView,
        limits: TimeLimits,
        now: DateTime<Utc>,
    ) -> Self {
        QueueQuery {
            after: after.map(|c| (c.filed_at_ms, c.code.clone())),
            limit,
            view,
            handled_by: None,
            limits,
            now,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DetailQuery {
    pub code: String,
    pub me: Me,
    pub limits: TimeLimits,
    pub now: DateTime<Utc>,
    /// Where the request came from, coarsened (for the audit log).
    pub origin: String,
}

/// A staff command on one case, based on the version the caller saw.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseCommand {
    pub code: String,
    pub version: u64,
    pub command: Command,
    pub me: Me,
    pub directory: Directory,
    pub now: DateTime<Utc>,
    /// Where the request came from, coarsened (for the audit log).
    pub origin: String,
}

/// Merge `duplicate` into `primary` (both in this community).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MergeCommand {
    pub primary: String,
    pub version: u64,
    pub duplicate: String,
    pub me: Me,
    pub directory: Directory,
    pub now: DateTime<Utc>,
    /// Where the request came from, coarsened (for the audit log).
    pub origin: String,
}

/// The scheduled escalation run over one community.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EscalateCommand {
    pub directory: Directory,
    pub now: DateTime<Utc>,
    /// Where the request came from, coarsened (for the audit log).
    pub origin: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationReport {
    pub examined: u32,
    pub escalated: u32,
}

/// A claim on an idempotency key, street-wide, so that one key names one filing even when a
/// second body names another community.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClaimCommand {
    pub key_hash: String,
    pub fingerprint: String,
    pub community: String,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimOutcome {
    /// First use of the key, or a retry of the same request: go ahead.
    Proceed,
    /// The key was used with another body.
    Conflict,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeedAccount {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub scope: Scope,
    pub password_phc: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeedAccounts {
    pub accounts: Vec<SeedAccount>,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoginCommand {
    pub username: String,
    pub password: String,
    pub token_hash: String,
    pub now: DateTime<Utc>,
    /// Where the request came from, coarsened (for the audit log).
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionQuery {
    pub token_hash: String,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssueVolunteer {
    pub link: accord_shared::volunteer::VolunteerLink,
    pub token_hash: String,
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RevokeVolunteer {
    pub id: String,
    pub by: String,
    /// The communities the revoker may manage links of (`None`: the whole street).
    pub communities: Option<Vec<String>>,
    pub now: DateTime<Utc>,
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VolunteerSession {
    pub token_hash: String,
    pub now: DateTime<Utc>,
}

/// The named cases a volunteer may visit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VolunteerCasesQuery {
    pub codes: Vec<String>,
    pub actor: Actor,
    pub limits: TimeLimits,
    pub now: DateTime<Utc>,
    pub origin: String,
}

/// A return visit recorded by a volunteer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VolunteerVisit {
    pub code: String,
    pub note: String,
    pub actor: Actor,
    pub directory: Directory,
    pub now: DateTime<Utc>,
    pub origin: String,
}

/// Paths of the calendar object's operations.
pub mod calendar_ops {
    pub const CREATE: &str = "/sessions/create";
    pub const CONFIRM: &str = "/sessions/confirm";
    pub const RESCHEDULE: &str = "/sessions/reschedule";
    pub const CANCEL: &str = "/sessions/cancel";
    pub const CLOSE: &str = "/sessions/close";
    pub const ANSWER: &str = "/sessions/answer";
    pub const GET: &str = "/sessions/get";
    pub const LIST: &str = "/sessions/list";
    pub const PARTY: &str = "/party";
    pub const AVAILABILITY_GET: &str = "/availability/get";
    pub const AVAILABILITY_SET: &str = "/availability/set";
    pub const FEED_SET: &str = "/feed/set";
    pub const FEED_REVOKE: &str = "/feed/revoke";
    pub const FEED_OPEN: &str = "/feed/open";
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateSession {
    pub session: accord_shared::scheduling::Session,
    pub party_token_hashes: Vec<(accord_shared::case::PartyRole, String)>,
    pub place: Option<accord_shared::scheduling::Place>,
    pub origin: String,
}

/// A change of time: a proposed slot (`slot`) or a new start (`start`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FixTime {
    pub id: String,
    pub slot: Option<u8>,
    pub start: Option<DateTime<Utc>>,
    pub place: Option<accord_shared::scheduling::Place>,
    pub actor: String,
    pub now: DateTime<Utc>,
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionChange {
    pub id: String,
    pub actor: String,
    pub now: DateTime<Utc>,
    pub origin: String,
    /// For closing: the record of a held session, or `None` for a no-show.
    pub held: Option<accord_shared::scheduling::SessionRecord>,
    pub close: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnswerSlots {
    pub id: String,
    pub participant: accord_shared::scheduling::Participant,
    pub answers: Vec<(u8, bool)>,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionFilter {
    pub id: Option<String>,
    pub staff: Option<String>,
    pub case_code: Option<String>,
    pub communities: Option<Vec<String>>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// What a party does through their link.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "op")]
pub enum PartyOp {
    View,
    Answer { answers: Vec<(u8, bool)> },
    Attend,
    Reschedule { reason: String },
    Session,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartyCommand {
    pub token_hash: String,
    pub op: PartyOp,
    pub now: DateTime<Utc>,
    pub origin: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FeedCommand {
    pub username: String,
    pub token_hash: Option<String>,
}
