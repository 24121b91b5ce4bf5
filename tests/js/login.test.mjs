// Both login flavours (issue 13, first part): the `login` option and its default host, the
// operations Instagram Login does not offer refused before any request, permissions per
// flavour, webhook subscriptions on `me`, and the Instagram Login OAuth calls over loopback.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { InstagramClient, GraphApiError, oauth, webhooks } from "instagram-graph-wasm";
import { createSandbox } from "instagram-graph-wasm/sandbox";

/** A fetch that records each request and answers `{}` (or what `answer` says). */
function recorder(answer = () => ({ id: "17841400000000001" })) {
  const calls = [];
  const fetch = async (url, init = {}) => {
    calls.push({ url: String(url), method: init.method ?? "GET", body: init.body === undefined ? undefined : String(init.body) });
    return new Response(JSON.stringify(answer(String(url))), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { calls, fetch };
}

describe("the login option", () => {
  test("Instagram Login calls graph.instagram.com with the client's token", async () => {
    const r = recorder();
    const ig = new InstagramClient({ accessToken: "IGQVJtoken", login: "instagram", fetch: r.fetch });
    await ig.getUser("me", { fields: ["user_id", "username"] });
    assert.equal(r.calls[0].url, "https://graph.instagram.com/v27.0/me?fields=user_id%2Cusername&access_token=IGQVJtoken");
    const fb = new InstagramClient({ accessToken: "EAAtoken", fetch: r.fetch });
    await fb.getUser("17841400000000001");
    assert.ok(r.calls[1].url.startsWith("https://graph.facebook.com/v27.0/17841400000000001"), r.calls[1].url);
    const pinned = new InstagramClient({ accessToken: "IGQ", login: "instagram", baseUrl: "http://127.0.0.1:9", fetch: r.fetch });
    await pinned.getMedia("1");
    assert.ok(r.calls[2].url.startsWith("http://127.0.0.1:9/v27.0/1?"), "baseUrl still wins");
  });

  test("a login that is neither flavour is a TypeError", () => {
    for (const login of ["Instagram", "basic", 1, true]) {
      assert.throws(() => new InstagramClient({ accessToken: "t", login }), (e) => e instanceof TypeError && /login/.test(e.message), String(login));
    }
  });

  test("what Instagram Login does not offer is refused before any request, naming the operation and the flavour", async () => {
    const r = recorder();
    const ig = new InstagramClient({ accessToken: "IGQ", login: "instagram", fetch: r.fetch });
    const promises = {
      searchHashtag: () => ig.searchHashtag("me", "coffee"),
      listHashtagMedia: () => ig.listHashtagMedia("1", "me", { edge: "top_media" }),
      listRecentlySearchedHashtags: () => ig.listRecentlySearchedHashtags("me"),
      getHashtagSearchQuota: () => ig.getHashtagSearchQuota("me"),
      businessDiscovery: () => ig.businessDiscovery("me", "bluebottle"),
      listConnectedAccounts: () => ig.listConnectedAccounts(),
      uploadVideo: () => ig.uploadVideo("1", new Uint8Array(4)),
    };
    for (const [name, call] of Object.entries(promises)) {
      const e = await call().then(() => null, (x) => x);
      assert.ok(e instanceof TypeError, `${name}: ${e}`);
      assert.match(e.message, new RegExp(`^${name}: is not offered by the Instagram API with Instagram Login`), e.message);
    }
    for (const name of ["iterHashtagMedia", "iterConnectedAccounts"]) {
      const args = name === "iterHashtagMedia" ? ["1", "me", { edge: "top_media" }] : [];
      assert.throws(() => ig[name](...args), (e) => e instanceof TypeError && e.message.startsWith(`${name}: is not offered`), name);
    }
    assert.equal(r.calls.length, 0, "nothing was sent");
    // the same calls are sent with Facebook Login
    const fb = new InstagramClient({ accessToken: "EAA", fetch: recorder(() => ({ data: [] })).fetch });
    assert.deepEqual(await fb.listRecentlySearchedHashtags("1"), { data: [] });
  });

  test("permissions per flavour", () => {
    assert.deepEqual(oauth.requiredPermissions("getUser"), ["instagram_basic", "pages_read_engagement"]);
    assert.deepEqual(oauth.requiredPermissions("getUser", { login: "instagram" }), ["instagram_business_basic"]);
    assert.deepEqual(oauth.requiredPermissions("iterComments", { login: "instagram" }), ["instagram_business_basic", "instagram_business_manage_comments"]);
    assert.deepEqual(oauth.requiredPermissions("publish", { login: "instagram" }), ["instagram_business_basic", "instagram_business_content_publish"]);
    assert.deepEqual(oauth.requiredPermissions("getUserInsights", { login: "instagram" }), ["instagram_business_basic", "instagram_business_manage_insights"]);
    assert.throws(() => oauth.requiredPermissions("businessDiscovery", { login: "instagram" }), (e) => e instanceof TypeError && /not offered/.test(e.message));
    assert.throws(() => oauth.requiredPermissions("getUser", { login: "tiktok" }), TypeError);
    assert.deepEqual(oauth.requiredPermissions("businessDiscovery", { login: "facebook" }), ["instagram_basic", "pages_read_engagement"]);
  });

  test("webhook subscriptions: the Page and its token with Facebook Login, `me` and the client's token with Instagram Login", async () => {
    const r = recorder(() => ({ success: true }));
    const ig = new InstagramClient({ accessToken: "IGQtoken", login: "instagram", fetch: r.fetch });
    assert.deepEqual(await ig.subscribeApp("me", ["comments", "messages"]), { success: true });
    assert.deepEqual(r.calls[0], { url: "https://graph.instagram.com/v27.0/me/subscribed_apps", method: "POST", body: "subscribed_fields=comments%2Cmessages&access_token=IGQtoken" });
    const fb = new InstagramClient({ accessToken: "EAA", fetch: r.fetch });
    const e = await fb.subscribeApp("134895793791914", ["comments"]).catch((x) => x);
    assert.ok(e instanceof TypeError && /pageAccessToken/.test(e.message), String(e));
    await fb.subscribeApp("134895793791914", ["comments"], { pageAccessToken: "PAGE" });
    assert.equal(r.calls[1].body, "subscribed_fields=comments&access_token=PAGE");
  });
});

test("webhook deliveries: an echo is a `messages` event with Facebook Login, `message_echoes` with Instagram Login", async () => {
  const echo = JSON.stringify({
    object: "instagram",
    entry: [{ id: "17841400000000001", time: 1700000000, messaging: [{ sender: { id: "17841400000000001" }, recipient: { id: "9" }, timestamp: 1700000000000, message: { mid: "m1", text: "hi", is_echo: true } }] }],
  });
  assert.equal(webhooks.parse(echo).entries[0].events[0].field, "messages");
  assert.equal(webhooks.parse(echo, { login: "facebook" }).entries[0].events[0].field, "messages");
  assert.equal(webhooks.parse(echo, { login: "instagram" }).entries[0].events[0].field, "message_echoes");
  assert.throws(() => webhooks.parse(echo, { login: "ig" }), TypeError);
  // the handler takes the same option, and checks the signature with the secret it is given
  const secret = "instagram-app-secret";
  const got = [];
  const request = new Request("https://example.com/hook", { method: "POST", body: echo, headers: { "x-hub-signature-256": webhooks.sign(echo, secret) } });
  const res = await webhooks.handle(request, { appSecret: secret, login: "instagram", onEvents: (d) => void got.push(d) });
  assert.equal(res.status, 200);
  assert.equal(got[0].entries[0].events[0].field, "message_echoes");
});

describe("Instagram Login OAuth", () => {
  let server;
  let base;
  const seen = [];
  before(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ method: req.method, url: req.url, body, type: req.headers["content-type"] });
        res.setHeader("content-type", "application/json");
        if (req.url.startsWith("/oauth/access_token")) {
          if (body.includes("code=BAD")) {
            res.statusCode = 400;
            return res.end(JSON.stringify({ error_type: "OAuthException", code: 400, error_message: "Invalid authorization code" }));
          }
          // Meta's answer wraps it in `data` (and user_id is a number above 2^53)
          return res.end('{"data":[{"access_token":"IGQVJshort","user_id":17841405793187218,"permissions":"instagram_business_basic,instagram_business_manage_comments"}]}');
        }
        if (req.url.startsWith("/access_token")) return res.end(JSON.stringify({ access_token: "IGQVJlong", token_type: "bearer", expires_in: 5183944 }));
        if (req.url.startsWith("/refresh_access_token")) return res.end(JSON.stringify({ access_token: "IGQVJlong2", token_type: "bearer", expires_in: 5183944 }));
        res.statusCode = 404;
        res.end("{}");
      });
    });
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => server.close());

  test("the authorize URL, and scopes of the other flavour refused with the reason", () => {
    assert.equal(
      oauth.loginUrl({ login: "instagram", appId: "990602627938098", redirectUri: "https://example.com/cb", scopes: ["instagram_business_basic", "instagram_business_content_publish"], state: "xyz" }),
      "https://www.instagram.com/oauth/authorize?client_id=990602627938098&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&response_type=code&scope=instagram_business_basic%2Cinstagram_business_content_publish&state=xyz",
    );
    const mixed = () => oauth.loginUrl({ login: "instagram", appId: "1", redirectUri: "https://e.com/cb", state: "s", scopes: ["instagram_business_basic", "pages_show_list"] });
    assert.throws(mixed, (e) => e instanceof TypeError && e.message.includes("Business and user permissions are mutually exclusive"));
    assert.throws(() => oauth.loginUrl({ appId: "1", redirectUri: "https://e.com/cb", state: "s", scopes: ["instagram_business_basic"] }), (e) => e instanceof TypeError && e.message.includes('login: "instagram"'));
    assert.throws(() => oauth.loginUrl({ login: "instagram", appId: "1", redirectUri: "https://e.com/cb", state: "s", scopes: ["instagram_basic"] }), /Facebook Login permissions/);
  });

  test("the code exchange is a form POST to the auth host; user_id comes back as its exact digits", async () => {
    const t = await oauth.exchangeCode({ login: "instagram", appId: "990602627938098", appSecret: "APPSECRET123", redirectUri: "https://example.com/cb", code: "AQBx" }, { authBaseUrl: base });
    assert.deepEqual(t, { access_token: "IGQVJshort", user_id: "17841405793187218", permissions: "instagram_business_basic,instagram_business_manage_comments" });
    const req = seen.at(-1);
    assert.deepEqual([req.method, req.url, req.type], ["POST", "/oauth/access_token", "application/x-www-form-urlencoded"]);
    assert.equal(req.body, "client_id=990602627938098&client_secret=APPSECRET123&grant_type=authorization_code&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&code=AQBx");
    const e = await oauth.exchangeCode({ login: "instagram", appId: "1", appSecret: "APPSECRET123", redirectUri: "https://e.com/cb", code: "BAD" }, { authBaseUrl: base }).catch((x) => x);
    assert.ok(e instanceof GraphApiError, String(e));
    assert.ok(!JSON.stringify({ m: e.message, b: e.body, s: String(e.stack) }).includes("APPSECRET123"), "the app secret never appears in the error");
  });

  test("the long-lived exchange and the refresh go to the Graph host unversioned", async () => {
    const long = await oauth.exchangeForLongLivedToken({ login: "instagram", appSecret: "APPSECRET123", accessToken: "IGQVJshort" }, { baseUrl: base });
    assert.deepEqual(long, { access_token: "IGQVJlong", token_type: "bearer", expires_in: 5183944 });
    assert.equal(seen.at(-1).url, "/access_token?grant_type=ig_exchange_token&client_secret=APPSECRET123&access_token=IGQVJshort");
    const fresh = await oauth.refreshLongLivedToken({ accessToken: "IGQVJlong" }, { baseUrl: base });
    assert.equal(fresh.access_token, "IGQVJlong2");
    assert.equal(seen.at(-1).url, "/refresh_access_token?grant_type=ig_refresh_token&access_token=IGQVJlong");
    await assert.rejects(oauth.refreshLongLivedToken({}), TypeError);
  });
});

describe("oauth.inspectToken", () => {
  let sandbox;
  let server;
  before(async () => {
    sandbox = createSandbox({ usagePerCall: 0 });
    server = await sandbox.listen();
  });
  after(() => server.close());
  const inspect = (accessToken, appId = sandbox.ids.appId) => oauth.inspectToken({ accessToken, appId, appSecret: "app-secret" }, { baseUrl: server.url });

  test("a User token: valid, its scopes and times, no problem", async () => {
    const t = await inspect("sandbox-token");
    assert.equal(t.valid, true);
    assert.equal(t.kind, "user");
    assert.equal(t.login, "facebook");
    assert.equal(t.appId, sandbox.ids.appId);
    assert.ok(t.scopes.includes("instagram_basic"), t.scopes.join());
    assert.ok(t.expiresAt === null || t.expiresAt > Date.now() - 86400e3 * 365, String(t.expiresAt));
    assert.deepEqual(t.problems, []);
    assert.equal(sandbox.requests.at(-1).path.endsWith("/debug_token"), true);
  });

  test("a Page token and a broken token are named as such, with what to do", async () => {
    const page = await inspect(`sandbox-page-token-${sandbox.ids.pageId}`);
    assert.equal(page.kind, "page");
    assert.deepEqual(page.problems.map((p) => p.code), ["page_token"]);
    assert.match(page.problems[0].message, /User access token of someone who can perform Tasks on the Page/);
    const bad = await inspect("not-a-token");
    assert.equal(bad.valid, false);
    assert.deepEqual(bad.problems.map((p) => p.code), ["invalid"]);
    await assert.rejects(oauth.inspectToken({ accessToken: "t" }), TypeError);
  });

  test("every kind of Facebook Login token debug_token tells apart", async () => {
    const kinds = {
      [sandbox.ids.systemUserToken]: ["system_user", ["system_user"]],
      [sandbox.ids.otherAppToken]: ["user", ["wrong_app"]],
      [sandbox.ids.expiredToken]: ["user", ["expired"]],
      [`${sandbox.ids.appId}|app-secret`]: ["app", ["app_token"]],
    };
    for (const [token, [kind, codes]] of Object.entries(kinds)) {
      const t = await inspect(token);
      assert.equal(t.kind, kind, token);
      assert.deepEqual(t.problems.map((p) => p.code), codes, token);
      assert.deepEqual(t.unknown, []);
    }
    const ig = await inspect(sandbox.ids.instagramAccessToken, sandbox.ids.appId);
    assert.equal(ig.kind, "instagram_user", "an IG… token is read as an Instagram User token");
  });

  test("an Instagram User token: GET graph.instagram.com/me, and what Meta does not let it tell", async () => {
    const t = await oauth.inspectToken({ accessToken: sandbox.ids.instagramAccessToken, login: "instagram", scopes: ["instagram_business_basic"] }, { baseUrl: server.url });
    assert.deepEqual(
      { valid: t.valid, kind: t.kind, login: t.login, appId: t.appId, userId: t.userId, scopes: t.scopes, expiresAt: t.expiresAt, problems: t.problems },
      { valid: true, kind: "instagram_user", login: "instagram", appId: null, userId: sandbox.ids.igUserId, scopes: ["instagram_business_basic"], expiresAt: null, problems: [] },
    );
    assert.deepEqual(t.unknown.map((u) => u.split(":")[0]), ["expiresAt", "appId"]);
    const sent = sandbox.requests.at(-1);
    assert.deepEqual([sent.path, sent.query], ["/v27.0/me", { fields: "user_id,username", access_token: sandbox.ids.instagramAccessToken }]);
    const bad = await oauth.inspectToken({ accessToken: "IGQVJnot-a-token" }, { baseUrl: server.url });
    assert.deepEqual([bad.valid, bad.problems.map((p) => p.code)], [false, ["invalid"]]);
    const mixed = await oauth.inspectToken({ accessToken: sandbox.ids.instagramAccessToken, scopes: ["pages_show_list"] }, { baseUrl: server.url });
    assert.deepEqual(mixed.problems.map((p) => p.code), ["mixed_scopes"]);
    await assert.rejects(oauth.inspectToken({ accessToken: "x", login: "tiktok" }), TypeError);
  });
});

describe("client.diagnose", () => {
  let sandbox;
  let server;
  before(async () => {
    sandbox = createSandbox({ usagePerCall: 0 });
    server = await sandbox.listen();
  });
  after(() => server.close());
  const client = (accessToken, login = "facebook") => new InstagramClient({ accessToken, login, baseUrl: server.url });
  const codes = (d) => d.problems.map((p) => p.code);
  const requests = () => sandbox.requests.map((r) => `${r.method} ${r.path}?${new URLSearchParams(r.query)}`);

  test("Facebook Login: permissions, then the Pages with their tasks; each method checked", async () => {
    sandbox.reset();
    const d = await client(sandbox.ids.accessToken).diagnose();
    assert.deepEqual(requests(), [
      "GET /v27.0/me/permissions?access_token=sandbox-token",
      "GET /v27.0/me/accounts?fields=id%2Cname%2Ctasks%2Cinstagram_business_account%7Bid%2Cusername%7D&limit=100&access_token=sandbox-token",
    ]);
    assert.deepEqual(codes(d), ["app_review"]);
    assert.match(d.problems[0].message, /^App Review needed in Live Mode/);
    assert.doesNotMatch(d.problems[0].message.split(";")[0], /pages_show_list/, "pages_show_list needs no review");
    assert.deepEqual(d.accounts[0], { pageId: sandbox.ids.pageId, pageName: "Sandbox Coffee Roasters", igUserId: sandbox.ids.igUserId, igUsername: sandbox.ids.igUsername, tasks: sandbox.state.pages.get(sandbox.ids.pageId).tasks });
    assert.equal(d.accounts[1].igUserId, null);
    const names = Object.keys(d.methods);
    assert.ok(names.length >= 35 && names.includes("publish") && !names.includes("iterUserMedia"), names.join());
    assert.ok(Object.values(d.methods).every((m) => m.ok && m.offered), "every method works with the sandbox's token");
    assert.equal(d.token.kind, "unknown");
    assert.match(d.token.unknown[0], /appId and appSecret/);
  });

  test("with appId and appSecret, /debug_token first: each token kind, and an unusable one ends it", async () => {
    const app = { appId: sandbox.ids.appId, appSecret: "app-secret" };
    sandbox.reset();
    const d = await client(sandbox.ids.accessToken).diagnose({ ...app, methods: ["getUser"] });
    assert.deepEqual(sandbox.requests.map((r) => r.path), ["/v27.0/debug_token", "/v27.0/me/permissions", "/v27.0/me/accounts"]);
    assert.deepEqual([d.token.kind, d.token.userId, codes(d)], ["user", sandbox.ids.userId, ["app_review"]]);
    for (const [token, code] of [
      [sandbox.ids.systemUserToken, "system_user"],
      [sandbox.ids.pageAccessToken, "page_token"],
      [sandbox.ids.expiredToken, "expired"],
      [`${sandbox.ids.appId}|app-secret`, "app_token"],
      ["not-a-token", "invalid"],
    ]) {
      sandbox.reset();
      const x = await client(token).diagnose({ ...app, methods: ["getUser"] });
      assert.deepEqual(codes(x), [code, "app_review"], token);
      assert.equal(x.methods.getUser.ok, false);
      assert.equal(sandbox.requests.length, 1, `${code}: nothing after /debug_token`);
    }
    const other = await client(sandbox.ids.otherAppToken).diagnose({ ...app, methods: ["getUser"] });
    assert.deepEqual(codes(other), ["wrong_app", "app_review"]);
  });

  test("without the app secret, the token's trouble still shows: invalid, expired, a Page token", async () => {
    for (const [token, code] of [["not-a-token", "invalid"], [sandbox.ids.expiredToken, "expired"], [sandbox.ids.pageAccessToken, "page_token"]]) {
      const d = await client(token).diagnose({ methods: ["getUser"] });
      assert.deepEqual(codes(d), [code, "app_review"], token);
      assert.equal(d.token.valid, false);
    }
  });

  test("a user who declined, let expire or was never asked for a scope, and whose Page tasks fall short", async () => {
    const d = await client(sandbox.ids.limitedToken).diagnose({ methods: ["getUser", "publish", "getUserInsights", "hideComment", "subscribeApp"] });
    assert.deepEqual(codes(d), ["scope_declined", "scope_expired", "missing_scope", "missing_tasks", "missing_tasks", "app_review"]);
    const byCode = Object.fromEntries(d.problems.map((p) => [p.code, p.message]));
    assert.match(byCode.scope_declined, /instagram_content_publish.*rerequest/);
    assert.match(byCode.scope_expired, /instagram_manage_insights/);
    assert.match(byCode.missing_scope, /pages_manage_metadata.*subscribeApp needs it/);
    assert.match(d.problems[3].message, /Sandbox Coffee Roasters.*\[ANALYZE\].*instagram_content_publish needs one of MANAGE, CREATE_CONTENT/);
    assert.match(d.problems[4].message, /instagram_manage_comments needs one of MANAGE, CREATE_CONTENT, MODERATE/);
    assert.deepEqual(d.methods.getUser, { ok: true, offered: true, missingScopes: [], missingTasks: [], uncheckedScopes: [] });
    assert.deepEqual(d.methods.publish, { ok: false, offered: true, missingScopes: ["instagram_content_publish"], missingTasks: ["MANAGE", "CREATE_CONTENT"], uncheckedScopes: [] });
    assert.deepEqual(d.methods.hideComment.missingTasks, ["MANAGE", "CREATE_CONTENT", "MODERATE"]);
    assert.deepEqual(d.accounts[0].tasks, ["ANALYZE"], "the token user's own tasks");
  });

  test("no Page with an Instagram professional account", async () => {
    sandbox.reset();
    sandbox.state.pages.get(sandbox.ids.pageId).igUserId = null;
    const d = await client(sandbox.ids.accessToken).diagnose({ methods: ["getUser", "listConnectedAccounts"] });
    assert.deepEqual(codes(d), ["no_connected_account", "app_review"]);
    assert.match(d.problems[0].message, /none of the user's 2 Pages has an Instagram Business or Creator account connected/);
    assert.deepEqual([d.methods.getUser.ok, d.methods.listConnectedAccounts.ok], [false, true]);
    sandbox.reset();
  });

  test("Instagram Login: one request to graph.instagram.com /me, no Pages or tasks, what cannot be known", async () => {
    sandbox.reset();
    const ig = new InstagramClient({ accessToken: sandbox.ids.instagramAccessToken, login: "instagram", fetch: sandbox.fetch });
    const d = await ig.diagnose({ methods: ["getUser", "publish", "searchHashtag", "businessDiscovery"], appId: sandbox.ids.appId, appSecret: "ignored" });
    assert.deepEqual(sandbox.requests.map((r) => `${r.host} ${r.path}?${new URLSearchParams(r.query)}`), [`graph.instagram.com /v27.0/me?fields=user_id%2Cusername&access_token=${sandbox.ids.instagramAccessToken}`]);
    assert.deepEqual(codes(d), ["not_offered", "app_review"]);
    assert.match(d.problems[0].message, /^searchHashtag, businessDiscovery are not offered by the Instagram API with Instagram Login/);
    assert.deepEqual(d.accounts, [{ pageId: null, pageName: null, igUserId: sandbox.ids.igUserId, igUsername: sandbox.ids.igUsername, tasks: null }]);
    assert.deepEqual(d.methods.publish, { ok: true, offered: true, missingScopes: [], missingTasks: [], uncheckedScopes: ["instagram_business_basic", "instagram_business_content_publish"] });
    assert.equal(d.methods.searchHashtag.offered, false);
    assert.equal(d.token.unknown.length, 3);
    // with the permissions of the code exchange, the scopes are checked
    const known = await ig.diagnose({ methods: ["publish", "getUserInsights"], scopes: ["instagram_business_basic", "instagram_business_content_publish"] });
    assert.deepEqual(codes(known), ["missing_scope", "app_review"]);
    assert.match(known.problems[0].message, /instagram_business_manage_insights/);
    const mixed = await ig.diagnose({ methods: ["getUser"], scopes: ["instagram_business_basic", "instagram_basic"] });
    assert.deepEqual(codes(mixed), ["mixed_scopes", "app_review"]);
    const invalid = await new InstagramClient({ accessToken: "IGQVJnope", login: "instagram", fetch: sandbox.fetch }).diagnose();
    assert.deepEqual([invalid.token.valid, codes(invalid)[0]], [false, "invalid"]);
  });

  test("bad arguments are TypeErrors before any request; the app secret stays out of errors", async () => {
    sandbox.reset();
    const c = client(sandbox.ids.accessToken);
    for (const params of [{ methods: ["nope"] }, { methods: "getUser,nope" }, { methods: [1] }, { appId: "1" }, { appSecret: "s" }, { appID: "1" }, { scopes: 3 }]) {
      await assert.rejects(c.diagnose(params), TypeError, JSON.stringify(params));
    }
    assert.equal(sandbox.requests.length, 0);
    globalThis.document = {};
    try {
      await assert.rejects(c.diagnose({ appId: "1", appSecret: "s3cret-value" }), (e) => e instanceof TypeError && /browser page/.test(e.message));
      const fine = await c.diagnose({ appId: sandbox.ids.appId, appSecret: "s3cret-value", allowAppSecretInBrowser: true, methods: ["getUser"] });
      assert.equal(fine.token.kind, "user");
    } finally {
      delete globalThis.document;
    }
    sandbox.fault({ path: "/debug_token", status: 400, body: { error: { message: "Invalid app secret s3cret-value for 138483919580948|s3cret-value", type: "OAuthException", code: 190 } } });
    const e = await c.diagnose({ appId: sandbox.ids.appId, appSecret: "s3cret-value" }).catch((x) => x);
    assert.ok(e instanceof GraphApiError, String(e));
    assert.ok(!JSON.stringify({ m: e.message, b: e.body, s: String(e.stack) }).includes("s3cret-value"), e.message);
  });
});
