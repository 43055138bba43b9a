//! One issued document, ready to print on A4: its language (the official Chinese, the English
//! rendering, or both, one after the other), the print button, and voiding where the server
//! allows it. Only the sheets print.

mod void_form;

use crate::api::documents;
use crate::common::form_kit::{failure_said, Failure};
use crate::common::signed_out::EndsOnUnauthorized;
use crate::i18n::documents::{kind_msg, DocMsg};
use crate::i18n::staff::Said;
use crate::i18n::{t, use_i18n, Msg};
use crate::router::{Link, StaffRoute};
use crate::staff::paper_sheet::PaperSheet;
use crate::staff::sheet_lang::{rendering, LangChoice, Shown};
use crate::staff::sign_in::use_login;
use accord_shared::documents::DocumentAction;
use accord_shared::wire::{DocumentId, DocumentView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use void_form::VoidForm;

#[component]
pub fn DocumentPage(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let current = RwSignal::new(None::<DocumentView>);
    let failed = RwSignal::new(None::<Result<DocMsg, Said>>);
    let shown = RwSignal::new(Shown::of(i18n.lang()));
    let parsed = DocumentId::parse(&id);
    let case_code = parsed.as_ref().map(|p| p.code.clone()).unwrap_or_default();
    match parsed.clone() {
        Some(parsed) => spawn_local(async move {
            let Some(answer) = login.unless_ended(documents::document(&parsed).await) else {
                return;
            };
            match answer {
                Ok(view) => current.set(Some(view)),
                Err(failure) => failed.set(Some(match Failure::of(&failure) {
                    Failure::NotFound => Ok(DocMsg::NotFound),
                    _ => Err(failure_said(&failure)),
                })),
            }
        }),
        None => failed.set(Some(Ok(DocMsg::NotFound))),
    }
    let body = move || match (current.get(), failed.get()) {
        (None, None) => view! {
            <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p>
        }
        .into_any(),
        (None, Some(problem)) => {
            let lang = i18n.lang();
            let text = match problem {
                Ok(msg) => msg.text(lang),
                Err(said) => said.text(lang),
            };
            view! { <p class="notice error-notice" role="alert">{text}</p> }.into_any()
        }
        (Some(doc), _) => {
            let may_void = doc.allowed_actions.contains(&DocumentAction::Void);
            let void = may_void.then(|| {
                let id = DocumentId::of(&doc.summary, &doc.code);
                view! { <VoidForm id=id on_done=Callback::new(move |v| current.set(Some(v))) /> }
            });
            let sheets = move || {
                let doc = current.get()?;
                let sheets = shown
                    .get()
                    .renderings()
                    .iter()
                    .enumerate()
                    .map(|(i, lang)| {
                        view! {
                            <PaperSheet
                                document=rendering(&doc, *lang).clone()
                                state=doc.summary.state.clone()
                                content_hash=doc.content_hash.clone()
                                follows={i > 0}
                            />
                        }
                    })
                    .collect_view();
                Some(sheets)
            };
            view! {
                <div class="document-tools no-print">
                    <LangChoice shown=shown />
                    <button type="button" class="button primary" on:click=move |_| { let _ = window().print(); }>
                        {t(DocMsg::Print)}
                    </button>
                </div>
                <div class="papers">{sheets}</div>
                <div class="no-print">{void}</div>
            }
            .into_any()
        }
    };
    let heading = move || {
        current.with(|doc| match doc {
            Some(doc) => format!(
                "{} {}",
                kind_msg(doc.summary.kind).text(i18n.lang()),
                doc.summary.number_text
            ),
            None => DocMsg::Section.text(i18n.lang()).to_owned(),
        })
    };
    let back = (!case_code.is_empty()).then(|| {
        view! {
            <p class="back-link no-print">
                <Link href=StaffRoute::case_path(&case_code)>{t(DocMsg::BackToCase)}</Link>
            </p>
        }
    });
    view! {
        {back}
        <h1 tabindex="-1" class="no-print document-page-title">{heading}</h1>
        {body}
    }
}
