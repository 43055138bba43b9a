//! What every directory screen does with the directory: edit what is stored now, and draw
//! only once it is loaded.

use crate::api::admin;
use crate::common::directory_state::DirectoryState;
use crate::i18n::{t, Msg};
use accord_shared::directory::Directory;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the app loaded may be a minute old; an admin edits what is stored now.
pub(super) fn refresh_directory(directory: DirectoryState) {
    spawn_local(async move {
        if let Ok(now) = admin::directory_now().await {
            let same = directory
                .0
                .with_untracked(|d| matches!(d, Some(Ok(loaded)) if *loaded == now));
            if !same {
                directory.0.set(Some(Ok(now)));
            }
        }
    });
}

/// The directory once loaded, or what a screen shows while it loads or when it failed.
pub(super) fn with_loaded(
    directory: DirectoryState,
    draw: impl Fn(Directory) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        match directory.0.get() {
        None => view! {
            <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p>
        }
        .into_any(),
        Some(Err(_)) => view! {
            <p class="notice error-notice" role="alert">{t(Msg::LoadFailed)}</p>
            <button type="button" class="button secondary" on:click=move |_| directory.load()>{t(Msg::Retry)}</button>
        }
        .into_any(),
        Some(Ok(dir)) => draw(dir),
    }
    }
}
