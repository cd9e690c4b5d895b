# why401: `make serve` builds and serves the page; `make test` runs every test.
# Both install what they need first (scripts/bootstrap.sh, idempotent).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
PORT ?= 8080

.PHONY: setup setup-test build single serve test test-native test-wasm test-e2e bench cli fuzz clean

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

## test: native Rust tests, the engine in Chromium (wasm), then the page end to end
test: setup-test
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-wasm
	trunk build --release
	node scripts/single.mjs dist single/why401.html
	$(MAKE) --no-print-directory test-e2e

test-native:
	cargo test --workspace -- --show-output

test-wasm:
	cargo test --profile wasm-test --target wasm32-unknown-unknown -p why401-web --test engine_wasm --test wasm_conformance -- --nocapture

test-e2e:
	node --test tests/e2e/

## bench: engine timings on tokens, exchanges and large HAR files (release build)
bench:
	cargo bench -p why401-engine --bench engine

## cli: the `why401` binary in target/release
cli:
	cargo build --release -p why401-cli

clean:
	rm -rf dist single target
