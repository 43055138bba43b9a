//! The directory editor: communities and grids by street, places, categories, time limits and
//! the retention period.

use super::community_fields::CommunityFields;
use super::directory_draft::{
    section_problem, CommunityDraft, DirectoryDraft, EntryDraft, PlaceDraft,
};
use super::line_input::LineInput;
use super::place_fields::{CommunityChoice, PlaceFields};
use crate::api::admin;
use crate::api::ApiError;
use crate::common::directory_state::{category_name, use_directory};
use crate::common::field::focus_later;
use crate::common::form_kit::failure_said;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::toast::use_toasts;
use crate::i18n::staff::{risk_msg, Said, StaffMsg};
use crate::i18n::{kind_msg, t, use_i18n, Msg};
use crate::staff::sign_in::{use_login, LoginState};
use accord_shared::directory::{CaseKind, Name};
use accord_shared::staff::Scope;
use accord_shared::wire::Me;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[component]
pub fn DirectoryForm(draft: DirectoryDraft) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let toasts = use_toasts();
    let directory = use_directory();
    let error = RwSignal::new(None::<(&'static str, Said)>);
    let busy = RwSignal::new(false);
    let error_at = move |id: &'static str| {
        move || {
            error
                .get()
                .filter(|(at, _)| *at == id)
                .map(|(_, said)| said.text(i18n.lang()))
        }
    };
    // A street's admin edits that street's communities and places; what the district sets
    // (categories, time limits, retention) is shown, not editable, and other streets are left
    // out (the server refuses any change to them).
    let own_street: Option<String> = login.0.with_untracked(|state| match state {
        LoginState::SignedIn(Me {
            scope: Scope::Street { street },
            ..
        }) => Some(street.clone()),
        _ => None,
    });
    let district_wide = own_street.is_none();
    let own_street = StoredValue::new(own_street);
    let in_reach =
        move |street: &str| own_street.with_value(|own| own.as_deref().is_none_or(|s| s == street));
    let draft = StoredValue::new(draft);
    let categories = draft.with_value(|d| d.categories);
    let all_places = draft.with_value(|d| d.places);
    let places_in_reach = move || {
        all_places
            .get()
            .into_iter()
            .filter(|p| in_reach(&p.street.get_untracked()))
            .collect::<Vec<_>>()
    };
    let retention_days = draft.with_value(|d| d.retention_days);
    let places = draft.with_value(|d| d.places);

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let fail = move |field: &str| {
            let (id, msg) = section_problem(field);
            error.set(Some((id, msg.into())));
            focus_later(format!("{id}-error"));
        };
        let dir = match draft.with_value(DirectoryDraft::read) {
            Ok(dir) => dir,
            Err(field) => return fail(field),
        };
        if let Err(problem) = dir.validate() {
            return fail(problem.field);
        }
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = admin::save_directory(&dir).await;
            busy.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            match result {
                Ok(saved) => {
                    toasts.show_text(Arc::new(|lang| {
                        StaffMsg::DirectorySaved.text(lang).to_owned()
                    }));
                    // Every screen sees the new names; this form is drawn again from them.
                    directory.0.set(Some(Ok(saved)));
                }
                Err(ApiError::Status {
                    status: 422,
                    field: Some(field),
                    ..
                }) => fail(&field),
                Err(failure) => {
                    error.set(Some(("d-save", failure_said(&failure))));
                    focus_later("d-save-error".to_owned());
                }
            }
        });
    };

    let section_error = move |id: &'static str| {
        view! {
            <p class="notice error-notice" id=format!("{id}-error") tabindex="-1" role="alert" hidden=move || error_at(id)().is_none()>
                {error_at(id)}
            </p>
        }
    };

    // The streets, and the communities a place may belong to, named as the admin types them.
    let street_list: Vec<(String, Name)> = draft.with_value(|d| {
        d.original
            .streets
            .iter()
            .filter(|s| in_reach(&s.id))
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect()
    });
    let first_street = street_list
        .first()
        .map(|(id, _)| id.clone())
        .unwrap_or_default();
    let first_street = StoredValue::new(first_street);
    let streets = StoredValue::new(street_list);
    let communities = draft.with_value(|d| d.communities);
    let place_communities: Vec<CommunityChoice> = communities
        .get_untracked()
        .iter()
        .map(|c| (c.id.get_untracked(), c.street.get_untracked(), c.name))
        .collect();
    let place_communities = StoredValue::new(place_communities);
    // The directory's communities under a heading per street (a community stays in its
    // street); the ones added follow, each with its street chosen.
    let street_groups = streets.with_value(|list| {
        list.iter()
            .map(|(street, name)| {
                let (street, name) = (street.clone(), name.clone());
                let prefix = draft.with_value(|d| {
                    d.original
                        .street(&street)
                        .map(|s| s.code_prefix.clone())
                        .unwrap_or_default()
                });
                let heading = move || format!("{} · {prefix}", i18n.lang().pick(&name));
                let of_street = move || {
                    communities
                        .get()
                        .into_iter()
                        .filter(|c| !c.fresh && c.street.get_untracked() == street)
                        .collect::<Vec<_>>()
                };
                view! {
                    <h3 class="dir-street">{heading}</h3>
                    <For each=of_street key=|c| c.key let:community>
                        <CommunityFields community=community streets=streets />
                    </For>
                }
            })
            .collect_view()
    });
    let added_communities = move || {
        communities
            .get()
            .into_iter()
            .filter(|c| c.fresh)
            .collect::<Vec<_>>()
    };
    let add_community = move |_| {
        let fresh = CommunityDraft::fresh(&first_street.get_value());
        communities.update(|list| list.push(fresh));
    };

    let rules = draft.with_value(|d| d.rules.clone());
    let stage_labels = [
        Msg::StageTriage,
        Msg::StageDispatch,
        Msg::StageHandling,
        Msg::StageFollowUp,
    ];
    let rule_views = rules
        .into_iter()
        .map(|(rule, cells)| {
            let category = rule.category.clone();
            let title = move || {
                let lang = i18n.lang();
                let category = match (&category, directory.0.get()) {
                    (Some(id), Some(Ok(dir))) => category_name(&dir, id, lang),
                    (Some(id), _) => id.clone(),
                    (None, _) => StaffMsg::AllCategories.text(lang).to_owned(),
                };
                format!(
                    "{} · {} · {}",
                    kind_msg(rule.kind).text(lang),
                    category,
                    risk_msg(rule.risk).text(lang)
                )
            };
            let inputs = cells
                .hours
                .into_iter()
                .zip(stage_labels)
                .enumerate()
                .map(|(n, (value, label))| {
                    view! { <LineInput id=format!("d-rule{}-{n}", cells.rule_key) label=label.into() value=value number=true /> }
                })
                .collect_view();
            view! {
                <fieldset class="dir-rule">
                    <legend>{title}</legend>
                    <div class="hours">{inputs}</div>
                </fieldset>
            }
        })
        .collect_view();

    view! {
        <form class="directory-form" novalidate on:submit=on_submit>
            <section aria-labelledby="d-communities-title">
                <h2 id="d-communities-title">{t(StaffMsg::CommunitiesTitle)}</h2>
                <p class="help">{t(StaffMsg::CommunitiesHelp)}</p>
                {section_error("d-communities")}
                {street_groups}
                <For each=added_communities key=|c| c.key let:community>
                    <CommunityFields community=community streets=streets />
                </For>
                <div class="form-buttons">
                    <button type="button" class="button secondary" on:click=add_community>
                        {t(StaffMsg::AddCommunity)}
                    </button>
                </div>
            </section>
            <section aria-labelledby="d-categories-title">
                <h2 id="d-categories-title">{t(StaffMsg::CategoriesTitle)}</h2>
                {(!district_wide).then(|| view! { <p class="help">{t(StaffMsg::SetByDistrict)}</p> })}
                {section_error("d-categories")}
                <fieldset class="plain" disabled=!district_wide>
                <For each=move || categories.get() key=|c| c.key let:category>
                    <fieldset class="case-card dir-row">
                        <legend>{move || kind_msg(category.kind.get()).text(i18n.lang())}</legend>
                        <LineInput id=format!("d-cat{}-id", category.key) label=StaffMsg::CategoryId.into() value=category.id readonly=!category.fresh />
                        <LineInput id=format!("d-cat{}-zh", category.key) label=StaffMsg::NameZh.into() value=category.name.zh />
                        <LineInput id=format!("d-cat{}-en", category.key) label=StaffMsg::NameEn.into() value=category.name.en />
                    </fieldset>
                </For>
                <div class="form-buttons">
                    {[CaseKind::Dispute, CaseKind::Hazard]
                        .into_iter()
                        .map(|kind| view! {
                            <button type="button" class="button secondary" on:click=move |_| {
                                let fresh = EntryDraft::fresh(kind);
                                categories.update(|list| list.push(fresh));
                            }>
                                {move || format!("{} · {}", StaffMsg::AddCategory.text(i18n.lang()), kind_msg(kind).text(i18n.lang()))}
                            </button>
                        })
                        .collect_view()}
                </div>
                </fieldset>
            </section>
            <section aria-labelledby="d-places-title">
                <h2 id="d-places-title">{t(StaffMsg::PlacesTitle)}</h2>
                <p class="help">{t(StaffMsg::PlacesHelp)}</p>
                {section_error("d-places")}
                <For each=places_in_reach key=|p| p.key let:place>
                    <PlaceFields place=place communities=place_communities streets=streets />
                </For>
                <div class="form-buttons">
                    <button type="button" class="button secondary" on:click=move |_| {
                        let fresh = PlaceDraft::fresh(&first_street.get_value());
                        places.update(|list| list.push(fresh));
                    }>
                        {t(StaffMsg::AddPlace)}
                    </button>
                </div>
            </section>
            <section aria-labelledby="d-time_limits-title">
                <h2 id="d-time_limits-title">{t(StaffMsg::TimeLimitsTitle)}</h2>
                <p class="help">{t(StaffMsg::TimeLimitsHelp)}</p>
                {(!district_wide).then(|| view! { <p class="help">{t(StaffMsg::SetByDistrict)}</p> })}
                {section_error("d-time_limits")}
                <fieldset class="plain" disabled=!district_wide>
                    <div class="dir-rules">{rule_views}</div>
                </fieldset>
            </section>
            <section aria-labelledby="d-retention-title" class="case-card">
                <h2 id="d-retention-title">{t(StaffMsg::RetentionTitle)}</h2>
                {(!district_wide).then(|| view! { <p class="help">{t(StaffMsg::SetByDistrict)}</p> })}
                {section_error("d-retention")}
                <fieldset class="plain" disabled=!district_wide>
                <div class="field">
                    <label for="d-retention_days">{t(StaffMsg::RetentionDays)}</label>
                    <p class="help" id="d-retention_days-help">{t(StaffMsg::RetentionDaysHelp)}</p>
                    <input
                        id="d-retention_days"
                        type="number"
                        inputmode="numeric"
                        min="30"
                        max="36500"
                        aria-describedby="d-retention_days-help d-retention-error"
                        prop:value=move || retention_days.get()
                        on:input=move |ev| retention_days.set(event_target_value(&ev))
                    />
                </div>
                </fieldset>
            </section>
            {section_error("d-save")}
            <div class="action-bar">
                <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                    {t(StaffMsg::SaveDirectory)}
                </button>
            </div>
        </form>
    }
}
