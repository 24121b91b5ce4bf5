//! `client.diagnose(params?, options?)`: the core's [`Diagnose`] flow, run by the one driver.
//! Everything it decides is in the core (`crate::diagnose`, `crate::flow::Diagnose`).

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::client::{in_browser_page, InstagramClient};
use super::convert::{to_json, Bag};
use super::errors::js_error;
use super::flow::FlowHandle;
use crate::endpoints::oauth;
use crate::error::Error;
use crate::flow::Diagnose;
use crate::options::DiagnoseParams;

#[wasm_bindgen]
impl InstagramClient {
    /// What the token can do, and why not: `{ token, accounts, methods, problems }`.
    pub fn diagnose(&self, params: JsValue, options: JsValue) -> Promise {
        let shared = self.shared();
        let prepared = (|| {
            let bag = Bag::new(&params, "params", &DiagnoseParams.keys())?;
            let methods = match to_json(&bag.raw("methods")?, "params.methods")? {
                None | Some(crate::json::Value::Null) => None,
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
        match prepared {
            Ok((flow, opts, secrets)) => FlowHandle::report(shared, opts, flow, secrets).run(),
            Err(e) => Promise::reject(&js_error(e)),
        }
    }
}
