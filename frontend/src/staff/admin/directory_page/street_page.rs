//! A street's own settings on their own screen: the district's categories it offers, its own
//! time limits (or the district's), and the places the whole street shares, saved on their
//! own on the directory as stored then

use super::directory_draft::{part_problem, problem_slot, PlaceDraft, Problem, RulesDraft};
use super::loaded::{refresh_directory, settle_save, with_loaded};
use super::place_fields::{CommunityChoice, PlaceFields};
use super::time_limit_fields::TimeLimitFields;
use crate::api::admin;
use crate::common::directory_state::use_directory;
use crate::common::field::focus_later;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::toast::use_toasts;
use crate::i18n::staff::{StaffMsg, StaffX};
use crate::i18n::{kind_msg, t, use_i18n};
use crate::router::Link;
use crate::staff::sign_in::use_login;
use accord_shared::directory::{Directory, Street};
use accord_shared::directory_edit::{
    apply, reaches_street, DirectoryPart, PartRefused, StreetEdit,
};
use accord_shared::wire::Me;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A street's own settings on their own screen: the district's categories it offers, its own
/// time limits (or the district's), and the places the whole street shares, saved on their
/// own on the directory as stored then.
#[component]
pub fn StreetSettingsPage(me: Me, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    refresh_directory(directory);
    let me = StoredValue::new(me);
    let id = StoredValue::new(id);
    let heading = move || {
        let lang = i18n.lang();
        let name = directory.0.with(|d| match d {
            Some(Ok(dir)) => id.with_value(|id| dir.street(id).map(|s| lang.pick(&s.name))),
            _ => None,
        });
        StaffX::StreetSettingsTitle.with(lang, &name.unwrap_or_else(|| id.get_value()))
    };
    let draw = move |dir: Directory| {
        let scope = me.with_value(|me| me.scope.clone());
        let street = id
            .with_value(|id| dir.street(id).cloned())
            .filter(|s| reaches_street(&scope, &s.id));
        match street {
            Some(street) => street_form(me, dir, street).into_any(),
            None => view! {
                <p class="notice error-notice" role="alert">{t(StaffMsg::StreetNotFound)}</p>
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

fn check_row(id: String, checked: RwSignal<bool>, label: impl IntoView + 'static) -> impl IntoView {
    let for_id = id.clone();
    view! {
        <label class="radio-row check-row" for=for_id>
            <input
                type="checkbox"
                id=id
                prop:checked=move || checked.get()
                on:change=move |ev| checked.set(event_target_checked(&ev))
            />
            <span>{label}</span>
        </label>
    }
}

fn street_form(me: StoredValue<Me>, dir: Directory, street: Street) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let login = use_login();
    let directory = use_directory();
    let problem: Problem = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let all_offered = RwSignal::new(street.categories.is_none());
    let offered: Vec<(String, RwSignal<bool>)> = dir
        .categories
        .iter()
        .map(|c| {
            let on = street
                .categories
                .as_ref()
                .is_none_or(|ids| ids.contains(&c.id));
            (c.id.clone(), RwSignal::new(on))
        })
        .collect();
    let category_rows = dir
        .categories
        .iter()
        .zip(&offered)
        .map(|(category, (_, on))| {
            let (name, kind) = (category.name.clone(), category.kind);
            let label = move || {
                let lang = i18n.lang();
                format!("{} · {}", lang.pick(&name), kind_msg(kind).text(lang))
            };
            check_row(format!("d-offer-{}", category.id), *on, label)
        })
        .collect_view();
    let offered = StoredValue::new(offered);
    let district_limits = RwSignal::new(street.time_limits.is_none());
    let rules = RulesDraft::of(street.time_limits.as_ref().unwrap_or(&dir.time_limits));
    let rules_read = StoredValue::new(rules.clone());
    let places = RwSignal::new(
        dir.places
            .iter()
            .filter(|p| p.community.is_none() && p.street == street.id)
            .map(PlaceDraft::existing)
            .collect::<Vec<_>>(),
    );
    let streets = StoredValue::new(vec![(street.id.clone(), street.name.clone())]);
    let no_communities = StoredValue::new(Vec::<CommunityChoice>::new());
    let stored = StoredValue::new(dir);
    let street_id = StoredValue::new(street.id.clone());

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let fail = move |field: &str| {
            let (at, msg) = part_problem(field);
            let at = if matches!(at, "d-offered" | "d-time_limits" | "d-places") {
                at
            } else {
                "d-save"
            };
            problem.set(Some((at, msg.into())));
            focus_later(format!("{at}-error"));
        };
        let categories = (!all_offered.get_untracked()).then(|| {
            offered.with_value(|list| {
                list.iter()
                    .filter(|(_, on)| on.get_untracked())
                    .map(|(id, _)| id.clone())
                    .collect::<Vec<_>>()
            })
        });
        let time_limits = if district_limits.get_untracked() {
            None
        } else {
            match rules_read.with_value(RulesDraft::read) {
                Ok(limits) => Some(limits),
                Err(field) => return fail(field),
            }
        };
        let places = match places
            .get_untracked()
            .iter()
            .map(PlaceDraft::read)
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(places) => places,
            Err(field) => return fail(field),
        };
        let edit = StreetEdit {
            categories,
            time_limits,
            places: Some(places),
        };
        let part = DirectoryPart::Street {
            id: street_id.get_value(),
            edit: edit.clone(),
        };
        let scope = me.with_value(|me| me.scope.clone());
        if let Err(PartRefused::Field(err)) = stored.with_value(|dir| apply(&scope, dir, part)) {
            return fail(err.field);
        }
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = admin::save_street(&street_id.get_value(), &edit).await;
            busy.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            settle_save(
                result,
                directory,
                toasts,
                StaffMsg::SettingsSaved,
                problem,
                fail,
                || {},
            );
        });
    };
    let add_place = move |_| {
        let fresh = PlaceDraft::fresh(&street_id.get_value());
        places.update(|list| list.push(fresh));
    };
    view! {
        <form class="directory-form" novalidate on:submit=on_submit>
            <section aria-labelledby="d-offered-title" class="case-card">
                <h2 id="d-offered-title">{t(StaffMsg::StreetCategoriesTitle)}</h2>
                {check_row("d-offer-all".to_owned(), all_offered, t(StaffMsg::OfferAllCategories))}
                <fieldset class="plain" hidden=move || all_offered.get()>
                    <legend class="visually-hidden">{t(StaffMsg::StreetCategoriesTitle)}</legend>
                    {category_rows}
                </fieldset>
                {problem_slot(problem, "d-offered")}
            </section>
            <section aria-labelledby="d-time_limits-title">
                <h2 id="d-time_limits-title">{t(StaffMsg::StreetLimitsTitle)}</h2>
                {check_row("d-district-limits".to_owned(), district_limits, t(StaffMsg::UseDistrictLimits))}
                {problem_slot(problem, "d-time_limits")}
                <div hidden=move || district_limits.get()>
                    <p class="help">{t(StaffMsg::TimeLimitsHelp)}</p>
                    <TimeLimitFields rules=rules />
                </div>
            </section>
            <section aria-labelledby="d-places-title">
                <h2 id="d-places-title">{t(StaffMsg::PlacesTitle)}</h2>
                <p class="help">{t(StaffMsg::StreetPlacesHelp)}</p>
                {problem_slot(problem, "d-places")}
                <For each=move || places.get() key=|p| p.key let:place>
                    <PlaceFields place=place communities=no_communities streets=streets placed=true />
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
                    {t(StaffMsg::SaveSettings)}
                </button>
            </div>
        </form>
    }
}
