//! The audit log of one chain (the street's, or a community's) with the result of verifying
//! it, a file export, and the retention run that erases personal data past its time.

use crate::api::admin::{self, AuditLog};
use crate::api::ApiError;
use crate::common::directory_state::{communities_by_street, use_directory};
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::staff_fields::Select;
use crate::common::when::format_when;
use crate::i18n::staff::{StaffMsg, StaffN};
use crate::i18n::{t, use_i18n, Msg};
use crate::staff::sign_in::use_login;
use leptos::prelude::*;
use leptos::task::spawn_local;
mod retention_run;
use retention_run::RetentionRun;

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let directory = use_directory();
    let scope = RwSignal::new("street".to_owned());
    let log = RwSignal::new(None::<Result<AuditLog, ApiError>>);
    let load = move || {
        log.set(None);
        let chosen = scope.get_untracked();
        spawn_local(async move {
            let result = admin::audit(&chosen).await;
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            // A slower answer for a chain no longer chosen (or a page already left) is dropped.
            if scope.try_get_untracked().as_ref() == Some(&chosen) {
                log.set(Some(result));
            }
        });
    };
    load();
    let chains = Signal::derive(move || {
        vec![(
            "street".to_owned(),
            StaffMsg::AuditStreetChain.text(i18n.lang()).to_owned(),
        )]
    });
    // Each community's chain, under the name of its street.
    let community_chains = Signal::derive(move || match directory.0.get() {
        Some(Ok(dir)) => communities_by_street(&dir, i18n.lang(), |_| true),
        _ => Vec::new(),
    });
    let no_error = Signal::derive(|| None::<String>);

    let banner = move |log: &AuditLog| {
        let lang = i18n.lang();
        if log.check.intact {
            let text = StaffN::ChainIntact.with(lang, log.check.entries as usize);
            view! { <p class="notice success-notice chain-banner" role="status">{text}</p> }
                .into_any()
        } else {
            let at = log.check.first_broken.unwrap_or_default() as usize;
            let text = StaffN::ChainBroken.with(lang, at);
            view! { <p class="notice error-notice chain-banner" role="alert">{text}</p> }.into_any()
        }
    };
    let table = move |log: AuditLog| {
        if log.entries.is_empty() {
            return view! { <p class="empty-state">{t(StaffMsg::AuditEmpty)}</p> }.into_any();
        }
        let lang = i18n.lang();
        let label = |msg: StaffMsg| msg.text(lang);
        let rows = log
            .entries
            .into_iter()
            .rev()
            .map(|entry| {
                let short_hash = entry.hash.chars().take(12).collect::<String>();
                view! {
                    <tr>
                        <td data-label=label(StaffMsg::ColSeq) class="mono">{entry.seq}</td>
                        <td data-label=label(StaffMsg::ColWhen)>{format_when(entry.record.at, lang)}</td>
                        <td data-label=label(StaffMsg::ColActor)>{entry.record.actor}</td>
                        <td data-label=label(StaffMsg::ColAction) class="mono">{entry.record.action}</td>
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
        match log.get() {
        None => view! {
            <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p>
        }
        .into_any(),
        Some(Err(_)) => view! {
            <p class="notice error-notice" role="alert">{t(Msg::LoadFailed)}</p>
            <button type="button" class="button secondary" on:click=move |_| load()>{t(Msg::Retry)}</button>
        }
        .into_any(),
        Some(Ok(found)) => view! {
            {banner(&found)}
            {table(found)}
        }
        .into_any(),
    }
    };

    view! {
        <div class="page-head">
            <h1 tabindex="-1">{t(StaffMsg::AuditTitle)}</h1>
            <a class="button secondary" href=move || admin::audit_url(&scope.get(), true) download="">
                {t(StaffMsg::ExportAudit)}
            </a>
        </div>
        <div class="filter">
            <Select id="audit-scope" label=StaffMsg::AuditChain value=scope options=chains groups=community_chains error=no_error on_change=Callback::new(move |_| load()) />
        </div>
        <div aria-live="polite">{body}</div>
        <RetentionRun />
    }
}
