//! The filing's fields as staff and volunteers fill them in for a resident: kind, category,
//! what happened, since when and with whom (disputes), where, and who. One signal per field; the
//! element ids start with the form's own prefix (`i-` on the staff intake, `w-` on the
//! volunteer's), so two forms never share an id and the server's field names find their control.

use crate::common::directory_state::{grid_options, use_directory, OptionGroups};
use crate::common::form_kit::FieldErrors;
use crate::common::question_fields::QuestionFields;
use crate::common::staff_fields::{InputKind, RadioGroup, Select, TextArea, TextInput};
use crate::i18n::staff::{Said, StaffMsg};
use crate::i18n::{use_i18n, Msg};
use accord_shared::directory::CaseKind;
use accord_shared::questions::ANSWER_FIELDS;
use accord_shared::wire::FileCaseRequest;
use leptos::prelude::*;
use std::cell::RefCell;

/// The filing's fields as the server names them.
const FIELDS: [&str; 10] = [
    "kind",
    "category",
    "description",
    "conflict_since",
    "respondent_name",
    "community",
    "grid",
    "address",
    "name",
    "phone",
];

thread_local! {
    /// Ids made so far, `(prefix, field, id)`: at most one per prefix and field.
    static IDS: RefCell<Vec<(&'static str, &'static str, &'static str)>> = const { RefCell::new(Vec::new()) };
}

/// The element id of `field` on the form whose ids start with `prefix`.
fn id_of(prefix: &'static str, field: &'static str) -> &'static str {
    IDS.with_borrow_mut(|ids| {
        if let Some((_, _, id)) = ids.iter().find(|(p, f, _)| *p == prefix && *f == field) {
            return *id;
        }
        let id: &'static str = format!("{prefix}{field}").leak();
        ids.push((prefix, field, id));
        id
    })
}

/// The id of the control for a filing field the server named, on the form with `prefix`
/// (an answer to an extra question too: `answers.0`).
pub fn filing_field_id(prefix: &'static str, field: &str) -> Option<&'static str> {
    FIELDS
        .iter()
        .chain(ANSWER_FIELDS.iter())
        .find(|known| **known == field)
        .map(|known| id_of(prefix, known))
}

/// What has been typed for the filing so far.
#[derive(Debug, Clone, Copy)]
pub struct FilingDraft {
    /// `"dispute"` or `"hazard"` once chosen.
    pub kind: RwSignal<Option<&'static str>>,
    pub category: RwSignal<String>,
    pub description: RwSignal<String>,
    /// `YYYY-MM` from the month picker, disputes only.
    pub conflict_since: RwSignal<String>,
    pub respondent_name: RwSignal<String>,
    pub community: RwSignal<String>,
    pub grid: RwSignal<String>,
    pub address: RwSignal<String>,
    pub name: RwSignal<String>,
    pub phone: RwSignal<String>,
    /// The answers to the category's extra questions (see `answers_text`).
    pub answers: RwSignal<String>,
}

impl FilingDraft {
    /// An empty filing in `community` (empty while the user has yet to choose one).
    pub fn new(community: String) -> FilingDraft {
        let empty = || RwSignal::new(String::new());
        FilingDraft {
            kind: RwSignal::new(None),
            category: empty(),
            description: empty(),
            conflict_since: empty(),
            respondent_name: empty(),
            community: RwSignal::new(community),
            grid: empty(),
            address: empty(),
            name: empty(),
            phone: empty(),
            answers: empty(),
        }
    }

    /// The filing as it stands, trimmed; the dispute-only fields are left out of a hazard.
    pub fn request(self) -> FileCaseRequest {
        let kind = self.kind.get_untracked().unwrap_or_default();
        let dispute = kind == "dispute";
        let text = |s: RwSignal<String>| s.get_untracked().trim().to_owned();
        let dispute_only = |s: RwSignal<String>| Some(text(s)).filter(|t| dispute && !t.is_empty());
        FileCaseRequest {
            kind: kind.to_owned(),
            category: text(self.category),
            description: text(self.description),
            respondent_name: dispute_only(self.respondent_name),
            community: text(self.community),
            grid: text(self.grid),
            address: text(self.address),
            name: text(self.name),
            phone: text(self.phone),
            conflict_since: dispute_only(self.conflict_since),
            answers: crate::common::answers_text::decode(&self.answers.get_untracked()),
            location: None,
        }
    }

    /// Empties the filing for the next matter; the community and grid stay as chosen.
    pub fn clear(self) {
        for field in [
            self.category,
            self.description,
            self.conflict_since,
            self.respondent_name,
            self.address,
            self.name,
            self.phone,
            self.answers,
        ] {
            field.set(String::new());
        }
        self.kind.set(None);
    }
}

/// The filing's controls, with ids `{prefix}kind`, `{prefix}category` and so on, each showing
/// the error `errors` holds for it.
#[component]
pub fn FilingFields(
    draft: FilingDraft,
    /// What every element id starts with, e.g. `"i-"`.
    prefix: &'static str,
    errors: FieldErrors,
    /// The communities the user may file in, under their street; without them the draft's
    /// community is fixed and no control is shown for it.
    #[prop(optional, into)]
    communities: Option<Signal<OptionGroups>>,
    /// Help under the resident's name.
    #[prop(optional, into)]
    name_help: Option<Said>,
) -> impl IntoView {
    let i18n = use_i18n();
    let directory = use_directory();
    let id = move |field| id_of(prefix, field);
    let error_of = move |field| errors.of(id(field));
    let changed = Callback::new(move |_| errors.clear());
    let categories = Signal::derive(move || {
        let lang = i18n.lang();
        let wanted = match draft.kind.get() {
            Some("dispute") => CaseKind::Dispute,
            Some(_) => CaseKind::Hazard,
            None => return Vec::new(),
        };
        let community = draft.community.get();
        match directory.0.get() {
            // Only what the community's street offers, once a community is chosen.
            Some(Ok(dir)) => dir
                .categories_of(wanted)
                .filter(|c| {
                    dir.community(&community)
                        .is_none_or(|at| dir.category_offered(&c.id, at))
                })
                .map(|c| (c.id.clone(), lang.pick(&c.name)))
                .collect(),
            _ => Vec::new(),
        }
    });
    let grids = Signal::derive(move || {
        let lang = i18n.lang();
        let chosen = draft.community.get();
        match directory.0.get() {
            Some(Ok(dir)) => grid_options(&dir, &chosen, lang),
            _ => Vec::new(),
        }
    });
    let community = communities.map(|options| {
        view! {
            <Select id=id("community") label=Msg::CommunityLabel value=draft.community groups=options error=error_of("community") placeholder=Msg::ChooseOne on_change=Callback::new(move |_| {
                draft.grid.set(String::new());
                errors.clear();
            }) />
        }
    });
    let (since_id, respondent_id) = (id("conflict_since"), id("respondent_name"));
    let questions = Signal::derive(move || {
        let category = draft.category.get();
        match directory.0.get() {
            Some(Ok(dir)) => dir
                .category(&category)
                .map(|c| c.questions.clone())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    });
    let answer_error = Callback::new(move |n: usize| errors.of(id(ANSWER_FIELDS[n])).get());
    view! {
        <RadioGroup
            id=id("kind")
            legend=Msg::KindLegend
            choices=vec![("dispute", Msg::KindDispute.into()), ("hazard", Msg::KindHazard.into())]
            value=draft.kind
            error=error_of("kind")
            on_change=Callback::new(move |_| {
                draft.category.set(String::new());
                errors.clear();
            })
        />
        <Select id=id("category") label=Msg::CategoryLabel value=draft.category options=categories error=error_of("category") placeholder=Msg::ChooseOne on_change=changed />
        <TextArea id=id("description") label=Msg::DescriptionLabel help=Msg::DescriptionHelp value=draft.description error=error_of("description") rows=5 on_change=changed />
        <QuestionFields prefix=prefix questions=questions answers=draft.answers error=answer_error on_change=Callback::new(move |_| errors.clear()) />
        <Show when=move || draft.kind.get() == Some("dispute")>
            <TextInput id=since_id label=Msg::ConflictSinceLabel help=Msg::ConflictSinceHelp value=draft.conflict_since error=errors.of(since_id) kind=InputKind::Month on_change=changed />
            <TextInput id=respondent_id label=Msg::RespondentLabel value=draft.respondent_name error=errors.of(respondent_id) on_change=changed />
        </Show>
        {community}
        <Select id=id("grid") label=Msg::GridLabel value=draft.grid options=grids error=error_of("grid") placeholder=Msg::ChooseOne on_change=changed />
        <TextInput id=id("address") label=Msg::AddressLabel help=Msg::AddressHelp value=draft.address error=error_of("address") on_change=changed />
        {match name_help {
            Some(help) => view! { <TextInput id=id("name") label=StaffMsg::ApplicantName help=help value=draft.name error=error_of("name") on_change=changed /> }.into_any(),
            None => view! { <TextInput id=id("name") label=StaffMsg::ApplicantName value=draft.name error=error_of("name") on_change=changed /> }.into_any(),
        }}
        <TextInput id=id("phone") label=StaffMsg::ApplicantPhone help=Msg::PhoneHelp value=draft.phone error=error_of("phone") kind=InputKind::Tel on_change=changed />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_field_finds_its_control_under_the_forms_prefix() {
        assert_eq!(filing_field_id("i-", "grid"), Some("i-grid"));
        assert_eq!(
            filing_field_id("w-", "respondent_name"),
            Some("w-respondent_name")
        );
        assert_eq!(filing_field_id("i-", "channel"), None);
        assert_eq!(filing_field_id("i-", "answers.2"), Some("i-answers.2"));
        // The same id every time, made once.
        let first = filing_field_id("w-", "phone").unwrap();
        assert!(std::ptr::eq(first, filing_field_id("w-", "phone").unwrap()));
    }
}
