//! The cases a volunteer was asked to visit: who and where, how long is left, and a note of
//! the return visit (accepted only while the case is in follow-up).

use crate::api::volunteer::{self, VisitCase};
use crate::api::ApiError;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::i18n::staff::StaffMsg;
use crate::i18n::{t, Msg};
use crate::volunteer::volunteer_link::use_link;
use leptos::prelude::*;
use leptos::task::spawn_local;
mod visit_card;
use visit_card::VisitCard;

#[component]
pub fn VolunteerVisits(community: String) -> impl IntoView {
    let link = use_link();
    let cases = RwSignal::new(None::<Result<Vec<VisitCase>, ApiError>>);
    let load = move || {
        let token = link.token();
        spawn_local(async move {
            let result = volunteer::cases(&token).await;
            let Some(result) = link.unless_ended(result) else {
                return;
            };
            cases.set(Some(result));
        });
    };
    load();
    let community = StoredValue::new(community);
    view! {
        <h2>{t(StaffMsg::CmdRecordVisit)}</h2>
        {move || match cases.get() {
            None => view! {
                <p class="loading"><span class="spinner" aria-hidden="true"></span>{t(Msg::Loading)}</p>
            }
            .into_any(),
            Some(Err(_)) => view! {
                <p class="notice error-notice" role="alert">{t(Msg::LoadFailed)}</p>
                <button type="button" class="button secondary" on:click=move |_| { cases.set(None); load(); }>{t(Msg::Retry)}</button>
            }
            .into_any(),
            Some(Ok(list)) if list.is_empty() => {
                view! { <p class="empty-state">{t(StaffMsg::VolCasesEmpty)}</p> }.into_any()
            }
            Some(Ok(list)) => list
                .into_iter()
                .map(|case| view! { <VisitCard case=case community=community.get_value() reload=Callback::new(move |_| load()) /> })
                .collect_view()
                .into_any(),
        }}
    }
}
