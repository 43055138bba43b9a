//! The standard documents of one case on its staff page: those issued (number, kind, state),
//! each opening on its printable page, and a button for each kind the server says the reader
//! may make now. A retry after a lost answer reuses the request's key, so it never takes a
//! second number.

use crate::api::documents;
use crate::api::{new_idempotency_key, ApiError};
use crate::common::form_kit::{failure_said, Failure};
use crate::common::when::format_when;
use crate::i18n::documents::{kind_msg, DocMsg};
use crate::i18n::staff::Said;
use crate::i18n::{t, use_i18n, Msg};
use crate::router::{use_router, Link};
use crate::staff::sign_in::use_login;
use accord_shared::documents::{DocumentKind, DocumentState};
use accord_shared::wire::{CaseDetail, CaseDocuments as Documents, DocumentId};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

/// The page of one document.
pub fn document_path(id: &DocumentId) -> String {
    format!("/staff/documents/{id}")
}

/// Why making a document failed.
#[derive(Debug, Clone, Copy)]
enum Problem {
    Doc(DocMsg),
    Said(Said),
}

#[component]
pub fn CaseDocuments(code: String, case: RwSignal<Option<CaseDetail>>) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let router = use_router();
    let list = RwSignal::new(None::<Result<Documents, ApiError>>);
    let busy = RwSignal::new(None::<DocumentKind>);
    let failed = RwSignal::new(None::<Problem>);
    // One key per kind until that kind is issued: a retry is the same request.
    let keys = StoredValue::new(HashMap::<DocumentKind, String>::new());
    let code = StoredValue::new(code);
    let load = move || {
        spawn_local(async move {
            let result = documents::of_case(&code.get_value()).await;
            if result.as_ref().is_err_and(ApiError::is_unauthorized) {
                login.ended();
            }
            list.set(Some(result));
        });
    };
    // Loaded with the case, and again whenever it changes (a step may offer a new kind).
    Effect::new(move |seen: Option<Option<u64>>| {
        let version = case.with(|c| c.as_ref().map(|c| c.version));
        if version.is_some() && seen != Some(version) {
            load();
        }
        version
    });
    let issue = move |kind: DocumentKind| {
        if busy.get_untracked().is_some() {
            return;
        }
        busy.set(Some(kind));
        failed.set(None);
        let key = keys
            .try_update_value(|keys| keys.entry(kind).or_insert_with(new_idempotency_key).clone())
            .unwrap_or_else(new_idempotency_key);
        spawn_local(async move {
            let result = documents::issue(&code.get_value(), kind, &key).await;
            busy.set(None);
            match result {
                Ok(view) => {
                    keys.update_value(|keys| {
                        keys.remove(&kind);
                    });
                    let id = DocumentId::of(&view.summary, &view.code);
                    router.navigate(&document_path(&id));
                }
                Err(failure) if failure.is_unauthorized() => login.ended(),
                Err(failure) => {
                    failed.set(Some(if Failure::of(&failure) == Failure::Conflict {
                        // What the case offers changed: show what it offers now.
                        load();
                        Problem::Doc(DocMsg::MissingData)
                    } else {
                        Problem::Said(failure_said(&failure))
                    }));
                }
            }
        });
    };

    let body = move || {
        let lang = i18n.lang();
        match list.get() {
            None => view! {
                <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p>
            }
            .into_any(),
            Some(Err(failure)) => view! {
                <p class="notice error-notice" role="alert">{failure_said(&failure).text(lang)}</p>
            }
            .into_any(),
            Some(Ok(found)) => {
                let code = found.code.clone();
                let issued = if found.documents.is_empty() {
                    view! { <p class="empty-state">{t(DocMsg::NoneYet)}</p> }.into_any()
                } else {
                    let rows = found
                        .documents
                        .into_iter()
                        .rev()
                        .map(|d| {
                            let id = DocumentId::of(&d, &code);
                            let void = matches!(d.state, DocumentState::Void { .. })
                                .then(|| view! { " " <span class="flag">{t(DocMsg::VoidMark)}</span> });
                            view! {
                                <li>
                                    <Link href=document_path(&id) class="document-link">
                                        <span class="document-kind">{t(kind_msg(d.kind))}</span>
                                        <span class="document-number">{d.number_text.clone()}</span>
                                    </Link>
                                    {void}
                                    <span class="document-when">{format_when(d.issued_at, lang)}</span>
                                </li>
                            }
                        })
                        .collect_view();
                    view! { <ul class="document-list">{rows}</ul> }.into_any()
                };
                let offers = (!found.can_issue.is_empty()).then(|| {
                    let buttons = found
                        .can_issue
                        .into_iter()
                        .map(|kind| {
                            let label = move || {
                                if busy.get() == Some(kind) {
                                    DocMsg::Making.text(i18n.lang()).to_owned()
                                } else {
                                    format!(
                                        "{} {}",
                                        DocMsg::Make.text(i18n.lang()),
                                        kind_msg(kind).text(i18n.lang())
                                    )
                                }
                            };
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="button"
                                        data-kind=kind.code()
                                        disabled=move || busy.get().is_some()
                                        on:click=move |_| issue(kind)
                                    >
                                        {label}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <h3>{t(DocMsg::MakeLabel)}</h3>
                        <ul class="document-offers">{buttons}</ul>
                    }
                });
                view! { {issued} {offers} }.into_any()
            }
        }
    };
    let error = move || {
        failed.get().map(|problem| {
            let lang = i18n.lang();
            let text = match problem {
                Problem::Doc(msg) => msg.text(lang),
                Problem::Said(said) => said.text(lang),
            };
            view! { <p class="notice error-notice" role="alert">{text}</p> }
        })
    };
    view! {
        <section class="case-card case-documents" aria-labelledby="documents-title">
            <h2 id="documents-title">{t(DocMsg::Section)}</h2>
            <p>
                <Link href=format!("/staff/cases/{}/file", code.get_value()) class="case-file-link">
                    {t(DocMsg::OpenCaseFile)}
                </Link>
            </p>
            {body}
            {error}
        </section>
    }
}
