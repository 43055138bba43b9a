//! One error type for the whole API, with one mapping to HTTP status and the JSON error body.

use accord_shared::agreement::AgreementError;
use accord_shared::case::CaseStatus;
use accord_shared::confidential::ConfidentialError;
use accord_shared::documents::DocumentError;
use accord_shared::fields::FieldError;
use accord_shared::lifecycle::{CaseError, CommandKind};
use accord_shared::photos::PhotoError;
use accord_shared::scheduling::Conflict;
use accord_shared::wire::{CaseDetail, ErrorBody, ErrorDetail};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Field(FieldError),
    #[error("the request body is not valid JSON of the expected shape")]
    MalformedBody,
    #[error("{field} is not a field this request takes")]
    UnknownField { field: String },
    #[error("{field} has the wrong type or shape")]
    MalformedField { field: String },
    #[error("the request body exceeds {limit} bytes")]
    BodyTooLarge { limit: usize },
    #[error("the request body must be JSON, sent as Content-Type: application/json")]
    UnsupportedMediaType,
    #[error("the Idempotency-Key header is required: 16 to 64 letters, digits or dashes")]
    MissingIdempotencyKey,
    #[error("this Idempotency-Key was already used with a different request body")]
    IdempotencyKeyReused,
    #[error("no case matches this code and secret")]
    CaseNotFound,
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("wrong username or password")]
    InvalidCredentials,
    #[error("sign in first")]
    Unauthenticated,
    #[error("{field} is invalid")]
    InvalidParameter { field: &'static str },
    #[error("the directory has not been set up yet")]
    DirectoryMissing,
    #[error("the case changed since you loaded it; it has been reloaded")]
    VersionConflict { current: Box<CaseDetail> },
    #[error("{command:?} is not possible while the case is {from:?}")]
    InvalidTransition {
        from: CaseStatus,
        command: CommandKind,
    },
    #[error("you may not do this")]
    Forbidden,
    #[error("choose a new password first")]
    PasswordChangeRequired,
    #[error("too many attempts; try again in {retry_after} seconds")]
    TooManyAttempts { retry_after: i64 },
    #[error("this request must come from the application's own pages")]
    ForeignOrigin,
    #[error("the case is already escalated that far")]
    NothingToEscalate,
    #[error("{message}")]
    SessionState { message: String },
    /// A session record written on an older version of the session (kept offline).
    #[error("{message}")]
    SessionChanged { message: String },
    /// A bound on what one party, resident or link may add (its `code` says which).
    #[error("{message}")]
    LimitReached { code: &'static str, message: String },
    #[error("the time is taken: {}", describe_conflicts(.conflicts))]
    BookingConflict { conflicts: Vec<Conflict> },
    /// A resident's look-up of a case moved to another street (the secret was right): the
    /// Worker follows it to `to`.
    #[error("the case continues under another code")]
    CaseMoved { to: String },
    /// A document the case cannot have now, or a document that cannot be changed so.
    #[error("{0}")]
    Document(DocumentError),
    /// A confidential note refused by its rules.
    #[error("{0}")]
    Confidential(ConfidentialError),
    /// A step of a mediation agreement refused by its rules.
    #[error("{0}")]
    Agreement(AgreementError),
    /// A photo upload refused by its rules (type, size, count, id).
    #[error("{0}")]
    Photo(PhotoError),
    #[error("internal error")]
    Internal,
    /// An error already rendered by a Durable Object, passed through unchanged.
    #[error("{}", .body.error.message)]
    Upstream { status: u16, body: Box<ErrorBody> },
    #[error("push notifications are not configured here")]
    PushUnavailable,
}

impl ApiError {
    pub fn status(&self) -> u16 {
        match self {
            ApiError::Field(_) | ApiError::IdempotencyKeyReused => 422,
            ApiError::VersionConflict { .. }
            | ApiError::InvalidTransition { .. }
            | ApiError::SessionState { .. }
            | ApiError::SessionChanged { .. }
            | ApiError::LimitReached { .. }
            | ApiError::BookingConflict { .. }
            | ApiError::CaseMoved { .. }
            | ApiError::Document(_) => 409,
            ApiError::Forbidden | ApiError::PasswordChangeRequired | ApiError::ForeignOrigin => 403,
            ApiError::TooManyAttempts { .. } => 429,
            ApiError::NothingToEscalate => 409,
            ApiError::MalformedBody
            | ApiError::UnknownField { .. }
            | ApiError::MalformedField { .. }
            | ApiError::MissingIdempotencyKey
            | ApiError::InvalidParameter { .. } => 400,
            ApiError::BodyTooLarge { .. } => 413,
            ApiError::UnsupportedMediaType => 415,
            ApiError::CaseNotFound | ApiError::NotFound | ApiError::PushUnavailable => 404,
            ApiError::MethodNotAllowed => 405,
            ApiError::InvalidCredentials | ApiError::Unauthenticated => 401,
            ApiError::DirectoryMissing => 503,
            ApiError::Confidential(ConfidentialError::Field(_)) => 422,
            ApiError::Confidential(ConfidentialError::NotCounselorOnCase) => 403,
            ApiError::Confidential(ConfidentialError::AlreadyShared) => 409,
            ApiError::Agreement(AgreementError::NotAllowed) => 403,
            ApiError::Agreement(err) if err.field().is_some() => 422,
            ApiError::Agreement(_) => 409,
            ApiError::Photo(err) => err.status(),
            ApiError::Internal => 500,
            ApiError::Upstream { status, .. } => *status,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::Field(err) => err.problem.code(),
            ApiError::MalformedBody | ApiError::MalformedField { .. } => "malformed_body",
            ApiError::UnknownField { .. } => "unknown_field",
            ApiError::BodyTooLarge { .. } => "body_too_large",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::MissingIdempotencyKey => "missing_idempotency_key",
            ApiError::IdempotencyKeyReused => "idempotency_key_reused",
            ApiError::CaseNotFound => "case_not_found",
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::InvalidCredentials => "invalid_credentials",
            ApiError::Unauthenticated => "unauthenticated",
            ApiError::InvalidParameter { .. } => "invalid_parameter",
            ApiError::DirectoryMissing => "directory_missing",
            ApiError::VersionConflict { .. } => "version_conflict",
            ApiError::InvalidTransition { .. } => "invalid_transition",
            ApiError::Forbidden => "forbidden",
            ApiError::PasswordChangeRequired => "password_change_required",
            ApiError::TooManyAttempts { .. } => "too_many_attempts",
            ApiError::ForeignOrigin => "foreign_origin",
            ApiError::NothingToEscalate => "nothing_to_escalate",
            ApiError::SessionState { .. } => "invalid_session_state",
            ApiError::SessionChanged { .. } => "session_changed",
            ApiError::LimitReached { code, .. } => code,
            ApiError::BookingConflict { .. } => "booking_conflict",
            ApiError::CaseMoved { .. } => "case_moved",
            ApiError::Document(err) => err.code(),
            ApiError::Agreement(err) => err.code(),
            ApiError::Confidential(ConfidentialError::Field(err)) => err.problem.code(),
            ApiError::Confidential(err) => err.code(),
            ApiError::Photo(err) => err.code(),
            ApiError::Internal => "internal",
            ApiError::Upstream { .. } => "upstream",
            ApiError::PushUnavailable => "push_unavailable",
        }
    }

    pub fn body(&self) -> ErrorBody {
        let detail = match self {
            ApiError::Upstream { body, .. } => return (**body).clone(),
            ApiError::Field(err) => ErrorDetail::from(err),
            ApiError::MissingIdempotencyKey => ErrorDetail {
                code: self.code().into(),
                message: self.to_string(),
                field: Some("Idempotency-Key".into()),
                retry_after: None,
            },
            ApiError::UnknownField { field } | ApiError::MalformedField { field } => ErrorDetail {
                code: self.code().into(),
                message: self.to_string(),
                field: Some(field.clone()),
                retry_after: None,
            },
            ApiError::InvalidParameter { field } => ErrorDetail {
                code: self.code().into(),
                message: self.to_string(),
                field: Some((*field).into()),
                retry_after: None,
            },
            ApiError::Confidential(ConfidentialError::Field(err)) => ErrorDetail::from(err),
            ApiError::Photo(err) => ErrorDetail {
                code: err.code().into(),
                message: err.to_string(),
                field: Some(err.field().into()),
                retry_after: None,
            },
            ApiError::Agreement(err) => ErrorDetail {
                code: self.code().into(),
                message: self.to_string(),
                // A term's field is named with its place: `terms.1.what`.
                field: err.field().map(|field| match err.term_index() {
                    Some(index) if field != "term" => format!("terms.{index}.{field}"),
                    _ => field.to_owned(),
                }),
                retry_after: None,
            },
            ApiError::TooManyAttempts { retry_after } => ErrorDetail {
                code: self.code().into(),
                message: self.to_string(),
                field: None,
                retry_after: Some(*retry_after),
            },
            _ => ErrorDetail {
                code: self.code().into(),
                message: self.to_string(),
                field: None,
                retry_after: None,
            },
        };
        let current = match self {
            ApiError::VersionConflict { current } => Some(current.clone()),
            _ => None,
        };
        let conflicts = match self {
            ApiError::BookingConflict { conflicts } => Some(conflicts.clone()),
            _ => None,
        };
        let moved_to = match self {
            ApiError::CaseMoved { to } => Some(to.clone()),
            _ => None,
        };
        ErrorBody {
            error: detail,
            current,
            conflicts,
            moved_to,
        }
    }
}

/// Conflicts in words, for the error message.
fn describe_conflicts(conflicts: &[Conflict]) -> String {
    conflicts
        .iter()
        .map(|c| match c {
            Conflict::Staff { username, session } => {
                format!("{username} is booked in session {session}")
            }
            Conflict::Place { place, session } => format!("{place} is taken by session {session}"),
            Conflict::OutsideHours { username } => format!("{username} does not work then"),
            Conflict::OverCapacity { place, capacity } => {
                format!("{place} holds only {capacity} people")
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<CaseError> for ApiError {
    fn from(err: CaseError) -> Self {
        match err {
            CaseError::InvalidTransition { from, command } => {
                ApiError::InvalidTransition { from, command }
            }
            CaseError::Forbidden { .. } => ApiError::Forbidden,
            CaseError::Field(field) => ApiError::Field(field),
            CaseError::NothingToEscalate => ApiError::NothingToEscalate,
            CaseError::BrokenTimeline => ApiError::Internal,
            CaseError::FeedbackLimit => ApiError::LimitReached {
                code: "feedback_limit_reached",
                message: CaseError::FeedbackLimit.to_string(),
            },
        }
    }
}

impl From<FieldError> for ApiError {
    fn from(err: FieldError) -> Self {
        ApiError::Field(err)
    }
}

impl From<DocumentError> for ApiError {
    /// A field of the request at fault is a 422 naming it; anything else the case lacks, or a
    /// change a document does not take, is a 409 with the document's own code.
    fn from(err: DocumentError) -> Self {
        match err {
            DocumentError::Field(field) => ApiError::Field(field),
            other => ApiError::Document(other),
        }
    }
}

impl From<AgreementError> for ApiError {
    fn from(err: AgreementError) -> Self {
        ApiError::Agreement(err)
    }
}

impl From<ConfidentialError> for ApiError {
    fn from(err: ConfidentialError) -> Self {
        ApiError::Confidential(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_shared::fields::FieldProblem;

    #[test]
    fn field_errors_are_422_and_name_the_field() {
        let err = ApiError::from(FieldError::new("phone", FieldProblem::InvalidPhone));
        assert_eq!(err.status(), 422);
        let body = err.body();
        assert_eq!(body.error.field.as_deref(), Some("phone"));
        assert_eq!(body.error.code, "invalid_phone");
    }

    #[test]
    fn every_client_error_is_4xx() {
        for err in [
            ApiError::MalformedBody,
            ApiError::BodyTooLarge { limit: 1 },
            ApiError::UnsupportedMediaType,
            ApiError::MissingIdempotencyKey,
            ApiError::IdempotencyKeyReused,
            ApiError::CaseNotFound,
            ApiError::InvalidCredentials,
            ApiError::Unauthenticated,
            ApiError::InvalidParameter { field: "cursor" },
        ] {
            assert!((400..500).contains(&err.status()), "{err:?}");
            assert!(!err.body().error.message.ends_with('.'));
        }
    }
}
