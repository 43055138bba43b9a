//! How a typed full name is compared with the name in the agreement.

/// The name with its ends trimmed and every run of Unicode whitespace inside it (spaces,
/// tabs, the ideographic space U+3000, no-break spaces…) made one ASCII space:
/// `"  Li\u{3000}\u{3000}Wei "` and `"Li Wei"` are the same name. Nothing else changes (no
/// case folding), so `张三` and `张 三` are different names.
pub fn normalise_name(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}
