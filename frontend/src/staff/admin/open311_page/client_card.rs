//! One Open311 client: its name, street, who issued it and when, and revoking its key.

use crate::api::open311;
use crate::api::ApiError;
use crate::common::form_kit::failure_said;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::toast::use_toasts;
use crate::common::when::format_when;
use crate::i18n::staff::{Said, StaffMsg, StaffX};
use crate::i18n::{t, use_i18n};
use crate::staff::sign_in::use_login;
use accord_shared::open311::ApiClient;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[component]
pub fn ClientCard(
    client: ApiClient,
    clients: RwSignal<Option<Result<Vec<ApiClient>, ApiError>>>,
    /// The street's name in the reader's language.
    street: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let failed = RwSignal::new(None::<Said>);
    let id = StoredValue::new(client.id.clone());
    let revoke = move |_| {
        if busy.get_untracked() {
            return;
        }
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        busy.set(true);
        failed.set(None);
        spawn_local(async move {
            let result = open311::revoke(&id.get_value()).await;
            busy.set(false);
            confirming.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            match result {
                Ok(updated) => {
                    toasts.show_text(Arc::new(|lang| {
                        StaffMsg::ClientRevokedToast.text(lang).to_owned()
                    }));
                    clients.update(|list| {
                        if let Some(Ok(list)) = list {
                            if let Some(row) = list.iter_mut().find(|c| c.id == updated.id) {
                                *row = updated;
                            }
                        }
                    });
                }
                Err(failure) => failed.set(Some(failure_said(&failure))),
            }
        });
    };
    let (status, class) = if client.revoked {
        (StaffMsg::LinkRevoked, "chip chip-closed")
    } else {
        (StaffMsg::LinkActive, "chip chip-resolved")
    };
    let issued_at = client.issued_at;
    let issued_by = client.issued_by.clone();
    let revoked = client
        .revoked_at
        .map(|at| (at, client.revoked_by.clone().unwrap_or_default()));
    let live = !client.revoked;
    let error_id = format!("client-{}-error", client.id);
    view! {
        <article class="case-card link-card" aria-label=client.name.clone()>
            <h3>{client.name.clone()} " " <span class=class>{t(status)}</span></h3>
            <dl class="facts">
                <dt>{t(StaffMsg::ClientStreet)}</dt>
                <dd>{move || street.get()}</dd>
                <dt>{t(StaffMsg::IssuedAt)}</dt>
                <dd>{move || format!("{} · {}", format_when(issued_at, i18n.lang()), StaffX::IssuedBy.with(i18n.lang(), &issued_by))}</dd>
                {revoked.map(|(at, by)| view! {
                    <dt>{t(StaffMsg::LinkRevoked)}</dt>
                    <dd>{move || format!("{} · {}", format_when(at, i18n.lang()), StaffX::RevokedBy.with(i18n.lang(), &by))}</dd>
                })}
            </dl>
            <p class="notice error-notice" role="alert" id=error_id.clone() hidden=move || failed.with(Option::is_none)>
                {move || failed.get().map(|said| said.text(i18n.lang()))}
            </p>
            {live.then(|| view! {
                <p class="notice warning-notice" hidden=move || !confirming.get()>{t(StaffMsg::ClientRevokeConfirm)}</p>
                <div class="form-buttons">
                    <button type="button" class="button secondary danger" on:click=revoke disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                        {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                        {move || if confirming.get() { t(StaffMsg::ClientRevokeYes)() } else { t(StaffMsg::ClientRevoke)() }}
                    </button>
                    <button type="button" class="button secondary" hidden=move || !confirming.get() on:click=move |_| confirming.set(false)>
                        {t(StaffMsg::ClientRevokeNo)}
                    </button>
                </div>
            })}
        </article>
    }
}
