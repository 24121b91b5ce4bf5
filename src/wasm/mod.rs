//! The JavaScript skin (wasm32 only): the exported `InstagramClient`, option parsing, the
//! fetch transport and the error classes. Everything it decides, it asks the core.

mod client;
mod convert;
mod diagnose;
mod errors;
mod exports;
mod flow;
mod glue;
mod oauth;
mod publish;
mod transport;
mod webhooks;

pub use client::InstagramClient;

use std::future::Future;
use std::pin::Pin;

use js_sys::Promise;
use wasm_bindgen::JsValue;

/// Every exported async method runs through here: one boxed future type, so the promise
/// machinery is instantiated once rather than once per method (it is kilobytes each).
pub(crate) fn spawn(f: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let boxed: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>> = Box::pin(f);
    wasm_bindgen_futures::future_to_promise(boxed)
}
