// Tests of the sandbox Graph API itself (core behaviour: creation, routing, auth, errors, CORS,
// usage headers, users/pages/media, field expansion, paging, batch, faults, the request log, the
// loopback HTTP server and serve.js). Publishing, comments, insights & co are in
// sandbox-features.test.mjs.
//
// Run: node --test tests/sandbox/

import { describe, it, before, beforeEach, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createSandbox } from "../../pkg-template/sandbox/node.js";
import * as core from "../../pkg-template/sandbox/index.js";
import { BASE, TOKEN, TRACE_RE, TS_RE, graph, collectAll, proof } from "./helpers.mjs";

const SERVE_JS = fileURLToPath(new URL("../../pkg-template/sandbox/serve.js", import.meta.url));
const JSON_CT = "application/json; charset=UTF-8";
const UNSUPPORTED = (method, id) =>
  `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`;

describe("createSandbox", () => {
  it("returns the documented surface", () => {
    const sb = core.createSandbox();
    for (const fn of ["fetch", "handle", "fault", "reset", "now"]) assert.equal(typeof sb[fn], "function", fn);
    assert.ok(Array.isArray(sb.requests));
    assert.ok(sb.state.media instanceof Map);
    assert.equal(sb.ids.pageId, "134895793791914");
    assert.equal(sb.ids.igUserId, "17841405822304914");
    assert.equal(sb.ids.igUsername, "sandbox.coffee");
    assert.equal(sb.ids.accessToken, "sandbox-token");
    assert.match(sb.ids.firstMediaId, /^\d{18}$/);
    assert.equal(sb.state.igUsers.get(sb.ids.igUserId).mediaIds.length, 240);
    assert.equal("listen" in sb, false, "the core entry has no listen()");
  });

  it("the node entry re-exports the core and adds listen()", () => {
    const sb = createSandbox();
    assert.equal(typeof sb.listen, "function");
    assert.equal(typeof core.createSandbox, "function");
  });

  it("rejects bad options with a TypeError naming the option", () => {
    assert.throws(() => core.createSandbox({ accessTokens: [] }), { name: "TypeError", message: /accessTokens/ });
    assert.throws(() => core.createSandbox({ mediaCount: -1 }), { name: "TypeError", message: /mediaCount/ });
    assert.throws(() => core.createSandbox({ latencyMs: "5" }), { name: "TypeError", message: /latencyMs/ });
    assert.throws(() => core.createSandbox({ appSecret: "" }), { name: "TypeError", message: /appSecret/ });
  });

  it("generates the same data for the same seed and different data for another", () => {
    const a = core.createSandbox({ seed: 7 });
    const b = core.createSandbox({ seed: 7 });
    const c = core.createSandbox({ seed: 8 });
    const feed = (sb) => sb.state.igUsers.get(sb.ids.igUserId).mediaIds.map((id) => sb.state.media.get(id));
    assert.deepEqual(feed(a).map((m) => [m.id, m.caption, m.timestamp, m.like_count]), feed(b).map((m) => [m.id, m.caption, m.timestamp, m.like_count]));
    assert.deepEqual(a.ids, b.ids);
    assert.notDeepEqual(feed(a).map((m) => m.id), feed(c).map((m) => m.id));
    assert.equal(a.ids.pageId, c.ids.pageId);
  });

  it("reset() restores the data in place and clears requests", async () => {
    const sb = core.createSandbox();
    const state = sb.state;
    const api = graph(sb.fetch);
    await api.post(`/${sb.ids.firstMediaId}/comments`, { message: "hello" });
    assert.equal(sb.requests.length, 1);
    const before = state.comments.size;
    sb.reset();
    assert.equal(sb.state, state, "same object");
    assert.equal(sb.requests.length, 0);
    assert.equal(state.comments.size, before - 1);
  });
});

describe("routing and auth", () => {
  const sb = core.createSandbox();
  const api = graph(sb.fetch);
  beforeEach(() => sb.reset());

  it("serves versioned, unversioned and any-host paths", async () => {
    for (const base of [BASE, "https://graph.facebook.com", "http://127.0.0.1:9", "https://proxy.example/v99.9"]) {
      const r = await graph(sb.fetch, { base }).get("/me");
      assert.equal(r.status, 200, base);
      assert.deepEqual(r.body, { name: "Alex Rivera", id: sb.ids.userId });
    }
  });

  it("takes the token from the query, the form body, and Authorization Bearer/OAuth headers", async () => {
    assert.equal((await api.get("/me")).status, 200);
    const noTok = graph(sb.fetch, { token: null });
    for (const scheme of ["Bearer", "OAuth"]) {
      const r = await noTok.get("/me", {}, { headers: { authorization: `${scheme} ${TOKEN}` } });
      assert.equal(r.status, 200, scheme);
    }
    const r = await api.post(`/${sb.ids.commentId}`, { hide: "true" });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { success: true });
    assert.equal(sb.requests.at(-1).form.access_token, TOKEN);
    assert.deepEqual(sb.requests.at(-1).query, {});
  });

  it("accepts several configured tokens", async () => {
    const sb2 = core.createSandbox({ accessTokens: ["a-token", "b-token"] });
    assert.equal((await graph(sb2.fetch, { token: "b-token" }).get("/me")).status, 200);
    assert.equal((await graph(sb2.fetch, { token: TOKEN }).get("/me")).body.error.code, 190);
  });

  it("answers 2500 without a token, with Meta's exact shape", async () => {
    const r = await graph(sb.fetch, { token: null }).get("/me");
    assert.equal(r.status, 400);
    assert.deepEqual(Object.keys(r.body.error), ["message", "type", "code", "fbtrace_id"]);
    assert.equal(r.body.error.message, "An active access token must be used to query information about the current user.");
    assert.equal(r.body.error.type, "OAuthException");
    assert.equal(r.body.error.code, 2500);
    assert.match(r.body.error.fbtrace_id, TRACE_RE);
    assert.equal(r.headers.get("x-fb-trace-id"), r.body.error.fbtrace_id);
    assert.equal(r.headers.get("content-type"), JSON_CT);
  });

  it("answers 190 without a subcode for a wrong token", async () => {
    const r = await graph(sb.fetch, { token: "EAAB-wrong" }).get(`/${sb.ids.igUserId}`);
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 190);
    assert.equal(r.body.error.type, "OAuthException");
    assert.equal(r.body.error.message, "Invalid OAuth access token - Cannot parse access token");
    assert.equal("error_subcode" in r.body.error, false);
    assert.equal(r.headers.get("x-app-usage"), null, "unauthenticated calls are not counted");
  });

  it("fbtrace_id differs between errors", async () => {
    const a = await api.get("/nope1");
    const b = await api.get("/nope1");
    assert.notEqual(a.body.error.fbtrace_id, b.body.error.fbtrace_id);
  });

  it("answers 100/33 for unknown nodes and edges", async () => {
    let r = await api.get("/123456789");
    assert.equal(r.status, 400);
    assert.deepEqual(r.body.error, {
      message: UNSUPPORTED("get", "123456789"),
      type: "GraphMethodException",
      code: 100,
      error_subcode: 33,
      fbtrace_id: r.body.error.fbtrace_id,
    });
    r = await api.get(`/${sb.ids.igUserId}/bogus_edge`);
    assert.equal(r.body.error.code, 100);
    assert.equal(r.body.error.error_subcode, 33);
    r = await api.post("/123456789", { a: 1 });
    assert.equal(r.body.error.message, UNSUPPORTED("post", "123456789"));
    r = await api.del(`/${sb.ids.firstMediaId}`);
    assert.equal(r.body.error.error_subcode, 33);
    assert.match(r.body.error.message, /^Unsupported delete request/);
  });

  it("refuses fields a node type does not have", async () => {
    const r = await api.get("/me", { fields: "instagram_business_account" });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 100);
    assert.equal(r.body.error.message, "(#100) Tried accessing nonexisting field (instagram_business_account) on node type (User)");
    const r2 = await api.get(`/${sb.ids.igUserId}/media`, { fields: "id,bogus" });
    assert.match(r2.body.error.message, /nonexisting field \(bogus\) on node type \(IGMedia\)/);
  });

  it("reports a syntax error in fields", async () => {
    const r = await api.get(`/${sb.ids.igUserId}`, { fields: "media{id" });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 100);
    assert.match(r.body.error.message, /Syntax error/);
  });

  it("accepts POST parameters from JSON bodies and from the query", async () => {
    let r = await api.post(`/${sb.ids.commentId}`, { hide: true }, { json: true });
    assert.equal(r.status, 200);
    assert.equal(sb.state.comments.get(sb.ids.commentId).hidden, true);
    const url = `${BASE}/${sb.ids.commentId}?hide=false&access_token=${TOKEN}`;
    const res = await sb.fetch(url, { method: "POST" });
    assert.equal(res.status, 200);
    assert.equal(sb.state.comments.get(sb.ids.commentId).hidden, false);
    r = await api.post(`/${sb.ids.commentId}`, {}, { json: false, headers: {} });
    assert.equal(r.body.error.message, "(#100) The parameter hide is required");
  });

  it("rejects a malformed JSON body with a Graph error", async () => {
    const res = await sb.fetch(`${BASE}/${sb.ids.commentId}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
      body: "{nope",
    });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).error.code, 100);
  });

  it("answers every response with JSON content-type", async () => {
    for (const r of [await api.get("/me"), await api.get("/nope"), await graph(sb.fetch, { token: null }).get("/me")]) {
      assert.equal(r.headers.get("content-type"), JSON_CT);
    }
  });
});

describe("appsecret_proof", () => {
  const SECRET = "s3cr3t-app-secret";
  const sb = core.createSandbox({ appSecret: SECRET });
  const api = graph(sb.fetch);

  it("is required on every call when appSecret is set", async () => {
    for (const params of [{}, { appsecret_proof: "00".repeat(32) }]) {
      const r = await api.get("/me", params);
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, 100);
      assert.equal(r.body.error.message, "Invalid appsecret_proof provided in the API argument");
    }
  });

  it("accepts the correct hex HMAC-SHA256 of the token, in the query or the body", async () => {
    const p = proof(SECRET, TOKEN);
    assert.equal((await api.get("/me", { appsecret_proof: p })).status, 200);
    assert.equal((await api.get("/me", { appsecret_proof: p.toUpperCase() })).status, 200);
    const r = await api.post(`/${sb.ids.commentId}`, { hide: "true", appsecret_proof: p });
    assert.equal(r.status, 200);
    const page = graph(sb.fetch, { token: sb.ids.pageAccessToken });
    assert.equal((await page.get("/me", { appsecret_proof: p })).status, 400, "the proof is per token");
    assert.equal((await page.get("/me", { appsecret_proof: proof(SECRET, sb.ids.pageAccessToken) })).status, 200);
  });

  it("is checked with the platform's HMAC for short, block-sized, long and non-ASCII secrets and tokens", async () => {
    for (const [secret, token] of [["k", "t"], ["x".repeat(64), "tok-ü-☕"], ["long-secret-".repeat(9), "y".repeat(200)], ["", ""].map(() => "s")]) {
      const sb2 = core.createSandbox({ appSecret: secret, accessTokens: [token] });
      const a = graph(sb2.fetch, { token });
      assert.equal((await a.get("/me", { appsecret_proof: proof(secret, token) })).status, 200, `${secret.length}/${token.length}`);
      assert.equal((await a.get("/me", { appsecret_proof: proof(secret + "!", token) })).status, 400);
    }
  });

  it("refuses appSecret where crypto.subtle is missing (insecure browser contexts); works without it", async (t) => {
    const real = globalThis.crypto;
    Object.defineProperty(globalThis, "crypto", { value: { getRandomValues: (a) => real.getRandomValues(a) }, configurable: true, writable: true });
    t.after(() => Object.defineProperty(globalThis, "crypto", { value: real, configurable: true, writable: true }));
    assert.equal(globalThis.crypto.subtle, undefined);
    assert.throws(() => core.createSandbox({ appSecret: "k" }), { name: "TypeError", message: /appSecret needs crypto\.subtle/ });
    const plain = graph(core.createSandbox({ mediaCount: 1 }).fetch);
    assert.equal((await plain.get("/me")).status, 200);
  });

  it("does not require it from an app token", async () => {
    const app = graph(sb.fetch, { token: `${sb.ids.appId}|${SECRET}` });
    const r = await app.get("/debug_token", { input_token: TOKEN });
    assert.equal(r.status, 200);
    assert.equal(r.body.data.is_valid, true);
    assert.equal((await graph(sb.fetch, { token: `${sb.ids.appId}|wrong` }).get("/debug_token", { input_token: TOKEN })).body.error.code, 190);
  });
});

describe("CORS", () => {
  const sb = core.createSandbox();

  it("adds allow-origin and expose-headers to every response", async () => {
    for (const path of ["/me", "/nope"]) {
      const r = await graph(sb.fetch).get(path);
      assert.equal(r.headers.get("access-control-allow-origin"), "*");
      assert.equal(r.headers.get("access-control-expose-headers"), "x-app-usage, x-business-use-case-usage, x-fb-trace-id, content-type");
    }
  });

  it("answers preflights with 204 and the allowed methods and headers, without logging them", async () => {
    sb.reset();
    const res = await sb.fetch(`${BASE}/${sb.ids.igUserId}/media`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
    });
    assert.equal(res.status, 204);
    assert.equal(await res.text(), "");
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.equal(res.headers.get("access-control-allow-methods"), "GET, POST, DELETE, OPTIONS");
    assert.equal(res.headers.get("access-control-allow-headers"), "authorization, content-type, offset, file_size, file_url");
    assert.equal(res.headers.get("access-control-max-age"), "600");
    assert.equal(sb.requests.length, 0);
  });
});

describe("usage headers", () => {
  it("x-app-usage and x-business-use-case-usage rise with each call", async () => {
    const sb = core.createSandbox();
    const api = graph(sb.fetch);
    const seen = [];
    for (let i = 1; i <= 3; i++) {
      const r = await api.get(`/${sb.ids.igUserId}`);
      const app = JSON.parse(r.headers.get("x-app-usage"));
      assert.deepEqual(Object.keys(app), ["call_count", "total_cputime", "total_time"]);
      assert.equal(app.call_count, i);
      const buc = JSON.parse(r.headers.get("x-business-use-case-usage"));
      assert.deepEqual(Object.keys(buc), [sb.ids.igUserId]);
      const [entry] = buc[sb.ids.igUserId];
      assert.deepEqual(Object.keys(entry), ["type", "call_count", "total_cputime", "total_time", "estimated_time_to_regain_access"]);
      assert.equal(entry.type, "instagram");
      assert.equal(entry.call_count, i);
      assert.equal(entry.estimated_time_to_regain_access, 0);
      for (const v of [...Object.values(app), entry.call_count, entry.total_cputime, entry.total_time]) assert.ok(Number.isInteger(v));
      seen.push(app.call_count);
    }
    const me = await api.get("/me");
    assert.equal(JSON.parse(me.headers.get("x-app-usage")).call_count, 4);
    assert.equal(me.headers.get("x-business-use-case-usage"), null, "non-IG calls carry no BUC header");
  });

  it("answers 80002 once the IG account's call_count reaches 100, and reset() clears it", async () => {
    const sb = core.createSandbox({ usagePerCall: 50 });
    const api = graph(sb.fetch);
    assert.equal((await api.get(`/${sb.ids.igUserId}`)).status, 200);
    const second = await api.get(`/${sb.ids.firstMediaId}`);
    assert.equal(second.status, 200);
    assert.equal(JSON.parse(second.headers.get("x-business-use-case-usage"))[sb.ids.igUserId][0].call_count, 100);
    const r = await api.get(`/${sb.ids.igUserId}/media`);
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 80002);
    assert.equal(r.body.error.type, "OAuthException");
    assert.equal(r.body.error.is_transient, true);
    assert.equal(r.body.error.message, "There have been too many calls to this Instagram account. Wait a bit and try again.");
    const buc = JSON.parse(r.headers.get("x-business-use-case-usage"))[sb.ids.igUserId][0];
    assert.ok(buc.call_count >= 100);
    assert.ok(buc.estimated_time_to_regain_access > 0);
    assert.equal((await api.get("/me")).status, 200, "non-IG endpoints keep working");
    sb.reset();
    const again = await api.get(`/${sb.ids.igUserId}`);
    assert.equal(again.status, 200);
    assert.equal(JSON.parse(again.headers.get("x-app-usage")).call_count, 50);
  });

  it("usagePerCall: 0 disables the limit", async () => {
    const sb = core.createSandbox({ usagePerCall: 0, mediaCount: 3 });
    const api = graph(sb.fetch);
    for (let i = 0; i < 120; i++) assert.equal((await api.get(`/${sb.ids.igUserId}`)).status, 200);
  });
});

describe("user and pages", () => {
  const sb = core.createSandbox();
  const api = graph(sb.fetch);

  it("/me has id and name", async () => {
    assert.deepEqual((await api.get("/me", { fields: "id,name" })).body, { id: sb.ids.userId, name: "Alex Rivera" });
  });

  it("/me/accounts lists the Pages with Page tokens and tasks", async () => {
    const r = await api.get("/me/accounts");
    assert.equal(r.status, 200);
    assert.equal(r.body.data.length, 2);
    const [p1, p2] = r.body.data;
    assert.deepEqual(Object.keys(p1), ["access_token", "category", "category_list", "name", "id", "tasks"]);
    assert.equal(p1.name, "Sandbox Coffee Roasters");
    assert.equal(p1.access_token, sb.ids.pageAccessToken);
    assert.match(p1.access_token, /^sandbox-page-token-/);
    assert.ok(p1.tasks.includes("CREATE_CONTENT"));
    assert.equal(p2.id, sb.ids.otherPageId);
    assert.equal(typeof r.body.paging.cursors.before, "string");
    assert.equal(r.body.paging.next, undefined);
  });

  it("expands instagram_business_account{id,username} only where connected", async () => {
    const r = await api.get("/me/accounts", { fields: "id,name,access_token,tasks,instagram_business_account{id,username}" });
    const [p1, p2] = r.body.data;
    assert.deepEqual(p1.instagram_business_account, { id: sb.ids.igUserId, username: "sandbox.coffee" });
    assert.equal("instagram_business_account" in p2, false);
    const page = await api.get(`/${sb.ids.pageId}`, { fields: "instagram_business_account" });
    assert.deepEqual(page.body, { instagram_business_account: { id: sb.ids.igUserId }, id: sb.ids.pageId });
  });

  it("/me with a Page token is the Page", async () => {
    const r = await graph(sb.fetch, { token: sb.ids.pageAccessToken }).get("/me");
    assert.deepEqual(r.body, { name: "Sandbox Coffee Roasters", id: sb.ids.pageId });
  });

  it("the IG user node returns only the requested fields plus id", async () => {
    let r = await api.get(`/${sb.ids.igUserId}`);
    assert.deepEqual(r.body, { id: sb.ids.igUserId });
    r = await api.get(`/${sb.ids.igUserId}`, {
      fields: "ig_id,username,name,biography,website,followers_count,follows_count,media_count,profile_picture_url",
    });
    assert.deepEqual(Object.keys(r.body), [
      "ig_id", "username", "name", "biography", "website", "followers_count", "follows_count", "media_count", "profile_picture_url", "id",
    ]);
    assert.equal(r.body.username, "sandbox.coffee");
    assert.equal(r.body.media_count, 240);
    assert.ok(r.body.followers_count > 10000);
    assert.match(r.body.profile_picture_url, /^data:image\/svg\+xml,/);
  });
});

describe("media and paging", () => {
  const sb = core.createSandbox();
  const api = graph(sb.fetch);
  const mediaPath = () => `/${sb.ids.igUserId}/media`;
  const FIELDS = "id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,shortcode,timestamp,like_count,comments_count,is_comment_enabled,username,owner{id}";

  it("pages through all 240 media, newest first, with cursors and absolute next URLs", async () => {
    const { items, pages } = await collectAll(api, mediaPath(), { fields: FIELDS });
    assert.equal(items.length, 240);
    assert.equal(pages.length, 10);
    assert.equal(new Set(items.map((m) => m.id)).size, 240);
    assert.equal(items[0].id, sb.ids.firstMediaId);
    assert.equal(items.at(-1).id, sb.ids.lastMediaId);
    // Dated relative to the clock: the newest post two hours (on a 5-minute boundary) before now.
    const newest = Date.parse(items[0].timestamp.replace("+0000", "Z"));
    assert.ok(newest <= sb.now() - 2 * 3600000 && newest > sb.now() - 2 * 3600000 - 300000 - 60000, items[0].timestamp);
    assert.equal(newest % 300000, 0);
    for (let i = 0; i < items.length; i++) {
      const m = items[i];
      assert.match(m.id, /^\d{18}$/);
      assert.match(m.timestamp, TS_RE);
      if (i > 0) assert.ok(m.timestamp < items[i - 1].timestamp, "timestamps descend");
      assert.ok(["IMAGE", "VIDEO", "CAROUSEL_ALBUM"].includes(m.media_type));
      assert.equal(m.media_product_type, m.media_type === "VIDEO" ? "REELS" : "FEED");
      assert.match(m.media_url, /^data:image\/svg\+xml,/);
      if (m.media_type === "VIDEO") assert.match(m.thumbnail_url, /^data:image\/svg\+xml,/);
      assert.match(m.permalink, /^https:\/\/www\.instagram\.com\/(p|reel)\/[\w-]+\/$/);
      assert.ok(m.permalink.includes(m.shortcode));
      assert.equal(m.username, "sandbox.coffee");
      assert.deepEqual(m.owner, { id: sb.ids.igUserId });
      assert.ok(Number.isInteger(m.like_count) && Number.isInteger(m.comments_count));
    }
    const types = new Set(items.map((m) => m.media_type));
    assert.equal(types.size, 3);
    assert.ok(items.filter((m) => m.caption).some((m) => /#\w+/.test(m.caption) && /@[\w.]+/.test(m.caption)), "hashtags and mentions");
    assert.ok(new Set(items.map((m) => m.media_url)).size > 200, "distinct images");

    for (const [i, page] of pages.entries()) {
      assert.match(page.paging.cursors.before, /^[A-Za-z0-9+/=_-]+$/);
      assert.match(page.paging.cursors.after, /^[A-Za-z0-9+/=_-]+$/);
      if (i < pages.length - 1) {
        const next = new URL(page.paging.next);
        assert.equal(next.origin, "https://graph.facebook.com");
        assert.equal(next.pathname, `/v27.0/${sb.ids.igUserId}/media`);
        assert.equal(next.searchParams.get("access_token"), TOKEN);
        assert.equal(next.searchParams.get("fields"), FIELDS);
        assert.equal(next.searchParams.get("limit"), "25");
        assert.equal(next.searchParams.get("after"), page.paging.cursors.after);
      } else {
        assert.equal(page.paging.next, undefined, "no next on the last page");
      }
      if (i > 0) assert.ok(page.paging.previous.includes("before="));
      else assert.equal(page.paging.previous, undefined);
    }
  });

  it("the next URL can be followed as is", async () => {
    const first = await api.get(mediaPath(), { limit: 3 });
    const res = await sb.fetch(first.body.paging.next);
    const second = await res.json();
    assert.equal(second.data.length, 3);
    assert.notEqual(second.data[0].id, first.body.data[0].id);
  });

  it("before returns the preceding page", async () => {
    const p1 = await api.get(mediaPath(), { limit: 10 });
    const p2 = await api.get(mediaPath(), { limit: 10, after: p1.body.paging.cursors.after });
    const back = await api.get(mediaPath(), { limit: 10, before: p2.body.paging.cursors.before });
    assert.deepEqual(back.body.data, p1.body.data);
    assert.equal(back.body.paging.previous, undefined);
  });

  it("limit defaults to 25 and is capped at 100", async () => {
    assert.equal((await api.get(mediaPath())).body.data.length, 25);
    assert.equal((await api.get(mediaPath(), { limit: 500 })).body.data.length, 100);
    assert.equal((await api.get(mediaPath(), { limit: 7 })).body.data.length, 7);
  });

  it("keeps the request's version (or none) in paging URLs", async () => {
    const r = await graph(sb.fetch, { base: "https://graph.facebook.com" }).get(mediaPath(), { limit: 2 });
    assert.equal(new URL(r.body.paging.next).pathname, `/${sb.ids.igUserId}/media`);
    const r2 = await graph(sb.fetch, { base: "https://graph.facebook.com/v27.0" }).get(mediaPath(), { limit: 2 });
    assert.equal(new URL(r2.body.paging.next).pathname, `/v27.0/${sb.ids.igUserId}/media`);
  });

  it("includes access_token in next even when the token came in a header", async () => {
    const r = await graph(sb.fetch, { token: null }).get(mediaPath(), { limit: 2 }, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(new URL(r.body.paging.next).searchParams.get("access_token"), TOKEN);
  });

  it("rejects a malformed cursor", async () => {
    const r = await api.get(mediaPath(), { after: "not-a-cursor" });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 100);
  });

  it("filters by since/until", async () => {
    const since = Math.floor(sb.now() / 1000) - 30 * 86400;
    const { items } = await collectAll(api, mediaPath(), { fields: "timestamp", since });
    assert.ok(items.length > 0 && items.length < 240);
    for (const m of items) assert.ok(Date.parse(m.timestamp.replace("+0000", "Z")) / 1000 >= since, m.timestamp);
    const until = since;
    const older = await collectAll(api, mediaPath(), { fields: "timestamp", until });
    assert.equal(older.items.length + items.length, 240, "since and until split the feed");
    for (const m of older.items) assert.ok(Date.parse(m.timestamp.replace("+0000", "Z")) / 1000 <= until, m.timestamp);
  });

  it("honours mediaCount", async () => {
    const small = core.createSandbox({ mediaCount: 7 });
    const { items, pages } = await collectAll(graph(small.fetch), `/${small.ids.igUserId}/media`, { limit: 5 });
    assert.equal(items.length, 7);
    assert.equal(pages.length, 2);
    const empty = core.createSandbox({ mediaCount: 0 });
    assert.deepEqual((await graph(empty.fetch).get(`/${empty.ids.igUserId}/media`)).body, { data: [] });
  });

  it("a media node defaults to id and expands children and comments", async () => {
    assert.deepEqual((await api.get(`/${sb.ids.firstMediaId}`)).body, { id: sb.ids.firstMediaId });
    const car = await api.get(`/${sb.ids.carouselMediaId}`, { fields: "media_type,children{media_url,media_type}" });
    assert.equal(car.body.media_type, "CAROUSEL_ALBUM");
    const kids = car.body.children.data;
    assert.ok(kids.length >= 2 && kids.length <= 5);
    for (const k of kids) {
      assert.deepEqual(Object.keys(k).sort(), ["id", "media_type", "media_url"]);
      assert.ok(["IMAGE", "VIDEO"].includes(k.media_type));
    }
    const child = await api.get(`/${sb.ids.carouselChildId}`, { fields: "id,media_type,media_url,caption,permalink,timestamp" });
    assert.equal(child.status, 200);
    assert.equal("caption" in child.body, false, "children have no caption");
    assert.equal("permalink" in child.body, false);

    const r = await api.get(`/${sb.ids.firstMediaId}`, { fields: "comments_count,comments.limit(5){text,username}" });
    assert.equal(r.body.comments.data.length, 5);
    for (const c of r.body.comments.data) assert.deepEqual(Object.keys(c), ["text", "username", "id"]);
    const next = new URL(r.body.comments.paging.next);
    assert.equal(next.pathname, `/v27.0/${sb.ids.firstMediaId}/comments`);
    assert.equal(next.searchParams.get("fields"), "text,username");
    assert.equal(next.searchParams.get("limit"), "5");
    const more = await (await sb.fetch(next)).json();
    assert.ok(more.data.length > 0);
    assert.notEqual(more.data[0].id, r.body.comments.data[0].id);
  });

  it("comments_count equals the comments and replies that exist", async () => {
    for (const id of [sb.ids.firstMediaId, sb.ids.mediaWithoutCommentsId, sb.ids.carouselMediaId]) {
      const m = await api.get(`/${id}`, { fields: "comments_count" });
      const { items } = await collectAll(api, `/${id}/comments`, { fields: "id,replies{id}" });
      const total = items.reduce((n, c) => n + 1 + (c.replies?.data.length ?? 0), 0);
      assert.equal(m.body.comments_count, total, id);
    }
    assert.equal((await api.get(`/${sb.ids.mediaWithoutCommentsId}`, { fields: "comments_count" })).body.comments_count, 0);
  });

  it("the IG user's media edge can be expanded as a field", async () => {
    const r = await api.get(`/${sb.ids.igUserId}`, { fields: "username,media.limit(3){id,like_count}" });
    assert.equal(r.body.media.data.length, 3);
    assert.equal(r.body.media.data[0].id, sb.ids.firstMediaId);
    assert.ok(r.body.media.paging.next.includes(`/${sb.ids.igUserId}/media?`));
  });
});

describe("batch", () => {
  const sb = core.createSandbox();
  const api = graph(sb.fetch);
  beforeEach(() => sb.reset());

  it("runs items in order through the same handler", async () => {
    const batch = [
      { method: "GET", relative_url: "me" },
      { method: "GET", relative_url: `/v27.0/${sb.ids.igUserId}?fields=username` },
      { method: "GET", relative_url: `${sb.ids.igUserId}/media?limit=2&fields=id` },
      { method: "POST", relative_url: `${sb.ids.commentId}`, body: "hide=true", name: "hide" },
      { method: "GET", relative_url: "does-not-exist" },
    ];
    const r = await api.post("/", { batch: JSON.stringify(batch) });
    assert.equal(r.status, 200);
    assert.equal(r.body.length, 5);
    assert.deepEqual(JSON.parse(r.body[0].body), { name: "Alex Rivera", id: sb.ids.userId });
    assert.deepEqual(JSON.parse(r.body[1].body), { username: "sandbox.coffee", id: sb.ids.igUserId });
    const media = JSON.parse(r.body[2].body);
    assert.equal(media.data.length, 2);
    assert.ok(media.paging.next.startsWith("https://graph.facebook.com/v27.0/"));
    assert.deepEqual(JSON.parse(r.body[3].body), { success: true });
    assert.equal(sb.state.comments.get(sb.ids.commentId).hidden, true);
    assert.equal(r.body[4].code, 400);
    assert.equal(JSON.parse(r.body[4].body).error.error_subcode, 33);
    for (const item of r.body.slice(0, 4)) {
      assert.equal(item.code, 200);
      assert.deepEqual(Object.keys(item), ["code", "headers", "body"]);
      assert.equal(typeof item.body, "string");
      const names = item.headers.map((h) => h.name.toLowerCase());
      assert.ok(names.includes("content-type"));
      for (const h of item.headers) assert.deepEqual(Object.keys(h), ["name", "value"]);
    }
    // Each item counts as a call; the batch response reports the usage after them.
    assert.equal(JSON.parse(r.headers.get("x-app-usage")).call_count, 5);
    const logged = sb.requests.filter((q) => q.batchIndex !== undefined);
    assert.deepEqual(logged.map((q) => q.batchIndex), [0, 1, 2, 3, 4]);
    assert.deepEqual(logged[3].form, { hide: "true" });
    assert.equal(logged[2].query.limit, "2");
  });

  it("omits item headers with include_headers=false", async () => {
    const r = await api.post("/", { batch: JSON.stringify([{ method: "GET", relative_url: "me" }]), include_headers: "false" });
    assert.deepEqual(Object.keys(r.body[0]), ["code", "body"]);
  });

  it("works at the unversioned root too, and refuses more than 50 items", async () => {
    const fifty = Array.from({ length: 50 }, () => ({ method: "GET", relative_url: "me" }));
    const ok = await graph(sb.fetch, { base: "https://graph.facebook.com" }).post("/", { batch: JSON.stringify(fifty) });
    assert.equal(ok.body.length, 50);
    const r = await api.post("/", { batch: JSON.stringify([...fifty, fifty[0]]) });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 100);
    assert.match(r.body.error.message, /50/);
    const bad = await api.post("/", { batch: "{not json" });
    assert.equal(bad.body.error.code, 100);
  });

  it("applies the token and proof rules to each item", async () => {
    const sb2 = core.createSandbox({ appSecret: "shh" });
    const api2 = graph(sb2.fetch);
    const batch = JSON.stringify([
      { method: "GET", relative_url: "me" },
      { method: "GET", relative_url: "me?access_token=wrong-token" },
    ]);
    const r = await api2.post("/", { batch, appsecret_proof: proof("shh", TOKEN) });
    assert.equal(r.body[0].code, 200);
    assert.equal(JSON.parse(r.body[1].body).error.code, 190);
    const noProof = await api2.post("/", { batch });
    assert.equal(noProof.body.error.message, "Invalid appsecret_proof provided in the API argument");
  });
});

describe("faults", () => {
  const sb = core.createSandbox();
  const api = graph(sb.fetch);
  beforeEach(() => sb.reset());

  it("replaces the response with a Graph error, once", async () => {
    const f = sb.fault({ path: "/me", status: 500, body: { error: { message: "boom", type: "OAuthException", code: 2, is_transient: true } } });
    const r = await api.get("/me");
    assert.equal(r.status, 500);
    assert.equal(r.body.error.message, "boom");
    assert.equal(r.headers.get("access-control-allow-origin"), "*");
    assert.equal(f.remaining, 0);
    assert.equal(f.hits, 1);
    assert.equal((await api.get("/me")).status, 200);
  });

  it("serves raw bodies with custom headers (an HTML 502, truncated JSON)", async () => {
    sb.fault({ path: "/me", status: 502, rawBody: "<html><body>Bad Gateway</body></html>", headers: { "Content-Type": "text/html" } });
    sb.fault({ path: "/me", rawBody: '{"name":"Alex' });
    let r = await api.get("/me");
    assert.equal(r.status, 502);
    assert.equal(r.headers.get("content-type"), "text/html");
    assert.match(r.text, /Bad Gateway/);
    r = await api.get("/me");
    assert.equal(r.status, 200);
    assert.equal(r.text, '{"name":"Alex');
    assert.equal(r.body, undefined);
  });

  it("status alone gives a Graph-shaped error body", async () => {
    sb.fault({ path: "/me", status: 503 });
    const r = await api.get("/me");
    assert.equal(r.status, 503);
    assert.equal(r.body.error.is_transient, true);
    assert.match(r.body.error.fbtrace_id, TRACE_RE);
  });

  it("adds headers to a real response", async () => {
    sb.fault({ path: `/${sb.ids.igUserId}`, headers: { "x-app-usage": "not json" } });
    const r = await api.get(`/${sb.ids.igUserId}`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("x-app-usage"), "not json");
    assert.ok(r.headers.get("x-business-use-case-usage"));
  });

  it("matches by method, exact path (version ignored), RegExp and ^-string, and times", async () => {
    sb.fault({ method: "POST", path: "/me", status: 418 });
    assert.equal((await api.get("/me")).status, 200, "method filter");
    sb.clearFaults();
    sb.fault({ path: "/v27.0/me", status: 418, times: 2 });
    assert.equal((await api.get("/me")).status, 418);
    assert.equal((await api.get("/me")).status, 418);
    assert.equal((await api.get("/me")).status, 200);
    sb.fault({ path: /^\/\d+\/media$/, status: 429 });
    assert.equal((await api.get(`/${sb.ids.igUserId}`)).status, 200);
    assert.equal((await api.get(`/${sb.ids.igUserId}/media`)).status, 429);
    sb.fault({ path: "^/\\d+$", status: 409 });
    assert.equal((await api.get(`/${sb.ids.igUserId}`)).status, 409);
  });

  it("Infinity faults apply until cancelled", async () => {
    const f = sb.fault({ path: "/me", status: 500, times: Infinity });
    for (let i = 0; i < 5; i++) assert.equal((await api.get("/me")).status, 500);
    assert.equal(f.remaining, Infinity);
    assert.equal(f.hits, 5);
    f.cancel();
    assert.equal((await api.get("/me")).status, 200);
  });

  it("validates the spec", () => {
    assert.throws(() => sb.fault(null), TypeError);
    assert.throws(() => sb.fault({ times: 0 }), TypeError);
    assert.throws(() => sb.fault({ path: 42 }), TypeError);
  });

  it("delays responses (delayMs and the latencyMs option)", async () => {
    sb.fault({ path: "/me", delayMs: 80 });
    let t = performance.now();
    await api.get("/me");
    assert.ok(performance.now() - t >= 75);
    const slow = core.createSandbox({ latencyMs: 60 });
    t = performance.now();
    await graph(slow.fetch).get("/me");
    assert.ok(performance.now() - t >= 55);
  });

  it("hang never answers until the signal aborts, then rejects with its reason", async () => {
    sb.fault({ path: "/me", hang: true });
    const ac = new AbortController();
    const p = sb.fetch(`${BASE}/me?access_token=${TOKEN}`, { signal: ac.signal });
    let settled = false;
    p.then(() => (settled = true), () => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(settled, false);
    ac.abort();
    await assert.rejects(p, (e) => e === ac.signal.reason && e.name === "AbortError" && e instanceof DOMException);
  });

  it("a delayed response can be aborted, e.g. by AbortSignal.timeout", async () => {
    sb.fault({ path: "/me", delayMs: 5000 });
    const t = performance.now();
    await assert.rejects(sb.fetch(`${BASE}/me?access_token=${TOKEN}`, { signal: AbortSignal.timeout(30) }), { name: "TimeoutError" });
    assert.ok(performance.now() - t < 2000);
  });

  it("an already aborted signal rejects at once", async () => {
    const ac = new AbortController();
    ac.abort(new Error("mine"));
    await assert.rejects(sb.fetch(`${BASE}/me?access_token=${TOKEN}`, { signal: ac.signal }), { message: "mine" });
  });

  it("drop rejects like undici: TypeError fetch failed", async () => {
    sb.fault({ path: "/me", drop: true });
    await assert.rejects(api.get("/me"), (e) => e instanceof TypeError && e.message === "fetch failed" && e.cause?.code === "UND_ERR_SOCKET");
    assert.equal((await api.get("/me")).status, 200);
  });

  it("applies to batch items: batchNull, replaced bodies", async () => {
    sb.fault({ path: "/me", batchNull: true });
    sb.fault({ path: `/${sb.ids.igUserId}`, status: 400, body: { error: { message: "item failed", type: "OAuthException", code: 1 } } });
    const r = await api.post("/", {
      batch: JSON.stringify([
        { method: "GET", relative_url: "me" },
        { method: "GET", relative_url: sb.ids.igUserId },
        { method: "GET", relative_url: "me" },
      ]),
    });
    assert.equal(r.status, 200);
    assert.equal(r.body[0], null);
    assert.equal(r.body[1].code, 400);
    assert.equal(JSON.parse(r.body[1].body).error.message, "item failed");
    assert.equal(r.body[2].code, 200);
    // batchNull never matches a plain request
    sb.fault({ path: "/me", batchNull: true });
    assert.equal((await api.get("/me")).status, 200);
  });

  it("emptyPage: data [] but paging still advances past the page", async () => {
    sb.fault({ path: `/${sb.ids.igUserId}/media`, emptyPage: true });
    const { items, pages } = await collectAll(api, `/${sb.ids.igUserId}/media`, { limit: 50 });
    assert.deepEqual(pages[0].data, []);
    assert.ok(pages[0].paging.next);
    assert.equal(items.length, 190, "the filtered page's items are skipped, the rest follow");
    assert.equal(new Set(items.map((m) => m.id)).size, 190);
  });

  it("repeatCursor: cursors.after equals the request's after", async () => {
    const p1 = await api.get(`/${sb.ids.igUserId}/media`, { limit: 5 });
    const after = p1.body.paging.cursors.after;
    sb.fault({ path: `/${sb.ids.igUserId}/media`, repeatCursor: true, times: Infinity });
    const p2 = await api.get(`/${sb.ids.igUserId}/media`, { limit: 5, after });
    assert.equal(p2.body.paging.cursors.after, after);
    assert.equal(new URL(p2.body.paging.next).searchParams.get("after"), after);
    assert.equal(p2.body.data.length, 5);
  });
});

describe("request log", () => {
  const sb = core.createSandbox();

  it("records method, host, path, query, form and lower-case headers", async () => {
    await sb.fetch(`${BASE}/${sb.ids.commentId}?fields=id`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "X-Custom": "1", "Content-Type": "application/x-www-form-urlencoded" },
      body: "hide=false",
    });
    const [entry] = sb.requests;
    assert.deepEqual(Object.keys(entry), ["method", "host", "path", "query", "form", "headers"]);
    assert.equal(entry.method, "POST");
    assert.equal(entry.host, "graph.facebook.com");
    assert.equal(entry.path, `/v27.0/${sb.ids.commentId}`);
    assert.deepEqual(entry.query, { fields: "id" });
    assert.deepEqual(entry.form, { hide: "false" });
    assert.equal(entry.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(entry.headers["x-custom"], "1");
    await graph(sb.fetch).get("/me");
    assert.equal(sb.requests[1].form, null);
  });

  it("requestLogLimit keeps the newest entries", async () => {
    const sb2 = core.createSandbox({ requestLogLimit: 2 });
    for (const p of ["/me", "/me/accounts", `/${sb2.ids.igUserId}`]) await graph(sb2.fetch).get(p);
    assert.deepEqual(sb2.requests.map((r) => r.path), ["/v27.0/me/accounts", `/v27.0/${sb2.ids.igUserId}`]);
  });
});

describe("loopback HTTP server", () => {
  const sb = createSandbox();
  let server;
  let api;
  before(async () => {
    server = await sb.listen();
    api = graph(fetch, { base: `${server.url}/v27.0` });
  });
  after(() => server.close());
  beforeEach(() => sb.reset());

  it("listens on 127.0.0.1 with a free port", () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(server.url, `http://127.0.0.1:${server.port}`);
    assert.ok(server.port > 0);
  });

  it("serves the same handler and state over real HTTP", async () => {
    const r = await api.get("/me");
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { name: "Alex Rivera", id: sb.ids.userId });
    assert.equal(r.headers.get("content-type"), JSON_CT);
    assert.equal(r.headers.get("access-control-allow-origin"), "*");
    assert.equal(JSON.parse(r.headers.get("x-app-usage")).call_count, 1);
    const w = await api.post(`/${sb.ids.commentId}`, { hide: "false" });
    assert.deepEqual(w.body, { success: true });
    assert.deepEqual(sb.requests.at(-1).form, { hide: "false", access_token: TOKEN });
    assert.equal(sb.requests.at(-1).host, `127.0.0.1:${server.port}`);
  });

  it("builds paging URLs on the loopback origin", async () => {
    const { items, pages } = await collectAll(api, `/${sb.ids.igUserId}/media`, { limit: 100 });
    assert.equal(items.length, 240);
    assert.ok(pages[0].paging.next.startsWith(`${server.url}/v27.0/${sb.ids.igUserId}/media?access_token=`));
  });

  it("answers CORS preflights", async () => {
    const res = await fetch(`${server.url}/v27.0/me`, { method: "OPTIONS", headers: { origin: "http://localhost:1234", "access-control-request-method": "GET", "access-control-request-headers": "authorization" } });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get("access-control-allow-headers"), "authorization, content-type, offset, file_size, file_url");
  });

  it("drop destroys the socket: fetch rejects", async () => {
    sb.fault({ path: "/me", drop: true });
    await assert.rejects(api.get("/me"), (e) => e instanceof TypeError);
    assert.equal((await api.get("/me")).status, 200);
  });

  it("hang never answers until the client gives up, and the server keeps serving", async () => {
    sb.fault({ path: "/me", hang: true });
    const t = performance.now();
    await assert.rejects(api.get("/me", {}, { signal: AbortSignal.timeout(150) }), { name: "TimeoutError" });
    assert.ok(performance.now() - t >= 140);
    assert.equal((await api.get("/me")).status, 200);
  });

  it("close() ends hanging requests", async () => {
    const sb2 = createSandbox();
    const s2 = await sb2.listen({ port: 0 });
    sb2.fault({ path: "/me", hang: true });
    const pending = fetch(`${s2.url}/me?access_token=${TOKEN}`).then(() => "answered", () => "failed");
    await new Promise((r) => setTimeout(r, 50));
    await s2.close();
    assert.equal(await pending, "failed");
  });

  it("has control endpoints for other processes: fault, requests, ids, reset", async () => {
    let res = await fetch(`${server.url}/__sandbox/fault`, {
      method: "POST",
      body: JSON.stringify({ path: "^/\\d+/media$", status: 500, times: null, body: { error: { message: "down", type: "OAuthException", code: 2, is_transient: true } } }),
    });
    assert.equal(res.status, 200);
    assert.equal((await api.get(`/${sb.ids.igUserId}/media`)).status, 500);
    assert.equal((await api.get(`/${sb.ids.igUserId}/media`)).status, 500, "times: null means Infinity");
    const log = await (await fetch(`${server.url}/__sandbox/requests`)).json();
    assert.equal(log.length, 2);
    assert.equal(log[0].path, `/v27.0/${sb.ids.igUserId}/media`);
    const ids = await (await fetch(`${server.url}/__sandbox/ids`)).json();
    assert.deepEqual(ids, { ...sb.ids });
    res = await fetch(`${server.url}/__sandbox/reset`, { method: "POST" });
    assert.deepEqual(await res.json(), { success: true });
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.equal((await api.get(`/${sb.ids.igUserId}/media`)).status, 200);
    await fetch(`${server.url}/__sandbox/fault`, { method: "POST", body: JSON.stringify({ path: "/me", status: 503, times: "Infinity" }) });
    assert.equal((await api.get("/me")).status, 503);
    assert.equal((await api.get("/me")).status, 503);
    res = await fetch(`${server.url}/__sandbox/faults`, { method: "DELETE" });
    assert.equal(res.status, 200);
    assert.equal((await api.get("/me")).status, 200);
    const bad = await fetch(`${server.url}/__sandbox/fault`, { method: "POST", body: "{}x" });
    assert.equal(bad.status, 400);
    assert.equal((await fetch(`${server.url}/__sandbox/nope`)).status, 404);
  });

  it("refuses non-loopback hosts", async () => {
    await assert.rejects(sb.listen({ host: "0.0.0.0" }), TypeError);
  });
});

describe("serve.js", () => {
  /** Start serve.js and resolve with its first stdout line. */
  function start(args) {
    const child = spawn(process.execPath, [SERVE_JS, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    const line = new Promise((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("\n")) resolve(out);
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}`)));
    });
    return { child, line };
  }

  it("prints exactly one line with the URL and serves until SIGTERM", async () => {
    const { child, line } = start(["--port", "0", "--latency-ms", "5"]);
    const out = await line;
    const m = /^sandbox listening on (http:\/\/127\.0\.0\.1:(\d+))\n$/.exec(out);
    assert.ok(m, JSON.stringify(out));
    const r = await graph(fetch, { base: m[1] }).get("/me");
    assert.equal(r.status, 200);
    const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
  });

  it("exits with status 2 on an unknown argument", async () => {
    const child = spawn(process.execPath, [SERVE_JS, "--bogus"], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    assert.equal(code, 2);
    assert.match(err, /unknown argument/);
  });
});
