//! The history import: the admin picks the old system's export (one JSON line per case), it
//! is sent a chunk of lines at a time with a progress bar, and every refused line is listed
//! with its number and reason. Below it, the recount check compares the kept figures with a
//! count from every case.

use crate::api::figures::{check_figures, import_chunk, CheckAnswer, ImportProblem};
use crate::api::ApiError;
use crate::common::failure_notice::FailureNotice;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::i18n::figures::FigMsg;
use crate::i18n::{t, use_i18n};
use crate::staff::sign_in::use_login;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Lines sent per request: a chunk stays well under the server's 500 lines and 4 MiB.
const CHUNK_LINES: usize = 200;
/// Refused lines listed on the page (the count says how many there were in all).
const LISTED_PROBLEMS: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Progress {
    total: usize,
    sent: usize,
    lines: usize,
    imported: usize,
    unchanged: usize,
    refused: usize,
    problems: Vec<ImportProblem>,
    done: bool,
}

/// The text of the file chosen in the input `id`, if one is.
async fn chosen_file_text(id: &str) -> Option<Result<String, ()>> {
    let input = document()
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?;
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
    Some(text.ok().and_then(|v| v.as_string()).ok_or(()))
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let progress = RwSignal::new(None::<Progress>);
    let running = RwSignal::new(false);
    let file_error = RwSignal::new(None::<FigMsg>);
    let failure = RwSignal::new(None::<ApiError>);
    let check = RwSignal::new(None::<Result<CheckAnswer, ApiError>>);
    let checking = RwSignal::new(false);

    let start = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if running.get_untracked() {
            return;
        }
        file_error.set(None);
        failure.set(None);
        running.set(true);
        spawn_local(async move {
            let text = match chosen_file_text("f-import-file").await {
                None => {
                    file_error.set(Some(FigMsg::ImportNoFile));
                    running.set(false);
                    return;
                }
                Some(Err(())) => {
                    file_error.set(Some(FigMsg::ImportUnreadable));
                    running.set(false);
                    return;
                }
                Some(Ok(text)) => text,
            };
            let lines: Vec<String> = text.lines().map(str::to_owned).collect();
            let mut state = Progress {
                total: lines.len(),
                ..Progress::default()
            };
            progress.set(Some(state.clone()));
            for (index, chunk) in lines.chunks(CHUNK_LINES).enumerate() {
                let first_line = index * CHUNK_LINES + 1;
                let answer = import_chunk(first_line, chunk).await;
                let Some(answer) = login.unless_ended(answer) else {
                    return;
                };
                match answer {
                    Ok(answer) => {
                        state.sent += chunk.len();
                        state.lines += answer.lines;
                        state.imported += answer.imported;
                        state.unchanged += answer.unchanged;
                        state.refused += answer.errors.len();
                        let room = LISTED_PROBLEMS.saturating_sub(state.problems.len());
                        state.problems.extend(answer.errors.into_iter().take(room));
                        progress.set(Some(state.clone()));
                    }
                    Err(err) => {
                        // What was sent stays imported; sending the file again finishes it.
                        failure.set(Some(err));
                        running.set(false);
                        return;
                    }
                }
            }
            state.done = true;
            progress.set(Some(state));
            running.set(false);
        });
    };

    let run_check = move |_| {
        checking.set(true);
        check.set(None);
        spawn_local(async move {
            let result = check_figures().await;
            if let Some(result) = login.unless_ended(result) {
                check.set(Some(result));
            }
            checking.set(false);
        });
    };

    let progress_view = move || {
        progress.get().map(|p| {
            let lang = i18n.lang();
            let status = if p.done {
                FigMsg::ImportDone
            } else {
                FigMsg::ImportRunning
            };
            let problems = (!p.problems.is_empty()).then(|| {
                let rows = p
                    .problems
                    .iter()
                    .map(|e| {
                        let reason = match &e.field {
                            Some(field) => format!("{} ({field})", e.message),
                            None => e.message.clone(),
                        };
                        view! {
                            <tr>
                                <td data-label=FigMsg::ColLine.text(lang)>{e.line}</td>
                                <td data-label=FigMsg::ColSourceId.text(lang) class="mono">{e.source_id.clone().unwrap_or_default()}</td>
                                <td data-label=FigMsg::ColReason.text(lang)>{reason}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <h2>{t(FigMsg::ImportRefused)}</h2>
                    <table class="queue-table">
                        <thead><tr>
                            <th scope="col">{t(FigMsg::ColLine)}</th>
                            <th scope="col">{t(FigMsg::ColSourceId)}</th>
                            <th scope="col">{t(FigMsg::ColReason)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            });
            view! {
                <section class="import-progress" aria-live="polite">
                    <label for="import-bar">{move || status.text(i18n.lang())}</label>
                    <progress id="import-bar" max=p.total.max(1) value=p.sent></progress>
                    <p>{format!("{} / {}", p.sent, p.total)}</p>
                    <dl class="report-meta">
                        <dt>{t(FigMsg::ImportLines)}</dt><dd>{p.lines}</dd>
                        <dt>{t(FigMsg::ImportImported)}</dt><dd>{p.imported}</dd>
                        <dt>{t(FigMsg::ImportUnchanged)}</dt><dd>{p.unchanged}</dd>
                        <dt>{t(FigMsg::ImportRefused)}</dt><dd>{p.refused}</dd>
                    </dl>
                    {problems}
                </section>
            }
        })
    };

    let check_view = move || {
        check.get().map(|result| match result {
            Ok(answer) if answer.differences == 0 => view! {
                <p class="notice success-notice" role="status">
                    {t(FigMsg::CheckClean)}
                    {format!(" ({} · {})", answer.cases, answer.cells)}
                </p>
            }
            .into_any(),
            Ok(answer) => view! {
                <p class="notice error-notice" role="alert">
                    {t(FigMsg::CheckDiffers)}{format!(": {}", answer.differences)}
                </p>
            }
            .into_any(),
            Err(err) => view! { <FailureNotice failure=err /> }.into_any(),
        })
    };

    view! {
        <h1 tabindex="-1">{t(FigMsg::ImportTitle)}</h1>
        <p>{t(FigMsg::ImportIntro)}</p>
        <form class="import-form" on:submit=start novalidate>
            <div class="field" class:has-error=move || file_error.get().is_some()>
                <label for="f-import-file">{t(FigMsg::ImportFile)}</label>
                <input id="f-import-file" type="file" accept=".jsonl,.json,.txt,application/json"
                    aria-describedby="f-import-file-error"
                    aria-invalid=move || file_error.get().is_some().to_string() />
                <p id="f-import-file-error" class="error field-error" role="alert">
                    {move || file_error.get().map(|m| m.text(i18n.lang()))}
                </p>
            </div>
            <button type="submit" class="button" disabled=move || running.get()>
                {move || if running.get() { FigMsg::ImportRunning.text(i18n.lang()) } else { FigMsg::ImportStart.text(i18n.lang()) }}
            </button>
        </form>
        {move || failure.get().map(|err| view! { <FailureNotice failure=err /> })}
        {progress_view}
        <section class="figures-check" aria-labelledby="check-title">
            <h2 id="check-title">{t(FigMsg::CheckTitle)}</h2>
            <button type="button" class="button secondary" on:click=run_check disabled=move || checking.get()>
                {t(FigMsg::CheckRun)}
            </button>
            {check_view}
        </section>
    }
}
