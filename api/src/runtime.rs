//! The Worker's entry point: match the route, run its handler, render errors, add headers.

use crate::error::ApiError;
use crate::handlers;
use crate::http::{add_security_headers, reply};
use crate::routes::{match_route, Matched, RouteId};
use accord_shared::staff::Scope;
use worker::{event, Context, Env, Request, Response};

/// The scheduled (cron) run: escalates overdue cases, delivers the case moves held sessions
/// still owe, and erases personal data past the retention period. At-least-once delivery is fine: a second run changes nothing more.
#[event(scheduled)]
pub async fn scheduled(_event: worker::ScheduledEvent, env: Env, _ctx: worker::ScheduleContext) {
    match handlers::escalation::run_escalation(
        &env,
        &Scope::District,
        handlers::now(),
        "scheduled".into(),
    )
    .await
    {
        Ok(report) => worker::console_log!(
            "escalation run: {} open cases examined, {} escalated",
            report.examined,
            report.escalated
        ),
        Err(err) => worker::console_error!("escalation run failed: {err}"),
    }
    match handlers::sessions::deliver_pending_case_moves(&env).await {
        Ok(0) => {}
        Ok(delivered) => {
            worker::console_log!("{delivered} case moves of held sessions delivered again")
        }
        Err(err) => worker::console_error!("delivering case moves failed: {err}"),
    }
    match handlers::admin::run_retention(
        &env,
        &Scope::District,
        handlers::now(),
        "scheduled".into(),
    )
    .await
    {
        Ok(report) => worker::console_log!(
            "retention run: {} ended cases examined, {} erased",
            report.examined,
            report.erased
        ),
        Err(err) => worker::console_error!("retention run failed: {err}"),
    }
}

#[event(fetch)]
pub async fn fetch(req: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    // The method as sent: the runtime's `Method` reads any method it does not know (QUERY,
    // PROPFIND…) as GET.
    let method = req.inner().method();
    let path = req.path();
    if path.starts_with("/open311/") {
        return handlers::open311::handle(req, &env).await;
    }
    // The static files answer their own paths; any other path outside the API gets the app's
    // page: 200 for a screen of the app, 404 (the app then says so) for anything else.
    if path != "/api" && !path.starts_with("/api/") {
        return app_page(&req, &env, crate::routes::is_app_path(&path)).await;
    }
    let mut allow = None;
    let mut image = false;
    let (result, cacheable) = match match_route(&method, &path) {
        Matched::Route(route, _)
            if method == "POST" && route.uses_session() && !same_origin(&req) =>
        {
            (Err(ApiError::ForeignOrigin), false)
        }
        Matched::Route(route, param) => (
            {
                image = matches!(route, RouteId::ResidentPhotoGet | RouteId::StaffPhotoGet);
                dispatch(route, param, req, &env).await
            },
            matches!(
                route,
                RouteId::Directory | RouteId::OpenApi | RouteId::Health
            ),
        ),
        Matched::MethodNotAllowed(methods) => {
            allow = Some(methods);
            (Err(ApiError::MethodNotAllowed), false)
        }
        Matched::NotFound => (Err(ApiError::NotFound), false),
    };
    let response = reply(result)?;
    if let Some(methods) = allow {
        // RFC 9110: a 405 says which methods the resource takes.
        response.headers().set("Allow", &methods)?;
    }
    add_security_headers(
        response.headers(),
        cacheable && response.status_code() == 200,
    );
    if image && response.status_code() == 200 {
        // A photo is personal: kept only by the reader's own browser, never by a shared cache,
        // and only for the same credentials.
        response
            .headers()
            .set("Cache-Control", "private, max-age=600")?;
        response.headers().set("Vary", "Cookie, X-Case-Secret")?;
    }
    Ok(response)
}

/// The app's page (`index.html`), with the app's security headers.
async fn app_page(req: &Request, env: &Env, known: bool) -> worker::Result<Response> {
    let origin = req.url()?.origin().ascii_serialization();
    let mut page = env
        .assets("ASSETS")?
        .fetch(format!("{origin}/"), None)
        .await?;
    let html = page.text().await?;
    let headers = worker::Headers::new();
    headers.set("Content-Type", "text/html; charset=utf-8")?;
    headers.set("Cache-Control", "no-cache")?;
    headers.set("Content-Security-Policy", crate::routes::APP_CSP)?;
    headers.set("X-Content-Type-Options", "nosniff")?;
    headers.set("Referrer-Policy", "no-referrer")?;
    headers.set("X-Frame-Options", "DENY")?;
    headers.set(
        "Strict-Transport-Security",
        "max-age=31536000; includeSubDomains",
    )?;
    Ok(Response::from_html(html)?
        .with_status(if known { 200 } else { 404 })
        .with_headers(headers))
}

/// Whether a request says it comes from this origin. Browsers send `Origin` with every POST;
/// a missing or foreign one on a cookie-authenticated change is refused (CSRF defence on top
/// of SameSite=Strict).
fn same_origin(req: &Request) -> bool {
    let Ok(url) = req.url() else {
        return false;
    };
    let own = url.origin().ascii_serialization();
    matches!(req.headers().get("Origin"), Ok(Some(origin)) if origin == own)
}

async fn dispatch(
    route: RouteId,
    param: Option<String>,
    req: Request,
    env: &Env,
) -> Result<Response, ApiError> {
    match route {
        RouteId::Health => handlers::meta::health(),
        RouteId::OpenApi => handlers::meta::openapi(),
        RouteId::Directory => handlers::meta::directory(env).await,
        RouteId::DevSeed => handlers::meta::seed(env).await,
        RouteId::FileCase => handlers::cases::file(req, env).await,
        RouteId::TrackCase => handlers::cases::track(req, env).await,
        RouteId::StaffLogin => handlers::login::login(req, env).await,
        RouteId::StaffLogout => handlers::login::logout(req, env).await,
        RouteId::StaffMe => handlers::login::me(req, env).await,
        RouteId::StaffQueue => handlers::queue::queue(req, env).await,
        RouteId::StaffCaseDetail => {
            handlers::case_detail::detail(req, env, param.unwrap_or_default()).await
        }
        RouteId::StaffCaseCommand => {
            handlers::case_commands::command(req, env, param.unwrap_or_default()).await
        }
        RouteId::StaffCaseMerge => {
            handlers::case_commands::merge(req, env, param.unwrap_or_default()).await
        }
        RouteId::StaffCaseTransfer => {
            handlers::transfer::transfer(req, env, param.unwrap_or_default()).await
        }
        RouteId::CaseDocuments => {
            handlers::documents::of_case(req, env, param.unwrap_or_default()).await
        }
        RouteId::DocumentIssue => {
            handlers::documents::issue(req, env, param.unwrap_or_default()).await
        }
        RouteId::DocumentGet => handlers::documents::get(req, env, param.unwrap_or_default()).await,
        RouteId::DocumentVoid => {
            handlers::documents::void(req, env, param.unwrap_or_default()).await
        }
        RouteId::StaffIntake => handlers::intake::intake(req, env).await,
        RouteId::StaffPeople => handlers::people::people_list(req, env).await,
        RouteId::StaffNames => handlers::people::names(req, env).await,
        RouteId::StaffNotices => handlers::notices::list(req, env).await,
        RouteId::CaseSecretReissue => {
            handlers::cases::reissue_secret(req, env, param.unwrap_or_default()).await
        }
        RouteId::StaffNoticesRead => handlers::notices::read(req, env).await,
        RouteId::PushKey => handlers::push::key(env),
        RouteId::TrackPush => handlers::push::track_subscribe(req, env).await,
        RouteId::TrackPushRemove => handlers::push::track_unsubscribe(req, env).await,
        RouteId::StaffPush => handlers::push::staff_subscribe(req, env).await,
        RouteId::StaffPushRemove => handlers::push::staff_unsubscribe(req, env).await,
        RouteId::StaffEscalate => handlers::escalation::escalate(req, env).await,
        RouteId::TrackFeedback => handlers::cases::feedback(req, env).await,
        RouteId::Lifecycle => handlers::meta::lifecycle(),
        RouteId::Policy => handlers::meta::policy(),
        RouteId::StaffPassword => handlers::login::change_password(req, env).await,
        RouteId::AdminUsers => handlers::admin::list_users(req, env).await,
        RouteId::AdminUserCreate => handlers::admin::create_user(req, env).await,
        RouteId::AdminUserUpdate => {
            handlers::admin::update_user(req, env, param.unwrap_or_default()).await
        }
        RouteId::AdminUserPassword => {
            handlers::admin::reset_password(req, env, param.unwrap_or_default()).await
        }
        RouteId::AdminDirectory => handlers::admin::put_directory(req, env).await,
        RouteId::AdminDirectoryCommunity => {
            handlers::admin::put_community(req, env, param.unwrap_or_default()).await
        }
        RouteId::AdminDirectoryStreet => {
            handlers::admin::put_street(req, env, param.unwrap_or_default()).await
        }
        RouteId::AdminDirectoryDistrict => handlers::admin::put_district(req, env).await,
        RouteId::AdminCategoryQuestions => {
            handlers::admin::put_questions(req, env, param.unwrap_or_default()).await
        }
        RouteId::AdminAudit => handlers::admin::audit(req, env).await,
        RouteId::AdminAuditExport => handlers::admin::audit_export(req, env).await,
        RouteId::AdminRetention => handlers::admin::retention(req, env).await,
        RouteId::DevAuditTamper => handlers::admin::audit_tamper(req, env).await,
        RouteId::DevFanout => handlers::dev_bench::fanout(req, env).await,
        RouteId::DevLoad => handlers::dev_bench::load(req, env).await,
        RouteId::DevRoundTrips => handlers::dev_bench::round_trips(env),
        RouteId::StaffFigures => handlers::figures::staff(req, env).await,
        RouteId::StaffFigureCases => handlers::figures::cases(req, env).await,
        RouteId::PublicFigures => handlers::figures::public(req, env).await,
        RouteId::AdminImport => handlers::history::import(req, env).await,
        RouteId::AdminFiguresCheck => handlers::figures::check(req, env).await,
        RouteId::DevFiguresCorrupt => handlers::figures::corrupt(req, env).await,
        RouteId::DevReferenceHistory => handlers::history::reference(req, env).await,
        RouteId::StaffVolunteerIssue => handlers::volunteer::issue(req, env).await,
        RouteId::StaffVolunteerList => handlers::volunteer::list(req, env).await,
        RouteId::StaffVolunteerRevoke => {
            handlers::volunteer::revoke(req, env, param.unwrap_or_default()).await
        }
        RouteId::VolunteerMe => handlers::volunteer::me(req, env).await,
        RouteId::VolunteerIntake => handlers::volunteer::intake(req, env).await,
        RouteId::VolunteerCases => handlers::volunteer::cases(req, env).await,
        RouteId::VolunteerVisit => handlers::volunteer::visit(req, env).await,
        RouteId::SessionCreate => {
            handlers::sessions::create(req, env, param.unwrap_or_default()).await
        }
        RouteId::SessionsOfCase => {
            handlers::sessions::of_case(req, env, param.unwrap_or_default()).await
        }
        RouteId::Agenda => handlers::sessions::agenda(req, env).await,
        RouteId::SessionConfirm => {
            handlers::sessions::fix_time(req, env, param.unwrap_or_default(), false).await
        }
        RouteId::SessionReschedule => {
            handlers::sessions::fix_time(req, env, param.unwrap_or_default(), true).await
        }
        RouteId::SessionCancel => {
            handlers::sessions::cancel(req, env, param.unwrap_or_default()).await
        }
        RouteId::SessionRecord => {
            handlers::sessions::record(req, env, param.unwrap_or_default()).await
        }
        RouteId::SessionAnswers => {
            handlers::sessions::staff_answers(req, env, param.unwrap_or_default()).await
        }
        RouteId::AvailabilityGet => handlers::sessions::get_availability(req, env).await,
        RouteId::AvailabilitySet => handlers::sessions::set_availability(req, env).await,
        RouteId::FeedNew => handlers::sessions::new_feed(req, env).await,
        RouteId::FeedRevoke => handlers::sessions::revoke_feed(req, env).await,
        RouteId::Feed => handlers::sessions::feed(req, env, param.unwrap_or_default()).await,
        RouteId::PartySession => handlers::sessions::party_view(req, env).await,
        RouteId::PartyAgreement => handlers::agreement::party_get(req, env).await,
        RouteId::PartyAgreementConfirm => handlers::agreement::party_confirm(req, env).await,
        RouteId::ResidentPhotoUpload => {
            handlers::photos::resident_upload(req, env, param.unwrap_or_default()).await
        }
        RouteId::ResidentPhotoGet => {
            handlers::photos::resident_get(req, env, param.unwrap_or_default()).await
        }
        RouteId::StaffPhotoList => {
            handlers::photos::staff_list(req, env, param.unwrap_or_default()).await
        }
        RouteId::StaffPhotoUpload => {
            handlers::photos::staff_upload(req, env, param.unwrap_or_default()).await
        }
        RouteId::StaffPhotoGet => {
            handlers::photos::staff_get(req, env, param.unwrap_or_default()).await
        }
        RouteId::ConfidentialList => {
            handlers::confidential::list(req, env, param.unwrap_or_default()).await
        }
        RouteId::ConfidentialAdd => {
            handlers::confidential::add(req, env, param.unwrap_or_default()).await
        }
        RouteId::ConfidentialShare => {
            handlers::confidential::share(req, env, param.unwrap_or_default()).await
        }
        RouteId::CaseFile => {
            handlers::documents::case_file(req, env, param.unwrap_or_default()).await
        }
        RouteId::AgreementGet => {
            handlers::agreement::get(req, env, param.unwrap_or_default()).await
        }
        RouteId::AgreementPost => {
            handlers::agreement::post(req, env, param.unwrap_or_default()).await
        }
        RouteId::PartyAnswers => handlers::sessions::party_answers(req, env).await,
        RouteId::PartyAttend => handlers::sessions::party_attend(req, env).await,
        RouteId::PartyReschedule => handlers::sessions::party_reschedule(req, env).await,
        RouteId::PartyIcs => handlers::sessions::party_ics(req, env).await,
        RouteId::TrackSessions => handlers::sessions::track_sessions(req, env).await,
        RouteId::AdminOpen311Clients => handlers::open311::list_clients(req, env).await,
        RouteId::AdminOpen311ClientIssue => handlers::open311::issue_client(req, env).await,
        RouteId::AdminOpen311ClientRevoke => {
            handlers::open311::revoke_client(req, env, &param.unwrap_or_default()).await
        }
        // Answered by `handlers::open311::handle`, which renders GeoReport's formats; a path
        // under /api never names them.
        RouteId::Open311Discovery
        | RouteId::Open311Services
        | RouteId::Open311ServiceDefinition
        | RouteId::Open311Requests
        | RouteId::Open311RequestCreate
        | RouteId::Open311Request => Err(ApiError::NotFound),
    }
}
