//! Moving values across the boundary: JS arguments into JSON the core reads (through the
//! engine's own `JSON.stringify`), JSON text back into JS values (`JSON.parse`), option bags
//! with typed errors, and the core's [`JsonView`] over JS values.

use js_sys::{Array, Object, Reflect, JSON};

use super::glue;
use crate::json::Value;
use wasm_bindgen::prelude::*;

use crate::error::Error;
use crate::json::JsonView;

// NB: this view reads values the engine made itself (`JSON.parse` results, the core's own
// objects), never a caller's: none of these calls can meet a Proxy or a getter.
impl JsonView for JsValue {
    fn member(&self, key: &str) -> Option<JsValue> {
        if !JsonView::is_object(self) {
            return None;
        }
        // NB: not interned: wasm-bindgen's interning cache (a hash map) cost 6 KB of wasm and no measurable time.
        Reflect::get(self, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined())
    }
    fn string(&self) -> Option<String> {
        self.as_string()
    }
    fn is_array(&self) -> bool {
        Array::is_array(self)
    }
    fn is_object(&self) -> bool {
        JsValue::is_object(self) && !Array::is_array(self)
    }
    fn is_null(&self) -> bool {
        JsValue::is_null(self)
    }
    fn items(&self) -> Option<Vec<JsValue>> {
        Array::is_array(self).then(|| self.clone().unchecked_into::<Array>().to_vec())
    }
    fn array_len(&self) -> Option<usize> {
        Array::is_array(self).then(|| self.unchecked_ref::<Array>().length() as usize)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn integer_text(&self) -> Option<String> {
        // Above 2^53 a JS number has already lost digits: not an exact id.
        let n = self.as_f64()?;
        (n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0).then(|| format!("{}", n as i64))
    }
}

/// A JS value as JSON (`undefined` → None). Functions, symbols and `undefined` members vanish,
/// as in `JSON.stringify`; a `Date` becomes its ISO string.
///
/// # Errors
/// [`Error::InvalidArgument`] named `name` when the value cannot be serialised (a BigInt, a
/// cycle).
pub fn to_json(v: &JsValue, name: &str) -> Result<Option<Value>, Error> {
    if v.is_undefined() {
        return Ok(None);
    }
    let text = JSON::stringify(v).map_err(|_| Error::invalid(name, "cannot be converted to JSON (a BigInt or a cycle?)"))?.as_string();
    match text {
        None => Ok(None),
        Some(t) => crate::json::parse(&t).map(Some).map_err(|e| Error::invalid(name, e.to_string())),
    }
}

/// JSON text → a plain JS value.
///
/// # Errors
/// [`Error::Decode`] when the text is not JSON.
pub fn parse(text: &str) -> Result<JsValue, Error> {
    JSON::parse(text).map_err(|_| crate::error::invalid_json(text))
}

/// An options object (`undefined`/`null` → empty), checked for unknown keys.
pub struct Bag {
    obj: Option<Object>,
    name: &'static str,
}

impl Bag {
    /// Read `v` as the options bag `name`, allowing only `known` keys.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when it is not an object or has an unknown key.
    pub fn new(v: &JsValue, name: &'static str, known: &[&str]) -> Result<Bag, Error> {
        if v.is_undefined() || v.is_null() {
            return Ok(Bag { obj: None, name });
        }
        let label = if name.is_empty() { "options" } else { name };
        let unreadable = || Error::invalid(label, "cannot be read (a revoked Proxy, or a trap that throws?)");
        if !v.is_object() || glue::is_array(v).map_err(|_| unreadable())? {
            return Err(Error::invalid(label, "must be an object"));
        }
        let obj: Object = v.clone().unchecked_into();
        for key in glue::own_keys(&obj).map_err(|_| unreadable())?.iter() {
            let key = key.as_string().unwrap_or_default();
            if !known.contains(&key.as_str()) {
                return Err(Error::invalid(
                    format!("{}{key}", if name.is_empty() { String::new() } else { format!("{name}.") }),
                    format!("is not a known option (known: {})", known.join(", ")),
                ));
            }
        }
        Ok(Bag { obj: Some(obj), name })
    }

    /// The raw value of `key` (`undefined` when absent).
    ///
    /// # Errors
    /// When reading it throws (a getter or a Proxy trap).
    pub fn raw(&self, key: &str) -> Result<JsValue, Error> {
        match &self.obj {
            Some(o) => {
                Reflect::get(o, &JsValue::from_str(key)).map_err(|_| self.err(key, "cannot be read (its getter or a Proxy trap threw)"))
            }
            None => Ok(JsValue::UNDEFINED),
        }
    }

    fn err(&self, key: &str, msg: &str) -> Error {
        Error::invalid(format!("{}{key}", self.prefix()), msg)
    }

    fn prefix(&self) -> String {
        // The client's own options (bag name "") are named bare (`accessToken`), as users write them.
        if self.name.is_empty() {
            String::new()
        } else {
            format!("{}.", self.name)
        }
    }

    /// A string option.
    ///
    /// # Errors
    /// When present and not a string.
    pub fn string(&self, key: &str) -> Result<Option<String>, Error> {
        let v = self.raw(key)?;
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        v.as_string().map(Some).ok_or_else(|| self.err(key, "must be a string"))
    }

    /// A number option.
    ///
    /// # Errors
    /// When present and not a number.
    pub fn number(&self, key: &str) -> Result<Option<f64>, Error> {
        let v = self.raw(key)?;
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        v.as_f64().map(Some).ok_or_else(|| self.err(key, "must be a number"))
    }

    /// A boolean option.
    ///
    /// # Errors
    /// When present and not a boolean.
    pub fn boolean(&self, key: &str) -> Result<Option<bool>, Error> {
        let v = self.raw(key)?;
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        v.as_bool().map(Some).ok_or_else(|| self.err(key, "must be a boolean"))
    }

    /// A function option.
    ///
    /// # Errors
    /// When present and not a function.
    pub fn function(&self, key: &str) -> Result<Option<JsValue>, Error> {
        let v = self.raw(key)?;
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        if glue::is_function(&v) {
            Ok(Some(v))
        } else {
            Err(self.err(key, "must be a function"))
        }
    }

    /// An `AbortSignal` option (anything with a boolean `aborted` and `addEventListener`).
    ///
    /// # Errors
    /// When present and not an AbortSignal.
    pub fn signal(&self, key: &str) -> Result<Option<JsValue>, Error> {
        let v = self.raw(key)?;
        if v.is_undefined() || v.is_null() {
            return Ok(None);
        }
        let looks_right = v.is_object()
            && Reflect::get(&v, &"aborted".into()).is_ok_and(|a| a.as_bool().is_some())
            && Reflect::get(&v, &"addEventListener".into()).is_ok_and(|f| glue::is_function(&f));
        if looks_right {
            Ok(Some(v))
        } else {
            Err(self.err(key, "must be an AbortSignal"))
        }
    }
}

/// A required string argument.
///
/// # Errors
/// [`Error::InvalidArgument`] named `name` when `v` is not a string.
pub fn string_arg(v: &JsValue, name: &str) -> Result<String, Error> {
    v.as_string().ok_or_else(|| Error::invalid(name, "must be a string"))
}
