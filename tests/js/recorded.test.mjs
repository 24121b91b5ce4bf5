// The corpus of recorded real Graph API answers, usage headers and webhook deliveries
// (tests/fixtures/recorded/, each file naming its source and licence; issue 12), replayed
// over loopback exactly as recorded: status, headers and body bytes. Every typed method must
// return the recorded body unaltered (ids as strings, numbers exact) but for the token Meta
// embeds in paging URLs, follow recorded paging, raise the right error class, read the usage
// headers into `client.rateLimit`; every webhook delivery must parse into events with the
// right field, value and time; every recorded body must type-check under `tsc --strict`.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import * as pkg from "instagram-graph-wasm";

const { InstagramClient, webhooks } = pkg;
const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "..", "fixtures", "recorded");
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => ({ file, ...JSON.parse(readFileSync(join(dir, file), "utf8")) }));
const byFile = new Map(fixtures.map((f) => [f.file, f]));
const http_ = fixtures.filter((f) => f.pages);
const usage = fixtures.filter((f) => f.kind === "usage");
const hooks = fixtures.filter((f) => f.kind === "webhook");

// ---------------------------------------------------------------------------------------------
// The loopback server: serves the current recording's pages in order, as recorded.

let server, baseUrl, current;

before(async () => {
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url, "http://x");
      const raw = Buffer.concat(chunks).toString("utf8");
      const form = raw && /form-urlencoded/.test(req.headers["content-type"] || "") ? Object.fromEntries(new URLSearchParams(raw)) : null;
      const json = raw && /json/.test(req.headers["content-type"] || "") ? JSON.parse(raw) : null;
      current.requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), form: form || json, headers: req.headers });
      const page = current.pages[current.requests.length - 1];
      if (!page) return res.writeHead(599, { "content-type": "text/plain" }).end("no recording for this request");
      const headers = { ...(page.headers || {}) };
      if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json; charset=UTF-8";
      res.writeHead(page.status, headers).end(Buffer.from(page.body, "utf8"));
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((r) => server.close(r)));

function serve(pages) {
  current = { pages, requests: [] };
  return current;
}

const client = () => new InstagramClient({ accessToken: "replay-token", baseUrl, maxRetries: 0 });

// ---------------------------------------------------------------------------------------------
// What the client must hand back: the recorded JSON, with access_token / appsecret_proof removed
// from paging URLs (README: "paging URLs lose their access_token/appsecret_proof").

const SECRET_PARAMS = new Set(["access_token", "appsecret_proof"]);
function stripUrl(u) {
  const q = u.indexOf("?");
  if (q < 0) return u;
  const kept = u.slice(q + 1).split("&").filter((kv) => !SECRET_PARAMS.has(decodeURIComponent(kv.split("=")[0]).toLowerCase()));
  return kept.length ? `${u.slice(0, q)}?${kept.join("&")}` : u.slice(0, q);
}
function stripPaging(v) {
  if (Array.isArray(v)) return v.map(stripPaging);
  if (v && typeof v === "object") {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = k === "paging" && x && typeof x === "object"
        ? Object.fromEntries(Object.entries(x).map(([pk, pv]) => [pk, typeof pv === "string" && (pk === "next" || pk === "previous") ? stripUrl(pv) : stripPaging(pv)]))
        : stripPaging(x);
    }
    return out;
  }
  return v;
}

/** Every number literal of a JSON text (outside strings), as written. */
function numberLiterals(text) {
  const out = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
      out.push(m[0]);
      i += m[0].length - 1;
    }
  }
  return out;
}

/** Every number of a value, depth first (the same order as the literals of its JSON text). */
function numbersOf(v, out = []) {
  if (typeof v === "number") out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => numbersOf(x, out));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => numbersOf(x, out));
  return out;
}

function checkNumbersExact(raw, label) {
  for (const lit of numberLiterals(raw)) {
    const n = Number(lit);
    if (/^-?\d+$/.test(lit)) assert.ok(Number.isSafeInteger(n), `${label}: the integer ${lit} does not survive as a JS number (finding)`);
    else assert.ok(Number.isFinite(n), `${label}: ${lit}`);
  }
}

/** ids (`id`, `*_id`) that are strings in the recording stay strings, at every depth. */
function checkIdsAreStrings(expected, actual, label, path = "") {
  if (Array.isArray(expected)) return expected.forEach((x, i) => checkIdsAreStrings(x, actual?.[i], label, `${path}[${i}]`));
  if (expected && typeof expected === "object") {
    for (const [k, x] of Object.entries(expected)) {
      if ((k === "id" || k.endsWith("_id")) && typeof x === "string") assert.equal(typeof actual?.[k], "string", `${label}: ${path}.${k} is not a string`);
      else checkIdsAreStrings(x, actual?.[k], label, `${path}.${k}`);
    }
  }
}

function at(v, path) {
  return path ? path.split(".").reduce((o, k) => o?.[k], v) : v;
}

function checkRequests(fx, log, version) {
  fx.pages.slice(0, log.requests.length).forEach((page, i) => {
    const got = log.requests[i];
    const want = page.request;
    if (!want) return;
    assert.equal(got.method, want.method, `${fx.file}: request ${i + 1} method`);
    assert.equal(got.path, `/${version}${want.path}`, `${fx.file}: request ${i + 1} path`);
    const params = { ...got.query, ...(got.form || {}) };
    for (const [k, v] of Object.entries(want.query || {})) assert.equal(String(params[k]), v, `${fx.file}: request ${i + 1} parameter ${k}`);
    const token = params.access_token || got.headers.authorization;
    assert.ok(token && String(token).includes("replay-token"), `${fx.file}: request ${i + 1} carries the token`);
  });
}

// ---------------------------------------------------------------------------------------------

test("the corpus: every fixture names its source and licence, and its bodies are JSON", () => {
  assert.ok(fixtures.length >= 40, `${fixtures.length} fixtures`);
  for (const fx of fixtures) {
    assert.ok(typeof fx.source === "string" && fx.source.length > 10, `${fx.file}: source`);
    assert.ok(typeof fx.licence === "string" && fx.licence.length > 2, `${fx.file}: licence`);
    for (const p of fx.pages || []) {
      assert.equal(typeof p.body, "string", `${fx.file}: a body is the recorded text`);
      JSON.parse(p.body);
    }
    if (fx.kind === "webhook") JSON.parse(fx.body);
    if (fx.bodyFrom) assert.ok(byFile.has(fx.bodyFrom), `${fx.file}: bodyFrom`);
  }
});

describe("typed operations return the recorded answers", () => {
  for (const fx of http_.filter((f) => !f.expectError)) {
    test(`${fx.file}: ${fx.operation}`, async () => {
      const ig = client();
      try {
        const log = serve(fx.pages);
        const result = await ig[fx.operation](...fx.args);
        const raw = fx.pages[0].body;
        checkNumbersExact(raw, fx.file);
        const expected = fx.expectResult !== undefined ? fx.expectResult : at(stripPaging(JSON.parse(raw)), fx.resultPath);
        assert.deepEqual(result, expected);
        checkIdsAreStrings(expected, result, fx.file);
        assert.doesNotMatch(JSON.stringify(result), /access_token|appsecret_proof/i, "no token left in the result");
        assert.equal(log.requests.length, 1, `${fx.file}: one request`);
        checkRequests(fx, log, ig.apiVersion);
      } finally {
        ig.free();
      }
    });
  }
});

describe("pagination follows the recorded paging", () => {
  for (const fx of http_.filter((f) => f.iterOperation)) {
    test(`${fx.file}: ${fx.iterOperation} over ${fx.pages.length} recorded pages`, async () => {
      const ig = client();
      try {
        const log = serve(fx.pages);
        const items = [];
        for await (const item of ig[fx.iterOperation](...fx.args)) items.push(item);
        const expected = fx.pages.flatMap((p) => stripPaging(JSON.parse(p.body)).data);
        assert.deepEqual(items, expected);
        checkIdsAreStrings(expected, items, fx.file);
        assert.equal(log.requests.length, fx.pages.length, "one request a recorded page, then stop (no paging.next)");
        checkRequests(fx, log, ig.apiVersion);
        // each next request carries the previous page's recorded cursor
        for (let i = 1; i < fx.pages.length; i++) {
          const after = JSON.parse(fx.pages[i - 1].body).paging.cursors.after;
          assert.equal(log.requests[i].query.after, after, `page ${i + 1} asks after the recorded cursor`);
        }
      } finally {
        ig.free();
      }
    });
  }
});

const ERROR_PROPS = ["code", "subcode", "type", "fbtraceId", "userTitle", "userMessage", "isTransient", "status", "retryAfterMs"];

describe("recorded error bodies give the right error class", () => {
  for (const fx of http_.filter((f) => f.expectError)) {
    const want = fx.expectError;
    test(`${fx.file}: ${fx.operation} → ${want.class} ${want.code}/${want.subcode}`, async () => {
      const ig = client();
      try {
        const log = serve(fx.pages);
        const err = await ig[fx.operation](...fx.args).then(
          (r) => assert.fail(`resolved with ${JSON.stringify(r)}`),
          (e) => e,
        );
        const C = pkg[want.class];
        assert.ok(C, `the package exports ${want.class}`);
        assert.ok(err instanceof C, `${err?.constructor?.name}: ${err?.message} is not a ${want.class}`);
        assert.equal(err.constructor.name, want.class, "the most specific class");
        assert.ok(err instanceof pkg.GraphApiError);
        for (const k of ERROR_PROPS) if (k in want) assert.deepEqual(err[k], want[k], `${k}`);
        assert.deepEqual(err.body, JSON.parse(fx.pages[0].body), "the error body as recorded");
        assert.equal(log.requests.length, 1, "not retried");
        checkRequests(fx, log, ig.apiVersion);
      } finally {
        ig.free();
      }
    });
  }
});

describe("recorded usage headers give client.rateLimit", () => {
  for (const fx of usage) {
    // A recording the package does not yet read as issue 12 asks is a known finding: reported as TODO.
    test(`${fx.file}: ${Object.keys(fx.headers).join(", ")}`, { todo: fx.knownFinding }, async () => {
      const ig = client();
      try {
        const src = byFile.get(fx.bodyFrom);
        const page = { ...src.pages[0], headers: { ...(src.pages[0].headers || {}), ...fx.headers } };
        serve([page]);
        const t0 = Date.now();
        assert.equal(ig.rateLimit, null);
        await ig[fx.operation](...fx.args);
        const rl = ig.rateLimit;
        assert.ok(rl, "rateLimit set");
        for (const [k, v] of Object.entries(fx.expectRateLimit)) assert.deepEqual(rl[k], v, k);
        for (const k of ["app", "businessUseCase"]) if (!(k in fx.expectRateLimit)) assert.equal(rl[k], undefined, `${k} absent`);
        assert.ok(rl.updatedAt >= t0 && rl.updatedAt <= Date.now() + 1, "updatedAt");
      } finally {
        ig.free();
      }
    });
  }
});

describe("recorded webhook deliveries parse into their events", () => {
  for (const fx of hooks) {
    test(`${fx.file}: ${fx.expect.map((e) => e.field).join(", ")}`, () => {
      checkNumbersExact(fx.body, fx.file);
      const d = webhooks.parse(fx.body);
      assert.equal(d.object, "instagram");
      const got = d.entries.flatMap((entry) => entry.events.map((ev) => ({ entryId: entry.id, time: entry.time, field: ev.field, value: ev.value })));
      assert.equal(got.length, fx.expect.length, "one event per recorded change or messaging item");
      fx.expect.forEach((want, i) => {
        assert.equal(got[i].field, want.field, `event ${i + 1} field`);
        assert.equal(got[i].entryId, want.entryId, `event ${i + 1} entry id`);
        assert.equal(got[i].time, want.timeMs, `event ${i + 1} time in ms`);
        assert.deepEqual(got[i].value, at(JSON.parse(fx.body), want.valuePath), `event ${i + 1} value as delivered`);
        checkIdsAreStrings(at(JSON.parse(fx.body), want.valuePath), got[i].value, fx.file);
      });
      // the signature check works over the exact recorded bytes
      assert.equal(webhooks.verifySignature(fx.body, webhooks.sign(fx.body, "replay-secret"), "replay-secret"), true);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Types: every recorded body, as a literal, against index.d.ts under --strict (excess-property
// checks included), and where a fixture says `methodResult`, against the method's declared result
// type too. A fixture's `knownTypeFinding` marks a type that rejects real data: that line
// carries @ts-expect-error, so the test fails once the type is fixed.

const oneLine = (json) => json.replace(/\r?\n[ \t]*/g, "");

test("every recorded body type-checks against index.d.ts under --strict", () => {
  const lines = [
    "// Generated by tests/js/recorded.test.mjs from tests/fixtures/recorded/ (do not edit).",
    "import type { InstagramClient, IgUser, IgMedia, IgComment, IgHashtag, IgContainer, InsightsResult, Page, PublishingLimit, WebhookEvent, BusinessUseCaseUsage, AppUsage, RateLimitState } from \"instagram-graph-wasm\";",
  ];
  const where = new Map();
  const add = (label, line) => {
    lines.push(line);
    where.set(lines.length, label);
  };
  let n = 0;
  for (const fx of http_.filter((f) => !f.expectError)) {
    fx.pages.forEach((p, i) => {
      add(`${fx.file} page ${i + 1} as ${fx.type}`, `export const f${n++}: ${fx.type} = ${oneLine(p.body)};`);
      if (fx.methodResult) {
        add(`${fx.file} page ${i + 1} as ${fx.operation}'s declared result`, `export const f${n++}: Awaited<ReturnType<InstagramClient["${fx.operation}"]>> = ${oneLine(p.body)};`);
      }
    });
  }
  for (const fx of usage) {
    const rl = fx.expectRateLimit;
    if (rl.app && fx.knownTypeFinding) lines.push(`// @ts-expect-error ${fx.knownTypeFinding}`);
    if (rl.app) add(`${fx.file} x-app-usage`, `export const f${n++}: AppUsage = ${JSON.stringify(rl.app)};`);
    if (rl.businessUseCase) add(`${fx.file} x-business-use-case-usage`, `export const f${n++}: RateLimitState["businessUseCase"] = ${fx.headers["x-business-use-case-usage"] ?? fx.headers["X-Business-Use-Case-Usage"]};`);
  }
  for (const fx of hooks) {
    const body = JSON.parse(fx.body);
    fx.expect.forEach((e, i) => {
      if (fx.knownTypeFinding) lines.push(`// @ts-expect-error ${fx.knownTypeFinding}`);
      add(`${fx.file} event ${i + 1} (${e.field})${fx.knownTypeFinding ? " (known finding)" : ""}`, `export const f${n++}: WebhookEvent = { field: ${JSON.stringify(e.field)}, value: ${JSON.stringify(at(body, e.valuePath))} };`);
    });
  }
  const tmp = mkdtempSync(join(here, "types", ".recorded-"));
  try {
    writeFileSync(join(tmp, "recorded.ts"), `${lines.join("\n")}\n`);
    writeFileSync(join(tmp, "tsconfig.json"), JSON.stringify({ extends: "../tsconfig.json", files: ["recorded.ts"] }));
    const tsc = join(here, "..", "..", "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", join(tmp, "tsconfig.json")], { encoding: "utf8" });
    const errors = (r.stdout + r.stderr).split("\n").filter((l) => /error TS\d+/.test(l));
    const explained = errors.map((l) => {
      const m = /recorded\.ts\((\d+),\d+\)/.exec(l);
      return `${m ? where.get(Number(m[1])) ?? `line ${m[1]}` : "?"}: ${l.replace(/^.*error /, "error ")}`;
    });
    assert.equal(r.status, 0, `recorded bodies that do not type-check:\n${explained.join("\n")}\n${errors.length ? "" : r.stdout + r.stderr}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
