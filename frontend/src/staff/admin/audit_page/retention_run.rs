//! Running the retention pass on demand, for the administrator.

use crate::api::admin::{self, RetentionReport};
use crate::api::ApiError;
use crate::common::form_kit::failure_said;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::i18n::staff::{StaffMsg, StaffNM};
use crate::i18n::{t, use_i18n};
use crate::staff::sign_in::use_login;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn RetentionRun() -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<RetentionReport, ApiError>>);
    let run = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        outcome.set(None);
        spawn_local(async move {
            let result = admin::run_retention().await;
            busy.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            outcome.set(Some(result));
        });
    };
    let said = move || {
        let lang = i18n.lang();
        outcome.get().map(|result| match result {
            Ok(report) => view! {
                <p class="notice success-notice">
                    {StaffNM::RetentionResult.with(
                        lang,
                        report.examined as usize,
                        report.erased as usize,
                    )}
                </p>
            }
            .into_any(),
            Err(failure) => {
                view! { <p class="notice error-notice">{failure_said(&failure).text(lang)}</p> }
                    .into_any()
            }
        })
    };
    view! {
        <section class="case-card" aria-labelledby="retention-title">
            <h2 id="retention-title">{t(StaffMsg::RetentionTitle)}</h2>
            <p>{t(StaffMsg::RetentionRunHelp)}</p>
            <button type="button" class="button secondary" disabled=move || busy.get() aria-busy=move || busy.get().to_string() on:click=run>
                {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                {t(StaffMsg::RunRetention)}
            </button>
            <div role="status" aria-live="polite">{said}</div>
        </section>
    }
}
