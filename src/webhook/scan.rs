//! The fast path of [`super::parse_to_json`]: one pass over the raw body that validates it as
//! JSON exactly as serde_json does (what [`super::parse_for`] accepts), applies the delivery rules
//! and writes the result's JSON text, every event value copied verbatim. No allocation but the
//! output and one small list of event spans.
//!
//! It answers only "here is the result" or "not on the fast path" (`None`): every malformed body,
//! and the few well-formed ones it leaves to the reference parser (a repeated or escaped member
//! name where the rules read members), go to [`super::parse_for`], which words the error (or, for
//! those few, gives the result). The `webhook` fuzz target checks that whatever this accepts,
//! `parse_for` accepts with the same result.

use std::fmt::Write;

use super::{Login, SECONDS_BELOW};

/// serde_json's nesting limit: its 128th nested array or object is an error.
const MAX_DEPTH: u32 = 128;

/// The value text of a JSON string token (with its quotes) or of any value: `start..end`.
type Span = (usize, usize);

/// An event waiting for its entry to end (the rules order `changes`, `messaging`, `standby`,
/// whatever the order of the members).
struct Event {
    /// 0 `changes`, 1 `messaging`, 2 `standby`.
    group: u8,
    /// The `field` string token of a `changes` item, or the name the rules give.
    field: Field,
    /// The value's text (`None`: absent, written `null`).
    value: Option<Span>,
}

enum Field {
    Token(Span),
    Name(&'static str),
}

/// A number as serde_json reads it (without `arbitrary_precision` or `float_roundtrip`), for
/// the numbers the fast path takes.
#[derive(Clone, Copy)]
enum Number {
    U64(u64),
    I64(i64),
    F64(f64),
}

/// The messaging keys after `message`, in the order the rules try them
/// ([`super::messaging_field`]).
const MESSAGING_KEYS: [(&[u8], &str); 10] = [
    (b"policy_enforcement", "messaging_policy_enforcement"),
    (b"message_edit", "message_edit"),
    (b"reaction", "message_reactions"),
    (b"postback", "messaging_postbacks"),
    (b"read", "messaging_seen"),
    (b"referral", "messaging_referral"),
    (b"optin", "messaging_optins"),
    (b"pass_thread_control", "messaging_handover"),
    (b"take_thread_control", "messaging_handover"),
    (b"request_thread_control", "messaging_handover"),
];

/// `{"object":…,"entries":[…]}` for a body the fast path takes, `None` for the others.
pub(super) fn delivery_json(text: &str, login: Login) -> Option<String> {
    let mut s = Scanner { text, b: text.as_bytes(), i: 0, depth: 0 };
    let mut out = String::with_capacity(text.len() + 64);
    let mut events = Vec::new();
    let mut first = true;
    let mut delivery = |s: &mut Scanner, out: &mut String| -> Option<()> {
        let object = s.delivery(out, &mut events, login)?;
        // The first delivery gives `object`; when it comes after `entry`, the result's start
        // goes in front of the entries written.
        if std::mem::take(&mut first) && !out.starts_with(OBJECT) {
            *out = [OBJECT, s.slice(object)?, ENTRIES, out].concat();
        }
        Some(())
    };
    s.ws();
    match s.peek() {
        b'{' => delivery(&mut s, &mut out)?,
        b'[' => s.array(|s| delivery(s, &mut out))?,
        _ => return None,
    }
    s.ws();
    // Not at the end: trailing characters. Nothing written: an empty array.
    if s.i != s.b.len() || out.is_empty() {
        return None;
    }
    out.push_str("]}");
    Some(out)
}

/// The result's start: `{"object":` the object `,"entries":[`.
const OBJECT: &str = r#"{"object":"#;
const ENTRIES: &str = r#","entries":["#;

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    depth: u32,
}

impl<'a> Scanner<'a> {
    /// The byte at the cursor, 0 at the end (never valid there in JSON).
    #[inline(always)]
    fn peek(&self) -> u8 {
        self.b.get(self.i).copied().unwrap_or(0)
    }

    /// Past any whitespace (inline: most calls find a token at once, one comparison for them).
    #[inline(always)]
    fn ws(&mut self) {
        if self.peek() <= b' ' {
            self.skip_ws();
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    #[inline(always)]
    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek() == c).then(|| self.i += 1)
    }

    /// The text of a span (always on token boundaries, so always `Some`).
    fn slice(&self, (start, end): Span) -> Option<&str> {
        self.text.get(start..end)
    }

    /// An object at the cursor: `member(key, self)` for each member, the cursor on its value,
    /// which it must consume. The key is `None` when it is written with escapes.
    fn object(&mut self, mut member: impl FnMut(&mut Self, Option<&'a [u8]>) -> Option<()>) -> Option<()> {
        self.open()?;
        if self.eat(b'}').is_none() {
            loop {
                let (start, end, escaped) = self.string()?;
                self.ws();
                self.eat(b':')?;
                self.ws();
                member(self, if escaped { None } else { self.b.get(start + 1..end - 1) })?;
                if !self.next_or_close(b'}')? {
                    break;
                }
                self.ws();
            }
        }
        self.depth -= 1;
        Some(())
    }

    /// An array at the cursor: `item(self)` for each element, which it must consume.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.open()?;
        if self.eat(b']').is_none() {
            loop {
                item(self)?;
                if !self.next_or_close(b']')? {
                    break;
                }
                self.ws();
            }
        }
        self.depth -= 1;
        Some(())
    }

    /// Past `[` or `{` and the whitespace after it, within the nesting limit.
    fn open(&mut self) -> Option<()> {
        self.i += 1;
        self.depth += 1;
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.ws();
        Some(())
    }

    /// After a member or element: `Some(true)` past a comma, `Some(false)` past `close`.
    #[inline(always)]
    fn next_or_close(&mut self, close: u8) -> Option<bool> {
        self.ws();
        match self.peek() {
            b',' => {
                self.i += 1;
                Some(true)
            }
            c if c == close => {
                self.i += 1;
                Some(false)
            }
            _ => None,
        }
    }

    /// Any value, validated and skipped; its span.
    fn value(&mut self) -> Option<Span> {
        let start = self.i;
        match self.peek() {
            b'"' => {
                self.string()?;
            }
            b'{' => self.object(|s, _| s.value().map(drop))?,
            b'[' => self.array(|s| s.value().map(drop))?,
            b't' => self.literal(b"true")?,
            b'f' => self.literal(b"false")?,
            b'n' => self.literal(b"null")?,
            _ => {
                self.number()?;
            }
        }
        Some((start, self.i))
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.i + word.len();
        (self.b.get(self.i..end)? == word).then(|| self.i = end)
    }

    /// A string token at the cursor: (start, end, whether it has escapes). As serde_json reads
    /// a string: no control characters, known escapes only, surrogates only in pairs.
    fn string(&mut self) -> Option<(usize, usize, bool)> {
        let start = self.i;
        self.eat(b'"')?;
        let mut escaped = false;
        loop {
            // Eight bytes at a time up to the first quote, backslash or control character.
            let mut i = self.i;
            while let Some(word) = self.b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
                let special = special_bytes(u64::from_le_bytes(*word));
                if special != 0 {
                    i += special.trailing_zeros() as usize / 8;
                    break;
                }
                i += 8;
            }
            self.i = i;
            match self.peek() {
                b'"' => {
                    self.i += 1;
                    return Some((start, self.i, escaped));
                }
                b'\\' => {
                    escaped = true;
                    self.i += 1;
                    self.escape()?;
                }
                // A control character, or the end of the body.
                0..0x20 => return None,
                _ => self.i += 1,
            }
        }
    }

    /// After a backslash.
    fn escape(&mut self) -> Option<()> {
        let c = self.peek();
        self.i += 1;
        match c {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Some(()),
            b'u' => match self.hex4()? {
                0xDC00..=0xDFFF => None,
                0xD800..=0xDBFF => {
                    self.eat(b'\\')?;
                    self.eat(b'u')?;
                    matches!(self.hex4()?, 0xDC00..=0xDFFF).then_some(())
                }
                _ => Some(()),
            },
            _ => None,
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut n = 0;
        for _ in 0..4 {
            n = n << 4 | u32::from(crate::crypto::hex_digit(self.peek())?);
            self.i += 1;
        }
        Some(n)
    }

    /// A number at the cursor, read exactly as serde_json does (`None` for a malformed one, and
    /// for one whose power of ten passes 10^22: see [`f64_from_parts`]).
    fn number(&mut self) -> Option<Number> {
        let positive = self.eat(b'-').is_none();
        let mut significand: u64 = match self.peek() {
            b'0' => {
                self.i += 1;
                if self.peek().is_ascii_digit() {
                    return None;
                }
                0
            }
            c @ b'1'..=b'9' => {
                self.i += 1;
                u64::from(c - b'0')
            }
            _ => return None,
        };
        // Integer digits past u64 are dropped, each one adding to the exponent.
        let mut exponent: i32 = 0;
        let mut integer = true;
        while let c @ b'0'..=b'9' = self.peek() {
            self.i += 1;
            match significand.checked_mul(10).and_then(|s| s.checked_add(u64::from(c - b'0'))) {
                Some(s) if integer && exponent == 0 => significand = s,
                _ => {
                    integer = false;
                    exponent = exponent.saturating_add(1);
                }
            }
        }
        if self.peek() == b'.' {
            self.i += 1;
            integer = false;
            if !self.peek().is_ascii_digit() {
                return None;
            }
            // Fraction digits are taken until one would overflow; the rest are ignored.
            let mut overflowed = false;
            while let c @ b'0'..=b'9' = self.peek() {
                self.i += 1;
                if overflowed {
                    continue;
                }
                match significand.checked_mul(10).and_then(|s| s.checked_add(u64::from(c - b'0'))) {
                    Some(s) => {
                        significand = s;
                        exponent = exponent.saturating_sub(1);
                    }
                    None => overflowed = true,
                }
            }
        }
        if matches!(self.peek(), b'e' | b'E') {
            self.i += 1;
            integer = false;
            let positive_exp = match self.peek() {
                b'+' => {
                    self.i += 1;
                    true
                }
                b'-' => {
                    self.i += 1;
                    false
                }
                _ => true,
            };
            if !self.peek().is_ascii_digit() {
                return None;
            }
            let mut exp: i32 = 0;
            while let c @ b'0'..=b'9' = self.peek() {
                self.i += 1;
                exp = exp.checked_mul(10)?.checked_add(i32::from(c - b'0'))?;
            }
            exponent = if positive_exp { exponent.checked_add(exp)? } else { exponent.checked_sub(exp)? };
        }
        if integer {
            return Some(if positive {
                Number::U64(significand)
            } else {
                // As serde_json: `-0` and magnitudes past i64 are floats.
                match (significand as i64).wrapping_neg() {
                    n if n < 0 => Number::I64(n),
                    _ => Number::F64(-(significand as f64)),
                }
            });
        }
        let f = f64_from_parts(significand, exponent)?;
        Some(Number::F64(if positive { f } else { -f }))
    }

    /// One delivery object at the cursor; its entries written to `out`, its `object` token
    /// returned.
    /// One delivery object at the cursor, its entries written to `out` (after the result's
    /// start when `out` is empty and `object` came first); its `object` token.
    fn delivery(&mut self, out: &mut String, events: &mut Vec<Event>, login: Login) -> Option<Span> {
        self.expect(b'{')?;
        let (mut object, mut entries) = (None, false);
        self.object(|s, key| match key? {
            b"object" if object.is_none() => {
                object = Some(s.string_span()?);
                Some(())
            }
            b"entry" if !entries => {
                entries = true;
                if let (true, Some(object)) = (out.is_empty(), object) {
                    out.push_str(OBJECT);
                    out.push_str(s.slice(object)?);
                    out.push_str(ENTRIES);
                }
                s.expect(b'[')?;
                s.array(|s| s.entry(out, events, login))
            }
            b"object" | b"entry" => None,
            _ => s.value().map(drop),
        })?;
        object.filter(|_| entries)
    }

    fn expect(&self, c: u8) -> Option<()> {
        (self.peek() == c).then_some(())
    }

    /// A string token's span (anything else: `None`).
    fn string_span(&mut self) -> Option<Span> {
        self.expect(b'"')?;
        self.string().map(|(start, end, _)| (start, end))
    }

    /// One entry object at the cursor, written to `out`.
    fn entry(&mut self, out: &mut String, events: &mut Vec<Event>, login: Login) -> Option<()> {
        self.expect(b'{')?;
        events.clear();
        let (mut id, mut time) = (None, None);
        let mut seen = [false; 3];
        self.object(|s, key| {
            let key = key?;
            let group = match key {
                b"id" if id.is_none() => {
                    id = Some(s.entry_id()?);
                    return Some(());
                }
                b"time" if time.is_none() => {
                    time = Some(s.entry_time()?);
                    return Some(());
                }
                b"changes" => 0,
                b"messaging" => 1,
                b"standby" => 2,
                b"id" | b"time" => return None,
                _ => return s.value().map(drop),
            };
            if std::mem::replace(&mut seen[usize::from(group)], true) {
                return None;
            }
            if s.peek() == b'n' {
                return s.literal(b"null");
            }
            s.expect(b'[')?;
            s.array(|s| {
                let event = match group {
                    0 => s.change()?,
                    1 => {
                        let start = s.i;
                        let field = s.messaging_field(login)?;
                        Event { group, field: Field::Name(field), value: Some((start, s.i)) }
                    }
                    _ => Event { group, field: Field::Name("standby"), value: Some(s.value()?) },
                };
                events.push(event);
                Some(())
            })
        })?;
        if !(out.is_empty() || out.ends_with('[')) {
            out.push(',');
        }
        out.push_str(r#"{"id":"#);
        match id? {
            IdText::Token(span) => out.push_str(self.slice(span)?),
            IdText::Digits(span) => {
                out.push('"');
                out.push_str(self.slice(span)?);
                out.push('"');
            }
        }
        write!(out, r#","time":{},"events":["#, time?).ok()?;
        let mut first = true;
        for group in 0..3 {
            for event in events.iter().filter(|e| e.group == group) {
                out.push_str(if first { r#"{"field":"# } else { r#",{"field":"# });
                first = false;
                match event.field {
                    Field::Token(span) => out.push_str(self.slice(span)?),
                    Field::Name(name) => {
                        out.push('"');
                        out.push_str(name);
                        out.push('"');
                    }
                }
                out.push_str(r#","value":"#);
                out.push_str(event.value.map_or(Some("null"), |span| self.slice(span))?);
                out.push('}');
            }
        }
        out.push_str("]}");
        Some(())
    }

    /// `entry[].id`: a string, or an integer (its exact digits).
    fn entry_id(&mut self) -> Option<IdText> {
        if self.peek() == b'"' {
            return self.string_span().map(IdText::Token);
        }
        let start = self.i;
        match self.number()? {
            Number::U64(_) | Number::I64(_) => Some(IdText::Digits((start, self.i))),
            Number::F64(_) => None,
        }
    }

    /// `entry[].time` in milliseconds (a value below 10^11 is in seconds), as
    /// [`super::entry_time`] reads it.
    fn entry_time(&mut self) -> Option<i64> {
        let t = match self.number()? {
            Number::U64(u) => i64::try_from(u).ok()?,
            Number::I64(i) => i,
            Number::F64(f) => {
                let ms = if f < SECONDS_BELOW as f64 { f * 1000.0 } else { f };
                const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
                return (ms.is_finite() && (-TWO_POW_63..TWO_POW_63).contains(&ms)).then(|| ms.round() as i64);
            }
        };
        if t < SECONDS_BELOW {
            t.checked_mul(1000)
        } else {
            Some(t)
        }
    }

    /// One `changes` item: an object with a string `field`; its `value` (absent or `null`:
    /// `null`).
    fn change(&mut self) -> Option<Event> {
        self.expect(b'{')?;
        let (mut field, mut value) = (None, None);
        self.object(|s, key| match key? {
            b"field" if field.is_none() => {
                field = Some(s.string_span()?);
                Some(())
            }
            b"value" if value.is_none() => {
                value = Some(s.value()?);
                Some(())
            }
            b"field" | b"value" => None,
            _ => s.value().map(drop),
        })?;
        Some(Event { group: 0, field: Field::Token(field?), value })
    }

    /// One `messaging` item, consumed; the subscription field its key gives
    /// ([`super::messaging_field`]).
    fn messaging_field(&mut self, login: Login) -> Option<&'static str> {
        if self.peek() != b'{' {
            self.value()?;
            return Some("messaging");
        }
        // `None`: no `message`; `Some(echo)`.
        let mut message = None;
        let mut keys = [false; MESSAGING_KEYS.len()];
        self.object(|s, key| {
            let key = key?;
            if key == b"message" {
                if message.is_some() {
                    return None;
                }
                message = Some(s.is_echo()?);
                return Some(());
            }
            if let Some(k) = MESSAGING_KEYS.iter().position(|(name, _)| *name == key) {
                if std::mem::replace(&mut keys[k], true) {
                    return None;
                }
            }
            s.value().map(drop)
        })?;
        Some(match message {
            Some(true) if login == Login::Instagram => "message_echoes",
            Some(_) => "messages",
            None => MESSAGING_KEYS.iter().zip(keys).find(|(_, seen)| *seen).map_or("messaging", |((_, field), _)| field),
        })
    }

    /// A `message` value, consumed: whether it is an object whose `is_echo` is `true`.
    fn is_echo(&mut self) -> Option<bool> {
        if self.peek() != b'{' {
            self.value()?;
            return Some(false);
        }
        let mut echo = None;
        self.object(|s, key| match key? {
            b"is_echo" if echo.is_none() => {
                let (start, end) = s.value()?;
                echo = Some(s.b.get(start..end) == Some(b"true"));
                Some(())
            }
            b"is_echo" => None,
            _ => s.value().map(drop),
        })?;
        Some(echo == Some(true))
    }
}

/// The high bit of each byte of `w` (little-endian) that is `"`, `\\` or below 0x20, exact up to
/// the first such byte (the bits above it may be set wrongly, so only the lowest one is read).
#[inline(always)]
fn special_bytes(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v;
    let quote = zero(w ^ (ONES * u64::from(b'"')));
    let backslash = zero(w ^ (ONES * u64::from(b'\\')));
    let control = w.wrapping_sub(ONES * 0x20) & !w;
    (quote | backslash | control) & HIGH
}

/// How an entry id is written out: a string token as it is, integer digits quoted.
enum IdText {
    Token(Span),
    Digits(Span),
}

/// serde_json's `f64_from_parts` (without `float_roundtrip`): `significand × 10^exponent` by one
/// multiplication or division by an exact power of ten. Beyond 10^22 (where serde_json's table
/// holds rounded powers, and where a number can be out of range) the body leaves the fast path.
fn f64_from_parts(significand: u64, exponent: i32) -> Option<f64> {
    const EXACT: [f64; 23] =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
    let pow = EXACT.get(usize::try_from(exponent.unsigned_abs()).ok()?)?;
    let f = significand as f64;
    Some(if exponent >= 0 { f * pow } else { f / pow })
}
