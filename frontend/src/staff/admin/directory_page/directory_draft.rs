//! The drafts of the parts of the directory an admin edits (a community with its places, a
//! table of time limits, categories): a signal per field, read back into the part to save,
//! and where the server's complaints about it belong.

use crate::i18n::staff::{Said, StaffMsg};
use accord_shared::directory::{CaseKind, Category, Community, Grid, Name};
use accord_shared::directory_edit::{CommunityEdit, PlaceEntry};
use accord_shared::geo::GridArea;
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

impl PlaceDraft {
    /// The place as a part names it, or `places` when its capacity is not a whole number.
    pub(super) fn read(&self) -> Result<PlaceEntry, &'static str> {
        Ok(PlaceEntry {
            id: self.id.get_untracked().trim().to_owned(),
            name: self.name.read(),
            kind: self.kind.get_untracked(),
            capacity: self
                .capacity
                .get_untracked()
                .trim()
                .parse()
                .map_err(|_| "places")?,
            address: Some(self.address.read()).filter(|a| !a.zh.is_empty() || !a.en.is_empty()),
        })
    }
}

impl EntryDraft {
    /// The draft as a category. Its extra questions are saved on their own screen, and the
    /// server keeps them as stored whatever this sends.
    pub(super) fn category(&self) -> Category {
        Category {
            id: self.id.get_untracked().trim().to_owned(),
            kind: self.kind.get_untracked(),
            name: self.name.read(),
            questions: Vec::new(),
            questions_version: 0,
        }
    }
}

/// What a screen says is wrong, and where: the id of the place beside the field.
pub(super) type Problem = RwSignal<Option<(&'static str, Said)>>;

/// The error beside a field (`{id}-error`), shown while `problem` names `id`.
pub(super) fn problem_slot(problem: Problem, id: &'static str) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let text = move || {
        problem
            .get()
            .filter(|(at, _)| *at == id)
            .map(|(_, said)| said.text(i18n.lang()))
    };
    view! {
        <p class="notice error-notice" id=format!("{id}-error") tabindex="-1" role="alert" hidden=move || text().is_none()>
            {text}
        </p>
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
    /// The grids' areas as stored (not edited here): kept for the grids that keep their id.
    pub(super) areas: StoredValue<Vec<(String, GridArea)>>,
}

impl CommunityDraft {
    pub(super) fn existing(c: &Community) -> Self {
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
            areas: StoredValue::new(
                c.grids
                    .iter()
                    .filter_map(|g| g.area.map(|a| (g.id.clone(), a)))
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
            areas: StoredValue::new(Vec::new()),
        }
    }

    /// The community's id and the part to save with `places` (its places' drafts), or the
    /// field whose numbers are not whole numbers.
    pub(super) fn read(
        self,
        places: &[PlaceDraft],
    ) -> Result<(String, CommunityEdit), &'static str> {
        let edit = CommunityEdit {
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
                .map(|g| {
                    let id = g.id.get_untracked().trim().to_owned();
                    let area = self.areas.with_value(|areas| {
                        areas.iter().find(|(of, _)| *of == id).map(|(_, a)| *a)
                    });
                    Grid {
                        id,
                        name: g.name.read(),
                        area,
                    }
                })
                .collect(),
            places: places
                .iter()
                .map(PlaceDraft::read)
                .collect::<Result<_, _>>()?,
        };
        Ok((self.id.get_untracked().trim().to_owned(), edit))
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct RuleDraft {
    pub(super) rule_key: usize,
    pub(super) hours: [RwSignal<String>; 4],
}

/// A table of time limits as typed: each rule as it was, with its four hours.
#[derive(Debug, Clone)]
pub(super) struct RulesDraft(pub(super) Vec<(TimeLimitRule, RuleDraft)>);

impl RulesDraft {
    pub(super) fn of(limits: &TimeLimits) -> Self {
        RulesDraft(
            limits
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
        )
    }

    /// The table, or `time_limits` when an hour is not a whole number.
    pub(super) fn read(&self) -> Result<TimeLimits, &'static str> {
        let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<u32>().ok();
        let mut rules = Vec::with_capacity(self.0.len());
        for (rule, draft) in &self.0 {
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
        Ok(TimeLimits { rules })
    }
}

/// Where on a screen a field the server (or the draft) named is shown, and what to say: the
/// id of the error beside it (`{id}-error`). A screen draws the places it has and says the
/// rest beside its save button (`d-save`).
pub(super) fn part_problem(field: &str) -> (&'static str, StaffMsg) {
    match field {
        "communities.number" => ("d-number", StaffMsg::DirProblemNumber),
        "communities.grids" => ("d-grids", StaffMsg::DirProblemGrids),
        "communities.street" => ("d-names", StaffMsg::DirProblemStreet),
        "streets.categories" => ("d-offered", StaffMsg::DirProblemOffered),
        f if f.starts_with("communities") || f.starts_with("street") || f == "district" => {
            ("d-names", StaffMsg::DirProblemCommunities)
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
    use accord_shared::directory_edit::{apply, DirectoryPart};
    use accord_shared::staff::Scope;

    fn places_of(dir: &accord_shared::directory::Directory, id: &str) -> Vec<PlaceDraft> {
        dir.places
            .iter()
            .filter(|p| p.community.as_deref() == Some(id))
            .map(PlaceDraft::existing)
            .collect()
    }

    #[test]
    fn an_untouched_community_reads_back_as_it_is() {
        let dir = demo_directory();
        for c in &dir.communities {
            let read = CommunityDraft::existing(c).read(&places_of(&dir, &c.id));
            assert_eq!(read, Ok((c.id.clone(), CommunityEdit::of(&dir, c))));
        }
        let rules = RulesDraft::of(&dir.time_limits);
        assert_eq!(rules.read(), Ok(dir.time_limits.clone()));
    }

    #[test]
    fn a_new_community_with_a_room_saves_in_its_street() {
        let dir = demo_directory();
        let community = CommunityDraft::fresh("xinzhaizi");
        community.id.set(" xz04 ".into());
        community.number.set("4".into());
        community.name.zh.set("新社区".into());
        community.name.en.set("New community".into());
        community.grids.with_untracked(|grids| {
            grids[0].id.set("xz04-g1".into());
            grids[0].name.zh.set("第一网格".into());
            grids[0].name.en.set("Grid 1".into());
        });
        let room = PlaceDraft::fresh("zhonghua-road");
        room.id.set("xz04-room".into());
        room.name.zh.set("调解室".into());
        room.name.en.set("Room".into());
        room.capacity.set("6".into());
        let (id, edit) = community.read(&[room]).unwrap();
        assert_eq!(id, "xz04");
        let part = DirectoryPart::Community { id, edit };
        let next = apply(&Scope::street("xinzhaizi"), &dir, part).unwrap();
        let added = next.community("xz04").unwrap();
        assert_eq!((added.street.as_str(), added.number), ("xinzhaizi", 4));
        // The community's place takes its community's street, whatever the draft held.
        let placed = next.place("xz04-room").unwrap();
        assert_eq!(placed.street, "xinzhaizi");
        assert_eq!(placed.community.as_deref(), Some("xz04"));
    }

    #[test]
    fn numbers_that_are_not_whole_name_their_field() {
        let community = CommunityDraft::fresh("zhoushuizi");
        community.number.set("five".into());
        assert_eq!(community.read(&[]).err(), Some("communities.number"));
        let community = CommunityDraft::fresh("zhoushuizi");
        community.number.set("5".into());
        let room = PlaceDraft::fresh("zhoushuizi");
        room.capacity.set("many".into());
        assert_eq!(community.read(&[room]).err(), Some("places"));
        let rules = RulesDraft::of(&demo_directory().time_limits);
        rules.0[0].1.hours[2].set("2.5".into());
        assert_eq!(rules.read(), Err("time_limits"));
        assert_eq!(
            part_problem("communities.street"),
            ("d-names", StaffMsg::DirProblemStreet)
        );
        assert_eq!(part_problem("communities.grids").0, "d-grids");
        assert_eq!(part_problem("streets.categories").0, "d-offered");
    }
}
