#!/usr/bin/env bash
# A short libFuzzer pass over every fuzz target (make fuzz-smoke; part of make test-rust).
# Installs cargo-fuzz when missing. Runs without a sanitizer (`-s none`), which works on the
# stable toolchain; for deep runs use nightly with the default address sanitizer.
#   FUZZ_SECONDS  seconds per target (default 10)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
CARGO_FUZZ_VERSION=0.13.2
if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  # At opt-level 1 without LTO: a fresh machine (CI) compiles it every run.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked --quiet cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi
seconds="${FUZZ_SECONDS:-10}"
# Microsoft Project's own files seed the mspdi target: shared/data/mspdi beside the repository
# (looked for upwards, as the tests do) or JINDU_MSPDI_DIR. Missing, they fail the run unless
# JINDU_SKIP_SHARED=1.
mspdi_seeds="${JINDU_MSPDI_DIR:-}"
if [ -z "$mspdi_seeds" ]; then
  d=$(cd .. && pwd)
  while [ "$d" != / ] && [ ! -d "$d/shared/data/mspdi" ]; do d=$(dirname "$d"); done
  [ -d "$d/shared/data/mspdi" ] && mspdi_seeds="$d/shared/data/mspdi"
fi
if [ -z "$mspdi_seeds" ] || [ ! -d "$mspdi_seeds" ]; then
  if [ -n "${JINDU_SKIP_SHARED:-}" ] && [ "${JINDU_SKIP_SHARED}" != 0 ]; then
    echo "fuzz-smoke: *** SKIPPED the MSPDI corpus seeds: shared/data/mspdi not found and JINDU_SKIP_SHARED is set ***" >&2
    mspdi_seeds=""
  else
    echo "fuzz-smoke: shared/data/mspdi not found above $(cd .. && pwd) (or JINDU_MSPDI_DIR='${JINDU_MSPDI_DIR:-}' is not a directory); set JINDU_SKIP_SHARED=1 to run without it" >&2
    exit 1
  fi
fi
targets=$(cargo fuzz list)
cargo fuzz build -s none --dev >/dev/null
# One target per core at a time (the runs are single-threaded); each writes its own log.
smoke() {
  local t=$1 rc=0
  mkdir -p "corpus/$t"
  local seeds=()
  [ -d "seeds/$t" ] && seeds=("seeds/$t")
  [ "$t" = mspdi ] && [ -n "$mspdi_seeds" ] && seeds+=("$mspdi_seeds")
  local log="corpus/$t.log"
  cargo fuzz run "$t" -s none --dev "corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$seconds" -max_len=65536 >"$log" 2>&1 || rc=$?
  echo "fuzz-smoke: $t for ${seconds}s: $(grep -E "^Done|panicked|SUMMARY" "$log" | tr '\n' ' ')"
  if [ "$rc" -ne 0 ]; then
    tail -40 "$log" >&2
    echo "fuzz-smoke: target $t failed; the input is under fuzz/artifacts/$t/" >&2
    return 1
  fi
}
jobs_at_once=$(nproc 2>/dev/null || echo 2)
failed=0
pids=()
for t in $targets; do
  smoke "$t" &
  pids+=($!)
  if [ "${#pids[@]}" -ge "$jobs_at_once" ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
[ "$failed" -eq 0 ] || exit 1
echo "fuzz-smoke: ok ($(echo $targets | wc -w) targets)"
