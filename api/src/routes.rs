//! The route table: every route the API answers, in one place, matched without the runtime.
//!
//! The OpenAPI document (`openapi.json`) must describe exactly these routes; a unit test
//! compares the two.

/// HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

impl Method {
    pub fn parse(raw: &str) -> Option<Method> {
        match raw {
            "GET" | "HEAD" => Some(Method::Get),
            "POST" => Some(Method::Post),
            _ => None,
        }
    }

    pub fn as_lower(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Post => "post",
        }
    }
}

/// What a request is for, once its method and path are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteId {
    Health,
    OpenApi,
    Directory,
    FileCase,
    TrackCase,
    StaffLogin,
    StaffLogout,
    StaffMe,
    StaffQueue,
    StaffCaseDetail,
    StaffCaseCommand,
    StaffCaseMerge,
    StaffCaseTransfer,
    CaseDocuments,
    DocumentIssue,
    DocumentGet,
    DocumentVoid,
    CaseFile,
    ConfidentialList,
    ConfidentialAdd,
    ConfidentialShare,
    AgreementGet,
    AgreementPost,
    PartyAgreement,
    PartyAgreementConfirm,
    StaffIntake,
    StaffPeople,
    StaffNames,
    StaffNotices,
    CaseSecretReissue,
    StaffNoticesRead,
    PushKey,
    TrackPush,
    TrackPushRemove,
    StaffPush,
    StaffPushRemove,
    StaffEscalate,
    TrackFeedback,
    Lifecycle,
    Policy,
    StaffPassword,
    AdminUsers,
    AdminUserCreate,
    AdminUserUpdate,
    AdminUserPassword,
    AdminDirectory,
    AdminDirectoryCommunity,
    AdminDirectoryStreet,
    AdminDirectoryDistrict,
    AdminCategoryQuestions,
    AdminAudit,
    AdminAuditExport,
    AdminRetention,
    DevAuditTamper,
    StaffVolunteerIssue,
    StaffVolunteerList,
    StaffVolunteerRevoke,
    VolunteerMe,
    VolunteerIntake,
    VolunteerCases,
    VolunteerVisit,
    SessionCreate,
    SessionsOfCase,
    Agenda,
    SessionConfirm,
    SessionReschedule,
    SessionCancel,
    SessionRecord,
    SessionAnswers,
    AvailabilityGet,
    AvailabilitySet,
    FeedNew,
    FeedRevoke,
    Feed,
    PartySession,
    PartyAnswers,
    PartyAttend,
    PartyReschedule,
    PartyIcs,
    TrackSessions,
    DevSeed,
    DevFanout,
    DevLoad,
    DevRoundTrips,
    StaffFigures,
    StaffFigureCases,
    PublicFigures,
    AdminImport,
    AdminFiguresCheck,
    DevFiguresCorrupt,
    DevReferenceHistory,
    Open311Discovery,
    Open311Services,
    Open311ServiceDefinition,
    Open311Requests,
    Open311RequestCreate,
    Open311Request,
    AdminOpen311Clients,
    AdminOpen311ClientIssue,
    AdminOpen311ClientRevoke,
    ResidentPhotoUpload,
    ResidentPhotoGet,
    StaffPhotoList,
    StaffPhotoUpload,
    StaffPhotoGet,
}

/// (method, path template, route). `{code}` matches one non-empty path segment.
pub const ROUTES: &[(Method, &str, RouteId)] = &[
    (Method::Get, "/api/health", RouteId::Health),
    (Method::Get, "/api/openapi.json", RouteId::OpenApi),
    (Method::Get, "/api/directory", RouteId::Directory),
    (Method::Post, "/api/cases", RouteId::FileCase),
    (Method::Post, "/api/track", RouteId::TrackCase),
    (Method::Post, "/api/staff/login", RouteId::StaffLogin),
    (Method::Post, "/api/staff/logout", RouteId::StaffLogout),
    (Method::Get, "/api/staff/me", RouteId::StaffMe),
    (Method::Get, "/api/staff/cases", RouteId::StaffQueue),
    (
        Method::Get,
        "/api/staff/cases/{code}",
        RouteId::StaffCaseDetail,
    ),
    (
        Method::Post,
        "/api/staff/cases/{code}/commands",
        RouteId::StaffCaseCommand,
    ),
    (
        Method::Post,
        "/api/staff/cases/{code}/merge",
        RouteId::StaffCaseMerge,
    ),
    (
        Method::Post,
        "/api/staff/cases/{code}/transfer",
        RouteId::StaffCaseTransfer,
    ),
    (Method::Post, "/api/staff/intake", RouteId::StaffIntake),
    (Method::Get, "/api/staff/people", RouteId::StaffPeople),
    (Method::Get, "/api/staff/names", RouteId::StaffNames),
    (Method::Get, "/api/staff/notices", RouteId::StaffNotices),
    (
        Method::Post,
        "/api/staff/cases/{code}/secret",
        RouteId::CaseSecretReissue,
    ),
    (
        Method::Post,
        "/api/staff/notices/read",
        RouteId::StaffNoticesRead,
    ),
    (
        Method::Post,
        "/api/staff/escalations/run",
        RouteId::StaffEscalate,
    ),
    (Method::Post, "/api/track/feedback", RouteId::TrackFeedback),
    (Method::Get, "/api/push/key", RouteId::PushKey),
    (Method::Post, "/api/track/push", RouteId::TrackPush),
    (
        Method::Post,
        "/api/track/push/remove",
        RouteId::TrackPushRemove,
    ),
    (Method::Post, "/api/staff/push", RouteId::StaffPush),
    (
        Method::Post,
        "/api/staff/push/remove",
        RouteId::StaffPushRemove,
    ),
    (Method::Get, "/api/lifecycle", RouteId::Lifecycle),
    (Method::Get, "/api/policy", RouteId::Policy),
    (Method::Post, "/api/staff/password", RouteId::StaffPassword),
    (Method::Get, "/api/admin/users", RouteId::AdminUsers),
    (Method::Post, "/api/admin/users", RouteId::AdminUserCreate),
    (
        Method::Post,
        "/api/admin/users/{username}",
        RouteId::AdminUserUpdate,
    ),
    (
        Method::Post,
        "/api/admin/users/{username}/password",
        RouteId::AdminUserPassword,
    ),
    (
        Method::Post,
        "/api/admin/directory",
        RouteId::AdminDirectory,
    ),
    (
        Method::Post,
        "/api/admin/directory/communities/{id}",
        RouteId::AdminDirectoryCommunity,
    ),
    (
        Method::Post,
        "/api/admin/directory/streets/{id}",
        RouteId::AdminDirectoryStreet,
    ),
    (
        Method::Post,
        "/api/admin/directory/district",
        RouteId::AdminDirectoryDistrict,
    ),
    (
        Method::Post,
        "/api/admin/directory/categories/{id}/questions",
        RouteId::AdminCategoryQuestions,
    ),
    (Method::Get, "/api/admin/audit", RouteId::AdminAudit),
    (
        Method::Get,
        "/api/admin/audit/export",
        RouteId::AdminAuditExport,
    ),
    (
        Method::Post,
        "/api/admin/retention/run",
        RouteId::AdminRetention,
    ),
    (
        Method::Post,
        "/api/dev/audit/tamper",
        RouteId::DevAuditTamper,
    ),
    (
        Method::Post,
        "/api/staff/volunteers",
        RouteId::StaffVolunteerIssue,
    ),
    (
        Method::Get,
        "/api/staff/volunteers",
        RouteId::StaffVolunteerList,
    ),
    (
        Method::Post,
        "/api/staff/volunteers/{id}/revoke",
        RouteId::StaffVolunteerRevoke,
    ),
    (Method::Get, "/api/volunteer/me", RouteId::VolunteerMe),
    (
        Method::Post,
        "/api/volunteer/intake",
        RouteId::VolunteerIntake,
    ),
    (Method::Get, "/api/volunteer/cases", RouteId::VolunteerCases),
    (
        Method::Post,
        "/api/volunteer/visits",
        RouteId::VolunteerVisit,
    ),
    (
        Method::Get,
        "/api/staff/cases/{code}/documents",
        RouteId::CaseDocuments,
    ),
    (
        Method::Post,
        "/api/staff/cases/{code}/documents",
        RouteId::DocumentIssue,
    ),
    (
        Method::Get,
        "/api/staff/documents/{id}",
        RouteId::DocumentGet,
    ),
    (
        Method::Get,
        "/api/staff/cases/{code}/file",
        RouteId::CaseFile,
    ),
    (
        Method::Get,
        "/api/staff/cases/{code}/confidential",
        RouteId::ConfidentialList,
    ),
    (
        Method::Post,
        "/api/staff/cases/{code}/confidential",
        RouteId::ConfidentialAdd,
    ),
    (
        Method::Post,
        "/api/staff/confidential/{id}/share",
        RouteId::ConfidentialShare,
    ),
    (
        Method::Get,
        "/api/staff/cases/{code}/agreement",
        RouteId::AgreementGet,
    ),
    (
        Method::Post,
        "/api/staff/cases/{code}/agreement",
        RouteId::AgreementPost,
    ),
    (Method::Get, "/api/party/agreement", RouteId::PartyAgreement),
    (
        Method::Post,
        "/api/party/agreement/confirm",
        RouteId::PartyAgreementConfirm,
    ),
    (
        Method::Post,
        "/api/staff/documents/{id}/void",
        RouteId::DocumentVoid,
    ),
    (
        Method::Post,
        "/api/staff/cases/{code}/sessions",
        RouteId::SessionCreate,
    ),
    (
        Method::Get,
        "/api/staff/cases/{code}/sessions",
        RouteId::SessionsOfCase,
    ),
    (Method::Get, "/api/staff/sessions", RouteId::Agenda),
    (
        Method::Post,
        "/api/staff/sessions/{id}/confirm",
        RouteId::SessionConfirm,
    ),
    (
        Method::Post,
        "/api/staff/sessions/{id}/reschedule",
        RouteId::SessionReschedule,
    ),
    (
        Method::Post,
        "/api/staff/sessions/{id}/cancel",
        RouteId::SessionCancel,
    ),
    (
        Method::Post,
        "/api/staff/sessions/{id}/record",
        RouteId::SessionRecord,
    ),
    (
        Method::Post,
        "/api/staff/sessions/{id}/answers",
        RouteId::SessionAnswers,
    ),
    (
        Method::Get,
        "/api/staff/availability",
        RouteId::AvailabilityGet,
    ),
    (
        Method::Post,
        "/api/staff/availability",
        RouteId::AvailabilitySet,
    ),
    (Method::Post, "/api/staff/calendar/feed", RouteId::FeedNew),
    (
        Method::Post,
        "/api/staff/calendar/feed/revoke",
        RouteId::FeedRevoke,
    ),
    (Method::Get, "/api/calendar/{token}", RouteId::Feed),
    (Method::Get, "/api/party/session", RouteId::PartySession),
    (Method::Post, "/api/party/answers", RouteId::PartyAnswers),
    (Method::Post, "/api/party/attend", RouteId::PartyAttend),
    (
        Method::Post,
        "/api/party/reschedule",
        RouteId::PartyReschedule,
    ),
    (Method::Get, "/api/party/session.ics", RouteId::PartyIcs),
    (Method::Post, "/api/track/sessions", RouteId::TrackSessions),
    (Method::Post, "/api/dev/seed", RouteId::DevSeed),
    (Method::Post, "/api/dev/fanout", RouteId::DevFanout),
    (Method::Post, "/api/dev/load", RouteId::DevLoad),
    (Method::Get, "/api/dev/round-trips", RouteId::DevRoundTrips),
    (Method::Get, "/api/staff/figures", RouteId::StaffFigures),
    (
        Method::Get,
        "/api/staff/figures/cases",
        RouteId::StaffFigureCases,
    ),
    (Method::Get, "/api/figures", RouteId::PublicFigures),
    (Method::Post, "/api/admin/import", RouteId::AdminImport),
    (
        Method::Post,
        "/api/admin/figures/check",
        RouteId::AdminFiguresCheck,
    ),
    (
        Method::Post,
        "/api/dev/figures/corrupt",
        RouteId::DevFiguresCorrupt,
    ),
    (
        Method::Get,
        "/api/dev/reference-history",
        RouteId::DevReferenceHistory,
    ),
    (
        Method::Get,
        "/open311/v2/discovery",
        RouteId::Open311Discovery,
    ),
    (
        Method::Get,
        "/open311/v2/services",
        RouteId::Open311Services,
    ),
    (
        Method::Get,
        "/open311/v2/services/{code}",
        RouteId::Open311ServiceDefinition,
    ),
    (
        Method::Get,
        "/open311/v2/requests",
        RouteId::Open311Requests,
    ),
    (
        Method::Post,
        "/open311/v2/requests",
        RouteId::Open311RequestCreate,
    ),
    (
        Method::Get,
        "/open311/v2/requests/{id}",
        RouteId::Open311Request,
    ),
    (
        Method::Get,
        "/api/admin/open311/clients",
        RouteId::AdminOpen311Clients,
    ),
    (
        Method::Post,
        "/api/admin/open311/clients",
        RouteId::AdminOpen311ClientIssue,
    ),
    (
        Method::Post,
        "/api/admin/open311/clients/{id}/revoke",
        RouteId::AdminOpen311ClientRevoke,
    ),
    (
        Method::Post,
        "/api/cases/{code}/photos",
        RouteId::ResidentPhotoUpload,
    ),
    (Method::Get, "/api/photos/{ref}", RouteId::ResidentPhotoGet),
    (
        Method::Get,
        "/api/staff/cases/{code}/photos",
        RouteId::StaffPhotoList,
    ),
    (
        Method::Post,
        "/api/staff/cases/{code}/photos",
        RouteId::StaffPhotoUpload,
    ),
    (
        Method::Get,
        "/api/staff/photos/{ref}",
        RouteId::StaffPhotoGet,
    ),
];

impl RouteId {
    /// Every route id, so a test can check each one is reachable.
    pub const ALL: [RouteId; 105] = [
        RouteId::Health,
        RouteId::OpenApi,
        RouteId::Directory,
        RouteId::FileCase,
        RouteId::TrackCase,
        RouteId::StaffLogin,
        RouteId::StaffLogout,
        RouteId::StaffMe,
        RouteId::StaffQueue,
        RouteId::StaffCaseDetail,
        RouteId::StaffCaseCommand,
        RouteId::StaffCaseMerge,
        RouteId::StaffCaseTransfer,
        RouteId::CaseDocuments,
        RouteId::DocumentIssue,
        RouteId::DocumentGet,
        RouteId::DocumentVoid,
        RouteId::CaseFile,
        RouteId::ConfidentialList,
        RouteId::ConfidentialAdd,
        RouteId::ConfidentialShare,
        RouteId::AgreementGet,
        RouteId::AgreementPost,
        RouteId::PartyAgreement,
        RouteId::PartyAgreementConfirm,
        RouteId::StaffIntake,
        RouteId::StaffPeople,
        RouteId::StaffNames,
        RouteId::StaffNotices,
        RouteId::CaseSecretReissue,
        RouteId::StaffNoticesRead,
        RouteId::PushKey,
        RouteId::TrackPush,
        RouteId::TrackPushRemove,
        RouteId::StaffPush,
        RouteId::StaffPushRemove,
        RouteId::StaffEscalate,
        RouteId::TrackFeedback,
        RouteId::Lifecycle,
        RouteId::Policy,
        RouteId::StaffPassword,
        RouteId::AdminUsers,
        RouteId::AdminUserCreate,
        RouteId::AdminUserUpdate,
        RouteId::AdminUserPassword,
        RouteId::AdminDirectory,
        RouteId::AdminDirectoryCommunity,
        RouteId::AdminDirectoryStreet,
        RouteId::AdminDirectoryDistrict,
        RouteId::AdminCategoryQuestions,
        RouteId::AdminAudit,
        RouteId::AdminAuditExport,
        RouteId::AdminRetention,
        RouteId::DevAuditTamper,
        RouteId::StaffVolunteerIssue,
        RouteId::StaffVolunteerList,
        RouteId::StaffVolunteerRevoke,
        RouteId::VolunteerMe,
        RouteId::VolunteerIntake,
        RouteId::VolunteerCases,
        RouteId::VolunteerVisit,
        RouteId::SessionCreate,
        RouteId::SessionsOfCase,
        RouteId::Agenda,
        RouteId::SessionConfirm,
        RouteId::SessionReschedule,
        RouteId::SessionCancel,
        RouteId::SessionRecord,
        RouteId::SessionAnswers,
        RouteId::AvailabilityGet,
        RouteId::AvailabilitySet,
        RouteId::FeedNew,
        RouteId::FeedRevoke,
        RouteId::Feed,
        RouteId::PartySession,
        RouteId::PartyAnswers,
        RouteId::PartyAttend,
        RouteId::PartyReschedule,
        RouteId::PartyIcs,
        RouteId::TrackSessions,
        RouteId::DevSeed,
        RouteId::DevFanout,
        RouteId::DevLoad,
        RouteId::DevRoundTrips,
        RouteId::StaffFigures,
        RouteId::StaffFigureCases,
        RouteId::PublicFigures,
        RouteId::AdminImport,
        RouteId::AdminFiguresCheck,
        RouteId::DevFiguresCorrupt,
        RouteId::DevReferenceHistory,
        RouteId::Open311Discovery,
        RouteId::Open311Services,
        RouteId::Open311ServiceDefinition,
        RouteId::Open311Requests,
        RouteId::Open311RequestCreate,
        RouteId::Open311Request,
        RouteId::AdminOpen311Clients,
        RouteId::AdminOpen311ClientIssue,
        RouteId::AdminOpen311ClientRevoke,
        RouteId::ResidentPhotoUpload,
        RouteId::ResidentPhotoGet,
        RouteId::StaffPhotoList,
        RouteId::StaffPhotoUpload,
        RouteId::StaffPhotoGet,
    ];

    /// Routes that act on a staff session cookie: a change through them must come from the
    /// application's own pages (checked by `Origin`).
    pub fn uses_session(self) -> bool {
        !matches!(
            self,
            RouteId::Health
                | RouteId::OpenApi
                | RouteId::Directory
                | RouteId::FileCase
                | RouteId::TrackCase
                | RouteId::TrackFeedback
                | RouteId::PushKey
                | RouteId::TrackPush
                | RouteId::TrackPushRemove
                | RouteId::Lifecycle
                | RouteId::Policy
                | RouteId::DevSeed
                | RouteId::DevAuditTamper
                | RouteId::DevFanout
                | RouteId::DevLoad
                | RouteId::DevRoundTrips
                | RouteId::PublicFigures
                | RouteId::DevFiguresCorrupt
                | RouteId::DevReferenceHistory
                | RouteId::VolunteerMe
                | RouteId::VolunteerIntake
                | RouteId::VolunteerCases
                | RouteId::VolunteerVisit
                | RouteId::Feed
                | RouteId::PartySession
                | RouteId::PartyAgreement
                | RouteId::PartyAgreementConfirm
                | RouteId::PartyAnswers
                | RouteId::PartyAttend
                | RouteId::PartyReschedule
                | RouteId::PartyIcs
                | RouteId::TrackSessions
                | RouteId::Open311Discovery
                | RouteId::Open311Services
                | RouteId::Open311ServiceDefinition
                | RouteId::Open311Requests
                | RouteId::Open311RequestCreate
                | RouteId::Open311Request
                | RouteId::ResidentPhotoUpload
                | RouteId::ResidentPhotoGet
        )
    }
}

/// The outcome of matching a request line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matched {
    Route(RouteId, Option<String>),
    /// The path exists but not with this method; the methods it takes, for `Allow`.
    MethodNotAllowed(String),
    NotFound,
}

fn match_template(template: &str, path: &str) -> Option<Option<String>> {
    let mut param = None;
    let mut t = template.split('/');
    let mut p = path.split('/');
    loop {
        match (t.next(), p.next()) {
            (None, None) => return Some(param),
            (Some(ts), Some(ps)) if ts.starts_with('{') => {
                if ps.is_empty() {
                    return None;
                }
                param = Some(ps.to_owned());
            }
            (Some(ts), Some(ps)) if ts == ps => {}
            _ => return None,
        }
    }
}

/// Matches a method and path against [`ROUTES`]. A trailing slash is not the same path.
pub fn match_route(method: &str, path: &str) -> Matched {
    let mut allowed: Vec<&str> = Vec::new();
    for (route_method, template, id) in ROUTES {
        if let Some(param) = match_template(template, path) {
            if Method::parse(method) == Some(*route_method) {
                return Matched::Route(*id, param);
            }
            allowed.extend(match route_method {
                Method::Get => ["GET", "HEAD"].as_slice(),
                Method::Post => ["POST"].as_slice(),
            });
        }
    }
    if allowed.is_empty() {
        Matched::NotFound
    } else {
        Matched::MethodNotAllowed(allowed.join(", "))
    }
}

/// The content security policy of the web app's pages, the same as `frontend/static/_headers`
/// gives the files it serves (a test keeps the two equal).
pub const APP_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/// Whether a path outside `/api` names a screen of the web app (answered 200 with the app's
/// page); any other path is answered 404 with the same page, which then shows that nothing is
/// there. A trailing slash is the same screen.
pub fn is_app_path(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    matches!(path, "" | "/report" | "/track" | "/s" | "/figures") || under("/staff") || under("/v")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_screens_are_known_and_other_paths_are_not() {
        for path in [
            "/",
            "/report",
            "/report/",
            "/track",
            "/s",
            "/figures",
            "/staff",
            "/staff/cases/ZH01-2026-0001",
            "/v",
            "/v/visits",
        ] {
            assert!(is_app_path(path), "{path}");
        }
        for path in [
            "/no-such-page",
            "/track/ZH01-2026-0001",
            "/reports",
            "/staffing",
            "/figures/x",
            "/index.htm",
        ] {
            assert!(!is_app_path(path), "{path}");
        }
    }

    #[test]
    fn the_pages_the_worker_serves_have_the_policy_of_the_static_files() {
        let headers = include_str!("../../frontend/static/_headers");
        assert!(headers.contains(&format!("Content-Security-Policy: {APP_CSP}\n")));
    }
    use std::collections::BTreeSet;

    #[test]
    fn routes_match_with_their_parameter() {
        assert_eq!(
            match_route("GET", "/api/staff/cases/ZH01-2026-0001"),
            Matched::Route(RouteId::StaffCaseDetail, Some("ZH01-2026-0001".into()))
        );
        assert_eq!(
            match_route("GET", "/api/staff/cases"),
            Matched::Route(RouteId::StaffQueue, None)
        );
        assert_eq!(
            match_route("DELETE", "/api/cases"),
            Matched::MethodNotAllowed("POST".into())
        );
        assert_eq!(
            match_route("PUT", "/api/staff/cases"),
            Matched::MethodNotAllowed("GET, HEAD".into())
        );
        assert_eq!(match_route("GET", "/api/staff/cases/"), Matched::NotFound);
        assert_eq!(match_route("GET", "/api/nope"), Matched::NotFound);
        assert_eq!(
            match_route("GET", "/open311/v2/requests/ZH01-2026-0001"),
            Matched::Route(RouteId::Open311Request, Some("ZH01-2026-0001".into()))
        );
        assert_eq!(
            match_route("POST", "/open311/v2/requests"),
            Matched::Route(RouteId::Open311RequestCreate, None)
        );
    }

    #[test]
    fn every_route_id_has_exactly_one_route() {
        for id in RouteId::ALL {
            let count = ROUTES.iter().filter(|(_, _, r)| *r == id).count();
            assert_eq!(count, 1, "{id:?}");
        }
        assert_eq!(ROUTES.len(), RouteId::ALL.len());
    }

    /// The contract test: the document and the table describe the same routes.
    #[test]
    fn the_openapi_document_lists_exactly_the_routes_the_api_answers() {
        let doc: serde_json::Value =
            serde_json::from_str(crate::OPENAPI_JSON).expect("openapi.json is JSON");
        assert_eq!(doc["openapi"], "3.1.0");
        let mut documented = BTreeSet::new();
        for (path, item) in doc["paths"].as_object().expect("paths object") {
            for method in ["get", "post", "put", "patch", "delete"] {
                if item.get(method).is_some() {
                    documented.insert(format!("{method} {path}"));
                }
            }
        }
        let routed: BTreeSet<String> = ROUTES
            .iter()
            .map(|(m, t, _)| format!("{} {t}", m.as_lower()))
            .collect();
        let undocumented: Vec<_> = routed.difference(&documented).collect();
        let unrouted: Vec<_> = documented.difference(&routed).collect();
        assert!(
            undocumented.is_empty(),
            "routes missing from openapi.json: {undocumented:?}"
        );
        assert!(
            unrouted.is_empty(),
            "documented routes the API lacks: {unrouted:?}"
        );
    }

    /// Every operation that reads a body says what a body the API cannot read gets: 400 (not
    /// JSON of its shape), 413 (over its limit) and 415 (not sent as JSON).
    #[test]
    fn every_operation_with_a_body_documents_the_refusals_of_a_body() {
        let doc: serde_json::Value =
            serde_json::from_str(crate::OPENAPI_JSON).expect("openapi.json is JSON");
        let mut missing = Vec::new();
        for (path, item) in doc["paths"].as_object().expect("paths object") {
            for (method, op) in item.as_object().expect("path item") {
                if op.get("requestBody").is_none() {
                    continue;
                }
                for status in ["400", "413", "415"] {
                    if op["responses"].get(status).is_none() {
                        missing.push(format!("{method} {path}: {status}"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "undocumented: {missing:?}");
    }

    /// A POST to a route that reads the session cookie, sent without the application's own
    /// `Origin`, is refused with 403 `foreign_origin` before its handler runs: every such
    /// operation says so.
    #[test]
    fn every_cookie_post_documents_the_refusal_of_a_foreign_origin() {
        let doc: serde_json::Value =
            serde_json::from_str(crate::OPENAPI_JSON).expect("openapi.json is JSON");
        let missing: Vec<_> = ROUTES
            .iter()
            .filter(|(method, _, route)| *method == Method::Post && route.uses_session())
            .filter(|(_, path, _)| {
                let forbidden = &doc["paths"][*path]["post"]["responses"]["403"];
                !forbidden["description"]
                    .as_str()
                    .is_some_and(|text| text.contains("foreign_origin"))
            })
            .map(|(_, path, _)| *path)
            .collect();
        assert!(missing.is_empty(), "no 403 foreign_origin: {missing:?}");
    }
}
