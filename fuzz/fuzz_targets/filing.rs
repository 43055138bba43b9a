//! The filing request: decoded from JSON (input starting with `{`) or built field by field
//! from valid and arbitrary values, then validated against the demo directory as a resident's
//! filing and as a staff intake. An accepted filing holds the normalised fields; a refused
//! one names the first field in form order that breaks a rule, every field before it passing.

#![no_main]

use accord_fuzz::directory;
use accord_shared::directory::Directory;
use accord_shared::fields::{
    Address, Description, FieldError, FieldProblem, PartyName, PhoneNumber,
};
use accord_shared::intake::{
    check_category, check_place, parse_conflict_since, parse_kind, validate_filing,
    validate_staff_intake, FileCaseRequest, StaffIntakeRequest, ValidFiling, FILING_FIELDS,
};
use accord_shared::risk::RiskFactors;
use accord_shared::vocabulary::{CaseKind, Channel, PartyRole};
use arbitrary::Unstructured;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

/// One field of the form checked on its own (with the kind and community it depends on).
fn field_alone(
    dir: &Directory,
    req: &FileCaseRequest,
    today: NaiveDate,
    field: &str,
) -> Result<(), FieldError> {
    match field {
        "kind" => parse_kind("kind", &req.kind).map(drop),
        "category" => {
            let kind = parse_kind("kind", &req.kind)?;
            check_category(dir, kind, &req.category).map(drop)
        }
        "description" => Description::parse("description", &req.description).map(drop),
        "conflict_since" => parse_conflict_since(req.conflict_since.as_deref(), today).map(drop),
        "respondent_name" => match req.respondent_name.as_deref().map(str::trim) {
            None | Some("") => Ok(()),
            Some(name) => PartyName::parse("respondent_name", name).map(drop),
        },
        "community" | "grid" => check_place(dir, &req.community, &req.grid).map(drop),
        "address" => Address::parse("address", &req.address).map(drop),
        "name" => PartyName::parse("name", &req.name).map(drop),
        "phone" => PhoneNumber::parse("phone", &req.phone).map(drop),
        other => panic!("no field {other}"),
    }
}

/// What an accepted filing must be: each field as its own parser reads it.
fn check_valid(dir: &Directory, req: &FileCaseRequest, today: NaiveDate, filing: &ValidFiling) {
    assert_eq!(Ok(filing.kind), parse_kind("kind", &req.kind));
    assert_eq!(
        Ok(&filing.category),
        check_category(dir, filing.kind, &req.category).as_ref()
    );
    assert_eq!(
        Ok(&filing.description),
        Description::parse("description", &req.description).as_ref()
    );
    assert_eq!(
        Ok(&filing.address),
        Address::parse("address", &req.address).as_ref()
    );
    assert_eq!(
        Ok((filing.community.clone(), filing.grid.clone())),
        check_place(dir, &req.community, &req.grid)
    );
    let community = dir.community(&filing.community).expect("a known community");
    assert!(dir.category_offered(&filing.category, community));
    if let Some(since) = filing.conflict_since {
        assert!(since <= today);
    }
    assert_eq!(
        filing.respondent_name.as_ref().map(PartyName::as_str),
        req.respondent_name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
    );
    if let Some(applicant) = &filing.applicant {
        assert_eq!(applicant.role, PartyRole::Applicant);
        assert_eq!(
            Ok(&applicant.name),
            PartyName::parse("name", &req.name).as_ref()
        );
        assert_eq!(
            applicant.phone.as_ref(),
            PhoneNumber::parse("phone", &req.phone).ok().as_ref()
        );
    }
    let json = serde_json::to_string(filing).expect("a filing serializes");
    assert_eq!(
        serde_json::from_str::<ValidFiling>(&json).ok().as_ref(),
        Some(filing),
        "the filing handed to the community object survives JSON"
    );
}

/// A refusal names the first field in form order that breaks a rule.
fn check_refused(dir: &Directory, req: &FileCaseRequest, today: NaiveDate, err: &FieldError) {
    let position = FILING_FIELDS
        .iter()
        .position(|f| *f == err.field)
        .unwrap_or_else(|| panic!("{} is not a field of the form", err.field));
    for earlier in &FILING_FIELDS[..position] {
        if let Err(first) = field_alone(dir, req, today, earlier) {
            // Community and grid are checked together, the grid after the community.
            assert!(
                *earlier == "community" && err.field == "grid" && first.field == "grid",
                "{earlier} is wrong ({first}) but {} was named",
                err.field
            );
        }
    }
    match field_alone(dir, req, today, err.field) {
        Err(alone) => assert_eq!(&alone, err),
        // The one rule that needs two fields: the street may not offer the category.
        Ok(()) => assert!(
            err.field == "category" && err.problem == FieldProblem::UnknownCategory,
            "{err} but the field passes on its own"
        ),
    }
}

fn check(req: &FileCaseRequest, today: NaiveDate, channel: &str, factors: RiskFactors) {
    let dir = directory();
    match validate_filing(dir, req, today) {
        Ok(filing) => {
            assert!(
                filing.applicant.is_some(),
                "a resident's filing names its applicant"
            );
            assert_eq!(filing.risk_factors, RiskFactors::default());
            check_valid(dir, req, today, &filing);
        }
        Err(err) => check_refused(dir, req, today, &err),
    }
    let intake = StaffIntakeRequest {
        channel: channel.to_owned(),
        filing: req.clone(),
        risk_factors: factors,
    };
    match validate_staff_intake(dir, &intake, today) {
        Ok((filing, channel)) => {
            check_valid(dir, req, today, &filing);
            assert_eq!(filing.risk_factors, intake.risk_factors);
            if filing.applicant.is_none() {
                assert_eq!(channel, Channel::GridPatrol);
                assert_eq!(filing.kind, CaseKind::Hazard);
                assert!(req.name.trim().is_empty() && req.phone.trim().is_empty());
            }
        }
        Err(err) if err.field == "channel" => assert!(!matches!(
            intake.channel.trim(),
            "walk_in" | "hotline" | "grid_patrol" | "referral_in"
        )),
        Err(err) => check_refused(dir, req, today, &err),
    }
    // The request itself survives JSON, as the browser sends it.
    let json = serde_json::to_string(req).expect("a request serializes");
    assert_eq!(
        serde_json::from_str::<FileCaseRequest>(&json).ok().as_ref(),
        Some(req)
    );
}

/// A value for one field: one of the `valid` ones (perhaps padded), or arbitrary text.
fn pick(u: &mut Unstructured, valid: &[&str]) -> arbitrary::Result<String> {
    Ok(match u.int_in_range(0..=7u8)? {
        0..=3 if !valid.is_empty() => (*u.choose(valid)?).to_owned(),
        4 if !valid.is_empty() => format!(" {} ", u.choose(valid)?),
        5 => String::new(),
        _ => u.arbitrary()?,
    })
}

fn structured(u: &mut Unstructured) -> arbitrary::Result<(FileCaseRequest, NaiveDate, String)> {
    let dir = directory();
    let categories: Vec<&str> = dir.categories.iter().map(|c| c.id.as_str()).collect();
    let communities: Vec<&str> = dir.communities.iter().map(|c| c.id.as_str()).collect();
    let kind = pick(u, &["dispute", "hazard"])?;
    let category = pick(u, &categories)?;
    let description = pick(u, &["楼上漏水", "noise every night\nsince May", "x"])?;
    let community = pick(u, &communities)?;
    let grids: Vec<&str> = dir
        .community(community.trim())
        .map(|c| c.grids.iter().map(|g| g.id.as_str()).collect())
        .unwrap_or_default();
    let grid = pick(u, &grids)?;
    let address = pick(u, &["中华路12号3单元501", "1号"])?;
    let name = pick(u, &["张三", "Li"])?;
    let phone = pick(
        u,
        &["13812345678", "+86 138 1234 5678", "0411-84123456", "12345"],
    )?;
    let respondent_name = u
        .arbitrary::<bool>()?
        .then(|| pick(u, &["刘先生", ""]))
        .transpose()?;
    let conflict_since = u
        .arbitrary::<bool>()?
        .then(|| {
            pick(
                u,
                &[
                    "2024-03",
                    "2024-03-15",
                    "1949-12",
                    "2030-01-01",
                    "2024-02-30",
                ],
            )
        })
        .transpose()?;
    let days = u.int_in_range(0..=800)?;
    let today = NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(days)))
        .unwrap_or_default();
    let channel = pick(
        u,
        &["walk_in", "hotline", "grid_patrol", "referral_in", "web"],
    )?;
    let req = FileCaseRequest {
        kind,
        category,
        description,
        respondent_name,
        community,
        grid,
        address,
        name,
        phone,
        conflict_since,
        answers: Default::default(),
    };
    Ok((req, today, channel))
}

fuzz_target!(|data: &[u8]| {
    if data.first() == Some(&b'{') {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
        if let Ok(req) = serde_json::from_slice::<FileCaseRequest>(data) {
            check(&req, today, "walk_in", RiskFactors::default());
        }
        if let Ok(intake) = serde_json::from_slice::<StaffIntakeRequest>(data) {
            check(&intake.filing, today, &intake.channel, intake.risk_factors);
        }
        return;
    }
    let mut u = Unstructured::new(data);
    if let Ok((req, today, channel)) = structured(&mut u) {
        let factors = RiskFactors {
            violence_threatened: u.arbitrary().unwrap_or_default(),
            people_involved: u.arbitrary().unwrap_or_default(),
            ..RiskFactors::default()
        };
        check(&req, today, &channel, factors);
    }
});
