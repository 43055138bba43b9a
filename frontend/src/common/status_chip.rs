//! A case's status as a coloured chip that always carries its name.

use crate::i18n::{status_msg, t};
use accord_shared::case::CaseStatus;
use leptos::prelude::*;

#[component]
pub fn StatusChip(status: CaseStatus) -> impl IntoView {
    let class = format!("chip chip-{}", status.as_str());
    view! { <span class=class>{t(status_msg(status))}</span> }
}
