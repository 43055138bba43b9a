//! The staff member's session as the console knows it: being checked, signed out, or signed in.

use crate::api;
use accord_shared::wire::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    Checking,
    /// `ended` when a request found the session gone, so the login form can say why.
    SignedOut {
        ended: bool,
    },
    SignedIn(Me),
}

#[derive(Debug, Clone, Copy)]
pub struct Session(pub RwSignal<SessionState>);

impl Session {
    /// Asks the server who is signed in (the session cookie is HttpOnly).
    pub fn provide() -> Session {
        let session = Session(RwSignal::new(SessionState::Checking));
        provide_context(session);
        api::on_password_change_required(move || session.require_password_change());
        spawn_local(async move {
            let state = match api::me().await {
                Ok(me) => SessionState::SignedIn(me),
                Err(_) => SessionState::SignedOut { ended: false },
            };
            session.0.set(state);
        });
        session
    }

    /// A request answered 401: back to the login form.
    pub fn ended(self) {
        self.0.set(SessionState::SignedOut { ended: true });
    }

    /// The server refused a request until the password is changed: show only that screen.
    pub fn require_password_change(self) {
        self.0.update(|state| {
            if let SessionState::SignedIn(me) = state {
                me.must_change_password = true;
            }
        });
    }

    pub fn sign_out(self) {
        spawn_local(async move {
            let _ = api::logout().await;
            self.0.set(SessionState::SignedOut { ended: false });
        });
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
