//! Filing: a raw request from the wire becomes a validated filing, or the first rejected field.
//!
//! The two filing requests are defined here, below the case, because parsing them is this
//! module's whole job; `wire` re-exports them as part of the API contract.

use crate::directory::Directory;
use crate::fields::{Address, Description, FieldError, FieldProblem, PartyName, PhoneNumber};
use crate::geo::{GeoPoint, RawPoint};
use crate::questions::{parse_answers, Answer};
use crate::risk::RiskFactors;
use crate::vocabulary::{CaseKind, Channel, Party, PartyRole};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `POST /api/cases`: a resident's filing. Every field is text so that a wrong value gets an
/// error naming its field rather than a parse failure of the whole body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileCaseRequest {
    pub kind: String,
    pub category: String,
    pub description: String,
    pub respondent_name: Option<String>,
    pub community: String,
    pub grid: String,
    pub address: String,
    pub name: String,
    pub phone: String,
    /// When the conflict began (`2024-03-15` or `2024-03`), if known.
    pub conflict_since: Option<String>,
    /// Answers to the category's extra questions, as text by question id (`yes`/`no`, a
    /// choice's id, a number, words); an error names the question by its place, `answers.0`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, String>,
    /// Where the matter is, only when the reporter chose to share it ("use my location", or
    /// typed): whole micro-degrees or decimal strings of degrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<RawPoint>,
}

/// `POST /api/staff/intake`: a matter recorded by staff (walk-in, hotline, grid patrol,
/// referral in). The resident still gets a code and a secret, printed on a slip.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaffIntakeRequest {
    pub channel: String,
    #[serde(flatten)]
    pub filing: FileCaseRequest,
    pub risk_factors: RiskFactors,
}

/// A filing whose every field was checked against the rules and the street directory.
/// Serializable so the Worker can hand it to the community's Durable Object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidFiling {
    pub kind: CaseKind,
    pub category: String,
    pub description: Description,
    pub community: String,
    pub grid: String,
    pub address: Address,
    /// The person who brought the matter; a hazard found on patrol may have none.
    pub applicant: Option<Party>,
    pub respondent_name: Option<PartyName>,
    pub conflict_since: Option<NaiveDate>,
    pub risk_factors: RiskFactors,
    /// The answers to the category's questions, each with the question as asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<Answer>,
    /// The version of the category's questions the answers were given to.
    #[serde(default)]
    pub questions_version: u32,
    /// The point the reporter shared, if they chose to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<GeoPoint>,
}

/// Fields in the order the resident meets them, so the first error is the first one to fix.
pub const FILING_FIELDS: [&str; 10] = [
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

pub fn parse_kind(field: &'static str, raw: &str) -> Result<CaseKind, FieldError> {
    match raw.trim() {
        "" => Err(FieldError::new(field, FieldProblem::Required)),
        "dispute" => Ok(CaseKind::Dispute),
        "hazard" => Ok(CaseKind::Hazard),
        _ => Err(FieldError::new(field, FieldProblem::InvalidFormat)),
    }
}

/// Checks a category id against the directory and the kind of matter.
pub fn check_category(dir: &Directory, kind: CaseKind, raw: &str) -> Result<String, FieldError> {
    let field = "category";
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, FieldProblem::Required));
    }
    let category = dir
        .category(raw)
        .ok_or_else(|| FieldError::new(field, FieldProblem::UnknownCategory))?;
    if category.kind != kind {
        return Err(FieldError::new(field, FieldProblem::CategoryKindMismatch));
    }
    Ok(category.id.clone())
}

/// Checks a community and grid pair against the directory.
pub fn check_place(
    dir: &Directory,
    community: &str,
    grid: &str,
) -> Result<(String, String), FieldError> {
    let community = community.trim();
    if community.is_empty() {
        return Err(FieldError::new("community", FieldProblem::Required));
    }
    let found = dir
        .community(community)
        .ok_or_else(|| FieldError::new("community", FieldProblem::UnknownCommunity))?;
    let grid = grid.trim();
    if grid.is_empty() {
        return Err(FieldError::new("grid", FieldProblem::Required));
    }
    let grid = found
        .grid(grid)
        .ok_or_else(|| FieldError::new("grid", FieldProblem::UnknownGrid))?;
    Ok((found.id.clone(), grid.id.clone()))
}

/// When the conflict began: `2024-03-15`, or `2024-03` for "some time that month"; never
/// after `today`. Empty means unknown.
pub fn parse_conflict_since(
    raw: Option<&str>,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, FieldError> {
    let field = "conflict_since";
    let raw = raw.map(str::trim).unwrap_or_default();
    if raw.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&format!("{raw}-01"), "%Y-%m-%d"))
        .map_err(|_| FieldError::new(field, FieldProblem::InvalidFormat))?;
    if date > today || date.year() < 1950 {
        return Err(FieldError::new(field, FieldProblem::InvalidFormat));
    }
    Ok(Some(date))
}

fn optional_respondent(raw: Option<&str>) -> Result<Option<PartyName>, FieldError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(None),
        Some(raw) => PartyName::parse("respondent_name", raw).map(Some),
    }
}

fn applicant(name: &str, phone: &str) -> Result<Party, FieldError> {
    Ok(Party {
        role: PartyRole::Applicant,
        name: PartyName::parse("name", name)?,
        phone: Some(PhoneNumber::parse("phone", phone)?),
    })
}

/// Validates the fields of a filing in form order. `applicant_optional` says, for the kind
/// of matter, whether it may come with nobody's name and phone.
fn validate_matter(
    dir: &Directory,
    req: &FileCaseRequest,
    today: NaiveDate,
    applicant_optional: impl Fn(CaseKind) -> bool,
) -> Result<ValidFiling, FieldError> {
    let kind = parse_kind("kind", &req.kind)?;
    let category = check_category(dir, kind, &req.category)?;
    let description = Description::parse("description", &req.description)?;
    let conflict_since = parse_conflict_since(req.conflict_since.as_deref(), today)?;
    let respondent_name = optional_respondent(req.respondent_name.as_deref())?;
    let asked = dir.category(&category);
    let answers = parse_answers(asked.map_or(&[][..], |c| &c.questions), &req.answers)?;
    let questions_version = asked.map_or(0, |c| c.questions_version);
    let (community, grid) = check_place(dir, &req.community, &req.grid)?;
    // A street may offer only some of the district's categories.
    if !dir
        .community(&community)
        .is_some_and(|c| dir.category_offered(&category, c))
    {
        return Err(FieldError::new("category", FieldProblem::UnknownCategory));
    }
    let address = Address::parse("address", &req.address)?;
    let location = req.location.as_ref().map(GeoPoint::parse).transpose()?;
    let nobody = req.name.trim().is_empty() && req.phone.trim().is_empty();
    let applicant = if nobody && applicant_optional(kind) {
        None
    } else {
        Some(applicant(&req.name, &req.phone)?)
    };
    Ok(ValidFiling {
        kind,
        category,
        description,
        community,
        grid,
        address,
        applicant,
        respondent_name,
        conflict_since,
        risk_factors: RiskFactors::default(),
        answers,
        questions_version,
        location,
    })
}

/// Validates a resident's filing; returns the first rejected field in form order.
pub fn validate_filing(
    dir: &Directory,
    req: &FileCaseRequest,
    today: NaiveDate,
) -> Result<ValidFiling, FieldError> {
    validate_matter(dir, req, today, |_| false)
}

/// Validates a matter recorded by staff: a walk-in or hotline case on a resident's behalf
/// (name and phone required), or a matter found on grid patrol (a hazard may have no resident
/// party at all).
pub fn validate_staff_intake(
    dir: &Directory,
    req: &StaffIntakeRequest,
    today: NaiveDate,
) -> Result<(ValidFiling, Channel), FieldError> {
    let channel = match req.channel.trim() {
        "" => return Err(FieldError::new("channel", FieldProblem::Required)),
        "walk_in" => Channel::WalkIn,
        "hotline" => Channel::Hotline,
        "grid_patrol" => Channel::GridPatrol,
        "referral_in" => Channel::ReferralIn,
        _ => return Err(FieldError::new("channel", FieldProblem::InvalidFormat)),
    };
    let patrol = channel == Channel::GridPatrol;
    let mut filing = validate_matter(dir, &req.filing, today, |kind| {
        patrol && kind == CaseKind::Hazard
    })?;
    filing.risk_factors = req.risk_factors.clone();
    Ok((filing, channel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_directory;

    fn good() -> FileCaseRequest {
        FileCaseRequest {
            kind: "dispute".into(),
            category: "neighbours".into(),
            description: "楼上每晚十二点后装修，噪音很大".into(),
            respondent_name: Some("刘先生".into()),
            community: "zh01".into(),
            grid: "zh01-g2".into(),
            address: "中华路12号3单元501".into(),
            name: "张三".into(),
            phone: "138 1234 5678".into(),
            conflict_since: Some("2023-05".into()),
            answers: Default::default(),
            location: None,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    #[test]
    fn a_complete_filing_is_valid_and_normalised() {
        let filing = validate_filing(&demo_directory(), &good(), today()).unwrap();
        assert_eq!(
            filing.applicant.unwrap().phone.unwrap().as_str(),
            "13812345678"
        );
        assert_eq!(filing.conflict_since, NaiveDate::from_ymd_opt(2023, 5, 1));
        assert_eq!(filing.respondent_name.unwrap().as_str(), "刘先生");
    }

    #[test]
    fn each_bad_field_is_named() {
        let dir = demo_directory();
        type Breakage = (fn(&mut FileCaseRequest), &'static str, FieldProblem);
        let cases: Vec<Breakage> = vec![
            (
                |r| r.kind = "riot".into(),
                "kind",
                FieldProblem::InvalidFormat,
            ),
            (
                |r| r.category = "fire_escape".into(),
                "category",
                FieldProblem::CategoryKindMismatch,
            ),
            (
                |r| r.category = "nope".into(),
                "category",
                FieldProblem::UnknownCategory,
            ),
            (
                |r| r.description = "   ".into(),
                "description",
                FieldProblem::Required,
            ),
            (
                |r| r.community = "zh99".into(),
                "community",
                FieldProblem::UnknownCommunity,
            ),
            (
                |r| r.grid = "zh02-g1".into(),
                "grid",
                FieldProblem::UnknownGrid,
            ),
            (|r| r.address = "".into(), "address", FieldProblem::Required),
            (|r| r.name = "".into(), "name", FieldProblem::Required),
            (
                |r| r.phone = "12345".into(),
                "phone",
                FieldProblem::InvalidPhone,
            ),
        ];
        for (break_it, field, problem) in cases {
            let mut req = good();
            break_it(&mut req);
            let err = validate_filing(&dir, &req, today()).unwrap_err();
            assert_eq!((err.field, err.problem), (field, problem));
        }
    }

    #[test]
    fn a_shared_location_is_kept_and_a_wrong_one_named() {
        let dir = demo_directory();
        let mut req = good();
        assert_eq!(validate_filing(&dir, &req, today()).unwrap().location, None);
        req.location = Some(RawPoint {
            lat_e6: Some(38_950_000),
            lon_e6: Some(121_560_000),
            ..RawPoint::default()
        });
        let at = validate_filing(&dir, &req, today())
            .unwrap()
            .location
            .unwrap();
        assert_eq!(
            (at.lat_text(), at.lon_text()),
            ("38.950000".into(), "121.560000".into())
        );
        let body: FileCaseRequest =
            serde_json::from_str(r#"{"location":{"lat":"38.95","lon":"121.56"}}"#).unwrap();
        assert_eq!(
            GeoPoint::parse(body.location.as_ref().unwrap()).unwrap(),
            at
        );
        for (lat, lon, field) in [
            ("91", "121", "location.lat"),
            ("38.9", "1e2", "location.lon"),
            ("NaN", "121", "location.lat"),
        ] {
            req.location = Some(RawPoint {
                lat: Some(lat.into()),
                lon: Some(lon.into()),
                ..RawPoint::default()
            });
            let err = validate_filing(&dir, &req, today()).unwrap_err();
            assert_eq!(
                (err.field, err.problem),
                (field, FieldProblem::InvalidFormat)
            );
        }
        // A number that is not whole micro-degrees is not read at all.
        assert!(
            serde_json::from_str::<FileCaseRequest>(r#"{"location":{"lat_e6":38.5}}"#).is_err()
        );
    }

    #[test]
    fn an_empty_respondent_name_means_none() {
        let mut req = good();
        req.respondent_name = Some("  ".into());
        assert!(validate_filing(&demo_directory(), &req, today())
            .unwrap()
            .respondent_name
            .is_none());
    }

    #[test]
    fn a_hazard_found_on_patrol_needs_no_resident_but_a_walk_in_does() {
        let dir = demo_directory();
        let mut hazard = good();
        hazard.kind = "hazard".into();
        hazard.category = "fire_escape".into();
        hazard.name = String::new();
        hazard.phone = String::new();
        let patrol = StaffIntakeRequest {
            channel: "grid_patrol".into(),
            filing: hazard.clone(),
            risk_factors: RiskFactors::default(),
        };
        let (filing, channel) = validate_staff_intake(&dir, &patrol, today()).unwrap();
        assert_eq!(channel, Channel::GridPatrol);
        assert!(filing.applicant.is_none());
        let walk_in = StaffIntakeRequest {
            channel: "walk_in".into(),
            ..patrol
        };
        assert_eq!(
            validate_staff_intake(&dir, &walk_in, today())
                .unwrap_err()
                .field,
            "name"
        );
        let web = StaffIntakeRequest {
            channel: "web".into(),
            filing: hazard,
            risk_factors: RiskFactors::default(),
        };
        assert_eq!(
            validate_staff_intake(&dir, &web, today())
                .unwrap_err()
                .field,
            "channel"
        );
    }

    #[test]
    fn a_category_the_street_does_not_offer_is_refused_there_only() {
        let mut dir = demo_directory();
        let zs = dir
            .streets
            .iter_mut()
            .find(|s| s.id == "zhoushuizi")
            .unwrap();
        zs.categories = Some(vec!["family".into(), "fire_escape".into()]);
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut req = good();
        assert!(validate_filing(&dir, &req, today).is_ok());
        req.community = "zs01".into();
        req.grid = "zs01-g1".into();
        let err = validate_filing(&dir, &req, today).unwrap_err();
        assert_eq!(err.field, "category");
        req.category = "family".into();
        assert!(validate_filing(&dir, &req, today).is_ok());
    }

    #[test]
    fn answers_are_checked_against_the_category_and_kept_with_its_version() {
        let mut dir = demo_directory();
        let wages = dir
            .categories
            .iter_mut()
            .find(|c| c.id == "wages_labour")
            .unwrap();
        wages.questions[0].required = true;
        wages.questions_version = 5;
        let mut req = good();
        req.category = "wages_labour".into();
        assert_eq!(
            validate_filing(&dir, &req, today()).unwrap_err(),
            FieldError::new("answers.0", FieldProblem::Required)
        );
        req.answers.insert("amount_owed".into(), "twelve".into());
        assert_eq!(
            validate_filing(&dir, &req, today()).unwrap_err().field,
            "answers.0"
        );
        req.answers.insert("amount_owed".into(), "12,000".into());
        req.answers.insert("owed_since".into(), "去年十月".into());
        let filing = validate_filing(&dir, &req, today()).unwrap();
        assert_eq!(filing.questions_version, 5);
        assert_eq!(filing.answers.len(), 2);
        assert_eq!(
            filing.answers[0].value,
            crate::questions::AnswerValue::Number {
                number: "12000".into()
            }
        );
        // A category without questions ignores answers sent to it.
        let mut plain = good();
        plain.answers.insert("amount_owed".into(), "1".into());
        let filing = validate_filing(&dir, &plain, today()).unwrap();
        assert!(filing.answers.is_empty());
        assert_eq!(filing.questions_version, 0);
    }
}
