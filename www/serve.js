#!/usr/bin/env node
// The demo page of instagram-graph-wasm: `make demo` (or `node www/serve.js` once `pkg/` is built).
//
// Serves www/ at / and the built package (pkg/) at /pkg/ on 127.0.0.1 only, then prints one line:
// `demo: http://127.0.0.1:PORT/ (…)`. No dependencies.
//
//   PORT            port to try first (default 8080); when it is taken, a free one is used.
//   IG_ACCESS_TOKEN unset: the page runs against the built-in sandbox Graph API (in the page, so
//                   nothing leaves the browser and it works offline). Set: the page calls the real
//                   Graph API with this Facebook User access token. The token reaches the page
//                   through /config.json (loopback only, Host-checked) and is never printed.
//   IG_API_VERSION  optional, e.g. "v27.0" (default: the package's pinned version).
//   IG_APP_SECRET   optional, live mode: the app secret stays here, never sent to the page. The page
//                   then calls the Graph API through this server (/graph/…), which adds
//                   `appsecret_proof` to every request (for apps with "Require App Secret").
//   IG_LOGIN        optional, live mode: "instagram" when IG_ACCESS_TOKEN is an Instagram User token
//                   (Instagram Login: graph.instagram.com, no app-secret proxy); default "facebook".
//   IG_BASE_URL     optional Graph host for live mode (default https://graph.facebook.com), e.g. a
//                   sandbox started with `node pkg/sandbox/serve.js`; video uploads then go to the
//                   same origin (else to https://rupload.facebook.com).
//
// Sandbox-only page options (query string): `?latency=300` delays every sandbox answer (ms),
// `?accounts=2` links the sandbox's second Page to a second Instagram account (account picker),
// `?seed=N` changes the generated data, `?usage=N` makes each call use N % of the rate limits
// (default 0.2; the account's endpoints answer error 80002 from 100 %).
//
// Stops on SIGINT/SIGTERM.

import http from "node:http";
import { createHash, createHmac } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const WWW = dirname(fileURLToPath(import.meta.url));
const PKG = resolve(WWW, "..", "pkg");
const HOST = "127.0.0.1";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

function fail(message) {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(1);
}

// ---- configuration ----------------------------------------------------------------------------

const token = (process.env.IG_ACCESS_TOKEN || "").trim();
const apiVersion = (process.env.IG_API_VERSION || "").trim() || null;
if (apiVersion && !/^v\d+\.\d+$/.test(apiVersion)) fail(`IG_API_VERSION must look like "v27.0"`);
let baseUrl = (process.env.IG_BASE_URL || "").trim() || null;
if (baseUrl) {
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error();
    baseUrl = u.origin;
  } catch {
    fail("IG_BASE_URL must be an http(s) URL");
  }
}
const mode = token ? "live" : "sandbox";
const login = (process.env.IG_LOGIN || "").trim() || "facebook";
if (login !== "facebook" && login !== "instagram") fail('IG_LOGIN must be "facebook" or "instagram"');
const appSecret = (process.env.IG_APP_SECRET || "").trim();
if (appSecret && !token) fail("IG_APP_SECRET needs IG_ACCESS_TOKEN (it is only used against the live Graph API)");
const graphOrigin = baseUrl || "https://graph.facebook.com";
// Resumable video uploads: Meta's upload host, or the same origin as a sandbox given as IG_BASE_URL.
const uploadOrigin = baseUrl || "https://rupload.facebook.com";

const portText = (process.env.PORT || "").trim();
const preferredPort = portText === "" ? 8080 : Number(portText);
if (!Number.isInteger(preferredPort) || preferredPort < 0 || preferredPort > 65535) fail("PORT must be a port number");

try {
  await stat(resolve(PKG, "browser.js"));
} catch {
  fail("pkg/ is not built: run `make pkg` (or `make demo`)");
}

/** What the page needs to know (the token only in live mode, only to loopback clients; the app
 * secret never: with it, the page's Graph base URL is this server's /graph proxy). */
function config(host) {
  if (mode === "sandbox") return { mode, apiVersion };
  // The token panel may diagnose the token in the other flavour too: each flavour's base URL.
  const facebookBaseUrl = appSecret ? `http://${host}/graph` : baseUrl;
  const graphBase = login === "instagram" ? baseUrl : facebookBaseUrl;
  return {
    mode,
    login,
    accessToken: token,
    apiVersion,
    baseUrl: graphBase,
    facebookBaseUrl,
    instagramBaseUrl: baseUrl,
    uploadBaseUrl: baseUrl ? uploadOrigin : null,
    proxied: Boolean(appSecret) && login === "facebook",
  };
}

const PROXIED_RESPONSE_HEADERS = ["content-type", "x-app-usage", "x-business-use-case-usage", "x-fb-trace-id", "www-authenticate"];

/** `/graph/…` → the Graph host, with `appsecret_proof` = HMAC-SHA256(app secret, the call's token). */
async function proxyGraph(req, res, url) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  let body = chunks.length ? Buffer.concat(chunks).toString("utf8") : undefined;
  const target = new URL(graphOrigin + url.pathname.slice("/graph".length) + url.search);
  const prove = (params) => {
    const t = params.get("access_token");
    if (t) params.set("appsecret_proof", createHmac("sha256", appSecret).update(t).digest("hex"));
  };
  if (body !== undefined && /x-www-form-urlencoded/.test(req.headers["content-type"] || "")) {
    const form = new URLSearchParams(body);
    prove(form);
    body = form.toString();
  } else {
    prove(target.searchParams);
  }
  const headers = {};
  if (req.headers["content-type"]) headers["content-type"] = req.headers["content-type"];
  let upstream;
  try {
    upstream = await fetch(target, { method: req.method, headers, body });
  } catch {
    return send(res, 502, JSON.stringify({ error: { message: "The demo server could not reach the Graph API", type: "DemoProxy", code: 2, is_transient: true } }), { "content-type": "application/json" });
  }
  const out = {};
  for (const h of PROXIED_RESPONSE_HEADERS) if (upstream.headers.has(h)) out[h] = upstream.headers.get(h);
  res.writeHead(upstream.status, { ...COMMON_HEADERS, ...out });
  res.end(Buffer.from(await upstream.arrayBuffer()));
}

// ---- responses --------------------------------------------------------------------------------

const COMMON_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

function send(res, status, body, headers = {}) {
  res.writeHead(status, { ...COMMON_HEADERS, "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(res.req.method === "HEAD" ? undefined : body);
}

/** A CSP for the page: its own scripts, the import map (by hash), wasm, and the Graph host. */
function contentSecurityPolicy(html) {
  const hashes = [...html.matchAll(/<script type="importmap">([\s\S]*?)<\/script>/g)].map(
    (m) => `'sha256-${createHash("sha256").update(m[1]).digest("base64")}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
    `connect-src 'self'${mode === "live" ? ` ${[...new Set([graphOrigin, baseUrl || "https://graph.instagram.com", uploadOrigin])].join(" ")}` : ""}`,
    "img-src 'self' data: blob: https:",
    "media-src 'self' data: blob: https:",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Map a URL path to a file under www/ or pkg/, or null when it is outside them. */
function locate(pathname) {
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (path.includes("\0") || path.includes("\\")) return null;
  let root = WWW;
  if (path === "/pkg" || path.startsWith("/pkg/")) {
    root = PKG;
    path = path.slice(4);
  }
  // No dot-segments or hidden files (".git", "..", ".env").
  if (path.split("/").some((seg) => seg.startsWith("."))) return null;
  const file = resolve(root, `.${path.endsWith("/") || path === "" ? `${path}/index.html` : path}`);
  if (file !== root && !file.startsWith(root + sep)) return null;
  return file;
}

async function serveFile(res, file) {
  let info;
  try {
    info = await stat(file);
    if (info.isDirectory()) {
      file = resolve(file, "index.html");
      info = await stat(file);
    }
  } catch {
    return send(res, 404, "not found\n");
  }
  if (!info.isFile()) return send(res, 404, "not found\n");
  const type = TYPES[extname(file)] || "application/octet-stream";
  if (type.startsWith("text/html")) {
    const html = await readFile(file, "utf8");
    return send(res, 200, html, { "content-type": type, "content-security-policy": contentSecurityPolicy(html) });
  }
  res.writeHead(200, { ...COMMON_HEADERS, "content-type": type, "content-length": info.size });
  if (res.req.method === "HEAD") return res.end();
  const stream = createReadStream(file);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

let port = 0;

const server = http.createServer(async (req, res) => {
  try {
    // Only answer requests addressed to this loopback server (no DNS rebinding to the token).
    const host = (req.headers.host || "").toLowerCase();
    if (host !== `${HOST}:${port}` && host !== `localhost:${port}`) return send(res, 421, "misdirected request\n");
    const url = new URL(req.url, "http://x");
    const { pathname } = url;
    if (appSecret && pathname.startsWith("/graph/") && ["GET", "POST", "DELETE"].includes(req.method)) return await proxyGraph(req, res, url);
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed\n", { allow: "GET, HEAD" });
    if (pathname === "/config.json") {
      // Same-origin only: a page elsewhere cannot read it (no CORS headers), and it is never cached.
      return send(res, 200, JSON.stringify(config(host)), { "content-type": "application/json; charset=utf-8" });
    }
    const file = locate(pathname);
    if (!file) return send(res, 403, "forbidden\n");
    await serveFile(res, file);
  } catch {
    if (!res.headersSent) send(res, 500, "internal error\n");
    else res.destroy();
  }
});

function listen(p) {
  return new Promise((resolveListen, rejectListen) => {
    const onError = (err) => {
      server.off("listening", onListening);
      rejectListen(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolveListen();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(p, HOST);
  });
}

try {
  await listen(preferredPort);
} catch (err) {
  if (err.code !== "EADDRINUSE" && err.code !== "EACCES") fail(`cannot listen on ${HOST}:${preferredPort}: ${err.code || err.message}`);
  try {
    await listen(0);
  } catch (err2) {
    fail(`cannot listen on ${HOST}: ${err2.code || err2.message}`);
  }
}
port = server.address().port;
server.on("error", (err) => process.stderr.write(`demo: server error: ${err.code || err.message}\n`));

const what = mode === "live" ? `live Graph API${apiVersion ? ` ${apiVersion}` : ""}` : "sandbox Graph API";
process.stdout.write(`demo: http://${HOST}:${port}/ (${what})\n`);

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
