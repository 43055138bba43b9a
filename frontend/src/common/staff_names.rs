//! Colleagues' names by username: screens say who did what by name, and fall back to the
//! username while the names load or for an account that no longer exists. Provided by the
//! staff console once signed in; pages without it (the resident's) show roles only anyway.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy)]
pub struct StaffNames(RwSignal<Vec<(String, String)>>);

impl StaffNames {
    pub fn provide() -> StaffNames {
        let names = StaffNames(RwSignal::new(Vec::new()));
        provide_context(names);
        names
    }

    /// Replaces the names (username, display name).
    pub fn set(self, names: Vec<(String, String)>) {
        self.0.set(names);
    }

    /// The name of `username` (tracked: a view reading it is drawn again when names arrive).
    pub fn name_of(self, username: &str) -> String {
        self.0.with(|names| {
            names
                .iter()
                .find(|(u, _)| u == username)
                .map(|(_, name)| name.clone())
                .unwrap_or_else(|| username.to_owned())
        })
    }
}

impl StaffNames {
    /// The username of the colleague called `name` (exactly), if there is one.
    pub fn username_of(self, name: &str) -> Option<String> {
        self.0.with_untracked(|names| {
            names
                .iter()
                .find(|(_, display)| display == name)
                .map(|(username, _)| username.clone())
        })
    }
}

/// The name of `username` where the names are provided, else the username.
pub fn staff_name(username: &str) -> String {
    match use_context::<StaffNames>() {
        Some(names) => names.name_of(username),
        None => username.to_owned(),
    }
}
