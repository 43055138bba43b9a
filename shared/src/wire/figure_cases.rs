//! The cases behind a number: what a drill-down asks (`FigureCasesParams`, parsed from the
//! dashboard's own query string plus the metric and the row), and the page it gets — the
//! queue's rows, each with the day it counts on, in that order.

use crate::queue::QueueItem;
use crate::stats::members::{day_key, has_members, MemberFilter};
use crate::stats::{Dim, Metric};
use crate::wire::figures::{BadParameter, FiguresParams};
use crate::wire::requests::{encode_component, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest row value a drill-down accepts (a grid or category id, a code).
pub const MAX_VALUE_CHARS: usize = 64;

/// Position after the last case of a page: the day it counts on (`YYYY-MM-DD` or `now`)
/// and its code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MemberCursor {
    pub day: String,
    pub code: String,
}

impl MemberCursor {
    pub fn after(case: &FigureCase) -> MemberCursor {
        MemberCursor {
            day: day_key(case.counted_on),
            code: case.item.code.clone(),
        }
    }

    /// `2026-03-15.ZH07-2026-0001`: URL-safe without escaping.
    pub fn encode(&self) -> String {
        format!("{}.{}", self.day, self.code)
    }

    pub fn decode(raw: &str) -> Option<MemberCursor> {
        let (day, code) = raw.split_once('.')?;
        let valid_day = day == crate::stats::members::NOW_KEY
            || NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .is_ok_and(|d| d.format("%Y-%m-%d").to_string() == day);
        let valid_code = !code.is_empty()
            && code.len() <= 32
            && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        (valid_day && valid_code).then(|| MemberCursor {
            day: day.to_owned(),
            code: code.to_owned(),
        })
    }
}

/// A drill-down: the communities (`None`: every one the reader may see), the members, and
/// the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureCasesParams {
    pub community: Option<String>,
    pub filter: MemberFilter,
    pub after: Option<MemberCursor>,
    pub limit: usize,
}

impl FigureCasesParams {
    /// Reads the dashboard's `community`, `from` and `to` (the same rules and defaults), and
    /// `metric` (a counted metric's code, required), `by` and `value` (the row: a dimension
    /// and its value; without `by`, the total), `bucket` (one value of a histogram: risk
    /// 1–4, satisfaction 1–5), `cursor` and `limit`.
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
        today: NaiveDate,
    ) -> Result<FigureCasesParams, BadParameter> {
        let range = FiguresParams::parse(pairs.clone(), today)?;
        let (mut metric, mut dim, mut value, mut bucket) = (None, Dim::All, None, None);
        let (mut after, mut limit) = (None, DEFAULT_PAGE_SIZE);
        for (name, raw) in pairs {
            let raw = raw.trim();
            match name {
                "metric" => {
                    metric = Some(
                        Metric::parse(raw)
                            .filter(|m| has_members(*m))
                            .ok_or(BadParameter("metric"))?,
                    )
                }
                "by" if !raw.is_empty() => dim = Dim::parse(raw).ok_or(BadParameter("by"))?,
                "value" => {
                    if raw.chars().count() > MAX_VALUE_CHARS || raw.chars().any(char::is_control) {
                        return Err(BadParameter("value"));
                    }
                    value = Some(raw.to_owned())
                }
                "bucket" if !raw.is_empty() => {
                    bucket = Some(raw.parse::<u16>().map_err(|_| BadParameter("bucket"))?)
                }
                "cursor" if !raw.is_empty() => {
                    after = Some(MemberCursor::decode(raw).ok_or(BadParameter("cursor"))?)
                }
                "limit" if !raw.is_empty() => {
                    limit = raw
                        .parse::<usize>()
                        .ok()
                        .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
                        .ok_or(BadParameter("limit"))?
                }
                _ => {}
            }
        }
        let metric = metric.ok_or(BadParameter("metric"))?;
        let value = match (dim, value) {
            (Dim::All, _) => String::new(),
            (_, Some(value)) if !value.is_empty() => value,
            _ => return Err(BadParameter("value")),
        };
        Ok(FigureCasesParams {
            community: range.community,
            filter: MemberFilter {
                metric,
                from: range.from,
                to: range.to,
                dim,
                value,
                bucket,
            },
            after,
            limit,
        })
    }
}

impl FigureCasesParams {
    /// The first page of the cases behind one number: `metric` counted over `from`..=`to`
    /// in `community` (`None`: every one the reader sees), for the row `dim` = `value`
    /// (`Dim::All`: the total).
    pub fn first_page(
        metric: Metric,
        community: Option<&str>,
        (from, to): (NaiveDate, NaiveDate),
        (dim, value): (Dim, &str),
    ) -> FigureCasesParams {
        FigureCasesParams {
            community: community.map(str::to_owned),
            filter: MemberFilter {
                metric,
                from,
                to,
                dim,
                value: if dim == Dim::All {
                    String::new()
                } else {
                    value.to_owned()
                },
                bucket: None,
            },
            after: None,
            limit: DEFAULT_PAGE_SIZE,
        }
    }

    /// The query string [`FigureCasesParams::parse`] reads back as these parameters: how a
    /// number on the dashboard links to the cases behind it.
    pub fn query(&self) -> String {
        let f = &self.filter;
        let mut pairs = vec![
            ("metric", f.metric.code().to_owned()),
            ("from", f.from.to_string()),
            ("to", f.to.to_string()),
        ];
        if let Some(community) = &self.community {
            pairs.push(("community", community.clone()));
        }
        if f.dim != Dim::All {
            pairs.push(("by", f.dim.code().to_owned()));
            pairs.push(("value", f.value.clone()));
        }
        if let Some(bucket) = f.bucket {
            pairs.push(("bucket", bucket.to_string()));
        }
        if let Some(after) = &self.after {
            pairs.push(("cursor", after.encode()));
        }
        if self.limit != DEFAULT_PAGE_SIZE {
            pairs.push(("limit", self.limit.to_string()));
        }
        pairs
            .into_iter()
            .map(|(name, value)| format!("{name}={}", encode_component(&value)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// A case behind a number: its queue row and the day it counts on (`None`: a "now" metric).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureCase {
    pub counted_on: Option<NaiveDate>,
    #[serde(flatten)]
    pub item: QueueItem,
}

/// A page of the cases behind a number, in the order they count (day, then code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureCasesPage {
    pub metric: Metric,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub items: Vec<FigureCase>,
    pub next_cursor: Option<String>,
    /// How many cases the number counts, on the first page only (`None` after).
    pub total: Option<u64>,
}

/// Merges the communities' pages (each in order and after the cursor, with one more case
/// than a page when it has more) into one page and the cursor for the next.
pub fn merge_member_pages(
    pages: Vec<Vec<FigureCase>>,
    limit: usize,
) -> (Vec<FigureCase>, Option<String>) {
    let mut all: Vec<FigureCase> = pages.into_iter().flatten().collect();
    all.sort_by_cached_key(MemberCursor::after);
    let has_more = all.len() > limit;
    all.truncate(limit);
    let next = if has_more {
        all.last().map(|last| MemberCursor::after(last).encode())
    } else {
        None
    };
    (all, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn parse(query: &str) -> Result<FigureCasesParams, BadParameter> {
        let pairs: Vec<(&str, &str)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once('=').unwrap_or((p, "")))
            .collect();
        FigureCasesParams::parse(pairs.iter().copied(), today())
    }

    #[test]
    fn a_drill_down_reads_the_dashboards_range_and_the_row() {
        let p =
            parse("metric=resolved&from=2026-01-01&to=2026-06-30&by=category&value=noise").unwrap();
        assert_eq!(p.filter.metric, Metric::Resolved);
        assert_eq!(
            (p.filter.from, p.filter.to),
            (
                NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
            )
        );
        assert_eq!(
            (p.filter.dim, p.filter.value.as_str()),
            (Dim::Category, "noise")
        );
        assert_eq!(p.limit, DEFAULT_PAGE_SIZE);
        // Without a row: the total, this year so far.
        let p = parse("metric=open_now&community=zh01").unwrap();
        assert_eq!(
            (p.filter.dim, p.community.as_deref()),
            (Dim::All, Some("zh01"))
        );
        assert_eq!(p.filter.from, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(
            parse("metric=risk&bucket=3").unwrap().filter.bucket,
            Some(3)
        );
    }

    #[test]
    fn a_bad_drill_down_names_its_parameter() {
        for (query, field) in [
            ("", "metric"),
            ("metric=nope", "metric"),
            ("metric=days_to_conclusion", "metric"),
            ("metric=filed&by=category", "value"),
            ("metric=filed&by=colour&value=x", "by"),
            ("metric=filed&bucket=-1", "bucket"),
            ("metric=filed&cursor=junk", "cursor"),
            ("metric=filed&cursor=2026-13-01.ZH01-2026-0001", "cursor"),
            ("metric=filed&limit=0", "limit"),
            ("metric=filed&limit=101", "limit"),
            ("metric=filed&from=2026-02-30", "from"),
            ("metric=filed&from=2026-06-01&to=2026-05-01", "to"),
        ] {
            assert_eq!(parse(query), Err(BadParameter(field)), "{query}");
        }
        let long = format!("metric=filed&by=grid&value={}", "g".repeat(65));
        assert_eq!(parse(&long), Err(BadParameter("value")));
    }

    #[test]
    fn a_cursor_survives_a_round_trip() {
        for raw in ["2026-03-15.ZH07-2026-0001", "now.ZH07-2026-0002"] {
            assert_eq!(MemberCursor::decode(raw).unwrap().encode(), raw);
        }
        for junk in ["", "now", "2026-3-15.ZH01", "now.ZH 01", "x.ZH01"] {
            assert_eq!(MemberCursor::decode(junk), None, "{junk}");
        }
    }

    /// `%XX` back to bytes, for the round trip.
    fn decode(raw: &str) -> String {
        let bytes = raw.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&raw[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_link_to_the_cases_behind_a_number_reads_back_as_itself() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let mut cases = vec![
            FigureCasesParams::first_page(
                Metric::Filed,
                None,
                (day(1, 1), day(6, 30)),
                (Dim::All, ""),
            ),
            FigureCasesParams::first_page(
                Metric::OpenNow,
                Some("zh01"),
                (day(3, 1), day(3, 31)),
                (Dim::Category, "噪音 & 邻里/纠纷=1"),
            ),
            FigureCasesParams::first_page(
                Metric::DisputeFailed,
                Some("zh 02"),
                (day(1, 1), day(12, 1)),
                (Dim::HandlerRole, "mediator"),
            ),
        ];
        let mut paged = cases[1].clone();
        paged.filter.bucket = Some(3);
        paged.after = MemberCursor::decode("now.ZH01-2026-0007");
        paged.limit = 7;
        cases.push(paged);
        for params in cases {
            let query = params.query();
            let pairs: Vec<(String, String)> = query
                .split('&')
                .map(|p| p.split_once('=').unwrap())
                .map(|(k, v)| (k.to_owned(), decode(v)))
                .collect();
            assert!(!query.contains(' ') && !query.contains("&&"), "{query}");
            let read = FigureCasesParams::parse(
                pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                today(),
            );
            assert_eq!(read, Ok(params), "{query}");
        }
    }
}
