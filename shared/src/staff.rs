//! Staff: roles, the communities an account is scoped to, the people who can be made
//! handlers, and the handlers of a case.

use crate::fields::{FieldError, FieldProblem};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Coordinator,
    Admin,
    Mediator,
    GridWorker,
    Police,
    Prosecutor,
    Judge,
    Counselor,
    DepartmentLiaison,
}

/// Which communities an account may see. Coordinators and admins see the whole street.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "communities")]
pub enum Scope {
    Street,
    Communities(Vec<String>),
}

impl Scope {
    pub fn includes(&self, community_id: &str) -> bool {
        match self {
            Scope::Street => true,
            Scope::Communities(ids) => ids.iter().any(|id| id == community_id),
        }
    }
}

/// Someone who works on a case; exactly one handler leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handler {
    pub username: String,
    pub role: Role,
    pub lead: bool,
}

/// A staff member who can be made a handler (`GET /api/staff/people`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub scope: Scope,
}

/// Whether a person can be made a handler (lead or co-handler) of cases in `community` (any
/// community when `None`): coordinators and admins direct and administer, they do not handle.
pub fn can_handle(person: &Person, community: Option<&str>) -> bool {
    !matches!(person.role, Role::Admin | Role::Coordinator)
        && community.is_none_or(|id| person.scope.includes(id))
}

/// Checks that every proposed handler is an existing account with the stated role whose scope
/// covers the case's community.
pub fn check_handlers_exist(
    people: &[Person],
    handlers: &[Handler],
    community: &str,
) -> Result<(), FieldError> {
    let known = |h: &Handler| {
        people
            .iter()
            .any(|p| p.username == h.username && p.role == h.role && p.scope.includes(community))
    };
    if handlers.iter().all(known) {
        Ok(())
    } else {
        Err(FieldError::new("handlers", FieldProblem::InvalidFormat))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handlers_must_be_known_and_scoped_to_the_community() {
        let people = vec![Person {
            username: "mediator01".into(),
            display_name: "Li".into(),
            role: Role::Mediator,
            scope: Scope::Communities(vec!["zh01".into()]),
        }];
        let handler = |username: &str, role| Handler {
            username: username.into(),
            role,
            lead: true,
        };
        assert!(
            check_handlers_exist(&people, &[handler("mediator01", Role::Mediator)], "zh01").is_ok()
        );
        assert!(
            check_handlers_exist(&people, &[handler("mediator01", Role::Mediator)], "zh02")
                .is_err()
        );
        assert!(
            check_handlers_exist(&people, &[handler("mediator01", Role::Police)], "zh01").is_err()
        );
        assert!(
            check_handlers_exist(&people, &[handler("ghost", Role::Mediator)], "zh01").is_err()
        );
    }

    #[test]
    fn coordinators_and_admins_handle_no_cases_and_handlers_serve_the_community() {
        let person = |role, scope| Person {
            username: "p".into(),
            display_name: "P".into(),
            role,
            scope,
        };
        let zh01 = || Scope::Communities(vec!["zh01".into()]);
        assert!(can_handle(&person(Role::Mediator, zh01()), Some("zh01")));
        assert!(can_handle(&person(Role::Mediator, zh01()), None));
        assert!(!can_handle(&person(Role::Mediator, zh01()), Some("zh02")));
        assert!(can_handle(
            &person(Role::Judge, Scope::Street),
            Some("zh02")
        ));
        assert!(!can_handle(&person(Role::Coordinator, Scope::Street), None));
        assert!(!can_handle(
            &person(Role::Admin, Scope::Street),
            Some("zh01")
        ));
    }

    #[test]
    fn a_community_scope_excludes_other_communities() {
        let scope = Scope::Communities(vec!["zh01".into()]);
        assert!(scope.includes("zh01"));
        assert!(!scope.includes("zh02"));
        assert!(Scope::Street.includes("zh02"));
    }
}
