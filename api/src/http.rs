//! Request decoding and response encoding shared by the handlers and the Durable Objects.

use crate::error::ApiError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use worker::{Headers, Request, Response};

impl From<worker::Error> for ApiError {
    fn from(err: worker::Error) -> Self {
        worker::console_error!("runtime error: {err}");
        ApiError::Internal
    }
}

impl From<worker::KvError> for ApiError {
    fn from(err: worker::KvError) -> Self {
        worker::console_error!("kv error: {err}");
        ApiError::Internal
    }
}

/// Reads a body of at most `limit` bytes; a longer one is refused before it is parsed, and
/// one not sent as JSON (every body the API takes is) is refused with 415.
pub async fn read_body(req: &mut Request, limit: usize) -> Result<Vec<u8>, ApiError> {
    let declared = req
        .headers()
        .get("content-length")?
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(ApiError::BodyTooLarge { limit });
    }
    let bytes = read_within(req, limit).await?;
    let content_type = req.headers().get("content-type")?;
    if !crate::request_body::body_acceptable(content_type.as_deref(), bytes.len()) {
        return Err(ApiError::UnsupportedMediaType);
    }
    Ok(bytes)
}

/// An image upload's bytes, of at most `limit`: its type is read from the bytes, not from
/// `Content-Type`; a longer body is refused with 413 naming the photo, unkept.
pub async fn read_upload(req: &mut Request, limit: usize) -> Result<Vec<u8>, ApiError> {
    use accord_shared::photos::PhotoError;
    let declared = req
        .headers()
        .get("content-length")?
        .and_then(|v| v.trim().parse::<u64>().ok());
    let too_large = ApiError::Photo(PhotoError::TooLarge { max: limit });
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(too_large);
    }
    read_within(req, limit).await.map_err(|err| match err {
        ApiError::BodyTooLarge { .. } => too_large,
        other => other,
    })
}

/// The body a piece at a time, kept only up to `limit`: a body sent without a length
/// (chunked) costs no more memory than the limit. The rest of a body over it is read and
/// dropped, so that the sender, still sending, gets the 413 (a runtime answers a request
/// only once its body was taken). A body the sender broke off is malformed, not a failure
/// of the server.
async fn read_within(req: &mut Request, limit: usize) -> Result<Vec<u8>, ApiError> {
    use futures_util::StreamExt;
    if req.inner().body().is_none() {
        return Ok(Vec::new());
    }
    let mut stream = req.stream()?;
    let mut bytes = Vec::new();
    let mut outcome = Ok(());
    while let Some(piece) = stream.next().await {
        let piece = piece.map_err(|_| ApiError::MalformedBody)?;
        if outcome.is_ok() {
            outcome = crate::request_body::append_within(&mut bytes, &piece, limit);
            if outcome.is_err() {
                bytes = Vec::new();
            }
        }
    }
    outcome.map(|()| bytes)
}

/// Parses a JSON body into `T`; anything else is a 400 naming no field.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|_| ApiError::MalformedBody)
}

/// A request's JSON body as `T` (see `request_body::decode`: `4.0` is the integer 4); anything
/// else is a 400 naming the field at fault where there is one.
pub fn parse_request_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    crate::request_body::decode(bytes).map_err(ApiError::from)
}

pub async fn read_json<T: DeserializeOwned>(
    req: &mut Request,
    limit: usize,
) -> Result<T, ApiError> {
    let bytes = read_body(req, limit).await?;
    parse_request_json(&bytes)
}

pub fn json<T: Serialize>(value: &T, status: u16) -> Result<Response, ApiError> {
    Ok(Response::from_json(value)?.with_status(status))
}

pub fn error_response(err: &ApiError) -> worker::Result<Response> {
    let status = err.status();
    if status >= 500 {
        worker::console_error!("answering {status}: {err}");
    }
    let body = err.body();
    let response = Response::from_json(&body)?.with_status(status);
    if let Some(seconds) = body.error.retry_after {
        response
            .headers()
            .set("Retry-After", &seconds.to_string())?;
    }
    Ok(response)
}

/// Renders a handler's outcome, the same way in the Worker and in Durable Objects.
pub fn reply(result: Result<Response, ApiError>) -> worker::Result<Response> {
    match result {
        Ok(resp) => Ok(resp),
        Err(err) => error_response(&err),
    }
}

/// Headers every API response carries.
pub fn add_security_headers(headers: &Headers, cacheable: bool) {
    let pairs: [(&str, &str); 6] = [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        (
            "Content-Security-Policy",
            "default-src 'none'; frame-ancestors 'none'",
        ),
        (
            "Strict-Transport-Security",
            "max-age=31536000; includeSubDomains",
        ),
        (
            "Cache-Control",
            if cacheable {
                "public, max-age=60"
            } else {
                "no-store"
            },
        ),
    ];
    for (name, value) in pairs {
        // Setting a well-formed header cannot fail on a mutable response.
        let _ = headers.set(name, value);
    }
}
