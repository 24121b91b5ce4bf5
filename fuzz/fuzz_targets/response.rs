//! Arbitrary bytes as a Graph response body (and a status): the error parser, the body readers,
//! the batch and upload parsers, secret stripping and redaction. None may panic; no secret may
//! survive redaction; stripping leaves nothing to strip.
#![no_main]

use instagram_graph::endpoints::{batch, upload, user, Operation};
use instagram_graph::flow::read;
use instagram_graph::error::{graph_error, response_error};
use instagram_graph::page::strip_secret_params;
use instagram_graph::redact::Redactor;
use libfuzzer_sys::fuzz_target;

const TOKEN: &str = "EAAGfuzzTokenSecret";

fuzz_target!(|data: &[u8]| {
    let status = data.first().map_or(200, |b| [200, 400, 500, 502, 429][usize::from(*b) % 5]);
    let text = String::from_utf8_lossy(data.get(1..).unwrap_or_default());
    let redactor = Redactor::new([TOKEN]);

    let e = graph_error(status, &text, None, &redactor);
    let shown = format!("{e} {:?}", e.body);
    assert!(!shown.to_ascii_lowercase().contains(&TOKEN.to_ascii_lowercase()), "{shown}");
    if let Some(e) = response_error(status, &text, None, &redactor) {
        assert!(!format!("{e}").to_ascii_lowercase().contains(&TOKEN.to_ascii_lowercase()));
    } else {
        assert!((200..300).contains(&status));
    }

    let op: Operation = user::get_user("me", None).expect("a valid operation");
    if let Ok(out) = read(&op, text.to_string()) {
        assert!(strip_secret_params(&out.to_string()).is_none(), "read left a secret URL parameter: {out}");
    }
    let _ = batch::parse_response(status, &text, 3, &redactor);
    let _ = upload::upload_error(status, &text, &redactor);
    let _ = upload::server_offset(&text, 1 << 20);

    if let Some(clean) = strip_secret_params(&text) {
        assert!(strip_secret_params(&clean).is_none(), "stripping twice changed {clean}");
    }
    let r = redactor.redact(&text);
    assert!(!r.to_ascii_lowercase().contains(&TOKEN.to_ascii_lowercase()));
    let _ = redactor.redact_cut(&text, 200);
});
