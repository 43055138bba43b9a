//! One case a volunteer follows up: its state and recording a return visit.

use crate::api::volunteer::{self, VisitCase};
use crate::api::ApiError;
use crate::common::directory_state::{category_name, place_name, use_directory};
use crate::common::field::focus_later;
use crate::common::form_kit::failure_said;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::staff_fields::TextArea;
use crate::common::stage_clock::StageClockView;
use crate::common::status_chip::StatusChip;
use crate::common::toast::use_toasts;
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{t, use_i18n, Msg};
use crate::volunteer::volunteer_link::use_link;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[component]
pub fn VisitCard(case: VisitCase, community: String, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let link = use_link();
    let toasts = use_toasts();
    let directory = use_directory();
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let code = StoredValue::new(case.code.clone());
    let note_id: &'static str = Box::leak(format!("visit-{}", case.code).into_boxed_str());
    let category = case.category.clone();
    let grid = case.grid.clone();
    let names = Memo::new(move |_| match directory.0.get() {
        Some(Ok(dir)) => {
            let lang = i18n.lang();
            (
                category_name(&dir, &category, lang),
                place_name(&dir, &community, &grid, lang),
            )
        }
        _ => (category.clone(), grid.clone()),
    });
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let text = note.get_untracked().trim().to_owned();
        if text.is_empty() {
            error.set(Some(Msg::ProblemRequired.into()));
            focus_later(note_id.to_owned());
            return;
        }
        error.set(None);
        busy.set(true);
        let token = link.token();
        spawn_local(async move {
            let result = volunteer::visit(&token, &code.get_value(), &text).await;
            busy.set(false);
            let Some(result) = link.unless_ended(result) else {
                return;
            };
            match result {
                Ok(()) => {
                    note.set(String::new());
                    toasts.show_text(Arc::new(|lang| {
                        StaffMsg::VolVisitSaved.text(lang).to_owned()
                    }));
                    reload.run(());
                }
                Err(ApiError::Status { status: 409, .. }) => {
                    error.set(Some(StaffMsg::VolNotInFollowUp.into()));
                }
                Err(ApiError::Status {
                    status: 422, code, ..
                }) => {
                    error.set(Some(match code.as_str() {
                        "too_long" => StaffMsg::ProblemTooLongAny.into(),
                        "too_short" => StaffMsg::ProblemTooShortAny.into(),
                        _ => Msg::ProblemRequired.into(),
                    }));
                }
                Err(failure) => error.set(Some(failure_said(&failure))),
            }
        });
    };
    let visitable = accord_shared::volunteer::visitable(case.status);
    let phone = case.applicant_phone.clone().unwrap_or_default();
    let phone_href = format!("tel:{}", phone.replace(' ', ""));
    let contact = visitable.then(|| {
        view! {
            <dt>{t(StaffMsg::ApplicantName)}</dt>
            <dd>{case.applicant_name.clone().unwrap_or_default()}</dd>
            <dt>{t(StaffMsg::ApplicantPhone)}</dt>
            <dd><a href=phone_href>{phone}</a></dd>
        }
    });
    let clock = case
        .clock
        .map(|clock| view! { <StageClockView clock=clock with_stage=true /> });
    view! {
        <article class="case-card" aria-label=case.code.clone()>
            <h3 class="mono">{case.code.clone()}" "<StatusChip status=case.status /></h3>
            <dl class="facts">
                <dt>{t(Msg::CategoryLabel)}</dt>
                <dd>{move || names.get().0}</dd>
                <dt>{t(Msg::PlaceLabel)}</dt>
                <dd>{move || names.get().1}</dd>
                <dt>{t(Msg::AddressLabel)}</dt>
                <dd>{case.address.clone()}</dd>
                {contact}
            </dl>
            {clock}
            <p class="notice" role="note" hidden=visitable>{t(StaffMsg::VisitNotPossible)}</p>
            <form novalidate on:submit=on_submit hidden=!visitable>
                <TextArea id=note_id label=StaffMsg::VisitNote value=note error=Signal::derive(move || error.get().map(|said| said.text(i18n.lang()).to_owned())) rows=3 />
                <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                    {move || busy.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                    {t(StaffMsg::CmdRecordVisit)}
                </button>
            </form>
        </article>
    }
}
