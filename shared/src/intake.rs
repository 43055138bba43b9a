//! Filing: a raw request from the wire becomes a validated filing, or the first rejected field.

use crate::directory::{CaseKind, Directory};
use crate::fields::{Address, Description, FieldError, FieldProblem, PartyName, PhoneNumber};
use crate::wire::FileCaseRequest;
use serde::{Deserialize, Serialize};

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
    pub name: PartyName,
    pub phone: PhoneNumber,
    pub respondent_name: Option<PartyName>,
}

/// Fields in the order the resident meets them, so the first error is the first one to fix.
pub const FILING_FIELDS: [&str; 9] = [
    "kind",
    "category",
    "description",
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

/// Validates a whole filing; returns the first rejected field in form order.
pub fn validate_filing(dir: &Directory, req: &FileCaseRequest) -> Result<ValidFiling, FieldError> {
    let kind = parse_kind("kind", &req.kind)?;
    let category = check_category(dir, kind, &req.category)?;
    let description = Description::parse("description", &req.description)?;
    let respondent_name = match req.respondent_name.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(PartyName::parse("respondent_name", raw)?),
    };
    let (community, grid) = check_place(dir, &req.community, &req.grid)?;
    let address = Address::parse("address", &req.address)?;
    let name = PartyName::parse("name", &req.name)?;
    let phone = PhoneNumber::parse("phone", &req.phone)?;
    Ok(ValidFiling {
        kind,
        category,
        description,
        community,
        grid,
        address,
        name,
        phone,
        respondent_name,
    })
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
        }
    }

    #[test]
    fn a_complete_filing_is_valid_and_normalised() {
        let filing = validate_filing(&demo_directory(), &good()).unwrap();
        assert_eq!(filing.phone.as_str(), "13812345678");
        assert_eq!(filing.respondent_name.unwrap().as_str(), "刘先生");
    }

    #[test]
    fn each_bad_field_is_named() {
        let dir = demo_directory();
        let cases: Vec<(fn(&mut FileCaseRequest), &str, FieldProblem)> = vec![
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
            let err = validate_filing(&dir, &req).unwrap_err();
            assert_eq!((err.field, err.problem), (field, problem));
        }
    }

    #[test]
    fn an_empty_respondent_name_means_none() {
        let mut req = good();
        req.respondent_name = Some("  ".into());
        assert!(validate_filing(&demo_directory(), &req)
            .unwrap()
            .respondent_name
            .is_none());
    }
}
