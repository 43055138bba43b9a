//! The district directory, fetched once per visit and shared by every screen, with the names
//! of streets, communities, grids and categories in the reader's language.

use crate::api::{self, ApiError};
use crate::i18n::Lang;
use accord_shared::directory::{Community, Directory};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The directory as loaded (or why not), and how this bundle fetches it.
#[derive(Debug, Clone, Copy)]
pub struct DirectoryState(
    pub RwSignal<Option<Result<Directory, ApiError>>>,
    api::DirectoryFetch,
);

impl DirectoryState {
    /// Starts loading the directory with `fetch` (`api::fetch_directory` for staff,
    /// `api::fetch_public_directory` for residents and parties) and shares it through context.
    pub fn provide(fetch: api::DirectoryFetch) -> DirectoryState {
        let state = DirectoryState(RwSignal::new(None), fetch);
        provide_context(state);
        state.load();
        state
    }

    pub fn load(self) {
        self.0.set(None);
        spawn_local(async move {
            self.0.set(Some((self.1)().await));
        });
    }
}

pub fn use_directory() -> DirectoryState {
    expect_context::<DirectoryState>()
}

/// A category's name, or its id if the directory does not know it.
pub fn category_name(dir: &Directory, id: &str, lang: Lang) -> String {
    dir.category(id)
        .map(|c| lang.pick(&c.name))
        .unwrap_or_else(|| id.to_owned())
}

/// "Community · grid" in the reader's language, ids where the directory has no name.
pub fn place_name(dir: &Directory, community: &str, grid: &str, lang: Lang) -> String {
    match dir.community(community) {
        Some(found) => {
            let grid_name = found
                .grid(grid)
                .map(|g| lang.pick(&g.name))
                .unwrap_or_else(|| grid.to_owned());
            format!("{} · {}", lang.pick(&found.name), grid_name)
        }
        None => format!("{community} · {grid}"),
    }
}

pub fn community_name(dir: &Directory, id: &str, lang: Lang) -> String {
    dir.community(id)
        .map(|c| lang.pick(&c.name))
        .unwrap_or_else(|| id.to_owned())
}

/// A street's name, or its id if the directory does not know it.
pub fn street_name(dir: &Directory, id: &str, lang: Lang) -> String {
    dir.street(id)
        .map(|s| lang.pick(&s.name))
        .unwrap_or_else(|| id.to_owned())
}

/// Options `(value, text)` under the label of their group.
/// The grids of a community as select options, in the reader's language (none for an
/// unknown community).
pub fn grid_options(dir: &Directory, community: &str, lang: Lang) -> Vec<(String, String)> {
    dir.community(community)
        .map(|c| {
            c.grids
                .iter()
                .map(|g| (g.id.clone(), lang.pick(&g.name)))
                .collect()
        })
        .unwrap_or_default()
}

pub type OptionGroups = Vec<(String, Vec<(String, String)>)>;

/// The communities `keep` admits, `(id, name)` under the name of their street, streets and
/// communities in directory order; a street with none of them is left out.
pub fn communities_by_street(
    dir: &Directory,
    lang: Lang,
    keep: impl Fn(&Community) -> bool,
) -> OptionGroups {
    dir.streets
        .iter()
        .map(|street| {
            let communities = dir
                .communities_of(&street.id)
                .filter(|c| keep(c))
                .map(|c| (c.id.clone(), lang.pick(&c.name)))
                .collect::<Vec<_>>();
            (lang.pick(&street.name), communities)
        })
        .filter(|(_, communities)| !communities.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord_shared::demo::demo_directory;

    #[test]
    fn names_come_in_the_readers_language_and_fall_back_to_ids() {
        let dir = demo_directory();
        let community = &dir.communities[0];
        let grid = &community.grids[0];
        assert_eq!(
            place_name(&dir, &community.id, &grid.id, Lang::En),
            format!("{} · {}", community.name.en, grid.name.en)
        );
        assert_eq!(category_name(&dir, "nope", Lang::Zh), "nope");
        assert_eq!(place_name(&dir, "x", "y", Lang::Zh), "x · y");
    }

    #[test]
    fn communities_are_grouped_under_their_street_and_empty_streets_left_out() {
        let dir = demo_directory();
        let groups = communities_by_street(&dir, Lang::En, |c| c.id != "zs02");
        let names: Vec<&str> = groups.iter().map(|(street, _)| street.as_str()).collect();
        assert_eq!(
            names,
            [
                "Zhonghua Road Street",
                "Zhoushuizi Street",
                "Xinzhaizi Street"
            ]
        );
        assert_eq!(groups[0].1.len(), 34);
        let zhoushuizi: Vec<&str> = groups[1].1.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(zhoushuizi, ["zs01", "zs03", "zs04"]);
        let one = communities_by_street(&dir, Lang::Zh, |c| c.id == "xz02");
        assert_eq!(
            one,
            [(
                "辛寨子街道".to_owned(),
                vec![("xz02".to_owned(), "红梅社区".to_owned())]
            )]
        );
        assert_eq!(street_name(&dir, "nowhere", Lang::Zh), "nowhere");
    }
}
