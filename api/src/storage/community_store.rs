//! `CommunityStore`, one SQLite-backed Durable Object per community: its cases, their append-only timelines and
//! the idempotency records of filings. Single-threaded and transactional: every operation
//! reads and writes in one synchronous stretch with no `.await` in between, so it commits
//! atomically and concurrent requests cannot interleave.

use crate::error::ApiError;
use crate::protocol::{
    self, AgreementCommand, AgreementQuery, AppendAudit, ApplyCaseMove, CaseCommand,
    CaseForDocuments, CaseStatuses, CheckFigures, ConfidentialQuery, ConfidentialShare,
    ConfidentialWrite, CorruptFigures, DetailQuery, DocumentCase, EscalateCommand,
    EscalationReport, FeedbackCommand, FigureCasesAnswer, FigureCasesQuery, FiguresCheck,
    FiguresQuery, FileCommand, FileReply, FinishTransfer, GuardCommand, ImportCases, ImportOutcome,
    ImportedLine, LoadProgress, LoadSynthetic, MergeCommand, Open311Query, PartyAgreementQuery,
    PartyConfirm, Ping, PrepareTransfer, QueueQuery, ReadAudit, ReceiveTransfer, ReissueSecret,
    RetainCommand, RetentionReport, TamperAudit, TrackCommand, TrackReply, TransferParcel,
    VolunteerCasesQuery, VolunteerVisit,
};
use crate::protocol::{
    CommunityRetention, PhotoClaim, PhotoCommit, PhotoList, PhotoRead, PhotosDeleted, PushNotify,
    PushSubscribe, PushUnsubscribe,
};
use crate::storage::case_queries::{
    duplicate_candidates, ensure_index, erasure_candidates, escalation_candidates, queue_page,
    search_page,
};
use crate::storage::case_rows::{insert_case, load_case, rewrite_case, save_change};
use crate::storage::push_delivery;
use crate::storage::throttles;
use crate::storage::{
    agreements, audit_log, case_photos, confidential_notes, open_database, Serve,
};
use crate::storage::{select, sql_err};
use crate::storage::{stat_cells, stat_members};
use accord_shared::audit::AuditRecord;
use accord_shared::case::{Actor, Case, TimelineEvent};
use accord_shared::code::CaseCode;
use accord_shared::directory::Directory;
use accord_shared::duplicates::possible_duplicates;
use accord_shared::history::{build_case, code_for, code_year, ImportError};
use accord_shared::lifecycle::{
    escalation_due_now, execute, transferred_case, Command, MoveTarget,
};
use accord_shared::policy::{Action, Resource};
use accord_shared::queue::queue_item;
use accord_shared::retention::{due_for_erasure, erase};
use accord_shared::secret::{constant_time_eq, CaseSecret};
use accord_shared::stats::{PeriodKey, Tally};
use accord_shared::synthetic::{synthetic_case, synthetic_filed_at};
use accord_shared::time::local_year;
use accord_shared::time_limits::TimeLimits;
use accord_shared::volunteer::VolunteerCase;
use accord_shared::wire::PushSubscribed;
use accord_shared::wire::{
    case_detail_for, public_case, reveals_contact, volunteer_case, CaseDetail, FiledCase, Me,
    QueueItem,
};
use accord_shared::wire::{default_step, CommunityFigures, FigureCase, ResidentAgreementView};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use worker::{durable_object, DurableObject, Env, Request, Response, SqlStorage, State};

const MIGRATIONS: &[&str] = &[
    "CREATE TABLE cases (
        code TEXT PRIMARY KEY,
        year INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        status TEXT NOT NULL,
        filed_at_ms INTEGER NOT NULL,
        secret_hash TEXT NOT NULL,
        record TEXT NOT NULL,
        UNIQUE (year, seq)
    )",
    "CREATE INDEX cases_by_age ON cases (filed_at_ms, code)",
    "CREATE TABLE events (
        code TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at_ms INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (code, seq)
    )",
    "CREATE TABLE idempotency (
        key_hash TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        code TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
    )",
    "CREATE TABLE audit (seq INTEGER PRIMARY KEY, record TEXT NOT NULL)",
    // Case moves of held sessions already applied (or found moot), so a redelivery is a no-op.
    "CREATE TABLE applied_case_moves (
        session_id TEXT PRIMARY KEY,
        applied_ms INTEGER NOT NULL,
        outcome TEXT NOT NULL
    )",
    // The code a case's secret is bound to, when it is not the case's own (a case moved here
    // from another street keeps the resident's secret).
    "ALTER TABLE cases ADD COLUMN secret_code TEXT",
    // Cases moved here from another street: one per old code, so a repeated move finds it.
    "CREATE TABLE transfers_in (
        from_code TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        at_ms INTEGER NOT NULL
    )",
    // Progress of a synthetic load (local benchmarks only): one row.
    "CREATE TABLE synthetic_load (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        total INTEGER NOT NULL,
        loaded INTEGER NOT NULL,
        anchor_ms INTEGER NOT NULL
    )",
    // The indexed columns (`accord_shared::case_index`), filled for stored cases by
    // `case_queries::ensure_index` on the first read after this migration.
    "ALTER TABLE cases ADD COLUMN open INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE cases ADD COLUMN unassigned INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE cases ADD COLUMN high_risk INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE cases ADD COLUMN escalated_street INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE cases ADD COLUMN escalated_district INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE cases ADD COLUMN due_ms INTEGER",
    "ALTER TABLE cases ADD COLUMN escalate_at_ms INTEGER",
    "ALTER TABLE cases ADD COLUMN erasable_since_ms INTEGER",
    "ALTER TABLE cases ADD COLUMN lead TEXT",
    "ALTER TABLE cases ADD COLUMN grid TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE cases ADD COLUMN category TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE cases ADD COLUMN address_key TEXT NOT NULL DEFAULT ''",
    "CREATE TABLE case_handlers (
        username TEXT NOT NULL,
        code TEXT NOT NULL,
        open INTEGER NOT NULL,
        filed_at_ms INTEGER NOT NULL,
        PRIMARY KEY (username, code)
    )",
    "CREATE INDEX case_handlers_by_code ON case_handlers (code)",
    "CREATE INDEX case_handlers_page ON case_handlers (username, open, filed_at_ms, code)",
    // A page of the queue walks one of these in order; the overdue board reads `due_ms` from
    // the index itself.
    "CREATE INDEX cases_open_page ON cases (open, filed_at_ms, code, due_ms)",
    "CREATE INDEX cases_unassigned_page ON cases (open, unassigned, filed_at_ms, code)",
    "CREATE INDEX cases_high_risk_page ON cases (open, high_risk, filed_at_ms, code)",
    "CREATE INDEX cases_street_page ON cases (open, escalated_street, filed_at_ms, code)",
    "CREATE INDEX cases_district_page ON cases (open, escalated_district, filed_at_ms, code)",
    "CREATE INDEX cases_duplicates ON cases (category, address_key, open, filed_at_ms)",
    "CREATE INDEX cases_escalate_at ON cases (escalate_at_ms) WHERE escalate_at_ms IS NOT NULL",
    "CREATE INDEX cases_erasable ON cases (erasable_since_ms)
        WHERE erasable_since_ms IS NOT NULL",
    // Whether the calendar may hold sessions of a case: unknown (1) for cases stored before;
    // a new case has none until one is scheduled.
    "ALTER TABLE cases ADD COLUMN has_sessions INTEGER NOT NULL DEFAULT 1",
    // Wrong secrets per code (and per address within this community), checked with the
    // secret in the same step.
    throttles::TABLE,
    // Superseded by `cases_open_page` (no read orders all cases by age any more); one index
    // fewer for every filing to update.
    "DROP INDEX IF EXISTS cases_by_age",
    // Which derivation and time limits the columns were written under: one row.
    "CREATE TABLE index_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL,
        limits TEXT NOT NULL,
        at_ms INTEGER NOT NULL
    )",
    // The community's figures (`accord_shared::stats`), kept with every change; cases stored
    // before are counted on the first read (`stat_cells::ensure_counted`).
    stat_cells::CELLS_TABLE,
    stat_cells::STATE_TABLE,
    // Historical cases imported from another system: one per source id, so a second import
    // of the same file changes nothing.
    "CREATE TABLE imports (
        source_id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        at_ms INTEGER NOT NULL
    )",
    // The cases behind each number (`accord_shared::stats::members`), kept with the cells and
    // written for stored cases by the same recount.
    stat_members::TABLE,
    stat_members::BY_CODE,
    // Mediation agreements, one per case.
    agreements::TABLE,
    // The counselors' confidential notes.
    confidential_notes::TABLE,
    // The search terms of each case (`accord_shared::search`), and a fingerprint of the terms
    // the row was last written with; cases stored before get theirs from the re-derivation of
    // `case_index` version 2.
    "CREATE TABLE case_terms (
        term TEXT NOT NULL,
        code TEXT NOT NULL,
        PRIMARY KEY (term, code)
    ) WITHOUT ROWID",
    "CREATE INDEX case_terms_by_code ON case_terms (code)",
    "ALTER TABLE cases ADD COLUMN terms TEXT NOT NULL DEFAULT ''",
    // Residents' browsers told of their case's changes (`push_delivery`), a few per case.
    push_delivery::CREATE_TABLE,
    // The photos of each case (the images are in object storage), and the keys of erased
    // photos whose images are still to be deleted there.
    case_photos::TABLE,
    case_photos::ERASURES_TABLE,
];

#[durable_object(fetch)]
pub struct CommunityStore {
    state: State,
    env: Env,
}

impl DurableObject for CommunityStore {
    fn new(state: State, env: Env) -> Self {
        open_database(&state, MIGRATIONS, "community");
        Self { state, env }
    }

    async fn fetch(&self, req: Request) -> worker::Result<Response> {
        let sql = self.state.storage().sql();
        let answer = Serve::<protocol::CommunityStore>::decode(req)
            .await
            .on(|cmd: FileCommand| file(&sql, &server_key(&self.env)?, cmd))
            .on(|cmd: TrackCommand| track(&sql, cmd))
            .on(|cmd: FeedbackCommand| feedback(&sql, cmd))
            .on(|query: QueueQuery| queue(&sql, query))
            .on(|query: DetailQuery| detail(&sql, query))
            .on(|cmd: CaseCommand| command(&sql, cmd))
            .on(|cmd: MergeCommand| merge(&sql, cmd))
            .on(|cmd: EscalateCommand| escalate(&sql, cmd))
            .on(|cmd: RetainCommand| retain(&sql, cmd))
            .on(|query: ReadAudit| audit_log::entries(&sql, &query))
            .on(|_: TamperAudit| audit_log::tamper(&sql))
            .on(|query: VolunteerCasesQuery| volunteer_cases(&sql, query))
            .on(|cmd: VolunteerVisit| volunteer_visit(&sql, cmd))
            .on(|cmd: ApplyCaseMove| apply_case_move(&sql, cmd))
            .on(|cmd: PrepareTransfer| prepare_transfer(&sql, cmd))
            .on(|cmd: ReceiveTransfer| receive_transfer(&sql, cmd))
            .on(|cmd: FinishTransfer| finish_transfer(&sql, cmd))
            .on(|_: Ping| count_cases(&sql))
            .on(|cmd: LoadSynthetic| load_synthetic(&sql, cmd))
            .on(|cmd: ImportCases| import_cases(&sql, cmd))
            .on(|query: FiguresQuery| figures(&sql, query))
            .on(|query: FigureCasesQuery| figure_cases(&sql, query))
            .on(|_: CheckFigures| check_figures(&sql))
            .on(|query: CaseForDocuments| case_for_documents(&sql, query))
            .on(|query: CaseStatuses| {
                query
                    .codes
                    .into_iter()
                    .map(|code| Ok((code.clone(), load_case(&sql, &code)?.map(|c| c.status))))
                    .collect::<Result<Vec<_>, ApiError>>()
            })
            .on(|AppendAudit(record)| audit_log::append(&sql, record).map(|()| true))
            .on(|query: AgreementQuery| agreements::view(&sql, query))
            .on(|cmd: AgreementCommand| agreements::command(&sql, cmd))
            .on(|query: PartyAgreementQuery| agreements::party_view(&sql, query))
            .on(|cmd: PartyConfirm| agreements::party_confirm(&sql, cmd))
            .on(|cmd: ReissueSecret| reissue_secret(&sql, cmd))
            .on(|query: ConfidentialQuery| confidential_notes::view(&sql, query))
            .on(|cmd: ConfidentialWrite| confidential_notes::add(&sql, cmd))
            .on(|cmd: ConfidentialShare| confidential_notes::share_note(&sql, cmd))
            .on(|_: CorruptFigures| stat_cells::corrupt_one(&sql))
            .on(|query: Open311Query| open311_requests(&sql, query))
            .on(|cmd: PushSubscribe| push_subscribe(&sql, cmd))
            .on(|cmd: PushUnsubscribe| push_unsubscribe(&sql, cmd))
            .on(|cmd: PushNotify| push_notify(&sql, cmd))
            .on(|cmd: PhotoClaim| case_photos::claim(&sql, cmd, open_with_secret))
            .on(|cmd: PhotoCommit| case_photos::commit(&sql, cmd))
            .on(|query: PhotoRead| case_photos::read(&sql, query, open_with_secret))
            .on(|query: PhotoList| case_photos::list(&sql, query))
            .on(|cmd: PhotosDeleted| case_photos::forget_deleted(&sql, &cmd.keys))
            .finish();
        let succeeded = matches!(&answer, Ok(response) if response.status_code() < 300);
        push_delivery::send_after_commit(&self.state, &self.env, succeeded);
        answer
    }
}

/// A resident's browser subscribes to their case, proven by code and secret like a look-up.
fn push_subscribe(sql: &SqlStorage, cmd: PushSubscribe) -> Result<PushSubscribed, ApiError> {
    let case = open_with_secret(sql, &cmd.code, &cmd.secret, &cmd.guard)?;
    let mut subscription = cmd.subscription;
    subscription.owner = case.code.to_string();
    push_delivery::subscribe(
        sql,
        &subscription,
        accord_shared::push::MAX_PER_CASE,
        cmd.now.timestamp_millis(),
    )?;
    Ok(PushSubscribed { subscribed: true })
}

/// The browser is told no more of the case.
fn push_unsubscribe(sql: &SqlStorage, cmd: PushUnsubscribe) -> Result<PushSubscribed, ApiError> {
    let case = open_with_secret(sql, &cmd.code, &cmd.secret, &cmd.guard)?;
    push_delivery::unsubscribe(sql, &case.code.to_string(), &cmd.endpoint)?;
    Ok(PushSubscribed { subscribed: false })
}

/// An event the calendar saw (a session proposed or fixed), told to the case's browsers.
fn push_notify(sql: &SqlStorage, cmd: PushNotify) -> Result<bool, ApiError> {
    if load_case(sql, &cmd.code)?.is_none() {
        return Ok(false);
    }
    push_delivery::queue(sql, &cmd.code, &cmd.code, cmd.kind)?;
    Ok(true)
}

/// The public view of the cases an Open311 listing asks for.
fn open311_requests(
    sql: &SqlStorage,
    query: Open311Query,
) -> Result<Vec<accord_shared::open311::PublicRequest>, ApiError> {
    ensure_index(sql, &query.limits, query.now)?;
    Ok(crate::storage::case_queries::open311_page(sql, &query)?
        .iter()
        .map(accord_shared::open311::public_request)
        .collect())
}

/// The server's key for deriving case secrets (`CASE_SECRET_KEY`, 64 hex digits).
fn server_key(env: &Env) -> Result<Vec<u8>, ApiError> {
    let raw = env
        .secret("CASE_SECRET_KEY")
        .map(|s| s.to_string())
        .or_else(|_| env.var("CASE_SECRET_KEY").map(|v| v.to_string()))
        .map_err(|_| {
            worker::console_error!("CASE_SECRET_KEY is not configured");
            ApiError::Internal
        })?;
    let raw = raw.trim();
    let bytes: Option<Vec<u8>> = (0..raw.len())
        .step_by(2)
        .map(|i| {
            raw.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect();
    match bytes {
        Some(bytes) if bytes.len() >= 32 => Ok(bytes),
        _ => {
            worker::console_error!("CASE_SECRET_KEY must be at least 64 hex digits");
            Err(ApiError::Internal)
        }
    }
}

fn file(sql: &SqlStorage, server_key: &[u8], cmd: FileCommand) -> Result<FileReply, ApiError> {
    let key_hash = crate::idempotency::key_hash(&cmd.idempotency_key);
    #[derive(Deserialize)]
    struct Claimed {
        fingerprint: String,
        code: String,
    }
    let claimed: Vec<Claimed> = sql
        .exec(
            "SELECT fingerprint, code FROM idempotency WHERE key_hash = ?",
            vec![key_hash.clone().into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    if let Some(previous) = claimed.into_iter().next() {
        if previous.fingerprint != cmd.fingerprint {
            return Err(ApiError::IdempotencyKeyReused);
        }
        let case = load_case(sql, &previous.code)?.ok_or(ApiError::Internal)?;
        let secret = CaseSecret::derive(server_key, &cmd.idempotency_key, &previous.code)
            .ok_or(ApiError::Internal)?;
        return Ok(FileReply {
            filed: FiledCase {
                code: previous.code,
                secret: Some(secret.display_grouped()),
                case: public_case(&case, &cmd.limits, cmd.now),
            },
            replayed: true,
        });
    }

    let year = local_year(cmd.now);
    let seq = next_sequence(sql, year)?;
    let code = CaseCode::new(&cmd.code_prefix, cmd.community_number, year, seq)
        .ok_or(ApiError::Internal)?;
    let code_text = code.to_string();
    let secret = CaseSecret::derive(server_key, &cmd.idempotency_key, &code_text)
        .ok_or(ApiError::Internal)?;
    let case = Case::file(cmd.filing, code, cmd.channel, cmd.recorded_by, cmd.now);
    insert_counted(sql, &case, year, &secret.hash_for(&code_text), &cmd.limits)?;
    sql.exec(
        "INSERT INTO idempotency (key_hash, fingerprint, code, created_at_ms) VALUES (?, ?, ?, ?)",
        vec![
            key_hash.into(),
            cmd.fingerprint.into(),
            code_text.clone().into(),
            case.filed_at.timestamp_millis().into(),
        ],
    )
    .map_err(sql_err)?;
    audit_log::append(
        sql,
        AuditRecord {
            at: cmd.now,
            actor: actor_name(&case.recorded_by),
            action: "case.filed".into(),
            target: code_text.clone(),
            origin: cmd.origin.clone(),
        },
    )?;
    Ok(FileReply {
        filed: FiledCase {
            code: code_text,
            secret: Some(secret.display_grouped()),
            case: public_case(&case, &cmd.limits, cmd.now),
        },
        replayed: false,
    })
}

/// The next sequence number of a year's codes in this community.
fn next_sequence(sql: &SqlStorage, year: i32) -> Result<u32, ApiError> {
    #[derive(Deserialize)]
    struct Next {
        next: f64,
    }
    let next: Vec<Next> = sql
        .exec(
            "SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM cases WHERE year = ?",
            vec![i64::from(year).into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    Ok(next.first().map(|n| n.next as u32).unwrap_or(1))
}

/// How many cases the object holds: one `SELECT COUNT(*)`, no writes.
fn count_cases(sql: &SqlStorage) -> Result<u64, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        cases: f64,
    }
    let rows: Vec<Row> = sql
        .exec("SELECT COUNT(*) AS cases FROM cases", None)
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    Ok(rows.first().map_or(0, |r| r.cases as u64))
}

/// Hash compared when the code is unknown, so both failures cost the same.
const ABSENT_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The case a code and secret open, or `CaseNotFound` for a wrong secret and an unknown code
/// alike. The guard's keys are checked first (a locked code or address waits, even with the
/// right secret) and a miss is counted against them, in the same step.
fn open_with_secret(
    sql: &SqlStorage,
    code: &str,
    secret: &str,
    guard: &GuardCommand,
) -> Result<Case, ApiError> {
    if let Some(retry_after) = throttles::check(sql, guard)? {
        return Err(ApiError::TooManyAttempts { retry_after });
    }
    let (stored, bound_to) = match secret_of(sql, code)? {
        Some((hash, bound_to)) => (Some(hash), bound_to),
        None => (None, code.to_owned()),
    };
    let presented = CaseSecret::parse(secret)
        .map(|s| s.hash_for(&bound_to))
        .unwrap_or_default();
    let matches = constant_time_eq(stored.as_deref().unwrap_or(ABSENT_HASH), &presented);
    if !(matches && stored.is_some()) {
        return Err(match throttles::fail(sql, guard)? {
            Some(retry_after) => ApiError::TooManyAttempts { retry_after },
            None => ApiError::CaseNotFound,
        });
    }
    let case = load_case(sql, code)?.ok_or(ApiError::CaseNotFound)?;
    // Moved to another street: the Worker follows it there, with the same secret.
    if let Some(to) = &case.moved_to {
        return Err(ApiError::CaseMoved { to: to.clone() });
    }
    Ok(case)
}

/// Staff set a new secret for the case's resident (`may_reissue_secret`); any other reader,
/// or a case not here, answers like a missing one. The old secret stops working in the same
/// write, and the community's audit chain records who did it (never the secret).
fn reissue_secret(sql: &SqlStorage, cmd: ReissueSecret) -> Result<bool, ApiError> {
    let case = load_case(sql, &cmd.code)?
        .filter(|case| accord_shared::wire::may_reissue_secret(case, &cmd.street, &cmd.me))
        .ok_or(ApiError::NotFound)?;
    let (_, bound_to) = secret_of(sql, &cmd.code)?.ok_or(ApiError::NotFound)?;
    let secret = CaseSecret::parse(&cmd.secret).ok_or(ApiError::Internal)?;
    sql.exec(
        "UPDATE cases SET secret_hash = ? WHERE code = ?",
        vec![secret.hash_for(&bound_to).into(), cmd.code.as_str().into()],
    )
    .map_err(sql_err)?;
    // Whoever held the old secret may have subscribed: those browsers are told no more.
    push_delivery::forget(sql, &cmd.code)?;
    audit_log::append(
        sql,
        AuditRecord {
            at: cmd.now,
            actor: cmd.me.username.clone(),
            action: "case.secret_reissued".into(),
            target: case.code.to_string(),
            origin: cmd.origin,
        },
    )?;
    Ok(true)
}

/// Whether the calendar may hold sessions of a case.
fn has_sessions(sql: &SqlStorage, code: &str) -> Result<bool, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        has_sessions: f64,
    }
    let rows: Vec<Row> = select(
        sql,
        "SELECT has_sessions FROM cases WHERE code = ?",
        vec![code.into()],
    )?;
    Ok(rows.first().is_none_or(|r| r.has_sessions != 0.0))
}

/// A case's secret hash and the code it is bound to (its own, unless it moved here).
fn secret_of(sql: &SqlStorage, code: &str) -> Result<Option<(String, String)>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        secret_hash: String,
        secret_code: Option<String>,
    }
    let rows: Vec<Row> = sql
        .exec(
            "SELECT secret_hash, secret_code FROM cases WHERE code = ?",
            vec![code.into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    Ok(rows.into_iter().next().map(|r| {
        (
            r.secret_hash,
            r.secret_code.unwrap_or_else(|| code.to_owned()),
        )
    }))
}

/// A move between streets, step 1: the move is checked as the closing step will be (version,
/// policy, the table), and the case handed over.
fn prepare_transfer(sql: &SqlStorage, cmd: PrepareTransfer) -> Result<TransferParcel, ApiError> {
    let case = load_current(
        sql,
        &cmd.code,
        cmd.version,
        &cmd.me,
        Action::TransferCases,
        &cmd.directory,
        cmd.now,
        "",
    )?;
    // The closing step, tried on a code of the right shape: whatever it would refuse is
    // refused now, before another community holds a copy.
    let probe = Command::TransferOut {
        to: "ZZ99-2000-0001".into(),
        reason: cmd.reason.clone(),
    };
    execute(
        &case,
        &probe,
        &staff_actor(&cmd.me),
        cmd.now,
        &cmd.directory,
    )?;
    let (secret_hash, secret_code) = secret_of(sql, &cmd.code)?.ok_or(ApiError::Internal)?;
    Ok(TransferParcel {
        case,
        secret_hash,
        secret_code,
    })
}

/// Step 2, in the receiving community: the case filed under a code of this street, once per
/// old code.
fn receive_transfer(sql: &SqlStorage, cmd: ReceiveTransfer) -> Result<CaseDetail, ApiError> {
    let from = cmd.parcel.case.code.to_string();
    #[derive(Deserialize)]
    struct Received {
        code: String,
    }
    let received: Vec<Received> = sql
        .exec(
            "SELECT code FROM transfers_in WHERE from_code = ?",
            vec![from.clone().into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let limits = cmd.directory.limits_for(&cmd.community);
    if let Some(done) = received.into_iter().next() {
        let case = load_case(sql, &done.code)?.ok_or(ApiError::Internal)?;
        return detail_of(
            sql,
            &case,
            &cmd.street,
            &cmd.me,
            limits,
            cmd.now,
            &cmd.origin,
        );
    }
    let year = local_year(cmd.now);
    let seq = next_sequence(sql, year)?;
    let code = CaseCode::new(&cmd.code_prefix, cmd.community_number, year, seq)
        .ok_or(ApiError::Internal)?;
    let to = MoveTarget {
        code,
        community: &cmd.community,
        grid: &cmd.grid,
    };
    let (case, _) = transferred_case(
        &cmd.parcel.case,
        to,
        &staff_actor(&cmd.me),
        &cmd.reason,
        cmd.now,
        &cmd.directory,
    )?;
    insert_counted(sql, &case, year, &cmd.parcel.secret_hash, limits)?;
    let code_text = case.code.to_string();
    sql.exec(
        "UPDATE cases SET secret_code = ? WHERE code = ?",
        vec![
            cmd.parcel.secret_code.clone().into(),
            code_text.clone().into(),
        ],
    )
    .map_err(sql_err)?;
    sql.exec(
        "INSERT INTO transfers_in (from_code, code, at_ms) VALUES (?, ?, ?)",
        vec![
            from.clone().into(),
            code_text.clone().into(),
            cmd.now.timestamp_millis().into(),
        ],
    )
    .map_err(sql_err)?;
    audit_log::append(
        sql,
        AuditRecord {
            at: cmd.now,
            actor: cmd.me.username.clone(),
            action: "case.transferred_in".into(),
            target: format!("{code_text} from {from}"),
            origin: cmd.origin.clone(),
        },
    )?;
    detail_of(
        sql,
        &case,
        &cmd.street,
        &cmd.me,
        limits,
        cmd.now,
        &cmd.origin,
    )
}

/// Step 3, in the old community: the case is closed, naming the code it continues under.
/// Repeated, it answers the closed case.
fn finish_transfer(sql: &SqlStorage, cmd: FinishTransfer) -> Result<CaseDetail, ApiError> {
    let case = load_case(sql, &cmd.code)?.ok_or(ApiError::NotFound)?;
    let street = street_of(&cmd.directory, &case);
    let limits = cmd.directory.limits_for(&case.community);
    if case.moved_to.as_deref() == Some(cmd.to.as_str()) {
        return detail_of(sql, &case, street, &cmd.me, limits, cmd.now, &cmd.origin);
    }
    let command = Command::TransferOut {
        to: cmd.to.clone(),
        reason: cmd.reason.clone(),
    };
    let (next, event) = execute(
        &case,
        &command,
        &staff_actor(&cmd.me),
        cmd.now,
        &cmd.directory,
    )?;
    record_change(sql, &case, &next, &event, &cmd.directory, &cmd.origin)?;
    detail_of(sql, &next, street, &cmd.me, limits, cmd.now, &cmd.origin)
}

fn track(sql: &SqlStorage, cmd: TrackCommand) -> Result<TrackReply, ApiError> {
    let case = open_with_secret(sql, &cmd.code, &cmd.secret, &cmd.guard)?;
    let mut public = public_case(&case, &cmd.limits, cmd.now);
    public.agreement = resident_agreement(sql, &cmd.code, cmd.now)?;
    Ok(TrackReply {
        case: public,
        has_sessions: has_sessions(sql, &cmd.code)?,
    })
}

/// The case's agreement as its applicant sees it, if one was drafted.
fn resident_agreement(
    sql: &SqlStorage,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<ResidentAgreementView>, ApiError> {
    Ok(agreements::load(sql, code)?.map(|a| ResidentAgreementView::of(&a, now)))
}

fn feedback(sql: &SqlStorage, cmd: FeedbackCommand) -> Result<TrackReply, ApiError> {
    let case = open_with_secret(sql, &cmd.code, &cmd.secret, &cmd.guard)?;
    let (next, event) = execute(
        &case,
        &cmd.command,
        &Actor::Resident,
        cmd.now,
        &cmd.directory,
    )?;
    record_change(sql, &case, &next, &event, &cmd.directory, &cmd.origin)?;
    let mut public = public_case(&next, cmd.directory.limits_for(&next.community), cmd.now);
    public.agreement = resident_agreement(sql, &cmd.code, cmd.now)?;
    Ok(TrackReply {
        case: public,
        has_sessions: has_sessions(sql, &cmd.code)?,
    })
}

fn queue(sql: &SqlStorage, query: QueueQuery) -> Result<Vec<QueueItem>, ApiError> {
    ensure_index(sql, &query.limits, query.now)?;
    let cases = match &query.search {
        Some(search) => search_page(sql, &query, search)?,
        None => queue_page(sql, &query)?,
    };
    Ok(cases
        .iter()
        .map(|case| queue_item(case, &query.limits, query.now))
        .collect())
}

/// A case as `me` may see it: parties' names and phones masked unless the policy lets them
/// read contact details.
fn detail_of(
    sql: &SqlStorage,
    case: &Case,
    street: &str,
    me: &Me,
    limits: &TimeLimits,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<CaseDetail, ApiError> {
    ensure_index(sql, limits, now)?;
    let candidates = duplicate_candidates(sql, case)?;
    let duplicates = possible_duplicates(case, &candidates);
    let detail = case_detail_for(case, street, limits, now, duplicates, me);
    if reveals_contact(case, street, me) {
        // Every read of a party's details is on the record.
        audit_log::append(
            sql,
            AuditRecord {
                at: now,
                actor: me.username.clone(),
                action: "case.read_contact".into(),
                target: case.code.to_string(),
                origin: origin.to_owned(),
            },
        )?;
    }
    Ok(detail)
}

/// Loads a case `me` may read (this community is of `street`); any other answers exactly
/// like a missing one.
fn load_readable(sql: &SqlStorage, code: &str, street: &str, me: &Me) -> Result<Case, ApiError> {
    load_case(sql, code)?
        .filter(|case| me.may(Action::ReadCase, Resource::case(case, street)))
        .ok_or(ApiError::NotFound)
}

/// The case a document is made from: only for a reader who may see its parties (documents
/// print them), and whether they may also issue its documents.
fn case_for_documents(sql: &SqlStorage, query: CaseForDocuments) -> Result<DocumentCase, ApiError> {
    let case = load_case(sql, &query.code)?
        .filter(|case| {
            query.me.may(
                Action::ReadPartyContact,
                Resource::case(case, &query.street),
            )
        })
        .ok_or(ApiError::NotFound)?;
    let may_issue = query
        .me
        .may(Action::IssueDocuments, Resource::case(&case, &query.street));
    let agreement = agreements::load(sql, &query.code)?;
    Ok(DocumentCase {
        case,
        may_issue,
        agreement,
    })
}

/// The street a case's community belongs to; empty (inside no street scope) if the directory
/// no longer knows the community.
fn street_of<'a>(directory: &'a Directory, case: &Case) -> &'a str {
    directory
        .community(&case.community)
        .map_or("", |c| c.street.as_str())
}

fn detail(sql: &SqlStorage, query: DetailQuery) -> Result<CaseDetail, ApiError> {
    let case = load_readable(sql, &query.code, &query.street, &query.me)?;
    if query.mark_sessions {
        sql.exec(
            "UPDATE cases SET has_sessions = 1 WHERE code = ?",
            vec![query.code.clone().into()],
        )
        .map_err(sql_err)?;
    }
    detail_of(
        sql,
        &case,
        &query.street,
        &query.me,
        &query.limits,
        query.now,
        &query.origin,
    )
}

/// Loads a case a staff change is based on; a change based on an older version gets the case
/// as it is now.
#[allow(clippy::too_many_arguments)]
fn load_current(
    sql: &SqlStorage,
    code: &str,
    version: u64,
    me: &Me,
    action: Action,
    directory: &Directory,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<Case, ApiError> {
    let case = load_case(sql, code)?.ok_or(ApiError::NotFound)?;
    let street = street_of(directory, &case);
    let case = Some(case)
        .filter(|case| me.may(Action::ReadCase, Resource::case(case, street)))
        .ok_or(ApiError::NotFound)?;
    if !me.may(action, Resource::case(&case, street)) {
        return Err(ApiError::Forbidden);
    }
    if case.version != version {
        let limits = directory.limits_for(&case.community);
        let current = detail_of(sql, &case, street, me, limits, now, origin)?;
        return Err(ApiError::VersionConflict {
            current: Box::new(current),
        });
    }
    Ok(case)
}

fn command(sql: &SqlStorage, cmd: CaseCommand) -> Result<CaseDetail, ApiError> {
    if cmd.command.is_merge_step() || cmd.command.is_transfer_step() {
        // Merging and moving touch two cases; each has its own operation.
        return Err(ApiError::Forbidden);
    }
    let case = load_current(
        sql,
        &cmd.code,
        cmd.version,
        &cmd.me,
        Action::ChangeCase,
        &cmd.directory,
        cmd.now,
        &cmd.origin,
    )?;
    let actor = staff_actor(&cmd.me);
    let (next, event) = execute(&case, &cmd.command, &actor, cmd.now, &cmd.directory)?;
    record_change(sql, &case, &next, &event, &cmd.directory, &cmd.origin)?;
    detail_of(
        sql,
        &next,
        street_of(&cmd.directory, &next),
        &cmd.me,
        cmd.directory.limits_for(&next.community),
        cmd.now,
        &cmd.origin,
    )
}

/// Applies the case move a held session owes its case, once per session: the outbox of the
/// calendar may deliver it again (after a failure, or from the scheduled run), and a second
/// delivery answers the case as it is. A move the case no longer admits (it left handling in
/// between) is recorded as moot, so it is not retried for ever.
fn apply_case_move(sql: &SqlStorage, cmd: ApplyCaseMove) -> Result<CaseDetail, ApiError> {
    #[derive(Deserialize)]
    struct Applied {
        #[allow(dead_code)]
        session_id: String,
    }
    let message = &cmd.message;
    let case = load_case(sql, &message.case_code)?.ok_or(ApiError::NotFound)?;
    let applied: Vec<Applied> = sql
        .exec(
            "SELECT session_id FROM applied_case_moves WHERE session_id = ?",
            vec![message.session_id.clone().into()],
        )
        .and_then(|c| c.to_array())
        .map_err(sql_err)?;
    let mut current = case;
    if applied.is_empty() {
        let actor = staff_actor(&message.me);
        let outcome = match message
            .case_move
            .apply(&current, &actor, message.at, &cmd.directory)
        {
            Ok((next, event)) => {
                record_change(sql, &current, &next, &event, &cmd.directory, &cmd.origin)?;
                current = next;
                "applied"
            }
            Err(err) => {
                worker::console_log!(
                    "session {}: case move on {} is moot: {err}",
                    message.session_id,
                    message.case_code
                );
                "moot"
            }
        };
        sql.exec(
            "INSERT INTO applied_case_moves (session_id, applied_ms, outcome) VALUES (?, ?, ?)",
            vec![
                message.session_id.clone().into(),
                message.at.timestamp_millis().into(),
                outcome.into(),
            ],
        )
        .map_err(sql_err)?;
    }
    detail_of(
        sql,
        &current,
        street_of(&cmd.directory, &current),
        &message.me,
        cmd.directory.limits_for(&current.community),
        message.at,
        &cmd.origin,
    )
}

/// Merges a duplicate into a primary case, both of this community, in one atomic stretch:
/// the primary takes in the duplicate's timeline, the duplicate is closed into the primary.
fn merge(sql: &SqlStorage, cmd: MergeCommand) -> Result<CaseDetail, ApiError> {
    let primary = load_current(
        sql,
        &cmd.primary,
        cmd.version,
        &cmd.me,
        Action::MergeCases,
        &cmd.directory,
        cmd.now,
        &cmd.origin,
    )?;
    let actor = staff_actor(&cmd.me);
    let duplicate = load_case(sql, &cmd.duplicate)?.ok_or(ApiError::Field(
        accord_shared::fields::FieldError::new(
            "duplicate",
            accord_shared::fields::FieldProblem::InvalidFormat,
        ),
    ))?;
    let absorb = Command::AbsorbDuplicate {
        duplicate: cmd.duplicate.clone(),
        timeline: duplicate.timeline.clone(),
    };
    let (merged_primary, primary_event) =
        execute(&primary, &absorb, &actor, cmd.now, &cmd.directory)?;
    let close = Command::MergeInto {
        primary: cmd.primary.clone(),
    };
    let (closed_duplicate, duplicate_event) =
        execute(&duplicate, &close, &actor, cmd.now, &cmd.directory)?;
    record_change(
        sql,
        &primary,
        &merged_primary,
        &primary_event,
        &cmd.directory,
        &cmd.origin,
    )?;
    record_change(
        sql,
        &duplicate,
        &closed_duplicate,
        &duplicate_event,
        &cmd.directory,
        &cmd.origin,
    )?;
    detail_of(
        sql,
        &merged_primary,
        street_of(&cmd.directory, &merged_primary),
        &cmd.me,
        cmd.directory.limits_for(&merged_primary.community),
        cmd.now,
        &cmd.origin,
    )
}

fn actor_name(actor: &Actor) -> String {
    match actor {
        Actor::Resident => "resident".into(),
        Actor::Staff { username, .. } => username.clone(),
        Actor::Volunteer { link, .. } => format!("volunteer:{link}"),
        Actor::System => "system".into(),
    }
}

/// Saves a change of a case (its row, columns and new event, under its community's time
/// limits), moves the community's figures from `before` to it, and puts it on the audit
/// record: what every change of a stored case does.
fn record_change(
    sql: &SqlStorage,
    before: &Case,
    case: &Case,
    event: &TimelineEvent,
    directory: &Directory,
    origin: &str,
) -> Result<(), ApiError> {
    save_change(sql, case, event, directory.limits_for(&case.community))?;
    stat_cells::record(sql, Some(before), case)?;
    stat_members::record(sql, Some(before), case)?;
    audit_change(sql, case, event, origin)?;
    // Told once the write is durable: the resident of a new status, new handlers of their case.
    let code = case.code.to_string();
    if let Some(kind) = accord_shared::push::resident_event(before, case) {
        push_delivery::queue(sql, &code, &code, kind)?;
    }
    push_delivery::queue_for_staff(
        accord_shared::push::new_handlers(before, case),
        &code,
        accord_shared::push::PushKind::Assigned,
    );
    Ok(())
}

/// Stores a new case and counts it in the community's figures: every new case of this
/// object, filed, moved in, imported or loaded, comes through here.
fn insert_counted(
    sql: &SqlStorage,
    case: &Case,
    year: i32,
    secret_hash: &str,
    limits: &TimeLimits,
) -> Result<(), ApiError> {
    insert_case(sql, case, year, secret_hash, limits)?;
    stat_cells::record(sql, None, case)?;
    stat_members::record(sql, None, case)
}

/// Records a change in the audit log: `case.<event kind>`.
fn audit_change(
    sql: &SqlStorage,
    case: &Case,
    event: &TimelineEvent,
    origin: &str,
) -> Result<(), ApiError> {
    let kind = serde_json::to_value(event.kind())
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    audit_log::append(
        sql,
        AuditRecord {
            at: event.at,
            actor: actor_name(&event.actor),
            action: format!("case.{kind}"),
            target: case.code.to_string(),
            origin: origin.to_owned(),
        },
    )
}

/// The retention run: cases that ended more than the retention period ago lose their
/// personal data; their figures stay. Only cases whose period started long enough ago are
/// read; a second run finds nothing more to erase.
fn retain(sql: &SqlStorage, cmd: RetainCommand) -> Result<CommunityRetention, ApiError> {
    ensure_index(sql, &cmd.limits, cmd.now)?;
    let mut report = RetentionReport {
        examined: 0,
        erased: 0,
    };
    let before = cmd.now - chrono::Duration::days(i64::from(cmd.retention_days));
    for code in erasure_candidates(sql, before)? {
        report.examined += 1;
        let case = load_case(sql, &code)?.ok_or(ApiError::Internal)?;
        if !due_for_erasure(&case, cmd.retention_days, cmd.now) {
            continue;
        }
        let (erased, event) = erase(&case, cmd.now);
        rewrite_case(sql, &erased, &cmd.limits)?;
        push_delivery::forget(sql, &code)?;
        stat_cells::record(sql, Some(&case), &erased)?;
        stat_members::record(sql, Some(&case), &erased)?;
        audit_change(sql, &erased, &event, &cmd.origin)?;
        case_photos::erase_case(sql, &code)?;
        report.erased += 1;
    }
    Ok(CommunityRetention {
        report,
        photo_keys: case_photos::pending_erasures(sql)?,
    })
}

fn staff_actor(me: &Me) -> Actor {
    Actor::Staff {
        username: me.username.clone(),
        role: me.role,
    }
}

/// The scheduled run: every open case past its deadline climbs the escalation ladder as far
/// as it is due. Only cases whose next step has come are read (`escalate_at_ms`), so a run
/// with nothing due reads nothing; running it again at the same time changes nothing.
fn escalate(sql: &SqlStorage, cmd: EscalateCommand) -> Result<EscalationReport, ApiError> {
    let limits = cmd.directory.limits_for(&cmd.community);
    ensure_index(sql, limits, cmd.now)?;
    let mut report = EscalationReport {
        examined: 0,
        escalated: 0,
        reopened_for_default: 0,
        notices: Vec::new(),
    };
    for code in escalation_candidates(sql, cmd.now)? {
        report.examined += 1;
        let case = load_case(sql, &code)?.ok_or(ApiError::Internal)?;
        if let Some(command) = escalation_due_now(&case, limits, cmd.now) {
            let (next, event) = execute(&case, &command, &Actor::System, cmd.now, &cmd.directory)?;
            record_change(sql, &case, &next, &event, &cmd.directory, &cmd.origin)?;
            report.escalated += 1;
            report
                .notices
                .extend(accord_shared::notices::escalation_notices(&next, cmd.now));
        }
    }
    // Agreements in default: the case reopens once per defaulted term, in the same write as
    // the agreement remembering it was reported.
    for agreement in agreements::all(sql)? {
        let Some(case) = load_case(sql, &agreement.case_code)? else {
            continue;
        };
        if let Some((reported, command)) = default_step(&case, &agreement, cmd.now) {
            let (next, event) = execute(&case, &command, &Actor::System, cmd.now, &cmd.directory)?;
            record_change(sql, &case, &next, &event, &cmd.directory, &cmd.origin)?;
            agreements::save(sql, &reported, cmd.now)?;
            report.reopened_for_default += 1;
            // The handlers are told which terms: those reported now, not before.
            let terms: Vec<String> = reported
                .reported_defaults
                .iter()
                .filter(|r| !agreement.default_reported(r.term))
                .filter_map(|r| reported.term(r.term).map(|term| term.what.clone()))
                .collect();
            report
                .notices
                .extend(accord_shared::notices::default_notices(
                    &next, &terms, cmd.now,
                ));
        }
    }
    Ok(report)
}

fn volunteer_cases(
    sql: &SqlStorage,
    query: VolunteerCasesQuery,
) -> Result<Vec<VolunteerCase>, ApiError> {
    let mut out = Vec::new();
    for code in &query.codes {
        if let Some(case) = load_case(sql, code)? {
            if case.personal_data_erased {
                continue;
            }
            // A case that left follow-up is shown without its contact details: nothing read.
            if !accord_shared::volunteer::visitable(case.status) {
                out.push(volunteer_case(&case, &query.limits, query.now));
                continue;
            }
            audit_log::append(
                sql,
                AuditRecord {
                    at: query.now,
                    actor: actor_name(&query.actor),
                    action: "case.read_contact".into(),
                    target: code.clone(),
                    origin: query.origin.clone(),
                },
            )?;
            out.push(volunteer_case(&case, &query.limits, query.now));
        }
    }
    Ok(out)
}

fn volunteer_visit(sql: &SqlStorage, cmd: VolunteerVisit) -> Result<VolunteerCase, ApiError> {
    let case = load_case(sql, &cmd.code)?.ok_or(ApiError::NotFound)?;
    let command = Command::RecordVisit { note: cmd.note };
    let (next, event) = execute(&case, &command, &cmd.actor, cmd.now, &cmd.directory)?;
    record_change(sql, &case, &next, &event, &cmd.directory, &cmd.origin)?;
    Ok(volunteer_case(
        &next,
        cmd.directory.limits_for(&next.community),
        cmd.now,
    ))
}

/// Adds the next synthetic cases (local benchmarks only), each written as a filing writes a
/// case. The first request fixes the history's end (`now`) and its size, so a load resumed
/// later continues the same history.
fn load_synthetic(sql: &SqlStorage, cmd: LoadSynthetic) -> Result<LoadProgress, ApiError> {
    #[derive(Deserialize)]
    struct Progress {
        total: f64,
        loaded: f64,
        anchor_ms: f64,
    }
    let stored: Option<Progress> = sql
        .exec("SELECT total, loaded, anchor_ms FROM synthetic_load", None)
        .and_then(|c| c.to_array())
        .map_err(sql_err)?
        .into_iter()
        .next();
    let (total, mut loaded, anchor) = match stored {
        Some(p) => (
            p.total as u64,
            p.loaded as u64,
            chrono::TimeZone::timestamp_millis_opt(&Utc, p.anchor_ms as i64)
                .single()
                .ok_or(ApiError::Internal)?,
        ),
        None => (u64::from(cmd.total), 0, cmd.now),
    };
    let end = total.min(loaded + u64::from(cmd.count));
    // The batch's figures are summed first and stored once: thousands of cases share cells.
    let mut figures = Tally::default();
    while loaded < end {
        let filed_at = synthetic_filed_at(loaded, total, anchor);
        let year = local_year(filed_at);
        let seq = next_sequence(sql, year)?;
        let code = CaseCode::new(&cmd.code_prefix, cmd.community_number, year, seq)
            .ok_or(ApiError::Internal)?;
        let case = synthetic_case(
            &cmd.directory,
            &cmd.community,
            loaded,
            code,
            filed_at,
            anchor,
        )
        .ok_or(ApiError::Internal)?;
        // No secret opens a synthetic case.
        insert_case(
            sql,
            &case,
            year,
            ABSENT_HASH,
            cmd.directory.limits_for(&cmd.community),
        )?;
        figures.add_case(&case);
        stat_members::insert(sql, &case)?;
        loaded += 1;
    }
    stat_cells::apply(sql, &figures)?;
    sql.exec(
        "INSERT INTO synthetic_load (id, total, loaded, anchor_ms) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET loaded = excluded.loaded",
        vec![
            (total as i64).into(),
            (loaded as i64).into(),
            anchor.timestamp_millis().into(),
        ],
    )
    .map_err(sql_err)?;
    Ok(LoadProgress {
        loaded: u32::try_from(loaded).unwrap_or(u32::MAX),
        total: u32::try_from(total).unwrap_or(u32::MAX),
    })
}

/// Stores historical cases: a line whose `source_id` was imported before changes nothing; a
/// line the filing rules or the state machine refuse is reported and nothing of its case is
/// stored. Imported cases keep their recorded dates; no secret opens them (the resident of a
/// case closed in the old system has none).
fn import_cases(sql: &SqlStorage, cmd: ImportCases) -> Result<ImportOutcome, ApiError> {
    #[derive(Deserialize)]
    struct Imported {
        code: String,
    }
    let mut outcome = ImportOutcome::default();
    let mut figures = Tally::default();
    for (line_no, line) in &cmd.lines {
        let mut line = line.clone();
        line.line = *line_no;
        let line = &line;
        let before: Option<Imported> = select(
            sql,
            "SELECT code FROM imports WHERE source_id = ?",
            vec![line.source_id.clone().into()],
        )?
        .into_iter()
        .next();
        if let Some(before) = before {
            outcome.unchanged.push(ImportedLine {
                line: line.line,
                source_id: line.source_id.clone(),
                code: before.code,
            });
            continue;
        }
        let year = code_year(line);
        let seq = next_sequence(sql, year)?;
        let built = code_for(line, &cmd.directory, seq)
            .ok_or_else(|| ImportError {
                line: line.line,
                source_id: Some(line.source_id.clone()),
                field: Some("community".into()),
                code: "unknown_community".into(),
                message: format!("no community {} in the directory", line.community),
            })
            .and_then(|code| build_case(line, code, &cmd.directory));
        let case = match built {
            Ok(case) => case,
            Err(err) => {
                outcome.errors.push(err);
                continue;
            }
        };
        let code = case.code.to_string();
        insert_case(
            sql,
            &case,
            year,
            ABSENT_HASH,
            cmd.directory.limits_for(&case.community),
        )?;
        figures.add_case(&case);
        stat_members::insert(sql, &case)?;
        sql.exec(
            "INSERT INTO imports (source_id, code, at_ms) VALUES (?, ?, ?)",
            vec![
                line.source_id.clone().into(),
                code.clone().into(),
                cmd.now.timestamp_millis().into(),
            ],
        )
        .map_err(sql_err)?;
        audit_log::append(
            sql,
            AuditRecord {
                at: cmd.now,
                actor: cmd.actor.clone(),
                action: "case.imported".into(),
                target: code.clone(),
                origin: cmd.origin.clone(),
            },
        )?;
        outcome.imported.push(ImportedLine {
            line: line.line,
            source_id: line.source_id.clone(),
            code,
        });
    }
    stat_cells::apply(sql, &figures)?;
    Ok(outcome)
}

/// The kept cells a dashboard asks for (counting stored cases first, once, if they were
/// stored before figures were kept).
fn figures(sql: &SqlStorage, query: FiguresQuery) -> Result<CommunityFigures, ApiError> {
    stat_cells::ensure_counted(sql)?;
    let mut range = stat_cells::read_summed(sql, &query.range, query.marker, &query.dims)?;
    range.merge(&stat_cells::read(sql, &[PeriodKey::Now], &query.dims)?);
    Ok(CommunityFigures {
        range,
        trend: stat_cells::read(sql, &query.trend, &[])?,
    })
}

/// A page of the cases behind a number, as queue rows with the day each counts on.
fn figure_cases(sql: &SqlStorage, query: FigureCasesQuery) -> Result<FigureCasesAnswer, ApiError> {
    stat_cells::ensure_counted(sql)?;
    let page = stat_members::page(sql, &query.filter, query.after.as_ref(), query.limit)?;
    let items = page
        .iter()
        .map(|(day, case)| FigureCase {
            counted_on: chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok(),
            item: queue_item(case, &query.limits, query.now),
        })
        .collect();
    let total = if query.count {
        Some(stat_members::count(sql, &query.filter)?)
    } else {
        None
    };
    Ok(FigureCasesAnswer { items, total })
}

/// Recounts every case and compares with the kept cells: the differences, with the cases
/// behind each.
fn check_figures(sql: &SqlStorage) -> Result<FiguresCheck, ApiError> {
    stat_cells::ensure_counted(sql)?;
    let kept = stat_cells::read_all(sql)?;
    let mut cases = Vec::new();
    crate::storage::case_rows::all_cases_paged(sql, |case| cases.push(case.clone()))?;
    let differences = accord_shared::stats::check(&kept, cases.iter());
    let members = stat_members::read_all(sql)?;
    let (member_differences, members_differing) =
        stat_members::differences(&members, cases.iter(), 100);
    Ok(FiguresCheck {
        cases: cases.len() as u64,
        cells: kept.len() as u64,
        differences,
        member_differences,
        members_differing: members_differing as u64,
    })
}
