// The package as users get it: the packed tarball (IGW_TARBALL, which scripts/test.sh packs from
// pkg/; else packed here), unpacked. Every file its package.json points at exists, the README
// and LICENSE are in it, and `npm publish --dry-run` has nothing to say about it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
let dir, tarball, pkgDir, manifest, files;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "igw-tarball-"));
  tarball = process.env.IGW_TARBALL;
  if (!tarball) {
    const name = execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", dir, "--silent"], { encoding: "utf8" }).trim().split("\n").at(-1);
    tarball = join(dir, name);
  }
  execFileSync("tar", ["-xzf", tarball, "-C", dir]);
  pkgDir = join(dir, "package");
  manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  files = readdirSync(pkgDir, { recursive: true }).map((f) => f.replaceAll("\\", "/"));
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** Every string target of an `exports` value (conditions nested at any depth). */
function targets(value) {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(targets);
  return [];
}

test("every file the exports map, main, types and sideEffects name is in the tarball", () => {
  const named = [...targets(manifest.exports), manifest.main, manifest.types, ...manifest.sideEffects];
  assert.ok(named.length > 15, `${named.length} paths`);
  for (const path of named) {
    assert.match(path, /^\.\//, `${path} is relative to the package`);
    assert.ok(existsSync(join(pkgDir, path)), `${path} is named in package.json but not in the tarball`);
  }
  // Each condition list ends in `default`, so that no resolver falls through to nothing.
  for (const [subpath, conditions] of Object.entries(manifest.exports)) {
    if (typeof conditions === "object") assert.ok("default" in conditions, `exports["${subpath}"] has a default`);
  }
});

test("the tarball carries a README for users and the MIT LICENSE, and no repository-only text", () => {
  assert.ok(files.includes("README.md") && files.includes("LICENSE"), files.join(", "));
  const readme = readFileSync(join(pkgDir, "README.md"), "utf8");
  for (const heading of ["## Install", "## Quick start", "### Node 20", "### Browser", "### Cloudflare Worker", "## The sandbox Graph API", "## The surface", "## Troubleshooting", "## Limits"]) {
    assert.ok(readme.includes(`\n${heading}`), `README has ${heading}`);
  }
  assert.ok(!readme.includes("repository only") && !readme.includes("make demo") && !readme.includes("## Development"), "the repository-only blocks are cut");
  assert.match(readme, /<!-- generated from src\/registry.rs -->[\s\S]*`hideComment`[\s\S]*<!-- \/generated -->/, "the permission table");
  const license = readFileSync(join(pkgDir, "LICENSE"), "utf8");
  assert.match(license, /^MIT License/);
  assert.equal(manifest.license, "MIT");
  const crate = readFileSync(join(root, "Cargo.toml"), "utf8");
  assert.match(crate, /^license = "MIT"$/m, "the crate says MIT too");
});

test("package.json: engines, keywords, the side-effect entries, and no stray files", () => {
  assert.equal(manifest.engines.node, ">=20.19", "require(esm) of the Node entry needs 20.19");
  assert.ok(manifest.keywords.length >= 5);
  assert.deepEqual([...manifest.sideEffects].sort(), ["./api.js", "./browser.js", "./node.js", "./workerd.js"]);
  for (const f of files) assert.doesNotMatch(f, /(^|\/)(node_modules|tests?|target)\/|\.tgz$|\.map$/, `${f} should not ship`);
});

test("npm publish --dry-run accepts the tarball as it is (nothing corrected, nothing warned)", () => {
  const r = spawnSync("npm", ["publish", "--dry-run", tarball], { encoding: "utf8", cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  // The one warning a dry run always gives is that nobody is logged in.
  const warnings = r.stderr.split("\n").filter((l) => /\bnpm (warn|error)\b/i.test(l) && !/requires you to be logged in/.test(l));
  assert.deepEqual(warnings, []);
  assert.match(r.stderr, /total files: \d+/);
  assert.match(r.stderr, /README\.md/);
  assert.match(r.stderr, /LICENSE/);
});
