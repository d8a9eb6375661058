#!/usr/bin/env bash
# Builds and tests the Kotlin/JVM binding without Gradle or Maven (run by `make test-kotlin`,
# which installs the tools first):
#   1. uniffi-bindgen generates the Kotlin (package `jindu`) from the built library;
#   2. kotlinc compiles it with the hand-written Kotlin in src/main/kotlin (every .kt there);
#      the jar gets the classes and the native library, debug info stripped, at
#      linux-x86-64/libjindu_ffi.so where JNA looks for it (JAR_ONLY=1 stops here: `make dist`);
#   3. kotlinc compiles src/test/kotlin and the JUnit 5 console launcher runs it against the
#      jar (no jna.library.path: the library is loaded from the jar);
#   4. the README's Kotlin snippet is compiled and run against the jar;
#   5. so is bindings/ffi/README.md's files snippet (`kotlin-io`).
# Inputs (environment): KOTLIN_HOME (the kotlin-compiler package), JAVA_LIBS (Debian's
# /usr/share/java with jna.jar and JUnit 5), FFI_LIB and UNIFFI_BINDGEN (built by cargo; `make`
# passes the release build, the one the wheel and `make dist` ship).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
here="$root/bindings/ffi/kotlin"
out="$root/target/ffi/kotlin"
K=${KOTLIN_HOME:?}
J=${JAVA_LIBS:-/usr/share/java}
lib=${FFI_LIB:-$root/target/debug/libjindu_ffi.so}
bindgen=${UNIFFI_BINDGEN:-$root/target/uniffi-bindgen/debug/uniffi-bindgen}
kotlinc=(env JAVA_OPTS="${JAVA_OPTS:--Xmx1g}" "$K/bin/kotlinc" -jvm-target 17 -nowarn)

mkdir -p "$out"
t0=$(date +%s)

# 1. Generate (library mode: reads the metadata in the .so and bindings/ffi/uniffi.toml).
rm -rf "$out/gen.new"
"$bindgen" generate --library "$lib" --language kotlin --no-format --out-dir "$out/gen.new" >/dev/null

# 2. Compile the generated code and src/main/kotlin only when either changed (kotlinc takes
#    ~20 s); the hand-written sources are copied beside the generated ones to compare them.
if [ -d "$here/src/main/kotlin" ]; then
  mkdir -p "$out/gen.new/main" && cp -R "$here/src/main/kotlin/." "$out/gen.new/main/"
fi
if [ -f "$out/classes.ok" ] && diff -rq "$out/gen.new" "$out/gen" >/dev/null 2>&1; then
  echo "kotlin: generated code unchanged, reusing compiled classes"
else
  rm -rf "$out/gen" "$out/classes" "$out/classes.ok"
  mv "$out/gen.new" "$out/gen"
  echo "kotlin: compiling the generated bindings$( [ -d "$out/gen/main" ] && echo " and src/main/kotlin")"
  "${kotlinc[@]}" -cp "$J/jna.jar" "$out/gen" -d "$out/classes"
  touch "$out/classes.ok"
fi
rm -rf "$out/gen.new"

rm -rf "$out/native.new" && mkdir -p "$out/native.new/linux-x86-64"
objcopy --strip-debug "$lib" "$out/native.new/linux-x86-64/libjindu_ffi.so"
# The jar only when its classes or library changed (`make dist` twice does not repack it).
if [ -f "$out/jindu.jar" ] && [ "$out/jindu.jar" -nt "$out/classes.ok" ] && diff -rq "$out/native.new" "$out/native" >/dev/null 2>&1; then
  rm -rf "$out/native.new"
  echo "kotlin: target/ffi/kotlin/jindu.jar is up to date"
else
  rm -rf "$out/native" "$out/jindu.jar" && mv "$out/native.new" "$out/native"
  jar --create --file "$out/jindu.jar" -C "$out/classes" . -C "$out/native" .
  echo "kotlin: built target/ffi/kotlin/jindu.jar ($(du -k "$out/jindu.jar" | cut -f1) KiB)"
fi
[ "${JAR_ONLY:-}" = 1 ] && exit 0

# 3. The JUnit 5 tests, against the jar.
cp_test="$out/jindu.jar:$J/jna.jar:$J/junit-jupiter-api.jar:$J/apiguardian-api.jar:$J/opentest4j.jar:$J/junit-platform-commons.jar:$K/lib/kotlin-test.jar"
rm -rf "$out/test-classes"
echo "kotlin: compiling the tests"
"${kotlinc[@]}" -cp "$cp_test" "$here/src/test/kotlin" -d "$out/test-classes"
status=0
java -Djindu.root="$root" -jar "$J/junit-platform-console-standalone.jar" \
  -cp "$out/test-classes:$out/jindu.jar:$J/jna.jar:$K/lib/kotlin-stdlib.jar:$K/lib/kotlin-test.jar" \
  --scan-classpath "$out/test-classes" --fail-if-no-tests --disable-banner --details=tree \
  --disable-ansi-colors >"$out/junit.log" 2>&1 || status=$?
cat "$out/junit.log"
passed=$(sed -n 's/^\[ *\([0-9]*\) tests successful *\]$/\1/p' "$out/junit.log")
failed=$(sed -n 's/^\[ *\([0-9]*\) tests failed *\]$/\1/p' "$out/junit.log")
echo "kotlin: ${passed:-0} passed, ${failed:-?} failed"
[ "$status" -eq 0 ] || exit "$status"

# 4. The README snippets (the repository README and bindings/ffi/README.md), as a user would
#    write them; compiled once when they are the same.
for readme in "$root/README.md" "$root/bindings/ffi/README.md"; do
  dir="$out/snippet/$(echo "$readme" | md5sum | cut -c1-8)"
  rm -rf "$dir" && mkdir -p "$dir"
  python3 - "$readme" "$dir/Readme.kt" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"<!-- snippet: kotlin -->\s*```kotlin\n(.*?)```", text, re.S)
if not m:
    sys.exit(f"no kotlin snippet in {sys.argv[1]}")
open(sys.argv[2], "w", encoding="utf-8").write(m.group(1))
PY
  if [ -n "${prev:-}" ] && cmp -s "$prev/Readme.kt" "$dir/Readme.kt"; then
    echo "kotlin: the snippet in $readme is the one already run"
    continue
  fi
  echo "kotlin: compiling and running the snippet in $readme"
  "${kotlinc[@]}" -cp "$out/jindu.jar:$J/jna.jar" "$dir/Readme.kt" -d "$dir/classes"
  got=$(java -cp "$dir/classes:$out/jindu.jar:$J/jna.jar:$K/lib/kotlin-stdlib.jar" ReadmeKt)
  echo "$got"
  case "$got" in
    "refused: dependency cycle: design -> docs -> design") ;;
    *) echo "kotlin: the snippet in $readme printed something else"; exit 1 ;;
  esac
  prev="$dir"
done
# 5. The files snippet of bindings/ffi/README.md (reading CSV, writing and reading MSPDI).
readme="$root/bindings/ffi/README.md"
dir="$out/snippet/io"
rm -rf "$dir" && mkdir -p "$dir"
python3 - "$readme" "$dir/ReadmeIo.kt" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"<!-- snippet: kotlin-io -->\s*```kotlin\n(.*?)```", text, re.S)
if not m:
    sys.exit(f"no kotlin-io snippet in {sys.argv[1]}")
open(sys.argv[2], "w", encoding="utf-8").write(m.group(1))
PY
echo "kotlin: compiling and running the files snippet in $readme"
"${kotlinc[@]}" -cp "$out/jindu.jar:$J/jna.jar" "$dir/ReadmeIo.kt" -d "$dir/classes"
got=$(java -cp "$dir/classes:$out/jindu.jar:$J/jna.jar:$K/lib/kotlin-stdlib.jar" ReadmeIoKt)
echo "$got"
case "$got" in
  'refused: csv line 3, column 2 (duration): "two days": invalid duration'*) ;;
  *) echo "kotlin: the files snippet in $readme printed something else"; exit 1 ;;
esac
echo "kotlin: done in $(($(date +%s) - t0)) s"
