// 1. What a page ships: each client bundled for the browser by esbuild (the package's `browser`
// entry, minified ESM), gzip -9 per file; our .wasm is fetched as its own file and counted apart.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { OURS, PEER1, PEER2, pkgDir, require, root } from "./lib.js";

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

async function bundle(esbuild, dir, name, plugins = []) {
  const entry = join(dir, `${name.replace(/\W/g, "_")}.js`);
  writeFileSync(entry, `export * from ${JSON.stringify(name)};\n`);
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    outdir: join(dir, "out"),
    nodePaths: [join(dir, "node_modules"), join(root, "node_modules")],
    logLevel: "silent",
    plugins,
  });
  const js = result.outputFiles.filter((f) => f.path.endsWith(".js"));
  const bytes = Buffer.concat(js.map((f) => Buffer.from(f.contents)));
  return {
    raw: bytes.length,
    gzip: js.reduce((n, f) => n + gz(f.contents), 0),
    inputs: Object.keys(result.metafile.inputs),
    warnings: result.warnings.map((w) => w.text),
    text: js.map((f) => f.text).join("\n"),
  };
}

/** Node built-ins replaced by empty modules: what a page would ship if someone stubbed them. */
const stubBuiltins = (names) => ({
  name: "stub-node-builtins",
  setup(build) {
    const re = new RegExp(`^(node:)?(${names.join("|")})$`);
    build.onResolve({ filter: re }, (a) => ({ path: a.path, namespace: "stub" }));
    build.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: "module.exports = {};", loader: "js" }));
  },
});

export async function size() {
  const esbuild = require("esbuild");
  const dir = mkdtempSync(join(tmpdir(), "igw-bench-size-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    // The package by name, as an app that installed it: resolution goes through its `exports` map.
    symlinkSync(pkgDir, join(dir, "node_modules", OURS), "dir");
    const out = {};

    const ours = await bundle(esbuild, dir, OURS);
    if (!ours.inputs.some((i) => i.endsWith("/browser.js"))) throw new Error(`our bundle did not use the browser entry: ${ours.inputs}`);
    if (!/instagram_graph_bg\.wasm/.test(ours.text)) throw new Error("our bundle does not fetch the .wasm next to it");
    const wasm = readFileSync(join(pkgDir, "instagram_graph_bg.wasm"));
    // browser.js's `await init({ module_or_path: new URL(…) })`: kept, or tree-shaken away because
    // the package says "sideEffects": false?
    const initKept = /module_or_path:\s*new URL\(/.test(ours.text);
    out[OURS] = {
      bundled: true,
      jsRaw: ours.raw,
      jsGzip: ours.gzip,
      wasmRaw: wasm.length,
      wasmGzip: gz(wasm),
      totalGzip: ours.gzip + gz(wasm),
      initKept,
      warnings: [...new Set(ours.warnings)],
    };

    const p1 = await bundle(esbuild, dir, PEER1);
    out[PEER1] = { bundled: true, jsRaw: p1.raw, jsGzip: p1.gzip, totalGzip: p1.gzip, warnings: [...new Set(p1.warnings)] };

    try {
      const p2 = await bundle(esbuild, dir, PEER2);
      out[PEER2] = { bundled: true, jsRaw: p2.raw, jsGzip: p2.gzip, totalGzip: p2.gzip, warnings: [...new Set(p2.warnings)] };
    } catch (e) {
      const unresolved = [...new Set((e.errors ?? []).map((x) => x.text.match(/Could not resolve "([^"]+)"/)?.[1]).filter(Boolean))];
      const why = unresolved.length
        ? `its only entry (main: dist/cjs.js; no browser/module/exports field) requires Node's ${unresolved.join(", ")}`
        : String(e.message).split("\n")[0];
      let stubbed = null;
      if (unresolved.length) {
        const s = await bundle(esbuild, dir, PEER2, [stubBuiltins(unresolved)]);
        stubbed = { jsRaw: s.raw, jsGzip: s.gzip };
      }
      out[PEER2] = { bundled: false, why, stubbed };
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
