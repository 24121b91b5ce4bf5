// examples/webhook-worker under Miniflare (npm `miniflare`, the local Workers runtime that
// wrangler 4.86.0 bundles): its wrangler.toml becomes Miniflare's options, so the Worker gets
// Cloudflare's own local Queue (producer, consumer, retries, dead-letter queue) and its
// SQLite-backed Durable Object, with alarms. Used by tests/js/webhook-worker.test.mjs and the
// load test of tests/bench/webhooks.js.
//
//   const w = await startExample({ packageDir, graphBaseUrl, secrets });
//   await fetch(w.url, …); await w.ledger.waitFor(n); w.ledger.runs(key); await w.close();
//
// What the tests add, and why: the Worker is loaded through ./observed.js, which re-exports the
// example's Worker and Durable Object and records what the consumer did (which rule ran for which
// event, and which messages it acked or retried) into the ledger below, once per batch. It also
// consumes the dead-letter queue, to count what lands there. Nothing in between is replaced.
import { createRequire } from "node:module";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
export const exampleDir = join(root, "examples", "webhook-worker");
const require = createRequire(join(root, "package.json"));
const { Miniflare, Log, LogLevel } = require("miniflare");
const { parse: parseToml } = require("smol-toml");

export const readWranglerToml = () => parseToml(readFileSync(join(exampleDir, "wrangler.toml"), "utf8"));

/**
 * Bundle `entry` with esbuild, resolving `instagram-graph-wasm` to `packageDir`, with the options
 * wrangler uses (conditions workerd, worker, browser; the .wasm and `cloudflare:` modules left as
 * imports). When that bundle has lost the package's wasm initialisation (its entry module imports
 * the .wasm and calls `initSync`, which a `"sideEffects": false` in the package's package.json
 * lets esbuild drop when only named exports are used), bundle again with `ignoreAnnotations` and
 * report it as `initDropped: true`, so callers can flag the package bug and still run.
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
      external: ["*.wasm", "cloudflare:*"],
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

/**
 * What the consumer did, as ./observed.js reports it after each batch: the messages acked and
 * retried (each carries the events of one delivery, or part of one), per event key the copies
 * acknowledged, per `<event key>/<rule>` the runs that succeeded, and the dead-lettered messages.
 */
export class Ledger {
  constructor() {
    this.reset();
  }

  reset() {
    this.acked = new Set(); // ids of the messages acked
    this.ackedByKey = new Map(); // event key → acked messages that carried it (one per copy)
    this.ackCount = 0; // acks in all (a message acked twice would show here)
    this.settledEvents = 0; // events of the messages acked or dead-lettered
    this.retries = []; // { id, keys, attempts }
    this.pendingRetry = new Set(); // ids whose last outcome was a retry
    this.ran = new Map(); // "<event key>/<rule>" → successful runs
    this.deadLetters = []; // { id, keys, body }
    this.batches = 0;
    this.errors = [];
    this.waiters = [];
  }

  /** One batch's report from ./observed.js. */
  record({ queue, outcomes, ran, error }) {
    this.batches++;
    if (error) this.errors.push(error);
    for (const run of ran) this.ran.set(run, (this.ran.get(run) ?? 0) + 1);
    for (const { id, keys, outcome, attempts, body } of outcomes) {
      if (queue.endsWith("-dlq")) {
        this.deadLetters.push({ id, keys, body });
        this.settledEvents += keys.length;
        this.pendingRetry.delete(id); // the same id the message had on the main queue
      } else if (outcome === "ack") {
        this.ackCount++;
        if (!this.acked.has(id)) {
          for (const key of keys) this.ackedByKey.set(key, (this.ackedByKey.get(key) ?? 0) + 1);
          this.settledEvents += keys.length;
        }
        this.acked.add(id);
        this.pendingRetry.delete(id);
      } else {
        this.retries.push({ id, keys, attempts });
        this.pendingRetry.add(id);
      }
    }
    this.waiters = this.waiters.filter((w) => !w());
  }

  /** Successful runs of `rule` for the event `key` (all rules when `rule` is omitted). */
  runs(key, rule) {
    if (rule) return this.ran.get(`${key}/${rule}`) ?? 0;
    let n = 0;
    for (const [k, v] of this.ran) if (k.startsWith(`${key}/`)) n += v;
    return n;
  }

  /** Acknowledged messages that carried the event `key` (one per copy of the event). */
  acks(key) {
    return this.ackedByKey.get(key) ?? 0;
  }

  /** Resolve once `settledEvents` reaches `count` and no retry is outstanding. */
  waitFor(count, timeoutMs = 30000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.settledEvents >= count && this.pendingRetry.size === 0) {
          clearTimeout(timer);
          resolve(this);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`the queue did not settle ${count} events in ${timeoutMs} ms: ${this.settledEvents} settled, ${this.pendingRetry.size} messages awaiting a retry`));
      }, timeoutMs);
      if (!check()) this.waiters.push(check);
    });
  }
}

/**
 * Start the example Worker under Miniflare. Options:
 * - `packageDir`: the instagram-graph-wasm package to bundle (a packed install or `pkg/`);
 * - `graphBaseUrl`: where the consumer's client sends Graph calls (the loopback sandbox);
 * - `secrets`: `{ IG_APP_SECRET, IG_VERIFY_TOKEN, IG_ACCESS_TOKEN }`, as .dev.vars gives them;
 *   `vars`: overrides of wrangler.toml's [vars];
 * - `consumer`: overrides of the consumer's settings, in Miniflare's names (`maxBatchTimeout`,
 *   `maxRetries`, …), for tests that must not wait for Cloudflare's production timings.
 */
export async function startExample({ packageDir, graphBaseUrl, secrets, vars = {}, consumer: overrides = {}, verbose = false }) {
  const toml = readWranglerToml();
  const producer = toml.queues.producers.find((p) => p.binding === "EVENTS");
  const consumer = toml.queues.consumers.find((c) => c.queue === producer?.queue);
  const dedup = toml.durable_objects.bindings.find((b) => b.name === "DEDUP");
  if (!producer || !consumer || !dedup) throw new Error("wrangler.toml lacks the EVENTS producer, its consumer or the DEDUP Durable Object");
  const sqliteClasses = toml.migrations.flatMap((m) => m.new_sqlite_classes ?? []);

  const dir = mkdtempSync(join(tmpdir(), "igw-webhook-worker-"));
  const { inputs, initDropped } = await bundle({ entry: join(here, "observed.js"), packageDir, outfile: join(dir, "worker.js") });
  copyFileSync(join(packageDir, "instagram_graph_bg.wasm"), join(dir, "instagram_graph_bg.wasm"));

  const ledger = new Ledger();
  const queueSettings = {
    maxBatchSize: consumer.max_batch_size,
    maxBatchTimeout: consumer.max_batch_timeout,
    maxRetries: consumer.max_retries,
    deadLetterQueue: consumer.dead_letter_queue,
    retryDelay: consumer.retry_delay,
    ...overrides,
  };
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    log: new Log(verbose ? LogLevel.DEBUG : LogLevel.WARN),
    // No request.cf: Miniflare would fetch it from Cloudflare (tests stay on loopback).
    cf: false,
    scriptPath: join(dir, "worker.js"),
    modules: true,
    modulesRoot: dir,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: toml.compatibility_date,
    compatibilityFlags: toml.compatibility_flags ?? [],
    bindings: { ...toml.vars, ...vars, ...secrets, ...(graphBaseUrl ? { GRAPH_BASE_URL: graphBaseUrl } : {}) },
    queueProducers: { [producer.binding]: { queueName: producer.queue } },
    queueConsumers: {
      [consumer.queue]: queueSettings,
      // Only the tests consume the dead-letter queue (to count what lands there).
      ...(consumer.dead_letter_queue ? { [consumer.dead_letter_queue]: { maxBatchSize: 100, maxBatchTimeout: 0 } } : {}),
    },
    durableObjects: { [dedup.name]: { className: dedup.class_name, useSQLite: sqliteClasses.includes(dedup.class_name) } },
    serviceBindings: {
      LEDGER: async (request) => {
        ledger.record(await request.json());
        return new Response(null, { status: 204 });
      },
    },
  });
  const url = await mf.ready;
  return {
    url: url.href.replace(/\/$/, ""),
    mf,
    inputs,
    /** The wrangler-style bundle lost the wasm initialisation (see `bundle`). */
    initDropped,
    ledger,
    config: { toml, queue: { name: consumer.queue, ...queueSettings } },
    /** The EventDedup of an account, to call its methods from the test. */
    async dedupOf(account) {
      const ns = await mf.getDurableObjectNamespace(dedup.name);
      return ns.get(ns.idFromName(account));
    },
    async close() {
      await mf.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
