//! What a client shares with its calls (the configuration, the injected fetch, the usage seen
//! last), the per-call options, and the transport failures the driver reports, typed.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::errors::{Cause, CauseText, Failure};
use super::glue;
use crate::config::Config;
use crate::error::Error;
use crate::rate_limit::RateLimit;
use crate::redact::Redactor;
use crate::retry::RetryPolicy;

/// What a client shares with every call it makes.
pub struct Shared {
    /// The validated configuration.
    pub config: Config,
    /// The injected fetch (`undefined` for the global one).
    pub fetch: JsValue,
    /// The usage seen on the latest response.
    pub rate_limit: RefCell<Option<RateLimit>>,
    /// The two usage headers of the latest response, as JS strings (or null): when the next
    /// response carries the same text, its parse is reused.
    pub usage_headers: RefCell<(JsValue, JsValue)>,
}

impl Shared {
    /// Shared state for a configuration and a fetch.
    pub fn new(config: Config, fetch: JsValue) -> Shared {
        Shared { config, fetch, rate_limit: RefCell::new(None), usage_headers: RefCell::new((JsValue::UNDEFINED, JsValue::UNDEFINED)) }
    }

    /// Record the usage headers of a response received now; the longest wait Meta asks for.
    pub fn record_usage(&self, app: JsValue, buc: JsValue) -> Option<u64> {
        let now = glue::now();
        let same = {
            let last = self.usage_headers.borrow();
            last.0 == app && last.1 == buc
        };
        let mut current = self.rate_limit.borrow_mut();
        match current.as_mut() {
            Some(usage) if same => usage.updated_at = now,
            _ => {
                *current = Some(RateLimit::from_headers(app.as_string().as_deref(), buc.as_string().as_deref(), now));
                *self.usage_headers.borrow_mut() = (app, buc);
            }
        }
        current.as_ref().and_then(RateLimit::regain_access_ms)
    }
}

/// The per-call options (`RequestOptions`).
#[derive(Clone)]
pub struct CallOptions {
    /// The caller's AbortSignal, or `undefined`.
    pub signal: JsValue,
    /// Per-attempt timeout.
    pub timeout_ms: u64,
    /// Retry policy for this call.
    pub retry: RetryPolicy,
}

/// A failure the driver reports (glue.js `Failure`): `kind` 0 abort (`cause` is the signal's
/// reason), 1 timeout, 2 connection (`cause` is the error chain as JSON text, `stage` where it
/// broke). A connection failure's texts are redacted here, before anything reads them.
pub fn transport_failure(kind: u32, cause: JsValue, stage: JsValue, timeout_ms: u64, redactor: &Redactor) -> Failure {
    match kind {
        0 => Failure::with_cause(Error::Aborted, Cause::Reason(cause)),
        1 => Failure::from(Error::Timeout { timeout_ms }),
        _ => {
            let chain = cause.as_string().map(|t| CauseText::chain(&t)).unwrap_or_default();
            let stage = stage.as_string().unwrap_or_else(|| "sending the request".to_owned());
            let message = format!("{stage}: {}", describe(&chain));
            Failure::with_cause(Error::Connection { message }, Cause::Text(chain)).redacted(redactor)
        }
    }
}

/// `name: message` of a JS error (and the message of its `cause`, as undici nests the real
/// reason there).
fn describe(chain: &[CauseText]) -> String {
    let Some(first) = chain.first() else { return "fetch failed".to_owned() };
    let mut out = match (first.name.as_str(), first.message.as_str()) {
        ("", "") => "fetch failed".to_owned(),
        ("", m) => m.to_owned(),
        (n, m) => format!("{n}: {m}"),
    };
    if let Some(c) = chain.get(1).filter(|c| !c.message.is_empty()) {
        out.push_str(&format!(" ({})", c.message));
    }
    out
}
