//! One community in the directory editor: its names and grids; a new one also has its id,
//! number and street chosen

use super::directory_draft::{problem_slot, CommunityDraft, EntryDraft, Problem};
use super::line_input::LineInput;
use crate::i18n::staff::{StaffMsg, StaffX};
use crate::i18n::{t, use_i18n, Lang};
use accord_shared::directory::{CaseKind, Name};
use leptos::prelude::*;

/// One community in the directory editor: its names and grids; a new one also has its id,
/// number and street chosen.
#[component]
pub fn CommunityFields(
    community: CommunityDraft,
    /// The district's streets, `(id, name)`, for a new community's street select.
    streets: StoredValue<Vec<(String, Name)>>,
    /// What the screen says is wrong: the names (`d-names`), the number (`d-number`) and the
    /// grids (`d-grids`) are said here, beside their fields.
    problem: Problem,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = community.name;
    let grids = community.grids;
    let prefix = format!("d-c{}", community.key);
    let legend = move || {
        let lang = i18n.lang();
        if community.fresh {
            return StaffMsg::NewCommunity.text(lang).to_owned();
        }
        let name = match lang {
            Lang::Zh => name.zh.get(),
            Lang::En => name.en.get(),
        };
        format!("{name} ({})", community.id.get())
    };
    // An existing community says its number; a new one has id, number and street typed.
    let what = if community.fresh {
        let street_id = format!("{prefix}-street");
        let options = streets.with_value(|streets| {
            streets
                .iter()
                .map(|(id, street_name)| {
                    let (value, wanted, street_name) = (id.clone(), id.clone(), street_name.clone());
                    view! {
                        <option value=value selected=move || community.street.with(|s| *s == wanted)>
                            {move || i18n.lang().pick(&street_name)}
                        </option>
                    }
                })
                .collect_view()
        });
        view! {
            <div class="field compact">
                <label for=street_id.clone()>{t(StaffMsg::StreetLabel)}</label>
                <select id=street_id on:change=move |ev| community.street.set(event_target_value(&ev))>
                    {options}
                </select>
            </div>
            <div class="pair">
                <LineInput id=format!("{prefix}-id") label=StaffMsg::CommunityId.into() value=community.id />
                <LineInput id=format!("{prefix}-number") label=StaffMsg::CommunityNumberLabel.into() value=community.number number=true max=99 described_by="d-number-error".to_owned() />
            </div>
            {problem_slot(problem, "d-number")}
            <p class="help">{t(StaffMsg::CommunityNumberHelp)}</p>
        }
        .into_any()
    } else {
        let number = community.number;
        view! {
            <p class="help">
                {move || {
                    let number = format!("{:0>2}", number.get());
                    StaffX::CommunityNumber.with(i18n.lang(), &number)
                }}
            </p>
        }
        .into_any()
    };
    let grid_prefix = prefix.clone();
    view! {
        <fieldset class="case-card dir-community">
            <legend>{legend}</legend>
            {what}
            <div class="pair">
                <LineInput id=format!("{prefix}-zh") label=StaffMsg::NameZh.into() value=name.zh described_by="d-names-error".to_owned() />
                <LineInput id=format!("{prefix}-en") label=StaffMsg::NameEn.into() value=name.en described_by="d-names-error".to_owned() />
            </div>
            {problem_slot(problem, "d-names")}
            <fieldset class="dir-grids">
                <legend>{t(StaffMsg::GridsLegend)}</legend>
                {problem_slot(problem, "d-grids")}
                <For each=move || grids.get() key=|g| g.key let:grid>
                    <div class="dir-row">
                        <LineInput id=format!("{grid_prefix}-g{}-id", grid.key) label=StaffMsg::GridId.into() value=grid.id readonly=!grid.fresh described_by="d-grids-error".to_owned() />
                        <LineInput id=format!("{grid_prefix}-g{}-zh", grid.key) label=StaffMsg::NameZh.into() value=grid.name.zh />
                        <LineInput id=format!("{grid_prefix}-g{}-en", grid.key) label=StaffMsg::NameEn.into() value=grid.name.en />
                    </div>
                </For>
                <button type="button" class="button secondary" on:click=move |_| {
                    let fresh = EntryDraft::fresh(CaseKind::Dispute);
                    grids.update(|list| list.push(fresh));
                }>
                    {t(StaffMsg::AddGrid)}
                </button>
            </fieldset>
        </fieldset>
    }
}
