// `make bench`: size, start-up, per-call cost and whole tasks, side by side with the peers
// (`instagram-graph-api` and Meta's `facebook-nodejs-business-sdk`), plus webhooks when
// tests/bench/webhooks.js exists. Prints one table with the targets and writes
// target/bench/results.json (and, on a full default run, tests/bench/results.json for the README).
// Nothing here is a pass/fail test: ✗ marks a missed target, the exit code stays 0.
//
// The targets are issue 11's: size ≤ 80 KB gzip; cold import ≤ 0.7× instagram-graph-api's; workerd
// first answer within 10 ms of a Worker without the package; per call ≤ 1.05× raw fetch and below
// every peer; export ≥ 10× the fastest peer configuration in ≤ 15 requests with no rate-limit
// error; webhooks (tests/bench/webhooks.js); memory and time flat over long runs.
//
// Knobs for development (keep runs short on a shared machine): BENCH_ONLY=size,startup,percall,
// tasks,webhooks,memory  BENCH_REQUESTS=2000  BENCH_COLD_RUNS=15  BENCH_WORKERD_RUNS=11  BENCH_OURS_TASK_RUNS=3
// BENCH_WEBHOOK_DELIVERIES=20000  BENCH_WEBHOOK_CONCURRENCY=64 (the load test the webhooks issue asks for)
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { OURS, PEER1, PEER2, pkgDir, require, root, startSandbox, version } from "./lib.js";
import { memory } from "./memory.js";
import { size } from "./size.js";
import { coldImport, workerdFirstResponse } from "./startup.js";
import { RAW, contenders, measure } from "./percall.js";
import { sandboxArgs, tasks, USAGE_PER_CALL, LATENCY_MS, MEDIA_COUNT, MODERATE_POSTS, WORDS, PEER1_CONCURRENT, PEER1_IN_FLIGHT } from "./tasks.js";

const here = dirname(fileURLToPath(import.meta.url));
const env = (name, dflt) => (process.env[name] === undefined ? dflt : Number(process.env[name]));
const N = env("BENCH_REQUESTS", 2000);
const BLOCKS = 20;
const COLD_RUNS = env("BENCH_COLD_RUNS", 15);
const WORKERD_RUNS = env("BENCH_WORKERD_RUNS", 11);
const OURS_TASK_RUNS = env("BENCH_OURS_TASK_RUNS", 3);
const WEBHOOK_DELIVERIES = env("BENCH_WEBHOOK_DELIVERIES", 20000);
const WEBHOOK_CONCURRENCY = env("BENCH_WEBHOOK_CONCURRENCY", 64);
const WEBHOOK_TIMEOUT_MS = 420000; // 20,000 deliveries take about 2–3 minutes on 2 cores
const ALL = ["size", "startup", "percall", "tasks", "webhooks", "memory"];
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(",").map((s) => s.trim()) : ALL;
const fullRun = ALL.every((s) => only.includes(s)) && N === 2000 && COLD_RUNS === 15 && WORKERD_RUNS === 11 && OURS_TASK_RUNS >= 3;
const step = (msg) => process.stderr.write(`bench: ${msg}\n`);
const t0 = performance.now();

const results = {
  date: new Date().toISOString(),
  node: process.version,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load ${loadavg()[0].toFixed(1)} at start`,
  versions: { [OURS]: version(pkgDir), [PEER1]: version(PEER1), [PEER2]: version(PEER2) },
  targets: [],
};

// ---- Run ------------------------------------------------------------------------------------
if (only.includes("size")) {
  step("size: esbuild bundles for the browser");
  results.size = await size();
}
if (only.includes("startup")) {
  step(`start-up: cold import, ${COLD_RUNS} fresh processes each`);
  results.coldImportMs = {
    [OURS]: coldImport(pathToFileURL(join(pkgDir, "node.js")).href, COLD_RUNS),
    [PEER1]: coldImport(pathToFileURL(require.resolve(PEER1)).href, COLD_RUNS),
    [PEER2]: coldImport(pathToFileURL(require.resolve(PEER2)).href, COLD_RUNS),
  };
}
if (only.includes("startup") || only.includes("percall")) {
  const sb = await startSandbox(["--usage-per-call", "0"]);
  try {
    if (only.includes("startup")) {
      step(`start-up: workerd spawn → first answer, ${WORKERD_RUNS} spawns each`);
      results.workerdFirstResponseMs = await workerdFirstResponse(sb, WORKERD_RUNS);
    }
    if (only.includes("percall")) {
      step(`per call: ${N} sequential requests per contender and endpoint`);
      const c = await contenders(sb.url, sb.ids.igUserId);
      try {
        results.perCall = { requests: N, blocks: BLOCKS };
        for (const endpoint of ["getUser", "listUserMedia25"]) results.perCall[endpoint] = await measure(c[endpoint], N, BLOCKS);
      } finally {
        c.free();
      }
    }
  } finally {
    sb.stop();
  }
}
if (only.includes("tasks")) {
  step("whole tasks: export then moderate, every contender on a fresh account budget (~1 min)");
  const sb = await startSandbox(sandboxArgs());
  try {
    results.tasks = await tasks(sb, { oursRuns: OURS_TASK_RUNS });
  } finally {
    sb.stop();
  }
}
if (only.includes("webhooks")) {
  const file = process.env.BENCH_WEBHOOKS_MODULE || join(here, "webhooks.js");
  if (!existsSync(file)) results.webhooks = { available: false };
  else {
    step(`webhooks: benchWebhooks({ deliveries: ${WEBHOOK_DELIVERIES}, concurrency: ${WEBHOOK_CONCURRENCY} })`);
    try {
      const { benchWebhooks } = await import(pathToFileURL(file).href);
      let timer;
      const out = await Promise.race([
        benchWebhooks({ deliveries: WEBHOOK_DELIVERIES, concurrency: WEBHOOK_CONCURRENCY }),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no result within ${WEBHOOK_TIMEOUT_MS / 1000} s`)), WEBHOOK_TIMEOUT_MS))),
      ]).finally(() => clearTimeout(timer));
      results.webhooks = { available: true, deliveries: WEBHOOK_DELIVERIES, concurrency: WEBHOOK_CONCURRENCY, results: out };
    } catch (e) {
      results.webhooks = { available: true, error: String(e?.stack ?? e) };
    }
  }
}
if (only.includes("memory")) {
  step("memory: 100,000 items over 40,000 pages, 50,000 calls, 20,000 webhook parses (in-process fetch)");
  results.memory = await memory();
}
results.totalSeconds = (performance.now() - t0) / 1000;

// ---- Table ----------------------------------------------------------------------------------
const KB = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 2 : 0)} ms`);
const rows = [];
const notes = [];
const note = (text) => {
  notes.push(text);
  return `[${notes.length}]`;
};
const section = (title) => rows.push({ section: title });
const row = (label, cells, target = "", ok = null, detail = "") => rows.push({ label, cells, target, mark: ok === null ? "" : `${ok ? "✓" : "✗"}${detail ? ` ${detail}` : ""}` });
const targetOf = (name, target, value, ok) => {
  results.targets.push({ name, target, value, ok });
  return ok;
};
const NAMES = [OURS, PEER1, PEER2];

if (results.size) {
  const s = results.size;
  section("Size: browser bundle (esbuild: package `browser` entry, minify, ESM), gzip -9 per file");
  const p2 = s[PEER2];
  const p2cell = p2.bundled ? KB(p2.jsGzip) : `✗ cannot bundle ${note(`${PEER2}: ${p2.why}.${p2.stubbed ? ` With those stubbed out, its bundle would be ${KB(p2.stubbed.jsRaw)} minified, ${KB(p2.stubbed.jsGzip)} gzip.` : ""}`)}`;
  row("JS bundle", [KB(s[OURS].jsGzip), KB(s[PEER1].jsGzip), p2cell]);
  row("wasm (its own file)", [KB(s[OURS].wasmGzip), "—", "—"]);
  const total = s[OURS].totalGzip;
  row("total a page downloads", [KB(total), KB(s[PEER1].totalGzip), p2.bundled ? KB(p2.totalGzip) : "—"], "≤ 80 KB gzip", targetOf("size: total gzip ≤ 80 KB", 80 * 1024, total, total <= 80 * 1024));
  if (!s[OURS].initKept) {
    note(`our bundle lacks browser.js's \`await init(…)\`: the package's package.json says "sideEffects": false, so esbuild (like webpack and rollup) drops the entry module's top-level initialisation; a bundled page then fails on \`new InstagramClient()\` (wasm never instantiated). Sizes above are otherwise unaffected (the call is a few bytes).`);
  }
  if (s[OURS].warnings.length) note(`esbuild warns on our package: ${s[OURS].warnings.join("; ")}`);
}
if (results.coldImportMs || results.workerdFirstResponseMs) {
  section("Start-up");
  if (results.coldImportMs) {
    const c = results.coldImportMs;
    const ratio = c[OURS].medianMs / c[PEER1].medianMs;
    row(`cold import in Node (median of ${COLD_RUNS} processes)`, NAMES.map((n) => ms(c[n].medianMs)), `≤ 0.7× ${PEER1}`, targetOf("start-up: cold import ≤ 0.7× instagram-graph-api", 0.7, ratio, ratio <= 0.7), `${ratio.toFixed(2)}×`);
  }
  if (results.workerdFirstResponseMs) {
    const w = results.workerdFirstResponseMs;
    row(`workerd: spawn → first Graph answer (median of ${WORKERD_RUNS})`, [ms(w[OURS].medianMs), "—", "—"]);
    const extra = w[OURS].medianMs - w.baseline.medianMs;
    row("  same Worker with raw fetch, no package", [ms(w.baseline.medianMs), "", ""], "≤ 10 ms more", targetOf("start-up: workerd first answer ≤ 10 ms more than without the package", 10, extra, extra <= 10), `+${extra.toFixed(1)} ms`);
    if (!w.namedImportKeepsInit) {
      note(`workerd: a Worker written as the README shows (\`import { InstagramClient } from "instagram-graph-wasm"\`) and bundled with esbuild through the \`workerd\` condition loses workerd.js's \`initSync(...)\` ("sideEffects": false) and answers 500 "Cannot read properties of undefined (reading 'instagramclient_new')"; the timed Worker uses \`import * as ig\`, which keeps it.`);
    }
  }
}
if (results.perCall) {
  const pc = results.perCall;
  section(`Per call: ${pc.getUser[RAW].requests} sequential requests each on loopback in ${pc.blocks} interleaved rounds; median over rounds of × raw fetch + JSON.parse (µs/request)`);
  for (const [endpoint, label] of [
    ["getUser", "getUser (9 fields)"],
    ["listUserMedia25", "listUserMedia, a 25-item page"],
  ]) {
    const r = pc[endpoint];
    const cell = (n) => `${r[n].ratioToRawFetch.toFixed(3)}× (${r[n].usPerRequest.toFixed(0)} µs)`;
    const ours = r[OURS].ratioToRawFetch;
    const ok = ours <= 1.05 && ours < r[PEER1].ratioToRawFetch && ours < r[PEER2].ratioToRawFetch;
    row(label, NAMES.map(cell), "≤ 1.05× and < every peer", targetOf(`per call: ${endpoint} ≤ 1.05× raw and below peers`, 1.05, ours, ok));
    row(`  raw fetch + JSON.parse`, [`${r[RAW].usPerRequest.toFixed(0)} µs`, "", ""]);
    row(`  client CPU × raw (this process only)`, NAMES.map((n) => `${r[n].clientCpuRatio.toFixed(3)}× (${r[n].clientCpuUsPerRequest.toFixed(0)} µs)`));
  }
}
if (results.tasks) {
  const { setup, results: tr } = results.tasks;
  section(
    `Whole tasks: sandbox with ${LATENCY_MS} ms latency, ${MEDIA_COUNT} media, usage +${USAGE_PER_CALL} %/call (80002 after ${setup.budgetCalls} calls); export then moderate on one account budget ${note(
      `Usage: each Graph call adds ${USAGE_PER_CALL} points, a batch item being a call (as on Meta), so an account affords ${setup.budgetCalls} calls before error 80002. The export costs a client that asks each post for its insights 505 calls (5 list pages + 500 insights), ours 5 (the insights ride along with the pages as the field expansion \`insights.metric(…)\`); moderation costs a one-request-per-item client 1 + ${MODERATE_POSTS} comment reads + ${setup.expectedHides} hides more, which no longer fit, and ours 1 + ${setup.expectedHides}. Ours: median of ${setup.oursRuns} runs (above 90 % it went one request at a time: ${tr[OURS].slowedDown ? "yes" : "no"}; it never sends calls whose projected usage reaches 100 %); peers: one run each, one request per item, carrying on past failures. Word list ${JSON.stringify(WORDS)}: ${setup.expectedHides} of the ${setup.expectedComments} comments of the ${MODERATE_POSTS} newest posts match and are not yet hidden.`,
    )}`,
  );
  note(
    `On errors: ${PEER1} never looks at the HTTP status, so an 80002 body comes back as a "response" (insights parsing throws a TypeError, comments' getData() is undefined, a hide's wasSuccessful() is undefined); ${PEER2} throws FacebookRequestError. Both peers were pointed at the sandbox through their global base URL (${PEER1}: Constants.API_URL; ${PEER2}: the FacebookAdsApi.GRAPH getter), ${PEER2} initialised with crash_log=false (its crash reporter would hook uncaughtException and post to Meta).`,
  );
  // The fastest peer configuration: instagram-graph-api also with ${PEER1_IN_FLIGHT} requests in flight.
  const peers = [PEER1, PEER1_CONCURRENT, PEER2];
  const fastestPeer = (task) => Math.min(...peers.map((p) => tr[p][task].wallMs));
  const fewestPeer = (task) => Math.min(...peers.map((p) => tr[p][task].httpRequests));
  for (const [task, title, what] of [
    ["export", "export an account", `${MEDIA_COUNT} items × reach/likes/saved/shares`],
    ["moderate", "moderate", `${MODERATE_POSTS} posts' comments read, matches hidden`],
  ]) {
    const o = tr[OURS][task];
    const speed = fastestPeer(task) / o.wallMs;
    row(`${title}: wall time`, NAMES.map((n) => ms(tr[n][task].wallMs)), "≥ 10× faster than fastest peer", targetOf(`${task}: ≥ 10× faster`, 10, speed, speed >= 10), `${speed.toFixed(1)}×`);
    const c = tr[PEER1_CONCURRENT][task];
    row(`  ${PEER1}, ${PEER1_IN_FLIGHT} requests in flight: wall time, requests, rate-limit errors, verified`, ["", `${ms(c.wallMs)}, ${c.httpRequests}, ${c.rateLimitErrors}, ${c.verified ? "✓" : `✗ ${note(`${PEER1_CONCURRENT}, ${task}: ${c.problem}`)}`}`, ""]);
    const fewer = fewestPeer(task) / o.httpRequests;
    if (task === "export") {
      row(`  HTTP requests`, NAMES.map((n) => String(tr[n][task].httpRequests)), "≤ 15", targetOf("export: ≤ 15 HTTP requests", 15, o.httpRequests, o.httpRequests <= 15), `${fewer.toFixed(1)}× fewer`);
    } else {
      row(`  HTTP requests`, NAMES.map((n) => String(tr[n][task].httpRequests)), "≥ 10× fewer than fewest peer", targetOf(`${task}: ≥ 10× fewer HTTP requests`, 10, fewer, fewer >= 10), `${fewer.toFixed(1)}×`);
    }
    row(`  Graph calls made (a batch item is one)`, NAMES.map((n) => String(tr[n][task].graphCalls)));
    row(`  usage after (x-business-use-case-usage)`, NAMES.map((n) => `${tr[n][task].usageAfter} %`));
    row(`  rate-limit errors received`, NAMES.map((n) => String(tr[n][task].rateLimitErrors)), "0", targetOf(`${task}: no rate-limit error`, 0, o.rateLimitErrors, o.rateLimitErrors === 0));
    row(
      `  result verified (${what})`,
      NAMES.map((n) => (tr[n][task].verified ? "✓" : `✗ ${note(`${n}, ${task}: ${tr[n][task].problem}`)}`)),
      "complete and correct",
      targetOf(`${task}: result verified`, true, o.verified, o.verified),
    );
  }
}
if (results.webhooks) {
  const w = results.webhooks;
  if (!w.available) rows.push({ section: "webhooks: not available" });
  else if (w.error) rows.push({ section: `webhooks: failed: ${w.error.split("\n")[0]}` });
  else {
    section(`Webhooks (tests/bench/webhooks.js, ${w.deliveries} deliveries, concurrency ${w.concurrency})`);
    const fmt = (v) => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : typeof v === "boolean" ? (v ? "yes" : "no") : String(v));
    const walk = (prefix, v) => {
      if (v && typeof v === "object" && !Array.isArray(v) && "value" in v && ("target" in v || "ok" in v)) {
        row(prefix, [fmt(v.value), "", ""], v.target === undefined ? "" : fmt(v.target), typeof v.ok === "boolean" ? targetOf(`webhooks: ${prefix}`, v.target, v.value, v.ok) : null);
      } else if (v && typeof v === "object" && !Array.isArray(v)) {
        for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
      } else row(prefix, [Array.isArray(v) ? JSON.stringify(v) : fmt(v), "", ""]);
    };
    walk("", w.results);
  }
}

if (results.memory) {
  const m = results.memory;
  section("Memory and time over long runs (in this process, an in-memory fetch): wasm memory after the first tenth → at the end; time of the last tenth ÷ the first");
  for (const [key, label] of [
    ["paginate", `paginate ${m.paginate.items.toLocaleString("en")} items over ${m.paginate.pages.toLocaleString("en")} pages`],
    ["calls", "50,000 getUser calls"],
    ["parses", `20,000 webhook parses (${m.parses.bodyBytes} B)`],
  ]) {
    const r = m[key];
    const cell = `${(r.memoryBytes.afterFirstTenth / 2 ** 20).toFixed(2)} → ${(r.memoryBytes.atEnd / 2 ** 20).toFixed(2)} MB, ${r.msPerTenth.lastOverFirst.toFixed(2)}×`;
    row(label, [cell, "", ""], "flat", targetOf(`memory: ${key} flat`, true, r.flat, r.flat));
  }
}

const header = { label: "", cells: [OURS, `${PEER1} ${results.versions[PEER1]}`, `${PEER2} ${results.versions[PEER2]}`], target: "target", mark: "" };
const body = rows.filter((r) => !r.section);
const widths = [
  Math.max(...[header, ...body].map((r) => r.label.length)),
  ...[0, 1, 2].map((i) => Math.max(...[header, ...body].map((r) => r.cells[i].length))),
  Math.max(...[header, ...body].map((r) => r.target.length)),
];
const line = (r) => [r.label.padEnd(widths[0]), ...r.cells.map((c, i) => c.padStart(widths[i + 1])), r.target.padEnd(widths[4]), r.mark].join("  ").trimEnd();
const out = [`instagram-graph-wasm ${results.versions[OURS]} benchmarks (${results.date}, Node ${results.node}, ${results.machine}, ${results.totalSeconds.toFixed(0)} s)`, "", line(header)];
for (const r of rows) out.push(r.section ? `\n${r.section}` : line(r));
if (notes.length) out.push("", ...notes.map((n, i) => `[${i + 1}] ${n}`));
const met = results.targets.filter((t) => t.ok).length;
out.push("", `targets met: ${met} of ${results.targets.length}`);
console.log(out.join("\n"));

mkdirSync(join(root, "target", "bench"), { recursive: true });
const json = JSON.stringify(results, null, 2) + "\n";
writeFileSync(join(root, "target", "bench", "results.json"), json);
console.log("\nwrote target/bench/results.json");
if (fullRun) {
  writeFileSync(join(here, "results.json"), json);
  console.log("wrote tests/bench/results.json");
}
