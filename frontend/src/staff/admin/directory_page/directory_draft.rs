//! The draft of the street directory an admin edits: a signal per field, read back into one
//! directory to save, and where the server's complaints about it belong.

use crate::i18n::staff::StaffMsg;
use accord_shared::directory::{CaseKind, Category, Directory, Grid, Name};
use accord_shared::scheduling::{Place, PlaceKind};
use accord_shared::time_limits::{StageHours, TimeLimitRule, TimeLimits};
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Keys for rows drawn by `For`, so adding a row keeps the others (and focus) in place.
pub(super) fn next_key() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[derive(Debug, Clone, Copy)]
pub(super) struct NameDraft {
    pub(super) zh: RwSignal<String>,
    pub(super) en: RwSignal<String>,
}

impl NameDraft {
    pub(super) fn of(name: &Name) -> Self {
        NameDraft {
            zh: RwSignal::new(name.zh.clone()),
            en: RwSignal::new(name.en.clone()),
        }
    }

    pub(super) fn read(self) -> Name {
        Name {
            zh: self.zh.get_untracked().trim().to_owned(),
            en: self.en.get_untracked().trim().to_owned(),
        }
    }
}

/// A grid or a category: its id can be typed only while it is new (cases refer to it).
#[derive(Debug, Clone, Copy)]
pub(super) struct EntryDraft {
    pub(super) key: usize,
    pub(super) id: RwSignal<String>,
    pub(super) fresh: bool,
    pub(super) kind: RwSignal<CaseKind>,
    pub(super) name: NameDraft,
}

impl EntryDraft {
    pub(super) fn existing(id: &str, kind: CaseKind, name: &Name) -> Self {
        EntryDraft {
            key: next_key(),
            id: RwSignal::new(id.to_owned()),
            fresh: false,
            kind: RwSignal::new(kind),
            name: NameDraft::of(name),
        }
    }

    pub(super) fn fresh(kind: CaseKind) -> Self {
        EntryDraft {
            key: next_key(),
            id: RwSignal::new(String::new()),
            fresh: true,
            kind: RwSignal::new(kind),
            name: NameDraft::of(&Name::new("", "")),
        }
    }
}

/// A mediation room or judge workstation: names and capacity can change; its id, kind and
/// community can be chosen only while it is new (sessions refer to it).
#[derive(Debug, Clone, Copy)]
pub(super) struct PlaceDraft {
    pub(super) key: usize,
    pub(super) id: RwSignal<String>,
    pub(super) fresh: bool,
    pub(super) kind: RwSignal<PlaceKind>,
    /// `None` for a place of the whole street.
    pub(super) community: RwSignal<Option<String>>,
    pub(super) name: NameDraft,
    pub(super) capacity: RwSignal<String>,
}

impl PlaceDraft {
    pub(super) fn existing(place: &Place) -> Self {
        PlaceDraft {
            key: next_key(),
            id: RwSignal::new(place.id.clone()),
            fresh: false,
            kind: RwSignal::new(place.kind),
            community: RwSignal::new(place.community.clone()),
            name: NameDraft::of(&place.name),
            capacity: RwSignal::new(place.capacity.to_string()),
        }
    }

    pub(super) fn fresh() -> Self {
        PlaceDraft {
            key: next_key(),
            id: RwSignal::new(String::new()),
            fresh: true,
            kind: RwSignal::new(PlaceKind::MediationRoom),
            community: RwSignal::new(None),
            name: NameDraft::of(&Name::new("", "")),
            capacity: RwSignal::new(String::new()),
        }
    }
}

pub(super) fn place_kind_msg(kind: PlaceKind) -> StaffMsg {
    match kind {
        PlaceKind::MediationRoom => StaffMsg::PlaceMediationRoom,
        PlaceKind::JudgeWorkstation => StaffMsg::PlaceJudgeWorkstation,
    }
}

#[derive(Debug, Clone)]
pub(super) struct CommunityDraft {
    pub(super) id: String,
    pub(super) number: u8,
    pub(super) name: NameDraft,
    pub(super) grids: RwSignal<Vec<EntryDraft>>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct RuleDraft {
    pub(super) rule_key: usize,
    pub(super) hours: [RwSignal<String>; 4],
}

#[derive(Debug, Clone)]
pub(super) struct DirectoryDraft {
    pub(super) original: Directory,
    pub(super) communities: Vec<CommunityDraft>,
    pub(super) categories: RwSignal<Vec<EntryDraft>>,
    pub(super) places: RwSignal<Vec<PlaceDraft>>,
    pub(super) rules: Vec<(TimeLimitRule, RuleDraft)>,
    pub(super) retention_days: RwSignal<String>,
}

impl DirectoryDraft {
    pub(super) fn of(dir: &Directory) -> Self {
        DirectoryDraft {
            original: dir.clone(),
            communities: dir
                .communities
                .iter()
                .map(|c| CommunityDraft {
                    id: c.id.clone(),
                    number: c.number,
                    name: NameDraft::of(&c.name),
                    grids: RwSignal::new(
                        c.grids
                            .iter()
                            .map(|g| EntryDraft::existing(&g.id, CaseKind::Dispute, &g.name))
                            .collect(),
                    ),
                })
                .collect(),
            categories: RwSignal::new(
                dir.categories
                    .iter()
                    .map(|c| EntryDraft::existing(&c.id, c.kind, &c.name))
                    .collect(),
            ),
            places: RwSignal::new(dir.places.iter().map(PlaceDraft::existing).collect()),
            rules: dir
                .time_limits
                .rules
                .iter()
                .map(|rule| {
                    let h = rule.hours;
                    let cell = |n: u32| RwSignal::new(n.to_string());
                    (
                        rule.clone(),
                        RuleDraft {
                            rule_key: next_key(),
                            hours: [
                                cell(h.triage),
                                cell(h.dispatch),
                                cell(h.handling),
                                cell(h.follow_up),
                            ],
                        },
                    )
                })
                .collect(),
            retention_days: RwSignal::new(dir.retention_days.to_string()),
        }
    }

    /// The directory to send, or the section whose numbers are not whole numbers.
    pub(super) fn read(&self) -> Result<Directory, &'static str> {
        let mut dir = self.original.clone();
        dir.communities = self
            .original
            .communities
            .iter()
            .zip(&self.communities)
            .map(|(old, draft)| {
                let mut community = old.clone();
                debug_assert_eq!(old.id, draft.id);
                community.name = draft.name.read();
                community.grids = draft
                    .grids
                    .get_untracked()
                    .iter()
                    .map(|g| Grid {
                        id: g.id.get_untracked().trim().to_owned(),
                        name: g.name.read(),
                    })
                    .collect();
                community
            })
            .collect();
        dir.categories = self
            .categories
            .get_untracked()
            .iter()
            .map(|c| Category {
                id: c.id.get_untracked().trim().to_owned(),
                kind: c.kind.get_untracked(),
                name: c.name.read(),
            })
            .collect();
        let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<u32>().ok();
        let mut places = Vec::new();
        for p in self.places.get_untracked() {
            places.push(Place {
                id: p.id.get_untracked().trim().to_owned(),
                name: p.name.read(),
                kind: p.kind.get_untracked(),
                community: p.community.get_untracked(),
                capacity: number(p.capacity).ok_or("places")?,
            });
        }
        dir.places = places;
        let mut rules = Vec::with_capacity(self.rules.len());
        for (rule, draft) in &self.rules {
            let [triage, dispatch, handling, follow_up] = draft.hours.map(number);
            let (Some(triage), Some(dispatch), Some(handling), Some(follow_up)) =
                (triage, dispatch, handling, follow_up)
            else {
                return Err("time_limits");
            };
            rules.push(TimeLimitRule {
                hours: StageHours {
                    triage,
                    dispatch,
                    handling,
                    follow_up,
                },
                ..rule.clone()
            });
        }
        dir.time_limits = TimeLimits { rules };
        dir.retention_days = number(self.retention_days).ok_or("retention_days")?;
        Ok(dir)
    }
}

/// The section a field the server named belongs to, and what to say.
pub(super) fn section_problem(field: &str) -> (&'static str, StaffMsg) {
    match field {
        "communities.number" => ("d-communities", StaffMsg::DirProblemNumber),
        "communities.grids" => ("d-communities", StaffMsg::DirProblemGrids),
        f if f.starts_with("communities") || f.starts_with("street") => {
            ("d-communities", StaffMsg::DirProblemCommunities)
        }
        f if f.starts_with("categories") => ("d-categories", StaffMsg::DirProblemCategories),
        f if f.starts_with("places") => ("d-places", StaffMsg::DirProblemPlaces),
        f if f.starts_with("time_limits") => ("d-time_limits", StaffMsg::DirProblemTimeLimits),
        _ => ("d-retention", StaffMsg::DirProblemRetention),
    }
}
