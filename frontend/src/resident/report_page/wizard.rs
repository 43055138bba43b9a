//! The filing wizard's rules, free of the browser: which step holds which field, and each
//! step checked with the same functions the server uses.

use accord_shared::directory::{CaseKind, Directory};
use accord_shared::fields::{
    Address, Description, FieldError, FieldProblem, PartyName, PhoneNumber,
};
use accord_shared::intake::{self, FILING_FIELDS};
use accord_shared::questions::{parse_answers, ANSWER_FIELDS, MAX_TEXT_ANSWER_CHARS};
use accord_shared::wire::FileCaseRequest;

/// The five steps of filing, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Kind,
    What,
    Where,
    Contact,
    Review,
}

pub const STEP_COUNT: usize = 5;

impl Step {
    pub fn number(self) -> usize {
        match self {
            Step::Kind => 1,
            Step::What => 2,
            Step::Where => 3,
            Step::Contact => 4,
            Step::Review => 5,
        }
    }

    pub fn next(self) -> Step {
        match self {
            Step::Kind => Step::What,
            Step::What => Step::Where,
            Step::Where => Step::Contact,
            Step::Contact | Step::Review => Step::Review,
        }
    }

    pub fn previous(self) -> Step {
        match self {
            Step::Kind | Step::What => Step::Kind,
            Step::Where => Step::What,
            Step::Contact => Step::Where,
            Step::Review => Step::Contact,
        }
    }

    /// The step's name in the address (`/report?step=what`); the first step has none.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Kind => "kind",
            Step::What => "what",
            Step::Where => "where",
            Step::Contact => "contact",
            Step::Review => "review",
        }
    }

    /// The step an address names; the first step for none or an unknown name.
    pub fn from_slug(slug: Option<&str>) -> Step {
        [Step::What, Step::Where, Step::Contact, Step::Review]
            .into_iter()
            .find(|step| Some(step.slug()) == slug)
            .unwrap_or(Step::Kind)
    }

    /// The address of the step.
    pub fn url(self) -> String {
        match self {
            Step::Kind => "/report".to_owned(),
            step => format!("/report?step={}", step.slug()),
        }
    }

    /// The steps before this one.
    pub fn earlier(self) -> impl Iterator<Item = Step> {
        [Step::Kind, Step::What, Step::Where, Step::Contact]
            .into_iter()
            .take(self.number() - 1)
    }

    /// The step where the resident fills in a field.
    pub fn of_field(field: &str) -> Step {
        match field {
            "kind" | "category" => Step::Kind,
            "description" | "respondent_name" | "conflict_since" => Step::What,
            answer if answer.starts_with("answers.") => Step::What,
            "community" | "grid" | "address" | "location.lat" | "location.lon" => Step::Where,
            "name" | "phone" => Step::Contact,
            _ => Step::Review,
        }
    }
}

/// The request as it will be sent: the respondent's name only for a dispute, and only if given.
pub fn normalise(mut request: FileCaseRequest) -> FileCaseRequest {
    let keep_respondent = request.kind == "dispute"
        && request
            .respondent_name
            .as_deref()
            .is_some_and(|name| !name.trim().is_empty());
    if !keep_respondent {
        request.respondent_name = None;
    }
    let keep_since = request.kind == "dispute"
        && request
            .conflict_since
            .as_deref()
            .is_some_and(|since| !since.trim().is_empty());
    if !keep_since {
        request.conflict_since = None;
    }
    request
}

/// Every problem of one step (the review step checks them all), in form order.
pub fn step_errors(step: Step, request: &FileCaseRequest, dir: &Directory) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match step {
        Step::Kind => match intake::parse_kind("kind", &request.kind) {
            Err(err) => errors.push(err),
            Ok(kind) => errors.extend(intake::check_category(dir, kind, &request.category).err()),
        },
        Step::What => {
            errors.extend(Description::parse("description", &request.description).err());
            if let Some(category) = dir.category(&request.category) {
                errors.extend(parse_answers(&category.questions, &request.answers).err());
            }
            let is_dispute =
                intake::parse_kind("kind", &request.kind).ok() == Some(CaseKind::Dispute);
            if let Some(name) = request.respondent_name.as_deref() {
                if is_dispute && !name.trim().is_empty() {
                    errors.extend(PartyName::parse("respondent_name", name).err());
                }
            }
        }
        Step::Where => {
            errors.extend(intake::check_place(dir, &request.community, &request.grid).err());
            errors.extend(Address::parse("address", &request.address).err());
            if let Some(point) = &request.location {
                errors.extend(accord_shared::geo::GeoPoint::parse(point).err());
            }
        }
        Step::Contact => {
            errors.extend(PartyName::parse("name", &request.name).err());
            errors.extend(PhoneNumber::parse("phone", &request.phone).err());
        }
        Step::Review => {
            for step in [Step::Kind, Step::What, Step::Where, Step::Contact] {
                errors.extend(step_errors(step, request, dir));
            }
        }
    }
    errors
}

/// A field error the server sent (`field`, `code`), if it names a filing field.
pub fn server_field_error(field: &str, code: &str) -> Option<FieldError> {
    let field = FILING_FIELDS
        .iter()
        .chain(ANSWER_FIELDS.iter())
        .chain(["location.lat", "location.lon"].iter())
        .copied()
        .find(|known| *known == field)?;
    let (min, max) = match field {
        "description" => (Description::MIN_CHARS, Description::MAX_CHARS),
        answer if answer.starts_with("answers.") => (0, MAX_TEXT_ANSWER_CHARS),
        "address" => (Address::MIN_CHARS, Address::MAX_CHARS),
        _ => (PartyName::MIN_CHARS, PartyName::MAX_CHARS),
    };
    let problem = match FieldProblem::from_code(code) {
        Some(FieldProblem::TooShort { .. }) => FieldProblem::TooShort { min },
        Some(FieldProblem::TooLong { .. }) => FieldProblem::TooLong { max },
        Some(problem) => problem,
        None => FieldProblem::InvalidFormat,
    };
    Some(FieldError::new(field, problem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_has_an_address_that_names_it_back() {
        for step in [
            Step::Kind,
            Step::What,
            Step::Where,
            Step::Contact,
            Step::Review,
        ] {
            let url = step.url();
            let slug = url.split_once("?step=").map(|(_, slug)| slug);
            assert_eq!(Step::from_slug(slug), step, "{url}");
            assert_eq!(step.earlier().count(), step.number() - 1);
        }
        assert_eq!(Step::Kind.url(), "/report");
        assert_eq!(Step::from_slug(Some("nonsense")), Step::Kind);
    }
    use accord_shared::demo::demo_directory;

    fn good() -> FileCaseRequest {
        let dir = demo_directory();
        let community = &dir.communities[0];
        let category = dir.categories_of(CaseKind::Dispute).next().unwrap();
        FileCaseRequest {
            kind: "dispute".into(),
            category: category.id.clone(),
            description: "楼上每晚装修，噪音很大".into(),
            respondent_name: Some("刘先生".into()),
            community: community.id.clone(),
            grid: community.grids[0].id.clone(),
            address: "中华路12号3单元501".into(),
            name: "张三".into(),
            phone: "138 1234 5678".into(),
            conflict_since: None,
            answers: Default::default(),
            location: None,
        }
    }

    #[test]
    fn a_complete_filing_passes_every_step_and_the_server_rules() {
        let dir = demo_directory();
        let request = normalise(good());
        assert!(step_errors(Step::Review, &request, &dir).is_empty());
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert!(intake::validate_filing(&dir, &request, today).is_ok());
    }

    #[test]
    fn each_step_reports_only_its_own_fields() {
        let dir = demo_directory();
        let empty = FileCaseRequest::default();
        let fields = |step| -> Vec<&str> {
            step_errors(step, &empty, &dir)
                .iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(fields(Step::Kind), ["kind"]);
        assert_eq!(fields(Step::What), ["description"]);
        assert_eq!(fields(Step::Where), ["community", "address"]);
        assert_eq!(fields(Step::Contact), ["name", "phone"]);
        for error in step_errors(Step::Review, &empty, &dir) {
            assert_ne!(Step::of_field(error.field), Step::Review);
        }
    }

    #[test]
    fn the_what_step_checks_the_categorys_questions() {
        let mut dir = demo_directory();
        let fire = dir
            .categories
            .iter_mut()
            .find(|c| c.id == "fire_escape")
            .unwrap();
        fire.questions[0].required = true;
        let mut request = good();
        request.kind = "hazard".into();
        request.category = "fire_escape".into();
        let fields = |request: &FileCaseRequest| -> Vec<&str> {
            step_errors(Step::What, request, &dir)
                .iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(fields(&request), ["answers.0"]);
        request.answers.insert("in_danger".into(), "no".into());
        assert!(fields(&request).is_empty());
    }

    #[test]
    fn a_hazard_is_sent_without_a_respondent() {
        let mut request = good();
        request.kind = "hazard".into();
        assert_eq!(normalise(request).respondent_name, None);
        let mut blank = good();
        blank.respondent_name = Some("  ".into());
        assert_eq!(normalise(blank).respondent_name, None);
    }

    #[test]
    fn server_errors_name_a_filing_field_and_their_limits() {
        assert_eq!(
            server_field_error("description", "too_short"),
            Some(FieldError::new(
                "description",
                FieldProblem::TooShort {
                    min: Description::MIN_CHARS
                }
            ))
        );
        assert_eq!(
            server_field_error("phone", "invalid_phone").map(|e| Step::of_field(e.field)),
            Some(Step::Contact)
        );
        assert_eq!(server_field_error("idempotency_key", "required"), None);
        assert_eq!(
            server_field_error("answers.1", "invalid_format").map(|e| Step::of_field(e.field)),
            Some(Step::What)
        );
        assert_eq!(server_field_error("answers.9", "required"), None);
    }

    #[test]
    fn steps_go_forward_and_back_in_order() {
        let mut step = Step::Kind;
        for expected in 2..=STEP_COUNT {
            step = step.next();
            assert_eq!(step.number(), expected);
        }
        assert_eq!(step.previous(), Step::Contact);
    }
}
