//! The public figures page (`/figures`): only the figures bundle reaches it.

pub mod figures_app;
pub mod public_figures_page;
