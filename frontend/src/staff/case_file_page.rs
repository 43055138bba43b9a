//! The case file (卷宗) of one case, ready to print and archive: a cover with the case's
//! particulars and the index, then every document in the order issued (void ones marked),
//! then the history. The documents print in the language the reader chooses — the official
//! Chinese text, the English rendering, or both, the Chinese first — starting at the reader's
//! language and kept in the address (`?lang=zh|en|both`) through a reload or a shared link;
//! the cover, the index and the history are worded in the chosen language, in Chinese, the
//! official record, when both are chosen. Internal notes print only when asked for.

use crate::api::documents;
use crate::common::directory_state::{category_name, use_directory};
use crate::common::form_kit::{failure_said, Failure};
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::timeline::{Timeline, TimelineEntry};
use crate::common::when::format_when;
use crate::i18n::documents::{kind_msg, DocMsg};
use crate::i18n::staff::Said;
use crate::i18n::{party_msg, status_msg, t, use_i18n, Lang, Msg};
use crate::router::{query_param, Link, StaffRoute};
use crate::staff::case_detail_page::staff_detail;
use crate::staff::paper_sheet::PaperSheet;
use crate::staff::sheet_lang::{rendering, LangChoice, Shown};
use crate::staff::sign_in::use_login;
use accord_shared::wire::{file_index, file_timeline, CaseFileView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// "Label：value" on the cover, with the colon of `lang`.
fn labelled(label: &str, value: &str, lang: Lang) -> String {
    let colon = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    format!("{label}{colon}{value}")
}

/// The sheet an index entry starts on when each document prints `per_document` sheets (two
/// when both renderings print), from the sheet it starts on at one a document: the cover is
/// sheet 1 and the first document sheet 2 either way.
fn starting_sheet(at_one_each: usize, per_document: usize) -> usize {
    2 + at_one_each.saturating_sub(2) * per_document
}

/// Keeps the choice in the address, without a new history entry, so a reload or a shared
/// link prints the same way.
fn keep_in_address(shown: Shown) {
    let Ok(path) = window().location().pathname() else {
        return;
    };
    if let Ok(history) = window().history() {
        let here = format!("{path}?lang={}", shown.code());
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&here));
    }
}

#[component]
pub fn CaseFilePage(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let directory = use_directory();
    let current = RwSignal::new(None::<CaseFileView>);
    let failed = RwSignal::new(None::<Result<Msg, Said>>);
    let internal = RwSignal::new(false);
    let shown = RwSignal::new(
        query_param("lang")
            .as_deref()
            .and_then(Shown::parse)
            .unwrap_or_else(|| Shown::of(i18n.0.get_untracked())),
    );
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
                let choice = shown.get();
                // The words around the documents: the chosen language, the Chinese for both.
                let lead = choice.lead();
                let case = &file.case;
                let category = directory.0.with(|d| match d {
                    Some(Ok(dir)) => category_name(dir, &case.category, lead),
                    _ => case.category.clone(),
                });
                let parties = case
                    .parties
                    .iter()
                    .map(|p| view! { <p>{labelled(party_msg(p.role).text(lead), &p.name, lead)}</p> })
                    .collect_view();
                let issuer = file
                    .documents
                    .first()
                    .map(|d| rendering(d, lead).issuer.clone())
                    .unwrap_or_default();
                let index = file_index(&file)
                    .into_iter()
                    .enumerate()
                    .map(|(i, entry)| {
                        let title = match entry.kind {
                            Some(kind) => kind_msg(kind).text(lead),
                            None => DocMsg::FileHistory.text(lead),
                        };
                        let void = entry.void.then(|| format!(" ({})", DocMsg::VoidMark.text(lead)));
                        // The number as the sheet it points to spells it.
                        let number = file
                            .documents
                            .get(i)
                            .map_or(entry.number_text, |d| rendering(d, lead).number_text.clone());
                        view! {
                            <tr>
                                <td>{i + 1}</td>
                                <td>{title}{void}</td>
                                <td>{number}</td>
                                <td>{starting_sheet(entry.sheet, choice.renderings().len())}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                let sheets = file
                    .documents
                    .iter()
                    .flat_map(|d| {
                        choice.renderings().iter().map(move |lang| {
                            view! {
                                <PaperSheet document=rendering(d, *lang).clone() state=d.summary.state.clone() content_hash=d.content_hash.clone() follows=true />
                            }
                        })
                    })
                    .collect_view();
                let none = file
                    .documents
                    .is_empty()
                    .then(|| view! { <p>{DocMsg::FileNoDocuments.text(lead)}</p> });
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
                    Some(view! { <Timeline entries=entries lang=lead /> })
                };
                view! {
                    <div class="papers">
                        <article class="paper case-file-cover" lang=lead.tag()>
                            <p class="paper-issuer">{issuer}</p>
                            <h2 class="paper-title">{DocMsg::FileCover.text(lead)}</h2>
                            <p class="paper-number mono">{case.code.clone()}</p>
                            <section class="paper-section">
                                <p>{labelled(Msg::CategoryLabel.text(lead), &category, lead)}</p>
                                {parties}
                                <p>{labelled(Msg::FiledAtLabel.text(lead), &format_when(case.filed_at, lead), lead)}</p>
                                <p>{labelled(Msg::StatusLabel.text(lead), status_msg(case.status).text(lead), lead)}</p>
                            </section>
                            <h3 class="paper-heading">{DocMsg::FileIndex.text(lead)}</h3>
                            {none}
                            <table class="file-index">
                                <thead><tr>
                                    <th scope="col">{DocMsg::ColNo.text(lead)}</th>
                                    <th scope="col">{DocMsg::ColDocument.text(lead)}</th>
                                    <th scope="col">{DocMsg::ColNumber.text(lead)}</th>
                                    <th scope="col">{DocMsg::ColSheet.text(lead)}</th>
                                </tr></thead>
                                <tbody>{index}</tbody>
                            </table>
                        </article>
                        {sheets}
                        <article class="paper paper-follows case-file-history" lang=lead.tag()>
                            <h2 class="paper-title">{DocMsg::FileHistory.text(lead)}</h2>
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
            <LangChoice shown=shown on_choose=Callback::new(keep_in_address) />
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_counts_a_sheet_for_each_rendering_printed() {
        // A cover, two documents and the history: sheets 2, 3 and 4 at one a document.
        let one = [2, 3, 4].map(|sheet| starting_sheet(sheet, Shown::Zh.renderings().len()));
        assert_eq!(one, [2, 3, 4]);
        let both = [2, 3, 4].map(|sheet| starting_sheet(sheet, Shown::Both.renderings().len()));
        assert_eq!(
            both,
            [2, 4, 6],
            "each document is two sheets, the Chinese and the English"
        );
        assert_eq!(labelled("状态", "调解中", Lang::Zh), "状态：调解中");
        assert_eq!(
            labelled("Status", "Mediating", Lang::En),
            "Status: Mediating"
        );
    }
}
