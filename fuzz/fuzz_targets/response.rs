//! Arbitrary bytes as a Graph response body (and a status): the JSON parser, the error parser,
//! the body readers, the batch and upload parsers, secret stripping and redaction. None may
//! panic; no secret may survive redaction; stripping leaves nothing to strip. The JSON parser
//! reads what serde_json (the parser it replaced) read, to the same value, refuses what it
//! refused with the same words, and what it writes reads back to the same value.
#![no_main]

use instagram_graph::endpoints::{batch, upload, user, Operation};
use instagram_graph::flow::read;
use instagram_graph::error::{graph_error, response_error};
use instagram_graph::json::parse;
use instagram_graph::page::strip_secret_params;
use instagram_graph::redact::Redactor;
use libfuzzer_sys::fuzz_target;

const TOKEN: &str = "EAAGfuzzTokenSecret";

fuzz_target!(|data: &[u8]| {
    let status = data.first().map_or(200, |b| [200, 400, 500, 502, 429][usize::from(*b) % 5]);
    let text = String::from_utf8_lossy(data.get(1..).unwrap_or_default());
    let redactor = Redactor::new([TOKEN]);

    match (parse(&text), serde_json::from_str::<serde_json::Value>(&text)) {
        (Ok(ours), Ok(theirs)) => {
            assert_eq!(serde_json::to_value(&ours).expect("a value serialises"), theirs, "{text:?}");
            assert_eq!(parse(&ours.to_string()).as_ref(), Ok(&ours), "{text:?}");
        }
        (Err(ours), Err(theirs)) => assert_eq!(ours.to_string(), theirs.to_string(), "{text:?}"),
        (ours, theirs) => panic!("{text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }

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
