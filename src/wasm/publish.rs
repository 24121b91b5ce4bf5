//! `publish` and `uploadVideo`: their options read here, their conversations run as the core's
//! [`Publish`] and [`Upload`] flows.

use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::client::InstagramClient;
use super::convert::{self, string_arg, to_json, Bag};
use super::errors::js_error;
use super::flow::{FlowHandle, JsBody};
use super::glue;
use crate::config::{number, Number};
use crate::endpoints::publishing;
use crate::error::Error;
use crate::flow::{HostedUpload, Publish, PublishSettings, Upload};
use crate::json::Object;
use crate::options::{HostedVideo, PublishOptions, UploadOptions};

/// Default upload chunk: 8 MiB.
const CHUNK_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

fn ms(bag: &Bag, key: &str) -> Result<Option<u64>, Error> {
    number(&format!("options.{key}"), bag.number(key)?, Number::Millis(0))
}

/// The whole publishing flow; resolves to `{ id, containerId }`.
pub fn publish(client: &InstagramClient, ig_user_id: JsValue, post: JsValue, options: JsValue) -> Promise {
    let prepared = (|| {
        let ig_user_id = string_arg(&ig_user_id, "igUserId")?;
        let post = to_json(&post, "post")?.unwrap_or_default();
        let bag = Bag::new(&options, "options", &PublishOptions.keys())?;
        let opts = client.call_options_from(&bag)?;
        let settings = PublishSettings {
            poll_interval_ms: ms(&bag, "pollIntervalMs")?,
            poll_timeout_ms: ms(&bag, "pollTimeoutMs")?.unwrap_or(crate::flow::POLL_TIMEOUT_MS),
        };
        let flow = Publish::new(&ig_user_id, &post, settings, opts.retry)?;
        let on_progress = bag.function("onProgress")?.unwrap_or(JsValue::UNDEFINED);
        Ok::<_, Error>(FlowHandle::new(client.shared(), opts, flow, Ok).with_hooks(on_progress, JsValue::UNDEFINED))
    })();
    match prepared {
        Ok(flow) => flow.run(),
        Err(e) => Promise::reject(&js_error(e)),
    }
}

/// Resumable upload of a video to a container created with `upload_type: "resumable"`: its
/// bytes, or (`data` a plain object, `{ fileUrl }`) the URL the upload host fetches it from.
pub fn upload_video(client: &InstagramClient, container_id: JsValue, data: JsValue, options: JsValue) -> Promise {
    if is_plain_object(&data) {
        return upload_hosted(client, &container_id, &data, &options);
    }
    let prepared = (|| {
        let id = string_arg(&container_id, "containerId")?;
        crate::endpoints::node_id("containerId", &id)?;
        let bag = Bag::new(&options, "options", &UploadOptions.keys())?;
        let chunk = match bag.number("chunkSize")? {
            None => CHUNK_BYTES,
            Some(n) if n.is_finite() && n >= 1.0 && n.fract() == 0.0 => n,
            Some(_) => return Err(Error::invalid("options.chunkSize", "must be a positive whole number of bytes")),
        };
        let file_size = bag.number("fileSize")?.unwrap_or(f64::NAN);
        let opts = client.call_options_from(&bag)?;
        let on_progress = bag.function("onProgress")?.unwrap_or(JsValue::UNDEFINED);
        Ok((id, chunk, file_size, opts, on_progress))
    })();
    let (id, chunk, file_size, opts, on_progress) = match prepared {
        Ok(p) => p,
        Err(e) => return Promise::reject(&js_error(e)),
    };
    let source = match glue::upload_source(&data, file_size, chunk) {
        Ok(s) => s,
        Err(e) => return Promise::reject(&e),
    };
    let size = Reflect::get(&source, &"size".into()).ok().and_then(|s| s.as_f64()).unwrap_or(0.0) as u64;
    match Upload::<JsBody>::new(&id, size, opts.retry) {
        Ok(flow) => FlowHandle::new(client.shared(), opts, flow, Ok).with_hooks(on_progress, source).run(),
        Err(e) => Promise::reject(&js_error(e)),
    }
}

/// An object literal (its prototype `Object.prototype` or `null`): not bytes, a Blob or a stream.
fn is_plain_object(v: &JsValue) -> bool {
    if !v.is_object() || glue::is_array(v).unwrap_or(true) {
        return false;
    }
    let object_prototype = Reflect::get_prototype_of(&js_sys::Object::new()).map(JsValue::from);
    match (Reflect::get_prototype_of(v).map(JsValue::from), object_prototype) {
        (Ok(p), Ok(object)) => p.is_null() || p == object,
        _ => false,
    }
}

/// `uploadVideo(containerId, { fileUrl })`: the upload host fetches the video itself.
fn upload_hosted(client: &InstagramClient, container_id: &JsValue, data: &JsValue, options: &JsValue) -> Promise {
    let prepared = (|| {
        let id = string_arg(container_id, "containerId")?;
        let file_url = Bag::new(data, "data", &HostedVideo.keys())?
            .string("fileUrl")?
            .ok_or_else(|| Error::invalid("data.fileUrl", "is required: the URL of a video online (or pass the video's bytes as data)"))?;
        let flow = HostedUpload::new(&id, &file_url, &client.shared().config)?;
        Ok::<_, Error>((flow, client.call_options(options)?))
    })();
    match prepared {
        Ok((flow, opts)) => FlowHandle::new(client.shared(), opts, flow, Ok).run(),
        Err(e) => Promise::reject(&js_error(e)),
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
    // Members in name order, as this result has always been written.
    let mut out = String::new();
    Object::new(&mut out)
        .member("chars", &s.chars)
        .member("hashtags", &s.hashtags)
        .member("limits", &l)
        .member("mentions", &s.mentions)
        .member("over", &over)
        .end();
    convert::parse(&out).map_err(js_error)
}
