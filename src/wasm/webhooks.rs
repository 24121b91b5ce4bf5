//! `webhooks.*`: the subscription challenge, the `X-Hub-Signature-256` check, the payload
//! parser and a Fetch-API handler, over the core's [`crate::webhook`]. The HMAC is the
//! platform's own synchronous one where there is one (`node:crypto` in Node, and in Workers with
//! `nodejs_compat`: glue.js `platformHmac`), else the core's (WebCrypto is asynchronous, and
//! `verifySignature` is not).

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::spawn;

use super::convert::Bag;
use super::errors::js_error;
use super::glue::{self, read_body, text_response};
use crate::encoding::query_param;
use crate::error::Error;
use crate::webhook;

/// The default `maxBodyBytes` of `webhooks.handle`: 1 MiB.
const DEFAULT_MAX_BODY: f64 = 1_048_576.0;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `target[method](arg)`: `Ok(None)` when there is no such method; a TypeError naming `name`
/// when it throws.
fn call1(target: &JsValue, method: &str, arg: &JsValue, name: &str) -> Result<Option<JsValue>, Error> {
    let f = Reflect::get(target, &JsValue::from_str(method)).map_err(|_| Error::invalid(name, format!("its `{method}` cannot be read")))?;
    if !f.is_function() {
        return Ok(None);
    }
    f.unchecked_into::<Function>().call1(target, arg).map(Some).map_err(|_| Error::invalid(name, format!("its `{method}()` threw")))
}

/// One `hub.*` parameter from a URL, URLSearchParams, query string or plain object (PHP-style
/// `hub_mode` keys accepted too).
fn hub_param(query: &JsValue, name: &str) -> Result<Option<String>, Error> {
    if let Some(text) = query.as_string() {
        let q = text.split_once('?').map_or(text.as_str(), |(_, q)| q);
        return Ok(query_param(&format!("?{q}"), &format!("hub.{name}")));
    }
    if !query.is_object() {
        return Ok(None);
    }
    let read = |v: &JsValue, k: &str| {
        Reflect::get(v, &JsValue::from_str(k)).map_err(|_| Error::invalid("query", "cannot be read (a getter or Proxy trap threw)"))
    };
    let search = read(query, "searchParams")?;
    let source = if search.is_object() { search } else { query.clone() };
    if let Some(v) = call1(&source, "get", &JsValue::from_str(&format!("hub.{name}")), "query")? {
        return Ok(v.as_string());
    }
    Ok(read(&source, &format!("hub.{name}"))?.as_string().or(read(&source, &format!("hub_{name}"))?.as_string()))
}

/// The raw body as bytes: a `Uint8Array` (or any view), an `ArrayBuffer`, or a string (UTF-8).
fn body_bytes(v: &JsValue) -> Result<Vec<u8>, Error> {
    if let Some(s) = v.as_string() {
        return Ok(s.into_bytes());
    }
    Ok(view_of(v)?.to_vec())
}

/// A copy of a buffer's or view's bytes (glue.js reads them, so a detached buffer or a lying
/// view is a TypeError rather than an exception inside wasm).
fn view_of(v: &JsValue) -> Result<Uint8Array, Error> {
    let bytes = glue::bytes_of(v).map_err(|e| Error::invalid("rawBody", get(&e, "message").as_string().unwrap_or_default()))?;
    if bytes.is_null() {
        return Err(Error::invalid("rawBody", "must be a Uint8Array, an ArrayBuffer or a string"));
    }
    Ok(bytes.unchecked_into())
}

fn secret(v: &JsValue, name: &str) -> Result<String, Error> {
    match v.as_string() {
        Some(s) if !s.is_empty() => Ok(s),
        _ => Err(Error::invalid(name, "must be a non-empty string")),
    }
}

/// `webhooks.verifySubscription(query, verifyToken)` → the challenge, or `null`.
#[wasm_bindgen(js_name = webhooksVerifySubscription, skip_typescript)]
pub fn verify_subscription(query: JsValue, verify_token: JsValue) -> Result<JsValue, JsValue> {
    (|| {
        let expected = secret(&verify_token, "verifyToken")?;
        let challenge = webhook::verify_subscription(
            hub_param(&query, "mode")?.as_deref(),
            hub_param(&query, "verify_token")?.as_deref(),
            hub_param(&query, "challenge")?.as_deref(),
            &expected,
        );
        Ok(challenge.map_or(JsValue::NULL, |c| JsValue::from_str(&c)))
    })()
    .map_err(js_error)
}

/// `webhooks.verifySignature(rawBody, signatureHeader, appSecret)` → boolean.
#[wasm_bindgen(js_name = webhooksVerifySignature, skip_typescript)]
pub fn verify_signature(raw_body: JsValue, header: JsValue, app_secret: JsValue) -> Result<bool, JsValue> {
    let secret = secret(&app_secret, "appSecret").map_err(js_error)?;
    Ok(webhook::signature_matches(header.as_string().as_deref(), &hmac(&secret, &app_secret, &raw_body, None).map_err(js_error)?))
}

/// The HMAC-SHA256 of a raw body (a string, a buffer or a view) keyed by `secret`: by the
/// platform's crypto on the caller's value when there is one and the body is 1 KB or more
/// (glue.js `platformHmac` says why; 2 KB in Node: 6.3 µs instead of 7.9, 8 KB: 9 instead of
/// 24, and no copy into wasm), else by the core's on a copy of the bytes.
/// (`js_secret` is the caller's string of `secret`, handed back without a copy; `bytes`, the
/// body's bytes when the caller has copied them already.)
fn hmac(secret: &str, js_secret: &JsValue, raw_body: &JsValue, bytes: Option<&[u8]>) -> Result<[u8; 32], Error> {
    if let Ok(Some(digest)) = glue::platform_hmac(js_secret, raw_body) {
        let mut out = [0u8; 32];
        if digest.length() == 32 {
            digest.copy_to(&mut out);
            return Ok(out);
        }
    }
    Ok(match bytes {
        Some(b) => crate::crypto::hmac_sha256(secret.as_bytes(), b),
        None => crate::crypto::hmac_sha256(secret.as_bytes(), &body_bytes(raw_body)?),
    })
}

/// `webhooks.sign(rawBody, appSecret)` → `"sha256=…"`, for users' own tests.
#[wasm_bindgen(js_name = webhooksSign, skip_typescript)]
pub fn sign(raw_body: JsValue, app_secret: JsValue) -> Result<String, JsValue> {
    let secret = secret(&app_secret, "appSecret").map_err(js_error)?;
    Ok(webhook::signature_header(&hmac(&secret, &app_secret, &raw_body, None).map_err(js_error)?))
}

#[wasm_bindgen]
extern "C" {
    /// The engine's `JSON.parse` of a text in wasm memory (decoded and parsed in one crossing).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

/// The result of `parse` from the raw bytes: the core writes it as JSON text in one pass
/// ([`webhook::parse_to_json`]) and the engine's `JSON.parse` builds it, one crossing for the
/// whole delivery.
fn parse_bytes(bytes: &[u8], login: webhook::Login) -> Result<JsValue, Error> {
    let text = webhook::parse_to_json(bytes, login)?;
    json_parse(&text).map_err(|_| Error::decode("", "the parsed delivery could not be handed to JavaScript"))
}

/// The `login` option of `parse` and `handle` (which flavour's app the delivery came to).
fn login_of(bag: &Bag) -> Result<webhook::Login, Error> {
    webhook::Login::parse("options.login", bag.string("login")?.as_deref())
}

/// `webhooks.parse(rawBody, { login? })` → `{ object, entries: [{ id, time, events: [{ field, value }] }] }`.
#[wasm_bindgen(js_name = webhooksParse, skip_typescript)]
pub fn parse(raw_body: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    (|| {
        let login = login_of(&Bag::new(&options, "options", &crate::options::LoginOptions.keys())?)?;
        parse_bytes(&body_bytes(&raw_body)?, login)
    })()
    .map_err(js_error)
}

/// `webhooks.handle(request, { appSecret, verifyToken, onEvents, maxBodyBytes? })` →
/// `Promise<Response>`.
#[wasm_bindgen(js_name = webhooksHandle, skip_typescript)]
pub fn handle(request: JsValue, options: JsValue) -> Promise {
    let prepared = (|| {
        let bag = Bag::new(&options, "options", &crate::options::WebhookHandlerOptions.keys())?;
        let login = login_of(&bag)?;
        let app_secret = bag.string("appSecret")?.filter(|s| !s.is_empty());
        let verify_token = bag.string("verifyToken")?.filter(|s| !s.is_empty());
        let on_events = bag.function("onEvents")?;
        let on_error = bag.function("onError")?;
        let max = crate::config::number("options.maxBodyBytes", bag.number("maxBodyBytes")?, crate::config::Number::Whole(0))?
            .map_or(DEFAULT_MAX_BODY, |n| n as f64);
        if !request.is_object() || get(&request, "method").as_string().is_none() {
            return Err(Error::invalid("request", "must be a Fetch API Request"));
        }
        Ok((app_secret, verify_token, on_events, on_error, max, login))
    })();
    spawn(async move {
        let (app_secret, verify_token, on_events, on_error, max, login) = prepared.map_err(js_error)?;
        let method = get(&request, "method").as_string().unwrap_or_default();
        match method.as_str() {
            "GET" => {
                let Some(token) = verify_token else {
                    return Err(js_error(Error::invalid("options.verifyToken", "is required to answer GET verification requests")));
                };
                let url = get(&request, "url");
                let param = |k| hub_param(&url, k).map_err(js_error);
                let challenge = webhook::verify_subscription(
                    param("mode")?.as_deref(),
                    param("verify_token")?.as_deref(),
                    param("challenge")?.as_deref(),
                    &token,
                );
                Ok(match challenge {
                    Some(c) => text_response(200, &c, None),
                    None => text_response(403, "verification failed", None),
                })
            }
            "POST" => {
                let Some(secret) = app_secret else {
                    return Err(js_error(Error::invalid("options.appSecret", "is required to check signatures")));
                };
                let Some(on_events) = on_events.map(JsCast::unchecked_into::<Function>) else {
                    return Err(js_error(Error::invalid("options.onEvents", "is required to receive events")));
                };
                let body = JsFuture::from(read_body(&request, max))
                    .await
                    .map_err(|_| js_error(Error::invalid("request", "its body cannot be read (already used, or its stream failed)")))?;
                if body.is_null() {
                    return Ok(text_response(413, "payload too large", None));
                }
                let header = call1(&get(&request, "headers"), "get", &JsValue::from_str("x-hub-signature-256"), "request.headers")
                    .map_err(js_error)?;
                // One copy into wasm, for the parse (and the HMAC, when the platform's is not used).
                let bytes = Uint8Array::new(&body).to_vec();
                if !webhook::signature_matches(
                    header.and_then(|h| h.as_string()).as_deref(),
                    &hmac(&secret, &JsValue::from_str(&secret), &body, Some(&bytes)).map_err(js_error)?,
                ) {
                    return Ok(text_response(401, "invalid signature", None));
                }
                let parsed = match parse_bytes(&bytes, login) {
                    Ok(p) => p,
                    Err(_) => return Ok(text_response(400, "malformed payload", None)),
                };
                let outcome = match on_events.call1(&JsValue::UNDEFINED, &parsed) {
                    Ok(ret) => JsFuture::from(glue::settle(&ret)).await.map(|_| ()),
                    Err(e) => Err(e),
                };
                match outcome {
                    Ok(()) => Ok(text_response(200, "ok", None)),
                    Err(e) => {
                        // NB: a 500 makes Meta redeliver; the error still reaches the caller's onError.
                        // An onError that throws too: both reach the console, nothing is lost.
                        let reported = on_error.is_some_and(|f| f.unchecked_into::<Function>().call1(&JsValue::UNDEFINED, &e).is_ok());
                        if !reported {
                            let _ = call1(&get(&js_sys::global(), "console"), "error", &e, "console");
                        }
                        Ok(text_response(500, "event handler failed", None))
                    }
                }
            }
            _ => Ok(text_response(405, "method not allowed", Some("GET, POST".to_owned()))),
        }
    })
}
