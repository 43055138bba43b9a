//! Request handlers, grouped by resource. Each one decodes, authorizes, loads, lets `shared`
//! decide, saves and encodes.

pub mod cases;
pub mod meta;
pub mod staff;

/// Random bytes from the platform's CSPRNG (`crypto.getRandomValues`).
pub fn random_bytes<const N: usize>() -> Result<[u8; N], crate::error::ApiError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| crate::error::ApiError::Internal)?;
    Ok(bytes)
}

/// The current instant, from the platform clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
