//! Percent-encoding and query strings: a leaf module (it uses nothing else of the crate but
//! hex digits), so that parameters, redaction and errors can all use it without a cycle.

use crate::crypto::hex_digit;

/// Percent-encode everything but the unreserved characters of RFC 3986 (`A-Z a-z 0-9 - . _ ~`).
/// The same encoding serves query strings, form bodies and path segments.
pub fn encode_component(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    encode_into(&mut out, s);
    ascii(out)
}

/// [`encode_component`] onto the end of `out` (which then holds only ASCII).
pub fn encode_into(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b);
        } else {
            out.extend_from_slice(&[b'%', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
        }
    }
}

/// Encoded bytes as a string (they are ASCII).
pub fn ascii(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_default()
}

/// Decode a percent-encoded query component (`+` is a space). Invalid escapes are kept as text.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => match (bytes.get(i + 1).and_then(|&c| hex_digit(c)), bytes.get(i + 2).and_then(|&c| hex_digit(c))) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The value of `name` in the query string of `url` (decoded), if present.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or_default();
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (decode_component(k) == name).then(|| decode_component(v))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips() {
        let s = "a b&c=d/é✓%+#?";
        assert_eq!(encode_component(s), "a%20b%26c%3Dd%2F%C3%A9%E2%9C%93%25%2B%23%3F");
        assert_eq!(decode_component(&encode_component(s)), s);
        assert_eq!(decode_component("a+b%2"), "a b%2");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(query_param("https://x/y?limit=25&after=QVF%3D%3D&access_token=t", "after").as_deref(), Some("QVF=="));
        assert_eq!(query_param("https://x/y?a=1#after=2", "after"), None);
        assert_eq!(query_param("https://x/y", "after"), None);
    }
}
