//! A staff member changes their own password; the only screen shown while an administrator's
//! temporary password is still in use.

use crate::api::admin;
use crate::api::ApiError;
use crate::common::field::focus_later;
use crate::common::form_kit::failure_said;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::staff_fields::{InputKind, TextInput};
use crate::common::toast::use_toasts;
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{t, use_i18n, Msg};
use crate::router::use_router;
use crate::staff::sign_in::{use_login, LoginState};
use accord_shared::accounts::{PasswordChangeRequest, MIN_PASSWORD_CHARS};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The problem the server named for a password field.
fn password_problem(code: &str) -> Said {
    match code {
        "mismatch" => StaffMsg::ProblemCurrentMismatch.into(),
        "too_short" => StaffMsg::ProblemPasswordShort.into(),
        "required" => Msg::ProblemRequired.into(),
        "too_long" => StaffMsg::ProblemTooLongAny.into(),
        _ => StaffMsg::ProblemPasswordWeak.into(),
    }
}

#[component]
pub fn PasswordPage(
    /// The user may do nothing else until the password is changed.
    forced: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let router = use_router();
    let toasts = use_toasts();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let error = RwSignal::new(None::<(&'static str, Said)>);
    let form_error = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let error_of = move |id: &'static str| {
        Signal::derive(move || {
            error
                .get()
                .filter(|(at, _)| *at == id)
                .map(|(_, said)| said.text(i18n.lang()).to_owned())
        })
    };
    let changed = Callback::new(move |_| error.set(None));
    let fail = move |id: &'static str, said: Said| {
        error.set(Some((id, said)));
        focus_later(id.to_owned());
    };

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = PasswordChangeRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        if request.current_password.is_empty() {
            return fail("p-current", Msg::ProblemRequired.into());
        }
        if request.new_password.chars().count() < MIN_PASSWORD_CHARS {
            return fail("p-new", StaffMsg::ProblemPasswordShort.into());
        }
        if request.new_password != repeat.get_untracked() {
            return fail("p-repeat", StaffMsg::ProblemRepeat.into());
        }
        error.set(None);
        form_error.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = admin::change_password(&request).await;
            busy.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            match result {
                Ok(me) => {
                    toasts.show_text(Arc::new(|lang| {
                        StaffMsg::PasswordChanged.text(lang).to_owned()
                    }));
                    login.0.set(LoginState::SignedIn(me));
                    if router.path().trim_end_matches('/') == "/staff/password" {
                        router.navigate("/staff");
                    }
                }
                Err(ApiError::Status {
                    status: 422,
                    field: Some(field),
                    code,
                }) if field == "current_password" || field == "new_password" => {
                    let id = if field == "current_password" {
                        "p-current"
                    } else {
                        "p-new"
                    };
                    fail(id, password_problem(&code));
                }
                Err(failure) => {
                    form_error.set(Some(failure_said(&failure)));
                    focus_later("password-error".to_owned());
                }
            }
        });
    };

    let intro = if forced {
        StaffMsg::PasswordForcedIntro
    } else {
        StaffMsg::PasswordIntro
    };
    view! {
        <section class="narrow-form">
            <h1 tabindex="-1">{t(StaffMsg::PasswordTitle)}</h1>
            <p class=if forced { "notice warning-notice" } else { "lead" }>{t(intro)}</p>
            <form novalidate on:submit=on_submit>
                <TextInput id="p-current" label=StaffMsg::CurrentPassword value=current error=error_of("p-current") kind=InputKind::Password on_change=changed />
                <TextInput id="p-new" label=StaffMsg::NewPassword help=StaffMsg::NewPasswordHelp value=new error=error_of("p-new") kind=InputKind::NewPassword on_change=changed />
                <TextInput id="p-repeat" label=StaffMsg::RepeatPassword value=repeat error=error_of("p-repeat") kind=InputKind::NewPassword on_change=changed />
                <p class="notice error-notice" id="password-error" tabindex="-1" role="alert" hidden=move || form_error.with(Option::is_none)>
                    {move || form_error.get().map(|said| said.text(i18n.lang()))}
                </p>
                <div class="action-bar">
                    <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                        {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                        {t(StaffMsg::PasswordSubmit)}
                    </button>
                </div>
            </form>
        </section>
    }
}
