//! The district directory as an admin edits it: the communities of each street (new ones too)
//! with their grids, categories, the places sessions are held in, the table of time limits and
//! how long personal data is kept, saved whole in one request.

use crate::api::admin;
use crate::common::directory_state::use_directory;
use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, Msg};
use leptos::prelude::*;
use leptos::task::spawn_local;
mod community_fields;
mod directory_draft;
mod directory_form;
mod line_input;
mod place_fields;
use directory_draft::DirectoryDraft;
use directory_form::DirectoryForm;

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let directory = use_directory();
    // What the app loaded may be a minute old; edit what is stored now. The form is drawn
    // again only if the directory changed meanwhile.
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
    view! {
        <h1 tabindex="-1">{t(StaffMsg::DirectoryTitle)}</h1>
        <p class="lead">{t(StaffMsg::DirectoryIntro)}</p>
        {move || match directory.0.get() {
            None => view! {
                <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p>
            }
            .into_any(),
            Some(Err(_)) => view! {
                <p class="notice error-notice" role="alert">{t(Msg::LoadFailed)}</p>
                <button type="button" class="button secondary" on:click=move |_| directory.load()>{t(Msg::Retry)}</button>
            }
            .into_any(),
            // Drawn once per loaded directory; typing changes only the draft's signals.
            Some(Ok(dir)) => view! { <DirectoryForm draft=DirectoryDraft::of(&dir) /> }.into_any(),
        }}
    }
}
