//! The street directory as an admin edits it: community and grid names, new grids, categories,
//! the places sessions are held in, the table of time limits and how long personal data is
//! kept, saved whole in one request.

use crate::api::admin;
use crate::api::ApiError;
use crate::common::directory_state::{category_name, use_directory};
use crate::common::field::focus_later;
use crate::common::i18n::{kind_msg, t, use_i18n, Lang, Msg};
use crate::common::toast::use_toasts;
use crate::staff::sign_in::use_session;
use crate::staff::staff_i18n::{risk_msg, ts, Said, StaffMsg};
use accord_shared::directory::{CaseKind, Category, Directory, Grid, Name};
use accord_shared::scheduling::{Place, PlaceKind};
use accord_shared::time_limits::{StageHours, TimeLimitRule, TimeLimits};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Keys for rows drawn by `For`, so adding a row keeps the others (and focus) in place.
fn next_key() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[derive(Debug, Clone, Copy)]
struct NameDraft {
    zh: RwSignal<String>,
    en: RwSignal<String>,
}

impl NameDraft {
    fn of(name: &Name) -> Self {
        NameDraft {
            zh: RwSignal::new(name.zh.clone()),
            en: RwSignal::new(name.en.clone()),
        }
    }

    fn read(self) -> Name {
        Name {
            zh: self.zh.get_untracked().trim().to_owned(),
            en: self.en.get_untracked().trim().to_owned(),
        }
    }
}

/// A grid or a category: its id can be typed only while it is new (cases refer to it).
#[derive(Debug, Clone, Copy)]
struct EntryDraft {
    key: usize,
    id: RwSignal<String>,
    fresh: bool,
    kind: RwSignal<CaseKind>,
    name: NameDraft,
}

impl EntryDraft {
    fn existing(id: &str, kind: CaseKind, name: &Name) -> Self {
        EntryDraft {
            key: next_key(),
            id: RwSignal::new(id.to_owned()),
            fresh: false,
            kind: RwSignal::new(kind),
            name: NameDraft::of(name),
        }
    }

    fn fresh(kind: CaseKind) -> Self {
        EntryDraft {
            key: next_key(),
            id: RwSignal::new(String::new()),
            fresh: true,
            kind: RwSignal::new(kind),
            name: NameDraft::of(&Name::new("", "")),
        }
    }
}

/// A mediation room or judge workstation: names and capacity can change; its id, kind and
/// community can be chosen only while it is new (sessions refer to it).
#[derive(Debug, Clone, Copy)]
struct PlaceDraft {
    key: usize,
    id: RwSignal<String>,
    fresh: bool,
    kind: RwSignal<PlaceKind>,
    /// `None` for a place of the whole street.
    community: RwSignal<Option<String>>,
    name: NameDraft,
    capacity: RwSignal<String>,
}

impl PlaceDraft {
    fn existing(place: &Place) -> Self {
        PlaceDraft {
            key: next_key(),
            id: RwSignal::new(place.id.clone()),
            fresh: false,
            kind: RwSignal::new(place.kind),
            community: RwSignal::new(place.community.clone()),
            name: NameDraft::of(&place.name),
            capacity: RwSignal::new(place.capacity.to_string()),
        }
    }

    fn fresh() -> Self {
        PlaceDraft {
            key: next_key(),
            id: RwSignal::new(String::new()),
            fresh: true,
            kind: RwSignal::new(PlaceKind::MediationRoom),
            community: RwSignal::new(None),
            name: NameDraft::of(&Name::new("", "")),
            capacity: RwSignal::new(String::new()),
        }
    }
}

fn place_kind_msg(kind: PlaceKind) -> StaffMsg {
    match kind {
        PlaceKind::MediationRoom => StaffMsg::PlaceMediationRoom,
        PlaceKind::JudgeWorkstation => StaffMsg::PlaceJudgeWorkstation,
    }
}

#[derive(Debug, Clone)]
struct CommunityDraft {
    id: String,
    number: u8,
    name: NameDraft,
    grids: RwSignal<Vec<EntryDraft>>,
}

#[derive(Debug, Clone, Copy)]
struct RuleDraft {
    rule_key: usize,
    hours: [RwSignal<String>; 4],
}

#[derive(Debug, Clone)]
struct DirectoryDraft {
    original: Directory,
    communities: Vec<CommunityDraft>,
    categories: RwSignal<Vec<EntryDraft>>,
    places: RwSignal<Vec<PlaceDraft>>,
    rules: Vec<(TimeLimitRule, RuleDraft)>,
    retention_days: RwSignal<String>,
}

impl DirectoryDraft {
    fn of(dir: &Directory) -> Self {
        DirectoryDraft {
            original: dir.clone(),
            communities: dir
                .communities
                .iter()
                .map(|c| CommunityDraft {
                    id: c.id.clone(),
                    number: c.number,
                    name: NameDraft::of(&c.name),
                    grids: RwSignal::new(
                        c.grids
                            .iter()
                            .map(|g| EntryDraft::existing(&g.id, CaseKind::Dispute, &g.name))
                            .collect(),
                    ),
                })
                .collect(),
            categories: RwSignal::new(
                dir.categories
                    .iter()
                    .map(|c| EntryDraft::existing(&c.id, c.kind, &c.name))
                    .collect(),
            ),
            places: RwSignal::new(dir.places.iter().map(PlaceDraft::existing).collect()),
            rules: dir
                .time_limits
                .rules
                .iter()
                .map(|rule| {
                    let h = rule.hours;
                    let cell = |n: u32| RwSignal::new(n.to_string());
                    (
                        rule.clone(),
                        RuleDraft {
                            rule_key: next_key(),
                            hours: [
                                cell(h.triage),
                                cell(h.dispatch),
                                cell(h.handling),
                                cell(h.follow_up),
                            ],
                        },
                    )
                })
                .collect(),
            retention_days: RwSignal::new(dir.retention_days.to_string()),
        }
    }

    /// The directory to send, or the section whose numbers are not whole numbers.
    fn read(&self) -> Result<Directory, &'static str> {
        let mut dir = self.original.clone();
        dir.communities = self
            .original
            .communities
            .iter()
            .zip(&self.communities)
            .map(|(old, draft)| {
                let mut community = old.clone();
                debug_assert_eq!(old.id, draft.id);
                community.name = draft.name.read();
                community.grids = draft
                    .grids
                    .get_untracked()
                    .iter()
                    .map(|g| Grid {
                        id: g.id.get_untracked().trim().to_owned(),
                        name: g.name.read(),
                    })
                    .collect();
                community
            })
            .collect();
        dir.categories = self
            .categories
            .get_untracked()
            .iter()
            .map(|c| Category {
                id: c.id.get_untracked().trim().to_owned(),
                kind: c.kind.get_untracked(),
                name: c.name.read(),
            })
            .collect();
        let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<u32>().ok();
        let mut places = Vec::new();
        for p in self.places.get_untracked() {
            places.push(Place {
                id: p.id.get_untracked().trim().to_owned(),
                name: p.name.read(),
                kind: p.kind.get_untracked(),
                community: p.community.get_untracked(),
                capacity: number(p.capacity).ok_or("places")?,
            });
        }
        dir.places = places;
        let mut rules = Vec::with_capacity(self.rules.len());
        for (rule, draft) in &self.rules {
            let [triage, dispatch, handling, follow_up] = draft.hours.map(number);
            let (Some(triage), Some(dispatch), Some(handling), Some(follow_up)) =
                (triage, dispatch, handling, follow_up)
            else {
                return Err("time_limits");
            };
            rules.push(TimeLimitRule {
                hours: StageHours {
                    triage,
                    dispatch,
                    handling,
                    follow_up,
                },
                ..rule.clone()
            });
        }
        dir.time_limits = TimeLimits { rules };
        dir.retention_days = number(self.retention_days).ok_or("retention_days")?;
        Ok(dir)
    }
}

/// The section a field the server named belongs to, and what to say.
fn section_problem(field: &str) -> (&'static str, StaffMsg) {
    match field {
        "communities.number" => ("d-communities", StaffMsg::DirProblemNumber),
        "communities.grids" => ("d-communities", StaffMsg::DirProblemGrids),
        f if f.starts_with("communities") || f.starts_with("street") => {
            ("d-communities", StaffMsg::DirProblemCommunities)
        }
        f if f.starts_with("categories") => ("d-categories", StaffMsg::DirProblemCategories),
        f if f.starts_with("places") => ("d-places", StaffMsg::DirProblemPlaces),
        f if f.starts_with("time_limits") => ("d-time_limits", StaffMsg::DirProblemTimeLimits),
        _ => ("d-retention", StaffMsg::DirProblemRetention),
    }
}

/// A labelled single-line input whose id is made at run time.
#[component]
fn LineInput(
    id: String,
    label: Said,
    value: RwSignal<String>,
    #[prop(optional)] number: bool,
    #[prop(optional)] readonly: bool,
    /// The largest number allowed, for a number input.
    #[prop(optional)]
    max: Option<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let for_id = id.clone();
    view! {
        <div class="field compact">
            <label for=for_id>{move || label.text(i18n.lang())}</label>
            <input
                id=id
                type=if number { "number" } else { "text" }
                inputmode=number.then_some("numeric")
                min=number.then_some("1")
                max=max.map(|m| m.to_string())
                readonly=readonly
                autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let directory = use_directory();
    // What the app loaded may be a minute old; edit what is stored now. The form is drawn
    // again only if the street changed meanwhile.
    spawn_local(async move {
        if let Ok(now) = admin::directory_now().await {
            let same = directory
                .0
                .with_untracked(|d| matches!(d, Some(Ok(loaded)) if *loaded == now));
            if !same {
                directory.0.set(Some(Ok(now)));
            }
        }
    });
    view! {
        <h1 tabindex="-1">{ts(StaffMsg::DirectoryTitle)}</h1>
        <p class="lead">{ts(StaffMsg::DirectoryIntro)}</p>
        {move || match directory.0.get() {
            None => view! {
                <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p>
            }
            .into_any(),
            Some(Err(_)) => view! {
                <p class="notice error-notice" role="alert">{t(Msg::LoadFailed)}</p>
                <button type="button" class="button secondary" on:click=move |_| directory.load()>{t(Msg::Retry)}</button>
            }
            .into_any(),
            // Drawn once per loaded directory; typing changes only the draft's signals.
            Some(Ok(dir)) => view! { <DirectoryForm draft=DirectoryDraft::of(&dir) /> }.into_any(),
        }}
    }
}

#[component]
fn DirectoryForm(draft: DirectoryDraft) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
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
            match result {
                Ok(saved) => {
                    toasts.show_text(Arc::new(|lang| {
                        StaffMsg::DirectorySaved.text(lang).to_owned()
                    }));
                    // Every screen sees the new names; this form is drawn again from them.
                    directory.0.set(Some(Ok(saved)));
                }
                Err(failure) if failure.is_unauthorized() => session.ended(),
                Err(ApiError::Status {
                    status: 422,
                    field: Some(field),
                    ..
                }) => fail(&field),
                Err(failure) => {
                    error.set(Some((
                        "d-save",
                        match failure {
                            ApiError::Status { status: 403, .. } => StaffMsg::Forbidden.into(),
                            ApiError::Network => Msg::NetworkError.into(),
                            _ => Msg::ServerError.into(),
                        },
                    )));
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
                    <p class="help">{move || StaffMsg::CommunityNumber.with_x(i18n.lang(), &format!("{number:02}"))}</p>
                    <div class="pair">
                        <LineInput id=format!("{prefix}-zh") label=StaffMsg::NameZh.into() value=lang_name.zh />
                        <LineInput id=format!("{prefix}-en") label=StaffMsg::NameEn.into() value=lang_name.en />
                    </div>
                    <fieldset class="dir-grids">
                        <legend>{ts(StaffMsg::GridsLegend)}</legend>
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
                            {ts(StaffMsg::AddGrid)}
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
                    <option value=n.to_string() selected=move || place.kind.get() == kind>{ts(place_kind_msg(kind))}</option>
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
                        <label for=kind_id.clone()>{ts(StaffMsg::PlaceKindLabel)}</label>
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
                        <label for=community_id.clone()>{ts(StaffMsg::PlaceCommunity)}</label>
                        <select id=community_id on:change=move |ev| {
                            let id = event_target_value(&ev);
                            place.community.set((!id.is_empty()).then_some(id));
                        }>
                            <option value="" selected=move || place.community.with(Option::is_none)>{ts(StaffMsg::PlaceWholeStreet)}</option>
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
                <h2 id="d-communities-title">{ts(StaffMsg::CommunitiesTitle)}</h2>
                {section_error("d-communities")}
                {community_views}
            </section>
            <section aria-labelledby="d-categories-title">
                <h2 id="d-categories-title">{ts(StaffMsg::CategoriesTitle)}</h2>
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
                <h2 id="d-places-title">{ts(StaffMsg::PlacesTitle)}</h2>
                <p class="help">{ts(StaffMsg::PlacesHelp)}</p>
                {section_error("d-places")}
                <For each=move || places.get() key=|p| p.key let:place>
                    {place_view(place)}
                </For>
                <div class="form-buttons">
                    <button type="button" class="button secondary" on:click=move |_| {
                        let fresh = PlaceDraft::fresh();
                        places.update(|list| list.push(fresh));
                    }>
                        {ts(StaffMsg::AddPlace)}
                    </button>
                </div>
            </section>
            <section aria-labelledby="d-time_limits-title">
                <h2 id="d-time_limits-title">{ts(StaffMsg::TimeLimitsTitle)}</h2>
                <p class="help">{ts(StaffMsg::TimeLimitsHelp)}</p>
                {section_error("d-time_limits")}
                <div class="dir-rules">{rule_views}</div>
            </section>
            <section aria-labelledby="d-retention-title" class="case-card">
                <h2 id="d-retention-title">{ts(StaffMsg::RetentionTitle)}</h2>
                {section_error("d-retention")}
                <div class="field">
                    <label for="d-retention_days">{ts(StaffMsg::RetentionDays)}</label>
                    <p class="help" id="d-retention_days-help">{ts(StaffMsg::RetentionDaysHelp)}</p>
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
                    {ts(StaffMsg::SaveDirectory)}
                </button>
            </div>
        </form>
    }
}
