//! How the figures' codes read: a dimension value (a category id, a channel code, a role
//! code…) as its name in the reader's language, and a figure's value as shown in a cell.

use crate::common::directory_state::{category_name, community_name};
use crate::i18n::figures::FigMsg;
use crate::i18n::{channel_msg, kind_msg, role_msg, Lang};
use accord_shared::case::Channel;
use accord_shared::directory::{CaseKind, Directory};
use accord_shared::staff::Role;
use accord_shared::stats::{Dim, Figure, FigureRow, Rate, NO_HANDLER};

/// A code of the wire as the enum it names (`"walk_in"` → `Channel::WalkIn`).
fn from_code<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

/// The name of a dimension's value: `community` names a community (the per-community table).
pub fn value_name(dir: Option<&Directory>, dim: Dim, value: &str, lang: Lang) -> String {
    let name = match dim {
        Dim::All => Some(FigMsg::Total.text(lang).to_owned()),
        Dim::Category => dir.map(|d| category_name(d, value, lang)),
        Dim::Grid => dir.and_then(|d| {
            d.communities.iter().find_map(|c| {
                c.grid(value)
                    .map(|g| format!("{} · {}", lang.pick(&c.name), lang.pick(&g.name)))
            })
        }),
        Dim::Kind => from_code::<CaseKind>(value).map(|k| kind_msg(k).text(lang).to_owned()),
        Dim::Channel => from_code::<Channel>(value).map(|c| channel_msg(c).text(lang).to_owned()),
        Dim::HandlerRole if value == NO_HANDLER => Some(FigMsg::Unassigned.text(lang).to_owned()),
        Dim::HandlerRole => from_code::<Role>(value).map(|r| role_msg(r).text(lang).to_owned()),
    };
    name.unwrap_or_else(|| value.to_owned())
}

/// A community's name for the per-community rows.
pub fn community_row_name(dir: Option<&Directory>, id: &str, lang: Lang) -> String {
    dir.map(|d| community_name(d, id, lang))
        .unwrap_or_else(|| id.to_owned())
}

/// A rate as a percentage with two decimals, or "—" when nothing was measured.
pub fn percent(rate: Rate) -> String {
    rate.percent()
        .map(|p| format!("{p}%"))
        .unwrap_or_else(|| "—".to_owned())
}

/// A figure of a row as a table cell shows it ("—" where it is not kept or measured).
pub fn cell(row: &FigureRow, figure: Figure, lang: Lang) -> String {
    let shown = row.shown(figure);
    if shown.is_empty() {
        return "—".to_owned();
    }
    match figure {
        Figure::SuccessRate | Figure::ResponseRate => format!("{shown}%"),
        Figure::MedianDaysToConclusion
        | Figure::P90DaysToConclusion
        | Figure::MedianDaysTriage
        | Figure::P90DaysTriage
        | Figure::MedianDaysHandling
        | Figure::P90DaysHandling
        | Figure::MedianDaysFollowUp
        | Figure::P90DaysFollowUp => format!("{shown} {}", FigMsg::Days.text(lang)),
        _ => shown,
    }
}
