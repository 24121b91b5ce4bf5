// A hostile server over real loopback HTTP (resets, truncations, HTML errors, 200 with an
// error, huge headers, a slow drip), and the reproductions of the faults found in review: each
// of these failed before its fix.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";

import {
  InstagramClient, GraphApiError, ConnectionError, TimeoutError, AbortError, DecodeError, initSync,
} from "instagram-graph-wasm";

const json = (status, body, headers = {}) => new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers });

// ---------------------------------------------------------------------------------------------
// The hostile server: the first path segment after the version picks the fault.

let server;
let url;
const hits = new Map();
const FAULTS = {
  reset: (sock) => sock.destroy(),
  truncate: (sock) => sock.end("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"id\":\"17"),
  html502: (sock) => reply(sock, 502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
  empty500: (sock) => reply(sock, 500, ""),
  notjson200: (sock) => reply(sock, 200, "<html>maintenance</html>", "text/html"),
  // the first answer is 200 with a transient Graph error; the second is the real one
  error200: (sock, n) => reply(sock, 200, n === 1 ? '{"error":{"message":"An unexpected error has occurred. Please retry your request later.","type":"OAuthException","code":2,"is_transient":true}}' : '{"id":"17841400000000001"}'),
  hugeheaders: (sock) => sock.end(`HTTP/1.1 200 OK\r\nx-filler: ${"a".repeat(100_000)}\r\ncontent-length: 2\r\n\r\n{}`),
  drip: (sock) => {
    sock.write("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{");
    const t = setInterval(() => (sock.destroyed ? clearInterval(t) : sock.write(" ")), 50);
    sock.on("close", () => clearInterval(t));
  },
};
function reply(sock, status, body, type = "application/json") {
  sock.end(`HTTP/1.1 ${status} X\r\ncontent-type: ${type}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

before(async () => {
  server = net.createServer((sock) => {
    let head = "";
    sock.on("data", (d) => {
      head += d;
      if (!head.includes("\r\n\r\n")) return;
      sock.removeAllListeners("data");
      const fault = head.split(" ")[1].split("/")[2].split("?")[0];
      hits.set(fault, (hits.get(fault) || 0) + 1);
      FAULTS[fault](sock, hits.get(fault));
    });
    sock.on("error", () => {});
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

test("the hostile server's faults: each is the error API.md promises", async () => {
  const cases = [
    ["reset", 0, (e) => e instanceof ConnectionError],
    ["truncate", 0, (e) => e instanceof ConnectionError || e instanceof DecodeError],
    ["html502", 2, (e) => e instanceof GraphApiError && e.status === 502 && /without a Graph error body/.test(e.message)],
    ["empty500", 0, (e) => e instanceof GraphApiError && e.status === 500 && /empty body/.test(e.message)],
    ["notjson200", 0, (e) => e instanceof DecodeError],
    ["error200", 1, null],
    ["hugeheaders", 0, (e) => e instanceof ConnectionError],
    ["drip", 0, (e) => e instanceof TimeoutError && e.timeoutMs === 300],
  ];
  const rows = [];
  for (const [fault, retries, check] of cases) {
    hits.delete(fault);
    const c = new InstagramClient({ accessToken: "fault-token", baseUrl: url, timeoutMs: 300, maxRetries: retries, maxRetryWaitMs: 10 });
    let observed;
    try {
      const r = await c.get(fault);
      observed = `resolved ${JSON.stringify(r)}`;
      assert.equal(check, null, `${fault} should have failed`);
      assert.deepEqual(r, { id: "17841400000000001" });
    } catch (e) {
      observed = `${e.name}: ${e.message.slice(0, 70)}`;
      assert.ok(check && check(e), `${fault}: ${observed}`);
      assert.ok(!String(e.message).includes("fault-token"));
    }
    rows.push(`${fault.padEnd(12)} requests ${hits.get(fault)}  → ${observed}`);
  }
  assert.equal(hits.get("html502"), 3, "a 502 is retried");
  assert.equal(hits.get("error200"), 2, "a transient error in a 200 is retried");
  console.log(`fault table (fault, requests, observed):\n  ${rows.join("\n  ")}`);
});

// ---------------------------------------------------------------------------------------------
// The reproductions.

test("a 200 carrying a Graph error is an error, classified and retried as usual", async () => {
  let n = 0;
  const fetch = async () => (++n === 1 ? json(200, { error: { message: "x", code: 2, is_transient: true } }) : json(200, { id: "1" }));
  const c = new InstagramClient({ accessToken: "t", fetch, maxRetryWaitMs: 5 });
  assert.deepEqual(await c.getUser("1"), { id: "1" });
  assert.equal(n, 2);
  const fatal = new InstagramClient({ accessToken: "t", fetch: async () => json(200, { error: { message: "bad", code: 190 } }) });
  await assert.rejects(fatal.getUser("1"), (e) => e.name === "AuthError" && e.status === 200);
  // data that merely mentions "error" is data
  const data = new InstagramClient({ accessToken: "t", fetch: async () => json(200, { id: "1", caption: 'an "error" here', error_count: 0 }) });
  assert.equal((await data.getMedia("1")).caption, 'an "error" here');
});

test("ids made of dots, or holding / ? # & % \\ or spaces, are refused before any request", async () => {
  let sent = 0;
  const c = new InstagramClient({ accessToken: "t", fetch: async (u) => { sent++; return json(200, { id: "1", data: [] }); } });
  for (const bad of ["", ".", "..", "...", "1/2", "../x", "1?x", "1#x", "a&b", "%2e%2e", "a\\b", " 1", "1\n", "1\u0000", "1\t"]) {
    await assert.rejects(c.deleteComment(bad), (e) => e instanceof TypeError && e.message.startsWith("commentId:"), JSON.stringify(bad));
    await assert.rejects(c.createComment(bad, "x"), TypeError);
    await assert.rejects(c.listUserMedia(bad), TypeError);
  }
  assert.equal(sent, 0);
  for (const good of ["me", "17841405822304914", "aWdfZAG06MTpJR01lc3NhZA2VUaHJlYWQ6MTc4NDE0MDU-_x"]) await c.getUser(good);
  assert.equal(sent, 3);
});

test("timers: a timeout of 2^31 ms or more does not fire at once, nor does a wait of 36,000 minutes", async () => {
  for (const timeoutMs of [2 ** 31, Number.MAX_SAFE_INTEGER]) {
    const c = new InstagramClient({ accessToken: "t", timeoutMs, fetch: async () => { await new Promise((r) => setTimeout(r, 40)); return json(200, { id: "1" }); } });
    assert.deepEqual(await c.getUser("1"), { id: "1" }, `timeoutMs ${timeoutMs}`);
    const per = new InstagramClient({ accessToken: "t", fetch: async () => { await new Promise((r) => setTimeout(r, 40)); return json(200, { id: "1" }); } });
    assert.deepEqual(await per.getUser("1", {}, { timeoutMs }), { id: "1" });
  }
  let n = 0;
  const buc = JSON.stringify({ 1: [{ type: "instagram", call_count: 100, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 36000 }] });
  const fetch = async () => {
    n++;
    return json(400, { error: { message: "limit", code: 80002 } }, { "x-business-use-case-usage": buc });
  };
  const c = new InstagramClient({ accessToken: "t", fetch, maxRetryWaitMs: 9e15 });
  const signal = AbortSignal.timeout(150);
  await assert.rejects(c.getUser("1", {}, { signal }), (e) => e instanceof AbortError);
  assert.equal(n, 1, "still waiting for Meta's 36,000 minutes, not retried after 5 ms");
});

test("a fetch that ignores its signal, or a body that never ends, still times out and aborts", async () => {
  const hang = new InstagramClient({ accessToken: "t", timeoutMs: 100, maxRetries: 0, fetch: () => new Promise(() => {}) });
  const t0 = Date.now();
  await assert.rejects(hang.getUser("1"), (e) => e instanceof TimeoutError && e.timeoutMs === 100);
  assert.ok(Date.now() - t0 < 2000);
  const endless = new InstagramClient({ accessToken: "t", timeoutMs: 100, maxRetries: 0, fetch: async () => ({ status: 200, headers: new Headers(), text: () => new Promise(() => {}) }) });
  await assert.rejects(endless.getUser("1"), TimeoutError);
  const ctl = new AbortController();
  const p = hang.getUser("1", {}, { signal: ctl.signal, timeoutMs: 60_000 });
  setTimeout(() => ctl.abort("stop"), 20);
  await assert.rejects(p, (e) => e instanceof AbortError && e.cause === "stop");
});

test("a response whose headers.get or text() throws is a ConnectionError that says so", async () => {
  const bad = { status: 200, text: async () => "{}", headers: { get() { throw new Error("headers broke"); } } };
  const c = new InstagramClient({ accessToken: "t", maxRetries: 0, fetch: async () => bad });
  await assert.rejects(c.getUser("1"), (e) => e instanceof ConnectionError && /reading the response: Error: headers broke/.test(e.message));
  const t = new InstagramClient({ accessToken: "t", maxRetries: 0, fetch: async () => ({ status: 200, headers: new Headers(), text: async () => { throw new TypeError("body gone"); } }) });
  await assert.rejects(t.getUser("1"), (e) => e instanceof ConnectionError && /reading the response: TypeError: body gone/.test(e.message));
});

test("paging URLs lose their token at every depth: field expansions, generic calls, batch items", async () => {
  const leaky = (u) => `https://graph.facebook.com/v27.0/${u}?access_token=TOKEN-XYZ&appsecret_proof=PROOF-XYZ&limit=2&after=QQ`;
  const body = { id: "1", comments: { data: [{ id: "2", replies: { data: [], paging: { next: leaky("2/replies") } } }], paging: { next: leaky("1/comments"), previous: leaky("1/comments") } } };
  const fetch = async (u, init) => {
    if (init.method === "POST") return json(200, [{ code: 200, headers: [], body: JSON.stringify(body) }]);
    return json(200, body);
  };
  const c = new InstagramClient({ accessToken: "TOKEN-XYZ", fetch });
  for (const r of [await c.getMedia("1", { fields: "comments{id,replies}" }), await c.get("1"), (await c.batch([{ method: "GET", relativeUrl: "1" }]))[0].body]) {
    const text = JSON.stringify(r);
    assert.ok(!text.includes("TOKEN-XYZ") && !text.includes("PROOF-XYZ") && !text.includes("access_token"), text);
    assert.equal(r.comments.paging.next, "https://graph.facebook.com/v27.0/1/comments?limit=2&after=QQ");
    assert.equal(r.comments.data[0].replies.paging.next, "https://graph.facebook.com/v27.0/2/replies?limit=2&after=QQ");
  }
});

test("upload: a 502 page or an empty 500 for a chunk is retried from the server's offset; an offset past the size is an error", async () => {
  const size = 300;
  for (const failure of [() => new Response("<html>502 Bad Gateway</html>", { status: 502 }), () => new Response("", { status: 500 })]) {
    let held = 0;
    let fails = 1;
    const fetch = async (u, init) => {
      if (init.method === "GET") return json(200, { offset: held });
      const n = init.body.byteLength ?? init.body.size;
      if (held === 100 && fails-- > 0) return failure();
      held += n;
      return json(200, { success: true, message: "Upload successful." });
    };
    const c = new InstagramClient({ accessToken: "t", fetch, maxRetryWaitMs: 5 });
    const progress = [];
    const r = await c.uploadVideo("17900000000000001", new Uint8Array(size), { chunkSize: 100, onProgress: (p) => progress.push(p.sentBytes) });
    assert.equal(r.success, true);
    assert.deepEqual(progress, [100, 200, 300]);
    assert.equal(held, size);
  }
  const past = new InstagramClient({ accessToken: "t", fetch: async () => json(200, { offset: 301 }) });
  await assert.rejects(past.uploadVideo("17900000000000001", new Uint8Array(size)), (e) => e instanceof DecodeError && e.path === "offset");
  // a single chunk answered with HTML, every time: a GraphApiError, not a DecodeError after "sent"
  let posts = 0;
  const html = new InstagramClient({ accessToken: "t", maxRetries: 1, maxRetryWaitMs: 5, fetch: async (u, init) => (init.method === "GET" ? json(200, { offset: 0 }) : (posts++, new Response("<html>", { status: 502 }))) });
  await assert.rejects(html.uploadVideo("17900000000000001", new Uint8Array(10)), (e) => e instanceof GraphApiError && e.status === 502);
  assert.equal(posts, 2);
});

test("the paginator's loop guard is bounded: 20,000 pages in fixed memory", async () => {
  const { memory } = initSync();
  let n = 0;
  const fetch = async (u) => {
    n++;
    const after = `C${n}`;
    return json(200, n < 20_000 ? { data: [{ id: String(n) }], paging: { cursors: { after }, next: `https://x/?after=${after}` } } : { data: [{ id: String(n) }] });
  };
  const c = new InstagramClient({ accessToken: "t", fetch });
  let count = 0;
  let at1000 = 0;
  for await (const _ of c.iterUserMedia("1")) {
    if (++count === 1000) at1000 = memory.buffer.byteLength;
  }
  assert.equal(count, 20_000);
  const grown = memory.buffer.byteLength - at1000;
  console.log(`paginator: 20,000 pages, wasm memory ${(at1000 / 2 ** 20).toFixed(1)} MB at page 1,000 and ${(memory.buffer.byteLength / 2 ** 20).toFixed(1)} MB at the end`);
  assert.ok(grown <= 2 ** 16, `wasm memory grew by ${grown} bytes`);
});
