//! `client.diagnose`: what a token can do, and why not, in words a person can act on.
//!
//! The requests are plain operations ([`me_permissions`], [`me_accounts`], [`instagram_me`]); the
//! conversation is a core flow ([`crate::flow::Diagnose`]); the rules are the pure [`evaluate`],
//! which reads the registry's permissions per flavour ([`crate::registry::permissions`]), Meta's
//! Tasks → permissions table ([`crate::registry::PAGE_TASKS`]) and the App Review rule
//! ([`crate::registry::NO_APP_REVIEW`]).
//!
//! References: graph-api/reference/user/permissions (`GET /me/permissions` → `{ permission,
//! status: granted | declined | expired }`), graph-api/reference/user/accounts (`tasks` of each
//! Page), instagram-api/overview#tasks (the table), and for Instagram Login
//! instagram-platform/instagram-api-with-instagram-login/get-started (`GET /me?fields=user_id,username`:
//! use `user_id`, not the app-scoped `id`).

use crate::config::Login;
use crate::endpoints::oauth::{Inspection, Problem};
use crate::endpoints::{Operation, Token};
use crate::error::Error;
use crate::http::Method;
use crate::json::{Object, Shape, ToJson, Value};
use crate::params::Params;
use crate::registry;

/// `GET /me/permissions`: the scopes the user granted, declined, or let expire.
pub fn me_permissions() -> Operation {
    Operation::new(Method::Get, "me/permissions".to_owned(), Params::new(), Shape::List)
}

/// The fields `diagnose` reads of each Page.
pub const ACCOUNT_FIELDS: &str = "id,name,tasks,instagram_business_account{id,username}";

/// `GET /me/accounts?fields=id,name,tasks,instagram_business_account{id,username}&limit=100`.
pub fn me_accounts() -> Operation {
    let mut p = Params::new();
    p.push("fields", ACCOUNT_FIELDS);
    p.push("limit", "100");
    Operation::new(Method::Get, "me/accounts".to_owned(), p, Shape::List)
}

/// Instagram Login: `GET graph.instagram.com/{version}/me?fields=user_id,username` with `token`.
pub fn instagram_me(token: Token) -> Operation {
    let mut p = Params::new();
    p.push("fields", "user_id,username");
    let mut op = Operation::new(Method::Get, "me".to_owned(), p, Shape::Object);
    op.token = token;
    op
}

/// A Page the user can perform tasks on (Facebook Login), or the Instagram Login account.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    /// The Page (`null` with Instagram Login).
    pub page_id: Option<String>,
    /// Its name.
    pub page_name: Option<String>,
    /// The Instagram professional account connected to it (`null`: none).
    pub ig_user_id: Option<String>,
    /// Its username.
    pub ig_username: Option<String>,
    /// The Page tasks the user holds (`null` with Instagram Login, which has no Pages).
    pub tasks: Option<Vec<String>>,
}

/// What one typed method needs that the token lacks.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodCheck {
    /// Nothing known stands in the way.
    pub ok: bool,
    /// The client's login flavour offers it.
    pub offered: bool,
    /// Permissions it needs that the token does not hold.
    pub missing_scopes: Vec<String>,
    /// Page tasks of which the user holds none on any Page with an Instagram account, while
    /// a permission it needs requires one of them (Meta's Tasks → permissions table).
    pub missing_tasks: Vec<String>,
    /// Permissions it needs that could not be checked (Instagram Login tokens do not list
    /// their permissions; pass `scopes`).
    pub unchecked_scopes: Vec<String>,
}

#[cfg(not(target_arch = "wasm32"))]
crate::typescript::interfaces! {
    /// [`Account`], [`MethodCheck`] and [`Diagnosis`] as JS sees them.
    pub(crate) const TYPES = {
        #[doc = "A Page the user can perform tasks on (Facebook Login), or the account (Instagram Login)."]
        DiagnosedAccount {
            #[doc = "`null` with Instagram Login."]
            pageId: "string | null",
            pageName: "string | null",
            #[doc = "The Instagram professional account connected to the Page; `null`: none."]
            igUserId: "string | null",
            igUsername: "string | null",
            #[doc = "The Page tasks the user holds (`MANAGE`, `CREATE_CONTENT`, `MODERATE`, `ADVERTISE`, `ANALYZE`, …); `null` with Instagram Login."]
            tasks: "string[] | null",
        }
        #[doc = "What one typed method needs that the token lacks."]
        MethodCheck {
            #[doc = "Nothing known stands in the way."]
            ok: "boolean",
            #[doc = "The client's login flavour offers it."]
            offered: "boolean",
            #[doc = "Permissions it needs that the token does not hold."]
            missingScopes: "string[]",
            #[doc = "Page tasks of which the user holds none on any Page with an Instagram account, while a permission it needs requires one of them."]
            missingTasks: "string[]",
            #[doc = "Permissions it needs that could not be checked (Instagram Login without `scopes`)."]
            uncheckedScopes: "string[]",
        }
        #[doc = "`client.diagnose`'s answer."]
        Diagnosis {
            token: "TokenInspection",
            accounts: "DiagnosedAccount[]",
            #[doc = "Keyed by method name, in the order asked."]
            methods: "Partial<Record<TypedOperationName, MethodCheck>>",
            #[doc = "The token's problems first, then the rest; each with what to do."]
            problems: "TokenProblem[]",
        }
    }
}

/// The scopes of a token as `/me/permissions` (or the caller) tells them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scopes {
    /// `granted`.
    pub granted: Vec<String>,
    /// `declined` by the user in the dialog.
    pub declined: Vec<String>,
    /// `expired` (not used for 90 days: the user must grant it again).
    pub expired: Vec<String>,
}

impl Scopes {
    /// Read `/me/permissions`' `data`.
    pub fn from_permissions(body: &Value) -> Scopes {
        let mut s = Scopes::default();
        for item in body.get("data").and_then(Value::as_array).into_iter().flatten() {
            let (Some(name), Some(status)) = (item.get("permission").and_then(Value::as_str), item.get("status").and_then(Value::as_str))
            else {
                continue;
            };
            let list = match status {
                "granted" => &mut s.granted,
                "declined" => &mut s.declined,
                "expired" => &mut s.expired,
                _ => continue,
            };
            list.push(name.to_owned());
        }
        s
    }
}

/// Read the Pages of one `/me/accounts` page into `out`.
///
/// # Errors
/// [`Error::Decode`] when `data` is not an array or a Page has no string `id`.
pub fn read_accounts(body: &Value, out: &mut Vec<Account>) -> Result<(), Error> {
    let pages = body.get("data").and_then(Value::as_array).ok_or_else(|| Error::decode("data", "expected an array"))?;
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    for (i, page) in pages.iter().enumerate() {
        let page_id = text(page.get("id")).ok_or_else(|| Error::decode(format!("data[{i}].id"), "expected a string id"))?;
        let ig = page.get("instagram_business_account").filter(|v| v.is_object());
        out.push(Account {
            page_id: Some(page_id),
            page_name: text(page.get("name")),
            ig_user_id: ig.and_then(|a| text(a.get("id"))),
            ig_username: ig.and_then(|a| text(a.get("username"))),
            tasks: Some(crate::params::names(page.get("tasks")).unwrap_or_default()),
        });
    }
    Ok(())
}

/// `client.diagnose`'s answer (written as JSON with the JS names: `pageId`, `missingScopes`, …).
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis {
    /// What the token is (as `oauth.inspectToken` says).
    pub token: Inspection,
    /// The Pages the user can perform tasks on, with their Instagram account and tasks (with
    /// Instagram Login: the account itself).
    pub accounts: Vec<Account>,
    /// Each typed method asked for, in the order asked.
    pub methods: Methods,
    /// What is wrong and what to do: the token's problems first.
    pub problems: Vec<Problem>,
}

/// `methods[name]`, kept in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Methods(pub Vec<(&'static str, MethodCheck)>);

impl ToJson for Methods {
    fn write_json(&self, out: &mut String) {
        let mut o = Object::new(out);
        for (name, check) in &self.0 {
            o.member(name, check);
        }
        o.end();
    }
}

impl ToJson for Diagnosis {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .member("token", &self.token)
            .member("accounts", &self.accounts)
            .member("methods", &self.methods)
            .member("problems", &self.problems)
            .end();
    }
}

impl ToJson for Account {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .member("pageId", &self.page_id)
            .member("pageName", &self.page_name)
            .member("igUserId", &self.ig_user_id)
            .member("igUsername", &self.ig_username)
            .member("tasks", &self.tasks)
            .end();
    }
}

impl ToJson for MethodCheck {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .member("ok", &self.ok)
            .member("offered", &self.offered)
            .member("missingScopes", &self.missing_scopes)
            .member("missingTasks", &self.missing_tasks)
            .member("uncheckedScopes", &self.unchecked_scopes)
            .end();
    }
}

/// The typed methods `diagnose` checks: those asked for (by JS name, a list or its `iter…`
/// twin), or every one when `None`.
///
/// # Errors
/// [`Error::InvalidArgument`] named `methods` for a name that is not a typed operation.
pub fn methods(asked: Option<&[String]>) -> Result<Vec<&'static str>, Error> {
    let Some(asked) = asked else { return Ok(registry::method_names().collect()) };
    asked
        .iter()
        .map(|m| {
            registry::method(m)
                .map(|(own, _)| own)
                .ok_or_else(|| Error::invalid("methods", format!("`{m}` is not a typed operation of InstagramClient")))
        })
        .collect()
}

fn problem(code: &'static str, message: String) -> Problem {
    Problem { code, message }
}

fn quoted(list: &[&str]) -> String {
    list.join(", ")
}

/// What `diagnose` found out, handed to [`evaluate`].
#[derive(Debug, Clone)]
pub struct Findings {
    /// The login flavour.
    pub login: Login,
    /// The token.
    pub token: Inspection,
    /// Its scopes, when known (Facebook Login: `/me/permissions`; Instagram Login: the caller's
    /// `scopes`).
    pub scopes: Option<Scopes>,
    /// The Pages (Facebook Login) or the account (Instagram Login); `None` when not read (the
    /// token was unusable).
    pub accounts: Option<Vec<Account>>,
    /// The methods to check.
    pub methods: Vec<&'static str>,
    /// Whether the caller named the methods (else: all), so that methods the flavour lacks are
    /// a problem only when asked for.
    pub asked: bool,
}

/// The rules: each method's check, and every problem in words a person can act on.
pub fn evaluate(f: Findings) -> Diagnosis {
    let Findings { login, token, scopes, accounts, methods, asked } = f;
    let facebook = login == Login::Facebook;
    let usable = token.valid && !matches!(token.kind, "page" | "system_user" | "app");
    let connected: Vec<&Account> = accounts.iter().flatten().filter(|a| a.ig_user_id.is_some()).collect();
    let holds_any = |allowed: &[&str]| connected.iter().any(|a| a.tasks.iter().flatten().any(|t| allowed.contains(&t.as_str())));

    let mut checks = Vec::new();
    // permission → the methods asked that need it (in order)
    let mut needed: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    let mut not_offered = Vec::new();
    for &name in &methods {
        let Some(perms) = registry::permissions(name, login).flatten() else {
            not_offered.push(name);
            checks.push((
                name,
                MethodCheck { ok: false, offered: false, missing_scopes: vec![], missing_tasks: vec![], unchecked_scopes: vec![] },
            ));
            continue;
        };
        for p in perms {
            match needed.iter_mut().find(|(n, _)| n == p) {
                Some((_, ms)) => ms.push(name),
                None => needed.push((p, vec![name])),
            }
        }
        let (missing_scopes, unchecked_scopes): (Vec<String>, Vec<String>) = match &scopes {
            Some(s) => (perms.iter().filter(|p| !s.granted.iter().any(|g| g == *p)).map(|p| (*p).to_owned()).collect(), vec![]),
            // an unusable token fails every method whatever its scopes
            None if !usable => (vec![], vec![]),
            None => (vec![], perms.iter().map(|p| (*p).to_owned()).collect()),
        };
        let mut missing_tasks: Vec<String> = Vec::new();
        if facebook && !connected.is_empty() {
            for allowed in perms.iter().filter_map(|p| registry::tasks_for(p)).filter(|a| !holds_any(a)) {
                for t in allowed.iter() {
                    if !missing_tasks.iter().any(|m| m == t) {
                        missing_tasks.push((*t).to_owned());
                    }
                }
            }
        }
        // NB: every operation acts on an Instagram account reached through a Page, except the
        // listing of those Pages.
        let needs_account = facebook && registry::method(name).is_some_and(|(_, op)| op != "listConnectedAccounts");
        let ok = usable && missing_scopes.is_empty() && missing_tasks.is_empty() && !(needs_account && connected.is_empty());
        checks.push((name, MethodCheck { ok, offered: true, missing_scopes, missing_tasks, unchecked_scopes }));
    }

    let mut problems = token.problems.clone();
    let flavour = if facebook { "Facebook Login (login: \"facebook\")" } else { "Instagram Login (login: \"instagram\")" };
    if asked && !not_offered.is_empty() {
        problems.push(problem(
            "not_offered",
            format!(
                "{} {} not offered by the Instagram API with {flavour}: Meta offers {} with {}",
                quoted(&not_offered),
                if not_offered.len() == 1 { "is" } else { "are" },
                if not_offered.len() == 1 { "it" } else { "them" },
                if facebook { "Instagram Login" } else { "Facebook Login (a Facebook User token, the account connected to a Page)" }
            ),
        ));
    }
    if usable {
        if let Some(s) = &scopes {
            for (p, ms) in &needed {
                let for_what = format!("{} need{} it", quoted(ms), if ms.len() == 1 { "s" } else { "" });
                if s.granted.iter().any(|g| g == p) {
                    continue;
                }
                if s.declined.iter().any(|d| d == p) {
                    problems.push(problem("scope_declined", format!("the user declined {p} in the login dialog ({for_what}): ask again with the login dialog's auth_type=rerequest; a declined permission is not asked for again otherwise")));
                } else if s.expired.iter().any(|d| d == p) {
                    problems.push(problem("scope_expired", format!("{p} has expired (a permission the app has not used for 90 days must be granted again; {for_what}): send the user through the login dialog again")));
                } else {
                    problems.push(problem(
                        "missing_scope",
                        format!(
                            "the token does not hold {p} ({for_what}): add it to the scopes of the login dialog{}",
                            if facebook { "" } else { " (Instagram Login: the scope parameter of the authorize URL)" }
                        ),
                    ));
                }
            }
        }
        if let Some(accounts) = accounts.as_ref().filter(|_| facebook) {
            if connected.is_empty() {
                let pages = accounts.len();
                problems.push(problem(
                    "no_connected_account",
                    match pages {
                        0 => "the user can perform tasks on no Page that the app was granted: the Instagram API with Facebook Login reaches an Instagram Business or Creator account through the Facebook Page it is connected to; the user must be able to perform tasks on that Page and select it in the login dialog".to_owned(),
                        n => format!("none of the user's {n} Page{} has an Instagram Business or Creator account connected: connect the Instagram professional account to one of them (Instagram app: Settings → Account type and tools / Meta Accounts Center), or log in with the person who can perform tasks on the Page it is connected to", if n == 1 { "" } else { "s" }),
                    },
                ));
            }
            for a in &connected {
                let held = a.tasks.clone().unwrap_or_default();
                for (p, ms) in &needed {
                    let Some(allowed) = registry::tasks_for(p) else { continue };
                    if held.iter().any(|t| allowed.contains(&t.as_str())) {
                        continue;
                    }
                    problems.push(problem(
                        "missing_tasks",
                        format!(
                            "on the Page {} (Instagram @{}) the user's tasks are [{}]; {p} needs one of {} ({} need{} it): a person with full control of the Page can give the user one of these tasks (Page settings → Page access)",
                            a.page_name.as_deref().or(a.page_id.as_deref()).unwrap_or("?"),
                            a.ig_username.as_deref().or(a.ig_user_id.as_deref()).unwrap_or("?"),
                            held.join(", "),
                            quoted(allowed),
                            quoted(ms),
                            if ms.len() == 1 { "s" } else { "" }
                        ),
                    ));
                }
            }
        }
    }
    let review: Vec<&str> = needed.iter().map(|(p, _)| *p).filter(|p| !registry::NO_APP_REVIEW.contains(p)).collect();
    if !review.is_empty() {
        problems.push(problem(
            "app_review",
            format!(
                "App Review needed in Live Mode: before people without a role on the app can grant {}, the app needs Advanced Access to {} through App Review (and Business Verification); people with a role on the app (and testers) can grant {} in Development Mode without it{}",
                quoted(&review),
                if review.len() == 1 { "it" } else { "each" },
                if review.len() == 1 { "it" } else { "them" },
                if facebook { "; pages_show_list needs no review" } else { "" }
            ),
        ));
    }
    Diagnosis { token, accounts: accounts.unwrap_or_default(), methods: Methods(checks), problems }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn user_token(scopes: &[&str]) -> Inspection {
        Inspection {
            valid: true,
            kind: "user",
            login: "facebook",
            app_id: Some("1".into()),
            user_id: Some("2".into()),
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            expires_at: None,
            data_access_expires_at: None,
            problems: vec![],
            unknown: vec![],
        }
    }

    fn page(id: &str, ig: Option<&str>, tasks: &[&str]) -> Account {
        Account {
            page_id: Some(id.into()),
            page_name: Some(format!("Page {id}")),
            ig_user_id: ig.map(str::to_owned),
            ig_username: ig.map(|i| format!("user{i}")),
            tasks: Some(tasks.iter().map(|t| (*t).to_owned()).collect()),
        }
    }

    fn scopes(granted: &[&str], declined: &[&str], expired: &[&str]) -> Option<Scopes> {
        let v = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect();
        Some(Scopes { granted: v(granted), declined: v(declined), expired: v(expired) })
    }

    fn findings(methods: &[&'static str], s: Option<Scopes>, accounts: Vec<Account>) -> Findings {
        Findings {
            login: Login::Facebook,
            token: user_token(&[]),
            scopes: s,
            accounts: Some(accounts),
            methods: methods.to_vec(),
            asked: true,
        }
    }

    fn codes(d: &Diagnosis) -> Vec<&'static str> {
        #[cfg(not(target_arch = "wasm32"))]
        fits(d);
        d.problems.iter().map(|p| p.code).collect()
    }

    /// The answer fits the declarations of `Diagnosis` (and its methods `MethodCheck`).
    #[cfg(not(target_arch = "wasm32"))]
    fn fits(d: &Diagnosis) {
        let table: Vec<crate::typescript::Interface> = TYPES.iter().chain(crate::endpoints::oauth::TYPES).copied().collect();
        let v = crate::json::to_serde(d);
        crate::typescript::fits(&v, "Diagnosis", &table).unwrap();
        for check in v["methods"].as_object().unwrap().values() {
            crate::typescript::fits(check, "MethodCheck", &table).unwrap();
        }
        assert!(d.problems.iter().all(|p| crate::endpoints::oauth::PROBLEM_CODES.contains(&p.code)));
    }

    const ALL_FB: &[&str] = &[
        "instagram_basic",
        "pages_read_engagement",
        "pages_show_list",
        "instagram_content_publish",
        "instagram_manage_comments",
        "instagram_manage_insights",
        "pages_manage_metadata",
    ];

    #[test]
    fn the_tasks_table_is_meta_s() {
        assert_eq!(registry::tasks_for("instagram_content_publish"), Some(&["MANAGE", "CREATE_CONTENT"][..]));
        assert_eq!(registry::tasks_for("instagram_manage_comments"), Some(&["MANAGE", "CREATE_CONTENT", "MODERATE"][..]));
        assert_eq!(registry::tasks_for("instagram_basic").map(<[_]>::len), Some(5));
        assert_eq!(registry::tasks_for("instagram_manage_insights").map(<[_]>::len), Some(5));
        assert_eq!(registry::tasks_for("pages_read_engagement"), None, "Meta's table has no row for it");
        // every permission of the table is one the registry uses
        for (p, _) in registry::PAGE_TASKS {
            assert!(registry::OPERATIONS.iter().any(|o| o.permissions.contains(p)), "{p}");
        }
    }

    #[test]
    fn everything_in_place_means_no_problem_but_app_review() {
        let d = evaluate(findings(&["getUser", "publish"], scopes(ALL_FB, &[], &[]), vec![page("1", Some("17"), &["MANAGE"])]));
        assert_eq!(codes(&d), ["app_review"]);
        assert!(d.methods.0.iter().all(|(_, c)| c.ok), "{:?}", d.methods);
        let review = &d.problems[0].message;
        assert!(
            review.contains("instagram_basic") && review.contains("instagram_content_publish") && !review.contains("pages_show_list, "),
            "{review}"
        );
    }

    #[test]
    fn each_scope_problem() {
        let d = evaluate(findings(
            &["publish", "hideComment", "getUserInsights"],
            scopes(&["instagram_basic", "pages_read_engagement"], &["instagram_content_publish"], &["instagram_manage_insights"]),
            vec![page("1", Some("17"), &["MANAGE"])],
        ));
        assert_eq!(codes(&d), ["scope_declined", "missing_scope", "scope_expired", "app_review"]);
        assert!(d.problems[0].message.contains("rerequest") && d.problems[0].message.contains("publish needs it"));
        assert!(d.problems[1].message.contains("instagram_manage_comments"));
        let (_, publish) = &d.methods.0[0];
        assert_eq!((publish.ok, publish.missing_scopes.clone()), (false, vec!["instagram_content_publish".to_owned()]));
    }

    #[test]
    fn tasks_per_permission() {
        // ANALYZE allows instagram_basic and instagram_manage_insights, not publishing or comments
        let d = evaluate(findings(
            &["getUser", "getUserInsights", "publish", "listComments"],
            scopes(ALL_FB, &[], &[]),
            vec![page("1", Some("17"), &["ANALYZE"]), page("2", None, &["MANAGE"])],
        ));
        assert_eq!(codes(&d), ["missing_tasks", "missing_tasks", "app_review"]);
        assert!(
            d.problems[0].message.contains("instagram_content_publish needs one of MANAGE, CREATE_CONTENT"),
            "{}",
            d.problems[0].message
        );
        assert!(d.problems[0].message.contains("[ANALYZE]") && d.problems[0].message.contains("@user17"));
        assert!(d.problems[1].message.contains("instagram_manage_comments needs one of MANAGE, CREATE_CONTENT, MODERATE"));
        let ok: Vec<bool> = d.methods.0.iter().map(|(_, c)| c.ok).collect();
        assert_eq!(ok, [true, true, false, false]);
        assert_eq!(d.methods.0[2].1.missing_tasks, ["MANAGE", "CREATE_CONTENT"]);
        assert_eq!(d.methods.0[3].1.missing_tasks, ["MANAGE", "CREATE_CONTENT", "MODERATE"]);
        // a Page without an Instagram account does not count, whatever its tasks
        assert_eq!(d.accounts.len(), 2);
    }

    #[test]
    fn no_connected_account() {
        for accounts in [vec![], vec![page("1", None, &["MANAGE"])]] {
            let d = evaluate(findings(&["getUser", "listConnectedAccounts"], scopes(ALL_FB, &[], &[]), accounts));
            assert_eq!(codes(&d), ["no_connected_account", "app_review"]);
            assert_eq!((d.methods.0[0].1.ok, d.methods.0[1].1.ok), (false, true), "listing the Pages needs no account");
        }
    }

    #[test]
    fn a_token_problem_makes_every_method_fail_and_skips_the_rest() {
        let mut f = findings(&["getUser"], None, vec![]);
        f.accounts = None;
        f.token.kind = "page";
        f.token.problems = vec![problem("page_token", "x".into())];
        let d = evaluate(f);
        assert_eq!(codes(&d), ["page_token", "app_review"]);
        assert!(!d.methods.0[0].1.ok);
    }

    #[test]
    fn instagram_login_offers_less_and_may_not_know_the_scopes() {
        let mut f = findings(&["getUser", "searchHashtag", "publish"], None, vec![]);
        f.login = Login::Instagram;
        f.accounts = Some(vec![Account {
            page_id: None,
            page_name: None,
            ig_user_id: Some("1784".into()),
            ig_username: Some("a".into()),
            tasks: None,
        }]);
        let d = evaluate(f.clone());
        assert_eq!(codes(&d), ["not_offered", "app_review"]);
        assert!(d.problems[0].message.starts_with("searchHashtag is not offered by the Instagram API with Instagram Login"));
        let (_, get_user) = &d.methods.0[0];
        assert_eq!((get_user.ok, get_user.unchecked_scopes.clone()), (true, vec!["instagram_business_basic".to_owned()]));
        assert!(!d.methods.0[1].1.offered && !d.methods.0[1].1.ok);
        // with the scopes the code exchange returned, they are checked
        f.scopes = scopes(&["instagram_business_basic"], &[], &[]);
        let d = evaluate(f.clone());
        assert_eq!(codes(&d), ["not_offered", "missing_scope", "app_review"]);
        assert!(d.problems[1].message.contains("instagram_business_content_publish"));
        assert!(!d.methods.0[2].1.ok && d.methods.0[2].1.missing_tasks.is_empty(), "no tasks with Instagram Login");
        // all methods (not asked): what the flavour lacks is no problem, only not offered
        f.asked = false;
        f.methods = methods(None).unwrap();
        assert!(!codes(&evaluate(f)).contains(&"not_offered"));
    }

    #[test]
    fn method_names() {
        assert_eq!(methods(Some(&["iterComments".into(), "publish".into()])).unwrap(), ["iterComments", "publish"]);
        assert!(matches!(methods(Some(&["nope".into()])), Err(Error::InvalidArgument { name, .. }) if name == "methods"));
        assert_eq!(methods(None).unwrap().len(), registry::OPERATIONS.len());
    }

    #[test]
    fn reading_permissions_and_pages() {
        let s = Scopes::from_permissions(&crate::json::json!({"data": [
            {"permission": "instagram_basic", "status": "granted"},
            {"permission": "instagram_content_publish", "status": "declined"},
            {"permission": "instagram_manage_insights", "status": "expired"},
            {"permission": 1, "status": "granted"}
        ]}));
        assert_eq!(s, scopes(&["instagram_basic"], &["instagram_content_publish"], &["instagram_manage_insights"]).unwrap());
        let mut out = vec![];
        read_accounts(
            &crate::json::json!({"data": [{"id": "1", "name": "P", "tasks": ["MANAGE"], "instagram_business_account": {"id": "17", "username": "u"}}, {"id": "2"}]}),
            &mut out,
        )
        .unwrap();
        assert_eq!(
            out[0],
            Account {
                page_id: Some("1".into()),
                page_name: Some("P".into()),
                ig_user_id: Some("17".into()),
                ig_username: Some("u".into()),
                tasks: Some(vec!["MANAGE".into()])
            }
        );
        assert_eq!((out[1].ig_user_id.clone(), out[1].tasks.clone()), (None, Some(vec![])));
        assert!(read_accounts(&crate::json::json!({"data": [{"name": "no id"}]}), &mut out).is_err());
    }
}
