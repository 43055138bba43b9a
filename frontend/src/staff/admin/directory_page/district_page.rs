//! The district's settings on their own screen (the district's admin): its categories, its
//! time limits and how long personal data is kept, saved on their own on the directory as
//! stored then

use super::directory_draft::{part_problem, problem_slot, EntryDraft, Problem, RulesDraft};
use super::line_input::LineInput;
use super::loaded::{refresh_directory, settle_save, with_loaded};
use super::time_limit_fields::TimeLimitFields;
use crate::api::admin;
use crate::common::directory_state::use_directory;
use crate::common::field::focus_later;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::toast::use_toasts;
use crate::i18n::staff::{StaffMsg, StaffN};
use crate::i18n::{kind_msg, t, use_i18n};
use crate::router::Link;
use crate::staff::sign_in::use_login;
use accord_shared::directory::{CaseKind, Directory};
use accord_shared::directory_edit::{apply, DirectoryPart, DistrictEdit, PartRefused};
use accord_shared::staff::Scope;
use accord_shared::wire::Me;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The district's settings on their own screen (the district's admin): its categories, its
/// time limits and how long personal data is kept, saved on their own on the directory as
/// stored then.
#[component]
pub fn DistrictSettingsPage(me: Me) -> impl IntoView {
    let directory = use_directory();
    refresh_directory(directory);
    let district_wide = me.scope == Scope::District;
    let draw = move |dir: Directory| {
        if district_wide {
            district_form(dir).into_any()
        } else {
            view! { <p class="notice error-notice" role="alert">{t(StaffMsg::SetByDistrict)}</p> }
                .into_any()
        }
    };
    view! {
        <p><Link href="/staff/admin/directory".to_owned()>{t(StaffMsg::BackToDirectory)}</Link></p>
        <h1 tabindex="-1">{t(StaffMsg::DistrictSettingsTitle)}</h1>
        <p class="lead">{t(StaffMsg::DistrictSettingsIntro)}</p>
        {with_loaded(directory, draw)}
    }
}

fn district_form(dir: Directory) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let login = use_login();
    let directory = use_directory();
    let problem: Problem = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let categories = RwSignal::new(
        dir.categories
            .iter()
            .map(|c| EntryDraft::existing(&c.id, c.kind, &c.name))
            .collect::<Vec<_>>(),
    );
    let rules = RulesDraft::of(&dir.time_limits);
    let rules_read = StoredValue::new(rules.clone());
    let retention_days = RwSignal::new(dir.retention_days.to_string());
    let stored = StoredValue::new(dir);

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let fail = move |field: &str| {
            let (at, msg) = part_problem(field);
            let at = if matches!(at, "d-categories" | "d-time_limits" | "d-retention") {
                at
            } else {
                "d-save"
            };
            problem.set(Some((at, msg.into())));
            focus_later(format!("{at}-error"));
        };
        let time_limits = match rules_read.with_value(RulesDraft::read) {
            Ok(limits) => limits,
            Err(field) => return fail(field),
        };
        let Ok(retention_days) = retention_days.get_untracked().trim().parse::<u32>() else {
            return fail("retention_days");
        };
        let edit = DistrictEdit {
            categories: categories
                .get_untracked()
                .iter()
                .map(EntryDraft::category)
                .collect(),
            time_limits,
            retention_days,
        };
        let part = DirectoryPart::District(edit.clone());
        if let Err(PartRefused::Field(err)) =
            stored.with_value(|dir| apply(&Scope::District, dir, part))
        {
            return fail(err.field);
        }
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = admin::save_district(&edit).await;
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

    view! {
        <form class="directory-form" novalidate on:submit=on_submit>
            <section aria-labelledby="d-categories-title">
                <h2 id="d-categories-title">{t(StaffMsg::CategoriesTitle)}</h2>
                {problem_slot(problem, "d-categories")}
                <For each=move || categories.get() key=|c| c.key let:category>
                    <fieldset class="case-card dir-row">
                        <legend>{move || kind_msg(category.kind.get()).text(i18n.lang())}</legend>
                        <LineInput id=format!("d-cat{}-id", category.key) label=StaffMsg::CategoryId.into() value=category.id readonly=!category.fresh described_by="d-categories-error".to_owned() />
                        <LineInput id=format!("d-cat{}-zh", category.key) label=StaffMsg::NameZh.into() value=category.name.zh described_by="d-categories-error".to_owned() />
                        <LineInput id=format!("d-cat{}-en", category.key) label=StaffMsg::NameEn.into() value=category.name.en described_by="d-categories-error".to_owned() />
                        {(!category.fresh).then(|| {
                            let id = category.id.get_untracked();
                            let count = stored.with_value(|d| d.category(&id).map_or(0, |c| c.questions.len()));
                            let href = format!("/staff/admin/directory/categories/{id}");
                            view! {
                                <p class="questions-link">
                                    <Link href=href>{move || StaffN::QuestionCount.with(i18n.lang(), count)}</Link>
                                </p>
                            }
                        })}
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
            <section aria-labelledby="d-time_limits-title">
                <h2 id="d-time_limits-title">{t(StaffMsg::TimeLimitsTitle)}</h2>
                <p class="help">{t(StaffMsg::TimeLimitsHelp)}</p>
                {problem_slot(problem, "d-time_limits")}
                <TimeLimitFields rules=rules />
            </section>
            <section aria-labelledby="d-retention-title" class="case-card">
                <h2 id="d-retention-title">{t(StaffMsg::RetentionTitle)}</h2>
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
                {problem_slot(problem, "d-retention")}
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
