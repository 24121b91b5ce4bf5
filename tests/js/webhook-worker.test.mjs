// examples/webhook-worker end to end under Miniflare (Cloudflare's local Workers runtime, the
// one wrangler 4.86.0 bundles): Meta → fetch → Queue → queue() → EventDedup → Graph API.
//
// Real: the example's src/index.js, bundled with esbuild as wrangler does (conditions workerd,
// worker, browser; the .wasm a module) against the packed package in tests/js/node_modules; its
// wrangler.toml as Miniflare's options (vars, compatibility date, Queue producer and consumer
// with retries and dead-letter queue, the SQLite-backed Durable Object and its alarms); HTTP on
// loopback; the package's sandbox as the Graph API, with `appSecret` set so that every call must
// carry a valid `appsecret_proof`. Secrets are plain bindings, as .dev.vars gives them.
//
// Changed for speed, and said where: retries wait RETRY_DELAY_SECONDS = 1 (not 10) and the
// consumer gives up after 2 retries (not 10); a partial batch waits 0.2 s (not 2 s).
// Added to see inside (tests/js/webhook-worker/observed.js): a rule that runs for every event,
// and a report of what each batch acked, retried and ran.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { webhooks } from "instagram-graph-wasm";
import { createSandbox } from "instagram-graph-wasm/sandbox";
import { bundle, exampleDir, startExample } from "./webhook-worker/miniflare.mjs";
import { loadTest } from "../bench/webhooks.js";

const here = dirname(fileURLToPath(import.meta.url));
const rootRequire = createRequire(join(here, "..", "..", "package.json"));
const packageDir = join(here, "node_modules", "instagram-graph-wasm");
const APP_SECRET = "test-app-secret-5f0c";
const VERIFY_TOKEN = "test-verify-token-91ab";
const MAX_RETRIES = 2;

let sandbox, server, worker, ids, ledger;
let comments; // top-level comments by visitors on the account's own feed media (sandbox data)
let replyable; // more of them, not used by other tests, young enough for a private reply (Meta: 7 days)

before(async () => {
  sandbox = createSandbox({ appSecret: APP_SECRET, usagePerCall: 0 });
  server = await sandbox.listen();
  ids = sandbox.ids;
  comments = [...sandbox.state.comments.values()].filter(
    (c) => c.parentId === null && sandbox.state.media.get(c.mediaId).kind === "feed" && c.fromId !== ids.igUserId,
  );
  assert.ok(comments.length >= 12, "the sandbox has enough comments to work with");
  const week = 7 * 24 * 3600 * 1000;
  // Comments within Meta's 7 days at the sandbox clock's now (an hour to spare for the run).
  const now = Math.max(sandbox.state.counters.clock, sandbox.now()) + 3600 * 1000;
  replyable = comments.slice(16).filter((c) => c.id !== ids.privateReplyCommentId && now - Date.parse(c.timestamp.replace("+0000", "Z")) < week);
  assert.ok(replyable.length >= 6, "the sandbox has enough recent comments for private replies");
  worker = await startExample({
    packageDir,
    graphBaseUrl: server.url,
    secrets: { IG_APP_SECRET: APP_SECRET, IG_VERIFY_TOKEN: VERIFY_TOKEN, IG_ACCESS_TOKEN: ids.accessToken },
    vars: { RETRY_DELAY_SECONDS: "1" },
    consumer: { maxRetries: MAX_RETRIES, maxBatchTimeout: 0.2 },
  });
  ledger = worker.ledger;
});

after(async () => {
  await worker?.close();
  await server?.close();
});

// ---- deliveries as Meta sends them ----------------------------------------------------------

const commentEvent = (c, text = c.text) => ({
  field: "comments",
  value: { from: { id: c.fromId, username: c.username }, media: { id: c.mediaId, media_product_type: "FEED" }, id: c.id, text },
});
const mentionEvent = (commentId) => ({
  field: "mentions",
  value: { media_id: sandbox.state.comments.get(commentId).mediaId, comment_id: commentId },
});
const delivery = (...changes) =>
  JSON.stringify({ object: "instagram", entry: [{ id: ids.igUserId, time: Math.floor(Date.now() / 1000), changes }] });
const keyOf = (c) => `${ids.igUserId}:comments:${c.id}`;

async function post(body, headers = { "x-hub-signature-256": webhooks.sign(body, APP_SECRET) }) {
  const res = await fetch(`${worker.url}/`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { status: res.status, text: await res.text() };
}

/** Post `body` (signed), expect 200, and wait until the consumer has settled what it enqueued. */
async function deliver(body, events) {
  const before = ledger.settledEvents;
  const res = await post(body);
  assert.equal(res.status, 200, res.text);
  await ledger.waitFor(before + events);
}

/** Sandbox requests that sent a private reply to `commentId` (POST /{sender}/messages recipient={comment_id}). */
const privateReplies = (commentId) =>
  sandbox.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages") && r.form?.recipient === JSON.stringify({ comment_id: commentId }));

/** Sandbox requests that hid `commentId` (POST /{comment-id} hide=true). */
const hides = (commentId) =>
  sandbox.requests.filter((r) => r.method === "POST" && /^(\/v\d+\.\d+)?\/(\d+)$/.exec(r.path)?.[2] === commentId && r.form?.hide === "true");

// ---- the tests ------------------------------------------------------------------------------

test("the example pins what runs on Node 20: wrangler 4.86.0, a compatibility date it supports, the packed package", () => {
  const pkg = JSON.parse(readFileSync(join(exampleDir, "package.json"), "utf8"));
  assert.equal(pkg.devDependencies.wrangler, "4.86.0", "the last wrangler that runs on Node 20");
  const { toml } = worker.config;
  assert.ok(toml.compatibility_date <= "2026-05-03", `wrangler 4.86.0 refuses compatibility dates after 2026-05-03 (${toml.compatibility_date})`);
  const version = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).version;
  assert.equal(pkg.dependencies["instagram-graph-wasm"], `file:instagram-graph-wasm-${version}.tgz`, "the tarball `npm pack ./pkg` writes (README, Setup)");
  const rootPkg = JSON.parse(readFileSync(join(here, "..", "..", "package.json"), "utf8"));
  const miniflare = JSON.parse(readFileSync(join(here, "..", "..", "node_modules", "miniflare", "package.json"), "utf8"));
  assert.equal(rootPkg.devDependencies.miniflare, miniflare.version);
  assert.equal(miniflare.version, "4.20260426.0", "the Miniflare that wrangler 4.86.0 bundles");
});

test("every binding the Worker reads is declared: in wrangler.toml, or as a secret in .dev.vars.example", () => {
  const source = readFileSync(join(exampleDir, "src", "index.js"), "utf8");
  const read = new Set([...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]));
  const { toml } = worker.config;
  const declared = new Set([
    ...Object.keys(toml.vars),
    ...toml.queues.producers.map((p) => p.binding),
    ...toml.durable_objects.bindings.map((b) => b.name),
  ]);
  const devVars = readFileSync(join(exampleDir, ".dev.vars.example"), "utf8");
  const local = new Set([...devVars.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
  for (const name of read) assert.ok(declared.has(name) || local.has(name), `env.${name} is read but declared nowhere`);
  for (const name of ["IG_APP_SECRET", "IG_VERIFY_TOKEN", "IG_ACCESS_TOKEN", "GRAPH_BASE_URL"]) assert.ok(local.has(name), `.dev.vars.example sets ${name}`);
  assert.ok(!/IG_APP_SECRET|IG_ACCESS_TOKEN|IG_VERIFY_TOKEN/.test(Object.keys(toml.vars).join(",")), "no secret in wrangler.toml's [vars]");
});

test("bundled as wrangler does, through the package's workerd entry, the wasm still initialises", () => {
  assert.ok(worker.inputs.some((i) => i.endsWith("instagram-graph-wasm/workerd.js")), worker.inputs.join("\n"));
  // Were the package's package.json to say `"sideEffects": false`, esbuild (and so wrangler)
  // would drop workerd.js's `import wasm …; initSync(…)`. (Should that regress, this test fails
  // and the others still run, on a bundle built with esbuild's `ignoreAnnotations`.)
  assert.equal(worker.initDropped, false, "the wrangler-style bundle dropped the package's initSync: fix `sideEffects` in pkg-template/package.json");
});

test("GET verification: the right token answers the challenge, anything else 403; other methods 405", async () => {
  const q = (mode, token) => fetch(`${worker.url}/?${new URLSearchParams({ "hub.mode": mode, "hub.verify_token": token, "hub.challenge": "1158201444" })}`);
  const good = await q("subscribe", VERIFY_TOKEN);
  assert.equal(good.status, 200);
  assert.equal(await good.text(), "1158201444");
  for (const res of [await q("subscribe", "not-the-token"), await q("unsubscribe", VERIFY_TOKEN)]) {
    assert.equal(res.status, 403);
    await res.text();
  }
  const other = await fetch(`${worker.url}/`, { method: "PUT", body: "x" });
  assert.equal(other.status, 405);
  await other.text();
});

test("a signed delivery: 200, and the consumer hides the comment with a listed word and answers the mention, once each", async () => {
  const [spam, clean] = comments;
  const graphBefore = sandbox.requests.length;
  await deliver(delivery(commentEvent(spam, "Great pic! Buy Followers now at example.test"), commentEvent(clean, "lovely crema"), mentionEvent(ids.mentionedCommentId)), 3);
  assert.equal(hides(spam.id).length, 1, "POST /{comment-id} hide=true for the comment with a HIDE_WORDS phrase");
  assert.equal(sandbox.state.comments.get(spam.id).hidden, true);
  assert.equal(hides(clean.id).length, 0, "the clean comment is left alone");
  const replies = sandbox.requests.slice(graphBefore).filter((r) => r.method === "POST" && r.path.endsWith(`/${ids.igUserId}/mentions`));
  assert.equal(replies.length, 1, "the mention got one reply");
  assert.equal(replies[0].form.comment_id, ids.mentionedCommentId);
  assert.equal(replies[0].form.message, worker.config.toml.vars.MENTION_REPLY);
  for (const r of sandbox.requests.slice(graphBefore)) assert.match(r.query.appsecret_proof ?? r.form?.appsecret_proof ?? "", /^[0-9a-f]{64}$/);
  assert.equal(ledger.runs(keyOf(spam), "hide"), 1);
  assert.equal(ledger.runs(keyOf(clean), "hide"), 0);
  assert.equal(ledger.runs(`${ids.igUserId}:mentions:${ids.mentionedCommentId}`, "mention-reply"), 1);
  assert.deepEqual(ledger.errors, []);
});

test("rejected deliveries enqueue nothing: forged (401), unsigned (401), oversize (413), malformed (400)", async () => {
  const victim = comments[2];
  const body = delivery(commentEvent(victim, "spam spam spam"));
  const big = JSON.stringify({ object: "instagram", entry: [], pad: "x".repeat(1024 * 1024) });
  const statuses = [
    (await post(body, { "x-hub-signature-256": webhooks.sign(body, "another-app-secret") })).status,
    (await post(body.replace("spam spam spam", "spam spam spam!"), { "x-hub-signature-256": webhooks.sign(body, APP_SECRET) })).status,
    (await post(body, { "x-hub-signature-256": "sha256=zz" })).status,
    (await post(body, {})).status,
    (await post(body, { "x-hub-signature": "sha1=0123456789abcdef0123456789abcdef01234567" })).status,
    (await post(big)).status,
    (await post('{"object":"instagram","entry":[')).status,
    (await post("not json")).status,
  ];
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 413, 400, 400]);
  // A genuine delivery after them: once it is consumed, whatever came before would have been.
  const marker = comments[3];
  await deliver(delivery(commentEvent(marker, "nice")), 1);
  assert.equal(ledger.acks(keyOf(marker)), 1);
  assert.equal(ledger.acks(keyOf(victim)), 0, "nothing of the rejected deliveries reached the consumer");
  assert.equal(hides(victim.id).length, 0);
});

test("exactly once: two copies of a delivery at the same moment, and the same again later, run each rule once", async () => {
  const c = comments[4];
  // A visitor's comment that @mentions the account (the sandbox answers only a real mention).
  const mention = comments[9];
  mention.text = `${mention.text} @${ids.igUsername}`;
  const body = delivery(commentEvent(c, "SCAM alert"), mentionEvent(mention.id));
  const before = ledger.settledEvents;
  const both = await Promise.all([post(body), post(body)]);
  assert.deepEqual(both.map((r) => r.status), [200, 200]);
  await ledger.waitFor(before + 4);
  const later = await post(body);
  assert.equal(later.status, 200);
  await ledger.waitFor(before + 6);
  const mentionKey = `${ids.igUserId}:mentions:${mention.id}`;
  assert.equal(ledger.acks(keyOf(c)), 3, "each of the three copies was acknowledged");
  assert.equal(ledger.acks(mentionKey), 3);
  assert.equal(ledger.runs(keyOf(c), "hide"), 1);
  assert.equal(ledger.runs(mentionKey, "mention-reply"), 1);
  assert.equal(hides(c.id).length, 1, "hidden once on the Graph API");
  const replies = sandbox.requests.filter((r) => r.method === "POST" && r.path.endsWith("/mentions") && r.form?.comment_id === mention.id);
  assert.equal(replies.length, 1, "answered once");
});

test("comment keyword → private reply, through the Page with its token: once, though Meta delivers it twice at the same moment and again later; no keyword, or the account's own comment: nothing", async () => {
  const asked = sandbox.state.comments.get(ids.privateReplyCommentId);
  const quiet = replyable[0];
  const own = [...sandbox.state.comments.values()].find((c) => c.fromId === ids.igUserId);
  const ownEvent = { field: "comments", value: { from: { id: ids.igUserId, username: ids.igUsername }, media: { id: own.mediaId, media_product_type: "FEED" }, id: own.id, text: "The menu is in our bio" } };
  const body = delivery(commentEvent(asked, "What's the PRICE of the flat white?"), commentEvent(quiet, "lovely crema"), ownEvent);
  const graphBefore = sandbox.requests.length;
  const before = ledger.settledEvents;
  const both = await Promise.all([post(body), post(body)]);
  assert.deepEqual(both.map((r) => r.status), [200, 200]);
  await ledger.waitFor(before + 6);
  assert.equal((await post(body)).status, 200);
  await ledger.waitFor(before + 9);

  const sent = privateReplies(asked.id);
  assert.equal(sent.length, 1, "one private reply");
  assert.equal(sent[0].path, `/v27.0/${ids.pageId}/messages`);
  assert.deepEqual(JSON.parse(sent[0].form.message), { text: worker.config.toml.vars.PRIVATE_REPLY_TEXT });
  assert.equal(sent[0].form.access_token, ids.pageAccessToken, "with the Page's token");
  assert.match(sent[0].form.appsecret_proof, /^[0-9a-f]{64}$/);
  assert.equal(sandbox.state.messages.get(sandbox.state.privateReplies.get(asked.id)).text, worker.config.toml.vars.PRIVATE_REPLY_TEXT);
  assert.equal(ledger.acks(keyOf(asked)), 3, "each copy acknowledged");
  assert.equal(ledger.runs(keyOf(asked), "private-reply"), 1);
  const lookups = sandbox.requests.slice(graphBefore).filter((r) => r.path.endsWith("/me/accounts"));
  assert.equal(lookups.length, 1, "the Page and its token looked up once");
  assert.equal(lookups[0].query.access_token, ids.accessToken);
  for (const c of [quiet, own]) {
    assert.equal(privateReplies(c.id).length, 0, `nothing sent for ${c.id}`);
    assert.equal(ledger.runs(keyOf(c), "private-reply"), 0);
    assert.equal(ledger.runs(keyOf(c), "record"), 1, "the event did reach the consumer");
  }
  assert.deepEqual(ledger.errors, []);
});

test("private reply: Meta's refusals: one already sent or too old is done, an unreachable person is noted; a rate limit, a 5xx or a dropped connection come back with the queue and send once", async () => {
  const send = async (c, text = "menu please") => {
    const retries = ledger.retries.length;
    await deliver(delivery(commentEvent(c, text)), 1);
    return ledger.retries.length - retries;
  };
  const refusal = (code, subcode, message) => ({ error: { message, type: "OAuthException", code, error_subcode: subcode, fbtrace_id: "AbCdEf123" } });
  const inbox = `/${ids.pageId}/messages`;

  // Meta's "one per comment" (here: past its 7 days): nothing to do, not retried.
  const old = sandbox.state.comments.get(ids.expiredCommentId);
  assert.equal(await send(old), 0);
  assert.equal(privateReplies(old.id).length, 1);
  assert.equal(sandbox.state.privateReplies.has(old.id), false);
  assert.equal(ledger.runs(keyOf(old), "private-reply"), 1, "done: Meta allows no other");

  // The person cannot be reached: noted, not retried, nothing sent.
  const [blocked, limited, failing, dropped] = replyable.slice(1);
  const unavailable = sandbox.fault({ method: "POST", path: inbox, body: refusal(551, 1545041, "(#551) This person isn't available right now.") });
  assert.equal(await send(blocked), 0);
  assert.equal(unavailable.hits, 1);
  assert.equal(sandbox.state.privateReplies.has(blocked.id), false);
  assert.equal(ledger.runs(keyOf(blocked), "private-reply"), 1);

  // Meta's messaging rate limit, a 503, a connection reset: thrown, so the queue brings the
  // message back (after RETRY_DELAY_SECONDS), and the reply goes out once.
  for (const [c, fault] of [
    [limited, { body: refusal(613, 2534040, "Calls to this api have exceeded the rate limit.") }],
    [failing, { status: 503 }],
    [dropped, { drop: true }],
  ]) {
    const f = sandbox.fault({ method: "POST", path: inbox, ...fault });
    assert.equal(await send(c), 1, `${JSON.stringify(fault)}: retried once`);
    assert.equal(f.hits, 1);
    assert.equal(privateReplies(c.id).length, 2, "the refused POST, then the one the retry sent");
    assert.ok(sandbox.state.privateReplies.has(c.id), "sent in the end");
    assert.equal(ledger.runs(keyOf(c), "private-reply"), 1);
    assert.equal(ledger.acks(keyOf(c)), 1);
  }
});

test("private reply with Instagram Login (IG_LOGIN = \"instagram\"): from me with the Instagram token, no Page, once", async () => {
  const ig = await startExample({
    packageDir,
    graphBaseUrl: server.url,
    secrets: { IG_APP_SECRET: APP_SECRET, IG_VERIFY_TOKEN: VERIFY_TOKEN, IG_ACCESS_TOKEN: ids.instagramAccessToken },
    vars: { RETRY_DELAY_SECONDS: "1", IG_LOGIN: "instagram" },
    consumer: { maxRetries: MAX_RETRIES, maxBatchTimeout: 0.2 },
  });
  try {
    const c = replyable[5];
    const body = delivery(commentEvent(c, "opening hours?"));
    const graphBefore = sandbox.requests.length;
    const sign = { "content-type": "application/json", "x-hub-signature-256": webhooks.sign(body, APP_SECRET) };
    const both = await Promise.all([0, 1].map(() => fetch(`${ig.url}/`, { method: "POST", headers: sign, body })));
    assert.deepEqual(both.map((r) => r.status), [200, 200]);
    await Promise.all(both.map((r) => r.text()));
    await ig.ledger.waitFor(2);
    const sent = privateReplies(c.id);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].path, "/v27.0/me/messages");
    assert.equal(sent[0].form.access_token, ids.instagramAccessToken);
    assert.ok(sandbox.state.privateReplies.has(c.id));
    assert.equal(ig.ledger.runs(keyOf(c), "private-reply"), 1);
    assert.equal(sandbox.requests.slice(graphBefore).filter((r) => r.path.endsWith("/me/accounts")).length, 0, "no Page to look up");
    assert.deepEqual(ig.ledger.errors, []);
  } finally {
    await ig.close();
  }
});

test("two consumer invocations at the same moment, each with a copy of one event: one runs it, the other retries, then finds it done", async () => {
  // Cloudflare runs several consumer invocations at once; Miniflare's queue runs one at a time.
  // So the two invocations are made here directly, through workerd's own queue event.
  const c = comments[5];
  const event = { key: keyOf(c), entryId: ids.igUserId, time: Date.now(), ...commentEvent(c, "spam") };
  const message = (id, attempts = 1) => ({ id, timestamp: new Date(), attempts, body: { events: [event] } });
  const fetcher = await worker.mf.getWorker();
  const queueName = worker.config.queue.name;
  // The hide takes 500 ms, so the first invocation still holds the claim when the second asks.
  const slow = sandbox.fault({ method: "POST", path: `/${c.id}`, delayMs: 500, times: 1 });
  const results = await Promise.all([fetcher.queue(queueName, [message("copy-a")]), fetcher.queue(queueName, [message("copy-b")])]);
  assert.equal(slow.hits, 1);
  const retried = results.flatMap((r) => r.retryMessages.map((m) => m.msgId));
  const acked = results.flatMap((r) => r.explicitAcks);
  assert.equal(retried.length, 1, JSON.stringify(results));
  assert.equal(acked.length, 1, JSON.stringify(results));
  assert.equal(hides(c.id).length, 1, "hidden once");
  assert.equal(ledger.runs(event.key, "hide"), 1);
  // The queue brings the retried copy back: the rule is done by now.
  const again = await fetcher.queue(queueName, [message(retried[0], 2)]);
  assert.deepEqual(again.explicitAcks, [retried[0]]);
  assert.equal(hides(c.id).length, 1, "still once");
});

test("EventDedup: 64 claims of one key at the same moment give one run; a done key is forgotten by alarm after its TTL", async () => {
  const dedup = await worker.dedupOf("dedup-test-account");
  const verdicts = await Promise.all(Array.from({ length: 64 }, (_, i) => dedup.claim([{ key: "e1/hide", owner: `m${i}` }])));
  const runs = verdicts.flat().map((v, i) => [v, i]).filter(([v]) => v === "run");
  assert.equal(runs.length, 1, JSON.stringify(verdicts));
  assert.ok(verdicts.flat().every((v) => v === "run" || v === "busy"));
  const owner = `m${runs[0][1]}`;
  assert.deepEqual(await dedup.claim([{ key: "e1/hide", owner }]), ["run"], "the same owner may claim again (its message came back)");
  await dedup.settle({ done: [{ key: "e1/hide", owner }], ttlMs: 300 });
  assert.deepEqual(await dedup.claim([{ key: "e1/hide", owner: "late-copy" }]), ["done"]);
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual(await dedup.claim([{ key: "e1/hide", owner: "after-ttl" }]), ["run"], "the alarm forgot it");
  // A released claim can be taken by the next copy at once.
  await dedup.settle({ released: [{ key: "e1/hide", owner: "after-ttl" }], ttlMs: 300 });
  assert.deepEqual(await dedup.claim([{ key: "e1/hide", owner: "next" }]), ["run"]);
});

test("a rule that fails once is retried by the queue and then succeeds: nothing lost, nothing doubled", async () => {
  const c = comments[6];
  const fault = sandbox.fault({ method: "POST", path: `/${c.id}`, status: 500, times: 1 });
  const retriesBefore = ledger.retries.length;
  await deliver(delivery(commentEvent(c, "free followers here")), 1);
  assert.equal(fault.hits, 1, "the first hide failed with a 500");
  assert.equal(hides(c.id).length, 2, "tried, failed, retried");
  assert.equal(sandbox.state.comments.get(c.id).hidden, true, "and hidden in the end");
  assert.deepEqual(ledger.retries.slice(retriesBefore).map((r) => [r.keys, r.attempts]), [[[keyOf(c)], 1]]);
  assert.equal(ledger.acks(keyOf(c)), 1);
  assert.equal(ledger.runs(keyOf(c), "hide"), 1);
  assert.equal(ledger.runs(keyOf(c), "record"), 1, "the rule that succeeded the first time did not run again");
});

test("a rule that keeps failing ends in the dead-letter queue after max_retries, the whole event kept", async () => {
  const c = comments[7];
  const fault = sandbox.fault({ method: "POST", path: `/${c.id}`, status: 500, times: Infinity });
  try {
    const before = ledger.deadLetters.length;
    const res = await post(delivery(commentEvent(c, "spam")));
    assert.equal(res.status, 200);
    const end = Date.now() + 20000;
    while (ledger.deadLetters.length === before && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    assert.equal(fault.hits, MAX_RETRIES + 1, "delivered 1 + max_retries times");
    const dead = ledger.deadLetters.slice(before);
    assert.equal(dead.length, 1);
    assert.deepEqual(dead[0].keys, [keyOf(c)]);
    assert.equal(dead[0].body.events[0].value.id, c.id, "the whole event is kept");
    assert.equal(ledger.runs(keyOf(c), "hide"), 0);
  } finally {
    fault.cancel();
  }
});

test("a delivery near the 1 MiB limit is packed into messages of at most 64 KB, sent within the Queues limits (256 KB a call)", async () => {
  const events = Array.from({ length: 450 }, (_, i) => ({
    field: "comments",
    value: { from: { id: "17841400000000043", username: "fan" }, media: { id: ids.firstMediaId }, id: `8${String(i).padStart(16, "0")}`, text: "x".repeat(2000) },
  }));
  assert.ok(delivery(...events).length > 900 * 1024);
  const acked = ledger.acked.size;
  await deliver(delivery(...events), 450);
  assert.ok(ledger.acked.size - acked >= 15, `${ledger.acked.size - acked} messages for 900 KB of events`);
  for (const i of [0, 449]) assert.equal(ledger.runs(`${ids.igUserId}:comments:8${String(i).padStart(16, "0")}`, "record"), 1);
});

test("when the queue refuses a send the webhook answers 500, so Meta redelivers; what was enqueued before runs once", async () => {
  // 200 events of 1 KB, then one over the Queues limit of 128 KB a message: the first sendBatch
  // (three messages of 64 KB) goes through, the second (the rest, and the big one) is refused.
  const events = Array.from({ length: 200 }, (_, i) => ({
    field: "comments",
    value: { from: { id: "17841400000000044", username: "fan" }, media: { id: ids.firstMediaId }, id: `6${String(i).padStart(16, "0")}`, text: "z".repeat(1000) },
  }));
  const huge = { field: "comments", value: { from: { id: "1", username: "x" }, media: { id: ids.firstMediaId }, id: "7000000000000001", text: "y".repeat(130 * 1024) } };
  const body = delivery(...events, huge);
  assert.equal((await post(body)).status, 500);
  assert.equal((await post(body)).status, 500, "Meta's redelivery");
  const first = `${ids.igUserId}:comments:6${"0".repeat(16)}`;
  const end = Date.now() + 15000;
  while (ledger.acks(first) < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  await ledger.waitFor(ledger.settledEvents); // and no retry outstanding
  assert.equal(ledger.acks(first), 2, "enqueued by each delivery");
  assert.equal(ledger.runs(first, "record"), 1, "run once");
  assert.equal(ledger.acks(`${ids.igUserId}:comments:6${String(199).padStart(16, "0")}`), 0, "the refused send enqueued nothing");
  assert.equal(ledger.acks(`${ids.igUserId}:comments:7000000000000001`), 0);
});

test("the README's Worker snippet and wrangler.toml lines, verbatim under Miniflare: deliveries over 100 events or 256 KB go through", async () => {
  const readme = readFileSync(join(here, "..", "..", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Cloudflare Worker"));
  const js = /```js\n([\s\S]*?)```/.exec(section)[1];
  const toml = rootRequire("smol-toml").parse(/```toml\n([\s\S]*?)```/.exec(section)[1]);
  const { Miniflare, Log, LogLevel, Response: MfResponse } = rootRequire("miniflare");
  const dir = mkdtempSync(join(tmpdir(), "igw-readme-worker-"));
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src", "index.js"), js);
  await bundle({ entry: join(dir, toml.main), packageDir, outfile: join(dir, "worker.js") });
  copyFileSync(join(packageDir, "instagram_graph_bg.wasm"), join(dir, "instagram_graph_bg.wasm"));
  const [producer] = toml.queues.producers;
  const [consumer] = toml.queues.consumers;
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    cf: false,
    log: new Log(LogLevel.WARN),
    scriptPath: join(dir, "worker.js"),
    modules: true,
    modulesRoot: dir,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: toml.compatibility_date,
    bindings: { IG_APP_SECRET: APP_SECRET, IG_VERIFY_TOKEN: VERIFY_TOKEN, IG_ACCESS_TOKEN: ids.accessToken },
    queueProducers: { [producer.binding]: { queueName: producer.queue } },
    queueConsumers: { [consumer.queue]: { maxRetries: consumer.max_retries, deadLetterQueue: consumer.dead_letter_queue, maxBatchTimeout: 0.2 } },
    // The snippet calls graph.facebook.com: its outbound requests go to the sandbox instead.
    outboundService: async (request) => {
      const res = await sandbox.fetch(new Request(request.url, { method: request.method, headers: request.headers, body: request.method === "GET" ? undefined : await request.arrayBuffer() }));
      return new MfResponse(await res.arrayBuffer(), { status: res.status, headers: res.headers });
    },
  });
  try {
    const url = await mf.ready;
    const spam = comments[10];
    const filler = (n, size) => Array.from({ length: n }, (_, i) => ({
      field: "comments",
      value: { from: { id: "17841400000000045", username: "fan" }, media: { id: ids.firstMediaId }, id: `5${size}${String(i).padStart(10, "0")}`, text: "k".repeat(size) },
    }));
    for (const body of [delivery(...filler(250, 10), commentEvent(spam, "total spam")), delivery(...filler(150, 2000))]) {
      const res = await fetch(url, { method: "POST", headers: { "x-hub-signature-256": webhooks.sign(body, APP_SECRET) }, body });
      assert.equal(res.status, 200, `${body.length} bytes: ${await res.text()}`);
    }
    const end = Date.now() + 15000;
    while (hides(spam.id).length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    assert.equal(hides(spam.id).length, 1, "the snippet's consumer hid the spam comment");
    assert.ok(toml.compatibility_date <= "2026-05-03");
  } finally {
    await mf.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the load test, short: 300 deliveries (10 % forged), 10 % twice at the same moment, 5 % again later: exactly once", async () => {
  const r = await loadTest({
    deliveries: 300,
    concurrency: 16,
    packageDir,
    sandboxModule: pathToFileURL(join(packageDir, "sandbox", "node.js")).href,
  });
  assert.equal(r.redelivered.atTheSameMoment, 30);
  assert.equal(r.redelivered.later, 15);
  for (const k of ["accepted", "forgedRejected", "eventsReachedConsumer", "handledExactlyOnce", "duplicates", "lost", "forgedEventsLeaked", "commentsHiddenExactlyOnce"]) {
    assert.ok(r[k].ok, `${k}: ${JSON.stringify(r[k])}`);
  }
  assert.ok(r.handledExactlyOnce.value > 1500, `${r.handledExactlyOnce.value} events`);
  assert.equal(r.queue.deadLettered, 0);
  assert.equal(r.consumerErrors, 0);
});
