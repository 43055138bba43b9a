//! Giving the case's resident a new secret, for staff who may read its parties: a resident who
//! lost theirs calls the street office, staff check who is calling, and the new secret is read
//! out to them. Shown once; the old one stops working.

use crate::api::secret;
use crate::common::form_kit::failure_said;
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{t, use_i18n};
use accord_shared::secret::CaseSecret;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ResidentSecret(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let issued = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let code = StoredValue::new(code);
    let reissue = move |_| {
        if busy.get_untracked() {
            return;
        }
        let sure = window()
            .confirm_with_message(StaffMsg::SecretReissueConfirm.text(i18n.lang()))
            .unwrap_or(false);
        if !sure {
            return;
        }
        busy.set(true);
        failed.set(None);
        spawn_local(async move {
            let answer = secret::reissue(&code.get_value()).await;
            busy.set(false);
            match answer {
                Ok(reissued) => issued.set(Some(
                    CaseSecret::parse(&reissued.secret)
                        .map_or(reissued.secret, |s| s.display_grouped()),
                )),
                Err(failure) => failed.set(Some(failure_said(&failure))),
            }
        });
    };
    view! {
        <section class="case-card case-secret" aria-labelledby="case-secret-title">
            <h2 id="case-secret-title">{t(StaffMsg::SecretReissueTitle)}</h2>
            <p class="help">{t(StaffMsg::SecretReissueHelp)}</p>
            {move || {
                issued
                    .get()
                    .map(|shown| {
                        view! {
                            <div class="notice success-notice" role="status">
                                <p>{t(StaffMsg::SecretReissued)}</p>
                                <p class="credential-value secret" id="reissued-secret">{shown}</p>
                            </div>
                        }
                    })
            }}
            <p class="notice error-notice" role="alert" hidden=move || failed.with(Option::is_none)>
                {move || failed.get().map(|said| said.text(i18n.lang()))}
            </p>
            <button type="button" class="button secondary" disabled=move || busy.get() on:click=reissue>
                {t(StaffMsg::SecretReissueButton)}
            </button>
        </section>
    }
}
