// The packed package through the three bundlers users reach for (Vite, esbuild, webpack, the
// versions pinned in the root package.json), each with the one line the README gives it: the
// same page (browser/bundled.js: named imports by package name, then the smoke suite) is built
// once per bundler and run in one headless Chromium against the sandbox on another origin.
// Prints each build's JS and wasm, raw and gzip.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { createSandbox } from "instagram-graph-wasm/sandbox";
import { expected } from "./smoke.js";
import { CHROMIUM_ARGS, serveStatic } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const entry = join(here, "browser", "bundled.js");
const packageDir = join(here, "node_modules", "instagram-graph-wasm");
const WASM = "instagram_graph_bg.wasm";
const page = (script, type = "module") =>
  `<!doctype html><html><head><meta charset="utf-8"><title>bundled</title></head><body><script type="${type}" src="${script}"></script></body></html>\n`;

/** The README's recipe for each bundler; each writes an index.html and its assets into `out`. */
const builds = {
  // Vite: nothing to configure for `vite build` (the `new URL(…wasm, import.meta.url)` becomes
  // an asset, and its default targets have top-level await).
  async vite(out) {
    const { build } = await import("vite");
    const root = mkdtempSync(join(tmpdir(), "igw-vite-"));
    writeFileSync(join(root, "index.html"), page("./main.js"));
    writeFileSync(join(root, "main.js"), `import ${JSON.stringify(entry)};\n`);
    try {
      await build({ root, base: "./", logLevel: "error", configFile: false, build: { outDir: out, emptyOutDir: true } });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
  // esbuild: --format=esm (top-level await), and copy the .wasm next to the bundle (esbuild does
  // not follow `new URL(…, import.meta.url)`).
  async esbuild(out) {
    const esbuild = await import("esbuild");
    await esbuild.build({ entryPoints: [entry], bundle: true, format: "esm", minify: true, outfile: join(out, "bundle.js"), logLevel: "error" });
    copyFileSync(join(packageDir, WASM), join(out, WASM));
    writeFileSync(join(out, "index.html"), page("./bundle.js"));
  },
  // webpack 5: nothing to configure either (top-level await is on by default since 5.83, and the
  // .wasm URL becomes an asset/resource).
  async webpack(out) {
    const { default: webpack } = await import("webpack");
    const stats = await new Promise((resolve, reject) =>
      // (performance hints off: they only warn that the wasm is over webpack's 244 KiB advice)
      webpack({ mode: "production", entry, output: { path: out, filename: "bundle.js", clean: true }, performance: { hints: false } }, (e, s) => (e ? reject(e) : resolve(s))),
    );
    if (stats.hasErrors() || stats.hasWarnings()) throw new Error(stats.toString("errors-warnings"));
    writeFileSync(join(out, "index.html"), page("./bundle.js", "text/javascript"));
  },
};

let sandbox, api, site, browser, dist;
const sizes = {};

before(async () => {
  const { chromium } = await import("playwright-core");
  sandbox = createSandbox();
  api = await sandbox.listen();
  dist = mkdtempSync(join(tmpdir(), "igw-bundlers-"));
  for (const [name, build] of Object.entries(builds)) {
    const out = join(dist, name);
    mkdirSync(out, { recursive: true });
    const t = performance.now();
    await build(out);
    sizes[name] = { ...measure(out), buildMs: Math.round(performance.now() - t) };
  }
  site = await serveStatic(dist);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await api?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

/** Bytes of the build's JavaScript and wasm, raw and gzip -9. */
function measure(out) {
  const files = readdirSync(out, { recursive: true }).map((f) => join(out, f)).filter((f) => statSync(f).isFile());
  const total = (ext) => {
    const chosen = files.filter((f) => extname(f) === ext);
    return {
      files: chosen.length,
      raw: chosen.reduce((n, f) => n + statSync(f).size, 0),
      gzip: chosen.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0),
    };
  };
  return { js: total(".js"), wasm: total(".wasm") };
}

for (const name of Object.keys(builds)) {
  test(`${name}: the bundled page runs the smoke suite in Chromium against the sandbox`, async (t) => {
    const { js, wasm } = sizes[name];
    t.diagnostic(`${name}: JS ${js.raw} B (${js.gzip} B gzip), wasm ${wasm.raw} B (${wasm.gzip} B gzip), built in ${sizes[name].buildMs} ms`);
    assert.equal(wasm.files, 1, "the build carries the package's wasm");
    assert.equal(wasm.raw, statSync(join(packageDir, WASM)).size, "the wasm as the package ships it");
    sandbox.reset(); // each page sends the one private reply a comment takes (smoke.js)
    const tab = await browser.newPage();
    try {
      const errors = [];
      tab.on("pageerror", (e) => errors.push(String(e)));
      const q = new URLSearchParams({ sandbox: api.url, ids: JSON.stringify(sandbox.ids) });
      await tab.goto(`${site.url}/${name}/index.html?${q}`);
      const result = await (await tab.waitForFunction(() => window.__result, null, { timeout: 30000 })).jsonValue();
      assert.deepEqual(errors, []);
      assert.equal(result.failed, undefined, result.failed);
      assert.notEqual(new URL(site.url).origin, new URL(api.url).origin, "the API is called across origins (CORS)");
      assert.deepEqual(result, expected(sandbox.ids, sandbox.state.igUsers.get(sandbox.ids.igUserId).mediaIds.length));
    } finally {
      await tab.close();
    }
  });
}
