// examples/webhook-worker in REAL workerd, end to end: Meta → fetch → Queue → queue() → Graph API.
//
// Real:
// - workerd (npm `workerd`) runs the example's src/index.js. The Worker is bundled with esbuild
//   as wrangler does it (conditions workerd, worker, browser; the .wasm imported as a module),
//   against the packed package installed in tests/js/node_modules. Its wrangler.toml supplies the
//   [vars], the compatibility date and the queue consumer settings.
// - The package's `webhooks.handle` and the `InstagramClient` (wasm) inside the Worker.
// - workerd's own Queue producer binding (`env.EVENTS.sendBatch` serialises and POSTs the batch).
// - workerd's own queue event: the consumer's `queue(batch, env)` gets a real `MessageBatch`, and
//   its `message.ack()`, `message.retry({ delaySeconds })` and `attempts` are workerd's.
// - workerd's own KV binding (`env.SEEN.get/put` with `expirationTtl` become KV protocol calls).
// - HTTP on loopback: Node's fetch posts the signed deliveries. The Worker reaches the Graph API
//   stand-in through `globalOutbound`, a `network = (allow = ["local"])` service.
//
// Harnessed (examples/webhook-worker/test/harness.js, run as two more Worker services in the
// same workerd, and set out in detail there):
// - The Queues service behind the binding: a broker that stores the messages, enforces
//   Cloudflare's send limits, delivers batches of up to `max_batch_size` through the queue event,
//   applies ack/retry, redelivers retried messages with `attempts` + 1 and dead-letters after
//   `max_retries`. Retry delays are scaled by 1/1000 so the test does not wait. It calls
//   `queue()` through a service binding with workerd's experimental
//   `service_binding_extra_handlers` flag (hence `workerd serve --experimental`). Unlike
//   Cloudflare, it delivers at once (no `max_batch_timeout` wait) and runs a fixed number of
//   consumer batches at a time.
// - The KV storage behind the binding: an in-memory map with TTLs (minimum 60 s, as on
//   Cloudflare) and a clock the test can move forward. It is strongly consistent, so Cloudflare's
//   cross-location staleness (up to 60 s) is not exercised.
// - The Graph API: the package's sandbox (`createSandbox().listen()`, with `appSecret` set so that
//   every call must carry a valid `appsecret_proof`).
// - Secrets: text bindings, as `wrangler secret put` and .dev.vars provide them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { webhooks } from "instagram-graph-wasm";
import { createSandbox } from "instagram-graph-wasm/sandbox";
import { startExample } from "../../examples/webhook-worker/test/workerd.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, "node_modules", "instagram-graph-wasm");
const APP_SECRET = "test-app-secret-5f0c";
const VERIFY_TOKEN = "test-verify-token-91ab";

let sandbox, server, worker, ids;
let comments; // top-level comments on the account's own feed media (sandbox data)

before(async () => {
  sandbox = createSandbox({ appSecret: APP_SECRET, usagePerCall: 0 });
  server = await sandbox.listen();
  ids = sandbox.ids;
  comments = [...sandbox.state.comments.values()].filter(
    (c) => c.parentId === null && sandbox.state.media.get(c.mediaId).kind === "feed" && c.fromId !== ids.igUserId,
  );
  assert.ok(comments.length >= 8, "the sandbox has enough comments to work with");
  worker = await startExample({
    packageDir,
    graphBaseUrl: server.url,
    secrets: { IG_APP_SECRET: APP_SECRET, IG_VERIFY_TOKEN: VERIFY_TOKEN, IG_ACCESS_TOKEN: ids.accessToken },
  });
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

function post(body, headers = { "x-hub-signature-256": webhooks.sign(body, APP_SECRET) }) {
  return fetch(`${worker.url}/`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

/** Sandbox requests that hid `commentId` (POST /{comment-id} hide=true). */
const hides = (commentId) =>
  sandbox.requests.filter((r) => r.method === "POST" && /^(\/v\d+\.\d+)?\/(\d+)$/.exec(r.path)?.[2] === commentId && r.form?.hide === "true");

async function nothingEnqueued(action) {
  const before = await worker.queueStats();
  const graphBefore = sandbox.requests.length;
  const res = await action();
  await res.text();
  const after = await worker.queueStats();
  assert.equal(after.received, before.received, "no message was enqueued");
  assert.equal(after.sendCalls, before.sendCalls, "the queue was not called");
  assert.equal(sandbox.requests.length, graphBefore, "no Graph API call");
  return res;
}

// ---- the tests ------------------------------------------------------------------------------

test("the Worker is bundled through the package's workerd entry, with wrangler.toml's settings", () => {
  assert.ok(worker.inputs.some((i) => i.endsWith("instagram-graph-wasm/workerd.js")), worker.inputs.join("\n"));
  const { toml, queue } = worker.config;
  assert.equal(toml.main, "src/index.js");
  assert.equal(toml.queues.producers[0].binding, "EVENTS");
  assert.equal(queue.queueName, toml.queues.producers[0].queue, "the consumer reads the queue the producer writes");
  assert.ok(queue.deadLetterQueue, "a dead-letter queue: nothing is dropped after max_retries");
  assert.ok(!/IG_APP_SECRET\s*=|IG_ACCESS_TOKEN\s*=|IG_VERIFY_TOKEN\s*=/.test(JSON.stringify(toml)), "no secret in wrangler.toml");
});

test("bundled as wrangler does, the package still initialises its wasm (named imports only)", () => {
  // The example imports only named exports. Were the package's package.json to say
  // `"sideEffects": false`, esbuild (and so wrangler) would drop workerd.js's
  // `import wasm …; initSync(…)`, and every call would fail with "Cannot read properties of
  // undefined (reading 'webhooksHandle')". The entry modules must stay listed in `sideEffects`.
  // (Should that regress, this test fails and the others still run, on a bundle built with
  // esbuild's `ignoreAnnotations`.)
  assert.equal(worker.initDropped, false, "the wrangler-style bundle dropped the package's initSync: fix `sideEffects` in pkg-template/package.json");
});

test("GET verification: the right token answers the challenge, anything else 403", async () => {
  const q = (mode, token, challenge = "1158201444") =>
    fetch(`${worker.url}/?${new URLSearchParams({ "hub.mode": mode, "hub.verify_token": token, "hub.challenge": challenge })}`);
  const good = await q("subscribe", VERIFY_TOKEN);
  assert.equal(good.status, 200);
  assert.equal(await good.text(), "1158201444");
  const bad = await q("subscribe", "not-the-token");
  assert.equal(bad.status, 403);
  await bad.text();
  const wrongMode = await q("unsubscribe", VERIFY_TOKEN);
  assert.equal(wrongMode.status, 403);
  await wrongMode.text();
  const other = await fetch(`${worker.url}/`, { method: "PUT", body: "x" });
  assert.equal(other.status, 405);
  await other.text();
});

test("a signed delivery: 200, its events reach the consumer, which hides the comment and answers the mention", async () => {
  const [spam, clean] = comments;
  const body = delivery(commentEvent(spam, "Great pic! Buy Followers now at example.test"), commentEvent(clean, "lovely crema"), mentionEvent(ids.mentionedCommentId));
  const graphBefore = sandbox.requests.length;
  const res = await post(body);
  assert.equal(res.status, 200);
  assert.equal(await res.text(), "ok");
  const stats = await worker.waitIdle();
  assert.equal(stats.received, 3, "one message per event");
  assert.equal(stats.acked, 3);
  assert.equal(stats.retried + stats.deadLettered, 0);

  assert.equal(hides(spam.id).length, 1, "POST /{comment-id} hide=true for the comment with a HIDE_WORDS phrase");
  assert.equal(sandbox.state.comments.get(spam.id).hidden, true);
  assert.equal(hides(clean.id).length, 0, "the clean comment is left alone");
  assert.equal(sandbox.state.comments.get(clean.id).hidden, false);
  const replies = sandbox.requests.slice(graphBefore).filter((r) => r.method === "POST" && r.path.endsWith(`/${ids.igUserId}/mentions`));
  assert.equal(replies.length, 1, "the mention got one reply");
  assert.equal(replies[0].form.comment_id, ids.mentionedCommentId);
  assert.equal(replies[0].form.media_id, sandbox.state.comments.get(ids.mentionedCommentId).mediaId);
  assert.equal(replies[0].form.message, worker.config.toml.vars.MENTION_REPLY);
  for (const r of sandbox.requests.slice(graphBefore)) assert.match(r.query.appsecret_proof ?? r.form?.appsecret_proof ?? "", /^[0-9a-f]{64}$/);

  const kv = await worker.kvStats({ keys: true });
  assert.ok(kv.keyList.includes(`${ids.igUserId}:comments:${spam.id}`), kv.keyList.join(", "));
  for (const ttl of Object.keys(kv.ttls)) assert.ok(Number(ttl) >= 36 * 3600, `SEEN keys outlive Meta's 36 h of redelivery (ttl ${ttl} s)`);
});

test("a forged signature: 401, nothing enqueued", async () => {
  const body = delivery(commentEvent(comments[2], "spam spam spam"));
  const wrongSecret = await nothingEnqueued(() => post(body, { "x-hub-signature-256": webhooks.sign(body, "another-app-secret") }));
  assert.equal(wrongSecret.status, 401);
  // A genuine signature, replayed over a tampered body.
  const tampered = body.replace("spam spam spam", "spam spam spam!");
  const replayed = await nothingEnqueued(() => post(tampered, { "x-hub-signature-256": webhooks.sign(body, APP_SECRET) }));
  assert.equal(replayed.status, 401);
  const garbage = await nothingEnqueued(() => post(body, { "x-hub-signature-256": "sha256=zz" }));
  assert.equal(garbage.status, 401);
});

test("a missing signature: 401, nothing enqueued (the legacy sha1 header alone does not count)", async () => {
  const body = delivery(commentEvent(comments[2], "spam"));
  const missing = await nothingEnqueued(() => post(body, {}));
  assert.equal(missing.status, 401);
  const sha1Only = await nothingEnqueued(() => post(body, { "x-hub-signature": "sha1=0123456789abcdef0123456789abcdef01234567" }));
  assert.equal(sha1Only.status, 401);
});

test("an oversize body: 413, whether declared (refused unread) or streamed without a content-length (refused at the limit)", async () => {
  const big = JSON.stringify({ object: "instagram", entry: [], pad: "x".repeat(1024 * 1024) });
  const declared = await nothingEnqueued(() => post(big));
  assert.equal(declared.status, 413);
  const chunks = [new TextEncoder().encode(big.slice(0, 600_000)), new TextEncoder().encode(big.slice(600_000))];
  const streamed = await nothingEnqueued(() =>
    fetch(`${worker.url}/`, {
      method: "POST",
      headers: { "x-hub-signature-256": webhooks.sign(big, APP_SECRET) },
      body: new ReadableStream({ pull: (c) => (chunks.length ? c.enqueue(chunks.shift()) : c.close()) }),
      duplex: "half",
    }),
  );
  assert.equal(streamed.status, 413);
});

test("malformed JSON, correctly signed: 400, nothing enqueued", async () => {
  for (const body of ['{"object":"instagram","entry":[', "not json", '{"object":"instagram"}']) {
    const res = await nothingEnqueued(() => post(body));
    assert.equal(res.status, 400, body);
  }
});

test("the same delivery twice (and again 35 hours later): processed once", async () => {
  const c = comments[3];
  const body = delivery(commentEvent(c, "SCAM alert"));
  const before = await worker.queueStats();
  for (let i = 0; i < 2; i++) {
    const res = await post(body);
    assert.equal(res.status, 200);
    await res.text();
    await worker.waitIdle();
  }
  assert.equal(hides(c.id).length, 1, "hidden once");
  await worker.advanceKvClock(35 * 3600);
  const late = await post(body);
  assert.equal(late.status, 200);
  await late.text();
  const after = await worker.waitIdle();
  assert.equal(hides(c.id).length, 1, "still once after 35 h");
  assert.equal(after.received - before.received, 3, "each redelivery was enqueued");
  assert.equal(after.acked - before.acked, 3, "and acknowledged");
  assert.equal(after.retried, before.retried);
});

test("two copies of an event in one delivery (and a top-level array delivery): processed once", async () => {
  const c = comments[4];
  const body = JSON.stringify([JSON.parse(delivery(commentEvent(c, "spam"))), JSON.parse(delivery(commentEvent(c, "spam")))]);
  const res = await post(body);
  assert.equal(res.status, 200);
  await res.text();
  await worker.waitIdle();
  assert.equal(hides(c.id).length, 1);
});

test("a consumer that fails once is retried and then succeeds: nothing lost", async () => {
  const c = comments[5];
  const fault = sandbox.fault({ method: "POST", path: `/${c.id}`, status: 500, times: 1 });
  const before = await worker.queueStats();
  const res = await post(delivery(commentEvent(c, "free followers here")));
  assert.equal(res.status, 200, "the webhook answers 200 at once: the work is queued");
  await res.text();
  const after = await worker.waitIdle();
  assert.equal(fault.hits, 1, "the first hide failed with a 500");
  assert.equal(hides(c.id).length, 2, "tried, failed, retried");
  assert.equal(sandbox.state.comments.get(c.id).hidden, true, "and hidden in the end");
  assert.equal(after.retried - before.retried, 1);
  assert.equal(after.deadLettered, before.deadLettered);
  assert.equal(after.acked - before.acked, 1);
  assert.deepEqual(after.retryDelaysSeconds.slice(before.retryDelaysSeconds.length), [10], "retried with the example's first backoff");
  const { byKey } = await worker.queueStats({ keys: true });
  assert.deepEqual(byKey[`${ids.igUserId}:comments:${c.id}`], { received: 1, acked: 1, attempts: 2 });
  assert.match(worker.logs(), /failed on attempt 1, will retry/, "the failure is logged, not swallowed");
});

test("a consumer that keeps failing ends in the dead-letter queue, not dropped", async () => {
  const c = comments[6];
  const { maxRetries } = worker.config.queue;
  const fault = sandbox.fault({ method: "POST", path: `/${c.id}`, status: 500, times: Infinity });
  try {
    const before = await worker.queueStats();
    const res = await post(delivery(commentEvent(c, "spam")));
    assert.equal(res.status, 200);
    await res.text();
    const after = await worker.waitIdle(30000);
    assert.equal(fault.hits, maxRetries + 1, "delivered 1 + max_retries times");
    assert.equal(after.deadLettered - before.deadLettered, 1);
    assert.equal(after.deadLetters.at(-1).key, `${ids.igUserId}:comments:${c.id}`);
    assert.equal(after.deadLetters.at(-1).body.value.id, c.id, "the whole event is kept");
  } finally {
    fault.cancel();
  }
});

test("when the queue is down the webhook answers 500, so Meta redelivers; the redelivery goes through", async () => {
  const c = comments[7];
  const body = delivery(commentEvent(c, "spam"));
  await worker.failSends(1);
  const failed = await post(body);
  assert.equal(failed.status, 500);
  await failed.text();
  const retried = await post(body);
  assert.equal(retried.status, 200);
  await retried.text();
  await worker.waitIdle();
  assert.equal(hides(c.id).length, 1);
});

test("a delivery of 250 events is enqueued within the Queues limits (100 messages per sendBatch) and all are consumed", async () => {
  const before = await worker.queueStats();
  const changes = Array.from({ length: 250 }, (_, i) => ({
    field: "comments",
    value: { from: { id: "17841400000000042", username: "fan" }, media: { id: ids.firstMediaId }, id: `9${String(i).padStart(16, "0")}`, text: `nice ${i}` },
  }));
  const res = await post(delivery(...changes));
  assert.equal(res.status, 200);
  await res.text();
  const after = await worker.waitIdle();
  assert.equal(after.received - before.received, 250);
  assert.equal(after.sendCalls - before.sendCalls, 3, "3 sendBatch calls: 100 + 100 + 50");
  assert.equal(after.acked - before.acked, 250);
  assert.equal(after.rejectedSends, before.rejectedSends);
});
