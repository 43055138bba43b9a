//! The district's move of a case to a community of another street: the receiving community
//! (under its street; this case's street is left out), a grid of it and the reason, as one
//! more entry of the action list. What was typed lives in page-level signals, so a version
//! conflict reloads the case without losing it; a moved case opens under its new code.

use crate::api::{self, ApiError, CommandFailure};
use crate::common::directory_state::{communities_by_street, grid_options, use_directory};
use crate::common::field::focus_later;
use crate::common::form_kit::{Failure, Problem};
use crate::common::staff_fields::{Select, TextArea};
use crate::common::toast::use_toasts;
use crate::i18n::staff::{Said, StaffMsg, StaffX};
use crate::i18n::{t, use_i18n, Lang, Msg};
use crate::router::{use_router, StaffRoute};
use crate::staff::district_scope::reaches;
use crate::staff::sign_in::{use_login, LoginState};
use accord_shared::lifecycle::CommandKind;
use accord_shared::wire::{CaseDetail, TransferRequest};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

const FORM_ID: &str = "action-form-transfer_out";
const COMMUNITY: &str = "t-community";
const GRID: &str = "t-grid";
const REASON: &str = "t-reason";
const ERROR: &str = "transfer-error";

/// Why a field of the move was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Problem(Problem),
    /// The server refused the community: it is of this case's street, or unknown.
    OtherStreet,
}

impl Refusal {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            Refusal::Problem(problem) => problem.text(lang),
            Refusal::OtherStreet => StaffMsg::ProblemOtherStreet.text(lang),
        }
    }
}

/// What the move form holds, kept for the life of the page.
#[derive(Debug, Clone, Copy)]
pub struct TransferDraft {
    pub community: RwSignal<String>,
    pub grid: RwSignal<String>,
    pub reason: RwSignal<String>,
    /// The field in error (its id) and why.
    pub error: RwSignal<Option<(&'static str, Refusal)>>,
    /// Why the last request failed, when no single field is to blame.
    pub form_error: RwSignal<Option<Said>>,
    pub busy: RwSignal<bool>,
}

impl TransferDraft {
    pub fn new() -> Self {
        TransferDraft {
            community: RwSignal::new(String::new()),
            grid: RwSignal::new(String::new()),
            reason: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            form_error: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    fn error_of(self, id: &'static str) -> Signal<Option<String>> {
        let i18n = use_i18n();
        let error = self.error;
        Signal::derive(move || {
            error
                .get()
                .filter(|(at, _)| *at == id)
                .map(|(_, refusal)| refusal.text(i18n.lang()).to_owned())
        })
    }

    /// The request the form describes, or the first field to fix.
    fn request(self, version: u64) -> Result<TransferRequest, (&'static str, Refusal)> {
        let value = |signal: RwSignal<String>| signal.get_untracked().trim().to_owned();
        let (community, grid, reason) =
            (value(self.community), value(self.grid), value(self.reason));
        if community.is_empty() {
            return Err((COMMUNITY, Refusal::Problem(Problem::Choose)));
        }
        if grid.is_empty() {
            return Err((GRID, Refusal::Problem(Problem::Choose)));
        }
        if reason.is_empty() {
            return Err((REASON, Refusal::Problem(Problem::Required)));
        }
        Ok(TransferRequest {
            version,
            community,
            grid,
            reason,
        })
    }
}

impl Default for TransferDraft {
    fn default() -> Self {
        Self::new()
    }
}

/// The control for a field the server named, and why it was refused.
fn refusal(field: &str, code: &str) -> Option<(&'static str, Refusal)> {
    match field {
        "community" => Some((COMMUNITY, Refusal::OtherStreet)),
        "grid" => Some((GRID, Refusal::Problem(Problem::from_code(code, field)))),
        "reason" => Some((REASON, Refusal::Problem(Problem::from_code(code, field)))),
        _ => None,
    }
}

/// What to say about a failed move that no field explains.
fn failure_words(error: &ApiError) -> Said {
    match Failure::of(error) {
        Failure::Conflict => StaffMsg::InvalidTransition.into(),
        Failure::NotFound => Msg::CaseNotFound.into(),
        other => other.said(),
    }
}

/// "Move to another street": a toggle in the action list and, opened, its form.
#[component]
pub fn TransferForm(
    draft: TransferDraft,
    /// Which action's form is open, one at a time; the move's is `TransferOut`.
    open: RwSignal<Option<CommandKind>>,
    /// Set when the case changed under the reader and was reloaded (the panel's banner).
    conflict: RwSignal<bool>,
    case: RwSignal<Option<CaseDetail>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let toasts = use_toasts();
    let router = use_router();
    let directory = use_directory();
    let here = case.with_untracked(|c| c.as_ref().map(|c| c.community.clone()));
    let scope = login.0.with_untracked(|state| match state {
        LoginState::SignedIn(me) => Some(me.scope.clone()),
        _ => None,
    });

    // The communities of every other street the reader reaches, under their street's name.
    let groups = Signal::derive(move || {
        let lang = i18n.lang();
        directory.0.with(|dir| match (dir, &scope, &here) {
            (Some(Ok(dir)), Some(scope), Some(here)) => {
                let street = dir.community(here).map(|c| c.street.clone());
                communities_by_street(dir, lang, |c| {
                    Some(&c.street) != street.as_ref() && reaches(scope, c)
                })
            }
            _ => Vec::new(),
        })
    });
    let grids = Signal::derive(move || {
        let lang = i18n.lang();
        let chosen = draft.community.get();
        directory.0.with(|dir| match dir {
            Some(Ok(dir)) => grid_options(dir, &chosen, lang),
            _ => Vec::new(),
        })
    });

    let expanded = move || open.get() == Some(CommandKind::TransferOut);
    let toggle = move |_| {
        if open.get_untracked() == Some(CommandKind::TransferOut) {
            open.set(None);
            return;
        }
        draft.error.set(None);
        draft.form_error.set(None);
        conflict.set(false);
        open.set(Some(CommandKind::TransferOut));
        focus_later(FORM_ID.to_owned());
    };
    let changed = Callback::new(move |_| draft.error.set(None));
    let community_changed = Callback::new(move |_| {
        draft.grid.set(String::new());
        draft.error.set(None);
    });

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if draft.busy.get_untracked() {
            return;
        }
        let Some((code, version)) =
            case.with_untracked(|c| c.as_ref().map(|c| (c.code.clone(), c.version)))
        else {
            return;
        };
        let request = match draft.request(version) {
            Ok(request) => request,
            Err(blamed) => {
                draft.error.set(Some(blamed));
                focus_later(blamed.0.to_owned());
                return;
            }
        };
        draft.error.set(None);
        draft.form_error.set(None);
        draft.busy.set(true);
        spawn_local(async move {
            let result = api::transfer(&code, &request).await;
            // The page may have been left meanwhile (its signals disposed).
            if draft.busy.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(moved) => {
                    let new_code = moved.code.clone();
                    for signal in [draft.community, draft.grid, draft.reason] {
                        signal.set(String::new());
                    }
                    open.set(None);
                    conflict.set(false);
                    let told = new_code.clone();
                    toasts.show_text(Arc::new(move |lang| StaffX::MovedAs.with(lang, &told)));
                    router.navigate(&StaffRoute::case_path(&new_code));
                }
                Err(CommandFailure::Conflict(current)) => {
                    case.set(Some(*current));
                    conflict.set(true);
                    focus_later("conflict-banner".to_owned());
                }
                Err(CommandFailure::Other(error)) if error.is_unauthorized() => login.ended(),
                Err(CommandFailure::Other(ApiError::Status {
                    status: 422,
                    field: Some(field),
                    code,
                })) if refusal(&field, &code).is_some() => {
                    if let Some(blamed) = refusal(&field, &code) {
                        draft.error.set(Some(blamed));
                        focus_later(blamed.0.to_owned());
                    }
                }
                Err(CommandFailure::Other(error)) => {
                    draft.form_error.set(Some(failure_words(&error)));
                    focus_later(ERROR.to_owned());
                }
            }
        });
    };

    let form = move || {
        let fields = if groups.with(Vec::is_empty) && directory.0.with(|d| matches!(d, Some(Ok(_))))
        {
            view! { <p class="empty-state">{t(StaffMsg::MoveNoStreet)}</p> }.into_any()
        } else {
            view! {
                <Select id=COMMUNITY label=StaffMsg::MoveCommunity value=draft.community groups=groups error=draft.error_of(COMMUNITY) placeholder=Msg::ChooseOne on_change=community_changed />
                <Select id=GRID label=StaffMsg::MoveGrid value=draft.grid options=grids error=draft.error_of(GRID) placeholder=Msg::ChooseOne on_change=changed />
                <TextArea id=REASON label=StaffMsg::MoveReason help=StaffMsg::MoveReasonHelp value=draft.reason error=draft.error_of(REASON) rows=3 on_change=changed />
                <p class="notice error-notice" id=ERROR tabindex="-1" role="alert" hidden=move || draft.form_error.with(Option::is_none)>
                    {move || draft.form_error.get().map(|said| said.text(i18n.lang()))}
                </p>
                <div class="form-buttons">
                    <button
                        type="submit"
                        class="button primary"
                        disabled=move || draft.busy.get()
                        aria-busy=move || draft.busy.get().to_string()
                    >
                        {move || draft.busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                        {t(StaffMsg::MoveSubmit)}
                    </button>
                    <button type="button" class="button secondary" on:click=move |_| open.set(None)>
                        {t(StaffMsg::Cancel)}
                    </button>
                </div>
            }
            .into_any()
        };
        view! {
            <form class="action-form transfer-form" id=FORM_ID tabindex="-1" aria-labelledby="transfer-title" aria-describedby="transfer-help" novalidate on:submit=on_submit>
                <h3 class="visually-hidden" id="transfer-title">{t(StaffMsg::MoveTitle)}</h3>
                <p class="help" id="transfer-help">{t(StaffMsg::MoveHelp)}</p>
                {fields}
            </form>
        }
    };

    view! {
        <li class="action">
            <button
                type="button"
                class="action-toggle"
                aria-expanded=move || expanded().to_string()
                aria-controls=FORM_ID
                on:click=toggle
            >
                <span>{t(StaffMsg::MoveTitle)}</span>
                <span class="chevron" aria-hidden="true">{move || if expanded() { "▴" } else { "▾" }}</span>
            </button>
            {move || expanded().then(form)}
        </li>
    }
}
