//! The street directory: communities, grids and categories. Read-mostly, no personal data,
//! kept in Workers KV and sent whole to the browser.

use crate::time_limits::TimeLimits;
use serde::{Deserialize, Serialize};

/// A name in both languages of the product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    pub zh: String,
    pub en: String,
}

impl Name {
    pub fn new(zh: &str, en: &str) -> Self {
        Self {
            zh: zh.to_owned(),
            en: en.to_owned(),
        }
    }
}

/// The two kinds of matter that share one pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// 矛盾纠纷: a conflict between people.
    Dispute,
    /// 隐患/公共事项: a hazard or public matter.
    Hazard,
}

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
}

pub const DIRECTORY_SCHEMA_VERSION: u32 = 1;

impl Directory {
    pub fn community(&self, id: &str) -> Option<&Community> {
        self.communities.iter().find(|c| c.id == id)
    }

    pub fn community_by_number(&self, number: u8) -> Option<&Community> {
        self.communities.iter().find(|c| c.number == number)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn categories_of(&self, kind: CaseKind) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(move |c| c.kind == kind)
    }
}

impl Community {
    pub fn grid(&self, id: &str) -> Option<&Grid> {
        self.grids.iter().find(|g| g.id == id)
    }
}
