//! The form that creates a staff account with a temporary password.

use super::super::scope_fields::{RoleScopeFields, ScopeDraft};
use super::user_form_parts::{failure_problem, scope_chosen, toast, FieldProblem};
use crate::api::admin;
use crate::common::field::focus_later;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::staff_fields::TextInput;
use crate::common::toast::use_toasts;
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{t, use_i18n, Msg};
use crate::staff::sign_in::use_login;
use accord_shared::accounts::{NewUserRequest, UserSummary};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn NewUserForm(created: Callback<UserSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let toasts = use_toasts();
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let temporary = RwSignal::new(String::new());
    let scope = ScopeDraft::new();
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
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = NewUserRequest {
            username: username.get_untracked().trim().to_owned(),
            display_name: display_name.get_untracked().trim().to_owned(),
            role: scope.role(),
            scope: scope.scope(),
            temporary_password: temporary.get_untracked(),
        };
        let missing: FieldProblem = if request.username.is_empty() {
            Some(("u-username", Msg::ProblemRequired.into()))
        } else if request.display_name.is_empty() {
            Some(("u-display", Msg::ProblemRequired.into()))
        } else if request.role.is_none() {
            Some(("u-role", Msg::ProblemChoose.into()))
        } else if !scope_chosen(request.scope.as_ref()) {
            Some(("u-scope", StaffMsg::ProblemScope.into()))
        } else {
            None
        };
        if let Some((id, said)) = missing {
            error.set(Some((id, said)));
            focus_later(id.to_owned());
            return;
        }
        error.set(None);
        form_error.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = admin::create_user(&request).await;
            busy.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            match result {
                Ok(user) => {
                    toasts.show_text(toast(StaffMsg::UserCreated));
                    created.run(user);
                }
                Err(failure) => {
                    let ids = [
                        ("username", "u-username"),
                        ("display_name", "u-display"),
                        ("role", "u-role"),
                        ("scope", "u-scope"),
                        ("temporary_password", "u-temp"),
                    ];
                    match failure_problem(failure, &ids) {
                        Ok((id, said)) => {
                            error.set(Some((id, said)));
                            focus_later(id.to_owned());
                        }
                        Err(said) => {
                            form_error.set(Some(said));
                            focus_later("new-user-error".to_owned());
                        }
                    }
                }
            }
        });
    };
    view! {
        <section class="case-card" id="new-user" aria-labelledby="new-user-title">
            <h2 id="new-user-title">{t(StaffMsg::NewUserTitle)}</h2>
            <form novalidate on:submit=on_submit>
                <TextInput id="u-username" label=Msg::Username help=StaffMsg::UsernameHelp value=username error=error_of("u-username") on_change=changed />
                <TextInput id="u-display" label=StaffMsg::DisplayName value=display_name error=error_of("u-display") on_change=changed />
                <RoleScopeFields role_id="u-role" scope_id="u-scope" street_id="u-street" draft=scope role_error=error_of("u-role") scope_error=error_of("u-scope") on_change=changed />
                <TextInput id="u-temp" label=StaffMsg::TempPassword help=StaffMsg::TempPasswordHelp value=temporary error=error_of("u-temp") on_change=changed />
                <p class="notice error-notice" id="new-user-error" tabindex="-1" role="alert" hidden=move || form_error.with(Option::is_none)>
                    {move || form_error.get().map(|said| said.text(i18n.lang()))}
                </p>
                <div class="form-buttons">
                    <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                        {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                        {t(StaffMsg::CreateUser)}
                    </button>
                </div>
            </form>
        </section>
    }
}
