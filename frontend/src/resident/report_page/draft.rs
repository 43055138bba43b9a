//! The filing in progress: one signal per field, kept for the whole visit so that moving
//! between steps (or screens) never loses what was typed, and in this tab's `sessionStorage`
//! so that a reload (or the phone refreshing the tab) does not either. Removed once sent.

use super::wizard::{normalise, Step};
use crate::i18n::{problem_text, Lang, Msg};
use accord_shared::fields::FieldError;
use accord_shared::geo::RawPoint;
use accord_shared::wire::FileCaseRequest;
use leptos::prelude::*;

const STORAGE_KEY: &str = "accord.draft";
/// Between the kept values (the unit separator: nobody types it).
const SEPARATOR: char = '\u{1f}';

/// What the tab keeps of a draft: the eleven fields as typed (the answers as one), then the idempotency key of a send
/// that may have gone unanswered (a retry after a reload then files once), or nothing.
fn encode_saved(fields: &[String], key: Option<&str>) -> Option<String> {
    let empty = fields.iter().all(String::is_empty) && key.is_none();
    let mut values: Vec<&str> = fields.iter().map(String::as_str).collect();
    values.push(key.unwrap_or_default());
    (!empty).then(|| values.join(&SEPARATOR.to_string()))
}

/// The fields and key kept, when the value has them all.
fn decode_saved(saved: &str) -> Option<(Vec<String>, Option<String>)> {
    let mut values: Vec<String> = saved.split(SEPARATOR).map(str::to_owned).collect();
    if values.len() != 12 {
        return None;
    }
    let key = values.pop().filter(|key| !key.is_empty());
    Some((values, key))
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

#[derive(Debug, Clone, Copy)]
pub struct Draft {
    pub kind: RwSignal<String>,
    pub category: RwSignal<String>,
    pub description: RwSignal<String>,
    pub respondent_name: RwSignal<String>,
    /// `YYYY-MM` from the month picker, disputes only.
    pub conflict_since: RwSignal<String>,
    pub community: RwSignal<String>,
    pub grid: RwSignal<String>,
    pub address: RwSignal<String>,
    pub name: RwSignal<String>,
    pub phone: RwSignal<String>,
    /// The answers to the category's extra questions (see `answers_text`).
    pub answers: RwSignal<String>,
    /// The point the resident chose to share, as typed or found (degrees); kept in memory
    /// only, like the photos.
    pub lat: RwSignal<String>,
    pub lon: RwSignal<String>,
    /// Photos prepared on the phone, sent once the case is filed.
    pub photos: RwSignal<Vec<crate::common::photo_js::PreparedPhoto>>,
    /// The case is filed and its photos are on their way.
    pub sending_photos: RwSignal<bool>,
    /// Some photos could not be sent (the case is filed).
    pub photos_failed: RwSignal<bool>,
    pub step: RwSignal<Step>,
    pub errors: RwSignal<Vec<FieldError>>,
    /// The idempotency key and the request it was made for: reused while nothing changes.
    pub key: RwSignal<Option<(String, FileCaseRequest)>>,
    /// A filing is on its way: the send button is disabled.
    pub submitting: RwSignal<bool>,
    /// Why the last send failed, when no single field is to blame.
    pub submit_error: RwSignal<Option<Msg>>,
}

impl Draft {
    pub fn provide() -> Draft {
        let draft = Draft {
            kind: RwSignal::new(String::new()),
            category: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            respondent_name: RwSignal::new(String::new()),
            conflict_since: RwSignal::new(String::new()),
            community: RwSignal::new(String::new()),
            grid: RwSignal::new(String::new()),
            address: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            answers: RwSignal::new(String::new()),
            lat: RwSignal::new(String::new()),
            lon: RwSignal::new(String::new()),
            photos: RwSignal::new(Vec::new()),
            sending_photos: RwSignal::new(false),
            photos_failed: RwSignal::new(false),
            step: RwSignal::new(Step::Kind),
            errors: RwSignal::new(Vec::new()),
            key: RwSignal::new(None),
            submitting: RwSignal::new(false),
            submit_error: RwSignal::new(None),
        };
        draft.restore();
        // Every change is kept for this tab; an empty draft keeps nothing.
        Effect::new(move |_| {
            let fields = draft.fields().map(|field| field.get());
            let key = draft
                .key
                .with(|key| key.as_ref().map(|(key, _)| key.clone()));
            if let Some(storage) = session_storage() {
                match encode_saved(&fields, key.as_deref()) {
                    Some(saved) => {
                        let _ = storage.set_item(STORAGE_KEY, &saved);
                    }
                    None => {
                        let _ = storage.remove_item(STORAGE_KEY);
                    }
                }
            }
        });
        provide_context(draft);
        draft
    }

    fn fields(self) -> [RwSignal<String>; 11] {
        [
            self.kind,
            self.category,
            self.description,
            self.respondent_name,
            self.conflict_since,
            self.community,
            self.grid,
            self.address,
            self.name,
            self.phone,
            self.answers,
        ]
    }

    /// Takes back what this tab kept of the draft before a reload.
    fn restore(self) {
        let saved = session_storage()
            .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|saved| decode_saved(&saved));
        let Some((fields, key)) = saved else {
            return;
        };
        for (signal, value) in self.fields().into_iter().zip(fields) {
            signal.set(value);
        }
        if let Some(key) = key {
            self.key.set(Some((key, self.request())));
        }
    }

    /// The request as it stands (not tracked).
    pub fn request(self) -> FileCaseRequest {
        normalise(FileCaseRequest {
            kind: self.kind.get_untracked(),
            category: self.category.get_untracked(),
            description: self.description.get_untracked(),
            respondent_name: Some(self.respondent_name.get_untracked()),
            community: self.community.get_untracked(),
            grid: self.grid.get_untracked(),
            address: self.address.get_untracked(),
            name: self.name.get_untracked(),
            phone: self.phone.get_untracked(),
            conflict_since: Some(self.conflict_since.get_untracked()),
            answers: crate::common::answers_text::decode(&self.answers.get_untracked()),
            location: {
                let (lat, lon) = (self.lat.get_untracked(), self.lon.get_untracked());
                (!lat.trim().is_empty() || !lon.trim().is_empty()).then(|| RawPoint {
                    lat: Some(lat.trim().to_owned()),
                    lon: Some(lon.trim().to_owned()),
                    ..RawPoint::default()
                })
            },
        })
    }

    /// Puts a request back into the fields (a filing kept on the phone that the server
    /// refused: the resident corrects it there).
    pub fn fill_from(self, request: &FileCaseRequest) {
        let values = [
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
        ];
        for (signal, value) in self.fields().into_iter().zip(values) {
            signal.set(value);
        }
        self.key.set(None);
    }

    /// The idempotency key for the request as it stands: the same one while it is unchanged.
    pub fn idempotency_key(self) -> String {
        let request = self.request();
        if let Some((key, made_for)) = self.key.get_untracked() {
            if made_for == request {
                return key;
            }
        }
        let key = crate::api::new_idempotency_key();
        self.key.set(Some((key.clone(), request)));
        key
    }

    /// The error beside a field, in words (tracked).
    pub fn error_text(self, field: &str, lang: Lang) -> Option<String> {
        self.errors.with(|errors| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| problem_text(e.field, &e.problem, lang))
        })
    }

    /// Forgets a field's error once the resident changes it.
    pub fn clear_error(self, field: &str) {
        if self
            .errors
            .with_untracked(|e| e.iter().any(|e| e.field == field))
        {
            self.errors.update(|e| e.retain(|e| e.field != field));
        }
    }

    /// Starts afresh after a successful filing: nothing typed stays in the tab.
    pub fn reset(self) {
        if let Some(storage) = session_storage() {
            let _ = storage.remove_item(STORAGE_KEY);
        }
        for signal in self.fields() {
            signal.set(String::new());
        }
        self.photos_failed.set(false);
        self.lat.set(String::new());
        self.lon.set(String::new());
        self.photos.update(|photos| {
            photos
                .drain(..)
                .for_each(|p| crate::common::photo_js::discard(&p))
        });
        self.step.set(Step::Kind);
        self.errors.set(Vec::new());
        self.key.set(None);
        self.submit_error.set(None);
    }
}

pub fn use_draft() -> Draft {
    expect_context::<Draft>()
}

#[cfg(test)]
mod tests {
    use super::{decode_saved, encode_saved};

    #[test]
    fn a_kept_draft_reads_back_and_an_empty_one_keeps_nothing() {
        let mut fields = vec![String::new(); 11];
        assert_eq!(encode_saved(&fields, None), None);
        fields[2] = "漏水, \"quoted\"\nsecond line".into();
        let saved = encode_saved(&fields, Some("key-1")).unwrap();
        assert_eq!(
            decode_saved(&saved),
            Some((fields.clone(), Some("key-1".into())))
        );
        let saved = encode_saved(&fields, None).unwrap();
        assert_eq!(decode_saved(&saved), Some((fields, None)));
        assert_eq!(decode_saved("too\u{1f}few"), None);
    }
}
