//! Arbitrary text as the `X-App-Usage` and `X-Business-Use-Case-Usage` headers: a malformed
//! header is ignored, never fatal, and the wait it asks for is a finite number of milliseconds.
#![no_main]

use instagram_graph::json::{parse, ToJson};
use instagram_graph::rate_limit::RateLimit;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (app, buc) = text.split_once('\n').unwrap_or((&text, &text));
    let r = RateLimit::from_headers(Some(app), Some(buc), 1_700_000_000_000.0);
    let _ = r.regain_access_ms();
    assert!(!r.max_usage_percent().is_nan());
    // What `client.rateLimit` hands to JavaScript is JSON, and reads back to the same headers.
    let written = r.to_json();
    let back = parse(&written).unwrap_or_else(|e| panic!("{e}: {written}"));
    assert_eq!(back.get("app"), r.app.as_ref().map(|a| instagram_graph::json::Value::Object(a.0.clone())).as_ref());
});
