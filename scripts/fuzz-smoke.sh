#!/usr/bin/env bash
# A short libFuzzer pass over every fuzz target (make fuzz-smoke; part of make test-rust).
# Installs cargo-fuzz when missing. Runs without a sanitizer (`-s none`), which works on the
# stable toolchain; for deep runs use nightly with the default address sanitizer.
#   FUZZ_SECONDS  seconds per target (default 10)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
CARGO_FUZZ_VERSION=0.13.2
if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  cargo install --locked --quiet cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi
seconds="${FUZZ_SECONDS:-10}"
targets=$(cargo fuzz list)
cargo fuzz build -s none --release >/dev/null
for t in $targets; do
  mkdir -p "corpus/$t"
  seeds=()
  [ -d "seeds/$t" ] && seeds=("seeds/$t")
  # Microsoft Project's own files, where the shared data sits beside the repository.
  [ "$t" = mspdi ] && [ -d ../../shared/data/mspdi ] && seeds+=(../../shared/data/mspdi)
  echo "fuzz-smoke: $t for ${seconds}s"
  log="corpus/$t.log"
  rc=0
  cargo fuzz run "$t" -s none --release "corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$seconds" -max_len=65536 >"$log" 2>&1 || rc=$?
  grep -E "^Done|panicked|SUMMARY" "$log" || true
  if [ "$rc" -ne 0 ]; then
    tail -40 "$log" >&2
    echo "fuzz-smoke: target $t failed; the input is under fuzz/artifacts/$t/" >&2
    exit 1
  fi
done
echo "fuzz-smoke: ok ($(echo $targets | wc -w) targets)"
