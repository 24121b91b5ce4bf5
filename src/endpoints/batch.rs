//! `POST /` with `batch=[…]`: up to 50 Graph calls in one HTTP request.
//! Reference: graph-api/batch-requests (shared/reference/graph-api.md §6).
//!
//! NB: each item answers `{"code", "headers": [{"name","value"}], "body": "<JSON text>"}`, or
//! `null` when Meta did not complete it in time; `null` items are safe to retry only when they
//! are GETs. The token and `appsecret_proof` go once, at the top level.

use super::Operation;
use crate::error::{graph_error, Error};
use crate::http::Method;
use crate::json::{Map, Shape, Value};
use crate::params::Params;
use crate::rate_limit::RateLimit;
use crate::redact::Redactor;

/// Meta's limit of requests in one batch call; longer lists are split.
pub const MAX_BATCH: usize = 50;

/// One request of a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchItem {
    /// The method.
    pub method: Method,
    /// The URL relative to the version, query string included (`me?fields=id`).
    pub relative_url: String,
    /// The form body of a POST, already encoded.
    pub body: Option<String>,
    /// A name other items can refer to (`{result=name:$.data.*.id}`).
    pub name: Option<String>,
}

#[cfg(not(target_arch = "wasm32"))]
crate::typescript::interfaces! {
    /// What [`parse_requests`] reads of an item (a test checks the required members are those it
    /// refuses to go without).
    pub(crate) const TYPES = {
        #[doc = "One request of `batch`."]
        BatchRequest {
            method: "\"GET\" | \"POST\" | \"DELETE\"",
            #[doc = "Relative to the version, query included: `\"me?fields=id\"`."]
            relativeUrl: "string",
            #[doc = "POST parameters, as an object or an encoded string."]
            body: "?GraphParams | string",
            #[doc = "A name other items can refer to (`{result=name:$.data.*.id}`)."]
            name: "?string",
        }
    }
}

/// Read the `requests` argument: an array of `{ method, relativeUrl, body?, name? }`.
///
/// # Errors
/// [`Error::InvalidArgument`] naming the first bad item and key (`requests[2].relativeUrl`).
pub fn parse_requests(value: &Value) -> Result<Vec<BatchItem>, Error> {
    let Value::Array(items) = value else {
        return Err(Error::invalid("requests", "must be an array of { method, relativeUrl, body?, name? }"));
    };
    if items.is_empty() {
        return Err(Error::invalid("requests", "must not be empty"));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = |k: &str| format!("requests[{i}]{k}");
            let Value::Object(obj) = item else {
                return Err(Error::invalid(at(""), "must be an object { method, relativeUrl, body?, name? }"));
            };
            let method = obj
                .get("method")
                .and_then(Value::as_str)
                .and_then(Method::parse)
                .ok_or_else(|| Error::invalid(at(".method"), "must be \"GET\", \"POST\" or \"DELETE\""))?;
            let relative_url = match obj.get("relativeUrl") {
                Some(Value::String(u)) if !u.trim().is_empty() && !u.contains("://") => u.trim_start_matches('/').to_owned(),
                _ => return Err(Error::invalid(at(".relativeUrl"), "must be a URL relative to the version (\"me?fields=id\")")),
            };
            let body = match obj.get("body") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(v @ Value::Object(_)) => Some(Params::from_json(Some(v), &at(".body"))?.encode()),
                Some(_) => return Err(Error::invalid(at(".body"), "must be an object of parameters or an encoded string")),
            };
            if body.is_some() && method == Method::Get {
                return Err(Error::invalid(at(".body"), "a GET item has no body; put its parameters in relativeUrl"));
            }
            let name = match obj.get("name") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(_) => return Err(Error::invalid(at(".name"), "must be a string")),
            };
            Ok(BatchItem { method, relative_url, body, name })
        })
        .collect()
}

/// The batch call for up to [`MAX_BATCH`] items.
pub fn operation(items: &[BatchItem]) -> Operation {
    // Members in name order, as the batch has always been written.
    let list: Vec<Value> = items
        .iter()
        .map(|it| {
            let mut v = Map::new();
            if let Some(b) = &it.body {
                v.insert("body", b.as_str().into());
            }
            v.insert("method", it.method.as_str().into());
            if let Some(n) = &it.name {
                v.insert("name", n.as_str().into());
            }
            v.insert("relative_url", it.relative_url.as_str().into());
            Value::Object(v)
        })
        .collect();
    let mut params = Params::new();
    params.push("batch", Value::Array(list).to_string());
    params.push("include_headers", "true");
    Operation::new(Method::Post, String::new(), params, Shape::Any)
}

/// Whether every item is a GET, so the whole call may be retried.
pub fn all_gets(items: &[BatchItem]) -> bool {
    items.iter().all(|i| i.method == Method::Get)
}

/// The result of one item.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemResult {
    /// A 2xx answer: status, headers (lower-case names), parsed body.
    Ok {
        /// HTTP status of the item.
        status: u16,
        /// Its headers, lower-case names.
        headers: Vec<(String, String)>,
        /// Its body, parsed.
        body: Value,
    },
    /// A failed item (a Graph error, or a 2xx body that is not JSON).
    Err(Error),
    /// Meta returned `null`: not completed in time.
    Null,
}

/// Read a batch call's 2xx body (HTTP `status`): one result per request, in order.
///
/// # Errors
/// [`Error::Graph`] when the whole call failed (`{"error": …}`); [`Error::Decode`] when the body
/// is not an array of items (naming the bad item), or holds more items than were sent. Missing
/// trailing items count as `null`.
pub fn parse_response(status: u16, body: &str, sent: usize, redactor: &Redactor) -> Result<Vec<ItemResult>, Error> {
    let raw = crate::json::parse(body).map_err(|_| crate::error::invalid_json(body))?;
    if crate::json::is_graph_error(&&raw) {
        return Err(Error::Graph(Box::new(graph_error(status, body, None, redactor))));
    }
    let Value::Array(items) = raw else {
        return Err(Error::decode("", "expected an array of batch results"));
    };
    if items.len() > sent {
        return Err(Error::decode("", format!("expected {sent} batch results, got {}", items.len())));
    }
    let mut out = Vec::with_capacity(sent);
    for (i, item) in items.into_iter().enumerate() {
        if item.is_null() {
            out.push(ItemResult::Null);
            continue;
        }
        // NB: read member by member (see error.rs on typed deserialising).
        let bad = |what: &str| Error::decode(format!("[{i}]"), format!("expected {{ code, headers?, body? }}: {what}"));
        let code = item
            .get("code")
            .and_then(Value::as_u64)
            .and_then(|c| u16::try_from(c).ok())
            .ok_or_else(|| bad("`code` is not an HTTP status"))?;
        let headers: Vec<(String, String)> = match item.get("headers") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) => list
                .iter()
                .map(|h| match (h.get("name").and_then(Value::as_str), h.get("value").and_then(Value::as_str)) {
                    (Some(n), Some(v)) => Ok((n.to_ascii_lowercase(), redactor.redact(v))),
                    _ => Err(bad("a header without a string `name` and `value`")),
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(bad("`headers` is not an array")),
        };
        let text = match item.get("body") {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(t)) => t.clone(),
            Some(_) => return Err(bad("`body` is not a string")),
        };
        let text = crate::page::strip_secret_params(&text).unwrap_or(text);
        if (200..300).contains(&code) {
            match crate::json::parse(&text) {
                Ok(body) if !crate::json::is_graph_error(&&body) => out.push(ItemResult::Ok { status: code, headers, body }),
                Ok(_) => out.push(ItemResult::Err(item_error(code, &text, &headers, redactor))),
                Err(_) => out.push(ItemResult::Err(crate::error::invalid_json(&text))),
            }
        } else {
            out.push(ItemResult::Err(item_error(code, &text, &headers, redactor)));
        }
    }
    out.resize(sent, ItemResult::Null);
    Ok(out)
}

fn item_error(status: u16, body: &str, headers: &[(String, String)], redactor: &Redactor) -> Error {
    let header = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    let wait = RateLimit::from_headers(None, header("x-business-use-case-usage"), 0.0).regain_access_ms();
    Error::Graph(Box::new(graph_error(status, body, wait, redactor)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_declared_request_is_what_is_read() {
        let example = json!({"method": "POST", "relativeUrl": "1/comments", "body": {"message": "hi"}, "name": "n"});
        crate::typescript::required_as_declared(&TYPES[0], &example, |item| parse_requests(&json!([item])));
        for method in ["GET", "POST", "DELETE"] {
            assert!(TYPES[0].members[0].ts.contains(&format!("\"{method}\"")) && Method::parse(method).is_some());
        }
    }
    use crate::endpoints::build_request;
    use crate::endpoints::tests::config;
    use crate::json::json;

    #[test]
    fn builds_one_post_with_the_token_at_the_top() {
        let items = parse_requests(&json!([
            {"method": "GET", "relativeUrl": "17841405822304914?fields=id,username", "name": "me"},
            {"method": "post", "relativeUrl": "/17900000000000001", "body": {"hide": false}},
            {"method": "DELETE", "relativeUrl": "17900000000000002"},
        ]))
        .unwrap();
        let r = build_request(&config(), &operation(&items));
        assert_eq!(r.url, "https://graph.facebook.com/v27.0/");
        let body = r.body.unwrap();
        let batch = crate::encoding::query_param(&format!("?{body}"), "batch").unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(&batch).unwrap(),
            json!([
                {"method": "GET", "relative_url": "17841405822304914?fields=id,username", "name": "me"},
                {"method": "POST", "relative_url": "17900000000000001", "body": "hide=false"},
                {"method": "DELETE", "relative_url": "17900000000000002"},
            ])
        );
        assert!(body.ends_with("&include_headers=true&access_token=TOKEN"), "{body}");
        assert!(!all_gets(&items));
    }

    #[test]
    fn bad_requests_name_the_item() {
        let name = |v: Value| match parse_requests(&v) {
            Err(Error::InvalidArgument { name, .. }) => name,
            other => panic!("{other:?}"),
        };
        assert_eq!(name(json!({})), "requests");
        assert_eq!(name(json!([])), "requests");
        assert_eq!(name(json!([{"method": "GET", "relativeUrl": "me"}, 3])), "requests[1]");
        assert_eq!(name(json!([{"method": "PUT", "relativeUrl": "me"}])), "requests[0].method");
        assert_eq!(name(json!([{"method": "GET", "relativeUrl": "https://x/me"}])), "requests[0].relativeUrl");
        assert_eq!(name(json!([{"method": "GET", "relativeUrl": "me", "body": "a=1"}])), "requests[0].body");
        assert_eq!(name(json!([{"method": "POST", "relativeUrl": "me", "body": 5}])), "requests[0].body");
        assert_eq!(name(json!([{"method": "POST", "relativeUrl": "me", "name": 5}])), "requests[0].name");
    }

    #[test]
    fn results_in_order_with_errors_and_nulls() {
        let body = json!([
            {"code": 200, "headers": [{"name": "Content-Type", "value": "text/javascript"}], "body": "{\"id\":\"1\"}"},
            {"code": 400, "headers": [], "body": "{\"error\":{\"message\":\"Invalid OAuth access token\",\"code\":190,\"fbtrace_id\":\"F\"}}"},
            null,
            {"code": 200, "body": "not json"},
        ])
        .to_string();
        let r = parse_response(200, &body, 5, &Redactor::default()).unwrap();
        assert_eq!(r.len(), 5);
        assert_eq!(
            r[0],
            ItemResult::Ok { status: 200, headers: vec![("content-type".into(), "text/javascript".into())], body: json!({"id": "1"}) }
        );
        match &r[1] {
            ItemResult::Err(Error::Graph(g)) => assert_eq!((g.status, g.code, g.kind), (400, Some(190), crate::ErrorKind::Auth)),
            other => panic!("{other:?}"),
        }
        assert_eq!(r[2], ItemResult::Null);
        assert!(matches!(r[3], ItemResult::Err(Error::Decode { .. })));
        assert_eq!(r[4], ItemResult::Null);
        assert!(parse_response(200, "[null, null]", 1, &Redactor::default()).is_err());
        assert!(matches!(parse_response(200, "{}", 1, &Redactor::default()), Err(Error::Decode { .. })));
        assert!(matches!(parse_response(200, r#"{"error":{"message":"x","code":1}}"#, 1, &Redactor::default()), Err(Error::Graph(_))));
        assert!(
            matches!(parse_response(200, "[{\"headers\":[]}]", 1, &Redactor::default()), Err(Error::Decode { ref path, .. }) if path == "[0]")
        );
    }
}
