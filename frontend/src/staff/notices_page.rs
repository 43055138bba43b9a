//! The reader's notices (`/staff/notices`), newest first: a case escalated, a term of a case's
//! agreement not carried out by its date; each links to its case. Opening the page marks
//! what it shows read. Above the list, this device opts in to push notifications.

use crate::api::notices;
use crate::common::form_kit::failure_said;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::when::format_when;
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{t, use_i18n};
use crate::router::{Link, StaffRoute};
use crate::staff::notice_count::use_notice_count;
use crate::staff::sign_in::use_login;
use crate::staff::staff_push::StaffPush;
use accord_shared::notices::{NoticeKind, NoticeView};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn kind_msg(kind: NoticeKind) -> StaffMsg {
    match kind {
        NoticeKind::AgreementDefault => StaffMsg::NoticeAgreementDefault,
        NoticeKind::Escalated => StaffMsg::NoticeEscalated,
    }
}

#[component]
pub fn NoticesPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let count = use_notice_count();
    let items = RwSignal::new(None::<Vec<NoticeView>>);
    let next = RwSignal::new(None::<i64>);
    let failed = RwSignal::new(None::<Said>);
    let load = move |before: Option<i64>| {
        spawn_local(async move {
            let Some(answer) = login.unless_ended(notices::page(before).await) else {
                return;
            };
            match answer {
                Ok(page) => {
                    let newest = page.items.first().map(|n| n.id);
                    let unread = page.items.iter().any(|n| !n.read);
                    next.set(page.next_before);
                    items.update(|shown| shown.get_or_insert_with(Vec::new).extend(page.items));
                    // What is shown now counts as read.
                    if let (Some(newest), true, None) = (newest, unread, before) {
                        if notices::mark_read(newest).await.is_ok() {
                            count.refresh();
                        }
                    }
                }
                Err(failure) => failed.set(Some(failure_said(&failure))),
            }
        });
    };
    load(None);
    let list = move || {
        let lang = i18n.lang();
        let shown = items.get()?;
        if shown.is_empty() {
            return Some(view! { <p class="notice">{t(StaffMsg::NoticesEmpty)}</p> }.into_any());
        }
        let rows = shown
            .into_iter()
            .map(|item| {
                let code = item.notice.case_code.clone();
                let new = (!item.read).then(|| view! { <span class="flag">{t(StaffMsg::NoticeNew)}</span> });
                let detail = item.notice.detail.clone().map(|detail| view! { <p class="notice-detail">{detail}</p> });
                view! {
                    <li class="notice-item" class:unread=!item.read>
                        <p>
                            <strong>{kind_msg(item.notice.kind).text(lang)}</strong>
                            " "
                            {new}
                        </p>
                        <p>
                            <Link href=StaffRoute::case_path(&code) class="mono">{code.clone()}</Link>
                        </p>
                        {detail}
                        <p class="help">{format_when(item.notice.at, lang)}</p>
                    </li>
                }
            })
            .collect_view();
        Some(view! { <ul class="notice-list">{rows}</ul> }.into_any())
    };
    view! {
        <h1 tabindex="-1">{t(StaffMsg::NoticesTitle)}</h1>
        <StaffPush />
        <p class="notice error-notice" role="alert" hidden=move || failed.with(Option::is_none)>
            {move || failed.get().map(|said| said.text(i18n.lang()))}
        </p>
        {list}
        <Show when=move || next.get().is_some()>
            <button type="button" class="button secondary load-more" on:click=move |_| load(next.get_untracked())>
                {t(StaffMsg::LoadMore)}
            </button>
        </Show>
    }
}
