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
    /// Directs every street of the district and receives what the escalation ladder sends to
    /// the district.
    DistrictCoordinator,
    /// Administers the district: accounts, the directory, audit and retention of every street.
    DistrictAdmin,
}

/// Which communities an account may see: every street of the district (district roles), one
/// whole street (street coordinators, admins and the judge workstation), or a list of
/// communities. On the wire: `{"kind":"district"}`, `{"kind":"street","street":"…"}`,
/// `{"kind":"communities","communities":[…]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Scope {
    District,
    Street {
        /// Empty only in a record written before streets had ids of their own; such a scope
        /// includes nothing until the migration names its street.
        #[serde(default)]
        street: String,
    },
    Communities {
        communities: Vec<String>,
    },
}

/// Where something sits: a community and the street it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Within<'a> {
    pub street: &'a str,
    pub community: &'a str,
}

impl Scope {
    pub fn street(id: &str) -> Scope {
        Scope::Street {
            street: id.to_owned(),
        }
    }

    pub fn communities<S: Into<String>>(ids: impl IntoIterator<Item = S>) -> Scope {
        Scope::Communities {
            communities: ids.into_iter().map(Into::into).collect(),
        }
    }

    pub fn includes(&self, at: Within<'_>) -> bool {
        match self {
            Scope::District => true,
            Scope::Street { street } => !street.is_empty() && street == at.street,
            Scope::Communities { communities } => communities.iter().any(|id| id == at.community),
        }
    }

    /// Whether the scope reaches into `street` at all.
    pub fn touches_street(&self, street: &str, communities_of_street: &[&str]) -> bool {
        match self {
            Scope::District => true,
            Scope::Street { street: own } => own == street,
            Scope::Communities { communities } => communities
                .iter()
                .any(|id| communities_of_street.contains(&id.as_str())),
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

impl Role {
    /// A street's coordinator or the district's: directs cases (triage, handlers, outcomes).
    pub fn coordinates(self) -> bool {
        matches!(self, Role::Coordinator | Role::DistrictCoordinator)
    }

    /// Coordinators and admins (of a street or the district) direct and administer; they
    /// handle no case.
    pub fn handles_cases(self) -> bool {
        !matches!(
            self,
            Role::Admin | Role::Coordinator | Role::DistrictAdmin | Role::DistrictCoordinator
        )
    }
}

/// Whether a person can be made a handler (lead or co-handler) of cases in `community` (any
/// community when `None`).
pub fn can_handle(person: &Person, community: Option<Within<'_>>) -> bool {
    person.role.handles_cases() && community.is_none_or(|at| person.scope.includes(at))
}

/// Checks that every proposed handler is an existing account with the stated role whose scope
/// covers the case's community.
pub fn check_handlers_exist(
    people: &[Person],
    handlers: &[Handler],
    community: Within<'_>,
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
            scope: Scope::communities(["zh01"]),
        }];
        let zh01 = Within {
            street: "zhonghua-road",
            community: "zh01",
        };
        let zh02 = Within {
            community: "zh02",
            ..zh01
        };
        let handler = |username: &str, role| Handler {
            username: username.into(),
            role,
            lead: true,
        };
        assert!(
            check_handlers_exist(&people, &[handler("mediator01", Role::Mediator)], zh01).is_ok()
        );
        assert!(
            check_handlers_exist(&people, &[handler("mediator01", Role::Mediator)], zh02).is_err()
        );
        assert!(
            check_handlers_exist(&people, &[handler("mediator01", Role::Police)], zh01).is_err()
        );
        assert!(check_handlers_exist(&people, &[handler("ghost", Role::Mediator)], zh01).is_err());
    }

    const ZH01: Within<'static> = Within {
        street: "zhonghua-road",
        community: "zh01",
    };
    const ZH02: Within<'static> = Within {
        street: "zhonghua-road",
        community: "zh02",
    };
    const HQ01: Within<'static> = Within {
        street: "hongqi",
        community: "hq01",
    };

    #[test]
    fn coordinators_and_admins_handle_no_cases_and_handlers_serve_the_community() {
        let person = |role, scope| Person {
            username: "p".into(),
            display_name: "P".into(),
            role,
            scope,
        };
        let zh01 = || Scope::communities(["zh01"]);
        let zhonghua = || Scope::street("zhonghua-road");
        assert!(can_handle(&person(Role::Mediator, zh01()), Some(ZH01)));
        assert!(can_handle(&person(Role::Mediator, zh01()), None));
        assert!(!can_handle(&person(Role::Mediator, zh01()), Some(ZH02)));
        assert!(can_handle(&person(Role::Judge, zhonghua()), Some(ZH02)));
        assert!(!can_handle(&person(Role::Judge, zhonghua()), Some(HQ01)));
        assert!(!can_handle(&person(Role::Coordinator, zhonghua()), None));
        assert!(!can_handle(&person(Role::Admin, zhonghua()), Some(ZH01)));
        assert!(!can_handle(
            &person(Role::DistrictCoordinator, Scope::District),
            Some(HQ01)
        ));
    }

    #[test]
    fn a_scope_reaches_its_communities_its_street_or_the_district() {
        let scope = Scope::communities(["zh01"]);
        assert!(scope.includes(ZH01));
        assert!(!scope.includes(ZH02));
        assert!(Scope::street("zhonghua-road").includes(ZH02));
        assert!(!Scope::street("zhonghua-road").includes(HQ01));
        assert!(Scope::District.includes(HQ01));
        // A record from before streets had ids reaches nothing until it is migrated.
        assert!(!Scope::street("").includes(ZH01));
    }

    #[test]
    fn scopes_read_and_write_their_wire_form() {
        let read = |raw: &str| serde_json::from_str::<Scope>(raw).unwrap();
        assert_eq!(read(r#"{"kind":"district"}"#), Scope::District);
        assert_eq!(
            read(r#"{"kind":"street","street":"hongqi"}"#),
            Scope::street("hongqi")
        );
        assert_eq!(read(r#"{"kind":"street"}"#), Scope::street(""));
        assert_eq!(
            read(r#"{"kind":"communities","communities":["zh01"]}"#),
            Scope::communities(["zh01"])
        );
        assert_eq!(
            serde_json::to_string(&Scope::communities(["zh01"])).unwrap(),
            r#"{"kind":"communities","communities":["zh01"]}"#
        );
    }
}
