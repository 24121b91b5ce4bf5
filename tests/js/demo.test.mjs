// `make demo`'s page, driven in headless Chromium by www/check.mjs: every panel (the overview
// first) against the sandbox's numbers, axe at 1280 px and 360 px, the sandbox and live modes, the
// grid, paging, publishing, errors, keyboard, serve.js itself. Screenshots land in test-results/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

test("the demo page works as a user would use it (www/check.mjs)", () => {
  const r = spawnSync(process.execPath, [join(root, "www", "check.mjs")], { cwd: root, encoding: "utf8", timeout: 240_000 });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
});
