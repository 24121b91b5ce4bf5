//! The conversations a call has with Meta, as pure state machines.
//!
//! A flow is a value: [`Flow::start`] says what to do first and [`Flow::step`] takes what
//! happened ([`Event`]) and says what to do next ([`Action`]): send a request, sleep, report
//! progress, or finish. Time and jitter come in through [`Ctx`]; nothing here sends, sleeps or
//! reads a clock, so host `cargo test` drives every branch with a scripted transport
//! (`tests.rs`). The skin runs any flow with one small driver (`wasm/driver.rs`).
//!
//! - [`Call`]: one operation, retried as [`crate::retry::decide`] says, its body read.
//! - [`Pages`]: one page of items per run, across empty pages, stopping on a cursor loop.
//! - [`Batch`]: batch requests of 50, `null` GET items retried once.
//! - [`Publish`]: containers → status polling → `media_publish`.
//! - [`Upload`]: a resumable upload, chunk by chunk, resuming from the host's offset;
//!   [`HostedUpload`]: the host fetches a video that is online (`file_url`).
//! - [`Inspect`], [`Diagnose`]: what a token is, and what it can do (`oauth.inspectToken`,
//!   `client.diagnose`).
//!
//! Bodies stay in the engine that received them ([`Body`]): the wasm skin hands JS strings,
//! parsed by the engine's own `JSON.parse`; host tests hand `String`s.

use crate::config::Config;
use crate::endpoints::{Operation, Output};
use crate::error::{response_error, Error};
use crate::http::HttpRequest;
use crate::json::{JsonView, Object, ToJson, Value};
use crate::retry::{decide, Decision, RetryPolicy};

mod batch;
mod diagnose;
#[cfg(test)]
mod diagnose_tests;
mod pages;
mod publish;
#[cfg(test)]
mod tests;
mod upload;

pub use batch::Batch;
pub use diagnose::{Diagnose, Inspect};
pub use pages::Pages;
pub use publish::{Publish, PublishSettings, POLL_TIMEOUT_MS};
pub use upload::{HostedUpload, Upload};

/// A response body, kept where it was received. Offsets are the engine's own (bytes in Rust,
/// UTF-16 units in JS): they only ever come from [`Body::find`], [`Body::rfind`] and
/// [`Body::len`], with ASCII needles.
pub trait Body: Sized {
    /// A parsed JSON value of this engine.
    type Json: JsonView;
    /// Where `needle` is, at or after `from` (a cheap search that copies nothing).
    fn find(&self, needle: &str, from: usize) -> Option<usize>;
    /// Where the last `needle` before `before` is.
    fn rfind(&self, needle: &str, before: usize) -> Option<usize>;
    /// Its length.
    fn len(&self) -> usize;
    /// Whether it is empty.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The text between two offsets, copied out.
    fn slice(&self, from: usize, to: usize) -> String;
    /// This body with each range (from, to, replacement), in order, replaced.
    fn splice(&self, edits: &[(usize, usize, String)]) -> Self;
    /// Whether the text contains `needle`.
    fn contains(&self, needle: &str) -> bool {
        self.find(needle, 0).is_some()
    }
    /// The text.
    fn text(&self) -> String;
    /// A body of this engine holding `text`.
    fn from_text(text: &str) -> Self;
    /// The body parsed as JSON; `None` when it is not JSON.
    fn parse(&self) -> Option<Self::Json>;
}

impl Body for String {
    type Json = Value;
    fn find(&self, needle: &str, from: usize) -> Option<usize> {
        self.get(from..)?.find(needle).map(|i| from + i)
    }
    fn rfind(&self, needle: &str, before: usize) -> Option<usize> {
        self.get(..before)?.rfind(needle)
    }
    fn len(&self) -> usize {
        str::len(self)
    }
    fn slice(&self, from: usize, to: usize) -> String {
        self.get(from..to).unwrap_or_default().to_owned()
    }
    fn splice(&self, edits: &[(usize, usize, String)]) -> Self {
        let mut out = String::with_capacity(str::len(self));
        let mut at = 0;
        for (from, to, text) in edits {
            out.push_str(self.get(at..*from).unwrap_or_default());
            out.push_str(text);
            at = *to;
        }
        out.push_str(self.get(at..).unwrap_or_default());
        out
    }
    fn text(&self) -> String {
        self.clone()
    }
    fn from_text(text: &str) -> Self {
        text.to_owned()
    }
    fn parse(&self) -> Option<Value> {
        crate::json::parse(self).ok()
    }
}

/// A response as the driver received it.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<B> {
    /// HTTP status.
    pub status: u16,
    /// The body.
    pub body: B,
    /// How long Meta asks to wait (its usage headers), if it does.
    pub wait_ms: Option<u64>,
    /// For [`Action::SendChunk`]: the bytes of the chunk sent.
    pub sent: u64,
}

impl<B> Response<B> {
    /// A response with a status and a body.
    pub fn new(status: u16, body: B) -> Self {
        Response { status, body, wait_ms: None, sent: 0 }
    }
}

/// What happened, handed to [`Flow::step`].
#[derive(Debug, Clone, PartialEq)]
pub enum Event<B> {
    /// A response arrived (any status).
    Response(Response<B>),
    /// The request failed before a response: [`Error::Connection`], [`Error::Timeout`] or
    /// [`Error::Aborted`].
    Failed(Error),
    /// The [`Action::Sleep`] is over.
    Slept,
    /// The [`Action::Report`] was delivered.
    Reported,
}

/// What to do next.
#[derive(Debug, Clone, PartialEq)]
pub enum Action<T> {
    /// Send this request; answer with [`Event::Response`] or [`Event::Failed`].
    Send(HttpRequest),
    /// Send the bytes of the upload from `offset` (one chunk) as this request's body; answer
    /// with [`Event::Response`] whose `sent` is the chunk's length.
    SendChunk {
        /// The request, without a body.
        request: HttpRequest,
        /// Where the chunk starts.
        offset: u64,
    },
    /// Wait this long; answer with [`Event::Slept`].
    Sleep(u64),
    /// Hand this progress to the caller's `onProgress`; answer with [`Event::Reported`].
    Report(Progress),
    /// The flow is over.
    Done(Result<T, Error>),
}

/// What `onProgress` receives (written as JSON with the JS names).
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// A `publish` stage: `creating`, `processing` (with the status calls so far), `publishing`,
    /// `published` (with the new media's id): `{ stage, containerId, statusCode, statusCalls?,
    /// mediaId? }`.
    Publish {
        /// The stage.
        stage: &'static str,
        /// The container.
        container_id: String,
        /// Its `status_code` (null while creating).
        status_code: Option<String>,
        /// Status calls made for this container so far (`processing`).
        status_calls: Option<u32>,
        /// The published media (`published`).
        media_id: Option<String>,
    },
    /// Bytes the upload host holds: `{ sentBytes, totalBytes }`.
    Upload {
        /// Bytes sent (held by the host).
        sent_bytes: u64,
        /// The file's size.
        total_bytes: u64,
    },
}

#[cfg(not(target_arch = "wasm32"))]
crate::typescript::interfaces! {
    /// The declarations of [`Progress`] (the flow tests check every report against them).
    pub(crate) const PROGRESS = {
        #[doc = "What `publish` reports to `onProgress`, in order: `creating` (once per container), `processing` (once per status call), `publishing`, `published`."]
        PublishProgress {
            stage: "\"creating\" | \"processing\" | \"publishing\" | \"published\"",
            containerId: "string",
            statusCode: "ContainerStatusCode | null",
            #[doc = "On \"processing\": the status calls made for this container so far (each counts against the rate limit)."]
            statusCalls: "?number",
            #[doc = "On \"published\": the new media's id."]
            mediaId: "?string",
        }
        #[doc = "What `uploadVideo` reports to `onProgress`: the bytes the upload host holds."]
        UploadProgress {
            sentBytes: "number",
            totalBytes: "number",
        }
    }
}

impl ToJson for Progress {
    fn write_json(&self, out: &mut String) {
        match self {
            Progress::Publish { stage, container_id, status_code, status_calls, media_id } => Object::new(out)
                .member("stage", *stage)
                .member("containerId", container_id)
                .member("statusCode", status_code)
                .member_if("statusCalls", status_calls)
                .member_if("mediaId", media_id)
                .end(),
            Progress::Upload { sent_bytes, total_bytes } => {
                Object::new(out).member("sentBytes", sent_bytes).member("totalBytes", total_bytes).end()
            }
        }
    }
}

/// What a flow may read besides the events: the configuration, a clock and a random source.
pub struct Ctx<'a> {
    /// The client's configuration.
    pub config: &'a Config,
    /// Milliseconds since the epoch.
    pub now: &'a dyn Fn() -> f64,
    /// A number in `[0, 1)` (retry jitter).
    pub random: &'a dyn Fn() -> f64,
}

/// A conversation with Meta.
pub trait Flow<B: Body> {
    /// What it results in.
    type Output;
    /// The first action.
    fn start(&mut self, ctx: &Ctx) -> Action<Self::Output>;
    /// The action after `event`.
    fn step(&mut self, event: Event<B>, ctx: &Ctx) -> Action<Self::Output>;
}

impl<T> Action<T> {
    /// A sub-flow's action as its parent's (`Ok`), or the sub-flow's result (`Err`).
    pub fn pending<U>(self) -> Result<Action<U>, Result<T, Error>> {
        match self {
            Action::Send(r) => Ok(Action::Send(r)),
            Action::SendChunk { request, offset } => Ok(Action::SendChunk { request, offset }),
            Action::Sleep(ms) => Ok(Action::Sleep(ms)),
            Action::Report(v) => Ok(Action::Report(v)),
            Action::Done(r) => Err(r),
        }
    }
}

/// One request, sent again as [`decide`] says.
#[derive(Debug, Clone)]
pub(crate) struct Attempts {
    request: HttpRequest,
    idempotent: bool,
    policy: RetryPolicy,
    attempt: u32,
}

impl Attempts {
    pub(crate) fn new(request: HttpRequest, idempotent: bool, policy: RetryPolicy) -> Self {
        Attempts { request, idempotent, policy, attempt: 0 }
    }

    /// After `event`: send again, sleep, or the response that is not an error (or the final
    /// error).
    pub(crate) fn step<B: Body>(&mut self, event: Event<B>, ctx: &Ctx) -> Action<Response<B>> {
        let error = match event {
            Event::Response(r) => match response_failure(&r, ctx) {
                None => return Action::Done(Ok(r)),
                Some(e) => e,
            },
            Event::Failed(e) => e,
            Event::Slept | Event::Reported => return Action::Send(self.request.clone()),
        };
        match decide(self.attempt, &error, self.idempotent, &self.policy, (ctx.random)()) {
            Decision::Stop => Action::Done(Err(error)),
            Decision::Retry { wait_ms } => {
                self.attempt += 1;
                Action::Sleep(wait_ms)
            }
        }
    }
}

/// The Graph error a response carries: any non-2xx, and a 2xx whose body is an error object.
///
/// NB: Meta sometimes answers 200 with an error object (`{"error": {"code": 2, "is_transient":
/// true}}`): it is an error, classified and retried like any other. The engine's own substring
/// test keeps the common case (no `error"` in the body, which every `"error"` key holds) from
/// copying the text; the needle starts with a rare letter rather than a quote, which a JSON body
/// is full of, so the scan is quick.
fn response_failure<B: Body>(r: &Response<B>, ctx: &Ctx) -> Option<Error> {
    if (200..300).contains(&r.status) && !r.body.contains("error\"") {
        return None;
    }
    response_error(r.status, &r.body.text(), r.wait_ms, ctx.config.redactor()).map(|e| Error::Graph(Box::new(e)))
}

/// Read a 2xx body: the secrets Meta put in its URLs taken out (at any depth), parsed by the
/// body's engine, its shape checked, and the caller's result derived ([`Output`]).
///
/// # Errors
/// [`Error::Decode`] when the body is not the promised JSON.
pub fn read<B: Body>(op: &Operation, body: B) -> Result<B::Json, Error> {
    let body = strip_secrets(&body).unwrap_or(body);
    if op.output == Output::Body {
        let Some(parsed) = body.parse() else { return Err(crate::error::invalid_json(&body.text())) };
        crate::json::check_shape(&parsed, op.shape)?;
        return Ok(parsed);
    }
    // A derived result is computed in Rust: the body is parsed once, in Rust, and only the
    // result is handed to the body's engine.
    let text = body.text();
    let value = crate::json::parse(&text).map_err(|_| crate::error::invalid_json(&text))?;
    crate::json::check_shape(&&value, op.shape)?;
    let derived = match op.output {
        Output::Body => value,
        Output::InstagramToken => crate::endpoints::oauth::instagram_token(value),
        Output::ConnectedAccounts => crate::endpoints::user::connected_accounts(value)?,
        Output::FirstId => crate::endpoints::hashtags::first_id(&value)?,
        Output::Member(key) => crate::endpoints::discovery::member(value, key)?,
        Output::HashtagQuota => crate::endpoints::hashtags::quota(value)?,
        Output::StringIds(keys) => crate::endpoints::product_tags::string_ids(value, keys),
    };
    B::from_text(&derived.to_string()).parse().ok_or_else(|| crate::error::invalid_json(""))
}

/// The body without the secret query parameters Meta puts in its URLs
/// ([`crate::page::strip_secret_params`], at any depth); `None` when it had none. Only the JSON
/// strings that hold a secret's name are copied out and cleaned: a list page's body, whose
/// `paging.next` always carries the token, stays in its engine (copying a whole page into wasm and
/// back cost about 70 µs for 8 KB).
fn strip_secrets<B: Body>(body: &B) -> Option<B> {
    let mut edits = Vec::new();
    let mut from = 0;
    while let Some(hit) = crate::redact::TOKEN_PARAMS.iter().filter_map(|p| body.find(p, from)).min() {
        // The JSON string around it (a URL holds no quote: Meta percent-encodes them).
        let start = body.rfind("\"", hit).map_or(0, |q| q + 1);
        let end = body.find("\"", hit).unwrap_or_else(|| body.len());
        if let Some(clean) = crate::page::strip_secret_params(&body.slice(start, end)) {
            edits.push((start, end, clean));
        }
        from = end.max(hit + 1);
    }
    (!edits.is_empty()).then(|| body.splice(&edits))
}

/// One operation: sent, retried, read.
#[derive(Debug, Clone)]
pub struct Call {
    op: Operation,
    attempts: Option<Attempts>,
    policy: RetryPolicy,
}

impl Call {
    /// A call of `op` with this retry policy.
    pub fn new(op: Operation, policy: RetryPolicy) -> Self {
        Call { op, attempts: None, policy }
    }

    /// The operation.
    pub fn operation(&self) -> &Operation {
        &self.op
    }
}

impl Call {
    /// (Re)start: the first request.
    pub(crate) fn begin(&mut self, config: &Config) -> HttpRequest {
        let request = crate::endpoints::build_request(config, &self.op);
        self.attempts = Some(Attempts::new(request.clone(), self.op.is_idempotent(), self.policy));
        request
    }
}

impl<B: Body> Flow<B> for Call {
    type Output = B::Json;

    fn start(&mut self, ctx: &Ctx) -> Action<B::Json> {
        Action::Send(self.begin(ctx.config))
    }

    fn step(&mut self, event: Event<B>, ctx: &Ctx) -> Action<B::Json> {
        let Some(attempts) = self.attempts.as_mut() else { return Flow::<B>::start(self, ctx) };
        match attempts.step(event, ctx).pending() {
            Ok(action) => action,
            Err(done) => Action::Done(done.map_err(|e| explain(e, &self.op, ctx)).and_then(|r| read(&self.op, r.body))),
        }
    }
}

/// A Graph error told what Meta's words leave out: a permission error of a typed method, what
/// the method needs (the registry's permissions for the client's login flavour; Meta's
/// `(#10)`/`(#200)` names neither); an invalid token (190) whose first letters are the other
/// flavour's, which login to use (Meta only says it "cannot parse" it).
fn explain(error: Error, op: &Operation, ctx: &Ctx) -> Error {
    use crate::config::Login;
    use crate::error::ErrorKind;
    let Error::Graph(mut e) = error else { return error };
    match (e.kind, op.name) {
        (ErrorKind::Permission, Some(operation)) => {
            e.needs = crate::registry::permissions(operation, ctx.config.login)
                .flatten()
                .map(|permissions| crate::error::Needs { operation, permissions });
        }
        (ErrorKind::Auth, _) if e.code == Some(190) => {
            let token = match &op.token {
                crate::endpoints::Token::Client => Some(ctx.config.access_token().expose()),
                crate::endpoints::Token::Other(t) => Some(t.expose()),
                crate::endpoints::Token::None => None,
            };
            e.hint = match (token.and_then(Login::of_token), ctx.config.login) {
                (Some(Login::Instagram), Login::Facebook) => {
                    Some("The token looks like an Instagram User token (it starts with IG): create the client with login: \"instagram\"")
                }
                (Some(Login::Facebook), Login::Instagram) => Some(
                    "The token looks like a Facebook token (it starts with EAA): create the client with login: \"facebook\" (the default)",
                ),
                _ => None,
            };
        }
        _ => {}
    }
    Error::Graph(e)
}
