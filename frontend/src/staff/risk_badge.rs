//! A case's risk level, green to red, always with its name (staff console only).

use crate::common::staff_i18n::{risk_msg, ts};
use accord_shared::risk::RiskLevel;
use leptos::prelude::*;

#[component]
pub fn RiskBadge(level: RiskLevel) -> impl IntoView {
    let class = format!("risk risk-{}", level.as_str());
    view! { <span class=class>{ts(risk_msg(level))}</span> }
}
