/**
 * @file Node entry of `instagram-graph-wasm/sandbox`: everything from `./index.js`, plus
 * `listen()` to serve the sandbox over loopback HTTP with `node:http`. Its options and result are
 * documented in `./index.d.ts` (`ListenOptions`, `SandboxServer`, `NodeSandbox`).
 *
 * @module instagram-graph-wasm/sandbox/node
 */

import { createServer } from "node:http";
import { createSandbox as createCoreSandbox } from "./index.js";
import { DROP } from "./lib/faults.js";

export * from "./index.js";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
/** Request headers that describe the HTTP/1.1 connection rather than the request. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length", "expect"]);

/**
 * Create a sandbox (see `./index.js`) that can also listen on a loopback port.
 *
 * @param {import("./index.js").SandboxOptions} [options]
 */
export function createSandbox(options = {}) {
  const sandbox = createCoreSandbox(options);

  /**
   * Serve the sandbox over HTTP on a loopback address.
   * @param {import("./index.js").ListenOptions} [listenOptions]
   * @returns {Promise<import("./index.js").SandboxServer>}
   */
  function listen({ port = 0, host = "127.0.0.1" } = {}) {
    if (!LOOPBACK.has(host)) {
      return Promise.reject(new TypeError(`listen: host must be a loopback address (127.0.0.1, ::1 or localhost), got ${host}`));
    }
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      return Promise.reject(new TypeError("listen: port must be an integer between 0 and 65535"));
    }
    const server = createServer((req, res) => {
      onRequest(sandbox, req, res).catch(() => {
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "application/json; charset=UTF-8", "access-control-allow-origin": "*" });
        }
        res.end();
      });
    });
    server.keepAliveTimeout = 5000;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        const address = server.address();
        const actualPort = typeof address === "object" && address ? address.port : port;
        const urlHost = host === "::1" ? "[::1]" : host;
        resolve({
          url: `http://${urlHost}:${actualPort}`,
          port: actualPort,
          close: () =>
            new Promise((done) => {
              server.close(() => done());
              server.closeAllConnections();
            }),
        });
      });
    });
  }

  return { ...sandbox, listen };
}

/** Convert IncomingMessage → Request, run the handler, write the Response back. */
async function onRequest(sandbox, req, res) {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort(new DOMException("The client disconnected.", "AbortError"));
  });

  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks);

  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    if (!HOP_BY_HOP.has(name)) headers.append(name, req.rawHeaders[i + 1]);
  }
  const method = (req.method ?? "GET").toUpperCase();
  const hostHeader = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;
  const request = new Request(`http://${hostHeader}${req.url ?? "/"}`, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? undefined : new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
    signal: controller.signal,
  });

  let response;
  try {
    response = await sandbox.handle(request);
  } catch (e) {
    if (e && e[DROP]) {
      req.socket.destroy();
      return;
    }
    if (controller.signal.aborted) return; // the client went away while the response hung
    throw e;
  }
  const outHeaders = {};
  response.headers.forEach((value, key) => {
    outHeaders[key] = value;
  });
  const payload = Buffer.from(await response.arrayBuffer());
  if (res.destroyed) return;
  res.writeHead(response.status, outHeaders);
  res.end(payload);
}
