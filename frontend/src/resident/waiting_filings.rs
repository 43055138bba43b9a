//! Filings kept on this phone while there is no signal (`localStorage`, `accord.waiting`),
//! each with the `Idempotency-Key` it is sent with, so that sending it again (after a lost
//! answer, a reload, another day) never files twice. They are sent when the connection
//! returns (the `online` event), every few seconds while one waits and the phone says it is
//! online, and at the filing's next start (the home page opens the filing when one waits).
//! Once sent, the filing is removed from the phone; what stays is what any filing leaves: the
//! code and secret in this tab until the resident leaves their screen (`kept_filing`). What
//! may wait, for how long and what an answer means are `accord_shared::offline`'s rules.

use crate::api::{self, ApiError, Filed};
use crate::common::field::focus_later;
use crate::common::photo_uploads::send_all as send_all_photos;
use crate::resident::report_page::draft::Draft;
use crate::resident::report_page::wizard::{server_field_error, Step};
use accord_shared::geo::RawPoint;
use accord_shared::offline::{
    after_send, keep_filing, still_kept, AfterSend, WaitingFiling, KEEP_FILING_DAYS,
};
use accord_shared::wire::FileCaseRequest;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

const KEY: &str = "accord.waiting";
/// Between a waiting filing's values, as in the draft (the unit separator: nobody types it).
const VALUE: char = '\u{1f}';
/// Between two waiting filings (the file separator).
const FILING: char = '\u{1c}';
/// While a filing waits and the phone says it is online, it is tried again this often (an
/// answer lost on a weak signal does not wait for the next `online` event).
const RETRY_EVERY: Duration = Duration::from_secs(5);

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The kept form of the list: per filing its key, the moment it was kept (ms) and the
/// request's values as the draft keeps them (the shared point as its four parts). Plain text rather than JSON: the filing's
/// bundle then carries no decoder of the request or of dates. `None` when a value holds a
/// separator (pasted control characters), which would not read back as sent.
fn encode(waiting: &[WaitingFiling]) -> Option<String> {
    let mut filings = Vec::new();
    for filing in waiting {
        let request = &filing.request;
        let values = [
            filing.key.clone(),
            filing.kept_at.timestamp_millis().to_string(),
            request.kind.clone(),
            request.category.clone(),
            request.description.clone(),
            request.respondent_name.clone().unwrap_or_default(),
            request.conflict_since.clone().unwrap_or_default(),
            request.community.clone(),
            request.grid.clone(),
            request.address.clone(),
            request.name.clone(),
            request.phone.clone(),
            crate::common::answers_text::encode(&request.answers),
            point_part(&request.location, |p| p.lat_e6.map(|n| n.to_string())),
            point_part(&request.location, |p| p.lon_e6.map(|n| n.to_string())),
            point_part(&request.location, |p| p.lat.clone()),
            point_part(&request.location, |p| p.lon.clone()),
        ];
        if values
            .iter()
            .any(|v| v.contains(VALUE) || v.contains(FILING))
        {
            return None;
        }
        filings.push(values.join(&VALUE.to_string()));
    }
    Some(filings.join(&FILING.to_string()))
}

/// One part of the shared point as kept text (empty when not given).
fn point_part(point: &Option<RawPoint>, part: impl Fn(&RawPoint) -> Option<String>) -> String {
    point.as_ref().and_then(part).unwrap_or_default()
}

/// The filings kept (the request exactly as it was sent: blank optional values were never
/// sent, the wizard normalises them away).
fn decode(kept: &str) -> Vec<WaitingFiling> {
    kept.split(FILING)
        .filter_map(|filing| {
            let values: Vec<&str> = filing.split(VALUE).collect();
            let [key, kept_ms, kind, category, description, respondent, since, community, grid, address, name, phone, answers, lat_e6, lon_e6, lat, lon] =
                values[..]
            else {
                return None;
            };
            let optional = |value: &str| (!value.is_empty()).then(|| value.to_owned());
            let location = RawPoint {
                lat_e6: lat_e6.parse().ok(),
                lon_e6: lon_e6.parse().ok(),
                lat: optional(lat),
                lon: optional(lon),
            };
            let given = location.lat_e6.is_some()
                || location.lon_e6.is_some()
                || location.lat.is_some()
                || location.lon.is_some();
            Some(WaitingFiling {
                key: key.to_owned(),
                kept_at: chrono::DateTime::from_timestamp_millis(kept_ms.parse().ok()?)?,
                request: FileCaseRequest {
                    kind: kind.to_owned(),
                    category: category.to_owned(),
                    description: description.to_owned(),
                    respondent_name: optional(respondent),
                    conflict_since: optional(since),
                    community: community.to_owned(),
                    grid: grid.to_owned(),
                    address: address.to_owned(),
                    name: name.to_owned(),
                    phone: phone.to_owned(),
                    answers: crate::common::answers_text::decode(answers),
                    location: given.then_some(location),
                },
            })
        })
        .collect()
}

/// The filings waiting on this phone, without those kept past their days.
fn read() -> Vec<WaitingFiling> {
    let kept = local_storage()
        .and_then(|storage| storage.get_item(KEY).ok().flatten())
        .map(|kept| decode(&kept))
        .unwrap_or_default();
    let now = chrono::Utc::now();
    kept.into_iter()
        .filter(|filing| still_kept(filing.kept_at, KEEP_FILING_DAYS, now))
        .collect()
}

/// Writes the list; an empty list leaves nothing on the phone.
fn write(waiting: &[WaitingFiling]) -> bool {
    let Some(storage) = local_storage() else {
        return false;
    };
    if waiting.is_empty() {
        return storage.remove_item(KEY).is_ok();
    }
    encode(waiting).is_some_and(|kept| storage.set_item(KEY, &kept).is_ok())
}

fn online() -> bool {
    window().navigator().on_line()
}

/// The answer's status as the offline rules read it (`None`: no usable answer; a success
/// whose body could not be read is tried again, and the key answers the same case).
fn status_of(error: &ApiError) -> Option<u16> {
    match error {
        ApiError::Status { status, .. } => Some(*status),
        ApiError::Network | ApiError::Decode => None,
    }
}

/// The filings waiting on this phone, and the sending of them.
#[derive(Debug, Clone, Copy)]
pub struct WaitingFilings {
    pub list: RwSignal<Vec<WaitingFiling>>,
    pub sending: RwSignal<bool>,
    /// The last attempt found no connection.
    pub no_connection: RwSignal<bool>,
    draft: Draft,
}

impl WaitingFilings {
    /// Provided by the filing's app, after the draft: it sends what waits at once, when the
    /// connection returns, and every few seconds while something waits.
    pub fn provide(draft: Draft) -> WaitingFilings {
        let waiting = WaitingFilings {
            list: RwSignal::new(read()),
            sending: RwSignal::new(false),
            no_connection: RwSignal::new(false),
            draft,
        };
        provide_context(waiting);
        let back = window_event_listener(ev::online, move |_| waiting.send_all());
        on_cleanup(move || back.remove());
        if let Ok(retry) = set_interval_with_handle(
            move || {
                if online() && !waiting.list.with_untracked(Vec::is_empty) {
                    waiting.send_all();
                }
            },
            RETRY_EVERY,
        ) {
            on_cleanup(move || retry.clear());
        }
        waiting.send_all();
        waiting
    }

    /// Keeps a filing to send later (the same key once). False when the phone refuses to
    /// keep it: then it is not kept at all and the resident is told to try again.
    pub fn keep(self, key: &str, request: &FileCaseRequest) -> bool {
        let filing = WaitingFiling {
            key: key.to_owned(),
            request: request.clone(),
            kept_at: chrono::Utc::now(),
        };
        let Ok(list) = keep_filing(read(), filing) else {
            return false;
        };
        if !write(&list) {
            return false;
        }
        self.no_connection.set(!online());
        self.list.set(list);
        true
    }

    /// Removes a filing from the phone.
    pub fn discard(self, key: &str) {
        let mut list = read();
        list.retain(|filing| filing.key != key);
        write(&list);
        self.list.set(list);
    }

    /// Sends the waiting filings, oldest first, one at a time; stops at the first that
    /// cannot go now. The first one sent shows its code and secret.
    pub fn send_all(self) {
        if self.sending.get_untracked() || self.list.with_untracked(Vec::is_empty) {
            return;
        }
        self.sending.set(true);
        spawn_local(async move {
            for filing in read() {
                let result = api::file_case(&filing.key, &filing.request).await;
                let status = match &result {
                    Ok(_) => Some(200),
                    Err(error) => status_of(error),
                };
                match (after_send(status), result) {
                    (AfterSend::Done, Ok(filed)) => {
                        self.discard(&filing.key);
                        self.sending.set(false);
                        return show_filed(self.draft, filed).await;
                    }
                    (AfterSend::TryLater, _) | (AfterSend::Done, Err(_)) => {
                        self.no_connection.set(true);
                        break;
                    }
                    (AfterSend::GiveBack, Err(error)) => {
                        self.discard(&filing.key);
                        give_back(self.draft, filing.request, &error);
                    }
                    (AfterSend::GiveBack, Ok(_)) => {}
                }
            }
            self.sending.set(false);
        });
    }
}

pub fn use_waiting_filings() -> WaitingFilings {
    expect_context::<WaitingFilings>()
}

/// A filing sent: its code and secret are shown by the tracking bundle (fetched ahead while
/// the resident typed), kept in this tab until the resident saves them; then the photos the
/// draft holds (still in memory when the filing waited for a connection) go, each with its
/// bar; nothing typed stays. The case is filed whatever becomes of its photos: when one does
/// not go, the resident is told there, with the code kept.
pub async fn show_filed(draft: Draft, filed: Filed) {
    crate::resident::kept_filing::keep(&crate::resident::kept_filing::KeptFiling {
        filed: filed.clone(),
        saved: false,
    });
    let photos = draft.photos.get_untracked();
    if !photos.is_empty() {
        draft.sending_photos.set(true);
        let url = format!("/api/cases/{}/photos", filed.code);
        let secret = filed.secret.clone().unwrap_or_default();
        let all_sent = send_all_photos(&photos, &url, &secret).await;
        draft.sending_photos.set(false);
        if !all_sent {
            draft.photos_failed.set(true);
            focus_later("photos-failed".to_owned());
            return;
        }
    }
    draft.reset();
    let _ = window().location().assign("/track");
}

/// A filing the server refused for good goes back into the form, with the field to correct
/// (or the failure) shown, as if it had just been sent from there.
fn give_back(draft: Draft, request: FileCaseRequest, error: &ApiError) {
    draft.fill_from(&request);
    let field_error = match error {
        ApiError::Status {
            field: Some(field),
            code,
            ..
        } => server_field_error(field, code),
        _ => None,
    };
    match field_error {
        Some(error) => {
            let step = Step::of_field(error.field);
            draft.errors.set(vec![error]);
            draft.step.set(step);
        }
        None => {
            draft
                .submit_error
                .set(Some(crate::common::form_kit::Failure::of(error).msg()));
            draft.step.set(Step::Review);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_waiting_filing_reads_back_exactly_as_it_is_sent() {
        let mut answers = std::collections::BTreeMap::new();
        answers.insert("in_danger".to_owned(), "yes".to_owned());
        let filing =
            |key: &str, respondent: Option<&str>, location: Option<RawPoint>| WaitingFiling {
                key: key.to_owned(),
                kept_at: chrono::Utc.with_ymd_and_hms(2026, 12, 4, 1, 2, 3).unwrap(),
                request: FileCaseRequest {
                    kind: "dispute".into(),
                    category: "neighbours".into(),
                    description: "楼上每晚装修，\"噪音\"很大\n第二行".into(),
                    respondent_name: respondent.map(str::to_owned),
                    conflict_since: Some("2026-10".into()),
                    community: "zh01".into(),
                    grid: "zh01-g2".into(),
                    address: "中华路12号".into(),
                    name: "张三".into(),
                    phone: "138 1234 5678".into(),
                    answers: answers.clone(),
                    location,
                },
            };
        let list = vec![
            filing(
                "0123456789abcdef0123456789abcdef",
                Some(" 刘先生 "),
                Some(RawPoint {
                    lat_e6: Some(38_921_004),
                    lon_e6: Some(121_582_731),
                    lat: None,
                    lon: None,
                }),
            ),
            filing("fedcba9876543210fedcba9876543210", None, None),
            filing(
                "00112233445566778899aabbccddeeff",
                None,
                Some(RawPoint {
                    lat_e6: None,
                    lon_e6: None,
                    lat: Some("38.92".into()),
                    lon: Some("121.58".into()),
                }),
            ),
        ];
        assert_eq!(decode(&encode(&list).unwrap()), list);
        let mut pasted = list[1].clone();
        pasted.request.description.push('\u{1c}');
        assert_eq!(encode(&[pasted]), None, "not kept rather than kept wrong");
        assert_eq!(decode("nonsense"), Vec::new());
    }
}
