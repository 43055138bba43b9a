//! The browser's side of photos and location, in `static/photos.js` (resizing, re-encoding,
//! uploading with progress, geolocation), reached through `wasm_bindgen` externs so that the
//! web app's wasm stays small. wasm-bindgen ships the module beside each bundle's glue.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/static/photos.js")]
extern "C" {
    #[wasm_bindgen(js_name = preparePhoto)]
    fn prepare_photo(file: &web_sys::File) -> js_sys::Promise;
    #[wasm_bindgen(js_name = discardPhoto)]
    fn discard_photo(id: &str);
    #[wasm_bindgen(js_name = uploadPhoto)]
    fn upload_photo(id: &str, url: &str, secret: &str, progress_id: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = locate)]
    fn locate_js() -> js_sys::Promise;
}

fn field(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Where a photo's upload stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadState {
    Waiting,
    Sending,
    Sent,
    /// Refused or not delivered; the code the server gave, if any.
    Failed,
}

/// A photo resized and re-encoded on the phone, kept by `photos.js` until sent.
#[derive(Debug, Clone)]
pub struct PreparedPhoto {
    /// Also its `Idempotency-Key`: a retry names the same photo.
    pub id: String,
    /// A `blob:` address of the prepared image, for its preview.
    pub preview: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u32,
    pub state: RwSignal<UploadState>,
}

impl PreparedPhoto {
    /// The id of its `<progress>` element.
    pub fn progress_id(&self) -> String {
        format!("progress-{}", self.id)
    }
}

/// Why a photo could not be prepared: not an image the browser can read, or too big even
/// at the lowest quality.
pub async fn prepare(file: web_sys::File) -> Result<PreparedPhoto, ()> {
    let value = JsFuture::from(prepare_photo(&file)).await.map_err(|_| ())?;
    let number = |name| field(&value, name).as_f64().unwrap_or(0.0) as u32;
    Ok(PreparedPhoto {
        id: field(&value, "id").as_string().ok_or(())?,
        preview: field(&value, "url").as_string().ok_or(())?,
        width: number("width"),
        height: number("height"),
        bytes: number("bytes"),
        state: RwSignal::new(UploadState::Waiting),
    })
}

/// Forgets a prepared photo.
pub fn discard(photo: &PreparedPhoto) {
    discard_photo(&photo.id);
}

/// Sends a prepared photo to `url` (with the case's secret for a resident, empty for staff),
/// trying again twice when the connection fails; its state follows. The HTTP status and the
/// error code of the last answer.
pub async fn upload(photo: &PreparedPhoto, url: &str, secret: &str) -> (u16, String) {
    photo.state.set(UploadState::Sending);
    let mut answer = (0, String::new());
    for _ in 0..3 {
        let value = JsFuture::from(upload_photo(&photo.id, url, secret, &photo.progress_id()))
            .await
            .unwrap_or(JsValue::UNDEFINED);
        answer = (
            field(&value, "status").as_f64().unwrap_or(0.0) as u16,
            field(&value, "code").as_string().unwrap_or_default(),
        );
        if answer.0 != 0 {
            break;
        }
    }
    photo.state.set(if (200..300).contains(&answer.0) {
        UploadState::Sent
    } else {
        UploadState::Failed
    });
    answer
}

/// Why the phone's position is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocateError {
    Denied,
    Unavailable,
}

/// The phone's position in degrees, asked only when the reporter chooses to share it.
pub async fn locate() -> Result<(f64, f64), LocateError> {
    match JsFuture::from(locate_js()).await {
        Ok(value) => {
            let lat = field(&value, "lat").as_f64();
            let lon = field(&value, "lon").as_f64();
            lat.zip(lon).ok_or(LocateError::Unavailable)
        }
        Err(reason) if reason.as_string().as_deref() == Some("denied") => Err(LocateError::Denied),
        Err(_) => Err(LocateError::Unavailable),
    }
}
