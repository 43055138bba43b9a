//! Choosing a role and the communities an account serves (the whole street, or some of them
//! picked from the directory).

use crate::common::directory_state::use_directory;
use crate::common::staff_fields::{RadioGroup, Select};
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{role_msg, t, use_i18n};
use accord_shared::staff::{Role, Scope};
use leptos::prelude::*;

pub const ROLES: [(Role, &str); 9] = [
    (Role::Coordinator, "coordinator"),
    (Role::Admin, "admin"),
    (Role::Mediator, "mediator"),
    (Role::GridWorker, "grid_worker"),
    (Role::Police, "police"),
    (Role::Prosecutor, "prosecutor"),
    (Role::Judge, "judge"),
    (Role::Counselor, "counselor"),
    (Role::DepartmentLiaison, "department_liaison"),
];

pub fn role_id(role: Role) -> &'static str {
    ROLES
        .iter()
        .find(|(r, _)| *r == role)
        .map_or("", |(_, id)| id)
}

pub fn role_from_id(id: &str) -> Option<Role> {
    ROLES.iter().find(|(_, i)| *i == id).map(|(r, _)| *r)
}

/// What the form holds for a role and a scope, kept as typed.
#[derive(Debug, Clone, Copy)]
pub struct ScopeDraft {
    pub role: RwSignal<String>,
    /// `Some(true)`: the whole street.
    pub street: RwSignal<Option<bool>>,
    pub communities: RwSignal<Vec<String>>,
}

impl ScopeDraft {
    pub fn new() -> Self {
        ScopeDraft {
            role: RwSignal::new(String::new()),
            street: RwSignal::new(None),
            communities: RwSignal::new(Vec::new()),
        }
    }

    pub fn fill(self, role: Role, scope: &Scope) {
        self.role.set(role_id(role).to_owned());
        match scope {
            Scope::Street => {
                self.street.set(Some(true));
                self.communities.set(Vec::new());
            }
            Scope::Communities(ids) => {
                self.street.set(Some(false));
                self.communities.set(ids.clone());
            }
        }
    }

    pub fn role(self) -> Option<Role> {
        role_from_id(&self.role.get_untracked())
    }

    pub fn scope(self) -> Option<Scope> {
        match self.street.get_untracked()? {
            true => Some(Scope::Street),
            false => Some(Scope::Communities(self.communities.get_untracked())),
        }
    }
}

impl Default for ScopeDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// The role select, the street-or-communities choice and the community checkboxes.
#[component]
pub fn RoleScopeFields(
    /// Prefix of the controls' ids (`u` gives `u-role`, `u-scope`).
    role_id: &'static str,
    scope_id: &'static str,
    draft: ScopeDraft,
    #[prop(into)] role_error: Signal<Option<String>>,
    #[prop(into)] scope_error: Signal<Option<String>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let roles = Signal::derive(move || {
        let lang = i18n.lang();
        ROLES
            .iter()
            .map(|(role, id)| ((*id).to_owned(), role_msg(*role).text(lang).to_owned()))
            .collect::<Vec<_>>()
    });
    let communities = move || match directory.0.get() {
        Some(Ok(dir)) => {
            let lang = i18n.lang();
            dir.communities
                .iter()
                .map(|c| {
                    let id = c.id.clone();
                    let checkbox_id = format!("{scope_id}-{id}");
                    let for_id = checkbox_id.clone();
                    let checked_id = id.clone();
                    view! {
                        <label class="radio-row check-row" for=for_id>
                            <input
                                type="checkbox"
                                id=checkbox_id
                                prop:checked=move || draft.communities.with(|ids| ids.contains(&checked_id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.communities.update(|ids| {
                                        ids.retain(|other| *other != id);
                                        if on {
                                            ids.push(id.clone());
                                        }
                                    });
                                    on_change.run(());
                                }
                            />
                            <span>{lang.pick(&c.name)}</span>
                        </label>
                    }
                })
                .collect_view()
                .into_any()
        }
        _ => ().into_any(),
    };
    view! {
        <Select id=role_id label=StaffMsg::RoleLabel value=draft.role options=roles error=role_error placeholder=crate::i18n::Msg::ChooseOne on_change=on_change />
        <RadioGroup
            id=scope_id
            legend=StaffMsg::ScopeLegend
            choices=vec![(true, Said::from(StaffMsg::ScopeStreet)), (false, Said::from(StaffMsg::ScopeCommunities))]
            value=draft.street
            error=scope_error
            on_change=on_change
        />
        <p class="help scope-help">{t(StaffMsg::ScopeHelp)}</p>
        <Show when=move || draft.street.get() == Some(false)>
            <fieldset class="field choice-group">
                <legend>{t(StaffMsg::CommunitiesLegend)}</legend>
                <div class="radio-list">{communities}</div>
            </fieldset>
        </Show>
    }
}
