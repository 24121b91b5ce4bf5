// Test harness for running the Worker in plain workerd, which has the Queue and KV *bindings* but
// not the Cloudflare services behind them. This module stands in for those services. The `HARNESS`
// JSON binding picks the role:
//
// - "queue": the queue broker. workerd's own producer binding (`env.EVENTS.send/sendBatch`)
//   POSTs `/message` and `/batch` here. The broker keeps the messages and delivers them to the
//   consumer Worker through workerd's own queue event (`env.CONSUMER.queue(name, messages)`, a
//   service binding with the `service_binding_extra_handlers` flag). The consumer gets a real
//   `MessageBatch`, and its `ack()`/`retry()` calls come back as workerd reports them. Like
//   Cloudflare Queues, the broker enforces the send limits (100 messages and 256 KB per batch,
//   128 KB per message, a delay of at most 12 h). It delivers at most `maxBatchSize` messages per
//   batch and runs at most `maxConcurrency` batches at once. It acknowledges what the consumer
//   acks and, when `queue()` returns without an ack or retry, it acknowledges the message
//   implicitly. It redelivers what the consumer retries: after the requested delay, scaled by
//   `delayScale`, and with `attempts` + 1. It retries the whole batch when `queue()` throws,
//   except for messages already acked. A message is dead-lettered after `maxRetries` retries.
// - "kv": a KV namespace store for workerd's own KV binding (`env.SEEN.get/put/delete`), which
//   sends `GET|PUT|DELETE /<url-encoded key>?urlencoded=true[&expiration_ttl=N]`. The store is
//   in memory and honours expirations. Like Cloudflare, it refuses an `expiration_ttl` under
//   60 s and a key over 512 bytes. Its clock can be moved forward to test TTLs.
//
// Both roles also answer `/__harness/*` control routes (stats, reset, faults) on their own
// sockets.

const json = (data, status = 200) => Response.json(data, { status });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- queue broker ---------------------------------------------------------------------------

const LIMITS = { batchMessages: 100, batchBytes: 256 * 1024, messageBytes: 128 * 1024, delaySeconds: 43200 };

let cfg = null; // the HARNESS binding: { role, queueName, maxBatchSize, maxRetries, retryDelaySeconds, delayScale, maxConcurrency }
let pending = []; // { id, timestamp, contentType, body | serializedBody, attempts, key, dueAt }
let inflight = 0;
let runners = 0;
let failSends = 0;
let q = freshQueueStats();

function freshQueueStats() {
  return {
    sendCalls: 0, // producer calls (send or sendBatch) accepted
    rejectedSends: 0, // producer calls refused (limits, injected failures)
    received: 0, // messages accepted
    dispatches: 0, // queue() invocations
    delivered: 0, // message deliveries (a retried message counts again)
    acked: 0,
    retried: 0,
    deadLettered: 0,
    handlerFailures: 0, // queue() threw or could not run
    maxAttempts: 0,
    retryDelaysSeconds: [],
    deadLetters: [],
    byKey: new Map(), // event key → { received, acked, attempts }
  };
}

function keyStats(key) {
  let s = q.byKey.get(key);
  if (!s) q.byKey.set(key, (s = { received: 0, acked: 0, attempts: 0 }));
  return s;
}

function b64decode(s) {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** One produced message → a pending message (throws a 400-worthy Error on a bad one). */
function accept(bytes, contentType, delaySeconds) {
  if (bytes.length > LIMITS.messageBytes) throw new Error(`message of ${bytes.length} bytes exceeds ${LIMITS.messageBytes}`);
  if (delaySeconds > LIMITS.delaySeconds) throw new Error(`delaySeconds ${delaySeconds} exceeds ${LIMITS.delaySeconds}`);
  const type = contentType || "v8";
  const m = { id: crypto.randomUUID().replaceAll("-", ""), timestamp: Date.now(), attempts: 1, key: null, dueAt: 0, contentType: type };
  if (type === "json") {
    m.body = JSON.parse(new TextDecoder().decode(bytes));
    if (m.body && typeof m.body.key === "string") m.key = m.body.key;
  } else if (type === "text") m.body = new TextDecoder().decode(bytes);
  else if (type === "bytes") m.body = bytes;
  else m.serializedBody = bytes; // v8: handed to the consumer as produced
  m.dueAt = Date.now() + delaySeconds * 1000 * cfg.delayScale;
  return m;
}

async function produce(request, url) {
  if (failSends > 0) {
    await request.arrayBuffer(); // (workerd's producer waits for its body to be read)
    failSends--;
    q.rejectedSends++;
    return json({ error: "injected queue failure" }, 500);
  }
  const delayHeader = Number(request.headers.get("x-msg-delay-secs") ?? 0);
  let batch;
  try {
    if (url.pathname === "/message") {
      batch = [accept(new Uint8Array(await request.arrayBuffer()), request.headers.get("x-msg-fmt"), delayHeader)];
    } else {
      const { messages, delaySecs } = await request.json();
      if (!Array.isArray(messages) || messages.length === 0) throw new Error("sendBatch needs at least one message");
      if (messages.length > LIMITS.batchMessages) throw new Error(`batch of ${messages.length} messages exceeds ${LIMITS.batchMessages}`);
      batch = messages.map((m) => accept(b64decode(m.body), m.contentType, Number(m.delaySecs ?? delaySecs ?? 0)));
      const bytes = messages.reduce((n, m) => n + b64decode(m.body).length, 0);
      if (bytes > LIMITS.batchBytes) throw new Error(`batch of ${bytes} bytes exceeds ${LIMITS.batchBytes}`);
    }
  } catch (e) {
    q.rejectedSends++;
    return json({ error: String(e.message || e) }, 400);
  }
  q.sendCalls++;
  q.received += batch.length;
  for (const m of batch) if (m.key) keyStats(m.key).received++;
  pending.push(...batch);
  return json({ metadata: { metrics: { backlogCount: pending.length, backlogBytes: 0 } } });
}

function takeDue() {
  const now = Date.now();
  const out = [];
  const rest = [];
  for (const m of pending) (out.length < cfg.maxBatchSize && m.dueAt <= now ? out : rest).push(m);
  pending = rest;
  return out;
}

async function dispatch(env, batch) {
  inflight += batch.length;
  q.dispatches++;
  q.delivered += batch.length;
  let result;
  try {
    result = await env.CONSUMER.queue(cfg.queueName, batch.map((m) => ({
      id: m.id,
      timestamp: new Date(m.timestamp),
      attempts: m.attempts,
      ...(m.serializedBody ? { serializedBody: m.serializedBody } : { body: m.body }),
    })));
  } catch (e) {
    result = { outcome: `exception: ${e}` };
  }
  const ok = result.outcome === "ok";
  if (!ok) q.handlerFailures++;
  const acks = new Set(result.explicitAcks ?? []);
  const retries = new Map((result.retryMessages ?? []).map((r) => [r.msgId, r.delaySeconds]));
  for (const m of batch) {
    q.maxAttempts = Math.max(q.maxAttempts, m.attempts);
    if (m.key) keyStats(m.key).attempts = Math.max(keyStats(m.key).attempts, m.attempts);
    // Precedence as in Cloudflare Queues: a message's own retry()/ack() first, then the batch's
    // retryAll() (or a throwing handler), else the implicit ack of a handler that returned.
    let retry = false;
    let delaySeconds;
    if (retries.has(m.id)) [retry, delaySeconds] = [true, retries.get(m.id)];
    else if (acks.has(m.id)) retry = false;
    else if (!ok || result.retryBatch?.retry) [retry, delaySeconds] = [true, result.retryBatch?.delaySeconds];
    if (!retry) {
      q.acked++;
      if (m.key) keyStats(m.key).acked++;
      continue;
    }
    delaySeconds = Number(delaySeconds ?? cfg.retryDelaySeconds ?? 0);
    q.retryDelaysSeconds.push(delaySeconds);
    if (m.attempts > cfg.maxRetries) {
      q.deadLettered++;
      q.deadLetters.push({ id: m.id, key: m.key, attempts: m.attempts, body: m.body });
      continue;
    }
    q.retried++;
    pending.push({ ...m, attempts: m.attempts + 1, dueAt: Date.now() + delaySeconds * 1000 * cfg.delayScale });
  }
  inflight -= batch.length;
}

/** Deliver until nothing is pending; several runners give `maxConcurrency` batches in flight. */
async function run(env) {
  try {
    for (;;) {
      const batch = takeDue();
      if (batch.length > 0) {
        await dispatch(env, batch);
        continue;
      }
      if (pending.length === 0) return;
      const next = Math.min(...pending.map((m) => m.dueAt));
      await sleep(Math.max(1, Math.min(next - Date.now(), 50)));
    }
  } finally {
    runners--;
  }
}

function kick(env, ctx) {
  while (runners < cfg.maxConcurrency && pending.length > runners * cfg.maxBatchSize) {
    runners++;
    ctx.waitUntil(run(env));
  }
}

function queueStats(withKeys) {
  const out = { ...q, pending: pending.length, inflight, runners, byKey: undefined };
  let duplicateAcks = 0;
  let unacked = 0;
  for (const s of q.byKey.values()) {
    if (s.acked > 1) duplicateAcks++;
    if (s.acked === 0) unacked++;
  }
  out.keys = q.byKey.size;
  out.duplicateAcks = duplicateAcks;
  out.unackedKeys = unacked;
  if (withKeys) out.byKey = Object.fromEntries(q.byKey);
  return out;
}

async function queueRole(request, env, ctx) {
  const url = new URL(request.url);
  if (url.pathname === "/message" || url.pathname === "/batch") {
    const res = await produce(request, url);
    kick(env, ctx);
    return res;
  }
  if (url.pathname === "/__harness/stats") return json(queueStats(url.searchParams.has("keys")));
  if (url.pathname === "/__harness/reset" && request.method === "POST") {
    pending = [];
    q = freshQueueStats();
    failSends = 0;
    return json({ ok: true });
  }
  if (url.pathname === "/__harness/fail-sends" && request.method === "POST") {
    failSends = Number(url.searchParams.get("times") ?? 1);
    return json({ ok: true });
  }
  return json({ error: `no route ${request.method} ${url.pathname}` }, 404);
}

// ---- KV namespace ---------------------------------------------------------------------------

const store = new Map(); // key → { value: Uint8Array, expiresAt: ms | null, metadata: string | null }
let clockOffsetMs = 0;
let kv = freshKvStats();

function freshKvStats() {
  return { gets: 0, hits: 0, puts: 0, deletes: 0, expired: 0, ttls: {} };
}

const kvNow = () => Date.now() + clockOffsetMs;

function live(key) {
  const e = store.get(key);
  if (e && e.expiresAt !== null && e.expiresAt <= kvNow()) {
    store.delete(key);
    kv.expired++;
    return undefined;
  }
  return e;
}

async function kvRole(request) {
  const url = new URL(request.url);
  if (url.pathname.startsWith("/__harness/")) {
    if (url.pathname === "/__harness/stats") {
      for (const k of [...store.keys()]) live(k);
      return json({ ...kv, keys: store.size, keyList: url.searchParams.has("keys") ? [...store.keys()] : undefined });
    }
    if (url.pathname === "/__harness/advance" && request.method === "POST") {
      clockOffsetMs += Number(url.searchParams.get("seconds")) * 1000;
      return json({ clockOffsetMs });
    }
    if (url.pathname === "/__harness/reset" && request.method === "POST") {
      store.clear();
      clockOffsetMs = 0;
      kv = freshKvStats();
      return json({ ok: true });
    }
    return json({ error: "no such harness route" }, 404);
  }
  // Read the value first: workerd's KV client waits for its request body to be consumed.
  const value = request.method === "PUT" ? new Uint8Array(await request.arrayBuffer()) : null;
  const key = decodeURIComponent(url.pathname.slice(1));
  if (key === "" || key === "." || key === "..") return json({ error: `invalid key ${JSON.stringify(key)}` }, 400);
  const keyBytes = new TextEncoder().encode(key).length;
  if (keyBytes > 512) return json({ error: `UTF-8 encoded length of ${keyBytes} exceeds key length limit of 512` }, 414);
  switch (request.method) {
    case "GET": {
      kv.gets++;
      const e = live(key);
      if (!e) return new Response(null, { status: 404 });
      kv.hits++;
      return new Response(e.value, { headers: e.metadata ? { "cf-kv-metadata": e.metadata } : {} });
    }
    case "PUT": {
      const ttl = url.searchParams.get("expiration_ttl");
      const at = url.searchParams.get("expiration");
      let expiresAt = null;
      if (ttl !== null) {
        if (!(Number(ttl) >= 60)) return json({ error: `Invalid expiration_ttl of ${ttl}. Expiration TTL must be at least 60.` }, 400);
        expiresAt = kvNow() + Number(ttl) * 1000;
        kv.ttls[ttl] = (kv.ttls[ttl] ?? 0) + 1;
      } else if (at !== null) {
        if (!(Number(at) * 1000 >= kvNow() + 60_000)) return json({ error: `Invalid expiration of ${at}: at least 60 seconds in the future` }, 400);
        expiresAt = Number(at) * 1000;
      }
      if (value.length > 25 * 1024 * 1024) return json({ error: "value too large" }, 413);
      kv.puts++;
      store.set(key, { value, expiresAt, metadata: request.headers.get("cf-kv-metadata") });
      return new Response(null);
    }
    case "DELETE":
      kv.deletes++;
      store.delete(key);
      return new Response(null);
    default:
      return json({ error: `${request.method} is not part of the KV protocol this harness implements` }, 501);
  }
}

// ---- entry ----------------------------------------------------------------------------------

export default {
  async fetch(request, env, ctx) {
    cfg ??= env.HARNESS;
    return cfg.role === "queue" ? queueRole(request, env, ctx) : kvRole(request);
  },
};
