// Run the example in plain workerd (npm `workerd`), the way wrangler would deploy it, plus the
// queue broker and KV store of ./harness.js. Used by the repository's tests and benchmark.
//
//   const w = await startExample({ packageDir, graphBaseUrl, secrets });
//   await fetch(w.url, …); await w.waitIdle(); await w.queueStats(); await w.close();
//
// The Worker is bundled with esbuild as wrangler does (conditions workerd, worker, browser; the
// .wasm left as a module import). `instagram-graph-wasm` resolves to `packageDir`, so tests can
// point at the packed package and benchmarks at a fresh build. The Worker's own outbound fetches
// go to a `network = (allow = ["local"])` service: loopback only.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const exampleDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(exampleDir, "package.json"));
const COMPAT_FLAGS_HARNESS = ["service_binding_extra_handlers"]; // lets the broker call queue()

/**
 * The subset of TOML that wrangler.toml uses here: `[table]`, `[[array.of.tables]]`,
 * `key = "string" | number | true | false`, comments. Anything else throws.
 */
export function readWranglerToml(path = join(exampleDir, "wrangler.toml")) {
  const root = {};
  let table = root;
  for (const [i, raw] of readFileSync(path, "utf8").split("\n").entries()) {
    const line = raw.replace(/^\s+|\s+$/g, "");
    if (line === "" || line.startsWith("#")) continue;
    let m;
    if ((m = line.match(/^\[\[([\w.]+)\]\]$/))) {
      const parts = m[1].split(".");
      const parent = parts.slice(0, -1).reduce((o, k) => (o[k] ??= {}), root);
      table = {};
      (parent[parts.at(-1)] ??= []).push(table);
    } else if ((m = line.match(/^\[([\w.]+)\]$/))) {
      table = m[1].split(".").reduce((o, k) => (o[k] ??= {}), root);
    } else if ((m = line.match(/^([\w-]+)\s*=\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false)\s*(?:#.*)?$/))) {
      table[m[1]] = JSON.parse(m[2]);
    } else {
      throw new Error(`${path}:${i + 1}: unsupported TOML for this reader: ${raw}`);
    }
  }
  return root;
}

export async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

async function waitForHttp(url, child, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode} before ${url} came up`);
    try {
      await fetch(url);
      return;
    } catch (e) {
      if (Date.now() > end) throw new Error(`${url} did not come up: ${e.message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * Bundle `entry` with esbuild, resolving `instagram-graph-wasm` to `packageDir`, with the options
 * wrangler uses. When that bundle has lost the package's wasm initialisation (its entry module
 * imports the .wasm and calls `initSync`, which a `"sideEffects": false` in the package's
 * package.json lets esbuild drop when only named exports are used), bundle again with
 * `ignoreAnnotations` and report it as `initDropped: true`, so callers can flag the package bug
 * and still run.
 */
export async function bundle({ entry, packageDir, outfile }) {
  const esbuild = require("esbuild");
  const modules = mkdtempSync(join(tmpdir(), "igw-modules-"));
  mkdirSync(join(modules, "node_modules"));
  symlinkSync(resolve(packageDir), join(modules, "node_modules", "instagram-graph-wasm"), "dir");
  const build = (extra = {}) =>
    esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: "esm",
      platform: "neutral",
      conditions: ["workerd", "worker", "browser"],
      external: ["*.wasm"],
      nodePaths: [join(modules, "node_modules")],
      outfile,
      metafile: true,
      logLevel: "error",
      ...extra,
    });
  try {
    let result = await build();
    const initDropped = !readFileSync(outfile, "utf8").includes("instagram_graph_bg.wasm");
    if (initDropped) result = await build({ ignoreAnnotations: true });
    return { inputs: Object.keys(result.metafile.inputs), initDropped };
  } finally {
    rmSync(modules, { recursive: true, force: true });
  }
}

const capnpText = (s) => JSON.stringify(String(s));

// workerd drains in-flight requests on SIGTERM and can outlive a crashed test: kill what is left
// when this process exits.
const children = new Set();
process.once("exit", () => {
  for (const c of children) c.kill("SIGKILL");
});

/** Serve a generated capnp config with workerd; `sockets` maps socket names to services. */
export async function serveWorkerd({ dir, services, workers, sockets, experimental = false, echo = false }) {
  const ports = {};
  for (const name of Object.keys(sockets)) ports[name] = await freePort();
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ ${services.join(",\n    ")} ],
  sockets = [ ${Object.entries(sockets).map(([n, s]) => `(name = "${n}", address = "127.0.0.1:0", http = (), service = "${s}")`).join(",\n    ")} ] );
${workers.join("\n")}
`;
  writeFileSync(join(dir, "config.capnp"), config);
  const args = ["serve", join(dir, "config.capnp"), ...(experimental ? ["--experimental"] : [])];
  for (const [n, p] of Object.entries(ports)) args.push("--socket-addr", `${n}=127.0.0.1:${p}`);
  const child = spawn(require.resolve("workerd/bin/workerd"), args, { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  const output = [];
  const keep = (chunk) => {
    if (echo) process.stderr.write(chunk);
    output.push(String(chunk));
    if (output.length > 2000) output.splice(0, output.length - 1000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const urls = Object.fromEntries(Object.entries(ports).map(([n, p]) => [n, `http://127.0.0.1:${p}`]));
  try {
    for (const url of Object.values(urls)) await waitForHttp(`${url}/__up`, child);
  } catch (e) {
    child.kill();
    throw new Error(`${e.message}\n${output.join("")}`);
  }
  return {
    urls,
    pid: child.pid,
    logs: () => output.join(""),
    /** SIGTERM, then SIGKILL after 2 s (a request still hanging would keep workerd alive). */
    close: () =>
      new Promise((r) => {
        if (child.exitCode !== null || child.signalCode !== null) return r();
        const force = setTimeout(() => child.kill("SIGKILL"), 2000);
        child.once("exit", () => {
          clearTimeout(force);
          r();
        });
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Start the example Worker with its harnessed Queue and KV. Options:
 * - `packageDir`: the instagram-graph-wasm package to bundle (a packed install or `pkg/`);
 * - `graphBaseUrl`: where the consumer's client sends Graph calls (the loopback sandbox);
 * - `secrets`: `{ IG_APP_SECRET, IG_VERIFY_TOKEN, IG_ACCESS_TOKEN }` (text bindings, as
 *   `wrangler secret put` makes them); `vars`: overrides of wrangler.toml's [vars];
 * - `delayScale`: multiplies retry delays (default 0.001: a 10 s delay takes 10 ms);
 * - `maxConcurrency`: consumer batches in flight at once (Cloudflare scales this itself).
 */
export async function startExample({ packageDir, graphBaseUrl, secrets, vars = {}, delayScale = 0.001, maxConcurrency = 4, echo = false }) {
  const toml = readWranglerToml();
  const producer = toml.queues.producers.find((p) => p.binding === "EVENTS");
  const consumer = toml.queues.consumers.find((c) => c.queue === producer.queue);
  const kvBinding = toml.kv_namespaces.find((k) => k.binding === "SEEN");
  if (!producer || !consumer || !kvBinding) throw new Error("wrangler.toml lacks the EVENTS producer, its consumer or the SEEN namespace");

  const dir = mkdtempSync(join(tmpdir(), "igw-webhook-worker-"));
  const { inputs, initDropped } = await bundle({ entry: join(exampleDir, toml.main), packageDir, outfile: join(dir, "worker.js") });
  copyFileSync(join(packageDir, "instagram_graph_bg.wasm"), join(dir, "instagram_graph_bg.wasm"));
  copyFileSync(join(exampleDir, "test", "harness.js"), join(dir, "harness.js"));

  const text = { ...toml.vars, ...vars, ...secrets, ...(graphBaseUrl ? { GRAPH_BASE_URL: graphBaseUrl } : {}) };
  const bindings = [
    ...Object.entries(text).map(([k, v]) => `(name = ${capnpText(k)}, text = ${capnpText(v)})`),
    `(name = "EVENTS", queue = "queue")`,
    `(name = "SEEN", kvNamespace = "kv")`,
  ];
  const queueCfg = {
    role: "queue",
    queueName: consumer.queue,
    maxBatchSize: consumer.max_batch_size ?? 10,
    maxRetries: consumer.max_retries ?? 3,
    retryDelaySeconds: consumer.retry_delay ?? 0,
    deadLetterQueue: consumer.dead_letter_queue ?? null,
    delayScale,
    maxConcurrency,
  };
  const server = await serveWorkerd({
    dir,
    experimental: true,
    echo,
    services: [
      `(name = "webhook", worker = .webhook)`,
      `(name = "queue", worker = .queue)`,
      `(name = "kv", worker = .kv)`,
      `(name = "loopback", network = (allow = ["local"]))`,
    ],
    workers: [
      `const webhook :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js"),
              (name = "instagram_graph_bg.wasm", wasm = embed "instagram_graph_bg.wasm") ],
  compatibilityDate = ${capnpText(toml.compatibility_date)},
  bindings = [ ${bindings.join(",\n    ")} ],
  globalOutbound = "loopback" );`,
      `const queue :Workerd.Worker = (
  modules = [ (name = "harness.js", esModule = embed "harness.js") ],
  compatibilityDate = ${capnpText(toml.compatibility_date)},
  compatibilityFlags = ${JSON.stringify(COMPAT_FLAGS_HARNESS)},
  bindings = [ (name = "HARNESS", json = ${capnpText(JSON.stringify(queueCfg))}), (name = "CONSUMER", service = "webhook") ] );`,
      `const kv :Workerd.Worker = (
  modules = [ (name = "harness.js", esModule = embed "harness.js") ],
  compatibilityDate = ${capnpText(toml.compatibility_date)},
  bindings = [ (name = "HARNESS", json = ${capnpText(JSON.stringify({ role: "kv" }))}) ] );`,
    ],
    sockets: { http: "webhook", queue: "queue", kv: "kv" },
  });

  const call = async (url, init) => {
    const res = await fetch(url, init);
    if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const queueStats = (opts = {}) => call(`${server.urls.queue}/__harness/stats${opts.keys ? "?keys" : ""}`);
  return {
    url: server.urls.http,
    dir,
    inputs,
    /** The wrangler-style bundle lost the wasm initialisation (see `bundle`). */
    initDropped,
    config: { toml, queue: queueCfg },
    pid: server.pid,
    logs: server.logs,
    queueStats,
    kvStats: (opts = {}) => call(`${server.urls.kv}/__harness/stats${opts.keys ? "?keys" : ""}`),
    /** Move the KV clock forward (expirations), in seconds. */
    advanceKvClock: (seconds) => call(`${server.urls.kv}/__harness/advance?seconds=${seconds}`, { method: "POST" }),
    /** Make the next `times` producer calls fail (the queue is down). */
    failSends: (times = 1) => call(`${server.urls.queue}/__harness/fail-sends?times=${times}`, { method: "POST" }),
    reset: async () => {
      await call(`${server.urls.queue}/__harness/reset`, { method: "POST" });
      await call(`${server.urls.kv}/__harness/reset`, { method: "POST" });
    },
    /** Resolve once nothing is pending or in flight (retries included). */
    async waitIdle(timeoutMs = 20000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const s = await queueStats();
        if (s.pending === 0 && s.inflight === 0) return s;
        if (Date.now() > end) throw new Error(`the queue did not drain in ${timeoutMs} ms: ${JSON.stringify(s)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
