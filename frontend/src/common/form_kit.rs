//! The forms' small kit: why a field was refused, the per-field error a staff or volunteer form
//! holds, and the words for a request that failed as a whole (every page's).

use crate::api::ApiError;
use crate::common::field::focus_later;
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{use_i18n, Lang, Msg};
use accord_shared::fields::FieldProblem;
use leptos::prelude::*;

/// Why a field was refused, in words drawn in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Required,
    Choose,
    Number,
    Date,
    /// The end of a span of days comes before its start.
    DateOrder,
    Lead,
    TooShort,
    TooLong,
    Control,
    Phone,
}

impl Problem {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Problem::Required => Msg::ProblemRequired.text(lang),
            Problem::Choose => Msg::ProblemChoose.text(lang),
            Problem::Number => StaffMsg::ProblemNumber.text(lang),
            Problem::Date => StaffMsg::ProblemDate.text(lang),
            Problem::DateOrder => StaffMsg::ProblemDateOrder.text(lang),
            Problem::Lead => StaffMsg::ProblemLead.text(lang),
            Problem::TooShort => StaffMsg::ProblemTooShortAny.text(lang),
            Problem::TooLong => StaffMsg::ProblemTooLongAny.text(lang),
            Problem::Control => Msg::ProblemControl.text(lang),
            Problem::Phone => Msg::ProblemPhone.text(lang),
        }
    }

    /// A problem the server named by its code.
    pub fn from_code(code: &str, field: &str) -> Problem {
        match FieldProblem::from_code(code) {
            Some(FieldProblem::Required) => Problem::Required,
            Some(FieldProblem::TooShort { .. }) => Problem::TooShort,
            Some(FieldProblem::TooLong { .. }) => Problem::TooLong,
            Some(FieldProblem::ControlCharacters) => Problem::Control,
            Some(FieldProblem::InvalidPhone) => Problem::Phone,
            _ if field == "date" || field == "conflict_since" => Problem::Date,
            _ if field == "handlers" => Problem::Lead,
            _ => Problem::Choose,
        }
    }
}

/// The one field a form currently blames, by element id, and what is wrong with it.
#[derive(Debug, Clone, Copy)]
pub struct FieldErrors(pub RwSignal<Option<(&'static str, Problem)>>);

impl FieldErrors {
    pub fn new() -> FieldErrors {
        FieldErrors(RwSignal::new(None))
    }

    /// Blames the field with element id `id`.
    pub fn set(self, id: &'static str, problem: Problem) {
        self.0.set(Some((id, problem)));
    }

    /// Blames the field `id` for the problem an API error `code` names on `field`.
    pub fn from_api(self, id: &'static str, code: &str, field: &str) {
        self.set(id, Problem::from_code(code, field));
    }

    pub fn clear(self) {
        self.0.set(None);
    }

    /// The error for the field with element id `id`, in the reader's language.
    pub fn of(self, id: &'static str) -> Signal<Option<String>> {
        let i18n = use_i18n();
        Signal::derive(move || {
            self.0
                .get()
                .filter(|(at, _)| *at == id)
                .map(|(_, p)| p.text(i18n.lang()).to_owned())
        })
    }
}

impl Default for FieldErrors {
    fn default() -> Self {
        FieldErrors::new()
    }
}

/// A request that failed as a whole, told apart the way the pages word it: each page matches
/// the kinds it has its own words for and leaves the rest to [`Failure::msg`] (resident and
/// party pages) or [`Failure::said`] (staff and volunteer screens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// No answer at all.
    Network,
    /// 401: not signed in, or a link or code the server does not know.
    Unauthorized,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 409: the thing changed state meanwhile.
    Conflict,
    /// 429.
    TooMany,
    /// Any other status, or an answer that could not be read.
    Other,
}

impl Failure {
    pub fn of(error: &ApiError) -> Failure {
        match error {
            ApiError::Network => Failure::Network,
            ApiError::Status { status, .. } => match status {
                401 => Failure::Unauthorized,
                403 => Failure::Forbidden,
                404 => Failure::NotFound,
                409 => Failure::Conflict,
                429 => Failure::TooMany,
                _ => Failure::Other,
            },
            ApiError::Decode => Failure::Other,
        }
    }

    /// The words for a failure a page has none of its own for, from the common table only.
    pub fn msg(self) -> Msg {
        match self {
            Failure::Network => Msg::NetworkError,
            Failure::TooMany => Msg::TooManyAttempts,
            _ => Msg::ServerError,
        }
    }

    /// As [`Failure::msg`], and a refusal said as such (staff and volunteer screens).
    pub fn said(self) -> Said {
        match self {
            Failure::Forbidden => StaffMsg::Forbidden.into(),
            other => other.msg().into(),
        }
    }
}

/// What a staff or volunteer form says when a request failed as a whole.
pub fn failure_said(failure: &ApiError) -> Said {
    Failure::of(failure).said()
}

/// What a filing form does with the answer to its request: the filed case goes to `on_filed`;
/// a 422 naming one of the form's fields (`field_id`) is shown beside that field, which gets
/// the focus; anything else is the form's error, focused at `error_id`. Staff intake and
/// volunteer intake both settle this way.
pub fn settle_filing<T>(
    result: Result<T, ApiError>,
    field_id: impl Fn(&str) -> Option<&'static str>,
    errors: FieldErrors,
    form_error: RwSignal<Option<Said>>,
    error_id: &'static str,
    on_filed: impl FnOnce(T),
) {
    match result {
        Ok(filed) => on_filed(filed),
        Err(ApiError::Status {
            status: 422,
            field: Some(field),
            code,
        }) if field_id(&field).is_some() => {
            let id = field_id(&field).unwrap_or_default();
            errors.from_api(id, &code, &field);
            focus_later(id.to_owned());
        }
        Err(failure) => {
            form_error.set(Some(failure_said(&failure)));
            focus_later(error_id.to_owned());
        }
    }
}
