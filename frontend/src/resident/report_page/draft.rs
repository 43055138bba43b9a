//! The filing in progress: one signal per field, kept for the whole visit so that moving
//! between steps (or screens) never loses what was typed.

use super::wizard::{normalise, Step};
use crate::i18n::{problem_text, Lang, Msg};
use accord_shared::fields::FieldError;
use accord_shared::wire::{FileCaseRequest, FiledCase};
use leptos::prelude::*;

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
    pub step: RwSignal<Step>,
    pub errors: RwSignal<Vec<FieldError>>,
    /// The idempotency key and the request it was made for: reused while nothing changes.
    pub key: RwSignal<Option<(String, FileCaseRequest)>>,
    pub filed: RwSignal<Option<FiledCase>>,
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
            step: RwSignal::new(Step::Kind),
            errors: RwSignal::new(Vec::new()),
            key: RwSignal::new(None),
            filed: RwSignal::new(None),
            submitting: RwSignal::new(false),
            submit_error: RwSignal::new(None),
        };
        provide_context(draft);
        draft
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
        })
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

    /// Starts afresh after a successful filing.
    pub fn reset(self) {
        for signal in [
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
        ] {
            signal.set(String::new());
        }
        self.step.set(Step::Kind);
        self.errors.set(Vec::new());
        self.key.set(None);
        self.submit_error.set(None);
    }
}

pub fn use_draft() -> Draft {
    expect_context::<Draft>()
}
