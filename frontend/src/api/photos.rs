//! A case's photos for staff (the images themselves are read by `<img>` from
//! `/api/staff/photos/{ref}`, and sent by `common::photo_js`).

use super::{decode, encode, get, send, ApiError};
use accord_shared::photos::CasePhotos;

pub async fn of_case(code: &str) -> Result<CasePhotos, ApiError> {
    let url = format!("/api/staff/cases/{}/photos", encode(code));
    decode(send(get(&url)).await?).await
}

/// Where staff send a photo of the case.
pub fn upload_url(code: &str) -> String {
    format!("/api/staff/cases/{}/photos", encode(code))
}

/// Where staff read one photo (`<case code>~<photo id>`).
pub fn image_url(photo_ref: &str) -> String {
    format!("/api/staff/photos/{}", encode(photo_ref))
}
