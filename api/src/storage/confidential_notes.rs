//! A community's confidential notes, kept beside its cases: `accord_shared::confidential`
//! decides who writes, reads and shares each one. The audit chain records that a note was
//! written or shared, never what it says.

use crate::error::ApiError;
use crate::protocol::{ConfidentialQuery, ConfidentialShare, ConfidentialWrite};
use crate::storage::audit_log;
use crate::storage::case_rows::load_case;
use crate::storage::{select_bodies, sql_err};
use accord_shared::audit::AuditRecord;
use accord_shared::case::Case;
use accord_shared::confidential::{share, write, ConfidentialNote, ConfidentialView, Reader};
use accord_shared::policy::{Action, Resource};
use accord_shared::wire::Me;
use chrono::{DateTime, Utc};
use worker::SqlStorage;

pub const TABLE: &str = "CREATE TABLE confidential_notes (
        case_code TEXT NOT NULL,
        seq INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (case_code, seq)
    )";

fn notes_of(sql: &SqlStorage, code: &str) -> Result<Vec<ConfidentialNote>, ApiError> {
    select_bodies(
        sql,
        "SELECT body FROM confidential_notes WHERE case_code = ? ORDER BY seq",
        vec![code.into()],
    )
}

fn save(sql: &SqlStorage, note: &ConfidentialNote) -> Result<(), ApiError> {
    let body = serde_json::to_string(note).map_err(|_| ApiError::Internal)?;
    sql.exec(
        "INSERT INTO confidential_notes (case_code, seq, body) VALUES (?, ?, ?)
         ON CONFLICT (case_code, seq) DO UPDATE SET body = excluded.body",
        vec![
            note.case_code.clone().into(),
            i64::from(note.seq).into(),
            body.into(),
        ],
    )
    .map_err(sql_err)?;
    Ok(())
}

/// The case, if `me` may read it (any other answers like a missing one).
fn readable(sql: &SqlStorage, code: &str, street: &str, me: &Me) -> Result<Case, ApiError> {
    load_case(sql, code)?
        .filter(|case| me.may(Action::ReadCase, Resource::case(case, street)))
        .ok_or(ApiError::NotFound)
}

fn reader(me: &Me) -> Reader<'_> {
    Reader {
        username: &me.username,
        role: me.role,
    }
}

/// Refused unless the policy lets `me` keep the case's confidential notes.
fn keeper(case: &Case, street: &str, me: &Me) -> Result<(), ApiError> {
    if me.may(Action::KeepConfidentialNotes, Resource::case(case, street)) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

fn audit(
    sql: &SqlStorage,
    me: &Me,
    action: &str,
    code: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), ApiError> {
    audit_log::append(
        sql,
        AuditRecord {
            at: now,
            actor: me.username.clone(),
            action: action.to_owned(),
            target: code.to_owned(),
            origin: origin.to_owned(),
        },
    )
}

pub fn view(sql: &SqlStorage, query: ConfidentialQuery) -> Result<ConfidentialView, ApiError> {
    let case = readable(sql, &query.code, &query.street, &query.me)?;
    let notes = notes_of(sql, &query.code)?;
    Ok(ConfidentialView::of(&case, &notes, reader(&query.me)))
}

pub fn add(sql: &SqlStorage, cmd: ConfidentialWrite) -> Result<ConfidentialView, ApiError> {
    let case = readable(sql, &cmd.code, &cmd.street, &cmd.me)?;
    keeper(&case, &cmd.street, &cmd.me)?;
    let mut notes = notes_of(sql, &cmd.code)?;
    let note = write(&case, &notes, reader(&cmd.me), &cmd.text, cmd.now)?;
    save(sql, &note)?;
    audit(
        sql,
        &cmd.me,
        "confidential.note_written",
        &cmd.code,
        cmd.now,
        &cmd.origin,
    )?;
    notes.push(note);
    Ok(ConfidentialView::of(&case, &notes, reader(&cmd.me)))
}

pub fn share_note(sql: &SqlStorage, cmd: ConfidentialShare) -> Result<ConfidentialView, ApiError> {
    let case = readable(sql, &cmd.code, &cmd.street, &cmd.me)?;
    keeper(&case, &cmd.street, &cmd.me)?;
    let mut notes = notes_of(sql, &cmd.code)?;
    let index = notes
        .iter()
        .position(|n| n.seq == cmd.seq)
        .ok_or(ApiError::NotFound)?;
    let shared = share(
        &case,
        &notes[index],
        reader(&cmd.me),
        cmd.party,
        &cmd.how,
        cmd.now,
    )?;
    save(sql, &shared)?;
    audit(
        sql,
        &cmd.me,
        "confidential.note_shared",
        &cmd.code,
        cmd.now,
        &cmd.origin,
    )?;
    notes[index] = shared;
    Ok(ConfidentialView::of(&case, &notes, reader(&cmd.me)))
}
