//! One account: its facts, and (when opened) the forms to change it

use super::user_editor::UserEditor;
use crate::common::directory_state::use_directory;
use crate::i18n::staff::{StaffMsg, StaffX};
use crate::i18n::{role_msg, t, use_i18n, Msg};
use crate::staff::district_scope::scope_words;
use accord_shared::accounts::UserSummary;
use leptos::prelude::*;

/// One account: its facts, and (when opened) the forms to change it.
#[component]
pub fn UserCard(
    user: UserSummary,
    editing: RwSignal<Option<String>>,
    replace: Callback<UserSummary>,
    myself: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let role = user.role;
    let scope = user.scope.clone();
    let scope_text = move || {
        let dir = directory.0.get().and_then(Result::ok);
        scope_words(dir.as_ref(), &scope, i18n.lang())
    };
    let name = user.username.clone();
    let open_name = user.username.clone();
    let open = Memo::new(move |_| editing.get().as_deref() == Some(open_name.as_str()));
    let label_name = user.display_name.clone();
    let status = if user.disabled {
        view! { <span class="chip chip-closed">{t(StaffMsg::StatusDisabled)}</span> }.into_any()
    } else {
        view! { <span class="chip chip-resolved">{t(StaffMsg::StatusActive)}</span> }.into_any()
    };
    let must_change = user
        .must_change_password
        .then(|| view! { <span class="chip chip-reported">{t(StaffMsg::MustChangeMark)}</span> });
    let panel_user = user.clone();
    view! {
        <article class="case-card user-card" aria-label=user.display_name.clone()>
            <h2 class="user-name">
                {user.display_name.clone()}
                {myself.then(|| view! { <span class="muted">" "{t(StaffMsg::YouMark)}</span> })}
            </h2>
            <dl class="facts">
                <dt>{t(Msg::Username)}</dt>
                <dd class="mono">{user.username.clone()}</dd>
                <dt>{t(StaffMsg::RoleLabel)}</dt>
                <dd>{move || role_msg(role).text(i18n.lang())}</dd>
                <dt>{t(StaffMsg::ScopeLegend)}</dt>
                <dd>{scope_text}</dd>
                <dt>{t(Msg::StatusLabel)}</dt>
                <dd class="chips">{status}{must_change}</dd>
            </dl>
            <button
                type="button"
                class="button secondary"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| {
                    if open.get_untracked() {
                        editing.set(None);
                    } else {
                        editing.set(Some(name.clone()));
                    }
                }
            >
                {move || StaffX::EditUser.with(i18n.lang(), &label_name)}
            </button>
            <Show when=move || open.get()>
                <UserEditor user=panel_user.clone() replace=replace myself=myself />
            </Show>
        </article>
    }
}
