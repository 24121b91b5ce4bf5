//! Arbitrary text as ids, paths and parameters: node ids never change a URL's meaning,
//! percent-encoding round-trips, and parameters from any JSON encode without panicking (sends,
//! product tags and product ids too); a hosted-upload URL never puts a control character in a
//! header.
#![no_main]

use instagram_graph::config::{Config, Options};
use instagram_graph::endpoints::{messaging, node_id, product_tags, relative_path, upload};
use instagram_graph::encoding::{decode_component, encode_component, query_param};
use instagram_graph::params::Params;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(id) = node_id("id", &text) {
        assert!(!id.is_empty() && !id.chars().all(|c| c == '.'), "{id:?}");
        assert!(!id.contains(['/', '?', '#', '&', '\\', ' ']), "{id:?}");
        assert_eq!(decode_component(&id), text);
    }
    assert_eq!(decode_component(&encode_component(&text)), text);
    if let Ok(path) = relative_path(&text) {
        assert!(!path.split('/').any(|s| s == "." || s == ".."), "{path:?}");
        assert!(!path.contains(['?', '#']), "{path:?}");
    }
    let _ = query_param(&text, "after");
    if let Ok(config) = Config::new(Options { access_token: Some("T".into()), ..Options::default() }) {
        if let Ok(r) = upload::hosted_request(&config, "1", &text) {
            assert!(r.headers.iter().all(|(_, v)| !v.chars().any(char::is_control)), "{text:?}");
        }
    }
    if let Some(v) = std::str::from_utf8(data).ok().and_then(|t| instagram_graph::json::parse(t).ok()) {
        if let Ok(p) = Params::from_json(Some(&v), "params") {
            let _ = p.encode();
        }
        let _ = messaging::send_message("1", Some(&v), Some("P"));
        let _ = product_tags::set_product_tags("1", Some(&v));
        let _ = product_tags::delete_product_tags("1", Some(&v));
        let _ = product_tags::string_ids(v, &["product_id"]);
    }
});
