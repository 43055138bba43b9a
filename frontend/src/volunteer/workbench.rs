//! What a working volunteer link offers: recording a matter and return visits, as two tabs.

use crate::api::volunteer::VolunteerMe;
use crate::common::directory_state::{community_name, use_directory};
use crate::common::when::format_when;
use crate::i18n::staff::{StaffMsg, StaffX};
use crate::i18n::{t, use_i18n};
use crate::volunteer::volunteer_intake::VolunteerIntake;
use crate::volunteer::volunteer_visits::VolunteerVisits;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Intake,
    Visits,
}

/// What a working link offers: recording a matter and return visits, as two tabs.
#[component]
pub fn Workbench(me: VolunteerMe) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let visits = !me.follow_up_cases.is_empty();
    let tab = RwSignal::new(if me.intake { Tab::Intake } else { Tab::Visits });
    let community = me.community.clone();
    let place = move || match directory.0.get() {
        Some(Ok(dir)) => community_name(&dir, &community, i18n.lang()),
        _ => community.clone(),
    };
    let name = me.name.clone();
    let expires = me.expires_at;
    let tab_button = move |which: Tab, label: StaffMsg| {
        view! {
            <button
                type="button"
                class="segment"
                aria-pressed=move || (tab.get() == which).to_string()
                on:click=move |_| tab.set(which)
            >
                {t(label)}
            </button>
        }
    };
    let tabs = (me.intake && visits).then(|| {
        view! {
            <div class="segmented" role="group">
                {tab_button(Tab::Intake, StaffMsg::VolIntakeTab)}
                {tab_button(Tab::Visits, StaffMsg::VolCasesTab)}
            </div>
        }
    });
    let intake_community = me.community.clone();
    let visit_community = me.community.clone();
    view! {
        <p class="lead">
            <strong>{move || StaffX::VolHello.with(i18n.lang(), &name)}</strong>
            " · "{place}
        </p>
        <p>
            {t(StaffMsg::VolIntro)}" "
            {move || StaffX::ValidUntil.with(i18n.lang(), &format_when(expires, i18n.lang()))}
        </p>
        {tabs}
        {move || match tab.get() {
            Tab::Intake => view! { <VolunteerIntake community=intake_community.clone() /> }.into_any(),
            Tab::Visits => view! { <VolunteerVisits community=visit_community.clone() /> }.into_any(),
        }}
    }
}
