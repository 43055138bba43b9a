//! What every directory screen does with the directory: edit what is stored now, and draw
//! only once it is loaded, and settle the answer to a save.

use super::directory_draft::Problem;
use crate::api::{admin, ApiError};
use crate::common::directory_state::DirectoryState;
use crate::common::field::focus_later;
use crate::common::form_kit::failure_said;
use crate::common::toast::Toasts;
use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, Msg};
use accord_shared::directory::Directory;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

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

/// What a directory screen does with the answer to its save: the directory as stored replaces
/// the one drawn and a toast says `saved` (then `after` runs); a 422 naming a field goes to
/// `fail`; anything else is the form's error, at `d-save`.
pub(super) fn settle_save(
    result: Result<Directory, ApiError>,
    directory: DirectoryState,
    toasts: Toasts,
    saved: StaffMsg,
    problem: Problem,
    fail: impl Fn(&str),
    after: impl FnOnce(),
) {
    match result {
        Ok(stored) => {
            toasts.show_text(Arc::new(move |lang| saved.text(lang).to_owned()));
            directory.0.set(Some(Ok(stored)));
            after();
        }
        Err(ApiError::Status {
            status: 422,
            field: Some(field),
            ..
        }) => fail(&field),
        Err(failure) => {
            problem.set(Some(("d-save", failure_said(&failure))));
            focus_later("d-save-error".to_owned());
        }
    }
}
