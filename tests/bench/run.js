// `make bench`: size, cold start and per-request cost, side by side with the peers, in one run.
// Prints a table and writes target/bench/results.json. Nothing here is a pass/fail test.
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkgDir = join(root, "pkg");
const require = createRequire(join(root, "package.json"));
const TOKEN = "sandbox-token";
const FIELDS = ["id", "caption", "media_type", "media_url", "permalink", "timestamp", "like_count", "comments_count"];
const N = Number(process.env.BENCH_REQUESTS || 2000);
const BLOCKS = 10;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// ---- 1. Size ------------------------------------------------------------------------------
function size() {
  const glue = execFileSync("find", ["snippets", "-name", "*.js"], { cwd: pkgDir, encoding: "utf8" }).trim().split("\n");
  const js = ["browser.js", "api.js", "errors.js", "instagram_graph.js", ...glue].map((f) => readFileSync(join(pkgDir, f)));
  const wasm = readFileSync(join(pkgDir, "instagram_graph_bg.wasm"));
  const jsAll = Buffer.concat(js);
  return {
    wasmRaw: wasm.length,
    wasmGzip: gzipSync(wasm, { level: 9 }).length,
    jsRaw: jsAll.length,
    jsGzip: js.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
  };
}

// ---- 2. Cold import in Node ----------------------------------------------------------------
function coldImport(specifier, runs = 15) {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const times = [];
  for (let i = 0; i < runs; i++) {
    times.push(Number(execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, encoding: "utf8" })));
  }
  return median(times);
}

// ---- 3. Per request ------------------------------------------------------------------------
async function startSandbox(extra = []) {
  const child = spawn(process.execPath, [join(pkgDir, "sandbox", "serve.js"), "--usage-per-call", "0", "--exit-on-stdin-close", ...extra], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    let buf = "";
    child.stdout.on("data", (d) => {
      buf += d;
      const m = buf.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    child.on("exit", (c) => reject(new Error(`sandbox exited ${c}`)));
  });
  return { url, stop: () => child.kill() };
}

async function perRequest(sandboxUrl, igUserId) {
  const ours = await import(pathToFileURL(join(pkgDir, "node.js")));
  const peer = require("instagram-graph-api");
  peer.Constants.API_URL = sandboxUrl;

  const client = new ours.InstagramClient({ accessToken: TOKEN, baseUrl: sandboxUrl });
  const peerClient = new peer.Client(TOKEN, igUserId, "v25.0");
  const rawUrl = `${sandboxUrl}/v25.0/${igUserId}/media?fields=${encodeURIComponent(FIELDS.join(","))}&limit=25&access_token=${TOKEN}`;

  const contenders = {
    "raw fetch + JSON.parse": async () => JSON.parse(await (await fetch(rawUrl)).text()),
    "instagram-graph-wasm": () => client.listUserMedia(igUserId, { fields: FIELDS, limit: 25 }),
    "instagram-graph-api 7": () => peerClient.newGetPageMediaRequest(...FIELDS).withLimit(25).execute(),
  };
  // Each must really return a 25-item page.
  for (const [name, run] of Object.entries(contenders)) {
    const r = await run();
    const items = r.data ?? r.getData?.();
    if (!Array.isArray(items) || items.length !== 25) throw new Error(`${name} did not return a 25-item page`);
  }
  const totals = Object.fromEntries(Object.keys(contenders).map((k) => [k, 0]));
  const perBlock = N / BLOCKS;
  for (let warm = 0; warm < 200; warm++) for (const run of Object.values(contenders)) await run();
  for (let b = 0; b < BLOCKS; b++) {
    const order = Object.keys(contenders);
    if (b % 2) order.reverse();
    for (const name of order) {
      const run = contenders[name];
      const t = performance.now();
      for (let i = 0; i < perBlock; i++) await run();
      totals[name] += performance.now() - t;
    }
  }
  const base = totals["raw fetch + JSON.parse"];
  return Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, { usPerRequest: (v / N) * 1000, ratioToRawFetch: v / base }]));
}

// ---- Run -----------------------------------------------------------------------------------
const results = { date: new Date().toISOString(), node: process.version, requests: N };
results.size = size();
results.coldImportMs = {
  "instagram-graph-wasm": coldImport(pathToFileURL(join(pkgDir, "node.js")).href),
  "instagram-graph-api 7": coldImport(pathToFileURL(require.resolve("instagram-graph-api")).href),
};
const { createSandbox } = await import(pathToFileURL(join(pkgDir, "sandbox", "index.js")));
const ids = createSandbox().ids;
const sb = await startSandbox();
try {
  results.perRequest = await perRequest(sb.url, ids.igUserId);
} finally {
  sb.stop();
}

const s = results.size;
const lines = [
  `instagram-graph-wasm benchmarks (${results.date}, Node ${results.node})`,
  "",
  "Size (what a page or Worker ships)            raw        gzip -9",
  `  wasm                                   ${kb(s.wasmRaw).padStart(10)} ${kb(s.wasmGzip).padStart(12)}`,
  `  JS (entry, api, errors, glue, bindings)${kb(s.jsRaw).padStart(10)} ${kb(s.jsGzip).padStart(12)}`,
  `  total                                  ${kb(s.wasmRaw + s.jsRaw).padStart(10)} ${kb(s.wasmGzip + s.jsGzip).padStart(12)}   (target ≤ 100 KB gzip)`,
  "",
  "Cold import in Node (median of 15 fresh processes)",
  ...Object.entries(results.coldImportMs).map(([k, v]) => `  ${k.padEnd(38)} ${v.toFixed(2).padStart(8)} ms`),
  "",
  `listUserMedia, 25 items, ${N} sequential requests on loopback, ${BLOCKS} interleaved blocks`,
  "                                          µs/request   ratio to raw fetch",
  ...Object.entries(results.perRequest).map(([k, v]) => `  ${k.padEnd(38)} ${v.usPerRequest.toFixed(1).padStart(10)} ${v.ratioToRawFetch.toFixed(3).padStart(12)}`),
];
console.log(lines.join("\n"));
mkdirSync(join(root, "target", "bench"), { recursive: true });
writeFileSync(join(root, "target", "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
console.log(`\nwrote target/bench/results.json`);
