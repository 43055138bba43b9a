//! Staff account administration: what an admin may create or change, and password rules.

use crate::directory::Directory;
use crate::fields::{FieldError, FieldProblem};
use crate::staff::{Role, Scope};
use serde::{Deserialize, Serialize};

pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 128;

/// A new password: 12 to 128 characters, not containing the username, not one repeated
/// character.
pub fn check_new_password(
    field: &'static str,
    password: &str,
    username: &str,
) -> Result<(), FieldError> {
    let count = password.chars().count();
    if count == 0 {
        return Err(FieldError::new(field, FieldProblem::Required));
    }
    if count < MIN_PASSWORD_CHARS {
        return Err(FieldError::new(
            field,
            FieldProblem::TooShort {
                min: MIN_PASSWORD_CHARS,
            },
        ));
    }
    if count > MAX_PASSWORD_CHARS {
        return Err(FieldError::new(
            field,
            FieldProblem::TooLong {
                max: MAX_PASSWORD_CHARS,
            },
        ));
    }
    let lower = password.to_lowercase();
    let mut chars = password.chars();
    let first = chars.next();
    let monotonous = chars.all(|c| Some(c) == first);
    if monotonous || (!username.is_empty() && lower.contains(&username.to_lowercase())) {
        return Err(FieldError::new(field, FieldProblem::InvalidFormat));
    }
    Ok(())
}

/// Whether an update would disable its own author: an admin who disables themselves could
/// lock everyone out, so it is refused.
pub fn disables_self(by: &str, username: &str, update: &UserUpdateRequest) -> bool {
    by == username && update.disabled == Some(true)
}

/// Whether an update changes what an account may reach (its role or scope), which must then
/// be checked against the directory with [`check_role_and_scope`].
pub fn changes_reach(update: &UserUpdateRequest) -> bool {
    update.role.is_some() || update.scope.is_some()
}

/// Checks an update's role and scope against the account as it is (`current`): what is not
/// changed stays, and the two must fit together and fit the directory.
pub fn check_role_and_scope(
    dir: &Directory,
    current: &UserSummary,
    update: &UserUpdateRequest,
) -> Result<(), FieldError> {
    let role = update.role.unwrap_or(current.role);
    let scope = update.scope.as_ref().unwrap_or(&current.scope);
    check_scope(dir, role, scope)
}

/// A user's own password change: the new password follows the rules and differs from the
/// current one.
pub fn check_password_change(
    username: &str,
    request: &PasswordChangeRequest,
) -> Result<(), FieldError> {
    check_new_password("new_password", &request.new_password, username)?;
    if request.new_password == request.current_password {
        return Err(FieldError::new("new_password", FieldProblem::InvalidFormat));
    }
    Ok(())
}

/// `POST /api/admin/users`: a new account with a temporary password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewUserRequest {
    pub username: String,
    pub display_name: String,
    pub role: Option<Role>,
    pub scope: Option<Scope>,
    pub temporary_password: String,
}

/// `POST /api/admin/users/{username}`: the fields to change (absent: unchanged).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserUpdateRequest {
    pub display_name: Option<String>,
    pub role: Option<Role>,
    pub scope: Option<Scope>,
    pub disabled: Option<bool>,
}

/// `POST /api/admin/users/{username}/password`: a temporary password to change at next sign-in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordResetRequest {
    pub temporary_password: String,
}

/// `POST /api/staff/password`: the signed-in user changes their own password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordChangeRequest {
    pub current_password: String,
    pub new_password: String,
}

/// An account as an admin sees it (never a password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub scope: Scope,
    pub disabled: bool,
    pub must_change_password: bool,
}

pub fn check_username(raw: &str) -> Result<String, FieldError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(FieldError::new("username", FieldProblem::Required));
    }
    let valid = (3..=32).contains(&name.len())
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'.' | b'-')
        });
    if valid {
        Ok(name.to_owned())
    } else {
        Err(FieldError::new("username", FieldProblem::InvalidFormat))
    }
}

pub fn check_display_name(raw: &str) -> Result<String, FieldError> {
    crate::fields::PartyName::parse("display_name", raw).map(|n| n.as_str().to_owned())
}

/// A scope must name what the directory knows, and fit the role: the district suits only the
/// district's coordinator and admin, who have no narrower scope; a whole street suits street
/// coordinators, admins and judges (the judge workstation serves the whole street); everyone
/// else works in a list of communities (of one street or several).
pub fn check_scope(dir: &Directory, role: Role, scope: &Scope) -> Result<(), FieldError> {
    let invalid = || FieldError::new("scope", FieldProblem::InvalidFormat);
    let district_role = matches!(role, Role::DistrictCoordinator | Role::DistrictAdmin);
    let fits = match scope {
        Scope::District => district_role,
        Scope::Street { street } => {
            matches!(role, Role::Coordinator | Role::Admin | Role::Judge)
                && dir.street(street).is_some()
        }
        Scope::Communities { communities } => {
            !district_role
                && !communities.is_empty()
                && communities.iter().all(|id| dir.community(id).is_some())
        }
    };
    if fits {
        Ok(())
    } else {
        Err(invalid())
    }
}

/// Whether an admin scoped to `admin` manages accounts scoped to `target`: a district admin
/// every account; a street's admin the accounts that work only in that street.
pub fn manages_account(dir: &Directory, admin: &Scope, target: &Scope) -> bool {
    match (admin, target) {
        (Scope::District, _) => true,
        (_, Scope::District) => false,
        (admin, Scope::Street { street }) => *admin == Scope::street(street),
        (admin, Scope::Communities { communities }) => {
            communities.iter().all(|id| dir.in_scope(admin, id))
        }
    }
}

/// What an admin of `scope` may change in the directory: a district admin anything; a
/// street's admin only that street's communities, grids and places and the street's own
/// time limits and categories, everything else of the district as it is. Communities keep
/// their street and number whoever edits: case codes route by them.
pub fn check_directory_edit(
    scope: &Scope,
    current: &Directory,
    next: &Directory,
) -> Result<(), FieldError> {
    let invalid = |field: &'static str| FieldError::new(field, FieldProblem::InvalidFormat);
    for community in &current.communities {
        if let Some(kept) = next.community(&community.id) {
            if kept.number != community.number {
                return Err(invalid("communities.number"));
            }
            if kept.street != community.street {
                return Err(invalid("communities.street"));
            }
        }
    }
    let own = match scope {
        Scope::District => return Ok(()),
        Scope::Street { street } => street.as_str(),
        Scope::Communities { .. } => return Err(invalid("streets")),
    };
    // Everything outside the admin's street, as the admin sees it: it must not change.
    let outside = |dir: &Directory| {
        let mut d = dir.clone();
        d.communities.retain(|c| c.street != own);
        d.places.retain(|p| p.street != own);
        for street in d.streets.iter_mut().filter(|s| s.id == own) {
            street.time_limits = None;
            street.categories = None;
        }
        d
    };
    let (before, after) = (outside(current), outside(next));
    if before.district != after.district || before.streets != after.streets {
        return Err(invalid("streets"));
    }
    if before.categories != after.categories {
        return Err(invalid("categories"));
    }
    if before.time_limits != after.time_limits {
        return Err(invalid("time_limits"));
    }
    if before.retention_days != after.retention_days {
        return Err(invalid("retention_days"));
    }
    if before.communities != after.communities {
        return Err(invalid("communities.street"));
    }
    if before.places != after.places {
        return Err(invalid("places"));
    }
    Ok(())
}

/// Validates a new account; returns its username, display name, role and scope.
pub fn check_new_user(
    dir: &Directory,
    req: &NewUserRequest,
) -> Result<(String, String, Role, Scope), FieldError> {
    let username = check_username(&req.username)?;
    let display_name = check_display_name(&req.display_name)?;
    let role = req
        .role
        .ok_or_else(|| FieldError::new("role", FieldProblem::Required))?;
    let scope = req
        .scope
        .clone()
        .ok_or_else(|| FieldError::new("scope", FieldProblem::Required))?;
    check_scope(dir, role, &scope)?;
    check_new_password("temporary_password", &req.temporary_password, &username)?;
    Ok((username, display_name, role, scope))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_directory;

    #[test]
    fn a_street_admin_manages_only_accounts_of_their_street() {
        let dir = demo_directory();
        let zhonghua = Scope::street("zhonghua-road");
        assert!(manages_account(
            &dir,
            &zhonghua,
            &Scope::communities(["zh01", "zh02"])
        ));
        assert!(manages_account(&dir, &zhonghua, &zhonghua));
        assert!(!manages_account(
            &dir,
            &zhonghua,
            &Scope::communities(["zh01", "zs01"])
        ));
        assert!(!manages_account(
            &dir,
            &zhonghua,
            &Scope::street("zhoushuizi")
        ));
        assert!(!manages_account(&dir, &zhonghua, &Scope::District));
        assert!(manages_account(
            &dir,
            &Scope::District,
            &Scope::street("zhoushuizi")
        ));
    }

    #[test]
    fn a_street_admin_edits_only_their_street_of_the_directory() {
        let current = demo_directory();
        let zhonghua = Scope::street("zhonghua-road");
        let mut own = current.clone();
        own.communities[0].name.en = "Renamed".into();
        assert!(check_directory_edit(&zhonghua, &current, &own).is_ok());
        let mut other = current.clone();
        let zs01 = other
            .communities
            .iter_mut()
            .find(|c| c.id == "zs01")
            .unwrap();
        zs01.name.en = "Renamed".into();
        assert!(check_directory_edit(&zhonghua, &current, &other).is_err());
        assert!(check_directory_edit(&Scope::District, &current, &other).is_ok());
        let mut limits = current.clone();
        limits.time_limits.rules[0].hours.triage = 12;
        assert!(check_directory_edit(&zhonghua, &current, &limits).is_err());
        let mut own_limits = current.clone();
        own_limits.streets[0].time_limits = Some(limits.time_limits.clone());
        assert!(check_directory_edit(&zhonghua, &current, &own_limits).is_ok());
        let mut moved = current.clone();
        moved.communities[0].street = "zhoushuizi".into();
        assert!(check_directory_edit(&Scope::District, &current, &moved).is_err());
    }

    #[test]
    fn an_admin_may_not_disable_themselves_but_may_disable_others() {
        let disable = UserUpdateRequest {
            disabled: Some(true),
            ..UserUpdateRequest::default()
        };
        assert!(disables_self("admin", "admin", &disable));
        assert!(!disables_self("admin", "mediator01", &disable));
        let rename = UserUpdateRequest {
            display_name: Some("Wang".into()),
            ..UserUpdateRequest::default()
        };
        assert!(!disables_self("admin", "admin", &rename));
    }

    #[test]
    fn an_update_is_checked_against_the_account_as_it_is() {
        let dir = demo_directory();
        let current = UserSummary {
            username: "mediator01".into(),
            display_name: "Li".into(),
            role: Role::Mediator,
            scope: Scope::communities(["zh01"]),
            disabled: false,
            must_change_password: false,
        };
        let rename = UserUpdateRequest {
            display_name: Some("Wang".into()),
            ..UserUpdateRequest::default()
        };
        assert!(!changes_reach(&rename));
        let unknown = UserUpdateRequest {
            scope: Some(Scope::communities(["nowhere"])),
            ..UserUpdateRequest::default()
        };
        assert!(changes_reach(&unknown));
        assert!(check_role_and_scope(&dir, &current, &unknown).is_err());
        let kept = UserUpdateRequest {
            role: Some(Role::GridWorker),
            ..UserUpdateRequest::default()
        };
        assert!(check_role_and_scope(&dir, &current, &kept).is_ok());
    }

    #[test]
    fn a_password_change_must_change_the_password() {
        let same = PasswordChangeRequest {
            current_password: "correct horse battery".into(),
            new_password: "correct horse battery".into(),
        };
        assert_eq!(
            check_password_change("li", &same).unwrap_err().field,
            "new_password"
        );
        let new = PasswordChangeRequest {
            current_password: "correct horse battery".into(),
            new_password: "another long passphrase".into(),
        };
        assert!(check_password_change("li", &new).is_ok());
        let weak = PasswordChangeRequest {
            current_password: "correct horse battery".into(),
            new_password: "short".into(),
        };
        assert!(check_password_change("li", &weak).is_err());
    }

    #[test]
    fn weak_passwords_are_refused() {
        assert!(check_new_password("p", "short", "li").is_err());
        assert!(check_new_password("p", "aaaaaaaaaaaaaaaa", "li").is_err());
        assert!(check_new_password("p", "mediator01-is-great", "mediator01").is_err());
        assert!(check_new_password("p", "correct horse battery", "li").is_ok());
    }

    #[test]
    fn scopes_must_fit_the_role_and_the_directory() {
        let dir = demo_directory();
        assert!(check_scope(&dir, Role::Mediator, &Scope::street("zhonghua-road")).is_err());
        assert!(check_scope(&dir, Role::Coordinator, &Scope::street("zhonghua-road")).is_ok());
        assert!(check_scope(&dir, Role::Mediator, &Scope::communities(["zh99"])).is_err());
        assert!(check_scope(
            &dir,
            Role::Mediator,
            &Scope::communities(Vec::<String>::new())
        )
        .is_err());
        assert!(check_scope(&dir, Role::Mediator, &Scope::communities(["zh03"])).is_ok());
    }

    #[test]
    fn usernames_are_short_lowercase_words() {
        assert_eq!(check_username(" li.ming ").unwrap(), "li.ming");
        for bad in ["", "LI", "a", "has space", "名字"] {
            assert!(check_username(bad).is_err(), "{bad}");
        }
    }
}
