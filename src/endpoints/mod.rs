//! Graph operations as values. Each typed operation is a function that validates its arguments
//! and returns an [`Operation`]: the method, the path relative to the version, the parameters,
//! the shape the 2xx body must have and how the result is derived from it. [`build_request`]
//! turns an operation into a plain [`HttpRequest`]; nothing here sends anything.

use crate::json::Value;

use crate::config::{Config, Secret};
use crate::encoding::encode_component;
use crate::error::Error;
use crate::http::{HttpRequest, Method};
use crate::json::Shape;
use crate::params::Params;

pub mod batch;
pub mod collaboration;
pub mod comments;
pub mod discovery;
pub mod hashtags;
pub mod insights;
pub mod media;
pub mod messaging;
pub mod oauth;
pub mod product_tags;
pub mod publishing;
pub mod subscriptions;
pub mod upload;
pub mod user;

/// How the value returned to the caller is derived from a 2xx body.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// The Graph JSON, unchanged.
    Body,
    /// `listConnectedAccounts`: only Pages with an Instagram account, as
    /// `{ pageId, pageName, igUserId, igUsername }` items.
    ConnectedAccounts,
    /// `searchHashtag`: the first `data[].id`, or `null`.
    FirstId,
    /// A field expansion's or envelope's member (`business_discovery`, `data` of `/debug_token`).
    Member(&'static str),
    /// The Instagram Login code exchange: `{ access_token, user_id, permissions }`, also when
    /// Meta wraps it in a `data` array, with `user_id` as a string of its exact digits (it
    /// comes as a JSON number above 2^53, which `JSON.parse` would round).
    InstagramToken,
    /// `getHashtagSearchQuota`: `{ limit, used, remaining, hashtags }` from a
    /// `recently_searched_hashtags` page.
    HashtagQuota,
    /// The list unchanged, but these id members of each item (and of its `product_variants`)
    /// as strings of their exact digits when Meta sends them as JSON numbers (which
    /// `JSON.parse` rounds above 2^53).
    StringIds(&'static [&'static str]),
}

/// Which token a request carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// The client's access token (and its `appsecret_proof`).
    Client,
    /// Another token for this call only (a Page access token), with its own proof.
    Other(Secret),
    /// No token (the OAuth code and token exchanges, which carry the app secret instead).
    None,
}

/// Where an operation is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// `{baseUrl}/{apiVersion}/{path}`: every Graph call.
    Graph,
    /// `{baseUrl}/{path}`: the Instagram Login token endpoints, which Meta shows unversioned.
    GraphUnversioned,
    /// `{authBaseUrl}/{path}`: the Instagram Login code exchange (`https://api.instagram.com`).
    Auth,
}

/// One Graph call, ready to be built into a request.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The HTTP method.
    pub method: Method,
    /// Percent-encoded path below the version (`17841405822304914/media`); empty for the root.
    pub path: String,
    /// Graph parameters (query for GET/DELETE, form body for POST).
    pub params: Params,
    /// The shape a 2xx body must have.
    pub shape: Shape,
    /// How the result is derived from the body.
    pub output: Output,
    /// Which token to send.
    pub token: Token,
    /// Where it goes.
    pub host: Host,
    /// The typed method it was built for (the registry's JS name), if any: a permission error
    /// then names the permissions that method needs.
    pub name: Option<&'static str>,
}

impl Operation {
    /// An operation on `path` with the client's token, returning the body unchanged.
    pub fn new(method: Method, path: String, params: Params, shape: Shape) -> Self {
        Operation { method, path, params, shape, output: Output::Body, token: Token::Client, host: Host::Graph, name: None }
    }

    /// The secrets of this call that the client's configuration does not know: a per-call
    /// token with its `appsecret_proof` (and the secret half of an app token), and the value of
    /// every secret-carrying parameter (`client_secret`, `code`, `fb_exchange_token`, …).
    pub fn call_secrets(&self, config: &Config) -> Option<crate::redact::Redactor> {
        let mut r = crate::redact::Redactor::default();
        for (k, v) in self.params.iter() {
            if crate::redact::is_secret_param(k) {
                r.add(v);
            }
        }
        if let Token::Other(t) = &self.token {
            let t = t.expose();
            r.add(t);
            if let Some(proof) = config.proof_for(t) {
                r.add(&proof);
            }
            // an app token `{app-id}|{app-secret}`: its secret half alone too
            if let Some((_, secret)) = t.split_once('|') {
                r.add(secret);
            }
        }
        (!r.is_empty()).then_some(r)
    }

    /// This operation with a Page access token (Facebook Login: webhook subscriptions and
    /// messaging go through the Page), or with the client's own token when `page_token` is `None`
    /// (Instagram Login, on `me`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] named `options.pageAccessToken` when it is empty.
    pub fn with_page_token(mut self, page_token: Option<&str>) -> Result<Self, Error> {
        if let Some(t) = page_token {
            if t.trim().is_empty() {
                return Err(Error::invalid("options.pageAccessToken", "is required: a Page access token (from /me/accounts)"));
            }
            self.token = Token::Other(Secret::new(t));
        }
        Ok(self)
    }

    /// Whether retrying cannot repeat a side effect.
    pub fn is_idempotent(&self) -> bool {
        self.method == Method::Get
    }
}

/// Build the HTTP request for an operation: `{baseUrl}/{apiVersion}/{path}`, the token and
/// `appsecret_proof` added to the parameters, the parameters in the query string for GET and
/// DELETE and in an `application/x-www-form-urlencoded` body for POST.
///
/// NB: the token travels as the `access_token` parameter, as Meta's reference shows, rather
/// than in an `Authorization` header: a header would make every browser call a CORS preflight.
pub fn build_request(config: &Config, op: &Operation) -> HttpRequest {
    let mut params = op.params.clone();
    let (token, proof) = match &op.token {
        Token::Client => (Some(config.access_token().expose()), config.appsecret_proof().map(|p| p.expose().to_owned())),
        // NB: an app token (`{app-id}|{app-secret}`) needs no proof.
        Token::Other(t) if t.expose().contains('|') => (Some(t.expose()), None),
        Token::Other(t) => (Some(t.expose()), config.proof_for(t.expose())),
        Token::None => (None, None),
    };
    if let Some(t) = token {
        params.push("access_token", t);
    }
    if let Some(p) = proof {
        params.push("appsecret_proof", p);
    }
    let mut url = match op.host {
        Host::Graph => format!("{}/{}/{}", config.base_url, config.api_version, op.path),
        Host::GraphUnversioned => format!("{}/{}", config.base_url, op.path),
        Host::Auth => format!("{}/{}", config.auth_base_url, op.path),
    };
    match op.method {
        Method::Get | Method::Delete => {
            url.push('?');
            url.push_str(&params.encode());
            HttpRequest { method: op.method, url, headers: Vec::new(), body: None }
        }
        Method::Post => HttpRequest {
            method: op.method,
            url,
            headers: vec![("content-type".to_owned(), "application/x-www-form-urlencoded".to_owned())],
            body: Some(params.encode()),
        },
    }
}

/// A Graph node id argument (`igUserId`, `mediaId`…), percent-encoded for the path.
///
/// # Errors
/// [`Error::InvalidArgument`] named `name` when it is not a non-empty string without `/`, `?`,
/// `#` or whitespace. Ids are strings: Graph ids exceed 2^53.
pub fn node_id(name: &str, id: &str) -> Result<String, Error> {
    // NB: a path segment made only of dots would be resolved away (`DELETE /v27.0/..` is
    // `DELETE /`), and `/ ? # & %` or a backslash would change what the URL means. Ids Meta
    // hands out are digits, `me`, or base64url-like text (conversations, messages).
    let bad_char = |c: char| matches!(c, '/' | '?' | '#' | '&' | '%' | '\\') || c.is_whitespace() || c.is_control();
    if id.is_empty() || id.len() > 256 || id.chars().all(|c| c == '.') || id.chars().any(bad_char) {
        return Err(Error::invalid(
            name,
            "must be a Graph id (digits, \"me\", or an id Meta returned), not empty, not dots, without / ? # & % \\ or spaces",
        ));
    }
    Ok(encode_component(id))
}

/// The `path` argument of the generic calls, relative to the version.
///
/// # Errors
/// [`Error::InvalidArgument`] named `path`: an absolute URL (a `paging.next` URL carries the
/// token and must not be replayed), a query string (pass `params`), a version prefix (set
/// `apiVersion`), or `.`/`..` segments.
pub fn relative_path(path: &str) -> Result<String, Error> {
    if path.contains("://") || path.starts_with("//") {
        return Err(Error::invalid("path", "must be relative to the API version (\"me/accounts\"), not a URL"));
    }
    if path.contains(['?', '#']) {
        return Err(Error::invalid("path", "must not contain a query string or fragment; pass parameters in `params`"));
    }
    let trimmed = path.trim_matches('/');
    let mut out = Vec::new();
    for (i, seg) in trimmed.split('/').enumerate() {
        if seg == "." || seg == ".." {
            return Err(Error::invalid("path", "must not contain `.` or `..` segments"));
        }
        if i == 0 && crate::config::check_version(seg).is_ok() {
            return Err(Error::invalid("path", "must not start with a version; set the `apiVersion` option"));
        }
        if seg.is_empty() && !trimmed.is_empty() {
            return Err(Error::invalid("path", "must not contain empty segments (`//`)"));
        }
        out.push(encode_component(seg));
    }
    Ok(out.join("/"))
}

/// The generic `get`/`post`/`delete` operation.
///
/// # Errors
/// See [`relative_path`] and [`Params::from_json`].
pub fn generic(method: Method, path: &str, params: Option<&Value>) -> Result<Operation, Error> {
    Ok(Operation::new(method, relative_path(path)?, Params::from_json(params, "params")?, Shape::Any))
}

/// The `paginate` operation: a GET whose body must be a Graph list.
///
/// # Errors
/// See [`generic`].
pub fn generic_list(path: &str, params: Option<&Value>) -> Result<Operation, Error> {
    let mut op = generic(Method::Get, path, params)?;
    op.shape = Shape::List;
    Ok(op)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::config::Options;
    use crate::json::json;

    pub fn config() -> Config {
        Config::new(Options { access_token: Some("TOKEN".into()), ..Options::default() }).unwrap()
    }

    pub fn config_with_secret() -> Config {
        Config::new(Options { access_token: Some("TOKEN".into()), app_secret: Some("SECRET".into()), ..Options::default() }).unwrap()
    }

    /// (method, url, body) of an operation built with [`config`].
    pub fn golden(op: &Operation) -> (&'static str, String, Option<String>) {
        let r = build_request(&config(), op);
        (r.method.as_str(), r.url, r.body)
    }

    #[test]
    fn get_puts_params_in_the_query_and_never_a_body() {
        let op = generic(Method::Get, "/17841405822304914/media/", Some(&json!({"fields": ["id", "caption"], "limit": 25}))).unwrap();
        assert_eq!(
            golden(&op),
            (
                "GET",
                "https://graph.facebook.com/v27.0/17841405822304914/media?fields=id%2Ccaption&limit=25&access_token=TOKEN".into(),
                None
            )
        );
    }

    #[test]
    fn post_sends_a_form_body_with_false_values() {
        let op = generic(Method::Post, "17900000000000001", Some(&json!({"hide": false}))).unwrap();
        let r = build_request(&config(), &op);
        assert_eq!(r.url, "https://graph.facebook.com/v27.0/17900000000000001");
        assert_eq!(r.body.as_deref(), Some("hide=false&access_token=TOKEN"));
        assert_eq!(r.headers, vec![("content-type".to_owned(), "application/x-www-form-urlencoded".to_owned())]);
    }

    #[test]
    fn delete_uses_the_query() {
        let op = generic(Method::Delete, "17900000000000001", None).unwrap();
        assert_eq!(golden(&op), ("DELETE", "https://graph.facebook.com/v27.0/17900000000000001?access_token=TOKEN".into(), None));
    }

    #[test]
    fn appsecret_proof_goes_with_every_request() {
        let c = config_with_secret();
        let proof = crate::config::appsecret_proof("TOKEN", "SECRET");
        let get = build_request(&c, &generic(Method::Get, "me", None).unwrap());
        assert_eq!(get.url, format!("https://graph.facebook.com/v27.0/me?access_token=TOKEN&appsecret_proof={proof}"));
        let post = build_request(&c, &generic(Method::Post, "me/feed", None).unwrap());
        assert_eq!(post.body, Some(format!("access_token=TOKEN&appsecret_proof={proof}")));
        // a per-call token gets its own proof
        let mut op = generic(Method::Get, "123/subscribed_apps", None).unwrap();
        op.token = Token::Other(Secret::new("PAGE"));
        let page_proof = crate::config::appsecret_proof("PAGE", "SECRET");
        assert_eq!(
            build_request(&c, &op).url,
            format!("https://graph.facebook.com/v27.0/123/subscribed_apps?access_token=PAGE&appsecret_proof={page_proof}")
        );
    }

    #[test]
    fn version_and_base_url_are_configurable() {
        let c = Config::new(Options {
            access_token: Some("T".into()),
            api_version: Some("v26.0".into()),
            base_url: Some("http://127.0.0.1:9/".into()),
            ..Options::default()
        })
        .unwrap();
        let r = build_request(&c, &generic(Method::Get, "me", None).unwrap());
        assert_eq!(r.url, "http://127.0.0.1:9/v26.0/me?access_token=T");
    }

    #[test]
    fn paths_are_checked_and_encoded() {
        assert_eq!(relative_path("me/accounts").unwrap(), "me/accounts");
        assert_eq!(relative_path("").unwrap(), "");
        assert_eq!(relative_path("a b/ü").unwrap(), "a%20b/%C3%BC");
        for bad in [
            "https://graph.facebook.com/v27.0/me",
            "//evil.example/me",
            "me?fields=id",
            "me#x",
            "../me",
            "me/./x",
            "v27.0/me",
            "me//accounts",
        ] {
            assert!(matches!(relative_path(bad), Err(Error::InvalidArgument { ref name, .. }) if name == "path"), "{bad}");
        }
        assert_eq!(node_id("igUserId", "17841405822304914").unwrap(), "17841405822304914");
        for bad in ["", ".", "..", "...", "1/2", "1?x", " 1", "a&b", "1#", "1%2F", "a\\b", "1\n", "1\u{0}", "1\t", "1\u{7f}", "1\u{2028}"] {
            assert!(node_id("igUserId", bad).is_err(), "{bad:?}");
        }
        for good in ["17841405822304914", "me", "aWdfZAG06MTpJR01lc3NhZA2VUaHJlYWQ6MTc4NDE0MDU-_", "m_1.2", "a=="] {
            assert!(node_id("igUserId", good).is_ok(), "{good}");
        }
    }
}
