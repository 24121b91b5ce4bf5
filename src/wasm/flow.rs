//! A core [`Flow`] as the JS driver sees it (`drive` in glue.js, the one driver): a
//! [`FlowHandle`] says what to do next as a small code, the driver does it (`fetch`, a timer,
//! `onProgress`, an upload chunk) and hands back what happened. One attempt is one crossing out
//! and one back; bodies stay JS strings ([`JsBody`]), parsed by the engine's own `JSON.parse`.

use std::rc::Rc;

use js_sys::{Array, JsString, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::convert;
use super::errors::{to_js, Failure};
use super::glue;
use super::transport::{transport_failure, CallOptions, Shared};
use crate::endpoints::Operation;
use crate::error::Error;
use crate::flow::{Action, Body, Call, Ctx, Event, Flow, Pages, Progress, Response};
use crate::http::HttpRequest;
use crate::json::ToJson;
use crate::redact::Redactor;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// A response body as the JS string `fetch` gave.
pub struct JsBody(pub JsValue);

impl JsBody {
    fn js(&self) -> JsString {
        self.0.dyn_ref::<JsString>().cloned().unwrap_or_else(|| JsString::from(""))
    }
}

impl Body for JsBody {
    type Json = JsValue;
    fn find(&self, needle: &str, from: usize) -> Option<usize> {
        let at = self.js().index_of(needle, from.min(i32::MAX as usize) as i32);
        usize::try_from(at).ok()
    }
    fn rfind(&self, needle: &str, before: usize) -> Option<usize> {
        let last = before.checked_sub(needle.len())?;
        let at = self.js().last_index_of(needle, last.min(i32::MAX as usize) as i32);
        usize::try_from(at).ok()
    }
    fn len(&self) -> usize {
        self.js().length() as usize
    }
    fn slice(&self, from: usize, to: usize) -> String {
        String::from(self.js().slice(from as u32, to as u32))
    }
    fn splice(&self, edits: &[(usize, usize, String)]) -> Self {
        let js = self.js();
        let mut out = JsString::from("");
        let mut at = 0;
        for (from, to, text) in edits {
            out = out.concat(&js.slice(at, *from as u32)).concat(&JsValue::from_str(text));
            at = *to as u32;
        }
        JsBody(out.concat(&js.slice(at, js.length())).into())
    }
    fn text(&self) -> String {
        self.0.as_string().unwrap_or_default()
    }
    fn from_text(text: &str) -> Self {
        JsBody(JsValue::from_str(text))
    }
    fn parse(&self) -> Option<JsValue> {
        json_parse(&self.0).ok()
    }
}

/// A flow whose result is a JS value: one type behind every [`FlowHandle`].
trait Erased {
    fn start(&mut self, ctx: &Ctx) -> Action<JsValue>;
    fn step(&mut self, event: Event<JsBody>, ctx: &Ctx) -> Action<JsValue>;
}

/// A flow and how its result becomes a JS value.
struct Mapped<F, M> {
    flow: F,
    map: M,
}

impl<F: Flow<JsBody>, M: FnMut(F::Output) -> Result<JsValue, Error>> Mapped<F, M> {
    fn map(&mut self, action: Action<F::Output>) -> Action<JsValue> {
        match action.pending() {
            Ok(a) => a,
            Err(result) => Action::Done(result.and_then(&mut self.map)),
        }
    }
}

impl<F: Flow<JsBody>, M: FnMut(F::Output) -> Result<JsValue, Error>> Erased for Mapped<F, M> {
    fn start(&mut self, ctx: &Ctx) -> Action<JsValue> {
        let a = self.flow.start(ctx);
        self.map(a)
    }
    fn step(&mut self, event: Event<JsBody>, ctx: &Ctx) -> Action<JsValue> {
        let a = self.flow.step(event, ctx);
        self.map(a)
    }
}

// What `start` and the event methods answer: the action to carry out (glue.js reads the same codes).
const DONE: u32 = 0;
const FAIL: u32 = 1;
const SEND: u32 = 2;
const CHUNK: u32 = 3;
const SLEEP: u32 = 4;
const REPORT: u32 = 5;

/// The action in progress.
enum Current {
    Send(HttpRequest),
    Chunk(HttpRequest, u64),
    Sleep(u64),
    Report(Progress),
    Done(Result<JsValue, Failure>),
    Taken,
}

/// One flow in the hands of the JS driver.
#[wasm_bindgen]
pub struct FlowHandle {
    shared: Rc<Shared>,
    flow: Box<dyn Erased>,
    opts: CallOptions,
    on_progress: JsValue,
    source: JsValue,
    current: Current,
    /// The latest transport failure, with its JS cause: when the flow ends with that error, the
    /// caller gets the cause too.
    last_failure: Option<Failure>,
    /// The secrets only this call knows (a Page token and its proof, an app secret, a code).
    secrets: Option<Redactor>,
}

impl FlowHandle {
    /// A flow whose result `map` turns into a JS value.
    pub fn new<F, M>(shared: Rc<Shared>, opts: CallOptions, flow: F, map: M) -> FlowHandle
    where
        F: Flow<JsBody> + 'static,
        M: FnMut(F::Output) -> Result<JsValue, Error> + 'static,
    {
        FlowHandle {
            shared,
            flow: Box::new(Mapped { flow, map }),
            opts,
            on_progress: JsValue::UNDEFINED,
            source: JsValue::UNDEFINED,
            current: Current::Taken,
            last_failure: None,
            secrets: None,
        }
    }

    /// One operation: sent, retried, read; its own secrets kept out of its errors.
    pub fn call(shared: Rc<Shared>, op: Operation, opts: CallOptions) -> FlowHandle {
        FlowHandle::call_with(shared, op, opts, Ok)
    }

    /// One operation whose result `map` derives the caller's from.
    pub fn call_with(
        shared: Rc<Shared>,
        op: Operation,
        opts: CallOptions,
        map: impl FnMut(JsValue) -> Result<JsValue, Error> + 'static,
    ) -> FlowHandle {
        let secrets = op.call_secrets(&shared.config);
        let policy = opts.retry;
        FlowHandle { secrets, ..FlowHandle::new(shared, opts, Call::new(op, policy), map) }
    }

    /// Every page of a list, one run per page (`null` after the last); its own secrets kept out
    /// of its errors.
    pub fn pages(shared: Rc<Shared>, op: Operation, opts: CallOptions) -> FlowHandle {
        let secrets = op.call_secrets(&shared.config);
        let pages = Pages::new(op, opts.retry);
        FlowHandle { secrets, ..FlowHandle::new(shared, opts, pages, |page: Option<JsValue>| Ok(page.unwrap_or(JsValue::NULL))) }
    }

    /// A flow whose result is a report (`diagnose`, `inspectToken`), serialised once; its
    /// call's own secrets (an app secret, a token) kept out of its errors.
    pub fn report<F>(shared: Rc<Shared>, opts: CallOptions, flow: F, secrets: Option<Redactor>) -> FlowHandle
    where
        F: Flow<JsBody> + 'static,
        F::Output: ToJson,
    {
        let map = |report: F::Output| convert::parse(&report.to_json());
        FlowHandle { secrets, ..FlowHandle::new(shared, opts, flow, map) }
    }

    /// With the caller's `onProgress` and an upload source (`{ size, chunk(offset) }`).
    pub fn with_hooks(self, on_progress: JsValue, source: JsValue) -> FlowHandle {
        FlowHandle { on_progress, source, ..self }
    }

    /// Run it: a Promise of its result.
    pub fn run(self) -> Promise {
        let (fetch, signal, timeout) = (self.shared.fetch.clone(), self.opts.signal.clone(), self.opts.timeout_ms as f64);
        let (on_progress, source) = (self.on_progress.clone(), self.source.clone());
        glue::drive(self.into(), false, &fetch, &signal, timeout, &on_progress, &source)
    }

    /// An async iterator over its pages' items (a [`FlowHandle::pages`]).
    pub fn paginator(self) -> JsValue {
        let (fetch, signal, timeout) = (self.shared.fetch.clone(), self.opts.signal.clone(), self.opts.timeout_ms as f64);
        glue::paginator(self.into(), &fetch, &signal, timeout)
    }

    fn act(&mut self, action: Action<JsValue>) -> u32 {
        let (code, current) = match action {
            Action::Send(r) => (SEND, Current::Send(r)),
            Action::SendChunk { request, offset } => (CHUNK, Current::Chunk(request, offset)),
            Action::Sleep(ms) => (SLEEP, Current::Sleep(ms)),
            Action::Report(p) => (REPORT, Current::Report(p)),
            Action::Done(Ok(v)) => (DONE, Current::Done(Ok(v))),
            Action::Done(Err(e)) => {
                let f = self.last_failure.take().filter(|f| f.error == e).unwrap_or_else(|| e.into());
                let f = f.redacted(self.shared.config.redactor());
                let f = match &self.secrets {
                    Some(r) => f.redacted(r),
                    None => f,
                };
                (FAIL, Current::Done(Err(f)))
            }
        };
        self.current = current;
        code
    }

    fn event(&mut self, event: Event<JsBody>) -> u32 {
        let ctx = Ctx { config: &self.shared.config, now: &glue::now, random: &glue::random };
        let action = self.flow.step(event, &ctx);
        self.act(action)
    }
}

#[wasm_bindgen]
impl FlowHandle {
    /// The first action's code.
    pub fn start(&mut self) -> u32 {
        let ctx = Ctx { config: &self.shared.config, now: &glue::now, random: &glue::random };
        let action = self.flow.start(&ctx);
        self.act(action)
    }

    /// A response arrived: status, body text, the two usage headers (or null), and for a chunk
    /// its length.
    pub fn response(&mut self, status: JsValue, text: JsValue, app: JsValue, buc: JsValue, sent: f64) -> u32 {
        let status = status.as_f64().filter(|s| (0.0..=999.0).contains(s)).unwrap_or(0.0) as u16;
        let wait_ms = self.shared.record_usage(app, buc);
        self.event(Event::Response(Response { status, body: JsBody(text), wait_ms, sent: sent as u64 }))
    }

    /// The attempt or the sleep failed: `kind` 0 abort (`cause` is the signal's reason),
    /// 1 timeout, 2 connection (`cause` is the error chain as JSON text, `stage` where it broke).
    pub fn failed(&mut self, kind: u32, cause: JsValue, stage: JsValue) -> u32 {
        let f = transport_failure(kind, cause, stage, self.opts.timeout_ms, self.shared.config.redactor());
        let event = Event::Failed(f.error.clone());
        self.last_failure = Some(f);
        self.event(event)
    }

    /// The sleep is over.
    pub fn slept(&mut self) -> u32 {
        self.event(Event::Slept)
    }

    /// The progress reached `onProgress`.
    pub fn reported(&mut self) -> u32 {
        self.event(Event::Reported)
    }

    /// The request to send: `[method, url, headers | undefined, body | undefined]`.
    pub fn request(&self) -> Array {
        let (Current::Send(r) | Current::Chunk(r, _)) = &self.current else { return Array::new() };
        let headers = match r.headers.is_empty() {
            true => JsValue::UNDEFINED,
            false => {
                let h = Object::new();
                for (k, v) in &r.headers {
                    let _ = Reflect::set(&h, &JsValue::from_str(k), &JsValue::from_str(v));
                }
                h.into()
            }
        };
        let body = r.body.as_deref().map_or(JsValue::UNDEFINED, JsValue::from_str);
        [&JsValue::from_str(r.method.as_str()), &JsValue::from_str(&r.url), &headers, &body].into_iter().collect()
    }

    /// Where the chunk to send starts.
    pub fn offset(&self) -> f64 {
        match self.current {
            Current::Chunk(_, offset) => offset as f64,
            _ => 0.0,
        }
    }

    /// How long to sleep.
    #[wasm_bindgen(js_name = sleepMs)]
    pub fn sleep_ms(&self) -> f64 {
        match self.current {
            Current::Sleep(ms) => ms as f64,
            _ => 0.0,
        }
    }

    /// What `onProgress` receives.
    pub fn progress(&self) -> JsValue {
        match &self.current {
            Current::Report(p) => convert::parse(&p.to_json()).unwrap_or(JsValue::NULL),
            _ => JsValue::NULL,
        }
    }

    /// The result (after `DONE`) or the error (after `FAIL`).
    pub fn take(&mut self) -> JsValue {
        match std::mem::replace(&mut self.current, Current::Taken) {
            Current::Done(Ok(v)) => v,
            Current::Done(Err(f)) => to_js(f),
            _ => JsValue::UNDEFINED,
        }
    }
}
