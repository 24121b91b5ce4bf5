// The packed package in real headless Chromium (Debian's, driven by playwright-core): a page on
// one loopback origin imports the package by name and calls the sandbox on another origin, so
// CORS is exercised for real. (The same page through Vite, esbuild and webpack: bundlers.test.mjs.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

import { createSandbox } from "instagram-graph-wasm/sandbox";
import { expected } from "./smoke.js";
import { CHROMIUM_ARGS, serveStatic } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const rootRequire = createRequire(join(root, "package.json"));
const { chromium } = rootRequire("playwright-core");

let sandbox, api, site, browser;

before(async () => {
  sandbox = createSandbox();
  api = await sandbox.listen();
  site = await serveStatic(here);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    // playwright gives every launch a fresh, empty user-data-dir of its own
    args: CHROMIUM_ARGS,
  });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await api?.close();
});

async function runPage(path) {
  sandbox.reset(); // each run sends the one private reply a comment takes
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const q = new URLSearchParams({ sandbox: api.url, ids: JSON.stringify(sandbox.ids) });
  await page.goto(`${site.url}/browser/${path}?${q}`);
  const result = await (await page.waitForFunction(() => window.__result, null, { timeout: 30000 })).jsonValue();
  assert.deepEqual(errors, []);
  assert.equal(result.failed, undefined, result.failed);
  assert.notEqual(new URL(site.url).origin, new URL(api.url).origin);
  assert.deepEqual(result, expected(sandbox.ids, sandbox.state.igUsers.get(sandbox.ids.igUserId).mediaIds.length));
  return page;
}

test("the smoke suite passes in a page, calling the API across origins", async () => {
  const page = await runPage("index.html");
  const shots = join(root, "test-results");
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, "browser-smoke.png") });
});
