//! Every published figure with its definition in words: the same list on the staff console
//! and on the public page.

use crate::i18n::figures::{figure_definition, figure_name, pick, FigMsg};
use crate::i18n::{t, use_i18n};
use accord_shared::stats::Figure;
use leptos::prelude::*;

#[component]
pub fn FigureDefinitions() -> impl IntoView {
    let i18n = use_i18n();
    let items = move || {
        let lang = i18n.lang();
        Figure::ALL
            .into_iter()
            .map(|figure| {
                view! {
                    <dt id=format!("def-{}", figure.code())>{pick(figure_name(figure), lang)}</dt>
                    <dd>{pick(figure_definition(figure), lang)}</dd>
                }
            })
            .collect_view()
    };
    view! {
        <section class="definitions" aria-labelledby="definitions-title">
            <h2 id="definitions-title">{t(FigMsg::Definitions)}</h2>
            <p>{t(FigMsg::DefinitionsIntro)}</p>
            <dl class="definition-list">{items}</dl>
        </section>
    }
}
