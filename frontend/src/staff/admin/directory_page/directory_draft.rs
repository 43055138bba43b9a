//! The draft of the district directory an admin edits: a signal per field, read back into one
//! directory to save, and where the server's complaints about it belong.

use crate::i18n::staff::StaffMsg;
use accord_shared::directory::{CaseKind, Category, Community, Directory, Grid, Name};
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

/// A mediation room or judge workstation: names and capacity can change; its id, kind,
/// community and street can be chosen only while it is new (sessions refer to it).
#[derive(Debug, Clone, Copy)]
pub(super) struct PlaceDraft {
    pub(super) key: usize,
    pub(super) id: RwSignal<String>,
    pub(super) fresh: bool,
    pub(super) kind: RwSignal<PlaceKind>,
    /// `None` for a place shared by the whole street.
    pub(super) community: RwSignal<Option<String>>,
    /// The street of a street-wide place; a community's place takes its community's.
    pub(super) street: RwSignal<String>,
    pub(super) name: NameDraft,
    /// Where to find it, told to the parties (empty: not given).
    pub(super) address: NameDraft,
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
            street: RwSignal::new(place.street.clone()),
            name: NameDraft::of(&place.name),
            address: NameDraft::of(place.address.as_ref().unwrap_or(&Name::new("", ""))),
            capacity: RwSignal::new(place.capacity.to_string()),
        }
    }

    /// A new place, street-wide in `street` until a community is chosen.
    pub(super) fn fresh(street: &str) -> Self {
        PlaceDraft {
            key: next_key(),
            id: RwSignal::new(String::new()),
            fresh: true,
            kind: RwSignal::new(PlaceKind::MediationRoom),
            community: RwSignal::new(None),
            street: RwSignal::new(street.to_owned()),
            name: NameDraft::of(&Name::new("", "")),
            address: NameDraft::of(&Name::new("", "")),
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

/// A community: names and grids can change; its id, street and number can be chosen only
/// while it is new (case codes and the community's store are named by them).
#[derive(Debug, Clone, Copy)]
pub(super) struct CommunityDraft {
    pub(super) key: usize,
    pub(super) id: RwSignal<String>,
    pub(super) fresh: bool,
    pub(super) street: RwSignal<String>,
    /// The two-digit number in its case codes, as typed.
    pub(super) number: RwSignal<String>,
    pub(super) name: NameDraft,
    pub(super) grids: RwSignal<Vec<EntryDraft>>,
}

impl CommunityDraft {
    fn existing(c: &Community) -> Self {
        CommunityDraft {
            key: next_key(),
            id: RwSignal::new(c.id.clone()),
            fresh: false,
            street: RwSignal::new(c.street.clone()),
            number: RwSignal::new(c.number.to_string()),
            name: NameDraft::of(&c.name),
            grids: RwSignal::new(
                c.grids
                    .iter()
                    .map(|g| EntryDraft::existing(&g.id, CaseKind::Dispute, &g.name))
                    .collect(),
            ),
        }
    }

    /// A new community of `street`, with one empty grid to fill in.
    pub(super) fn fresh(street: &str) -> Self {
        CommunityDraft {
            key: next_key(),
            id: RwSignal::new(String::new()),
            fresh: true,
            street: RwSignal::new(street.to_owned()),
            number: RwSignal::new(String::new()),
            name: NameDraft::of(&Name::new("", "")),
            grids: RwSignal::new(vec![EntryDraft::fresh(CaseKind::Dispute)]),
        }
    }

    fn read(self) -> Result<Community, &'static str> {
        Ok(Community {
            id: self.id.get_untracked().trim().to_owned(),
            street: self.street.get_untracked(),
            number: self
                .number
                .get_untracked()
                .trim()
                .parse()
                .map_err(|_| "communities.number")?,
            name: self.name.read(),
            grids: self
                .grids
                .get_untracked()
                .iter()
                .map(|g| Grid {
                    id: g.id.get_untracked().trim().to_owned(),
                    name: g.name.read(),
                })
                .collect(),
        })
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct RuleDraft {
    pub(super) rule_key: usize,
    pub(super) hours: [RwSignal<String>; 4],
}

#[derive(Debug, Clone)]
pub(super) struct DirectoryDraft {
    pub(super) original: Directory,
    /// The communities of the directory, then the ones added.
    pub(super) communities: RwSignal<Vec<CommunityDraft>>,
    pub(super) categories: RwSignal<Vec<EntryDraft>>,
    pub(super) places: RwSignal<Vec<PlaceDraft>>,
    pub(super) rules: Vec<(TimeLimitRule, RuleDraft)>,
    pub(super) retention_days: RwSignal<String>,
}

impl DirectoryDraft {
    pub(super) fn of(dir: &Directory) -> Self {
        DirectoryDraft {
            original: dir.clone(),
            communities: RwSignal::new(
                dir.communities
                    .iter()
                    .map(CommunityDraft::existing)
                    .collect(),
            ),
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
            .communities
            .get_untracked()
            .into_iter()
            .map(CommunityDraft::read)
            .collect::<Result<_, _>>()?;
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
            let community = p.community.get_untracked();
            // A community's place is in its community's street.
            let street = match community.as_deref().and_then(|id| dir.community(id)) {
                Some(c) => c.street.clone(),
                None => p.street.get_untracked(),
            };
            places.push(Place {
                id: p.id.get_untracked().trim().to_owned(),
                name: p.name.read(),
                kind: p.kind.get_untracked(),
                street,
                community,
                capacity: number(p.capacity).ok_or("places")?,
                address: Some(p.address.read()).filter(|a| !a.zh.is_empty() || !a.en.is_empty()),
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
        "communities.street" => ("d-communities", StaffMsg::DirProblemStreet),
        f if f.starts_with("communities") || f.starts_with("street") || f == "district" => {
            ("d-communities", StaffMsg::DirProblemCommunities)
        }
        f if f.starts_with("categories") => ("d-categories", StaffMsg::DirProblemCategories),
        f if f.starts_with("places") => ("d-places", StaffMsg::DirProblemPlaces),
        f if f.starts_with("time_limits") => ("d-time_limits", StaffMsg::DirProblemTimeLimits),
        _ => ("d-retention", StaffMsg::DirProblemRetention),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_shared::demo::demo_directory;

    #[test]
    fn an_untouched_draft_reads_back_as_the_directory() {
        let dir = demo_directory();
        assert_eq!(DirectoryDraft::of(&dir).read(), Ok(dir));
    }

    #[test]
    fn a_new_community_and_a_street_wide_place_keep_the_streets_chosen_for_them() {
        let dir = demo_directory();
        let draft = DirectoryDraft::of(&dir);
        let community = CommunityDraft::fresh("xinzhaizi");
        community.id.set("xz04".into());
        community.number.set("4".into());
        community.name.zh.set("新社区".into());
        community.name.en.set("New community".into());
        community.grids.with_untracked(|grids| {
            grids[0].id.set("xz04-g1".into());
            grids[0].name.zh.set("第一网格".into());
            grids[0].name.en.set("Grid 1".into());
        });
        draft.communities.update(|list| list.push(community));
        let hall = PlaceDraft::fresh("zhonghua-road");
        hall.id.set("zs-hall".into());
        hall.street.set("zhoushuizi".into());
        hall.name.zh.set("会议室".into());
        hall.name.en.set("Hall".into());
        hall.capacity.set("20".into());
        let room = PlaceDraft::fresh("zhonghua-road");
        room.id.set("xz04-room".into());
        room.community.set(Some("xz04".into()));
        room.name.zh.set("调解室".into());
        room.name.en.set("Room".into());
        room.capacity.set("6".into());
        draft.places.update(|list| list.extend([hall, room]));

        let read = draft.read().unwrap();
        read.validate().unwrap();
        let added = read.community("xz04").unwrap();
        assert_eq!((added.street.as_str(), added.number), ("xinzhaizi", 4));
        assert_eq!(read.place("zs-hall").unwrap().street, "zhoushuizi");
        // A community's place takes its community's street, whatever the street select held.
        assert_eq!(read.place("xz04-room").unwrap().street, "xinzhaizi");
    }

    #[test]
    fn a_number_that_is_not_a_whole_number_names_the_communities() {
        let draft = DirectoryDraft::of(&demo_directory());
        let community = CommunityDraft::fresh("zhoushuizi");
        community.number.set("five".into());
        draft.communities.update(|list| list.push(community));
        assert_eq!(draft.read().err(), Some("communities.number"));
        assert_eq!(
            section_problem("communities.street"),
            ("d-communities", StaffMsg::DirProblemStreet)
        );
    }
}
