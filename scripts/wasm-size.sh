#!/usr/bin/env bash
# The size check of the npm package (`make wasm-size`, run by `make test-wasm` after `wasm-pkg`).
#
# Measures what `bindings/wasm/build.sh` built: the three .wasm modules gzipped (gzip -9, what a
# server sends) — jindu_bg.wasm (`import 'jindu'`), jindu_io_bg.wasm (the file readers,
# `import 'jindu/io'`, loaded only by those who import files) and jindu_plan_bg.wasm
# (levelling, loading, health, tracking and charts, `import 'jindu/plan'`) — and the npm
# tarball (`npm pack` of bindings/wasm/pkg, the file `npm install` downloads).
# Prints them, writes them to target/wasm-size.json, and fails
#   * when the gzipped main .wasm is above its budget (WASM_GZ_BUDGET, 460 KB = 471,040 bytes:
#     the whole-API budget; 450 KB until the resource cost model, core/DESIGN.md), or
#   * when the gzipped jindu_io .wasm is above its own (WASM_IO_GZ_BUDGET, 250 KB), or
#   * when the gzipped jindu_plan .wasm is above its own (WASM_PLAN_GZ_BUDGET, 660 KB: it holds
#     the scheduler, levelling, tracking and every chart; 468 KB when it was added with the
#     Gantt alone, 514 KB with the Monte Carlo simulator that the S-curve and tornado bring,
#     554 KB with all six charts, 642 KB with levelling on several calendars; core/DESIGN.md), or
#   * when the npm tarball is above its budget (NPM_TARBALL_BUDGET, 1,600 KB: the three modules
#     gzipped, each once, since the Node builds load the browser build's .wasm; 3,883 KB when
#     node/, node-esm/ and web/ each carried a copy), or
#   * when the figure that README.md quotes ("The `.wasm` is NNN KB gzipped") is more than
#     WASM_README_TOLERANCE KB (default 4) away from the measured one, or the tarball's ("The npm
#     tarball is NNN KB", its Install section) more than NPM_README_TOLERANCE KB (default 16):
#     the README's numbers come from this check (it prints the sentence to paste), so they
#     cannot drift from the build.
# KB here is 1,024 bytes, as in the budget.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
budget=${WASM_GZ_BUDGET:-471040}
io_budget=${WASM_IO_GZ_BUDGET:-256000}
plan_budget=${WASM_PLAN_GZ_BUDGET:-675840}
tolerance_kb=${WASM_README_TOLERANCE:-4}
tarball_budget=${NPM_TARBALL_BUDGET:-1638400}
tarball_tolerance_kb=${NPM_README_TOLERANCE:-16}
wasm=$root/bindings/wasm/pkg/web/jindu_bg.wasm
io_wasm=$root/bindings/wasm/pkg/web/jindu_io_bg.wasm
plan_wasm=$root/bindings/wasm/pkg/web/jindu_plan_bg.wasm
tgz=$(ls "$root"/target/npm-consumer/jindu-*.tgz 2>/dev/null | head -1 || true)
out=$root/target/wasm-size.json
if [ ! -f "$wasm" ] || [ ! -f "$io_wasm" ] || [ ! -f "$plan_wasm" ] || [ -z "$tgz" ]; then
  echo "wasm-size: build the package first (make wasm-pkg)" >&2
  exit 1
fi

raw=$(wc -c < "$wasm")
gz=$(gzip -9 -n -c "$wasm" | wc -c)
io_raw=$(wc -c < "$io_wasm")
io_gz=$(gzip -9 -n -c "$io_wasm" | wc -c)
io_gz_kb=$(( (io_gz + 512) / 1024 ))
plan_raw=$(wc -c < "$plan_wasm")
plan_gz=$(gzip -9 -n -c "$plan_wasm" | wc -c)
plan_gz_kb=$(( (plan_gz + 512) / 1024 ))
tarball=$(wc -c < "$tgz")
tarball_kb=$(( (tarball + 512) / 1024 ))
gz_kb=$(( (gz + 512) / 1024 ))
mkdir -p "$root/target"
cat > "$out" <<EOF
{"wasm_bytes": $raw, "wasm_gzip_bytes": $gz, "wasm_gzip_kb": $gz_kb, "budget_gzip_bytes": $budget, "io_wasm_bytes": $io_raw, "io_wasm_gzip_bytes": $io_gz, "io_wasm_gzip_kb": $io_gz_kb, "io_budget_gzip_bytes": $io_budget, "plan_wasm_bytes": $plan_raw, "plan_wasm_gzip_bytes": $plan_gz, "plan_wasm_gzip_kb": $plan_gz_kb, "plan_budget_gzip_bytes": $plan_budget, "npm_tarball_bytes": $tarball, "npm_tarball_kb": $tarball_kb, "npm_tarball_budget_bytes": $tarball_budget, "wasm": "bindings/wasm/pkg/web/jindu_bg.wasm", "io_wasm": "bindings/wasm/pkg/web/jindu_io_bg.wasm", "plan_wasm": "bindings/wasm/pkg/web/jindu_plan_bg.wasm", "tarball": "target/npm-consumer/$(basename "$tgz")"}
EOF
echo "wasm-size: jindu_bg.wasm $raw bytes, $gz gzipped ($gz_kb KB; budget $((budget / 1024)) KB); jindu_io_bg.wasm $io_raw bytes, $io_gz gzipped ($io_gz_kb KB; budget $((io_budget / 1024)) KB); jindu_plan_bg.wasm $plan_raw bytes, $plan_gz gzipped ($plan_gz_kb KB; budget $((plan_budget / 1024)) KB); npm tarball $tarball bytes ($tarball_kb KB; budget $((tarball_budget / 1024)) KB) -> target/wasm-size.json"

status=0
if [ "$gz" -gt "$budget" ]; then
  echo "wasm-size: FAIL: the gzipped .wasm ($gz bytes) is over its budget of $budget bytes" >&2
  status=1
fi
if [ "$io_gz" -gt "$io_budget" ]; then
  echo "wasm-size: FAIL: the gzipped jindu_io .wasm ($io_gz bytes) is over its budget of $io_budget bytes" >&2
  status=1
fi
if [ "$plan_gz" -gt "$plan_budget" ]; then
  echo "wasm-size: FAIL: the gzipped jindu_plan .wasm ($plan_gz bytes) is over its budget of $plan_budget bytes" >&2
  status=1
fi
if [ "$tarball" -gt "$tarball_budget" ]; then
  echo "wasm-size: FAIL: the npm tarball ($tarball bytes) is over its budget of $tarball_budget bytes" >&2
  status=1
fi
# check_readme WHAT QUOTED MEASURED TOLERANCE SENTENCE: the README's figure against the build's.
check_readme() {
  if [ -z "$2" ]; then
    echo "wasm-size: FAIL: README.md should say \"$5\" ($1)" >&2
    status=1
  elif [ $(( $2 > $3 ? $2 - $3 : $3 - $2 )) -gt "$4" ]; then
    echo "wasm-size: FAIL: README.md says $2 KB, the build measures $3 KB: write \"$5\"" >&2
    status=1
  else
    echo "wasm-size: README.md quotes $2 KB for $1 (measured $3 KB, tolerance $4 KB): ok"
  fi
}
quoted=$(sed -n 's/.*The `\.wasm` is \([0-9][0-9]*\) KB gzipped.*/\1/p' "$root/README.md" | head -1)
check_readme "the .wasm, its Performance section" "$quoted" "$gz_kb" "$tolerance_kb" "The \`.wasm\` is $gz_kb KB gzipped"
quoted_tgz=$(sed -n 's/.*The npm tarball is \([0-9][0-9]*\) KB.*/\1/p' "$root/README.md" | head -1)
check_readme "the tarball, its Install section" "$quoted_tgz" "$tarball_kb" "$tarball_tolerance_kb" "The npm tarball is $tarball_kb KB"
exit $status
