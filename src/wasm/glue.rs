//! Bindings to `glue.js`, and the JS built-ins the skin calls that can throw.
//!
//! NB: a JS exception must never unwind through a wasm frame: it skips Rust's clean-up (the
//! shadow stack, borrows, allocations), and a few thousand of them corrupt the module for
//! every later call. Every import that can throw is declared with `catch` here; the rest cannot
//! throw (glue.js says why). `js_sys` calls that throw on hostile values (`Object.keys`,
//! `Array.isArray` on a revoked Proxy, `instanceof` with a throwing trap, typed-array
//! constructors) are not used on caller values; `Reflect`, `JSON` and `Function.call` are
//! `catch` in js_sys.

use js_sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/glue.js")]
extern "C" {
    /// Run a flow (a `FlowHandle`) to its end with the call's fetch, signal, timeout, progress
    /// callback and upload source; see glue.js. It never throws: it is async.
    pub fn drive(
        flow: JsValue,
        keep: bool,
        fetch: &JsValue,
        signal: &JsValue,
        timeout_ms: f64,
        on_progress: &JsValue,
        source: &JsValue,
    ) -> Promise;
    /// The async iterator over a `Pages` flow's items, with the calls' fetch, signal and timeout.
    pub fn paginator(flow: JsValue, fetch: &JsValue, signal: &JsValue, timeout_ms: f64) -> JsValue;
    /// `Date.now()`.
    pub fn now() -> f64;
    /// `Math.random()`.
    pub fn random() -> f64;
    /// A chunked reader over upload data (see glue.js); throws a TypeError for bad data.
    #[wasm_bindgen(js_name = uploadSource, catch)]
    pub fn upload_source(data: &JsValue, file_size: f64, chunk_size: f64) -> Result<JsValue, JsValue>;
    /// `Object.keys(v)`.
    #[wasm_bindgen(js_name = ownKeys, catch)]
    pub fn own_keys(v: &JsValue) -> Result<js_sys::Array, JsValue>;
    /// `Array.isArray(v)`.
    #[wasm_bindgen(js_name = isArray, catch)]
    pub fn is_array(v: &JsValue) -> Result<bool, JsValue>;
    /// A promise of a callback's return value, awaited.
    pub fn settle(v: &JsValue) -> Promise;
    /// A copy of the bytes of a buffer or view, `null` for anything else; a `TypeError` saying
    /// what is wrong for a detached buffer or a lying view.
    #[wasm_bindgen(js_name = bytesOf, catch)]
    pub fn bytes_of(v: &JsValue) -> Result<JsValue, JsValue>;
    /// The platform's synchronous HMAC-SHA256 of a string or bytes (`node:crypto`), as 32 bytes;
    /// `None` where there is none or for anything else, an error for a detached buffer or a
    /// lying view (the caller then hashes in wasm, and names the argument).
    #[wasm_bindgen(js_name = platformHmac, catch)]
    pub fn platform_hmac(secret: &JsValue, body: &JsValue) -> Result<Option<js_sys::Uint8Array>, JsValue>;
    /// A plain `Error` chain from `[{ name, message, code }]` JSON (already redacted).
    #[wasm_bindgen(js_name = makeCause)]
    pub fn make_cause(chain_json: &str) -> JsValue;
    /// Read a Request's body, `null` past `max_bytes`.
    #[wasm_bindgen(js_name = readBody)]
    pub fn read_body(request: &JsValue, max_bytes: f64) -> Promise;
    /// A text Response.
    #[wasm_bindgen(js_name = textResponse)]
    pub fn text_response(status: u16, text: &str, allow: Option<String>) -> JsValue;
    /// Strict UTF-8 decoding (throws on invalid bytes).
    #[wasm_bindgen(catch)]
    pub fn utf8(bytes: &JsValue) -> Result<JsValue, JsValue>;
    /// Build an instance of one of the exported error classes.
    #[wasm_bindgen(js_name = makeError)]
    pub fn make_error(class_name: &str, message: &str, props_json: Option<String>, cause: &JsValue) -> JsValue;
}

/// Whether `v` is callable (`typeof`, which no Proxy trap can make throw).
pub fn is_function(v: &JsValue) -> bool {
    v.is_function()
}
