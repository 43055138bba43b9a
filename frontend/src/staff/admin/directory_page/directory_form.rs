//! The directory editor: communities and grids, places, categories and the retention period.

use super::directory_draft::{
    place_kind_msg, section_problem, DirectoryDraft, EntryDraft, NameDraft, PlaceDraft,
};
use super::line_input::LineInput;
use crate::api::admin;
use crate::api::ApiError;
use crate::common::directory_state::{category_name, use_directory};
use crate::common::field::focus_later;
use crate::common::form_kit::failure_said;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::toast::use_toasts;
use crate::i18n::staff::{risk_msg, Said, StaffMsg, StaffX};
use crate::i18n::{kind_msg, t, use_i18n, Lang, Msg};
use crate::staff::sign_in::use_login;
use accord_shared::directory::CaseKind;
use accord_shared::scheduling::PlaceKind;
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
    let draft = StoredValue::new(draft);
    let categories = draft.with_value(|d| d.categories);
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

    let communities = draft.with_value(|d| d.communities.clone());
    let community_views = communities
        .into_iter()
        .map(|community| {
            let lang_name = community.name;
            let grids = community.grids;
            let prefix = format!("d-c-{}", community.id);
            let heading = move || {
                let lang = i18n.lang();
                let name = match lang {
                    Lang::Zh => lang_name.zh.get(),
                    Lang::En => lang_name.en.get(),
                };
                format!("{name} ({})", community.id)
            };
            let number = community.number;
            let grid_prefix = prefix.clone();
            view! {
                <fieldset class="case-card dir-community">
                    <legend>{heading}</legend>
                    <p class="help">{move || StaffX::CommunityNumber.with(i18n.lang(), &format!("{number:02}"))}</p>
                    <div class="pair">
                        <LineInput id=format!("{prefix}-zh") label=StaffMsg::NameZh.into() value=lang_name.zh />
                        <LineInput id=format!("{prefix}-en") label=StaffMsg::NameEn.into() value=lang_name.en />
                    </div>
                    <fieldset class="dir-grids">
                        <legend>{t(StaffMsg::GridsLegend)}</legend>
                        <For each=move || grids.get() key=|g| g.key let:grid>
                            <div class="dir-row">
                                <LineInput id=format!("{grid_prefix}-g{}-id", grid.key) label=StaffMsg::GridId.into() value=grid.id readonly=!grid.fresh />
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
        })
        .collect_view();

    // The communities a place may belong to, named as the admin is typing them.
    let community_names: Vec<(String, NameDraft)> = draft.with_value(|d| {
        d.communities
            .iter()
            .map(|c| (c.id.clone(), c.name))
            .collect()
    });
    let community_names = StoredValue::new(community_names);
    let community_label = move |id: &Option<String>, lang: Lang| match id {
        None => StaffMsg::PlaceWholeStreet.text(lang).to_owned(),
        Some(id) => community_names.with_value(|names| {
            names
                .iter()
                .find(|(c, _)| c == id)
                .map(|(_, name)| match lang {
                    Lang::Zh => name.zh.get(),
                    Lang::En => name.en.get(),
                })
                .unwrap_or_else(|| id.clone())
        }),
    };
    let place_view = move |place: PlaceDraft| {
        let prefix = format!("d-p{}", place.key);
        let legend = move || {
            let lang = i18n.lang();
            if place.fresh {
                return StaffMsg::NewPlace.text(lang).to_owned();
            }
            let name = match lang {
                Lang::Zh => place.name.zh.get(),
                Lang::En => place.name.en.get(),
            };
            format!("{name} ({})", place.id.get())
        };
        // An existing place says what it is; a new one has it chosen.
        let what = (!place.fresh).then(|| {
            view! {
                <p class="help">
                    {move || {
                        let lang = i18n.lang();
                        format!(
                            "{} · {}",
                            place_kind_msg(place.kind.get()).text(lang),
                            community_label(&place.community.get(), lang)
                        )
                    }}
                </p>
            }
        });
        let choices = place.fresh.then(|| {
            let (kind_id, community_id) = (format!("{prefix}-kind"), format!("{prefix}-community"));
            let kinds = [PlaceKind::MediationRoom, PlaceKind::JudgeWorkstation]
                .into_iter()
                .enumerate()
                .map(|(n, kind)| view! {
                    <option value=n.to_string() selected=move || place.kind.get() == kind>{t(place_kind_msg(kind))}</option>
                })
                .collect_view();
            let communities = community_names.with_value(|names| {
                names
                    .iter()
                    .map(|(id, name)| {
                        let (value, wanted, name) = (id.clone(), id.clone(), *name);
                        view! {
                            <option value=value selected=move || place.community.with(|c| c.as_deref() == Some(wanted.as_str()))>
                                {move || match i18n.lang() {
                                    Lang::Zh => name.zh.get(),
                                    Lang::En => name.en.get(),
                                }}
                            </option>
                        }
                    })
                    .collect_view()
            });
            view! {
                <div class="pair">
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
                    <div class="field compact">
                        <label for=community_id.clone()>{t(StaffMsg::PlaceCommunity)}</label>
                        <select id=community_id on:change=move |ev| {
                            let id = event_target_value(&ev);
                            place.community.set((!id.is_empty()).then_some(id));
                        }>
                            <option value="" selected=move || place.community.with(Option::is_none)>{t(StaffMsg::PlaceWholeStreet)}</option>
                            {communities}
                        </select>
                    </div>
                </div>
            }
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
                </div>
                <LineInput id=format!("{prefix}-capacity") label=StaffMsg::PlaceCapacity.into() value=place.capacity number=true max=500 />
            </fieldset>
        }
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
                {section_error("d-communities")}
                {community_views}
            </section>
            <section aria-labelledby="d-categories-title">
                <h2 id="d-categories-title">{t(StaffMsg::CategoriesTitle)}</h2>
                {section_error("d-categories")}
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
            </section>
            <section aria-labelledby="d-places-title">
                <h2 id="d-places-title">{t(StaffMsg::PlacesTitle)}</h2>
                <p class="help">{t(StaffMsg::PlacesHelp)}</p>
                {section_error("d-places")}
                <For each=move || places.get() key=|p| p.key let:place>
                    {place_view(place)}
                </For>
                <div class="form-buttons">
                    <button type="button" class="button secondary" on:click=move |_| {
                        let fresh = PlaceDraft::fresh();
                        places.update(|list| list.push(fresh));
                    }>
                        {t(StaffMsg::AddPlace)}
                    </button>
                </div>
            </section>
            <section aria-labelledby="d-time_limits-title">
                <h2 id="d-time_limits-title">{t(StaffMsg::TimeLimitsTitle)}</h2>
                <p class="help">{t(StaffMsg::TimeLimitsHelp)}</p>
                {section_error("d-time_limits")}
                <div class="dir-rules">{rule_views}</div>
            </section>
            <section aria-labelledby="d-retention-title" class="case-card">
                <h2 id="d-retention-title">{t(StaffMsg::RetentionTitle)}</h2>
                {section_error("d-retention")}
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
