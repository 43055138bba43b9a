//! Which request bodies the API reads: every body it takes is JSON, so a body sent under
//! another media type is refused (415) before it is parsed, and a request with no body at
//! all is left to its handler (a route that takes none, or a 400 for one that needs one).

/// Whether a `Content-Type` value names JSON: `application/json` or a `+json` type of
/// `application`, in any case, with any parameters (`; charset=utf-8`).
pub fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence
            .strip_prefix("application/")
            .is_some_and(|sub| sub.len() > "+json".len() && sub.ends_with("+json"))
}

/// Whether a body of `body_len` bytes sent with `content_type` may be read as JSON: an empty
/// body always (nothing to misread), any other only under a JSON media type.
pub fn body_acceptable(content_type: Option<&str>, body_len: usize) -> bool {
    body_len == 0 || content_type.is_some_and(is_json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_json_bodies_are_read() {
        for good in [
            "application/json",
            "Application/JSON; charset=utf-8",
            " application/json ;charset=UTF-8",
            "application/merge-patch+json",
        ] {
            assert!(body_acceptable(Some(good), 10), "{good}");
        }
        for bad in [
            "text/plain",
            "text/plain;charset=UTF-8",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/jsonp",
            "application/+json",
            "text/json",
            "",
        ] {
            assert!(!body_acceptable(Some(bad), 10), "{bad}");
        }
        assert!(!body_acceptable(None, 1), "a body needs its type");
        assert!(body_acceptable(None, 0), "no body, nothing to misread");
        assert!(body_acceptable(Some("text/plain"), 0));
    }
}
