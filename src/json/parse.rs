//! The JSON parser (RFC 8259): what serde_json accepted, with its error messages and
//! positions, into a [`Value`] whose numbers keep their text and whose objects keep their
//! member order.
//!
//! NB: serde_json was the parser before, and bodies, headers, error texts and tests were written
//! against it, so this one refuses what it refused and says it the same way: nesting deeper
//! than 127 arrays and objects (its recursion limit of 128), lone surrogates in `\u` escapes,
//! numbers whose value is beyond `f64` (`1e400`; `1e-400` is 0). A repeated member name keeps
//! the last value (in the first one's place, as `JSON.parse`).

use std::fmt;

use super::number::scan_number;
use super::value::{Map, Number, Value};

/// Nesting this deep is refused (serde_json's limit: 127 containers inside each other parse).
const RECURSION_LIMIT: u32 = 128;

/// Why a text is not JSON, and where (serde_json's wording: `expected value at line 1 column
/// 1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    code: Code,
    line: usize,
    column: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    EofWhileParsingList,
    EofWhileParsingObject,
    EofWhileParsingString,
    EofWhileParsingValue,
    ExpectedColon,
    ExpectedListCommaOrEnd,
    ExpectedObjectCommaOrEnd,
    ExpectedSomeIdent,
    ExpectedSomeValue,
    InvalidEscape,
    InvalidNumber,
    NumberOutOfRange,
    ControlCharacterWhileParsingString,
    KeyMustBeAString,
    LoneLeadingSurrogateInHexEscape,
    TrailingComma,
    TrailingCharacters,
    UnexpectedEndOfHexEscape,
    RecursionLimitExceeded,
}

impl ParseError {
    /// Whether the text ended too soon (it may be cut short).
    pub fn is_eof(&self) -> bool {
        matches!(
            self.code,
            Code::EofWhileParsingList | Code::EofWhileParsingObject | Code::EofWhileParsingString | Code::EofWhileParsingValue
        )
    }

    /// The line of the error (from 1).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of the error: bytes from the start of its line.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = match self.code {
            Code::EofWhileParsingList => "EOF while parsing a list",
            Code::EofWhileParsingObject => "EOF while parsing an object",
            Code::EofWhileParsingString => "EOF while parsing a string",
            Code::EofWhileParsingValue => "EOF while parsing a value",
            Code::ExpectedColon => "expected `:`",
            Code::ExpectedListCommaOrEnd => "expected `,` or `]`",
            Code::ExpectedObjectCommaOrEnd => "expected `,` or `}`",
            Code::ExpectedSomeIdent => "expected ident",
            Code::ExpectedSomeValue => "expected value",
            Code::InvalidEscape => "invalid escape",
            Code::InvalidNumber => "invalid number",
            Code::NumberOutOfRange => "number out of range",
            Code::ControlCharacterWhileParsingString => "control character (\\u0000-\\u001F) found while parsing a string",
            Code::KeyMustBeAString => "key must be a string",
            Code::LoneLeadingSurrogateInHexEscape => "lone leading surrogate in hex escape",
            Code::TrailingComma => "trailing comma",
            Code::TrailingCharacters => "trailing characters",
            Code::UnexpectedEndOfHexEscape => "unexpected end of hex escape",
            Code::RecursionLimitExceeded => "recursion limit exceeded",
        };
        write!(f, "{message} at line {} column {}", self.line, self.column)
    }
}

impl std::error::Error for ParseError {}

/// Parse a JSON text.
///
/// # Errors
/// [`ParseError`] when `text` is not one JSON value (with whitespace around it).
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut p = Parser { text, bytes: text.as_bytes(), i: 0, remaining_depth: RECURSION_LIMIT };
    let value = p.value()?;
    match p.whitespace() {
        None => Ok(value),
        Some(_) => Err(p.peek_error(Code::TrailingCharacters)),
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    i: usize,
    remaining_depth: u32,
}

impl Parser<'_> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    #[inline]
    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.i += 1;
        Some(b)
    }

    /// The next byte that is not whitespace, not consumed.
    #[inline]
    fn whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
        self.peek()
    }

    fn error_at(&self, code: Code, index: usize) -> ParseError {
        let before = self.bytes.get(..index).unwrap_or(self.bytes);
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
        let line = 1 + before.iter().take(line_start).filter(|&&b| b == b'\n').count();
        ParseError { code, line, column: index - line_start }
    }

    /// An error about the byte just read (serde_json's `error`).
    fn error(&self, code: Code) -> ParseError {
        self.error_at(code, self.i)
    }

    /// An error about the byte not yet read (serde_json's `peek_error`).
    fn peek_error(&self, code: Code) -> ParseError {
        self.error_at(code, (self.i + 1).min(self.bytes.len()))
    }

    fn value(&mut self) -> Result<Value, ParseError> {
        let Some(b) = self.whitespace() else { return Err(self.peek_error(Code::EofWhileParsingValue)) };
        match b {
            b'n' => self.ident(b"null").map(|()| Value::Null),
            b't' => self.ident(b"true").map(|()| Value::Bool(true)),
            b'f' => self.ident(b"false").map(|()| Value::Bool(false)),
            b'-' | b'0'..=b'9' => self.number(),
            b'"' => {
                self.i += 1;
                self.string().map(Value::String)
            }
            b'[' | b'{' => {
                self.remaining_depth -= 1;
                if self.remaining_depth == 0 {
                    return Err(self.peek_error(Code::RecursionLimitExceeded));
                }
                self.i += 1;
                let v = if b == b'[' { self.array() } else { self.object() };
                self.remaining_depth += 1;
                v
            }
            _ => Err(self.peek_error(Code::ExpectedSomeValue)),
        }
    }

    fn ident(&mut self, word: &[u8]) -> Result<(), ParseError> {
        self.i += 1;
        for expected in word.iter().skip(1) {
            match self.next() {
                None => return Err(self.error(Code::EofWhileParsingValue)),
                Some(b) if b != *expected => return Err(self.error(Code::ExpectedSomeIdent)),
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.i;
        match scan_number(self.bytes, start) {
            Ok((_, end)) => {
                self.i = end;
                Ok(Value::Number(Number::from_checked_text(self.slice(start, end))))
            }
            Err((code, at, peek)) => {
                self.i = at;
                Err(if peek { self.peek_error(code) } else { self.error(code) })
            }
        }
    }

    #[inline]
    fn slice(&self, from: usize, to: usize) -> &str {
        // Always at ASCII bytes (quotes, backslashes, number ends): char boundaries.
        self.text.get(from..to).unwrap_or_default()
    }

    /// The rest of a string whose opening quote was read.
    fn string(&mut self) -> Result<String, ParseError> {
        let mut out = String::new();
        loop {
            let start = self.i;
            let rest = self.bytes.get(start..).unwrap_or_default();
            let run = rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).unwrap_or(rest.len());
            self.i += run;
            let Some(b) = self.next() else { return Err(self.error(Code::EofWhileParsingString)) };
            let text = self.slice(start, start + run);
            match b {
                // The common case, a string without escapes: one copy.
                b'"' if out.is_empty() => return Ok(text.to_owned()),
                b'"' => {
                    out.push_str(text);
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(text);
                    self.escape(&mut out)?;
                }
                _ => return Err(self.error(Code::ControlCharacterWhileParsingString)),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(b) = self.next() else { return Err(self.error(Code::EofWhileParsingString)) };
        out.push(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape()?,
            _ => return Err(self.error(Code::InvalidEscape)),
        });
        Ok(())
    }

    /// The character of a `\u` escape (a surrogate pair takes two), the `\u` read.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let first = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&first) {
            return Err(self.error(Code::LoneLeadingSurrogateInHexEscape));
        }
        if !(0xD800..=0xDBFF).contains(&first) {
            return char::from_u32(first).ok_or_else(|| self.error(Code::InvalidEscape));
        }
        for expected in [b'\\', b'u'] {
            match self.next() {
                None => return Err(self.error(Code::EofWhileParsingString)),
                Some(b) if b != expected => return Err(self.error(Code::UnexpectedEndOfHexEscape)),
                Some(_) => {}
            }
        }
        let second = self.hex4()?;
        if !(0xDC00..=0xDFFF).contains(&second) {
            return Err(self.error(Code::LoneLeadingSurrogateInHexEscape));
        }
        char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)).ok_or_else(|| self.error(Code::InvalidEscape))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let Some(digits) = self.bytes.get(self.i..self.i + 4) else {
            self.i = self.bytes.len();
            return Err(self.error(Code::EofWhileParsingString));
        };
        self.i += 4;
        let mut n = 0;
        for &d in digits {
            let Some(v) = crate::crypto::hex_digit(d) else { return Err(self.error(Code::InvalidEscape)) };
            n = n << 4 | u32::from(v);
        }
        Ok(n)
    }

    /// The elements of an array whose `[` was read, and its `]`.
    fn array(&mut self) -> Result<Value, ParseError> {
        let mut items = Vec::new();
        loop {
            let Some(b) = self.whitespace() else { return Err(self.peek_error(Code::EofWhileParsingList)) };
            if b == b']' {
                self.i += 1;
                return Ok(Value::Array(items));
            }
            if !items.is_empty() {
                if b != b',' {
                    return Err(self.peek_error(Code::ExpectedListCommaOrEnd));
                }
                self.i += 1;
                match self.whitespace() {
                    Some(b']') => return Err(self.peek_error(Code::TrailingComma)),
                    Some(_) => {}
                    None => return Err(self.peek_error(Code::EofWhileParsingValue)),
                }
            }
            items.push(self.value()?);
        }
    }

    /// The members of an object whose `{` was read, and its `}`.
    fn object(&mut self) -> Result<Value, ParseError> {
        let mut members: Vec<(String, Value)> = Vec::new();
        loop {
            let Some(b) = self.whitespace() else { return Err(self.peek_error(Code::EofWhileParsingObject)) };
            if b == b'}' {
                self.i += 1;
                keep_last_of_repeats(&mut members);
                return Ok(Value::Object(Map::from_members(members)));
            }
            if members.is_empty() {
                if b != b'"' {
                    return Err(self.peek_error(Code::KeyMustBeAString));
                }
            } else {
                if b != b',' {
                    return Err(self.peek_error(Code::ExpectedObjectCommaOrEnd));
                }
                self.i += 1;
                match self.whitespace() {
                    Some(b'"') => {}
                    Some(b'}') => return Err(self.peek_error(Code::TrailingComma)),
                    Some(_) => return Err(self.peek_error(Code::KeyMustBeAString)),
                    None => return Err(self.peek_error(Code::EofWhileParsingValue)),
                }
            }
            self.i += 1;
            let key = self.string()?;
            match self.whitespace() {
                Some(b':') => self.i += 1,
                Some(_) => return Err(self.peek_error(Code::ExpectedColon)),
                None => return Err(self.peek_error(Code::EofWhileParsingObject)),
            }
            let value = self.value()?;
            members.push((key, value));
        }
    }
}

/// A repeated member name keeps its first place and its last value. Small objects are checked
/// pair by pair; larger ones through a sorted list of positions, so no input costs quadratic
/// time.
fn keep_last_of_repeats(members: &mut Vec<(String, Value)>) {
    let n = members.len();
    let repeats =
        if n <= 16 { members.iter().enumerate().any(|(i, (k, _))| members.iter().skip(i + 1).any(|(other, _)| other == k)) } else { true };
    if !repeats {
        return;
    }
    let mut order: Vec<usize> = (0..n).collect();
    let key = |i: usize| members.get(i).map_or("", |(k, _)| k.as_str());
    order.sort_unstable_by(|&a, &b| key(a).cmp(key(b)).then(a.cmp(&b)));
    let mut drop = vec![false; n];
    let mut moves = Vec::new();
    for run in order.chunk_by(|&a, &b| key(a) == key(b)) {
        if let (Some(&first), Some(&last)) = (run.first(), run.last()) {
            if first != last {
                moves.push((first, last));
                run.iter().skip(1).for_each(|&i| drop[i] = true);
            }
        }
    }
    if moves.is_empty() {
        return;
    }
    for (first, last) in moves {
        members.swap(first, last);
    }
    let mut i = 0;
    members.retain(|_| {
        i += 1;
        !drop.get(i - 1).copied().unwrap_or(false)
    });
}
