//! The typed methods of `InstagramClient`, expanded from the registry ([`crate::registry`]):
//! each reads its arguments by kind, builds the core operation and runs it (or hands its
//! arguments to a `custom` function). No JS name is written here.

use js_sys::Promise;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::client::{InstagramClient, REQUEST_OPTIONS};
use super::convert::{string_arg, to_json, Bag};
use super::paginator::Paginator;
use super::publish::{publish, upload_video};
use crate::config::Login;
use crate::endpoints::{
    collaboration, comments, discovery, hashtags, insights, media, messaging, product_tags, publishing, subscriptions, user, Operation,
};
use crate::error::Error;

/// An argument read by its kind in the registry.
enum Arg {
    Str(String),
    Json(Option<Value>),
    Bool(bool),
}

/// The kinds of argument (the registry's names).
#[allow(non_camel_case_types)]
#[derive(Clone, Copy)]
enum Kind {
    string,
    params,
    json,
    boolean,
    /// A boolean, `true` when omitted.
    hide,
}

/// Read every argument (one copy of this code for all methods).
fn read(values: &[(&JsValue, Kind, &str)]) -> Result<Vec<Arg>, Error> {
    values
        .iter()
        .map(|&(v, kind, name)| {
            Ok(match kind {
                Kind::string => Arg::Str(string_arg(v, name)?),
                Kind::params | Kind::json => Arg::Json(to_json(v, name)?),
                Kind::hide if v.is_undefined() => Arg::Bool(true),
                Kind::boolean | Kind::hide => Arg::Bool(v.as_bool().ok_or_else(|| Error::invalid(name, "must be a boolean"))?),
            })
        })
        .collect()
}

/// The next argument, as the core builders take it.
mod take {
    use super::*;

    pub fn string(a: Option<&Arg>) -> &str {
        match a {
            Some(Arg::Str(s)) => s,
            _ => "",
        }
    }
    pub fn params(a: Option<&Arg>) -> Option<&Value> {
        match a {
            Some(Arg::Json(v)) => v.as_ref(),
            _ => None,
        }
    }
    pub use params as json;
    pub fn boolean(a: Option<&Arg>) -> bool {
        matches!(a, Some(Arg::Bool(true)))
    }
    pub use boolean as hide;
}

/// Read the arguments and build the operation.
macro_rules! build {
    (($($arg:ident : $kind:ident),*) $build:expr $(, $extra:expr)?) => {{
        let args = read(&[$((&$arg, Kind::$kind, stringify!($arg))),*])?;
        let mut it = args.iter();
        let _ = &mut it;
        ($build)($(take::$kind(it.next()),)* $($extra)?)
    }};
}

macro_rules! export {
    (run $http:literal $name:ident $iter:tt ($($arg:ident : $kind:ident),*) $build:expr) => {
        #[wasm_bindgen]
        impl InstagramClient {
            #[doc = $http]
            #[allow(non_snake_case)]
            pub fn $name(&self, $($arg: JsValue,)* options: JsValue) -> Promise {
                self.run((|| { self.offered(stringify!($name))?; build!(($($arg : $kind),*) $build) })(), &options)
            }
        }
        export!(iter $http $iter ($($arg : $kind),*) $build);
    };
    (iter $http:literal - ($($arg:ident : $kind:ident),*) $build:expr) => {};
    (iter $http:literal $iter:ident ($($arg:ident : $kind:ident),*) $build:expr) => {
        #[wasm_bindgen]
        impl InstagramClient {
            #[doc = concat!("Every item of every page of ", $http, ".")]
            #[allow(non_snake_case)]
            pub fn $iter(&self, $($arg: JsValue,)* options: JsValue) -> Result<Paginator, JsValue> {
                self.iterate((|| { self.offered(stringify!($iter))?; build!(($($arg : $kind),*) $build) })(), &options)
            }
        }
    };
    (page_token $http:literal $name:ident $iter:tt ($($arg:ident : $kind:ident),*) $build:expr) => {
        #[wasm_bindgen]
        impl InstagramClient {
            #[doc = $http]
            #[allow(non_snake_case)]
            pub fn $name(&self, $($arg: JsValue,)* options: JsValue) -> Promise {
                self.run_with_page_token(&options, |token| { self.offered(stringify!($name))?; build!(($($arg : $kind),*) $build, token) })
            }
        }
        export!(page_token_iter $http $iter ($($arg : $kind),*) $build);
    };
    (page_token_iter $http:literal - ($($arg:ident : $kind:ident),*) $build:expr) => {};
    (page_token_iter $http:literal $iter:ident ($($arg:ident : $kind:ident),*) $build:expr) => {
        #[wasm_bindgen]
        impl InstagramClient {
            #[doc = concat!("Every item of every page of ", $http, ".")]
            #[allow(non_snake_case)]
            pub fn $iter(&self, $($arg: JsValue,)* options: JsValue) -> Result<Paginator, JsValue> {
                iterate_with_page_token(self, &options, &|token| { self.offered(stringify!($iter))?; build!(($($arg : $kind),*) $build, token) })
            }
        }
    };
    (custom $http:literal $name:ident $iter:tt ($($arg:ident : $kind:ident),*) $build:expr) => {
        #[wasm_bindgen]
        impl InstagramClient {
            #[doc = $http]
            #[allow(non_snake_case)]
            pub fn $name(&self, $($arg: JsValue,)* options: JsValue) -> Promise {
                match self.offered(stringify!($name)) {
                    Ok(()) => ($build)(self, $($arg,)* options),
                    Err(e) => Promise::reject(&super::errors::js_error(e)),
                }
            }
        }
    };
}

/// The `iter…` twin of a `page_token` list: `options` is `RequestOptions` plus `pageAccessToken`
/// (required with Facebook Login; with Instagram Login the client's own token serves), the same
/// rule as `InstagramClient::run_with_page_token` (client.rs).
/// (`op` is `dyn`: one copy of this function for every list, not one per method.)
fn iterate_with_page_token(
    client: &InstagramClient,
    options: &JsValue,
    op: &dyn Fn(Option<&str>) -> Result<Operation, Error>,
) -> Result<Paginator, JsValue> {
    let keys: Vec<&str> = REQUEST_OPTIONS.iter().copied().chain(["pageAccessToken"]).collect();
    let prepared = Bag::new(options, "options", &keys).and_then(|bag| {
        let token = bag.string("pageAccessToken")?;
        let token = match client.shared().config.login {
            Login::Facebook => Some(token.unwrap_or_default()),
            Login::Instagram => token,
        };
        Ok((op(token.as_deref())?, client.call_options_from(&bag)?))
    });
    let (op, opts) = prepared.map_err(super::errors::js_error)?;
    Ok(Paginator::new(client.shared(), op, opts))
}

macro_rules! wasm_exports {
    ($( $(#[doc = $doc:literal])* $name:ident $iter:tt ( $($arg:ident : $kind:ident $ts:literal),* ) $opts:literal -> $res:literal,
        $http:literal, $perms:ident / $ig:tt, $how:ident $build:expr; )*) => {
        $( export!($how $http $name $iter ($($arg : $kind),*) $build); )*
    };
}

crate::registry::operations!(wasm_exports);
