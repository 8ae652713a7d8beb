# Named commands for people and CI alike (README.md explains them).
#   make run    build everything and serve the app on http://localhost:$(PORT)
#   make test   every test tier: Rust, wasm32 build, Node against the built wasm, Playwright in Chromium
#   make dist   static site in www/dist
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# Must equal the exact `wasm-bindgen` pin in Cargo.toml: the CLI and the crate
# speak a private protocol that changes with every release.
WASM_BINDGEN_VERSION := 0.2.130
PORT ?= 8080
WASM_TARGET := wasm32-unknown-unknown
WASM_PROFILE := wasm-release
WASM_FILE := target/$(WASM_TARGET)/$(WASM_PROFILE)/thonso_wasm.wasm
PKG := www/pkg
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)

.PHONY: run test dist wasm deps deps-wasm deps-npm deps-chromium test-rust test-node test-e2e sizes cli cli-debug bench bench-check clean types

## ---- installs (each is a no-op when already satisfied) --------------------
deps-wasm:
	@rustup target list --installed 2>/dev/null | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes, once)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi

deps-npm:
	@if [ ! -d www/node_modules ] || [ www/package-lock.json -nt www/node_modules/.package-lock.json ]; then \
	  cd www && npm ci --no-audit --no-fund; \
	fi

deps-chromium:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

deps: deps-wasm deps-npm

## ---- builds ---------------------------------------------------------------
wasm: deps-wasm
	cargo build -p thonso-wasm --target $(WASM_TARGET) --profile $(WASM_PROFILE)
	wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir $(PKG) $(WASM_FILE)
	node www/build/write-demo.mjs

sizes:
	@f=$(PKG)/thonso_wasm_bg.wasm; \
	raw=$$(stat -c %s $$f); gz=$$(gzip -9 -c $$f | wc -c); \
	br=$$(if command -v brotli >/dev/null; then brotli -c -q 11 $$f | wc -c; else echo "n/a (apt-get install brotli)"; fi); \
	echo "wasm size: raw $$raw B, gzip $$gz B, brotli $$br B"

dist: wasm deps-npm
	cd www && npm run build

cli:
	cargo build --release -p thonso-cli

# The e2e suite compares the page with the CLI's JSON; a debug build is enough.
# Built the way `cargo test --workspace` builds it (target/debug/thonso), so
# after test-rust this is a no-op: `cargo build -p thonso-cli` alone resolves
# features differently and recompiled polars (minutes of CI).
cli-debug:
	cargo test --workspace --no-run

run: dist
	@echo "Thôn Số: http://localhost:$(PORT)/"
	cd www && npx vite preview --port $(PORT) --strictPort --host 127.0.0.1

# The page's TypeScript types, generated from the Rust types (ts-rs; see
# core/src/ts_types.rs). `make test` fails when the committed file drifts.
types:
	THONSO_WRITE_TYPES=1 cargo test -p thonso-core --lib ts_types

## ---- tests ----------------------------------------------------------------
test-rust:
	cargo test --workspace

test-node: dist
	cd www && npm run test:node

test-e2e: dist deps-chromium cli-debug
	cd www && npm run test:e2e

# Benchmarks are not part of the test run, but they must not rot: every
# harness must parse, and the Node harness runs end to end on 1/1000-scale
# data with its fairness checks (our numbers equal SheetJS's and DuckDB's).
# Needs the built www/pkg (`make test` builds it first).
bench-check:
	for f in tests/bench/*.mjs; do node --check "$$f"; done
	d=$$(mktemp -d); trap 'rm -rf "$$d"' EXIT; \
	  node tests/bench/gen.mjs "$$d" --small && \
	  BENCH_DATA="$$d" node --expose-gc tests/bench/node.mjs --runs 1 --only xlsx,csv,villages,whatif > "$$d/log" 2>&1 \
	  || { cat "$$d/log"; exit 1; }; \
	  grep -E "Fairness checks" "$$d/log"

test: test-rust dist sizes test-node test-e2e bench-check

bench: dist
	cd www && npm run bench

clean:
	cargo clean
	rm -rf $(PKG) www/dist www/dist-single
