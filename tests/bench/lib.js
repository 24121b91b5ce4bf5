// Shared helpers of `make bench`: statistics, loopback sandboxes in their own process, ports.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const pkgDir = join(root, "pkg");
export const require = createRequire(join(root, "package.json"));
export const TOKEN = "sandbox-token";

export const OURS = "instagram-graph-wasm";
export const PEER1 = "instagram-graph-api";
export const PEER2 = "facebook-nodejs-business-sdk";
export const version = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

import { freePort, waitForHttp } from "../js/helpers.js";

export { freePort };

/**
 * `node pkg/sandbox/serve.js …` in its own process (so its CPU is not the client's), stopped when
 * this process exits (stdin closes). Resolves to { url, ids, reset(), requests(), stop() }.
 */
export async function startSandbox(args = []) {
  const child = spawn(process.execPath, [join(pkgDir, "sandbox", "serve.js"), "--exit-on-stdin-close", ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error("sandbox did not start within 15 s")), 15000);
    child.stdout.on("data", (d) => {
      buf += d;
      const m = buf.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("exit", (c) => reject(new Error(`sandbox exited ${c}`)));
  });
  const control = async (method, name) => {
    const res = await fetch(`${url}/__sandbox/${name}`, { method });
    if (!res.ok) throw new Error(`sandbox ${method} ${name}: ${res.status}`);
    return res.json();
  };
  return {
    url,
    ids: await control("GET", "ids"),
    reset: () => control("POST", "reset"),
    requests: () => control("GET", "requests"),
    stop: () => {
      child.stdin.end();
      child.kill();
    },
  };
}

/** Runs `fn` over `items` with at most `limit` in flight; `limit` may be a function read before each start. */
export async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  let inFlight = 0;
  await new Promise((resolve, reject) => {
    const pump = () => {
      if (next >= items.length && inFlight === 0) return resolve();
      const max = typeof limit === "function" ? limit() : limit;
      while (next < items.length && inFlight < max) {
        const i = next++;
        inFlight++;
        Promise.resolve(fn(items[i], i)).then(
          (r) => {
            results[i] = r;
            inFlight--;
            pump();
          },
          reject,
        );
      }
    };
    pump();
  });
  return results;
}

// ---- workerd from a generated config (the webhook throughput bench) ----------------------

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
  const exited = new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`workerd exited with ${code} before it came up`))));
  exited.catch(() => {}); // (it exits at close too)
  try {
    await Promise.race([Promise.all(Object.values(urls).map((url) => waitForHttp(`${url}/__up`, 20000))), exited]);
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
