#!/usr/bin/env bash
# Run every test (make test calls this after setup and the package build).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

echo "== style: cargo fmt --check, cargo clippy -D warnings (host and wasm32)"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --all-targets -- -D warnings

echo "== host: cargo test"
cargo test --quiet

echo "== wasm-bindgen tests in Node"
cargo test --target wasm32-unknown-unknown --test wasm

echo "== wasm-bindgen tests in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="$(command -v chromedriver)" \
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json" WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target wasm32-unknown-unknown --test wasm

# Each target for FUZZ_SECONDS (30 by default): the webhook signature check and payload
# parser; the response, error, batch and upload parsers with secret stripping and redaction;
# the usage headers; ids, paths and parameters. No input may panic.
for target in webhook response usage params; do
  echo "== fuzz: $target, ${FUZZ_SECONDS:-30} s"
  mkdir -p "fuzz/corpus/$target" target
  dict=(); [ -f "fuzz/$target.dict" ] && dict=(-dict="fuzz/$target.dict")
  if ! RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$PWD/target/fuzz" cargo fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="${FUZZ_SECONDS:-30}" "${dict[@]}" > "target/fuzz-$target.log" 2>&1; then
    tail -n 40 "target/fuzz-$target.log"
    echo "fuzzing $target found a failing input (see fuzz/artifacts/$target/)" >&2
    exit 1
  fi
  grep -E "^Done [0-9]+ runs" "target/fuzz-$target.log"
done

echo "== the packed package, installed by name"
rm -rf target/pack && mkdir -p target/pack
tarball=$(npm pack ./pkg --pack-destination target/pack --silent | tail -n 1)
(cd tests/js && rm -rf node_modules && npm install --no-save --no-package-lock --no-audit --no-fund \
  --loglevel=error "../../target/pack/$tarball")
export IGW_TARBALL="$PWD/target/pack/$tarball"

echo "== node --test: sandbox, package in Node, workerd and Chromium"
node --test --test-concurrency=1 tests/sandbox/ tests/js/
