// Shared by the runtime suites: free ports, waiting for a server, a tiny static file server,
// Chromium's flags.
import http from "node:http";
import net from "node:net";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

/** Headless Chromium as root on a machine without network (a fresh user-data-dir per launch comes from playwright). */
export const CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];

export async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/** Poll `url` until it answers (any status) or `ms` pass. */
export async function waitForHttp(url, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      await fetch(url);
      return;
    } catch (e) {
      if (Date.now() > end) throw new Error(`${url} did not come up: ${e.message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml" };

/** Serve files under `root` on 127.0.0.1 (no directory listing, no escaping root). */
export async function serveStatic(root) {
  const server = http.createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(root, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * Bundle a Worker as wrangler does: through the package's `workerd` export condition, with the
 * `.wasm` left as its own module (workerd compiles it). Returns the input files esbuild used.
 */
export async function bundleWorker(esbuild, entry, outfile, extra = {}) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    external: ["*.wasm"],
    outfile,
    metafile: true,
    logLevel: "error",
    ...extra,
  });
  return Object.keys(result.metafile.inputs);
}
