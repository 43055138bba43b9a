//! History import: a street moving to Accord brings the cases of its old system, one JSON
//! line per case, each replayed through the same filing rules and the same state machine as
//! a live case, with its recorded times and actors.
//!
//! # The line format
//!
//! One JSON object per line (blank lines are skipped; the line number is the physical line,
//! counted from 1). Example (one line, wrapped here):
//!
//! ```json
//! {"source_id":"hx-000042","community":"zh07","grid":"zh07-g2","kind":"dispute",
//!  "category":"neighbours","channel":"walk_in","filed_at":"2024-03-05T09:30:00+08:00",
//!  "recorded_by":{"username":"mediator01","role":"mediator"},
//!  "description":"楼上住户夜间噪音扰民，多次沟通无果","address":"中华路12号3单元501",
//!  "applicant":{"name":"张三","phone":"13812345678"},"respondent":{"name":"刘先生"},
//!  "conflict_since":"2023-11","risk_factors":{"people_involved":2},
//!  "events":[
//!   {"at":"2024-03-05T10:00:00+08:00","by":{"username":"coordinator","role":"coordinator"},
//!    "command":{"command":"accept"}},
//!   {"at":"2024-03-05T10:05:00+08:00","by":{"username":"coordinator","role":"coordinator"},
//!    "command":{"command":"set_handlers","handlers":[{"username":"mediator01","role":"mediator","lead":true}]}},
//!   {"at":"2024-03-06T14:00:00+08:00","by":{"username":"mediator01","role":"mediator"},
//!    "command":{"command":"start"}},
//!   {"at":"2024-03-12T16:00:00+08:00","by":{"username":"mediator01","role":"mediator"},
//!    "command":{"command":"resolve","outcome":"agreement_reached"}},
//!   {"at":"2024-03-20T10:00:00+08:00","by":"resident",
//!    "command":{"command":"give_feedback","confirmed":true,"satisfaction":5}}]}
//! ```
//!
//! - `source_id`: the old system's id, unique in a file (1–100 characters); the key that
//!   makes an import safe to repeat.
//! - `community`, `grid`, `kind` (`dispute`/`hazard`), `category`, `description`, `address`:
//!   as in a live filing, checked against the directory.
//! - `channel`: `web`, `walk_in`, `hotline`, `grid_patrol`, `referral_in`, or `volunteer`
//!   (an assisted filing: stored as `web`, recorded by the volunteer).
//! - `filed_at`: RFC 3339; the case keeps it as its filing time, and its code's year is the
//!   year of that instant in the street's zone ([`code_year`]).
//! - `recorded_by`: who recorded the filing. Absent or `"resident"` for `web`; a volunteer
//!   (`{"volunteer":"刘阿姨","link":"vol-7"}`) for `volunteer`; a staff member whose role may
//!   record intake (`{"username":…,"role":…}`) for the other channels.
//! - `applicant` (`{"name","phone"}`) and `respondent` (`{"name"}`): the phone is optional in
//!   the format, but required wherever a live filing requires it, which is everywhere except a
//!   hazard found on grid patrol (which may have no applicant at all).
//! - `conflict_since`: when the conflict began (`2021-06-01` or `2021-06`), never after the
//!   filing. `risk_factors`: as staff record them at intake (not on `web`/`volunteer`
//!   filings, which have none live either: give an `assess_risk` event instead).
//! - `events`: in time order, none before the filing; `at` is RFC 3339, `by` is `"resident"`,
//!   `"system"`, a staff member or a volunteer as above, `command` the lifecycle command in
//!   its API form. Merges and moves between streets change two cases and cannot be imported.
//!
//! Every event goes through [`crate::lifecycle::execute`] with its own time and actor; any
//! refusal rejects the whole line and no case is built. Whether the staff usernames are
//! accounts of the district, scoped to the community, is for the caller to check (this module
//! knows no accounts).

use crate::case::{Actor, Case, Channel};
use crate::code::CaseCode;
use crate::directory::Directory;
use crate::fields::FieldError;
use crate::intake::{validate_filing, validate_staff_intake, FileCaseRequest, StaffIntakeRequest};
use crate::lifecycle::{execute, CaseError, Command};
use crate::policy::{self, Action, Reach};
use crate::risk::RiskFactors;
use crate::staff::Role;
use crate::time::{local_date, local_year};
use crate::vocabulary::CaseKind;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The largest file [`check_file`] reads (32 MiB: the reference street's two years are about
/// 10 MiB).
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// The most non-blank lines a file may have.
pub const MAX_LINES: usize = 20_000;
/// The longest line, in bytes.
pub const MAX_LINE_BYTES: usize = 64 * 1024;
/// The most events one case may bring.
pub const MAX_EVENTS: usize = 200;
/// The longest `source_id`, in characters.
pub const MAX_SOURCE_ID_CHARS: usize = 100;

/// How a case reached the street, as the old system says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportChannel {
    Web,
    WalkIn,
    Hotline,
    GridPatrol,
    ReferralIn,
    /// Assisted intake: a volunteer filed it with the resident.
    Volunteer,
}

impl ImportChannel {
    pub const ALL: [ImportChannel; 6] = [
        ImportChannel::Web,
        ImportChannel::WalkIn,
        ImportChannel::Hotline,
        ImportChannel::GridPatrol,
        ImportChannel::ReferralIn,
        ImportChannel::Volunteer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportChannel::Web => "web",
            ImportChannel::WalkIn => "walk_in",
            ImportChannel::Hotline => "hotline",
            ImportChannel::GridPatrol => "grid_patrol",
            ImportChannel::ReferralIn => "referral_in",
            ImportChannel::Volunteer => "volunteer",
        }
    }

    /// The channel the case is stored with.
    pub fn channel(self) -> Channel {
        match self {
            ImportChannel::Web => Channel::Web,
            ImportChannel::Volunteer => Channel::Volunteer,
            ImportChannel::WalkIn => Channel::WalkIn,
            ImportChannel::Hotline => Channel::Hotline,
            ImportChannel::GridPatrol => Channel::GridPatrol,
            ImportChannel::ReferralIn => Channel::ReferralIn,
        }
    }
}

/// Someone without a name on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unnamed {
    Resident,
    System,
}

/// Who did something: `"resident"`, `"system"`, `{"username","role"}` or
/// `{"volunteer","link"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum By {
    Unnamed(Unnamed),
    Staff {
        username: String,
        role: Role,
    },
    Volunteer {
        /// The volunteer's name.
        volunteer: String,
        /// The id of the link they worked under.
        link: String,
    },
}

impl By {
    pub fn staff(username: &str, role: Role) -> By {
        By::Staff {
            username: username.to_owned(),
            role,
        }
    }

    pub fn actor(&self) -> Actor {
        match self {
            By::Unnamed(Unnamed::Resident) => Actor::Resident,
            By::Unnamed(Unnamed::System) => Actor::System,
            By::Staff { username, role } => Actor::Staff {
                username: username.clone(),
                role: *role,
            },
            By::Volunteer { volunteer, link } => Actor::Volunteer {
                link: link.clone(),
                name: volunteer.clone(),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicantLine {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RespondentLine {
    pub name: String,
}

/// One recorded change of the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportEvent {
    pub at: DateTime<Utc>,
    pub by: By,
    pub command: Command,
}

/// One line of an import file, read but not yet checked against the directory or the
/// lifecycle (that is [`build_case`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportLine {
    /// The physical line of the file it was read from (1-based); not part of the format.
    #[serde(skip)]
    pub line: usize,
    pub source_id: String,
    pub community: String,
    pub grid: String,
    pub kind: CaseKind,
    pub category: String,
    pub channel: ImportChannel,
    pub filed_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<By>,
    pub description: String,
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicant: Option<ApplicantLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<RespondentLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_since: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_factors: Option<RiskFactors>,
    #[serde(default)]
    pub events: Vec<ImportEvent>,
}

/// Why a line cannot be imported: where (line, the old system's id, the field) and why (a
/// stable code and words for the person fixing the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ImportError {
    pub line: usize,
    pub source_id: Option<String>,
    /// `category`, `applicant.phone`, `events[3].command`, `events[3].command.reason`, …
    pub field: Option<String>,
    /// `invalid_json`, `unknown_category`, `invalid_transition`, `events_out_of_order`, …
    pub code: String,
    pub message: String,
}

impl ImportError {
    fn new(line: usize, field: Option<String>, code: &str, message: impl Into<String>) -> Self {
        ImportError {
            line,
            source_id: None,
            field,
            code: code.to_owned(),
            message: message.into(),
        }
    }

    fn with_source(mut self, source_id: &str) -> Self {
        self.source_id = Some(source_id.to_owned());
        self
    }

    fn from_field(line: usize, prefix: &str, err: &FieldError) -> Self {
        let field = if prefix.is_empty() {
            err.field.to_owned()
        } else {
            format!("{prefix}.{}", err.field)
        };
        let message = format!("{field}: {}", err.problem);
        ImportError::new(line, Some(field), err.problem.code(), message)
    }
}

/// Reads one field of an object, naming it in the error.
fn take<T: DeserializeOwned>(
    line: usize,
    object: &mut Map<String, Value>,
    key: &str,
    field: &str,
) -> Result<Option<T>, ImportError> {
    match object.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => serde_json::from_value(value).map(Some).map_err(|e| {
            ImportError::new(
                line,
                Some(field.to_owned()),
                "invalid_format",
                format!("{field}: {e}"),
            )
        }),
    }
}

fn required<T>(line: usize, value: Option<T>, field: &str) -> Result<T, ImportError> {
    value.ok_or_else(|| {
        ImportError::new(
            line,
            Some(field.to_owned()),
            "required",
            format!("{field}: this field is required"),
        )
    })
}

/// An instant in RFC 3339 (`2024-03-05T09:30:00+08:00`, `2024-03-05T01:30:00Z`).
fn instant(line: usize, raw: Option<String>, field: &str) -> Result<DateTime<Utc>, ImportError> {
    let raw = required(line, raw, field)?;
    DateTime::parse_from_rfc3339(raw.trim())
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| {
            ImportError::new(
                line,
                Some(field.to_owned()),
                "invalid_format",
                format!("{field}: not an RFC 3339 time: {raw}"),
            )
        })
}

fn unknown_fields(line: usize, object: &Map<String, Value>, prefix: &str) -> Option<ImportError> {
    object.keys().next().map(|key| {
        let field = format!("{prefix}{key}");
        ImportError::new(
            line,
            Some(field.clone()),
            "unknown_field",
            format!("{field}: not a field of the format"),
        )
    })
}

/// Reads one line of an import file (`line_no` counts from 1). Checks the shape and the
/// types, field by field so that the error names the field; the directory and the lifecycle
/// are [`build_case`]'s.
pub fn parse_line(line_no: usize, text: &str) -> Result<ImportLine, ImportError> {
    if text.len() > MAX_LINE_BYTES {
        return Err(ImportError::new(
            line_no,
            None,
            "line_too_long",
            format!("the line is longer than {MAX_LINE_BYTES} bytes"),
        ));
    }
    let text = text.trim_start_matches('\u{feff}');
    let mut object: Map<String, Value> = serde_json::from_str(text).map_err(|e| {
        ImportError::new(
            line_no,
            None,
            "invalid_json",
            format!("not a JSON object: {e}"),
        )
    })?;
    let source_id: Option<String> = take(line_no, &mut object, "source_id", "source_id")?;
    let source_id = required(line_no, source_id, "source_id")?;
    let tag = |e: ImportError| e.with_source(&source_id);
    let trimmed = source_id.trim();
    if trimmed.is_empty()
        || trimmed.chars().count() > MAX_SOURCE_ID_CHARS
        || trimmed.chars().any(char::is_control)
    {
        return Err(tag(ImportError::new(
            line_no,
            Some("source_id".into()),
            "invalid_format",
            format!("source_id: 1 to {MAX_SOURCE_ID_CHARS} characters, no control characters"),
        )));
    }
    let line = parse_fields(line_no, &mut object, trimmed.to_owned()).map_err(tag)?;
    Ok(line)
}

fn parse_fields(
    line_no: usize,
    object: &mut Map<String, Value>,
    source_id: String,
) -> Result<ImportLine, ImportError> {
    let l = line_no;
    let text = |object: &mut Map<String, Value>, key: &str| -> Result<String, ImportError> {
        let value: Option<String> = take(l, object, key, key)?;
        Ok(value.unwrap_or_default())
    };
    let community = text(object, "community")?;
    let grid = text(object, "grid")?;
    let kind = required(l, take(l, object, "kind", "kind")?, "kind")?;
    let category = text(object, "category")?;
    let channel = required(l, take(l, object, "channel", "channel")?, "channel")?;
    let filed_at = instant(l, take(l, object, "filed_at", "filed_at")?, "filed_at")?;
    let recorded_by = take(l, object, "recorded_by", "recorded_by")?;
    let description = text(object, "description")?;
    let address = text(object, "address")?;
    let applicant = take(l, object, "applicant", "applicant")?;
    let respondent = take(l, object, "respondent", "respondent")?;
    let conflict_since = take(l, object, "conflict_since", "conflict_since")?;
    let risk_factors = take(l, object, "risk_factors", "risk_factors")?;
    let raw_events: Vec<Value> = take(l, object, "events", "events")?.unwrap_or_default();
    if let Some(err) = unknown_fields(l, object, "") {
        return Err(err);
    }
    if raw_events.len() > MAX_EVENTS {
        return Err(ImportError::new(
            l,
            Some("events".into()),
            "too_many_events",
            format!("events: at most {MAX_EVENTS} per case"),
        ));
    }
    let mut events = Vec::with_capacity(raw_events.len());
    for (i, raw) in raw_events.into_iter().enumerate() {
        let prefix = format!("events[{i}]");
        let Value::Object(mut event) = raw else {
            return Err(ImportError::new(
                l,
                Some(prefix.clone()),
                "invalid_format",
                format!("{prefix}: not an object"),
            ));
        };
        let at_field = format!("{prefix}.at");
        let by_field = format!("{prefix}.by");
        let command_field = format!("{prefix}.command");
        let at = instant(l, take(l, &mut event, "at", &at_field)?, &at_field)?;
        let by = required(l, take(l, &mut event, "by", &by_field)?, &by_field)?;
        let command = take(l, &mut event, "command", &command_field)?;
        let command = required(l, command, &command_field)?;
        if let Some(err) = unknown_fields(l, &event, &format!("{prefix}.")) {
            return Err(err);
        }
        events.push(ImportEvent { at, by, command });
    }
    Ok(ImportLine {
        line: line_no,
        source_id,
        community,
        grid,
        kind,
        category,
        channel,
        filed_at,
        recorded_by,
        description,
        address,
        applicant,
        respondent,
        conflict_since,
        risk_factors,
        events,
    })
}

/// The year of the case code of an imported case: the year it was filed, in the street's
/// zone (a case filed at 01:00 on 1 January local time belongs to the new year).
pub fn code_year(line: &ImportLine) -> i32 {
    local_year(line.filed_at)
}

/// The code an imported case gets as the `sequence`-th of its community and filing year
/// (storage keeps the sequences); `None` for an unknown community or a bad sequence.
pub fn code_for(line: &ImportLine, directory: &Directory, sequence: u32) -> Option<CaseCode> {
    let community = directory.community(line.community.trim())?;
    let prefix = directory.code_prefix_of(community)?;
    CaseCode::new(prefix, community.number, code_year(line), sequence)
}

/// The filing of a line, as the live route for its channel would validate it, with who
/// recorded it.
fn validate(
    line: &ImportLine,
    directory: &Directory,
) -> Result<(crate::intake::ValidFiling, Channel, Actor), ImportError> {
    let l = line.line;
    let kind = match line.kind {
        CaseKind::Dispute => "dispute",
        CaseKind::Hazard => "hazard",
    };
    let request = FileCaseRequest {
        kind: kind.to_owned(),
        category: line.category.clone(),
        description: line.description.clone(),
        respondent_name: line.respondent.as_ref().map(|r| r.name.clone()),
        community: line.community.clone(),
        grid: line.grid.clone(),
        address: line.address.clone(),
        name: line
            .applicant
            .as_ref()
            .map(|a| a.name.clone())
            .unwrap_or_default(),
        phone: line
            .applicant
            .as_ref()
            .and_then(|a| a.phone.clone())
            .unwrap_or_default(),
        conflict_since: line.conflict_since.clone(),
        answers: Default::default(),
        location: None,
    };
    let today = local_date(line.filed_at);
    let wrong_recorder = |what: &str| {
        ImportError::new(
            l,
            Some("recorded_by".into()),
            "invalid_format",
            format!(
                "recorded_by: a {} filing is recorded by {what}",
                line.channel.as_str()
            ),
        )
    };
    // Field names of the live request, spelled as the line spells them.
    let rename = |err: FieldError| {
        let mut out = ImportError::from_field(l, "", &err);
        let spelled = match err.field {
            "name" => Some("applicant.name"),
            "phone" => Some("applicant.phone"),
            "respondent_name" => Some("respondent.name"),
            _ => None,
        };
        if let Some(spelled) = spelled {
            out.message = format!("{spelled}: {}", err.problem);
            out.field = Some(spelled.to_owned());
        }
        out
    };
    let no_risk_factors = || {
        if line.risk_factors.is_some() {
            Err(ImportError::new(
                l,
                Some("risk_factors".into()),
                "invalid_format",
                "risk_factors: a resident's filing carries none; give an assess_risk event",
            ))
        } else {
            Ok(())
        }
    };
    match line.channel {
        ImportChannel::Web => {
            match &line.recorded_by {
                None | Some(By::Unnamed(Unnamed::Resident)) => {}
                Some(_) => return Err(wrong_recorder("the resident")),
            }
            no_risk_factors()?;
            let filing = validate_filing(directory, &request, today).map_err(rename)?;
            Ok((filing, Channel::Web, Actor::Resident))
        }
        ImportChannel::Volunteer => {
            let Some(by @ By::Volunteer { .. }) = &line.recorded_by else {
                return Err(wrong_recorder("a volunteer"));
            };
            no_risk_factors()?;
            let filing = validate_filing(directory, &request, today).map_err(rename)?;
            Ok((filing, Channel::Volunteer, by.actor()))
        }
        staff_channel => {
            let Some(by @ By::Staff { role, .. }) = &line.recorded_by else {
                return Err(wrong_recorder("a staff member"));
            };
            if policy::reach(*role, Action::RecordIntake) == Reach::None {
                return Err(ImportError::new(
                    l,
                    Some("recorded_by".into()),
                    "forbidden",
                    format!("recorded_by: a {role:?} does not record intake"),
                ));
            }
            let staff = StaffIntakeRequest {
                channel: staff_channel.as_str().to_owned(),
                filing: request,
                risk_factors: line.risk_factors.clone().unwrap_or_default(),
            };
            let (filing, channel) =
                validate_staff_intake(directory, &staff, today).map_err(rename)?;
            Ok((filing, channel, by.actor()))
        }
    }
}

fn refusal(line: usize, index: usize, err: CaseError) -> ImportError {
    let prefix = format!("events[{index}]");
    match err {
        CaseError::InvalidTransition { from, command } => ImportError::new(
            line,
            Some(format!("{prefix}.command")),
            "invalid_transition",
            format!(
                "{prefix}: {command:?} is not allowed while the case is {}",
                from.as_str()
            ),
        ),
        CaseError::Forbidden { command } => ImportError::new(
            line,
            Some(format!("{prefix}.by")),
            "forbidden",
            format!("{prefix}: this actor may not {command:?} this case"),
        ),
        CaseError::Field(field) => {
            ImportError::from_field(line, &format!("{prefix}.command"), &field)
        }
        CaseError::NothingToEscalate => ImportError::new(
            line,
            Some(format!("{prefix}.command")),
            "nothing_to_escalate",
            format!("{prefix}: the escalation is already at this level or higher"),
        ),
        CaseError::BrokenTimeline => ImportError::new(
            line,
            Some(prefix.clone()),
            "broken_timeline",
            format!("{prefix}: the timeline is broken"),
        ),
        CaseError::FeedbackLimit => ImportError::new(
            line,
            Some(format!("{prefix}.command")),
            "feedback_limit_reached",
            format!("{prefix}: feedback on this outcome was given as often as it may be"),
        ),
    }
}

/// Builds the case a line describes under `code` (assigned by storage; it must route to the
/// line's community and carry the filing year, [`code_for`]): the filing is validated as a
/// live one of its channel and filed at `filed_at`, then every event is executed at its own
/// time by its own actor. The first problem rejects the whole line.
pub fn build_case(
    line: &ImportLine,
    code: CaseCode,
    directory: &Directory,
) -> Result<Case, ImportError> {
    build(line, code, directory).map_err(|e| e.with_source(&line.source_id))
}

fn build(line: &ImportLine, code: CaseCode, directory: &Directory) -> Result<Case, ImportError> {
    let l = line.line;
    let (filing, channel, recorded_by) = validate(line, directory)?;
    let routes_here = directory
        .community_of(&code)
        .is_some_and(|c| c.id == filing.community);
    if !routes_here || i32::from(code.year()) != code_year(line) {
        return Err(ImportError::new(
            l,
            Some("code".into()),
            "wrong_code",
            format!(
                "the code {code} is not one of community {} for {}",
                filing.community,
                code_year(line)
            ),
        ));
    }
    let mut case = Case::file(filing, code, channel, recorded_by, line.filed_at);
    let mut previous = line.filed_at;
    for (i, event) in line.events.iter().enumerate() {
        let at_field = Some(format!("events[{i}].at"));
        if event.at < line.filed_at {
            return Err(ImportError::new(
                l,
                at_field,
                "event_before_filing",
                format!(
                    "events[{i}]: {} is before the filing",
                    event.at.to_rfc3339()
                ),
            ));
        }
        if event.at < previous {
            return Err(ImportError::new(
                l,
                at_field,
                "events_out_of_order",
                format!(
                    "events[{i}]: {} is before the event before it ({})",
                    event.at.to_rfc3339(),
                    previous.to_rfc3339()
                ),
            ));
        }
        if event.command.is_merge_step() || event.command.is_transfer_step() {
            return Err(ImportError::new(
                l,
                Some(format!("events[{i}].command")),
                "unsupported_command",
                format!(
                    "events[{i}]: {:?} changes two cases and cannot be imported",
                    event.command.kind()
                ),
            ));
        }
        previous = event.at;
        let (next, recorded) = execute(
            &case,
            &event.command,
            &event.by.actor(),
            event.at,
            directory,
        )
        .map_err(|e| refusal(l, i, e))?;
        // In order, `execute` keeps the recorded time; anything else is a broken import.
        if recorded.at != event.at {
            return Err(ImportError::new(
                l,
                Some(format!("events[{i}].at")),
                "events_out_of_order",
                format!("events[{i}]: the time was not kept"),
            ));
        }
        case = next;
    }
    Ok(case)
}

/// What a dry run of a whole file found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Non-blank lines read.
    pub lines: usize,
    /// Lines whose case builds.
    pub valid: usize,
    /// Every problem, in line order; at most one per line.
    pub errors: Vec<ImportError>,
    /// Cases that would be created, by community.
    pub cases_by_community: BTreeMap<String, usize>,
}

impl ImportReport {
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }
}

/// Reads a whole file and builds every line (with provisional codes, numbered per community
/// and year in file order), reporting every problem with its line. Blank lines are skipped;
/// a second line with a `source_id` already seen is reported and not built. A file larger than
/// [`MAX_FILE_BYTES`] is not read at all; lines past [`MAX_LINES`] are not read.
pub fn check_file(text: &str, directory: &Directory) -> ImportReport {
    let mut report = ImportReport::default();
    if text.len() > MAX_FILE_BYTES {
        report.errors.push(ImportError::new(
            0,
            None,
            "file_too_large",
            format!("the file is larger than {MAX_FILE_BYTES} bytes"),
        ));
        return report;
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut sequences: BTreeMap<(String, i32), u32> = BTreeMap::new();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        if raw.trim().trim_start_matches('\u{feff}').is_empty() {
            continue;
        }
        if report.lines == MAX_LINES {
            report.errors.push(ImportError::new(
                line_no,
                None,
                "too_many_lines",
                format!("a file holds at most {MAX_LINES} lines; the rest was not read"),
            ));
            break;
        }
        report.lines += 1;
        let line = match parse_line(line_no, raw) {
            Ok(line) => line,
            Err(err) => {
                report.errors.push(err);
                continue;
            }
        };
        if let Some(first) = seen.get(&line.source_id) {
            report.errors.push(
                ImportError::new(
                    line_no,
                    Some("source_id".into()),
                    "duplicate_source_id",
                    format!("source_id: already on line {first}"),
                )
                .with_source(&line.source_id),
            );
            continue;
        }
        seen.insert(line.source_id.clone(), line_no);
        let key = (line.community.trim().to_owned(), code_year(&line));
        let sequence = sequences.get(&key).copied().unwrap_or(0) + 1;
        // An unknown community fails validation before the code is looked at.
        let code = code_for(&line, directory, sequence)
            .or_else(|| CaseCode::new("ZZ", 1, code_year(&line), 1))
            .or_else(|| CaseCode::new("ZZ", 1, 2000, 1));
        let Some(code) = code else {
            report.errors.push(ImportError::new(
                line_no,
                Some("filed_at".into()),
                "invalid_format",
                "filed_at: outside the years a case code can carry",
            ));
            continue;
        };
        match build_case(&line, code, directory) {
            Ok(case) => {
                sequences.insert(key, sequence);
                report.valid += 1;
                *report
                    .cases_by_community
                    .entry(case.community.clone())
                    .or_default() += 1;
            }
            Err(err) => report.errors.push(err),
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{CaseStatus, Outcome};
    use crate::demo::demo_directory;
    use crate::staff::Handler;
    use chrono::TimeZone;

    const EXAMPLE: &str = r#"{"source_id":"hx-000042","community":"zh07","grid":"zh07-g2","kind":"dispute","category":"neighbours","channel":"walk_in","filed_at":"2024-03-05T09:30:00+08:00","recorded_by":{"username":"mediator01","role":"mediator"},"description":"楼上住户夜间噪音扰民，多次沟通无果","address":"中华路12号3单元501","applicant":{"name":"张三","phone":"13812345678"},"respondent":{"name":"刘先生"},"conflict_since":"2023-11","risk_factors":{"people_involved":2},"events":[{"at":"2024-03-05T10:00:00+08:00","by":{"username":"coordinator","role":"coordinator"},"command":{"command":"accept"}},{"at":"2024-03-05T10:05:00+08:00","by":{"username":"coordinator","role":"coordinator"},"command":{"command":"set_handlers","handlers":[{"username":"mediator01","role":"mediator","lead":true}]}},{"at":"2024-03-06T14:00:00+08:00","by":{"username":"mediator01","role":"mediator"},"command":{"command":"start"}},{"at":"2024-03-12T16:00:00+08:00","by":{"username":"mediator01","role":"mediator"},"command":{"command":"resolve","outcome":"agreement_reached"}},{"at":"2024-03-20T10:00:00+08:00","by":"resident","command":{"command":"give_feedback","confirmed":true,"satisfaction":5}}]}"#;

    fn local(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        crate::time::SHANGHAI
            .with_ymd_and_hms(2024, 3, d, h, m, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn example() -> ImportLine {
        parse_line(7, EXAMPLE).unwrap()
    }

    fn code(line: &ImportLine) -> CaseCode {
        code_for(line, &demo_directory(), 1).unwrap()
    }

    fn with_events(events: &[(usize, Value)]) -> String {
        let mut value: Value = serde_json::from_str(EXAMPLE).unwrap();
        for (i, patch) in events {
            value["events"][*i] = patch.clone();
        }
        value.to_string()
    }

    fn coordinator() -> Actor {
        Actor::Staff {
            username: "coordinator".into(),
            role: Role::Coordinator,
        }
    }

    #[test]
    fn a_valid_line_builds_the_case_the_same_history_gives_live() {
        let dir = demo_directory();
        let line = example();
        assert_eq!(line.line, 7);
        let imported = build_case(&line, code(&line), &dir).unwrap();

        let request = StaffIntakeRequest {
            channel: "walk_in".into(),
            filing: FileCaseRequest {
                kind: "dispute".into(),
                category: "neighbours".into(),
                description: "楼上住户夜间噪音扰民，多次沟通无果".into(),
                respondent_name: Some("刘先生".into()),
                community: "zh07".into(),
                grid: "zh07-g2".into(),
                address: "中华路12号3单元501".into(),
                name: "张三".into(),
                phone: "13812345678".into(),
                conflict_since: Some("2023-11".into()),
                answers: Default::default(),
                location: None,
            },
            risk_factors: RiskFactors {
                people_involved: 2,
                ..RiskFactors::default()
            },
        };
        let filed_at = local(5, 9, 30);
        let (filing, channel) =
            validate_staff_intake(&dir, &request, local_date(filed_at)).unwrap();
        let mediator = Actor::Staff {
            username: "mediator01".into(),
            role: Role::Mediator,
        };
        let mut live = Case::file(
            filing,
            CaseCode::parse("ZH07-2024-0001").unwrap(),
            channel,
            mediator.clone(),
            filed_at,
        );
        let steps = [
            (
                local(5, 10, 0),
                coordinator(),
                Command::Accept { note: None },
            ),
            (
                local(5, 10, 5),
                coordinator(),
                Command::SetHandlers {
                    handlers: vec![Handler {
                        username: "mediator01".into(),
                        role: Role::Mediator,
                        lead: true,
                    }],
                },
            ),
            (
                local(6, 14, 0),
                mediator.clone(),
                Command::Start { note: None },
            ),
            (
                local(12, 16, 0),
                mediator,
                Command::Resolve {
                    outcome: Outcome::AgreementReached,
                    note: None,
                },
            ),
            (
                local(20, 10, 0),
                Actor::Resident,
                Command::GiveFeedback {
                    confirmed: true,
                    satisfaction: 5,
                    comment: None,
                },
            ),
        ];
        for (at, actor, command) in steps {
            live = execute(&live, &command, &actor, at, &dir).unwrap().0;
        }
        assert_eq!(imported, live);
        assert_eq!(imported.status, CaseStatus::Resolved);
        assert_eq!(Case::replay(&imported.timeline).unwrap(), imported);
    }

    #[test]
    fn the_case_keeps_its_original_dates() {
        let line = example();
        let case = build_case(&line, code(&line), &demo_directory()).unwrap();
        assert_eq!(case.filed_at, local(5, 9, 30));
        assert_eq!(case.timeline[0].at, case.filed_at);
        let times: Vec<_> = case.timeline[1..].iter().map(|e| e.at).collect();
        let recorded: Vec<_> = line.events.iter().map(|e| e.at).collect();
        assert_eq!(times, recorded);
        assert_eq!(case.stage_started_at, local(12, 16, 0));
        assert_eq!(case.code.to_string(), "ZH07-2024-0001");
    }

    #[test]
    fn the_code_year_is_the_local_filing_year() {
        let mut line = example();
        // 20:30 UTC on 31 December is already New Year's Day in Dalian.
        line.filed_at = Utc.with_ymd_and_hms(2023, 12, 31, 20, 30, 0).unwrap();
        assert_eq!(code_year(&line), 2024);
        line.events.clear();
        let dir = demo_directory();
        let wrong = CaseCode::new("ZH", 7, 2023, 1).unwrap();
        assert_eq!(
            build_case(&line, wrong, &dir).unwrap_err().code,
            "wrong_code"
        );
        let elsewhere = CaseCode::new("ZH", 8, 2024, 1).unwrap();
        assert_eq!(
            build_case(&line, elsewhere, &dir)
                .unwrap_err()
                .field
                .as_deref(),
            Some("code")
        );
    }

    #[test]
    fn a_refused_transition_names_the_line_the_event_and_the_reason() {
        // Closing a case that is only resolved skips the follow-up.
        let close = serde_json::json!({
            "at": "2024-03-20T10:00:00+08:00",
            "by": {"username": "coordinator", "role": "coordinator"},
            "command": {"command": "close"}
        });
        let line = parse_line(12, &with_events(&[(4, close)])).unwrap();
        let err = build_case(&line, code(&line), &demo_directory()).unwrap_err();
        assert_eq!(err.line, 12);
        assert_eq!(err.source_id.as_deref(), Some("hx-000042"));
        assert_eq!(err.field.as_deref(), Some("events[4].command"));
        assert_eq!(err.code, "invalid_transition");
        assert_eq!(
            err.to_string(),
            "line 12: events[4]: Close is not allowed while the case is resolved"
        );
    }

    #[test]
    fn an_actor_who_may_not_give_a_command_is_refused() {
        let by_resident = serde_json::json!({
            "at": "2024-03-12T16:00:00+08:00",
            "by": "resident",
            "command": {"command": "resolve", "outcome": "agreement_reached"}
        });
        let line = parse_line(3, &with_events(&[(3, by_resident)])).unwrap();
        let err = build_case(&line, code(&line), &demo_directory()).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.field.as_deref()),
            ("forbidden", Some("events[3].by"))
        );
    }

    #[test]
    fn an_unknown_category_community_or_grid_is_named() {
        let dir = demo_directory();
        for (key, value, field, code_expected) in [
            ("category", "feng_shui", "category", "unknown_category"),
            (
                "category",
                "fire_escape",
                "category",
                "category_kind_mismatch",
            ),
            ("community", "zh99", "community", "unknown_community"),
            ("grid", "zh01-g1", "grid", "unknown_grid"),
            ("applicant", "", "applicant", "invalid_format"),
        ] {
            let mut value_json: Value = serde_json::from_str(EXAMPLE).unwrap();
            value_json[key] = Value::String(value.into());
            let parsed = parse_line(1, &value_json.to_string());
            let err = match parsed {
                Ok(line) => {
                    let code = code_for(&line, &dir, 1)
                        .unwrap_or_else(|| CaseCode::new("ZH", 7, 2024, 1).unwrap());
                    build_case(&line, code, &dir).unwrap_err()
                }
                Err(err) => err,
            };
            assert_eq!(err.field.as_deref(), Some(field), "{key}={value}");
            assert_eq!(err.code, code_expected, "{key}={value}");
        }
    }

    #[test]
    fn a_missing_phone_is_refused_as_live_and_named_as_on_the_line() {
        let mut value: Value = serde_json::from_str(EXAMPLE).unwrap();
        value["applicant"] = serde_json::json!({"name": "张三"});
        let line = parse_line(1, &value.to_string()).unwrap();
        let err = build_case(&line, code(&line), &demo_directory()).unwrap_err();
        assert_eq!(
            (err.field.as_deref(), err.code.as_str()),
            (Some("applicant.phone"), "required")
        );
    }

    #[test]
    fn events_out_of_order_or_before_the_filing_are_refused() {
        let dir = demo_directory();
        let early_start = serde_json::json!({
            "at": "2024-03-05T10:01:00+08:00",
            "by": {"username": "mediator01", "role": "mediator"},
            "command": {"command": "start"}
        });
        let line = parse_line(1, &with_events(&[(2, early_start)])).unwrap();
        let err = build_case(&line, code(&line), &dir).unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.field.as_deref()),
            ("events_out_of_order", Some("events[2].at"))
        );
        let before = serde_json::json!({
            "at": "2024-03-05T09:00:00+08:00",
            "by": {"username": "coordinator", "role": "coordinator"},
            "command": {"command": "accept"}
        });
        let line = parse_line(1, &with_events(&[(0, before)])).unwrap();
        let err = build_case(&line, code(&line), &dir).unwrap_err();
        assert_eq!(err.code, "event_before_filing");
    }

    #[test]
    fn bad_shapes_name_their_field() {
        for (text, field, code) in [
            ("not json", None, "invalid_json"),
            ("[1,2]", None, "invalid_json"),
            (r#"{"community":"zh01"}"#, Some("source_id"), "required"),
            (r#"{"source_id":"  "}"#, Some("source_id"), "invalid_format"),
        ] {
            let err = parse_line(4, text).unwrap_err();
            assert_eq!(
                (err.line, err.field.as_deref(), err.code.as_str()),
                (4, field, code)
            );
        }
        let mut value: Value = serde_json::from_str(EXAMPLE).unwrap();
        value["filed_at"] = Value::String("5 March 2024".into());
        let err = parse_line(1, &value.to_string()).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("filed_at"));
        assert_eq!(err.source_id.as_deref(), Some("hx-000042"));
        value["filed_at"] = Value::String("2024-03-05T09:30:00+08:00".into());
        value["colour"] = Value::String("blue".into());
        assert_eq!(
            parse_line(1, &value.to_string()).unwrap_err().code,
            "unknown_field"
        );
        let fly = serde_json::json!({
            "at": "2024-03-12T16:00:00+08:00",
            "by": "system",
            "command": {"command": "fly"}
        });
        let err = parse_line(1, &with_events(&[(3, fly)])).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("events[3].command"));
        let long = format!("{{\"source_id\":\"{}\"}}", "x".repeat(MAX_LINE_BYTES));
        assert_eq!(parse_line(1, &long).unwrap_err().code, "line_too_long");
    }

    #[test]
    fn a_web_filing_is_the_residents_and_carries_no_risk_factors() {
        let dir = demo_directory();
        let mut value: Value = serde_json::from_str(EXAMPLE).unwrap();
        value["channel"] = Value::String("web".into());
        let line = parse_line(1, &value.to_string()).unwrap();
        let err = build_case(&line, code(&line), &dir).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("recorded_by"));
        value.as_object_mut().unwrap().remove("recorded_by");
        let line = parse_line(1, &value.to_string()).unwrap();
        let err = build_case(&line, code(&line), &dir).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("risk_factors"));
        value.as_object_mut().unwrap().remove("risk_factors");
        let line = parse_line(1, &value.to_string()).unwrap();
        let case = build_case(&line, code(&line), &dir).unwrap();
        assert_eq!(
            (case.channel, &case.recorded_by),
            (Channel::Web, &Actor::Resident)
        );
        // A volunteer's assisted filing is on the volunteer channel, recorded by the volunteer.
        value["channel"] = Value::String("volunteer".into());
        value["recorded_by"] = serde_json::json!({"volunteer": "刘阿姨", "link": "vol-7"});
        let line = parse_line(1, &value.to_string()).unwrap();
        let case = build_case(&line, code(&line), &dir).unwrap();
        assert!(matches!(case.recorded_by, Actor::Volunteer { .. }));
        assert_eq!(case.channel, Channel::Volunteer);
        // A staff channel needs a role that records intake.
        value["channel"] = Value::String("hotline".into());
        value["recorded_by"] = serde_json::json!({"username": "admin", "role": "admin"});
        let line = parse_line(1, &value.to_string()).unwrap();
        assert_eq!(
            build_case(&line, code(&line), &dir).unwrap_err().code,
            "forbidden"
        );
    }

    #[test]
    fn merges_and_moves_cannot_be_imported() {
        let merge = serde_json::json!({
            "at": "2024-03-12T16:00:00+08:00",
            "by": {"username": "coordinator", "role": "coordinator"},
            "command": {"command": "merge_into", "primary": "ZH07-2024-0002"}
        });
        let line = parse_line(1, &with_events(&[(3, merge)])).unwrap();
        let err = build_case(&line, code(&line), &demo_directory()).unwrap_err();
        assert_eq!(err.code, "unsupported_command");
    }

    #[test]
    fn a_file_check_reports_every_problem_with_its_line_and_duplicates() {
        let dir = demo_directory();
        let mut other: Value = serde_json::from_str(EXAMPLE).unwrap();
        other["source_id"] = Value::String("hx-000043".into());
        other["category"] = Value::String("feng_shui".into());
        let text = format!("{EXAMPLE}\n\n   \nnot json\r\n{other}\n{EXAMPLE}\n");
        let report = check_file(&text, &dir);
        assert_eq!(report.lines, 4);
        assert_eq!(report.valid, 1);
        let found: Vec<(usize, &str)> = report
            .errors
            .iter()
            .map(|e| (e.line, e.code.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (4, "invalid_json"),
                (5, "unknown_category"),
                (6, "duplicate_source_id")
            ]
        );
        assert_eq!(report.errors[2].message, "source_id: already on line 1");
        assert_eq!(report.cases_by_community.get("zh07"), Some(&1));
        assert!(!report.is_clean());
    }

    #[test]
    fn a_file_past_the_caps_is_cut_off_and_says_so() {
        let dir = demo_directory();
        let huge = " ".repeat(MAX_FILE_BYTES + 1);
        assert_eq!(check_file(&huge, &dir).errors[0].code, "file_too_large");
        let many = "{}\n".repeat(MAX_LINES + 5);
        let report = check_file(&many, &dir);
        assert_eq!(report.lines, MAX_LINES);
        let last = report.errors.last().unwrap();
        assert_eq!(
            (last.line, last.code.as_str()),
            (MAX_LINES + 1, "too_many_lines")
        );
    }

    #[test]
    fn a_line_survives_its_own_format() {
        let line = example();
        let again = parse_line(7, &serde_json::to_string(&line).unwrap()).unwrap();
        assert_eq!(again, line);
    }
}
