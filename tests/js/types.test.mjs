// The package's types: a user's file compiles under tsc --strict, and every deliberate mistake
// in a second file is rejected (with the markers removed, the file fails with one error each).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = join(dirname(fileURLToPath(import.meta.url)), "types");
const tsc = join(here, "..", "..", "..", "node_modules", "typescript", "bin", "tsc");

function check(files, base = "./tsconfig.json") {
  writeFileSync(join(here, "tsconfig.files.json"), JSON.stringify({ extends: base, files }));
  return spawnSync(process.execPath, [tsc, "-p", join(here, "tsconfig.files.json")], { encoding: "utf8" });
}

test("a user's file compiles under --strict", () => {
  const r = check(["usage.ts"]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test("data as Meta sends it type-checks under --strict (issue 12)", () => {
  const r = check(["real-data.ts"]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test("sandbox.listen() and its server.url type-check under moduleResolution nodenext and bundler (issue 15)", () => {
  for (const base of ["./tsconfig.json", "./tsconfig.bundler.json"]) {
    const r = check(["sandbox-listen.ts"], base);
    assert.equal(r.status, 0, `${base}: ${r.stdout}${r.stderr}`);
  }
});

test("every marked mistake is a type error", () => {
  const r = check(["mistakes.ts"]);
  assert.equal(r.status, 0, `a @ts-expect-error line compiled (or another error): ${r.stdout}`);
  const source = readFileSync(join(here, "mistakes.ts"), "utf8");
  const marked = source.split("\n").filter((l) => /^\s*\/\/ @ts-expect-error/.test(l)).length;
  writeFileSync(join(here, "mistakes.unmarked.ts"), source.replace(/^\s*\/\/ @ts-expect-error.*\n/gm, ""));
  const bad = check(["mistakes.unmarked.ts"]);
  assert.notEqual(bad.status, 0);
  const errors = bad.stdout.split("\n").filter((l) => /error TS\d+/.test(l)).length;
  assert.equal(errors, marked, bad.stdout);
});
