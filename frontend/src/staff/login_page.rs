//! Staff sign-in with username and password (the session cookie is set by the server).

use crate::api;
use crate::common::field::{described_by, focus_later, Field};
use crate::common::form_kit::Failure;
use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, use_i18n, Msg};
use crate::staff::sign_in::{use_login, LoginState};
use accord_shared::wire::LoginRequest;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn LoginPage(ended: bool) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(ended.then_some(Msg::SessionEnded));
    let busy = RwSignal::new(false);
    // An empty field is asked for beside it; the error goes as soon as something is typed.
    let username_missing = RwSignal::new(false);
    let password_missing = RwSignal::new(false);
    let missing_text = move |missing: RwSignal<bool>| {
        Signal::derive(move || {
            missing
                .get()
                .then(|| Msg::ProblemRequired.text(i18n.lang()).to_owned())
        })
    };
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = LoginRequest {
            username: username.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        if request.username.is_empty() || request.password.is_empty() {
            username_missing.set(request.username.is_empty());
            password_missing.set(request.password.is_empty());
            error.set(None);
            focus_later(
                if request.username.is_empty() {
                    "f-username"
                } else {
                    "f-password"
                }
                .to_owned(),
            );
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = api::login(&request).await;
            busy.set(false);
            match result {
                Ok(me) => login.0.set(LoginState::SignedIn(me)),
                Err(failure) => {
                    password.set(String::new());
                    error.set(Some(match Failure::of(&failure) {
                        Failure::Unauthorized => Msg::InvalidCredentials,
                        other => other.msg(),
                    }));
                    focus_later("login-error".to_owned());
                }
            }
        });
    };
    view! {
        <section class="login">
            <h1 tabindex="-1">{t(StaffMsg::LoginTitle)}</h1>
            <form novalidate on:submit=on_submit>
                <p class="notice error-notice" id="login-error" tabindex="-1" role="alert" hidden=move || error.with(Option::is_none)>
                    {move || error.get().map(|msg| msg.text(i18n.lang()))}
                </p>
                <Field id="f-username" label=Msg::Username error=missing_text(username_missing)>
                    <input
                        id="f-username"
                        type="text"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        aria-describedby=described_by("f-username", false)
                        aria-invalid=move || username_missing.get().to_string()
                        prop:value=move || username.get()
                        on:input=move |ev| {
                            username.set(event_target_value(&ev));
                            username_missing.set(false);
                        }
                    />
                </Field>
                <Field id="f-password" label=Msg::Password error=missing_text(password_missing)>
                    <input
                        id="f-password"
                        type="password"
                        autocomplete="current-password"
                        aria-describedby=described_by("f-password", false)
                        aria-invalid=move || password_missing.get().to_string()
                        prop:value=move || password.get()
                        on:input=move |ev| {
                            password.set(event_target_value(&ev));
                            password_missing.set(false);
                        }
                    />
                </Field>
                <div class="action-bar">
                    <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                        <Show when=move || busy.get() fallback=t(StaffMsg::SignIn)>
                            <span class="spinner" aria-hidden="true"></span>
                            {t(StaffMsg::SigningIn)}
                        </Show>
                    </button>
                </div>
            </form>
        </section>
    }
}
