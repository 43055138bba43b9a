//! Figures as a CSV file a spreadsheet opens as it should: UTF-8 with a byte-order mark (so
//! Chinese text is read as UTF-8), CRLF line ends, RFC 4180 quoting, and no field a
//! spreadsheet would run as a formula.

/// The byte-order mark spreadsheets read as "this is UTF-8".
pub const BOM: char = '\u{feff}';

/// A CSV file: the header line, then one line per row, each line ended by CRLF.
pub fn to_csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    out.push(BOM);
    push_line(&mut out, header.iter().copied());
    for row in rows {
        push_line(&mut out, row.iter().map(String::as_str));
    }
    out
}

fn push_line<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, raw) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(raw));
    }
    out.push_str("\r\n");
}

/// One field: a leading `'` if a spreadsheet would take it for a formula, then quoted if it
/// holds a comma, a quote, CR or LF (inner quotes doubled).
pub fn field(raw: &str) -> String {
    let guarded = if starts_like_a_formula(raw) {
        format!("'{raw}")
    } else {
        raw.to_owned()
    };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A field starting with `=`, `+`, `-` or `@` that is not a plain number (`-12`, `+3.5`).
fn starts_like_a_formula(raw: &str) -> bool {
    raw.starts_with(['=', '+', '-', '@']) && !is_plain_number(raw)
}

/// An optional sign, digits, and optionally a point and more digits.
fn is_plain_number(raw: &str) -> bool {
    let digits = raw.strip_prefix(['+', '-']).unwrap_or(raw);
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && fraction.is_none_or(all_digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_starts_with_the_byte_order_mark_and_ends_every_line_with_crlf() {
        let csv = to_csv(
            &["category", "filed"],
            &[
                vec!["邻里纠纷".into(), "12".into()],
                vec!["family".into(), "3".into()],
            ],
        );
        assert_eq!(csv, "\u{feff}category,filed\r\n邻里纠纷,12\r\nfamily,3\r\n");
        assert!(csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted_with_inner_quotes_doubled() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("cr\rhere"), "\"cr\rhere\"");
        assert_eq!(field("plain"), "plain");
        assert_eq!(field(""), "");
        let csv = to_csv(&["x"], &[vec!["a\r\nb".into()]]);
        assert_eq!(csv, "\u{feff}x\r\n\"a\r\nb\"\r\n");
    }

    #[test]
    fn a_field_that_would_run_as_a_formula_gets_a_leading_apostrophe() {
        assert_eq!(field("=SUM(A1:A9)"), "'=SUM(A1:A9)");
        assert_eq!(field("+86 138"), "'+86 138");
        assert_eq!(field("@cmd"), "'@cmd");
        assert_eq!(field("-1+1"), "'-1+1");
        assert_eq!(field("-inf"), "'-inf");
        assert_eq!(
            field("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        // Numbers stay numbers.
        assert_eq!(field("-12"), "-12");
        assert_eq!(field("+3.5"), "+3.5");
        assert_eq!(field("99.29"), "99.29");
        assert_eq!(field("-"), "'-");
        assert_eq!(field("-.5"), "'-.5");
    }
}
