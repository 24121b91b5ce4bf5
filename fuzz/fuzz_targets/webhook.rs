//! Arbitrary bytes into the webhook functions: none may panic.
//!
//! Run (from the repository root; see fuzz/README.md):
//! `RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=/tmp/target-webhook-fuzz cargo fuzz run webhook -- -max_total_time=60`
#![no_main]

use instagram_graph::json::ToJson;
use instagram_graph::webhook::{parse_for, parse_to_json, sign, verify_signature, verify_subscription, Login};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    // The whole input as a webhook body, for both login flavours: the one-pass JSON result (what
    // the wasm binding hands to JSON.parse) is parse_for's result, or the same error.
    for login in [Login::Facebook, Login::Instagram] {
        let want = parse_for(data, login).map(|d| serde_json::from_str::<Value>(&d.to_json()).expect("a delivery is written as JSON"));
        let got = parse_to_json(data, login).map(|text| serde_json::from_str::<Value>(&text).expect("the result is JSON"));
        assert_eq!(got, want);
    }

    // Split the input at the first two 0xFF bytes (never part of UTF-8): header, body, secret.
    let mut parts = data.splitn(3, |&b| b == 0xff);
    let header = parts.next().unwrap_or_default();
    let body = parts.next().unwrap_or_default();
    let secret = parts.next().unwrap_or_default();
    let header = std::str::from_utf8(header).ok();
    let _ = verify_signature(body, header, secret);
    // A signature we made ourselves must verify (unless the secret is empty), and a header
    // with one more digit must not.
    let good = sign(body, secret);
    assert_eq!(verify_signature(body, Some(&good), secret), !secret.is_empty());
    assert!(!verify_signature(body, Some(&format!("{good}0")), secret));

    // The same four strings as the query parameters and the configured token.
    let text = String::from_utf8_lossy(data);
    let mut fields = text.splitn(4, '&');
    let mode = fields.next();
    let token = fields.next();
    let challenge = fields.next();
    let expected = fields.next().unwrap_or_default();
    if let Some(answer) = verify_subscription(mode, token, challenge, expected) {
        assert_eq!(mode, Some("subscribe"));
        assert_eq!(token, Some(expected));
        assert_eq!(Some(answer.as_str()), challenge);
    }
});
