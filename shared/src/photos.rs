//! Photos of a case: what an upload may be (its type read from its bytes, never its name or
//! header; its size; how many a case holds), what is stripped from it before it is kept, and
//! the metadata row the community keeps beside the case (the image itself lives in object
//! storage under [`object_key`]).
//!
//! The phone resizes and re-encodes every photo before upload, which drops its EXIF; the
//! server does not trust that. A JPEG's metadata segments (APP1: EXIF with its GPS position
//! and XMP; APP13: IPTC) are cut out of the bytes before they are stored, and a WebP that
//! carries an EXIF or XMP chunk is refused (a browser's encoder never writes one).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Photos a reporter attaches when filing (and a resident afterwards, with code and secret).
pub const MAX_PHOTOS_PER_FILING: usize = 4;
/// Photos a case holds in all, with those staff add later.
pub const MAX_PHOTOS_PER_CASE: usize = 12;
/// The largest upload the server takes, in bytes (the phone aims at about 300 KB).
pub const MAX_PHOTO_BYTES: usize = 400 * 1024;
/// The longest side of a stored photo, in pixels.
pub const MAX_PHOTO_SIDE: u32 = 1600;

/// The image types a photo may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoType {
    Jpeg,
    Webp,
}

impl PhotoType {
    /// The type the bytes say they are: JPEG starts `FF D8 FF`, WebP `RIFF….WEBP`.
    pub fn sniff(bytes: &[u8]) -> Option<PhotoType> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(PhotoType::Jpeg)
        } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(PhotoType::Webp)
        } else {
            None
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            PhotoType::Jpeg => "image/jpeg",
            PhotoType::Webp => "image/webp",
        }
    }
}

/// Why an upload is refused. Each has its code, HTTP status and field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("a photo must be a JPEG or WebP image")]
    UnsupportedType,
    #[error("a photo may be at most {max} bytes")]
    TooLarge { max: usize },
    #[error("the photo is empty")]
    Empty,
    #[error("the image is damaged or cut short")]
    Damaged,
    #[error("the photo still carries metadata (EXIF or XMP)")]
    CarriesMetadata,
    #[error("the photo is larger than {max} pixels on its longest side")]
    TooManyPixels { max: u32 },
    #[error("the case holds as many photos as it may ({max})")]
    TooMany { max: usize },
    #[error("the photo id must be 8 to 64 letters, digits, '-' or '_'")]
    BadId,
    #[error("this photo id was used for other bytes")]
    IdReused,
}

impl PhotoError {
    pub fn code(&self) -> &'static str {
        match self {
            PhotoError::UnsupportedType => "unsupported_photo_type",
            PhotoError::TooLarge { .. } => "photo_too_large",
            PhotoError::Empty => "photo_empty",
            PhotoError::Damaged => "photo_damaged",
            PhotoError::CarriesMetadata => "photo_metadata",
            PhotoError::TooManyPixels { .. } => "photo_too_many_pixels",
            PhotoError::TooMany { .. } => "too_many_photos",
            PhotoError::BadId => "invalid_photo_id",
            PhotoError::IdReused => "photo_id_reused",
        }
    }

    /// 413 for an oversized body, 415 for a type that is not an image we keep, 409 for a
    /// photo id reused with other bytes, 422 for the rest.
    pub fn status(&self) -> u16 {
        match self {
            PhotoError::TooLarge { .. } => 413,
            PhotoError::UnsupportedType => 415,
            PhotoError::IdReused => 409,
            _ => 422,
        }
    }

    /// The request part at fault.
    pub fn field(&self) -> &'static str {
        match self {
            PhotoError::BadId | PhotoError::IdReused => "Idempotency-Key",
            _ => "photo",
        }
    }
}

/// A photo's id, chosen by the phone before the upload and sent as its `Idempotency-Key`
/// (so a retry names the same photo).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhotoId(String);

impl PhotoId {
    pub fn parse(raw: &str) -> Result<PhotoId, PhotoError> {
        let ok = (8..=64).contains(&raw.len())
            && raw
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| PhotoId(raw.to_owned())).ok_or(PhotoError::BadId)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PhotoId {
    type Error = PhotoError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        PhotoId::parse(&raw)
    }
}

impl From<PhotoId> for String {
    fn from(id: PhotoId) -> String {
        id.0
    }
}

/// A photo's address in the API: `<case code>~<photo id>` (like a confidential note's).
pub fn photo_ref(code: &str, id: &PhotoId) -> String {
    format!("{code}~{}", id.as_str())
}

/// The case code and photo id of a [`photo_ref`].
pub fn parse_photo_ref(raw: &str) -> Option<(String, PhotoId)> {
    let (code, id) = raw.split_once('~')?;
    Some((code.to_owned(), PhotoId::parse(id).ok()?))
}

/// Where the image is kept in object storage: by community and case, so that erasing a case's
/// photos is one prefix.
pub fn object_key(community: &str, code: &str, id: &PhotoId) -> String {
    format!("{}{}", case_prefix(community, code), id.as_str())
}

/// The object-storage prefix of every photo of a case.
pub fn case_prefix(community: &str, code: &str) -> String {
    format!("photos/{community}/{code}/")
}

/// An upload that passed every check: the bytes to keep (metadata cut out) and what they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedPhoto {
    pub bytes: Vec<u8>,
    pub kind: PhotoType,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Checks an upload's bytes: size, type by magic bytes, a sound structure, the longest side,
/// and metadata (cut out of a JPEG, refused in a WebP).
pub fn check_upload(bytes: &[u8]) -> Result<CheckedPhoto, PhotoError> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(PhotoError::TooLarge {
            max: MAX_PHOTO_BYTES,
        });
    }
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    let kind = PhotoType::sniff(bytes).ok_or(PhotoError::UnsupportedType)?;
    let (kept, size) = match kind {
        PhotoType::Jpeg => jpeg_without_metadata(bytes)?,
        PhotoType::Webp => (bytes.to_vec(), webp_size(bytes)?),
    };
    if let Some((w, h)) = size {
        if w.max(h) > MAX_PHOTO_SIDE {
            return Err(PhotoError::TooManyPixels {
                max: MAX_PHOTO_SIDE,
            });
        }
    }
    Ok(CheckedPhoto {
        bytes: kept,
        kind,
        width: size.map(|s| s.0),
        height: size.map(|s| s.1),
    })
}

/// Whether a JPEG holds an EXIF or XMP segment (APP1) before its image data.
pub fn jpeg_has_metadata(bytes: &[u8]) -> bool {
    jpeg_segments(bytes).is_ok_and(|segments| segments.iter().any(|s| is_metadata_marker(s.marker)))
}

fn is_metadata_marker(marker: u8) -> bool {
    // APP1 (EXIF, XMP) and APP13 (IPTC, Photoshop): where cameras write places and names.
    marker == 0xE1 || marker == 0xED
}

/// One marker segment of a JPEG's header: its marker and its bytes (marker included).
struct Segment {
    marker: u8,
    start: usize,
    end: usize,
}

/// The header segments up to the start of scan, and the offset where the scan begins.
fn jpeg_segments(bytes: &[u8]) -> Result<Vec<Segment>, PhotoError> {
    let mut segments = Vec::new();
    let mut at = 2; // after SOI
    loop {
        // Markers may be padded with extra 0xFF bytes.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return Err(PhotoError::Damaged);
        };
        if marker == 0xD9 || marker == 0x00 || (0xD0..=0xD7).contains(&marker) {
            return Err(PhotoError::Damaged);
        }
        let length = match (bytes.get(at + 2), bytes.get(at + 3)) {
            (Some(&hi), Some(&lo)) => usize::from(hi) << 8 | usize::from(lo),
            _ => return Err(PhotoError::Damaged),
        };
        if length < 2 || at + 2 + length > bytes.len() {
            return Err(PhotoError::Damaged);
        }
        let end = at + 2 + length;
        segments.push(Segment {
            marker,
            start: at,
            end,
        });
        if marker == 0xDA {
            // Start of scan: the image data follows; nothing after it is a header segment.
            return Ok(segments);
        }
        at = end;
    }
}

/// An image's width and height in pixels.
type Size = (u32, u32);

/// The JPEG without its metadata segments, and its size from the frame header.
fn jpeg_without_metadata(bytes: &[u8]) -> Result<(Vec<u8>, Option<Size>), PhotoError> {
    let segments = jpeg_segments(bytes)?;
    let mut size = None;
    let mut kept = Vec::with_capacity(bytes.len());
    kept.extend_from_slice(&bytes[0..2]);
    for s in &segments {
        // SOF0..SOF15 but DHT (C4), JPG (C8) and DAC (CC): the frame header with the size.
        let is_frame = (0xC0..=0xCF).contains(&s.marker) && ![0xC4, 0xC8, 0xCC].contains(&s.marker);
        if is_frame {
            let frame = &bytes[s.start..s.end];
            if frame.len() < 9 {
                return Err(PhotoError::Damaged);
            }
            let height = u32::from(frame[5]) << 8 | u32::from(frame[6]);
            let width = u32::from(frame[7]) << 8 | u32::from(frame[8]);
            size = Some((width, height));
        }
        if !is_metadata_marker(s.marker) {
            kept.extend_from_slice(&bytes[s.start..s.end]);
        }
    }
    let scan_start = segments.last().map_or(2, |s| s.end);
    kept.extend_from_slice(&bytes[scan_start..]);
    Ok((kept, size))
}

fn le24(b: &[u8]) -> u32 {
    u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16
}

/// The size a WebP declares, after checking its chunks hold no EXIF or XMP.
fn webp_size(bytes: &[u8]) -> Result<Option<Size>, PhotoError> {
    let mut at = 12;
    let mut size = None;
    while at + 8 <= bytes.len() {
        let tag = &bytes[at..at + 4];
        let length =
            u32::from_le_bytes([bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]])
                as usize;
        let body_start = at + 8;
        let body_end = body_start.checked_add(length).ok_or(PhotoError::Damaged)?;
        if body_end > bytes.len() {
            return Err(PhotoError::Damaged);
        }
        let body = &bytes[body_start..body_end];
        match tag {
            b"EXIF" | b"XMP " => return Err(PhotoError::CarriesMetadata),
            b"VP8X" if body.len() >= 10 => {
                size = size.or(Some((le24(&body[4..7]) + 1, le24(&body[7..10]) + 1)));
            }
            b"VP8 " if body.len() >= 10 => {
                let w = u32::from(u16::from_le_bytes([body[6], body[7]]) & 0x3FFF);
                let h = u32::from(u16::from_le_bytes([body[8], body[9]]) & 0x3FFF);
                size = size.or(Some((w, h)));
            }
            b"VP8L" if body.len() >= 5 => {
                let bits = u32::from_le_bytes([body[1], body[2], body[3], body[4]]);
                size = size.or(Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)));
            }
            _ => {}
        }
        // Chunks are padded to an even length.
        at = body_end + (length & 1);
    }
    if size.is_none() {
        return Err(PhotoError::Damaged);
    }
    Ok(size)
}

/// Who added a photo: the reporter with the case's code and secret, or a member of staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PhotoSource {
    Reporter,
    Staff { username: String },
}

/// The row a community keeps for each photo of a case; the image is in object storage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoRecord {
    pub id: PhotoId,
    pub case_code: String,
    pub object_key: String,
    pub kind: PhotoType,
    pub bytes: u64,
    /// SHA-256 of the stored bytes, hex: a retry with the same photo id must send the same.
    pub sha256: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub added_by: PhotoSource,
    pub added_at: DateTime<Utc>,
}

/// What an upload is, for the rules below: who sends it, the hash of what would be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload<'a> {
    pub id: &'a PhotoId,
    pub source: &'a PhotoSource,
    pub sha256: &'a str,
}

/// What to do with an upload, given the case's photos so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadDecision {
    /// A new photo: store it.
    Store,
    /// A retry of a photo already stored: answer with it, store nothing.
    Existing(PhotoRecord),
}

/// Decides an upload against the case's photos: a retry (same id, same bytes) answers the
/// photo already kept; the same id with other bytes is refused; a new photo must fit the
/// bounds (four from the reporter, twelve in all).
pub fn decide_upload(
    existing: &[PhotoRecord],
    upload: &Upload<'_>,
) -> Result<UploadDecision, PhotoError> {
    if let Some(found) = existing.iter().find(|p| &p.id == upload.id) {
        return if found.sha256 == upload.sha256 {
            Ok(UploadDecision::Existing(found.clone()))
        } else {
            Err(PhotoError::IdReused)
        };
    }
    if existing.len() >= MAX_PHOTOS_PER_CASE {
        return Err(PhotoError::TooMany {
            max: MAX_PHOTOS_PER_CASE,
        });
    }
    let from_reporter = existing
        .iter()
        .filter(|p| p.added_by == PhotoSource::Reporter)
        .count();
    if *upload.source == PhotoSource::Reporter && from_reporter >= MAX_PHOTOS_PER_FILING {
        return Err(PhotoError::TooMany {
            max: MAX_PHOTOS_PER_FILING,
        });
    }
    Ok(UploadDecision::Store)
}

/// A photo as staff see it in a case's list (the image itself at `/api/staff/photos/{ref}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoView {
    /// `<case code>~<photo id>`.
    #[serde(rename = "ref")]
    pub photo_ref: String,
    pub id: PhotoId,
    #[serde(rename = "type")]
    pub kind: PhotoType,
    pub bytes: u64,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub added_by: PhotoSource,
    pub added_at: DateTime<Utc>,
}

impl PhotoView {
    pub fn of(record: &PhotoRecord) -> PhotoView {
        PhotoView {
            photo_ref: photo_ref(&record.case_code, &record.id),
            id: record.id.clone(),
            kind: record.kind,
            bytes: record.bytes,
            width: record.width,
            height: record.height,
            added_by: record.added_by.clone(),
            added_at: record.added_at,
        }
    }
}

/// A case's photos for staff, with whether the reader may add one now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePhotos {
    pub photos: Vec<PhotoView>,
    pub may_add: bool,
    pub max: usize,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A tiny JPEG header: SOI, an APP0, optionally an APP1 EXIF, a frame of `w`×`h`, a scan.
    pub(crate) fn jpeg(w: u16, h: u16, exif: bool) -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8];
        b.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x07, b'J', b'F', b'I', b'F', 0x00]);
        if exif {
            let payload = b"Exif\0\0GPS 38.9N 121.6E";
            let len = (payload.len() + 2) as u16;
            b.extend_from_slice(&[0xFF, 0xE1]);
            b.extend_from_slice(&len.to_be_bytes());
            b.extend_from_slice(payload);
        }
        b.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x0B, 0x08]);
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&[0x01, 0x01, 0x11, 0x00]);
        b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        b.extend_from_slice(&[0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9]);
        b
    }

    fn webp(chunks: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
        let mut body = b"WEBP".to_vec();
        for (tag, data) in chunks {
            body.extend_from_slice(*tag);
            body.extend_from_slice(&(data.len() as u32).to_le_bytes());
            body.extend_from_slice(data);
            if data.len() % 2 == 1 {
                body.push(0);
            }
        }
        let mut b = b"RIFF".to_vec();
        b.extend_from_slice(&(body.len() as u32).to_le_bytes());
        b.extend(body);
        b
    }

    fn vp8(w: u16, h: u16) -> Vec<u8> {
        let mut d = vec![0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A];
        d.extend_from_slice(&w.to_le_bytes());
        d.extend_from_slice(&h.to_le_bytes());
        d.extend_from_slice(&[0; 6]);
        d
    }

    #[test]
    fn the_type_is_read_from_the_bytes() {
        assert_eq!(
            PhotoType::sniff(&jpeg(10, 10, false)),
            Some(PhotoType::Jpeg)
        );
        assert_eq!(
            PhotoType::sniff(&webp(&[(b"VP8 ", vp8(4, 3))])),
            Some(PhotoType::Webp)
        );
        assert_eq!(PhotoType::sniff(b"\x89PNG\r\n\x1a\n...."), None);
        assert_eq!(PhotoType::sniff(b"GIF89a"), None);
        assert_eq!(PhotoType::sniff(b"RIFF\0\0\0\0WAVE"), None);
        assert_eq!(PhotoType::sniff(b"<svg>"), None);
    }

    #[test]
    fn a_png_or_text_is_refused_as_an_unsupported_type() {
        let err = check_upload(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert_eq!((err.status(), err.code()), (415, "unsupported_photo_type"));
        assert_eq!(err.field(), "photo");
    }

    #[test]
    fn an_oversized_upload_is_refused_with_413() {
        let mut big = jpeg(10, 10, false);
        big.resize(MAX_PHOTO_BYTES + 1, 0);
        let err = check_upload(&big).unwrap_err();
        assert_eq!((err.status(), err.code()), (413, "photo_too_large"));
        assert_eq!(check_upload(&[]).unwrap_err(), PhotoError::Empty);
    }

    #[test]
    fn exif_is_cut_out_of_a_jpeg_and_the_rest_kept() {
        let with = jpeg(1600, 1200, true);
        assert!(jpeg_has_metadata(&with));
        let checked = check_upload(&with).unwrap();
        assert!(!jpeg_has_metadata(&checked.bytes));
        assert_eq!(checked.bytes, jpeg(1600, 1200, false));
        assert_eq!((checked.width, checked.height), (Some(1600), Some(1200)));
        assert_eq!(checked.kind, PhotoType::Jpeg);
        // A clean one is kept byte for byte.
        assert_eq!(
            check_upload(&jpeg(8, 8, false)).unwrap().bytes,
            jpeg(8, 8, false)
        );
    }

    #[test]
    fn a_photo_larger_than_1600_pixels_is_refused() {
        let err = check_upload(&jpeg(1601, 900, false)).unwrap_err();
        assert_eq!(err.code(), "photo_too_many_pixels");
        assert!(check_upload(&jpeg(900, 1600, false)).is_ok());
        let err = check_upload(&webp(&[(b"VP8 ", vp8(2000, 10))])).unwrap_err();
        assert_eq!(err.code(), "photo_too_many_pixels");
    }

    #[test]
    fn a_cut_short_jpeg_is_damaged() {
        let whole = jpeg(10, 10, true);
        for cut in [3, 5, 12, 20] {
            assert_eq!(
                check_upload(&whole[..cut]).unwrap_err(),
                PhotoError::Damaged,
                "{cut}"
            );
        }
    }

    #[test]
    fn a_webp_gives_its_size_and_may_not_carry_exif() {
        let plain = webp(&[(b"VP8 ", vp8(640, 480))]);
        let checked = check_upload(&plain).unwrap();
        assert_eq!((checked.width, checked.height), (Some(640), Some(480)));
        assert_eq!(checked.bytes, plain);
        let lossless = webp(&[(b"VP8L", vec![0x2F, 0x7F, 0xC0, 0x77, 0x00])]);
        assert_eq!(check_upload(&lossless).unwrap().width, Some(128));
        let mut vp8x = vec![0u8; 10];
        vp8x[4..7].copy_from_slice(&[0x3F, 0x06, 0x00]);
        vp8x[7..10].copy_from_slice(&[0xAF, 0x04, 0x00]);
        let with_exif = webp(&[
            (b"VP8X", vp8x.clone()),
            (b"EXIF", b"II*\0gps".to_vec()),
            (b"VP8 ", vp8(1600, 1200)),
        ]);
        assert_eq!(
            check_upload(&with_exif).unwrap_err(),
            PhotoError::CarriesMetadata
        );
        let extended = webp(&[(b"VP8X", vp8x), (b"VP8 ", vp8(1600, 1200))]);
        assert_eq!(check_upload(&extended).unwrap().height, Some(1200));
        assert_eq!(
            check_upload(b"RIFF\x04\0\0\0WEBP").unwrap_err(),
            PhotoError::Damaged
        );
    }

    #[test]
    fn photo_ids_are_short_plain_tokens() {
        assert!(PhotoId::parse("3f2a9c1e-77aa-4b1c-9d0e-5a6b7c8d9e0f").is_ok());
        for bad in [
            "short",
            "has space in it",
            "../../etc/passwd",
            "a~bcdefghij",
            &"x".repeat(65),
        ] {
            assert_eq!(PhotoId::parse(bad).unwrap_err(), PhotoError::BadId, "{bad}");
        }
        let id = PhotoId::parse("abcdefgh").unwrap();
        assert_eq!(photo_ref("ZH01-2026-0001", &id), "ZH01-2026-0001~abcdefgh");
        assert_eq!(
            parse_photo_ref("ZH01-2026-0001~abcdefgh"),
            Some(("ZH01-2026-0001".into(), id.clone()))
        );
        assert_eq!(parse_photo_ref("ZH01-2026-0001"), None);
        assert_eq!(
            object_key("zh01", "ZH01-2026-0001", &id),
            "photos/zh01/ZH01-2026-0001/abcdefgh"
        );
        assert!(object_key("zh01", "ZH01-2026-0001", &id)
            .starts_with(&case_prefix("zh01", "ZH01-2026-0001")));
    }

    fn record(n: usize, source: PhotoSource) -> PhotoRecord {
        PhotoRecord {
            id: PhotoId::parse(&format!("photo-{n:04}")).unwrap(),
            case_code: "ZH01-2026-0001".into(),
            object_key: format!("photos/zh01/ZH01-2026-0001/photo-{n:04}"),
            kind: PhotoType::Jpeg,
            bytes: 1000,
            sha256: format!("hash{n}"),
            width: Some(100),
            height: Some(100),
            added_by: source,
            added_at: DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_retry_answers_the_photo_already_kept() {
        let kept = vec![record(1, PhotoSource::Reporter)];
        let upload = Upload {
            id: &kept[0].id,
            source: &PhotoSource::Reporter,
            sha256: "hash1",
        };
        assert_eq!(
            decide_upload(&kept, &upload),
            Ok(UploadDecision::Existing(kept[0].clone()))
        );
        let other_bytes = Upload {
            sha256: "other",
            ..upload
        };
        let err = decide_upload(&kept, &other_bytes).unwrap_err();
        assert_eq!((err.status(), err.field()), (409, "Idempotency-Key"));
    }

    #[test]
    fn a_reporter_attaches_four_and_a_case_holds_twelve() {
        let staff = PhotoSource::Staff {
            username: "grid-worker".into(),
        };
        let four: Vec<PhotoRecord> = (0..4).map(|n| record(n, PhotoSource::Reporter)).collect();
        let new_id = PhotoId::parse("photo-new1").unwrap();
        let from = |source: &'static PhotoSource| Upload {
            id: &new_id,
            source,
            sha256: "new",
        };
        static REPORTER: PhotoSource = PhotoSource::Reporter;
        assert_eq!(
            decide_upload(&four, &from(&REPORTER)),
            Err(PhotoError::TooMany { max: 4 })
        );
        assert_eq!(
            decide_upload(&four[..3], &from(&REPORTER)),
            Ok(UploadDecision::Store)
        );
        let staff_upload = Upload {
            id: &new_id,
            source: &staff,
            sha256: "new",
        };
        assert_eq!(
            decide_upload(&four, &staff_upload),
            Ok(UploadDecision::Store)
        );
        let twelve: Vec<PhotoRecord> = (0..12).map(|n| record(n, staff.clone())).collect();
        let err = decide_upload(&twelve, &staff_upload).unwrap_err();
        assert_eq!(
            (err, err_status(12)),
            (PhotoError::TooMany { max: 12 }, 422)
        );
    }

    fn err_status(max: usize) -> u16 {
        PhotoError::TooMany { max }.status()
    }
}
