//! The street directory: communities, grids and categories. Read-mostly, no personal data,
//! kept in Workers KV and sent whole to the browser.

use crate::fields::{FieldError, FieldProblem};
use crate::scheduling::calendar::Place;
use crate::time_limits::table::TimeLimits;
use serde::{Deserialize, Serialize};

pub use crate::vocabulary::{CaseKind, Name};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub kind: CaseKind,
    pub name: Name,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grid {
    pub id: String,
    pub name: Name,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Community {
    pub id: String,
    /// Two-digit number used in case codes (`ZH07-2026-0001` belongs to community 7).
    pub number: u8,
    pub name: Name,
    pub grids: Vec<Grid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Street {
    pub id: String,
    /// Prefix of every case code of the street, e.g. `ZH`.
    pub code_prefix: String,
    pub name: Name,
    pub district: Name,
}

/// The whole directory of one street, versioned as a stored record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    pub schema_version: u32,
    pub street: Street,
    pub communities: Vec<Community>,
    pub categories: Vec<Category>,
    /// Deadlines of each stage by category × risk; an admin may change them.
    #[serde(default = "TimeLimits::defaults")]
    pub time_limits: TimeLimits,
    /// Days after closure before a case's personal data is erased (its figures stay).
    #[serde(default = "default_retention_days")]
    pub retention_days: u32,
    /// Mediation rooms and judge workstations where sessions take place.
    #[serde(default)]
    pub places: Vec<Place>,
}

/// Three years after closure.
pub fn default_retention_days() -> u32 {
    3 * 365
}

pub const DIRECTORY_SCHEMA_VERSION: u32 = 1;

impl Directory {
    pub fn community(&self, id: &str) -> Option<&Community> {
        self.communities.iter().find(|c| c.id == id)
    }

    pub fn community_by_number(&self, number: u8) -> Option<&Community> {
        self.communities.iter().find(|c| c.number == number)
    }

    /// The community a case code routes to: the street's prefix and a known community number.
    pub fn community_of(&self, code: &crate::code::CaseCode) -> Option<&Community> {
        self.community_by_number(code.community_number())
            .filter(|_| code.prefix() == self.street.code_prefix)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    pub fn categories_of(&self, kind: CaseKind) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(move |c| c.kind == kind)
    }
}

impl Directory {
    /// What an admin's edit must keep true: unique ids and numbers, at least one grid per
    /// community and one category per kind, names in both languages, sane time limits.
    pub fn validate(&self) -> Result<(), FieldError> {
        use std::collections::HashSet;
        let bad = |field: &'static str| Err(FieldError::new(field, FieldProblem::InvalidFormat));
        let named = |n: &Name| !n.zh.trim().is_empty() && !n.en.trim().is_empty();
        let prefix = &self.street.code_prefix;
        if !(1..=4).contains(&prefix.len()) || !prefix.chars().all(|c| c.is_ascii_uppercase()) {
            return bad("street.code_prefix");
        }
        if self.communities.is_empty() {
            return bad("communities");
        }
        let mut ids = HashSet::new();
        let mut numbers = HashSet::new();
        let mut grids = HashSet::new();
        for c in &self.communities {
            let id_ok = !c.id.trim().is_empty() && c.id.len() <= 32;
            if !id_ok || !ids.insert(c.id.as_str()) || !named(&c.name) {
                return bad("communities");
            }
            if !(1..=99).contains(&c.number) || !numbers.insert(c.number) {
                return bad("communities.number");
            }
            if c.grids.is_empty() {
                return bad("communities.grids");
            }
            for g in &c.grids {
                if g.id.trim().is_empty() || !grids.insert(g.id.as_str()) || !named(&g.name) {
                    return bad("communities.grids");
                }
            }
        }
        let mut categories = HashSet::new();
        for c in &self.categories {
            if c.id.trim().is_empty() || !categories.insert(c.id.as_str()) || !named(&c.name) {
                return bad("categories");
            }
        }
        for kind in [CaseKind::Dispute, CaseKind::Hazard] {
            if self.categories_of(kind).next().is_none() {
                return bad("categories");
            }
        }
        let sane = |h: u32| (1..=24 * 366).contains(&h);
        for rule in &self.time_limits.rules {
            let h = rule.hours;
            if ![h.triage, h.dispatch, h.handling, h.follow_up]
                .into_iter()
                .all(sane)
            {
                return bad("time_limits");
            }
        }
        if !(30..=36_500).contains(&self.retention_days) {
            return bad("retention_days");
        }
        let mut places = HashSet::new();
        for p in &self.places {
            let community_ok = p.community.as_deref().is_none_or(|c| ids.contains(c));
            if p.id.trim().is_empty()
                || !places.insert(p.id.as_str())
                || !named(&p.name)
                || !community_ok
                || !(1..=500).contains(&p.capacity)
            {
                return bad("places");
            }
        }
        Ok(())
    }
}

impl Community {
    pub fn grid(&self, id: &str) -> Option<&Grid> {
        self.grids.iter().find(|g| g.id == id)
    }
}

#[cfg(test)]
mod tests {
    use crate::code::CaseCode;
    use crate::demo::demo_directory;

    #[test]
    fn a_code_routes_to_its_community_only_with_the_street_prefix() {
        let dir = demo_directory();
        let code = |raw: &str| CaseCode::parse(raw).unwrap();
        assert_eq!(
            dir.community_of(&code("zh01-2026-0001"))
                .map(|c| c.id.as_str()),
            Some("zh01")
        );
        assert!(dir.community_of(&code("XY01-2026-0001")).is_none());
        assert!(dir.community_of(&code("ZH99-2026-0001")).is_none());
    }
}
