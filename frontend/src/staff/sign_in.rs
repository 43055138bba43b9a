//! The staff member's sign-in as the console knows it: being checked, signed out, or signed in
//! (the login cookie the server sets; not to be confused with a mediation session).

use crate::api;
use crate::common::signed_out::EndsOnUnauthorized;
use accord_shared::wire::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginState {
    Checking,
    /// `ended` when a request found the session gone, so the login form can say why.
    SignedOut {
        ended: bool,
    },
    SignedIn(Me),
}

#[derive(Debug, Clone, Copy)]
pub struct StaffLogin(pub RwSignal<LoginState>);

impl StaffLogin {
    /// Asks the server who is signed in (the session cookie is HttpOnly).
    pub fn provide() -> StaffLogin {
        let login = StaffLogin(RwSignal::new(LoginState::Checking));
        provide_context(login);
        api::on_password_change_required(move || login.require_password_change());
        spawn_local(async move {
            let state = match api::me().await {
                Ok(me) => LoginState::SignedIn(me),
                Err(_) => LoginState::SignedOut { ended: false },
            };
            login.0.set(state);
        });
        login
    }

    /// The server refused a request until the password is changed: show only that screen.
    pub fn require_password_change(self) {
        self.0.update(|state| {
            if let LoginState::SignedIn(me) = state {
                me.must_change_password = true;
            }
        });
    }

    /// A request answered 401: back to the login form.
    pub fn ended(self) {
        self.0.set(LoginState::SignedOut { ended: true });
    }

    pub fn sign_out(self) {
        spawn_local(async move {
            let _ = api::logout().await;
            self.0.set(LoginState::SignedOut { ended: false });
        });
    }
}

impl EndsOnUnauthorized for StaffLogin {
    fn ended(self) {
        StaffLogin::ended(self);
    }
}

pub fn use_login() -> StaffLogin {
    expect_context::<StaffLogin>()
}
