//! The case file (卷宗) of one case, ready to print and archive: a cover with the case's
//! particulars and the index, then every document in the order issued (the official Chinese
//! text, void ones marked), then the history. Internal notes print only when asked for.

use crate::api::documents;
use crate::common::directory_state::{category_name, use_directory};
use crate::common::form_kit::{failure_said, Failure};
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::timeline::{Timeline, TimelineEntry};
use crate::common::when::format_when;
use crate::i18n::documents::{kind_msg, DocMsg};
use crate::i18n::staff::Said;
use crate::i18n::{party_msg, status_msg, t, use_i18n, Msg};
use crate::router::{Link, StaffRoute};
use crate::staff::case_detail_page::staff_detail;
use crate::staff::paper_sheet::PaperSheet;
use crate::staff::sign_in::use_login;
use accord_shared::wire::{file_index, file_timeline, CaseFileView};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn CaseFilePage(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let directory = use_directory();
    let current = RwSignal::new(None::<CaseFileView>);
    let failed = RwSignal::new(None::<Result<Msg, Said>>);
    let internal = RwSignal::new(false);
    let back = StaffRoute::case_path(&code);
    let heading = code.clone();
    spawn_local(async move {
        let Some(answer) = login.unless_ended(documents::case_file(&code).await) else {
            return;
        };
        match answer {
            Ok(file) => current.set(Some(file)),
            Err(failure) => failed.set(Some(match Failure::of(&failure) {
                Failure::NotFound => Ok(Msg::CaseNotFound),
                _ => Err(failure_said(&failure)),
            })),
        }
    });
    let body = move || {
        let lang = i18n.lang();
        match (current.get(), failed.get()) {
            (None, None) => view! { <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p> }.into_any(),
            (None, Some(problem)) => {
                let text = match problem {
                    Ok(msg) => msg.text(lang),
                    Err(said) => said.text(lang),
                };
                view! { <p class="notice error-notice" role="alert">{text}</p> }.into_any()
            }
            (Some(file), _) => {
                let case = &file.case;
                let category = directory.0.with(|d| match d {
                    Some(Ok(dir)) => category_name(dir, &case.category, lang),
                    _ => case.category.clone(),
                });
                let parties = case
                    .parties
                    .iter()
                    .map(|p| view! { <p>{format!("{}：{}", party_msg(p.role).text(lang), p.name)}</p> })
                    .collect_view();
                let issuer = file
                    .documents
                    .first()
                    .map(|d| d.zh.issuer.clone())
                    .unwrap_or_default();
                let index = file_index(&file)
                    .into_iter()
                    .enumerate()
                    .map(|(i, entry)| {
                        let title = match entry.kind {
                            Some(kind) => kind_msg(kind).text(lang),
                            None => DocMsg::FileHistory.text(lang),
                        };
                        let void = entry.void.then(|| format!(" ({})", DocMsg::VoidMark.text(lang)));
                        view! {
                            <tr>
                                <td>{i + 1}</td>
                                <td>{title}{void}</td>
                                <td>{entry.number_text}</td>
                                <td>{entry.sheet}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let sheets = file
                    .documents
                    .iter()
                    .map(|d| {
                        view! {
                            <PaperSheet document=d.zh.clone() state=d.summary.state.clone() content_hash=d.content_hash.clone() follows=true />
                        }
                    })
                    .collect_view();
                let none = file
                    .documents
                    .is_empty()
                    .then(|| view! { <p>{t(DocMsg::FileNoDocuments)}</p> });
                let history = move || {
                    let file = current.get()?;
                    // Oldest first, as an archive reads.
                    let entries: Vec<TimelineEntry> = file_timeline(&file.case, internal.get())
                        .into_iter()
                        .map(|event| TimelineEntry {
                            detail: staff_detail(event),
                            ..TimelineEntry::from(event)
                        })
                        .collect();
                    Some(view! { <Timeline entries=entries /> })
                };
                view! {
                    <div class="papers">
                        <article class="paper case-file-cover">
                            <p class="paper-issuer">{issuer}</p>
                            <h2 class="paper-title">{t(DocMsg::FileCover)}</h2>
                            <p class="paper-number mono">{case.code.clone()}</p>
                            <section class="paper-section">
                                <p>{format!("{}：{}", Msg::CategoryLabel.text(lang), category)}</p>
                                {parties}
                                <p>{format!("{}：{}", Msg::FiledAtLabel.text(lang), format_when(case.filed_at, lang))}</p>
                                <p>{format!("{}：{}", Msg::StatusLabel.text(lang), status_msg(case.status).text(lang))}</p>
                            </section>
                            <h3 class="paper-heading">{t(DocMsg::FileIndex)}</h3>
                            {none}
                            <table class="file-index">
                                <thead><tr>
                                    <th scope="col">{t(DocMsg::ColNo)}</th>
                                    <th scope="col">{t(DocMsg::ColDocument)}</th>
                                    <th scope="col">{t(DocMsg::ColNumber)}</th>
                                    <th scope="col">{t(DocMsg::ColSheet)}</th>
                                </tr></thead>
                                <tbody>{index}</tbody>
                            </table>
                        </article>
                        {sheets}
                        <article class="paper paper-follows case-file-history">
                            <h2 class="paper-title">{t(DocMsg::FileHistory)}</h2>
                            {history}
                        </article>
                    </div>
                }
                .into_any()
            }
        }
    };
    view! {
        <p class="back-link no-print"><Link href=back>{t(DocMsg::BackToCase)}</Link></p>
        <h1 tabindex="-1" class="no-print">{move || format!("{} {}", DocMsg::CaseFile.text(i18n.lang()), heading)}</h1>
        <div class="document-tools no-print">
            <label class="radio-row check-row" for="file-internal">
                <input id="file-internal" type="checkbox" prop:checked=move || internal.get()
                    on:change=move |ev| internal.set(event_target_checked(&ev)) />
                <span>{t(DocMsg::FileInternal)}</span>
            </label>
            <button type="button" class="button primary" on:click=move |_| { let _ = window().print(); }>
                {t(DocMsg::Print)}
            </button>
        </div>
        {body}
    }
}
