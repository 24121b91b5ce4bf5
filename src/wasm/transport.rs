//! One attempt through `fetch` (glue.js): the usage headers recorded, transport failures typed.
//! What to do with its outcome is the flow's decision (driver.rs).

use std::cell::RefCell;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::errors::{Cause, CauseText, Failure};
use super::glue;
use crate::config::Config;
use crate::error::Error;
use crate::http::HttpRequest;
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
    fn record_usage(&self, app: JsValue, buc: JsValue) -> Option<u64> {
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

/// One attempt with a body of any JS type (a string, or an upload chunk): records the usage
/// headers and returns the status, the body text and Meta's requested wait. Only transport
/// failures are errors here.
pub async fn send_raw(
    shared: &Shared,
    req: &HttpRequest,
    body: &JsValue,
    opts: &CallOptions,
) -> Result<(u16, JsValue, Option<u64>), Failure> {
    let headers = if req.headers.is_empty() {
        JsValue::UNDEFINED
    } else {
        let h = Object::new();
        for (k, v) in &req.headers {
            let _ = Reflect::set(&h, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        h.into()
    };
    let promise = glue::send(&shared.fetch, req.method.as_str(), &req.url, &headers, body, &opts.signal, opts.timeout_ms as f64);
    let out: Array =
        JsFuture::from(promise).await.map_err(|e| transport_failure_with(e, opts.timeout_ms, shared.config.redactor()))?.unchecked_into();
    let status = out.get(0).as_f64().unwrap_or(0.0) as u16;
    let wait = shared.record_usage(out.get(2), out.get(3));
    Ok((status, out.get(1), wait))
}

/// Wait, cut short by the caller's signal.
pub async fn sleep(ms: u64, signal: &JsValue) -> Result<(), Failure> {
    JsFuture::from(glue::sleep(ms as f64, signal)).await.map(|_| ()).map_err(transport_failure)
}

/// A rejection of glue.js's `send`/`sleep` (a `Failure`: `kind`, `cause`, `stage`, and `chain`
/// as JSON text).
fn transport_failure(e: JsValue) -> Failure {
    transport_failure_with(e, 0, &Redactor::default())
}

fn transport_failure_with(e: JsValue, timeout_ms: u64, redactor: &Redactor) -> Failure {
    let field = |k: &str| Reflect::get(&e, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    match field("kind").as_string().as_deref() {
        Some("abort") => Failure::with_cause(Error::Aborted, Cause::Reason(field("cause"))),
        Some("timeout") => Failure::from(Error::Timeout { timeout_ms }),
        _ => {
            let chain = field("chain").as_string().map(|t| CauseText::chain(&t)).unwrap_or_default();
            let stage = field("stage").as_string().unwrap_or_else(|| "sending the request".to_owned());
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
