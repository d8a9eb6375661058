#!/usr/bin/env bash
# Builds the npm package `jindu` into bindings/wasm/pkg (never committed):
#   node/      CommonJS for Node (wasm-bindgen --target nodejs)
#   node-esm/  ES module for Node (--target experimental-nodejs-module)
#   web/       ES module for browsers and bundlers (--target web; call `await init()` first)
# each with three modules: jindu (the crate jindu-wasm: scheduling, `import 'jindu'`),
# jindu_io (the crate jindu-wasm-io: the file readers, `import 'jindu/io'`) and jindu_plan (the
# crate jindu-wasm-plan: levelling, loading, health, tracking and charts, `import 'jindu/plan'`;
# core/DESIGN.md "WebAssembly size"), plus npm/package.json (exports map, files allowlist) and
# README.md. The .wasm are built once, in one cargo run with the wasm-release profile (so the
# core is compiled once for all), shrunk once with wasm-opt and shipped once, in web/ (where the
# browser glue fetches it, `new URL('<name>_bg.wasm', import.meta.url)`, and bundlers find it):
# the Node glue in node/ and node-esm/ reads ../web/<name>_bg.wasm, its one path rewritten here
# (checked: exactly one occurrence each), so the tarball carries each module once, not three times.
# Tools: wasm-bindgen from tools/cargo, wasm-opt from tools/npm (`make wasm-tools` installs
# both), or WASM_BINDGEN / WASM_OPT. Does nothing when its inputs have not changed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
wasm_bindgen=${WASM_BINDGEN:-$root/tools/cargo/bin/wasm-bindgen}
wasm_opt=${WASM_OPT:-$root/tools/npm/node_modules/.bin/wasm-opt}
cargo=${CARGO:-cargo}
pkg=$here/pkg

(cd "$root" && "$cargo" build -q --profile wasm-release --target wasm32-unknown-unknown -p jindu-wasm -p jindu-wasm-io -p jindu-wasm-plan)
raw=$root/target/wasm32-unknown-unknown/wasm-release/jindu_wasm.wasm
raw_io=$root/target/wasm32-unknown-unknown/wasm-release/jindu_wasm_io.wasm
raw_plan=$root/target/wasm32-unknown-unknown/wasm-release/jindu_wasm_plan.wasm

# rewrite FILE OLD NEW: replaces the one occurrence of the literal OLD in FILE by NEW; fails when
# OLD occurs other than once (a wasm-bindgen that loads its .wasm differently).
rewrite() {
  local n
  n=$(grep -cF -- "$2" "$1" || true)
  if [ "$n" != 1 ]; then
    echo "jindu-wasm: expected one \`$2\` in $1, found $n: how does this wasm-bindgen load the .wasm?" >&2
    exit 1
  fi
  OLD=$2 NEW=$3 perl -0pi -e 's/\Q$ENV{OLD}\E/$ENV{NEW}/' "$1"
}

stamp=$(cat "$raw" "$raw_io" "$raw_plan" "$here/build.sh" "$here/npm/package.json" "$here/README.md" | sha256sum | cut -d' ' -f1)
if [ -f "$pkg/.stamp" ] && [ "$(cat "$pkg/.stamp")" = "$stamp" ]; then
  echo "jindu-wasm: $pkg is up to date"
else
  tmp=$(mktemp -d "$here/.pkg.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  # module name : raw .wasm
  for m in "jindu:$raw" "jindu_io:$raw_io" "jindu_plan:$raw_plan"; do
    name=${m%%:*}
    for spec in nodejs:node experimental-nodejs-module:node-esm web:web; do
      "$wasm_bindgen" "${m#*:}" --target "${spec%%:*}" --out-dir "$tmp/${spec#*:}" --out-name "$name"
    done
    # The three .wasm files are identical (checked here): optimise one, share it.
    for d in node node-esm; do
      cmp -s "$tmp/web/${name}_bg.wasm" "$tmp/$d/${name}_bg.wasm" || {
        echo "jindu-wasm: $d/${name}_bg.wasm differs from web/; wasm-opt each separately" >&2
        exit 1
      }
    done
    "$wasm_opt" -Oz "$tmp/web/${name}_bg.wasm" -o "$tmp/${name}_bg.wasm"
    mv "$tmp/${name}_bg.wasm" "$tmp/web/${name}_bg.wasm"
    rm "$tmp/node/${name}_bg.wasm" "$tmp/node-esm/${name}_bg.wasm" \
      "$tmp/node/${name}_bg.wasm.d.ts" "$tmp/node-esm/${name}_bg.wasm.d.ts"
    # The Node glue loads the one .wasm in web/: CommonJS by `${__dirname}/<name>_bg.wasm`, the
    # ES module by `new URL('<name>_bg.wasm', import.meta.url)`.
    rewrite "$tmp/node/$name.js" "\${__dirname}/${name}_bg.wasm" "\${__dirname}/../web/${name}_bg.wasm"
    rewrite "$tmp/node-esm/$name.js" "new URL('${name}_bg.wasm', import.meta.url)" "new URL('../web/${name}_bg.wasm', import.meta.url)"
  done
  printf '{\n  "type": "module"\n}\n' > "$tmp/node-esm/package.json"
  printf '{\n  "type": "module"\n}\n' > "$tmp/web/package.json"
  cp "$here/npm/package.json" "$here/README.md" "$tmp/"
  echo "$stamp" > "$tmp/.stamp"
  rm -rf "$pkg"
  mv "$tmp" "$pkg"
  trap - EXIT
  for name in jindu jindu_io jindu_plan; do
    echo "jindu-wasm: built $pkg/web/${name}_bg.wasm ($(wc -c < "$pkg/web/${name}_bg.wasm") bytes, $(gzip -9 -c "$pkg/web/${name}_bg.wasm" | wc -c) gzipped)"
  done
fi

# Install the packed package the way a user would (npm pack, then npm install of the tarball)
# into target/npm-consumer, where the tests load it through its exports map.
consumer=$root/target/npm-consumer
if [ ! -f "$consumer/.stamp" ] || [ "$(cat "$consumer/.stamp")" != "$stamp" ]; then
  rm -rf "$consumer"
  mkdir -p "$consumer"
  (cd "$pkg" && npm pack --silent --pack-destination "$consumer" >/dev/null)
  printf '{ "name": "jindu-consumer", "private": true }\n' > "$consumer/package.json"
  (cd "$consumer" && npm install --no-audit --no-fund --no-save --offline --loglevel=error ./jindu-*.tgz)
  printf "export * from 'jindu';\n" > "$consumer/esm.mjs"
  printf "module.exports = require('jindu');\n" > "$consumer/cjs.cjs"
  printf "export * from 'jindu/io';\n" > "$consumer/io-esm.mjs"
  printf "module.exports = require('jindu/io');\n" > "$consumer/io-cjs.cjs"
  printf "export * from 'jindu/plan';\n" > "$consumer/plan-esm.mjs"
  printf "module.exports = require('jindu/plan');\n" > "$consumer/plan-cjs.cjs"
  echo "$stamp" > "$consumer/.stamp"
  echo "jindu-wasm: installed the packed package into $consumer"
fi
