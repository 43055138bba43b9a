//! Open311 GeoReport v2 for a street as one jurisdiction: the services (the street's
//! categories, each with a definition whose attributes are the place and the category's
//! questions), a posted request read into the web filing's request, the public view of a case
//! a listing may show, the status mapping (open / closed, and FixMyStreet's extended
//! statuses) and the two formats, JSON and XML, from one tree.
//!
//! What leaves is only what a public listing may show: the code, the category, the status,
//! the dates and the street office; for a hazard its community and grid, never an exact
//! address; for a dispute no place at all; nobody's name, phone or words.

use crate::case::Case;
use crate::directory::{Category, Directory, Street};
use crate::fields::FieldError;
use crate::intake::FileCaseRequest;
use crate::questions::{Question, QuestionKind};
use crate::secret::sha256_hex;
use crate::time::to_local;
use crate::vocabulary::{CaseKind, CaseStatus, Name};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The specification the endpoint follows, as discovery names it.
pub const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";
/// The date of the last change to what the endpoint offers (discovery's `changeset`).
pub const CHANGESET: &str = "2026-12-03T00:00:00+08:00";
/// At most this many requests in one listing, newest first.
pub const MAX_REQUESTS: usize = 1000;
/// A listing's window, and the longest one it may ask for.
pub const WINDOW_DAYS: i64 = 90;
/// At most this many `service_request_id`s in one look-up.
pub const MAX_IDS: usize = 50;
/// The longest `client_request_id`.
pub const MAX_CLIENT_REQUEST_ID: usize = 100;
/// The longest name of an API client.
pub const MAX_CLIENT_NAME: usize = 80;

/// The two formats of GeoReport v2, chosen by the path's suffix (`.json`, `.xml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json; charset=utf-8",
            Format::Xml => "text/xml; charset=utf-8",
        }
    }
}

/// Splits the format suffix off a path: `/open311/v2/services.xml` is the services in XML;
/// a path without `.json` or `.xml` at its end is JSON.
pub fn split_format(path: &str) -> (&str, Format) {
    if let Some(bare) = path.strip_suffix(".xml") {
        (bare, Format::Xml)
    } else if let Some(bare) = path.strip_suffix(".json") {
        (bare, Format::Json)
    } else {
        (path, Format::Json)
    }
}

/// The language of names: `locale=en` for English, Chinese otherwise (the street's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale.map(|l| l.trim().to_ascii_lowercase()) {
            Some(l) if l.starts_with("en") => Lang::En,
            _ => Lang::Zh,
        }
    }

    pub fn pick(self, name: &Name) -> String {
        match self {
            Lang::Zh => name.zh.clone(),
            Lang::En => name.en.clone(),
        }
    }
}

/// A refusal as GeoReport words it: an HTTP status and a description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open311Error {
    pub status: u16,
    pub description: String,
}

impl Open311Error {
    pub fn new(status: u16, description: impl Into<String>) -> Self {
        Open311Error {
            status,
            description: description.into(),
        }
    }

    /// The error document: `[{"code":400,"description":"…"}]`, `<errors><error>…`.
    pub fn node(&self) -> Node {
        errors_node(self.status, &self.description)
    }
}

/// The error document of any refusal.
pub fn errors_node(status: u16, description: &str) -> Node {
    Node::List(
        "error",
        vec![Node::Obj(vec![
            ("code", Node::Int(i64::from(status))),
            ("description", Node::text(description)),
        ])],
    )
}

/// One tree for both formats: JSON objects and arrays, XML elements (a list's items are
/// elements named by the list).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Str(String),
    Int(i64),
    Bool(bool),
    /// JSON `null`; an empty element in XML.
    Null,
    Obj(Vec<(&'static str, Node)>),
    List(&'static str, Vec<Node>),
}

impl Node {
    pub fn text(s: &str) -> Node {
        Node::Str(s.to_owned())
    }

    fn opt(s: Option<String>) -> Node {
        s.map_or(Node::Null, Node::Str)
    }

    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Node::Str(s) => Value::String(s.clone()),
            Node::Int(n) => Value::from(*n),
            Node::Bool(b) => Value::Bool(*b),
            Node::Null => Value::Null,
            Node::Obj(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.to_json()))
                    .collect(),
            ),
            Node::List(_, items) => Value::Array(items.iter().map(Node::to_json).collect()),
        }
    }

    /// The document in XML, its root element named `root`.
    pub fn to_xml(&self, root: &str) -> String {
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        self.write_xml(root, &mut out);
        out.push('\n');
        out
    }

    fn write_xml(&self, name: &str, out: &mut String) {
        match self {
            Node::Null => {
                out.push('<');
                out.push_str(name);
                out.push_str("/>");
                return;
            }
            _ => {
                out.push('<');
                out.push_str(name);
                out.push('>');
            }
        }
        match self {
            Node::Str(s) => escape_xml(s, out),
            Node::Int(n) => out.push_str(&n.to_string()),
            Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Node::Null => {}
            Node::Obj(fields) => {
                for (k, v) in fields {
                    v.write_xml(k, out);
                }
            }
            Node::List(item, items) => {
                for v in items {
                    v.write_xml(item, out);
                }
            }
        }
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
}

/// Escapes text for XML; characters XML 1.0 cannot carry are left out.
fn escape_xml(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// The street a request names by `jurisdiction_id` (a street's id); without one, the
/// district's first street.
pub fn jurisdiction<'a>(dir: &'a Directory, id: Option<&str>) -> Result<&'a Street, Open311Error> {
    match id.map(str::trim).filter(|s| !s.is_empty()) {
        None => dir
            .streets
            .first()
            .ok_or_else(|| Open311Error::new(404, "no jurisdiction is set up")),
        Some(id) => dir
            .street(id)
            .ok_or_else(|| Open311Error::new(404, "jurisdiction_id not found")),
    }
}

/// The categories a street offers, in the directory's order.
pub fn offered<'a>(dir: &'a Directory, street: &'a Street) -> impl Iterator<Item = &'a Category> {
    dir.categories.iter().filter(move |c| {
        street
            .categories
            .as_ref()
            .is_none_or(|ids| ids.iter().any(|id| id == &c.id))
    })
}

fn kind_name(kind: CaseKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (CaseKind::Dispute, Lang::Zh) => "矛盾纠纷",
        (CaseKind::Dispute, Lang::En) => "Dispute between neighbours",
        (CaseKind::Hazard, Lang::Zh) => "隐患与公共事项",
        (CaseKind::Hazard, Lang::En) => "Hazard or public matter",
    }
}

fn kind_code(kind: CaseKind) -> &'static str {
    match kind {
        CaseKind::Dispute => "dispute",
        CaseKind::Hazard => "hazard",
    }
}

/// `GET services`: the street's categories. Every service has a definition (the place is
/// always asked), so `metadata` is always true.
pub fn services(dir: &Directory, street: &Street, lang: Lang) -> Node {
    let items = offered(dir, street)
        .map(|c| {
            Node::Obj(vec![
                ("service_code", Node::text(&c.id)),
                ("service_name", Node::Str(lang.pick(&c.name))),
                (
                    "description",
                    Node::Str(format!(
                        "{} · {}",
                        kind_name(c.kind, lang),
                        lang.pick(&c.name)
                    )),
                ),
                ("metadata", Node::Bool(true)),
                ("type", Node::text("realtime")),
                ("keywords", Node::text(kind_code(c.kind))),
                ("group", Node::text(kind_name(c.kind, lang))),
            ])
        })
        .collect();
    Node::List("service", items)
}

/// The attribute that says where: one of the street's grids (its community follows from it).
pub const GRID_ATTRIBUTE: &str = "grid";

fn attribute(
    code: &str,
    datatype: &str,
    required: bool,
    order: i64,
    description: String,
    values: Vec<(String, String)>,
) -> Node {
    Node::Obj(vec![
        ("variable", Node::Bool(true)),
        ("code", Node::text(code)),
        ("datatype", Node::text(datatype)),
        ("required", Node::Bool(required)),
        ("datatype_description", Node::Null),
        ("order", Node::Int(order)),
        ("description", Node::Str(description)),
        (
            "values",
            Node::List(
                "value",
                values
                    .into_iter()
                    .map(|(key, name)| {
                        Node::Obj(vec![("key", Node::Str(key)), ("name", Node::Str(name))])
                    })
                    .collect(),
            ),
        ),
    ])
}

fn question_attribute(q: &Question, order: i64, lang: Lang) -> Node {
    let (datatype, values) = match q.kind {
        QuestionKind::Text => ("string", Vec::new()),
        QuestionKind::Number => ("number", Vec::new()),
        QuestionKind::YesNo => (
            "singlevaluelist",
            match lang {
                Lang::Zh => vec![("yes".into(), "是".into()), ("no".into(), "否".into())],
                Lang::En => vec![("yes".into(), "Yes".into()), ("no".into(), "No".into())],
            },
        ),
        QuestionKind::Choice => (
            "singlevaluelist",
            q.choices
                .iter()
                .map(|c| (c.id.clone(), lang.pick(&c.label)))
                .collect(),
        ),
    };
    attribute(
        &q.id,
        datatype,
        q.required,
        order,
        lang.pick(&q.label),
        values,
    )
}

/// `GET services/{service_code}`: the definition of one of the street's services: the grid
/// first (required), then the category's questions in their order.
pub fn service_definition(
    dir: &Directory,
    street: &Street,
    code: &str,
    lang: Lang,
) -> Result<Node, Open311Error> {
    let category = offered(dir, street)
        .find(|c| c.id == code)
        .ok_or_else(|| Open311Error::new(404, "service_code not found"))?;
    let grids = dir
        .communities_of(&street.id)
        .flat_map(|c| {
            c.grids.iter().map(move |g| {
                (
                    g.id.clone(),
                    format!("{} · {}", lang.pick(&c.name), lang.pick(&g.name)),
                )
            })
        })
        .collect();
    let place = match lang {
        Lang::Zh => "所在社区和网格",
        Lang::En => "Community and grid",
    };
    let mut attributes = vec![attribute(
        GRID_ATTRIBUTE,
        "singlevaluelist",
        true,
        1,
        place.into(),
        grids,
    )];
    attributes.extend(
        category
            .questions
            .iter()
            .zip(2..)
            .map(|(q, order)| question_attribute(q, order, lang)),
    );
    Ok(Node::Obj(vec![
        ("service_code", Node::text(&category.id)),
        ("attributes", Node::List("attribute", attributes)),
    ]))
}

/// `GET discovery`: the one endpoint, at `base` (`https://host/open311/v2`).
pub fn discovery(base: &str, contact: &str) -> Node {
    Node::Obj(vec![
        ("changeset", Node::text(CHANGESET)),
        ("contact", Node::text(contact)),
        ("key_service", Node::text(
            "An API key for posting requests is issued by the district's or the street's administrator, one per client application.",
        )),
        (
            "endpoints",
            Node::List(
                "endpoint",
                vec![Node::Obj(vec![
                    ("specification", Node::text(SPECIFICATION)),
                    ("url", Node::text(base)),
                    ("changeset", Node::text(CHANGESET)),
                    ("type", Node::text("production")),
                    (
                        "formats",
                        Node::List(
                            "format",
                            vec![Node::text("application/json"), Node::text("text/xml")],
                        ),
                    ),
                ])],
            ),
        ),
    ])
}

/// Decodes an `application/x-www-form-urlencoded` body (or a query string): `+` is a space,
/// `%XX` a byte; bytes that are not UTF-8 become U+FFFD.
pub fn parse_form(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A posted request as read: the web filing's request, the client's own id of it (for
/// idempotency), and the API key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostedRequest {
    pub filing: FileCaseRequest,
    pub client_request_id: Option<String>,
    pub api_key: String,
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{3400}'..='\u{9FFF}').contains(&c))
}

/// The applicant's name from GeoReport's two fields: a Chinese name family name first, with
/// no space; any other "first last".
pub fn full_name(first: &str, last: &str) -> String {
    let (first, last) = (first.trim(), last.trim());
    match (first.is_empty(), last.is_empty()) {
        (true, _) => last.to_owned(),
        (_, true) => first.to_owned(),
        _ if has_cjk(first) || has_cjk(last) => format!("{last}{first}"),
        _ => format!("{first} {last}"),
    }
}

/// Reads `POST requests` into the web filing's request, in the street of the jurisdiction.
/// The place is the `attribute[grid]`; `address_string` is the address (there is no
/// geocoder, so `lat`/`long` alone do not say where); the name is `first_name` and
/// `last_name`, the phone `phone`; `email`, `device_id`, `account_id` and `media_url` are not
/// kept. Every other `attribute[code]` must be one of the category's questions.
pub fn read_post(
    dir: &Directory,
    street: &Street,
    pairs: &[(String, String)],
) -> Result<PostedRequest, Open311Error> {
    let mut fields: BTreeMap<&str, &str> = BTreeMap::new();
    let mut attributes: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in pairs {
        if let Some(code) = k
            .strip_prefix("attribute[")
            .and_then(|r| r.strip_suffix(']'))
        {
            if attributes.insert(code.to_owned(), v.clone()).is_some() {
                return Err(Open311Error::new(
                    400,
                    format!("attribute[{code}] is given twice"),
                ));
            }
        } else if fields.insert(k.as_str(), v.as_str()).is_some() {
            return Err(Open311Error::new(400, format!("{k} is given twice")));
        }
    }
    let get = |k: &str| fields.get(k).map(|v| v.trim()).unwrap_or_default();
    let api_key = get("api_key");
    if api_key.is_empty() {
        return Err(Open311Error::new(
            403,
            "api_key is required to post a request",
        ));
    }
    let code = get("service_code");
    if code.is_empty() {
        return Err(Open311Error::new(
            400,
            "service_code: this field is required",
        ));
    }
    let category = offered(dir, street)
        .find(|c| c.id == code)
        .ok_or_else(|| Open311Error::new(404, "service_code not found"))?;
    let grid_id = attributes.remove(GRID_ATTRIBUTE).unwrap_or_default();
    let grid_id = grid_id.trim();
    if grid_id.is_empty() {
        return Err(Open311Error::new(
            400,
            "attribute[grid]: this field is required",
        ));
    }
    let community = dir
        .communities_of(&street.id)
        .find(|c| c.grid(grid_id).is_some())
        .ok_or_else(|| {
            Open311Error::new(400, "attribute[grid]: no such grid in this jurisdiction")
        })?;
    if let Some(unknown) = attributes
        .keys()
        .find(|k| !category.questions.iter().any(|q| &q.id == *k))
    {
        return Err(Open311Error::new(
            400,
            format!("attribute[{unknown}] is not an attribute of this service"),
        ));
    }
    let address = get("address_string");
    if address.is_empty() {
        return Err(Open311Error::new(
            400,
            "address_string: this field is required (a location is not enough: there is no geocoder)",
        ));
    }
    let client_request_id = match get("client_request_id") {
        "" => None,
        id if id.chars().count() > MAX_CLIENT_REQUEST_ID || id.chars().any(char::is_control) => {
            return Err(Open311Error::new(400, "client_request_id is invalid"))
        }
        id => Some(id.to_owned()),
    };
    Ok(PostedRequest {
        filing: FileCaseRequest {
            kind: kind_code(category.kind).to_owned(),
            category: category.id.clone(),
            description: get("description").to_owned(),
            respondent_name: None,
            community: community.id.clone(),
            grid: grid_id.to_owned(),
            address: address.to_owned(),
            name: full_name(get("first_name"), get("last_name")),
            phone: get("phone").to_owned(),
            conflict_since: None,
            answers: attributes,
            location: None,
        },
        client_request_id,
        api_key: api_key.to_owned(),
    })
}

/// The filing's rejected field in GeoReport's words (an answer by its attribute's code).
pub fn field_error(err: &FieldError, category: Option<&Category>) -> Open311Error {
    let field = match err.field {
        "category" | "kind" => "service_code".to_owned(),
        "community" | "grid" => "attribute[grid]".to_owned(),
        "address" => "address_string".to_owned(),
        "name" => "first_name".to_owned(),
        answer if answer.starts_with("answers.") => answer
            .strip_prefix("answers.")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| category.and_then(|c| c.questions.get(n)))
            .map_or_else(
                || "attribute".to_owned(),
                |q| format!("attribute[{}]", q.id),
            ),
        other => other.to_owned(),
    };
    Open311Error::new(400, format!("{field}: {}", err.problem))
}

/// The idempotency key of a client's request: bound to the client, so two clients' ids
/// never meet.
pub fn idempotency_key(client_id: &str, client_request_id: &str) -> String {
    let hash =
        sha256_hex(format!("accord-open311-v1\0{client_id}\0{client_request_id}").as_bytes());
    format!("o311-{}", &hash[..40])
}

/// An API client, as an admin issued it (its key is stored only as a hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiClient {
    pub id: String,
    pub name: String,
    /// The street (jurisdiction) it posts to.
    pub street: String,
    pub issued_at: DateTime<Utc>,
    pub issued_by: String,
    #[serde(default)]
    pub revoked: bool,
    /// When and by whom the key was revoked; a revoked key posts nothing again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_by: Option<String>,
}

impl ApiClient {
    /// The client with its key revoked at `at` by `by`; revoking again changes nothing.
    pub fn revoked(self, at: DateTime<Utc>, by: &str) -> ApiClient {
        if self.revoked {
            return self;
        }
        ApiClient {
            revoked: true,
            revoked_at: Some(at),
            revoked_by: Some(by.to_owned()),
            ..self
        }
    }
}

/// `POST /api/admin/open311/clients`: a client to issue a key for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IssueClientRequest {
    pub name: String,
    pub street: String,
}

/// The answer of issuing: the client and its key, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedClient {
    pub client: ApiClient,
    pub api_key: String,
}

/// Checks a client's name: 1 to [`MAX_CLIENT_NAME`] characters, no control characters.
pub fn check_client_name(raw: &str) -> Result<String, FieldError> {
    use crate::fields::FieldProblem;
    let name = raw.trim();
    if name.is_empty() {
        return Err(FieldError::new("name", FieldProblem::Required));
    }
    if name.chars().count() > MAX_CLIENT_NAME {
        return Err(FieldError::new(
            "name",
            FieldProblem::TooLong {
                max: MAX_CLIENT_NAME,
            },
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(FieldError::new("name", FieldProblem::ControlCharacters));
    }
    Ok(name.to_owned())
}

/// The key an API client sends: `o311_` and 32 random bytes in hex.
pub fn api_key_from_random(bytes: [u8; 32]) -> String {
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("o311_{hex}")
}

/// A key as stored.
pub fn api_key_hash(key: &str) -> String {
    sha256_hex(format!("accord-open311-key-v1\0{}", key.trim()).as_bytes())
}

/// What a public listing may show of a case. The place only for a hazard, and then only its
/// community and grid; a dispute carries none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicRequest {
    pub code: String,
    pub category: String,
    pub kind: CaseKind,
    pub status: CaseStatus,
    pub merged: bool,
    pub moved: bool,
    pub requested: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// (community, grid), for a hazard only.
    pub place: Option<(String, String)>,
}

/// The public view of a case. `updated` is when its current stage began (every change of
/// status starts one), or its filing.
pub fn public_request(case: &Case) -> PublicRequest {
    PublicRequest {
        code: case.code.to_string(),
        category: case.category.clone(),
        kind: case.kind,
        status: case.status,
        merged: case.merged_into.is_some(),
        moved: case.moved_to.is_some(),
        requested: case.filed_at,
        updated: case.stage_started_at.max(case.filed_at),
        place: (case.kind == CaseKind::Hazard).then(|| (case.community.clone(), case.grid.clone())),
    }
}

/// GeoReport's two statuses: open while someone still has to act on the case.
pub fn status(req: &PublicRequest) -> &'static str {
    if req.status.is_open() {
        "open"
    } else {
        "closed"
    }
}

/// FixMyStreet's extended statuses (as its Open311 clients read them, in lower case).
pub const EXTENDED_STATUSES: [&str; 11] = [
    "open",
    "investigating",
    "action_scheduled",
    "in_progress",
    "fixed",
    "unable_to_fix",
    "not_councils_responsibility",
    "internal_referral",
    "duplicate",
    "no_further_action",
    "closed",
];

/// The extended status of a case: a merged case is a duplicate, a case moved to another
/// street an internal referral, a referral out not the office's responsibility.
pub fn extended_status(req: &PublicRequest) -> &'static str {
    if req.merged {
        return "duplicate";
    }
    if req.moved {
        return "internal_referral";
    }
    match req.status {
        CaseStatus::Reported => "open",
        CaseStatus::Accepted => "investigating",
        CaseStatus::Assigned => "action_scheduled",
        CaseStatus::InProgress => "in_progress",
        CaseStatus::Resolved | CaseStatus::FollowUp => "fixed",
        CaseStatus::MediationFailed => "unable_to_fix",
        CaseStatus::Referred => "not_councils_responsibility",
        CaseStatus::Rejected => "no_further_action",
        CaseStatus::Closed => "closed",
    }
}

/// A moment as GeoReport writes it (W3C, with the street's offset).
pub fn datetime(at: DateTime<Utc>) -> String {
    to_local(at).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// One request as a listing shows it, in GeoReport's order of fields. `extensions` puts
/// the extended status in `status`.
pub fn request_node(dir: &Directory, req: &PublicRequest, lang: Lang, extensions: bool) -> Node {
    let category = dir.category(&req.category);
    let agency = dir
        .community(req.place.as_ref().map_or("", |(c, _)| c.as_str()))
        .and_then(|c| dir.street_of(c))
        .or_else(|| {
            crate::code::CaseCode::parse(&req.code)
                .ok()
                .and_then(|code| dir.community_of(&code))
                .and_then(|c| dir.street_of(c))
        })
        .map(|s| lang.pick(&s.name));
    let address = req.place.as_ref().and_then(|(community, grid)| {
        let c = dir.community(community)?;
        let g = c.grid(grid)?;
        Some(format!("{} · {}", lang.pick(&c.name), lang.pick(&g.name)))
    });
    Node::Obj(vec![
        ("service_request_id", Node::text(&req.code)),
        (
            "status",
            Node::text(if extensions {
                extended_status(req)
            } else {
                status(req)
            }),
        ),
        ("status_notes", Node::Null),
        (
            "service_name",
            Node::opt(category.map(|c| lang.pick(&c.name))),
        ),
        ("service_code", Node::text(&req.category)),
        ("description", Node::Null),
        ("agency_responsible", Node::opt(agency)),
        ("service_notice", Node::Null),
        ("requested_datetime", Node::Str(datetime(req.requested))),
        ("updated_datetime", Node::Str(datetime(req.updated))),
        ("expected_datetime", Node::Null),
        ("address", Node::opt(address)),
        ("address_id", Node::Null),
        ("zipcode", Node::Null),
        ("lat", Node::Null),
        ("long", Node::Null),
        ("media_url", Node::Null),
    ])
}

/// The list of requests (`<service_requests><request>…`).
pub fn requests_node(
    dir: &Directory,
    reqs: &[PublicRequest],
    lang: Lang,
    extensions: bool,
) -> Node {
    Node::List(
        "request",
        reqs.iter()
            .map(|r| request_node(dir, r, lang, extensions))
            .collect(),
    )
}

/// The answer of a posted request: its id, never the resident's secret.
pub fn created_node(code: &str, lang: Lang) -> Node {
    let notice = match lang {
        Lang::Zh => "已受理登记，请凭编号查询进度。",
        Lang::En => "Received. Follow it by its id.",
    };
    Node::List(
        "request",
        vec![Node::Obj(vec![
            ("service_request_id", Node::text(code)),
            ("service_notice", Node::text(notice)),
            ("account_id", Node::Null),
        ])],
    )
}

/// What `GET requests` asks for, read from its query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// Only these codes (the other filters are then not applied, as the specification says).
    pub ids: Option<Vec<String>>,
    pub service_codes: Option<Vec<String>>,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// Accepted statuses: `open`, `closed` or extended ones; `None` for all.
    pub statuses: Option<Vec<String>>,
    pub extensions: bool,
}

fn list_param(raw: Option<&str>) -> Option<Vec<String>> {
    let items: Vec<String> = raw?
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    (!items.is_empty()).then_some(items)
}

fn parse_datetime(field: &str, raw: Option<&str>) -> Result<Option<DateTime<Utc>>, Open311Error> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(raw) => DateTime::parse_from_rfc3339(raw)
            .map(|d| Some(d.with_timezone(&Utc)))
            .map_err(|_| {
                Open311Error::new(
                    400,
                    format!("{field} must be a W3C datetime (2026-12-01T00:00:00+08:00)"),
                )
            }),
    }
}

/// Reads a listing's query. Without dates, the last [`WINDOW_DAYS`] days; with one, the
/// window from or up to it; a window longer than that is refused.
pub fn read_listing(
    query: &BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> Result<Listing, Open311Error> {
    let get = |k: &str| query.get(k).map(String::as_str);
    let window = Duration::days(WINDOW_DAYS);
    let ids = list_param(get("service_request_id"));
    if ids.as_ref().is_some_and(|ids| ids.len() > MAX_IDS) {
        return Err(Open311Error::new(
            400,
            format!("at most {MAX_IDS} service_request_id at once"),
        ));
    }
    let start = parse_datetime("start_date", get("start_date"))?;
    let end = parse_datetime("end_date", get("end_date"))?;
    let (from, to) = match (start, end) {
        (None, None) => (now - window, now),
        (Some(s), None) => (s, s + window),
        (None, Some(e)) => (e - window, e),
        (Some(s), Some(e)) => (s, e),
    };
    if to < from {
        return Err(Open311Error::new(400, "end_date is before start_date"));
    }
    if to - from > window {
        return Err(Open311Error::new(
            400,
            format!("a window may not span more than {WINDOW_DAYS} days"),
        ));
    }
    let statuses = list_param(get("status"));
    if let Some(bad) = statuses
        .iter()
        .flatten()
        .find(|s| !EXTENDED_STATUSES.contains(&s.as_str()))
    {
        return Err(Open311Error::new(
            400,
            format!("status {bad} is not one this endpoint knows"),
        ));
    }
    Ok(Listing {
        ids,
        service_codes: list_param(get("service_code")),
        from,
        to,
        statuses,
        extensions: matches!(get("extensions"), Some("true" | "1")),
    })
}

impl Listing {
    /// Whether a request passes the listing's status filter (`open` and `closed` are
    /// GeoReport's, any other name an extended status).
    pub fn status_matches(&self, req: &PublicRequest) -> bool {
        self.statuses.as_ref().is_none_or(|wanted| {
            wanted.iter().any(|w| match w.as_str() {
                "open" => status(req) == "open",
                "closed" => status(req) == "closed",
                other => extended_status(req) == other,
            })
        })
    }
}

/// The newest first, at most [`MAX_REQUESTS`].
pub fn newest_first(mut reqs: Vec<PublicRequest>) -> Vec<PublicRequest> {
    reqs.sort_by(|a, b| {
        b.requested
            .cmp(&a.requested)
            .then_with(|| b.code.cmp(&a.code))
    });
    reqs.truncate(MAX_REQUESTS);
    reqs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_directory;
    use crate::intake::validate_filing;
    use crate::testing::{filed_dispute, filed_hazard};

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn hazard_post() -> Vec<(String, String)> {
        pairs(&[
            ("api_key", "o311_abc"),
            ("service_code", "fire_escape"),
            ("description", "楼道堆放大量杂物，堵塞消防通道。"),
            ("address_string", "中华路8号楼道"),
            ("first_name", "五"),
            ("last_name", "王"),
            ("phone", "13900001111"),
            ("email", "w@example.org"),
            ("lat", "38.9"),
            ("long", "121.6"),
            ("attribute[grid]", "zh01-g2"),
            ("attribute[in_danger]", "yes"),
            ("attribute[blocked_by]", "goods"),
            ("client_request_id", "app-7781"),
        ])
    }

    #[test]
    fn the_suffix_chooses_the_format() {
        assert_eq!(
            split_format("/open311/v2/services.xml"),
            ("/open311/v2/services", Format::Xml)
        );
        assert_eq!(
            split_format("/open311/v2/requests/ZH01-2026-0001.json"),
            ("/open311/v2/requests/ZH01-2026-0001", Format::Json)
        );
        assert_eq!(
            split_format("/open311/v2/discovery"),
            ("/open311/v2/discovery", Format::Json)
        );
    }

    #[test]
    fn one_tree_gives_json_and_escaped_xml() {
        let node = Node::List(
            "service",
            vec![Node::Obj(vec![
                ("service_code", Node::text("a&b")),
                ("metadata", Node::Bool(true)),
                ("order", Node::Int(2)),
                ("keywords", Node::Null),
                ("description", Node::text("<x> \"q\" 'y'\u{1}")),
            ])],
        );
        assert_eq!(
            node.to_json().to_string(),
            r#"[{"description":"<x> \"q\" 'y'\u0001","keywords":null,"metadata":true,"order":2,"service_code":"a&b"}]"#
        );
        assert_eq!(
            node.to_xml("services"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><service_code>a&amp;b</service_code><metadata>true</metadata><order>2</order><keywords/><description>&lt;x&gt; &quot;q&quot; &apos;y&apos;</description></service></services>\n"
        );
    }

    #[test]
    fn forms_decode_plus_and_percent_and_keep_a_broken_escape() {
        assert_eq!(
            parse_form("a=1+2&b=%E4%B8%AD%2B&c=100%&&d"),
            pairs(&[("a", "1 2"), ("b", "中+"), ("c", "100%"), ("d", "")])
        );
        assert_eq!(
            parse_form("attribute%5Bgrid%5D=zh01-g1"),
            pairs(&[("attribute[grid]", "zh01-g1")])
        );
    }

    #[test]
    fn the_jurisdiction_is_a_street_and_defaults_to_the_first() {
        let dir = demo_directory();
        assert_eq!(jurisdiction(&dir, None).unwrap().id, dir.streets[0].id);
        assert_eq!(
            jurisdiction(&dir, Some("zhonghua-road")).unwrap().id,
            "zhonghua-road"
        );
        assert_eq!(
            jurisdiction(&dir, Some("atlantis")).unwrap_err().status,
            404
        );
    }

    #[test]
    fn services_are_the_streets_categories_with_definitions_from_their_questions() {
        let mut dir = demo_directory();
        let street = dir.street("zhonghua-road").unwrap().clone();
        let list = services(&dir, &street, Lang::En).to_json();
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), dir.categories.len());
        assert_eq!(list[0]["service_code"], "neighbours");
        assert_eq!(list[0]["service_name"], "Neighbours");
        assert_eq!(list[0]["metadata"], true);
        assert_eq!(list[0]["type"], "realtime");

        let def = service_definition(&dir, &street, "fire_escape", Lang::En)
            .unwrap()
            .to_json();
        let attrs = def["attributes"].as_array().unwrap();
        assert_eq!(attrs.len(), 3);
        assert_eq!(attrs[0]["code"], "grid");
        assert_eq!(attrs[0]["required"], true);
        assert_eq!(
            attrs[0]["values"].as_array().unwrap().len(),
            dir.communities_of("zhonghua-road")
                .map(|c| c.grids.len())
                .sum::<usize>()
        );
        assert_eq!(attrs[1]["code"], "in_danger");
        assert_eq!(attrs[1]["datatype"], "singlevaluelist");
        assert_eq!(attrs[1]["order"], 2);
        assert_eq!(attrs[1]["variable"], true);
        assert_eq!(attrs[1]["description"], "Is anyone in danger now?");
        assert_eq!(attrs[1]["values"][0]["key"], "yes");
        assert_eq!(attrs[2]["values"][1]["key"], "goods");
        let wages = service_definition(&dir, &street, "wages_labour", Lang::En)
            .unwrap()
            .to_json();
        assert!(wages["attributes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["datatype"] == "number"));

        // A street that offers only some categories lists only those.
        let s = dir
            .streets
            .iter_mut()
            .find(|s| s.id == "zhonghua-road")
            .unwrap();
        s.categories = Some(vec!["neighbours".into()]);
        let street = s.clone();
        assert_eq!(
            services(&dir, &street, Lang::Zh)
                .to_json()
                .as_array()
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            service_definition(&dir, &street, "fire_escape", Lang::Zh)
                .unwrap_err()
                .status,
            404
        );
    }

    #[test]
    fn a_post_becomes_the_web_filing_that_the_filing_rules_accept() {
        let dir = demo_directory();
        let street = dir.street("zhonghua-road").unwrap();
        let posted = read_post(&dir, street, &hazard_post()).unwrap();
        assert_eq!(posted.api_key, "o311_abc");
        assert_eq!(posted.client_request_id.as_deref(), Some("app-7781"));
        let f = &posted.filing;
        assert_eq!(
            (f.kind.as_str(), f.category.as_str()),
            ("hazard", "fire_escape")
        );
        assert_eq!((f.community.as_str(), f.grid.as_str()), ("zh01", "zh01-g2"));
        assert_eq!(f.name, "王五");
        assert_eq!(f.answers.get("in_danger").map(String::as_str), Some("yes"));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let valid = validate_filing(&dir, f, today).unwrap();
        assert_eq!(valid.answers.len(), 2);
    }

    #[test]
    fn a_post_names_what_is_missing_or_wrong_in_georeport_words() {
        let dir = demo_directory();
        let street = dir.street("zhonghua-road").unwrap();
        let without = |key: &str| -> Vec<(String, String)> {
            hazard_post()
                .into_iter()
                .filter(|(k, _)| k != key)
                .collect()
        };
        let with = |key: &str, value: &str| -> Vec<(String, String)> {
            hazard_post()
                .into_iter()
                .map(|(k, v)| {
                    if k == key {
                        (k, value.to_owned())
                    } else {
                        (k, v)
                    }
                })
                .collect()
        };
        let status = |p: Vec<(String, String)>| read_post(&dir, street, &p).unwrap_err();
        assert_eq!(status(without("api_key")).status, 403);
        assert_eq!(status(without("service_code")).status, 400);
        assert_eq!(status(with("service_code", "nope")).status, 404);
        assert!(status(without("attribute[grid]"))
            .description
            .starts_with("attribute[grid]"));
        // A grid of another street is not in this jurisdiction.
        assert_eq!(status(with("attribute[grid]", "xg01-g1")).status, 400);
        assert!(status(without("address_string"))
            .description
            .starts_with("address_string"));
        let mut extra = hazard_post();
        extra.push(("attribute[colour]".into(), "red".into()));
        assert!(status(extra).description.contains("attribute[colour]"));
        let mut twice = hazard_post();
        twice.push(("phone".into(), "1".into()));
        assert_eq!(status(twice).status, 400);

        // The filing's own rules, worded with the attribute's code.
        let posted = read_post(&dir, street, &with("attribute[in_danger]", "maybe")).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let err = validate_filing(&dir, &posted.filing, today).unwrap_err();
        let e = field_error(&err, dir.category("fire_escape"));
        assert!(
            e.description.starts_with("attribute[in_danger]: "),
            "{}",
            e.description
        );
        let posted = read_post(&dir, street, &without("phone")).unwrap();
        let err = validate_filing(&dir, &posted.filing, today).unwrap_err();
        assert!(field_error(&err, None).description.starts_with("phone: "));
    }

    #[test]
    fn names_follow_their_language_and_keys_are_bound_to_their_client() {
        assert_eq!(full_name("五", "王"), "王五");
        assert_eq!(full_name("Ada", "Lovelace"), "Ada Lovelace");
        assert_eq!(full_name("", "王"), "王");
        let a = idempotency_key("c1", "x");
        assert_eq!(a, idempotency_key("c1", "x"));
        assert_ne!(a, idempotency_key("c2", "x"));
        assert!((16..=64).contains(&a.len()));
        let key = api_key_from_random([7; 32]);
        assert_eq!(key.len(), 5 + 64);
        assert_eq!(api_key_hash(&key), api_key_hash(&format!(" {key} ")));
        assert!(check_client_name(" ").is_err());
        assert!(check_client_name(&"x".repeat(81)).is_err());
        assert_eq!(check_client_name(" FixMyStreet ").unwrap(), "FixMyStreet");
    }

    #[test]
    fn a_listing_shows_no_person_no_words_and_no_address_of_a_dispute() {
        let dir = demo_directory();
        let dispute = public_request(&filed_dispute());
        let hazard = public_request(&filed_hazard());
        assert_eq!(dispute.place, None);
        let doc = requests_node(&dir, &[dispute.clone(), hazard.clone()], Lang::Zh, false);
        let text = doc.to_json().to_string() + &doc.to_xml("service_requests");
        for secret in [
            "张三",
            "刘四",
            "王五",
            "13812345678",
            "13900001111",
            "中华路12号",
            "中华路8号",
            "漏水",
            "杂物",
        ] {
            assert!(!text.contains(secret), "{secret} leaked");
        }
        let json = doc.to_json();
        assert_eq!(json[0]["address"], serde_json::Value::Null);
        let zh01 = dir.community("zh01").unwrap();
        let grid = zh01.grid("zh01-g2").unwrap();
        assert_eq!(
            json[1]["address"],
            format!("{} · {}", zh01.name.zh, grid.name.zh)
        );
        assert_eq!(json[0]["status"], "open");
        assert_eq!(json[0]["requested_datetime"], datetime(dispute.requested));
        assert!(json[0]["requested_datetime"]
            .as_str()
            .unwrap()
            .ends_with("+08:00"));
        assert_eq!(json[0]["agency_responsible"], "中华路街道");
    }

    #[test]
    fn statuses_map_to_open_and_closed_and_to_the_extended_ones() {
        let mut req = public_request(&filed_dispute());
        let cases = [
            (CaseStatus::Reported, "open", "open"),
            (CaseStatus::Accepted, "open", "investigating"),
            (CaseStatus::Assigned, "open", "action_scheduled"),
            (CaseStatus::InProgress, "open", "in_progress"),
            (CaseStatus::Resolved, "open", "fixed"),
            (CaseStatus::FollowUp, "open", "fixed"),
            (CaseStatus::MediationFailed, "open", "unable_to_fix"),
            (CaseStatus::Referred, "open", "not_councils_responsibility"),
            (CaseStatus::Rejected, "closed", "no_further_action"),
            (CaseStatus::Closed, "closed", "closed"),
        ];
        for (s, plain, extended) in cases {
            req.status = s;
            assert_eq!(
                (status(&req), extended_status(&req)),
                (plain, extended),
                "{s:?}"
            );
            assert!(EXTENDED_STATUSES.contains(&extended));
        }
        req.merged = true;
        assert_eq!(extended_status(&req), "duplicate");
        req.merged = false;
        req.moved = true;
        assert_eq!(extended_status(&req), "internal_referral");
    }

    #[test]
    fn a_listing_reads_its_filters_and_keeps_to_ninety_days() {
        let now: DateTime<Utc> = "2026-12-03T12:00:00Z".parse().unwrap();
        let q = |list: &[(&str, &str)]| -> BTreeMap<String, String> {
            list.iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        let all = read_listing(&q(&[]), now).unwrap();
        assert_eq!((all.from, all.to), (now - Duration::days(90), now));
        let l = read_listing(
            &q(&[
                ("service_code", "neighbours, fire_escape"),
                ("status", "open"),
                ("start_date", "2026-11-01T00:00:00+08:00"),
                ("end_date", "2026-12-01T00:00:00+08:00"),
            ]),
            now,
        )
        .unwrap();
        assert_eq!(
            l.service_codes,
            Some(vec!["neighbours".into(), "fire_escape".into()])
        );
        assert_eq!(
            l.from,
            "2026-10-31T16:00:00Z".parse::<DateTime<Utc>>().unwrap()
        );
        let mut req = public_request(&filed_dispute());
        assert!(l.status_matches(&req));
        req.status = CaseStatus::Closed;
        assert!(!l.status_matches(&req));
        for bad in [
            vec![("start_date", "yesterday")],
            vec![
                ("start_date", "2026-01-01T00:00:00Z"),
                ("end_date", "2026-12-01T00:00:00Z"),
            ],
            vec![
                ("start_date", "2026-12-01T00:00:00Z"),
                ("end_date", "2026-11-01T00:00:00Z"),
            ],
            vec![("status", "pending")],
        ] {
            assert_eq!(
                read_listing(&q(&bad), now).unwrap_err().status,
                400,
                "{bad:?}"
            );
        }
        let ids = (0..51)
            .map(|n| format!("ZH01-2026-{n:04}"))
            .collect::<Vec<_>>()
            .join(",");
        assert!(read_listing(&q(&[("service_request_id", &ids)]), now).is_err());
        let ext = read_listing(
            &q(&[("status", "in_progress"), ("extensions", "true")]),
            now,
        )
        .unwrap();
        req.status = CaseStatus::InProgress;
        assert!(ext.status_matches(&req) && ext.extensions);
    }

    #[test]
    fn discovery_names_the_endpoint_and_both_formats() {
        let d = discovery("https://example.org/open311/v2", "office").to_json();
        assert_eq!(d["endpoints"][0]["specification"], SPECIFICATION);
        assert_eq!(d["endpoints"][0]["formats"][1], "text/xml");
        let x = discovery("u", "c").to_xml("discovery");
        assert!(x.contains(
            "<formats><format>application/json</format><format>text/xml</format></formats>"
        ));
    }

    #[test]
    fn newest_first_and_bounded() {
        let base = public_request(&filed_dispute());
        let reqs: Vec<PublicRequest> = (0..1005)
            .map(|n| PublicRequest {
                code: format!("ZH01-2026-{n:04}"),
                requested: base.requested + Duration::minutes(n),
                ..base.clone()
            })
            .collect();
        let out = newest_first(reqs);
        assert_eq!(out.len(), MAX_REQUESTS);
        assert_eq!(out[0].code, "ZH01-2026-1004");
    }

    #[test]
    fn a_client_revoked_once_keeps_who_revoked_it_first() {
        let at = "2026-12-04T01:00:00Z".parse().unwrap();
        let later = "2026-12-05T01:00:00Z".parse().unwrap();
        let client = ApiClient {
            id: "ab12".into(),
            name: "City app".into(),
            street: "zhonghua-road".into(),
            issued_at: at,
            issued_by: "admin".into(),
            revoked: false,
            revoked_at: None,
            revoked_by: None,
        };
        let once = client.revoked(at, "admin");
        assert!(once.revoked);
        assert_eq!(once.revoked_by.as_deref(), Some("admin"));
        let twice = once.clone().revoked(later, "district-admin");
        assert_eq!(twice, once);
        // A record stored before revocation was recorded still reads.
        let old: ApiClient = serde_json::from_str(
            r#"{"id":"x","name":"n","street":"s","issued_at":"2026-12-04T01:00:00Z","issued_by":"a"}"#,
        )
        .unwrap();
        assert!(!old.revoked && old.revoked_at.is_none());
    }
}
