//! Accounts: who may sign in, with which role and for which communities; new accounts with a
//! temporary password, changes, disabling and password resets (both end the user's sessions).

use super::scope_fields::{RoleScopeFields, ScopeDraft};
use crate::api::admin;
use crate::api::ApiError;
use crate::common::directory_state::{community_name, use_directory};
use crate::common::field::focus_later;
use crate::common::i18n::{role_msg, t, use_i18n, Msg};
use crate::common::staff_fields::TextInput;
use crate::common::toast::use_toasts;
use crate::staff::sign_in::use_session;
use crate::staff::staff_i18n::{ts, Said, StaffMsg};
use accord_shared::accounts::{
    NewUserRequest, PasswordResetRequest, UserSummary, UserUpdateRequest,
};
use accord_shared::staff::Scope;
use accord_shared::wire::Me;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

type FieldProblem = Option<(&'static str, Said)>;

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
fn failure_problem(
    failure: ApiError,
    ids: &[(&str, &'static str)],
) -> Result<(&'static str, Said), Said> {
    match failure {
        ApiError::Status {
            status: 422,
            field: Some(field),
            code,
        } => match ids.iter().find(|(name, _)| *name == field) {
            Some((_, id)) => Ok((id, account_problem(&field, &code))),
            None => Err(Msg::ServerError.into()),
        },
        ApiError::Status { status: 403, .. } => Err(StaffMsg::Forbidden.into()),
        ApiError::Network => Err(Msg::NetworkError.into()),
        _ => Err(Msg::ServerError.into()),
    }
}

/// The whole street, or at least one community.
fn scope_chosen(scope: Option<&Scope>) -> bool {
    match scope {
        Some(Scope::Street) => true,
        Some(Scope::Communities(ids)) => !ids.is_empty(),
        None => false,
    }
}

fn toast(msg: StaffMsg) -> crate::common::toast::ToastText {
    Arc::new(move |lang| msg.text(lang).to_owned())
}

#[component]
pub fn UsersPage(me: Me) -> impl IntoView {
    let session = use_session();
    let users = RwSignal::new(None::<Result<Vec<UserSummary>, ApiError>>);
    let creating = RwSignal::new(false);
    let editing = RwSignal::new(None::<String>);
    let load = move || {
        spawn_local(async move {
            let result = admin::users().await;
            if matches!(&result, Err(e) if e.is_unauthorized()) {
                session.ended();
                return;
            }
            users.set(Some(result));
        });
    };
    load();
    // A changed account replaces its row in place.
    let replace = Callback::new(move |updated: UserSummary| {
        users.update(|list| {
            if let Some(Ok(list)) = list {
                match list.iter_mut().find(|u| u.username == updated.username) {
                    Some(row) => *row = updated,
                    None => list.push(updated),
                }
            }
        });
    });
    let myself = me.username.clone();
    let list = move || {
        match users.get() {
        None => view! {
            <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p>
        }
        .into_any(),
        Some(Err(_)) => view! {
            <p class="notice error-notice" role="alert">{t(Msg::LoadFailed)}</p>
            <button type="button" class="button secondary" on:click=move |_| { users.set(None); load(); }>{t(Msg::Retry)}</button>
        }
        .into_any(),
        Some(Ok(list)) => view! {
            {(list.len() <= 1).then(|| view! { <p class="empty-state">{ts(StaffMsg::UsersEmpty)}</p> })}
            <ul class="user-list">
                {list
                    .into_iter()
                    .map(|user| {
                        let me = user.username == myself;
                        view! { <li><UserCard user=user editing=editing replace=replace myself=me /></li> }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    }
    };
    view! {
        <div class="page-head">
            <h1 tabindex="-1">{ts(StaffMsg::UsersTitle)}</h1>
            <button
                type="button"
                class="button secondary"
                aria-expanded=move || creating.get().to_string()
                aria-controls="new-user"
                on:click=move |_| {
                    creating.update(|open| *open = !*open);
                    if creating.get_untracked() {
                        focus_later("u-username".to_owned());
                    }
                }
            >
                {ts(StaffMsg::NewUserTitle)}
            </button>
        </div>
        <Show when=move || creating.get()>
            <NewUserForm created=Callback::new(move |user: UserSummary| {
                replace.run(user);
                creating.set(false);
            }) />
        </Show>
        <div aria-live="polite">{list}</div>
    }
}

#[component]
fn NewUserForm(created: Callback<UserSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
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
            match result {
                Ok(user) => {
                    toasts.show_text(toast(StaffMsg::UserCreated));
                    created.run(user);
                }
                Err(failure) if failure.is_unauthorized() => session.ended(),
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
            <h2 id="new-user-title">{ts(StaffMsg::NewUserTitle)}</h2>
            <form novalidate on:submit=on_submit>
                <TextInput id="u-username" label=Msg::Username help=StaffMsg::UsernameHelp value=username error=error_of("u-username") on_change=changed />
                <TextInput id="u-display" label=StaffMsg::DisplayName value=display_name error=error_of("u-display") on_change=changed />
                <RoleScopeFields role_id="u-role" scope_id="u-scope" draft=scope role_error=error_of("u-role") scope_error=error_of("u-scope") on_change=changed />
                <TextInput id="u-temp" label=StaffMsg::TempPassword help=StaffMsg::TempPasswordHelp value=temporary error=error_of("u-temp") on_change=changed />
                <p class="notice error-notice" id="new-user-error" tabindex="-1" role="alert" hidden=move || form_error.with(Option::is_none)>
                    {move || form_error.get().map(|said| said.text(i18n.lang()))}
                </p>
                <div class="form-buttons">
                    <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                        {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                        {ts(StaffMsg::CreateUser)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// One account: its facts, and (when opened) the forms to change it.
#[component]
fn UserCard(
    user: UserSummary,
    editing: RwSignal<Option<String>>,
    replace: Callback<UserSummary>,
    myself: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let role = user.role;
    let scope = user.scope.clone();
    let scope_text = move || {
        let lang = i18n.lang();
        match &scope {
            Scope::Street => StaffMsg::ScopeStreet.text(lang).to_owned(),
            Scope::Communities(ids) => match directory.0.get() {
                Some(Ok(dir)) => ids
                    .iter()
                    .map(|id| community_name(&dir, id, lang))
                    .collect::<Vec<_>>()
                    .join(if lang == crate::common::i18n::Lang::Zh {
                        "、"
                    } else {
                        ", "
                    }),
                _ => ids.join(", "),
            },
        }
    };
    let name = user.username.clone();
    let open_name = user.username.clone();
    let open = Memo::new(move |_| editing.get().as_deref() == Some(open_name.as_str()));
    let label_name = user.display_name.clone();
    let status = if user.disabled {
        view! { <span class="chip chip-closed">{ts(StaffMsg::StatusDisabled)}</span> }.into_any()
    } else {
        view! { <span class="chip chip-resolved">{ts(StaffMsg::StatusActive)}</span> }.into_any()
    };
    let must_change = user
        .must_change_password
        .then(|| view! { <span class="chip chip-reported">{ts(StaffMsg::MustChangeMark)}</span> });
    let panel_user = user.clone();
    view! {
        <article class="case-card user-card" aria-label=user.display_name.clone()>
            <h2 class="user-name">
                {user.display_name.clone()}
                {myself.then(|| view! { <span class="muted">" "{ts(StaffMsg::YouMark)}</span> })}
            </h2>
            <dl class="facts">
                <dt>{t(Msg::Username)}</dt>
                <dd class="mono">{user.username.clone()}</dd>
                <dt>{ts(StaffMsg::RoleLabel)}</dt>
                <dd>{move || role_msg(role).text(i18n.lang())}</dd>
                <dt>{ts(StaffMsg::ScopeLegend)}</dt>
                <dd>{scope_text}</dd>
                <dt>{t(Msg::StatusLabel)}</dt>
                <dd class="chips">{status}{must_change}</dd>
            </dl>
            <button
                type="button"
                class="button secondary"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| {
                    if open.get_untracked() {
                        editing.set(None);
                    } else {
                        editing.set(Some(name.clone()));
                    }
                }
            >
                {move || StaffMsg::EditUser.with_x(i18n.lang(), &label_name)}
            </button>
            <Show when=move || open.get()>
                <UserEditor user=panel_user.clone() replace=replace myself=myself />
            </Show>
        </article>
    }
}

#[component]
fn UserEditor(user: UserSummary, replace: Callback<UserSummary>, myself: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
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
                match result {
                    Ok(updated) => {
                        toasts.show_text(toast(done));
                        temporary.set(String::new());
                        replace.run(updated);
                    }
                    Err(failure) if failure.is_unauthorized() => session.ended(),
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
                    {ts(if disabled { StaffMsg::UserDisabledToast } else { StaffMsg::DisableWarning })}
                </p>
                <button type="button" class="button secondary danger" disabled=move || busy.get().is_some() on:click=toggle_disabled>
                    {spinner("disable")}
                    {ts(if disabled { StaffMsg::EnableUser } else { StaffMsg::DisableUser })}
                </button>
            </section>
            <form class="user-reset" novalidate on:submit=on_reset>
                <h3>{ts(StaffMsg::ResetPassword)}</h3>
                <p class="notice warning-notice">{ts(StaffMsg::ResetWarning)}</p>
                <TextInput id="e-temp" label=StaffMsg::TempPassword help=StaffMsg::TempPasswordHelp value=temporary error=error_of("e-temp") on_change=changed />
                <button type="submit" class="button secondary" disabled=move || busy.get().is_some()>
                    {spinner("reset")}
                    {ts(StaffMsg::ResetPassword)}
                </button>
            </form>
        }
    });
    view! {
        <div class="user-editor">
            <form novalidate on:submit=on_save>
                <TextInput id="e-display" label=StaffMsg::DisplayName value=display_name error=error_of("e-display") on_change=changed />
                <RoleScopeFields role_id="e-role" scope_id="e-scope" draft=scope role_error=error_of("e-role") scope_error=error_of("e-scope") on_change=changed />
                <p class="notice error-notice" id="edit-user-error" tabindex="-1" role="alert" hidden=move || form_error.with(Option::is_none)>
                    {move || form_error.get().map(|said| said.text(i18n.lang()))}
                </p>
                <button type="submit" class="button primary" disabled=move || busy.get().is_some()>
                    {spinner("save")}
                    {ts(StaffMsg::SaveChanges)}
                </button>
            </form>
            {access}
        </div>
    }
}
