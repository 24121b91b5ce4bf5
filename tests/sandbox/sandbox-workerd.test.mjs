// The sandbox core (index.js and lib/, web-standard modules) runs unchanged inside workerd
// (Cloudflare's runtime), created at module scope like a Worker would. Skipped when the workerd
// binary is not installed (it comes with the root package's devDependencies).
//
// Run: node --test tests/sandbox/

import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, writeFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { graph } from "./helpers.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const WORKERD = join(root, "node_modules", ".bin", "workerd");
const SANDBOX = join(root, "pkg-template", "sandbox");
/** The core's modules: index.js and everything under lib/ (not the Node-only node.js and serve.js). */
const CORE = ["index.js", ...readdirSync(join(SANDBOX, "lib"), { recursive: true }).filter((f) => f.endsWith(".js")).map((f) => `lib/${f}`)];

const WORKER = `
import { createSandbox } from "./index.js";
const sb = createSandbox({ mediaCount: 30 });
export default {
  async fetch(request) {
    if (new URL(request.url).pathname === "/selftest") {
      sb.fault({ path: "/me", hang: true });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 10);
      const hang = await sb.fetch("https://graph.facebook.com/me?access_token=sandbox-token", { signal: ac.signal }).then(() => "answered", (e) => e.name);
      sb.fault({ path: "/me", drop: true });
      const drop = await sb.fetch("https://graph.facebook.com/me?access_token=sandbox-token").then(() => "answered", (e) => e.message);
      const proofSb = createSandbox({ appSecret: "k", mediaCount: 1 });
      const proof = (await proofSb.fetch("https://graph.facebook.com/me?access_token=sandbox-token&appsecret_proof=bad")).status;
      return Response.json({ hang, drop, proof });
    }
    return sb.handle(request);
  },
};
`;

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

describe("the core in workerd", { skip: !existsSync(WORKERD) && "workerd is not installed" }, () => {
  let child;
  let dir;
  let base;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "sandbox-workerd-"));
    cpSync(join(SANDBOX, "index.js"), join(dir, "index.js"));
    cpSync(join(SANDBOX, "lib"), join(dir, "lib"), { recursive: true });
    writeFileSync(join(dir, "worker.js"), WORKER);
    writeFileSync(
      join(dir, "config.capnp"),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .w) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ] );
const w :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js"), ${CORE.map((f) => `(name = "${f}", esModule = embed "${f}")`).join(", ")} ],
  compatibilityDate = "2026-11-01" );
`,
    );
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(WORKERD, ["serve", join(dir, "config.capnp"), "--socket-addr", `http=127.0.0.1:${port}`], { stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`${base}/me`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error("workerd did not start");
  });

  after(() => {
    child?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("serves the Graph API from a Worker", async () => {
    const api = graph(fetch, { base: `${base}/v27.0` });
    const me = await api.get("/me");
    assert.equal(me.status, 200);
    assert.equal(me.body.name, "Alex Rivera");
    assert.equal(me.headers.get("access-control-allow-origin"), "*");
    assert.ok(me.headers.get("x-app-usage"));
    const ids = (await api.get("/me/accounts", { fields: "instagram_business_account{id}" })).body.data[0].instagram_business_account;
    const media = await api.get(`/${ids.id}/media`, { limit: 20, fields: "id,timestamp" });
    assert.equal(media.body.data.length, 20);
    // Created at module scope, where workerd's clock reads 0: the data is dated on the first request.
    const newest = Date.parse(media.body.data[0].timestamp.replace("+0000", "Z"));
    assert.ok(Date.now() - newest >= 2 * 3600000 && Date.now() - newest < 3 * 3600000, media.body.data[0].timestamp);
    assert.ok(media.body.paging.next.startsWith(`${base}/v27.0/`));
    assert.equal((await api.get("/nope")).body.error.error_subcode, 33);
  });

  it("aborts hangs, drops connections and checks proofs inside the Worker", async () => {
    const r = await (await fetch(`${base}/selftest`)).json();
    assert.deepEqual(r, { hang: "AbortError", drop: "fetch failed", proof: 400 });
  });
});
