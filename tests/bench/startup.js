// 2. Start-up: cold import in fresh Node processes, and spawn → first Graph answer in real workerd.
import { spawn, execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { OURS, freePort, median, pkgDir, require, root, sleep } from "./lib.js";
import { bundleWorker } from "../js/helpers.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Median ms of `await import(specifier)` in `runs` fresh processes (the import only, not Node's boot). */
export function coldImport(specifier, runs) {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const times = [];
  for (let i = 0; i < runs; i++) {
    times.push(Number(execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, encoding: "utf8" })));
  }
  return { medianMs: median(times), runs, minMs: Math.min(...times), maxMs: Math.max(...times) };
}

async function buildWorker(esbuild, dir, source) {
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(pkgDir, join(dir, "node_modules", OURS), "dir");
  return bundleWorker(esbuild, source, join(dir, "worker.js"), { nodePaths: [join(dir, "node_modules")] });
}

function config(withWasm) {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .w), (name = "loopback", network = (allow = ["local"])) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ] );
const w :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js")${withWasm ? `,
              (name = "instagram_graph_bg.wasm", wasm = embed "instagram_graph_bg.wasm")` : ""} ],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback" );
`;
}

/** One spawn of workerd: ms from spawn() to the first 200 whose body passes `check`. */
async function firstResponse(dir, query, check) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(join(root, "node_modules", ".bin", "workerd"), ["serve", join(dir, "config.capnp"), "--socket-addr", `http=127.0.0.1:${port}`], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  let exited = null;
  child.on("exit", (c) => (exited = c));
  try {
    const deadline = t0 + 30000;
    for (;;) {
      if (exited !== null) throw new Error(`workerd exited ${exited}: ${stderr.slice(0, 500)}`);
      if (performance.now() > deadline) throw new Error(`workerd gave no answer within 30 s: ${stderr.slice(0, 500)}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/?${query}`);
        const body = await res.text();
        if (res.status === 200) {
          const ms = performance.now() - t0;
          check(JSON.parse(body));
          return ms;
        }
        throw new Error(`workerd answered ${res.status}: ${body.slice(0, 300)} ${stderr.slice(0, 1500)}`);
      } catch (e) {
        if (e.cause?.code !== "ECONNREFUSED") throw e;
        await sleep(2);
      }
    }
  } finally {
    child.kill();
    await new Promise((r) => (exited !== null ? r() : child.once("exit", r)));
  }
}

/** Median over `runs` spawns, for the Worker importing the package and for a raw-fetch Worker. */
export async function workerdFirstResponse(sandbox, runs) {
  const esbuild = require("esbuild");
  const base = mkdtempSync(join(tmpdir(), "igw-bench-workerd-"));
  try {
    const query = new URLSearchParams({ sandbox: sandbox.url, ig: sandbox.ids.igUserId }).toString();
    const check = (u) => {
      if (u.id !== sandbox.ids.igUserId || u.username !== sandbox.ids.igUsername) throw new Error(`workerd answered ${JSON.stringify(u)}`);
    };
    const out = {};
    // The README's named import: does the wasm initialisation survive esbuild's tree-shaking?
    const named = join(base, "named");
    await buildWorker(esbuild, named, join(here, "workerd", "named.js"));
    out.namedImportKeepsInit = /initSync\(\{\s*module:/.test(readFileSync(join(named, "worker.js"), "utf8"));
    const workers = [
      [OURS, join(here, "workerd", "worker.js"), true],
      ["baseline", join(here, "workerd", "baseline.js"), false],
    ];
    for (const [name, source, withWasm] of workers) {
      const dir = join(base, name);
      const inputs = await buildWorker(esbuild, dir, source);
      if (withWasm) {
        if (!inputs.some((i) => i.endsWith("/workerd.js"))) throw new Error(`the Worker did not resolve the workerd entry: ${inputs}`);
        copyFileSync(join(pkgDir, "instagram_graph_bg.wasm"), join(dir, "instagram_graph_bg.wasm"));
      }
      writeFileSync(join(dir, "config.capnp"), config(withWasm));
    }
    // Interleaved (ours, baseline, ours, …): a machine that slows down or speeds up during the
    // run moves both alike, so their difference holds.
    const times = Object.fromEntries(workers.map(([name]) => [name, []]));
    for (let i = 0; i < runs; i++) {
      for (const [name] of workers) times[name].push(await firstResponse(join(base, name), query, check));
    }
    for (const [name] of workers) out[name] = { medianMs: median(times[name]), runs, timesMs: times[name] };
    return out;
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}
