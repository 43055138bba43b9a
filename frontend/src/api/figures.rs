//! The figures' endpoints: the staff dashboard, the public page, the history import and the
//! recount check.

use super::{decode, encode, get, send, with_json, ApiError};
use accord_shared::wire::{FigureCasesPage, FigureCasesParams, FiguresView, PublicFiguresView};
use gloo_net::http::Request;
use serde::{Deserialize, Serialize};

/// What a dashboard asks: `community` empty for every community the reader sees; dates as
/// `YYYY-MM-DD`; `by` a dimension code.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FiguresAsk {
    pub community: String,
    pub from: String,
    pub to: String,
    pub by: String,
}

impl FiguresAsk {
    pub fn query(&self) -> String {
        format!(
            "community={}&from={}&to={}&by={}",
            encode(&self.community),
            encode(&self.from),
            encode(&self.to),
            encode(&self.by)
        )
    }
}

pub async fn staff_figures(ask: &FiguresAsk) -> Result<FiguresView, ApiError> {
    decode(send(get(&format!("/api/staff/figures?{}", ask.query()))).await?).await
}

/// A page of the cases behind a number.
pub async fn figure_cases(params: &FigureCasesParams) -> Result<FigureCasesPage, ApiError> {
    let url = format!("/api/staff/figures/cases?{}", params.query());
    decode(send(get(&url)).await?).await
}

pub async fn public_figures(from: &str, to: &str) -> Result<PublicFiguresView, ApiError> {
    let url = format!("/api/figures?from={}&to={}", encode(from), encode(to));
    decode(send(get(&url)).await?).await
}

#[derive(Serialize)]
struct ImportChunk<'a> {
    first_line: usize,
    lines: &'a [String],
}

/// A refused line of an import.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ImportProblem {
    pub line: usize,
    pub source_id: Option<String>,
    pub field: Option<String>,
    pub code: String,
    pub message: String,
}

/// What one chunk of an import did.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ImportAnswer {
    pub lines: usize,
    pub imported: usize,
    pub unchanged: usize,
    pub errors: Vec<ImportProblem>,
}

/// Sends lines `first_line`… of an import file.
pub async fn import_chunk(first_line: usize, lines: &[String]) -> Result<ImportAnswer, ApiError> {
    let body = ImportChunk { first_line, lines };
    decode(send(with_json(Request::post("/api/admin/import"), &body)).await?).await
}

/// The recount check's answer (its differences are counted, and listed by community).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct CheckAnswer {
    pub communities: usize,
    pub cases: u64,
    pub cells: u64,
    pub differences: usize,
}

pub async fn check_figures() -> Result<CheckAnswer, ApiError> {
    decode(send(with_json(Request::post("/api/admin/figures/check"), &())).await?).await
}
