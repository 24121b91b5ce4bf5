//! The one driver: runs any core [`Flow`] by doing what its actions say (send with `fetch`,
//! sleep, hand progress to `onProgress`, read an upload chunk) and handing back what happened.
//! Bodies stay JS strings ([`JsBody`]), parsed by the engine's own `JSON.parse`.

use js_sys::{Function, JsString, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::convert;
use super::errors::Failure;
use super::glue;
use super::transport::{send_raw, sleep, CallOptions, Shared};
use crate::endpoints::Operation;
use crate::flow::{Action, Body, Call, Ctx, Event, Flow, Response};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// A response body as the JS string `fetch` gave.
pub struct JsBody(pub JsValue);

impl Body for JsBody {
    type Json = JsValue;
    fn contains(&self, needle: &str) -> bool {
        self.0.dyn_ref::<JsString>().is_some_and(|t| t.includes(needle, 0))
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

/// What a flow may need besides the network: the caller's `onProgress`, and the upload source
/// (`{ size, chunk(offset) }` from glue.js).
#[derive(Default)]
pub struct Hooks {
    /// `onProgress`.
    pub on_progress: Option<Function>,
    /// The upload source.
    pub source: Option<JsValue>,
}

/// Run `flow` to its end.
pub async fn drive<F: Flow<JsBody>>(shared: &Shared, opts: &CallOptions, hooks: &Hooks, flow: &mut F) -> Result<F::Output, Failure> {
    let mut erased = Erased { flow, output: None };
    run(shared, opts, hooks, &mut erased).await?;
    erased.output.ok_or_else(|| crate::Error::decode("", "the flow ended without a result").into())
}

/// A flow whose result is kept aside, so that one driver (one async state machine, not one
/// per flow type) runs them all.
struct Erased<'a, F: Flow<JsBody>> {
    flow: &'a mut F,
    output: Option<F::Output>,
}

impl<F: Flow<JsBody>> Erased<'_, F> {
    fn keep(&mut self, action: Action<F::Output>) -> Action<()> {
        match action.pending() {
            Ok(a) => a,
            Err(result) => Action::Done(result.map(|v| self.output = Some(v))),
        }
    }
}

impl<F: Flow<JsBody>> Flow<JsBody> for Erased<'_, F> {
    type Output = ();
    fn start(&mut self, ctx: &Ctx) -> Action<()> {
        let a = self.flow.start(ctx);
        self.keep(a)
    }
    fn step(&mut self, event: Event<JsBody>, ctx: &Ctx) -> Action<()> {
        let a = self.flow.step(event, ctx);
        self.keep(a)
    }
}

async fn run(shared: &Shared, opts: &CallOptions, hooks: &Hooks, flow: &mut dyn Flow<JsBody, Output = ()>) -> Result<(), Failure> {
    let ctx = Ctx { config: &shared.config, now: &glue::now, random: &glue::random };
    // The latest transport failure keeps its JS cause: when the flow ends with that error, the
    // caller gets the cause too.
    let mut last_failure: Option<Failure> = None;
    let mut action = flow.start(&ctx);
    loop {
        let event = match action {
            Action::Done(Ok(())) => return Ok(()),
            Action::Done(Err(e)) => return Err(last_failure.filter(|f| f.error == e).unwrap_or_else(|| e.into())),
            Action::Send(request) => {
                let body = request.body.as_deref().map_or(JsValue::UNDEFINED, JsValue::from_str);
                respond(send_raw(shared, &request, &body, opts).await, 0, &mut last_failure)
            }
            Action::SendChunk { request, offset } => {
                let chunk = read_chunk(hooks, offset).await?;
                let sent = glue::byte_length(&chunk) as u64;
                respond(send_raw(shared, &request, &chunk, opts).await, sent, &mut last_failure)
            }
            Action::Sleep(ms) => {
                sleep(ms, &opts.signal).await?;
                Event::Slept
            }
            Action::Report(progress) => {
                if let Some(f) = &hooks.on_progress {
                    let arg = convert::parse(&serde_json::to_string(&progress).unwrap_or_default())?;
                    // A throw inside the callback ends the call with that very value.
                    f.call1(&JsValue::UNDEFINED, &arg).map_err(Failure::thrown)?;
                }
                Event::Reported
            }
        };
        action = flow.step(event, &ctx);
    }
}

fn respond(result: Result<(u16, JsValue, Option<u64>), Failure>, sent: u64, last_failure: &mut Option<Failure>) -> Event<JsBody> {
    match result {
        Ok((status, text, wait_ms)) => Event::Response(Response { status, body: JsBody(text), wait_ms, sent }),
        Err(f) => {
            let event = Event::Failed(f.error.clone());
            *last_failure = Some(f);
            event
        }
    }
}

/// The upload chunk at `offset`, from the caller's data.
async fn read_chunk(hooks: &Hooks, offset: u64) -> Result<JsValue, Failure> {
    let source = hooks.source.as_ref().ok_or_else(|| Failure::from(crate::Error::invalid("data", "is required")))?;
    let chunk_fn: Function = Reflect::get(source, &"chunk".into()).map_err(Failure::thrown)?.unchecked_into();
    let promise = chunk_fn.call1(source, &JsValue::from_f64(offset as f64)).map_err(Failure::thrown)?;
    JsFuture::from(Promise::from(promise)).await.map_err(Failure::thrown)
}

/// Send one operation and read its body. Every failure leaves here redacted of the call's own
/// secrets too (a Page token and its proof, an app secret, a code being exchanged).
pub async fn call(shared: &Shared, op: Operation, opts: &CallOptions) -> Result<JsValue, Failure> {
    let secrets = op.call_secrets(&shared.config);
    let result = drive(shared, opts, &Hooks::default(), &mut Call::new(op, opts.retry)).await;
    match secrets {
        None => result,
        Some(r) => result.map_err(|f| f.redacted(&r)),
    }
}
