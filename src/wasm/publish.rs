//! `publish` (containers → polling → `media_publish`, with progress) and `uploadVideo`
//! (resumable upload, chunk by chunk, resuming from the server's offset). The decisions are
//! the core's (`publishing::plan_publish`, `container_state`, `retry::decide`); this file waits
//! and sends.

use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::spawn;

use super::client::{execute, InstagramClient, REQUEST_OPTIONS};
use super::convert::{self, string_arg, to_json, Bag};
use super::errors::{js_error, to_js, Failure};
use super::glue;
use super::transport::{send_raw, sleep, CallOptions, Shared};
use crate::endpoints::publishing::{self, ContainerState};
use crate::endpoints::upload;
use crate::error::Error;
use crate::retry::{decide, Decision};

/// Defaults of `publish`: poll every 5 s for up to 5 minutes (Meta: "no more than 5 minutes").
const POLL_INTERVAL_MS: f64 = 5_000.0;
const POLL_TIMEOUT_MS: f64 = 300_000.0;
/// Default upload chunk: 8 MiB.
const CHUNK_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

fn progress(cb: &Option<Function>, fields: serde_json::Value) -> Result<(), Failure> {
    let Some(f) = cb else { return Ok(()) };
    let arg = convert::parse(&fields.to_string())?;
    // A throw inside the callback ends the call with that very value.
    f.call1(&JsValue::UNDEFINED, &arg).map(|_| ()).map_err(Failure::thrown)
}

fn positive_ms(bag: &Bag, key: &str, default: f64) -> Result<u64, Error> {
    match bag.number(key)? {
        None => Ok(default as u64),
        Some(n) if n.is_finite() && n >= 0.0 => Ok(n as u64),
        Some(_) => Err(Error::invalid(format!("options.{key}"), "must be a number of milliseconds, 0 or more")),
    }
}

fn id_of(v: &JsValue, what: &str) -> Result<String, Failure> {
    Reflect::get(v, &"id".into())
        .ok()
        .and_then(|id| id.as_string())
        .ok_or_else(|| Failure::from(Error::decode("id", format!("the {what} response has no id"))))
}

struct Publisher {
    shared: Rc<Shared>,
    opts: CallOptions,
    ig_user_id: String,
    on_progress: Option<Function>,
    interval_ms: u64,
    timeout_ms: u64,
}

impl Publisher {
    async fn create(&self, params: crate::params::Params) -> Result<String, Failure> {
        let mut op = publishing::create_container(&self.ig_user_id, Some(&json!({})))?;
        op.params = params;
        let id = id_of(&execute(&self.shared, &op, &self.opts).await?, "container")?;
        progress(&self.on_progress, json!({ "stage": "creating", "containerId": id, "statusCode": null }))?;
        Ok(id)
    }

    async fn wait_finished(&self, container_id: &str) -> Result<(), Failure> {
        let started = glue::now();
        loop {
            let op = publishing::get_container(container_id, None)?;
            let body = execute(&self.shared, &op, &self.opts).await?;
            let value = to_json(&body, "container")?.unwrap_or_default();
            let state = publishing::container_state(&value)?;
            let code = value.get("status_code").cloned().unwrap_or_default();
            progress(&self.on_progress, json!({ "stage": "processing", "containerId": container_id, "statusCode": code }))?;
            match state {
                ContainerState::Finished | ContainerState::Published => return Ok(()),
                ContainerState::Failed { code, status } => {
                    return Err(Error::Publish { container_id: container_id.to_owned(), status_code: code, status }.into())
                }
                ContainerState::InProgress(code) => {
                    let waited = (glue::now() - started).max(0.0) as u64;
                    if waited + self.interval_ms > self.timeout_ms {
                        return Err(Error::PublishTimeout { container_id: container_id.to_owned(), waited_ms: waited, status_code: code }.into());
                    }
                    sleep(self.interval_ms, &self.opts.signal).await?;
                }
            }
        }
    }

    async fn run(&self, post: serde_json::Value) -> Result<JsValue, Failure> {
        let plan = publishing::plan_publish(Some(&post))?;
        let mut children = Vec::new();
        for child in plan.children {
            children.push(self.create(child).await?);
        }
        for id in &children {
            self.wait_finished(id).await?;
        }
        let mut parent = plan.parent;
        if !children.is_empty() {
            parent.set("children", children.join(","));
        }
        let container_id = self.create(parent).await?;
        self.wait_finished(&container_id).await?;
        progress(&self.on_progress, json!({ "stage": "publishing", "containerId": container_id, "statusCode": "FINISHED" }))?;
        let op = publishing::publish_container(&self.ig_user_id, &container_id)?;
        let media_id = id_of(&execute(&self.shared, &op, &self.opts).await?, "media_publish")?;
        progress(&self.on_progress, json!({ "stage": "published", "containerId": container_id, "statusCode": "PUBLISHED", "mediaId": media_id }))?;
        Ok(convert::parse(&json!({ "id": media_id, "containerId": container_id }).to_string())?)
    }
}

fn upload_failure(status: u16, text: &JsValue, shared: &Shared) -> Option<Error> {
    upload::upload_error(status, &text.as_string().unwrap_or_default(), shared.config.redactor())
}

async fn server_offset(shared: &Shared, container_id: &str, size: u64, opts: &CallOptions) -> Result<u64, Failure> {
    let req = upload::status_request(&shared.config, container_id)?;
    let (status, text, _) = send_raw(shared, &req, &JsValue::UNDEFINED, opts).await?;
    if let Some(e) = upload_failure(status, &text, shared) {
        return Err(e.into());
    }
    Ok(upload::server_offset(&text.as_string().unwrap_or_default(), size)?)
}

async fn upload(
    shared: Rc<Shared>,
    container_id: String,
    source: JsValue,
    opts: CallOptions,
    on_progress: Option<Function>,
) -> Result<JsValue, Failure> {
    let size = Reflect::get(&source, &"size".into()).ok().and_then(|s| s.as_f64()).unwrap_or(0.0) as u64;
    let chunk_fn: Function = Reflect::get(&source, &"chunk".into()).map_err(Failure::thrown)?.unchecked_into();
    let mut offset = server_offset(&shared, &container_id, size, &opts).await?;
    let mut failures = 0;
    let mut last = JsValue::NULL;
    while offset < size {
        let chunk = JsFuture::from(Promise::from(chunk_fn.call1(&source, &JsValue::from_f64(offset as f64)).map_err(Failure::thrown)?))
            .await
            .map_err(Failure::thrown)?;
        let len = glue::byte_length(&chunk) as u64;
        let req = upload::chunk_request(&shared.config, &container_id, offset, size)?;
        let error = match send_raw(&shared, &req, &chunk, &opts).await {
            Ok((status, text, _)) => match upload_failure(status, &text, &shared) {
                None => {
                    offset += len;
                    failures = 0;
                    last = text;
                    progress(&on_progress, json!({ "sentBytes": offset, "totalBytes": size }))?;
                    continue;
                }
                Some(e) => Failure::from(e),
            },
            Err(f) if matches!(f.error, Error::Aborted) => return Err(f),
            Err(f) => f,
        };
        // NB: the upload resumes from the offset the host reports, so a chunk is safe to re-send.
        let decision = decide(failures, &error.error, true, &opts.retry, glue::random());
        if let Decision::Retry { wait_ms } = decision {
            sleep(wait_ms, &opts.signal).await?;
        }
        // NB: resume from what the host holds. A refused chunk (an offset mismatch) gets one
        // re-sync; a host that holds no more than before means the failure is real.
        let known = server_offset(&shared, &container_id, size, &opts).await?;
        if failures >= opts.retry.max_retries || (known == offset && decision == Decision::Stop) {
            return Err(error);
        }
        failures += 1;
        offset = known;
    }
    match last.as_string() {
        Some(text) => Ok(convert::parse(&text)?),
        // NB: the host already held every byte (an upload resumed after it had finished): say
        // so, from what the host reported, rather than pretend a chunk was sent.
        None => {
            progress(&on_progress, json!({ "sentBytes": size, "totalBytes": size }))?;
            let message = format!("the upload host already holds all {size} bytes");
            Ok(convert::parse(&json!({ "success": true, "message": message }).to_string())?)
        }
    }
}

#[wasm_bindgen]
impl InstagramClient {
    /// The whole publishing flow; resolves to `{ id, containerId }`.
    pub fn publish(&self, ig_user_id: JsValue, post: JsValue, options: JsValue) -> Promise {
        let keys: Vec<&str> = REQUEST_OPTIONS.iter().copied().chain(["onProgress", "pollIntervalMs", "pollTimeoutMs"]).collect();
        let prepared = (|| {
            let ig_user_id = string_arg(&ig_user_id, "igUserId")?;
            crate::endpoints::node_id("igUserId", &ig_user_id)?;
            let post = to_json(&post, "post")?.unwrap_or_default();
            publishing::plan_publish(Some(&post))?;
            let bag = Bag::new(&options, "options", &keys)?;
            let publisher = Publisher {
                shared: self.shared(),
                opts: self.call_options_from(&bag)?,
                ig_user_id,
                on_progress: bag.function("onProgress")?.map(JsCast::unchecked_into),
                interval_ms: positive_ms(&bag, "pollIntervalMs", POLL_INTERVAL_MS)?,
                timeout_ms: positive_ms(&bag, "pollTimeoutMs", POLL_TIMEOUT_MS)?,
            };
            Ok::<_, Error>((publisher, post))
        })();
        spawn(async move {
            let (publisher, post) = prepared.map_err(js_error)?;
            // Container fields (ids, status texts) are copied into errors: redact them too.
            publisher.run(post).await.map_err(|f| to_js(f.redacted(publisher.shared.config.redactor())))
        })
    }

    /// Resumable upload of a video to a container created with `upload_type: "resumable"`.
    #[wasm_bindgen(js_name = uploadVideo)]
    pub fn upload_video(&self, container_id: JsValue, data: JsValue, options: JsValue) -> Promise {
        let keys: Vec<&str> = REQUEST_OPTIONS.iter().copied().chain(["onProgress", "chunkSize", "fileSize"]).collect();
        let prepared = (|| {
            let id = string_arg(&container_id, "containerId")?;
            crate::endpoints::node_id("containerId", &id)?;
            let bag = Bag::new(&options, "options", &keys)?;
            let chunk = match bag.number("chunkSize")? {
                None => CHUNK_BYTES,
                Some(n) if n.is_finite() && n >= 1.0 && n.fract() == 0.0 => n,
                Some(_) => return Err(Error::invalid("options.chunkSize", "must be a positive whole number of bytes")),
            };
            let file_size = bag.number("fileSize")?.unwrap_or(f64::NAN);
            let opts = self.call_options_from(&bag)?;
            let on_progress: Option<Function> = bag.function("onProgress")?.map(JsCast::unchecked_into);
            Ok((id, chunk, file_size, opts, on_progress))
        })();
        let shared = self.shared();
        spawn(async move {
            let (id, chunk, file_size, opts, on_progress) = prepared.map_err(js_error)?;
            let source = glue::upload_source(&data, file_size, chunk)?;
            let redactor = shared.config.redactor().clone();
            upload(shared, id, source, opts, on_progress).await.map_err(|f| to_js(f.redacted(&redactor)))
        })
    }
}

/// `captionStats(caption)` → `{ chars, hashtags, mentions, limits, over }`: the caption limits
/// `publish` checks, counted the same way, for forms that show them live.
#[wasm_bindgen(js_name = captionStats)]
pub fn caption_stats(caption: JsValue) -> Result<JsValue, JsValue> {
    let text = string_arg(&caption, "caption").map_err(js_error)?;
    let s = publishing::caption_stats(&text);
    let l = publishing::CAPTION_LIMITS;
    let over: Vec<&str> = [("chars", s.chars > l.chars), ("hashtags", s.hashtags > l.hashtags), ("mentions", s.mentions > l.mentions)]
        .into_iter()
        .filter_map(|(k, o)| o.then_some(k))
        .collect();
    let out = json!({ "chars": s.chars, "hashtags": s.hashtags, "mentions": s.mentions, "limits": l, "over": over });
    convert::parse(&out.to_string()).map_err(js_error)
}
