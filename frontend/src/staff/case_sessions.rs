//! The sessions of one case on its staff page: each with its status, time or proposed times
//! and who can come to each, reschedule requests, and what the reader may do now (confirm a
//! time, answer for themselves, move, cancel, record what happened). Scheduling opens here,
//! and the parties' links are shown once after it.

use crate::api::sessions::{self, PartyLink};
use crate::api::{self, ApiError};
use crate::common::toast::use_toasts;
use crate::i18n::session_words::SessionWord;
use crate::i18n::sessions::SessionMsg;
use crate::i18n::{t, use_i18n, Msg};
use crate::staff::session_form::ScheduleForm;
use crate::staff::sign_in::use_login;
use accord_shared::scheduling::StaffSessionView;
use accord_shared::wire::{CaseDetail, Person};
use leptos::prelude::*;
use leptos::task::spawn_local;
mod my_answers;
mod party_links;
mod pending_record;
mod record_form;
mod record_outbox;
mod reschedule_form;
mod session_card;
mod session_parts;
use party_links::PartyLinks;
use session_card::SessionCard;
use session_parts::{failure_text, toast};

#[component]
pub fn CaseSessions(code: String, case: RwSignal<Option<CaseDetail>>) -> impl IntoView {
    let login = use_login();
    let me = match login.0.get_untracked() {
        crate::staff::sign_in::LoginState::SignedIn(me) => me,
        _ => return None::<AnyView>.into_any(),
    };
    let toasts = use_toasts();
    let list = RwSignal::new(None::<Result<Vec<StaffSessionView>, ApiError>>);
    let people = RwSignal::new(Vec::<Person>::new());
    let open = RwSignal::new(false);
    let links = RwSignal::new(None::<Vec<PartyLink>>);
    let code = StoredValue::new(code);
    let load = move || {
        spawn_local(async move {
            let result = sessions::of_case(&code.get_value()).await;
            if result.as_ref().is_err_and(ApiError::is_unauthorized) {
                login.ended();
            }
            list.set(Some(result));
        });
    };
    load();
    // Records written on this device without signal sync when the connection is back, when
    // this page opens, and every few seconds while one waits; a refusal reloads the list so
    // the session shows as it is now beside the record.
    let outbox = record_outbox::RecordOutbox::new();
    provide_context(outbox);
    let sync = move || {
        spawn_local(async move {
            outbox
                .sync_case(&code.get_value(), move |synced| {
                    if let record_outbox::Synced::Sent(recorded) = synced {
                        toasts.show_text(toast(SessionMsg::Recorded));
                        case.set(Some(recorded.case));
                        list.update(|l| {
                            if let Some(Ok(all)) = l {
                                if let Some(row) = all
                                    .iter_mut()
                                    .find(|s| s.session.id == recorded.session.session.id)
                                {
                                    *row = recorded.session.clone();
                                }
                            }
                        });
                    }
                })
                .await;
        });
    };
    sync();
    let back = window_event_listener(leptos::ev::online, move |_| sync());
    on_cleanup(move || back.remove());
    if let Ok(retry) = set_interval_with_handle(
        move || {
            if record_outbox::online() && !outbox.list.with_untracked(Vec::is_empty) {
                sync();
            }
        },
        std::time::Duration::from_secs(5),
    ) {
        on_cleanup(move || retry.clear());
    }
    Effect::new(move |first: Option<()>| {
        outbox.refusals.track();
        if first.is_some() {
            load();
        }
    });
    // Names of the community's staff, once the case (and so its community) is known.
    let people_loaded = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(community) = case.with(|c| c.as_ref().map(|c| c.community.clone())) {
            if !people_loaded.get_value() {
                people_loaded.set_value(true);
                spawn_local(async move {
                    if let Ok(found) = api::people(&community).await {
                        people.set(found);
                    }
                });
            }
        }
    });
    let me = StoredValue::new(me);
    let replace = Callback::new(move |updated: StaffSessionView| {
        list.update(|l| {
            if let Some(Ok(all)) = l {
                if let Some(row) = all.iter_mut().find(|s| s.session.id == updated.session.id) {
                    *row = updated;
                }
            }
        });
    });
    let on_done = Callback::new(move |scheduled: sessions::Scheduled| {
        open.set(false);
        links.set(Some(scheduled.party_links));
        list.update(|l| {
            if let Some(Ok(all)) = l {
                all.push(scheduled.session);
            }
        });
        toasts.show_text(toast(SessionMsg::Scheduled));
        crate::common::field::focus_later("party-links".to_owned());
    });

    (move || {
        let detail = case.get()?;
        let me_now = me.get_value();
        let can_schedule = detail.may_schedule_sessions;
        let mut preselected: Vec<String> = vec![];
        if matches!(me_now.role, accord_shared::staff::Role::Mediator) {
            preselected.push(me_now.username.clone());
        }
        for h in &detail.handlers {
            if !preselected.contains(&h.username) {
                preselected.push(h.username.clone());
            }
        }
        let form_case = detail.clone();
        let schedule = can_schedule.then(|| {
            view! {
                <Show
                    when=move || open.get()
                    fallback=move || view! {
                        <button type="button" class="button primary" on:click=move |_| {
                            open.set(true);
                            crate::common::field::focus_later("s-title".to_owned());
                        }>
                            {t(SessionMsg::ScheduleOpen)}
                        </button>
                    }
                >
                    <ScheduleForm
                        case=form_case.clone()
                        people=people
                        preselected=preselected.clone()
                        on_done=on_done
                        on_close=Callback::new(move |_| open.set(false))
                    />
                </Show>
            }
        });
        let body = move || match list.get() {
            None => view! { <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p> }.into_any(),
            Some(Err(failure)) => {
                let lang = use_i18n().lang();
                view! { <p class="notice error-notice" role="alert">{failure_text(&failure, lang)}</p> }.into_any()
            }
            Some(Ok(all)) if all.is_empty() => view! { <p class="empty-state">{t(SessionMsg::NoSessions)}</p> }.into_any(),
            Some(Ok(all)) => {
                let cards = all
                    .into_iter()
                    .rev()
                    .map(|s| {
                        view! {
                            <SessionCard
                                session=s
                                me=me.get_value()
                                people=people
                                case=case
                                replace=replace
                            />
                        }
                    })
                    .collect_view();
                view! { <ul class="session-cards">{cards}</ul> }.into_any()
            }
        };
        Some(view! {
            <section class="case-card sessions" aria-labelledby="sessions-title">
                <h2 id="sessions-title">{t(SessionWord::SessionsTitle)}</h2>
                <PartyLinks links=links />
                {schedule}
                {body}
            </section>
        })
    })
    .into_any()
}
