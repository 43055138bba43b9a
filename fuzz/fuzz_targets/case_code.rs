//! Case codes: whatever text reads as a code shows in canonical form and that form reads back
//! as the same code (in any letter case, with spaces for dashes), and the same holds of every
//! code `CaseCode::new` agrees to make.

#![no_main]

use accord_shared::code::CaseCode;
use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;

/// `PP07-2026-0123`: 1 to 4 capital letters, two digits, four, and four to six.
fn canonical(shown: &str) -> bool {
    let parts: Vec<&str> = shown.split('-').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let [head, year, seq] = parts[..] else {
        return false;
    };
    let letters = head.len().saturating_sub(2);
    (1..=4).contains(&letters)
        && head[..letters].bytes().all(|b| b.is_ascii_uppercase())
        && digits(&head[letters..])
        && year.len() == 4
        && digits(year)
        && (4..=6).contains(&seq.len())
        && digits(seq)
        && (seq.len() == 4 || !seq.starts_with('0'))
}

fn check(code: &CaseCode) {
    let shown = code.to_string();
    assert!(canonical(&shown), "{shown:?} is not canonical");
    assert_eq!(
        CaseCode::parse(&shown).as_ref(),
        Ok(code),
        "{shown:?} does not read back"
    );
    assert_eq!(
        CaseCode::parse(&shown.to_ascii_lowercase()).as_ref(),
        Ok(code)
    );
    assert_eq!(
        CaseCode::parse(&format!(" {} ", shown.replace('-', " "))).as_ref(),
        Ok(code)
    );
    let json = serde_json::to_string(code).expect("a code serializes");
    assert_eq!(json, format!("\"{shown}\""));
    assert_eq!(
        serde_json::from_str::<CaseCode>(&json).ok().as_ref(),
        Some(code)
    );
    assert!((1..=99).contains(&code.community_number()));
    assert!((2000..=9999).contains(&code.year()));
    assert!(code.sequence() >= 1);
}

fuzz_target!(|data: &[u8]| {
    // The bytes as text a person typed…
    let raw = String::from_utf8_lossy(data);
    if let Ok(code) = CaseCode::parse(&raw) {
        check(&code);
        let same: String = raw.trim().chars().map(|c| c.to_ascii_lowercase()).collect();
        assert_eq!(CaseCode::parse(&same).as_ref(), Ok(&code));
    }
    // …and as the parts of a code.
    let mut u = Unstructured::new(data);
    let parts = (|| -> arbitrary::Result<_> {
        let prefix = if u.ratio(1, 2)? {
            (*u.choose(&["ZH", "ZS", "X", "ABCD", "ABCDE", "zh", ""])?).to_owned()
        } else {
            u.arbitrary::<String>()?
        };
        let number: u8 = u.arbitrary()?;
        let year: i32 = if u.ratio(3, 4)? {
            u.int_in_range(1990..=10_010)?
        } else {
            u.arbitrary()?
        };
        let sequence: u32 = if u.ratio(3, 4)? {
            u.int_in_range(0..=1_100_000)?
        } else {
            u.arbitrary()?
        };
        Ok((prefix, number, year, sequence))
    })();
    if let Ok((prefix, number, year, sequence)) = parts {
        if let Some(code) = CaseCode::new(&prefix, number, year, sequence) {
            assert_eq!(code.prefix(), prefix);
            assert_eq!(code.community_number(), number);
            assert_eq!(i32::from(code.year()), year);
            assert_eq!(code.sequence(), sequence);
            check(&code);
        }
    }
});
