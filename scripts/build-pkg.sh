#!/usr/bin/env bash
# Build the npm package into pkg/: cargo (wasm32) → wasm-bindgen --target web → wasm-opt -Oz
# (npm binaryen, explicit features) → the hand-written files of pkg-template/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[version =" ]/,""); print}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
if [ "$want" != "$have" ]; then
  echo "wasm-bindgen CLI $have does not match the crate's $want: run scripts/setup.sh" >&2
  exit 1
fi

# The standard library is rebuilt for size, with panics as a bare trap: a panic already poisons
# the module (none may happen: every bad input is an Error), so its message, location and the
# formatting they pull in are dead weight. Measured: 385,364 → 356,990 bytes of wasm after
# wasm-opt, 155.0 → 144.1 KB gzip. Unstable flags (RUSTC_BOOTSTRAP, as the fuzz run uses), on the
# pinned toolchain; a target folder of its own, so the other builds keep their cache.
RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" CARGO_TARGET_DIR=target/pkg-build \
  cargo build --release --target wasm32-unknown-unknown -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size
# Build into a staging folder and swap it in at the end: pkg/ is never seen half-built.
out=target/pkg-staging
rm -rf "$out"
wasm-bindgen --target web --weak-refs --no-typescript --out-dir "$out" --out-name instagram_graph \
  target/pkg-build/wasm32-unknown-unknown/release/instagram_graph.wasm
# Debian's binaryen corrupts wasm-bindgen output (toolchain.md pitfall 3): use npm binaryen.
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  "$out/instagram_graph_bg.wasm" -o "$out/instagram_graph_bg.wasm"
cp -R pkg-template/. "$out/"
# LICENSE, and README.md for users: the repository's without its `<!-- repository only -->` blocks.
cp LICENSE "$out/" && sed '/^<!-- repository only -->$/,/^<!-- \/repository only -->$/d' README.md > "$out/README.md"

# wasm-bindgen 0.2.130 imports the one glue.js snippet several times and lists it under the same
# key of the import object more than once (bundlers warn "Duplicate key"): keep the first.
node -e '
const fs = require("fs"); const p = process.argv[1] + "/instagram_graph.js"; const lines = fs.readFileSync(p, "utf8").split("\n");
const seen = new Map(); const alias = new Map();
const out = lines.filter((l) => {
  const imp = l.match(/^import \* as (import\d+) from (".*")$/);
  if (imp) { if (seen.has(imp[2])) { alias.set(imp[1], seen.get(imp[2])); return false; } seen.set(imp[2], imp[1]); return true; }
  const key = l.match(/^\s*(".*"): (import\d+),$/);
  return !(key && alias.has(key[2]));
});
fs.writeFileSync(p, out.join("\n"));' "$out"

# The error classes live in a wasm-bindgen snippet (Rust constructs them); api.js re-exports
# that very module, by the path wasm-bindgen gave it, so `instanceof` holds for users. (Named in
# api.js itself rather than through a module of its own: each ES module costs Node about 0.7 ms
# of cold import.)
glue=$(cd "$out" && find snippets -name glue.js | head -n 1)
[ -n "$glue" ] || { echo "glue.js snippet not found in $out/snippets" >&2; exit 1; }
grep -q '^export \* from "./errors.js";$' "$out/api.js" || { echo "api.js lost its errors.js line" >&2; exit 1; }
sed -i "s|^export \* from \"./errors.js\";\$|export { InstagramError, GraphApiError, AuthError, PermissionError, RateLimitError, ConnectionError, TimeoutError, AbortError, DecodeError, PublishError, Paginator } from \"./$glue\";|" "$out/api.js"
version=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
node -e '
const fs = require("fs"); const p = process.argv[2] + "/package.json";
const j = JSON.parse(fs.readFileSync(p, "utf8")); j.version = process.argv[1];
fs.writeFileSync(p, JSON.stringify(j, null, 2) + "\n");' "$version" "$out"
rm -rf pkg
mv "$out" pkg
echo "built pkg/ (instagram-graph-wasm $version): $(wc -c < pkg/instagram_graph_bg.wasm) bytes of wasm"
