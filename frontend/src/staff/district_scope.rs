//! A staff member's scope across the district's streets: which communities it reaches, the
//! words for it, and whether it spans more than one street (then a community is shown with the
//! name of its street, since two streets may have communities of similar names).

use crate::common::directory_state::{
    communities_by_street, community_name, place_name, street_name, OptionGroups,
};
use crate::i18n::staff::{StaffMsg, StaffX};
use crate::i18n::Lang;
use accord_shared::directory::{Community, Directory};
use accord_shared::staff::{Scope, Within};

/// Whether `scope` reaches `community`.
pub fn reaches(scope: &Scope, community: &Community) -> bool {
    scope.includes(Within {
        street: &community.street,
        community: &community.id,
    })
}

/// Whether the communities `scope` reaches lie in more than one street.
pub fn spans_streets(dir: &Directory, scope: &Scope) -> bool {
    let mut streets = dir
        .communities
        .iter()
        .filter(|c| reaches(scope, c))
        .map(|c| c.street.as_str());
    let first = streets.next();
    streets.any(|street| Some(street) != first)
}

/// The communities `scope` reaches, under the name of their street.
pub fn communities_in_scope(dir: &Directory, scope: &Scope, lang: Lang) -> OptionGroups {
    communities_by_street(dir, lang, |c| reaches(scope, c))
}

/// A community's name, after its street's when `with_street`.
pub fn community_label(dir: &Directory, community: &str, lang: Lang, with_street: bool) -> String {
    with_street_name(
        dir,
        community,
        lang,
        with_street,
        community_name(dir, community, lang),
    )
}

/// "Community · grid", after the community's street when `with_street`.
pub fn case_place(
    dir: &Directory,
    community: &str,
    grid: &str,
    lang: Lang,
    with_street: bool,
) -> String {
    let place = place_name(dir, community, grid, lang);
    with_street_name(dir, community, lang, with_street, place)
}

fn with_street_name(
    dir: &Directory,
    community: &str,
    lang: Lang,
    with_street: bool,
    text: String,
) -> String {
    match dir
        .community(community)
        .filter(|_| with_street)
        .and_then(|c| dir.street_of(c))
    {
        Some(street) => format!("{} · {text}", lang.pick(&street.name)),
        None => text,
    }
}

/// The words for a scope: the whole district, the whole street of that name, or the
/// communities by name (under their street's name when they lie in more than one street).
pub fn scope_words(dir: Option<&Directory>, scope: &Scope, lang: Lang) -> String {
    let list_separator = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    match (scope, dir) {
        (Scope::District, _) => StaffMsg::ScopeDistrict.text(lang).to_owned(),
        (Scope::Street { street }, dir) => {
            let name = dir.map_or_else(|| street.clone(), |d| street_name(d, street, lang));
            StaffX::ScopeStreetNamed.with(lang, &name)
        }
        (Scope::Communities { communities }, None) => communities.join(list_separator),
        (Scope::Communities { communities }, Some(dir)) => {
            let named = communities_by_street(dir, lang, |c| communities.contains(&c.id));
            let unknown = communities
                .iter()
                .filter(|id| dir.community(id).is_none())
                .cloned();
            let join = |names: Vec<(String, String)>| {
                names
                    .into_iter()
                    .map(|(_, name)| name)
                    .collect::<Vec<_>>()
                    .join(list_separator)
            };
            let mut parts: Vec<String> = if named.len() > 1 {
                let colon = match lang {
                    Lang::Zh => "：",
                    Lang::En => ": ",
                };
                named
                    .into_iter()
                    .map(|(street, names)| format!("{street}{colon}{}", join(names)))
                    .collect()
            } else {
                named.into_iter().map(|(_, names)| join(names)).collect()
            };
            parts.extend(unknown);
            let group_separator = match lang {
                Lang::Zh => "；",
                Lang::En => "; ",
            };
            parts.join(group_separator)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_shared::demo::demo_directory;

    #[test]
    fn a_scope_spans_streets_only_with_communities_of_two_streets() {
        let dir = demo_directory();
        assert!(spans_streets(&dir, &Scope::District));
        assert!(!spans_streets(&dir, &Scope::street("zhoushuizi")));
        assert!(!spans_streets(&dir, &Scope::communities(["zh01", "zh02"])));
        assert!(spans_streets(&dir, &Scope::communities(["zh03", "zs01"])));
    }

    #[test]
    fn the_communities_in_scope_come_under_their_street() {
        let dir = demo_directory();
        let groups = communities_in_scope(&dir, &Scope::communities(["zs01", "zh03"]), Lang::En);
        let flat: Vec<(&str, &str)> = groups
            .iter()
            .flat_map(|(street, list)| {
                list.iter()
                    .map(move |(id, _)| (street.as_str(), id.as_str()))
            })
            .collect();
        assert_eq!(
            flat,
            [
                ("Zhonghua Road Street", "zh03"),
                ("Zhoushuizi Street", "zs01")
            ]
        );
        assert_eq!(
            communities_in_scope(&dir, &Scope::street("xinzhaizi"), Lang::En)[0]
                .1
                .len(),
            3
        );
    }

    #[test]
    fn a_scope_is_worded_by_district_street_or_community_names() {
        let dir = demo_directory();
        let words = |scope: &Scope, lang| scope_words(Some(&dir), scope, lang);
        assert_eq!(words(&Scope::District, Lang::En), "The whole district");
        assert_eq!(
            words(&Scope::street("zhoushuizi"), Lang::En),
            "The whole street: Zhoushuizi Street"
        );
        assert_eq!(
            words(&Scope::communities(["zs01", "zs02"]), Lang::Zh),
            "周水子社区、前关社区"
        );
        assert_eq!(
            words(&Scope::communities(["zs01", "zh03", "gone"]), Lang::En),
            format!(
                "Zhonghua Road Street: {}; Zhoushuizi Street: Zhoushuizi; gone",
                dir.community("zh03").unwrap().name.en
            )
        );
        assert_eq!(
            scope_words(None, &Scope::communities(["zh01", "zh02"]), Lang::En),
            "zh01, zh02"
        );
    }

    #[test]
    fn the_street_comes_before_a_place_only_when_asked() {
        let dir = demo_directory();
        let zs01 = dir.community("zs01").unwrap();
        let grid = &zs01.grids[0];
        assert_eq!(
            case_place(&dir, "zs01", &grid.id, Lang::En, true),
            format!("Zhoushuizi Street · Zhoushuizi · {}", grid.name.en)
        );
        assert_eq!(
            case_place(&dir, "zs01", &grid.id, Lang::En, false),
            format!("Zhoushuizi · {}", grid.name.en)
        );
        assert_eq!(
            community_label(&dir, "zs01", Lang::Zh, true),
            "周水子街道 · 周水子社区"
        );
    }
}
