//! `oauth.*`, in both login flavours: the login dialog URL, the code and long-lived token
//! exchanges, the Instagram Login refresh, `/debug_token` and the permissions each typed
//! operation needs.

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::client::in_browser_page;
use super::convert::{self, to_json, Bag};
use super::errors::js_error;
use super::flow::FlowHandle;
use super::transport::{CallOptions, Shared};
use crate::config::Secret;
use crate::config::{Config, Login, Options};
use crate::endpoints::oauth::{self, LoginUrl};
use crate::endpoints::{Operation, Token};
use crate::error::Error;
use crate::flow::Inspect;
use crate::json::ToJson;
use crate::options::{
    AppClientOptions, DebugTokenParams, ExchangeCodeParams, InspectTokenParams, LoginOptions, LoginUrlOptions, LongLivedTokenParams,
    RefreshTokenParams,
};
use crate::retry::RetryPolicy;

fn required(bag: &Bag, key: &str) -> Result<String, Error> {
    bag.string(key)?.ok_or_else(|| Error::invalid(key, "is required"))
}

/// The `login` member of an oauth function's parameters.
fn login(bag: &Bag) -> Result<Login, Error> {
    Login::parse("login", bag.string("login")?.as_deref())
}

/// Run an app-level operation with `clientOptions` (`baseUrl`, `authBaseUrl`, `apiVersion`,
/// `fetch`, and the request options) in a login flavour (its default host).
fn run_app(op: Result<Operation, Error>, app_secret: Option<String>, login: Login, client_options: &JsValue) -> Promise {
    match prepare_app(op, app_secret, login, client_options) {
        Ok((op, shared, opts)) => FlowHandle::call(Rc::new(shared), op, opts).run(),
        Err(e) => Promise::reject(&js_error(e)),
    }
}

/// The configuration, transport and call options of an app-level call.
fn prepare_app(
    op: Result<Operation, Error>,
    app_secret: Option<String>,
    login: Login,
    client_options: &JsValue,
) -> Result<(Operation, Shared, CallOptions), Error> {
    {
        let op = op?;
        let bag = Bag::new(client_options, "clientOptions", &AppClientOptions.keys())?;
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
            auth_base_url: bag.string("authBaseUrl")?,
            timeout_ms: bag.number("timeoutMs")?,
            max_retries: bag.number("maxRetries")?,
            login,
            ..Options::default()
        })?;
        let opts =
            CallOptions { signal: bag.signal("signal")?.unwrap_or(JsValue::UNDEFINED), timeout_ms: config.timeout_ms, retry: config.retry };
        let fetch = bag.function("fetch")?.unwrap_or(JsValue::UNDEFINED);
        Ok((op, Shared::new(config, fetch), opts))
    }
}

/// `oauth.loginUrl({ appId, redirectUri, scopes?, state, configId?, apiVersion?, responseType? })`.
#[wasm_bindgen(js_name = oauthLoginUrl, skip_typescript)]
pub fn login_url(options: JsValue) -> Result<String, JsValue> {
    (|| {
        let bag = Bag::new(&options, "", &LoginUrlOptions.keys())?;
        oauth::login_url(&LoginUrl {
            login: login(&bag)?,
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
    let parsed = Bag::new(&params, "", &ExchangeCodeParams.keys()).and_then(|b| {
        let secret = required(&b, "appSecret")?;
        let login = login(&b)?;
        let (app, uri, code) = (required(&b, "appId")?, required(&b, "redirectUri")?, required(&b, "code")?);
        let op = match login {
            Login::Facebook => oauth::exchange_code(&app, &secret, &uri, &code),
            Login::Instagram => oauth::instagram_exchange_code(&app, &secret, &uri, &code),
        };
        Ok((op, secret, login))
    });
    match parsed {
        Ok((op, secret, login)) => run_app(op, Some(secret), login, &client_options),
        Err(e) => Promise::reject(&js_error(e)),
    }
}

/// `oauth.exchangeForLongLivedToken({ appId, appSecret, accessToken }, clientOptions?)`.
#[wasm_bindgen(js_name = oauthExchangeForLongLivedToken, skip_typescript)]
pub fn exchange_for_long_lived_token(params: JsValue, client_options: JsValue) -> Promise {
    let parsed = Bag::new(&params, "", &LongLivedTokenParams.keys()).and_then(|b| {
        let secret = required(&b, "appSecret")?;
        let token = required(&b, "accessToken")?;
        let login = login(&b)?;
        let op = match login {
            Login::Facebook => oauth::exchange_for_long_lived_token(&required(&b, "appId")?, &secret, &token),
            Login::Instagram => oauth::instagram_exchange_for_long_lived_token(&secret, &token),
        };
        Ok((op, secret, login))
    });
    match parsed {
        Ok((op, secret, login)) => run_app(op, Some(secret), login, &client_options),
        Err(e) => Promise::reject(&js_error(e)),
    }
}

/// `oauth.debugToken({ inputToken, appId, appSecret }, clientOptions?)` → the `data` object.
#[wasm_bindgen(js_name = oauthDebugToken, skip_typescript)]
pub fn debug_token(params: JsValue, client_options: JsValue) -> Promise {
    let parsed = Bag::new(&params, "", &DebugTokenParams.keys()).and_then(|b| {
        let secret = required(&b, "appSecret")?;
        let input = required(&b, "inputToken")?;
        Ok((oauth::debug_token(&input, &required(&b, "appId")?, &secret), secret))
    });
    match parsed {
        Ok((op, secret)) => run_app(op, Some(secret), Login::Facebook, &client_options),
        Err(e) => Promise::reject(&js_error(e)),
    }
}

/// `oauth.inspectToken({ accessToken, appId, appSecret, login?, scopes? }, clientOptions?)` →
/// `{ valid, kind, login, appId, userId, scopes, expiresAt, dataAccessExpiresAt, problems,
/// unknown }`: Facebook Login tokens through `/debug_token` (app id and secret required),
/// Instagram User tokens through `GET graph.instagram.com/me?fields=user_id,username` (`login:
/// "instagram"`, or a token starting with `IG`; `scopes`: those of the code exchange).
#[wasm_bindgen(js_name = oauthInspectToken, skip_typescript)]
pub fn inspect_token(params: JsValue, client_options: JsValue) -> Promise {
    let prepared = Bag::new(&params, "", &InspectTokenParams.keys()).and_then(|b| {
        let token = required(&b, "accessToken")?;
        let login = match b.string("login")? {
            None if Login::of_token(&token) == Some(Login::Instagram) => Login::Instagram,
            other => Login::parse("login", other.as_deref())?,
        };
        let scopes = oauth::scopes(to_json(&b.raw("scopes")?, "scopes")?.as_ref())?;
        let inspect = |policy| match login {
            Login::Facebook => Inspect::facebook(&token, &required(&b, "appId")?, &required(&b, "appSecret")?, policy),
            // NB: no appsecret_proof: Meta documents none for graph.instagram.com's /me.
            Login::Instagram => Ok(Inspect::instagram(Token::Other(Secret::new(token.clone())), scopes.clone(), policy)),
        };
        let secret = match login {
            Login::Facebook => Some(required(&b, "appSecret")?),
            Login::Instagram => None,
        };
        let (op, shared, opts) =
            prepare_app(inspect(RetryPolicy::default()).map(|i| i.operation().clone()), secret, login, &client_options)?;
        let secrets = op.call_secrets(&shared.config);
        Ok((inspect(opts.retry)?, shared, opts, secrets))
    });
    match prepared {
        Ok((flow, shared, opts, secrets)) => FlowHandle::report(Rc::new(shared), opts, flow, secrets).run(),
        Err(e) => Promise::reject(&js_error(e)),
    }
}

/// `oauth.refreshLongLivedToken({ accessToken }, clientOptions?)` (Instagram Login only).
#[wasm_bindgen(js_name = oauthRefreshLongLivedToken, skip_typescript)]
pub fn refresh_long_lived_token(params: JsValue, client_options: JsValue) -> Promise {
    match Bag::new(&params, "", &RefreshTokenParams.keys()).and_then(|b| required(&b, "accessToken")) {
        Ok(token) => run_app(oauth::refresh_long_lived_token(&token), None, Login::Instagram, &client_options),
        Err(e) => Promise::reject(&js_error(e)),
    }
}

/// `oauth.requiredPermissions(methodName, { login? })` → the permission names in that flavour.
#[wasm_bindgen(js_name = oauthRequiredPermissions, skip_typescript)]
pub fn required_permissions(method: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    (|| {
        let name = method.as_string().unwrap_or_default();
        let login = Login::parse("options.login", Bag::new(&options, "options", &LoginOptions.keys())?.string("login")?.as_deref())?;
        crate::registry::check_offered(&name, login)?;
        match crate::registry::permissions(&name, login).flatten() {
            Some(list) => convert::parse(&list.to_json()),
            None => Err(Error::invalid("methodName", format!("`{name}` is not a typed operation of InstagramClient"))),
        }
    })()
    .map_err(js_error)
}
