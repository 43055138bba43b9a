//! Staff roles and the communities an account is scoped to.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_community_scope_excludes_other_communities() {
        let scope = Scope::Communities(vec!["zh01".into()]);
        assert!(scope.includes("zh01"));
        assert!(!scope.includes("zh02"));
        assert!(Scope::Street.includes("zh02"));
    }
}
