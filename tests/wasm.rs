//! wasm-bindgen tests of the fetch glue and the error mapping, run under Node and under
//! headless Chromium (scripts/test.sh). The fetch is injected: a JS function built here that
//! answers like the Graph API, hangs, or rejects.
#![cfg(target_arch = "wasm32")]

use instagram_graph::wasm::InstagramClient;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

/// A fetch that answers every request with `status` and `body` (and records the last URL and
/// init on `globalThis.__last`).
fn fetch_answering(status: u16, body: &str, headers: &str) -> Function {
    Function::new_with_args(
        "url, init",
        &format!(
            "globalThis.__last = {{ url, init }}; return Promise.resolve(new Response({body:?}, {{ status: {status}, headers: {headers} }}));"
        ),
    )
}

fn client(fetch: &Function, extra: &str) -> InstagramClient {
    let opts = js_sys::eval(&format!("({{ accessToken: 'SECRET-TOKEN', maxRetries: 0 {extra} }})")).unwrap();
    Reflect::set(&opts, &"fetch".into(), fetch).unwrap();
    InstagramClient::new(opts).unwrap()
}

/// `client.listUserMedia(id, params, options)`: the typed method is `_op` with its registry index.
fn list_user_media(c: &InstagramClient, id: &str, params: JsValue) -> Promise {
    let index = instagram_graph::registry::OPERATIONS.iter().position(|o| o.name == "listUserMedia").unwrap();
    c.op(JsValue::from(index as u32), id.into(), params, JsValue::UNDEFINED, JsValue::UNDEFINED)
}

async fn settle(p: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn class_name(v: &JsValue) -> String {
    get(&get(v, "constructor"), "name").as_string().unwrap()
}

#[wasm_bindgen_test]
async fn success_is_a_plain_object_and_the_request_is_exact() {
    let f = fetch_answering(200, r#"{"data":[{"id":"1"}],"paging":{"cursors":{"after":"A"}}}"#, "{}");
    let c = client(&f, "");
    let page = settle(list_user_media(&c, "17841405822304914", js_sys::eval("({ limit: 1, fields: ['id'] })").unwrap())).await.unwrap();
    assert!(Object::get_prototype_of(&page) == Object::get_prototype_of(&Object::new().into()));
    let last = js_sys::eval("globalThis.__last").unwrap();
    assert_eq!(
        get(&last, "url").as_string().unwrap(),
        "https://graph.facebook.com/v27.0/17841405822304914/media?fields=id&limit=1&access_token=SECRET-TOKEN"
    );
    let init = get(&last, "init");
    assert_eq!(get(&init, "method").as_string().unwrap(), "GET");
    assert!(get(&init, "body").is_undefined());
    assert!(get(&init, "credentials").is_undefined());
}

#[wasm_bindgen_test]
async fn graph_errors_map_to_their_classes() {
    let cases = [
        (r#"{"error":{"message":"bad token SECRET-TOKEN","code":190,"type":"OAuthException","fbtrace_id":"T"}}"#, "AuthError"),
        (r#"{"error":{"message":"no","code":10}}"#, "PermissionError"),
        (r#"{"error":{"message":"slow down","code":17}}"#, "RateLimitError"),
        (r#"{"error":{"message":"bad param","code":100,"error_subcode":33}}"#, "GraphApiError"),
        ("<html>", "GraphApiError"),
    ];
    for (body, class) in cases {
        let c = client(&fetch_answering(400, body, "{}"), "");
        let err = settle(c.get("me".into(), JsValue::UNDEFINED, JsValue::UNDEFINED)).await.unwrap_err();
        assert_eq!(class_name(&err), class, "{body}");
        assert_eq!(get(&err, "name").as_string().unwrap(), class);
        assert_eq!(get(&err, "status").as_f64(), Some(400.0));
        let message = get(&err, "message").as_string().unwrap();
        assert!(!message.contains("SECRET-TOKEN"), "{message}");
        let stack = get(&err, "stack").as_string().unwrap_or_default();
        assert!(!stack.contains("SECRET-TOKEN"));
    }
}

#[wasm_bindgen_test]
async fn decode_errors_name_the_path() {
    let c = client(&fetch_answering(200, r#"{"data":"nope"}"#, "{}"), "");
    let err = settle(list_user_media(&c, "1", JsValue::UNDEFINED)).await.unwrap_err();
    assert_eq!(class_name(&err), "DecodeError");
    assert_eq!(get(&err, "path").as_string().unwrap(), "data");
    let c = client(&fetch_answering(200, r#"{"id":"1","#, "{}"), "");
    let err = settle(c.get("me".into(), JsValue::UNDEFINED, JsValue::UNDEFINED)).await.unwrap_err();
    assert_eq!(class_name(&err), "DecodeError");
}

#[wasm_bindgen_test]
async fn usage_headers_reach_rate_limit() {
    let headers = r#"{ "x-app-usage": '{"call_count":7,"total_time":2,"total_cputime":3}', "x-business-use-case-usage": 'nonsense' }"#;
    let c = client(&fetch_answering(200, r#"{"id":"1"}"#, headers), "");
    assert!(c.rate_limit().is_null());
    settle(c.get("me".into(), JsValue::UNDEFINED, JsValue::UNDEFINED)).await.unwrap();
    let rl = c.rate_limit();
    assert_eq!(get(&get(&rl, "app"), "call_count").as_f64(), Some(7.0));
    assert!(get(&rl, "businessUseCase").is_undefined());
}

#[wasm_bindgen_test]
async fn rejected_fetch_is_a_connection_error_with_its_cause() {
    let f = Function::new_with_args("url, init", "return Promise.reject(new TypeError('Failed to fetch'))");
    let c = client(&f, "");
    let err = settle(c.get("me".into(), JsValue::UNDEFINED, JsValue::UNDEFINED)).await.unwrap_err();
    assert_eq!(class_name(&err), "ConnectionError");
    assert_eq!(get(&get(&err, "cause"), "message").as_string().unwrap(), "Failed to fetch");
}

#[wasm_bindgen_test]
async fn a_hanging_fetch_times_out_and_an_abort_wins() {
    // A fetch that settles only when its signal aborts, like a real one.
    let hang = Function::new_with_args(
        "url, init",
        "return new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason ?? new DOMException('aborted', 'AbortError'))))",
    );
    let c = client(&hang, ", timeoutMs: 30");
    let err = settle(c.get("me".into(), JsValue::UNDEFINED, JsValue::UNDEFINED)).await.unwrap_err();
    assert_eq!(class_name(&err), "TimeoutError");

    let c = client(&hang, "");
    let ac = web_abort_controller();
    let opts = Object::new();
    Reflect::set(&opts, &"signal".into(), &get(&ac, "signal")).unwrap();
    let p = c.get("me".into(), JsValue::UNDEFINED, opts.into());
    let abort: Function = get(&ac, "abort").unchecked_into();
    abort.call1(&ac, &JsValue::from_str("stop")).unwrap();
    let err = settle(p).await.unwrap_err();
    assert_eq!(class_name(&err), "AbortError");
    assert_eq!(get(&err, "cause").as_string().unwrap(), "stop");
}

fn web_abort_controller() -> JsValue {
    js_sys::eval("new AbortController()").unwrap()
}

#[wasm_bindgen_test]
fn bad_options_throw_type_errors() {
    let err = InstagramClient::new(js_sys::eval("({ accessToken: 't', apiVersion: 'latest' })").unwrap()).err().unwrap();
    assert!(err.is_instance_of::<js_sys::TypeError>());
    assert!(get(&err, "message").as_string().unwrap().starts_with("apiVersion:"));
}
