//! One case as staff see it: facts, parties with contact details, description and history.

use crate::api::{self, ApiError};
use crate::components::status_chip::StatusChip;
use crate::components::timeline::{Timeline, TimelineEntry, Who};
use crate::directory_state::{category_name, place_name, use_directory};
use crate::i18n::{channel_msg, kind_msg, party_msg, t, use_i18n, Msg};
use crate::router::Link;
use crate::session::use_session;
use crate::when::format_when;
use accord_shared::wire::CaseDetail;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Debug, Clone)]
enum Loaded {
    Loading,
    Found(Box<CaseDetail>),
    Failed(Msg),
}

#[component]
pub fn CaseDetailPage(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let directory = use_directory();
    let state = RwSignal::new(Loaded::Loading);
    let heading = code.clone();
    spawn_local(async move {
        let loaded = match api::case_detail(&code).await {
            Ok(detail) => Loaded::Found(Box::new(detail)),
            Err(failure) if failure.is_unauthorized() => {
                session.ended();
                return;
            }
            Err(ApiError::Status { status: 404, .. }) => Loaded::Failed(Msg::CaseNotFound),
            Err(ApiError::Network) => Loaded::Failed(Msg::NetworkError),
            Err(_) => Loaded::Failed(Msg::ServerError),
        };
        state.set(loaded);
    });

    let body = move || match state.get() {
        Loaded::Loading => view! {
            <p class="loading">
                <span class="spinner" aria-hidden="true"></span>
                {t(Msg::Loading)}
            </p>
        }
        .into_any(),
        Loaded::Failed(msg) => view! {
            <p class="notice error-notice" role="alert">{t(msg)}</p>
        }
        .into_any(),
        Loaded::Found(case) => {
            let lang = i18n.lang();
            let (category, place) = match directory.0.get() {
                Some(Ok(dir)) => (
                    category_name(&dir, &case.category, lang),
                    place_name(&dir, &case.community, &case.grid, lang),
                ),
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
                        None => view! { <span>{t(Msg::NoPhone)}</span> }.into_any(),
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
            let entries: Vec<TimelineEntry> =
                case.timeline.iter().map(TimelineEntry::from).collect();
            view! {
                <div class="detail-grid">
                    <section class="case-card">
                        <dl class="facts">
                            <dt>{t(Msg::StatusLabel)}</dt>
                            <dd><StatusChip status=case.status /></dd>
                            <dt>{t(Msg::DetailKind)}</dt>
                            <dd>{t(kind_msg(case.kind))}</dd>
                            <dt>{t(Msg::CategoryLabel)}</dt>
                            <dd>{category}</dd>
                            <dt>{t(Msg::PlaceLabel)}</dt>
                            <dd>{place}</dd>
                            <dt>{t(Msg::DetailAddress)}</dt>
                            <dd>{case.address.clone()}</dd>
                            <dt>{t(Msg::DetailChannel)}</dt>
                            <dd>{t(channel_msg(case.channel))}</dd>
                            <dt>{t(Msg::FiledAtLabel)}</dt>
                            <dd>{format_when(case.filed_at, lang)}</dd>
                            <dt>{t(Msg::DetailRecordedBy)}</dt>
                            <dd>{Who::from(&case.recorded_by).text(lang)}</dd>
                        </dl>
                        <h2>{t(Msg::DetailParties)}</h2>
                        <ul class="parties">{parties}</ul>
                        <h2>{t(Msg::DetailDescription)}</h2>
                        <p class="description">{case.description.clone()}</p>
                    </section>
                    <section class="case-card">
                        <h2>{t(Msg::HistoryTitle)}</h2>
                        <Timeline entries=entries />
                    </section>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <p class="back-link">
            <Link href="/staff".to_owned()>{t(Msg::BackToQueue)}</Link>
        </p>
        <h1 tabindex="-1" class="mono">{heading}</h1>
        {body}
    }
}
