//! Logins and tokens, in both flavours: the login dialog URL, the code exchange and the
//! long-lived exchange (and, with Instagram Login, the refresh), and `GET /debug_token`.
//! References: Facebook Login: facebook-login/guides/advanced/manual-flow,
//! …/access-tokens/get-long-lived, graph-api/reference/debug_token (graph-api.md §1).
//! Instagram Login: instagram-platform/instagram-api-with-instagram-login/business-login
//! (authorize, `POST https://api.instagram.com/oauth/access_token`, `ig_exchange_token`) and
//! instagram-platform/reference/refresh_access_token (`ig_refresh_token`: a long-lived token at
//! least 24 hours old, not expired, with `instagram_business_basic`).

use super::{Host, Operation, Output, Token};
use crate::config::{check_version, Login, Secret, DEFAULT_API_VERSION};
use crate::encoding::encode_component;
use crate::error::Error;
use crate::http::Method;
use crate::json::{Object, Shape, ToJson, Value};
use crate::params::Params;

/// Options of `oauth.loginUrl`.
#[derive(Debug, Default, Clone)]
pub struct LoginUrl {
    /// `login`: which flavour's dialog.
    pub login: Login,
    /// `appId` → `client_id`.
    pub app_id: String,
    /// `redirectUri` (must match a Valid OAuth Redirect URI exactly).
    pub redirect_uri: String,
    /// `scopes` → `scope`, comma-separated.
    pub scopes: Vec<String>,
    /// `state`: the caller's CSRF token, echoed back.
    pub state: String,
    /// `configId` → `config_id` (Facebook Login for Business; replaces `scope`).
    pub config_id: Option<String>,
    /// `apiVersion`.
    pub api_version: Option<String>,
    /// `responseType` → `response_type` (`code` by default).
    pub response_type: Option<String>,
}

fn required(v: &str, name: &str) -> Result<(), Error> {
    if v.trim().is_empty() {
        return Err(Error::invalid(name, "is required"));
    }
    Ok(())
}

/// `https://www.facebook.com/{version}/dialog/oauth?client_id&redirect_uri&state&scope|config_id&response_type`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a missing `appId`, `redirectUri` or `state` (CSRF protection
/// is not optional), a bad version or response type.
pub fn login_url(o: &LoginUrl) -> Result<String, Error> {
    required(&o.app_id, "appId")?;
    required(&o.redirect_uri, "redirectUri")?;
    required(&o.state, "state")?;
    if !(o.redirect_uri.starts_with("https://") || o.redirect_uri.starts_with("http://")) {
        return Err(Error::invalid("redirectUri", "must be an absolute http(s) URL"));
    }
    check_scopes(&o.scopes, o.login)?;
    if o.login == Login::Instagram {
        return instagram_login_url(o);
    }
    let version = match &o.api_version {
        Some(v) => check_version(v)?,
        None => DEFAULT_API_VERSION.to_owned(),
    };
    let response_type = o.response_type.clone().unwrap_or_else(|| "code".to_owned());
    if !["code", "token", "code token", "granted_scopes"].contains(&response_type.as_str()) {
        return Err(Error::invalid("responseType", "must be \"code\", \"token\", \"code token\" or \"granted_scopes\""));
    }
    let mut p = Params::new();
    p.push("client_id", o.app_id.clone());
    p.push("redirect_uri", o.redirect_uri.clone());
    p.push("state", o.state.clone());
    match &o.config_id {
        Some(c) if !c.is_empty() => p.push("config_id", c.clone()),
        _ if !o.scopes.is_empty() => p.push("scope", o.scopes.join(",")),
        _ => {}
    }
    p.push("response_type", response_type);
    Ok(format!("https://www.facebook.com/{}/dialog/oauth?{}", encode_component(&version), p.encode()))
}

/// `https://www.instagram.com/oauth/authorize?client_id&redirect_uri&response_type=code&scope&state`.
fn instagram_login_url(o: &LoginUrl) -> Result<String, Error> {
    if o.config_id.is_some() {
        return Err(Error::invalid("configId", "is a Facebook Login for Business option; Instagram Login takes `scopes`"));
    }
    if o.response_type.as_deref().is_some_and(|r| r != "code") {
        return Err(Error::invalid("responseType", "must be \"code\" with Instagram Login"));
    }
    let mut p = Params::new();
    p.push("client_id", o.app_id.clone());
    p.push("redirect_uri", o.redirect_uri.clone());
    p.push("response_type", "code");
    if !o.scopes.is_empty() {
        p.push("scope", o.scopes.join(","));
    }
    p.push("state", o.state.clone());
    Ok(format!("https://www.instagram.com/oauth/authorize?{}", p.encode()))
}

/// Refuse scopes of the other flavour, and a mix of the two.
///
/// NB: Meta answers a dialog that mixes them with "Business and user permissions are mutually
/// exclusive" (restfb #1527, graph-api.md §1); Instagram Login takes only the
/// `instagram_business_*` scopes (the older `business_*` values ended on 2025-01-27).
///
/// # Errors
/// [`Error::InvalidArgument`] named `scopes`, naming the fix.
pub fn check_scopes(scopes: &[String], login: Login) -> Result<(), Error> {
    let business = |s: &String| s.starts_with("instagram_business_");
    let (ig, fb): (Vec<&String>, Vec<&String>) = scopes.iter().partition(|s| business(s));
    if !ig.is_empty() && !fb.is_empty() {
        return Err(Error::invalid(
            "scopes",
            format!(
                "mix Instagram Login scopes ({}) with Facebook Login ones ({}): Meta refuses the dialog (\"Business and user permissions are mutually exclusive\"); ask for one set",
                ig.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                fb.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    match login {
        Login::Instagram if !fb.is_empty() => Err(Error::invalid(
            "scopes",
            format!(
                "{} are Facebook Login permissions; Instagram Login takes instagram_business_* scopes (instagram_business_basic, …)",
                fb.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            ),
        )),
        Login::Facebook if !ig.is_empty() => Err(Error::invalid(
            "scopes",
            format!(
                "{} are Instagram Login scopes: use login: \"instagram\", or ask for the Facebook Login permissions (instagram_basic, …)",
                ig.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            ),
        )),
        _ => Ok(()),
    }
}

fn anonymous(path: &str, p: Params) -> Operation {
    let mut op = Operation::new(Method::Get, path.to_owned(), p, Shape::Object);
    op.token = Token::None;
    op
}

/// `GET /oauth/access_token?client_id&redirect_uri&client_secret&code` → `{ access_token,
/// token_type, expires_in }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a missing argument.
pub fn exchange_code(app_id: &str, app_secret: &str, redirect_uri: &str, code: &str) -> Result<Operation, Error> {
    for (v, n) in [(app_id, "appId"), (app_secret, "appSecret"), (redirect_uri, "redirectUri"), (code, "code")] {
        required(v, n)?;
    }
    let mut p = Params::new();
    p.push("client_id", app_id);
    p.push("redirect_uri", redirect_uri);
    p.push("client_secret", app_secret);
    p.push("code", code);
    Ok(anonymous("oauth/access_token", p))
}

/// `GET /oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token`
/// → a long-lived (about 60 days) user token.
///
/// # Errors
/// [`Error::InvalidArgument`] for a missing argument.
pub fn exchange_for_long_lived_token(app_id: &str, app_secret: &str, access_token: &str) -> Result<Operation, Error> {
    for (v, n) in [(app_id, "appId"), (app_secret, "appSecret"), (access_token, "accessToken")] {
        required(v, n)?;
    }
    let mut p = Params::new();
    p.push("grant_type", "fb_exchange_token");
    p.push("client_id", app_id);
    p.push("client_secret", app_secret);
    p.push("fb_exchange_token", access_token);
    Ok(anonymous("oauth/access_token", p))
}

/// Instagram Login: `POST https://api.instagram.com/oauth/access_token` (a form: `client_id`,
/// `client_secret`, `grant_type=authorization_code`, `redirect_uri`, `code`) → `{ access_token,
/// user_id, permissions? }` (also unwrapped from a `data` array, which Meta has used).
///
/// # Errors
/// [`Error::InvalidArgument`] for a missing argument.
pub fn instagram_exchange_code(app_id: &str, app_secret: &str, redirect_uri: &str, code: &str) -> Result<Operation, Error> {
    for (v, n) in [(app_id, "appId"), (app_secret, "appSecret"), (redirect_uri, "redirectUri"), (code, "code")] {
        required(v, n)?;
    }
    let mut p = Params::new();
    p.push("client_id", app_id);
    p.push("client_secret", app_secret);
    p.push("grant_type", "authorization_code");
    p.push("redirect_uri", redirect_uri);
    p.push("code", code);
    let mut op = Operation::new(Method::Post, "oauth/access_token".to_owned(), p, Shape::Object);
    op.token = Token::None;
    op.host = Host::Auth;
    op.output = Output::InstagramToken;
    Ok(op)
}

/// The code exchange's answer: unwrapped from a `data` array of one, `user_id` as a string.
pub fn instagram_token(body: Value) -> Value {
    let mut v = match body {
        Value::Object(mut m) => match m.get_mut("data") {
            Some(Value::Array(items)) if items.len() == 1 => items.pop().unwrap_or_default(),
            _ => Value::Object(m),
        },
        other => other,
    };
    if let Some(id) = v.get_mut("user_id") {
        if let Value::Number(n) = id {
            *id = Value::String(n.to_string());
        }
    }
    v
}

/// Instagram Login: `GET https://graph.instagram.com/access_token?grant_type=ig_exchange_token&client_secret&access_token`
/// → `{ access_token, token_type, expires_in }` (a 60-day token).
///
/// # Errors
/// [`Error::InvalidArgument`] for a missing argument.
pub fn instagram_exchange_for_long_lived_token(app_secret: &str, access_token: &str) -> Result<Operation, Error> {
    for (v, n) in [(app_secret, "appSecret"), (access_token, "accessToken")] {
        required(v, n)?;
    }
    let mut p = Params::new();
    p.push("grant_type", "ig_exchange_token");
    p.push("client_secret", app_secret);
    // NB: the token is a parameter of this call, not the client's: no appsecret_proof with it.
    p.push("access_token", access_token);
    let mut op = anonymous("access_token", p);
    op.host = Host::GraphUnversioned;
    Ok(op)
}

/// Instagram Login: `GET https://graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token&access_token`
/// → `{ access_token, token_type, expires_in }`.
///
/// # Errors
/// [`Error::InvalidArgument`] for a missing token.
pub fn refresh_long_lived_token(access_token: &str) -> Result<Operation, Error> {
    required(access_token, "accessToken")?;
    let mut p = Params::new();
    p.push("grant_type", "ig_refresh_token");
    p.push("access_token", access_token);
    let mut op = anonymous("refresh_access_token", p);
    op.host = Host::GraphUnversioned;
    Ok(op)
}

/// `GET /debug_token?input_token=…` with the app token `{app-id}|{app-secret}` → the `data` object.
///
/// # Errors
/// [`Error::InvalidArgument`] for a missing argument.
pub fn debug_token(input_token: &str, app_id: &str, app_secret: &str) -> Result<Operation, Error> {
    for (v, n) in [(input_token, "inputToken"), (app_id, "appId"), (app_secret, "appSecret")] {
        required(v, n)?;
    }
    let mut p = Params::new();
    p.push("input_token", input_token);
    let mut op = Operation::new(Method::Get, "debug_token".to_owned(), p, Shape::Object);
    op.token = Token::Other(Secret::new(format!("{app_id}|{app_secret}")));
    op.output = Output::Member("data");
    Ok(op)
}

/// `oauth.inspectToken`'s answer from `/debug_token`'s `data` (Facebook Login tokens): `{ valid,
/// kind, login, appId, userId, scopes, expiresAt, dataAccessExpiresAt, problems }`, times in
/// epoch milliseconds or `null` (never expires), `problems` as `{ code, message }` a person can
/// act on. `now_ms` is the caller's clock.
///
/// NB: the rules are the product's (the Instagram API takes a User token of someone who can
/// perform Tasks on the Page; Page tokens and Business Manager system users are not supported)
/// and Meta's debug_token reference (`type` USER | PAGE | APP | SYSTEM_USER, `expires_at` 0 for
/// a token that never expires).
pub fn inspection(data: &Value, app_id: &str, now_ms: f64) -> Inspection {
    let text = |k: &str| data.get(k).and_then(|v| v.as_str().map(str::to_owned).or_else(|| v.as_u64().map(|n| n.to_string())));
    let ms = |k: &str| data.get(k).and_then(Value::as_f64).filter(|t| *t > 0.0).map(|t| t * 1000.0);
    let valid = data.get("is_valid").and_then(Value::as_bool).unwrap_or(false);
    let kind = match data.get("type").and_then(Value::as_str) {
        Some("USER") => "user",
        Some("PAGE") => "page",
        Some("SYSTEM_USER") => "system_user",
        Some("APP") => "app",
        _ => "unknown",
    };
    let scopes: Vec<String> = crate::params::names(data.get("scopes")).unwrap_or_default();
    let expires_at = ms("expires_at");
    let mut problems = Vec::new();
    let mut problem = |code: &'static str, message: String| problems.push(Problem { code, message });
    let expired =
        expires_at.is_some_and(|t| t <= now_ms) || data.get("error").and_then(|e| e.get("subcode")).and_then(Value::as_i64) == Some(463);
    if !valid && !expired {
        let why = data.get("error").and_then(|e| e.get("message")).and_then(Value::as_str).unwrap_or("no reason given");
        problem("invalid", format!("Meta says this token is not valid ({why}): get a new one through the login flow"));
    }
    if expired {
        problem(
            "expired",
            "the token has expired: log the user in again, or exchange tokens for long-lived ones (about 60 days) before they expire"
                .to_owned(),
        );
    }
    match kind {
        "page" => problem("page_token", PAGE_TOKEN.to_owned()),
        "system_user" => problem("system_user", "this is a Business Manager system user token, which this client does not support: use the User access token of a person who can perform Tasks on the Page".to_owned()),
        "app" => problem("app_token", "this is an app token ({app-id}|{app-secret}): it cannot act for an Instagram account; use a User access token".to_owned()),
        _ => {}
    }
    let token_app = text("app_id");
    if let Some(a) = token_app.as_deref().filter(|a| !app_id.is_empty() && *a != app_id) {
        problem("wrong_app", format!("the token was issued to app {a}, not {app_id}: use a token from this app's login flow"));
    }
    let business = scopes.iter().filter(|s| s.starts_with("instagram_business_")).count();
    if business > 0 && business < scopes.len() {
        problem("mixed_scopes", "the token holds both Instagram Login and Facebook Login scopes; Meta treats them as mutually exclusive: log in again asking for one set".to_owned());
    }
    Inspection {
        valid: valid && expires_at.is_none_or(|t| t > now_ms),
        kind,
        login: "facebook",
        app_id: token_app,
        user_id: text("user_id"),
        scopes,
        expires_at,
        data_access_expires_at: ms("data_access_expires_at"),
        problems,
        unknown: Vec::new(),
    }
}

/// The problem of the token a Graph error reveals, with the token's kind (`unknown`, or `page`):
/// `None` when the error is not about the token.
///
/// NB: an unusable token is error 190 (or 102, a session error) on graph.instagram.com as on
/// graph.facebook.com, subcode 463 "Session has expired" (graph-api/guides/error-handling,
/// "Authentication error subcodes"); a Page token reading a User edge is "(#100) Tried accessing
/// nonexisting field (permissions) on node type (Page)" (the same message as
/// instagram-graph-api-lib #68, for the other node type).
pub fn token_problem(e: &crate::error::GraphApiError, login: Login) -> Option<(&'static str, Problem)> {
    let again = match login {
        Login::Facebook => "log the user in again, or exchange tokens for long-lived ones (about 60 days) before they expire",
        Login::Instagram => {
            "log the user in again (a long-lived Instagram token lasts 60 days: refresh it with oauth.refreshLongLivedToken before then)"
        }
    };
    match e.code {
        Some(190) | Some(102) if e.subcode == Some(463) => {
            Some(("unknown", Problem { code: "expired", message: format!("the token has expired: {again}") }))
        }
        Some(190) | Some(102) => Some((
            "unknown",
            Problem {
                code: "invalid",
                message: format!("Meta says this token is not valid ({}): get a new one through the login flow", e.message),
            },
        )),
        _ if login == Login::Facebook && e.message.contains("on node type (Page)") => {
            Some(("page", Problem { code: "page_token", message: PAGE_TOKEN.to_owned() }))
        }
        _ => None,
    }
}

const PAGE_TOKEN: &str = "this is a Page access token: the Instagram API needs a User access token of someone who can perform Tasks on the Page the Instagram account is connected to (Page tokens serve only the webhook subscription calls, as pageAccessToken)";

/// What an Instagram Login token does not tell about itself.
///
/// NB: Meta documents no way for an Instagram User token to read its own permissions, app or
/// expiry: `/debug_token` is a graph.facebook.com endpoint for Facebook Login tokens, and
/// graph.instagram.com documents only `GET /me` (`user_id`, `username`, …) and the token
/// exchange and refresh (instagram-platform/instagram-api-with-instagram-login/business-login;
/// reference/refresh_access_token). The permissions are in the code exchange's answer
/// (`permissions`), and the expiry in `expires_in` of the long-lived exchange and the refresh.
pub const INSTAGRAM_UNKNOWN: &[&str] = &[
    "scopes: Meta offers no call that lists an Instagram User token's permissions; they are in the `permissions` of oauth.exchangeCode's answer (pass them to diagnose as `scopes`)",
    "expiresAt: not readable from the token; a long-lived token lasts 60 days from oauth.exchangeForLongLivedToken or oauth.refreshLongLivedToken (their `expires_in`), and can be refreshed once it is 24 hours old",
    "appId: not readable from the token (Instagram Login has no /debug_token)",
];

/// `oauth.inspectToken`'s answer for an Instagram User token, from `GET /me?fields=user_id,username`
/// (`Ok`: its body) or the error Meta gave (`Err`). `scopes`: those the caller knows (from the
/// code exchange), else none.
///
/// NB: an unusable token is error 190 (OAuthException) on graph.instagram.com as on
/// graph.facebook.com; subcode 463 is "Session has expired" (graph-api/guides/error-handling,
/// "Authentication error subcodes"). Other errors are not the token's, and stay errors.
pub fn instagram_inspection(me: Result<&Value, &crate::error::GraphApiError>, scopes: Vec<String>) -> Option<Inspection> {
    let mut problems = Vec::new();
    let (valid, user_id) = match me {
        Ok(body) => {
            let id = body.get("user_id").and_then(|v| v.as_str().map(str::to_owned).or_else(|| v.as_u64().map(|n| n.to_string())));
            (true, id)
        }
        Err(e) => {
            let (_, p) = token_problem(e, Login::Instagram)?;
            problems.push(p);
            (false, None)
        }
    };
    let facebook: Vec<&String> = scopes.iter().filter(|s| !s.starts_with("instagram_business_")).collect();
    if !facebook.is_empty() {
        problems.push(Problem {
            code: "mixed_scopes",
            message: format!(
                "{} {} Facebook Login permissions, which an Instagram Login token cannot hold: Instagram Login takes the instagram_business_* scopes",
                facebook.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                if facebook.len() == 1 { "is a" } else { "are" }
            ),
        });
    }
    let known_scopes = !scopes.is_empty();
    Some(Inspection {
        valid,
        kind: "instagram_user",
        login: "instagram",
        app_id: None,
        user_id,
        scopes,
        expires_at: None,
        data_access_expires_at: None,
        problems,
        unknown: INSTAGRAM_UNKNOWN.iter().skip(usize::from(known_scopes)).map(|s| (*s).to_owned()).collect(),
    })
}

/// `oauth.inspectToken`'s answer (written as JSON with the JS names: `appId`, `expiresAt`, …).
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    /// Valid and not expired.
    pub valid: bool,
    /// `user`, `page`, `system_user`, `app`, `instagram_user` or `unknown`.
    pub kind: &'static str,
    /// The login flavour it belongs to.
    pub login: &'static str,
    /// The app it was issued to.
    pub app_id: Option<String>,
    /// Its user.
    pub user_id: Option<String>,
    /// Granted scopes.
    pub scopes: Vec<String>,
    /// Epoch ms; `None`: never expires.
    pub expires_at: Option<f64>,
    /// Epoch ms of the data-access expiry.
    pub data_access_expires_at: Option<f64>,
    /// What is wrong, in words.
    pub problems: Vec<Problem>,
    /// What Meta does not let this package read of the token, and where to find it instead
    /// (Instagram Login tokens); empty when everything above was read.
    pub unknown: Vec<String>,
}

/// One problem of a token.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// `invalid`, `expired`, `page_token`, `system_user`, `app_token`, `wrong_app`,
    /// `mixed_scopes`; and from `diagnose`: `not_offered`, `scope_declined`, `scope_expired`,
    /// `missing_scope`, `no_connected_account`, `missing_tasks`, `app_review`.
    pub code: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}

/// Every [`Problem::code`]: the token's (`inspection`, `token_problem`), then `diagnose`'s (a
/// test checks that the sources give no other).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) const PROBLEM_CODES: &[&str] = &[
    "invalid",
    "expired",
    "page_token",
    "system_user",
    "app_token",
    "wrong_app",
    "mixed_scopes",
    "not_offered",
    "scope_declined",
    "scope_expired",
    "missing_scope",
    "no_connected_account",
    "missing_tasks",
    "app_review",
];

/// Every [`Inspection::kind`].
#[cfg(not(target_arch = "wasm32"))]
const TOKEN_KINDS: &[&str] = &["user", "page", "system_user", "app", "instagram_user", "unknown"];

#[cfg(not(target_arch = "wasm32"))]
crate::typescript::interfaces! {
    /// [`Problem`] and [`Inspection`] as JS sees them.
    pub(crate) const TYPES = {
        #[doc = "A problem of a token (`inspectToken`) or of what a client can do (`diagnose`), with what to do."]
        TokenProblem {
            code: "TokenProblemCode | (string & {})",
            #[doc = "What is wrong and what to do, for a person."]
            message: "string",
        }
        #[doc = "`oauth.inspectToken`'s answer."]
        TokenInspection {
            valid: "boolean",
            kind: "TokenKind",
            login: "LoginFlavour",
            appId: "string | null",
            userId: "string | null",
            scopes: "string[]",
            #[doc = "Epoch milliseconds; null when the token never expires."]
            expiresAt: "number | null",
            #[doc = "Epoch milliseconds; null when Meta gives none."]
            dataAccessExpiresAt: "number | null",
            problems: "TokenProblem[]",
            #[doc = "What Meta does not let this package read of the token, and where to find it instead (Instagram User tokens; without the app secret in `diagnose`)."]
            unknown: "string[]",
        }
    }
}

/// `TokenProblemCode`, `TokenKind`, `TokenProblem`, `TokenInspection`.
#[cfg(not(target_arch = "wasm32"))]
pub fn typescript() -> String {
    use crate::typescript::string_union;
    let mut out = string_union(
        "The token's (`inspectToken` and `diagnose`): `invalid`, `expired`, `page_token`, `system_user`, `app_token`, `wrong_app`, `mixed_scopes`. `diagnose` adds: `not_offered` (a method asked for that the flavour lacks), `scope_declined`, `scope_expired`, `missing_scope`, `no_connected_account` (no Page with an Instagram Business or Creator account), `missing_tasks` (the user's Page tasks do not include what a permission needs: Meta's Tasks → permissions table), `app_review` (App Review needed in Live Mode).",
        "TokenProblemCode",
        PROBLEM_CODES.iter().copied(),
        false,
    );
    out.push_str(&string_union("What a token is.", "TokenKind", TOKEN_KINDS.iter().copied(), false));
    out.push_str(&crate::typescript::declare(TYPES));
    out
}

impl ToJson for Inspection {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .member("valid", &self.valid)
            .member("kind", self.kind)
            .member("login", self.login)
            .member("appId", &self.app_id)
            .member("userId", &self.user_id)
            .member("scopes", &self.scopes)
            .member("expiresAt", &self.expires_at)
            .member("dataAccessExpiresAt", &self.data_access_expires_at)
            .member("problems", &self.problems)
            .member("unknown", &self.unknown)
            .end();
    }
}

impl ToJson for Problem {
    fn write_json(&self, out: &mut String) {
        Object::new(out).member("code", self.code).member("message", &self.message).end();
    }
}

/// Parse the `scopes` option: an array of strings.
///
/// # Errors
/// [`Error::InvalidArgument`] named `scopes`.
pub fn scopes(v: Option<&Value>) -> Result<Vec<String>, Error> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        v => crate::params::names(v).ok_or_else(|| Error::invalid("scopes", "must be an array of permission names")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::build_request;
    use crate::endpoints::tests::{config, config_with_secret};

    /// Every kind and problem an inspection gives is declared, and the answer fits
    /// `TokenInspection`; no source gives a problem code the declarations lack.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn inspections_are_as_declared() {
        use crate::json::json;
        let mut answers = Vec::new();
        for t in ["USER", "PAGE", "SYSTEM_USER", "APP", "NEW"] {
            let data = json!({"type": t, "is_valid": false, "app_id": "9", "expires_at": 1, "scopes": ["instagram_business_basic", "x"], "user_id": 2});
            answers.push(inspection(&data, "1", 5_000.0));
        }
        answers.push(inspection(&json!({"is_valid": true, "expires_at": 0}), "", 0.0));
        answers.extend(instagram_inspection(Ok(&json!({"user_id": 5})), vec!["pages_show_list".into()]));
        for a in &answers {
            assert!(TOKEN_KINDS.contains(&a.kind), "{}", a.kind);
            let v = crate::json::to_serde(a);
            crate::typescript::fits(&v, "TokenInspection", TYPES).unwrap();
            assert!(a.problems.iter().all(|p| PROBLEM_CODES.contains(&p.code)), "{a:?}");
        }
        let kinds: std::collections::BTreeSet<&str> = answers.iter().map(|a| a.kind).collect();
        assert_eq!(kinds.len(), TOKEN_KINDS.len(), "every kind is reached: {kinds:?}");
        for source in [include_str!("oauth.rs"), include_str!("../diagnose.rs"), include_str!("../flow/diagnose.rs")] {
            for marker in ["problem(\"", "code: \""] {
                for part in source.split(marker).skip(1) {
                    let code = part.split('"').next().unwrap_or_default();
                    if code.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !code.is_empty() {
                        assert!(PROBLEM_CODES.contains(&code), "the problem code {code:?} is not declared");
                    }
                }
            }
        }
    }

    #[test]
    fn login_urls() {
        let o = LoginUrl {
            app_id: "138483919580948".into(),
            redirect_uri: "https://example.com/cb?x=1".into(),
            scopes: vec!["instagram_basic".into(), "pages_show_list".into()],
            state: "st4te".into(),
            ..LoginUrl::default()
        };
        assert_eq!(
            login_url(&o).unwrap(),
            "https://www.facebook.com/v27.0/dialog/oauth?client_id=138483919580948&redirect_uri=https%3A%2F%2Fexample.com%2Fcb%3Fx%3D1&state=st4te&scope=instagram_basic%2Cpages_show_list&response_type=code"
        );
        let b = LoginUrl { config_id: Some("123".into()), api_version: Some("v27.0".into()), ..o.clone() };
        assert!(login_url(&b).unwrap().starts_with("https://www.facebook.com/v27.0/dialog/oauth?"));
        assert!(login_url(&b).unwrap().contains("&config_id=123&response_type=code"));
        assert!(!login_url(&b).unwrap().contains("scope="));
        let name = |o: LoginUrl| match login_url(&o) {
            Err(Error::InvalidArgument { name, .. }) => name,
            other => panic!("{other:?}"),
        };
        assert_eq!(name(LoginUrl { state: String::new(), ..o.clone() }), "state");
        assert_eq!(name(LoginUrl { app_id: String::new(), ..o.clone() }), "appId");
        assert_eq!(name(LoginUrl { redirect_uri: "/cb".into(), ..o.clone() }), "redirectUri");
        assert_eq!(name(LoginUrl { response_type: Some("id_token".into()), ..o }), "responseType");
    }

    #[test]
    fn token_exchanges_send_no_access_token() {
        let r = build_request(&config(), &exchange_code("1", "S3CRET", "https://e.com/cb", "AQD").unwrap());
        assert_eq!(
            r.url,
            "https://graph.facebook.com/v27.0/oauth/access_token?client_id=1&redirect_uri=https%3A%2F%2Fe.com%2Fcb&client_secret=S3CRET&code=AQD"
        );
        let r = build_request(&config_with_secret(), &exchange_for_long_lived_token("1", "S3CRET", "EAAshort").unwrap());
        assert_eq!(
            r.url,
            "https://graph.facebook.com/v27.0/oauth/access_token?grant_type=fb_exchange_token&client_id=1&client_secret=S3CRET&fb_exchange_token=EAAshort"
        );
        let r = build_request(&config(), &debug_token("EAAx", "1", "S3CRET").unwrap());
        assert_eq!(r.url, "https://graph.facebook.com/v27.0/debug_token?input_token=EAAx&access_token=1%7CS3CRET");
        assert!(!format!("{r:?}").contains("S3CRET"));
        assert!(exchange_code("1", "", "u", "c").is_err());
    }

    #[test]
    fn instagram_login_requests() {
        use crate::config::{Config, Options};
        let o = LoginUrl {
            login: Login::Instagram,
            app_id: "990602627938098".into(),
            redirect_uri: "https://example.com/cb".into(),
            scopes: vec!["instagram_business_basic".into(), "instagram_business_manage_comments".into()],
            state: "s".into(),
            ..LoginUrl::default()
        };
        assert_eq!(
            login_url(&o).unwrap(),
            "https://www.instagram.com/oauth/authorize?client_id=990602627938098&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&response_type=code&scope=instagram_business_basic%2Cinstagram_business_manage_comments&state=s"
        );
        let scopes_error = |o: LoginUrl| match login_url(&o) {
            Err(Error::InvalidArgument { name, message }) => (name, message),
            other => panic!("{other:?}"),
        };
        let (name, message) =
            scopes_error(LoginUrl { scopes: vec!["instagram_business_basic".into(), "pages_show_list".into()], ..o.clone() });
        assert_eq!(name, "scopes");
        assert!(message.contains("Business and user permissions are mutually exclusive"), "{message}");
        assert!(scopes_error(LoginUrl { scopes: vec!["instagram_basic".into()], ..o.clone() }).1.contains("Facebook Login permissions"));
        assert!(scopes_error(LoginUrl { login: Login::Facebook, ..o.clone() }).1.contains("login: \"instagram\""));
        assert_eq!(scopes_error(LoginUrl { config_id: Some("1".into()), ..o.clone() }).0, "configId");

        let c =
            Config::for_app(Options { login: Login::Instagram, auth_base_url: Some("http://127.0.0.1:9".into()), ..Options::default() })
                .unwrap();
        let r = build_request(&c, &instagram_exchange_code("990602627938098", "S3CRET", "https://example.com/cb", "AQB").unwrap());
        assert_eq!((r.method.as_str(), r.url.as_str()), ("POST", "http://127.0.0.1:9/oauth/access_token"));
        assert_eq!(
            r.body.as_deref(),
            Some("client_id=990602627938098&client_secret=S3CRET&grant_type=authorization_code&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&code=AQB")
        );
        let r = build_request(&c, &instagram_exchange_for_long_lived_token("S3CRET", "IGQshort").unwrap());
        assert_eq!(
            r.url,
            "https://graph.instagram.com/access_token?grant_type=ig_exchange_token&client_secret=S3CRET&access_token=IGQshort"
        );
        let r = build_request(&c, &refresh_long_lived_token("IGQlong").unwrap());
        assert_eq!(r.url, "https://graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token&access_token=IGQlong");
        assert!(refresh_long_lived_token(" ").is_err());
        // the code exchange's answer, flat or in a `data` array
        let op = instagram_exchange_code("1", "s", "https://e.com/cb", "c").unwrap();
        for body in [
            r#"{"access_token":"IGQ","user_id":17841400000000001,"permissions":"instagram_business_basic"}"#,
            r#"{"data":[{"access_token":"IGQ","user_id":17841400000000001,"permissions":"instagram_business_basic"}]}"#,
        ] {
            let v: Value = crate::flow::read(&op, body.to_owned()).unwrap();
            assert_eq!(
                (&v["access_token"], &v["user_id"]),
                (&crate::json::json!("IGQ"), &crate::json::json!("17841400000000001")),
                "{body}"
            );
        }
    }

    #[test]
    fn token_inspection_names_each_problem() {
        use crate::json::json;
        let now = 1_700_000_000_000.0;
        let user = json!({"app_id": "138483919580948", "type": "USER", "is_valid": true, "expires_at": 1_800_000_000u64, "data_access_expires_at": 1_790_000_000u64, "scopes": ["instagram_basic", "pages_show_list"], "user_id": "10210299214172187"});
        let inspect = |d: &Value, app: &str| crate::json::parse(&inspection(d, app, now).to_json()).unwrap();
        let ok = inspect(&user, "138483919580948");
        assert_eq!(
            ok,
            json!({"valid": true, "kind": "user", "login": "facebook", "appId": "138483919580948", "userId": "10210299214172187", "scopes": ["instagram_basic", "pages_show_list"], "expiresAt": 1_800_000_000_000.0, "dataAccessExpiresAt": 1_790_000_000_000.0, "problems": [], "unknown": []})
        );
        let codes = |d: &Value, app: &str| -> Vec<String> { inspection(d, app, now).problems.iter().map(|p| p.code.to_owned()).collect() };
        let with = |k: &str, v: Value| {
            let mut d = user.clone();
            d[k] = v;
            d
        };
        assert_eq!(codes(&with("type", json!("PAGE")), ""), ["page_token"]);
        assert_eq!(codes(&with("type", json!("SYSTEM_USER")), ""), ["system_user"]);
        assert_eq!(codes(&with("type", json!("APP")), ""), ["app_token"]);
        assert_eq!(codes(&user, "999"), ["wrong_app"]);
        assert_eq!(codes(&with("expires_at", json!(1_600_000_000u64)), ""), ["expired"]);
        assert!(!inspection(&with("expires_at", json!(1_600_000_000u64)), "", now).valid);
        assert_eq!(codes(&with("scopes", json!(["instagram_business_basic", "pages_show_list"])), ""), ["mixed_scopes"]);
        let invalid = json!({"error": {"code": 190, "message": "Invalid OAuth access token - Cannot parse access token"}, "is_valid": false, "scopes": []});
        let bad = inspect(&invalid, "");
        assert_eq!((bad["valid"].clone(), bad["kind"].clone()), (json!(false), json!("unknown")));
        assert!(bad["problems"][0]["message"].as_str().unwrap().contains("Cannot parse access token"));
        assert_eq!(inspection(&with("expires_at", json!(0)), "", now).expires_at, None, "0: never expires");
    }

    #[test]
    fn scope_lists() {
        assert_eq!(scopes(Some(&crate::json::json!("a, b"))), Ok(vec!["a".to_owned(), "b".to_owned()]));
    }
}
