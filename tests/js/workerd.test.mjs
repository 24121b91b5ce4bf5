// The packed package inside real workerd: a Worker bundled with esbuild through the package's
// `workerd` export condition, its outbound fetch routed to the loopback sandbox.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

import { createSandbox } from "instagram-graph-wasm/sandbox";
import { expected } from "./smoke.js";
import { bundleWorker, freePort, waitForHttp } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const require = createRequire(join(root, "package.json"));
const esbuild = require("esbuild");
const workerdBin = join(root, "node_modules", ".bin", "workerd");

let sandbox, server, workerd, port;

before(async () => {
  sandbox = createSandbox();
  server = await sandbox.listen();
  const dir = mkdtempSync(join(tmpdir(), "igw-workerd-"));
  const inputs = await bundleWorker(esbuild, join(here, "workerd", "worker.js"), join(dir, "worker.js"));
  assert.ok(inputs.some((i) => i.endsWith("instagram-graph-wasm/workerd.js")), `resolved through the workerd condition: ${inputs}`);
  copyFileSync(join(here, "node_modules", "instagram-graph-wasm", "instagram_graph_bg.wasm"), join(dir, "instagram_graph_bg.wasm"));
  writeFileSync(join(dir, "config.capnp"), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .w), (name = "loopback", network = (allow = ["local"])) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ] );
const w :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js"),
              (name = "instagram_graph_bg.wasm", wasm = embed "instagram_graph_bg.wasm") ],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback" );
`);
  port = await freePort();
  workerd = spawn(workerdBin, ["serve", join(dir, "config.capnp"), "--socket-addr", `http=127.0.0.1:${port}`], { stdio: ["ignore", "inherit", "inherit"] });
  await waitForHttp(`http://127.0.0.1:${port}/health`);
});

after(() => {
  workerd?.kill();
  server?.close();
});

test("the smoke suite passes inside workerd", async () => {
  const q = new URLSearchParams({ sandbox: server.url, ids: JSON.stringify(sandbox.ids) });
  const res = await fetch(`http://127.0.0.1:${port}/?${q}`);
  const body = await res.json();
  assert.equal(res.status, 200, body.failed);
  assert.deepEqual(body, expected(sandbox.ids, sandbox.state.igUsers.get(sandbox.ids.igUserId).mediaIds.length));
});
