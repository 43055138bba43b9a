//! One case as staff see it: facts, risk and clock, parties with contact details, description,
//! the actions allowed now, and the history.

pub mod actions;
pub mod transfer_form;

use self::actions::{ActionForms, ActionPanel};
use crate::api;
use crate::common::directory_state::{category_name, use_directory};
use crate::common::form_kit::Failure;
use crate::common::signed_out::EndsOnUnauthorized;
use crate::common::staff_names::staff_name;
use crate::common::stage_clock::StageClockView;
use crate::common::status_chip::StatusChip;
use crate::common::timeline::{public_detail_text, DetailText, Timeline, TimelineEntry, Who};
use crate::common::when::format_when;
use crate::i18n::staff::{escalation_msg, risk_msg, StaffMsg, StaffN, StaffX};
use crate::i18n::{
    channel_msg, kind_msg, outcome_msg, party_msg, referral_msg, role_msg, t, use_i18n, Lang, Msg,
    MsgN,
};
use crate::router::{Link, StaffRoute};
use crate::staff::case_agreement::CaseAgreement;
use crate::staff::case_answers::CaseAnswers;
use crate::staff::case_confidential::CaseConfidential;
use crate::staff::case_documents::CaseDocuments;
use crate::staff::case_photos::CasePhotosSection;
use crate::staff::case_secret::ResidentSecret;
use crate::staff::case_sessions::CaseSessions;
use crate::staff::district_scope::{case_place, spans_streets};
use crate::staff::risk_badge::RiskBadge;
use crate::staff::sign_in::{use_login, LoginState};
use accord_shared::case::Change;
use accord_shared::wire::{CaseDetail, PublicDetail, StaffEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The details of a change as staff may read them: names, reasons, levels.
pub fn staff_detail(event: &StaffEvent) -> Option<DetailText> {
    let public = |detail: PublicDetail| -> DetailText {
        Arc::new(move |lang| public_detail_text(&detail, lang))
    };
    let text = |f: Arc<dyn Fn(Lang) -> String + Send + Sync>| -> DetailText { f };
    Some(match &event.change {
        Change::Rejected { rejection } => public(PublicDetail::Rejected {
            reason: rejection.reason.clone(),
            redirect_to: rejection.redirect_to.clone(),
        }),
        Change::Recategorized { category } => {
            let category = category.clone();
            text(Arc::new(move |_| category.clone()))
        }
        Change::RiskAssessed { factors } => {
            let level = accord_shared::risk::assess_risk(factors);
            text(Arc::new(move |lang| risk_msg(level).text(lang).to_owned()))
        }
        Change::RiskOverridden { level, reason } => {
            let (level, reason) = (*level, reason.clone());
            text(Arc::new(move |lang| {
                format!("{} · {reason}", risk_msg(level).text(lang))
            }))
        }
        Change::HandlersSet { handlers } => {
            let handlers = handlers.clone();
            text(Arc::new(move |lang| {
                handlers
                    .iter()
                    .map(|h| {
                        let lead = if h.lead {
                            format!(" ({})", StaffMsg::LeadMark.text(lang))
                        } else {
                            String::new()
                        };
                        format!(
                            "{} · {}{lead}",
                            staff_name(&h.username),
                            role_msg(h.role).text(lang)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            }))
        }
        Change::Resolved { outcome } => public(PublicDetail::Resolved { outcome: *outcome }),
        Change::Referred { referral } => public(PublicDetail::Referred {
            target: referral.target,
            receiving_body: referral.receiving_body.clone(),
        }),
        Change::FeedbackGiven { feedback } => public(PublicDetail::Feedback {
            confirmed: feedback.confirmed,
            satisfaction: feedback.satisfaction,
        }),
        Change::Escalated { level } => {
            let level = *level;
            text(Arc::new(move |lang| {
                escalation_msg(level)
                    .map(|m| m.text(lang))
                    .unwrap_or_default()
                    .to_owned()
            }))
        }
        Change::ConflictSinceSet { date } => {
            let date = date.to_string();
            text(Arc::new(move |_| date.clone()))
        }
        Change::MergedInto { primary } => {
            let primary = primary.clone();
            text(Arc::new(move |lang| {
                StaffX::MergedInto.with(lang, &primary)
            }))
        }
        Change::AbsorbedDuplicate { duplicate, .. } => {
            let duplicate = duplicate.clone();
            text(Arc::new(move |lang| {
                StaffX::MergedFrom.with(lang, &duplicate)
            }))
        }
        Change::TransferredOut { moved_to } => {
            let moved_to = moved_to.clone();
            text(Arc::new(move |lang| {
                StaffX::ContinuesAs.with(lang, &moved_to)
            }))
        }
        Change::TransferredIn { moved_from } => {
            let moved_from = moved_from.clone();
            text(Arc::new(move |lang| {
                StaffX::FormerCode.with(lang, &moved_from)
            }))
        }
        _ => return None,
    })
}

#[component]
pub fn CaseDetailPage(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let login = use_login();
    let directory = use_directory();
    let current = RwSignal::new(None::<CaseDetail>);
    let failed = RwSignal::new(None::<Msg>);
    let forms = ActionForms::new();
    let heading = code.clone();
    let sessions_code = code.clone();
    let documents_code = code.clone();
    let agreement_code = code.clone();
    let confidential_code = code.clone();
    let photos_code = code.clone();
    spawn_local(async move {
        let Some(answer) = login.unless_ended(api::case_detail(&code).await) else {
            return;
        };
        match answer {
            Ok(detail) => current.set(Some(detail)),
            Err(failure) => failed.set(Some(match Failure::of(&failure) {
                Failure::NotFound => Msg::CaseNotFound,
                other => other.msg(),
            })),
        }
    });

    let body = move || match (current.get(), failed.get()) {
        (None, None) => view! {
            <p class="loading">
                <span class="spinner" aria-hidden="true"></span>
                {t(Msg::Loading)}
            </p>
        }
        .into_any(),
        (None, Some(msg)) => view! {
            <p class="notice error-notice" role="alert">{t(msg)}</p>
        }
        .into_any(),
        (Some(case), _) => {
            let lang = i18n.lang();
            let (category, place) = match directory.0.get() {
                Some(Ok(dir)) => {
                    // The street too, for a reader whose communities lie in several streets.
                    let with_street = login.0.with_untracked(|state| {
                        matches!(state, LoginState::SignedIn(me) if spans_streets(&dir, &me.scope))
                    });
                    (
                        category_name(&dir, &case.category, lang),
                        case_place(&dir, &case.community, &case.grid, lang, with_street),
                    )
                }
                _ => (
                    case.category.clone(),
                    format!("{} · {}", case.community, case.grid),
                ),
            };
            let parties = case
                .parties
                .iter()
                .map(|party| {
                    let phone = match &party.phone {
                        Some(phone) => view! {
                            <a href=format!("tel:{phone}")>{phone.clone()}</a>
                        }
                        .into_any(),
                        None => view! { <span>{t(StaffMsg::NoPhone)}</span> }.into_any(),
                    };
                    view! {
                        <li class="party">
                            <span class="party-role">{t(party_msg(party.role))}</span>
                            <span class="party-name">{party.name.clone()}</span>
                            {phone}
                        </li>
                    }
                })
                .collect_view();
            let entries: Vec<TimelineEntry> = case
                .timeline
                .iter()
                .map(|event| TimelineEntry {
                    detail: staff_detail(event),
                    ..TimelineEntry::from(event)
                })
                .collect();
            let clock = case.clock.map(|clock| {
                view! {
                    <dt>{t(Msg::ClockLabel)}</dt>
                    <dd><StageClockView clock=clock with_stage=true /></dd>
                }
            });
            let risk = &case.risk;
            let risk_note = risk.overridden.as_ref().map(|o| {
                format!(
                    "{}{} · {}",
                    StaffX::RiskOverriddenBy.with(lang, &o.by),
                    o.reason,
                    StaffX::RiskFromFactors.with(lang, risk_msg(risk.computed).text(lang))
                )
            });
            let risk_note = risk_note.map(|note| view! { <span class="risk-note">{note}</span> });
            let escalation = escalation_msg(case.escalation)
                .map(|msg| view! { <span class="flag flag-escalated">{t(msg)}</span> });
            let long_standing = case
                .long_standing
                .then(|| view! { <span class="flag flag-long">{t(StaffMsg::LongStanding)}</span> });
            let flags = (escalation.is_some() || long_standing.is_some() || case.reopened > 0).then(|| {
                let reopened = (case.reopened > 0)
                    .then(|| view! { <span class="flag">{StaffN::ReopenedTimes.with(lang, case.reopened as usize)}</span> });
                view! {
                    <dt>{t(StaffMsg::FlagsLabel)}</dt>
                    <dd class="flags">{escalation}{long_standing}{reopened}</dd>
                }
            });
            let handlers = if case.handlers.is_empty() {
                view! { <dd>{t(StaffMsg::NoHandlers)}</dd> }.into_any()
            } else {
                let list = case
                    .handlers
                    .iter()
                    .map(|h| {
                        let lead = h.lead.then(
                            || view! { " " <span class="lead-mark">{t(StaffMsg::LeadMark)}</span> },
                        );
                        let username = h.username.clone();
                        view! { <li>{move || staff_name(&username)} " · " {t(role_msg(h.role))} {lead}</li> }
                    })
                    .collect_view();
                view! { <dd><ul class="handler-list">{list}</ul></dd> }.into_any()
            };
            let conflict_since = case.conflict_since.map(|date| {
                view! { <dt>{t(StaffMsg::ConflictSince)}</dt><dd>{date.to_string()}</dd> }
            });
            let outcome = case.outcome.map(|outcome| {
                view! { <dt>{t(Msg::OutcomeLabel)}</dt><dd>{t(outcome_msg(outcome))}</dd> }
            });
            let referral = case.referral.clone().map(|r| {
                view! {
                    <dt>{t(Msg::ReferralLabel)}</dt>
                    <dd>{t(referral_msg(r.target))} " · " {r.receiving_body}</dd>
                }
            });
            let rejection = case.rejection.clone().map(|r| {
                view! {
                    <dt>{t(Msg::RejectionLabel)}</dt><dd>{r.reason}</dd>
                    <dt>{t(Msg::RedirectLabel)}</dt><dd>{r.redirect_to}</dd>
                }
            });
            let feedback = case.feedback.map(|f| {
                let settled = if f.confirmed { Msg::FeedbackSettledYes } else { Msg::FeedbackSettledNo };
                view! {
                    <dt>{t(StaffMsg::FeedbackLabel)}</dt>
                    <dd>{t(settled)} " · " {MsgN::SatisfactionOf.with(lang, usize::from(f.satisfaction))}</dd>
                }
            });
            let merged = case.merged_into.clone().map(|primary| {
                view! { <p class="notice">{StaffX::MergedInto.with(lang, &primary)}</p> }
            });
            // A move between streets: where the case continues, or where it came from.
            let moved_to = case.moved_to.clone().map(|to| {
                view! {
                    <p class="notice move-notice" role="status">
                        {t(StaffMsg::MovedToNotice)} " "
                        <Link href=StaffRoute::case_path(&to) class="mono">{to.clone()}</Link>
                    </p>
                }
            });
            let moved_from = case.moved_from.clone().map(|from| {
                view! {
                    <p class="notice move-notice">
                        {t(StaffMsg::MovedFromNotice)} " " <span class="mono">{from}</span>
                    </p>
                }
            });
            view! {
                {moved_to}
                {moved_from}
                <div class="detail-grid">
                    <section class="case-card">
                        <dl class="facts">
                            <dt>{t(Msg::StatusLabel)}</dt>
                            <dd><StatusChip status=case.status /></dd>
                            <dt>{t(StaffMsg::RiskLabel)}</dt>
                            <dd><RiskBadge level=case.risk.level /> {risk_note}</dd>
                            {clock}
                            {flags}
                            <dt>{t(StaffMsg::HandlersLabel)}</dt>
                            {handlers}
                            {outcome}
                            {referral}
                            {rejection}
                            {feedback}
                            <dt>{t(Msg::DetailKind)}</dt>
                            <dd>{t(kind_msg(case.kind))}</dd>
                            <dt>{t(Msg::CategoryLabel)}</dt>
                            <dd>{category}</dd>
                            <dt>{t(Msg::PlaceLabel)}</dt>
                            <dd>{place}</dd>
                            <dt>{t(StaffMsg::DetailAddress)}</dt>
                            <dd>{case.address.clone()}</dd>
                            {case.location.map(|at| view! {
                                <dt>{t(StaffMsg::ReporterLocation)}</dt>
                                <dd class="mono">{format!("{}, {}", at.lat_text(), at.lon_text())}</dd>
                            })}
                            <dt>{t(StaffMsg::DetailChannel)}</dt>
                            <dd>{t(channel_msg(case.channel))}</dd>
                            <dt>{t(Msg::FiledAtLabel)}</dt>
                            <dd>{format_when(case.filed_at, lang)}</dd>
                            <dt>{t(StaffMsg::DetailRecordedBy)}</dt>
                            <dd>{Who::from(&case.recorded_by).text(lang)}</dd>
                            {conflict_since}
                        </dl>
                        {merged}
                        <h2>{t(StaffMsg::DetailParties)}</h2>
                        <ul class="parties">{parties}</ul>
                        <h2>{t(StaffMsg::DetailDescription)}</h2>
                        <p class="description">{case.description.clone()}</p>
                        <CaseAnswers answers=case.answers.clone() />
                    </section>
                    <div class="detail-side">
                        <ActionPanel forms=forms case=current />
                        {case.may_reissue_secret.then(|| view! { <ResidentSecret code=case.code.clone() /> })}
                        <section class="case-card">
                            <h2>{t(Msg::HistoryTitle)}</h2>
                            <Timeline entries=entries />
                        </section>
                    </div>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <p class="back-link">
            <Link href="/staff".to_owned()>{t(StaffMsg::BackToQueue)}</Link>
        </p>
        <h1 tabindex="-1" class="mono">{heading}</h1>
        {body}
        <CaseSessions code=sessions_code case=current />
        <CaseAgreement code=agreement_code case=current />
        <CasePhotosSection code=photos_code />
        <CaseConfidential code=confidential_code />
        <CaseDocuments code=documents_code case=current />
    }
}
