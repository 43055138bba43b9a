//! A community's photo rows, kept beside its cases: one row per photo (its id, case, key in
//! object storage, type, size, hash, who added it and when). The images themselves are never
//! in the object: `storage::photo_objects` puts and reads them. `accord_shared::photos`
//! decides what may be added.

use crate::error::ApiError;
use crate::protocol::{GuardCommand, PhotoAccess, PhotoClaim, PhotoCommit, PhotoList, PhotoRead};
use crate::storage::audit_log;
use crate::storage::case_rows::load_case;
use crate::storage::{select, select_bodies, sql_err};
use accord_shared::audit::AuditRecord;
use accord_shared::case::Case;
use accord_shared::photos::{
    decide_upload, CasePhotos, PhotoRecord, PhotoSource, PhotoView, Upload, UploadDecision,
    MAX_PHOTOS_PER_CASE,
};
use accord_shared::policy::{Action, Resource};
use accord_shared::wire::Me;
use worker::SqlStorage;

pub const TABLE: &str = "CREATE TABLE case_photos (
        case_code TEXT NOT NULL,
        photo_id TEXT NOT NULL,
        object_key TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        added_at_ms INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (case_code, photo_id)
    )";

/// Object-storage keys of erased photos not yet deleted there.
pub const ERASURES_TABLE: &str = "CREATE TABLE photo_erasures (
        object_key TEXT PRIMARY KEY
    )";

/// How many pending deletions one retention answer carries (the next run takes the rest).
const ERASURES_PER_RUN: i64 = 500;

fn photos_of(sql: &SqlStorage, code: &str) -> Result<Vec<PhotoRecord>, ApiError> {
    select_bodies(
        sql,
        "SELECT body FROM case_photos WHERE case_code = ? ORDER BY added_at_ms, photo_id",
        vec![code.into()],
    )
}

/// The community's check of a code and secret (with its throttles), as the tracking page's.
pub type OpenWithSecret = fn(&SqlStorage, &str, &str, &GuardCommand) -> Result<Case, ApiError>;

/// The case, if the caller may read it: staff by the policy (any other answers like a missing
/// case), the resident by code and secret.
fn readable(
    sql: &SqlStorage,
    code: &str,
    access: &PhotoAccess,
    open: OpenWithSecret,
) -> Result<Case, ApiError> {
    match access {
        PhotoAccess::Staff { me, street } => staff_readable(sql, code, street, me),
        PhotoAccess::Resident { secret, guard } => open(sql, code, secret, guard),
    }
}

fn staff_readable(sql: &SqlStorage, code: &str, street: &str, me: &Me) -> Result<Case, ApiError> {
    load_case(sql, code)?
        .filter(|case| me.may(Action::ReadCase, Resource::case(case, street)))
        .ok_or(ApiError::NotFound)
}

/// Staff add photos to a case they may change, or record intake for.
fn staff_may_add(case: &Case, street: &str, me: &Me) -> bool {
    let at = Resource::case(case, street);
    !case.personal_data_erased
        && (me.may(Action::ChangeCase, at) || me.may(Action::RecordIntake, at))
}

fn source_of(access: &PhotoAccess) -> PhotoSource {
    match access {
        PhotoAccess::Staff { me, .. } => PhotoSource::Staff {
            username: me.username.clone(),
        },
        PhotoAccess::Resident { .. } => PhotoSource::Reporter,
    }
}

/// May the caller add the photo, and is it a photo already kept (a retry)?
pub fn claim(
    sql: &SqlStorage,
    cmd: PhotoClaim,
    open: OpenWithSecret,
) -> Result<Option<PhotoRecord>, ApiError> {
    let case = readable(sql, &cmd.code, &cmd.access, open)?;
    if let PhotoAccess::Staff { me, street } = &cmd.access {
        if !staff_may_add(&case, street, me) {
            return Err(ApiError::Forbidden);
        }
    }
    if case.personal_data_erased {
        return Err(ApiError::NotFound);
    }
    let source = source_of(&cmd.access);
    let decision = decide_upload(
        &photos_of(sql, &cmd.code)?,
        &Upload {
            id: &cmd.id,
            source: &source,
            sha256: &cmd.sha256,
        },
    )
    .map_err(ApiError::Photo)?;
    Ok(match decision {
        UploadDecision::Existing(record) => Some(record),
        UploadDecision::Store => None,
    })
}

/// Writes the row of a photo whose image is stored, unless the rules now refuse it; a row
/// already there for the same photo is answered as it is.
pub fn commit(sql: &SqlStorage, cmd: PhotoCommit) -> Result<PhotoRecord, ApiError> {
    let record = cmd.record;
    let case = load_case(sql, &record.case_code)?.ok_or(ApiError::NotFound)?;
    if case.personal_data_erased {
        return Err(ApiError::NotFound);
    }
    let decision = decide_upload(
        &photos_of(sql, &record.case_code)?,
        &Upload {
            id: &record.id,
            source: &record.added_by,
            sha256: &record.sha256,
        },
    )
    .map_err(ApiError::Photo)?;
    if let UploadDecision::Existing(kept) = decision {
        return Ok(kept);
    }
    let body = serde_json::to_string(&record).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "INSERT INTO case_photos (case_code, photo_id, object_key, bytes, added_at_ms, body)
         VALUES (?, ?, ?, ?, ?, ?)",
        vec![
            record.case_code.clone().into(),
            record.id.as_str().into(),
            record.object_key.clone().into(),
            (record.bytes as i64).into(),
            record.added_at.timestamp_millis().into(),
            body.into(),
        ],
    )
    .map_err(sql_err)?;
    let actor = match &record.added_by {
        PhotoSource::Staff { username } => username.clone(),
        PhotoSource::Reporter => "resident".to_owned(),
    };
    audit_log::append(
        sql,
        AuditRecord {
            at: record.added_at,
            actor,
            action: "case.photo_added".to_owned(),
            target: record.case_code.clone(),
            origin: cmd.origin,
        },
    )?;
    Ok(record)
}

/// One photo's row, for a caller who may read the case.
pub fn read(
    sql: &SqlStorage,
    query: PhotoRead,
    open: OpenWithSecret,
) -> Result<PhotoRecord, ApiError> {
    readable(sql, &query.code, &query.access, open)?;
    photos_of(sql, &query.code)?
        .into_iter()
        .find(|p| p.id == query.id)
        .ok_or(ApiError::NotFound)
}

/// A case's photos as staff see them, with whether the reader may add one now.
pub fn list(sql: &SqlStorage, query: PhotoList) -> Result<CasePhotos, ApiError> {
    let case = staff_readable(sql, &query.code, &query.street, &query.me)?;
    let photos = photos_of(sql, &query.code)?;
    Ok(CasePhotos {
        may_add: staff_may_add(&case, &query.street, &query.me)
            && photos.len() < MAX_PHOTOS_PER_CASE,
        photos: photos.iter().map(PhotoView::of).collect(),
        max: MAX_PHOTOS_PER_CASE,
    })
}

/// Erasure of a case's personal data: its photo rows go, in the same step, and their images
/// are queued for deletion from object storage.
pub fn erase_case(sql: &SqlStorage, code: &str) -> Result<(), ApiError> {
    sql.exec(
        "INSERT OR IGNORE INTO photo_erasures (object_key)
         SELECT object_key FROM case_photos WHERE case_code = ?",
        vec![code.into()],
    )
    .map_err(sql_err)?;
    sql.exec(
        "DELETE FROM case_photos WHERE case_code = ?",
        vec![code.into()],
    )
    .map_err(sql_err)?;
    Ok(())
}

/// Images of erased photos still to delete from object storage.
pub fn pending_erasures(sql: &SqlStorage) -> Result<Vec<String>, ApiError> {
    #[derive(serde::Deserialize)]
    struct Row {
        object_key: String,
    }
    Ok(select::<Row>(
        sql,
        "SELECT object_key FROM photo_erasures ORDER BY object_key LIMIT ?",
        vec![ERASURES_PER_RUN.into()],
    )?
    .into_iter()
    .map(|r| r.object_key)
    .collect())
}

/// The Worker deleted these images: forget them.
pub fn forget_deleted(sql: &SqlStorage, keys: &[String]) -> Result<bool, ApiError> {
    for key in keys {
        sql.exec(
            "DELETE FROM photo_erasures WHERE object_key = ?",
            vec![key.clone().into()],
        )
        .map_err(sql_err)?;
    }
    Ok(true)
}
