//! Messages between the Worker and its Durable Objects, one typed operation per message.
//! Internal: not part of the public API.
//!
//! Each request struct is an [`Operation`] of one object class: it names its path and its
//! reply type, so a caller cannot expect another answer than the object gives, and an object
//! cannot be sent another class's message. The four classes are [`CommunityStore`],
//! [`StreetStore`], [`CalendarStore`] and [`StaffStore`], named like their Durable Object
//! classes in `wrangler.toml`.

use accord_shared::accounts::UserSummary;
use accord_shared::agreement::Agreement;
use accord_shared::audit::{AuditEntry, AuditFilter, AuditRecord, ChainCheck};
use accord_shared::case::{Actor, Case, Channel, PartyRole};
use accord_shared::confidential::ConfidentialView;
use accord_shared::directory::Directory;
use accord_shared::documents::{
    AgreementDraft, Confirmation, DocumentKind, DocumentNumber, IssuedDocument,
};
use accord_shared::history::{ImportError, ImportLine};
use accord_shared::intake::ValidFiling;
use accord_shared::lifecycle::Command;
use accord_shared::open311::{ApiClient, PublicRequest};
use accord_shared::photos::{CasePhotos, PhotoId, PhotoRecord};
use accord_shared::queue::{QueueCursor, QueueView};
use accord_shared::scheduling::{Availability, PartySessionView, Session};
use accord_shared::staff::{Role, Scope};
use accord_shared::stats::{Difference, Dim, MemberFilter, PeriodKey};
use accord_shared::throttle::ThrottleRule;
use accord_shared::time_limits::TimeLimits;
use accord_shared::volunteer::{VolunteerCase, VolunteerLink};
use accord_shared::wire::{
    AgreementRequest, AgreementView, PartyAgreementView, PartyConfirmRequest,
};
use accord_shared::wire::{CaseDetail, FiledCase, Me, Person, PublicCase, QueueItem};
use accord_shared::wire::{CommunityFigures, FigureCase};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A Durable Object class as its callers see it: the paths of its operations.
pub trait Store {
    /// The class name (as in `wrangler.toml`).
    const CLASS: &'static str;
    /// Every operation's path, in declaration order.
    const PATHS: &'static [&'static str];
}

/// One message to an object of class `S`: where it goes and what it answers.
pub trait Operation<S: Store>: Serialize + DeserializeOwned {
    const PATH: &'static str;
    type Reply: Serialize + DeserializeOwned;
}

/// Declares a class's operations: `Message => "/path" -> Reply`.
macro_rules! operations {
    ($store:ident { $($op:ty => $path:literal -> $reply:ty,)* }) => {
        $(
            impl Operation<$store> for $op {
                const PATH: &'static str = $path;
                type Reply = $reply;
            }
        )*
        impl Store for $store {
            const CLASS: &'static str = stringify!($store);
            const PATHS: &'static [&'static str] = &[$($path),*];
        }
    };
}

/// One object per community (`zh01` … `zh34`): its cases, timelines and audit chain.
pub enum CommunityStore {}
/// The one street object: street-wide idempotency claims and guessing throttles.
pub enum StreetStore {}
/// The district's calendar object: mediation sessions of every street, rooms and
/// workstations' bookings, working hours, party links, feeds.
pub enum CalendarStore {}
/// The one staff object of the district: accounts, sign-ins, login lockout, volunteer links,
/// the district's audit.
pub enum StaffStore {}

operations!(CommunityStore {
    FileCommand => "/file" -> FileReply,
    TrackCommand => "/track" -> TrackReply,
    FeedbackCommand => "/feedback" -> TrackReply,
    QueueQuery => "/queue" -> Vec<QueueItem>,
    DetailQuery => "/detail" -> CaseDetail,
    CaseCommand => "/command" -> CaseDetail,
    MergeCommand => "/merge" -> CaseDetail,
    EscalateCommand => "/escalate" -> EscalationReport,
    RetainCommand => "/retain" -> CommunityRetention,
    ReadAudit => "/audit" -> AuditLog,
    TamperAudit => "/audit/tamper" -> bool,
    VolunteerCasesQuery => "/volunteer/cases" -> Vec<VolunteerCase>,
    VolunteerVisit => "/volunteer/visit" -> VolunteerCase,
    ApplyCaseMove => "/session-move" -> CaseDetail,
    PrepareTransfer => "/transfer/prepare" -> TransferParcel,
    ReceiveTransfer => "/transfer/receive" -> CaseDetail,
    FinishTransfer => "/transfer/finish" -> CaseDetail,
    Ping => "/ping" -> u64,
    LoadSynthetic => "/dev/load" -> LoadProgress,
    ImportCases => "/import" -> ImportOutcome,
    FiguresQuery => "/figures" -> CommunityFigures,
    FigureCasesQuery => "/figures/cases" -> FigureCasesAnswer,
    CheckFigures => "/figures/check" -> FiguresCheck,
    CaseForDocuments => "/documents/case" -> DocumentCase,
    CaseStatuses => "/cases/statuses" -> Vec<(String, Option<accord_shared::case::CaseStatus>)>,
    AppendAudit => "/audit/append" -> bool,
    AgreementQuery => "/agreement" -> AgreementView,
    AgreementCommand => "/agreement/command" -> AgreementView,
    PartyAgreementQuery => "/agreement/party" -> PartyAgreementView,
    PartyConfirm => "/agreement/party/confirm" -> PartyAgreementView,
    ReissueSecret => "/secret/reissue" -> bool,
    ConfidentialQuery => "/confidential" -> ConfidentialView,
    ConfidentialWrite => "/confidential/write" -> ConfidentialView,
    ConfidentialShare => "/confidential/share" -> ConfidentialView,
    CorruptFigures => "/dev/figures/corrupt" -> bool,
    Open311Query => "/open311/requests" -> Vec<PublicRequest>,
    PushSubscribe => "/push/subscribe" -> accord_shared::wire::PushSubscribed,
    PushUnsubscribe => "/push/unsubscribe" -> accord_shared::wire::PushSubscribed,
    PushNotify => "/push/notify" -> bool,
    PhotoClaim => "/photos/claim" -> Option<PhotoRecord>,
    PhotoCommit => "/photos/commit" -> PhotoRecord,
    PhotoRead => "/photos/read" -> PhotoRecord,
    PhotoList => "/photos" -> CasePhotos,
    PhotosDeleted => "/photos/deleted" -> bool,
});

/// Who asks for a case's photos: staff by their scope and the policy, or the resident by the
/// case's code and secret (checked like the tracking page's look-up, with its throttles).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum PhotoAccess {
    Staff { me: Me, street: String },
    Resident { secret: String, guard: GuardCommand },
}

/// Before an upload is stored: may the caller add this photo to the case, and is it a retry
/// of one already kept (then its record)? Nothing is written.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhotoClaim {
    pub code: String,
    pub access: PhotoAccess,
    pub id: PhotoId,
    pub sha256: String,
}

/// After the image is in object storage: its row, checked once more against the case's
/// bounds (two uploads may have been claimed at once), written with an audit entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhotoCommit {
    pub record: PhotoRecord,
    pub origin: String,
}

/// One photo's row, if the caller may read the case.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhotoRead {
    pub code: String,
    pub access: PhotoAccess,
    pub id: PhotoId,
}

/// A case's photos for staff.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhotoList {
    pub code: String,
    pub street: String,
    pub me: Me,
}

/// The images of erased photos are gone from object storage: forget their keys.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhotosDeleted {
    pub keys: Vec<String>,
}

/// A community's retention run: the counts, and the object-storage keys of erased photos
/// still to delete (kept until the Worker reports them deleted, so none is forgotten).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CommunityRetention {
    pub report: RetentionReport,
    #[serde(default)]
    pub photo_keys: Vec<String>,
}

/// Historical cases of one community, parsed by the Worker: each is built through the
/// lifecycle with its recorded times and stored once per `source_id`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportCases {
    /// Each line with its number in the file (the line's own number does not cross the wire).
    pub lines: Vec<(usize, ImportLine)>,
    pub directory: Directory,
    pub now: DateTime<Utc>,
    pub origin: String,
    /// Who imports (the audit record names them).
    pub actor: String,
}

/// What an import of lines did: each line is imported, was imported before (unchanged), or
/// refused with its reason (nothing of its case stored).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub imported: Vec<ImportedLine>,
    pub unchanged: Vec<ImportedLine>,
    pub errors: Vec<ImportError>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportedLine {
    pub line: usize,
    pub source_id: String,
    pub code: String,
}

/// A dashboard's cells: those of `range` summed under `marker` (with the "now" cells), for
/// the dimensions asked, and those of the `trend` months for the total.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FiguresQuery {
    pub range: Vec<PeriodKey>,
    pub marker: PeriodKey,
    pub trend: Vec<PeriodKey>,
    pub dims: Vec<Dim>,
}

/// A page of the cases behind a number: the members `filter` admits after `after`
/// (`(day, code)`), `limit` of them, and their count when `count` is set (the first page).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FigureCasesQuery {
    pub filter: MemberFilter,
    pub after: Option<(String, String)>,
    pub limit: usize,
    pub count: bool,
    pub limits: TimeLimits,
    pub now: DateTime<Utc>,
}

/// A community's page of the cases behind a number.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FigureCasesAnswer {
    pub items: Vec<FigureCase>,
    pub total: Option<u64>,
}

/// Recounts every case's figures and compares them with the kept cells.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckFigures {}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FiguresCheck {
    pub cases: u64,
    pub cells: u64,
    pub differences: Vec<Difference>,
    /// Cases whose kept members (the cases behind each number) differ from their recount:
    /// the first codes, and how many in all.
    pub member_differences: Vec<String>,
    pub members_differing: u64,
}

/// Local tests only: adds one to a kept cell, so the check has something to find.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CorruptFigures {}

/// The first step of a move between streets, in the old community: checks the move (version,
/// policy, the table) and hands over the case and the hash of its secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrepareTransfer {
    pub code: String,
    pub version: u64,
    pub me: Me,
    pub directory: Directory,
    pub reason: String,
    pub now: DateTime<Utc>,
}

/// A case on its way to another street: the case, its secret's hash and the code that hash is
/// bound to (the resident keeps the secret they have).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TransferParcel {
    pub case: Case,
    pub secret_hash: String,
    pub secret_code: String,
}

/// The second step, in the new community: files the case under a code of its street, once
/// per old code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReceiveTransfer {
    pub parcel: TransferParcel,
    pub community: String,
    pub grid: String,
    pub code_prefix: String,
    pub community_number: u8,
    /// The street of the new community.
    pub street: String,
    pub me: Me,
    pub directory: Directory,
    pub reason: String,
    pub now: DateTime<Utc>,
    pub origin: String,
}

/// The last step, in the old community: the case is closed, naming its new code.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FinishTransfer {
    pub code: String,
    pub to: String,
    pub me: Me,
    pub directory: Directory,
    pub reason: String,
    pub now: DateTime<Utc>,
    pub origin: String,
}

operations!(StreetStore {
    ClaimCommand => "/claim" -> ClaimOutcome,
    CheckGuard => "/guard/check" -> Option<i64>,
    FailGuard => "/guard/fail" -> Option<i64>,
    ClearGuard => "/guard/clear" -> bool,
    IssueDocument => "/documents/issue" -> IssuedDocument,
    DocumentsOfCase => "/documents/of-case" -> Vec<IssuedDocument>,
    DocumentQuery => "/documents/get" -> IssuedDocument,
    VoidDocument => "/documents/void" -> IssuedDocument,
});

operations!(CalendarStore {
    CreateSession => "/sessions/create" -> Session,
    FixTime => "/sessions/time" -> Session,
    SessionChange => "/sessions/change" -> Session,
    RecordSession => "/sessions/record" -> RecordedSession,
    PendingCaseMoves => "/sessions/moves/pending" -> Vec<CaseMoveMessage>,
    CaseMoveDelivered => "/sessions/moves/delivered" -> bool,
    AnswerSlots => "/sessions/answer" -> Session,
    SessionFilter => "/sessions/list" -> Vec<Session>,
    PartyCommand => "/party" -> PartySessionView,
    PartySession => "/party/session" -> Session,
    PartyLinkQuery => "/party/link" -> PartyIdentity,
    AvailabilityQuery => "/availability/get" -> Availability,
    SetAvailability => "/availability/set" -> Availability,
    SetFeed => "/feed/set" -> bool,
    OpenFeed => "/feed/open" -> FeedSessions,
    ReadAudit => "/audit" -> AuditLog,
});

operations!(StaffStore {
    SeedAccounts => "/seed" -> Vec<String>,
    ListPeople => "/people" -> Vec<Person>,
    LoginCommand => "/login" -> Me,
    SignedInQuery => "/signed-in" -> Me,
    LogoutCommand => "/logout" -> bool,
    ListUsers => "/users" -> Vec<UserSummary>,
    CreateUser => "/users/create" -> UserSummary,
    UpdateUser => "/users/update" -> UserSummary,
    ResetPassword => "/users/password-reset" -> UserSummary,
    ChangePassword => "/password-change" -> Me,
    ReadAudit => "/audit" -> AuditLog,
    AppendAudit => "/audit/append" -> bool,
    TamperAudit => "/audit/tamper" -> bool,
    IssueVolunteer => "/volunteers/issue" -> VolunteerLink,
    ListVolunteers => "/volunteers" -> Vec<VolunteerLink>,
    RevokeVolunteer => "/volunteers/revoke" -> VolunteerLink,
    VolunteerSession => "/volunteers/session" -> VolunteerLink,
    AdoptStreet => "/migrate/adopt-street" -> u32,
    AddNotices => "/notices/add" -> u32,
    StaffPushSubscribe => "/push/subscribe" -> accord_shared::wire::PushSubscribed,
    StaffPushUnsubscribe => "/push/unsubscribe" -> accord_shared::wire::PushSubscribed,
    StaffPushNotify => "/push/notify" -> u32,
    ListNotices => "/notices" -> accord_shared::notices::NoticesPage,
    ReadNotices => "/notices/read" -> u32,
    IssueApiClient => "/open311/clients/issue" -> ApiClient,
    ListApiClients => "/open311/clients" -> Vec<ApiClient>,
    ApiClientByKey => "/open311/clients/by-key" -> Option<ApiClient>,
    RevokeApiClient => "/open311/clients/revoke" -> ApiClient,
});

/// Stores an Open311 client with its key's hash, on the district's audit chain.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssueApiClient {
    pub client: ApiClient,
    pub key_hash: String,
    pub origin: String,
}

/// Every Open311 client, newest first (never a key).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListApiClients;

/// Revokes a client's key (once; again answers it unchanged), on the district's audit chain.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RevokeApiClient {
    pub id: String,
    pub at: DateTime<Utc>,
    pub by: String,
    pub origin: String,
}

/// The live client whose key hashes to this, if any.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiClientByKey {
    pub key_hash: String,
}

/// What a public Open311 listing may show of a community's cases: the named codes, or the
/// cases filed in a window (of some categories), newest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Open311Query {
    pub codes: Vec<String>,
    pub from_ms: i64,
    pub to_ms: i64,
    pub categories: Vec<String>,
    pub limit: usize,
    pub limits: TimeLimits,
    pub now: DateTime<Utc>,
}

/// Keeps notices for the staff they are addressed to (each keeps the latest
/// [`accord_shared::notices::MAX_KEPT`]); answers how many were kept.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddNotices {
    pub notices: Vec<accord_shared::notices::AddressedNotice>,
}

/// Keeps a resident's browser subscription for their case (the oldest of the case's going
/// beyond [`accord_shared::push::MAX_PER_CASE`]), once the secret is checked like a look-up's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PushSubscribe {
    pub code: String,
    pub secret: String,
    pub guard: GuardCommand,
    /// Its owner is the case code.
    pub subscription: crate::push::StoredSubscription,
    pub now: DateTime<Utc>,
}

/// Removes a resident's browser subscription, the secret checked like a look-up's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PushUnsubscribe {
    pub code: String,
    pub secret: String,
    pub guard: GuardCommand,
    pub endpoint: String,
}

/// Tells the case's subscribed browsers of something the community's object did not do
/// itself (a session, kept by the calendar); answers whether the case exists here.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PushNotify {
    pub code: String,
    pub kind: accord_shared::push::PushKind,
}

/// Keeps a staff member's browser subscription (the oldest of theirs going beyond
/// [`accord_shared::push::MAX_PER_PERSON`]); its owner is the username.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StaffPushSubscribe {
    pub subscription: crate::push::StoredSubscription,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StaffPushUnsubscribe {
    pub username: String,
    pub endpoint: String,
}

/// Tells staff members' subscribed browsers of an event of a case; answers how many
/// messages were queued.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StaffPushNotify {
    pub to: Vec<String>,
    pub case: String,
    pub kind: accord_shared::push::PushKind,
}

/// A page of one person's notices, newest first, before notice `before` if given.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListNotices {
    pub username: String,
    pub before: Option<i64>,
}

/// Marks one person's notices up to `up_to` read; answers how many changed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReadNotices {
    pub username: String,
    pub up_to: i64,
}

/// Names the street of every account scoped to "the street" by the single-street version;
/// answers how many accounts it changed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AdoptStreet {
    pub street: String,
}

/// A page of an object's audit chain (newest first, before `before`, at most `limit`; every
/// entry the filter lets through when `limit` is `None`: the export), with the check of the
/// whole chain.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReadAudit {
    pub filter: AuditFilter,
    pub before: Option<u64>,
    pub limit: Option<usize>,
}

/// A cheap read: the number of cases the object holds (the fan-out benchmark sends it).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Ping;

/// Local benchmarks only: adds up to `count` more synthetic cases
/// (`accord_shared::synthetic`) to a community, towards `total`; the object keeps its
/// progress, so a load that stopped resumes where it stood.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoadSynthetic {
    pub community: String,
    pub code_prefix: String,
    pub community_number: u8,
    pub count: u32,
    pub total: u32,
    pub directory: Directory,
    pub now: DateTime<Utc>,
}

/// How far a synthetic load has come: `loaded` of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadProgress {
    pub loaded: u32,
    pub total: u32,
}

/// Test support: forges the first entry of an object's audit chain.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct TamperAudit;

/// An entry for the staff object's (street) audit chain.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AppendAudit(pub AuditRecord);

/// The whole log, oldest first, with the result of checking its chain.
#[derive(Debug, Serialize, Deserialize)]
pub struct AuditLog {
    pub check: ChainCheck,
    /// Newest first.
    pub entries: Vec<AuditEntry>,
    /// How many entries of the chain the filter lets through.
    pub matching: u64,
    /// `before` of the next (older) page, if there is one.
    pub next_before: Option<u64>,
}

/// The answer to a filing, and whether it repeats an earlier one.
#[derive(Debug, Serialize, Deserialize)]
pub struct FileReply {
    pub filed: FiledCase,
    pub replayed: bool,
}

/// Keys whose failures are counted (an address hash, a case code), with their rules.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GuardCommand {
    pub keys: Vec<(String, ThrottleRule)>,
    pub now: DateTime<Utc>,
}

/// The longest wait any of the keys imposes, if one is locked.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CheckGuard(pub GuardCommand);

/// Counts a failure against every key; answers the wait if that locked one.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FailGuard(pub GuardCommand);

/// Forgets the keys' failures.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClearGuard(pub GuardCommand);

/// The run that erases personal data past the retention period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RetainCommand {
    pub retention_days: u32,
    /// The community's time limits (the indexed deadlines are derived under them).
    pub limits: TimeLimits,
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
    /// The throttles the community checks before the secret and counts a miss against.
    pub guard: GuardCommand,
}

/// A resident's case, and whether the calendar may hold sessions of it (the look-up asks the
/// calendar only then).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrackReply {
    pub case: PublicCase,
    pub has_sessions: bool,
}

/// The resident's confirmation and rating, authorized by the case secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FeedbackCommand {
    pub code: String,
    pub secret: String,
    pub command: Command,
    pub directory: Directory,
    pub now: DateTime<Utc>,
    pub guard: GuardCommand,
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
    /// A search instead of the view: every case, open or not, that matches.
    #[serde(default)]
    pub search: Option<CaseSearch>,
    pub limits: TimeLimits,
    pub now: DateTime<Utc>,
}

/// What a search looks up in a community: one code, or a range of search terms
/// (`accord_shared::search::SearchQuery::term_range`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseSearch {
    Code(String),
    Terms { from: String, to: String },
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
            search: None,
            limits,
            now,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DetailQuery {
    pub code: String,
    /// Sessions are about to be scheduled on the case: the look-up will ask the calendar.
    #[serde(default)]
    pub mark_sessions: bool,
    /// The street of the community the case belongs to.
    pub street: String,
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
    /// The community the command is sent to (its time limits apply).
    pub community: String,
    pub directory: Directory,
    pub now: DateTime<Utc>,
    /// Where the request came from, coarsened (for the audit log).
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationReport {
    pub examined: u32,
    pub escalated: u32,
    /// Cases reopened because a term of their agreement was not performed by its date.
    #[serde(default)]
    pub reopened_for_default: u32,
    /// What the handlers of those cases are told (delivered to the staff object, never sent
    /// to the caller).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<accord_shared::notices::AddressedNotice>,
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

/// Who a sign-in cookie belongs to (a staff sign-in, not a mediation session).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedInQuery {
    pub token_hash: String,
    pub now: DateTime<Utc>,
}

/// Ends one sign-in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LogoutCommand {
    pub token_hash: String,
}

/// Every enabled account, as someone who can be made a handler.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct ListPeople;

/// Every account, as an admin sees it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct ListUsers;

/// Every volunteer link, newest first.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct ListVolunteers;

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
/// Cancels a session.
pub struct SessionChange {
    pub id: String,
    pub actor: String,
    pub now: DateTime<Utc>,
    pub origin: String,
}

/// Records a confirmed session as held (with its record) or as a no-show. Recording the same
/// record again is answered with the session as it is (an idempotent retry).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordSession {
    pub id: String,
    pub actor: String,
    /// The person recording, for the case move the record calls for.
    pub me: Me,
    pub now: DateTime<Utc>,
    pub origin: String,
    pub held: Option<accord_shared::scheduling::SessionRecord>,
    /// The session's version the record was written on, when it was kept offline.
    #[serde(default)]
    pub based_on: Option<u32>,
}

/// The recorded session and, until it is delivered, the case move it owes its case.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordedSession {
    pub session: Session,
    pub pending: Option<CaseMoveMessage>,
}

/// The calendar's outbox entry: a case move a held session owes its case. It is written in
/// the same step as the session's record and removed once the community has applied it, so
/// the two objects agree in the end whatever fails in between; the community applies each
/// message once (by its session id), so delivering it again changes nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseMoveMessage {
    pub session_id: String,
    pub case_code: String,
    pub community: String,
    pub case_move: accord_shared::scheduling::SessionCaseMove,
    /// Who recorded the session: the case's timeline names them.
    pub me: Me,
    pub at: DateTime<Utc>,
}

/// Up to `limit` undelivered case moves, oldest first (`session_id`: only that session's).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingCaseMoves {
    pub limit: u32,
    pub session_id: Option<String>,
}

/// The community applied the move: the outbox entry goes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseMoveDelivered {
    pub session_id: String,
}

/// Applies a held session's case move once; a second delivery answers the case as it is.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApplyCaseMove {
    pub message: CaseMoveMessage,
    pub directory: Directory,
    pub origin: String,
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
}

/// The session a party's link opens, whole (for its calendar file).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartySession {
    pub token_hash: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartyCommand {
    pub token_hash: String,
    pub op: PartyOp,
    pub now: DateTime<Utc>,
    pub origin: String,
}

/// A staff member's working hours and absences.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AvailabilityQuery {
    pub username: String,
}

/// Replaces a staff member's working hours and absences.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SetAvailability(pub Availability);

/// Replaces a staff member's private calendar feed (`None`: revokes it).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetFeed {
    pub username: String,
    pub token_hash: Option<String>,
}

/// The feed a token opens.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OpenFeed {
    pub token_hash: String,
}

/// Whose feed it is and their sessions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FeedSessions {
    pub username: String,
    pub sessions: Vec<Session>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_unique<S: Store>() {
        let mut paths = S::PATHS.to_vec();
        assert!(paths.iter().all(|p| p.starts_with('/')), "{}", S::CLASS);
        paths.sort_unstable();
        let before = paths.len();
        paths.dedup();
        assert_eq!(
            before,
            paths.len(),
            "two operations of {} share a path",
            S::CLASS
        );
    }

    #[test]
    fn every_operation_has_its_own_path_in_its_object() {
        assert_unique::<CommunityStore>();
        assert_unique::<StreetStore>();
        assert_unique::<CalendarStore>();
        assert_unique::<StaffStore>();
    }

    #[test]
    fn an_operation_knows_its_path_per_object() {
        assert_eq!(<FileCommand as Operation<CommunityStore>>::PATH, "/file");
        assert_eq!(<ReadAudit as Operation<StaffStore>>::PATH, "/audit");
        assert_eq!(<ReadAudit as Operation<CalendarStore>>::PATH, "/audit");
        assert_eq!(CommunityStore::CLASS, "CommunityStore");
        assert_eq!(StaffStore::PATHS.len(), 28);
    }

    #[test]
    fn unit_and_wrapped_messages_keep_their_wire_shape() {
        assert_eq!(serde_json::to_string(&TamperAudit).unwrap(), "null");
        assert!(serde_json::from_str::<ListPeople>("null").is_ok());
        let guard = GuardCommand {
            keys: vec![],
            now: DateTime::<Utc>::UNIX_EPOCH,
        };
        let wrapped = serde_json::to_value(CheckGuard(guard.clone())).unwrap();
        assert_eq!(wrapped, serde_json::to_value(guard).unwrap());
    }
}

/// The case a document is made from or read beside: refused (404) unless `me` may see its
/// parties; `may_issue` when `me` may also issue and void its documents.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseForDocuments {
    pub code: String,
    /// The street of the case's community.
    pub street: String,
    pub me: Me,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentCase {
    pub case: Case,
    pub may_issue: bool,
    /// The case's mediation agreement, when one is drafted.
    pub agreement: Option<Agreement>,
}

/// Issues a document of `kind` from what the Worker gathered: the next number of the street's
/// register for the kind and the year of `now`, or what `key_hash` issued already.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssueDocument {
    pub kind: DocumentKind,
    pub case: Case,
    pub directory: Directory,
    pub people: Vec<Person>,
    pub session: Option<Session>,
    /// The agreement's text, its parties' confirmations, and the number of its issued
    /// document (which the application for judicial confirmation cites).
    pub agreement: Option<AgreementDraft>,
    pub confirmations: Vec<Confirmation>,
    pub agreement_number: Option<DocumentNumber>,
    pub key_hash: Option<String>,
    pub issued_by: String,
    pub now: DateTime<Utc>,
}

/// The documents of one case.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentsOfCase {
    pub code: String,
}

/// One document of a case, by its number's kind, year and sequence.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentQuery {
    pub code: String,
    pub kind: DocumentKind,
    pub year: u16,
    pub seq: u32,
}

/// Voids a document, with the reason printed on it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VoidDocument {
    pub document: DocumentQuery,
    pub reason: String,
    pub now: DateTime<Utc>,
}

/// A case's agreement as `me` sees it (404 unless `me` may see the case's parties).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgreementQuery {
    pub code: String,
    pub street: String,
    pub me: Me,
    pub now: DateTime<Utc>,
}

/// One step of a case's agreement by a member of staff who may act on the case.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgreementCommand {
    pub code: String,
    pub street: String,
    pub me: Me,
    pub request: AgreementRequest,
    pub now: DateTime<Utc>,
    pub origin: String,
}

/// The agreement of a case as the party of `role` reads it through their link.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartyAgreementQuery {
    pub code: String,
    pub role: PartyRole,
    pub now: DateTime<Utc>,
}

/// A party's confirmation through their link (`link_id`: a fingerprint of the link, never
/// the link itself).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartyConfirm {
    pub code: String,
    pub role: PartyRole,
    pub request: PartyConfirmRequest,
    pub link_id: String,
    pub now: DateTime<Utc>,
    pub origin: String,
}

/// Whose a party link is: the case and community of its session, and the party's role.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartyLinkQuery {
    pub token_hash: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartyIdentity {
    pub case_code: String,
    pub community: String,
    pub role: PartyRole,
}

/// A new secret for the resident of a case, set by staff who may read its parties; the old
/// one stops working. The secret travels to the object only to be hashed there, bound to the
/// code the case's secret is bound to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReissueSecret {
    pub code: String,
    pub street: String,
    pub me: Me,
    pub secret: String,
    pub now: DateTime<Utc>,
    pub origin: String,
}

/// The confidential notes of a case `me` may read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConfidentialQuery {
    pub code: String,
    pub street: String,
    pub me: Me,
}

/// A counselor on the case writes a note.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConfidentialWrite {
    pub code: String,
    pub street: String,
    pub me: Me,
    pub text: String,
    pub now: DateTime<Utc>,
    pub origin: String,
}

/// A counselor on the case shares note `seq` with the team, with the party's consent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConfidentialShare {
    pub code: String,
    pub street: String,
    pub me: Me,
    pub seq: u32,
    pub party: PartyRole,
    pub how: String,
    pub now: DateTime<Utc>,
    pub origin: String,
}

/// The status of each named case of the community (`None`: no such case).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseStatuses {
    pub codes: Vec<String>,
}
