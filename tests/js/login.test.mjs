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
    const ig = await inspect("IGQVJxyz").catch((e) => e);
    assert.ok(ig instanceof TypeError && /Instagram User token/.test(ig.message), String(ig));
    await assert.rejects(oauth.inspectToken({ accessToken: "t" }), TypeError);
  });
});
