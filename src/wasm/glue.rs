//! Bindings to `glue.js`.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/wasm/glue.js")]
extern "C" {
    /// Send a request; see glue.js.
    pub fn send(
        fetch: &JsValue,
        method: &str,
        url: &str,
        headers: &JsValue,
        body: &JsValue,
        signal: &JsValue,
        timeout_ms: f64,
    ) -> Promise;
    /// An abortable sleep.
    pub fn sleep(ms: f64, signal: &JsValue) -> Promise;
    /// `Date.now()`.
    pub fn now() -> f64;
    /// `Math.random()`.
    pub fn random() -> f64;
    /// A chunked reader over upload data (see glue.js); throws a TypeError for bad data.
    #[wasm_bindgen(js_name = uploadSource, catch)]
    pub fn upload_source(data: &JsValue, file_size: f64, chunk_size: f64) -> Result<JsValue, JsValue>;
    /// The byte length of a chunk.
    #[wasm_bindgen(js_name = byteLength)]
    pub fn byte_length(chunk: &JsValue) -> f64;
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

/// Whether `v` is callable.
pub fn is_function(v: &JsValue) -> bool {
    v.is_instance_of::<Function>()
}
