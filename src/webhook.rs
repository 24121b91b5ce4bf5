//! Webhooks for the `instagram` object: the verification request (`hub.challenge`), the
//! `X-Hub-Signature-256` check, and the payload model.
//!
//! Everything here is a pure function of bytes and strings, safe on any input (no panics; every
//! malformed payload becomes an [`Error::Decode`] naming the JSON path at fault). The HTTP side
//! (reading the raw body, answering 200/401/403) belongs to the caller or to the JS `handle`.
//!
//! NB (Graph API "Webhooks: getting started" and the Instagram webhooks page): Meta signs the raw
//! body bytes with HMAC-SHA256 keyed by the app secret and sends `X-Hub-Signature-256:
//! sha256=<hex>`; `entry[].time` is in seconds for `changes` deliveries and in milliseconds for
//! `messaging` ones; the examples page shows the payload wrapped in a top-level JSON array.

use crate::json::{Object, ToJson, Value};
use sha2::{Digest, Sha256};

use crate::crypto::{constant_time_eq, hex, hex_digit, hmac_sha256};
use crate::error::{self, Error};
use crate::json::JsonView;

/// The only accepted prefix of the `X-Hub-Signature-256` header.
const SIGNATURE_PREFIX: &str = "sha256=";

/// An `entry[].time` below this is in seconds (10^11 s is in the year 5138; 10^11 ms is 1973).
const SECONDS_BELOW: i64 = 100_000_000_000;

/// The answer to Meta's verification request (`GET {callback}?hub.mode=subscribe&
/// hub.challenge=…&hub.verify_token=…`): the challenge to echo back with a 200, or `None` (answer
/// 403).
///
/// Returns the challenge only when `mode` is exactly `subscribe`, a non-empty `challenge` is
/// present and `verify_token` equals `expected_token`. The tokens are compared in constant time
/// (both are hashed with SHA-256 first, so not even the length of the expected token leaks). An
/// empty `expected_token` never matches, so a missing configuration cannot be satisfied by an
/// empty `hub.verify_token`.
pub fn verify_subscription(
    mode: Option<&str>,
    verify_token: Option<&str>,
    challenge: Option<&str>,
    expected_token: &str,
) -> Option<String> {
    let token = verify_token?;
    let challenge = challenge.filter(|c| !c.is_empty())?;
    if expected_token.is_empty() {
        return None;
    }
    // Always compare, so that the time taken does not depend on `mode`.
    let matches = constant_time_eq(&Sha256::digest(token.as_bytes()), &Sha256::digest(expected_token.as_bytes()));
    (matches && mode == Some("subscribe")).then(|| challenge.to_owned())
}

/// Whether `header` (the `X-Hub-Signature-256` value) is the HMAC-SHA256 of `raw_body` keyed by
/// `app_secret`.
///
/// `raw_body` must be the bytes exactly as received, before any JSON parsing. The header must be
/// exactly `sha256=` followed by 64 hex digits (either case); anything else (a missing header,
/// whitespace, another prefix or case of `sha256`, the legacy `sha1=` header, a wrong length,
/// non-hex characters) is `false`, never an error. The digests are compared in constant time. An
/// empty `app_secret` never verifies.
///
/// NB: apps that use Instagram Login receive payloads signed with the *Instagram* app secret;
/// callers that serve both kinds of login try each secret.
pub fn verify_signature(raw_body: &[u8], header: Option<&str>, app_secret: &[u8]) -> bool {
    !app_secret.is_empty() && signature_matches(header, &hmac_sha256(app_secret, raw_body))
}

/// Whether `header` is the signature of a body whose HMAC-SHA256 is `digest` (computed here or
/// by the platform's own crypto): the header rules of [`verify_signature`], compared in constant
/// time.
pub fn signature_matches(header: Option<&str>, digest: &[u8; 32]) -> bool {
    header.and_then(decode_signature_header).is_some_and(|expected| constant_time_eq(digest, &expected))
}

/// The `X-Hub-Signature-256` value Meta would send for `raw_body`: `sha256=` followed by the
/// lowercase hex HMAC-SHA256 keyed by `app_secret`. For tests and for tools that replay
/// deliveries to a webhook.
pub fn sign(raw_body: &[u8], app_secret: &[u8]) -> String {
    signature_header(&hmac_sha256(app_secret, raw_body))
}

/// The `X-Hub-Signature-256` value of a body whose HMAC-SHA256 is `digest`.
pub fn signature_header(digest: &[u8; 32]) -> String {
    format!("{SIGNATURE_PREFIX}{}", hex(digest))
}

/// `sha256=` + 64 hex digits → the 32 digest bytes; anything else → `None`.
fn decode_signature_header(header: &str) -> Option<[u8; 32]> {
    let hex = header.strip_prefix(SIGNATURE_PREFIX)?.as_bytes();
    if hex.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        let [hi, lo] = pair else { return None };
        *byte = (hex_digit(*hi)? << 4) | hex_digit(*lo)?;
    }
    Some(out)
}

/// One webhook POST: what was subscribed to (`object`, `instagram` here) and its entries
/// (written as JSON by [`ToJson`]: `{ object, entries: [{ id, time, events: [{ field, value }]
/// }] }`).
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// The subscribed object (`instagram`).
    pub object: String,
    /// The entries, in the order Meta sent them (several deliveries concatenated in order).
    pub entries: Vec<Entry>,
}

/// One `entry` of a delivery: the updates for one account.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The Instagram account the updates are for (always a string, exact digits).
    pub id: String,
    /// When Meta sent the update, in milliseconds since the Unix epoch (normalised: Meta sends
    /// seconds for `changes` and milliseconds for `messaging`).
    pub time: i64,
    /// The updates: the `changes` items, then the `messaging` items, then the `standby` items.
    pub events: Vec<Event>,
}

/// One update: the subscription field that produced it and its payload.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The subscription field (`comments`, `mentions`, `messages`, `message_reactions`, …).
    pub field: String,
    /// For a `changes` item, its `value` as Meta sent it; for a `messaging` or `standby` item,
    /// the whole item (`sender`, `recipient`, `timestamp`, `message`…).
    pub value: Value,
}

impl ToJson for Delivery {
    fn write_json(&self, out: &mut String) {
        Object::new(out).member("object", &self.object).member("entries", &self.entries).end();
    }
}

impl ToJson for Entry {
    fn write_json(&self, out: &mut String) {
        Object::new(out).member("id", &self.id).member("time", &self.time).member("events", &self.events).end();
    }
}

impl ToJson for Event {
    fn write_json(&self, out: &mut String) {
        Object::new(out).member("field", &self.field).member("value", &self.value).end();
    }
}

/// Parse a webhook POST body (the raw bytes, after [`verify_signature`]).
///
/// Accepts a delivery object `{"object", "entry": [...]}` or a top-level array of them (their
/// entries are concatenated in order, `object` is the first one's). A `changes` item becomes the
/// event `{field, value}`; a `messaging` item becomes `{field, value: <the whole item>}` where
/// `field` is the subscription field that produced it (`message` → `messages`, echoes
/// included: see [`parse_for`] for the Instagram Login flavour; `reaction` → `message_reactions`; `postback` →
/// `messaging_postbacks`; `read` → `messaging_seen`; `referral` → `messaging_referral`; `optin`
/// → `messaging_optins`; `message_edit` → `message_edit`; the thread-control events →
/// `messaging_handover`; `policy_enforcement` → `messaging_policy_enforcement`; anything else →
/// `messaging`); a `standby` item becomes `{field:
/// "standby", value: <the whole item>}`. Unknown members pass through inside `value`; an entry
/// without `changes`, `messaging` or `standby` has no events.
///
/// # Errors
/// [`Error::Decode`] with the JSON path at fault (`entry[2].changes[0].field`, `[1].entry` in
/// the array form, empty for the whole body) when the body is not UTF-8, not JSON (or nested
/// deeper than 128 levels), not an object or a non-empty array of objects; when `object` is not
/// a string; when `entry` is missing or not an array; when an entry is not an object, lacks an
/// `id` (string or integer) or a numeric `time`; when `changes`, `messaging` or `standby` is
/// present but not an array; when a `changes` item is not an object with a string `field`.
pub fn parse(raw_body: &[u8]) -> Result<Delivery, Error> {
    parse_for(raw_body, Login::Facebook)
}

// NB: the login flavour decides the field of an echo. `message_echoes` is a subscription field
// of the Instagram API with Instagram Login only (Meta's webhooks reference for the `instagram`
// object and the Instagram Login webhooks page, developers.facebook.com/docs/instagram-platform/webhooks;
// shared/reference/graph-api.md §5.1): an app with Facebook Login receives echoes
// (`message.is_echo: true`) through its `messages` subscription, so labelling them
// `message_echoes` would name a field it cannot subscribe to.
pub use crate::config::Login;

/// [`parse`] for a given login flavour (echoes are `message_echoes` events with
/// [`Login::Instagram`], `messages` events with [`Login::Facebook`]).
///
/// # Errors
/// As [`parse`].
pub fn parse_for(raw_body: &[u8], login: Login) -> Result<Delivery, Error> {
    parse_text_for(body_text(raw_body)?, login)
}

/// [`parse_for`]'s result as JSON text, `{"object":…,"entries":[{"id":"…","time":…,"events":
/// [{"field":"…","value":…}]}]}`, each value the delivery's own text: what the wasm binding hands
/// to the engine's `JSON.parse`, one crossing for the whole delivery.
///
/// One pass over the body ([`scan`]: no serde_json, no tree); the bodies it leaves (every
/// malformed one, and well-formed ones that repeat or escape a member name the rules read) go to
/// [`parse_for`], so the result and the errors are always exactly `parse_for`'s.
///
/// # Errors
/// As [`parse`].
pub fn parse_to_json(raw_body: &[u8], login: Login) -> Result<String, Error> {
    let text = body_text(raw_body)?;
    if let Some(json) = scan::delivery_json(text, login) {
        return Ok(json);
    }
    Ok(parse_text_for(text, login)?.to_json())
}

mod scan;

/// The body as text (a webhook body is UTF-8 JSON).
fn body_text(raw_body: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(raw_body).map_err(|e| Error::decode("", format!("the body is not UTF-8 ({e})")))
}

fn parse_text_for(text: &str, login: Login) -> Result<Delivery, Error> {
    // NB: the parser's recursion limit (128, serde_json's) stays on: deep nesting is an error,
    // not a stack overflow.
    let root = crate::json::parse(text).map_err(|e| {
        if e.is_eof() || text.trim().is_empty() {
            error::invalid_json(text)
        } else {
            Error::decode("", format!("the body is not JSON: {e}"))
        }
    })?;
    let planned = plan_for(&&root, login)?;
    Ok(Delivery {
        object: planned.object,
        entries: planned
            .entries
            .into_iter()
            .map(|e| Entry {
                id: e.id,
                time: e.time,
                events: e.events.into_iter().map(|(field, value)| Event { field, value: value.cloned().unwrap_or(Value::Null) }).collect(),
            })
            .collect(),
    })
}

/// A delivery read through a [`JsonView`]: the rules of [`parse`], the reference that
/// [`parse_to_json`]'s one-pass scanner is checked against.
#[derive(Debug)]
struct Planned<V> {
    /// The subscribed object.
    object: String,
    /// The entries.
    entries: Vec<PlannedEntry<V>>,
}

/// One entry of a [`Planned`] delivery.
#[derive(Debug)]
struct PlannedEntry<V> {
    /// Exact id digits.
    id: String,
    /// Milliseconds.
    time: i64,
    /// (field, value) per event; `None` stands for `null`.
    events: Vec<(String, Option<V>)>,
}

/// Apply the rules of [`parse_for`] to an already parsed body.
///
/// # Errors
/// As [`parse`].
fn plan_for<V: JsonView>(root: &V, login: Login) -> Result<Planned<V>, Error> {
    if let Some(items) = root.items() {
        let mut object = None;
        let mut entries = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("[{i}]");
            if !item.is_object() {
                return Err(Error::decode(path, format!("expected a delivery object, found {}", item.kind())));
            }
            let (this_object, mut these) = delivery(item, &path, login)?;
            object.get_or_insert(this_object);
            entries.append(&mut these);
        }
        let object = object.ok_or_else(|| Error::decode("", "the body is an empty array: no delivery"))?;
        return Ok(Planned { object, entries });
    }
    if root.is_object() {
        let (object, entries) = delivery(root, "", login)?;
        return Ok(Planned { object, entries });
    }
    Err(Error::decode("", format!("expected a delivery object or an array of them, found {}", root.kind())))
}

/// `base.key`, or `key` at the root.
fn member_path(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_owned()
    } else {
        format!("{base}.{key}")
    }
}

/// One delivery object → (`object`, its entries).
fn delivery<V: JsonView>(map: &V, base: &str, login: Login) -> Result<(String, Vec<PlannedEntry<V>>), Error> {
    let object = match map.member("object") {
        Some(v) => match v.string() {
            Some(s) => s,
            None => return Err(Error::decode(member_path(base, "object"), format!("expected a string, found {}", v.kind()))),
        },
        None => return Err(Error::decode(member_path(base, "object"), "missing: not a webhook delivery")),
    };
    let entry_path = member_path(base, "entry");
    let items = match map.member("entry") {
        Some(v) => v.items().ok_or_else(|| Error::decode(entry_path.clone(), format!("expected an array, found {}", v.kind())))?,
        None => return Err(Error::decode(entry_path, "missing: not a webhook delivery")),
    };
    let mut entries = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("{entry_path}[{i}]");
        if !item.is_object() {
            return Err(Error::decode(path, format!("expected an object, found {}", item.kind())));
        }
        entries.push(entry(item, &path, login)?);
    }
    Ok((object, entries))
}

/// One `entry` object.
fn entry<V: JsonView>(map: &V, path: &str, login: Login) -> Result<PlannedEntry<V>, Error> {
    let id = entry_id(map.member("id"), &member_path(path, "id"))?;
    let time = entry_time(map.member("time"), &member_path(path, "time"))?;
    let mut events = Vec::new();

    for (i, change) in list(map.member("changes"), path, "changes")?.into_iter().enumerate() {
        let item_path = format!("{path}.changes[{i}]");
        if !change.is_object() {
            return Err(Error::decode(item_path, format!("expected an object with a `field`, found {}", change.kind())));
        }
        let field = match change.member("field") {
            Some(f) => match f.string() {
                Some(s) => s,
                None => return Err(Error::decode(format!("{item_path}.field"), format!("expected a string, found {}", f.kind()))),
            },
            None => return Err(Error::decode(format!("{item_path}.field"), "missing")),
        };
        events.push((field, change.member("value").filter(|v| !v.is_null())));
    }
    for item in list(map.member("messaging"), path, "messaging")? {
        events.push((messaging_field(&item, login).to_owned(), Some(item)));
    }
    // NB (Messenger Platform handover protocol): `standby` carries the messaging events of threads
    // that another app controls; they come from the `standby` subscription field, and an app must
    // not answer them, so they keep that field rather than the one their key would give.
    for item in list(map.member("standby"), path, "standby")? {
        events.push(("standby".to_owned(), Some(item)));
    }
    Ok(PlannedEntry { id, time, events })
}

/// An optional array member of an entry (`null` counts as absent).
fn list<V: JsonView>(value: Option<V>, path: &str, key: &str) -> Result<Vec<V>, Error> {
    match value {
        None => Ok(Vec::new()),
        Some(v) if v.is_null() => Ok(Vec::new()),
        Some(v) => v.items().ok_or_else(|| Error::decode(format!("{path}.{key}"), format!("expected an array, found {}", v.kind()))),
    }
}

/// `entry[].id`: a string, or an integer written out with its exact digits.
fn entry_id<V: JsonView>(value: Option<V>, path: &str) -> Result<String, Error> {
    let Some(v) = value else { return Err(Error::decode(path, "missing")) };
    if let Some(s) = v.string() {
        return Ok(s);
    }
    if let Some(digits) = v.integer_text() {
        return Ok(digits);
    }
    if v.number().is_some() {
        // NB: a fraction, an exponent, or an integer whose digits the parser already rounded:
        // refuse it rather than hand out a wrong id.
        return Err(Error::decode(path, "a number that is not an exact integer cannot be an exact id (send it as a string)"));
    }
    Err(Error::decode(path, format!("expected a string or an integer, found {}", v.kind())))
}

/// `entry[].time` in milliseconds: a value below 10^11 is taken as seconds.
fn entry_time<V: JsonView>(value: Option<V>, path: &str) -> Result<i64, Error> {
    let out_of_range = || Error::decode(path, "out of range for a time in milliseconds");
    let Some(v) = value else { return Err(Error::decode(path, "missing: expected a number")) };
    if let Some(t) = v.integer_text().and_then(|d| d.parse::<i64>().ok()) {
        return if t < SECONDS_BELOW { t.checked_mul(1000).ok_or_else(out_of_range) } else { Ok(t) };
    }
    let t = v.number().ok_or_else(|| Error::decode(path, format!("expected a number, found {}", v.kind())))?;
    let ms = if t < SECONDS_BELOW as f64 { t * 1000.0 } else { t };
    // `as` saturates, so check the range first (2^63 is exactly representable in f64).
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    if ms.is_finite() && (-TWO_POW_63..TWO_POW_63).contains(&ms) {
        Ok(ms.round() as i64)
    } else {
        Err(out_of_range())
    }
}

/// The subscription field a `messaging` item's event key means (the first key found wins).
///
// NB: `policy_enforcement` is the key of the `messaging_policy_enforcement` field's items
// (Messenger Platform, "messaging_policy_enforcement Webhook Event Reference",
// developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/
// webhook-events/messaging_policy_enforcement); the field is in the Instagram list too
// (shared/reference/graph-api.md §5.1).
const MESSAGING_KEYS: &[(&str, &str)] = &[
    ("policy_enforcement", "messaging_policy_enforcement"),
    ("message_edit", "message_edit"),
    ("reaction", "message_reactions"),
    ("postback", "messaging_postbacks"),
    ("read", "messaging_seen"),
    ("referral", "messaging_referral"),
    ("optin", "messaging_optins"),
    ("pass_thread_control", "messaging_handover"),
    ("take_thread_control", "messaging_handover"),
    ("request_thread_control", "messaging_handover"),
];

#[cfg(not(target_arch = "wasm32"))]
crate::typescript::interfaces! {
    /// [`Delivery`] and [`Entry`] as JS sees them (a test checks what [`parse`] gives).
    const TYPES = {
        #[doc = "One webhook POST (`webhooks.parse`, `onEvents`)."]
        WebhookDelivery {
            object: "\"instagram\" | (string & {})",
            entries: "WebhookEntry[]",
        }
        #[doc = "The updates for one account."]
        WebhookEntry {
            #[doc = "The Instagram account (or Page) id."]
            id: "string",
            #[doc = "Milliseconds since the epoch (Meta sends seconds in `changes`, ms in `messaging`)."]
            time: "number",
            events: "WebhookEvent[]",
        }
    }
}

/// The fields of `changes` items this version knows, with the model of their `value`
/// (`models.rs`); any other field passes as it is.
#[cfg(not(target_arch = "wasm32"))]
const CHANGE_FIELDS: &[(&str, &str)] = &[
    ("comments", "CommentsValue"),
    ("live_comments", "CommentsValue"),
    ("mentions", "MentionsValue"),
    ("story_insights", "StoryInsightsValue"),
];

/// The fields [`messaging_field`] and the `standby` rule give besides [`MESSAGING_KEYS`]'s
/// (a test checks that these are all it gives).
#[cfg(not(target_arch = "wasm32"))]
const OTHER_MESSAGING_FIELDS: &[&str] = &["messages", "message_echoes", "standby", "messaging"];

/// `WebhookField` and `WebhookEvent`: every field this module produces, each with the model of
/// its `value` (a messaging item: `MessagingItem`, or `PolicyEnforcementItem` for the one field
/// whose items have no sender).
#[cfg(not(target_arch = "wasm32"))]
pub fn typescript() -> String {
    use crate::typescript::{quote, string_union, wrap_union};
    let mut fields: Vec<(&str, &str)> = CHANGE_FIELDS.to_vec();
    let messaging = OTHER_MESSAGING_FIELDS.iter().take(2).chain(MESSAGING_KEYS.iter().map(|(_, f)| f)).chain(&OTHER_MESSAGING_FIELDS[2..]);
    for field in messaging {
        let model = if *field == "messaging_policy_enforcement" { "PolicyEnforcementItem" } else { "MessagingItem" };
        if !fields.iter().any(|(f, _)| f == field) {
            fields.push((field, model));
        }
    }
    let mut out = string_union(
        "A `changes` field of the `instagram` object, or the messaging field that produced an item.",
        "WebhookField",
        fields.iter().map(|(f, _)| *f),
        true,
    );
    let mut models: Vec<&str> = fields.iter().map(|(_, m)| *m).collect();
    models.dedup();
    let mut events: Vec<String> = models
        .iter()
        .map(|m| {
            let names: Vec<String> = fields.iter().filter(|(_, model)| model == m).map(|(f, _)| quote(f)).collect();
            format!("{{ field: {}; value: {m} }}", names.join(" | "))
        })
        .collect();
    events.push("{ field: UnknownWebhookField; value: unknown }".to_owned());
    out.push_str(&format!(
        "/** One update of an entry: `value` is narrowed by `field`. */\nexport type WebhookEvent ={};\n\n",
        wrap_union(&events)
    ));
    out.push_str(&crate::typescript::declare(TYPES));
    out
}

/// The subscription field that produced a `messaging` item, from the item's event key.
fn messaging_field<V: JsonView>(item: &V, login: Login) -> &'static str {
    if !item.is_object() {
        return "messaging";
    }
    if let Some(message) = item.member("message") {
        let echo = message.member("is_echo").and_then(|e| e.boolean()) == Some(true);
        return if echo && login == Login::Instagram { "message_echoes" } else { "messages" };
    }
    MESSAGING_KEYS.iter().find(|(key, _)| item.member(key).is_some()).map_or("messaging", |(_, field)| field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, Mac};

    type HmacSha256 = Hmac<Sha256>;
    use crate::json::json;

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    // ---- HMAC-SHA256: RFC 4231 §4 test cases ----

    #[test]
    fn rfc4231_vectors() {
        let key131 = vec![0xaa; 131];
        let key25: Vec<u8> = (1..=25).collect();
        let cases: &[(&[u8], &[u8], &str)] = &[
            (&[0x0b; 20], b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (b"Jefe", b"what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            (&[0xaa; 20], &[0xdd; 50], "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            (&key25, &[0xcd; 50], "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
            (
                &key131,
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                &key131,
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (i, (key, data, want)) in cases.iter().enumerate() {
            let header = format!("sha256={want}");
            assert_eq!(sign(data, key), header, "RFC 4231 case {}", i + 1);
            assert!(verify_signature(data, Some(&header), key), "case {}", i + 1);
            assert!(verify_signature(data, Some(&header.to_uppercase().replacen("SHA256=", "sha256=", 1)), key));
        }
        // Test case 5: output truncated to 128 bits.
        let full = sign(b"Test With Truncation", &[0x0c; 20]);
        assert!(full.starts_with("sha256=a3b6167473100ee06e0c796c2955552b"), "{full}");
    }

    // ---- signatures ----

    type SignatureCase<'a> = (&'a str, &'a [u8], Option<String>, &'a [u8], bool);

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
    const BODY: &[u8] = br#"{"object":"instagram","entry":[{"id":"17841400000000000","time":1700000000,"changes":[{"field":"mentions","value":{"media_id":"1","comment_id":"2"}}]}]}"#;

    #[test]
    fn sign_is_lowercase_hex_of_the_raw_bytes() {
        let s = sign(BODY, SECRET);
        assert_eq!(s.len(), 71);
        assert!(s.starts_with("sha256="));
        assert!(s[7..].bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)));
        // Same digest as the hmac crate computes directly.
        let mut mac = HmacSha256::new_from_slice(SECRET).unwrap();
        mac.update(BODY);
        assert_eq!(unhex(&s[7..]), mac.finalize().into_bytes().to_vec());
        // An empty body is still signed.
        assert_eq!(sign(b"", b"key"), "sha256=5d5d139563c95b5967b9bd9a8c9b233a9dedb45072794cd232dc1b74832607d0");
    }

    #[test]
    fn signature_accept_reject_table() {
        let good = sign(BODY, SECRET);
        let hex = good["sha256=".len()..].to_owned();
        let upper = format!("sha256={}", hex.to_uppercase());
        let mixed: String = format!(
            "sha256={}",
            hex.chars().enumerate().map(|(i, c)| if i % 2 == 0 { c.to_ascii_uppercase() } else { c }).collect::<String>()
        );
        let mut changed = BODY.to_vec();
        changed[20] ^= 0x01;
        let mut last_digit_off = good.clone();
        let last = last_digit_off.pop().unwrap();
        last_digit_off.push(if last == '0' { '1' } else { '0' });
        let with_newline = [BODY, b"\n"].concat();

        // (name, body, header, secret, verifies)
        let cases: Vec<SignatureCase> = vec![
            ("good lowercase", BODY, Some(good.clone()), SECRET, true),
            ("good uppercase hex", BODY, Some(upper.clone()), SECRET, true),
            ("good mixed-case hex", BODY, Some(mixed), SECRET, true),
            ("missing header", BODY, None, SECRET, false),
            ("empty header", BODY, Some(String::new()), SECRET, false),
            ("prefix only", BODY, Some("sha256=".into()), SECRET, false),
            ("bare hex, no prefix", BODY, Some(hex.clone()), SECRET, false),
            ("63 digits", BODY, Some(good[..good.len() - 1].to_owned()), SECRET, false),
            ("65 digits", BODY, Some(format!("{good}0")), SECRET, false),
            ("128 digits", BODY, Some(format!("{good}{hex}")), SECRET, false),
            ("leading space", BODY, Some(format!(" {good}")), SECRET, false),
            ("trailing space", BODY, Some(format!("{good} ")), SECRET, false),
            ("trailing newline", BODY, Some(format!("{good}\n")), SECRET, false),
            ("space after =", BODY, Some(format!("sha256= {hex}")), SECRET, false),
            ("SHA256= prefix", BODY, Some(format!("SHA256={hex}")), SECRET, false),
            ("Sha256= prefix", BODY, Some(format!("Sha256={hex}")), SECRET, false),
            ("sha256: prefix", BODY, Some(format!("sha256:{hex}")), SECRET, false),
            ("sha1 header", BODY, Some("sha1=2fd4e1c67a2d28fced849ee1bb76e7391b93eb12".into()), SECRET, false),
            ("sha1 prefix with a sha256 digest", BODY, Some(format!("sha1={hex}")), SECRET, false),
            ("non-hex digit", BODY, Some(format!("sha256={}g", &hex[..63])), SECRET, false),
            ("non-ASCII", BODY, Some(format!("sha256={}é", &hex[..62])), SECRET, false),
            ("0x prefix", BODY, Some(format!("sha256=0x{}", &hex[..62])), SECRET, false),
            ("last digit changed", BODY, Some(last_digit_off), SECRET, false),
            ("wrong secret", BODY, Some(good.clone()), b"0123456789abcdef0123456789abcdeF", false),
            ("empty secret", BODY, Some(good.clone()), b"", false),
            ("empty secret, signed with it", BODY, Some(sign(BODY, b"")), b"", false),
            ("one body byte changed", &changed, Some(good.clone()), SECRET, false),
            ("body with a trailing newline", &with_newline, Some(good.clone()), SECRET, false),
            ("empty body", b"", Some(good.clone()), SECRET, false),
            ("empty body, signed", b"", Some(sign(b"", SECRET)), SECRET, true),
        ];
        for (name, body, header, secret, want) in cases {
            assert_eq!(verify_signature(body, header.as_deref(), secret), want, "{name}");
        }
    }

    #[test]
    fn header_decoding() {
        let h = format!("sha256={}", "0f".repeat(32));
        assert_eq!(decode_signature_header(&h), Some([0x0f; 32]));
        let h = format!("sha256={}", "Ab".repeat(32));
        assert_eq!(decode_signature_header(&h), Some([0xab; 32]));
        // 64 bytes but 63 chars (a two-byte char): not 64 hex digits.
        let h = format!("sha256={}é", "a".repeat(62));
        assert_eq!(h.len(), 7 + 64);
        assert_eq!(decode_signature_header(&h), None);
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert!(constant_time_eq(b"", b""));
    }

    // ---- verification request ----

    type SubscriptionCase = (Option<&'static str>, Option<&'static str>, Option<&'static str>, &'static str, Option<&'static str>);

    #[test]
    fn verify_subscription_table() {
        let ch = Some("1158201444");
        // (mode, verify_token, challenge, expected_token, answer)
        let cases: &[SubscriptionCase] = &[
            (Some("subscribe"), Some("meatyhamhock"), ch, "meatyhamhock", ch),
            (Some("subscribe"), Some("meatyhamhock"), Some("abc-XYZ_1"), "meatyhamhock", Some("abc-XYZ_1")),
            (Some("subscribe"), Some("meatyhamhocks"), ch, "meatyhamhock", None),
            (Some("subscribe"), Some("meatyhamhoc"), ch, "meatyhamhock", None),
            (Some("subscribe"), Some("Meatyhamhock"), ch, "meatyhamhock", None),
            (Some("subscribe"), Some(" meatyhamhock"), ch, "meatyhamhock", None),
            (Some("subscribe"), Some(""), ch, "meatyhamhock", None),
            (Some("subscribe"), None, ch, "meatyhamhock", None),
            (Some("subscribe"), Some(""), ch, "", None),
            (Some("subscribe"), None, ch, "", None),
            (Some("subscribe"), Some("x"), ch, "", None),
            (Some("Subscribe"), Some("meatyhamhock"), ch, "meatyhamhock", None),
            (Some("subscribe "), Some("meatyhamhock"), ch, "meatyhamhock", None),
            (Some("unsubscribe"), Some("meatyhamhock"), ch, "meatyhamhock", None),
            (Some(""), Some("meatyhamhock"), ch, "meatyhamhock", None),
            (None, Some("meatyhamhock"), ch, "meatyhamhock", None),
            (Some("subscribe"), Some("meatyhamhock"), None, "meatyhamhock", None),
            (Some("subscribe"), Some("meatyhamhock"), Some(""), "meatyhamhock", None),
            (Some("subscribe"), Some("tøken✓"), ch, "tøken✓", ch),
        ];
        for &(mode, token, challenge, expected, want) in cases {
            assert_eq!(
                verify_subscription(mode, token, challenge, expected).as_deref(),
                want,
                "mode {mode:?} token {token:?} challenge {challenge:?} expected {expected:?}"
            );
        }
    }

    // ---- parsing: changes ----

    fn parsed(body: &str) -> Delivery {
        assert!(same_json(body.as_bytes()), "the one-pass scanner should take {body}");
        match parse(body.as_bytes()) {
            Ok(d) => d,
            Err(e) => panic!("{e}\n{body}"),
        }
    }

    /// [`parse_to_json`] agrees with [`parse_for`] for both login flavours: the same result
    /// (its text parsed), or the same error. Whether the one-pass scanner took the body.
    fn same_json(body: &[u8]) -> bool {
        let mut fast = false;
        for login in [Login::Facebook, Login::Instagram] {
            let want = parse_for(body, login).map(|d| serde_json::from_str::<Value>(&d.to_json()).unwrap());
            let got = parse_to_json(body, login).map(|text| serde_json::from_str::<Value>(&text).unwrap());
            assert_eq!(got, want, "{login:?}: {:?}", String::from_utf8_lossy(body));
            let scanned = std::str::from_utf8(body).ok().and_then(|text| scan::delivery_json(text, login));
            if let Some(text) = &scanned {
                assert!(want.is_ok(), "the scanner took a body parse_for refuses: {:?}", String::from_utf8_lossy(body));
                // The documented key order, `object` first.
                assert!(text.starts_with(r#"{"object":"#), "{text}");
            }
            fast = scanned.is_some();
        }
        fast
    }

    fn one_event(body: &str) -> (Entry, Event) {
        let d = parsed(body);
        assert_eq!(d.object, "instagram");
        assert_eq!(d.entries.len(), 1);
        let entry = d.entries.into_iter().next().unwrap();
        assert_eq!(entry.events.len(), 1, "{entry:?}");
        let event = entry.events[0].clone();
        (entry, event)
    }

    #[test]
    fn comments() {
        let value = json!({
            "from": {"id": "232323232", "username": "test_user"},
            "media": {"id": "123123123", "media_product_type": "FEED"},
            "id": "17865799348089039",
            "parent_id": "1231231234",
            "text": "This is an example."
        });
        let body = json!({"object": "instagram", "entry": [{"id": "17841405822304914", "time": 1700000000,
            "changes": [{"field": "comments", "value": value}]}]})
        .to_string();
        let (entry, event) = one_event(&body);
        assert_eq!(entry.id, "17841405822304914");
        assert_eq!(entry.time, 1_700_000_000_000);
        assert_eq!(event, Event { field: "comments".into(), value });
        assert_eq!(event.value["from"]["username"], "test_user");

        // A top-level comment has no parent_id.
        let body = r#"{"object":"instagram","entry":[{"id":"1","time":1700000001,"changes":[{"field":"comments","value":{"from":{"id":"2","username":"u"},"media":{"id":"3","media_product_type":"REELS"},"id":"4","text":"Nice"}}]}]}"#;
        let (_, event) = one_event(body);
        assert!(event.value.get("parent_id").is_none());
        assert_eq!(event.value["media"]["media_product_type"], "REELS");
    }

    #[test]
    fn live_comments() {
        let body = r#"{"object":"instagram","entry":[{"id":"17841405822304914","time":1700000002,"changes":[{"field":"live_comments","value":{"from":{"id":"4444","username":"viewer"},"media":{"id":"17999","media_product_type":"LIVE"},"id":"17888","text":"hi from the stream"}}]}]}"#;
        let (entry, event) = one_event(body);
        assert_eq!(entry.time, 1_700_000_002_000);
        assert_eq!(event.field, "live_comments");
        assert_eq!(event.value["media"]["media_product_type"], "LIVE");
        assert_eq!(event.value["text"], "hi from the stream");
    }

    #[test]
    fn mentions() {
        let body = r#"{"object":"instagram","entry":[{"id":"17841405822304914","time":1520622968,"changes":[{"field":"mentions","value":{"media_id":"17887498072083520","comment_id":"17894227972186120"}}]}]}"#;
        let (entry, event) = one_event(body);
        assert_eq!(entry.time, 1_520_622_968_000);
        assert_eq!(
            event,
            Event { field: "mentions".into(), value: json!({"media_id": "17887498072083520", "comment_id": "17894227972186120"}) }
        );
    }

    #[test]
    fn story_insights() {
        let body = r#"{"object":"instagram","entry":[{"id":"17841405822304914","time":1547687043,"changes":[{"field":"story_insights","value":{"media_id":"18023345989012587","exits":1,"replies":0,"reach":44,"taps_forward":4,"taps_back":3,"impressions":444}}]}]}"#;
        let (_, event) = one_event(body);
        assert_eq!(event.field, "story_insights");
        assert_eq!(
            event.value,
            json!({"media_id": "18023345989012587", "exits": 1, "replies": 0, "reach": 44, "taps_forward": 4, "taps_back": 3, "impressions": 444})
        );
    }

    // ---- parsing: messaging ----

    fn messaging(item: Value) -> Event {
        let body = json!({"object": "instagram", "entry": [{"id": "17841400000000000", "time": 1700000000123_i64, "messaging": [item]}]});
        let (entry, event) = one_event(&body.to_string());
        assert_eq!(entry.time, 1_700_000_000_123);
        assert_eq!(event.value, item, "the whole item is the value");
        event
    }

    fn item(key: &str, payload: Value) -> Value {
        let mut item =
            json!({"sender": {"id": "1234567890123456"}, "recipient": {"id": "17841400000000000"}, "timestamp": 1700000000100_i64});
        item[key] = payload;
        item
    }

    /// `WebhookField` declares every field a messaging item can get, and no other (for both
    /// login flavours), and `WebhookEvent` gives each its model.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_declared_messaging_fields_are_the_ones_produced() {
        let mut items: Vec<Value> = MESSAGING_KEYS.iter().map(|(key, _)| json!({ *key: {} })).collect();
        items.extend([json!({"message": {}}), json!({"message": {"is_echo": true}}), json!({"unknown_key": {}})]);
        let body = json!({"object": "instagram", "entry": [{"id": "1", "time": 1, "messaging": items, "standby": [{"read": {}}]}]});
        let mut produced: Vec<String> = [Login::Facebook, Login::Instagram]
            .into_iter()
            .flat_map(|login| parse_for(body.to_string().as_bytes(), login).unwrap().entries[0].events.clone())
            .map(|e| e.field)
            .collect();
        let delivery = crate::json::to_serde(&parse(body.to_string().as_bytes()).unwrap());
        crate::typescript::fits(&delivery, "WebhookDelivery", TYPES).unwrap();
        produced.sort_unstable();
        produced.dedup();
        let mut declared: Vec<String> =
            OTHER_MESSAGING_FIELDS.iter().chain(MESSAGING_KEYS.iter().map(|(_, f)| f)).map(|f| (*f).to_owned()).collect();
        declared.sort_unstable();
        declared.dedup();
        assert_eq!(produced, declared);
        let ts = typescript();
        for field in &declared {
            assert!(ts.contains(&format!("\"{field}\"")), "{field}");
        }
        assert!(ts.contains("{ field: \"messaging_policy_enforcement\"; value: PolicyEnforcementItem }"), "{ts}");
    }

    #[test]
    fn messaging_fields() {
        let cases = [
            ("message", json!({"mid": "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQx", "text": "Hello"}), "messages"),
            (
                "message",
                json!({"mid": "m2", "attachments": [{"type": "image", "payload": {"url": "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1"}}]}),
                "messages",
            ),
            // Facebook Login: an echo comes through the `messages` field (issue 12)
            ("message", json!({"mid": "m3", "text": "Thanks!", "is_echo": true}), "messages"),
            ("message", json!({"mid": "m4", "text": "not an echo", "is_echo": false}), "messages"),
            ("message", json!({"mid": "m5", "is_deleted": true}), "messages"),
            ("reaction", json!({"mid": "m1", "action": "react", "reaction": "love", "emoji": "❤"}), "message_reactions"),
            ("reaction", json!({"mid": "m1", "action": "unreact"}), "message_reactions"),
            ("postback", json!({"mid": "m6", "title": "Get started", "payload": "GET_STARTED"}), "messaging_postbacks"),
            ("read", json!({"mid": "m1"}), "messaging_seen"),
            (
                "referral",
                json!({"ref": "summer_sale", "source": "ADS", "type": "OPEN_THREAD", "ad_id": "23850000000000000", "ads_context_data": {"ad_title": "Sale", "photo_url": "https://example.com/p.jpg"}}),
                "messaging_referral",
            ),
            (
                "optin",
                json!({"type": "notification_messages", "payload": "DAILY_DEALS", "notification_messages_token": "tok", "notification_messages_frequency": "DAILY", "token_expiry_timestamp": 1707000000000_i64, "user_token_status": "NOT_REFRESHED", "notification_messages_timezone": "Etc/GMT"}),
                "messaging_optins",
            ),
            ("message_edit", json!({"mid": "m1", "text": "edited", "num_edit": 1}), "message_edit"),
            ("pass_thread_control", json!({"new_owner_app_id": "263902037430900", "metadata": "to inbox"}), "messaging_handover"),
            ("take_thread_control", json!({"previous_owner_app_id": "123", "metadata": ""}), "messaging_handover"),
            ("request_thread_control", json!({"requested_owner_app_id": "123", "metadata": "please"}), "messaging_handover"),
            // Meta's example item of the messaging_policy_enforcement field (issue 12)
            (
                "policy_enforcement",
                json!({"action": "block", "reason": "The bot violated our Platform Policies (https://developers.facebook.com/devpolicy/#messengerplatform). Common violations include sending out excessive spammy messages or being non-functional."}),
                "messaging_policy_enforcement",
            ),
            ("policy_enforcement", json!({"action": "unblock"}), "messaging_policy_enforcement"),
            ("some_future_event", json!({"x": 1}), "messaging"),
        ];
        for (key, payload, field) in cases {
            let event = messaging(item(key, payload.clone()));
            assert_eq!(event.field, field, "{key}: {payload}");
        }
        // An item with only sender/recipient/timestamp, and items that are not objects, are kept.
        let bare = json!({"sender": {"id": "1"}, "recipient": {"id": "2"}, "timestamp": 3});
        assert_eq!(messaging(bare).field, "messaging");
        assert_eq!(messaging(json!("odd")).field, "messaging");
        assert_eq!(messaging(Value::Null).field, "messaging");
        // `is_echo` must be the boolean true.
        assert_eq!(messaging(item("message", json!({"mid": "m", "is_echo": "true"}))).field, "messages");
    }

    #[test]
    fn standby_items_keep_the_standby_field() {
        let body = json!({"object": "instagram", "entry": [{"id": "1", "time": 1700000000123_i64,
            "messaging": [item("message", json!({"mid": "a", "text": "mine"}))],
            "standby": [item("message", json!({"mid": "b", "text": "theirs"})), item("read", json!({"mid": "b"}))]}]});
        let d = parsed(&body.to_string());
        let fields: Vec<_> = d.entries[0].events.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["messages", "standby", "standby"]);
        assert_eq!(d.entries[0].events[1].value["message"]["text"], "theirs");
        assert!(d.entries[0].events[2].value.get("read").is_some());
    }

    // ---- parsing: batching, arrays, time, ids, passthrough ----

    #[test]
    fn several_entries_and_items() {
        let body = r#"{"object":"instagram","entry":[
            {"id":"111","time":1700000000,"changes":[
                {"field":"comments","value":{"from":{"id":"9","username":"a"},"media":{"id":"8","media_product_type":"FEED"},"id":"c1","text":"one"}},
                {"field":"mentions","value":{"media_id":"m1","comment_id":"c2"}},
                {"field":"comments","value":{"from":{"id":"9","username":"a"},"media":{"id":"8","media_product_type":"FEED"},"id":"c3","parent_id":"c1","text":"three"}}]},
            {"id":"222","time":1700000000999,"messaging":[
                {"sender":{"id":"5"},"recipient":{"id":"222"},"timestamp":1700000000990,"message":{"mid":"x1","text":"hey"}},
                {"sender":{"id":"5"},"recipient":{"id":"222"},"timestamp":1700000000991,"read":{"mid":"x0"}},
                {"sender":{"id":"222"},"recipient":{"id":"5"},"timestamp":1700000000992,"message":{"mid":"x2","text":"hi","is_echo":true}}]},
            {"id":"333","time":1700000005,"changes":[{"field":"story_insights","value":{"media_id":"s","exits":0,"replies":0,"reach":1,"taps_forward":0,"taps_back":0,"impressions":1}}],
             "messaging":[{"sender":{"id":"6"},"recipient":{"id":"333"},"timestamp":1,"reaction":{"mid":"x3","action":"react","reaction":"love"}}]},
            {"id":"444","time":1700000006},
            {"id":"555","time":1700000007,"changes":[],"messaging":null}
        ]}"#;
        let d = parsed(body);
        let summary: Vec<(&str, i64, Vec<&str>)> =
            d.entries.iter().map(|e| (e.id.as_str(), e.time, e.events.iter().map(|v| v.field.as_str()).collect())).collect();
        assert_eq!(
            summary,
            vec![
                ("111", 1_700_000_000_000, vec!["comments", "mentions", "comments"]),
                ("222", 1_700_000_000_999, vec!["messages", "messaging_seen", "messages"]),
                ("333", 1_700_000_005_000, vec!["story_insights", "message_reactions"]),
                ("444", 1_700_000_006_000, vec![]),
                ("555", 1_700_000_007_000, vec![]),
            ]
        );
        assert_eq!(d.entries[0].events[2].value["text"], "three");
        assert_eq!(d.entries[1].events[0].value["message"]["mid"], "x1");
        // the same delivery to an Instagram Login app: the echo is a `message_echoes` event
        let ig = parse_for(body.as_bytes(), Login::Instagram).unwrap();
        let fields: Vec<&str> = ig.entries[1].events.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["messages", "messaging_seen", "message_echoes"]);
        assert_eq!(ig.entries[1].events[2].value["message"]["is_echo"], true);
    }

    /// Issue 12: `message_echoes` exists only with Instagram Login; with Facebook Login (what
    /// `parse` and `plan` assume) an echo is a `messages` event, its `is_echo` kept in the value.
    #[test]
    fn echoes_by_login_flavour() {
        let body = json!({"object": "instagram", "entry": [{"id": "17841400000000000", "time": 1700000000123_i64,
            "messaging": [item("message", json!({"mid": "m3", "text": "Thanks!", "is_echo": true}))]}]})
        .to_string();
        let fb = parse(body.as_bytes()).unwrap();
        assert_eq!(fb.entries[0].events[0].field, "messages");
        assert_eq!(fb.entries[0].events[0].value["message"]["is_echo"], true);
        assert_eq!(parse_for(body.as_bytes(), Login::Facebook).unwrap(), fb);
        assert_eq!(parse_for(body.as_bytes(), Login::Instagram).unwrap().entries[0].events[0].field, "message_echoes");
        let root: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(plan_for(&&root, Login::Facebook).unwrap().entries[0].events[0].0, "messages");
        assert_eq!(plan_for(&&root, Login::Instagram).unwrap().entries[0].events[0].0, "message_echoes");
    }

    #[test]
    fn top_level_array_form() {
        let body = r#"[
            {"object":"instagram","entry":[{"id":"1","time":1700000000,"changes":[{"field":"mentions","value":{"media_id":"a","comment_id":"b"}}]}]},
            {"object":"instagram","entry":[{"id":"2","time":1700000001,"changes":[{"field":"comments","value":{"id":"c","text":"t"}}]},
                                           {"id":"3","time":1700000002000,"messaging":[{"sender":{"id":"4"},"recipient":{"id":"3"},"timestamp":1,"message":{"mid":"m","text":"x"}}]}]},
            {"object":"page","entry":[]}
        ]"#;
        let d = parsed(body);
        assert_eq!(d.object, "instagram");
        let ids: Vec<_> = d.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["1", "2", "3"]);
        assert_eq!(d.entries[2].events[0].field, "messages");
        // The single-element array of Meta's examples page.
        let single = parsed(r#"[{"object":"instagram","entry":[{"id":"1","time":1,"changes":[]}]}]"#);
        assert_eq!(single, Delivery { object: "instagram".into(), entries: vec![Entry { id: "1".into(), time: 1000, events: vec![] }] });
        // `object` comes from the first element even when later ones differ.
        let d = parsed(r#"[{"object":"page","entry":[]},{"object":"instagram","entry":[{"id":"9","time":1}]}]"#);
        assert_eq!((d.object.as_str(), d.entries.len()), ("page", 1));
    }

    #[test]
    fn time_normalisation() {
        let time = |t: &str| parsed(&format!(r#"{{"object":"instagram","entry":[{{"id":"1","time":{t}}}]}}"#)).entries[0].time;
        assert_eq!(time("1700000000"), 1_700_000_000_000);
        assert_eq!(time("1700000000123"), 1_700_000_000_123);
        assert_eq!(time("99999999999"), 99_999_999_999_000); // just below 10^11: seconds
        assert_eq!(time("100000000000"), 100_000_000_000); // 10^11: milliseconds
        assert_eq!(time("0"), 0);
        assert_eq!(time("1700000000.5"), 1_700_000_000_500);
        assert_eq!(time("1.7e9"), 1_700_000_000_000);
        assert_eq!(time("1.7e12"), 1_700_000_000_000);
        assert_eq!(time("-1"), -1000);
        assert_eq!(time("9223372036854775807"), i64::MAX);
    }

    #[test]
    fn ids_keep_their_exact_digits() {
        let id = |v: &str| parsed(&format!(r#"{{"object":"instagram","entry":[{{"id":{v},"time":1}}]}}"#)).entries[0].id.clone();
        assert_eq!(id(r#""17841405822304914""#), "17841405822304914");
        // 17841405822304915 is not representable in f64 (it would print as …916).
        assert_eq!(id("17841405822304915"), "17841405822304915");
        assert_eq!(id("9007199254740993"), "9007199254740993");
        assert_eq!(id("18446744073709551615"), "18446744073709551615");
        assert_eq!(id("-42"), "-42");
        assert_eq!(id("0"), "0");
        assert_eq!(id(r#""""#), "");
        assert_eq!(id(r#""not-a-number""#), "not-a-number");
    }

    #[test]
    fn unknown_fields_pass_through() {
        let body = r#"{"object":"instagram","extra_top":1,"entry":[{"id":"1","time":1700000000,"uid":"x","changes":[{"field":"comments","value":{"id":"c","text":"t","new_thing":{"nested":[1,2,{"deep":true}]},"big":18446744073709551615}},{"field":"brand_new_field","value":[1,"two",null]}]}]}"#;
        let d = parsed(body);
        let events = &d.entries[0].events;
        assert_eq!(events[0].value["new_thing"], json!({"nested": [1, 2, {"deep": true}]}));
        assert_eq!(events[0].value["big"].as_u64(), Some(u64::MAX));
        assert_eq!(events[1], Event { field: "brand_new_field".into(), value: json!([1, "two", null]) });
        // A change without a value gets null.
        let (_, event) = one_event(r#"{"object":"instagram","entry":[{"id":"1","time":1,"changes":[{"field":"comments"}]}]}"#);
        assert_eq!(event.value, Value::Null);
    }

    #[test]
    fn serializes_with_the_documented_names() {
        let d = parsed(
            r#"{"object":"instagram","entry":[{"id":17841405822304914,"time":1700000000,"changes":[{"field":"mentions","value":{"media_id":"1","comment_id":"2"}}]}]}"#,
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&d.to_json()).unwrap(),
            serde_json::json!({"object": "instagram", "entries": [{"id": "17841405822304914", "time": 1700000000000_i64,
                "events": [{"field": "mentions", "value": {"media_id": "1", "comment_id": "2"}}]}]})
        );
    }

    #[test]
    fn accepts_whitespace_and_a_bom_free_utf8_body() {
        let d = parsed("  \n{\"object\":\"instagram\",\"entry\":[]}\r\n ");
        assert_eq!(d, Delivery { object: "instagram".into(), entries: vec![] });
        let (_, event) = one_event(
            r#"{"object":"instagram","entry":[{"id":"1","time":1,"changes":[{"field":"comments","value":{"text":"ça va? 🎉"}}]}]}"#,
        );
        assert_eq!(event.value["text"], "ça va? 🎉");
    }

    // ---- the one-pass JSON result ----

    #[test]
    fn json_result_copies_each_value_verbatim() {
        let body = r#" {"object":"instagram","entry":[{"time":1700000000,"changes":[{"value":{"text":"\u00e7a \"va\"","n":1.50,"big":18446744073709551615},"field":"comments"}],"id":17841405822304915,
            "standby":[null],"messaging":[{"sender":{"id":"1"},"message":{"is_echo":true,"mid":"m"}}],"extra":[1,{"a":[]}]}]} "#;
        let want = r#"{"object":"instagram","entries":[{"id":"17841405822304915","time":1700000000000,"events":[{"field":"comments","value":{"text":"\u00e7a \"va\"","n":1.50,"big":18446744073709551615}},{"field":"messages","value":{"sender":{"id":"1"},"message":{"is_echo":true,"mid":"m"}}},{"field":"standby","value":null}]}]}"#;
        assert_eq!(parse_to_json(body.as_bytes(), Login::Facebook).unwrap(), want);
        let ig = parse_to_json(body.as_bytes(), Login::Instagram).unwrap();
        assert_eq!(ig, want.replace(r#""field":"messages""#, r#""field":"message_echoes""#));
        assert!(same_json(body.as_bytes()));
        // A change without a value gets null; `object` comes first even when the body has it
        // last.
        let body = r#"{"entry":[{"id":"1","time":1,"changes":[{"field":"x"}]}],"object":"instagram"}"#;
        assert_eq!(
            parse_to_json(body.as_bytes(), Login::Facebook).unwrap(),
            r#"{"object":"instagram","entries":[{"id":"1","time":1000,"events":[{"field":"x","value":null}]}]}"#
        );
        assert!(same_json(body.as_bytes()));
        assert!(same_json(br#"[{"entry":[],"object":"instagram"},{"entry":[{"id":"1","time":1}],"object":"page"}]"#));
    }

    #[test]
    fn json_result_reads_numbers_and_strings_as_serde_json_does() {
        let with_time = |t: &str| format!(r#"{{"object":"instagram","entry":[{{"id":"1","time":{t}}}]}}"#);
        let with_id = |t: &str| format!(r#"{{"object":"instagram","entry":[{{"id":{t},"time":1}}]}}"#);
        let in_value =
            |v: &str| format!(r#"{{"object":"instagram","entry":[{{"id":"1","time":1,"changes":[{{"field":"x","value":{v}}}]}}]}}"#);
        let numbers = [
            "0",
            "-0",
            "-0.0",
            "1",
            "-1",
            "1.5",
            "1700000000.4999999",
            "1700000000.5",
            "1.7e9",
            "1.7E12",
            "1e+5",
            "1e-5",
            "17e-1",
            "99999999999",
            "100000000000",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551615",
            "18446744073709551616",
            "184467440737095516150.5",
            "1844674407370955161.5",
            "123456789012345678901234567890e-20",
            "0.000000000000000000000000000001e30",
            "1e308",
            "1.7976931348623157e308",
            "1.8e308",
            "1e309",
            "-1e309",
            "1e400",
            "1e-400",
            "0e999999999999",
            "1e999999999999",
            "1e-999999999999",
            "-1e-999999999999",
            "1e2147483647",
            "1e2147483648",
            "1e-2147483648",
            "01",
            "-",
            "+1",
            "1.",
            ".5",
            "1e",
            "1e+",
            "--1",
            "1.e5",
            "0x10",
            "NaN",
            "Infinity",
            "1 2",
        ];
        for n in numbers {
            same_json(with_time(n).as_bytes());
            same_json(with_id(n).as_bytes());
            same_json(in_value(n).as_bytes());
            same_json(in_value(&format!("[{n}]")).as_bytes());
        }
        let strings = [
            r#""""#,
            r#""\ud83c\udf89""#,
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\ud800\n""#,
            r#""\ud800x""#,
            r#""\/\b\f\n\r\t\"\\""#,
            r#""\a""#,
            r#""\u12""#,
            r#""\u12G4""#,
            "\"\u{1}\"",
            "\"tab\there\"",
            "\"\u{7f}\"",
            r#""unterminated"#,
            r#""é ✓ 🎉""#,
        ];
        for text in strings {
            same_json(in_value(text).as_bytes());
            same_json(with_id(text).as_bytes());
            same_json(format!(r#"{{"object":"instagram","entry":[{{"id":"1","time":1,"changes":[{{"field":{text}}}]}}]}}"#).as_bytes());
            same_json(format!(r#"{{"object":"instagram","entry":[{{"id":"1","time":1,{text}:1}}]}}"#).as_bytes());
        }
        for literal in ["true", "false", "null", "tru", "nul", "True", "[]", "{}", "[1,]", r#"{"a":1,}"#, r#"{"a" 1}"#, "{1:2}", "[1 2]"] {
            same_json(in_value(literal).as_bytes());
        }
    }

    /// A member name the rules read, repeated (the last one counts, as in serde_json and
    /// `JSON.parse`) or written with escapes: the reference parser answers, with the same result.
    #[test]
    fn repeated_or_escaped_member_names_are_answered_by_parse_for() {
        let bodies = [
            r#"{"object":"page","object":"instagram","entry":[]}"#,
            r#"{"object":"instagram","entry":[5],"entry":[]}"#,
            r#"{"object":"instagram","entry":[{"id":"1","id":"2","time":1}]}"#,
            r#"{"object":"instagram","entry":[{"id":"1","time":"x","time":1}]}"#,
            r#"{"object":"instagram","entry":[{"id":"1","time":1,"changes":[{"field":"a"}],"changes":[]}]}"#,
            r#"{"object":"instagram","entry":[{"id":"1","time":1,"changes":[{"field":"a","field":"b","value":1,"value":2}]}]}"#,
            r#"{"object":"instagram","entry":[{"id":"1","time":1,"messaging":[{"read":{},"read":{},"message":{"is_echo":true,"is_echo":false}}]}]}"#,
            r#"{"object":"instagram","entry":[{"id":"1","time":1,"messaging":[{"message":{},"message":{"is_echo":true}}]}]}"#,
            r#"{"obj\u0065ct":"instagram","entry":[]}"#,
            r#"{"object":"instagram","entry":[{"id":"1","time":1,"m\u0065ssaging":[{"read":{}}]}]}"#,
        ];
        for body in bodies {
            assert!(!same_json(body.as_bytes()), "{body}");
            assert!(parse(body.as_bytes()).is_ok(), "{body}");
        }
        // Escaped and repeated names inside values stay on the fast path.
        assert!(same_json(
            br#"{"object":"instagram","entry":[{"id":"1","time":1,"changes":[{"field":"f","value":{"a":1,"a":2,"\u0062":3}}]}]}"#
        ));
    }

    /// Strings are scanned eight bytes at a time: a special byte at every offset of a word.
    #[test]
    fn json_result_finds_special_bytes_at_every_offset() {
        for at in 0..20 {
            for special in ["\"", "\\\"", "\\\\", "\\u0041", "\\ud83c\\udf89", "\u{1}", "\u{1f}", "\t", "\u{7f}", " ", "é", "🎉", "\\x"]
            {
                let text = format!("{}{special}{}", "a".repeat(at), "b".repeat(20 - at));
                let body = format!(
                    r#"{{"object":"instagram","entry":[{{"id":"{text}","time":1,"changes":[{{"field":"f","value":"{text}"}}]}}]}}"#
                );
                let fast = same_json(body.as_bytes());
                // Taken exactly when the text is a valid JSON string's contents.
                assert_eq!(fast, serde_json::from_str::<String>(&format!("\"{text}\"")).is_ok(), "{body}");
            }
        }
    }

    // ---- parsing: errors ----

    fn decode_error(body: &[u8]) -> (String, String) {
        same_json(body);
        match parse(body) {
            Err(Error::Decode { path, message }) => (path, message),
            other => panic!("expected a decode error for {:?}, got {other:?}", String::from_utf8_lossy(body)),
        }
    }

    #[test]
    fn error_paths() {
        let ok_entry = r#"{"id":"1","time":1}"#;
        let cases: Vec<(String, &str, &str)> = vec![
            // (body, path, part of the message)
            (r#"{"object":"instagram","entry":[#.to_owned(), "", "truncated"],
            ("".to_owned(), "", "empty"),
            ("   ".to_owned(), "", "empty"),
            ("not json".to_owned(), "", "not JSON"),
            (r#"{"object":"instagram","entry":[]} trailing"#.to_owned(), "", "not JSON"),
            ("\"instagram\"".to_owned(), "", "found a string"),
            ("42".to_owned(), "", "found a number"),
            ("null".to_owned(), "", "found null"),
            ("true".to_owned(), "", "found a boolean"),
            ("[]".to_owned(), "", "empty array"),
            ("[1]".to_owned(), "[0]", "found a number"),
            (r#"{"entry":[]}"#.to_owned(), "object", "missing"),
            (r#"{"object":null,"entry":[]}"#.to_owned(), "object", "found null"),
            (r#"{"object":7,"entry":[]}"#.to_owned(), "object", "found a number"),
            (r#"{"object":"instagram"}"#.to_owned(), "entry", "missing"),
            (r#"{"object":"instagram","entry":{}}"#.to_owned(), "entry", "found an object"),
            (r#"{"object":"instagram","entry":null}"#.to_owned(), "entry", "found null"),
            (r#"{"object":"instagram","entry":[5]}"#.to_owned(), "entry[0]", "found a number"),
            (format!(r#"{{"object":"instagram","entry":[{ok_entry},{{"time":1}}]}}"#), "entry[1].id", "missing"),
            (r#"{"object":"instagram","entry":[{"id":null,"time":1}]}"#.to_owned(), "entry[0].id", "found null"),
            (r#"{"object":"instagram","entry":[{"id":true,"time":1}]}"#.to_owned(), "entry[0].id", "found a boolean"),
            (r#"{"object":"instagram","entry":[{"id":{"a":1},"time":1}]}"#.to_owned(), "entry[0].id", "found an object"),
            (r#"{"object":"instagram","entry":[{"id":1.5,"time":1}]}"#.to_owned(), "entry[0].id", "exact id"),
            (r#"{"object":"instagram","entry":[{"id":1e3,"time":1}]}"#.to_owned(), "entry[0].id", "exact id"),
            (r#"{"object":"instagram","entry":[{"id":184467440737095516150,"time":1}]}"#.to_owned(), "entry[0].id", "exact id"),
            (r#"{"object":"instagram","entry":[{"id":"1"}]}"#.to_owned(), "entry[0].time", "missing"),
            (r#"{"object":"instagram","entry":[{"id":"1","time":"1700000000"}]}"#.to_owned(), "entry[0].time", "found a string"),
            (r#"{"object":"instagram","entry":[{"id":"1","time":null}]}"#.to_owned(), "entry[0].time", "found null"),
            (r#"{"object":"instagram","entry":[{"id":"1","time":18446744073709551615}]}"#.to_owned(), "entry[0].time", "out of range"),
            (r#"{"object":"instagram","entry":[{"id":"1","time":-9223372036854775808}]}"#.to_owned(), "entry[0].time", "out of range"),
            (r#"{"object":"instagram","entry":[{"id":"1","time":1e300}]}"#.to_owned(), "entry[0].time", "out of range"),
            (r#"{"object":"instagram","entry":[{"id":"1","time":-1e300}]}"#.to_owned(), "entry[0].time", "out of range"),
            (r#"{"object":"instagram","entry":[{"id":"1","time":1,"changes":{}}]}"#.to_owned(), "entry[0].changes", "expected an array"),
            (r#"{"object":"instagram","entry":[{"id":"1","time":1,"messaging":"x"}]}"#.to_owned(), "entry[0].messaging", "expected an array"),
            (r#"{"object":"instagram","entry":[{"id":"1","time":1,"standby":3}]}"#.to_owned(), "entry[0].standby", "expected an array"),
            (
                format!(r#"{{"object":"instagram","entry":[{ok_entry},{ok_entry},{{"id":"1","time":1,"changes":[{{"value":{{}}}}]}}]}}"#),
                "entry[2].changes[0].field",
                "missing",
            ),
            (
                r#"{"object":"instagram","entry":[{"id":"1","time":1,"changes":[{"field":"comments","value":{}},{"field":3,"value":{}}]}]}"#.to_owned(),
                "entry[0].changes[1].field",
                "found a number",
            ),
            (r#"{"object":"instagram","entry":[{"id":"1","time":1,"changes":[{"field":null}]}]}"#.to_owned(), "entry[0].changes[0].field", "found null"),
            (r#"{"object":"instagram","entry":[{"id":"1","time":1,"changes":["comments"]}]}"#.to_owned(), "entry[0].changes[0]", "found a string"),
            // The array form prefixes the element.
            (format!(r#"[{{"object":"instagram","entry":[]}},{{"object":"instagram","entry":[{ok_entry},{{"time":1}}]}}]"#), "[1].entry[1].id", "missing"),
            (r#"[{"object":"instagram","entry":[]},{"entry":[]}]"#.to_owned(), "[1].object", "missing"),
            (r#"[{"object":"instagram","entry":[]},{"object":"instagram"}]"#.to_owned(), "[1].entry", "missing"),
            (r#"[{"object":"instagram","entry":[]},[]]"#.to_owned(), "[1]", "found an array"),
            (
                r#"[{"object":"instagram","entry":[{"id":"1","time":1,"changes":[{"value":1}]}]}]"#.to_owned(),
                "[0].entry[0].changes[0].field",
                "missing",
            ),
        ];
        for (body, want_path, want_message) in cases {
            let (path, message) = decode_error(body.as_bytes());
            assert_eq!(path, want_path, "{body}: {message}");
            assert!(message.contains(want_message), "{body}: {message:?} should contain {want_message:?}");
        }
    }

    #[test]
    fn not_utf8() {
        let (path, message) = decode_error(b"{\"object\":\"instagram\",\"entry\":[\xff]}");
        assert_eq!(path, "");
        assert!(message.contains("not UTF-8"), "{message}");
        // A UTF-8 byte order mark is not JSON either.
        let (_, message) = decode_error(b"\xef\xbb\xbf{\"object\":\"instagram\",\"entry\":[]}");
        assert!(message.contains("not JSON"), "{message}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for body in ["[".repeat(200_000), "{\"a\":".repeat(200_000), format!("{}{}", "[".repeat(1000), "]".repeat(1000))] {
            let (path, message) = decode_error(body.as_bytes());
            assert_eq!(path, "");
            assert!(message.contains("recursion limit"), "{message}");
        }
        // Nesting inside a value is limited the same way, and fine below the limit.
        let nested = |depth: usize| {
            format!(
                r#"{{"object":"instagram","entry":[{{"id":"1","time":1,"changes":[{{"field":"x","value":{}0{}}}]}}]}}"#,
                "[".repeat(depth),
                "]".repeat(depth)
            )
        };
        assert!(parse(nested(100).as_bytes()).is_ok());
        assert!(parse(nested(200).as_bytes()).is_err());
        // The scanner's limit is serde_json's, to the level: a value's 122nd nested array is the
        // body's 127th container (root, entry, entry[0], changes, changes[0] before it).
        for depth in [100, 121, 122, 123, 124, 200] {
            assert_eq!(same_json(nested(depth).as_bytes()), depth <= 122, "{depth}");
        }
        assert!(parse(nested(122).as_bytes()).is_ok() && parse(nested(123).as_bytes()).is_err());
    }

    #[test]
    fn never_panics_on_truncations_and_byte_flips() {
        let body = br#"[{"object":"instagram","entry":[{"id":17841405822304914,"time":1700000000,"changes":[{"field":"comments","value":{"from":{"id":"1","username":"u"},"media":{"id":"2","media_product_type":"FEED"},"id":"3","text":"x"}}],"messaging":[{"sender":{"id":"1"},"recipient":{"id":"2"},"timestamp":3,"message":{"mid":"m","is_echo":true}}]}]}]"#;
        assert!(parse(body).is_ok());
        assert!(same_json(body));
        for end in 0..body.len() {
            same_json(&body[..end]);
            let _ = verify_signature(&body[..end], std::str::from_utf8(&body[end..]).ok(), &body[..end]);
        }
        for i in 0..body.len() {
            for byte in [0u8, b'"', b'[', b'{', b'}', b']', b',', b':', b'1', b'-', b'.', b'e', 0xff, b'\\'] {
                let mut copy = body.to_vec();
                copy[i] = byte;
                same_json(&copy);
            }
        }
    }
}
