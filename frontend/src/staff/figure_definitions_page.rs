//! How each figure is defined, on the staff console.

use crate::common::figure_definitions::FigureDefinitions;
use crate::i18n::figures::FigMsg;
use crate::i18n::t;
use crate::router::Link;
use leptos::prelude::*;

#[component]
pub fn FigureDefinitionsPage() -> impl IntoView {
    view! {
        <p class="back-link"><Link href="/staff/figures".to_owned()>{t(FigMsg::FiguresTitle)}</Link></p>
        <h1 tabindex="-1">{t(FigMsg::Definitions)}</h1>
        <FigureDefinitions />
    }
}
