//! What the account forms share: the words for a problem the server named on a field, whether
//! a scope was chosen, and the toast said after a change.

use crate::api::ApiError;
use crate::common::form_kit::failure_said;
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::Msg;
use accord_shared::staff::Scope;
use std::sync::Arc;

pub(super) type FieldProblem = Option<(&'static str, Said)>;

/// The words for a problem the server named on an account field.
fn account_problem(field: &str, code: &str) -> Said {
    match (field, code) {
        (_, "taken") => Msg::ProblemTaken.into(),
        ("username", _) if code != "required" => StaffMsg::ProblemUsername.into(),
        ("scope", _) => StaffMsg::ProblemScope.into(),
        ("role", _) => Msg::ProblemChoose.into(),
        ("temporary_password", "too_short") => StaffMsg::ProblemPasswordShort.into(),
        ("temporary_password", "required") => Msg::ProblemRequired.into(),
        ("temporary_password", _) => StaffMsg::ProblemPasswordWeak.into(),
        (_, "required") => Msg::ProblemRequired.into(),
        (_, "too_short") => StaffMsg::ProblemTooShortAny.into(),
        (_, "too_long") => StaffMsg::ProblemTooLongAny.into(),
        (_, "control_characters") => Msg::ProblemControl.into(),
        _ => Msg::ProblemChoose.into(),
    }
}

/// A request's failure as a field problem (`prefix-field`) or a message for the whole form.
pub(super) fn failure_problem(
    failure: ApiError,
    ids: &[(&str, &'static str)],
) -> Result<(&'static str, Said), Said> {
    match &failure {
        ApiError::Status {
            status: 422,
            field: Some(field),
            code,
        } => match ids.iter().find(|(name, _)| name == field) {
            Some((_, id)) => Ok((id, account_problem(field, code))),
            None => Err(Msg::ServerError.into()),
        },
        _ => Err(failure_said(&failure)),
    }
}

/// The whole district, a street picked, or at least one community.
pub(super) fn scope_chosen(scope: Option<&Scope>) -> bool {
    match scope {
        Some(Scope::District) => true,
        Some(Scope::Street { street }) => !street.is_empty(),
        Some(Scope::Communities { communities }) => !communities.is_empty(),
        None => false,
    }
}

pub(super) fn toast(msg: StaffMsg) -> crate::common::toast::ToastText {
    Arc::new(move |lang| msg.text(lang).to_owned())
}
