//! `oauth.*`: the login dialog URL, the code and long-lived token exchanges, `/debug_token`
//! and the permissions each typed operation needs.

use super::spawn;
use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::client::{in_browser_page, REQUEST_OPTIONS};
use super::convert::{self, to_json, Bag};
use super::driver;
use super::errors::{js_error, to_js};
use super::transport::{CallOptions, Shared};
use crate::config::{Config, Options};
use crate::endpoints::oauth::{self, LoginUrl};
use crate::endpoints::Operation;
use crate::error::Error;

fn required(bag: &Bag, key: &str) -> Result<String, Error> {
    bag.string(key)?.ok_or_else(|| Error::invalid(key, "is required"))
}

/// Run an app-level operation with `clientOptions` (`baseUrl`, `apiVersion`, `fetch`, and the
/// request options).
fn run_app(op: Result<Operation, Error>, app_secret: Option<String>, client_options: &JsValue) -> Promise {
    let keys: Vec<&str> =
        ["baseUrl", "apiVersion", "fetch", "allowAppSecretInBrowser"].into_iter().chain(REQUEST_OPTIONS.iter().copied()).collect();
    let prepared = (|| {
        let op = op?;
        let bag = Bag::new(client_options, "clientOptions", &keys)?;
        if app_secret.is_some() && in_browser_page() && bag.boolean("allowAppSecretInBrowser")? != Some(true) {
            return Err(Error::invalid(
                "appSecret",
                "must not be used in a browser page, where anyone can read it; call oauth from a server or edge function",
            ));
        }
        let config = Config::for_app(Options {
            app_secret,
            api_version: bag.string("apiVersion")?,
            base_url: bag.string("baseUrl")?,
            timeout_ms: bag.number("timeoutMs")?,
            max_retries: bag.number("maxRetries")?,
            ..Options::default()
        })?;
        let opts =
            CallOptions { signal: bag.signal("signal")?.unwrap_or(JsValue::UNDEFINED), timeout_ms: config.timeout_ms, retry: config.retry };
        let fetch = bag.function("fetch")?.unwrap_or(JsValue::UNDEFINED);
        Ok((op, Shared::new(config, fetch), opts))
    })();
    spawn(async move {
        let (op, shared, opts) = prepared.map_err(js_error)?;
        driver::call(&shared, op, &opts).await.map_err(to_js)
    })
}

/// `oauth.loginUrl({ appId, redirectUri, scopes?, state, configId?, apiVersion?, responseType? })`.
#[wasm_bindgen(js_name = oauthLoginUrl, skip_typescript)]
pub fn login_url(options: JsValue) -> Result<String, JsValue> {
    (|| {
        let bag = Bag::new(&options, "", &["appId", "redirectUri", "scopes", "state", "configId", "apiVersion", "responseType"])?;
        oauth::login_url(&LoginUrl {
            app_id: required(&bag, "appId")?,
            redirect_uri: required(&bag, "redirectUri")?,
            scopes: oauth::scopes(to_json(&bag.raw("scopes")?, "scopes")?.as_ref())?,
            state: required(&bag, "state")?,
            config_id: bag.string("configId")?,
            api_version: bag.string("apiVersion")?,
            response_type: bag.string("responseType")?,
        })
    })()
    .map_err(js_error)
}

/// `oauth.exchangeCode({ appId, appSecret, redirectUri, code }, clientOptions?)`.
#[wasm_bindgen(js_name = oauthExchangeCode, skip_typescript)]
pub fn exchange_code(params: JsValue, client_options: JsValue) -> Promise {
    let parsed = Bag::new(&params, "", &["appId", "appSecret", "redirectUri", "code"]).and_then(|b| {
        let secret = required(&b, "appSecret")?;
        Ok((oauth::exchange_code(&required(&b, "appId")?, &secret, &required(&b, "redirectUri")?, &required(&b, "code")?), secret))
    });
    match parsed {
        Ok((op, secret)) => run_app(op, Some(secret), &client_options),
        Err(e) => Promise::reject(&js_error(e)),
    }
}

/// `oauth.exchangeForLongLivedToken({ appId, appSecret, accessToken }, clientOptions?)`.
#[wasm_bindgen(js_name = oauthExchangeForLongLivedToken, skip_typescript)]
pub fn exchange_for_long_lived_token(params: JsValue, client_options: JsValue) -> Promise {
    let parsed = Bag::new(&params, "", &["appId", "appSecret", "accessToken"]).and_then(|b| {
        let secret = required(&b, "appSecret")?;
        let token = required(&b, "accessToken")?;
        Ok((oauth::exchange_for_long_lived_token(&required(&b, "appId")?, &secret, &token), secret))
    });
    match parsed {
        Ok((op, secret)) => run_app(op, Some(secret), &client_options),
        Err(e) => Promise::reject(&js_error(e)),
    }
}

/// `oauth.debugToken({ inputToken, appId, appSecret }, clientOptions?)` → the `data` object.
#[wasm_bindgen(js_name = oauthDebugToken, skip_typescript)]
pub fn debug_token(params: JsValue, client_options: JsValue) -> Promise {
    let parsed = Bag::new(&params, "", &["inputToken", "appId", "appSecret"]).and_then(|b| {
        let secret = required(&b, "appSecret")?;
        let input = required(&b, "inputToken")?;
        Ok((oauth::debug_token(&input, &required(&b, "appId")?, &secret), secret))
    });
    match parsed {
        Ok((op, secret)) => run_app(op, Some(secret), &client_options),
        Err(e) => Promise::reject(&js_error(e)),
    }
}

/// `oauth.requiredPermissions(methodName)` → the permission names.
#[wasm_bindgen(js_name = oauthRequiredPermissions, skip_typescript)]
pub fn required_permissions(method: JsValue) -> Result<JsValue, JsValue> {
    let name = method.as_string().unwrap_or_default();
    match crate::registry::permissions(&name) {
        Some(list) => Ok(convert::parse(&serde_json::to_string(list).unwrap_or_default()).map_err(js_error)?),
        None => Err(js_error(Error::invalid("methodName", format!("`{name}` is not a typed operation of InstagramClient")))),
    }
}
