//! Filing a case in five short steps with a step indicator; the case code and secret are then
//! shown by the tracking bundle (`track_app::filed_view`).

pub mod contact_step;
pub mod draft;
pub mod kind_step;
pub mod location_fields;
pub mod review_step;
pub mod step_flow;
pub mod steps;
pub mod waiting_view;
pub mod what_step;
pub mod where_step;
pub mod wizard;

use crate::common::directory_state::use_directory;
use crate::i18n::{t, Msg};
use leptos::prelude::*;
use step_flow::StepFlow;

#[component]
pub fn ReportPage() -> impl IntoView {
    let directory = use_directory();
    let waiting = crate::resident::waiting_filings::use_waiting_filings();
    crate::resident::prefetch::prefetch_tracking();
    view! {
        {move || {
            if !waiting.list.with(Vec::is_empty) {
                return view! { <waiting_view::WaitingView /> }.into_any();
            }
            match directory.0.get() {
                None => {
                    view! {
                        <h1 tabindex="-1">{t(Msg::ReportTitle)}</h1>
                        <p class="loading">
                            <span class="spinner" aria-hidden="true"></span>
                            {t(Msg::Loading)}
                        </p>
                    }
                        .into_any()
                }
                Some(Err(_)) => {
                    view! {
                        <h1 tabindex="-1">{t(Msg::ReportTitle)}</h1>
                        <p class="notice error-notice" role="alert">
                            {t(Msg::LoadFailed)}
                        </p>
                        <button type="button" class="button" on:click=move |_| directory.load()>
                            {t(Msg::Retry)}
                        </button>
                    }
                        .into_any()
                }
                Some(Ok(dir)) => view! { <StepFlow dir=dir /> }.into_any(),
            }
        }}
    }
}
