//! The steps of the closed loop a staff member may take on a case now: a list of actions, the
//! chosen one expanded into a small form. What was typed is kept in page-level signals, so a
//! version conflict reloads the case without losing it.

use super::transfer_form::{TransferDraft, TransferForm};
use crate::api::{self, ApiError, CommandFailure};
use crate::common::directory_state::use_directory;
use crate::common::field::focus_later;
use crate::common::form_kit::{Failure, Problem};
use crate::common::staff_fields::{InputKind, RadioGroup, Select, TextArea, TextInput};
use crate::common::toast::use_toasts;
use crate::i18n::staff::{command_msg, risk_msg, Said, StaffMsg, StaffX};
use crate::i18n::{outcome_msg, referral_msg, role_msg, t, use_i18n, Msg};
use crate::staff::risk_factors::{FactorDraft, RiskFactorFields};
use crate::staff::sign_in::use_login;
use accord_shared::case::{Handler, Outcome, ReferralTarget, Visibility};
use accord_shared::lifecycle::{Command, CommandKind};
use accord_shared::risk::RiskLevel;
use accord_shared::wire::{CaseDetail, CommandRequest, MergeRequest, Person};
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Every field of every action form, kept for the life of the page.
#[derive(Debug, Clone, Copy)]
pub struct ActionForms {
    pub open: RwSignal<Option<CommandKind>>,
    pub note: RwSignal<String>,
    pub reason: RwSignal<String>,
    pub redirect_to: RwSignal<String>,
    pub category: RwSignal<String>,
    pub factors: FactorDraft,
    pub level: RwSignal<String>,
    pub chosen: RwSignal<Vec<String>>,
    pub lead: RwSignal<Option<String>>,
    pub people: RwSignal<Option<Result<Vec<Person>, Msg>>>,
    pub text: RwSignal<String>,
    pub visibility: RwSignal<Option<Visibility>>,
    pub outcome: RwSignal<Option<Outcome>>,
    pub target: RwSignal<Option<ReferralTarget>>,
    pub receiving_body: RwSignal<String>,
    pub date: RwSignal<String>,
    /// The move to another street (the district's), a form of its own.
    pub transfer: TransferDraft,
    /// The field in error (its id) and why.
    pub error: RwSignal<Option<(&'static str, Problem)>>,
    /// Why the last request failed, when no single field is to blame.
    pub form_error: RwSignal<Option<Said>>,
    /// The case changed under the reader: it has been reloaded.
    pub conflict: RwSignal<bool>,
    pub busy: RwSignal<bool>,
}

impl ActionForms {
    pub fn new() -> Self {
        ActionForms {
            open: RwSignal::new(None),
            note: RwSignal::new(String::new()),
            reason: RwSignal::new(String::new()),
            redirect_to: RwSignal::new(String::new()),
            category: RwSignal::new(String::new()),
            factors: FactorDraft::new(),
            level: RwSignal::new(String::new()),
            chosen: RwSignal::new(Vec::new()),
            lead: RwSignal::new(None),
            people: RwSignal::new(None),
            text: RwSignal::new(String::new()),
            visibility: RwSignal::new(None),
            outcome: RwSignal::new(None),
            target: RwSignal::new(None),
            receiving_body: RwSignal::new(String::new()),
            date: RwSignal::new(String::new()),
            transfer: TransferDraft::new(),
            error: RwSignal::new(None),
            form_error: RwSignal::new(None),
            conflict: RwSignal::new(false),
            busy: RwSignal::new(false),
        }
    }

    fn clear(self) {
        for signal in [
            self.note,
            self.reason,
            self.redirect_to,
            self.text,
            self.receiving_body,
            self.date,
            self.level,
            self.category,
        ] {
            signal.set(String::new());
        }
        self.outcome.set(None);
        self.target.set(None);
        self.visibility.set(None);
        self.error.set(None);
        self.form_error.set(None);
    }

    /// Opens one action's form, filled with what the case has now.
    fn open_for(self, kind: CommandKind, case: &CaseDetail) {
        if self.open.get_untracked() == Some(kind) {
            self.open.set(None);
            return;
        }
        self.clear();
        self.conflict.set(false);
        match kind {
            CommandKind::AssessRisk => self.factors.fill(&case.risk.factors),
            CommandKind::OverrideRisk => self.level.set(case.risk.level.as_str().to_owned()),
            CommandKind::Recategorize => self.category.set(case.category.clone()),
            CommandKind::SetHandlers => {
                self.chosen
                    .set(case.handlers.iter().map(|h| h.username.clone()).collect());
                self.lead.set(
                    case.handlers
                        .iter()
                        .find(|h| h.lead)
                        .map(|h| h.username.clone()),
                );
            }
            CommandKind::SetConflictSince => self.date.set(
                case.conflict_since
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ),
            CommandKind::AddNote => self.visibility.set(Some(Visibility::Internal)),
            _ => {}
        }
        self.open.set(Some(kind));
        focus_later(format!("action-form-{}", kind_id(kind)));
    }

    /// The error beside the field with this id, in words.
    fn error_of(self, id: &'static str) -> Signal<Option<String>> {
        let i18n = use_i18n();
        let error = self.error;
        Signal::derive(move || {
            error
                .get()
                .filter(|(at, _)| *at == id)
                .map(|(_, problem)| problem.text(i18n.lang()).to_owned())
        })
    }

    fn changed(self) -> Callback<()> {
        let error = self.error;
        Callback::new(move |_| error.set(None))
    }
}

impl Default for ActionForms {
    fn default() -> Self {
        Self::new()
    }
}

fn kind_id(kind: CommandKind) -> &'static str {
    use CommandKind as C;
    match kind {
        C::Accept => "accept",
        C::Reject => "reject",
        C::Recategorize => "recategorize",
        C::AssessRisk => "assess_risk",
        C::OverrideRisk => "override_risk",
        C::SetHandlers => "set_handlers",
        C::Start => "start",
        C::AddNote => "add_note",
        C::Resolve => "resolve",
        C::FailMediation => "fail_mediation",
        C::Refer => "refer",
        C::BeginFollowUp => "begin_follow_up",
        C::RecordVisit => "record_visit",
        C::GiveFeedback => "give_feedback",
        C::Close => "close",
        C::Reopen => "reopen",
        C::Escalate => "escalate",
        C::SetConflictSince => "set_conflict_since",
        C::MergeInto => "merge_into",
        C::AbsorbDuplicate => "absorb_duplicate",
        C::TransferOut => "transfer_out",
        C::TransferIn => "transfer_in",
    }
}

type Refusal = (&'static str, Problem);

fn required(id: &'static str, signal: RwSignal<String>) -> Result<String, Refusal> {
    let text = signal.get_untracked().trim().to_owned();
    if text.is_empty() {
        Err((id, Problem::Required))
    } else {
        Ok(text)
    }
}

fn optional(signal: RwSignal<String>) -> Option<String> {
    let text = signal.get_untracked().trim().to_owned();
    (!text.is_empty()).then_some(text)
}

fn chosen<T: Copy + Send + Sync + 'static>(
    id: &'static str,
    signal: RwSignal<Option<T>>,
) -> Result<T, Refusal> {
    signal.get_untracked().ok_or((id, Problem::Choose))
}

/// The command the open form describes, or the first field to fix.
fn build(kind: CommandKind, f: ActionForms) -> Result<Command, Refusal> {
    use CommandKind as C;
    Ok(match kind {
        C::Accept => Command::Accept {
            note: optional(f.note),
        },
        C::Reject => Command::Reject {
            reason: required("a-reason", f.reason)?,
            redirect_to: required("a-redirect_to", f.redirect_to)?,
        },
        C::Recategorize => Command::Recategorize {
            category: required("a-category", f.category)
                .map_err(|(id, _)| (id, Problem::Choose))?,
        },
        C::AssessRisk => Command::AssessRisk {
            factors: f.factors.read().map_err(|id| (id, Problem::Number))?,
        },
        C::OverrideRisk => {
            let raw = f.level.get_untracked();
            let level = RiskLevel::ALL
                .into_iter()
                .find(|l| l.as_str() == raw)
                .ok_or(("a-level", Problem::Choose))?;
            Command::OverrideRisk {
                level,
                reason: required("a-reason", f.reason)?,
            }
        }
        C::SetHandlers => {
            let names = f.chosen.get_untracked();
            if names.is_empty() {
                return Err(("a-handlers", Problem::Choose));
            }
            let lead = f.lead.get_untracked().filter(|l| names.contains(l));
            let Some(lead) = lead else {
                return Err(("a-handlers", Problem::Lead));
            };
            let people = f
                .people
                .get_untracked()
                .and_then(Result::ok)
                .unwrap_or_default();
            let handlers = names
                .iter()
                .filter_map(|name| {
                    people
                        .iter()
                        .find(|p| &p.username == name)
                        .map(|p| Handler {
                            username: p.username.clone(),
                            role: p.role,
                            lead: *name == lead,
                        })
                })
                .collect::<Vec<_>>();
            if handlers.len() != names.len() {
                return Err(("a-handlers", Problem::Choose));
            }
            Command::SetHandlers { handlers }
        }
        C::Start => Command::Start {
            note: optional(f.note),
        },
        C::AddNote => Command::AddNote {
            text: required("a-text", f.text)?,
            visibility: chosen("a-visibility", f.visibility)?,
        },
        C::Resolve => Command::Resolve {
            outcome: chosen("a-outcome", f.outcome)?,
            note: optional(f.note),
        },
        C::FailMediation => Command::FailMediation {
            reason: required("a-reason", f.reason)?,
        },
        C::Refer => Command::Refer {
            target: chosen("a-target", f.target)?,
            receiving_body: required("a-receiving_body", f.receiving_body)?,
            reason: required("a-reason", f.reason)?,
        },
        C::BeginFollowUp => Command::BeginFollowUp {
            note: optional(f.note),
        },
        C::RecordVisit => Command::RecordVisit {
            note: required("a-note", f.note)?,
        },
        C::Close => Command::Close {
            note: optional(f.note),
        },
        C::Reopen => Command::Reopen {
            reason: required("a-reason", f.reason)?,
        },
        C::SetConflictSince => {
            let raw = required("a-date", f.date).map_err(|(id, _)| (id, Problem::Date))?;
            let date = NaiveDate::parse_from_str(&raw, "%Y-%m-%d")
                .map_err(|_| ("a-date", Problem::Date))?;
            Command::SetConflictSince { date }
        }
        C::GiveFeedback
        | C::Escalate
        | C::MergeInto
        | C::AbsorbDuplicate
        | C::TransferOut
        | C::TransferIn => return Err(("", Problem::Choose)),
    })
}

/// The id of the control for a field the server named.
fn field_id(field: &str) -> Option<&'static str> {
    Some(match field {
        "note" => "a-note",
        "reason" => "a-reason",
        "redirect_to" => "a-redirect_to",
        "category" => "a-category",
        "level" => "a-level",
        "handlers" => "a-handlers",
        "text" => "a-text",
        "visibility" => "a-visibility",
        "outcome" => "a-outcome",
        "target" => "a-target",
        "receiving_body" => "a-receiving_body",
        "date" => "a-date",
        _ => return None,
    })
}

/// What to say about a failed change that no field explains.
fn failure_words(error: &ApiError) -> Said {
    match Failure::of(error) {
        Failure::Conflict => StaffMsg::InvalidTransition.into(),
        Failure::NotFound => Msg::CaseNotFound.into(),
        other => other.said(),
    }
}

/// Handles the answer to a change: the new case, a reloaded case, or why it failed.
fn settle(
    result: Result<CaseDetail, CommandFailure>,
    forms: ActionForms,
    case: RwSignal<Option<CaseDetail>>,
    done: Msg,
) {
    let login = use_login();
    let toasts = use_toasts();
    match result {
        Ok(detail) => {
            case.set(Some(detail));
            forms.clear();
            forms.open.set(None);
            forms.conflict.set(false);
            toasts.show(done);
        }
        Err(CommandFailure::Conflict(current)) => {
            case.set(Some(*current));
            forms.conflict.set(true);
            focus_later("conflict-banner".to_owned());
        }
        Err(CommandFailure::Other(error)) if error.is_unauthorized() => login.ended(),
        Err(CommandFailure::Other(ApiError::Status {
            status: 422,
            field: Some(field),
            code,
        })) if field_id(&field).is_some() => {
            let id = field_id(&field).unwrap_or_default();
            forms
                .error
                .set(Some((id, Problem::from_code(&code, &field))));
            focus_later(id.to_owned());
        }
        Err(CommandFailure::Other(error)) => {
            forms.form_error.set(Some(failure_words(&error)));
            focus_later("action-error".to_owned());
        }
    }
}

fn submit(kind: CommandKind, forms: ActionForms, case: RwSignal<Option<CaseDetail>>) {
    if forms.busy.get_untracked() {
        return;
    }
    let Some((code, version)) =
        case.with_untracked(|c| c.as_ref().map(|c| (c.code.clone(), c.version)))
    else {
        return;
    };
    let command = match build(kind, forms) {
        Ok(command) => command,
        Err((id, problem)) => {
            forms.error.set(Some((id, problem)));
            focus_later(id.to_owned());
            return;
        }
    };
    forms.error.set(None);
    forms.form_error.set(None);
    forms.busy.set(true);
    let owner = Owner::current();
    spawn_local(async move {
        let result = api::command(&code, &CommandRequest { version, command }).await;
        forms.busy.set(false);
        let run = move || settle(result, forms, case, Msg::Saved);
        match owner {
            Some(owner) => owner.with(run),
            None => run(),
        }
    });
}

/// Takes a possible duplicate into this case.
fn merge(duplicate: String, forms: ActionForms, case: RwSignal<Option<CaseDetail>>) {
    if forms.busy.get_untracked() {
        return;
    }
    let Some((code, version)) =
        case.with_untracked(|c| c.as_ref().map(|c| (c.code.clone(), c.version)))
    else {
        return;
    };
    forms.busy.set(true);
    forms.form_error.set(None);
    let owner = Owner::current();
    spawn_local(async move {
        let result = api::merge(&code, &MergeRequest { version, duplicate }).await;
        forms.busy.set(false);
        let run = move || settle(result, forms, case, Msg::Saved);
        match owner {
            Some(owner) => owner.with(run),
            None => run(),
        }
    });
}

/// Loads the people who can handle cases of this community, once.
fn load_people(forms: ActionForms, community: String) {
    if matches!(forms.people.get_untracked(), Some(Ok(_))) {
        return;
    }
    forms.people.set(None);
    spawn_local(async move {
        let loaded = api::people(&community)
            .await
            .map_err(|error| Failure::of(&error).msg());
        forms.people.set(Some(loaded));
    });
}

/// The actions allowed now, the chosen one expanded, and the possible duplicates.
#[component]
pub fn ActionPanel(forms: ActionForms, case: RwSignal<Option<CaseDetail>>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(current) = case.get_untracked() else {
        return ().into_any();
    };
    let mut kinds: Vec<CommandKind> = current
        .allowed_commands
        .iter()
        .copied()
        .filter(|kind| command_msg(*kind).is_some())
        .collect();
    kinds.dedup();
    let items = kinds
        .into_iter()
        .map(|kind| {
            let name = command_msg(kind).unwrap_or(StaffMsg::ActionsTitle);
            let snapshot = current.clone();
            let community = current.community.clone();
            let expanded = move || forms.open.get() == Some(kind);
            let on_click = move |_| {
                if kind == CommandKind::SetHandlers {
                    load_people(forms, community.clone());
                }
                forms.open_for(kind, &snapshot);
            };
            let form_case = current.clone();
            view! {
                <li class="action">
                    <button
                        type="button"
                        class="action-toggle"
                        aria-expanded=move || expanded().to_string()
                        aria-controls=format!("action-form-{}", kind_id(kind))
                        on:click=on_click
                    >
                        <span>{t(name)}</span>
                        <span class="chevron" aria-hidden="true">{move || if expanded() { "▴" } else { "▾" }}</span>
                    </button>
                    {move || expanded().then(|| action_form(kind, name, forms, case, &form_case))}
                </li>
            }
        })
        .collect_view();
    let may_move = current.allowed_commands.contains(&CommandKind::TransferOut);
    let nothing = !may_move
        && current
            .allowed_commands
            .iter()
            .all(|kind| command_msg(*kind).is_none());
    let transfer = may_move.then(|| {
        view! { <TransferForm draft=forms.transfer open=forms.open conflict=forms.conflict case=case /> }
    });
    let duplicates = (!current.possible_duplicates.is_empty()
        && current.allowed_commands.contains(&CommandKind::MergeInto))
    .then(|| {
        let buttons = current
            .possible_duplicates
            .iter()
            .map(|code| {
                let duplicate = code.clone();
                let label = code.clone();
                view! {
                    <li>
                        <button
                            type="button"
                            class="button secondary"
                            disabled=move || forms.busy.get()
                            on:click=move |_| merge(duplicate.clone(), forms, case)
                        >
                            {move || StaffX::MergeInto.with(i18n.lang(), &label)}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3>{t(StaffMsg::DuplicatesTitle)}</h3>
            <p class="help">{t(StaffMsg::DuplicatesHelp)}</p>
            <ul class="duplicates">{buttons}</ul>
        }
    });
    view! {
        <section class="case-card actions" aria-labelledby="actions-title">
            <h2 id="actions-title">{t(StaffMsg::ActionsTitle)}</h2>
            <p class="notice warning-notice" id="conflict-banner" tabindex="-1" role="alert" hidden=move || !forms.conflict.get()>
                {t(StaffMsg::VersionConflict)}
            </p>
            {nothing.then(|| view! { <p class="empty-state">{t(StaffMsg::ActionsNone)}</p> })}
            <ul class="action-list">{items}{transfer}</ul>
            {duplicates}
        </section>
    }
    .into_any()
}

fn action_form(
    kind: CommandKind,
    name: StaffMsg,
    forms: ActionForms,
    case: RwSignal<Option<CaseDetail>>,
    current: &CaseDetail,
) -> AnyView {
    let i18n = use_i18n();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        submit(kind, forms, case);
    };
    let changed = forms.changed();
    let note_optional = || {
        view! { <TextArea id="a-note" label=StaffMsg::NoteOptional value=forms.note error=forms.error_of("a-note") rows=3 on_change=changed /> }
    };
    let reason = move |help: Option<Said>, label: StaffMsg| {
        match help {
        Some(help) => view! { <TextArea id="a-reason" label=label help=help value=forms.reason error=forms.error_of("a-reason") rows=3 on_change=changed /> }.into_any(),
        None => view! { <TextArea id="a-reason" label=label value=forms.reason error=forms.error_of("a-reason") rows=3 on_change=changed /> }.into_any(),
    }
    };
    use CommandKind as C;
    let fields = match kind {
        C::Accept | C::Start | C::BeginFollowUp | C::Close => note_optional().into_any(),
        C::Reject => view! {
            {reason(Some(StaffMsg::RejectReasonHelp.into()), StaffMsg::Reason)}
            <TextInput id="a-redirect_to" label=StaffMsg::RedirectTo help=StaffMsg::RedirectHelp value=forms.redirect_to error=forms.error_of("a-redirect_to") on_change=changed />
        }
        .into_any(),
        C::Recategorize => {
            let directory = use_directory();
            let case_kind = current.kind;
            let options = Signal::derive(move || {
                let lang = i18n.lang();
                match directory.0.get() {
                    Some(Ok(dir)) => dir
                        .categories
                        .iter()
                        .filter(|c| c.kind == case_kind)
                        .map(|c| (c.id.clone(), lang.pick(&c.name)))
                        .collect(),
                    _ => Vec::new(),
                }
            });
            view! { <Select id="a-category" label=StaffMsg::NewCategory value=forms.category options=options error=forms.error_of("a-category") on_change=changed /> }
                .into_any()
        }
        C::AssessRisk => {
            let error = Signal::derive(move || {
                forms
                    .error
                    .get()
                    .map(|(id, problem)| (id, problem.text(i18n.lang()).to_owned()))
            });
            view! { <RiskFactorFields draft=forms.factors error=error /> }.into_any()
        }
        C::OverrideRisk => {
            let options = Signal::derive(move || {
                let lang = i18n.lang();
                RiskLevel::ALL
                    .iter()
                    .map(|l| (l.as_str().to_owned(), risk_msg(*l).text(lang).to_owned()))
                    .collect()
            });
            view! {
                <Select id="a-level" label=StaffMsg::RiskLevelLabel value=forms.level options=options error=forms.error_of("a-level") on_change=changed />
                {reason(None, StaffMsg::OverrideReason)}
            }
            .into_any()
        }
        C::SetHandlers => handlers_fields(forms).into_any(),
        C::AddNote => view! {
            <TextArea id="a-text" label=StaffMsg::NoteText value=forms.text error=forms.error_of("a-text") on_change=changed />
            <RadioGroup
                id="a-visibility"
                legend=StaffMsg::VisibilityLegend
                choices=vec![
                    (Visibility::Internal, StaffMsg::VisInternal.into()),
                    (Visibility::Public, StaffMsg::VisPublic.into()),
                ]
                value=forms.visibility
                error=forms.error_of("a-visibility")
                on_change=changed
            />
        }
        .into_any(),
        C::Resolve => view! {
            <RadioGroup
                id="a-outcome"
                legend=Msg::OutcomeLabel
                choices=[Outcome::AgreementReached, Outcome::ProblemFixed, Outcome::Withdrawn]
                    .into_iter()
                    .map(|o| (o, Said::from(outcome_msg(o))))
                    .collect()
                value=forms.outcome
                error=forms.error_of("a-outcome")
                on_change=changed
            />
            {note_optional()}
        }
        .into_any(),
        C::FailMediation => reason(None, StaffMsg::Reason).into_any(),
        C::Refer => view! {
            <RadioGroup
                id="a-target"
                legend=StaffMsg::ReferTarget
                choices=[
                    ReferralTarget::JudgeWorkstation,
                    ReferralTarget::Court,
                    ReferralTarget::Arbitration,
                    ReferralTarget::Department,
                ]
                    .into_iter()
                    .map(|t| (t, Said::from(referral_msg(t))))
                    .collect()
                value=forms.target
                error=forms.error_of("a-target")
                on_change=changed
            />
            <TextInput id="a-receiving_body" label=Msg::ReceivingBodyLabel value=forms.receiving_body error=forms.error_of("a-receiving_body") on_change=changed />
            {reason(Some(StaffMsg::ReferReasonHelp.into()), StaffMsg::Reason)}
        }
        .into_any(),
        C::RecordVisit => view! {
            <TextArea id="a-note" label=StaffMsg::VisitNote value=forms.note error=forms.error_of("a-note") rows=3 on_change=changed />
        }
        .into_any(),
        C::Reopen => reason(Some(StaffMsg::ReopenHelp.into()), StaffMsg::Reason).into_any(),
        C::SetConflictSince => view! {
            <TextInput id="a-date" label=StaffMsg::ConflictDate value=forms.date error=forms.error_of("a-date") kind=InputKind::Date on_change=changed />
        }
        .into_any(),
        C::GiveFeedback
        | C::Escalate
        | C::MergeInto
        | C::AbsorbDuplicate
        | C::TransferOut
        | C::TransferIn => ().into_any(),
    };
    let form_id = format!("action-form-{}", kind_id(kind));
    let title_id = format!("{form_id}-title");
    let labelled_by = title_id.clone();
    view! {
        <form class="action-form" id=form_id tabindex="-1" aria-labelledby=labelled_by novalidate on:submit=on_submit>
            <h3 class="visually-hidden" id=title_id>{t(name)}</h3>
            {fields}
            <p class="notice error-notice" id="action-error" tabindex="-1" role="alert" hidden=move || forms.form_error.with(Option::is_none)>
                {move || forms.form_error.get().map(|said| said.text(i18n.lang()))}
            </p>
            <div class="form-buttons">
                <button
                    type="submit"
                    class="button primary"
                    disabled=move || forms.busy.get()
                    aria-busy=move || forms.busy.get().to_string()
                >
                    {move || forms.busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                    {t(StaffMsg::Confirm)}
                </button>
                <button type="button" class="button secondary" on:click=move |_| forms.open.set(None)>
                    {t(StaffMsg::Cancel)}
                </button>
            </div>
        </form>
    }
    .into_any()
}

/// Several people, exactly one lead: a checkbox per person and a lead radio beside it.
fn handlers_fields(forms: ActionForms) -> impl IntoView {
    let i18n = use_i18n();
    let error = forms.error_of("a-handlers");
    let list = move || {
        match forms.people.get() {
        None => view! {
            <p class="loading"><span class="spinner" aria-hidden="true"></span>{move || Msg::Loading.text(i18n.lang())}</p>
        }
        .into_any(),
        Some(Err(msg)) => view! { <p class="notice error-notice">{move || msg.text(i18n.lang())}</p> }.into_any(),
        Some(Ok(people)) if people.is_empty() => {
            view! { <p class="empty-state">{t(StaffMsg::NoPeople)}</p> }.into_any()
        }
        Some(Ok(people)) => people
            .into_iter()
            .enumerate()
            .map(|(n, person)| {
                let check_id = if n == 0 { "a-handlers".to_owned() } else { format!("a-handlers-{n}") };
                let lead_id = format!("a-lead-{n}");
                let (for_check, for_lead) = (check_id.clone(), lead_id.clone());
                let (name_a, name_b, name_c, name_d) = (
                    person.username.clone(),
                    person.username.clone(),
                    person.username.clone(),
                    person.username.clone(),
                );
                let display = person.display_name.clone();
                let display_lead = person.display_name.clone();
                let role = person.role;
                let is_chosen = move || forms.chosen.with(|c| c.contains(&name_a));
                view! {
                    <li class="person">
                        <label class="radio-row check-row" for=for_check>
                            <input
                                type="checkbox"
                                id=check_id
                                prop:checked=is_chosen
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let name = name_b.clone();
                                    forms.chosen.update(|c| {
                                        c.retain(|n| *n != name);
                                        if on {
                                            c.push(name.clone());
                                        }
                                    });
                                    if !on && forms.lead.get_untracked().as_ref() == Some(&name) {
                                        forms.lead.set(None);
                                    }
                                    if on && forms.chosen.with_untracked(|c| c.len() == 1) {
                                        forms.lead.set(Some(name));
                                    }
                                    forms.error.set(None);
                                }
                            />
                            <span>
                                {display}
                                " · "
                                {move || role_msg(role).text(i18n.lang())}
                            </span>
                        </label>
                        <label class="lead-choice" for=for_lead>
                            <input
                                type="radio"
                                id=lead_id
                                name="a-lead"
                                prop:checked=move || forms.lead.get().as_ref() == Some(&name_c)
                                on:change=move |_| {
                                    let name = name_d.clone();
                                    forms.chosen.update(|c| {
                                        if !c.contains(&name) {
                                            c.push(name.clone());
                                        }
                                    });
                                    forms.lead.set(Some(name));
                                    forms.error.set(None);
                                }
                            />
                            <span>{move || StaffX::LeadOf.with(i18n.lang(), &display_lead)}</span>
                        </label>
                    </li>
                }
            })
            .collect_view()
            .into_any(),
    }
    };
    view! {
        <fieldset class="field choice-group" class:has-error=move || error.with(Option::is_some) aria-describedby="a-handlers-help a-handlers-error">
            <legend>{t(StaffMsg::HandlersLegend)}</legend>
            <p class="help" id="a-handlers-help">{t(StaffMsg::HandlersHelp)}</p>
            <ul class="people">{list}</ul>
            <p class="error" id="a-handlers-error">{move || error.get()}</p>
        </fieldset>
    }
}
