//! Volunteer links: a coordinator lets a named volunteer help residents file (assisted intake)
//! and/or record the return visits of named cases, for a limited time, with no password.

use crate::code::CaseCode;
use crate::directory::Directory;
use crate::fields::{FieldError, FieldProblem, PartyName};
use crate::time_limits::StageClock;
use crate::vocabulary::CaseStatus;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The longest a link may live: a week.
pub const MAX_VALID_HOURS: u32 = 7 * 24;

/// `POST /api/staff/volunteers`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IssueVolunteerRequest {
    pub name: String,
    pub community: String,
    pub intake: bool,
    pub follow_up_cases: Vec<String>,
    pub valid_hours: u32,
}

/// A link as staff see it (never its token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerLink {
    pub id: String,
    pub name: String,
    pub community: String,
    pub intake: bool,
    pub follow_up_cases: Vec<String>,
    pub issued_by: String,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked: bool,
}

impl VolunteerLink {
    /// Whether the link still opens anything at `now`.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        !self.revoked && now < self.expires_at
    }

    pub fn may_visit(&self, code: &str) -> bool {
        self.follow_up_cases.iter().any(|c| c == code)
    }

    /// The filing scope of a link: it may file (assisted intake) only if issued for intake,
    /// and only for its own community, in any of that community's grids.
    pub fn may_file(&self) -> bool {
        self.intake
    }

    /// Refuses a filing for another community than the link's, as an unknown community.
    pub fn check_filing_scope(&self, community: &str) -> Result<(), FieldError> {
        if self.intake && community == self.community {
            Ok(())
        } else {
            Err(FieldError::new("community", FieldProblem::UnknownCommunity))
        }
    }
}

/// The answer to issuing a link: the token appears here once and is stored only hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedVolunteerLink {
    pub link: VolunteerLink,
    pub token: String,
}

/// `GET /api/volunteer/me`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerMe {
    pub name: String,
    pub community: String,
    pub intake: bool,
    pub follow_up_cases: Vec<String>,
    pub expires_at: DateTime<Utc>,
}

impl From<&VolunteerLink> for VolunteerMe {
    fn from(link: &VolunteerLink) -> Self {
        VolunteerMe {
            name: link.name.clone(),
            community: link.community.clone(),
            intake: link.intake,
            follow_up_cases: link.follow_up_cases.clone(),
            expires_at: link.expires_at,
        }
    }
}

/// What a volunteer needs for a visit: where, whom to ask for, how to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerCase {
    pub code: String,
    pub status: CaseStatus,
    pub category: String,
    pub grid: String,
    pub address: String,
    pub applicant_name: Option<String>,
    pub applicant_phone: Option<String>,
    pub clock: Option<StageClock>,
}

/// `POST /api/volunteer/visits`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitRequest {
    pub code: String,
    pub note: String,
}

/// Whether a volunteer may record a return visit on a case in `status` now: only in
/// follow-up. A link names only such cases, and shows a case that left follow-up since
/// without its contact details.
pub fn visitable(status: CaseStatus) -> bool {
    crate::lifecycle::transition(status, crate::lifecycle::CommandKind::RecordVisit).is_some()
}

/// The first of `statuses` (a named case and its status, `None` when no such case exists)
/// that a link may not name, as the field error the issue answers.
pub fn check_named_cases(statuses: &[(String, Option<CaseStatus>)]) -> Result<(), FieldError> {
    for (_, status) in statuses {
        match status {
            None => {
                return Err(FieldError::new(
                    "follow_up_cases",
                    FieldProblem::InvalidFormat,
                ))
            }
            Some(status) if !visitable(*status) => {
                return Err(FieldError::new(
                    "follow_up_cases",
                    FieldProblem::NotInFollowUp,
                ))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Validates a request for a link; returns it with codes in canonical form.
pub fn check_issue(
    dir: &Directory,
    req: &IssueVolunteerRequest,
) -> Result<IssueVolunteerRequest, FieldError> {
    let name = PartyName::parse("name", &req.name)?;
    let community = dir
        .community(req.community.trim())
        .ok_or_else(|| FieldError::new("community", FieldProblem::UnknownCommunity))?;
    let mut codes = Vec::new();
    for raw in &req.follow_up_cases {
        let code: CaseCode = raw
            .parse()
            .map_err(|_| FieldError::new("follow_up_cases", FieldProblem::InvalidFormat))?;
        if dir.community_of(&code).is_none_or(|c| c.id != community.id) {
            return Err(FieldError::new(
                "follow_up_cases",
                FieldProblem::InvalidFormat,
            ));
        }
        let text = code.to_string();
        if !codes.contains(&text) {
            codes.push(text);
        }
    }
    if !req.intake && codes.is_empty() {
        return Err(FieldError::new("intake", FieldProblem::Required));
    }
    if !(1..=MAX_VALID_HOURS).contains(&req.valid_hours) {
        return Err(FieldError::new("valid_hours", FieldProblem::InvalidFormat));
    }
    Ok(IssueVolunteerRequest {
        name: name.as_str().to_owned(),
        community: community.id.clone(),
        intake: req.intake,
        follow_up_cases: codes,
        valid_hours: req.valid_hours,
    })
}

/// The link a checked request makes, issued by `by` at `now`.
pub fn make_link(
    id: String,
    req: IssueVolunteerRequest,
    by: &str,
    now: DateTime<Utc>,
) -> VolunteerLink {
    VolunteerLink {
        id,
        name: req.name,
        community: req.community,
        intake: req.intake,
        follow_up_cases: req.follow_up_cases,
        issued_by: by.to_owned(),
        issued_at: now,
        expires_at: now + Duration::hours(i64::from(req.valid_hours)),
        revoked: false,
    }
}

/// The token from an `Authorization: Volunteer <token>` header.
pub fn token_from_header(header: &str) -> Option<&str> {
    header
        .strip_prefix("Volunteer ")
        .map(str::trim)
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_directory;
    use chrono::TimeZone;

    fn request() -> IssueVolunteerRequest {
        IssueVolunteerRequest {
            name: "王阿姨".into(),
            community: "zh01".into(),
            intake: true,
            follow_up_cases: vec!["zh01-2026-0003".into()],
            valid_hours: 48,
        }
    }

    #[test]
    fn a_link_names_only_cases_in_follow_up() {
        assert!(visitable(CaseStatus::FollowUp));
        for status in [
            CaseStatus::Reported,
            CaseStatus::InProgress,
            CaseStatus::Resolved,
            CaseStatus::Closed,
        ] {
            assert!(!visitable(status), "{status:?}");
        }
        let ok = [("ZH01-2026-0001".to_owned(), Some(CaseStatus::FollowUp))];
        assert_eq!(check_named_cases(&ok), Ok(()));
        let closed = [("ZH01-2026-0002".to_owned(), Some(CaseStatus::Closed))];
        assert_eq!(
            check_named_cases(&closed).map_err(|e| e.problem),
            Err(FieldProblem::NotInFollowUp)
        );
        let missing = [("ZH01-2026-0009".to_owned(), None)];
        assert_eq!(
            check_named_cases(&missing).map_err(|e| e.problem),
            Err(FieldProblem::InvalidFormat)
        );
    }

    #[test]
    fn a_good_request_is_normalised_and_a_link_expires() {
        let checked = check_issue(&demo_directory(), &request()).unwrap();
        assert_eq!(checked.follow_up_cases, ["ZH01-2026-0003"]);
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 8, 0, 0).unwrap();
        let link = make_link("v1".into(), checked, "coordinator", now);
        assert!(link.is_live(now + Duration::hours(47)));
        assert!(!link.is_live(now + Duration::hours(48)));
        assert!(link.may_visit("ZH01-2026-0003"));
        assert!(!link.may_visit("ZH01-2026-0004"));
    }

    #[test]
    fn a_link_files_only_for_its_own_community_and_only_if_issued_for_intake() {
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 8, 0, 0).unwrap();
        let checked = check_issue(&demo_directory(), &request()).unwrap();
        let link = make_link("v1".into(), checked, "coordinator", now);
        assert!(link.may_file());
        assert!(link.check_filing_scope("zh01").is_ok());
        assert_eq!(
            link.check_filing_scope("zh02").unwrap_err().problem,
            FieldProblem::UnknownCommunity
        );
        let visits_only = VolunteerLink {
            intake: false,
            ..link
        };
        assert!(!visits_only.may_file());
        assert!(visits_only.check_filing_scope("zh01").is_err());
    }

    #[test]
    fn bad_requests_name_their_field() {
        let dir = demo_directory();
        let cases: Vec<(IssueVolunteerRequest, &str)> = vec![
            (
                IssueVolunteerRequest {
                    name: " ".into(),
                    ..request()
                },
                "name",
            ),
            (
                IssueVolunteerRequest {
                    community: "zh99".into(),
                    ..request()
                },
                "community",
            ),
            (
                IssueVolunteerRequest {
                    follow_up_cases: vec!["ZH02-2026-0001".into()],
                    ..request()
                },
                "follow_up_cases",
            ),
            (
                IssueVolunteerRequest {
                    intake: false,
                    follow_up_cases: vec![],
                    ..request()
                },
                "intake",
            ),
            (
                IssueVolunteerRequest {
                    valid_hours: 0,
                    ..request()
                },
                "valid_hours",
            ),
            (
                IssueVolunteerRequest {
                    valid_hours: 1000,
                    ..request()
                },
                "valid_hours",
            ),
        ];
        for (req, field) in cases {
            assert_eq!(check_issue(&dir, &req).unwrap_err().field, field);
        }
    }

    #[test]
    fn the_token_comes_from_the_authorization_header() {
        let token = "ab".repeat(32);
        assert_eq!(
            token_from_header(&format!("Volunteer {token}")),
            Some(token.as_str())
        );
        assert_eq!(token_from_header("Bearer x"), None);
        assert_eq!(token_from_header("Volunteer short"), None);
    }
}
