//! `client.diagnose(params?, options?)`: the core's [`Diagnose`] flow, run by the one driver.
//! Everything it decides is in the core (`crate::diagnose`, `crate::flow::Diagnose`).

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::client::{in_browser_page, InstagramClient};
use super::convert::{self, to_json, Bag};
use super::driver::{self, Hooks, JsBody};
use super::errors::{js_error, to_js};
use super::transport::{CallOptions, Shared};
use crate::endpoints::oauth;
use crate::error::Error;
use crate::flow::{Diagnose, Flow};
use crate::redact::Redactor;

#[wasm_bindgen]
impl InstagramClient {
    /// What the token can do, and why not: `{ token, accounts, methods, problems }`.
    pub fn diagnose(&self, params: JsValue, options: JsValue) -> Promise {
        let shared = self.shared();
        let prepared = (|| {
            let bag = Bag::new(&params, "params", &["methods", "appId", "appSecret", "scopes", "allowAppSecretInBrowser"])?;
            let methods = match to_json(&bag.raw("methods")?, "params.methods")? {
                None | Some(serde_json::Value::Null) => None,
                v => Some(
                    crate::params::names(v.as_ref()).ok_or_else(|| Error::invalid("params.methods", "must be an array of method names"))?,
                ),
            };
            let app = match (bag.string("appId")?, bag.string("appSecret")?) {
                (Some(id), Some(secret)) => Some((id, secret)),
                (None, None) => None,
                _ => {
                    return Err(Error::invalid(
                        "params.appSecret",
                        "and appId go together: /debug_token needs the app token appId|appSecret",
                    ))
                }
            };
            if app.is_some() && in_browser_page() && bag.boolean("allowAppSecretInBrowser")? != Some(true) {
                return Err(Error::invalid(
                    "params.appSecret",
                    "must not be used in a browser page, where anyone can read it; diagnose from a server or edge function (or pass allowAppSecretInBrowser: true)",
                ));
            }
            let scopes = oauth::scopes(to_json(&bag.raw("scopes")?, "params.scopes")?.as_ref())?;
            let opts = self.call_options(&options)?;
            let flow = Diagnose::new(shared.config.login, methods.as_deref(), app, scopes, opts.retry)?;
            let secrets = flow.debug_operation(shared.config.access_token().expose()).and_then(|op| op.call_secrets(&shared.config));
            Ok((flow, opts, secrets))
        })();
        super::spawn(async move {
            let (mut flow, opts, secrets) = prepared.map_err(js_error)?;
            answer(&shared, &opts, &mut flow, secrets).await
        })
    }
}

/// Run a flow whose result is a serialisable report (`diagnose`, `inspectToken`) to its JS
/// value; a failure leaves redacted of the call's own secrets too (an app secret, a token).
pub(super) async fn answer<F>(shared: &Shared, opts: &CallOptions, flow: &mut F, secrets: Option<Redactor>) -> Result<JsValue, JsValue>
where
    F: Flow<JsBody>,
    F::Output: serde::Serialize,
{
    let result = driver::drive(shared, opts, &Hooks::default(), flow).await;
    let report = result.map_err(|f| {
        to_js(match &secrets {
            Some(r) => f.redacted(r),
            None => f,
        })
    })?;
    convert::parse(&serde_json::to_string(&report).unwrap_or_default()).map_err(js_error)
}
