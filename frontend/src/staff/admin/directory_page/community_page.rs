//! One community of the directory on its own screen: its names, its grids and its places
//! (mediation rooms…), saved on their own on the directory as stored then; or a new community
//! of a street (`/staff/admin/directory/streets/{id}/new`)

use super::community_fields::CommunityFields;
use super::directory_draft::{part_problem, problem_slot, CommunityDraft, PlaceDraft};
use super::loaded::{refresh_directory, settle_save, with_loaded};
use super::place_fields::{CommunityChoice, PlaceFields};
use crate::api::admin;
use crate::common::directory_state::use_directory;
use crate::common::field::focus_later;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::toast::use_toasts;
use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, use_i18n};
use crate::router::{use_router, Link};
use crate::staff::sign_in::use_login;
use accord_shared::directory::Directory;
use accord_shared::directory_edit::{apply, reaches_street, DirectoryPart, PartRefused};
use accord_shared::wire::Me;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One community of the directory on its own screen: its names, its grids and its places
/// (mediation rooms…), saved on their own on the directory as stored then; or a new community
/// of a street (`/staff/admin/directory/streets/{id}/new`).
#[component]
pub fn CommunityPage(
    me: Me,
    /// The community's id; `None` for a new one of `street`.
    id: Option<String>,
    /// The street of a new community.
    #[prop(optional)]
    street: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    refresh_directory(directory);
    let me = StoredValue::new(me);
    let (id, street) = (StoredValue::new(id), StoredValue::new(street));
    let heading = move || {
        let lang = i18n.lang();
        let named = id.with_value(|id| {
            let id = id.as_ref()?;
            directory.0.with(|d| match d {
                Some(Ok(dir)) => dir.community(id).map(|c| lang.pick(&c.name)),
                _ => None,
            })
        });
        named.unwrap_or_else(|| match id.get_value() {
            Some(_) => StaffMsg::CommunityTitle.text(lang).to_owned(),
            None => StaffMsg::NewCommunity.text(lang).to_owned(),
        })
    };
    let draw = move |dir: Directory| {
        let scope = me.with_value(|me| me.scope.clone());
        let found = match id.get_value() {
            Some(id) => dir
                .community(&id)
                .filter(|c| reaches_street(&scope, &c.street))
                .map(|c| (CommunityDraft::existing(c), c.street.clone())),
            None => {
                let s = street.get_value();
                (dir.street(&s).is_some() && reaches_street(&scope, &s))
                    .then(|| (CommunityDraft::fresh(&s), s))
            }
        };
        match found {
            Some((draft, street)) => community_form(me, dir, draft, street).into_any(),
            None => view! {
                <p class="notice error-notice" role="alert">{t(StaffMsg::CommunityNotFound)}</p>
            }
            .into_any(),
        }
    };
    view! {
        <p><Link href="/staff/admin/directory".to_owned()>{t(StaffMsg::BackToDirectory)}</Link></p>
        <h1 tabindex="-1">{heading}</h1>
        {with_loaded(directory, draw)}
    }
}

/// The community's form: its fields, its places and the save button.
fn community_form(
    me: StoredValue<Me>,
    dir: Directory,
    community: CommunityDraft,
    street: String,
) -> impl IntoView {
    let toasts = use_toasts();
    let login = use_login();
    let router = use_router();
    let directory = use_directory();
    let problem = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let places = RwSignal::new(
        dir.places
            .iter()
            .filter(|p| p.community.as_deref() == Some(community.id.get_untracked().as_str()))
            .map(PlaceDraft::existing)
            .collect::<Vec<_>>(),
    );
    let streets = StoredValue::new(
        dir.street(&street)
            .map(|s| vec![(s.id.clone(), s.name.clone())])
            .unwrap_or_default(),
    );
    let choices: Vec<CommunityChoice> =
        vec![(community.id.get_untracked(), street.clone(), community.name)];
    let choices = StoredValue::new(choices);
    let stored = StoredValue::new(dir);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let fail = move |field: &str| {
            let (at, msg) = part_problem(field);
            let at = if matches!(at, "d-names" | "d-number" | "d-grids" | "d-places") {
                at
            } else {
                "d-save"
            };
            problem.set(Some((at, msg.into())));
            focus_later(format!("{at}-error"));
        };
        let (id, edit) = match community.read(&places.get_untracked()) {
            Ok(read) => read,
            Err(field) => return fail(field),
        };
        // The same rules the server runs, on the directory this screen drew.
        let part = DirectoryPart::Community {
            id: id.clone(),
            edit: edit.clone(),
        };
        let scope = me.with_value(|me| me.scope.clone());
        if let Err(PartRefused::Field(err)) = stored.with_value(|dir| apply(&scope, dir, part)) {
            return fail(err.field);
        }
        problem.set(None);
        busy.set(true);
        let fresh = community.fresh;
        spawn_local(async move {
            let result = admin::save_community(&id, &edit).await;
            busy.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            settle_save(
                result,
                directory,
                toasts,
                StaffMsg::CommunitySaved,
                problem,
                fail,
                move || {
                    if fresh {
                        router.navigate(&format!("/staff/admin/directory/communities/{id}"));
                    }
                },
            );
        });
    };
    let add_place = move |_| {
        let fresh = PlaceDraft::fresh(
            &streets.with_value(|s| s.first().map(|(id, _)| id.clone()).unwrap_or_default()),
        );
        places.update(|list| list.push(fresh));
    };
    view! {
        <form class="directory-form" novalidate on:submit=on_submit>
            <CommunityFields community=community streets=streets problem=problem />
            <section aria-labelledby="d-places-title">
                <h2 id="d-places-title">{t(StaffMsg::PlacesTitle)}</h2>
                <p class="help">{t(StaffMsg::CommunityPlacesHelp)}</p>
                {problem_slot(problem, "d-places")}
                <For each=move || places.get() key=|p| p.key let:place>
                    <PlaceFields place=place communities=choices streets=streets placed=true />
                </For>
                <div class="form-buttons">
                    <button type="button" class="button secondary" on:click=add_place>
                        {t(StaffMsg::AddPlace)}
                    </button>
                </div>
            </section>
            {problem_slot(problem, "d-save")}
            <div class="action-bar">
                <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                    {t(StaffMsg::SaveCommunity)}
                </button>
            </div>
        </form>
    }
}
