//! The photos of a case on its page: thumbnails (the image itself, scaled by the style sheet)
//! opening the full image, and, for a reader who may add some, the photo picker with a
//! progress bar per upload. The server says whether the reader may add (`may_add`).

use crate::api::photos;
use crate::common::photo_js::{self, PreparedPhoto};
use crate::common::photo_picker::PhotoPicker;
use crate::common::when::format_when;
use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, use_i18n, Msg};
use crate::staff::sign_in::use_login;
use accord_shared::photos::{CasePhotos, PhotoSource};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn CasePhotosSection(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let current = RwSignal::new(None::<CasePhotos>);
    let chosen = RwSignal::new(Vec::<PreparedPhoto>::new());
    let sending = RwSignal::new(false);
    let code = StoredValue::new(code);
    let load = move || {
        spawn_local(async move {
            match photos::of_case(&code.get_value()).await {
                Ok(view) => current.set(Some(view)),
                Err(failure) if failure.is_unauthorized() => login.ended(),
                Err(_) => {}
            }
        })
    };
    load();
    let send = move |_| {
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        spawn_local(async move {
            let url = photos::upload_url(&code.get_value());
            for photo in chosen.get_untracked() {
                if photo.state.get_untracked() != photo_js::UploadState::Sent {
                    photo_js::upload(&photo, &url, "").await;
                }
            }
            // The sent ones now show among the case's photos; the others stay to retry.
            chosen.update(|list| {
                list.retain(|p| {
                    let sent = p.state.get_untracked() == photo_js::UploadState::Sent;
                    if sent {
                        photo_js::discard(p);
                    }
                    !sent
                })
            });
            chosen.with_untracked(|list| {
                list.iter()
                    .for_each(|p| p.state.set(photo_js::UploadState::Waiting))
            });
            sending.set(false);
            load();
        });
    };
    let room = move || {
        current.with(|c| {
            c.as_ref()
                .map_or(0, |c| c.max.saturating_sub(c.photos.len()))
        })
    };
    let may_add = move || current.with(|c| c.as_ref().is_some_and(|c| c.may_add)) && room() != 0;
    view! {
        <section class="case-card case-photos">
            <h2>{t(StaffMsg::CasePhotosTitle)}</h2>
            {move || {
                let lang = i18n.lang();
                current
                    .get()
                    .map(|view| {
                        if view.photos.is_empty() {
                            view! { <p class="empty">{StaffMsg::NoPhotos.text(lang)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="photo-grid">
                                    {view
                                        .photos
                                        .iter()
                                        .enumerate()
                                        .map(|(n, p)| {
                                            let url = photos::image_url(&p.photo_ref);
                                            let link = url.clone();
                                            let who = match &p.added_by {
                                                PhotoSource::Reporter => StaffMsg::PhotoByReporter.text(lang).to_owned(),
                                                PhotoSource::Staff { username } => username.clone(),
                                            };
                                            view! {
                                                <li>
                                                    <a href=link target="_blank" rel="noopener">
                                                        <img
                                                            class="photo-thumb"
                                                            src=url
                                                            alt=format!("{} {}", Msg::PhotosShort.text(lang), n + 1)
                                                            loading="lazy"
                                                            width="120"
                                                            height="120"
                                                        />
                                                        <span class="visually-hidden">{StaffMsg::OpenPhoto.text(lang)}</span>
                                                    </a>
                                                    <p class="photo-caption">
                                                        {who} " · " {format_when(p.added_at, lang)}
                                                    </p>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                            .into_any()
                        }
                    })
            }}
            <Show when=may_add>
                <PhotoPicker photos=chosen max=room() id="case-photos" />
                <Show when=move || !chosen.with(Vec::is_empty)>
                    <button
                        type="button"
                        class="button primary"
                        disabled=move || sending.get()
                        aria-busy=move || sending.get().to_string()
                        on:click=send
                    >
                        {t(StaffMsg::SendPhotos)}
                    </button>
                </Show>
            </Show>
        </section>
    }
}
