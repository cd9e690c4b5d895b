#!/usr/bin/env bash
# Installs what building (`build`) or testing (`test`) why401 needs, skipping what is already
# present at the right version. Safe to run any number of times; says what it does.
#
#   scripts/bootstrap.sh build   wasm32 target, wasm-bindgen CLI, Trunk, npm tools (wasm-opt)
#   scripts/bootstrap.sh test    all of the above, plus Chromium and ChromeDriver
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# The CLI must match the `wasm-bindgen` crate pinned in Cargo.toml.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf 'bootstrap: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  say "installing Debian packages: $*"
  if [ -z "${APT_UPDATED:-}" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

need_rust() {
  command -v cargo >/dev/null || { echo "bootstrap: cargo is missing; install Rust with rustup first" >&2; exit 1; }
  if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "wasm32-unknown-unknown target: present"
  else
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  # The lint and format gates of `make test`.
  for component in clippy rustfmt; do
    if rustup component list --installed 2>/dev/null | grep -q "^$component"; then
      say "$component: present"
    else
      say "adding $component"
      rustup component add "$component"
    fi
  done
}

need_wasm_bindgen() {
  [ -n "$WASM_BINDGEN_VERSION" ] || { echo "bootstrap: no exact wasm-bindgen pin found in Cargo.toml" >&2; exit 1; }
  if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
     && command -v wasm-bindgen-test-runner >/dev/null; then
    say "wasm-bindgen CLI $WASM_BINDGEN_VERSION: present"
  else
    # Without --locked: a locked dependency of this version is no longer on crates.io.
    say "installing wasm-bindgen CLI $WASM_BINDGEN_VERSION (takes a few minutes)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

need_trunk() {
  if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
    say "Trunk $TRUNK_VERSION: present"
  else
    say "installing Trunk $TRUNK_VERSION (takes several minutes)"
    cargo install --locked trunk --version "$TRUNK_VERSION" --force
  fi
}

need_node_tools() {
  if ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  # node_modules/.package-lock.json is npm's record of what it installed: equal to the lock
  # file means the pinned versions are in place.
  if [ -f node_modules/.package-lock.json ] && [ -x node_modules/.bin/wasm-opt ] \
     && node -e '
       const a = require("./package-lock.json").packages, b = require("./node_modules/.package-lock.json").packages;
       for (const k of Object.keys(a)) if (k && (!b[k] || b[k].version !== a[k].version)) process.exit(1);' 2>/dev/null; then
    say "npm tools (binaryen wasm-opt, playwright-core): present"
  else
    say "installing npm tools from package-lock.json"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Trunk builds with `cargo --offline` (Trunk.toml), so the project's crates must be in Cargo's
# cache first; quick when they already are.
need_crates() {
  say "fetching the project's crates (Cargo.lock)"
  cargo fetch --locked --quiet
}

need_chromium() {
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    say "Chromium and ChromeDriver: present"
  else
    apt_install chromium chromium-driver
  fi
}

case "${1:-build}" in
  build) need_rust; need_wasm_bindgen; need_trunk; need_node_tools; need_crates ;;
  test) need_rust; need_wasm_bindgen; need_trunk; need_node_tools; need_crates; need_chromium ;;
  *) echo "usage: scripts/bootstrap.sh build|test" >&2; exit 2 ;;
esac
