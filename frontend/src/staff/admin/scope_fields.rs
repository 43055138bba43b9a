//! Choosing a role and what an account serves: the whole district, one whole street (picked
//! from a select), or some communities (checkboxes under the name of their street).

use crate::common::directory_state::{communities_by_street, use_directory};
use crate::common::staff_fields::{RadioGroup, Select};
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{role_msg, t, use_i18n};
use accord_shared::accounts::check_scope;
use accord_shared::directory::Directory;
use accord_shared::staff::{Role, Scope};
use leptos::prelude::*;

pub const ROLES: [(Role, &str); 11] = [
    (Role::DistrictCoordinator, "district_coordinator"),
    (Role::DistrictAdmin, "district_admin"),
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

/// The three kinds of scope, as the radio buttons offer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    District,
    Street,
    Communities,
}

const KINDS: [(ScopeKind, StaffMsg); 3] = [
    (ScopeKind::District, StaffMsg::ScopeDistrict),
    (ScopeKind::Street, StaffMsg::ScopeStreet),
    (ScopeKind::Communities, StaffMsg::ScopeCommunities),
];

/// The kinds of scope that can fit `role` in this directory, asked of the rule the server
/// checks (`accounts::check_scope`) with the first street and the first community; every
/// kind while no role is chosen.
pub fn fitting_kinds(dir: &Directory, role: Option<Role>) -> Vec<ScopeKind> {
    let Some(role) = role else {
        return every_kind();
    };
    let example = |kind| match kind {
        ScopeKind::District => Some(Scope::District),
        ScopeKind::Street => dir.streets.first().map(|s| Scope::street(&s.id)),
        ScopeKind::Communities => dir.communities.first().map(|c| Scope::communities([&c.id])),
    };
    KINDS
        .iter()
        .map(|(kind, _)| *kind)
        .filter(|kind| example(*kind).is_some_and(|scope| check_scope(dir, role, &scope).is_ok()))
        .collect()
}

fn every_kind() -> Vec<ScopeKind> {
    KINDS.iter().map(|(kind, _)| *kind).collect()
}

/// What the form holds for a role and a scope, kept as typed.
#[derive(Debug, Clone, Copy)]
pub struct ScopeDraft {
    pub role: RwSignal<String>,
    pub kind: RwSignal<Option<ScopeKind>>,
    /// The street of a street scope.
    pub street: RwSignal<String>,
    pub communities: RwSignal<Vec<String>>,
}

impl ScopeDraft {
    pub fn new() -> Self {
        ScopeDraft {
            role: RwSignal::new(String::new()),
            kind: RwSignal::new(None),
            street: RwSignal::new(String::new()),
            communities: RwSignal::new(Vec::new()),
        }
    }

    pub fn fill(self, role: Role, scope: &Scope) {
        self.role.set(role_id(role).to_owned());
        let (kind, street, communities) = match scope {
            Scope::District => (ScopeKind::District, String::new(), Vec::new()),
            Scope::Street { street } => (ScopeKind::Street, street.clone(), Vec::new()),
            Scope::Communities { communities } => {
                (ScopeKind::Communities, String::new(), communities.clone())
            }
        };
        self.kind.set(Some(kind));
        self.street.set(street);
        self.communities.set(communities);
    }

    pub fn role(self) -> Option<Role> {
        role_from_id(&self.role.get_untracked())
    }

    pub fn scope(self) -> Option<Scope> {
        Some(match self.kind.get_untracked()? {
            ScopeKind::District => Scope::District,
            ScopeKind::Street => Scope::street(&self.street.get_untracked()),
            ScopeKind::Communities => Scope::communities(self.communities.get_untracked()),
        })
    }
}

impl Default for ScopeDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// The role select, the choice of district, street or communities, the street select and the
/// community checkboxes grouped by street.
#[component]
pub fn RoleScopeFields(
    /// Ids of the controls (`u-role`, `u-scope`, `u-street`).
    role_id: &'static str,
    scope_id: &'static str,
    street_id: &'static str,
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
    // The kinds of scope the chosen role can have; with only one, it is chosen for the user.
    let kinds = Memo::new(move |_| {
        let role = role_from_id(&draft.role.get());
        match directory.0.get() {
            Some(Ok(dir)) => fitting_kinds(&dir, role),
            _ => every_kind(),
        }
    });
    Effect::new(move |_| {
        let kinds = kinds.get();
        let chosen = draft.kind.get_untracked();
        if let [only] = kinds.as_slice() {
            if chosen != Some(*only) {
                draft.kind.set(Some(*only));
            }
        } else if chosen.is_some_and(|kind| !kinds.contains(&kind)) {
            draft.kind.set(None);
        }
    });
    let choices = move || {
        let kinds = kinds.get();
        let choices = KINDS
            .iter()
            .filter(|(kind, _)| kinds.contains(kind))
            .map(|(kind, msg)| (*kind, Said::from(*msg)))
            .collect::<Vec<_>>();
        view! {
            <RadioGroup
                id=scope_id
                legend=StaffMsg::ScopeLegend
                choices=choices
                value=draft.kind
                error=scope_error
                on_change=on_change
            />
        }
    };
    let streets = Signal::derive(move || {
        let lang = i18n.lang();
        match directory.0.get() {
            Some(Ok(dir)) => dir
                .streets
                .iter()
                .map(|s| (s.id.clone(), lang.pick(&s.name)))
                .collect(),
            _ => Vec::new(),
        }
    });
    let no_error = Signal::derive(|| None::<String>);
    let checkbox = move |(id, name): (String, String)| {
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
                <span>{name}</span>
            </label>
        }
    };
    let communities = move || match directory.0.get() {
        Some(Ok(dir)) => communities_by_street(&dir, i18n.lang(), |_| true)
            .into_iter()
            .enumerate()
            .map(|(n, (street, communities))| {
                let heading_id = format!("{scope_id}-street{n}");
                view! {
                    <h3 class="scope-street" id=heading_id.clone()>{street}</h3>
                    <div class="radio-list" role="group" aria-labelledby=heading_id>
                        {communities.into_iter().map(checkbox).collect_view()}
                    </div>
                }
            })
            .collect_view()
            .into_any(),
        _ => ().into_any(),
    };
    view! {
        <Select id=role_id label=StaffMsg::RoleLabel value=draft.role options=roles error=role_error placeholder=crate::i18n::Msg::ChooseOne on_change=on_change />
        {choices}
        <p class="help scope-help">{t(StaffMsg::ScopeHelp)}</p>
        <Show when=move || draft.kind.get() == Some(ScopeKind::Street)>
            <Select id=street_id label=StaffMsg::StreetLabel value=draft.street options=streets error=no_error placeholder=crate::i18n::Msg::ChooseOne on_change=on_change />
        </Show>
        <Show when=move || draft.kind.get() == Some(ScopeKind::Communities)>
            <fieldset class="field choice-group">
                <legend>{t(StaffMsg::CommunitiesLegend)}</legend>
                {communities}
            </fieldset>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_shared::demo::demo_directory;

    #[test]
    fn each_role_is_offered_only_the_kinds_of_scope_it_can_have() {
        let dir = demo_directory();
        let kinds = |role| fitting_kinds(&dir, Some(role));
        assert_eq!(kinds(Role::DistrictCoordinator), [ScopeKind::District]);
        assert_eq!(kinds(Role::DistrictAdmin), [ScopeKind::District]);
        assert_eq!(
            kinds(Role::Coordinator),
            [ScopeKind::Street, ScopeKind::Communities]
        );
        assert_eq!(
            kinds(Role::Judge),
            [ScopeKind::Street, ScopeKind::Communities]
        );
        assert_eq!(kinds(Role::Mediator), [ScopeKind::Communities]);
        assert_eq!(fitting_kinds(&dir, None).len(), 3);
    }

    #[test]
    fn every_role_has_an_id_that_reads_back() {
        for (role, id) in ROLES {
            assert_eq!(role_from_id(id), Some(role));
            assert_eq!(role_id(role), id);
            assert_eq!(serde_json::to_string(&role).unwrap(), format!("\"{id}\""));
        }
    }
}
