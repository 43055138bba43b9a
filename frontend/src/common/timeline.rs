//! A case's history as a vertical list: who (by role), when (Shanghai time), what.

use crate::common::staff_names::staff_name;
use crate::common::when::format_when;
use crate::i18n::{
    event_msg, note_msg, outcome_msg, referral_msg, role_msg, status_msg, use_i18n, Lang, Msg,
    MsgN, MsgX,
};
use accord_shared::case::{Actor, CaseStatus, EventKind, NoteCode, Visibility};
use accord_shared::staff::Role;
use accord_shared::wire::{PublicActor, PublicDetail, PublicEvent, StaffEvent};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::sync::Arc;

/// Who acted, as the reader may know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    Resident,
    Staff {
        role: Role,
        username: Option<String>,
    },
    /// A community volunteer with a link; named for staff, not for residents.
    Volunteer {
        name: Option<String>,
    },
    System,
}

/// The details of a change (handlers, outcome, referral…) in the reader's language.
pub type DetailText = Arc<dyn Fn(Lang) -> String + Send + Sync>;

/// One entry, in the order the caller wants them shown.
#[derive(Clone)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub who: Who,
    pub kind: EventKind,
    pub from: Option<CaseStatus>,
    pub to: Option<CaseStatus>,
    pub note: Option<String>,
    /// A note the product wrote, worded in the reader's language.
    pub note_code: Option<NoteCode>,
    pub internal: bool,
    pub detail: Option<DetailText>,
}

/// What a resident may read of a change, in plain words.
pub fn public_detail_text(detail: &PublicDetail, lang: Lang) -> String {
    match detail {
        PublicDetail::Rejected {
            reason,
            redirect_to,
        } => format!(
            "{}: {reason}\n{}: {redirect_to}",
            Msg::RejectionLabel.text(lang),
            Msg::RedirectLabel.text(lang)
        ),
        PublicDetail::Handlers { roles } => {
            let names: Vec<&str> = roles.iter().map(|r| role_msg(*r).text(lang)).collect();
            let separator = if lang == Lang::Zh { "、" } else { ", " };
            MsgX::HandledByRoles.with(lang, &names.join(separator))
        }
        PublicDetail::Resolved { outcome } => outcome_msg(*outcome).text(lang).to_owned(),
        PublicDetail::Referred {
            target,
            receiving_body,
        } => format!(
            "{}: {} · {receiving_body}",
            Msg::ReferralLabel.text(lang),
            referral_msg(*target).text(lang)
        ),
        PublicDetail::Feedback {
            confirmed,
            satisfaction,
        } => format!(
            "{} · {}",
            if *confirmed {
                Msg::FeedbackSettledYes.text(lang)
            } else {
                Msg::FeedbackSettledNo.text(lang)
            },
            MsgN::SatisfactionOf.with(lang, usize::from(*satisfaction))
        ),
    }
}

impl Who {
    /// A role for residents; a username and role for staff.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Who::Resident => Msg::ActorResident.text(lang).to_owned(),
            Who::Volunteer { name: Some(name) } => {
                format!("{name} · {}", Msg::ActorVolunteer.text(lang))
            }
            Who::Volunteer { name: None } => Msg::ActorVolunteer.text(lang).to_owned(),
            Who::System => Msg::ActorSystem.text(lang).to_owned(),
            Who::Staff {
                role,
                username: Some(name),
            } => format!("{} · {}", staff_name(name), role_msg(*role).text(lang)),
            Who::Staff {
                role,
                username: None,
            } => role_msg(*role).text(lang).to_owned(),
        }
    }
}

impl From<&Actor> for Who {
    fn from(actor: &Actor) -> Self {
        match actor {
            Actor::Resident => Who::Resident,
            Actor::Staff { username, role } => Who::Staff {
                role: *role,
                username: Some(username.clone()),
            },
            Actor::Volunteer { name, .. } => Who::Volunteer {
                name: Some(name.clone()),
            },
            Actor::System => Who::System,
        }
    }
}

impl From<&PublicEvent> for TimelineEntry {
    fn from(event: &PublicEvent) -> Self {
        let who = match event.actor {
            PublicActor::Resident => Who::Resident,
            PublicActor::Staff(role) => Who::Staff {
                role,
                username: None,
            },
            PublicActor::Volunteer => Who::Volunteer { name: None },
            PublicActor::System => Who::System,
        };
        TimelineEntry {
            at: event.at,
            who,
            kind: event.kind,
            from: event.from,
            to: event.to,
            note: event.note.clone(),
            note_code: event.note_code,
            internal: false,
            detail: event.detail.clone().map(|detail| {
                Arc::new(move |lang| public_detail_text(&detail, lang)) as DetailText
            }),
        }
    }
}

impl From<&StaffEvent> for TimelineEntry {
    fn from(event: &StaffEvent) -> Self {
        TimelineEntry {
            at: event.at,
            who: Who::from(&event.actor),
            kind: event.kind,
            from: event.from,
            to: event.to,
            note: event.note.clone(),
            note_code: event.note_code,
            internal: event.visibility == Visibility::Internal,
            detail: None,
        }
    }
}

/// `lang`, when given, words the entries in it rather than in the reader's language (a
/// printed record in the language chosen for it).
#[component]
pub fn Timeline(
    entries: Vec<TimelineEntry>,
    #[prop(optional, into)] lang: Option<Signal<Lang>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang_now = move || lang.map_or_else(|| i18n.lang(), |lang| lang.get());
    let items = entries
        .into_iter()
        .map(|entry| {
            let at = entry.at;
            let when = move || format_when(at, lang_now());
            let who = entry.who.clone();
            let who_text = move || who.text(lang_now());
            let (kind, from, to) = (entry.kind, entry.from, entry.to);
            let what = move || {
                let lang = lang_now();
                let event = event_msg(kind).text(lang);
                match (from, to) {
                    // A change of status says where the case went, unless the event's own
                    // name already says it.
                    (Some(from), Some(to)) if from != to && event != status_msg(to).text(lang) => {
                        format!("{event} · {}{}", Msg::EventStatusChanged.text(lang), status_msg(to).text(lang))
                    }
                    _ => event.to_owned(),
                }
            };
            let internal = entry.internal.then(|| {
                view! { <span class="badge-internal">{move || Msg::StaffOnly.text(lang_now())}</span> }
            });
            // A note is the writer's words, or a code the product wrote, worded in the language
            // in force when the timeline is drawn (the pages that show one redraw it when the
            // reader switches language).
            let note = match (entry.note, entry.note_code) {
                (Some(note), _) => Some(note),
                (None, Some(code)) => Some(note_msg(code).text(lang_now()).to_owned()),
                (None, None) => None,
            }
            .map(|note| view! { <p class="timeline-note">{note}</p> });
            let detail = entry.detail.map(|detail| {
                view! { <p class="timeline-detail">{move || detail(lang_now())}</p> }
            });
            view! {
                <li class="timeline-item">
                    <p class="timeline-what">
                        <strong>{what}</strong>
                        " "
                        {internal}
                    </p>
                    <p class="timeline-meta">
                        <span>{who_text}</span>
                        " · "
                        <time>{when}</time>
                    </p>
                    {detail}
                    {note}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="timeline">{items}</ol> }
}
