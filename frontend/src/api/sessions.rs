//! Mediation sessions: scheduling and answering as staff, working hours and the calendar feed,
//! a party's link (`Authorization: Party <token>`), and the resident's list of sessions.

use super::{decode, encode, get, send, send_raw, status_error, with_json, ApiError};
use accord_shared::case::PartyRole;
use accord_shared::scheduling::{
    Availability, Conflict, NewSessionRequest, Participant, PartySessionView, Session,
    SessionOutcome, SessionStatus, Slot, StaffSessionView, Venue,
};
use accord_shared::wire::{CaseDetail, ErrorBody};
use chrono::{DateTime, Utc};
use gloo_net::http::Request;
use serde::{Deserialize, Serialize};

/// A party's link, shown once: `<origin>/s#<token>`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PartyLink {
    pub role: PartyRole,
    pub token: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Scheduled {
    pub session: StaffSessionView,
    pub party_links: Vec<PartyLink>,
}

/// Why a booking did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingFailure {
    /// The time collides with these.
    Conflicts(Vec<Conflict>),
    Other(ApiError),
}

impl From<ApiError> for BookingFailure {
    fn from(error: ApiError) -> Self {
        BookingFailure::Other(error)
    }
}

/// Sends a request whose 409 may carry booking conflicts.
async fn send_booking<T: serde::de::DeserializeOwned>(
    builder: Result<Request, gloo_net::Error>,
) -> Result<T, BookingFailure> {
    let response = send_raw(builder).await?;
    if response.ok() {
        return Ok(decode(response).await?);
    }
    let status = response.status();
    match response.json::<ErrorBody>().await {
        Ok(ErrorBody {
            conflicts: Some(conflicts),
            ..
        }) if status == 409 => Err(BookingFailure::Conflicts(conflicts)),
        Ok(body) => Err(status_error(status, Some(body.error)).into()),
        Err(_) => Err(status_error(status, None).into()),
    }
}

pub async fn schedule(
    code: &str,
    request: &NewSessionRequest,
) -> Result<Scheduled, BookingFailure> {
    let url = format!("/api/staff/cases/{}/sessions", encode(code));
    send_booking(with_json(Request::post(&url), request)).await
}

pub async fn of_case(code: &str) -> Result<Vec<StaffSessionView>, ApiError> {
    let url = format!("/api/staff/cases/{}/sessions", encode(code));
    decode(send(get(&url)).await?).await
}

/// The agenda between two instants: the caller's own sessions, or (`mine = false`) those of
/// their communities too.
pub async fn agenda(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    mine: bool,
) -> Result<Vec<Session>, ApiError> {
    let mut url = format!(
        "/api/staff/sessions?from={}&to={}",
        encode(&from.to_rfc3339()),
        encode(&to.to_rfc3339())
    );
    if mine {
        url.push_str("&mine=1");
    }
    decode(send(get(&url)).await?).await
}

#[derive(Serialize)]
struct SlotChoice {
    slot: u8,
}

#[derive(Serialize)]
struct NewStart {
    start: DateTime<Utc>,
}

fn session_url(id: &str, action: &str) -> String {
    format!("/api/staff/sessions/{}/{action}", encode(id))
}

pub async fn confirm(id: &str, slot: u8) -> Result<StaffSessionView, BookingFailure> {
    send_booking(with_json(
        Request::post(&session_url(id, "confirm")),
        &SlotChoice { slot },
    ))
    .await
}

pub async fn reschedule(
    id: &str,
    start: DateTime<Utc>,
) -> Result<StaffSessionView, BookingFailure> {
    send_booking(with_json(
        Request::post(&session_url(id, "reschedule")),
        &NewStart { start },
    ))
    .await
}

pub async fn cancel(id: &str) -> Result<StaffSessionView, ApiError> {
    let builder = Request::post(&session_url(id, "cancel"))
        .header("Accept", "application/json")
        .build();
    decode(send(builder).await?).await
}

#[derive(Serialize)]
struct Answers<'a> {
    answers: &'a [(u8, bool)],
}

/// A staff participant's answers to the proposed times.
pub async fn answer(id: &str, answers: &[(u8, bool)]) -> Result<StaffSessionView, ApiError> {
    let builder = with_json(
        Request::post(&session_url(id, "answers")),
        &Answers { answers },
    );
    decode(send(builder).await?).await
}

/// What happened at a session: held with minutes and an outcome, or nobody came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordRequest {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_show: bool,
    pub attendees: Vec<Participant>,
    pub minutes: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<SessionOutcome>,
    /// The session's version the record was written on: a session changed since is refused
    /// (`session_changed`) instead of overwritten.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub based_on: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Recorded {
    pub session: StaffSessionView,
    pub case: CaseDetail,
    /// The case has not moved yet; sending the same record again delivers the move.
    #[serde(default)]
    pub case_move_pending: bool,
}

pub async fn record(id: &str, request: &RecordRequest) -> Result<Recorded, ApiError> {
    decode(
        send(with_json(
            Request::post(&session_url(id, "record")),
            request,
        ))
        .await?,
    )
    .await
}

pub async fn availability() -> Result<Availability, ApiError> {
    decode(send(get("/api/staff/availability")).await?).await
}

pub async fn set_availability(value: &Availability) -> Result<Availability, ApiError> {
    decode(send(with_json(Request::post("/api/staff/availability"), value)).await?).await
}

#[derive(Deserialize)]
struct Feed {
    path: String,
}

/// A new private calendar feed; the old one stops working. Returns its path.
pub async fn new_feed() -> Result<String, ApiError> {
    let builder = Request::post("/api/staff/calendar/feed")
        .header("Accept", "application/json")
        .build();
    let feed: Feed = decode(send(builder).await?).await?;
    Ok(feed.path)
}

pub async fn revoke_feed() -> Result<(), ApiError> {
    send(Request::post("/api/staff/calendar/feed/revoke").build())
        .await
        .map(|_| ())
}

// A party's link.

fn party_header(token: &str) -> String {
    format!("Party {token}")
}

pub async fn party_session(token: &str) -> Result<PartySessionView, ApiError> {
    let builder = Request::get("/api/party/session")
        .header("Accept", "application/json")
        .header("Authorization", &party_header(token))
        .build();
    decode(send(builder).await?).await
}

pub async fn party_answers(
    token: &str,
    answers: &[(u8, bool)],
) -> Result<PartySessionView, ApiError> {
    let builder = Request::post("/api/party/answers").header("Authorization", &party_header(token));
    decode(send(with_json(builder, &Answers { answers })).await?).await
}

pub async fn party_attend(token: &str) -> Result<PartySessionView, ApiError> {
    let builder = Request::post("/api/party/attend")
        .header("Accept", "application/json")
        .header("Authorization", &party_header(token))
        .build();
    decode(send(builder).await?).await
}

#[derive(Serialize)]
struct Reason<'a> {
    reason: &'a str,
}

pub async fn party_reschedule(token: &str, reason: &str) -> Result<PartySessionView, ApiError> {
    let builder =
        Request::post("/api/party/reschedule").header("Authorization", &party_header(token));
    decode(send(with_json(builder, &Reason { reason })).await?).await
}

/// The session as an iCalendar file.
pub async fn party_ics(token: &str) -> Result<String, ApiError> {
    let builder = Request::get("/api/party/session.ics")
        .header("Authorization", &party_header(token))
        .build();
    send(builder)
        .await?
        .text()
        .await
        .map_err(|_| ApiError::Decode)
}

// The resident's list, decoded through plain structs: the contract's tagged enums would cost
// the resident bundle several kilobytes. Only what the track page shows.

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TrackedVenue {
    pub kind: String,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TrackedSlot {
    pub start: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TrackedSession {
    pub id: String,
    pub title: String,
    pub status: String,
    pub slots: Vec<TrackedSlot>,
    pub start: Option<DateTime<Utc>>,
    pub venue: TrackedVenue,
}

impl TrackedSession {
    /// The applicant's view of the session, from what the track page receives.
    pub fn into_view(self) -> PartySessionView {
        let status = match self.status.as_str() {
            "confirmed" => SessionStatus::Confirmed,
            "held" => SessionStatus::Held,
            "cancelled" => SessionStatus::Cancelled,
            "no_show" => SessionStatus::NoShow,
            _ => SessionStatus::Proposed,
        };
        let venue = match (self.venue.place, self.venue.url) {
            (Some(place), _) => Venue::Place { place },
            (None, url) => Venue::Online {
                url: url.unwrap_or_default(),
            },
        };
        PartySessionView {
            id: self.id,
            case_code: String::new(),
            title: self.title,
            status,
            slots: self
                .slots
                .into_iter()
                .zip(1u8..)
                .map(|(slot, id)| Slot {
                    id,
                    start: slot.start,
                })
                .collect(),
            start: self.start,
            end: None,
            venue,
            role: PartyRole::Applicant,
            answers: Vec::new(),
            attending: false,
            reminder: None,
            allowed_actions: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_mirror_reads_a_party_view_as_the_contract_writes_it() {
        use accord_shared::scheduling::{SessionStatus, Slot, Venue};
        let view = PartySessionView {
            id: "s1".into(),
            case_code: "ZH01-2031-0001".into(),
            title: "调解".into(),
            status: SessionStatus::Confirmed,
            slots: vec![Slot {
                id: 1,
                start: DateTime::UNIX_EPOCH,
            }],
            start: Some(DateTime::UNIX_EPOCH),
            end: None,
            venue: Venue::Place {
                place: "zh01-room".into(),
            },
            role: PartyRole::Applicant,
            answers: vec![],
            attending: false,
            reminder: None,
            allowed_actions: vec![],
        };
        let json = serde_json::to_string(&vec![view]).unwrap();
        let mirrored: Vec<TrackedSession> = serde_json::from_str(&json).unwrap();
        assert_eq!(mirrored[0].status, "confirmed");
        assert_eq!(mirrored[0].venue.place.as_deref(), Some("zh01-room"));
        assert_eq!(mirrored[0].start, Some(DateTime::UNIX_EPOCH));
    }
}
