#!/usr/bin/env bash
# libFuzzer passes over the fuzz targets: the short smoke run (make fuzz-smoke; part of make
# test-rust) and, with FUZZ_RELEASE=1, the long campaign (make fuzz). Installs cargo-fuzz when
# missing. Runs without a sanitizer (`-s none`), which works on the stable toolchain; for deep
# runs use nightly with the default address sanitizer.
#   FUZZ_SECONDS  seconds per target (default 10)
#   FUZZ_TARGETS  the targets to run, separated by spaces (default: every target)
#   FUZZ_RELEASE  1: the release profile (optimised, for long runs) instead of the dev profile
#                 at opt-level 1 (cheap to compile, for the smoke run)
#   FUZZ_JOBS     targets run at once (default: the number of cores)
# Per target it prints the executions, the corpus size and the findings (fuzz/artifacts/<t>/),
# and fails when any target found something.
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
targets="${FUZZ_TARGETS:-$(cargo fuzz list)}"
profile=--dev
[ "${FUZZ_RELEASE:-0}" != 0 ] && profile=--release
# Built once up front (one cargo at a time); each run below then finds it built.
cargo fuzz build -s none "$profile" >/dev/null
# One target per core at a time (the runs are single-threaded); each writes its own log.
smoke() {
  local t=$1 rc=0
  mkdir -p "corpus/$t"
  local seeds=()
  [ -d "seeds/$t" ] && seeds=("seeds/$t")
  [ "$t" = mspdi ] && [ -n "$mspdi_seeds" ] && seeds+=("$mspdi_seeds")
  local log="corpus/$t.log" stamp
  stamp=$(mktemp)
  cargo fuzz run "$t" -s none "$profile" "corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 >"$log" 2>&1 || rc=$?
  # libFuzzer's last status line (`#N ... corp: C/Sb ... exec/s: E`) and its "Done N runs".
  local status runs corpus rate
  status=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  runs=$(grep -oE '^Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' || true)
  [ -z "$runs" ] && runs=$(echo "$status" | grep -oE '^#[0-9]+' | tr -d '#' || true)
  corpus=$(echo "$status" | grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' | cut -d' ' -f2 || true)
  rate=$(echo "$status" | grep -oE 'exec/s: [0-9]+' | cut -d' ' -f2 || true)
  local found=0
  [ -d "artifacts/$t" ] && found=$(find "artifacts/$t" -type f -newer "$stamp" | wc -l)
  rm -f "$stamp"
  echo "fuzz: $t for ${seconds}s: ${runs:-?} executions, ${rate:-?} exec/s, corpus ${corpus:-?}, ${found} new findings in fuzz/artifacts/$t $(grep -E "panicked|SUMMARY" "$log" | head -2 | tr '\n' ' ')"
  if [ "$rc" -ne 0 ]; then
    tail -40 "$log" >&2
    echo "fuzz-smoke: target $t failed; the input is under fuzz/artifacts/$t/" >&2
    return 1
  fi
}
jobs_at_once="${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}"
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
echo "fuzz: ok ($(echo $targets | wc -w) targets, ${seconds}s each)"
