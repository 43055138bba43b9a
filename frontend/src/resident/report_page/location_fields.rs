//! "Use my location": the phone's position, read only when the resident taps the button,
//! shown as coordinates they can correct, with the grid it falls in (chosen for them in the
//! lists above, which they can change). Nothing is read or sent otherwise.

use super::draft::use_draft;
use crate::common::field::{described_by, field_id, Field};
use crate::common::photo_js::{self, LocateError};
use crate::i18n::{t, use_i18n, Msg, MsgX};
use accord_shared::directory::Directory;
use accord_shared::geo::{GeoPoint, RawPoint};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn LocationFields(dir: StoredValue<Directory>) -> impl IntoView {
    let draft = use_draft();
    let i18n = use_i18n();
    let locating = RwSignal::new(false);
    let problem = RwSignal::new(None::<Msg>);
    let lat_error = Signal::derive(move || draft.error_text("location.lat", i18n.lang()));
    let lon_error = Signal::derive(move || draft.error_text("location.lon", i18n.lang()));
    let point = move || {
        GeoPoint::parse(&RawPoint {
            lat: Some(draft.lat.get()),
            lon: Some(draft.lon.get()),
            ..RawPoint::default()
        })
        .ok()
    };
    // The grid the point falls in, within the chosen community if there is one.
    let found = move || {
        let at = point()?;
        let community = draft.community.get();
        dir.with_value(|dir| {
            let chosen = (!community.is_empty()).then_some(community.as_str());
            dir.grid_at(chosen, at)
                .map(|(c, g)| (c.id.clone(), g.id.clone(), c.name.clone(), g.name.clone()))
        })
    };
    let use_location = move |_| {
        locating.set(true);
        problem.set(None);
        spawn_local(async move {
            let answer = photo_js::locate().await;
            locating.set(false);
            match answer.map(|(lat, lon)| GeoPoint::from_degrees(lat, lon)) {
                Ok(Some(at)) => {
                    draft.lat.set(at.lat_text());
                    draft.lon.set(at.lon_text());
                    draft.clear_error("location.lat");
                    draft.clear_error("location.lon");
                    // Chosen for the resident in the lists, which they can still change.
                    let nearest = dir.with_value(|dir| {
                        dir.grid_at(None, at)
                            .map(|(c, g)| (c.id.clone(), g.id.clone()))
                    });
                    if let Some((community, grid)) = nearest {
                        draft.community.set(community);
                        draft.grid.set(grid);
                        draft.clear_error("community");
                        draft.clear_error("grid");
                    }
                }
                Err(LocateError::Denied) => problem.set(Some(Msg::LocationDenied)),
                Ok(None) | Err(LocateError::Unavailable) => {
                    problem.set(Some(Msg::LocationUnavailable))
                }
            }
        });
    };
    let shared = move || !draft.lat.with(String::is_empty) || !draft.lon.with(String::is_empty);
    view! {
        <fieldset class="field location-fields">
            <legend>{t(Msg::LocationLabel)}</legend>
            <p class="help" id="location-help">{t(Msg::LocationHelp)}</p>
            <button
                type="button"
                class="button secondary"
                aria-describedby="location-help"
                disabled=move || locating.get()
                on:click=use_location
            >
                <Show when=move || locating.get() fallback=t(Msg::UseMyLocation)>
                    <span class="spinner" aria-hidden="true"></span>
                    {t(Msg::Locating)}
                </Show>
            </button>
            <p class="notice" role="status" hidden=move || problem.with(Option::is_none)>
                {move || problem.get().map(|m| m.text(i18n.lang()))}
            </p>
            <Show when=shared>
                <div class="coordinates">
                    <Field id="f-location.lat" label=Msg::LatitudeLabel error=lat_error>
                        <input
                            id=field_id("location.lat")
                            type="text"
                            inputmode="decimal"
                            aria-describedby=described_by("f-location.lat", false)
                            aria-invalid=move || lat_error.with(Option::is_some).to_string()
                            prop:value=move || draft.lat.get()
                            on:input=move |ev| {
                                draft.lat.set(event_target_value(&ev));
                                draft.clear_error("location.lat");
                            }
                        />
                    </Field>
                    <Field id="f-location.lon" label=Msg::LongitudeLabel error=lon_error>
                        <input
                            id=field_id("location.lon")
                            type="text"
                            inputmode="decimal"
                            aria-describedby=described_by("f-location.lon", false)
                            aria-invalid=move || lon_error.with(Option::is_some).to_string()
                            prop:value=move || draft.lon.get()
                            on:input=move |ev| {
                                draft.lon.set(event_target_value(&ev));
                                draft.clear_error("location.lon");
                            }
                        />
                    </Field>
                </div>
                <p class="location-grid" aria-live="polite">
                    {move || {
                        found()
                            .map(|(_, _, c, g)| {
                                let lang = i18n.lang();
                                MsgX::LocationIn.with(lang, &format!("{} · {}", lang.pick(&c), lang.pick(&g)))
                            })
                    }}
                </p>
                <button
                    type="button"
                    class="link-button"
                    on:click=move |_| {
                        draft.lat.set(String::new());
                        draft.lon.set(String::new());
                        draft.clear_error("location.lat");
                        draft.clear_error("location.lon");
                    }
                >
                    {t(Msg::RemoveLocation)}
                </button>
            </Show>
        </fieldset>
    }
}
