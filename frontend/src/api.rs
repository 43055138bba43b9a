//! The HTTP client: one function per API endpoint, errors decoded from the JSON error body.

use accord_shared::case::{
    CaseStatus, EventKind, Feedback, NoteCode, Outcome, Referral, ReferralTarget, Rejection,
};
use accord_shared::directory::CaseKind;
use accord_shared::directory::{
    Category, Community, Directory, District, Name, Street, DIRECTORY_SCHEMA_VERSION,
};
use accord_shared::scheduling::{Place, PlaceKind};
use accord_shared::staff::Role;
use accord_shared::time_limits::StageClock;
use accord_shared::time_limits::TimeLimits;
use accord_shared::wire::{
    CaseDetail, CommandRequest, ErrorBody, ErrorDetail, FeedbackRequest, FileCaseRequest,
    FiledCase, LoginRequest, Me, MergeRequest, Person, PublicCase, QueuePage, StaffIntakeRequest,
    TrackRequest, TransferRequest,
};
use accord_shared::wire::{PublicActor, PublicDetail, PublicEvent};
// Percent-encodes everything but unreserved characters (RFC 3986).
use accord_shared::wire::encode_component as encode;
use chrono::{DateTime, Utc};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde::Serialize;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;

pub mod admin;
pub mod agreement;
pub mod confidential;
pub mod documents;
pub mod figures;
pub mod notices;
pub mod open311;
pub mod photos;
pub mod secret;
pub mod sessions;
pub mod volunteer;

thread_local! {
    /// What the staff console does when the server says a password change comes first.
    static ON_PASSWORD_CHANGE_REQUIRED: RefCell<Option<Box<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Called whenever an answer is 403 `password_change_required`, from any screen.
pub fn on_password_change_required(hook: impl Fn() + 'static) {
    ON_PASSWORD_CHANGE_REQUIRED.with(|slot| *slot.borrow_mut() = Some(Box::new(hook)));
}

/// Why a request did not give the expected answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No answer at all: offline, DNS, a dropped connection.
    Network,
    /// An answer with an error status and, where the server sent one, its error body.
    Status {
        status: u16,
        code: String,
        field: Option<String>,
    },
    /// A success status whose body was not what the contract says.
    Decode,
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }
}

/// The error body without the case a version conflict carries: the resident app never needs
/// that, so its bundle does not carry the decoder.
#[derive(Deserialize)]
struct ErrorOnly {
    error: ErrorDetail,
}

async fn send_raw(builder: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = builder.map_err(|_| ApiError::Network)?;
    request.send().await.map_err(|_| ApiError::Network)
}

fn status_error(status: u16, detail: Option<ErrorDetail>) -> ApiError {
    let (code, field) = match detail {
        Some(detail) => (detail.code, detail.field),
        None => (String::new(), None),
    };
    if status == 403 && code == "password_change_required" {
        ON_PASSWORD_CHANGE_REQUIRED.with(|slot| {
            if let Some(hook) = slot.borrow().as_ref() {
                hook();
            }
        });
    }
    ApiError::Status {
        status,
        code,
        field,
    }
}

async fn send(builder: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let response = send_raw(builder).await?;
    if response.ok() {
        return Ok(response);
    }
    let detail = response.json::<ErrorOnly>().await.ok().map(|b| b.error);
    Err(status_error(response.status(), detail))
}

/// Why a command on a case did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandFailure {
    /// The case changed since it was loaded; here it is as it is now.
    Conflict(Box<CaseDetail>),
    Other(ApiError),
}

/// Sends a change to a case; a 409 version conflict comes back with the case as it is now.
async fn send_change<B: Serialize>(url: &str, body: &B) -> Result<CaseDetail, CommandFailure> {
    let response = send_raw(with_json(Request::post(url), body))
        .await
        .map_err(CommandFailure::Other)?;
    if response.ok() {
        return decode(response).await.map_err(CommandFailure::Other);
    }
    let status = response.status();
    match response.json::<ErrorBody>().await {
        Ok(ErrorBody {
            current: Some(current),
            ..
        }) if status == 409 => Err(CommandFailure::Conflict(current)),
        Ok(body) => Err(CommandFailure::Other(status_error(
            status,
            Some(body.error),
        ))),
        Err(_) => Err(CommandFailure::Other(status_error(status, None))),
    }
}

pub async fn command(code: &str, request: &CommandRequest) -> Result<CaseDetail, CommandFailure> {
    send_change(
        &format!("/api/staff/cases/{}/commands", encode(code)),
        request,
    )
    .await
}

pub async fn merge(code: &str, request: &MergeRequest) -> Result<CaseDetail, CommandFailure> {
    send_change(&format!("/api/staff/cases/{}/merge", encode(code)), request).await
}

/// Moves a case to a community of another street (the district's); the answer is the case as
/// it continues there, under its new code.
pub async fn transfer(code: &str, request: &TransferRequest) -> Result<CaseDetail, CommandFailure> {
    send_change(
        &format!("/api/staff/cases/{}/transfer", encode(code)),
        request,
    )
    .await
}

/// Staff who can be made handlers of a case in `community`.
pub async fn people(community: &str) -> Result<Vec<Person>, ApiError> {
    let url = format!("/api/staff/people?community={}", encode(community));
    decode(send(get(&url)).await?).await
}

/// Every colleague's name by username.
pub async fn staff_names() -> Result<Vec<accord_shared::wire::StaffName>, ApiError> {
    decode(send(get("/api/staff/names")).await?).await
}

/// What the overdue check did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct EscalationReport {
    pub examined: u32,
    pub escalated: u32,
}

pub async fn run_escalations() -> Result<EscalationReport, ApiError> {
    let builder = Request::post("/api/staff/escalations/run")
        .header("Accept", "application/json")
        .build();
    decode(send(builder).await?).await
}

/// Records a matter for a resident. The same key with the same body gets the same case back.
pub async fn intake(
    idempotency_key: &str,
    request: &StaffIntakeRequest,
) -> Result<FiledCase, ApiError> {
    let builder = Request::post("/api/staff/intake").header("Idempotency-Key", idempotency_key);
    decode(send(with_json(builder, request)).await?).await
}

pub async fn feedback(request: &FeedbackRequest) -> Result<PublicCase, ApiError> {
    let case: PublicCaseWire =
        decode(send(with_json(Request::post("/api/track/feedback"), request)).await?).await?;
    Ok(case.into())
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response.json::<T>().await.map_err(|_| ApiError::Decode)
}

fn with_json<B: Serialize>(builder: RequestBuilder, body: &B) -> Result<Request, gloo_net::Error> {
    builder.header("Accept", "application/json").json(body)
}

fn get(url: &str) -> Result<Request, gloo_net::Error> {
    Request::get(url)
        .header("Accept", "application/json")
        .build()
}

/// The whole directory as stored now, past the phone's caches (the service worker keeps a copy
/// for residents with no signal; staff act on the current one).
pub async fn directory() -> Result<Directory, ApiError> {
    let request = Request::get("/api/directory")
        .header("Accept", "application/json")
        .cache(web_sys::RequestCache::NoCache)
        .build();
    decode(send(request).await?).await
}

/// How a screen fetches the directory: whole (staff), or as residents and parties read it.
pub type DirectoryFetch = fn() -> Pin<Box<dyn Future<Output = Result<Directory, ApiError>>>>;

/// The whole directory, for the staff console.
pub fn fetch_directory() -> Pin<Box<dyn Future<Output = Result<Directory, ApiError>>>> {
    Box::pin(directory())
}

/// The directory without what only staff use, for the resident and party pages.
pub fn fetch_public_directory() -> Pin<Box<dyn Future<Output = Result<Directory, ApiError>>>> {
    Box::pin(async {
        let wire: PublicDirectoryWire = decode(send(get("/api/directory")).await?).await?;
        Ok(wire.into())
    })
}

// The directory as residents and parties read it, decoded through plain structs that keep
// only what their pages show: names of the district, streets, communities, grids, categories
// and places. The time limits and retention period are left out (a resident's deadlines come
// computed with the case), and so are a street's code prefix and categories and a place's kind,
// street, community and capacity: their decoders and the table of default time limits would
// cost the resident's small bundle kilobytes, and streets and places read as `{id, name}` share
// the grids' decoder. The directory it gives holds empty or placeholder values there; nothing
// in those bundles reads them.

#[derive(Deserialize)]
struct NamedWire {
    id: String,
    name: Name,
    /// A place's address.
    #[serde(default)]
    address: Option<Name>,
}

#[derive(Deserialize)]
struct StreetWire {
    id: String,
    #[serde(default)]
    code_prefix: String,
    name: Name,
    #[serde(default)]
    phone: Option<String>,
}

#[derive(Deserialize)]
struct PublicDirectoryWire {
    district: District,
    streets: Vec<StreetWire>,
    communities: Vec<Community>,
    categories: Vec<Category>,
    #[serde(default)]
    places: Vec<NamedWire>,
}

impl From<PublicDirectoryWire> for Directory {
    fn from(d: PublicDirectoryWire) -> Self {
        Directory {
            schema_version: DIRECTORY_SCHEMA_VERSION,
            district: d.district,
            streets: d
                .streets
                .into_iter()
                .map(|s| Street {
                    id: s.id,
                    code_prefix: s.code_prefix,
                    name: s.name,
                    time_limits: None,
                    categories: None,
                    kept_object_names: false,
                    phone: s.phone,
                })
                .collect(),
            communities: d.communities,
            categories: d.categories,
            time_limits: TimeLimits { rules: Vec::new() },
            retention_days: 0,
            places: d
                .places
                .into_iter()
                .map(|p| Place {
                    id: p.id,
                    name: p.name,
                    kind: PlaceKind::MediationRoom,
                    street: String::new(),
                    community: None,
                    capacity: 0,
                    address: p.address,
                })
                .collect(),
        }
    }
}

// The resident's view of a case, decoded through plain structs: the contract's tagged enums
// (`PublicActor`, `PublicDetail`) would make serde buffer every event, which costs the
// resident app's small bundle several kilobytes. Same JSON, same types once decoded.

#[derive(Deserialize)]
struct ActorWire {
    kind: String,
    #[serde(default)]
    role: Option<Role>,
}

#[derive(Deserialize)]
struct DetailWire {
    detail: String,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    redirect_to: Option<String>,
    #[serde(default)]
    roles: Option<Vec<Role>>,
    #[serde(default)]
    outcome: Option<Outcome>,
    #[serde(default)]
    target: Option<ReferralTarget>,
    #[serde(default)]
    receiving_body: Option<String>,
    #[serde(default)]
    confirmed: Option<bool>,
    #[serde(default)]
    satisfaction: Option<u8>,
}

#[derive(Deserialize)]
struct EventWire {
    at: DateTime<Utc>,
    actor: ActorWire,
    kind: EventKind,
    from: Option<CaseStatus>,
    to: Option<CaseStatus>,
    note: Option<String>,
    /// Read as text: a derived decoder for the code enum would cost the resident bundle more
    /// than matching its two names.
    #[serde(default)]
    note_code: Option<String>,
    #[serde(default)]
    detail: Option<DetailWire>,
}

#[derive(Deserialize)]
struct PublicCaseWire {
    code: String,
    kind: CaseKind,
    category: String,
    community: String,
    grid: String,
    status: CaseStatus,
    filed_at: DateTime<Utc>,
    clock: Option<StageClock>,
    outcome: Option<Outcome>,
    referral: Option<Referral>,
    rejection: Option<Rejection>,
    feedback: Option<Feedback>,
    feedback_open: bool,
    timeline: Vec<EventWire>,
    #[serde(default)]
    sessions: Vec<sessions::TrackedSession>,
    #[serde(default)]
    agreement: Option<accord_shared::wire::ResidentAgreementView>,
}

impl DetailWire {
    fn into_detail(self) -> Option<PublicDetail> {
        Some(match self.detail.as_str() {
            "rejected" => PublicDetail::Rejected {
                reason: self.reason.unwrap_or_default(),
                redirect_to: self.redirect_to.unwrap_or_default(),
            },
            "handlers" => PublicDetail::Handlers {
                roles: self.roles.unwrap_or_default(),
            },
            "resolved" => PublicDetail::Resolved {
                outcome: self.outcome?,
            },
            "referred" => PublicDetail::Referred {
                target: self.target?,
                receiving_body: self.receiving_body.unwrap_or_default(),
            },
            "feedback" => PublicDetail::Feedback {
                confirmed: self.confirmed?,
                satisfaction: self.satisfaction?,
            },
            _ => return None,
        })
    }
}

impl From<EventWire> for PublicEvent {
    fn from(e: EventWire) -> Self {
        let actor = match (e.actor.kind.as_str(), e.actor.role) {
            ("staff", Some(role)) => PublicActor::Staff(role),
            ("resident", _) => PublicActor::Resident,
            ("volunteer", _) => PublicActor::Volunteer,
            _ => PublicActor::System,
        };
        PublicEvent {
            at: e.at,
            actor,
            kind: e.kind,
            from: e.from,
            to: e.to,
            note: e.note,
            note_code: e.note_code.as_deref().and_then(|code| match code {
                "session_agreement" => Some(NoteCode::SessionAgreement),
                "session_no_agreement" => Some(NoteCode::SessionNoAgreement),
                _ => None,
            }),
            detail: e.detail.and_then(DetailWire::into_detail),
        }
    }
}

impl From<PublicCaseWire> for PublicCase {
    fn from(c: PublicCaseWire) -> Self {
        PublicCase {
            code: c.code,
            kind: c.kind,
            category: c.category,
            community: c.community,
            grid: c.grid,
            status: c.status,
            filed_at: c.filed_at,
            clock: c.clock,
            outcome: c.outcome,
            referral: c.referral,
            rejection: c.rejection,
            feedback: c.feedback,
            feedback_open: c.feedback_open,
            timeline: c.timeline.into_iter().map(PublicEvent::from).collect(),
            sessions: c
                .sessions
                .into_iter()
                .map(sessions::TrackedSession::into_view)
                .collect(),
            agreement: c.agreement,
        }
    }
}

/// What the filing screen keeps of a filed case: its code and, in the first answer only, its
/// secret. The case itself in the answer is left undecoded: the filing bundle never shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filed {
    pub code: String,
    pub secret: Option<String>,
}

/// Files a case. The same `idempotency_key` with the same body gets the same case back.
pub async fn file_case(
    idempotency_key: &str,
    request: &FileCaseRequest,
) -> Result<Filed, ApiError> {
    let builder = Request::post("/api/cases").header("Idempotency-Key", idempotency_key);
    decode(send(with_json(builder, request)).await?).await
}

pub async fn track(request: &TrackRequest) -> Result<PublicCase, ApiError> {
    let case: PublicCaseWire =
        decode(send(with_json(Request::post("/api/track"), request)).await?).await?;
    Ok(case.into())
}

pub async fn login(request: &LoginRequest) -> Result<Me, ApiError> {
    decode(send(with_json(Request::post("/api/staff/login"), request)).await?).await
}

pub async fn logout() -> Result<(), ApiError> {
    send(Request::post("/api/staff/logout").build())
        .await
        .map(|_| ())
}

pub async fn me() -> Result<Me, ApiError> {
    decode(send(get("/api/staff/me")).await?).await
}

/// A page of the queue or a board, or of a search when `q` is given.
pub async fn queue(
    cursor: Option<&str>,
    community: Option<&str>,
    view: Option<&str>,
    q: Option<&str>,
) -> Result<QueuePage, ApiError> {
    decode(send(get(&queue_url(cursor, community, view, q))).await?).await
}

pub async fn case_detail(code: &str) -> Result<CaseDetail, ApiError> {
    let url = format!("/api/staff/cases/{}", encode(code));
    decode(send(get(&url)).await?).await
}

fn queue_url(
    cursor: Option<&str>,
    community: Option<&str>,
    view: Option<&str>,
    q: Option<&str>,
) -> String {
    let mut url = String::from("/api/staff/cases");
    let mut separator = '?';
    for (name, value) in [
        ("q", q),
        ("view", view),
        ("cursor", cursor),
        ("community", community),
    ] {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            url.push(separator);
            url.push_str(name);
            url.push('=');
            url.push_str(&encode(value));
            separator = '&';
        }
    }
    url
}

/// A fresh `Idempotency-Key`: 32 hex digits from the browser's random source.
pub fn new_idempotency_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        for byte in bytes.iter_mut() {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    accord_shared::secret::hex(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_mirror_decodes_the_public_view_as_the_contract_encodes_it() {
        use accord_shared::wire::PublicCase;
        let json = serde_json::json!({
            "code": "ZH01-2026-0001", "kind": "dispute", "category": "neighbours",
            "community": "zh01", "grid": "zh01-g1", "status": "follow_up",
            "filed_at": "2026-11-29T06:30:00Z", "clock": null,
            "outcome": "agreement_reached", "referral": null, "rejection": null,
            "feedback": {"confirmed": true, "satisfaction": 4}, "feedback_open": true,
            "timeline": [
                {"at": "2026-11-29T06:30:00Z", "actor": {"kind": "resident"}, "kind": "filed",
                 "from": null, "to": "reported", "note": null, "detail": null},
                {"at": "2026-11-29T07:00:00Z", "actor": {"kind": "staff", "role": "mediator"},
                 "kind": "handlers_set", "from": "accepted", "to": "assigned", "note": null,
                 "detail": {"detail": "handlers", "roles": ["mediator", "police"]}},
                {"at": "2026-11-29T08:00:00Z", "actor": {"kind": "staff", "role": "mediator"},
                 "kind": "referred", "from": "mediation_failed", "to": "referred", "note": "x",
                 "detail": {"detail": "referred", "target": "court", "receiving_body": "District court"}},
                {"at": "2026-11-29T09:00:00Z", "actor": {"kind": "system"}, "kind": "escalated",
                 "from": null, "to": null, "note": null, "detail": null},
                {"at": "2026-11-29T10:00:00Z", "actor": {"kind": "staff", "role": "mediator"},
                 "kind": "mediation_failed", "from": "in_progress", "to": "mediation_failed",
                 "note": null, "note_code": "session_no_agreement", "detail": null}
            ]
        });
        let expected: PublicCase = serde_json::from_value(json.clone()).unwrap();
        let mirrored: PublicCaseWire = serde_json::from_value(json).unwrap();
        assert_eq!(PublicCase::from(mirrored), expected);
    }

    #[test]
    fn the_public_directory_keeps_every_name_the_resident_and_party_pages_show() {
        let mut dir = accord_shared::demo::demo_directory();
        dir.streets[1].categories = Some(vec!["neighbours".into()]);
        dir.streets[1].time_limits = Some(TimeLimits::defaults());
        let json = serde_json::to_value(&dir).unwrap();
        let read: Directory = serde_json::from_value::<PublicDirectoryWire>(json)
            .unwrap()
            .into();
        assert_eq!(read.district, dir.district);
        assert_eq!(read.communities, dir.communities);
        assert_eq!(read.categories, dir.categories);
        let names = |d: &Directory| {
            let streets = d.streets.iter().map(|s| (s.id.clone(), s.name.clone()));
            let places = d.places.iter().map(|p| (p.id.clone(), p.name.clone()));
            (streets.collect::<Vec<_>>(), places.collect::<Vec<_>>())
        };
        assert_eq!(names(&read), names(&dir));
        assert!(read.time_limits.rules.is_empty());
    }

    #[test]
    fn queue_urls_carry_only_the_given_filters_encoded() {
        assert_eq!(queue_url(None, None, None, None), "/api/staff/cases");
        assert_eq!(
            queue_url(None, Some(""), None, Some("")),
            "/api/staff/cases"
        );
        assert_eq!(
            queue_url(Some("a b/c="), Some("zh01"), None, None),
            "/api/staff/cases?cursor=a%20b%2Fc%3D&community=zh01"
        );
        assert_eq!(
            queue_url(None, Some("zh01"), Some("high_risk"), None),
            "/api/staff/cases?view=high_risk&community=zh01"
        );
        assert_eq!(
            queue_url(None, None, Some("open"), Some("张三")),
            "/api/staff/cases?q=%E5%BC%A0%E4%B8%89&view=open"
        );
    }
}
