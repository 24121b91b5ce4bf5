//! Plain HTTP values: what the core builds and what it is handed back. Nothing here knows
//! about `fetch`.

use std::fmt;

use crate::redact::Redactor;

/// The HTTP methods the Graph API uses (Meta's `method=` override is legacy since v27).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method name as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }

    /// Parse `GET`/`POST`/`DELETE` (any case).
    pub fn parse(s: &str) -> Option<Method> {
        match s.to_ascii_uppercase().as_str() {
            "GET" => Some(Method::Get),
            "POST" => Some(Method::Post),
            "DELETE" => Some(Method::Delete),
            _ => None,
        }
    }
}

/// A request to send. Its URL and body carry the access token, so its `Debug` form is redacted.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL, query string included.
    pub url: String,
    /// Request headers (name, value).
    pub headers: Vec<(String, String)>,
    /// The body (a form for POST), if any. Never set on GET.
    pub body: Option<String>,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = Redactor::default();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &r.redact(&self.url))
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(k, v)| {
                        let v = if k.eq_ignore_ascii_case("authorization") { crate::redact::REDACTED.to_owned() } else { r.redact(v) };
                        (k.clone(), v)
                    })
                    .collect::<Vec<_>>(),
            )
            .field("body", &self.body.as_deref().map(|b| r.redact(b)))
            .finish()
    }
}

/// A response as received: status, headers (lower-case names) and the body text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HttpResponse {
    /// HTTP status.
    pub status: u16,
    /// Headers (lower-case name, value).
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

impl HttpResponse {
    /// The first header with this (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}
