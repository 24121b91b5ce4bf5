//! Client configuration: the token, the optional app secret (and the `appsecret_proof` derived
//! from it), the API version, hosts, timeouts and the retry policy. Secrets print as
//! `[REDACTED]`.

use std::fmt;

use crate::error::Error;
use crate::redact::Redactor;
use crate::retry::RetryPolicy;

/// The Graph API version used when none is configured.
///
/// NB: v27.0 is Meta's newest version (released 2026-11-04: "Introducing Graph API v27.0 and
/// Marketing API v27.0", developers.facebook.com/blog/post/2026/11/04/introducing-graph-api-v27-and-marketing-api-v27/,
/// and developers.facebook.com/docs/graph-api/changelog/versions, which lists v27.0, v26.0
/// (2026-07-29) and v25.0 (2026-02-18, available until 2028-07-29)). The endpoint shapes here
/// were checked against Meta's v25.0 machine-readable spec (facebook-business-sdk-codegen); the
/// v27.0 announcement's Graph items (the legacy features this client never uses, AI disclosure
/// on post edit, a Page video metric) touch none of them. Set `apiVersion` to pin another.
pub const DEFAULT_API_VERSION: &str = "v27.0";
/// The Graph API host (Facebook Login).
pub const DEFAULT_BASE_URL: &str = "https://graph.facebook.com";
/// The Graph API host of the Instagram Login flavour.
pub const INSTAGRAM_BASE_URL: &str = "https://graph.instagram.com";
/// The Instagram Login code-exchange host.
pub const DEFAULT_AUTH_BASE_URL: &str = "https://api.instagram.com";
/// The resumable upload host.
pub const DEFAULT_UPLOAD_BASE_URL: &str = "https://rupload.facebook.com";
/// Per-attempt timeout when none is configured.
pub const DEFAULT_TIMEOUT_MS: u64 = 30_000;

/// A secret string: `Debug` and `Display` print `[REDACTED]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wrap a secret.
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }

    /// The secret itself, to put on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::redact::REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::redact::REDACTED)
    }
}

/// hex(HMAC-SHA256(key = app secret, message = access token)): Meta's `appsecret_proof`.
pub fn appsecret_proof(access_token: &str, app_secret: &str) -> String {
    crate::crypto::hex(&crate::crypto::hmac_sha256(app_secret.as_bytes(), access_token.as_bytes()))
}

/// The two flavours of Meta's Instagram API (option `login`).
///
/// NB: Meta: "Instagram API with Facebook Login" (graph.facebook.com, a Facebook User token, the
/// account reached through its Page) and "Instagram API with Instagram Login"
/// (graph.instagram.com, an Instagram User token, no Page, `instagram_business_*` scopes);
/// developers.facebook.com/docs/instagram-platform/overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Login {
    /// Instagram API with Facebook Login (the default).
    #[default]
    Facebook,
    /// Instagram API with Instagram Login.
    Instagram,
}

impl Login {
    /// Both flavours.
    pub const ALL: [Login; 2] = [Login::Facebook, Login::Instagram];

    /// The option's value: `"facebook"` or `"instagram"`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] named `name` for anything else.
    pub fn parse(name: &str, value: Option<&str>) -> Result<Login, Error> {
        match value {
            None | Some("facebook") => Ok(Login::Facebook),
            Some("instagram") => Ok(Login::Instagram),
            Some(_) => Err(Error::invalid(name, "must be \"facebook\" or \"instagram\"")),
        }
    }

    /// The flavour a token's first letters say it belongs to, if they say.
    ///
    /// NB: Instagram User tokens start with "IG" (IGQV…, IGAA…), Facebook User and Page tokens
    /// with "EAA" (Meta's examples and every recorded token); anything else says nothing.
    pub fn of_token(token: &str) -> Option<Login> {
        if token.starts_with("IG") {
            Some(Login::Instagram)
        } else if token.starts_with("EAA") {
            Some(Login::Facebook)
        } else {
            None
        }
    }

    /// The flavour's name as users write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Login::Facebook => "facebook",
            Login::Instagram => "instagram",
        }
    }

    /// The flavour's Graph host.
    pub fn base_url(self) -> &'static str {
        match self {
            Login::Facebook => DEFAULT_BASE_URL,
            Login::Instagram => INSTAGRAM_BASE_URL,
        }
    }
}

/// `LoginFlavour`: the values [`Login::parse`] takes.
#[cfg(not(target_arch = "wasm32"))]
pub fn typescript() -> String {
    crate::typescript::string_union(
        "Meta's two flavours of the Instagram API: with Facebook Login (the default) or with Instagram Login.",
        "LoginFlavour",
        Login::ALL.map(Login::as_str),
        false,
    )
}

/// The options a client is made from, as the caller gave them (already typed by the binding).
#[derive(Default, Clone)]
pub struct Options {
    /// `accessToken` (required).
    pub access_token: Option<String>,
    /// `appSecret`.
    pub app_secret: Option<String>,
    /// `apiVersion`.
    pub api_version: Option<String>,
    /// `baseUrl`.
    pub base_url: Option<String>,
    /// `uploadBaseUrl`.
    pub upload_base_url: Option<String>,
    /// `timeoutMs`.
    pub timeout_ms: Option<f64>,
    /// `maxRetries`.
    pub max_retries: Option<f64>,
    /// `maxRetryWaitMs`.
    pub max_retry_wait_ms: Option<f64>,
    /// `login`.
    pub login: Login,
    /// `authBaseUrl` (the Instagram Login code exchange).
    pub auth_base_url: Option<String>,
}

/// A validated client configuration.
#[derive(Clone, Debug)]
pub struct Config {
    access_token: Secret,
    app_secret: Option<Secret>,
    appsecret_proof: Option<Secret>,
    /// The `vNN.N` path prefix.
    pub api_version: String,
    /// The Graph host, without a trailing slash.
    pub base_url: String,
    /// The resumable-upload host, without a trailing slash.
    pub upload_base_url: String,
    /// The Instagram Login code-exchange host, without a trailing slash.
    pub auth_base_url: String,
    /// Per-attempt timeout.
    pub timeout_ms: u64,
    /// Retry policy.
    pub retry: RetryPolicy,
    /// The login flavour.
    pub login: Login,
    redactor: Redactor,
}

impl Config {
    /// Validate options into a configuration.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming the option: a missing or blank `accessToken`, a
    /// malformed `apiVersion`, a `baseUrl` or `uploadBaseUrl` that is not an http(s) URL, a
    /// negative or non-integer number.
    pub fn new(o: Options) -> Result<Config, Error> {
        Self::build(o, true)
    }

    /// A configuration for app-level calls that carry no user token (the OAuth exchanges and
    /// `/debug_token`, which send the app secret or an app token instead).
    ///
    /// # Errors
    /// As [`Config::new`], except that no `accessToken` is needed.
    pub fn for_app(o: Options) -> Result<Config, Error> {
        Self::build(Options { access_token: o.access_token.clone().or_else(|| Some(String::new())), ..o }, false)
    }

    fn build(o: Options, needs_token: bool) -> Result<Config, Error> {
        let token = match o.access_token {
            Some(t) if !needs_token => t,
            Some(t) if !t.trim().is_empty() && t.trim() == t => t,
            Some(t) if !t.trim().is_empty() => return Err(Error::invalid("accessToken", "must not start or end with whitespace")),
            _ => return Err(Error::invalid("accessToken", "is required: a Facebook User access token")),
        };
        let app_secret = match o.app_secret {
            Some(s) if s.is_empty() => return Err(Error::invalid("appSecret", "must not be empty when given")),
            other => other,
        };
        let api_version = match o.api_version {
            Some(v) => check_version(&v)?,
            None => DEFAULT_API_VERSION.to_owned(),
        };
        let base_url = check_base_url("baseUrl", o.base_url.as_deref().unwrap_or(o.login.base_url()))?;
        let upload_base_url = check_base_url("uploadBaseUrl", o.upload_base_url.as_deref().unwrap_or(DEFAULT_UPLOAD_BASE_URL))?;
        let auth_base_url = check_base_url("authBaseUrl", o.auth_base_url.as_deref().unwrap_or(DEFAULT_AUTH_BASE_URL))?;
        let timeout_ms = number("timeoutMs", o.timeout_ms, Number::Millis(1))?.unwrap_or(DEFAULT_TIMEOUT_MS);
        let defaults = RetryPolicy::default();
        let retry = RetryPolicy {
            max_retries: number("maxRetries", o.max_retries, Number::Whole(0))?.map_or(defaults.max_retries, |n| n.min(100) as u32),
            max_wait_ms: number("maxRetryWaitMs", o.max_retry_wait_ms, Number::Millis(0))?.unwrap_or(defaults.max_wait_ms),
            ..defaults
        };
        let proof = app_secret.as_deref().map(|s| appsecret_proof(&token, s));
        let mut redactor = Redactor::new([token.as_str()]);
        if let Some(s) = &app_secret {
            redactor.add(s);
        }
        if let Some(p) = &proof {
            redactor.add(p);
        }
        Ok(Config {
            access_token: Secret(token),
            app_secret: app_secret.map(Secret),
            appsecret_proof: proof.map(Secret),
            api_version,
            base_url,
            upload_base_url,
            auth_base_url,
            timeout_ms,
            retry,
            login: o.login,
            redactor,
        })
    }

    /// The access token.
    pub fn access_token(&self) -> &Secret {
        &self.access_token
    }

    /// The app secret, when configured.
    pub fn app_secret(&self) -> Option<&Secret> {
        self.app_secret.as_ref()
    }

    /// `appsecret_proof` for another token (a Page token), when an app secret is configured.
    pub fn proof_for(&self, token: &str) -> Option<String> {
        self.app_secret().map(|s| appsecret_proof(token, s.expose()))
    }

    /// The `appsecret_proof` sent with every request, when an app secret is configured.
    pub fn appsecret_proof(&self) -> Option<&Secret> {
        self.appsecret_proof.as_ref()
    }

    /// The redactor that knows this configuration's secrets.
    pub fn redactor(&self) -> &Redactor {
        &self.redactor
    }
}

/// `vNN.N`, as Meta names versions.
///
/// # Errors
/// [`Error::InvalidArgument`] named `apiVersion`.
pub fn check_version(v: &str) -> Result<String, Error> {
    let ok = v.strip_prefix('v').and_then(|rest| rest.split_once('.')).is_some_and(|(major, minor)| {
        !major.is_empty()
            && major.len() <= 3
            && minor.len() == 1
            && major.bytes().all(|b| b.is_ascii_digit())
            && minor.bytes().all(|b| b.is_ascii_digit())
    });
    if ok {
        Ok(v.to_owned())
    } else {
        Err(Error::invalid("apiVersion", "must look like \"v27.0\""))
    }
}

fn check_base_url(name: &str, url: &str) -> Result<String, Error> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Err(Error::invalid(name, "must be an http:// or https:// URL"));
    };
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || rest.contains(['?', '#', ' ']) || host.contains('@') {
        return Err(Error::invalid(name, "must be an http(s) URL with a host and no query, fragment or credentials"));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// What a numeric option may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    /// A duration in milliseconds, at least this many: any finite number, a fraction rounded up
    /// (timers beyond 2^31 − 1 ms are chained by the skin, so there is no upper bound but 2^53).
    Millis(u64),
    /// A whole number (a count, a size in bytes), at least this.
    Whole(u64),
}

/// The one checker of numeric options (client options, per-call options, `publish`,
/// `uploadVideo` and webhook handler options).
///
/// # Errors
/// [`Error::InvalidArgument`] named `name`, saying what the number must be.
pub fn number(name: &str, v: Option<f64>, rule: Number) -> Result<Option<u64>, Error> {
    let Some(n) = v else { return Ok(None) };
    let (min, n) = match rule {
        Number::Millis(min) => (min, n.ceil()),
        Number::Whole(min) => (min, n),
    };
    if n.is_finite() && n.fract() == 0.0 && n >= min as f64 && n <= 9_007_199_254_740_991.0 {
        return Ok(Some(n as u64));
    }
    let what = match rule {
        Number::Millis(_) => "a number of milliseconds",
        Number::Whole(_) => "a whole number",
    };
    Err(Error::invalid(name, format!("must be {what}, {min} or more")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flavour_parses_from_its_name() {
        for login in Login::ALL {
            assert_eq!(Login::parse("login", Some(login.as_str())), Ok(login));
        }
        assert!(Login::parse("login", Some("tiktok")).is_err());
    }

    fn opts(token: &str) -> Options {
        Options { access_token: Some(token.into()), ..Options::default() }
    }

    #[test]
    fn appsecret_proof_is_hex_hmac_sha256() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assert_eq!(
            appsecret_proof("what do ya want for nothing?", "Jefe"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn defaults() {
        let c = Config::new(opts("EAAtoken")).unwrap();
        assert_eq!(c.api_version, "v27.0");
        assert_eq!(c.base_url, "https://graph.facebook.com");
        assert_eq!(c.upload_base_url, "https://rupload.facebook.com");
        assert_eq!(c.timeout_ms, 30_000);
        assert_eq!(c.retry.max_retries, 2);
        assert_eq!(c.retry.max_wait_ms, 60_000);
        assert!(c.appsecret_proof().is_none());
    }

    #[test]
    fn bad_options_name_the_option() {
        let cases: Vec<(Options, &str)> = vec![
            (Options::default(), "accessToken"),
            (opts(""), "accessToken"),
            (opts(" EAA "), "accessToken"),
            (Options { api_version: Some("25.0".into()), ..opts("t") }, "apiVersion"),
            (Options { api_version: Some("v25".into()), ..opts("t") }, "apiVersion"),
            (Options { api_version: Some("v27.0/".into()), ..opts("t") }, "apiVersion"),
            (Options { base_url: Some("graph.facebook.com".into()), ..opts("t") }, "baseUrl"),
            (Options { base_url: Some("https://".into()), ..opts("t") }, "baseUrl"),
            (Options { base_url: Some("https://x/?a=1".into()), ..opts("t") }, "baseUrl"),
            (Options { upload_base_url: Some("ftp://x".into()), ..opts("t") }, "uploadBaseUrl"),
            (Options { timeout_ms: Some(0.0), ..opts("t") }, "timeoutMs"),
            (Options { timeout_ms: Some(f64::NAN), ..opts("t") }, "timeoutMs"),
            (Options { max_retries: Some(-1.0), ..opts("t") }, "maxRetries"),
            (Options { max_retries: Some(1.5), ..opts("t") }, "maxRetries"),
            (Options { max_retry_wait_ms: Some(f64::INFINITY), ..opts("t") }, "maxRetryWaitMs"),
            (Options { app_secret: Some(String::new()), ..opts("t") }, "appSecret"),
        ];
        for (o, name) in cases {
            match Config::new(o) {
                Err(Error::InvalidArgument { name: n, .. }) => assert_eq!(n, name),
                other => panic!("{name}: {other:?}"),
            }
        }
        let c = Config::new(Options { base_url: Some("http://127.0.0.1:8080/".into()), ..opts("t") }).unwrap();
        assert_eq!(c.base_url, "http://127.0.0.1:8080");
    }

    #[test]
    fn debug_prints_no_secret() {
        let c = Config::new(Options { app_secret: Some("s3cr3t-app".into()), ..opts("EAAsecret-token") }).unwrap();
        let proof = appsecret_proof("EAAsecret-token", "s3cr3t-app");
        assert_eq!(c.appsecret_proof().map(Secret::expose), Some(proof.as_str()));
        let dbg = format!("{c:?}");
        for s in ["EAAsecret-token", "s3cr3t-app", proof.as_str()] {
            assert!(!dbg.contains(s), "{dbg}");
        }
        assert_eq!(c.redactor().redact(&format!("x {proof} y")), "x [REDACTED] y");
    }
}
