//! Choosing photos: one button opens the camera, one the gallery (both plain file inputs,
//! labelled); each chosen picture is resized and re-encoded on the phone (`photo_js`) and
//! shown with its preview, a labelled `<progress>` for its upload and a Remove button.

use crate::common::photo_js::{self, PreparedPhoto, UploadState};
use crate::i18n::{t, use_i18n, Msg, MsgN};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// The files an input's change event chose; the input is cleared so the same file can be
/// chosen again.
fn chosen_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input.files();
    let list = (0..files.as_ref().map_or(0, |f| f.length()))
        .filter_map(|i| files.as_ref().and_then(|f| f.get(i)))
        .collect();
    input.set_value("");
    list
}

#[component]
pub fn PhotoPicker(
    /// The photos chosen so far (kept by the caller until sent).
    photos: RwSignal<Vec<PreparedPhoto>>,
    /// How many may be chosen.
    max: usize,
    /// Ids of the two inputs start with this (one picker per screen).
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_files = move |ev: leptos::ev::Event| {
        let files = chosen_files(&ev);
        spawn_local(async move {
            busy.set(true);
            problem.set(None);
            for file in files {
                if photos.with_untracked(Vec::len) >= max {
                    problem.set(Some(MsgN::PhotosAtMost.with(i18n.lang(), max)));
                    break;
                }
                match photo_js::prepare(file).await {
                    Ok(photo) => photos.update(|p| p.push(photo)),
                    Err(()) => problem.set(Some(Msg::PhotoNotImage.text(i18n.lang()).to_owned())),
                }
            }
            busy.set(false);
        });
    };
    let full = move || photos.with(Vec::len) >= max;
    let remove = move |id: String| {
        photos.update(|p| {
            if let Some(at) = p.iter().position(|photo| photo.id == id) {
                photo_js::discard(&p.remove(at));
            }
        })
    };
    let camera_id = format!("{id}-camera");
    let gallery_id = format!("{id}-gallery");
    let (camera_for, gallery_for) = (camera_id.clone(), gallery_id.clone());
    view! {
        <fieldset class="field photo-picker">
            <legend>{t(Msg::PhotosLabel)}</legend>
            <p class="help" id=format!("{id}-help")>
                {t(Msg::PhotosHelp)} " " {move || MsgN::PhotosAtMost.with(i18n.lang(), max)}
            </p>
            <div class="photo-buttons">
                <input
                    id=camera_id
                    class="visually-hidden"
                    type="file"
                    accept="image/*"
                    capture="environment"
                    disabled=full
                    aria-describedby=format!("{id}-help")
                    on:change=on_files
                />
                <label class="button secondary" class:disabled=full for=camera_for>
                    {t(Msg::TakePhoto)}
                </label>
                <input
                    id=gallery_id
                    class="visually-hidden"
                    type="file"
                    accept="image/*"
                    multiple
                    disabled=full
                    aria-describedby=format!("{id}-help")
                    on:change=on_files
                />
                <label class="button secondary" class:disabled=full for=gallery_for>
                    {t(Msg::ChoosePhotos)}
                </label>
            </div>
            <Show when=move || busy.get()>
                <p class="loading">
                    <span class="spinner" aria-hidden="true"></span>
                    {t(Msg::Loading)}
                </p>
            </Show>
            <p class="error" role="alert">{move || problem.get()}</p>
            <ul class="photo-list">
                {move || {
                    photos.get().into_iter().enumerate().map(|(n, photo)| {
                        let progress_id = photo.progress_id();
                        let id = photo.id.clone();
                        let state = photo.state;
                        let n = n + 1;
                        view! {
                            <li class="photo-item">
                                <img
                                    class="photo-thumb"
                                    src=photo.preview.clone()
                                    alt=move || format!("{} {}", Msg::PhotosShort.text(i18n.lang()), n)
                                    width="96"
                                    height="96"
                                />
                                <div class="photo-meta">
                                    <label for=progress_id.clone()>{t(Msg::PhotoProgress)}</label>
                                    <progress id=progress_id max="1" value="0"></progress>
                                    <span class="photo-state" aria-live="polite">
                                        {move || match state.get() {
                                            UploadState::Sent => Msg::PhotoSent.text(i18n.lang()),
                                            UploadState::Failed => Msg::PhotoFailed.text(i18n.lang()),
                                            _ => "",
                                        }}
                                    </span>
                                </div>
                                <button
                                    type="button"
                                    class="button secondary small"
                                    disabled=move || state.get() != UploadState::Waiting
                                    on:click=move |_| remove(id.clone())
                                >
                                    {t(Msg::RemovePhoto)}
                                </button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </fieldset>
    }
}
