//! Step 3: community (under its street), grid (only those of the chosen community) and
//! address.

use super::draft::use_draft;
use super::location_fields::LocationFields;
use crate::common::field::{described_by, Field};
use crate::i18n::{t, use_i18n, Msg};
use accord_shared::directory::Directory;
use leptos::prelude::*;

#[component]
pub fn WhereStep(dir: StoredValue<Directory>) -> impl IntoView {
    let draft = use_draft();
    let i18n = use_i18n();
    let community_error = Signal::derive(move || draft.error_text("community", i18n.lang()));
    let grid_error = Signal::derive(move || draft.error_text("grid", i18n.lang()));
    let address_error = Signal::derive(move || draft.error_text("address", i18n.lang()));

    // The communities under the name of their street.
    let community_options = move || {
        let lang = i18n.lang();
        let chosen = draft.community.get();
        dir.with_value(|dir| {
            dir.streets
                .iter()
                .map(|street| {
                    let options = dir
                        .communities_of(&street.id)
                        .map(|c| {
                            let selected = c.id == chosen;
                            view! {
                                <option value=c.id.clone() selected=selected>
                                    {lang.pick(&c.name)}
                                </option>
                            }
                        })
                        .collect_view();
                    view! { <optgroup label=lang.pick(&street.name)>{options}</optgroup> }
                })
                .collect_view()
        })
    };
    let grid_options = move || {
        let lang = i18n.lang();
        let chosen = draft.grid.get();
        let community = draft.community.get();
        dir.with_value(|dir| {
            dir.community(&community)
                .map(|c| {
                    c.grids
                        .iter()
                        .map(|g| {
                            let selected = g.id == chosen;
                            view! {
                                <option value=g.id.clone() selected=selected>
                                    {lang.pick(&g.name)}
                                </option>
                            }
                        })
                        .collect_view()
                })
                .unwrap_or_default()
        })
    };
    let on_community = move |ev| {
        let community = event_target_value(&ev);
        let grid_still_fits = dir.with_value(|dir| {
            dir.community(&community)
                .is_some_and(|c| c.grid(&draft.grid.get_untracked()).is_some())
        });
        if !grid_still_fits {
            draft.grid.set(String::new());
        }
        draft.community.set(community);
        draft.clear_error("community");
    };
    let no_community = move || draft.community.with(String::is_empty);
    view! {
        <Field id="f-community" label=Msg::CommunityLabel error=community_error>
            <select
                id="f-community"
                aria-describedby=described_by("f-community", false)
                aria-invalid=move || community_error.with(Option::is_some).to_string()
                on:change=on_community
            >
                <option value="" selected=no_community>
                    {t(Msg::ChooseOne)}
                </option>
                {community_options}
            </select>
        </Field>
        <Field id="f-grid" label=Msg::GridLabel help=Msg::GridHelp error=grid_error>
            <select
                id="f-grid"
                aria-describedby=described_by("f-grid", true)
                aria-invalid=move || grid_error.with(Option::is_some).to_string()
                disabled=no_community
                on:change=move |ev| {
                    draft.grid.set(event_target_value(&ev));
                    draft.clear_error("grid");
                }
            >
                <option value="" selected=move || draft.grid.with(String::is_empty)>
                    {move || {
                        if no_community() {
                            Msg::GridNeedsCommunity.text(i18n.lang())
                        } else {
                            Msg::ChooseOne.text(i18n.lang())
                        }
                    }}
                </option>
                {grid_options}
            </select>
        </Field>
        <Field id="f-address" label=Msg::AddressLabel help=Msg::AddressHelp error=address_error>
            <input
                id="f-address"
                type="text"
                autocomplete="street-address"
                aria-describedby=described_by("f-address", true)
                aria-invalid=move || address_error.with(Option::is_some).to_string()
                prop:value=move || draft.address.get()
                on:input=move |ev| {
                    draft.address.set(event_target_value(&ev));
                    draft.clear_error("address");
                }
            />
        </Field>
        <LocationFields dir=dir />
    }
}
