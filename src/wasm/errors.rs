//! Core errors → instances of the exported JS error classes (or `TypeError` for bad
//! arguments). Messages and properties come from the core, already redacted.

use wasm_bindgen::prelude::*;

use super::glue::{make_cause, make_error};
use crate::error::Error;
use crate::json::{Object, ToJson, Value};
use crate::redact::Redactor;

/// One link of a transport error's cause chain, as text (read in glue.js as `{ name, message,
/// code? }`).
pub struct CauseText {
    /// The error's `name` (`TypeError`).
    pub name: String,
    /// Its `message`.
    pub message: String,
    /// Its `code` (`ECONNREFUSED`), if any.
    pub code: Option<String>,
}

impl ToJson for CauseText {
    fn write_json(&self, out: &mut String) {
        Object::new(out).member("name", &self.name).member("message", &self.message).member_if("code", &self.code).end();
    }
}

impl CauseText {
    /// The chain glue.js sends as JSON text (`[{ name, message, code? }]`), read member by member
    /// (see error.rs on typed deserialising); anything else is an empty chain.
    pub fn chain(json: &str) -> Vec<CauseText> {
        let Ok(Value::Array(items)) = crate::json::parse(json) else { return Vec::new() };
        let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        items
            .iter()
            .map(|c| CauseText {
                name: text(c, "name").unwrap_or_default(),
                message: text(c, "message").unwrap_or_default(),
                code: text(c, "code"),
            })
            .collect()
    }
}

/// What stands behind a failure.
pub enum Cause {
    /// Nothing.
    None,
    /// `signal.reason` of the caller's abort, handed back as the `cause` it is.
    Reason(JsValue),
    /// A transport error, as text: redacted with the failure, then rebuilt as plain `Error`s
    /// (the original may name the URL, with the token in it, in any property).
    Text(Vec<CauseText>),
}

/// A failure on its way to JS: the core error, plus what stands behind it.
pub struct Failure {
    /// What went wrong.
    pub error: Error,
    /// What caused it.
    pub cause: Cause,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure { error, cause: Cause::None }
    }
}

impl Failure {
    /// A failure with a cause.
    pub fn with_cause(error: Error, cause: Cause) -> Self {
        Failure { error, cause }
    }

    /// This failure with its error and its cause's texts redacted again by `r` (for secrets
    /// only one call knows: a Page token and its proof, an app secret, a code).
    pub fn redacted(mut self, r: &Redactor) -> Self {
        self.error = self.error.redacted(r);
        if let Cause::Text(chain) = &mut self.cause {
            for c in chain.iter_mut() {
                c.name = r.redact(&c.name);
                c.message = r.redact(&c.message);
                c.code = c.code.as_deref().map(|t| r.redact(t));
            }
        }
        self
    }
}

/// The JS error for a failure.
pub fn to_js(f: Failure) -> JsValue {
    let cause = match f.cause {
        Cause::Reason(v) => v,
        Cause::Text(chain) if !chain.is_empty() => make_cause(&chain.to_json()),
        Cause::Text(_) | Cause::None => JsValue::UNDEFINED,
    };
    let message = f.error.to_string();
    match &f.error {
        Error::InvalidArgument { .. } => js_sys::TypeError::new(&message).into(),
        // The causes: a transport error's chain, or `signal.reason`.
        Error::Connection { .. } | Error::Aborted => make_error(f.error.js_class(), &message, None, &cause),
        e => make_error(e.js_class(), &message, e.js_props().map(|p| p.to_string()), &JsValue::UNDEFINED),
    }
}

/// The JS error for a core error without a JS cause.
pub fn js_error(e: Error) -> JsValue {
    to_js(Failure::from(e))
}

/// The `TimeoutError` for a batch item Meta returned as `null` (after the one retry of a GET).
pub fn batch_item_timeout(index: usize) -> JsValue {
    let message = format!("batch item {index} was not completed in time by the Graph API (it came back null)");
    make_error("TimeoutError", &message, None, &JsValue::UNDEFINED)
}
