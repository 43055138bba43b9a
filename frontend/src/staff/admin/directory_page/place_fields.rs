//! One place in the directory editor: names and capacity; a new one also has its kind, its
//! community (or the whole street) and, when street-wide, its street chosen

use super::directory_draft::{place_kind_msg, NameDraft, PlaceDraft};
use super::line_input::LineInput;
use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, use_i18n, Lang};
use accord_shared::directory::Name;
use accord_shared::scheduling::PlaceKind;
use leptos::prelude::*;

/// A community a place may belong to: its id, its street and its names as the admin is typing
/// them.
pub(super) type CommunityChoice = (String, String, NameDraft);

/// One place in the directory editor: names and capacity; a new one also has its kind, its
/// community (or the whole street) and, when street-wide, its street chosen.
#[component]
pub fn PlaceFields(
    place: PlaceDraft,
    communities: StoredValue<Vec<CommunityChoice>>,
    /// The district's streets, `(id, name)`.
    streets: StoredValue<Vec<(String, Name)>>,
    /// Whether the screen decides where a new place is (a community's screen, a street's
    /// settings): then only its kind is chosen.
    #[prop(optional)]
    placed: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let prefix = format!("d-p{}", place.key);
    let typed = |name: NameDraft, lang: Lang| match lang {
        Lang::Zh => name.zh.get(),
        Lang::En => name.en.get(),
    };
    let street_label = move |id: &str, lang: Lang| {
        streets.with_value(|streets| {
            streets
                .iter()
                .find(|(s, _)| s == id)
                .map_or_else(|| id.to_owned(), |(_, name)| lang.pick(name))
        })
    };
    let legend = move || {
        let lang = i18n.lang();
        if place.fresh {
            return StaffMsg::NewPlace.text(lang).to_owned();
        }
        format!("{} ({})", typed(place.name, lang), place.id.get())
    };
    // An existing place says what it is and where; a new one has it chosen.
    let what = (!place.fresh).then(|| {
        view! {
            <p class="help">
                {move || {
                    let lang = i18n.lang();
                    let community = place.community.get();
                    let whose = community.as_ref().and_then(|id| {
                        communities.with_value(|list| {
                            list.iter().find(|(c, _, _)| c == id).map(|(_, _, name)| typed(*name, lang))
                        })
                    });
                    let within = match (&community, whose) {
                        (None, _) => StaffMsg::PlaceWholeStreet.text(lang).to_owned(),
                        (Some(_), Some(name)) => name,
                        (Some(id), None) => id.clone(),
                    };
                    format!(
                        "{} · {within} · {}",
                        place_kind_msg(place.kind.get()).text(lang),
                        street_label(&place.street.get(), lang)
                    )
                }}
            </p>
        }
    });
    let choices = place.fresh.then(|| {
        let (kind_id, community_id, street_id) = (
            format!("{prefix}-kind"),
            format!("{prefix}-community"),
            format!("{prefix}-street"),
        );
        let kinds = [PlaceKind::MediationRoom, PlaceKind::JudgeWorkstation]
            .into_iter()
            .enumerate()
            .map(|(n, kind)| view! {
                <option value=n.to_string() selected=move || place.kind.get() == kind>{t(place_kind_msg(kind))}</option>
            })
            .collect_view();
        // The communities under the name of their street.
        let groups = streets.with_value(|streets| {
            streets
                .iter()
                .map(|(street, street_name)| {
                    let options = communities.with_value(|list| {
                        list.iter()
                            .filter(|(_, of, _)| of == street)
                            .map(|(id, _, name)| {
                                let (value, wanted, name) = (id.clone(), id.clone(), *name);
                                view! {
                                    <option value=value selected=move || place.community.with(|c| c.as_deref() == Some(wanted.as_str()))>
                                        {move || typed(name, i18n.lang())}
                                    </option>
                                }
                            })
                            .collect_view()
                    });
                    let street_name = street_name.clone();
                    view! { <optgroup label=move || i18n.lang().pick(&street_name)>{options}</optgroup> }
                })
                .collect_view()
        });
        let street_options = move || {
            streets.with_value(|streets| {
                streets
                .iter()
                .map(|(id, name)| {
                    let (value, wanted, name) = (id.clone(), id.clone(), name.clone());
                    view! {
                        <option value=value selected=move || place.street.with(|s| *s == wanted)>
                            {move || i18n.lang().pick(&name)}
                        </option>
                    }
                })
                .collect_view()
            })
        };
        let kind_field = view! {
                <div class="field compact">
                    <label for=kind_id.clone()>{t(StaffMsg::PlaceKindLabel)}</label>
                    <select id=kind_id on:change=move |ev| {
                        let kind = match event_target_value(&ev).as_str() {
                            "1" => PlaceKind::JudgeWorkstation,
                            _ => PlaceKind::MediationRoom,
                        };
                        place.kind.set(kind);
                    }>
                        {kinds}
                    </select>
                </div>
        };
        if placed {
            return kind_field.into_any();
        }
        view! {
            <div class="pair">
                {kind_field}
                <div class="field compact">
                    <label for=community_id.clone()>{t(StaffMsg::PlaceCommunity)}</label>
                    <select id=community_id on:change=move |ev| {
                        let id = event_target_value(&ev);
                        place.community.set((!id.is_empty()).then_some(id));
                    }>
                        <option value="" selected=move || place.community.with(Option::is_none)>{t(StaffMsg::PlaceWholeStreet)}</option>
                        {groups}
                    </select>
                </div>
            </div>
            <Show when=move || place.community.with(Option::is_none)>
                <div class="field compact">
                    <label for=street_id.clone()>{t(StaffMsg::StreetLabel)}</label>
                    <select id=street_id.clone() on:change=move |ev| place.street.set(event_target_value(&ev))>
                        {street_options}
                    </select>
                </div>
            </Show>
        }
        .into_any()
    });
    view! {
        <fieldset class="case-card dir-place">
            <legend>{legend}</legend>
            {what}
            {choices}
            <div class="dir-row">
                <LineInput id=format!("{prefix}-id") label=StaffMsg::PlaceId.into() value=place.id readonly=!place.fresh />
                <LineInput id=format!("{prefix}-zh") label=StaffMsg::NameZh.into() value=place.name.zh />
                <LineInput id=format!("{prefix}-en") label=StaffMsg::NameEn.into() value=place.name.en />
                <LineInput id=format!("{prefix}-address-zh") label=StaffMsg::PlaceAddressZh.into() value=place.address.zh />
                <LineInput id=format!("{prefix}-address-en") label=StaffMsg::PlaceAddressEn.into() value=place.address.en />
            </div>
            <LineInput id=format!("{prefix}-capacity") label=StaffMsg::PlaceCapacity.into() value=place.capacity number=true max=500 />
        </fieldset>
    }
}
