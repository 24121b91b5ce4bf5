//! The typed methods of `InstagramClient`, expanded from the registry ([`crate::registry`]):
//! two wasm methods, `_op` and `_iter`, take an operation's index in the registry and its
//! arguments; the package's JS methods (`getUser`, `iterUserMedia`, …, generated into api.js
//! from the same list) call them. Each operation reads its arguments by kind, builds the core
//! operation and runs it (or hands its arguments to a `custom` function). No JS name is written
//! here.

use crate::json::Value;
use js_sys::Promise;
use wasm_bindgen::prelude::*;

use super::client::InstagramClient;
use super::convert::{string_arg, to_json};
use super::errors::js_error;
use super::publish::{publish, upload_video};
use crate::endpoints::{
    collaboration, comments, discovery, hashtags, insights, media, messaging, product_tags, publishing, subscriptions, user,
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

/// One operation's arm of `_op`.
macro_rules! call_arm {
    (run $client:ident $name:ident $options:ident ($($arg:ident : $kind:ident),*) $build:expr) => {
        $client.run(Some(stringify!($name)), (|| { $client.offered(stringify!($name))?; build!(($($arg : $kind),*) $build) })(), &$options)
    };
    (page_token $client:ident $name:ident $options:ident ($($arg:ident : $kind:ident),*) $build:expr) => {
        $client.run_with_page_token(stringify!($name), &$options, &|token| { $client.offered(stringify!($name))?; build!(($($arg : $kind),*) $build, token) })
    };
    (custom $client:ident $name:ident $options:ident ($($arg:ident : $kind:ident),*) $build:expr) => {
        match $client.offered(stringify!($name)) {
            Ok(()) => ($build)($client, $($arg,)* $options),
            Err(e) => Promise::reject(&js_error(e)),
        }
    };
}

/// One operation's arm of `_iter`.
macro_rules! iter_arm {
    ($how:ident - $client:ident $name:ident $options:ident ($($arg:ident : $kind:ident),*) $build:expr) => {
        Err(js_error(Error::invalid(stringify!($name), "is not a list")))
    };
    (run $iter:ident $client:ident $name:ident $options:ident ($($arg:ident : $kind:ident),*) $build:expr) => {
        $client.iterate(Some(stringify!($name)), (|| { $client.offered(stringify!($iter))?; build!(($($arg : $kind),*) $build) })(), &$options)
    };
    (page_token $iter:ident $client:ident $name:ident $options:ident ($($arg:ident : $kind:ident),*) $build:expr) => {
        $client.iterate_with_page_token(stringify!($name), &$options, &|token| { $client.offered(stringify!($iter))?; build!(($($arg : $kind),*) $build, token) })
    };
}

macro_rules! wasm_exports {
    ($( $(#[doc = $doc:literal])* $name:ident $iter:tt ( $($arg:ident : $kind:ident $ts:literal),* ) $opts:literal -> $res:literal,
        $http:literal, $perms:ident / $ig:tt, $how:ident $build:expr; )*) => {
        /// The operations, in the registry's order (an index in JS is a position here).
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy)]
        enum Op { $($name),* }
        const ALL: &[Op] = &[$(Op::$name),*];

        /// The operation at a JS index.
        fn operation(index: &JsValue) -> Result<Op, JsValue> {
            index
                .as_f64()
                .filter(|i| i.fract() == 0.0 && *i >= 0.0)
                .and_then(|i| ALL.get(i as usize).copied())
                .ok_or_else(|| js_error(Error::invalid("operation", "is not an operation of the registry")))
        }

        #[wasm_bindgen]
        impl InstagramClient {
            /// Run the typed operation at `index` of the registry with its arguments.
            #[wasm_bindgen(js_name = _op)]
            #[allow(unused_variables, non_snake_case)]
            pub fn op(&self, index: JsValue, a: JsValue, b: JsValue, c: JsValue, options: JsValue) -> Promise {
                let op = match operation(&index) {
                    Ok(op) => op,
                    Err(e) => return Promise::reject(&e),
                };
                let mut given = [a, b, c].into_iter();
                let _ = &mut given;
                match op {
                    $( Op::$name => {
                        $( let $arg = given.next().unwrap_or(JsValue::UNDEFINED); )*
                        call_arm!($how self $name options ($($arg : $kind),*) $build)
                    } )*
                }
            }

            /// An iterator over every item of the list operation at `index`.
            #[wasm_bindgen(js_name = _iter)]
            #[allow(unused_variables, non_snake_case)]
            pub fn iter(&self, index: JsValue, a: JsValue, b: JsValue, c: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
                let op = operation(&index)?;
                let mut given = [a, b, c].into_iter();
                let _ = &mut given;
                match op {
                    $( Op::$name => {
                        $( let $arg = given.next().unwrap_or(JsValue::UNDEFINED); )*
                        iter_arm!($how $iter self $name options ($($arg : $kind),*) $build)
                    } )*
                }
            }
        }
    };
}

crate::registry::operations!(wasm_exports);
