//! The queue's table of cases: a dense table on wide screens, cards on phones. The queue and
//! the cases behind a figure show their cases with it; the latter add the day each counts on.

use crate::common::directory_state::{category_name, use_directory};
use crate::common::staff_names::staff_name;
use crate::common::stage_clock::StageClockView;
use crate::common::status_chip::StatusChip;
use crate::common::when::format_when;
use crate::i18n::figures::FigMsg;
use crate::i18n::staff::{escalation_msg, StaffMsg};
use crate::i18n::{t, use_i18n};
use crate::router::{Link, StaffRoute};
use crate::staff::district_scope::{case_place, spans_streets};
use crate::staff::risk_badge::RiskBadge;
use accord_shared::staff::Scope;
use accord_shared::wire::QueueItem;
use chrono::NaiveDate;
use leptos::prelude::*;

/// A case of the table, with the day it counts on where a figure counts it on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub item: QueueItem,
    pub counted_on: Option<NaiveDate>,
}

impl QueueRow {
    /// A case of the queue: no day of its own.
    pub fn plain(item: QueueItem) -> QueueRow {
        QueueRow {
            item,
            counted_on: None,
        }
    }
}

#[component]
pub fn QueueTable(
    rows: Signal<Vec<QueueRow>>,
    /// The reader's scope: places name their street too when it spans several streets.
    scope: Scope,
    /// Whether to show the day each case counts on (the cases behind a figure).
    #[prop(optional)]
    counted: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let with_street = Memo::new(move |_| {
        directory
            .0
            .with(|dir| matches!(dir, Some(Ok(dir)) if spans_streets(dir, &scope)))
    });
    let body = move || {
        let lang = i18n.lang();
        let dir = directory.0.get().and_then(Result::ok);
        let with_street = with_street.get();
        rows.get()
            .into_iter()
            .map(|QueueRow { item, counted_on }| {
                let (category, place) = match &dir {
                    Some(dir) => (
                        category_name(dir, &item.category, lang),
                        case_place(dir, &item.community, &item.grid, lang, with_street),
                    ),
                    None => (
                        item.category.clone(),
                        format!("{} · {}", item.community, item.grid),
                    ),
                };
                let escalation = escalation_msg(item.escalation)
                    .map(|msg| view! { <span class="flag flag-escalated">{msg.text(lang)}</span> });
                let long_standing = item.long_standing.then(|| {
                    view! { <span class="flag flag-long">{StaffMsg::LongStanding.text(lang)}</span> }
                });
                let handlers = item
                    .handlers
                    .iter()
                    .map(|h| {
                        if h.lead {
                            format!("{} ({})", staff_name(&h.username), StaffMsg::LeadMark.text(lang))
                        } else {
                            staff_name(&h.username)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let counted_cell = counted.then(|| {
                    let day = counted_on.map(|d| d.to_string()).unwrap_or_default();
                    view! { <td data-label=FigMsg::ColCountedOn.text(lang) class="mono">{day}</td> }
                });
                view! {
                    <tr>
                        <td data-label=StaffMsg::ColCode.text(lang) class="mono">
                            <Link href=StaffRoute::case_path(&item.code)>{item.code.clone()}</Link>
                        </td>
                        {counted_cell}
                        <td data-label=StaffMsg::ColCategory.text(lang)>{category}</td>
                        <td data-label=StaffMsg::ColPlace.text(lang)>{place}</td>
                        <td data-label=StaffMsg::ColStatus.text(lang)>
                            <span class="cell-stack">
                                <StatusChip status=item.status />
                                {escalation}
                                {long_standing}
                            </span>
                        </td>
                        <td data-label=StaffMsg::ColRisk.text(lang)>
                            <RiskBadge level=item.risk />
                        </td>
                        <td data-label=StaffMsg::ColDue.text(lang)>
                            {item.clock.map(|clock| view! { <StageClockView clock=clock /> })}
                        </td>
                        <td data-label=StaffMsg::ColHandlers.text(lang)>{handlers}</td>
                        <td data-label=StaffMsg::ColFiled.text(lang)>{format_when(item.filed_at, lang)}</td>
                        <td data-label=StaffMsg::ColApplicant.text(lang)>{item.applicant.clone()}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let counted_head = counted.then(|| view! { <th scope="col">{t(FigMsg::ColCountedOn)}</th> });
    view! {
        <table class="queue-table">
            <thead>
                <tr>
                    <th scope="col">{t(StaffMsg::ColCode)}</th>
                    {counted_head}
                    <th scope="col">{t(StaffMsg::ColCategory)}</th>
                    <th scope="col">{t(StaffMsg::ColPlace)}</th>
                    <th scope="col">{t(StaffMsg::ColStatus)}</th>
                    <th scope="col">{t(StaffMsg::ColRisk)}</th>
                    <th scope="col">{t(StaffMsg::ColDue)}</th>
                    <th scope="col">{t(StaffMsg::ColHandlers)}</th>
                    <th scope="col">{t(StaffMsg::ColFiled)}</th>
                    <th scope="col">{t(StaffMsg::ColApplicant)}</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}
