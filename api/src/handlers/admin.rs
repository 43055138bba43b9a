//! Administration: users (create, change, disable, reset passwords), the street directory,
//! the audit chains and the retention run.

use crate::error::ApiError;
use crate::handlers::guard::{require_staff, require_street_permission};
use crate::handlers::login::phc;
use crate::handlers::{now, request_origin, request_time};
use crate::http::{json, read_json};
use crate::protocol::{
    AppendAudit, AuditLog, CreateUser, ListUsers, PhotosDeleted, ReadAudit, ResetPassword,
    RetainCommand, RetentionReport, TamperAudit, UpdateUser,
};
use crate::storage;
use accord_shared::accounts::{
    changes_reach, check_directory_edit, check_display_name, check_new_password, check_new_user,
    check_role_and_scope, disables_self, manages_account, NewUserRequest, PasswordResetRequest,
    UserUpdateRequest,
};
use accord_shared::audit::{AuditFilter, AUDIT_PAGE_SIZE};
use accord_shared::directory::Directory;
use accord_shared::directory_edit::{
    apply, CommunityEdit, DirectoryPart, DistrictEdit, PartRefused, QuestionsEdit, StreetEdit,
};
use accord_shared::fields::{FieldError, FieldProblem};
use accord_shared::policy::Action;
use accord_shared::staff::Scope;
use accord_shared::wire::{MAX_FILING_BODY_BYTES, MAX_SMALL_BODY_BYTES};
use worker::{Env, Request, Response};

/// Largest accepted directory document (34 communities with grids, categories, limits).
const MAX_DIRECTORY_BYTES: usize = 256 * 1024;

/// Largest accepted part of the directory (a community with its places, a street's or the
/// district's settings with a table of time limits).
const MAX_DIRECTORY_PART_BYTES: usize = 64 * 1024;

/// `GET /api/admin/users`
pub async fn list_users(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ManageUsers)?;
    let users = storage::staff_store(env)?.call(&ListUsers).await?;
    let directory = storage::directory(env).await?;
    let managed: Vec<_> = users
        .into_iter()
        .filter(|u| manages_account(&directory, &me.scope, &u.scope))
        .collect();
    json(&managed, 200)
}

/// `POST /api/admin/users`: a new account with a temporary password to change at first sign-in.
pub async fn create_user(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ManageUsers)?;
    let request: NewUserRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    let directory = storage::directory(env).await?;
    let (username, display_name, role, scope) = check_new_user(&directory, &request)?;
    if !manages_account(&directory, &me.scope, &scope) {
        return Err(ApiError::Field(FieldError::new(
            "scope",
            FieldProblem::InvalidFormat,
        )));
    }
    let created = storage::staff_store(env)?
        .call(&CreateUser {
            by: me.username.clone(),
            origin: request_origin(&req),
            username,
            display_name,
            role,
            scope,
            password_phc: phc(&request.temporary_password)?,
            now: now(),
        })
        .await?;
    json(&created, 201)
}

/// `POST /api/admin/users/{username}`: change name, role, scope, or disable (which ends the
/// user's sessions at once).
pub async fn update_user(
    mut req: Request,
    env: &Env,
    username: String,
) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ManageUsers)?;
    let mut request: UserUpdateRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    if disables_self(&me.username, &username, &request) {
        return Err(ApiError::Forbidden);
    }
    if let Some(name) = &request.display_name {
        request.display_name = Some(check_display_name(name)?);
    }
    let staff = storage::staff_store(env)?;
    let users = staff.call(&ListUsers).await?;
    let directory = storage::directory(env).await?;
    // An account the admin does not manage answers as if it did not exist.
    let current = users
        .iter()
        .find(|u| u.username == username)
        .filter(|u| manages_account(&directory, &me.scope, &u.scope))
        .ok_or(ApiError::NotFound)?;
    if changes_reach(&request) {
        check_role_and_scope(&directory, current, &request)?;
        let scope = request.scope.as_ref().unwrap_or(&current.scope);
        if !manages_account(&directory, &me.scope, scope) {
            return Err(ApiError::Field(FieldError::new(
                "scope",
                FieldProblem::InvalidFormat,
            )));
        }
    }
    let updated = staff
        .call(&UpdateUser {
            by: me.username.clone(),
            now: now(),
            origin: request_origin(&req),
            username,
            update: request,
        })
        .await?;
    json(&updated, 200)
}

/// `POST /api/admin/users/{username}/password`: a temporary password; the user's sessions end
/// and they must choose a new password at next sign-in.
pub async fn reset_password(
    mut req: Request,
    env: &Env,
    username: String,
) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ManageUsers)?;
    let request: PasswordResetRequest = read_json(&mut req, MAX_SMALL_BODY_BYTES).await?;
    check_new_password("temporary_password", &request.temporary_password, &username)?;
    let staff = storage::staff_store(env)?;
    let directory = storage::directory(env).await?;
    let managed = staff
        .call(&ListUsers)
        .await?
        .iter()
        .any(|u| u.username == username && manages_account(&directory, &me.scope, &u.scope));
    if !managed {
        return Err(ApiError::NotFound);
    }
    let updated = staff
        .call(&ResetPassword {
            by: me.username.clone(),
            now: now(),
            origin: request_origin(&req),
            username,
            password_phc: phc(&request.temporary_password)?,
        })
        .await?;
    json(&updated, 200)
}

/// `POST /api/admin/directory`: replaces the street directory (communities, grids,
/// categories, time limits, retention) after checking it whole.
pub async fn put_directory(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ManageDirectory)?;
    let directory: Directory =
        read_json(&mut req, MAX_DIRECTORY_BYTES.max(MAX_FILING_BODY_BYTES)).await?;
    let current = storage::directory(env).await?;
    // What the admin may change first (a community moved to another street is named so),
    // then whether the whole holds together.
    check_directory_edit(&me.scope, &current, &directory)?;
    directory.validate()?;
    storage::put_directory(env, &directory).await?;
    storage::staff_store(env)?
        .call(&AppendAudit(accord_shared::audit::AuditRecord {
            at: now(),
            actor: me.username.clone(),
            action: "directory.updated".into(),
            target: "directory".into(),
            origin: request_origin(&req),
        }))
        .await?;
    json(&directory, 200)
}

/// Saves one part of the directory on the directory as stored now (see
/// `accord_shared::directory_edit`), and records who changed what.
async fn put_part(
    req: &Request,
    env: &Env,
    me: &accord_shared::wire::Me,
    target: String,
    part: DirectoryPart,
) -> Result<Response, ApiError> {
    let saved = storage::edit_directory(env, |current| {
        apply(&me.scope, current, part).map_err(|refused| match refused {
            PartRefused::NotFound => ApiError::NotFound,
            PartRefused::Forbidden => ApiError::Forbidden,
            PartRefused::Field(err) => ApiError::Field(err),
        })
    })
    .await?;
    storage::staff_store(env)?
        .call(&AppendAudit(accord_shared::audit::AuditRecord {
            at: now(),
            actor: me.username.clone(),
            action: "directory.updated".into(),
            target,
            origin: request_origin(req),
        }))
        .await?;
    json(&saved, 200)
}

/// `POST /api/admin/directory/communities/{id}`: one community (names, grids, its places),
/// added when new; the whole directory as saved.
pub async fn put_community(mut req: Request, env: &Env, id: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ManageDirectory)?;
    let edit: CommunityEdit = read_json(&mut req, MAX_DIRECTORY_PART_BYTES).await?;
    let target = format!("directory/communities/{id}");
    put_part(
        &req,
        env,
        &me,
        target,
        DirectoryPart::Community { id, edit },
    )
    .await
}

/// `POST /api/admin/directory/streets/{id}`: a street's own categories, time limits and
/// street-wide places.
pub async fn put_street(mut req: Request, env: &Env, id: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ManageDirectory)?;
    let edit: StreetEdit = read_json(&mut req, MAX_DIRECTORY_PART_BYTES).await?;
    let target = format!("directory/streets/{id}");
    put_part(&req, env, &me, target, DirectoryPart::Street { id, edit }).await
}

/// `POST /api/admin/directory/district`: the district's categories, time limits and retention.
pub async fn put_district(mut req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ManageDirectory)?;
    let edit: DistrictEdit = read_json(&mut req, MAX_DIRECTORY_PART_BYTES).await?;
    let target = "directory/district".to_owned();
    put_part(&req, env, &me, target, DirectoryPart::District(edit)).await
}

/// `POST /api/admin/directory/categories/{id}/questions`: a category's extra questions (the
/// district admin's); the version counts up when they change.
pub async fn put_questions(mut req: Request, env: &Env, id: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ManageDirectory)?;
    let edit: QuestionsEdit = read_json(&mut req, MAX_DIRECTORY_PART_BYTES).await?;
    let target = format!("directory/categories/{id}");
    put_part(
        &req,
        env,
        &me,
        target,
        DirectoryPart::Questions { category: id, edit },
    )
    .await
}

/// Which audit chain a request names: `street` (accounts, sign-ins, the directory),
/// `calendar` (mediation sessions: proposed, confirmed, cancelled, answered by a party…) or a
/// community id (its cases).
enum AuditChain {
    Street(storage::Client<crate::protocol::StaffStore>),
    Calendar(storage::Client<crate::protocol::CalendarStore>),
    Community(storage::Client<crate::protocol::CommunityStore>),
}

impl AuditChain {
    async fn read(&self, query: &ReadAudit) -> Result<AuditLog, ApiError> {
        match self {
            AuditChain::Street(store) => store.call(query).await,
            AuditChain::Calendar(store) => store.call(query).await,
            AuditChain::Community(store) => store.call(query).await,
        }
    }

    async fn tamper(&self) -> Result<bool, ApiError> {
        match self {
            AuditChain::Street(store) => store.call(&TamperAudit).await,
            AuditChain::Calendar(_) => Ok(false),
            AuditChain::Community(store) => store.call(&TamperAudit).await,
        }
    }
}

/// The chain a request names, if the reader's scope reaches it (a community outside it
/// answers 404; `scope` = `None` for the test route, which reaches all).
async fn audit_chain(
    req: &Request,
    env: &Env,
    reader: Option<&Scope>,
) -> Result<(String, AuditChain), ApiError> {
    let (scope, chain, _) = audit_chain_in(req, env, reader).await?;
    Ok((scope, chain))
}

/// As [`audit_chain`], with the code prefixes a reader short of the district is held to on
/// the calendar's log (the district's sessions; empty: all).
async fn audit_chain_in(
    req: &Request,
    env: &Env,
    reader: Option<&Scope>,
) -> Result<(String, AuditChain, Vec<String>), ApiError> {
    let url = req.url()?;
    let scope = url
        .query_pairs()
        .find(|(name, _)| name == "scope")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_else(|| "street".into());
    if scope == "street" {
        return Ok((
            scope,
            AuditChain::Street(storage::staff_store(env)?),
            Vec::new(),
        ));
    }
    let directory = storage::directory(env).await?;
    if scope == "calendar" {
        let prefixes = match reader {
            None | Some(Scope::District) => Vec::new(),
            // A prefix no code has keeps the list from being empty (which would mean all).
            Some(reader) => directory
                .streets
                .iter()
                .filter(
                    |street| matches!(reader, Scope::Street { street: own } if *own == street.id),
                )
                .map(|street| street.code_prefix.clone())
                .chain(std::iter::once("\u{0}".to_owned()))
                .collect(),
        };
        let store = storage::calendar_store(env)?;
        return Ok((scope, AuditChain::Calendar(store), prefixes));
    }
    if directory.community(&scope).is_none() {
        return Err(ApiError::InvalidParameter { field: "scope" });
    }
    if reader.is_some_and(|reader| !directory.in_scope(reader, &scope)) {
        return Err(ApiError::NotFound);
    }
    let store = storage::community_store(env, &scope)?;
    Ok((scope, AuditChain::Community(store), Vec::new()))
}

/// The filter and page a request asks of a log: `actor`, `action`, `target`, `from`, `to`
/// (a 422 naming the one that does not read), `before` (a sequence number, else 400).
fn audit_query(req: &Request, paged: bool) -> Result<ReadAudit, ApiError> {
    let url = req.url()?;
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let filter = AuditFilter::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let before = match pairs.iter().find(|(k, v)| k == "before" && !v.is_empty()) {
        Some((_, v)) => Some(
            v.parse::<u64>()
                .map_err(|_| ApiError::InvalidParameter { field: "before" })?,
        ),
        None => None,
    };
    Ok(ReadAudit {
        filter,
        before,
        limit: paged.then_some(AUDIT_PAGE_SIZE),
    })
}

/// `GET /api/admin/audit?scope=&actor=&action=&target=&from=&to=&before=`: a page of a chain's
/// entries (newest first, filtered) and whether the whole chain verifies.
pub async fn audit(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ReadAudit)?;
    let (_, chain, prefixes) = audit_chain_in(&req, env, Some(&me.scope)).await?;
    let mut query = audit_query(&req, true)?;
    query.filter.code_prefixes = prefixes;
    json(&chain.read(&query).await?, 200)
}

/// `GET /api/admin/audit/export?scope=` (and the same filters): every entry the filter lets
/// through, as a file to keep.
pub async fn audit_export(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::ReadAudit)?;
    let (scope, chain, prefixes) = audit_chain_in(&req, env, Some(&me.scope)).await?;
    let mut query = audit_query(&req, false)?;
    query.filter.code_prefixes = prefixes;
    let response = json(&chain.read(&query).await?, 200)?;
    response.headers().set(
        "Content-Disposition",
        &format!("attachment; filename=\"accord-audit-{scope}.json\""),
    )?;
    Ok(response)
}

/// Test support: forges the first entry of a chain. The route answers 404 unless the Worker
/// runs with `ACCORD_TEST_CLOCK=1`.
pub async fn audit_tamper(req: Request, env: &Env) -> Result<Response, ApiError> {
    if !crate::handlers::test_clock_enabled(env) {
        return Err(ApiError::NotFound);
    }
    let (_, chain) = audit_chain(&req, env, None).await?;
    json(&chain.tamper().await?, 200)
}

/// Erases personal data past the retention period in every community of `scope` (the
/// scheduled job: the district): the scheduled job and the admin's button share this code.
pub async fn run_retention(
    env: &Env,
    scope: &Scope,
    now: chrono::DateTime<chrono::Utc>,
    origin: String,
) -> Result<RetentionReport, ApiError> {
    let directory = storage::directory(env).await?;
    let mut total = RetentionReport {
        examined: 0,
        erased: 0,
    };
    for community in directory.communities_in(scope) {
        let command = RetainCommand {
            retention_days: directory.retention_days,
            limits: directory.limits_for(&community.id).clone(),
            now,
            origin: origin.clone(),
        };
        let object = storage::community_store(env, &community.id)?;
        let run = object.call(&command).await?;
        total.examined += run.report.examined;
        total.erased += run.report.erased;
        // The erased cases' images go from object storage, then the community forgets them
        // (a failure leaves them queued for the next run).
        if !run.photo_keys.is_empty() {
            storage::delete_photos(env, &run.photo_keys).await?;
            object
                .call(&PhotosDeleted {
                    keys: run.photo_keys,
                })
                .await?;
        }
    }
    Ok(total)
}

/// `POST /api/admin/retention/run`
pub async fn retention(req: Request, env: &Env) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    require_street_permission(&me, Action::RunRetention)?;
    let report = run_retention(
        env,
        &me.scope,
        request_time(&req, env),
        request_origin(&req),
    )
    .await?;
    json(&report, 200)
}
