//! The photos of a filing as they are sent, once the case is filed: each with its preview,
//! its labelled `<progress>` and whether it arrived. `send_all` sends them one after another.

use crate::common::photo_js::{self, PreparedPhoto, UploadState};
use crate::i18n::{t, use_i18n, Msg};
use leptos::prelude::*;

/// Sends every photo not yet sent to `url` (with the case's secret for the resident's route,
/// empty for staff); whether all arrived.
pub async fn send_all(photos: &[PreparedPhoto], url: &str, secret: &str) -> bool {
    let mut all = true;
    for photo in photos {
        if photo.state.get_untracked() != UploadState::Sent {
            let (status, _) = photo_js::upload(photo, url, secret).await;
            all &= (200..300).contains(&status);
        }
    }
    all
}

#[component]
pub fn PhotoUploads(photos: RwSignal<Vec<PreparedPhoto>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || !photos.with(Vec::is_empty)>
            <ul class="photo-list" aria-label=move || Msg::PhotosShort.text(i18n.lang())>
                {move || photos.get().into_iter().map(|photo| view! {
                    <li class="photo-item">
                        <img class="photo-thumb" src=photo.preview.clone() alt="" width="96" height="96" />
                        <div class="photo-meta">
                            <label for=photo.progress_id()>{t(Msg::PhotoProgress)}</label>
                            <progress id=photo.progress_id() max="1" value="0"></progress>
                            <span class="photo-state" aria-live="polite">
                                {move || match photo.state.get() {
                                    UploadState::Sent => Msg::PhotoSent.text(i18n.lang()),
                                    UploadState::Failed => Msg::PhotoFailed.text(i18n.lang()),
                                    _ => "",
                                }}
                            </span>
                        </div>
                    </li>
                }).collect_view()}
            </ul>
        </Show>
    }
}
