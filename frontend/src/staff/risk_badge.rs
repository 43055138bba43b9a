//! A case's risk level, green to red, always with its name (staff console only).

use crate::i18n::staff::risk_msg;
use crate::i18n::t;
use accord_shared::risk::RiskLevel;
use leptos::prelude::*;

#[component]
pub fn RiskBadge(level: RiskLevel) -> impl IntoView {
    let class = format!("risk risk-{}", level.as_str());
    view! { <span class=class>{t(risk_msg(level))}</span> }
}
