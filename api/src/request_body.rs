//! What a request body must be before a handler reads it. Every body the API takes is JSON,
//! so a body sent under another media type is refused (415) before it is parsed, and a request
//! with no body at all is left to its handler (a route that takes none, or a 400 for one that
//! needs one). A number written with a zero fraction (`4.0`) is the integer it equals, as JSON
//! Schema counts it, so an `integer` field of the OpenAPI document takes it. Every body is a
//! JSON object: an array is not read as a struct's fields in order, as serde would. A body that
//! is not the request it should be names where: a field the request does not take
//! (`unknown_field`), or the first field of the wrong type or shape, as `parties.0.phone`.

use crate::error::ApiError;
use serde_json::Value;

/// Adds a piece of a body being read to `bytes`, unless the body would then pass `limit`.
pub fn append_within(bytes: &mut Vec<u8>, piece: &[u8], limit: usize) -> Result<(), ApiError> {
    if bytes.len().saturating_add(piece.len()) > limit {
        return Err(ApiError::BodyTooLarge { limit });
    }
    bytes.extend_from_slice(piece);
    Ok(())
}

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

/// Writes every number with a zero fraction as the integer it equals (within the range a
/// double holds exactly), everywhere in `value`.
pub fn integral_numbers(value: &mut Value) {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() <= EXACT) {
                // In range and integral, so the cast is exact.
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers),
        Value::Object(fields) => fields.values_mut().for_each(integral_numbers),
        _ => {}
    }
}

/// What is wrong with a body that is not the request it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyProblem {
    /// Not JSON, not an object, or wrong at its top level.
    Malformed,
    /// A field the request does not take, by its place (`parties.0.nickname`).
    UnknownField(String),
    /// The first field of the wrong type or shape, by its place.
    WrongField(String),
}

impl From<BodyProblem> for ApiError {
    fn from(problem: BodyProblem) -> Self {
        match problem {
            BodyProblem::Malformed => ApiError::MalformedBody,
            BodyProblem::UnknownField(field) => ApiError::UnknownField { field },
            BodyProblem::WrongField(field) => ApiError::MalformedField { field },
        }
    }
}

/// A place in a body as the API names fields: keys and list positions joined by dots.
fn ignored_place(path: &serde_ignored::Path) -> String {
    use serde_ignored::Path;
    let (parent, own) = match path {
        Path::Root => return String::new(),
        Path::Seq { parent, index } => (*parent, index.to_string()),
        Path::Map { parent, key } => (*parent, key.clone()),
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => return ignored_place(parent),
    };
    match ignored_place(parent) {
        before if before.is_empty() => own,
        before => format!("{before}.{own}"),
    }
}

fn wrong_place(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// A request's JSON body, an object, as `T`, integral numbers read as integers; a field `T`
/// does not take is refused, not ignored.
pub fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, BodyProblem> {
    decode_with_value(bytes).map(|(decoded, _)| decoded)
}

/// As [`decode`], with the body as the JSON value it was read from (integral numbers as
/// integers), for a caller that keeps the body itself (a filing's idempotency record).
pub fn decode_with_value<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
) -> Result<(T, Value), BodyProblem> {
    let mut value: Value = serde_json::from_slice(bytes).map_err(|_| BodyProblem::Malformed)?;
    if !value.is_object() {
        return Err(BodyProblem::Malformed);
    }
    integral_numbers(&mut value);
    let mut unknown: Option<String> = None;
    let decoded = serde_ignored::deserialize(&value, |path| {
        unknown.get_or_insert_with(|| ignored_place(&path));
    });
    match decoded {
        Ok(decoded) => match unknown {
            None => Ok((decoded, value)),
            Some(field) => Err(BodyProblem::UnknownField(field)),
        },
        // Read again, only to say where it went wrong.
        Err(_) => match serde_path_to_error::deserialize::<_, T>(&value) {
            Err(err) if err.path().iter().next().is_some() => {
                Err(BodyProblem::WrongField(wrong_place(err.path())))
            }
            _ => Err(BodyProblem::Malformed),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_integral_number_is_an_integer_and_nothing_else_changes() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Feedback {
            satisfaction: u8,
            amount: f64,
            nested: Vec<u32>,
        }
        assert_eq!(
            decode::<Feedback>(br#"{"satisfaction": 4.0, "amount": 12.0, "nested": [1.0, 2e0]}"#),
            Ok(Feedback {
                satisfaction: 4,
                amount: 12.0,
                nested: vec![1, 2]
            })
        );
        assert_eq!(
            decode::<Feedback>(br#"{"satisfaction": 4.5, "amount": 1, "nested": []}"#),
            Err(BodyProblem::WrongField("satisfaction".into()))
        );
        assert_eq!(
            decode::<Feedback>(br#"{"satisfaction": -0.0, "amount": 0.5, "nested": [1e300]}"#),
            Err(BodyProblem::WrongField("nested.0".into()))
        );
        assert_eq!(decode::<Value>(b"{\"a\":").ok(), None);
        let mut text = serde_json::json!({"s": "4.0", "big": 1e20});
        integral_numbers(&mut text);
        assert_eq!(text, serde_json::json!({"s": "4.0", "big": 1e20}));
    }

    #[test]
    fn a_body_is_an_object_never_a_list_of_fields() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Update {
            name: Option<String>,
            disabled: Option<bool>,
        }
        assert_eq!(decode::<Update>(b"[]"), Err(BodyProblem::Malformed));
        assert_eq!(
            decode::<Update>(br#"["x", true]"#),
            Err(BodyProblem::Malformed)
        );
        assert_eq!(decode::<Update>(b"null"), Err(BodyProblem::Malformed));
        assert_eq!(decode::<Value>(b"42"), Err(BodyProblem::Malformed));
        assert_eq!(
            decode::<Update>(br#"{"disabled": true}"#),
            Ok(Update {
                name: None,
                disabled: Some(true)
            })
        );
    }

    #[test]
    fn a_field_not_taken_or_of_the_wrong_shape_is_named_by_its_place() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Party {
            name: String,
            phone: Option<String>,
        }
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Filing {
            parties: Vec<Party>,
            note: Option<Party>,
            #[serde(default)]
            answers: std::collections::BTreeMap<String, String>,
        }
        let ok = br#"{"parties": [{"name": "a", "phone": null}], "answers": {"any": "x"}}"#;
        assert!(decode::<Filing>(ok).is_ok());
        assert_eq!(
            decode::<Filing>(br#"{"parties": [], "colour": "red"}"#),
            Err(BodyProblem::UnknownField("colour".into()))
        );
        assert_eq!(
            decode::<Filing>(br#"{"parties": [{"name": "a"}, {"name": "b", "nick": 1}]}"#),
            Err(BodyProblem::UnknownField("parties.1.nick".into()))
        );
        assert_eq!(
            decode::<Filing>(br#"{"parties": [], "note": {"name": "a", "x": true}}"#),
            Err(BodyProblem::UnknownField("note.x".into()))
        );
        assert_eq!(
            decode::<Filing>(br#"{"parties": [{"name": "a", "phone": 5}]}"#),
            Err(BodyProblem::WrongField("parties.0.phone".into()))
        );
        assert_eq!(
            decode::<Filing>(br#"{"parties": [{"phone": "1"}]}"#),
            Err(BodyProblem::WrongField("parties.0".into()))
        );
        assert_eq!(decode::<Filing>(br#"{}"#), Err(BodyProblem::Malformed));
        let err = ApiError::from(BodyProblem::UnknownField("colour".into()));
        assert_eq!(err.status(), 400);
        assert_eq!(err.body().error.field.as_deref(), Some("colour"));
        assert_eq!(err.body().error.code, "unknown_field");
    }

    #[test]
    fn a_body_read_in_pieces_stops_at_its_limit() {
        let mut bytes = Vec::new();
        assert_eq!(append_within(&mut bytes, b"12345", 8), Ok(()));
        assert_eq!(append_within(&mut bytes, b"678", 8), Ok(()));
        assert_eq!(
            append_within(&mut bytes, b"9", 8),
            Err(ApiError::BodyTooLarge { limit: 8 })
        );
        assert_eq!(bytes, b"12345678", "the piece over the limit is not kept");
        assert_eq!(
            append_within(&mut Vec::new(), &[0; 9], 8),
            Err(ApiError::BodyTooLarge { limit: 8 })
        );
    }

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
