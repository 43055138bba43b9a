//! Photos of a case. The phone sends each image's bytes (resized and re-encoded there) with
//! the photo's id as its `Idempotency-Key`; the Worker checks them (`shared::photos`), asks the
//! case's community whether the caller may add it, puts the image in object storage, then has
//! the community write its row. Images are read back only by those who may read the case:
//! staff by the policy, the resident by code and secret (`X-Case-Secret`, never in a URL).
//!
//! - `POST /api/cases/{code}/photos`, `GET /api/photos/{code~id}`: the resident (or the
//!   volunteer helping them file, who holds the code and secret)
//! - `POST /api/staff/cases/{code}/photos`, `GET /api/staff/cases/{code}/photos`,
//!   `GET /api/staff/photos/{code~id}`: staff

use crate::error::ApiError;
use crate::handlers::guard::{case_in_scope, guarded_lookup, require_staff, resident_case};
use crate::handlers::{request_origin, request_time};
use crate::http::{json, read_upload};
use crate::idempotency;
use crate::protocol::{PhotoAccess, PhotoClaim, PhotoCommit, PhotoList, PhotoRead};
use crate::storage;
use accord_shared::photos::{
    check_upload, object_key, parse_photo_ref, PhotoId, PhotoRecord, PhotoSource, PhotoView,
    MAX_PHOTO_BYTES,
};
use accord_shared::secret::sha256_hex;
use worker::{Env, Request, Response};

/// The header a resident's photo requests carry the case's secret in.
const SECRET_HEADER: &str = "X-Case-Secret";

fn photo_id(req: &Request) -> Result<PhotoId, ApiError> {
    let key = idempotency::parse_key(req.headers().get("Idempotency-Key")?.as_deref())?;
    PhotoId::parse(&key).map_err(ApiError::Photo)
}

/// The secret a resident's photo request carries; a request without one is a 400 naming the
/// header, not a wrong guess counted against the case.
fn secret_of(req: &Request) -> Result<String, ApiError> {
    match req.headers().get(SECRET_HEADER)? {
        Some(secret) if !secret.trim().is_empty() => Ok(secret),
        _ => Err(ApiError::InvalidParameter {
            field: SECRET_HEADER,
        }),
    }
}

/// `POST /api/cases/{code}/photos`: the resident adds a photo (at most four).
pub async fn resident_upload(
    mut req: Request,
    env: &Env,
    code: String,
) -> Result<Response, ApiError> {
    let id = photo_id(&req)?;
    let secret = secret_of(&req)?;
    let bytes = read_upload(&mut req, MAX_PHOTO_BYTES).await?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let (code, community) = resident_case(&directory, &code)?;
    let community_id = community.id.clone();
    let code_text = code.to_string();
    let origin = request_origin(&req);
    guarded_lookup(env, &req, &directory, &code_text, now, |guard| {
        let access = PhotoAccess::Resident { secret, guard };
        store(
            env,
            &community_id,
            &code_text,
            access,
            id,
            bytes,
            now,
            origin,
        )
    })
    .await
}

/// `POST /api/staff/cases/{code}/photos`: staff who may change the case add a photo.
pub async fn staff_upload(mut req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let id = photo_id(&req)?;
    let bytes = read_upload(&mut req, MAX_PHOTO_BYTES).await?;
    let directory = storage::directory(env).await?;
    let (code, community) = case_in_scope(&directory, &me.scope, &code)?;
    let access = PhotoAccess::Staff {
        me,
        street: community.street.clone(),
    };
    store(
        env,
        &community.id,
        &code.to_string(),
        access,
        id,
        bytes,
        request_time(&req, env),
        request_origin(&req),
    )
    .await
}

/// Checks, claims, stores and records one upload; a retry answers the photo already kept.
#[allow(clippy::too_many_arguments)]
async fn store(
    env: &Env,
    community: &str,
    code: &str,
    access: PhotoAccess,
    id: PhotoId,
    bytes: Vec<u8>,
    now: chrono::DateTime<chrono::Utc>,
    origin: String,
) -> Result<Response, ApiError> {
    let checked = check_upload(&bytes).map_err(ApiError::Photo)?;
    let sha256 = sha256_hex(&checked.bytes);
    let added_by = match &access {
        PhotoAccess::Staff { me, .. } => PhotoSource::Staff {
            username: me.username.clone(),
        },
        PhotoAccess::Resident { .. } => PhotoSource::Reporter,
    };
    let object = storage::community_store(env, community)?;
    let claimed = object
        .call(&PhotoClaim {
            code: code.to_owned(),
            access,
            id: id.clone(),
            sha256: sha256.clone(),
        })
        .await?;
    if let Some(kept) = claimed {
        return json(&PhotoView::of(&kept), 200);
    }
    let record = PhotoRecord {
        object_key: object_key(community, code, &id),
        id,
        case_code: code.to_owned(),
        kind: checked.kind,
        bytes: checked.bytes.len() as u64,
        sha256,
        width: checked.width,
        height: checked.height,
        added_by,
        added_at: now,
    };
    storage::put_photo(env, &record.object_key, checked.bytes, checked.kind.mime()).await?;
    match object
        .call(&PhotoCommit {
            record: record.clone(),
            origin,
        })
        .await
    {
        Ok(kept) => json(&PhotoView::of(&kept), 201),
        Err(err) => {
            let refused = matches!(&err, ApiError::Upstream { body, .. }
                if body.error.code == "too_many_photos" || body.error.code == "photo_id_reused");
            if refused {
                // Another upload took the last place: this image is not kept.
                storage::delete_photos(env, std::slice::from_ref(&record.object_key)).await?;
            }
            Err(err)
        }
    }
}

/// `GET /api/staff/cases/{code}/photos`: a case's photos for staff.
pub async fn staff_list(req: Request, env: &Env, code: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let directory = storage::directory(env).await?;
    let (code, community) = case_in_scope(&directory, &me.scope, &code)?;
    let photos = storage::community_store(env, &community.id)?
        .call(&PhotoList {
            code: code.to_string(),
            street: community.street.clone(),
            me,
        })
        .await?;
    json(&photos, 200)
}

/// `GET /api/staff/photos/{code~id}`: one image, for staff who may read the case.
pub async fn staff_get(req: Request, env: &Env, photo: String) -> Result<Response, ApiError> {
    let me = require_staff(&req, env).await?;
    let (code, id) = parse_photo_ref(&photo).ok_or(ApiError::NotFound)?;
    let directory = storage::directory(env).await?;
    let (code, community) = case_in_scope(&directory, &me.scope, &code)?;
    let record = storage::community_store(env, &community.id)?
        .call(&PhotoRead {
            code: code.to_string(),
            access: PhotoAccess::Staff {
                me,
                street: community.street.clone(),
            },
            id,
        })
        .await?;
    image(env, &record).await
}

/// `GET /api/photos/{code~id}`: one image of the resident's own case, by its secret.
pub async fn resident_get(req: Request, env: &Env, photo: String) -> Result<Response, ApiError> {
    let secret = secret_of(&req)?;
    let (code, id) = parse_photo_ref(&photo).ok_or(ApiError::CaseNotFound)?;
    let now = request_time(&req, env);
    let directory = storage::directory(env).await?;
    let (code, community) = resident_case(&directory, &code)?;
    let code_text = code.to_string();
    let community_id = community.id.clone();
    let record = guarded_lookup(env, &req, &directory, &code_text, now, |guard| async {
        storage::community_store(env, &community_id)?
            .call(&PhotoRead {
                code: code_text.clone(),
                access: PhotoAccess::Resident { secret, guard },
                id,
            })
            .await
    })
    .await?;
    image(env, &record).await
}

/// The image of a photo row, as its own type.
async fn image(env: &Env, record: &PhotoRecord) -> Result<Response, ApiError> {
    let bytes = storage::get_photo(env, &record.object_key)
        .await?
        .ok_or(ApiError::NotFound)?;
    let response = Response::from_bytes(bytes)?;
    response.headers().set("Content-Type", record.kind.mime())?;
    Ok(response)
}
