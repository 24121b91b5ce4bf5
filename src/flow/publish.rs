//! `publish`: the carousel children's containers, each polled until `FINISHED`; the published
//! container, polled; then `media_publish`. Progress is reported at each stage.
//!
//! NB: polling. Meta (content-publishing, "Troubleshooting"): "query a container's status once
//! per minute, for no more than five minutes", and every status call counts against the rate
//! limit. Images finish in seconds, so the first status call comes after 1 s and the wait
//! doubles up to once a minute (1, 2, 4 … 60 s): any 60 s holds at most 6 status calls. A status
//! call that fails transiently (a 5xx, `is_transient`, a rate limit Meta lets us wait out, a
//! dropped connection) is not retried at once: it counts as a poll and the schedule goes on.
//! `100/33` ("object does not exist") on a fresh container is treated the same way: Meta
//! returned it for valid containers during its May 2026 incident (graph-api.md §5).

use super::{Action, Body, Call, Ctx, Event, Flow, Progress};
use crate::endpoints::publishing::{self, container_state, ContainerState};
use crate::error::{Error, ErrorKind};
use crate::json::{JsonView, Map, Object, ToJson, Value};
use crate::params::Params;
use crate::retry::RetryPolicy;

/// The longest wait between two status calls: Meta's "once per minute".
pub const MAX_POLL_INTERVAL_MS: u64 = 60_000;
/// The first wait.
pub const FIRST_POLL_INTERVAL_MS: u64 = 1_000;
/// Meta's "no more than five minutes".
pub const POLL_TIMEOUT_MS: u64 = 300_000;

/// How `publish` polls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PublishSettings {
    /// A fixed wait between status calls (`pollIntervalMs`); `None` for the schedule above.
    pub poll_interval_ms: Option<u64>,
    /// How long to wait for one container (`pollTimeoutMs`).
    pub poll_timeout_ms: u64,
}

impl Default for PublishSettings {
    fn default() -> Self {
        PublishSettings { poll_interval_ms: None, poll_timeout_ms: POLL_TIMEOUT_MS }
    }
}

#[derive(Debug, Clone)]
enum Stage {
    /// Creating child `i` (the parent once every child exists).
    Creating(usize),
    /// Polling a container: which, since when, status calls so far, the last status code.
    Polling {
        index: usize,
        started: f64,
        calls: u32,
        code: String,
    },
    Publishing,
}

/// The whole publishing flow; results in `{ id, containerId }`.
#[derive(Debug, Clone)]
pub struct Publish {
    ig_user_id: String,
    children: Vec<Params>,
    parent: Option<Params>,
    /// Created containers: the children's, then the parent's.
    created: Vec<String>,
    settings: PublishSettings,
    policy: RetryPolicy,
    stage: Stage,
    call: Option<Call>,
    /// What follows the progress report in flight (a report may follow a report).
    after_report: std::collections::VecDeque<Action<Published>>,
}

impl Publish {
    /// Publish `post` (checked and planned by [`publishing::plan_publish`]) on `ig_user_id`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a bad id or post; nothing is sent.
    pub fn new(ig_user_id: &str, post: &Value, settings: PublishSettings, policy: RetryPolicy) -> Result<Self, Error> {
        crate::endpoints::node_id("igUserId", ig_user_id)?;
        let plan = publishing::plan_publish(Some(post))?;
        Ok(Publish {
            ig_user_id: ig_user_id.to_owned(),
            children: plan.children,
            parent: Some(plan.parent),
            created: Vec::new(),
            settings,
            policy,
            stage: Stage::Creating(0),
            call: None,
            after_report: std::collections::VecDeque::new(),
        })
    }

    fn call(&mut self, op: crate::endpoints::Operation, policy: RetryPolicy, ctx: &Ctx) -> Action<Published> {
        let mut call = Call::new(op, policy);
        let request = call.begin(ctx.config);
        self.call = Some(call);
        Action::Send(request)
    }

    /// Create the container for `Creating(i)`.
    fn create(&mut self, i: usize, ctx: &Ctx) -> Action<Published> {
        let params = match self.children.get(i) {
            Some(child) => child.clone(),
            None => {
                let mut parent = self.parent.clone().unwrap_or_default();
                if !self.created.is_empty() {
                    parent.set("children", self.created.join(","));
                }
                parent
            }
        };
        let mut op = match publishing::create_container(&self.ig_user_id, Some(&Value::Object(Map::new()))) {
            Ok(op) => op,
            Err(e) => return Action::Done(Err(e)),
        };
        op.params = params;
        self.stage = Stage::Creating(i);
        self.call(op, self.policy, ctx)
    }

    fn poll(&mut self, ctx: &Ctx) -> Action<Published> {
        let Stage::Polling { index, .. } = &self.stage else { return Action::Done(Err(Error::decode("", "not polling"))) };
        match self.created.get(*index).map(|id| publishing::get_container(id, None)) {
            Some(Ok(op)) => self.call(op, RetryPolicy { max_retries: 0, ..self.policy }, ctx),
            Some(Err(e)) => Action::Done(Err(e)),
            None => Action::Done(Err(Error::decode("", "no container to poll"))),
        }
    }

    /// The wait before the status call after `calls` calls.
    fn interval(&self, calls: u32) -> u64 {
        self.settings
            .poll_interval_ms
            .unwrap_or_else(|| FIRST_POLL_INTERVAL_MS.saturating_mul(1 << calls.saturating_sub(1).min(16)).min(MAX_POLL_INTERVAL_MS))
    }

    /// Report, then go on with `next`.
    fn report(&mut self, progress: Progress, next: Action<Published>) -> Action<Published> {
        self.after_report.push_front(next);
        Action::Report(progress)
    }

    fn container_created<B: Body>(&mut self, i: usize, body: B::Json, ctx: &Ctx) -> Action<Published> {
        let Some(id) = body.member("id").and_then(|v| v.string()) else {
            return Action::Done(Err(Error::decode("id", "the container response has no id")));
        };
        self.created.push(id.clone());
        let next = if i < self.children.len() {
            // Every child is created before any is polled (their media download in parallel).
            if i + 1 < self.children.len() {
                self.create(i + 1, ctx)
            } else {
                self.start_polling(0, ctx)
            }
        } else {
            self.start_polling(i, ctx)
        };
        self.report(progress("creating", id, None), next)
    }

    fn start_polling(&mut self, index: usize, ctx: &Ctx) -> Action<Published> {
        self.stage = Stage::Polling { index, started: (ctx.now)(), calls: 0, code: "IN_PROGRESS".to_owned() };
        self.poll(ctx)
    }

    /// A container is `FINISHED`: poll the next, create the parent, or publish.
    fn container_finished(&mut self, index: usize, ctx: &Ctx) -> Action<Published> {
        let children = self.children.len();
        if index + 1 < children {
            return self.start_polling(index + 1, ctx);
        }
        if index + 1 == children {
            return self.create(children, ctx);
        }
        let container = self.created.get(index).cloned().unwrap_or_default();
        let op = match publishing::publish_container(&self.ig_user_id, &container) {
            Ok(op) => op,
            Err(e) => return Action::Done(Err(e)),
        };
        self.stage = Stage::Publishing;
        let next = self.call(op, self.policy, ctx);
        self.report(progress("publishing", container, Some("FINISHED")), next)
    }

    fn polled<B: Body>(&mut self, result: Result<B::Json, Error>, ctx: &Ctx) -> Action<Published> {
        let Stage::Polling { index, started, calls, code } = &mut self.stage else {
            return Action::Done(Err(Error::decode("", "not polling")));
        };
        let index = *index;
        *calls += 1;
        let calls = *calls;
        let container = self.created.get(index).cloned().unwrap_or_default();
        let state = match result.and_then(|body| container_state(&body)) {
            Ok(state) => Some(state),
            Err(e) if poll_again(&e, ctx, &self.policy) => None,
            Err(e) => return Action::Done(Err(e)),
        };
        let waited = ((ctx.now)() - *started).max(0.0) as u64;
        let state_code = match &state {
            Some(ContainerState::InProgress(c)) => {
                *code = c.clone();
                c.clone()
            }
            _ => code.clone(),
        };
        let next = match state {
            Some(ContainerState::Finished) => return self.finished_report(index, container, "FINISHED", calls, ctx),
            Some(ContainerState::Published) => return self.finished_report(index, container, "PUBLISHED", calls, ctx),
            Some(ContainerState::Failed { code, status }) => {
                return Action::Done(Err(Error::Publish { container_id: container, status_code: code, status }));
            }
            _ => {
                let wait = self.interval(calls);
                if waited.saturating_add(wait) > self.settings.poll_timeout_ms {
                    Action::Done(Err(Error::PublishTimeout {
                        container_id: container.clone(),
                        waited_ms: waited,
                        status_code: state_code.clone(),
                    }))
                } else {
                    Action::Sleep(wait)
                }
            }
        };
        match state {
            Some(_) => self.report(processing(container, state_code, calls), next),
            None => next,
        }
    }

    fn finished_report(&mut self, index: usize, container: String, code: &str, calls: u32, ctx: &Ctx) -> Action<Published> {
        let next = self.container_finished(index, ctx);
        self.report(processing(container, code.to_owned(), calls), next)
    }
}

/// Whether a failed status call is one more poll rather than the end (see the module note).
fn poll_again(e: &Error, ctx: &Ctx, policy: &RetryPolicy) -> bool {
    if let Error::Graph(g) = e {
        if g.code == Some(100) && g.subcode == Some(33) {
            return true;
        }
        if !matches!(g.kind, ErrorKind::Transient | ErrorKind::RateLimit) {
            return false;
        }
    }
    let policy = RetryPolicy { max_retries: 1, ..*policy };
    crate::retry::decide(0, e, true, &policy, (ctx.random)()) != crate::retry::Decision::Stop
}

impl<B: Body> Flow<B> for Publish {
    type Output = B::Json;

    fn start(&mut self, ctx: &Ctx) -> Action<B::Json> {
        retype::<B>(self.create(0, ctx))
    }

    fn step(&mut self, event: Event<B>, ctx: &Ctx) -> Action<B::Json> {
        let action = match event {
            Event::Reported => self.after_report.pop_front().unwrap_or(Action::Done(Err(Error::decode("", "nothing to report")))),
            Event::Slept if matches!(self.stage, Stage::Polling { .. }) => self.poll(ctx),
            event => {
                let Some(call) = self.call.as_mut() else { return Flow::<B>::start(self, ctx) };
                match Flow::<B>::step(call, event, ctx).pending() {
                    Ok(action) => action,
                    Err(result) => match self.stage.clone() {
                        Stage::Creating(i) => match result {
                            Ok(body) => self.container_created::<B>(i, body, ctx),
                            Err(e) => Action::Done(Err(e)),
                        },
                        Stage::Polling { .. } => self.polled::<B>(result, ctx),
                        Stage::Publishing => match result.map(|b| b.member("id").and_then(|v| v.string())) {
                            Ok(Some(media_id)) => {
                                let container = self.created.last().cloned().unwrap_or_default();
                                let report = Progress::Publish {
                                    stage: "published",
                                    container_id: container.clone(),
                                    status_code: Some("PUBLISHED".to_owned()),
                                    status_calls: None,
                                    media_id: Some(media_id.clone()),
                                };
                                self.report(report, Action::Done(Ok(Published { id: media_id, container_id: container })))
                            }
                            Ok(None) => Action::Done(Err(Error::decode("id", "the media_publish response has no id"))),
                            Err(e) => Action::Done(Err(e)),
                        },
                    },
                }
            }
        };
        retype::<B>(action)
    }
}

/// What `publish` results in.
#[derive(Debug, Clone, PartialEq)]
struct Published {
    id: String,
    container_id: String,
}

impl ToJson for Published {
    fn write_json(&self, out: &mut String) {
        Object::new(out).member("id", &self.id).member("containerId", &self.container_id).end();
    }
}

fn progress(stage: &'static str, container_id: String, status_code: Option<&str>) -> Progress {
    Progress::Publish { stage, container_id, status_code: status_code.map(str::to_owned), status_calls: None, media_id: None }
}

fn processing(container_id: String, status_code: String, calls: u32) -> Progress {
    Progress::Publish { stage: "processing", container_id, status_code: Some(status_code), status_calls: Some(calls), media_id: None }
}

/// The flow's JSON result in the body's engine.
fn retype<B: Body>(action: Action<Published>) -> Action<B::Json> {
    match action.pending() {
        Ok(a) => a,
        Err(r) => Action::Done(r.and_then(|v| {
            let text = v.to_json();
            B::from_text(&text).parse().ok_or_else(|| crate::error::invalid_json(&text))
        })),
    }
}
