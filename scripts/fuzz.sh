#!/usr/bin/env bash
# Fuzzes the engine with cargo-fuzz (libFuzzer): every target in fuzz/fuzz_targets runs for
# FUZZ_SECONDS seconds (60 by default), starting from a corpus made of test fixtures. Prints the
# executions and crashes of each target at the end, and exits non-zero if any target crashed or
# could not run. Inputs that crash are kept in fuzz/artifacts/<target>/.
#
#   bash scripts/fuzz.sh                     every target, 60 s each
#   FUZZ_SECONDS=20 bash scripts/fuzz.sh     shorter runs
#   FUZZ_TARGETS="parsers" bash scripts/fuzz.sh
#   FUZZ_TOOLCHAIN=stable bash scripts/fuzz.sh
#
# cargo-fuzz needs nightly compiler flags: the nightly toolchain is used when rustup has one,
# otherwise (or with FUZZ_TOOLCHAIN=stable) the stable compiler with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

seconds="${FUZZ_SECONDS:-60}"
fixtures=crates/engine/tests/fixtures
say() { printf 'fuzz: %s\n' "$*"; }

if ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz from crates.io"
  cargo install cargo-fuzz --locked
fi

toolchain=()
if [ "${FUZZ_TOOLCHAIN:-}" != stable ] && rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
  say "toolchain: nightly ($(rustup run nightly rustc --version))"
else
  [ "${FUZZ_TOOLCHAIN:-}" = stable ] && toolchain=(+stable)
  export RUSTC_BOOTSTRAP=1
  say "toolchain: stable with RUSTC_BOOTSTRAP=1 ($(cargo "${toolchain[@]}" --version))"
fi

if [ -n "${FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
else
  targets=()
  for file in fuzz/fuzz_targets/*.rs; do
    targets+=("$(basename "$file" .rs)")
  done
fi

# The engine's dependencies at the versions the main workspace builds with.
cp Cargo.lock fuzz/Cargo.lock

# The body of a fixture file: what follows its `---` line.
fixture_body() { awk 'found { print } /^---$/ && !found { found = 1 }' "$1"; }

# The seed corpus, made afresh from a handful of fixtures of every kind (a few per folder).
seed() {
  local target=$1 dir=fuzz/corpus/$1 n=0
  mkdir -p "$dir"
  for area in "$fixtures"/*/; do
    for file in $(find "$area" -name '*.txt' | sort | head -n 4); do
      local name
      name=seed-$(basename "$area")-$(basename "$file" .txt)
      case $target in
        parsers)
          # Every parser gets every seed (the first byte picks the parser); the key parser also gets
          # the keys the fixture supplies.
          for which in $(seq 0 11); do
            { printf "\\$(printf '%03o' "$which")"; fixture_body "$file"; } >"$dir/$name-$which"
          done
          if grep -q '^key: ' "$file"; then
            sed -n 's/^key: //p' "$file" | head -n 1 | sed 's/\\n/\n/g' | { printf '\011'; cat; } >"$dir/$name-key"
          fi
          ;;
        *) fixture_body "$file" >"$dir/$name" ;;
      esac
      n=$((n + 1))
    done
  done
  say "$target: seeded the corpus from $n fixtures"
}

say "building ${targets[*]}"
for target in "${targets[@]}"; do
  cargo "${toolchain[@]}" fuzz build --debug-assertions "$target"
done

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
summary=()
failed=0
for target in "${targets[@]}"; do
  seed "$target"
  artifacts=fuzz/artifacts/$target
  mkdir -p "$artifacts"
  before=$(find "$artifacts" -type f | wc -l)
  say "$target: running for $seconds s"
  # The output is shown as it comes, less the line libFuzzer prints for each new input.
  set +e
  cargo "${toolchain[@]}" fuzz run --debug-assertions "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 -timeout=25 -rss_limit_mb=4096 2>&1 \
    | tee "$logs/$target.log" | grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|RELOAD)'
  status=${PIPESTATUS[0]}
  set -e
  # Executions: libFuzzer's final statistic, else the count on its last status line.
  runs=$(sed -n 's/^stat::number_of_executed_units:[[:space:]]*//p' "$logs/$target.log" | tail -n 1)
  if [ -z "$runs" ]; then
    runs=$(grep -oE '^#[0-9]+' "$logs/$target.log" | tail -n 1 | tr -d '#')
  fi
  after=$(find "$artifacts" -type f | wc -l)
  crashes=$((after - before))
  if [ "$crashes" -eq 0 ] && grep -qE 'ERROR: libFuzzer|panicked at|ERROR: AddressSanitizer' "$logs/$target.log"; then
    crashes=1
  fi
  if [ "$crashes" -gt 0 ] || [ "$status" -ne 0 ]; then
    failed=1
    grep -E 'Test unit written to|panicked at' "$logs/$target.log" | sed "s/^/fuzz: $target: /" || true
  fi
  summary+=("$(printf '%-10s %12s %8s' "$target" "${runs:-0}" "$crashes")")
done

printf '\n%-10s %12s %8s\n' target executions crashes
printf '%s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
  say "crashes or errors found: the inputs are in fuzz/artifacts/"
  exit 1
fi
say "no crash in ${#targets[@]} targets, $seconds s each"
