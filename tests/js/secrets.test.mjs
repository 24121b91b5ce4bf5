// The secret scan: provoke every error path we can (option errors, HTTP error shapes, transport
// failures, custom fetches that throw with the URL, batch items, publish, upload, oauth,
// webhooks) and search everything an error carries (String(e), message, stack, JSON, every own
// property enumerable or not, the whole cause chain, and util.inspect as console.error prints
// it) for the token, the Page token, the app secret, a code, every proof, and their encodings.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { inspect } from "node:util";

import { InstagramClient, oauth, webhooks } from "instagram-graph-wasm";

const TOKEN = "EAAGuserTokenSecret0123456789abcdef";
const PAGE = "EAAGpageTokenSecret9876543210fedcba";
const APP_SECRET = "3f1c0ffee0ddba11deadbeef12345678";
const CODE = "AQDcodeSecret_abcdefghijklmnop";
const proof = (t) => createHmac("sha256", APP_SECRET).update(t).digest("hex");
const SECRETS = [TOKEN, PAGE, APP_SECRET, CODE, proof(TOKEN), proof(PAGE), `1234|${APP_SECRET}`];
/** Every form a secret may take in text: as is, percent-encoded, upper case, and a 12-char piece. */
const NEEDLES = SECRETS.flatMap((s) => [s, encodeURIComponent(s), s.toUpperCase(), s.slice(4, 16)]);

/** Every text reachable from a value: own properties (any), the cause chain, inspect. */
function texts(v, out = [], seen = new Set(), depth = 0) {
  if (v === null || v === undefined || depth > 6) return out;
  if (typeof v !== "object" && typeof v !== "function") {
    out.push(String(v));
    return out;
  }
  if (seen.has(v)) return out;
  seen.add(v);
  for (const f of [() => String(v), () => v.message, () => v.stack, () => JSON.stringify(v), () => inspect(v, { depth: 10, showHidden: true })]) {
    try {
      const t = f();
      if (t !== undefined) out.push(String(t));
    } catch {}
  }
  for (const k of Reflect.ownKeys(v)) {
    out.push(String(k));
    let d;
    try {
      d = Object.getOwnPropertyDescriptor(v, k);
    } catch {}
    if (d && "value" in d) texts(d.value, out, seen, depth + 1);
  }
  return out;
}

let paths = 0;
const leaks = [];
async function scan(label, run) {
  paths++;
  let caught;
  try {
    const r = await run();
    caught = r instanceof Response ? await r.text() : r;
  } catch (e) {
    caught = e;
  }
  assert.notEqual(caught, undefined, `${label}: nothing came back to scan`);
  for (const t of texts(caught)) for (const n of NEEDLES) if (t.includes(n)) leaks.push(`${label}: ${n} in ${t.slice(0, 200)}`);
}

const echo = (u) => `${u} ${decodeURIComponent(u)}`;
const json = (status, body, headers) => new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers });
/** A client whose fetch answers `respond(url, init)`. */
const client = (respond, extra = {}) => new InstagramClient({ accessToken: TOKEN, appSecret: APP_SECRET, maxRetries: 0, fetch: async (u, init) => respond(u, init), ...extra });
/** A fetch that throws as node-fetch does: the URL in the message and in properties, and a cause. */
const throwing = (u) => {
  const e = new TypeError(`request to ${u} failed, reason: connect ECONNREFUSED`);
  Object.assign(e, { url: u, input: u, code: "ECONNREFUSED" });
  e.cause = Object.assign(new Error(`at ${decodeURIComponent(u)}`), { address: u });
  throw e;
};
/** A Graph error echoing the request, and `secret` (one the call knows) in every field and as a key. */
const graphEcho = (status, secret = TOKEN) => (u, init) => json(status, { error: { message: `bad request ${echo(u)} ${init.body ?? ""}`, type: `OAuthException ${secret}`, code: 100, fbtrace_id: secret.toUpperCase(), error_user_msg: `${secret} ${secret === TOKEN ? proof(TOKEN) : ""}`, [secret]: 1 } });

test("no secret in any error, cause, property or inspect output: every provokable error path", async () => {
  const pageOpts = { pageAccessToken: PAGE };
  // options and arguments
  await scan("bad apiVersion", () => new InstagramClient({ accessToken: TOKEN, appSecret: APP_SECRET, apiVersion: TOKEN }));
  await scan("bad baseUrl", () => new InstagramClient({ accessToken: TOKEN, baseUrl: `ftp://${TOKEN}` }));
  await scan("bad id", () => client(() => json(200, {})).getUser(`${TOKEN}/x`));
  // transport failures
  await scan("port out of range", () => new InstagramClient({ accessToken: TOKEN, appSecret: APP_SECRET, baseUrl: "http://127.0.0.1:99999", maxRetries: 0 }).getUser("me"));
  await scan("refused", () => new InstagramClient({ accessToken: TOKEN, appSecret: APP_SECRET, baseUrl: "http://127.0.0.1:9", maxRetries: 0 }).getUser("me"));
  await scan("fetch throws with the URL", () => client(throwing).getUser("me"));
  await scan("fetch throws a string with the URL", () => client((u) => { throw `failed: ${u}`; }).getUser("me"));
  await scan("text() rejects with the URL", () => client((u) => ({ status: 200, headers: new Headers(), text: async () => { throw new Error(`body of ${u} lost`); } })).getUser("me"));
  await scan("headers.get throws with the URL", () => client((u) => ({ status: 200, text: async () => "{}", headers: { get() { throw new Error(u); } } })).getUser("me"));
  await scan("timeout", () => client(() => new Promise(() => {}), { timeoutMs: 20 }).getUser("me"));
  // HTTP error shapes
  for (const status of [400, 401, 403, 404, 429, 500, 200]) await scan(`Graph error ${status} echoing the request`, () => client(graphEcho(status)).getUser("me"));
  await scan("HTML 502 echoing the URL", () => client((u) => json(502, `<html>${echo(u)}</html>`)).getUser("me"));
  await scan("a token straddling the 200-character cut", () => client(() => json(502, `${"x".repeat(190)}${TOKEN} and more`)).getUser("me"));
  await scan("proof in upper case and %7c", () => client(() => json(500, `p=${proof(TOKEN).toUpperCase()} t=${encodeURIComponent(`1234|${APP_SECRET}`).toLowerCase()}`)).getUser("me"));
  await scan("POST error echoing the form", () => client(graphEcho(400)).createComment("1", "hi"));
  await scan("generic get", () => client(graphEcho(400)).get("me/accounts"));
  await scan("paginator", () => client(graphEcho(400)).iterUserMedia("1").next());
  await scan("paging URLs in a result", () => client((u) => json(200, { data: [{ id: "1", comments: { paging: { next: u } } }], paging: { next: u, previous: u } })).listUserMedia("1", { fields: "comments" }));
  await scan("decode error of a body holding the URL", () => client((u) => json(200, `{"data": "${u}"`)).listUserMedia("1"));
  // batch items
  await scan("batch items", () => client((u, init) => json(200, [{ code: 400, headers: [{ name: "X-Echo", value: init.body }], body: JSON.stringify({ error: { message: echo(u), code: 100 } }) }, { code: 200, headers: [], body: JSON.stringify({ paging: { next: u } }) }, null, null])).batch([{ method: "GET", relativeUrl: "me" }, { method: "GET", relativeUrl: "1" }, { method: "POST", relativeUrl: "1/comments", body: { message: "x" } }, { method: "GET", relativeUrl: "2" }]));
  // publish
  const container = (status) => (u, init) => (init.method === "POST" ? json(200, { id: `${TOKEN}` }) : json(200, { id: "1", status_code: status, status: `Error: ${echo(u)} ${APP_SECRET} ${proof(TOKEN).toUpperCase()}` }));
  await scan("publish ERROR container echoing secrets", () => client(container("ERROR")).publish("1", { image_url: "https://example.invalid/a.jpg" }, { pollIntervalMs: 1 }));
  await scan("publish timeout", () => client(container("IN_PROGRESS")).publish("1", { image_url: "https://example.invalid/a.jpg" }, { pollIntervalMs: 1, pollTimeoutMs: 5 }));
  // upload
  await scan("upload failure echoing the header", () => client((u, init) => (init.method === "GET" ? json(200, { offset: 0 }) : json(400, { debug_info: { retriable: false, type: "ProcessingFailedError", message: `auth ${init.headers.authorization} ${echo(u)}` } }))).uploadVideo("1", new Uint8Array(4)));
  await scan("upload fetch throws", () => client(throwing).uploadVideo("1", new Uint8Array(4)));
  await scan("upload HTML 502", () => client((u, init) => (init.method === "GET" ? json(200, { offset: 0 }) : json(502, `<p>${init.headers.authorization}</p>`))).uploadVideo("1", new Uint8Array(4)));
  // Page token calls
  await scan("listSubscribedApps, fetch throws", () => client(throwing).listSubscribedApps("1", pageOpts));
  await scan("subscribeApp, Graph error echo", () => client(graphEcho(400)).subscribeApp("1", ["comments"], pageOpts));
  await scan("unsubscribeApp, HTML echo", () => client((u) => json(500, echo(u))).unsubscribeApp("1", pageOpts));
  await scan("sendMessage, Graph error echo", () => client(graphEcho(400, PAGE)).sendMessage("1", { recipient: { id: "2" }, message: { text: "x" } }, pageOpts));
  await scan("sendPrivateReply, fetch throws", () => client(throwing).sendPrivateReply("1", "2", "x", pageOpts));
  await scan("iterConversations (a Page token list), Graph error echo", () => client(graphEcho(400, PAGE)).iterConversations("1", {}, pageOpts).next());
  await scan("iterMessages (a Page token list), fetch throws", () => client(throwing).iterMessages("c", {}, pageOpts).next());
  await scan("hosted upload echoing the header", () => client((u, init) => json(400, { debug_info: { retriable: false, type: "ProcessingFailedError", message: `auth ${init.headers.authorization} ${echo(u)}` } })).uploadVideo("1", { fileUrl: "https://example.invalid/a.mp4" }));
  // oauth
  const app = { appId: "1234", appSecret: APP_SECRET };
  for (const [name, fetch] of [["fetch throws", async (u) => throwing(u)], ["Graph error echo", async (u, i) => graphEcho(400, APP_SECRET)(u, i)], ["HTML echo", async (u) => json(500, echo(u))]]) {
    await scan(`exchangeCode, ${name}`, () => oauth.exchangeCode({ ...app, redirectUri: "https://example.invalid/cb", code: CODE }, { fetch, maxRetries: 0 }));
    await scan(`exchangeForLongLivedToken, ${name}`, () => oauth.exchangeForLongLivedToken({ ...app, accessToken: TOKEN }, { fetch, maxRetries: 0 }));
    await scan(`debugToken, ${name}`, () => oauth.debugToken({ ...app, inputToken: PAGE }, { fetch, maxRetries: 0 }));
  }
  await scan("exchangeCode echoing the code without a parameter name", () => oauth.exchangeCode({ ...app, redirectUri: "https://example.invalid/cb", code: CODE }, { fetch: async () => json(400, { error: { message: `This authorization code has been used: ${CODE}`, code: 100 } }) }));
  // webhooks
  const body = JSON.stringify({ object: "instagram", entry: [] });
  await scan("handle, bad signature", () => webhooks.handle(new Request("http://127.0.0.1/w", { method: "POST", body, headers: { "x-hub-signature-256": "sha256=00" } }), { appSecret: APP_SECRET, onEvents() {} }));
  await scan("handle, missing onEvents", () => webhooks.handle(new Request("http://127.0.0.1/w", { method: "POST", body }), { appSecret: APP_SECRET }));
  await scan("handle, GET with a wrong token", () => webhooks.handle(new Request(`http://127.0.0.1/w?hub.mode=subscribe&hub.verify_token=${TOKEN}x&hub.challenge=1`), { verifyToken: TOKEN, appSecret: APP_SECRET, onEvents() {} }));
  await scan("verifySignature with a bad body", () => webhooks.verifySignature(Symbol(APP_SECRET), "sha256=00", APP_SECRET));
  await scan("parse of a body holding the secret", () => webhooks.parse(`{"object": "${APP_SECRET}"`));
  console.log(`secret scan: ${paths} error paths, ${SECRETS.length} secrets × 4 forms each, ${leaks.length} leaks`);
  assert.deepEqual([...new Set(leaks.map((l) => l.slice(0, 160)))], []);
});
