#!/usr/bin/env bash
# Install what this repository needs on a fresh machine; every step is skipped when already
# done. `scripts/setup.sh` for building; `scripts/setup.sh --test` also installs what the tests
# need: Debian's Chromium and ChromeDriver, and cargo-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# make test checks formatting and lints (a minimal rustup profile lacks both); the package build
# rebuilds the standard library for size (rust-src).
for c in rustfmt clippy rust-src; do
  rustup component list --installed | grep -q "^$c" || rustup component add "$c"
done

# The wasm-bindgen CLI must equal the crate version pinned in Cargo.lock (reuse an installed
# one of that version; no --locked: its lockfile pins a crate the registry does not serve).
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[version =" ]/,""); print}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$want" != "$have" ]; then
  echo "installing wasm-bindgen-cli $want (a few minutes on a fresh machine)"
  cargo install --quiet wasm-bindgen-cli --version "$want"
fi

if [ "${1:-}" = "--test" ] && ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo install --quiet cargo-fuzz --version 0.13.2
fi

if [ "${1:-}" = "--test" ] && ! { command -v chromium && command -v chromedriver; } >/dev/null 2>&1; then
  echo "installing Debian chromium and chromium-driver"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null
fi

# npm packages (binaryen, esbuild, workerd, playwright-core, the benchmark peers), from the lock.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
