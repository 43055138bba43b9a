//! One part of the directory changed on its own: a community (names, grids, its places), a
//! street's own settings (the categories it offers, its time limits, its street-wide places)
//! or the district's (categories, time limits, retention). Each part replaces only itself in
//! the directory as stored at the moment of saving, so two admins saving two parts keep both
//! changes; the result is then held to the same reach rules and the same validation as a
//! whole directory ([`check_directory_edit`], [`Directory::validate`]).

use crate::accounts::check_directory_edit;
use crate::directory::{Category, Community, Directory, Grid, Name};
use crate::fields::FieldError;
use crate::questions::{next_version, Question};
use crate::scheduling::calendar::{Place, PlaceKind};
use crate::staff::Scope;
use crate::time_limits::table::TimeLimits;
use serde::{Deserialize, Serialize};

/// A place as one part names it: its street and community are the part's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceEntry {
    pub id: String,
    pub name: Name,
    pub kind: PlaceKind,
    pub capacity: u32,
    /// Where to find it (building, floor), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Name>,
}

impl PlaceEntry {
    pub fn of(place: &Place) -> Self {
        PlaceEntry {
            id: place.id.clone(),
            name: place.name.clone(),
            kind: place.kind,
            capacity: place.capacity,
            address: place.address.clone(),
        }
    }

    fn placed(self, street: &str, community: Option<&str>) -> Place {
        Place {
            id: self.id,
            name: self.name,
            kind: self.kind,
            street: street.to_owned(),
            community: community.map(str::to_owned),
            capacity: self.capacity,
            address: self.address,
        }
    }
}

/// `POST /api/admin/directory/communities/{id}`: one community as it should be. A new id adds
/// the community to `street` with `number`; a known one keeps its street and number (case
/// codes route by them), so both must be sent as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityEdit {
    pub street: String,
    pub number: u8,
    pub name: Name,
    pub grids: Vec<Grid>,
    /// Its mediation rooms and other places (its street-wide places are the street's).
    #[serde(default)]
    pub places: Vec<PlaceEntry>,
}

impl CommunityEdit {
    /// The community as the directory holds it, with its places.
    pub fn of(dir: &Directory, community: &Community) -> Self {
        CommunityEdit {
            street: community.street.clone(),
            number: community.number,
            name: community.name.clone(),
            grids: community.grids.clone(),
            places: dir
                .places
                .iter()
                .filter(|p| p.community.as_deref() == Some(community.id.as_str()))
                .map(PlaceEntry::of)
                .collect(),
        }
    }
}

/// `POST /api/admin/directory/streets/{id}`: a street's own settings. `None` takes the
/// district's categories or time limits; `places` absent keeps its street-wide places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreetEdit {
    #[serde(default)]
    pub categories: Option<Vec<String>>,
    #[serde(default)]
    pub time_limits: Option<TimeLimits>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<Vec<PlaceEntry>>,
}

/// `POST /api/admin/directory/district`: what the district sets for every street.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistrictEdit {
    pub categories: Vec<Category>,
    pub time_limits: TimeLimits,
    pub retention_days: u32,
}

/// Replaces the places matching `mine` by `fresh`, where the first of them stood (at the end
/// when there was none), keeping every other place in its order.
fn replace_places(
    places: &[Place],
    mine: impl Fn(&Place) -> bool,
    fresh: Vec<Place>,
) -> Vec<Place> {
    let mut out = Vec::with_capacity(places.len() + fresh.len());
    let mut fresh = Some(fresh);
    for place in places {
        if mine(place) {
            out.extend(fresh.take().into_iter().flatten());
        } else {
            out.push(place.clone());
        }
    }
    out.extend(fresh.into_iter().flatten());
    out
}

/// The directory with community `id` as `edit` says, added after the last community of its
/// street when new. Nothing is checked here; [`apply`] checks.
pub fn with_community(dir: &Directory, id: &str, edit: CommunityEdit) -> Directory {
    let mut next = dir.clone();
    let community = Community {
        id: id.to_owned(),
        street: edit.street.clone(),
        number: edit.number,
        name: edit.name,
        grids: edit.grids,
    };
    match next.communities.iter_mut().find(|c| c.id == id) {
        Some(kept) => *kept = community,
        None => {
            let at = next
                .communities
                .iter()
                .rposition(|c| c.street == edit.street)
                .map_or(next.communities.len(), |n| n + 1);
            next.communities.insert(at, community);
        }
    }
    let places = edit
        .places
        .into_iter()
        .map(|p| p.placed(&edit.street, Some(id)))
        .collect();
    next.places = replace_places(&dir.places, |p| p.community.as_deref() == Some(id), places);
    next
}

/// The directory with street `id`'s own settings as `edit` says (an unknown street: as it is).
pub fn with_street(dir: &Directory, id: &str, edit: StreetEdit) -> Directory {
    let mut next = dir.clone();
    if let Some(street) = next.streets.iter_mut().find(|s| s.id == id) {
        street.categories = edit.categories;
        street.time_limits = edit.time_limits;
    }
    if let Some(places) = edit.places {
        let places = places.into_iter().map(|p| p.placed(id, None)).collect();
        next.places = replace_places(
            &dir.places,
            |p| p.community.is_none() && p.street == id,
            places,
        );
    }
    next
}

/// The directory with the district's categories, time limits and retention as `edit` says.
/// A category's extra questions are edited on their own ([`with_questions`]): a category
/// kept here keeps its questions as stored, whatever the edit carries.
pub fn with_district(dir: &Directory, edit: DistrictEdit) -> Directory {
    let mut next = dir.clone();
    next.categories = edit
        .categories
        .into_iter()
        .map(|mut category| {
            let stored = dir.category(&category.id);
            category.questions = stored.map(|c| c.questions.clone()).unwrap_or_default();
            category.questions_version = stored.map_or(0, |c| c.questions_version);
            category
        })
        .collect();
    next.time_limits = edit.time_limits;
    next.retention_days = edit.retention_days;
    next
}

/// `POST /api/admin/directory/categories/{id}/questions`: a category's extra questions, all
/// of them, in the order asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionsEdit {
    pub questions: Vec<Question>,
}

/// The directory with category `id`'s questions as `edit` says, its version counted up when
/// they changed (an unknown category: as it is).
pub fn with_questions(dir: &Directory, id: &str, edit: QuestionsEdit) -> Directory {
    let mut next = dir.clone();
    if let Some(category) = next.categories.iter_mut().find(|c| c.id == id) {
        category.questions_version = next_version(
            &category.questions,
            category.questions_version,
            &edit.questions,
        );
        category.questions = edit.questions;
    }
    next
}

/// One part of the directory, as a request names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectoryPart {
    Community {
        id: String,
        edit: CommunityEdit,
    },
    Street {
        id: String,
        edit: StreetEdit,
    },
    District(DistrictEdit),
    Questions {
        category: String,
        edit: QuestionsEdit,
    },
}

/// Why a part is not saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartRefused {
    /// A community or street the admin does not reach, answered as if it did not exist.
    NotFound,
    /// The district's part, asked by an admin of less than the district.
    Forbidden,
    /// The field the result breaks (reach rules first, then the directory's validation).
    Field(FieldError),
}

impl From<FieldError> for PartRefused {
    fn from(err: FieldError) -> Self {
        PartRefused::Field(err)
    }
}

/// Whether an admin of `scope` edits street `street`'s part of the directory.
pub fn reaches_street(scope: &Scope, street: &str) -> bool {
    match scope {
        Scope::District => true,
        Scope::Street { street: own } => own == street,
        Scope::Communities { .. } => false,
    }
}

/// The directory after an admin of `scope` saves `part` on `current` (the directory as stored
/// now), or why not.
pub fn apply(
    scope: &Scope,
    current: &Directory,
    part: DirectoryPart,
) -> Result<Directory, PartRefused> {
    let next = match part {
        DirectoryPart::Community { id, edit } => {
            if let Some(known) = current.community(&id) {
                if !reaches_street(scope, &known.street) {
                    return Err(PartRefused::NotFound);
                }
            }
            with_community(current, &id, edit)
        }
        DirectoryPart::Street { id, edit } => {
            if current.street(&id).is_none() || !reaches_street(scope, &id) {
                return Err(PartRefused::NotFound);
            }
            with_street(current, &id, edit)
        }
        DirectoryPart::District(edit) => {
            if *scope != Scope::District {
                return Err(PartRefused::Forbidden);
            }
            with_district(current, edit)
        }
        DirectoryPart::Questions { category, edit } => {
            // Categories are the district's: so are their questions.
            if *scope != Scope::District {
                return Err(PartRefused::Forbidden);
            }
            if current.category(&category).is_none() {
                return Err(PartRefused::NotFound);
            }
            with_questions(current, &category, edit)
        }
    };
    check_directory_edit(scope, current, &next)?;
    next.validate()?;
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_directory;

    fn zhonghua() -> Scope {
        Scope::street("zhonghua-road")
    }

    fn community_part(
        dir: &Directory,
        id: &str,
        change: impl FnOnce(&mut CommunityEdit),
    ) -> DirectoryPart {
        let mut edit = CommunityEdit::of(dir, dir.community(id).unwrap());
        change(&mut edit);
        DirectoryPart::Community {
            id: id.into(),
            edit,
        }
    }

    fn field(result: Result<Directory, PartRefused>) -> &'static str {
        match result {
            Err(PartRefused::Field(err)) => err.field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn a_community_saved_as_it_is_changes_nothing() {
        let dir = demo_directory();
        for c in &dir.communities {
            let part = community_part(&dir, &c.id, |_| {});
            assert_eq!(
                apply(&Scope::District, &dir, part),
                Ok(dir.clone()),
                "{}",
                c.id
            );
        }
    }

    #[test]
    fn two_communities_saved_one_after_the_other_keep_both_changes() {
        let stored = demo_directory();
        // Each admin edits what they loaded; each save replaces its own community only.
        let first = community_part(&stored, "zh01", |e| e.name.en = "First".into());
        let second = community_part(&stored, "zs01", |e| e.name.en = "Second".into());
        let after_first = apply(&zhonghua(), &stored, first).unwrap();
        let after_both = apply(&Scope::District, &after_first, second).unwrap();
        assert_eq!(after_both.community("zh01").unwrap().name.en, "First");
        assert_eq!(after_both.community("zs01").unwrap().name.en, "Second");
        let mut expected = stored.clone();
        expected.communities[0].name.en = "First".into();
        let zs01 = expected
            .communities
            .iter_mut()
            .find(|c| c.id == "zs01")
            .unwrap();
        zs01.name.en = "Second".into();
        assert_eq!(after_both, expected);
    }

    #[test]
    fn a_communitys_places_are_replaced_in_place_and_take_its_street() {
        let dir = demo_directory();
        let part = community_part(&dir, "zh02", |e| {
            e.places[0].capacity = 12;
            e.places.push(PlaceEntry {
                id: "zh02-room-2".into(),
                name: Name::new("第二调解室", "Second room"),
                kind: PlaceKind::MediationRoom,
                capacity: 4,
                address: None,
            });
        });
        let next = apply(&zhonghua(), &dir, part).unwrap();
        assert_eq!(next.places.len(), dir.places.len() + 1);
        let at = |d: &Directory, id: &str| d.places.iter().position(|p| p.id == id);
        let first = dir
            .places
            .iter()
            .find(|p| p.community.as_deref() == Some("zh02"))
            .unwrap();
        assert_eq!(at(&next, &first.id), at(&dir, &first.id));
        assert_eq!(next.place(&first.id).unwrap().capacity, 12);
        let added = next.place("zh02-room-2").unwrap();
        assert_eq!(added.street, "zhonghua-road");
        assert_eq!(added.community.as_deref(), Some("zh02"));
        assert_eq!(at(&next, "zh02-room-2"), at(&dir, &first.id).map(|n| n + 1));
    }

    #[test]
    fn a_new_community_joins_the_end_of_its_street() {
        let dir = demo_directory();
        let edit = CommunityEdit {
            street: "zhoushuizi".into(),
            number: 5,
            name: Name::new("新社区", "New community"),
            grids: vec![Grid {
                id: "zs05-g1".into(),
                name: Name::new("第一网格", "Grid 1"),
                area: None,
            }],
            places: Vec::new(),
        };
        let part = DirectoryPart::Community {
            id: "zs05".into(),
            edit: edit.clone(),
        };
        let next = apply(&Scope::street("zhoushuizi"), &dir, part).unwrap();
        let at = next
            .communities
            .iter()
            .position(|c| c.id == "zs05")
            .unwrap();
        assert_eq!(next.communities[at - 1].id, "zs04");
        assert_eq!(next.communities.len(), dir.communities.len() + 1);
        // Another street's admin may not add it there.
        let part = DirectoryPart::Community {
            id: "zs05".into(),
            edit: edit.clone(),
        };
        assert_eq!(field(apply(&zhonghua(), &dir, part)), "communities.street");
        // Nor may anyone take a number the street already has.
        let part = DirectoryPart::Community {
            id: "zs05".into(),
            edit: CommunityEdit { number: 1, ..edit },
        };
        assert_eq!(
            field(apply(&Scope::District, &dir, part)),
            "communities.number"
        );
    }

    #[test]
    fn a_street_admin_does_not_reach_another_streets_community_or_settings() {
        let dir = demo_directory();
        let part = community_part(&dir, "zs01", |e| e.name.en = "Renamed".into());
        assert_eq!(
            apply(&zhonghua(), &dir, part.clone()),
            Err(PartRefused::NotFound)
        );
        assert!(apply(&Scope::District, &dir, part).is_ok());
        let street = DirectoryPart::Street {
            id: "zhoushuizi".into(),
            edit: StreetEdit {
                categories: None,
                time_limits: None,
                places: None,
            },
        };
        assert_eq!(apply(&zhonghua(), &dir, street), Err(PartRefused::NotFound));
        let unknown = DirectoryPart::Street {
            id: "nowhere".into(),
            edit: StreetEdit {
                categories: None,
                time_limits: None,
                places: None,
            },
        };
        assert_eq!(
            apply(&Scope::District, &dir, unknown),
            Err(PartRefused::NotFound)
        );
        let district = DirectoryPart::District(DistrictEdit {
            categories: dir.categories.clone(),
            time_limits: dir.time_limits.clone(),
            retention_days: 400,
        });
        assert_eq!(
            apply(&zhonghua(), &dir, district.clone()),
            Err(PartRefused::Forbidden)
        );
        assert_eq!(
            apply(&Scope::District, &dir, district)
                .unwrap()
                .retention_days,
            400
        );
    }

    #[test]
    fn a_community_keeps_its_street_and_number() {
        let dir = demo_directory();
        let renumbered = community_part(&dir, "zh03", |e| e.number = 77);
        assert_eq!(
            field(apply(&zhonghua(), &dir, renumbered)),
            "communities.number"
        );
        let moved = community_part(&dir, "zh03", |e| e.street = "zhoushuizi".into());
        assert_eq!(
            field(apply(&Scope::District, &dir, moved)),
            "communities.street"
        );
    }

    #[test]
    fn a_part_that_breaks_the_directory_names_the_field() {
        let dir = demo_directory();
        let no_grids = community_part(&dir, "zh04", |e| e.grids.clear());
        assert_eq!(
            field(apply(&zhonghua(), &dir, no_grids)),
            "communities.grids"
        );
        let unnamed = community_part(&dir, "zh04", |e| e.name.zh = " ".into());
        assert_eq!(field(apply(&zhonghua(), &dir, unnamed)), "communities");
        let crowded = community_part(&dir, "zh04", |e| e.places[0].capacity = 0);
        assert_eq!(field(apply(&zhonghua(), &dir, crowded)), "places");
        // A grid id another community uses.
        let taken = dir.communities[0].grids[0].clone();
        let shared_grid = community_part(&dir, "zh04", |e| e.grids.push(taken));
        assert_eq!(
            field(apply(&zhonghua(), &dir, shared_grid)),
            "communities.grids"
        );
        let street = |categories: Option<Vec<String>>| DirectoryPart::Street {
            id: "zhonghua-road".into(),
            edit: StreetEdit {
                categories,
                time_limits: None,
                places: None,
            },
        };
        assert_eq!(
            field(apply(
                &zhonghua(),
                &dir,
                street(Some(vec!["no-such".into()]))
            )),
            "streets.categories"
        );
        let offered = vec![dir.categories[0].id.clone()];
        let next = apply(&zhonghua(), &dir, street(Some(offered.clone()))).unwrap();
        assert_eq!(
            next.street("zhonghua-road").unwrap().categories,
            Some(offered)
        );
        let short = DirectoryPart::District(DistrictEdit {
            categories: dir.categories.clone(),
            time_limits: dir.time_limits.clone(),
            retention_days: 3,
        });
        assert_eq!(
            field(apply(&Scope::District, &dir, short)),
            "retention_days"
        );
    }

    #[test]
    fn a_streets_own_settings_and_places_replace_only_its_own() {
        let dir = demo_directory();
        let mut limits = dir.time_limits.clone();
        limits.rules[0].hours.triage = 12;
        let workstation = dir
            .places
            .iter()
            .find(|p| p.street == "zhonghua-road" && p.community.is_none())
            .unwrap();
        let mut entry = PlaceEntry::of(workstation);
        entry.capacity = 3;
        let part = DirectoryPart::Street {
            id: "zhonghua-road".into(),
            edit: StreetEdit {
                categories: None,
                time_limits: Some(limits.clone()),
                places: Some(vec![entry]),
            },
        };
        let next = apply(&zhonghua(), &dir, part).unwrap();
        assert_eq!(next.limits_for("zh01"), &limits);
        assert_eq!(next.limits_for("zs01"), &dir.time_limits);
        assert_eq!(next.place(&workstation.id).unwrap().capacity, 3);
        assert_eq!(next.places.len(), dir.places.len());
        // Going back to the district's limits.
        let back = DirectoryPart::Street {
            id: "zhonghua-road".into(),
            edit: StreetEdit {
                categories: None,
                time_limits: None,
                places: None,
            },
        };
        let again = apply(&zhonghua(), &next, back).unwrap();
        assert_eq!(again.limits_for("zh01"), &dir.time_limits);
        assert_eq!(again.place(&workstation.id).unwrap().capacity, 3);
    }

    #[test]
    fn questions_are_saved_by_the_district_only_and_counted_up_when_changed() {
        let dir = demo_directory();
        let mut questions = dir.category("fire_escape").unwrap().questions.clone();
        questions[0].required = true;
        let part = |questions: &Vec<Question>| DirectoryPart::Questions {
            category: "fire_escape".into(),
            edit: QuestionsEdit {
                questions: questions.clone(),
            },
        };
        assert_eq!(
            apply(&zhonghua(), &dir, part(&questions)),
            Err(PartRefused::Forbidden)
        );
        let saved = apply(&Scope::District, &dir, part(&questions)).unwrap();
        let category = saved.category("fire_escape").unwrap();
        assert_eq!(category.questions, questions);
        assert_eq!(category.questions_version, 2);
        // Saved again unchanged: the same version.
        let again = apply(&Scope::District, &saved, part(&questions)).unwrap();
        assert_eq!(again.category("fire_escape").unwrap().questions_version, 2);
        // A bad question names itself; an unknown category is not found.
        questions[1].choices.truncate(1);
        assert_eq!(
            field(apply(&Scope::District, &saved, part(&questions))),
            "questions.1"
        );
        let unknown = DirectoryPart::Questions {
            category: "nothing".into(),
            edit: QuestionsEdit { questions: vec![] },
        };
        assert_eq!(
            apply(&Scope::District, &saved, unknown),
            Err(PartRefused::NotFound)
        );
        // The district's own screen keeps the questions whatever it sends.
        let mut edit = DistrictEdit {
            categories: saved.categories.clone(),
            time_limits: saved.time_limits.clone(),
            retention_days: saved.retention_days,
        };
        edit.categories.iter_mut().for_each(|c| {
            c.questions.clear();
            c.questions_version = 0;
        });
        let kept = apply(&Scope::District, &saved, DirectoryPart::District(edit)).unwrap();
        assert_eq!(kept.categories, saved.categories);
    }
}
