// The packed package in Node 20, against the sandbox Graph API over real loopback HTTP.
import { test, describe, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  InstagramClient, InstagramError, GraphApiError, AuthError, PermissionError, RateLimitError,
  ConnectionError, TimeoutError, AbortError, DecodeError, oauth,
} from "instagram-graph-wasm";
import { createSandbox } from "instagram-graph-wasm/sandbox";
import { freePort } from "./helpers.js";

const TOKEN = "sandbox-token";
let sandbox, server, ids;

before(async () => {
  sandbox = createSandbox();
  server = await sandbox.listen();
  ids = sandbox.ids;
});
after(() => server.close());
beforeEach(() => sandbox.reset());

const client = (extra = {}) => new InstagramClient({ accessToken: TOKEN, baseUrl: server.url, ...extra });
const lastRequest = () => sandbox.requests[sandbox.requests.length - 1];

/** Assert that nothing reachable from an error mentions a secret. */
function assertNoSecret(err, ...secrets) {
  const seen = [err.message, err.stack, JSON.stringify(err), JSON.stringify(err.body ?? null), String(err)];
  for (const s of secrets) for (const text of seen) assert.ok(!String(text).includes(s), `secret ${s} leaked in: ${text}`);
}

describe("installing and loading", () => {
  test("an empty folder imports and requires the package by name", () => {
    const dir = mkdtempSync(join(tmpdir(), "igw-consumer-"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", process.env.IGW_TARBALL], { cwd: dir });
    const esm = execFileSync(process.execPath, ["--input-type=module", "-e",
      "const m = await import('instagram-graph-wasm'); const c = new m.InstagramClient({ accessToken: 't' }); console.log(typeof m.InstagramClient, c.apiVersion, typeof m.init, new m.AuthError('x') instanceof m.GraphApiError)"],
    { cwd: dir, encoding: "utf8" });
    assert.equal(esm.trim(), "function v27.0 function true");
    const cjs = execFileSync(process.execPath, ["-e",
      "const m = require('instagram-graph-wasm'); console.log(typeof m.InstagramClient, new m.InstagramClient({ accessToken: 't' }).apiVersion)"],
    { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    assert.equal(cjs.trim(), "function v27.0");
  });
});

describe("options", () => {
  const typeError = (opts, name) => assert.throws(() => new InstagramClient(opts), (e) => e instanceof TypeError && e.message.startsWith(`${name}:`), name);

  test("bad options throw a TypeError naming the option", () => {
    typeError(undefined, "options");
    typeError({}, "accessToken");
    typeError({ accessToken: "" }, "accessToken");
    typeError({ accessToken: 5 }, "accessToken");
    typeError({ accessToken: "t", apiVersion: "25" }, "apiVersion");
    typeError({ accessToken: "t", baseUrl: "graph.facebook.com" }, "baseUrl");
    typeError({ accessToken: "t", uploadBaseUrl: "nope" }, "uploadBaseUrl");
    typeError({ accessToken: "t", fetch: "fetch" }, "fetch");
    typeError({ accessToken: "t", timeoutMs: -5 }, "timeoutMs");
    typeError({ accessToken: "t", maxRetries: 1.5 }, "maxRetries");
    typeError({ accessToken: "t", timeoutMS: 5 }, "timeoutMS");
  });

  test("an app secret is refused in a browser page unless allowed", () => {
    globalThis.document = {};
    try {
      typeError({ accessToken: "t", appSecret: "s" }, "appSecret");
      assert.ok(new InstagramClient({ accessToken: "t", appSecret: "s", allowAppSecretInBrowser: true }));
    } finally {
      delete globalThis.document;
    }
    assert.ok(new InstagramClient({ accessToken: "t", appSecret: "s" }));
  });

  test("bad arguments reject with a TypeError and send nothing", async () => {
    const c = client();
    await assert.rejects(c.getUser(""), (e) => e instanceof TypeError && e.message.startsWith("igUserId:"));
    await assert.rejects(c.getUser(17841405822304914), (e) => e instanceof TypeError && e.message.startsWith("igUserId:"));
    await assert.rejects(c.get("https://graph.facebook.com/v27.0/me"), (e) => e instanceof TypeError && e.message.startsWith("path:"));
    await assert.rejects(c.get("me", { access_token: "x" }), (e) => e instanceof TypeError && e.message.startsWith("params.access_token:"));
    await assert.rejects(c.get("me", {}, { timeoutMs: 0 }), (e) => e instanceof TypeError && e.message.startsWith("options.timeoutMs:"));
    await assert.rejects(c.get("me", {}, { signal: {} }), (e) => e instanceof TypeError && e.message.startsWith("options.signal:"));
    assert.throws(() => c.iterUserMedia("1/2"), TypeError);
    assert.equal(sandbox.requests.length, 0);
  });
});

describe("requests on the wire", () => {
  test("GET puts parameters in the query, the token last, and sends no body", async () => {
    const me = await client().getUser(ids.igUserId, { fields: ["id", "username", "followers_count"] });
    assert.equal(me.id, ids.igUserId);
    assert.equal(typeof me.followers_count, "number");
    const r = lastRequest();
    assert.equal(r.method, "GET");
    assert.equal(r.path, `/v27.0/${ids.igUserId}`);
    assert.deepEqual(r.query, { fields: "id,username,followers_count", access_token: TOKEN });
    assert.equal(r.form, null);
  });

  test("POST sends a form body and keeps false values", async () => {
    const res = await client().post(ids.commentId, { hide: false });
    assert.deepEqual(res, { success: true });
    const r = lastRequest();
    assert.equal(r.method, "POST");
    assert.deepEqual(r.form, { hide: "false", access_token: TOKEN });
    assert.deepEqual(r.query, {});
  });

  test("DELETE, apiVersion and appsecret_proof", async () => {
    const { createHmac } = await import("node:crypto");
    const secured = createSandbox({ appSecret: "app-secret" });
    const srv = await secured.listen();
    try {
      const c = new InstagramClient({ accessToken: TOKEN, appSecret: "app-secret", apiVersion: "v27.0", baseUrl: srv.url });
      assert.deepEqual(await c.delete(secured.ids.commentId), { success: true });
      const r = secured.requests[secured.requests.length - 1];
      assert.equal(r.method, "DELETE");
      assert.equal(r.path, `/v27.0/${secured.ids.commentId}`);
      assert.equal(r.query.appsecret_proof, createHmac("sha256", "app-secret").update(TOKEN).digest("hex"));
      // a wrong secret is refused by the API, and the error leaks neither secret nor proof
      const bad = new InstagramClient({ accessToken: TOKEN, appSecret: "wrong-secret", baseUrl: srv.url });
      const err = await bad.getUser(secured.ids.igUserId).catch((e) => e);
      assert.ok(err instanceof GraphApiError);
      assert.equal(err.code, 100);
      assertNoSecret(err, TOKEN, "wrong-secret", createHmac("sha256", "wrong-secret").update(TOKEN).digest("hex"));
    } finally {
      srv.close();
    }
  });

  test("an injected fetch is used, called with this undefined", async () => {
    let calls = 0;
    const fetchFn = function (url, init) {
      "use strict";
      calls++;
      assert.equal(this, undefined);
      assert.equal(init.credentials, undefined);
      assert.equal(init.mode, undefined);
      return sandbox.fetch(url, init);
    };
    const c = new InstagramClient({ accessToken: TOKEN, baseUrl: "https://graph.facebook.com", fetch: fetchFn });
    const page = await c.listUserMedia(ids.igUserId, { limit: 3 });
    assert.equal(page.data.length, 3);
    assert.equal(calls, 1);
  });
});

describe("errors", () => {
  test("Graph errors become the documented classes, with every field", async () => {
    const c = client();
    const cases = [
      [{ code: 190, error_subcode: 463, message: "Error validating access token: Session has expired" }, AuthError],
      [{ code: 102, message: "Session key invalid" }, AuthError],
      [{ code: 10, message: "(#10) Application does not have permission for this action" }, PermissionError],
      [{ code: 200, message: "(#200) Permissions error" }, PermissionError],
      [{ code: 4, message: "(#4) Application request limit reached", is_transient: true }, RateLimitError],
      [{ code: 4, error_subcode: 2207051, message: "We restrict certain activity" }, GraphApiError],
      [{ code: 36004, error_subcode: 2207010, message: "Caption too long", error_user_title: "Caption too long", error_user_msg: "Captions can be at most 2,200 characters." }, GraphApiError],
    ];
    for (const [error, Class] of cases) {
      sandbox.fault({ path: "/me", status: 400, body: { error: { type: "OAuthException", fbtrace_id: "AbCdEf", ...error } } });
      const e = await c.get("me", {}, { maxRetries: 0 }).catch((x) => x);
      assert.equal(e.constructor, Class, JSON.stringify(error));
      assert.ok(e instanceof GraphApiError && e instanceof InstagramError && e instanceof Error);
      assert.equal(e.name, Class.name);
      assert.equal(e.status, 400);
      assert.equal(e.code, error.code);
      assert.equal(e.subcode, error.error_subcode ?? null);
      assert.equal(e.type, "OAuthException");
      assert.equal(e.fbtraceId, "AbCdEf");
      assert.equal(e.userTitle, error.error_user_title ?? null);
      assert.equal(e.userMessage, error.error_user_msg ?? null);
      assert.equal(e.body.error.code, error.code);
      assert.ok(e.message.startsWith(error.message));
      assertNoSecret(e, TOKEN);
    }
  });

  test("a PermissionError of a typed method names the method and every permission it needs; a generic call's names none", async () => {
    const c = client({ maxRetries: 0 });
    const refuse = (path) => sandbox.fault({ path, status: 403, body: { error: { message: "(#10) Application does not have permission for this action", type: "OAuthException", code: 10 } } });
    refuse(`/${ids.imageMediaId}/insights`);
    let e = await c.getMediaInsights(ids.imageMediaId, { metric: ["reach"] }).catch((x) => x);
    assert.ok(e instanceof PermissionError, String(e));
    assert.equal(e.operation, "getMediaInsights");
    assert.deepEqual(e.requiredPermissions, oauth.requiredPermissions("getMediaInsights"));
    assert.deepEqual(e.requiredPermissions, ["instagram_basic", "instagram_manage_insights", "pages_read_engagement"]);
    assert.ok(e.message.startsWith("(#10) Application does not have permission for this action (code 10"), e.message);
    assert.ok(e.message.endsWith(". getMediaInsights needs instagram_basic, instagram_manage_insights, pages_read_engagement: client.diagnose() shows which of them the token lacks, and why"), e.message);
    // an iter… twin names its list
    refuse(`/${ids.igUserId}/media`);
    e = await (async () => { for await (const _ of c.iterUserMedia(ids.igUserId)) { /* none */ } })().catch((x) => x);
    assert.equal(e.operation, "listUserMedia");
    assert.deepEqual(e.requiredPermissions, oauth.requiredPermissions("listUserMedia"));
    // a generic call
    refuse("/me");
    e = await c.get("me").catch((x) => x);
    assert.ok(e instanceof PermissionError);
    assert.equal(e.operation, null);
    assert.equal(e.requiredPermissions, null);
    assert.ok(!e.message.includes("needs"), e.message);
    assertNoSecret(e, TOKEN);
  });

  test("an invalid token of the other login flavour: the AuthError says which login to use, and never quotes the token", async () => {
    const igToken = "IGQVJunknown-instagram-token";
    let e = await client({ accessToken: igToken, maxRetries: 0 }).getUser(ids.igUserId).catch((x) => x);
    assert.ok(e instanceof AuthError, String(e));
    assert.equal(e.code, 190);
    assert.ok(e.message.endsWith('. The token looks like an Instagram User token (it starts with IG): create the client with login: "instagram"'), e.message);
    assertNoSecret(e, igToken);
    const fbToken = "EAAunknown-facebook-token";
    e = await client({ accessToken: fbToken, login: "instagram", maxRetries: 0 }).get("me").catch((x) => x);
    assert.ok(e instanceof AuthError && e.message.includes('login: "facebook" (the default)'), e.message);
    assertNoSecret(e, fbToken);
    e = await client({ accessToken: "EAAunknown", maxRetries: 0 }).get("me").catch((x) => x);
    assert.ok(e instanceof AuthError && !e.message.includes("looks like"), e.message);
  });

  test("a rate limit carries retryAfterMs from the usage header", async () => {
    sandbox.fault({
      path: "/me", status: 400,
      body: { error: { message: "(#80002) There have been too many calls to this Instagram account.", code: 80002, type: "OAuthException", is_transient: true } },
      headers: { "x-business-use-case-usage": JSON.stringify({ [ids.igUserId]: [{ type: "instagram", call_count: 100, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 5 }] }) },
    });
    const e = await client().get("me").catch((x) => x);
    assert.ok(e instanceof RateLimitError);
    assert.equal(e.retryAfterMs, 5 * 60_000);
    assert.equal(e.isTransient, true);
    assert.equal(sandbox.requests.length, 1, "a wait longer than maxRetryWaitMs is not waited for");
  });

  test("non-JSON, empty and truncated bodies become clear errors", async () => {
    const c = client({ maxRetries: 0 });
    sandbox.fault({ path: "/me", status: 502, rawBody: "<html><body>502 Bad Gateway</body></html>" });
    let e = await c.get("me").catch((x) => x);
    assert.equal(e.constructor, GraphApiError);
    assert.equal(e.status, 502);
    assert.equal(e.code, null);
    assert.match(e.message, /HTTP 502 without a Graph error body: <html><body>502 Bad Gateway/);
    sandbox.fault({ path: "/me", status: 200, rawBody: '{"id":"1","name":"trunc' });
    e = await c.get("me").catch((x) => x);
    assert.ok(e instanceof DecodeError);
    assert.equal(e.path, "");
    assert.match(e.message, /truncated JSON/);
    sandbox.fault({ path: `/${ids.igUserId}/media`, status: 200, body: { data: { not: "a list" } } });
    e = await c.listUserMedia(ids.igUserId).catch((x) => x);
    assert.ok(e instanceof DecodeError);
    assert.equal(e.path, "data");
  });

  test("no error reveals the token, even when Meta echoes it", async () => {
    const secret = "EAAGm0PX4ZCpsBAKZCXYZsecrettoken1234567890";
    const s = createSandbox({ accessTokens: [secret] });
    s.fault({ path: "/me", status: 400, body: { error: { message: `Malformed access token ${secret}`, code: 190, type: "OAuthException" } } });
    const c = new InstagramClient({ accessToken: secret, baseUrl: "https://graph.facebook.com", fetch: s.fetch });
    const e = await c.get("me").catch((x) => x);
    assert.ok(e instanceof AuthError);
    assertNoSecret(e, secret);
    assert.match(e.message, /\[REDACTED\]/);
  });
});

describe("rate-limit state", () => {
  test("null before the first response, then the latest usage headers", async () => {
    const c = client();
    assert.equal(c.rateLimit, null);
    await c.get("me");
    const first = c.rateLimit;
    assert.equal(typeof first.app.call_count, "number");
    assert.equal(typeof first.updatedAt, "number");
    await c.getUser(ids.igUserId);
    await c.getUser(ids.igUserId);
    const buc = c.rateLimit.businessUseCase[ids.igUserId][0];
    assert.equal(buc.type, "instagram");
    assert.ok(c.rateLimit.app.call_count > first.app.call_count, "usage rises as calls are made");
    assert.equal(typeof buc.estimated_time_to_regain_access, "number");
  });

  test("a malformed header is ignored, never fatal", async () => {
    const c = client();
    sandbox.fault({ path: "/me", headers: { "x-app-usage": "{not json", "x-business-use-case-usage": "[]" } });
    const me = await c.get("me");
    assert.ok(me.id);
    assert.equal(c.rateLimit.app, undefined);
    assert.equal(c.rateLimit.businessUseCase, undefined);
  });
});

describe("pagination", () => {
  test("iterUserMedia walks every page from the cursor, never replaying the next URL", async () => {
    const c = client();
    const seen = [];
    for await (const m of c.iterUserMedia(ids.igUserId, { fields: "id,caption", limit: 50 })) seen.push(m.id);
    assert.equal(seen.length, sandbox.state.igUsers.get(ids.igUserId).mediaIds.length);
    assert.equal(new Set(seen).size, seen.length);
    const reqs = sandbox.requests;
    assert.ok(reqs.length >= 2);
    for (const [i, r] of reqs.entries()) {
      assert.deepEqual(Object.keys(r.query).sort(), (i === 0 ? ["access_token", "fields", "limit"] : ["access_token", "after", "fields", "limit"]));
      assert.equal(r.query.fields, "id,caption");
    }
  });

  test("returned paging URLs carry no token (Meta embeds it in them)", async () => {
    const s2 = createSandbox({ appSecret: "app-secret-x" });
    const srv = await s2.listen();
    try {
      const page = await new InstagramClient({ accessToken: TOKEN, appSecret: "app-secret-x", baseUrl: srv.url }).listUserMedia(s2.ids.igUserId, { limit: 5 });
      const next = new URL(page.paging.next);
      assert.equal(next.searchParams.get("access_token"), null);
      assert.equal(next.searchParams.get("appsecret_proof"), null);
      assert.equal(next.searchParams.get("after"), page.paging.cursors.after);
      const [item] = await new InstagramClient({ accessToken: TOKEN, appSecret: "app-secret-x", baseUrl: srv.url }).batch([{ method: "GET", relativeUrl: `${s2.ids.igUserId}/media?limit=2` }]);
      assert.ok(!item.body.paging.next.includes(TOKEN));
      const accounts = await new InstagramClient({ accessToken: TOKEN, appSecret: "app-secret-x", baseUrl: srv.url }).listConnectedAccounts({ limit: 1 });
      if (accounts.paging?.next) assert.ok(!accounts.paging.next.includes(TOKEN));
    } finally {
      await srv.close();
    }
  });

  test("empty pages that still have next are followed", async () => {
    sandbox.fault({ path: `/${ids.igUserId}/media`, emptyPage: true, times: 2 });
    const all = [];
    for await (const m of client().iterUserMedia(ids.igUserId, { limit: 100 })) all.push(m);
    const total = sandbox.state.igUsers.get(ids.igUserId).mediaIds.length;
    assert.equal(all.length, total - 200 > 0 ? total - 200 : 0);
    assert.ok(sandbox.requests.length >= 3);
  });

  test("a repeated cursor stops the iteration", async () => {
    const c = client();
    const first = await c.listUserMedia(ids.igUserId, { limit: 5 });
    sandbox.fault({ path: `/${ids.igUserId}/media`, repeatCursor: true, times: Infinity });
    let n = 0;
    for await (const _ of c.paginate(`${ids.igUserId}/media`, { limit: 5, after: first.paging.cursors.after })) n++;
    assert.equal(n, 10, "two pages: the second repeats the cursor of the first");
  });

  test("break stops fetching; paginate and iterConnectedAccounts work", async () => {
    const c = client();
    let n = 0;
    for await (const _ of c.paginate(`${ids.igUserId}/media`, { limit: 10 })) if (++n === 3) break;
    assert.equal(sandbox.requests.length, 1);
    const accounts = [];
    for await (const a of c.iterConnectedAccounts()) accounts.push(a);
    assert.deepEqual(accounts, [{ pageId: ids.pageId, pageName: accounts[0].pageName, igUserId: ids.igUserId, igUsername: accounts[0].igUsername }]);
    const page = await c.listConnectedAccounts();
    assert.deepEqual(page.data, accounts);
  });
});

describe("batch", () => {
  test("results come back in order, with per-item errors, split over 50", async () => {
    const c = client();
    const media = await c.listUserMedia(ids.igUserId, { limit: 100 });
    const requests = media.data.slice(0, 60).map((m) => ({ method: "GET", relativeUrl: `${m.id}?fields=id,like_count` }));
    requests.push({ method: "GET", relativeUrl: "999999999999999999?fields=id" });
    const batchCalls = () => sandbox.requests.filter((r) => r.method === "POST" && r.path === "/v27.0/").length;
    const results = await c.batch(requests);
    assert.equal(batchCalls(), 2, "61 requests → two batch calls");
    assert.equal(results.length, 61);
    for (let i = 0; i < 60; i++) {
      assert.equal(results[i].status, 200);
      assert.equal(results[i].body.id, media.data[i].id);
      assert.equal(typeof results[i].headers, "object");
    }
    assert.ok(results[60] instanceof GraphApiError);
    assert.equal(results[60].code, 100);
  });

  test("a null GET item is retried once; a null POST item is a TimeoutError", async () => {
    const c = client();
    sandbox.fault({ path: "/me", batchNull: true, times: 1 });
    const [ok] = await c.batch([{ method: "GET", relativeUrl: "me" }]);
    assert.ok(ok.body.id);
    sandbox.fault({ method: "POST", path: `/${ids.commentId}`, batchNull: true, times: 1 });
    const [item] = await c.batch([{ method: "POST", relativeUrl: ids.commentId, body: { hide: true } }]);
    assert.ok(item instanceof TimeoutError);
  });
});

describe("retries, timeouts, aborts, connection errors", () => {
  test("a GET is retried on 5xx and transient errors, then succeeds", async () => {
    sandbox.fault({ path: "/me", status: 500, body: { error: { message: "An unknown error occurred", code: 1, type: "OAuthException", is_transient: true } }, times: 2 });
    const me = await client().get("me");
    assert.ok(me.id);
    assert.equal(sandbox.requests.length, 3);
  });

  test("retries stop at maxRetries and never touch POST", async () => {
    sandbox.fault({ path: "/me", status: 503, rawBody: "busy", times: Infinity });
    const e = await client().get("me", {}, { maxRetries: 1 }).catch((x) => x);
    assert.equal(e.status, 503);
    assert.equal(sandbox.requests.length, 2);
    sandbox.reset();
    sandbox.fault({ method: "POST", path: "/me", status: 500, rawBody: "oops", times: Infinity });
    await assert.rejects(client().post("me", { a: 1 }), GraphApiError);
    assert.equal(sandbox.requests.length, 1);
  });

  test("a hanging response times out, is retried, then throws TimeoutError", async () => {
    sandbox.fault({ path: "/me", hang: true, times: Infinity });
    const e = await client({ timeoutMs: 100, maxRetries: 1 }).get("me").catch((x) => x);
    assert.ok(e instanceof TimeoutError && e instanceof ConnectionError);
    assert.equal(sandbox.requests.length, 2);
  });

  test("an abort stops the request and the retry wait at once", async () => {
    sandbox.fault({ path: "/me", hang: true });
    const ac = new AbortController();
    const p = client().get("me", {}, { signal: ac.signal });
    setTimeout(() => ac.abort(new Error("user left")), 50);
    const e = await p.catch((x) => x);
    assert.ok(e instanceof AbortError);
    assert.equal(e.cause.message, "user left");

    sandbox.fault({ path: "/me", status: 503, rawBody: "busy", times: Infinity });
    const ac2 = new AbortController();
    const started = Date.now();
    const p2 = client({ maxRetries: 5 }).get("me", {}, { signal: ac2.signal });
    setTimeout(() => ac2.abort(), 150);
    assert.ok((await p2.catch((x) => x)) instanceof AbortError);
    assert.ok(Date.now() - started < 1500, "the backoff wait was cut short");

    const n = sandbox.requests.length;
    const ac3 = new AbortController();
    ac3.abort();
    await assert.rejects(client().get("me", {}, { signal: ac3.signal }), AbortError);
    assert.equal(sandbox.requests.length, n, "a pre-aborted signal sends nothing");
  });

  test("connection refused and reset are ConnectionErrors, retried for GET", async () => {
    const port = await freePort();
    const c = new InstagramClient({ accessToken: TOKEN, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 });
    const e = await c.get("me").catch((x) => x);
    assert.equal(e.constructor, ConnectionError);
    assert.ok(e.cause, "the fetch rejection is the cause");
    assertNoSecret(e, TOKEN);

    sandbox.fault({ path: "/me", drop: true, times: 1 });
    const me = await client().get("me");
    assert.ok(me.id);
    assert.equal(sandbox.requests.length, 2);
  });
});
