//! One volunteer link: who, where, until when, and revoking it.

use crate::api::volunteer::{self, VolunteerLink};
use crate::api::ApiError;
use crate::common::directory_state::use_directory;
use crate::common::form_kit::failure_said;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::toast::use_toasts;
use crate::common::when::format_when;
use crate::i18n::staff::{Said, StaffMsg, StaffX};
use crate::i18n::{t, use_i18n, Msg};
use crate::staff::district_scope::community_label;
use crate::staff::sign_in::use_login;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[component]
pub fn LinkCard(
    link: VolunteerLink,
    links: RwSignal<Option<Result<Vec<VolunteerLink>, ApiError>>>,
    /// Whether the community is named with its street.
    with_street: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let toasts = use_toasts();
    let directory = use_directory();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<Said>);
    // The browser's clock (chrono's `Utc::now` is not available on wasm32-unknown-unknown).
    let now_ms = js_sys::Date::now() as i64;
    let expired = link.expires_at.timestamp_millis() <= now_ms;
    let (status, class) = if link.revoked {
        (StaffMsg::LinkRevoked, "chip chip-closed")
    } else if expired {
        (StaffMsg::LinkExpired, "chip chip-referred")
    } else {
        (StaffMsg::LinkActive, "chip chip-resolved")
    };
    let community = link.community.clone();
    let place = move || match directory.0.get() {
        Some(Ok(dir)) => community_label(&dir, &community, i18n.lang(), with_street.get()),
        _ => community.clone(),
    };
    let id = StoredValue::new(link.id.clone());
    let revoke = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failed.set(None);
        spawn_local(async move {
            let result = volunteer::revoke(&id.get_value()).await;
            busy.set(false);
            let Some(result) = login.unless_ended(result) else {
                return;
            };
            match result {
                Ok(updated) => {
                    toasts.show_text(Arc::new(|lang| {
                        StaffMsg::LinkRevokedToast.text(lang).to_owned()
                    }));
                    links.update(|list| {
                        if let Some(Ok(list)) = list {
                            if let Some(row) = list.iter_mut().find(|l| l.id == updated.id) {
                                *row = updated;
                            }
                        }
                    });
                }
                Err(failure) => failed.set(Some(failure_said(&failure))),
            }
        });
    };
    let name = link.name.clone();
    let cases = link.follow_up_cases.join(", ");
    let active = !link.revoked && !expired;
    let expires = link.expires_at;
    let issued_by = link.issued_by.clone();
    view! {
        <article class="case-card" aria-label=link.name.clone()>
            <h3>{link.name.clone()}" "<span class=class>{t(status)}</span></h3>
            <dl class="facts">
                <dt>{t(Msg::CommunityLabel)}</dt>
                <dd>{place}</dd>
                <dt>{t(StaffMsg::IssuedAt)}</dt>
                <dd>{move || format!("{} · {}", format_when(link.issued_at, i18n.lang()), StaffX::IssuedBy.with(i18n.lang(), &issued_by))}</dd>
                <dt>{t(StaffMsg::LinkValidity)}</dt>
                <dd>{move || StaffX::ValidUntil.with(i18n.lang(), &format_when(expires, i18n.lang()))}</dd>
            </dl>
            <p class="chips">
                {link.intake.then(|| view! { <span class="chip chip-accepted">{t(StaffMsg::MayRecord)}</span> })}
                {(!cases.is_empty()).then(|| view! { <span class="chip chip-follow_up">{move || StaffX::VisitsOf.with(i18n.lang(), &cases)}</span> })}
            </p>
            <p class="notice error-notice" role="alert" hidden=move || failed.with(Option::is_none)>{move || failed.get().map(|said| said.text(i18n.lang()))}</p>
            {active.then(|| view! {
                <button type="button" class="button secondary danger" disabled=move || busy.get() on:click=revoke>
                    {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                    {move || StaffX::RevokeLink.with(i18n.lang(), &name)}
                </button>
            })}
        </article>
    }
}
