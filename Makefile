# why401: `make serve` builds and serves the page; `make test` runs every test.
# Both install what they need first (scripts/bootstrap.sh, idempotent).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
PORT ?= 8080

.PHONY: setup setup-test build single serve test lint test-native test-wasm test-e2e test-truth snapshots bench cli fuzz clean

setup:
	@bash scripts/bootstrap.sh build

setup-test:
	@bash scripts/bootstrap.sh test

## build: the release page in dist/
build: setup
	trunk build --release

## single: the self-contained single/why401.html (opens from file://) and its .sha256
single: build
	node scripts/single.mjs dist single/why401.html

## serve: build, then serve dist/ at http://127.0.0.1:$(PORT)/
serve: build
	node scripts/serve.mjs dist $(PORT)

## test: lint, native Rust tests, the CLI against a real Chromium (truth), the engine in Chromium
## (wasm), then the page end to end
test: setup-test
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-truth
	$(MAKE) --no-print-directory test-wasm
	trunk build --release
	node scripts/single.mjs dist single/why401.html
	$(MAKE) --no-print-directory test-e2e

## lint: formatting (rustfmt.toml), then clippy on every crate and test, natively and for the
## page's WebAssembly, warnings as errors
lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p why401-web --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test --workspace -- --show-output

test-wasm:
	cargo test --profile wasm-test --target wasm32-unknown-unknown -p why401-web --test engine_wasm --test wasm_conformance -- --nocapture

test-e2e:
	node --test tests/e2e/

## test-truth: Chromium against local HTTPS sites; the CLI's report judged against what the
## servers received and the page saw (needs target/debug/why401, or WHY401_BIN)
test-truth:
	cargo build -p why401-cli
	node --test tests/truth/

## snapshots: rewrite the whole-report snapshots of the fixtures after a deliberate change
snapshots:
	INSTA_UPDATE=always cargo test -p why401-engine --test snapshots

## bench: engine timings (release build), then the built page in Chromium: weight, start-up,
## paste to verdict, and jose for comparison (prints a table, writes bench/results.json)
bench: setup-test
	cargo bench -p why401-engine --bench engine
	trunk build --release
	node bench/page.mjs

## fuzz: the engine's fuzz targets for FUZZ_SECONDS (60) each; prints executions and crashes
fuzz:
	bash scripts/fuzz.sh

## cli: the `why401` binary in target/release
cli:
	cargo build --release -p why401-cli

clean:
	rm -rf dist single target
