//! `Inspect` and `Diagnose` driven through each branch with a scripted transport: the exact
//! requests of both flavours, where each run stops, and what it concludes.

use crate::json::{json, Value};

use super::tests::{drive_in, ok, status, Answer};
use super::*;
use crate::config::{Login, Options};
use crate::diagnose::Diagnosis;
use crate::endpoints::Token;

fn config(login: Login) -> Config {
    Config::new(Options { access_token: Some("TOKEN".into()), base_url: Some("http://127.0.0.1:9".into()), login, ..Options::default() })
        .unwrap()
}

fn diagnose(login: Login, methods: &[&str], app: bool, scopes: &[&str]) -> Diagnose {
    let methods: Vec<String> = methods.iter().map(|m| (*m).to_owned()).collect();
    Diagnose::new(
        login,
        Some(&methods),
        app.then(|| ("138483919580948".to_owned(), "APPSECRET".to_owned())),
        scopes.iter().map(|s| (*s).to_owned()).collect(),
        RetryPolicy::default(),
    )
    .unwrap()
}

fn run(login: Login, flow: &mut Diagnose, answers: Vec<Answer>) -> (Vec<String>, Result<Value, Error>) {
    let r = drive_in(config(login), flow, answers, 0, 0);
    (r.log, r.result.map(|d: Diagnosis| crate::json::parse(&d.to_json()).unwrap()))
}

fn codes(d: &Value) -> Vec<String> {
    d["problems"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap().to_owned()).collect()
}

fn error(code: i64, subcode: Option<i64>, message: &str) -> String {
    json!({"error": {"message": message, "type": "OAuthException", "code": code, "error_subcode": subcode}}).to_string()
}

const PERMISSIONS: &str = "GET me/permissions?access_token=TOKEN";
const ACCOUNTS: &str =
    "GET me/accounts?fields=id%2Cname%2Ctasks%2Cinstagram_business_account%7Bid%2Cusername%7D&limit=100&access_token=TOKEN";
const DEBUG: &str = "GET debug_token?input_token=TOKEN&access_token=138483919580948%7CAPPSECRET";
const IG_ME: &str = "GET me?fields=user_id%2Cusername&access_token=TOKEN";

fn granted(list: &[&str]) -> Value {
    json!({"data": list.iter().map(|p| json!({"permission": p, "status": "granted"})).collect::<Vec<_>>()})
}

const ALL: &[&str] =
    &["instagram_basic", "pages_read_engagement", "pages_show_list", "instagram_content_publish", "instagram_manage_comments"];

fn page(id: &str, tasks: &[&str], ig: Option<&str>) -> Value {
    let mut p = json!({"id": id, "name": format!("Page {id}"), "tasks": tasks});
    if let Some(ig) = ig {
        p["instagram_business_account"] = json!({"id": ig, "username": "sandbox.coffee"});
    }
    p
}

#[test]
fn facebook_without_the_app_secret_reads_permissions_then_every_page_of_accounts() {
    let mut flow = diagnose(Login::Facebook, &["getUser", "publish"], false, &[]);
    let first = json!({"data": [page("1", &["ANALYZE"], None)], "paging": {"cursors": {"after": "QVFI"}, "next": "https://graph.facebook.com/v27.0/me/accounts?access_token=TOKEN&after=QVFI"}});
    let second = json!({"data": [page("2", &["MANAGE", "CREATE_CONTENT"], Some("17841405822304914"))]});
    let (log, d) = run(Login::Facebook, &mut flow, vec![ok(granted(ALL)), ok(first), ok(second)]);
    assert_eq!(log, vec![PERMISSIONS.to_owned(), ACCOUNTS.to_owned(), ACCOUNTS.replace("&access_token", "&after=QVFI&access_token")]);
    let d = d.unwrap();
    assert_eq!(codes(&d), ["app_review"]);
    assert_eq!(d["token"]["kind"], "unknown");
    assert_eq!(d["token"]["valid"], true);
    assert_eq!(d["token"]["scopes"], json!(ALL));
    assert!(d["token"]["unknown"][0].as_str().unwrap().contains("appSecret"));
    assert_eq!(d["accounts"].as_array().unwrap().len(), 2);
    assert_eq!(
        d["accounts"][1],
        json!({"pageId": "2", "pageName": "Page 2", "igUserId": "17841405822304914", "igUsername": "sandbox.coffee", "tasks": ["MANAGE", "CREATE_CONTENT"]})
    );
    assert_eq!(
        d["methods"]["publish"],
        json!({"ok": true, "offered": true, "missingScopes": [], "missingTasks": [], "uncheckedScopes": []})
    );
    // the methods keep the order asked
    assert_eq!(d["methods"].as_object().unwrap().keys().collect::<Vec<_>>(), ["getUser", "publish"]);
}

#[test]
fn facebook_with_the_app_secret_reads_debug_token_first() {
    let mut flow = diagnose(Login::Facebook, &["hideComment"], true, &[]);
    let debug = json!({"data": {"app_id": "138483919580948", "type": "USER", "is_valid": true, "expires_at": 0, "scopes": ALL, "user_id": "10210299214172187"}});
    let declined = json!({"data": [{"permission": "instagram_basic", "status": "granted"}, {"permission": "pages_read_engagement", "status": "granted"}, {"permission": "instagram_manage_comments", "status": "declined"}]});
    let (log, d) =
        run(Login::Facebook, &mut flow, vec![ok(debug), ok(declined), ok(json!({"data": [page("2", &["MODERATE"], Some("17"))]}))]);
    assert_eq!(log, [DEBUG, PERMISSIONS, ACCOUNTS]);
    let d = d.unwrap();
    assert_eq!((d["token"]["kind"].clone(), d["token"]["userId"].clone()), (json!("user"), json!("10210299214172187")));
    assert_eq!(d["token"]["expiresAt"], Value::Null, "expires_at 0: never");
    // /debug_token's scopes stay the token's; /me/permissions says what was declined
    assert_eq!(codes(&d), ["scope_declined", "app_review"]);
    assert_eq!(d["methods"]["hideComment"]["missingScopes"], json!(["instagram_manage_comments"]));
}

#[test]
fn an_unusable_token_ends_the_run_after_debug_token() {
    for (data, code) in [
        (json!({"app_id": "138483919580948", "type": "PAGE", "is_valid": true, "scopes": ALL, "profile_id": "1"}), "page_token"),
        (json!({"app_id": "138483919580948", "type": "SYSTEM_USER", "is_valid": true, "scopes": ALL}), "system_user"),
        (json!({"app_id": "138483919580948", "type": "APP", "is_valid": true, "scopes": []}), "app_token"),
        (json!({"is_valid": false, "scopes": [], "error": {"code": 190, "message": "Invalid OAuth access token"}}), "invalid"),
        (json!({"app_id": "138483919580948", "type": "USER", "is_valid": true, "expires_at": 900, "scopes": ALL}), "expired"),
    ] {
        let mut flow = diagnose(Login::Facebook, &["getUser"], true, &[]);
        let (log, d) = run(Login::Facebook, &mut flow, vec![ok(json!({ "data": data }))]);
        assert_eq!(log, [DEBUG], "{code}");
        let d = d.unwrap();
        assert_eq!(codes(&d), [code, "app_review"]);
        assert_eq!((d["methods"]["getUser"]["ok"].clone(), d["accounts"].clone()), (json!(false), json!([])), "{code}");
    }
    // another app's token is a problem, not the end
    let mut flow = diagnose(Login::Facebook, &["getUser"], true, &[]);
    let other = json!({"data": {"app_id": "999", "type": "USER", "is_valid": true, "scopes": ALL}});
    let (log, d) =
        run(Login::Facebook, &mut flow, vec![ok(other), ok(granted(ALL)), ok(json!({"data": [page("2", &["MANAGE"], Some("17"))]}))]);
    assert_eq!(log.len(), 3);
    assert_eq!(codes(&d.unwrap()), ["wrong_app", "app_review"]);
}

#[test]
fn without_the_app_secret_an_error_about_the_token_is_the_answer() {
    for (body, code, kind) in [
        (error(190, None, "Invalid OAuth access token - Cannot parse access token"), "invalid", "unknown"),
        (error(190, Some(463), "Error validating access token: Session has expired on Friday"), "expired", "unknown"),
        (error(100, None, "(#100) Tried accessing nonexisting field (permissions) on node type (Page)"), "page_token", "page"),
    ] {
        let mut flow = diagnose(Login::Facebook, &["getUser"], false, &[]);
        let (log, d) = run(Login::Facebook, &mut flow, vec![status(400, &body)]);
        assert_eq!(log, [PERMISSIONS], "{code}");
        let d = d.unwrap();
        assert_eq!(codes(&d), [code, "app_review"]);
        assert_eq!((d["token"]["valid"].clone(), d["token"]["kind"].clone()), (json!(false), json!(kind)));
    }
    // any other error is the caller's
    let mut flow = diagnose(Login::Facebook, &["getUser"], false, &[]);
    let (_, d) =
        run(Login::Facebook, &mut flow, vec![status(403, &error(10, None, "(#10) Application does not have permission for this action"))]);
    assert!(matches!(d, Err(Error::Graph(g)) if g.code == Some(10)));
}

#[test]
fn retries_and_failures_of_the_reads() {
    let mut flow = diagnose(Login::Facebook, &["getUser"], false, &[]);
    let (log, d) = run(
        Login::Facebook,
        &mut flow,
        vec![status(502, "<html>bad gateway</html>"), ok(granted(ALL)), ok(json!({"data": [page("2", &["MANAGE"], Some("17"))]}))],
    );
    assert_eq!(log, [PERMISSIONS, "sleep 500", PERMISSIONS, ACCOUNTS]);
    assert!(d.is_ok());
    let mut flow = diagnose(Login::Facebook, &["getUser"], false, &[]);
    let fails = (0..3).map(|_| Answer::Fail(Error::Connection { message: "refused".into() })).collect();
    let (_, d) = run(Login::Facebook, &mut flow, fails);
    assert_eq!(d, Err(Error::Connection { message: "refused".into() }));
    // a body that is not a Page list
    let mut flow = diagnose(Login::Facebook, &["getUser"], false, &[]);
    let (_, d) = run(Login::Facebook, &mut flow, vec![ok(granted(ALL)), ok(json!({"data": {"id": "1"}}))]);
    assert!(matches!(d, Err(Error::Decode { .. })), "{d:?}");
    // a cursor loop stops the paging
    let mut flow = diagnose(Login::Facebook, &["getUser"], false, &[]);
    let looping =
        json!({"data": [page("1", &["MANAGE"], Some("17"))], "paging": {"cursors": {"after": "X"}, "next": "https://x/?after=X"}});
    let (log, d) = run(Login::Facebook, &mut flow, vec![ok(granted(ALL)), ok(looping.clone()), ok(looping)]);
    assert_eq!(log.len(), 3);
    assert_eq!(d.unwrap()["accounts"].as_array().unwrap().len(), 2);
}

#[test]
fn instagram_login_asks_me_for_user_id_and_says_what_it_cannot_know() {
    let mut flow = diagnose(Login::Instagram, &["getUser", "publish", "businessDiscovery"], true, &[]);
    let (log, d) =
        run(Login::Instagram, &mut flow, vec![ok(json!({"user_id": "17841405793187218", "username": "sandbox.coffee", "id": "7"}))]);
    assert_eq!(log, [IG_ME], "one request: no /debug_token, no Pages, even with the app secret");
    let d = d.unwrap();
    assert_eq!(d["token"]["kind"], "instagram_user");
    assert_eq!(d["token"]["login"], "instagram");
    assert_eq!(d["token"]["userId"], "17841405793187218", "user_id, not the app-scoped id");
    assert_eq!(d["token"]["unknown"].as_array().unwrap().len(), 3);
    assert_eq!(
        d["accounts"],
        json!([{"pageId": null, "pageName": null, "igUserId": "17841405793187218", "igUsername": "sandbox.coffee", "tasks": null}])
    );
    assert_eq!(codes(&d), ["not_offered", "app_review"]);
    assert_eq!(d["methods"]["getUser"]["uncheckedScopes"], json!(["instagram_business_basic"]));
    assert_eq!(d["methods"]["businessDiscovery"]["offered"], false);
    // with the scopes of the code exchange
    let mut flow = diagnose(Login::Instagram, &["publish"], false, &["instagram_business_basic"]);
    let (_, d) = run(Login::Instagram, &mut flow, vec![ok(json!({"user_id": 17841405793187218u64, "username": "a"}))]);
    let d = d.unwrap();
    assert_eq!(d["token"]["userId"], "17841405793187218");
    assert_eq!(d["token"]["unknown"].as_array().unwrap().len(), 2, "the scopes are known");
    assert_eq!(codes(&d), ["missing_scope", "app_review"]);
    // Facebook Login scopes with an Instagram token
    let mut flow = diagnose(Login::Instagram, &["getUser"], false, &["instagram_business_basic", "pages_show_list"]);
    let (_, d) = run(Login::Instagram, &mut flow, vec![ok(json!({"user_id": "1"}))]);
    assert_eq!(codes(&d.unwrap()), ["mixed_scopes", "app_review"]);
}

#[test]
fn instagram_login_token_errors() {
    for (body, code) in [
        (error(190, None, "Invalid OAuth access token - Cannot parse access token"), "invalid"),
        (error(190, Some(463), "Error validating access token: Session has expired"), "expired"),
    ] {
        let mut flow = diagnose(Login::Instagram, &["getUser"], false, &[]);
        let (log, d) = run(Login::Instagram, &mut flow, vec![status(400, &body)]);
        assert_eq!(log, [IG_ME]);
        let d = d.unwrap();
        assert_eq!((codes(&d), d["token"]["valid"].clone()), (vec![code.to_owned(), "app_review".to_owned()], json!(false)));
        assert_eq!(d["methods"]["getUser"]["ok"], false);
    }
    let mut flow = diagnose(Login::Instagram, &["getUser"], false, &[]);
    let (_, d) = run(Login::Instagram, &mut flow, vec![status(400, &error(100, Some(33), "Unsupported get request"))]);
    assert!(matches!(d, Err(Error::Graph(g)) if g.code == Some(100)));
}

#[test]
fn inspect_in_both_flavours() {
    let fb = |answer| {
        drive_in(config(Login::Facebook), &mut Inspect::facebook("EAAx", "1", "S", RetryPolicy::default()).unwrap(), vec![answer], 0, 0)
    };
    let r = fb(ok(json!({"data": {"app_id": "1", "type": "USER", "is_valid": true, "scopes": ["instagram_basic"]}})));
    assert_eq!(r.log, ["GET debug_token?input_token=EAAx&access_token=1%7CS"]);
    assert_eq!(r.result.map(|i| i.kind), Ok("user"));
    assert!(matches!(fb(ok(json!({"nodata": 1}))).result, Err(Error::Decode { .. })));
    assert!(Inspect::facebook("EAAx", "", "S", RetryPolicy::default()).is_err());
    let ig = |answer| {
        drive_in(
            config(Login::Instagram),
            &mut Inspect::instagram(Token::Other(crate::Secret::new("IGQVJx")), vec![], RetryPolicy::default()),
            vec![answer],
            0,
            0,
        )
    };
    let r = ig(ok(json!({"user_id": "178", "username": "u"})));
    assert_eq!(r.log, ["GET me?fields=user_id%2Cusername&access_token=IGQVJx"]);
    let i = r.result.unwrap();
    assert_eq!((i.kind, i.login, i.valid, i.user_id.as_deref(), i.expires_at), ("instagram_user", "instagram", true, Some("178"), None));
    assert!(i.unknown.iter().any(|u| u.starts_with("expiresAt")));
    let bad = ig(status(400, &error(190, None, "Invalid OAuth access token"))).result.unwrap();
    assert_eq!((bad.valid, bad.problems[0].code), (false, "invalid"));
}
