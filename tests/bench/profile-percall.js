// Where the per-call time of one contender goes: a diagnostic, not part of `make bench`.
//
//   node --cpu-prof --cpu-prof-dir=target/bench/prof tests/bench/profile-percall.js [contender] [endpoint] [n]
//   node tests/bench/profile-percall.js --summary target/bench/prof/<file>.cpuprofile
//
// contender: instagram-graph-wasm (default) | raw | instagram-graph-api | facebook-nodejs-business-sdk
// endpoint: listUserMedia25 (default) | getUser
import { readFileSync } from "node:fs";
import { startSandbox } from "./lib.js";
import { RAW, contenders } from "./percall.js";

if (process.argv[2] === "--summary") {
  // Self time per function, and per script (wasm functions show as `wasm://…` or `wasm-function[…]`).
  const prof = JSON.parse(readFileSync(process.argv[3], "utf8"));
  const dt = new Map();
  prof.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const total = [...dt.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map();
  const byUrl = new Map();
  for (const node of prof.nodes) {
    const t = dt.get(node.id) ?? 0;
    if (!t) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const short = url.replace(/^.*\/(node_modules|pkg|tests)\//, "$1/") || "(native)";
    const fn = `${functionName || "(anonymous)"}  ${short}${lineNumber >= 0 ? `:${lineNumber + 1}` : ""}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + t);
    const group = url.startsWith("node:") ? `node:${url.split(":")[1].split("/")[0]}…` : short;
    byUrl.set(group, (byUrl.get(group) ?? 0) + t);
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
  console.log(`total sampled ${(total / 1000).toFixed(0)} ms\n\nby script:\n${top(byUrl, 15).join("\n")}\n\nby function (self):\n${top(byFn, 30).join("\n")}`);
  process.exit(0);
}

const contender = process.argv[2] === "raw" ? RAW : (process.argv[2] ?? "instagram-graph-wasm");
const endpoint = process.argv[3] ?? "listUserMedia25";
const n = Number(process.argv[4] ?? 3000);
const sb = await startSandbox(["--usage-per-call", "0"]);
try {
  const c = await contenders(sb.url, sb.ids.igUserId);
  const run = c[endpoint].run[contender];
  for (let i = 0; i < 200; i++) await run();
  const t = performance.now();
  for (let i = 0; i < n; i++) await run();
  console.log(`${contender} ${endpoint}: ${(((performance.now() - t) / n) * 1000).toFixed(0)} µs/request over ${n}`);
  c.free();
} finally {
  sb.stop();
}
