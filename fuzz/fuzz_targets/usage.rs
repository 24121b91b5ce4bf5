//! Arbitrary text as the `X-App-Usage` and `X-Business-Use-Case-Usage` headers: a malformed
//! header is ignored, never fatal, and the wait it asks for is a finite number of milliseconds.
#![no_main]

use instagram_graph::rate_limit::RateLimit;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (app, buc) = text.split_once('\n').unwrap_or((&text, &text));
    let r = RateLimit::from_headers(Some(app), Some(buc), 1_700_000_000_000.0);
    let _ = r.regain_access_ms();
    assert!(!r.max_usage_percent().is_nan());
    let _ = serde_json::to_string(&r);
});
