//! The JSON value: null, booleans, numbers kept as their exact text, strings, arrays, and
//! objects as an insertion-ordered list of members (Meta's member order is kept).

use std::fmt;

use super::number::N;

/// A JSON value.
#[derive(Debug, Clone, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its exact text.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map),
}

/// A JSON number, kept as the text it was read from (or written as), so that ids and counts
/// above 2^53 stay exact. Read it with [`Number::as_u64`], [`Number::as_i64`] (which refuse what
/// is not an exact integer of that type) or [`Number::as_f64`].
///
/// The integers are the plain integer texts (no fraction, no exponent) that fit a `u64`, or an
/// `i64` when negative (`-0` is not one); every other number is a float: the same classes as
/// serde_json's, which this replaces.
#[derive(Clone)]
pub struct Number(String);

impl Number {
    /// A number from text already checked to be a JSON number in range (the parser's).
    pub(crate) fn from_checked_text(text: &str) -> Number {
        Number(text.to_owned())
    }

    /// The exact text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn read(&self) -> N {
        // The text is a JSON number in range: `read_number` cannot refuse it.
        super::number::read_number(&self.0).unwrap_or(N::F64(0.0))
    }

    /// The value, when it is an integer from 0 to `u64::MAX`.
    pub fn as_u64(&self) -> Option<u64> {
        match self.read() {
            N::U64(u) => Some(u),
            _ => None,
        }
    }

    /// The value, when it is an integer from `i64::MIN` to `i64::MAX`.
    pub fn as_i64(&self) -> Option<i64> {
        match self.read() {
            N::U64(u) => i64::try_from(u).ok(),
            N::I64(i) => Some(i),
            N::F64(_) => None,
        }
    }

    /// The value as the nearest `f64` (an integer above 2^53 is rounded).
    pub fn as_f64(&self) -> f64 {
        match self.read() {
            N::U64(u) => u as f64,
            N::I64(i) => i as f64,
            N::F64(f) => f,
        }
    }

    /// Whether it is an integer (see [`Number`]).
    pub fn is_integer(&self) -> bool {
        !matches!(self.read(), N::F64(_))
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Number({})", self.0)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! number_from_integer {
    ($($t:ty)*) => {$(
        impl From<$t> for Number {
            fn from(n: $t) -> Number {
                Number(n.to_string())
            }
        }
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(n.into())
            }
        }
    )*};
}
number_from_integer!(u8 u16 u32 u64 usize i8 i16 i32 i64);

/// Two numbers are equal when they are the same integer, or the same float (an integer never
/// equals a float: `1` is not `1.0`, as in serde_json), whatever their text.
impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        self.read() == other.read()
    }
}

impl Value {
    /// The member `key`, when this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    /// The member `key`, mutable.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.as_object_mut()?.get_mut(key)
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, when this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, when this is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// See [`Number::as_u64`].
    pub fn as_u64(&self) -> Option<u64> {
        self.as_number()?.as_u64()
    }

    /// See [`Number::as_i64`].
    pub fn as_i64(&self) -> Option<i64> {
        self.as_number()?.as_i64()
    }

    /// See [`Number::as_f64`].
    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().map(Number::as_f64)
    }

    /// The elements, when this is an array.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The elements, mutable.
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The members, when this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The members, mutable.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Whether this is an array.
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// Whether this is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// Whether this is a string.
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// Whether this is a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    /// This value, leaving `null` in its place.
    pub fn take(&mut self) -> Value {
        std::mem::take(self)
    }
}

/// Values are equal as JSON: objects with the same members in any order, numbers as
/// [`Number`] says.
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => a.len() == b.len() && a.iter().all(|(k, v)| b.get(k) == Some(v)),
            _ => false,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<Vec<Value>> for Value {
    fn from(a: Vec<Value>) -> Value {
        Value::Array(a)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Value {
        Value::Object(m)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// An object's members, in order, each name once (the parser keeps the last value of a
/// repeated name in the place of the first, as `JSON.parse` does). `V` is [`Value`] but for
/// maps of other things read from JSON objects.
#[derive(Debug, Clone, PartialEq)]
pub struct Map<V = Value>(Vec<(String, V)>);

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map(Vec::new())
    }
}

impl<V> Map<V> {
    /// No members.
    pub fn new() -> Self {
        Map(Vec::new())
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of `key`, mutable.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Whether `key` is a member.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Set `key` (in its place when it is a member, else last); the value it had.
    pub fn insert(&mut self, key: impl Into<String>, value: V) -> Option<V> {
        let key = key.into();
        match self.get_mut(&key) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    /// Remove `key`, keeping the order of the others; the value it had.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        let i = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(i).1)
    }

    /// The members, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The values, in order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    /// The values, mutable.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.0.iter_mut().map(|(_, v)| v)
    }

    /// How many members.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The members as parsed (names not yet checked for repeats: the parser's).
    pub(crate) fn from_members(members: Vec<(String, V)>) -> Self {
        Map(members)
    }
}

impl<V> IntoIterator for Map<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

/// Collected members keep their order; a repeated name keeps its first place and last value.
impl<V> FromIterator<(String, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut m = Map::new();
        for (k, v) in iter {
            m.insert(k, v);
        }
        m
    }
}

/// For Rust users of the core who serialise a [`Value`] with serde (host only; tests compare
/// with serde_json through it): integers as integers, other numbers as `f64`, members in order.
/// The client writes its own JSON with [`super::ToJson`].
#[cfg(any(test, not(target_arch = "wasm32")))]
impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => match n.read() {
                N::U64(u) => s.serialize_u64(u),
                N::I64(i) => s.serialize_i64(i),
                N::F64(f) => s.serialize_f64(f),
            },
            Value::String(v) => s.serialize_str(v),
            Value::Array(a) => s.collect_seq(a),
            Value::Object(m) => s.collect_map(m.iter()),
        }
    }
}

/// Test conveniences, as serde_json has them: `v["a"][0]` (`null` when absent), `v["a"] = …`,
/// `v == "text"`, `map["key"]`.
#[cfg(test)]
mod conveniences {
    use super::{Map, Value};

    static NULL: Value = Value::Null;

    impl std::ops::Index<&str> for Value {
        type Output = Value;
        fn index(&self, key: &str) -> &Value {
            self.get(key).unwrap_or(&NULL)
        }
    }

    impl std::ops::Index<usize> for Value {
        type Output = Value;
        fn index(&self, i: usize) -> &Value {
            self.as_array().and_then(|a| a.get(i)).unwrap_or(&NULL)
        }
    }

    impl std::ops::IndexMut<&str> for Value {
        fn index_mut(&mut self, key: &str) -> &mut Value {
            if self.is_null() {
                *self = Value::Object(Map::new());
            }
            let Value::Object(m) = self else { panic!("cannot index {self:?} with {key:?}") };
            if !m.contains_key(key) {
                m.insert(key, Value::Null);
            }
            m.get_mut(key).unwrap()
        }
    }

    impl<V> std::ops::Index<&str> for Map<V> {
        type Output = V;
        fn index(&self, key: &str) -> &V {
            self.get(key).unwrap_or_else(|| panic!("no member {key:?}"))
        }
    }

    /// Tests read text with serde_json into a [`Value`] (through its text).
    impl<'de> serde::Deserialize<'de> for Value {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let v = serde_json::Value::deserialize(d)?;
            super::super::parse(&v.to_string()).map_err(serde::de::Error::custom)
        }
    }

    impl PartialEq<&str> for Value {
        fn eq(&self, o: &&str) -> bool {
            self.as_str() == Some(*o)
        }
    }

    impl PartialEq<str> for Value {
        fn eq(&self, o: &str) -> bool {
            self.as_str() == Some(o)
        }
    }

    impl PartialEq<String> for Value {
        fn eq(&self, o: &String) -> bool {
            self.as_str() == Some(o.as_str())
        }
    }

    impl PartialEq<bool> for Value {
        fn eq(&self, o: &bool) -> bool {
            self.as_bool() == Some(*o)
        }
    }

    macro_rules! eq_integer {
        ($($t:ty => $as:ident $wide:ty;)*) => {$(
            impl PartialEq<$t> for Value {
                fn eq(&self, o: &$t) -> bool {
                    self.$as() == Some(*o as $wide)
                }
            }
        )*};
    }
    eq_integer! {
        i32 => as_i64 i64;
        i64 => as_i64 i64;
        u64 => as_u64 u64;
        usize => as_u64 u64;
    }
}
