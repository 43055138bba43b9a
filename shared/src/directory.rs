//! The district directory: the district, its streets, their communities and grids, the
//! categories and time limits (set for the district, overridden per street), and the places
//! where sessions are held. Read-mostly, no personal data, kept in Workers KV and sent whole
//! to the browser.

use crate::fields::{FieldError, FieldProblem};
use crate::geo::{GeoPoint, GridArea};
use crate::questions::{check_questions, Question};
use crate::scheduling::calendar::Place;
use crate::staff::{Scope, Within};
use crate::time_limits::table::TimeLimits;
use serde::{Deserialize, Serialize};

pub use crate::vocabulary::{CaseKind, Name};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub kind: CaseKind,
    pub name: Name,
    /// What a filing of this category is asked beyond the common fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    /// Counted up by every change to `questions`; a case keeps the version it was asked.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub questions_version: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grid {
    pub id: String,
    pub name: Name,
    /// The ground it covers, for finding the grid of a reported point; a grid set up before
    /// areas existed has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<GridArea>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Community {
    /// Unique across the district: one Durable Object per community is named by it.
    pub id: String,
    /// The street it belongs to.
    #[serde(default)]
    pub street: String,
    /// Two-digit number used in case codes, unique within its street (`ZH07-2026-0001`
    /// belongs to community 7 of the street whose prefix is `ZH`).
    pub number: u8,
    pub name: Name,
    pub grids: Vec<Grid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct District {
    pub id: String,
    pub name: Name,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Street {
    pub id: String,
    /// Prefix of every case code of the street, e.g. `ZH`; unique in the district.
    pub code_prefix: String,
    pub name: Name,
    /// The street's own deadlines, replacing the district's; `None` keeps the district's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limits: Option<TimeLimits>,
    /// The district categories this street offers (ids); `None` offers all of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
    /// Set on the street migrated from the single-street version: its per-street objects
    /// keep the names they had then (`street`, `calendar`), so their data stays where it is.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kept_object_names: bool,
    /// The street office's phone, which residents call (a lost secret, a question).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// The whole directory of one district, versioned as a stored record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    pub schema_version: u32,
    pub district: District,
    pub streets: Vec<Street>,
    pub communities: Vec<Community>,
    pub categories: Vec<Category>,
    /// The district's deadlines of each stage by category × risk (a street may replace them);
    /// an admin may change them.
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

/// 2: a district of streets (1 was one street).
pub const DIRECTORY_SCHEMA_VERSION: u32 = 2;

impl Directory {
    pub fn community(&self, id: &str) -> Option<&Community> {
        self.communities.iter().find(|c| c.id == id)
    }

    pub fn street(&self, id: &str) -> Option<&Street> {
        self.streets.iter().find(|s| s.id == id)
    }

    /// The street a community belongs to.
    pub fn street_of(&self, community: &Community) -> Option<&Street> {
        self.street(&community.street)
    }

    /// A community and its street as the policy sees them; `None` for an unknown community.
    pub fn within(&self, community_id: &str) -> Option<Within<'_>> {
        self.community(community_id).map(|c| Within {
            street: &c.street,
            community: &c.id,
        })
    }

    /// Whether a known community is within `scope`.
    pub fn in_scope(&self, scope: &Scope, community_id: &str) -> bool {
        self.within(community_id)
            .is_some_and(|at| scope.includes(at))
    }

    /// The communities within `scope`, in directory order.
    pub fn communities_in<'a>(&'a self, scope: &'a Scope) -> impl Iterator<Item = &'a Community> {
        self.communities.iter().filter(move |c| {
            scope.includes(Within {
                street: &c.street,
                community: &c.id,
            })
        })
    }

    /// The communities of one street, in directory order.
    pub fn communities_of<'a>(&'a self, street: &'a str) -> impl Iterator<Item = &'a Community> {
        self.communities.iter().filter(move |c| c.street == street)
    }

    /// The community a case code routes to: the street with the code's prefix, and the
    /// community of that street with the code's number.
    pub fn community_of(&self, code: &crate::code::CaseCode) -> Option<&Community> {
        let street = self
            .streets
            .iter()
            .find(|s| s.code_prefix == code.prefix())?;
        self.communities_of(&street.id)
            .find(|c| c.number == code.community_number())
    }

    /// The prefix of the case codes of a community (its street's).
    pub fn code_prefix_of(&self, community: &Community) -> Option<&str> {
        self.street_of(community).map(|s| s.code_prefix.as_str())
    }

    /// The deadlines that apply in a community: its street's own, or the district's.
    pub fn limits_for(&self, community_id: &str) -> &TimeLimits {
        self.community(community_id)
            .and_then(|c| self.street_of(c))
            .and_then(|s| s.time_limits.as_ref())
            .unwrap_or(&self.time_limits)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Whether a category is offered in a community's street.
    pub fn category_offered(&self, category: &str, community: &Community) -> bool {
        self.category(category).is_some()
            && self
                .street_of(community)
                .and_then(|s| s.categories.as_ref())
                .is_none_or(|ids| ids.iter().any(|id| id == category))
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    pub fn categories_of(&self, kind: CaseKind) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(move |c| c.kind == kind)
    }
}

impl Directory {
    /// What an admin's edit must keep true: unique ids, prefixes and numbers, at least one
    /// street, one community per street, one grid per community and one category per kind,
    /// names in both languages, sane time limits.
    pub fn validate(&self) -> Result<(), FieldError> {
        use std::collections::HashSet;
        let bad = |field: &'static str| Err(FieldError::new(field, FieldProblem::InvalidFormat));
        let named = |n: &Name| !n.zh.trim().is_empty() && !n.en.trim().is_empty();
        // An address, where given: at most 100 characters a language, no control characters.
        let address_ok = |a: &Name| {
            [&a.zh, &a.en]
                .iter()
                .all(|t| t.chars().count() <= 100 && !t.chars().any(char::is_control))
        };
        let id_ok = |id: &str| {
            !id.trim().is_empty()
                && id.len() <= 32
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        if self.district.id.trim().is_empty() || !named(&self.district.name) {
            return bad("district");
        }
        if self.streets.is_empty() {
            return bad("streets");
        }
        let mut street_ids = HashSet::new();
        let mut prefixes = HashSet::new();
        for street in &self.streets {
            if !id_ok(&street.id) || !street_ids.insert(street.id.as_str()) || !named(&street.name)
            {
                return bad("streets");
            }
            let prefix = &street.code_prefix;
            if !(1..=4).contains(&prefix.len())
                || !prefix.chars().all(|c| c.is_ascii_uppercase())
                || !prefixes.insert(prefix.as_str())
            {
                return bad("streets.code_prefix");
            }
            let known = |id: &String| self.category(id).is_some();
            if street
                .categories
                .as_ref()
                .is_some_and(|ids| ids.is_empty() || !ids.iter().all(known))
            {
                return bad("streets.categories");
            }
        }
        if self.communities.is_empty() {
            return bad("communities");
        }
        let mut ids = HashSet::new();
        let mut numbers = HashSet::new();
        let mut grids = HashSet::new();
        for c in &self.communities {
            if !id_ok(&c.id) || !ids.insert(c.id.as_str()) || !named(&c.name) {
                return bad("communities");
            }
            if !street_ids.contains(c.street.as_str()) {
                return bad("communities.street");
            }
            if !(1..=99).contains(&c.number) || !numbers.insert((c.street.as_str(), c.number)) {
                return bad("communities.number");
            }
            if c.grids.is_empty() {
                return bad("communities.grids");
            }
            for g in &c.grids {
                if g.id.trim().is_empty() || !grids.insert(g.id.as_str()) || !named(&g.name) {
                    return bad("communities.grids");
                }
                // A grid wider than a city is a typing error.
                if g.area
                    .is_some_and(|a| a.radius_m == 0 || a.radius_m > MAX_GRID_RADIUS_M)
                {
                    return bad("communities.grids");
                }
            }
        }
        let mut categories = HashSet::new();
        for c in &self.categories {
            if c.id.trim().is_empty() || !categories.insert(c.id.as_str()) || !named(&c.name) {
                return bad("categories");
            }
            check_questions(&c.questions)?;
        }
        for kind in [CaseKind::Dispute, CaseKind::Hazard] {
            if self.categories_of(kind).next().is_none() {
                return bad("categories");
            }
        }
        if self
            .streets
            .iter()
            .any(|s| self.communities_of(&s.id).next().is_none())
        {
            return bad("communities.street");
        }
        let sane = |h: u32| (1..=24 * 366).contains(&h);
        let overrides = self.streets.iter().filter_map(|s| s.time_limits.as_ref());
        for rule in std::iter::once(&self.time_limits)
            .chain(overrides)
            .flat_map(|limits| &limits.rules)
        {
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
            let community_ok = match p.community.as_deref() {
                Some(id) => self.community(id).is_some_and(|c| c.street == p.street),
                None => street_ids.contains(p.street.as_str()),
            };
            if p.id.trim().is_empty()
                || !places.insert(p.id.as_str())
                || !named(&p.name)
                || !community_ok
                || !(1..=500).contains(&p.capacity)
                || !p.address.as_ref().is_none_or(address_ok)
            {
                return bad("places");
            }
        }
        Ok(())
    }
}

/// The directory as the single-street version stored it (schema 1).
#[derive(Debug, Clone, Deserialize)]
struct DirectoryV1 {
    street: StreetV1,
    communities: Vec<Community>,
    categories: Vec<Category>,
    #[serde(default = "TimeLimits::defaults")]
    time_limits: TimeLimits,
    #[serde(default = "default_retention_days")]
    retention_days: u32,
    #[serde(default)]
    places: Vec<Place>,
}

#[derive(Debug, Clone, Deserialize)]
struct StreetV1 {
    id: String,
    code_prefix: String,
    name: Name,
    district: Name,
}

/// A stored directory, read whatever its schema: the current one, or migrated from the
/// single-street version (then `migrated_street` names the street it knew).
#[derive(Debug, Clone)]
pub struct StoredDirectory {
    pub directory: Directory,
    pub migrated_street: Option<String>,
}

/// The district a single-street directory is migrated into.
pub const MIGRATED_DISTRICT_ID: &str = "district";

#[derive(Deserialize)]
struct Version {
    schema_version: u32,
}

impl StoredDirectory {
    /// Whether a stored directory has the current schema (it is read as it is).
    pub fn is_current(raw: &str) -> bool {
        serde_json::from_str::<Version>(raw)
            .is_ok_and(|v| v.schema_version >= DIRECTORY_SCHEMA_VERSION)
    }

    pub fn parse(raw: &str) -> Result<StoredDirectory, serde_json::Error> {
        if serde_json::from_str::<Version>(raw)?.schema_version >= DIRECTORY_SCHEMA_VERSION {
            return Ok(StoredDirectory {
                directory: serde_json::from_str(raw)?,
                migrated_street: None,
            });
        }
        let old: DirectoryV1 = serde_json::from_str(raw)?;
        let street_id = old.street.id.clone();
        let in_street = |mut c: Community| {
            c.street = street_id.clone();
            c
        };
        let places = old
            .places
            .into_iter()
            .map(|mut p| {
                p.street = street_id.clone();
                p
            })
            .collect();
        Ok(StoredDirectory {
            directory: Directory {
                schema_version: DIRECTORY_SCHEMA_VERSION,
                district: District {
                    id: MIGRATED_DISTRICT_ID.to_owned(),
                    name: old.street.district,
                },
                streets: vec![Street {
                    id: old.street.id.clone(),
                    code_prefix: old.street.code_prefix,
                    name: old.street.name,
                    time_limits: None,
                    categories: None,
                    kept_object_names: true,
                    phone: None,
                }],
                communities: old.communities.into_iter().map(in_street).collect(),
                categories: old.categories,
                time_limits: old.time_limits,
                retention_days: old.retention_days,
                places,
            },
            migrated_street: Some(old.street.id),
        })
    }
}

/// The widest a grid's area may be, in metres.
pub const MAX_GRID_RADIUS_M: u32 = 20_000;

impl Community {
    pub fn grid(&self, id: &str) -> Option<&Grid> {
        self.grids.iter().find(|g| g.id == id)
    }
}

impl Directory {
    /// The grid a point falls in: among the grids of `community` when one is chosen (and
    /// known), else among every grid of the district; `None` when none has an area.
    pub fn grid_at(&self, community: Option<&str>, point: GeoPoint) -> Option<(&Community, &Grid)> {
        let chosen: Vec<&Community> = match community.and_then(|id| self.community(id)) {
            Some(c) => vec![c],
            None => self.communities.iter().collect(),
        };
        let pairs = chosen
            .iter()
            .flat_map(|c| c.grids.iter().map(|g| (g.id.as_str(), g.area.as_ref())));
        let id = crate::geo::grid_at(pairs, point)?;
        chosen.into_iter().find_map(|c| c.grid(id).map(|g| (c, g)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert_eq!(
            dir.community_of(&code("ZS01-2026-0001"))
                .map(|c| c.id.as_str()),
            Some("zs01")
        );
    }

    /// A directory as the single-street version wrote it.
    const SINGLE_STREET: &str = r#"{"schema_version":1,
        "street":{"id":"zhonghua-road","code_prefix":"ZH",
          "name":{"zh":"中华路街道","en":"Zhonghua Road Street"},
          "district":{"zh":"甘井子区","en":"Ganjingzi District"}},
        "communities":[{"id":"zh01","number":1,"name":{"zh":"一","en":"One"},
          "grids":[{"id":"zh01-g1","name":{"zh":"第1网格","en":"Grid 1"}}]}],
        "categories":[
          {"id":"neighbours","kind":"dispute","name":{"zh":"邻里","en":"Neighbours"}},
          {"id":"fire_escape","kind":"hazard","name":{"zh":"消防","en":"Fire escape"}}],
        "retention_days":1095,
        "places":[{"id":"zh01-room","name":{"zh":"调解室","en":"Room"},
          "kind":"mediation_room","community":"zh01","capacity":8}]}"#;

    #[test]
    fn a_single_street_directory_becomes_a_district_of_that_street() {
        let stored = StoredDirectory::parse(SINGLE_STREET).unwrap();
        assert_eq!(stored.migrated_street.as_deref(), Some("zhonghua-road"));
        let dir = stored.directory;
        assert_eq!(dir.schema_version, DIRECTORY_SCHEMA_VERSION);
        assert_eq!(dir.district.name.en, "Ganjingzi District");
        assert_eq!(dir.streets.len(), 1);
        assert!(dir.streets[0].kept_object_names);
        assert_eq!(dir.communities[0].street, "zhonghua-road");
        assert_eq!(dir.places[0].street, "zhonghua-road");
        assert!(dir.validate().is_ok(), "{:?}", dir.validate());
        // Today's codes stay valid.
        let code = CaseCode::parse("ZH01-2026-0001").unwrap();
        assert_eq!(dir.community_of(&code).map(|c| c.id.as_str()), Some("zh01"));
        // Read again, it is current and not migrated twice.
        let again = StoredDirectory::parse(&serde_json::to_string(&dir).unwrap()).unwrap();
        assert_eq!(again.migrated_street, None);
        assert_eq!(again.directory, dir);
    }

    #[test]
    fn streets_keep_prefixes_unique_and_numbers_unique_within_each() {
        let dir = demo_directory();
        assert!(dir.validate().is_ok(), "{:?}", dir.validate());
        let mut same_prefix = dir.clone();
        same_prefix.streets[1].code_prefix = "ZH".into();
        assert!(same_prefix.validate().is_err());
        // zs01 is number 1 like zh01: fine in another street, not in the same one.
        let mut same_number = dir.clone();
        let zs01 = same_number
            .communities
            .iter_mut()
            .find(|c| c.id == "zs01")
            .unwrap();
        zs01.street = "zhonghua-road".into();
        assert!(same_number.validate().is_err());
        let mut unknown_street = dir.clone();
        unknown_street.communities[0].street = "nowhere".into();
        assert!(unknown_street.validate().is_err());
    }

    #[test]
    fn a_place_may_give_an_address_of_bounded_plain_text() {
        let dir = demo_directory();
        assert!(dir.places.iter().all(|p| p.address.is_some()));
        let mut long = dir.clone();
        long.places[0].address = Some(Name::new(&"楼".repeat(101), "x"));
        assert_eq!(long.validate().unwrap_err().field, "places");
        let mut broken = dir.clone();
        broken.places[0].address = Some(Name::new("二楼\n", "2nd floor"));
        assert_eq!(broken.validate().unwrap_err().field, "places");
        let mut none = dir;
        none.places[0].address = None;
        assert!(none.validate().is_ok());
    }

    #[test]
    fn a_street_may_replace_the_district_time_limits() {
        let mut dir = demo_directory();
        assert_eq!(dir.limits_for("zs01"), &dir.time_limits);
        let mut own = dir.time_limits.clone();
        own.rules[0].hours.triage = 12;
        let zhoushuizi = dir
            .streets
            .iter_mut()
            .find(|s| s.id == "zhoushuizi")
            .unwrap();
        zhoushuizi.time_limits = Some(own.clone());
        assert_eq!(dir.limits_for("zs01"), &own);
        assert_eq!(dir.limits_for("zh01"), &dir.time_limits);
    }
}
