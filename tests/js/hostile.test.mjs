// A hostile caller: every exported function and method, a table of hostile values, each pair
// called HOSTILE_REPS times (5,000 by default; the module was once poisoned after 1,074), the
// value taking each argument position in turn, then normal calls that must still work. No JS exception may unwind
// through a wasm frame, no call may panic: every failure is a TypeError or an InstagramError.
import { test } from "node:test";
import assert from "node:assert/strict";

import { InstagramClient, Paginator, InstagramError, captionStats, oauth, webhooks } from "instagram-graph-wasm";

const REPS = Number(process.env.HOSTILE_REPS || 5000);
// A 10 MB string is copied into wasm on every call: it gets fewer repetitions.
const BIG_REPS = Math.min(REPS, 40);

function revoked() {
  const r = Proxy.revocable({}, {});
  r.revoke();
  return r.proxy;
}
const boom = () => {
  throw new Error("trap");
};
function detached() {
  const ab = new ArrayBuffer(16);
  structuredClone(ab, { transfer: [ab] });
  return ab;
}
class LyingView extends Uint8Array {
  get byteLength() {
    return 1e9;
  }
  get byteOffset() {
    return 7;
  }
}
function nested(depth) {
  let v = {};
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}
const cyclic = {};
cyclic.self = cyclic;

/** [label, () => value, reps]: a fresh value per call where the value is used up. */
const HOSTILE = [
  ["revoked Proxy", revoked, REPS],
  ["Proxy whose ownKeys throws", () => new Proxy({}, { ownKeys: boom }), REPS],
  ["Proxy whose get throws", () => new Proxy({}, { get: boom }), REPS],
  ["Proxy whose getPrototypeOf throws", () => new Proxy({}, { getPrototypeOf: boom }), REPS],
  ["Proxy of a function whose traps throw", () => new Proxy(function () {}, { get: boom, apply: boom, getPrototypeOf: boom }), REPS],
  ["object with throwing getters", () => ({ get accessToken() { boom(); }, get signal() { boom(); }, get appSecret() { boom(); }, toJSON: boom }), REPS],
  ["detached ArrayBuffer", detached, REPS],
  ["view of a detached buffer", () => {
    const ab = new ArrayBuffer(16);
    const view = new Uint8Array(ab, 4, 8);
    structuredClone(ab, { transfer: [ab] });
    return view;
  }, REPS],
  ["SharedArrayBuffer view", () => new Uint8Array(new SharedArrayBuffer(8)), REPS],
  ["lying Uint8Array", () => new LyingView(4), REPS],
  ["Symbol", () => Symbol("s"), REPS],
  ["BigInt", () => 10n ** 30n, REPS],
  ["NaN", () => NaN, REPS],
  ["huge number", () => 2 ** 64, REPS],
  ["-Infinity", () => -Infinity, REPS],
  ["prototype-polluting keys", () => JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'), REPS],
  ["cyclic object", () => cyclic, REPS],
  ["10,000-deep object", () => nested(10_000), Math.min(REPS, 500)],
  ["10 MB string", () => "9".repeat(10 * 1024 * 1024), BIG_REPS],
];

/** A client that never reaches a network: its fetch fails at once. */
const offline = () => new InstagramClient({ accessToken: "hostile-token", fetch: async () => { throw new TypeError("offline"); }, maxRetries: 0 });
const NORMAL = ["17841400000000001", {}, {}, {}];

/** Every exported callable: [name, (args) => result]. */
function surface() {
  const out = [["new InstagramClient", (a) => new InstagramClient(...a)], ["captionStats", (a) => captionStats(...a)]];
  for (const [ns, obj] of [["webhooks", webhooks], ["oauth", oauth]]) {
    for (const [k, f] of Object.entries(obj)) out.push([`${ns}.${k}`, (a) => f(...a)]);
  }
  const client = offline();
  for (const k of Object.getOwnPropertyNames(InstagramClient.prototype)) {
    const d = Object.getOwnPropertyDescriptor(InstagramClient.prototype, k);
    if (k === "constructor" || k === "free" || typeof d.value !== "function") continue;
    out.push([`client.${k}`, (a) => client[k](...a)]);
  }
  const pager = client.iterUserMedia("17841400000000001");
  out.push(["paginator.next", (a) => pager.next(...a)], ["paginator.return", (a) => pager.return(...a)]);
  return out;
}

const isTyped = (e) => e instanceof TypeError || e instanceof InstagramError;

/** A normal call of each kind must still work: the module is not poisoned. */
async function assertHealthy(context) {
  assert.match(webhooks.sign("{}", "s"), /^sha256=[0-9a-f]{64}$/, context);
  const c = new InstagramClient({ accessToken: "t" });
  assert.equal(c.apiVersion.startsWith("v"), true, context);
  assert.equal(captionStats("hello #a @b").hashtags, 1, context);
  await assert.rejects(offline().getUser("me"), (e) => e instanceof InstagramError && e.name === "ConnectionError", context);
  c.free();
}

test("hostile arguments × every export, 4 positions in turn: typed errors only, and the module still works", async () => {
  let calls = 0;
  let typed = 0;
  let returned = 0;
  const untyped = new Map();
  const t0 = Date.now();
  for (const [name, call] of surface()) {
    for (const [label, make, reps] of HOSTILE) {
      const pending = [];
      for (let i = 0; i < reps; i++) {
        const pos = i % 4;
        const args = NORMAL.slice();
        args[pos] = make();
        calls++;
        let r;
        try {
          r = call(args);
        } catch (e) {
          if (isTyped(e)) typed++;
          else untyped.set(`${name} [${pos}] ${label}: ${e && e.name}: ${e && e.message}`, e);
          continue;
        }
        if (r && typeof r.then === "function") pending.push(r.then(() => { returned++; }, (e) => {
          if (isTyped(e)) typed++;
          else untyped.set(`${name} [${pos}] ${label} (rejected): ${e && e.name}: ${e && e.message}`, e);
        }));
        else returned++;
      }
      await Promise.all(pending);
    }
    await assertHealthy(`after ${name}`);
  }
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(`hostile arguments: ${surface().length} exports × ${HOSTILE.length} values × up to ${REPS} repetitions (4 positions in turn) = ${calls} calls in ${seconds} s: ${typed} typed errors, ${returned} returned normally, ${untyped.size} untyped; 0 poisoned modules`);
  assert.deepEqual([...untyped.keys()], []);
});

test("a method called after free() is a TypeError, and a second free() does nothing", async () => {
  const c = new InstagramClient({ accessToken: "t" });
  const p = c.iterUserMedia("1");
  c.free();
  for (let i = 0; i < REPS; i++) {
    assert.throws(() => c.getUser("1"), (e) => e instanceof TypeError && /getUser: called after free\(\)/.test(e.message));
    assert.throws(() => c.apiVersion, (e) => e instanceof TypeError && /apiVersion: called after free\(\)/.test(e.message));
    c.free();
  }
  p.free();
  assert.throws(() => p.next(), (e) => e instanceof TypeError && /Paginator\.next: called after free\(\)/.test(e.message));
  assert.throws(() => InstagramClient.prototype.getUser.call({}, "1"), /not on a InstagramClient/);
  await assertHealthy("after free()");
});

test("repeated hostile input of the reports: revoked Proxy, throwing ownKeys, detached buffer", async () => {
  const r = Proxy.revocable({}, {});
  r.revoke();
  for (let i = 0; i < REPS; i++) assert.throws(() => new InstagramClient(r.proxy), (e) => e instanceof TypeError && e.message.startsWith("options:"));
  const c = offline();
  const traps = new Proxy({}, { ownKeys: boom });
  for (let i = 0; i < REPS; i++) await assert.rejects(c.getUser("1", {}, traps), (e) => e instanceof TypeError && e.message.startsWith("options:"));
  for (let i = 0; i < REPS; i++) assert.throws(() => webhooks.parse(detached()), (e) => e instanceof TypeError && e.message.startsWith("rawBody:"));
  assert.throws(() => webhooks.verifySignature(new LyingView(4), "sha256=00", "s"), (e) => e instanceof TypeError && /rawBody: .*lies/.test(e.message));
  await assertHealthy("after the reported reproductions");
});

test("deep recursion in the caller's own code, then a call", async () => {
  // The caller's stack nearly full when it calls in: whatever fails, fails typed or in JS.
  let depth = 0;
  const dive = (n) => {
    depth = n;
    try {
      return dive(n + 1);
    } catch {
      try {
        webhooks.sign("{}", "s");
      } catch (e) {
        if (!(e instanceof RangeError) && !isTyped(e)) throw e;
      }
      return n;
    }
  };
  for (let i = 0; i < 50; i++) dive(0);
  assert.ok(depth > 1000);
  await assertHealthy("after deep recursion");
});

test("a Paginator's concurrent next() calls are served in turn", async () => {
  const pages = [
    { data: [{ id: "a" }, { id: "b" }], paging: { cursors: { after: "C1" }, next: "https://x/?access_token=T&after=C1" } },
    { data: [{ id: "c" }, { id: "d" }] },
  ];
  let requests = 0;
  const fetch = async (url) => {
    const page = new URL(url).searchParams.get("after") ? pages[1] : pages[0];
    requests++;
    await new Promise((r) => setTimeout(r, 5));
    return new Response(JSON.stringify(page), { status: 200 });
  };
  const c = new InstagramClient({ accessToken: "t", fetch });
  const it = c.iterUserMedia("1");
  const got = await Promise.all([it.next(), it.next(), it.next(), it.next(), it.next()]);
  assert.deepEqual(got.map((s) => (s.done ? "done" : s.value.id)), ["a", "b", "c", "d", "done"]);
  assert.equal(requests, 2);
});
