//! Moving a session to another time or place, with the conflicts it would cause.

use super::session_parts::{toast, Open};
use crate::api::sessions::{self, BookingFailure};
use crate::common::toast::use_toasts;
use crate::i18n::sessions::SessionMsg;
use crate::i18n::{t, use_i18n};
use crate::staff::session_form::typed_instant;
use accord_shared::scheduling::StaffSessionView;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn RescheduleForm(
    id: String,
    busy: RwSignal<bool>,
    replace: Callback<StaffSessionView>,
    booking_failed: impl Fn(BookingFailure) + Copy + Send + Sync + 'static,
    open: RwSignal<Open>,
) -> impl IntoView {
    let toasts = use_toasts();
    let date = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let error = RwSignal::new(None::<SessionMsg>);
    let i18n = use_i18n();
    let id = StoredValue::new(id);
    let base = format!("r-{}", id.get_value());
    let (date_id, time_id, error_id) = (
        format!("{base}-date"),
        format!("{base}-time"),
        format!("{base}-error"),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(start) = typed_instant(&date.get_untracked(), &time.get_untracked()) else {
            error.set(Some(SessionMsg::ErrOneTime));
            return;
        };
        if start <= chrono::Utc::now() {
            error.set(Some(SessionMsg::ErrPast));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = sessions::reschedule(&id.get_value(), start).await;
            busy.set(false);
            match result {
                Ok(updated) => {
                    toasts.show_text(toast(SessionMsg::Rescheduled));
                    open.set(Open::Nothing);
                    replace.run(updated);
                }
                Err(failure) => booking_failed(failure),
            }
        });
    };
    view! {
        <form class="action-form" novalidate on:submit=submit>
            <div class="pair">
                <div class="field compact" class:has-error=move || error.with(Option::is_some)>
                    <label for=date_id.clone()>{t(SessionMsg::NewDate)}</label>
                    <input id=date_id type="date" aria-describedby=error_id.clone() prop:value=move || date.get()
                        on:input=move |ev| { date.set(event_target_value(&ev)); error.set(None); } />
                </div>
                <div class="field compact" class:has-error=move || error.with(Option::is_some)>
                    <label for=time_id.clone()>{t(SessionMsg::NewClock)}</label>
                    <input id=time_id type="time" step="300" aria-describedby=error_id.clone() prop:value=move || time.get()
                        on:input=move |ev| { time.set(event_target_value(&ev)); error.set(None); } />
                </div>
            </div>
            <p class="error field-error" id=error_id>{move || error.get().map(|m| m.text(i18n.lang()))}</p>
            <div class="form-buttons">
                <button type="submit" class="button primary" disabled=move || busy.get()>{t(SessionMsg::SaveNewTime)}</button>
            </div>
        </form>
    }
}
