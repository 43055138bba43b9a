//! One error type for the whole API, with one mapping to HTTP status and the JSON error body.

use accord_shared::fields::FieldError;
use accord_shared::wire::{ErrorBody, ErrorDetail};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Field(FieldError),
    #[error("the request body is not valid JSON of the expected shape")]
    MalformedBody,
    #[error("the request body exceeds {limit} bytes")]
    BodyTooLarge { limit: usize },
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
    #[error("internal error")]
    Internal,
    /// An error already rendered by a Durable Object, passed through unchanged.
    #[error("{}", .body.error.message)]
    Upstream { status: u16, body: ErrorBody },
}

impl ApiError {
    pub fn status(&self) -> u16 {
        match self {
            ApiError::Field(_) | ApiError::IdempotencyKeyReused => 422,
            ApiError::MalformedBody
            | ApiError::MissingIdempotencyKey
            | ApiError::InvalidParameter { .. } => 400,
            ApiError::BodyTooLarge { .. } => 413,
            ApiError::CaseNotFound | ApiError::NotFound => 404,
            ApiError::MethodNotAllowed => 405,
            ApiError::InvalidCredentials | ApiError::Unauthenticated => 401,
            ApiError::DirectoryMissing => 503,
            ApiError::Internal => 500,
            ApiError::Upstream { status, .. } => *status,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::Field(err) => err.problem.code(),
            ApiError::MalformedBody => "malformed_body",
            ApiError::BodyTooLarge { .. } => "body_too_large",
            ApiError::MissingIdempotencyKey => "missing_idempotency_key",
            ApiError::IdempotencyKeyReused => "idempotency_key_reused",
            ApiError::CaseNotFound => "case_not_found",
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::InvalidCredentials => "invalid_credentials",
            ApiError::Unauthenticated => "unauthenticated",
            ApiError::InvalidParameter { .. } => "invalid_parameter",
            ApiError::DirectoryMissing => "directory_missing",
            ApiError::Internal => "internal",
            ApiError::Upstream { .. } => "upstream",
        }
    }

    pub fn body(&self) -> ErrorBody {
        let detail = match self {
            ApiError::Upstream { body, .. } => return body.clone(),
            ApiError::Field(err) => ErrorDetail::from(err),
            ApiError::MissingIdempotencyKey => ErrorDetail {
                code: self.code().into(),
                message: self.to_string(),
                field: Some("Idempotency-Key".into()),
            },
            ApiError::InvalidParameter { field } => ErrorDetail {
                code: self.code().into(),
                message: self.to_string(),
                field: Some((*field).into()),
            },
            _ => ErrorDetail {
                code: self.code().into(),
                message: self.to_string(),
                field: None,
            },
        };
        ErrorBody { error: detail }
    }
}

impl From<FieldError> for ApiError {
    fn from(err: FieldError) -> Self {
        ApiError::Field(err)
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
