//! Facebook Login and tokens: the login dialog URL, `GET /oauth/access_token` (code exchange
//! and long-lived exchange), `GET /debug_token`, and the permissions each typed operation needs.
//! Reference: facebook-login/guides/advanced/manual-flow, …/access-tokens/get-long-lived,
//! graph-api/reference/debug_token, and the permissions table (graph-api.md §1).

use serde_json::Value;

use super::{Operation, Output, Token};
use crate::config::{check_version, Secret, DEFAULT_API_VERSION};
use crate::encoding::encode_component;
use crate::error::Error;
use crate::http::Method;
use crate::json::Shape;
use crate::params::Params;

/// Options of `oauth.loginUrl`.
#[derive(Debug, Default, Clone)]
pub struct LoginUrl {
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
    fn scope_lists() {
        assert_eq!(scopes(Some(&serde_json::json!("a, b"))), Ok(vec!["a".to_owned(), "b".to_owned()]));
    }
}
