//! The street directory, fetched once per visit and shared by every screen, with the names
//! of communities, grids and categories in the reader's language.

use crate::api::{self, ApiError};
use crate::i18n::Lang;
use accord_shared::directory::Directory;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Debug, Clone, Copy)]
pub struct DirectoryState(pub RwSignal<Option<Result<Directory, ApiError>>>);

impl DirectoryState {
    /// Starts loading the directory and shares it through context.
    pub fn provide() -> DirectoryState {
        let state = DirectoryState(RwSignal::new(None));
        provide_context(state);
        state.load();
        state
    }

    pub fn load(self) {
        self.0.set(None);
        spawn_local(async move {
            self.0.set(Some(api::directory().await));
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
}
