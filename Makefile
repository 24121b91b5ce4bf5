# The targets pkg, test, demo and bench are a contract: tools outside this repository call them.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: setup pkg test demo bench

setup:
	@scripts/setup.sh

# Build the npm package into pkg/.
pkg: setup
	@scripts/build-pkg.sh

# Every test: cargo fmt --check and clippy (host and wasm32), host cargo tests, wasm-bindgen tests (Node, Chromium), the package in Node,
# workerd and Chromium, the sandbox, the demo page, the example Worker, a bounded fuzz run.
test:
	@scripts/setup.sh --test
	@scripts/build-pkg.sh
	@scripts/test.sh

# The demo page on 127.0.0.1, against the built-in sandbox Graph API (or the real Graph API
# when IG_ACCESS_TOKEN is set). Set-up and build output go to target/demo-setup.log, so the one
# line printed is the URL to open.
demo:
	@mkdir -p target && { scripts/setup.sh && scripts/build-pkg.sh; } > target/demo-setup.log 2>&1 || { cat target/demo-setup.log; exit 1; }
	@node www/serve.js

# Size, start-up and per-call benchmarks, side by side with the peers.
bench: pkg
	@node tests/bench/run.js
