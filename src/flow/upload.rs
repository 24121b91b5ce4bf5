//! `uploadVideo`: a resumable upload to the rupload host. The host's offset comes first (an
//! upload resumes where the host stands), then one chunk at a time. After a failed chunk the
//! flow waits as [`decide`] says and asks the host again: a chunk the host refused (an offset
//! mismatch) gets one re-sync, and a host that holds no more than before means the failure is
//! real. The bytes never pass through the flow: [`Action::SendChunk`] names the offset and the
//! driver attaches the chunk.

use crate::json::Object;

use super::{Action, Body, Ctx, Event, Flow, Progress};
use crate::endpoints::upload;
use crate::error::Error;
use crate::retry::{decide, Decision, RetryPolicy};

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    /// Asking the host for its offset; after a failed chunk, with that failure and what
    /// [`decide`] said about it.
    Status(Option<(Error, Decision)>),
    /// Waiting after a failed chunk.
    Waiting(Error, Decision),
    /// A chunk in flight.
    Chunk,
    /// A progress report in flight; then the next chunk or the end.
    Reporting,
}

/// The upload of `size` bytes to a container.
#[derive(Debug, Clone)]
pub struct Upload<B> {
    container_id: String,
    size: u64,
    offset: u64,
    failures: u32,
    policy: RetryPolicy,
    phase: Phase,
    /// The host's answer to the latest chunk: the result.
    last: Option<B>,
}

impl<B: Body> Upload<B> {
    /// An upload of `size` bytes to `container_id`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a bad container id.
    pub fn new(container_id: &str, size: u64, policy: RetryPolicy) -> Result<Self, Error> {
        crate::endpoints::node_id("containerId", container_id)?;
        Ok(Upload { container_id: container_id.to_owned(), size, offset: 0, failures: 0, policy, phase: Phase::Chunk, last: None })
    }

    fn status(&mut self, after: Option<(Error, Decision)>, ctx: &Ctx) -> Action<B::Json> {
        self.phase = Phase::Status(after);
        match upload::status_request(ctx.config, &self.container_id) {
            Ok(r) => Action::Send(r),
            Err(e) => Action::Done(Err(e)),
        }
    }

    /// The next chunk, or the result.
    fn next(&mut self, ctx: &Ctx) -> Action<B::Json> {
        if self.offset < self.size {
            self.phase = Phase::Chunk;
            return match upload::chunk_request(ctx.config, &self.container_id, self.offset, self.size) {
                Ok(request) => Action::SendChunk { request, offset: self.offset },
                Err(e) => Action::Done(Err(e)),
            };
        }
        match self.last.take() {
            Some(body) => Action::Done(body.parse().ok_or_else(|| crate::error::invalid_json(&body.text()))),
            // NB: the host already held every byte (an upload resumed after it had finished):
            // say so, from what the host reported, rather than pretend a chunk was sent.
            None => {
                let message = format!("the upload host already holds all {} bytes", self.size);
                let mut text = String::new();
                Object::new(&mut text).member("message", &message).member("success", &true).end();
                self.last = Some(B::from_text(&text));
                self.report()
            }
        }
    }

    fn report(&mut self) -> Action<B::Json> {
        self.phase = Phase::Reporting;
        Action::Report(Progress::Upload { sent_bytes: self.offset, total_bytes: self.size })
    }

    fn chunk_failed(&mut self, error: Error, ctx: &Ctx) -> Action<B::Json> {
        if error == Error::Aborted {
            return Action::Done(Err(error));
        }
        match decide(self.failures, &error, true, &self.policy, (ctx.random)()) {
            Decision::Retry { wait_ms } => {
                self.phase = Phase::Waiting(error, Decision::Retry { wait_ms });
                Action::Sleep(wait_ms)
            }
            Decision::Stop => self.status(Some((error, Decision::Stop)), ctx),
        }
    }

    fn host_offset(&mut self, status: u16, text: &str, after: Option<(Error, Decision)>, ctx: &Ctx) -> Action<B::Json> {
        if let Some(e) = upload::upload_error(status, text, ctx.config.redactor()) {
            return Action::Done(Err(e));
        }
        let known = match upload::server_offset(text, self.size) {
            Ok(k) => k,
            Err(e) => return Action::Done(Err(e)),
        };
        if let Some((error, decision)) = after {
            if self.failures >= self.policy.max_retries || (known == self.offset && decision == Decision::Stop) {
                return Action::Done(Err(error));
            }
            self.failures += 1;
        }
        self.offset = known;
        self.next(ctx)
    }
}

impl<B: Body> Flow<B> for Upload<B> {
    type Output = B::Json;

    fn start(&mut self, ctx: &Ctx) -> Action<B::Json> {
        self.status(None, ctx)
    }

    fn step(&mut self, event: Event<B>, ctx: &Ctx) -> Action<B::Json> {
        match (std::mem::replace(&mut self.phase, Phase::Chunk), event) {
            (Phase::Status(after), Event::Response(r)) => self.host_offset(r.status, &r.body.text(), after, ctx),
            (Phase::Status(_), Event::Failed(e)) => Action::Done(Err(e)),
            (Phase::Waiting(error, decision), Event::Slept) => self.status(Some((error, decision)), ctx),
            (Phase::Chunk, Event::Response(r)) => match upload::upload_error(r.status, &r.body.text(), ctx.config.redactor()) {
                // NB: data that ends before its announced size would otherwise be asked for
                // again and again at the same offset.
                None if r.sent == 0 => Action::Done(Err(Error::invalid(
                    "data",
                    format!("ended at byte {} of the {} announced (options.fileSize)", self.offset, self.size),
                ))),
                None => {
                    self.offset += r.sent;
                    self.failures = 0;
                    self.last = Some(r.body);
                    self.report()
                }
                Some(e) => self.chunk_failed(e, ctx),
            },
            (Phase::Chunk, Event::Failed(e)) => self.chunk_failed(e, ctx),
            (Phase::Reporting, Event::Reported) => self.next(ctx),
            (_, event) => Action::Done(Err(Error::decode("", format!("upload: {} came out of turn", event_name(&event))))),
        }
    }
}

/// `uploadVideo(containerId, { fileUrl })`: one `POST` with a `file_url` header; the upload host
/// fetches the video itself. A POST that may have taken effect: never sent again (a lost answer
/// is the caller's to check with `getContainer`).
#[derive(Debug, Clone)]
pub struct HostedUpload {
    container_id: String,
    file_url: String,
    sent: bool,
}

impl HostedUpload {
    /// The upload of the video at `file_url` to `container_id`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a bad container id or URL.
    pub fn new(container_id: &str, file_url: &str, config: &crate::Config) -> Result<Self, Error> {
        upload::hosted_request(config, container_id, file_url)?;
        Ok(HostedUpload { container_id: container_id.to_owned(), file_url: file_url.to_owned(), sent: false })
    }
}

impl<B: Body> Flow<B> for HostedUpload {
    type Output = B::Json;

    fn start(&mut self, ctx: &Ctx) -> Action<B::Json> {
        self.sent = true;
        match upload::hosted_request(ctx.config, &self.container_id, &self.file_url) {
            Ok(r) => Action::Send(r),
            Err(e) => Action::Done(Err(e)),
        }
    }

    fn step(&mut self, event: Event<B>, ctx: &Ctx) -> Action<B::Json> {
        match event {
            Event::Response(r) if self.sent => Action::Done(match upload::upload_error(r.status, &r.body.text(), ctx.config.redactor()) {
                None => r.body.parse().ok_or_else(|| crate::error::invalid_json(&r.body.text())),
                Some(e) => Err(e),
            }),
            Event::Failed(e) => Action::Done(Err(e)),
            event => Action::Done(Err(Error::decode("", format!("hosted upload: {} came out of turn", event_name(&event))))),
        }
    }
}

fn event_name<B>(e: &Event<B>) -> &'static str {
    match e {
        Event::Response(_) => "a response",
        Event::Failed(_) => "a failure",
        Event::Slept => "the end of a wait",
        Event::Reported => "a report",
    }
}
