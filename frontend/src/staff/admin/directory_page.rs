//! The district directory's index: for each street the admin manages, its communities (each
//! opening its own screen, with its number of grids), the street's settings and a way to add
//! a community; for the district's admin, the district's settings. Each part is saved on its
//! own screen, on the directory as stored then.

use crate::common::directory_state::use_directory;
use crate::i18n::staff::{StaffMsg, StaffN};
use crate::i18n::{t, use_i18n};
use crate::router::Link;
use accord_shared::directory::Directory;
use accord_shared::directory_edit::reaches_street;
use accord_shared::staff::Scope;
use accord_shared::wire::Me;
use leptos::prelude::*;
mod community_fields;
mod community_page;
mod directory_draft;
mod district_page;
mod line_input;
mod loaded;
mod place_fields;
mod question_draft;
mod questions_page;
mod street_page;
mod time_limit_fields;
pub use community_page::CommunityPage;
pub use district_page::DistrictSettingsPage;
use loaded::{refresh_directory, with_loaded};
pub use questions_page::QuestionsPage;
pub use street_page::StreetSettingsPage;

#[component]
pub fn DirectoryPage(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    refresh_directory(directory);
    let scope = me.scope.clone();
    let district_wide = scope == Scope::District;
    let index = move |dir: Directory| {
        let streets = dir
            .streets
            .iter()
            .filter(|s| reaches_street(&scope, &s.id))
            .map(|street| {
                let name = street.name.clone();
                let heading = format!("d-street-{}", street.id);
                let heading_ref = heading.clone();
                let title = {
                    let prefix = street.code_prefix.clone();
                    move || format!("{} · {prefix}", i18n.lang().pick(&name))
                };
                let communities = dir
                    .communities_of(&street.id)
                    .map(|c| {
                        let name = c.name.clone();
                        let id = c.id.clone();
                        let grids = c.grids.len();
                        let label = move || format!("{} ({id})", i18n.lang().pick(&name));
                        view! {
                            <li>
                                <Link href=format!("/staff/admin/directory/communities/{}", c.id)>{label}</Link>
                                <span class="help">{move || StaffN::GridCount.with(i18n.lang(), grids)}</span>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="case-card dir-street-card" aria-labelledby=heading_ref>
                        <h2 id=heading>{title}</h2>
                        <p>
                            <Link href=format!("/staff/admin/directory/streets/{}", street.id)>{t(StaffMsg::StreetSettingsLink)}</Link>
                        </p>
                        <h3>{t(StaffMsg::StreetCommunities)}</h3>
                        <ul class="dir-index">{communities}</ul>
                        <p>
                            <Link href=format!("/staff/admin/directory/streets/{}/new", street.id)>{t(StaffMsg::AddCommunity)}</Link>
                        </p>
                    </section>
                }
            })
            .collect_view();
        view! {
            {district_wide.then(|| view! {
                <p class="dir-district-link">
                    <Link href="/staff/admin/directory/district".to_owned()>{t(StaffMsg::DistrictSettingsLink)}</Link>
                </p>
            })}
            {streets}
        }
        .into_any()
    };
    view! {
        <h1 tabindex="-1">{t(StaffMsg::DirectoryTitle)}</h1>
        <p class="lead">{t(StaffMsg::DirIndexIntro)}</p>
        {with_loaded(directory, index)}
    }
}
