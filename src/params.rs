//! Graph parameters: an ordered list of name/value strings, built from JSON values, encoded for
//! the query string of GET/DELETE and the form body of POST.

use crate::json::Value;

use crate::encoding::{ascii, encode_into};
use crate::error::Error;

/// Graph parameters, in order. Values are already strings (numbers and booleans as text).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// No parameters.
    pub fn new() -> Self {
        Params(Vec::new())
    }

    /// Parameters from a JSON object (the `params` argument of a call), in name order. `null`
    /// values are left out (that is how JS `undefined` arrives); `false`, `0` and `""` are sent.
    /// Arrays of strings and numbers become comma-separated lists (`fields: ["id", "caption"]`);
    /// other arrays and objects are sent as JSON (`user_tags`), their members in name order too:
    /// a canonical request, the same whatever order the caller wrote (and as it has always been
    /// sent).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] named `arg` when the value is not an object, and when it sets
    /// `access_token` or `appsecret_proof`, which the client sets itself.
    pub fn from_json(value: Option<&Value>, arg: &str) -> Result<Self, Error> {
        let mut out = Params::new();
        match value {
            None | Some(Value::Null) => {}
            Some(Value::Object(map)) => {
                let mut members: Vec<(&String, &Value)> = map.iter().collect();
                members.sort_unstable_by(|a, b| a.0.cmp(b.0));
                for (k, v) in members {
                    if crate::redact::TOKEN_PARAMS.contains(&k.as_str()) {
                        return Err(Error::invalid(
                            format!("{arg}.{k}"),
                            "is set by the client from its options; do not pass it as a parameter",
                        ));
                    }
                    if let Some(text) = param_text(v) {
                        out.push(k, text);
                    }
                }
            }
            Some(_) => return Err(Error::invalid(arg, "must be an object of Graph parameters")),
        }
        Ok(out)
    }

    /// Append a parameter.
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// Set a parameter, replacing any with the same name (in place, or appended).
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| k == name) {
            Some(slot) => slot.1 = value,
            None => self.0.push((name.to_owned(), value)),
        }
    }

    /// Set a parameter only when it is not there yet.
    pub fn set_default(&mut self, name: &str, value: impl Into<String>) {
        if self.get(name).is_none() {
            self.0.push((name.to_owned(), value.into()));
        }
    }

    /// Remove a parameter.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let i = self.0.iter().position(|(k, _)| k == name)?;
        Some(self.0.remove(i).1)
    }

    /// The value of a parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The parameters, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `a=1&b=2`, percent-encoded.
    pub fn encode(&self) -> String {
        let mut out = Vec::with_capacity(self.0.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
        for (k, v) in &self.0 {
            if !out.is_empty() {
                out.push(b'&');
            }
            encode_into(&mut out, k);
            out.push(b'=');
            encode_into(&mut out, v);
        }
        ascii(out)
    }
}

/// The text a JSON value is sent as, or `None` for `null`.
fn param_text(v: &Value) -> Option<String> {
    let json = |v: &Value| {
        let mut out = String::new();
        crate::json::write_sorted(&mut out, v);
        out
    };
    Some(match v {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) if items.iter().all(|i| matches!(i, Value::String(_) | Value::Number(_))) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => s.clone(),
                other => json(other),
            })
            .collect::<Vec<_>>()
            .join(","),
        other => json(other),
    })
}

/// The one "array or comma string" rule: a list of names given as an array of strings or as
/// one comma-separated string (`"comments, mentions"`), trimmed, empty names dropped; `None`
/// when the value is neither (null and absent included).
pub fn names(v: Option<&Value>) -> Option<Vec<String>> {
    let list: Vec<String> = match v? {
        Value::Array(items) => items.iter().map(|i| i.as_str().map(|s| s.trim().to_owned())).collect::<Option<_>>()?,
        Value::String(s) => s.split(',').map(|x| x.trim().to_owned()).collect(),
        _ => return None,
    };
    Some(list.into_iter().filter(|x| !x.is_empty()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::json;

    #[test]
    fn names_are_an_array_or_a_comma_string() {
        assert_eq!(names(Some(&json!(["a", " b "]))), Some(vec!["a".to_owned(), "b".to_owned()]));
        assert_eq!(names(Some(&json!("a, b,,"))), Some(vec!["a".to_owned(), "b".to_owned()]));
        assert_eq!(names(Some(&json!([1]))), None);
        assert_eq!((names(Some(&json!(null))), names(None), names(Some(&json!({})))), (None, None, None));
    }

    #[test]
    fn falsy_values_are_sent_and_null_is_not() {
        let p = Params::from_json(Some(&json!({"hide": false, "limit": 0, "q": "", "after": null})), "params").unwrap();
        assert_eq!(p.encode(), "hide=false&limit=0&q=");
    }

    #[test]
    fn arrays_and_objects() {
        let v = json!({
            "fields": ["id", "caption", "children{media_url}"],
            "children": ["17890", 17891],
            "user_tags": [{"username": "a b", "x": 0.5, "y": 0.25}],
        });
        let p = Params::from_json(Some(&v), "params").unwrap();
        assert_eq!(p.get("fields"), Some("id,caption,children{media_url}"));
        assert_eq!(p.get("children"), Some("17890,17891"));
        assert_eq!(p.get("user_tags"), Some(r#"[{"username":"a b","x":0.5,"y":0.25}]"#));
        assert_eq!(
            p.encode(),
            "children=17890%2C17891&fields=id%2Ccaption%2Cchildren%7Bmedia_url%7D&user_tags=%5B%7B%22username%22%3A%22a%20b%22%2C%22x%22%3A0.5%2C%22y%22%3A0.25%7D%5D"
        );
    }

    #[test]
    fn sent_in_name_order_at_every_depth_whatever_order_the_caller_wrote() {
        let v = crate::json::parse(
            r#"{"limit":25,"user_tags":[{"y":0.25,"x":0.5,"username":"a"}],"fields":["id"],"message":{"text":"hi","attachment":null}}"#,
        )
        .unwrap();
        let p = Params::from_json(Some(&v), "params").unwrap();
        assert_eq!(p.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["fields", "limit", "message", "user_tags"]);
        assert_eq!(p.get("user_tags"), Some(r#"[{"username":"a","x":0.5,"y":0.25}]"#));
        assert_eq!(p.get("message"), Some(r#"{"attachment":null,"text":"hi"}"#));
    }

    #[test]
    fn bad_params_are_typed_errors() {
        assert_eq!(
            Params::from_json(Some(&json!("fields=id")), "params"),
            Err(Error::invalid("params", "must be an object of Graph parameters"))
        );
        let e = Params::from_json(Some(&json!({"access_token": "x"})), "params").unwrap_err();
        assert!(matches!(e, Error::InvalidArgument { ref name, .. } if name == "params.access_token"));
    }

    #[test]
    fn set_replaces_in_place() {
        let mut p = Params::new();
        p.push("a", "1");
        p.push("b", "2");
        p.set("a", "3");
        p.set_default("b", "9");
        p.set_default("c", "4");
        assert_eq!(p.encode(), "a=3&b=2&c=4");
        assert_eq!(p.remove("b").as_deref(), Some("2"));
        assert_eq!(p.encode(), "a=3&c=4");
    }
}
