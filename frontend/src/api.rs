//! The HTTP client: one function per API endpoint, errors decoded from the JSON error body.

use accord_shared::directory::Directory;
use accord_shared::wire::{
    CaseDetail, ErrorBody, FileCaseRequest, FiledCase, LoginRequest, Me, PublicCase, QueuePage,
    TrackRequest,
};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

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

async fn send(builder: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = builder.map_err(|_| ApiError::Network)?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let (code, field) = match response.json::<ErrorBody>().await {
        Ok(body) => (body.error.code, body.error.field),
        Err(_) => (String::new(), None),
    };
    Err(ApiError::Status {
        status,
        code,
        field,
    })
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

pub async fn directory() -> Result<Directory, ApiError> {
    decode(send(get("/api/directory")).await?).await
}

/// Files a case. The same `idempotency_key` with the same body gets the same case back.
pub async fn file_case(
    idempotency_key: &str,
    request: &FileCaseRequest,
) -> Result<FiledCase, ApiError> {
    let builder = Request::post("/api/cases").header("Idempotency-Key", idempotency_key);
    decode(send(with_json(builder, request)).await?).await
}

pub async fn track(request: &TrackRequest) -> Result<PublicCase, ApiError> {
    decode(send(with_json(Request::post("/api/track"), request)).await?).await
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

pub async fn queue(cursor: Option<&str>, community: Option<&str>) -> Result<QueuePage, ApiError> {
    decode(send(get(&queue_url(cursor, community))).await?).await
}

pub async fn case_detail(code: &str) -> Result<CaseDetail, ApiError> {
    let url = format!("/api/staff/cases/{}", encode(code));
    decode(send(get(&url)).await?).await
}

fn queue_url(cursor: Option<&str>, community: Option<&str>) -> String {
    let mut url = String::from("/api/staff/cases");
    let mut separator = '?';
    for (name, value) in [("cursor", cursor), ("community", community)] {
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

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
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
    fn queue_urls_carry_only_the_given_filters_encoded() {
        assert_eq!(queue_url(None, None), "/api/staff/cases");
        assert_eq!(queue_url(None, Some("")), "/api/staff/cases");
        assert_eq!(
            queue_url(Some("a b/c="), Some("zh01")),
            "/api/staff/cases?cursor=a%20b%2Fc%3D&community=zh01"
        );
        assert_eq!(
            queue_url(None, Some("zh01")),
            "/api/staff/cases?community=zh01"
        );
    }
}
