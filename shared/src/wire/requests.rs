//! Request bodies of the API contract: what callers send, as text the domain then parses.

use crate::lifecycle::Command;
use serde::{Deserialize, Serialize};

pub use crate::intake::{FileCaseRequest, StaffIntakeRequest};

/// Largest accepted body of `POST /api/cases`, in bytes (checked before parsing).
pub const MAX_FILING_BODY_BYTES: usize = 16 * 1024;
/// Largest accepted body of the other JSON endpoints, in bytes.
pub const MAX_SMALL_BODY_BYTES: usize = 4 * 1024;
/// Queue page size when the caller does not ask for one, and the largest allowed.
pub const DEFAULT_PAGE_SIZE: usize = 20;
pub const MAX_PAGE_SIZE: usize = 100;

/// `POST /api/staff/cases/{code}/commands`: a command based on the version the caller saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandRequest {
    pub version: u64,
    pub command: Command,
}

/// `POST /api/staff/cases/{code}/merge`: takes `duplicate` into this case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeRequest {
    pub version: u64,
    pub duplicate: String,
}

/// `POST /api/staff/cases/{code}/transfer`: moves the case to a community of another street;
/// it continues there under a code of that street, and this one is closed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TransferRequest {
    pub version: u64,
    pub community: String,
    pub grid: String,
    pub reason: String,
}

/// `POST /api/track/feedback`: the resident confirms or disputes the resolution and rates it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedbackRequest {
    pub code: String,
    pub secret: String,
    pub confirmed: bool,
    pub satisfaction: u8,
    pub comment: Option<String>,
}

/// `POST /api/track`: the secret travels in the body, never in a URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrackRequest {
    pub code: String,
    pub secret: String,
}

/// `POST /api/staff/login`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// A query value with every byte but the unreserved ones (RFC 3986) as `%XX`.
pub fn encode_component(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
