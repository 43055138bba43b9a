//! The audit log of one chain (the street's, the calendar's, or a community's), newest first
//! and a page at a time, narrowed by who, what, which case and which days, with the result of
//! verifying the whole chain, a file export of what the filter shows, and the retention run
//! that erases personal data past its time.

use crate::api::admin::{self, AuditLog, AuditQuery};
use crate::api::ApiError;
use crate::common::directory_state::{communities_by_street, use_directory};
use crate::common::form_kit::{FieldErrors, Problem};
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::staff_fields::Select;
use crate::common::when::format_when;
use crate::i18n::staff::{StaffMsg, StaffN};
use crate::i18n::{t, use_i18n, Msg};
use crate::staff::sign_in::use_login;
use accord_shared::audit::{AuditEntry, ChainCheck};
use leptos::prelude::*;
use leptos::task::spawn_local;
mod audit_filter;
mod audit_words;
mod retention_run;
use audit_filter::{field_id, AuditFilter};
use audit_words::{action_words, actor_words};
use retention_run::RetentionRun;

/// What the page shows of the chosen chain: the pages read so far.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    check: ChainCheck,
    entries: Vec<AuditEntry>,
    matching: u64,
    next_before: Option<u64>,
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let directory = use_directory();
    let query = RwSignal::new(AuditQuery {
        scope: "street".to_owned(),
        ..AuditQuery::default()
    });
    let scope = RwSignal::new("street".to_owned());
    let shown = RwSignal::new(None::<Result<Shown, ApiError>>);
    let loading = RwSignal::new(false);
    let errors = FieldErrors::new();
    // The server refused a part of the filter (said beside that field).
    let refused = RwSignal::new(false);
    // Each read has a number; an answer to an older one (another chain or filter) is dropped.
    let serial = RwSignal::new(0u32);
    let load = move |more: bool| {
        let before = if more {
            match shown.get_untracked() {
                Some(Ok(page)) => page.next_before,
                _ => None,
            }
        } else {
            shown.set(None);
            refused.set(false);
            None
        };
        let asked = query.get_untracked();
        let mine = serial.get_untracked().wrapping_add(1);
        serial.set(mine);
        loading.set(true);
        spawn_local(async move {
            let result = admin::audit(&asked, before).await;
            if serial.try_get_untracked() != Some(mine) {
                return;
            }
            loading.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            match result {
                Ok(AuditLog {
                    check,
                    entries,
                    matching,
                    next_before,
                }) => shown.update(|shown| {
                    let mut page = Shown {
                        check,
                        entries,
                        matching,
                        next_before,
                    };
                    if let (true, Some(Ok(earlier))) = (more, shown.take()) {
                        let mut all = earlier.entries;
                        all.append(&mut page.entries);
                        page.entries = all;
                    }
                    *shown = Some(Ok(page));
                }),
                // A part of the filter the server refused: said beside it, nothing lost.
                Err(ApiError::Status {
                    status: 422,
                    field: Some(field),
                    code,
                }) if field_id(&field).is_some() => {
                    let id = field_id(&field).unwrap_or_default();
                    // Date inputs always send a date: a refused "to" comes before "from".
                    let problem = match field.as_str() {
                        "to" => Problem::DateOrder,
                        "from" => Problem::Choose,
                        _ => Problem::from_code(&code, &field),
                    };
                    errors.set(id, problem);
                    refused.set(true);
                }
                Err(failure) => shown.set(Some(Err(failure))),
            }
        });
    };
    load(false);
    let chains = Signal::derive(move || {
        let lang = i18n.lang();
        vec![
            (
                "street".to_owned(),
                StaffMsg::AuditStreetChain.text(lang).to_owned(),
            ),
            (
                "calendar".to_owned(),
                StaffMsg::AuditCalendarChain.text(lang).to_owned(),
            ),
        ]
    });
    // Each community's chain, under the name of its street.
    let community_chains = Signal::derive(move || match directory.0.get() {
        Some(Ok(dir)) => communities_by_street(&dir, i18n.lang(), |_| true),
        _ => Vec::new(),
    });
    let no_error = Signal::derive(|| None::<String>);
    let chain_changed = Callback::new(move |()| {
        query.update(|q| q.scope = scope.get_untracked());
        load(false);
    });

    let banner = move |check: &ChainCheck, matching: u64| {
        let lang = i18n.lang();
        let count = (matching != check.entries).then(|| {
            let text = StaffN::AuditMatching.with(lang, matching as usize);
            view! { <p class="audit-count">{text}</p> }
        });
        let chain = if check.intact {
            let text = StaffN::ChainIntact.with(lang, check.entries as usize);
            view! { <p class="notice success-notice chain-banner" role="status">{text}</p> }
                .into_any()
        } else {
            let at = check.first_broken.unwrap_or_default() as usize;
            let text = StaffN::ChainBroken.with(lang, at);
            view! { <p class="notice error-notice chain-banner" role="alert">{text}</p> }.into_any()
        };
        view! { {chain} {count} }
    };
    let table = move |entries: Vec<AuditEntry>| {
        if entries.is_empty() {
            return view! { <p class="empty-state">{t(StaffMsg::AuditEmpty)}</p> }.into_any();
        }
        let lang = i18n.lang();
        let label = |msg: StaffMsg| msg.text(lang);
        let rows = entries
            .into_iter()
            .map(|entry| {
                let short_hash = entry.hash.chars().take(12).collect::<String>();
                let actor = entry.record.actor.clone();
                let code = entry.record.action.clone();
                view! {
                    <tr>
                        <td data-label=label(StaffMsg::ColSeq) class="mono">{entry.seq}</td>
                        <td data-label=label(StaffMsg::ColWhen)>{format_when(entry.record.at, lang)}</td>
                        <td data-label=label(StaffMsg::ColActor)>{move || actor_words(&actor, lang)}</td>
                        <td data-label=label(StaffMsg::ColAction)>
                            <span class="action-words">{action_words(&entry.record.action, lang)}</span>
                            <span class="action-code mono">{code}</span>
                        </td>
                        <td data-label=label(StaffMsg::ColTarget) class="break">{entry.record.target}</td>
                        <td data-label=label(StaffMsg::ColOrigin)>{entry.record.origin}</td>
                        <td data-label=label(StaffMsg::ColHash) class="mono" title=entry.hash>{short_hash}"…"</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="queue-table audit-table">
                <caption class="visually-hidden">{t(StaffMsg::AuditTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(StaffMsg::ColSeq)}</th>
                        <th scope="col">{t(StaffMsg::ColWhen)}</th>
                        <th scope="col">{t(StaffMsg::ColActor)}</th>
                        <th scope="col">{t(StaffMsg::ColAction)}</th>
                        <th scope="col">{t(StaffMsg::ColTarget)}</th>
                        <th scope="col">{t(StaffMsg::ColOrigin)}</th>
                        <th scope="col">{t(StaffMsg::ColHash)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let body = move || {
        match shown.get() {
        None if refused.get() => ().into_any(),
        None => view! {
            <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p>
        }
        .into_any(),
        Some(Err(_)) => view! {
            <p class="notice error-notice" role="alert">{t(Msg::LoadFailed)}</p>
            <button type="button" class="button secondary" on:click=move |_| load(false)>{t(Msg::Retry)}</button>
        }
        .into_any(),
        Some(Ok(page)) => {
            let more = page.next_before.is_some();
            view! {
                {banner(&page.check, page.matching)}
                {table(page.entries)}
                <Show when=move || more && !loading.get()>
                    <button type="button" class="button secondary load-more" on:click=move |_| load(true)>
                        {t(StaffMsg::AuditOlder)}
                    </button>
                </Show>
            }
            .into_any()
        }
    }
    };

    view! {
        <div class="page-head">
            <h1 tabindex="-1">{t(StaffMsg::AuditTitle)}</h1>
            <a class="button secondary" href=move || admin::audit_url(&query.get(), true, None) download="">
                {t(StaffMsg::ExportAudit)}
            </a>
        </div>
        <div class="filter audit-chain">
            <Select id="audit-scope" label=StaffMsg::AuditChain value=scope options=chains groups=community_chains error=no_error on_change=chain_changed />
        </div>
        <AuditFilter applied=query errors=errors on_apply=Callback::new(move |()| load(false)) />
        <div aria-live="polite">{body}</div>
        <RetentionRun />
    }
}
