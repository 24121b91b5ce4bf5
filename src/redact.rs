//! Removing secrets (access tokens, app secrets, `appsecret_proof`, `client_secret`) from
//! anything that reaches an error message, a `Debug` string or a log line.

use crate::json::Value;

/// What secrets look like in text: the query and form parameters that carry them, and the
/// authorization schemes.
/// The one list of parameter names whose values are secrets.
const SECRET_PARAMS: &[&str] = &["access_token", "appsecret_proof", "client_secret", "fb_exchange_token", "input_token", "code"];
/// The first two: what the client adds to every call itself (callers may not pass them), and
/// what Meta embeds in the `paging` URLs it returns.
pub const TOKEN_PARAMS: &[&str] = SECRET_PARAMS.split_at(2).0;
const AUTH_SCHEMES: &[&str] = &["Authorization: OAuth ", "Authorization: Bearer ", "authorization: OAuth ", "authorization: Bearer "];

/// Whether a query or form parameter of this name carries a secret.
pub fn is_secret_param(name: &str) -> bool {
    SECRET_PARAMS.contains(&name)
}

/// Secrets shorter than this are not searched for in text.
const MIN_SECRET_CHARS: usize = 4;

/// The replacement text.
pub const REDACTED: &str = "[REDACTED]";

/// Removes known secret values, and any value of a secret-carrying parameter, from text.
#[derive(Clone, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Redactor({} secrets)", self.secrets.len())
    }
}

impl Redactor {
    /// A redactor for these secret values (empty strings are ignored).
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Self {
        let mut out = Redactor::default();
        for s in secrets {
            out.add(s);
        }
        out
    }

    /// Also remove `secret` (and its percent-encoded form) from now on. Matching ignores ASCII
    /// case, so an upper-case `appsecret_proof` or a `%7c` escape is found too.
    pub fn add(&mut self, secret: &str) {
        // NB: a "secret" of a few characters would match ordinary words in every message (real
        // tokens, secrets and proofs are dozens of characters); parameters still go by name.
        if secret.len() < MIN_SECRET_CHARS {
            return;
        }
        let encoded = crate::encoding::encode_component(secret);
        for s in [secret.to_owned(), encoded] {
            if !self.secrets.contains(&s) {
                // Longest first, so that a secret containing another is removed whole (a few
                // secrets only: an insertion, not a sort, which would cost kilobytes of wasm).
                let at = self.secrets.iter().position(|t| t.len() < s.len()).unwrap_or(self.secrets.len());
                self.secrets.insert(at, s);
            }
        }
    }

    /// Whether this redactor knows no secret value (it still removes secret parameters).
    pub fn is_empty(&self) -> bool {
        self.secrets.is_empty()
    }

    /// Also remove every secret `other` knows.
    pub fn extend(&mut self, other: &Redactor) {
        for s in &other.secrets {
            self.add(s);
        }
    }

    /// `text` with every known secret and every secret-carrying parameter value replaced.
    pub fn redact(&self, text: &str) -> String {
        // NB: parameters first, so that a parameter's whole value goes (a known secret replaced
        // first would leave `access_token=[REDACTED]` for the parameter rule to cut at its `]`).
        let mut out = redact_params(text);
        for s in &self.secrets {
            out = replace_ignoring_case(&out, s);
        }
        out
    }

    /// `text` redacted, then cut to at most `max` characters (`…` marks a cut). Redacting first
    /// means a secret that straddles the cut cannot survive in part.
    pub fn redact_cut(&self, text: &str, max: usize) -> String {
        let r = self.redact(text);
        match r.char_indices().nth(max) {
            Some((at, _)) => format!("{}…", &r[..at]),
            None => r,
        }
    }

    /// Redact every string inside a JSON value, object keys included.
    pub fn redact_json(&self, value: &mut Value) {
        match value {
            Value::String(s) => {
                let r = self.redact(s);
                if r != *s {
                    *s = r;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.redact_json(v)),
            Value::Object(map) => {
                let keys: Vec<String> = map.keys().filter(|k| self.redact(k) != **k).cloned().collect();
                for k in keys {
                    if let Some(v) = map.remove(&k) {
                        map.insert(self.redact(&k), v);
                    }
                }
                map.values_mut().for_each(|v| self.redact_json(v));
            }
            _ => {}
        }
    }
}

/// `text` with every ASCII-case-insensitive occurrence of `needle` replaced by [`REDACTED`].
/// (ASCII lower-casing keeps byte offsets, so the matches index `text` itself.)
fn replace_ignoring_case(text: &str, needle: &str) -> String {
    let hay = text.to_ascii_lowercase();
    let needle = needle.to_ascii_lowercase();
    if !hay.contains(&needle) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, _) in hay.match_indices(&needle) {
        if at < last {
            continue;
        }
        out.push_str(&text[last..at]);
        out.push_str(REDACTED);
        last = at + needle.len();
    }
    out.push_str(&text[last..]);
    out
}

/// Replace the value after `name=` (for each secret parameter) and after `OAuth `/`Bearer `.
fn redact_params(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if let Some(prefix_len) = secret_prefix_at(text, i) {
            out.push_str(&text[i..i + prefix_len]);
            let start = i + prefix_len;
            let end = text[start..]
                .find(|c: char| matches!(c, '&' | '"' | '\'' | '#' | '<' | '>' | ',' | ')' | ']' | '}') || c.is_whitespace())
                .map_or(text.len(), |n| start + n);
            if end > start {
                out.push_str(REDACTED);
            }
            i = end;
            continue;
        }
        // Copy one whole UTF-8 character.
        let ch_len = text[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[i..i + ch_len]);
        i += ch_len;
    }
    out
}

/// When a secret parameter (`access_token=`, at the start or after `?`, `&`, a quote or a
/// space) or an auth scheme starts at `i`, the length of that prefix.
fn secret_prefix_at(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i..];
    let boundary = i == 0 || matches!(text.as_bytes().get(i - 1), Some(b'?' | b'&' | b'"' | b'\'' | b' ' | b'\n' | b'{' | b','));
    if boundary {
        for p in SECRET_PARAMS {
            if rest.starts_with(p) && rest[p.len()..].starts_with('=') {
                return Some(p.len() + 1);
            }
        }
    }
    AUTH_SCHEMES.iter().find(|s| rest.starts_with(**s)).map(|s| s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_secrets_and_their_encodings_are_removed() {
        let r = Redactor::new(["EAAB|sec/ret", "appsecret"]);
        assert_eq!(r.redact("token EAAB|sec/ret here"), "token [REDACTED] here");
        assert_eq!(r.redact("token EAAB%7Csec%2Fret here"), "token [REDACTED] here");
        assert_eq!(r.redact("the appsecret leaked"), "the [REDACTED] leaked");
        assert_eq!(r.redact("nothing secret"), "nothing secret");
    }

    #[test]
    fn secret_parameters_are_removed_whatever_their_value() {
        let r = Redactor::default();
        assert_eq!(
            r.redact("https://graph.facebook.com/v27.0/me?fields=id&access_token=EAAxyz&appsecret_proof=abc123#x"),
            "https://graph.facebook.com/v27.0/me?fields=id&access_token=[REDACTED]&appsecret_proof=[REDACTED]#x"
        );
        assert_eq!(r.redact("client_secret=s3cr3t&code=AQD"), "client_secret=[REDACTED]&code=[REDACTED]");
        assert_eq!(r.redact("fb_exchange_token=abc input_token=def"), "fb_exchange_token=[REDACTED] input_token=[REDACTED]");
        assert_eq!(r.redact("Authorization: OAuth EAAtoken"), "Authorization: OAuth [REDACTED]");
        assert_eq!(r.redact("Authorization: Bearer EAAtoken, next"), "Authorization: Bearer [REDACTED], next");
        // a parameter whose name merely ends with a secret name is left alone
        assert_eq!(r.redact("zipcode=12345"), "zipcode=12345");
        // Meta's own prose is left readable
        assert_eq!(
            r.redact("Invalid OAuth access token - Cannot parse access token"),
            "Invalid OAuth access token - Cannot parse access token"
        );
        assert_eq!(r.redact("{\"next\":\"x?access_token=T\"}"), "{\"next\":\"x?access_token=[REDACTED]\"}");
    }

    #[test]
    fn json_strings_are_redacted() {
        let r = Redactor::new(["tok123"]);
        let mut v = crate::json::json!({"error": {"message": "bad tok123", "n": [1, "access_token=zz"]}});
        r.redact_json(&mut v);
        assert_eq!(v, crate::json::json!({"error": {"message": "bad [REDACTED]", "n": [1, "access_token=[REDACTED]"]}}));
    }

    #[test]
    fn case_encodings_keys_and_cuts() {
        let proof = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        let r = Redactor::new(["EAAB|x", proof]);
        assert_eq!(r.redact(&proof.to_ascii_uppercase()), REDACTED);
        assert_eq!(r.redact("t=EAAB%7cx."), "t=[REDACTED].");
        // a known secret after a secret parameter: one redaction, no stray bracket
        assert_eq!(r.redact("?access_token=EAAB|x&b=1"), "?access_token=[REDACTED]&b=1");
        let mut v = crate::json::json!({ "EAAB|x": { "k": proof } });
        r.redact_json(&mut v);
        assert_eq!(v, crate::json::json!({ "[REDACTED]": { "k": "[REDACTED]" } }));
        // redact, then cut: a secret that straddles the cut does not survive in part
        let text = format!("{}{}", "a".repeat(190), "EAAB|x and more");
        let cut = r.redact_cut(&text, 195);
        assert!(!cut.contains("EAAB"), "{cut}");
        assert!(cut.ends_with('…'));
        assert_eq!(r.redact_cut("short", 195), "short");
    }

    #[test]
    fn debug_shows_no_secret() {
        let r = Redactor::new(["tok123"]);
        assert_eq!(format!("{r:?}"), "Redactor(1 secrets)");
        assert_eq!(r.redact("ünïcode tok123 ✓"), "ünïcode [REDACTED] ✓");
    }
}
