//! One rendered document laid out as an A4 sheet: the committee's heading, the title, the
//! number, the sections, the signature and seal lines, and — for a void document — the void
//! mark with its reason. What prints is this sheet alone.

use crate::i18n::documents::DocMsg;
use crate::i18n::Lang;
use accord_shared::documents::{DocLang, Document, DocumentState};
use leptos::prelude::*;

#[component]
pub fn PaperSheet(
    document: Document,
    state: DocumentState,
    content_hash: String,
    /// Printed after another sheet: starts on a new page.
    #[prop(optional)]
    follows: bool,
) -> impl IntoView {
    let lang = match document.lang {
        DocLang::Zh => Lang::Zh,
        DocLang::En => Lang::En,
    };
    let tag = lang.tag();
    let is_void = matches!(state, DocumentState::Void { .. });
    let void = match &state {
        DocumentState::Void { reason, .. } => Some(view! {
            <p class="void-stamp" role="note">
                <strong>{DocMsg::VoidMark.text(lang)}</strong>
                <span>{format!("{}{reason}", DocMsg::VoidedBecause.text(lang))}</span>
            </p>
        }),
        DocumentState::Issued => None,
    };
    let translation = (lang == Lang::En)
        .then(|| view! { <p class="paper-note">{DocMsg::Translation.text(lang)}</p> });
    let sections = document
        .sections
        .iter()
        .map(|section| {
            let heading = section
                .heading
                .clone()
                .map(|h| view! { <h3 class="paper-heading">{h}</h3> });
            let paragraphs = section
                .paragraphs
                .iter()
                .map(|p| view! { <p>{p.clone()}</p> })
                .collect_view();
            view! { <section class="paper-section">{heading}{paragraphs}</section> }
        })
        .collect_view();
    let signatures = document
        .signature_lines
        .iter()
        .map(|line| view! { <p class="signature-line"><span>{line.clone()}</span><span class="sign-space" aria-hidden="true"></span></p> })
        .collect_view();
    let seal = document
        .seal_line
        .then(|| view! { <p class="seal-line">{DocMsg::Seal.text(lang)}</p> });
    let footer = format!(
        "{} {} · {} {}",
        DocMsg::Template.text(lang),
        document.template_version,
        DocMsg::Hash.text(lang),
        content_hash.get(..16).unwrap_or(&content_hash)
    );
    view! {
        <article class="paper" class:paper-follows=follows class:paper-void=is_void lang=tag>
            <p class="paper-issuer">{document.issuer.clone()}</p>
            <h2 class="paper-title">{document.title.clone()}</h2>
            <p class="paper-number">{document.number_text.clone()}</p>
            {void}
            {translation}
            {sections}
            <div class="paper-signatures">{signatures}{seal}</div>
            <p class="paper-footer">{footer}</p>
        </article>
    }
}
