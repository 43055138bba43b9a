//! Changing one account: its details saved together, and a password reset.

use super::super::scope_fields::{RoleScopeFields, ScopeDraft};
use super::user_form_parts::{failure_problem, toast};
use crate::api::admin;
use crate::common::field::focus_later;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::staff_fields::TextInput;
use crate::common::toast::use_toasts;
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{t, use_i18n, Msg};
use crate::staff::sign_in::use_login;
use accord_shared::accounts::{PasswordResetRequest, UserSummary, UserUpdateRequest};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn UserEditor(
    user: UserSummary,
    replace: Callback<UserSummary>,
    myself: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let toasts = use_toasts();
    let display_name = RwSignal::new(user.display_name.clone());
    let scope = ScopeDraft::new();
    scope.fill(user.role, &user.scope);
    let temporary = RwSignal::new(String::new());
    let error = RwSignal::new(None::<(&'static str, Said)>);
    let form_error = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(None::<&'static str>);
    let error_of = move |id: &'static str| {
        Signal::derive(move || {
            error
                .get()
                .filter(|(at, _)| *at == id)
                .map(|(_, said)| said.text(i18n.lang()).to_owned())
        })
    };
    let changed = Callback::new(move |_| error.set(None));
    let username = StoredValue::new(user.username.clone());
    let disabled = user.disabled;

    // Runs one change; `which` names the button that shows the spinner.
    let run =
        move |which: &'static str, request: Option<UserUpdateRequest>, reset: Option<String>| {
            if busy.get_untracked().is_some() {
                return;
            }
            error.set(None);
            form_error.set(None);
            busy.set(Some(which));
            let name = username.get_value();
            spawn_local(async move {
                let (result, done) = match (request, reset) {
                    (Some(request), _) => {
                        let done = match request.disabled {
                            Some(true) => StaffMsg::UserDisabledToast,
                            Some(false) => StaffMsg::UserEnabledToast,
                            None => StaffMsg::UserSaved,
                        };
                        (admin::update_user(&name, &request).await, done)
                    }
                    (None, Some(temporary_password)) => (
                        admin::reset_password(&name, &PasswordResetRequest { temporary_password })
                            .await,
                        StaffMsg::PasswordResetToast,
                    ),
                    (None, None) => return,
                };
                busy.set(None);
                let Some(result) = login.unless_ended(result) else {
                    return;
                };
                match result {
                    Ok(updated) => {
                        toasts.show_text(toast(done));
                        temporary.set(String::new());
                        replace.run(updated);
                    }
                    Err(failure) => {
                        let ids = [
                            ("display_name", "e-display"),
                            ("role", "e-role"),
                            ("scope", "e-scope"),
                            ("temporary_password", "e-temp"),
                        ];
                        match failure_problem(failure, &ids) {
                            Ok((id, said)) => {
                                error.set(Some((id, said)));
                                focus_later(id.to_owned());
                            }
                            Err(said) => {
                                form_error.set(Some(said));
                                focus_later("edit-user-error".to_owned());
                            }
                        }
                    }
                }
            });
        };
    let on_save = move |event: SubmitEvent| {
        event.prevent_default();
        let request = UserUpdateRequest {
            display_name: Some(display_name.get_untracked().trim().to_owned()),
            role: scope.role(),
            scope: scope.scope(),
            disabled: None,
        };
        run("save", Some(request), None);
    };
    let on_reset = move |event: SubmitEvent| {
        event.prevent_default();
        let password = temporary.get_untracked();
        if password.is_empty() {
            error.set(Some(("e-temp", Msg::ProblemRequired.into())));
            focus_later("e-temp".to_owned());
            return;
        }
        run("reset", None, Some(password));
    };
    let toggle_disabled = move |_| {
        let request = UserUpdateRequest {
            disabled: Some(!disabled),
            ..Default::default()
        };
        run("disable", Some(request), None);
    };
    let spinner = move |which: &'static str| {
        move || {
            (busy.get() == Some(which))
                .then(|| view! { <span class="spinner" aria-hidden="true"></span> })
        }
    };
    let access = (!myself).then(|| {
        view! {
            <section class="user-access" aria-label=move || StaffMsg::DisableUser.text(i18n.lang())>
                <p class="notice warning-notice">
                    {t(if disabled { StaffMsg::UserDisabledToast } else { StaffMsg::DisableWarning })}
                </p>
                <button type="button" class="button secondary danger" disabled=move || busy.get().is_some() on:click=toggle_disabled>
                    {spinner("disable")}
                    {t(if disabled { StaffMsg::EnableUser } else { StaffMsg::DisableUser })}
                </button>
            </section>
            <form class="user-reset" novalidate on:submit=on_reset>
                <h3>{t(StaffMsg::ResetPassword)}</h3>
                <p class="notice warning-notice">{t(StaffMsg::ResetWarning)}</p>
                <TextInput id="e-temp" label=StaffMsg::TempPassword help=StaffMsg::TempPasswordHelp value=temporary error=error_of("e-temp") on_change=changed />
                <button type="submit" class="button secondary" disabled=move || busy.get().is_some()>
                    {spinner("reset")}
                    {t(StaffMsg::ResetPassword)}
                </button>
            </form>
        }
    });
    view! {
        <div class="user-editor">
            <form novalidate on:submit=on_save>
                <TextInput id="e-display" label=StaffMsg::DisplayName value=display_name error=error_of("e-display") on_change=changed />
                <RoleScopeFields role_id="e-role" scope_id="e-scope" street_id="e-street" draft=scope role_error=error_of("e-role") scope_error=error_of("e-scope") on_change=changed />
                <p class="notice error-notice" id="edit-user-error" tabindex="-1" role="alert" hidden=move || form_error.with(Option::is_none)>
                    {move || form_error.get().map(|said| said.text(i18n.lang()))}
                </p>
                <button type="submit" class="button primary" disabled=move || busy.get().is_some()>
                    {spinner("save")}
                    {t(StaffMsg::SaveChanges)}
                </button>
            </form>
            {access}
        </div>
    }
}
