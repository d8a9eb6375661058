#!/usr/bin/env bash
# Installs each release artifact of dist/ (`make dist`) into a fresh consumer, as a user would,
# and runs a smoke test there (`make test-dist`, part of `make test`). Every consumer lives in
# target/dist-smoke/, rebuilt from nothing each run, and sees only the artifact, never the
# source tree:
#   npm     a new npm project that runs `npm install ./jindu-<version>.tgz` (offline: the package
#           has no dependencies), then smoke.mjs (`import` of jindu, jindu/io, jindu/plan) and
#           smoke.cjs (`require` of the three);
#   wheel   a new venv that runs `pip install --no-index jindu-<version>-*.whl`, then smoke.py;
#   jar     kotlinc compiles Smoke.kt against the jar and JNA only, java runs it (the native
#           library is loaded from the jar);
#   cli     the command, copied alone into an empty folder, schedules plan.json.
# Each schedules scripts/dist-smoke/plan.json (a 3d then b 2d from Monday 2026-01-05) and checks
# the finish, Friday 2026-01-09 17:00, worked out in smoke.mjs.
# Inputs (environment): DIST (default dist/), DIST_VERSION, KOTLIN_HOME, JAVA_LIBS, PYTHON.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
src=$root/scripts/dist-smoke
dist=${DIST:-$root/dist}
version=${DIST_VERSION:?}
K=${KOTLIN_HOME:-$root/tools/npm/node_modules/kotlin-compiler}
J=${JAVA_LIBS:-/usr/share/java}
python=${PYTHON:-python3}
out=$root/target/dist-smoke
want='2026-01-09T17:00:00'

tgz=$dist/jindu-$version.tgz
jar=$dist/jindu-$version.jar
cli=$dist/jindu
wheels=("$dist"/jindu-"$version"-*.whl)
for f in "$tgz" "$jar" "$cli" "${wheels[0]}"; do
  [ -f "$f" ] || { echo "dist-smoke: $f is missing: run make dist" >&2; exit 1; }
done
[ "${#wheels[@]}" -eq 1 ] || { echo "dist-smoke: more than one wheel in $dist: ${wheels[*]}" >&2; exit 1; }

rm -rf "$out" && mkdir -p "$out"
t0=$(date +%s)
step() { echo "dist-smoke: $1 ($(( $(date +%s) - t0 )) s)"; }

# npm: a project of its own that knows nothing but the tarball.
mkdir "$out/npm"
printf '{ "name": "jindu-smoke", "version": "1.0.0", "private": true }\n' > "$out/npm/package.json"
cp "$src/smoke.mjs" "$src/smoke.cjs" "$src/plan.json" "$out/npm/"
(cd "$out/npm" && npm install --offline --no-audit --no-fund --loglevel=error "$tgz" >/dev/null)
grep -q '"jindu": *"file:' "$out/npm/package.json" || { echo "dist-smoke: npm did not record jindu as a dependency" >&2; exit 1; }
(cd "$out/npm" && node smoke.mjs && node smoke.cjs)
step "npm tarball installed and used"

# wheel: a fresh venv, no index (the wheel has no dependencies).
"$python" -m venv "$out/venv"
"$out/venv/bin/pip" install -q --disable-pip-version-check --no-index "${wheels[0]}"
mkdir "$out/py" && cp "$src/smoke.py" "$src/plan.json" "$out/py/"
(cd "$out/py" && "$out/venv/bin/python" smoke.py)
step "wheel installed and used"

# jar: the jar and JNA on the classpath, the Kotlin standard library to run.
mkdir "$out/kotlin"
env JAVA_OPTS="${JAVA_OPTS:--Xmx1g}" "$K/bin/kotlinc" -jvm-target 17 -nowarn -cp "$jar:$J/jna.jar" \
  "$src/Smoke.kt" -d "$out/kotlin/classes"
(cd "$out/kotlin" && java -cp "classes:$jar:$J/jna.jar:$K/lib/kotlin-stdlib.jar" SmokeKt "$src/plan.json")
step "jar compiled against and run"

# cli: the binary alone, outside the checkout.
mkdir "$out/cli" && cp "$cli" "$src/plan.json" "$out/cli/"
got=$(cd "$out/cli" && ./jindu schedule plan.json --format json)
finish=$(printf '%s' "$got" | "$python" -c 'import json, sys; print(json.load(sys.stdin)["project_finish"])')
[ "$finish" = "$want" ] || { echo "dist-smoke: jindu schedule gave project_finish $finish, not $want" >&2; exit 1; }
echo "cli $(cd "$out/cli" && ./jindu --version 2>/dev/null | head -1 || true): ok"
step "command run"
echo "dist-smoke: all four artifacts installed and working"
