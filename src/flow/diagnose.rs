//! `oauth.inspectToken` and `client.diagnose` as flows.
//!
//! - [`Inspect`]: Facebook Login, `GET /debug_token` with the app token; Instagram Login,
//!   `GET /me?fields=user_id,username` with the token itself (an error 190 is an answer: the
//!   token is invalid or expired).
//! - [`Diagnose`]: the token ([`Inspect`] when the app's id and secret are given, else what
//!   `/me/permissions` reveals), then with Facebook Login `GET /me/permissions` (granted,
//!   declined, expired) and every page of `GET /me/accounts` with each Page's `tasks`; the rules
//!   are [`crate::diagnose::evaluate`]. An unusable token ends it after the first request.

use crate::json::Value;

use super::{Action, Attempts, Body, Ctx, Event, Flow};
use crate::config::{Login, Secret};
use crate::diagnose::{self, Account, Diagnosis, Findings, Scopes};
use crate::endpoints::oauth::{self, Inspection};
use crate::endpoints::{build_request, Operation, Token};
use crate::error::Error;
use crate::page::{apply, NextPage, Pager};
use crate::retry::RetryPolicy;

/// One request, retried as the policy says; its 2xx body parsed in Rust (these answers are
/// read in Rust, never handed to the caller as they are).
#[derive(Debug, Clone)]
struct Fetch(Attempts);

impl Fetch {
    fn send<T>(op: &Operation, policy: RetryPolicy, ctx: &Ctx) -> (Fetch, Action<T>) {
        let request = build_request(ctx.config, op);
        (Fetch(Attempts::new(request.clone(), op.is_idempotent(), policy)), Action::Send(request))
    }

    /// `Ok`: an action to hand on; `Err`: the body (or the error).
    fn step<B: Body, T>(&mut self, event: Event<B>, ctx: &Ctx) -> Result<Action<T>, Result<Value, Error>> {
        match self.0.step(event, ctx).pending() {
            Ok(action) => Ok(action),
            Err(done) => Err(done.and_then(|r| {
                let text = r.body.text();
                crate::json::parse(&text).map_err(|_| crate::error::invalid_json(&text))
            })),
        }
    }
}

/// What a token is: `oauth.inspectToken`.
#[derive(Debug, Clone)]
pub struct Inspect {
    op: Operation,
    login: Login,
    app_id: String,
    scopes: Vec<String>,
    policy: RetryPolicy,
    fetch: Option<Fetch>,
    username: Option<String>,
}

impl Inspect {
    /// A Facebook Login token, through `/debug_token` with the app token `{app-id}|{app-secret}`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a missing argument.
    pub fn facebook(token: &str, app_id: &str, app_secret: &str, policy: RetryPolicy) -> Result<Inspect, Error> {
        let op = oauth::debug_token(token, app_id, app_secret)?;
        Ok(Inspect { op, login: Login::Facebook, app_id: app_id.to_owned(), scopes: Vec::new(), policy, fetch: None, username: None })
    }

    /// An Instagram User token (`token`: the client's own, or another), through
    /// `GET /me?fields=user_id,username`; `scopes`: those the caller knows from the code exchange.
    pub fn instagram(token: Token, scopes: Vec<String>, policy: RetryPolicy) -> Inspect {
        Inspect {
            op: diagnose::instagram_me(token),
            login: Login::Instagram,
            app_id: String::new(),
            scopes,
            policy,
            fetch: None,
            username: None,
        }
    }

    /// The operation it sends (for the secrets it carries).
    pub fn operation(&self) -> &Operation {
        &self.op
    }

    fn read(&mut self, result: Result<Value, Error>, now: f64) -> Result<Inspection, Error> {
        if let Ok(body) = &result {
            self.username = body.get("username").and_then(Value::as_str).map(str::to_owned);
        }
        match (self.login, result) {
            (Login::Facebook, Ok(body)) => match body.get("data").filter(|d| d.is_object()) {
                Some(data) => Ok(oauth::inspection(data, &self.app_id, now)),
                None => Err(Error::decode("data", "expected an object")),
            },
            (Login::Instagram, Ok(body)) => {
                oauth::instagram_inspection(Ok(&body), self.scopes.clone()).ok_or_else(|| Error::decode("", "expected an object"))
            }
            (Login::Instagram, Err(Error::Graph(g))) => match oauth::instagram_inspection(Err(&g), self.scopes.clone()) {
                Some(i) => Ok(i),
                None => Err(Error::Graph(g)),
            },
            (_, Err(e)) => Err(e),
        }
    }
}

impl<B: Body> Flow<B> for Inspect {
    type Output = Inspection;

    fn start(&mut self, ctx: &Ctx) -> Action<Inspection> {
        let (fetch, action) = Fetch::send(&self.op, self.policy, ctx);
        self.fetch = Some(fetch);
        action
    }

    fn step(&mut self, event: Event<B>, ctx: &Ctx) -> Action<Inspection> {
        let Some(fetch) = self.fetch.as_mut() else { return Flow::<B>::start(self, ctx) };
        match fetch.step(event, ctx) {
            Ok(action) => action,
            Err(result) => {
                let now = (ctx.now)();
                Action::Done(self.read(result, now))
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Stage {
    Token,
    Permissions,
    Accounts,
}

/// `client.diagnose`.
#[derive(Debug, Clone)]
pub struct Diagnose {
    login: Login,
    app: Option<(String, Secret)>,
    scopes_hint: Vec<String>,
    methods: Vec<&'static str>,
    asked: bool,
    policy: RetryPolicy,
    stage: Stage,
    inspect: Option<Inspect>,
    fetch: Option<Fetch>,
    token: Option<Inspection>,
    scopes: Option<Scopes>,
    accounts: Vec<Account>,
    accounts_op: Operation,
    pager: Pager,
}

impl Diagnose {
    /// Diagnose the client's token in `login`'s flavour for `methods` (JS names; every typed
    /// method when `None`). `app`: the app's id and secret (Facebook Login: read the token
    /// through `/debug_token`); `scopes`: with Instagram Login, the permissions the code
    /// exchange returned (Meta offers no call that lists them).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an unknown method name, or an app id without a secret.
    pub fn new(
        login: Login,
        methods: Option<&[String]>,
        app: Option<(String, String)>,
        scopes: Vec<String>,
        policy: RetryPolicy,
    ) -> Result<Diagnose, Error> {
        let asked = methods.is_some();
        let methods = diagnose::methods(methods)?;
        if let Some((id, secret)) = &app {
            oauth::debug_token("-", id, secret)?;
        }
        Ok(Diagnose {
            login,
            app: app.map(|(id, secret)| (id, Secret::new(secret))),
            scopes_hint: scopes,
            methods,
            asked,
            policy,
            stage: Stage::Token,
            inspect: None,
            fetch: None,
            token: None,
            scopes: None,
            accounts: Vec::new(),
            accounts_op: diagnose::me_accounts(),
            pager: Pager::default(),
        })
    }

    /// The `/debug_token` call it makes, if any (for the secrets it carries).
    pub fn debug_operation(&self, client_token: &str) -> Option<Operation> {
        self.app.as_ref().and_then(|(id, secret)| oauth::debug_token(client_token, id, secret.expose()).ok())
    }

    fn fetch(&mut self, stage: Stage, op: &Operation, ctx: &Ctx) -> Action<Diagnosis> {
        self.stage = stage;
        let (fetch, action) = Fetch::send(op, self.policy, ctx);
        self.fetch = Some(fetch);
        action
    }

    fn finish(&mut self, accounts: Option<Vec<Account>>) -> Action<Diagnosis> {
        let token = self.token.take().unwrap_or_else(|| unread(self.login));
        let scopes = match self.login {
            Login::Facebook => self.scopes.take(),
            Login::Instagram if token.scopes.is_empty() => None,
            Login::Instagram => Some(Scopes { granted: token.scopes.clone(), ..Scopes::default() }),
        };
        Action::Done(Ok(diagnose::evaluate(Findings {
            login: self.login,
            token,
            scopes,
            accounts,
            methods: self.methods.clone(),
            asked: self.asked,
        })))
    }

    fn usable(token: &Inspection) -> bool {
        token.valid && !matches!(token.kind, "page" | "system_user" | "app")
    }

    /// The inspection's action: handed on, or its result acted upon.
    fn on_token(&mut self, action: Action<Inspection>, ctx: &Ctx) -> Action<Diagnosis> {
        match action.pending() {
            Ok(action) => action,
            Err(Ok(token)) => self.after_token(token, ctx),
            Err(Err(e)) => Action::Done(Err(e)),
        }
    }

    fn after_token(&mut self, token: Inspection, ctx: &Ctx) -> Action<Diagnosis> {
        let usable = Self::usable(&token);
        let account = match self.login {
            Login::Instagram => {
                let username = self.inspect.as_ref().and_then(|i| i.username.clone());
                Some(Account { page_id: None, page_name: None, ig_user_id: token.user_id.clone(), ig_username: username, tasks: None })
            }
            Login::Facebook => None,
        };
        self.token = Some(token);
        match (self.login, usable) {
            (_, false) => self.finish(None),
            (Login::Instagram, true) => self.finish(account.map(|a| vec![a])),
            (Login::Facebook, true) => self.fetch(Stage::Permissions, &diagnose::me_permissions(), ctx),
        }
    }
}

/// The token as `/me/permissions` shows it, without `/debug_token`.
fn unread(login: Login) -> Inspection {
    Inspection {
        valid: true,
        kind: "unknown",
        login: login.as_str(),
        app_id: None,
        user_id: None,
        scopes: Vec::new(),
        expires_at: None,
        data_access_expires_at: None,
        problems: Vec::new(),
        unknown: vec![
            "kind, appId, userId, expiresAt, dataAccessExpiresAt: read through /debug_token, which needs the app's token: pass appId and appSecret to diagnose (on a server or edge function; never in a page)".to_owned(),
        ],
    }
}

impl<B: Body> Flow<B> for Diagnose {
    type Output = Diagnosis;

    fn start(&mut self, ctx: &Ctx) -> Action<Diagnosis> {
        self.token = None;
        self.scopes = None;
        self.accounts.clear();
        self.pager = Pager::default();
        self.accounts_op = diagnose::me_accounts();
        let inspect = match (self.login, &self.app) {
            (Login::Instagram, _) => Inspect::instagram(Token::Client, self.scopes_hint.clone(), self.policy),
            (Login::Facebook, Some((id, secret))) => {
                match Inspect::facebook(ctx.config.access_token().expose(), id, secret.expose(), self.policy) {
                    Ok(i) => i,
                    Err(e) => return Action::Done(Err(e)),
                }
            }
            (Login::Facebook, None) => return self.fetch(Stage::Permissions, &diagnose::me_permissions(), ctx),
        };
        self.stage = Stage::Token;
        let mut inspect = inspect;
        let action = Flow::<B>::start(&mut inspect, ctx);
        self.inspect = Some(inspect);
        self.on_token(action, ctx)
    }

    fn step(&mut self, event: Event<B>, ctx: &Ctx) -> Action<Diagnosis> {
        if self.stage == Stage::Token {
            let Some(inspect) = self.inspect.as_mut() else { return Flow::<B>::start(self, ctx) };
            let action = Flow::<B>::step(inspect, event, ctx);
            return self.on_token(action, ctx);
        }
        let Some(fetch) = self.fetch.as_mut() else { return Flow::<B>::start(self, ctx) };
        let result = match fetch.step(event, ctx) {
            Ok(action) => return action,
            Err(result) => result,
        };
        match self.stage {
            Stage::Permissions => match result {
                Ok(body) => {
                    let scopes = Scopes::from_permissions(&body);
                    let token = self.token.get_or_insert_with(|| unread(Login::Facebook));
                    if token.scopes.is_empty() {
                        token.scopes = scopes.granted.clone();
                    }
                    self.scopes = Some(scopes);
                    let op = self.accounts_op.clone();
                    self.fetch(Stage::Accounts, &op, ctx)
                }
                // Without /debug_token, an error about the token is the answer.
                Err(Error::Graph(g)) if self.token.is_none() => match oauth::token_problem(&g, Login::Facebook) {
                    Some((kind, problem)) => {
                        let mut token = unread(Login::Facebook);
                        token.valid = false;
                        token.kind = kind;
                        token.problems.push(problem);
                        self.token = Some(token);
                        self.finish(None)
                    }
                    None => Action::Done(Err(Error::Graph(g))),
                },
                Err(e) => Action::Done(Err(e)),
            },
            Stage::Accounts => {
                let body = match result.and_then(|b| diagnose::read_accounts(&b, &mut self.accounts).map(|()| b)) {
                    Ok(b) => b,
                    Err(e) => return Action::Done(Err(e)),
                };
                match self.pager.next(&&body) {
                    NextPage::Fetch(changes) => {
                        apply(&mut self.accounts_op.params, &changes);
                        let op = self.accounts_op.clone();
                        self.fetch(Stage::Accounts, &op, ctx)
                    }
                    NextPage::Done | NextPage::Loop => {
                        let accounts = std::mem::take(&mut self.accounts);
                        self.finish(Some(accounts))
                    }
                }
            }
            Stage::Token => Flow::<B>::start(self, ctx),
        }
    }
}
