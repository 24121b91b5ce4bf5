//! `InstagramClient`: the exported class. Each method validates its arguments into a core
//! [`Operation`] and hands it, as a core flow, to the one driver (glue.js `drive`, through
//! [`FlowHandle`]). The typed methods are expanded from the registry (exports.rs).

use std::rc::Rc;

use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::{self, string_arg, to_json, Bag};
use super::errors::js_error;
use super::flow::FlowHandle;
use super::transport::{CallOptions, Shared};
use crate::config::{number, Config, Login, Number, Options};
use crate::endpoints::{self, batch, Operation};
use crate::error::Error;
use crate::flow::Batch;
use crate::http::Method;
use crate::json::{Map, Object, ToJson, Value};
use crate::options::{ClientOptions, PageTokenOptions, RequestOptions};

/// A client for the Instagram Graph API (Facebook Login).
#[wasm_bindgen]
pub struct InstagramClient {
    shared: Rc<Shared>,
}

/// Whether this looks like a browser page (a `window` or `document` global).
pub(crate) fn in_browser_page() -> bool {
    let g = js_sys::global();
    ["window", "document"].iter().any(|k| Reflect::get(&g, &JsValue::from_str(k)).is_ok_and(|v| !v.is_undefined()))
}

impl InstagramClient {
    pub(crate) fn shared(&self) -> Rc<Shared> {
        self.shared.clone()
    }

    pub(crate) fn call_options(&self, options: &JsValue) -> Result<CallOptions, Error> {
        self.call_options_from(&Bag::new(options, "options", &RequestOptions.keys())?)
    }

    /// `RequestOptions` out of a bag that may hold more keys (publish, upload).
    pub(crate) fn call_options_from(&self, bag: &Bag) -> Result<CallOptions, Error> {
        let config = &self.shared.config;
        let timeout_ms = number("options.timeoutMs", bag.number("timeoutMs")?, Number::Millis(1))?.unwrap_or(config.timeout_ms);
        let mut retry = config.retry;
        if let Some(n) = number("options.maxRetries", bag.number("maxRetries")?, Number::Whole(0))? {
            retry.max_retries = n.min(100) as u32;
        }
        Ok(CallOptions { signal: bag.signal("signal")?.unwrap_or(JsValue::UNDEFINED), timeout_ms, retry })
    }

    /// Run an operation (of the typed method `name`, if any): a Promise of its result.
    pub(crate) fn run(&self, name: Option<&'static str>, op: Result<Operation, Error>, options: &JsValue) -> Promise {
        self.run_prepared(name, op.and_then(|op| Ok((op, self.call_options(options)?))))
    }

    /// Run an operation with its call options: a Promise of its result.
    fn run_prepared(&self, name: Option<&'static str>, prepared: Result<(Operation, CallOptions), Error>) -> Promise {
        match prepared {
            Ok((op, opts)) => FlowHandle::call(self.shared.clone(), Operation { name, ..op }, opts).run(),
            Err(e) => Promise::reject(&js_error(e)),
        }
    }

    /// Run a call made with a Page token: `options` is `RequestOptions` plus `pageAccessToken`
    /// (required with Facebook Login; with Instagram Login the client's own token serves).
    pub(crate) fn run_with_page_token(
        &self,
        name: &'static str,
        options: &JsValue,
        op: &dyn Fn(Option<&str>) -> Result<Operation, Error>,
    ) -> Promise {
        self.run_prepared(Some(name), self.with_page_token(options, op))
    }

    /// The `iter…` twin of a list made with a Page token.
    pub(crate) fn iterate_with_page_token(
        &self,
        name: &'static str,
        options: &JsValue,
        op: &dyn Fn(Option<&str>) -> Result<Operation, Error>,
    ) -> Result<JsValue, JsValue> {
        self.iterate_prepared(Some(name), self.with_page_token(options, op))
    }

    /// An operation built with the `pageAccessToken` option (`dyn`: one copy for every method).
    fn with_page_token(
        &self,
        options: &JsValue,
        op: &dyn Fn(Option<&str>) -> Result<Operation, Error>,
    ) -> Result<(Operation, CallOptions), Error> {
        let bag = Bag::new(options, "options", &PageTokenOptions.keys())?;
        let token = bag.string("pageAccessToken")?;
        let token = match self.shared.config.login {
            Login::Facebook => Some(token.unwrap_or_default()),
            Login::Instagram => token,
        };
        Ok((op(token.as_deref())?, self.call_options_from(&bag)?))
    }

    /// Refuse an operation the client's login flavour does not offer (before any request).
    pub(crate) fn offered(&self, method: &str) -> Result<(), Error> {
        crate::registry::check_offered(method, self.shared.config.login)
    }

    /// An async iterator over every item of a list operation (of the typed list `name`, if any;
    /// glue.js `Paginator`).
    pub(crate) fn iterate(&self, name: Option<&'static str>, op: Result<Operation, Error>, options: &JsValue) -> Result<JsValue, JsValue> {
        self.iterate_prepared(name, op.and_then(|op| Ok((op, self.call_options(options)?))))
    }

    fn iterate_prepared(&self, name: Option<&'static str>, prepared: Result<(Operation, CallOptions), Error>) -> Result<JsValue, JsValue> {
        let (op, opts) = prepared.map_err(js_error)?;
        Ok(FlowHandle::pages(self.shared.clone(), Operation { name, ..op }, opts).paginator())
    }
}

pub(crate) fn params_json(v: &JsValue) -> Result<Option<Value>, Error> {
    to_json(v, "params")
}

#[wasm_bindgen]
impl InstagramClient {
    /// Create a client. Throws a `TypeError` naming the option at fault.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<InstagramClient, JsValue> {
        Self::create(&options).map_err(js_error)
    }

    fn create(options: &JsValue) -> Result<InstagramClient, Error> {
        if options.is_undefined() || options.is_null() {
            return Err(Error::invalid("options", "are required: new InstagramClient({ accessToken })"));
        }
        let bag = Bag::new(options, "", &ClientOptions.keys())?;
        let app_secret = bag.string("appSecret")?;
        if app_secret.is_some() && in_browser_page() && bag.boolean("allowAppSecretInBrowser")? != Some(true) {
            return Err(Error::invalid(
                "appSecret",
                "must not be used in a browser page, where anyone can read it; keep it on a server or edge function (or pass allowAppSecretInBrowser: true)",
            ));
        }
        let config = Config::new(Options {
            access_token: bag.string("accessToken")?,
            app_secret,
            api_version: bag.string("apiVersion")?,
            base_url: bag.string("baseUrl")?,
            upload_base_url: bag.string("uploadBaseUrl")?,
            timeout_ms: bag.number("timeoutMs")?,
            max_retries: bag.number("maxRetries")?,
            max_retry_wait_ms: bag.number("maxRetryWaitMs")?,
            login: Login::parse("login", bag.string("login")?.as_deref())?,
            auth_base_url: None,
        })?;
        let fetch = bag.function("fetch")?.unwrap_or(JsValue::UNDEFINED);
        Ok(InstagramClient { shared: Rc::new(Shared::new(config, fetch)) })
    }

    /// The usage seen on the latest response (`null` before the first).
    #[wasm_bindgen(getter, js_name = rateLimit)]
    pub fn rate_limit(&self) -> JsValue {
        match &*self.shared.rate_limit.borrow() {
            None => JsValue::NULL,
            Some(r) => convert::parse(&r.to_json()).unwrap_or(JsValue::NULL),
        }
    }

    /// The API version in use (`"v27.0"`).
    #[wasm_bindgen(getter, js_name = apiVersion)]
    pub fn api_version(&self) -> String {
        self.shared.config.api_version.clone()
    }

    /// `GET {path}`.
    pub fn get(&self, path: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(None, generic(Method::Get, &path, &params), &options)
    }

    /// `POST {path}` with a form body.
    pub fn post(&self, path: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(None, generic(Method::Post, &path, &params), &options)
    }

    /// `DELETE {path}`.
    pub fn delete(&self, path: JsValue, params: JsValue, options: JsValue) -> Promise {
        self.run(None, generic(Method::Delete, &path, &params), &options)
    }

    /// Every item of every page of the list at `path`.
    #[wasm_bindgen(unchecked_return_type = "Paginator")]
    pub fn paginate(&self, path: JsValue, params: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let op = string_arg(&path, "path").and_then(|p| endpoints::generic_list(&p, params_json(&params)?.as_ref()));
        self.iterate(None, op, &options)
    }

    /// Several calls in one or more batch requests (50 per request); one result per request.
    pub fn batch(&self, requests: JsValue, options: JsValue) -> Promise {
        let prepared = to_json(&requests, "requests")
            .and_then(|v| batch::parse_requests(&v.unwrap_or(Value::Null)))
            .and_then(|items| Ok((items, self.call_options(&options)?)));
        match prepared {
            Ok((items, opts)) => {
                let flow = Batch::new(items, opts.retry);
                let to_js = |results: Vec<batch::ItemResult>| {
                    Ok(results.into_iter().enumerate().map(|(i, r)| item_to_js(i, r)).collect::<Array>().into())
                };
                FlowHandle::new(self.shared.clone(), opts, flow, to_js).run()
            }
            Err(e) => Promise::reject(&js_error(e)),
        }
    }
}

fn generic(method: Method, path: &JsValue, params: &JsValue) -> Result<Operation, Error> {
    let path = string_arg(path, "path")?;
    endpoints::generic(method, &path, params_json(params)?.as_ref())
}

fn item_to_js(index: usize, r: batch::ItemResult) -> JsValue {
    match r {
        batch::ItemResult::Ok { status, headers, body } => {
            let headers: Map<String> = headers.into_iter().collect();
            let mut text = String::new();
            Object::new(&mut text).member("body", &body).member("headers", &headers).member("status", &status).end();
            convert::parse(&text).unwrap_or(JsValue::NULL)
        }
        batch::ItemResult::Err(e) => js_error(e),
        batch::ItemResult::Null => super::errors::batch_item_timeout(index),
    }
}
