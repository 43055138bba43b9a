//! The filing's screen while a report waits on this phone for a connection: what happens
//! next, a button to send it now, and one to delete it from the phone.

use crate::i18n::{t, use_i18n, Msg};
use crate::resident::waiting_filings::use_waiting_filings;
use leptos::prelude::*;

#[component]
pub fn WaitingView() -> impl IntoView {
    let waiting = use_waiting_filings();
    let i18n = use_i18n();
    let sending = waiting.sending;
    let discard = move |_| {
        let sure = window()
            .confirm_with_message(Msg::WaitingDiscardSure.text(i18n.lang()))
            .unwrap_or(false);
        if sure {
            for filing in waiting.list.get_untracked() {
                waiting.discard(&filing.key);
            }
        }
    };
    view! {
        <h1 tabindex="-1">{t(Msg::ReportTitle)}</h1>
        <section class="notice warning-notice waiting-filing" aria-labelledby="waiting-title">
            <h2 id="waiting-title">{t(Msg::WaitingTitle)}</h2>
            <p>{t(Msg::WaitingBody)}</p>
            <p>{t(Msg::WaitingAfter)}</p>
            <p role="status">
                <Show
                    when=move || sending.get()
                    fallback=move || {
                        view! {
                            <Show when=move || waiting.no_connection.get()>
                                {t(Msg::WaitingNoConnection)}
                            </Show>
                        }
                    }
                >
                    <span class="spinner" aria-hidden="true"></span>
                    {t(Msg::Submitting)}
                </Show>
            </p>
        </section>
        <div class="action-bar">
            <button type="button" class="button secondary" on:click=discard>
                {t(Msg::WaitingDiscard)}
            </button>
            <button
                type="button"
                class="button primary"
                disabled=move || sending.get()
                aria-busy=move || sending.get().to_string()
                on:click=move |_| waiting.send_all()
            >
                {t(Msg::WaitingSendNow)}
            </button>
        </div>
    }
}
