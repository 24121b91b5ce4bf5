// webhooks.* of the packed package in Node (the smoke suite runs sign/verify/parse in workerd
// and Chromium too; examples/webhook-worker is tested under Miniflare by webhook-worker.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";

import { webhooks, DecodeError } from "instagram-graph-wasm";

const SECRET = "app-secret";
const sig = (body) => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
const comment = { from: { id: "17841400000000001", username: "latte.lover" }, media: { id: "17895695668004550", media_product_type: "FEED" }, id: "17865799348089039", text: "Where do you ship? ☕" };
const delivery = { object: "instagram", entry: [{ id: "17841405822304914", time: 1700000000, changes: [{ field: "comments", value: comment }, { field: "mentions", value: { media_id: "1", comment_id: "2" } }] }] };

test("verifySubscription: the challenge only for subscribe with the right token, from every query form", () => {
  const q = "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock";
  assert.equal(webhooks.verifySubscription(q, "meatyhamhock"), "1158201444");
  assert.equal(webhooks.verifySubscription(`?${q}`, "meatyhamhock"), "1158201444");
  assert.equal(webhooks.verifySubscription(new URL(`https://example.com/hook?${q}`), "meatyhamhock"), "1158201444");
  assert.equal(webhooks.verifySubscription(new URLSearchParams(q), "meatyhamhock"), "1158201444");
  assert.equal(webhooks.verifySubscription({ "hub.mode": "subscribe", "hub.challenge": "7", "hub.verify_token": "t" }, "t"), "7");
  assert.equal(webhooks.verifySubscription({ hub_mode: "subscribe", hub_challenge: "7", hub_verify_token: "t" }, "t"), "7");
  assert.equal(webhooks.verifySubscription(q, "wrong"), null);
  assert.equal(webhooks.verifySubscription(q.replace("subscribe", "unsubscribe"), "meatyhamhock"), null);
  assert.equal(webhooks.verifySubscription("hub.mode=subscribe&hub.verify_token=t", "t"), null);
  assert.throws(() => webhooks.verifySubscription(q, ""), TypeError);
});

test("verifySignature: exact sha256= header over the raw bytes, never a throw for a bad header", () => {
  const body = JSON.stringify(delivery);
  const good = sig(body);
  const bytes = new TextEncoder().encode(body);
  assert.equal(webhooks.verifySignature(body, good, SECRET), true);
  assert.equal(webhooks.verifySignature(bytes, good, SECRET), true);
  assert.equal(webhooks.verifySignature(bytes.buffer, good, SECRET), true);
  assert.equal(webhooks.verifySignature(new DataView(bytes.buffer), good, SECRET), true);
  assert.equal(webhooks.verifySignature(body, `sha256=${good.slice(7).toUpperCase()}`, SECRET), true);
  for (const bad of [undefined, null, "", good.slice(0, -1), `${good}0`, ` ${good}`, `${good} `, good.replace("sha256", "SHA256"), `sha1=${good.slice(7, 47)}`, `sha256=${"z".repeat(64)}`]) {
    assert.equal(webhooks.verifySignature(body, bad, SECRET), false, String(bad));
  }
  assert.equal(webhooks.verifySignature(`${body} `, good, SECRET), false, "one byte more");
  assert.equal(webhooks.verifySignature(body, good, "other-secret"), false);
  assert.equal(webhooks.sign(body, SECRET), good);
  assert.throws(() => webhooks.verifySignature(body, good, ""), TypeError);
  assert.throws(() => webhooks.verifySignature(42, good, SECRET), TypeError);
});

test("parse: changes and messaging items, the array form, times in milliseconds", () => {
  const d = webhooks.parse(JSON.stringify(delivery));
  assert.deepEqual(d, {
    object: "instagram",
    entries: [{ id: "17841405822304914", time: 1700000000000, events: [{ field: "comments", value: comment }, { field: "mentions", value: { media_id: "1", comment_id: "2" } }] }],
  });
  const messaging = {
    object: "instagram",
    entry: [{
      id: "17841405822304914",
      time: 1700000000123,
      messaging: [
        { sender: { id: "1" }, recipient: { id: "2" }, timestamp: 1700000000100, message: { mid: "m1", text: "hi" } },
        { sender: { id: "2" }, recipient: { id: "1" }, timestamp: 1700000000101, message: { mid: "m2", text: "hello", is_echo: true } },
        { sender: { id: "1" }, recipient: { id: "2" }, timestamp: 1, reaction: { mid: "m2", action: "react", reaction: "love" } },
        { sender: { id: "1" }, recipient: { id: "2" }, timestamp: 1, postback: { title: "Yes", payload: "Y" } },
        { sender: { id: "1" }, recipient: { id: "2" }, timestamp: 1, read: { mid: "m2" } },
        { sender: { id: "1" }, recipient: { id: "2" }, timestamp: 1, referral: { ref: "ad" } },
        { sender: { id: "1" }, recipient: { id: "2" }, timestamp: 1, optin: { ref: "x" } },
        { sender: { id: "1" }, recipient: { id: "2" }, timestamp: 1, something_new: { a: 1 } },
        // Meta's example of the messaging_policy_enforcement field (Messenger Platform webhook reference)
        { recipient: { id: "2" }, timestamp: 1458692752478, policy_enforcement: { action: "block", reason: "The bot violated our Platform Policies" } },
      ],
    }],
  };
  const m = webhooks.parse(new TextEncoder().encode(JSON.stringify([messaging, delivery])));
  assert.equal(m.entries.length, 2);
  assert.equal(m.entries[0].time, 1700000000123);
  assert.deepEqual(m.entries[0].events.map((e) => e.field), ["messages", "messages", "message_reactions", "messaging_postbacks", "messaging_seen", "messaging_referral", "messaging_optins", "messaging", "messaging_policy_enforcement"]);
  // Facebook Login (what parse assumes): an echo arrives on the `messages` field, `is_echo` kept
  assert.equal(m.entries[0].events[1].value.message.is_echo, true);
  assert.deepEqual(m.entries[0].events[0].value, messaging.entry[0].messaging[0]);
  assert.equal(m.entries[1].time, 1700000000000);
});

test("parse: malformed deliveries are DecodeErrors with the path at fault", () => {
  const cases = [
    ["{oops", ""],
    ["", ""],
    ["[]", ""],
    ["42", ""],
    ['{"entry":[]}', "object"],
    ['{"object":"instagram"}', "entry"],
    ['{"object":"instagram","entry":{}}', "entry"],
    ['{"object":"instagram","entry":[{"time":1}]}', "entry[0].id"],
    ['{"object":"instagram","entry":[{"id":"1","time":"x"}]}', "entry[0].time"],
    ['{"object":"instagram","entry":[{"id":"1","time":1,"changes":[{"value":1}]}]}', "entry[0].changes[0].field"],
    ['{"object":"instagram","entry":[{"id":1.5,"time":1}]}', "entry[0].id"],
  ];
  for (const [body, path] of cases) {
    assert.throws(() => webhooks.parse(body), (e) => e instanceof DecodeError && e.path === path, body);
  }
  assert.throws(() => webhooks.parse(new Uint8Array([0xff, 0xfe])), (e) => e instanceof DecodeError && /UTF-8/.test(e.message));
});

test("handle: verification, signature, size, JSON, handler outcome, method", async () => {
  const body = JSON.stringify(delivery);
  const seen = [];
  const opts = { appSecret: SECRET, verifyToken: "vt", onEvents: (d) => { seen.push(d); } };
  const post = (b, headers = { "x-hub-signature-256": sig(b) }) => new Request("https://example.com/hook", { method: "POST", body: b, headers });
  let r = await webhooks.handle(new Request("https://example.com/hook?hub.mode=subscribe&hub.verify_token=vt&hub.challenge=99"), opts);
  assert.deepEqual([r.status, await r.text()], [200, "99"]);
  r = await webhooks.handle(new Request("https://example.com/hook?hub.mode=subscribe&hub.verify_token=no&hub.challenge=99"), opts);
  assert.equal(r.status, 403);
  r = await webhooks.handle(post(body), opts);
  assert.equal(r.status, 200);
  assert.equal(seen.length, 1);
  assert.equal(seen[0].entries[0].events[0].value.text, comment.text);
  assert.equal((await webhooks.handle(post(body, {}), opts)).status, 401);
  assert.equal((await webhooks.handle(post(body, { "x-hub-signature-256": sig(body).replace(/.$/, "0") === sig(body) ? sig(body).replace(/.$/, "1") : sig(body).replace(/.$/, "0") }), opts)).status, 401);
  assert.equal((await webhooks.handle(post("x".repeat(2048)), { ...opts, maxBodyBytes: 1024 })).status, 413);
  assert.equal((await webhooks.handle(post("{not json"), opts)).status, 400);
  const errors = [];
  r = await webhooks.handle(post(body), { ...opts, onEvents: async () => { throw new Error("queue down"); }, onError: (e) => errors.push(e.message) });
  assert.equal(r.status, 500);
  assert.deepEqual(errors, ["queue down"]);
  r = await webhooks.handle(new Request("https://example.com/hook", { method: "PUT", body }), opts);
  assert.equal(r.status, 405);
  assert.equal(r.headers.get("allow"), "GET, POST");
  assert.equal(seen.length, 1, "no other delivery reached onEvents");
});

test("the platform's HMAC (node:crypto here) and the wasm one agree on every body form, 2,000 random bodies of up to 3,000 characters, lone surrogates included", async () => {
  const { execFileSync } = await import("node:child_process");
  // The same script twice: as Node runs it (node:crypto signs), and with no platform crypto
  // (process.getBuiltinModule hidden before the first use: the wasm signs).
  const script = `
    const builtin = process.getBuiltinModule;
    let lookups = 0;
    process.getBuiltinModule = process.env.IGW_HMAC === "wasm" ? undefined : (name) => (lookups++, builtin(name));
    const { webhooks } = await import("instagram-graph-wasm");
    let seed = 7; const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const out = [];
    for (let i = 0; i < 2000; i++) {
      let s = ""; const n = Math.floor(rnd() * 3000); // both sides of platformHmac's 1 KB threshold
      for (let j = 0; j < n; j++) s += String.fromCharCode(rnd() < 0.05 ? 0xd800 + Math.floor(rnd() * 0x800) : Math.floor(rnd() * (rnd() < 0.5 ? 128 : 0xffff)));
      const bytes = new TextEncoder().encode(s);
      const forms = [s, bytes, bytes.buffer, new DataView(bytes.buffer)];
      const secret = "k" + s.slice(0, 8);
      const signed = webhooks.sign(forms[i % 4], secret);
      out.push(signed, forms.map((f) => webhooks.verifySignature(f, signed, secret) ? 1 : 0).join(""), webhooks.verifySignature(s + "x", signed, secret));
    }
    out.push(lookups);
    process.stdout.write(JSON.stringify(out));`;
  const run = (mode) => JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, IGW_HMAC: mode }, cwd: import.meta.dirname, encoding: "utf8", maxBuffer: 1 << 26 }));
  const platform = run("platform");
  const wasm = run("wasm");
  assert.equal(platform.pop(), 1, "node:crypto was looked up once, on first use");
  assert.equal(wasm.pop(), 0);
  assert.equal(platform.length, 6000);
  assert.deepEqual(platform, wasm);
  for (let i = 0; i < platform.length; i += 3) {
    assert.equal(platform[i + 1], "1111", "every form of the same body verifies");
    assert.equal(platform[i + 2], false, "another body does not");
  }
});

test("verifySignature agrees with node:crypto's digest of the raw bytes, and a bad body is still a TypeError", () => {
  for (const body of ["", "{}", JSON.stringify(delivery), "\ud800 lone", "é".repeat(5000)]) {
    const bytes = Buffer.from(body);
    assert.equal(webhooks.sign(body, SECRET), sig(bytes));
    assert.equal(webhooks.verifySignature(bytes, sig(bytes), SECRET), true);
    assert.equal(webhooks.verifySignature(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length), sig(bytes), SECRET), true);
  }
  for (const bad of [undefined, null, 42, {}, [1, 2], new Proxy({}, { getPrototypeOf() { throw new Error("trap"); } })]) {
    assert.throws(() => webhooks.verifySignature(bad, sig(""), SECRET), TypeError);
    assert.throws(() => webhooks.sign(bad, SECRET), TypeError);
  }
  const detached = new ArrayBuffer(8);
  structuredClone(detached, { transfer: [detached] });
  assert.throws(() => webhooks.verifySignature(detached, sig(""), SECRET), /detached/);
});

test("the README's Node server receives webhooks as it says: challenge, signature, size, malformed body", async (t) => {
  const { readFileSync, writeFileSync, rmSync } = await import("node:fs");
  const { spawn } = await import("node:child_process");
  const { freePort, waitForHttp } = await import("./helpers.js");
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("### Node server (webhooks with `node:http`"));
  const code = section.slice(section.indexOf("```js\n") + 6, section.indexOf("\n```", section.indexOf("```js\n")));
  assert.match(code, /createServer/);
  const file = new URL(`./readme-node-webhook-${process.pid}.mjs`, import.meta.url);
  writeFileSync(file, code);
  const port = await freePort();
  const child = spawn(process.execPath, [file.pathname], { env: { ...process.env, PORT: String(port), IG_APP_SECRET: SECRET, IG_VERIFY_TOKEN: "vt" }, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  t.after(() => { child.kill(); rmSync(file, { force: true }); });
  const base = `http://127.0.0.1:${port}/`;
  await waitForHttp(base);
  const post = (body, headers = {}) => fetch(base, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  let r = await fetch(`${base}?hub.mode=subscribe&hub.verify_token=vt&hub.challenge=1158201444`);
  assert.deepEqual([r.status, await r.text()], [200, "1158201444"]);
  r = await fetch(`${base}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`);
  assert.equal(r.status, 403);
  const body = JSON.stringify(delivery);
  r = await post(body, { "x-hub-signature-256": sig(body) });
  assert.deepEqual([r.status, await r.text()], [200, "ok"]);
  assert.equal((await post(body, { "x-hub-signature-256": sig(body + " ") })).status, 401, "forged");
  assert.equal((await post(body)).status, 401, "unsigned");
  assert.equal((await post("{oops", { "x-hub-signature-256": sig("{oops") })).status, 400, "malformed");
  const big = "x".repeat(1_048_577);
  assert.equal((await post(big, { "x-hub-signature-256": sig(big) })).status, 413, "too large");
  const lines = out.trim().split("\n");
  assert.deepEqual(lines.map((l) => l.split(" ").slice(0, 2)), [["17841405822304914", "comments"], ["17841405822304914", "mentions"]]);
  assert.deepEqual(JSON.parse(lines[0].split(" ").slice(2).join(" ")), comment, "each event once, with its value");
});
