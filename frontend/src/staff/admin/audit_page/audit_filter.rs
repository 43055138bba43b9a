//! The audit log's filter: who (a username, part of one, or a colleague's full name), what
//! (a group of actions), which case or object, and a span of days. What is typed is kept when
//! the server refuses a part of it, and the refusal is said beside that field.

use crate::api::admin::AuditQuery;
use crate::common::form_kit::FieldErrors;
use crate::common::staff_fields::{InputKind, Select, TextInput};
use crate::common::staff_names::StaffNames;
use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, use_i18n};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// The groups of actions the "what" choice offers: the start of their codes, and their words.
pub const ACTION_GROUPS: [(&str, StaffMsg); 10] = [
    ("case.", StaffMsg::AuditGroupCase),
    ("case.read_contact", StaffMsg::AuditGroupContact),
    ("session.login", StaffMsg::AuditGroupLogin),
    ("user.", StaffMsg::AuditGroupUser),
    ("directory.", StaffMsg::AuditGroupDirectory),
    ("volunteer.", StaffMsg::AuditGroupVolunteer),
    ("document.", StaffMsg::AuditGroupDocument),
    ("agreement.", StaffMsg::AuditGroupAgreement),
    ("confidential.", StaffMsg::AuditGroupConfidential),
    ("session.", StaffMsg::AuditGroupSession),
];

/// The element id of the field a filter parameter is typed in.
pub fn field_id(parameter: &str) -> Option<&'static str> {
    Some(match parameter {
        "actor" => "audit-actor",
        "action" => "audit-action",
        "target" => "audit-target",
        "from" => "audit-from",
        "to" => "audit-to",
        _ => return None,
    })
}

#[component]
pub fn AuditFilter(
    /// The filter the page shows; the form writes it on "Apply" (the scope is the page's).
    applied: RwSignal<AuditQuery>,
    errors: FieldErrors,
    on_apply: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let names = use_context::<StaffNames>();
    let start = applied.get_untracked();
    let actor = RwSignal::new(start.actor);
    let action = RwSignal::new(start.action);
    let target = RwSignal::new(start.target);
    let from = RwSignal::new(start.from);
    let to = RwSignal::new(start.to);
    let actions = Signal::derive(move || {
        let lang = i18n.lang();
        let mut list = vec![(
            String::new(),
            StaffMsg::AuditAnyAction.text(lang).to_owned(),
        )];
        list.extend(
            ACTION_GROUPS
                .iter()
                .map(|(code, msg)| ((*code).to_owned(), msg.text(lang).to_owned())),
        );
        list
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        errors.clear();
        let typed = actor.get_untracked();
        // A colleague's full name stands for their username.
        let who = names
            .and_then(|names| names.username_of(typed.trim()))
            .unwrap_or(typed);
        applied.update(|q| {
            q.actor = who;
            q.action = action.get_untracked();
            q.target = target.get_untracked();
            q.from = from.get_untracked();
            q.to = to.get_untracked();
        });
        on_apply.run(());
    };
    let reset = move |_| {
        for field in [actor, action, target, from, to] {
            field.set(String::new());
        }
        errors.clear();
        applied.update(|q| {
            let scope = std::mem::take(&mut q.scope);
            *q = AuditQuery {
                scope,
                ..AuditQuery::default()
            };
        });
        on_apply.run(());
    };
    let changed = Callback::new(move |()| errors.clear());
    view! {
        <form class="audit-filter" on:submit=submit novalidate>
            <fieldset>
                <legend>{t(StaffMsg::AuditFilterTitle)}</legend>
                <div class="filter-grid">
                    <TextInput id="audit-actor" label=StaffMsg::AuditFilterActor help=StaffMsg::AuditFilterActorHelp value=actor error=errors.of("audit-actor") on_change=changed />
                    <Select id="audit-action" label=StaffMsg::AuditFilterAction value=action options=actions error=errors.of("audit-action") on_change=changed />
                    <TextInput id="audit-target" label=StaffMsg::AuditFilterTarget value=target error=errors.of("audit-target") on_change=changed />
                    <TextInput id="audit-from" label=StaffMsg::AuditFilterFrom value=from error=errors.of("audit-from") kind=InputKind::Date on_change=changed />
                    <TextInput id="audit-to" label=StaffMsg::AuditFilterTo value=to error=errors.of("audit-to") kind=InputKind::Date on_change=changed />
                </div>
                <div class="action-bar">
                    <button type="submit" class="button primary">{t(StaffMsg::AuditFilterApply)}</button>
                    <button type="button" class="button secondary" on:click=reset>{t(StaffMsg::AuditFilterReset)}</button>
                </div>
            </fieldset>
        </form>
    }
}
