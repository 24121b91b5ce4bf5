//! JSON: the crate's own [`Value`], parser ([`parse`]) and writer ([`ToJson`]), small and exact
//! (numbers keep their text, objects their member order); and a read-only view of parsed JSON
//! ([`JsonView`]), so the shape checks and paging decisions are written once and run on a
//! [`Value`] (host) and on JS values parsed by the engine's own `JSON.parse` (the wasm binding,
//! where re-parsing every body in Rust would cost time).
//!
//! It replaced serde_json in the package: serde_json, serde's impls and the `BTreeMap` its maps
//! were made of came to about 50 KB of the wasm. The parser reads and refuses exactly what
//! serde_json did, in its words (tests and the `response` fuzz target compare the two);
//! serde_json stays a dev-dependency, and the host-only [`crate::models`] use it.

mod number;
mod parse;
mod value;
mod write;

pub use parse::{parse, ParseError};
pub use value::{Map, Number, Value};
pub use write::{write_sorted, write_str, Object, ToJson};

use crate::error::Error;

/// Tests build values with serde_json's `json!` (a dev-dependency) and read its text back.
#[cfg(test)]
macro_rules! json {
    ($($t:tt)+) => {
        $crate::json::parse(&::serde_json::json!($($t)+).to_string()).expect("json! writes JSON")
    };
}
#[cfg(test)]
pub(crate) use json;

/// Tests read what a report writes (the text the package hands to JavaScript) with serde_json.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn to_serde<T: ToJson + ?Sized>(v: &T) -> serde_json::Value {
    serde_json::from_str(&v.to_json()).expect("ToJson writes JSON")
}

/// Read access to a JSON value.
pub trait JsonView: Sized {
    /// The member `key` of an object (None when absent, or when this is not an object).
    fn member(&self, key: &str) -> Option<Self>;
    /// The string, when this is one.
    fn string(&self) -> Option<String>;
    /// Whether this is an array.
    fn is_array(&self) -> bool;
    /// Whether this is an object (not null, not an array).
    fn is_object(&self) -> bool;
    /// Whether this is JSON `null`.
    fn is_null(&self) -> bool;
    /// The elements, when this is an array.
    fn items(&self) -> Option<Vec<Self>>;
    /// The length, when this is an array.
    fn array_len(&self) -> Option<usize> {
        self.items().map(|v| v.len())
    }
    /// The number, when this is one.
    fn number(&self) -> Option<f64>;
    /// The boolean, when this is one.
    fn boolean(&self) -> Option<bool>;
    /// The exact decimal digits of an integer, when this is one whose digits are known exactly
    /// (a [`Value`] keeps any 64-bit integer exact; a JS number only up to 2^53).
    fn integer_text(&self) -> Option<String>;
    /// What this is, for error messages ("a string", "an array", …).
    fn kind(&self) -> &'static str {
        if self.is_null() {
            "null"
        } else if self.is_array() {
            "an array"
        } else if self.is_object() {
            "an object"
        } else if self.string().is_some() {
            "a string"
        } else if self.number().is_some() {
            "a number"
        } else if self.boolean().is_some() {
            "a boolean"
        } else {
            "something else"
        }
    }
}

impl JsonView for &Value {
    fn member(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn is_array(&self) -> bool {
        Value::is_array(self)
    }
    fn is_object(&self) -> bool {
        Value::is_object(self)
    }
    fn is_null(&self) -> bool {
        Value::is_null(self)
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().map(|a| a.iter().collect())
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn integer_text(&self) -> Option<String> {
        match self {
            Value::Number(n) if n.is_integer() => Some(n.as_str().to_owned()),
            _ => None,
        }
    }
}

/// An owned value reads like a borrowed one (members are cloned: host tests only).
impl JsonView for Value {
    fn member(&self, key: &str) -> Option<Self> {
        (&self).member(key).cloned()
    }
    fn string(&self) -> Option<String> {
        (&self).string()
    }
    fn is_array(&self) -> bool {
        Value::is_array(self)
    }
    fn is_object(&self) -> bool {
        Value::is_object(self)
    }
    fn is_null(&self) -> bool {
        Value::is_null(self)
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
    fn array_len(&self) -> Option<usize> {
        self.as_array().map(Vec::len)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn integer_text(&self) -> Option<String> {
        (&self).integer_text()
    }
}

/// What a 2xx body must look like for an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Any JSON (the generic `get`/`post`/`delete`).
    Any,
    /// A JSON object (a node).
    Object,
    /// A Graph list: `{ data: [...], paging?: { cursors?: { before?, after? }, next?, previous? } }`.
    List,
}

/// Whether a parsed 2xx body is in fact a Graph error (`{"error": {...}}`).
pub fn is_graph_error<V: JsonView>(body: &V) -> bool {
    body.member("error").is_some_and(|e| e.is_object())
}

/// Check that a parsed 2xx body has the promised shape.
///
/// # Errors
/// [`Error::Decode`] naming the JSON path that is wrong.
pub fn check_shape<V: JsonView>(body: &V, shape: Shape) -> Result<(), Error> {
    if shape == Shape::Any {
        return Ok(());
    }
    if !body.is_object() {
        return Err(Error::decode("", "expected a JSON object"));
    }
    if shape == Shape::List {
        match body.member("data") {
            Some(d) if d.is_array() => {}
            Some(_) => return Err(Error::decode("data", "expected an array")),
            None => return Err(Error::decode("data", "missing: expected a Graph list with a `data` array")),
        }
        if let Some(paging) = body.member("paging").filter(|p| !p.is_null()) {
            if !paging.is_object() {
                return Err(Error::decode("paging", "expected an object"));
            }
            for key in ["next", "previous"] {
                optional_string(&paging, key, "paging.")?;
            }
            if let Some(cursors) = paging.member("cursors").filter(|c| !c.is_null()) {
                if !cursors.is_object() {
                    return Err(Error::decode("paging.cursors", "expected an object"));
                }
                for key in ["before", "after"] {
                    optional_string(&cursors, key, "paging.cursors.")?;
                }
            }
        }
    }
    Ok(())
}

fn optional_string<V: JsonView>(obj: &V, key: &str, prefix: &str) -> Result<(), Error> {
    match obj.member(key) {
        Some(v) if !v.is_null() && v.string().is_none() => Err(Error::decode(format!("{prefix}{key}"), "expected a string")),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod view_tests {
    use super::*;

    fn check(v: Value, shape: Shape) -> Result<(), Error> {
        check_shape(&&v, shape)
    }

    #[test]
    fn list_shapes() {
        assert_eq!(check(json!({"data": []}), Shape::List), Ok(()));
        assert_eq!(check(json!({"data": [1], "paging": {"cursors": {"after": "A"}, "next": "u"}}), Shape::List), Ok(()));
        assert_eq!(check(json!({"data": [], "paging": null}), Shape::List), Ok(()));
        let err = |path: &str| Err::<(), _>(path.to_owned());
        let path_of = |r: Result<(), Error>| {
            r.map_err(|e| match e {
                Error::Decode { path, .. } => path,
                other => panic!("{other:?}"),
            })
        };
        assert_eq!(path_of(check(json!([]), Shape::List)), err(""));
        assert_eq!(path_of(check(json!({"id": "1"}), Shape::List)), err("data"));
        assert_eq!(path_of(check(json!({"data": {}}), Shape::List)), err("data"));
        assert_eq!(path_of(check(json!({"data": [], "paging": []}), Shape::List)), err("paging"));
        assert_eq!(path_of(check(json!({"data": [], "paging": {"next": 5}}), Shape::List)), err("paging.next"));
        assert_eq!(path_of(check(json!({"data": [], "paging": {"cursors": "x"}}), Shape::List)), err("paging.cursors"));
        assert_eq!(path_of(check(json!({"data": [], "paging": {"cursors": {"after": 1}}}), Shape::List)), err("paging.cursors.after"));
    }

    #[test]
    fn object_and_any() {
        assert_eq!(check(json!({"id": "1"}), Shape::Object), Ok(()));
        assert!(check(json!("x"), Shape::Object).is_err());
        assert_eq!(check(json!(true), Shape::Any), Ok(()));
        assert!(is_graph_error(&&json!({"error": {"code": 1}})));
        assert!(!is_graph_error(&&json!({"error": "text"})));
        assert!(!is_graph_error(&&json!([1])));
    }
}
