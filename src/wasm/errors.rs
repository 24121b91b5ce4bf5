//! Core errors → instances of the exported JS error classes (or `TypeError` for bad
//! arguments). Messages and properties come from the core, already redacted.

use serde_json::json;
use wasm_bindgen::prelude::*;

use super::glue::make_error;
use crate::error::{Error, ErrorKind, GraphApiError};

/// A failure on its way to JS: the core error, plus the JS value behind it (the fetch
/// rejection for a connection error, `signal.reason` for an abort).
pub struct Failure {
    /// What went wrong.
    pub error: Error,
    /// The JS cause, if any.
    pub cause: JsValue,
    /// A value thrown by the caller's own code (a progress callback, an upload stream): it is
    /// rethrown as it is.
    pub rethrow: bool,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure { error, cause: JsValue::UNDEFINED, rethrow: false }
    }
}

impl Failure {
    /// A failure with a JS cause.
    pub fn with_cause(error: Error, cause: JsValue) -> Self {
        Failure { error, cause, rethrow: false }
    }

    /// A value thrown by the caller's code, to be rethrown unchanged.
    pub fn thrown(value: JsValue) -> Self {
        Failure { error: Error::invalid("callback", "threw"), cause: value, rethrow: true }
    }
}

/// The JS error for a failure.
pub fn to_js(f: Failure) -> JsValue {
    if f.rethrow {
        return f.cause;
    }
    let message = f.error.to_string();
    match &f.error {
        Error::InvalidArgument { .. } => js_sys::TypeError::new(&message).into(),
        Error::Graph(e) => make_error(graph_class(e), &message, Some(graph_props(e)), &JsValue::UNDEFINED),
        Error::Connection { .. } => make_error("ConnectionError", &message, None, &f.cause),
        Error::Timeout { timeout_ms } => {
            make_error("TimeoutError", &message, Some(json!({ "timeoutMs": timeout_ms }).to_string()), &JsValue::UNDEFINED)
        }
        Error::Aborted => make_error("AbortError", &message, None, &f.cause),
        Error::Decode { path, .. } => make_error("DecodeError", &message, Some(json!({ "path": path }).to_string()), &JsValue::UNDEFINED),
        Error::Publish { container_id, status_code, status } => make_error(
            "PublishError",
            &message,
            Some(json!({ "containerId": container_id, "statusCode": status_code, "status": status }).to_string()),
            &JsValue::UNDEFINED,
        ),
        Error::PublishTimeout { container_id, status_code, .. } => make_error(
            "TimeoutError",
            &message,
            Some(json!({ "containerId": container_id, "statusCode": status_code }).to_string()),
            &JsValue::UNDEFINED,
        ),
    }
}

/// The JS error for a core error without a JS cause.
pub fn js_error(e: Error) -> JsValue {
    to_js(Failure::from(e))
}

fn graph_class(e: &GraphApiError) -> &'static str {
    match e.kind {
        ErrorKind::Auth => "AuthError",
        ErrorKind::Permission => "PermissionError",
        ErrorKind::RateLimit => "RateLimitError",
        ErrorKind::Transient | ErrorKind::Other => "GraphApiError",
    }
}

fn graph_props(e: &GraphApiError) -> String {
    let mut p = json!({
        "status": e.status,
        "code": e.code,
        "subcode": e.subcode,
        "type": e.error_type,
        "fbtraceId": e.fbtrace_id,
        "userTitle": e.user_title,
        "userMessage": e.user_message,
        "isTransient": e.is_transient,
        "body": e.body,
    });
    if e.kind == ErrorKind::RateLimit {
        p["retryAfterMs"] = json!(e.retry_after_ms);
    }
    p.to_string()
}

/// The `TimeoutError` for a batch item Meta returned as `null` (after the one retry of a GET).
pub fn batch_item_timeout(index: usize) -> JsValue {
    let message = format!("batch item {index} was not completed in time by the Graph API (it came back null)");
    make_error("TimeoutError", &message, None, &JsValue::UNDEFINED)
}
