#!/usr/bin/env python3
"""What each part of the npm package's .wasm costs (`make wasm-bloat`).

  python3 bench/wasm_bloat.py [--top 25] [--no-ablation] [--json PATH]

Starts from the module `bindings/wasm/build.sh` built (target/wasm32-unknown-unknown/
wasm-release/jindu_wasm.wasm; run `make wasm-pkg` first) and runs it through the same pipeline
(wasm-bindgen, then wasm-opt -Oz), once keeping the function names (-g) for twiggy:

1. By crate: twiggy's shallow size of every function and data segment, summed by the crate its
   name belongs to (serde_json, quick-xml, core::fmt, …; generic code is counted where its
   name starts: `<serde_path_to_error::de::Deserializer<D> as serde::Deserializer>::…` is
   serde_path_to_error, `core::ptr::drop_in_place<T>` is drop glue). The gzip column shares
   the measured gzip size out in proportion to raw bytes: an estimate.
2. By export (unless --no-ablation): the module without one export, or keeping only a group of
   them (wasm-metadce, then wasm-opt -Oz, then gzip -9), which measures exactly what a
   function, or a split into two separately loaded modules, saves or costs. These are real
   modules; the JavaScript glue of the full build still loads them.

Tools: wasm-bindgen and twiggy from tools/cargo (`make wasm-bloat` installs twiggy), wasm-opt and
wasm-metadce from tools/npm. Output: markdown on stdout, the figures as JSON in
target/wasm-bloat/bloat.json.
"""

import argparse
import collections
import gzip
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "wasm-bloat")
RAW = os.path.join(ROOT, "target", "wasm32-unknown-unknown", "wasm-release", "jindu_wasm.wasm")
TOOLS = os.path.join(ROOT, "tools", "cargo", "bin")
NPM_BIN = os.path.join(ROOT, "tools", "npm", "node_modules", ".bin")

# The exports of the package, by the JavaScript function they belong to.
IO_EXPORTS = ["importMspdi", "importCsv", "importPsplib", "exportMspdi"]
# What the wasm-bindgen glue needs whatever is called (allocator, tables, start).
RUNTIME = ["memory", "__wbindgen_malloc", "__wbindgen_realloc", "__wbindgen_free",
           "__wbindgen_exn_store", "__externref_table_alloc", "__wbindgen_externrefs",
           "__externref_table_dealloc", "__wbindgen_start", "__abort_handler",
           "__instance_terminated"]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def run(cmd, **kw):
    log("+ " + " ".join(cmd))
    return subprocess.run(cmd, check=True, **kw)


def gz(path):
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), 9, mtime=0))


def size(path):
    return os.path.getsize(path)


def exports_of(path):
    """Export names and kinds, from node's WebAssembly.Module.exports."""
    js = ("const m=new WebAssembly.Module(require('fs').readFileSync(process.argv[1]));"
          "console.log(JSON.stringify(WebAssembly.Module.exports(m)))")
    r = subprocess.run(["node", "-e", js, path], capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


# ------------------------------------------------------------------------------ by crate
PATH_RE = re.compile(r"^[&*]*(?:mut |const |dyn )?([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?(?:::([A-Za-z_][A-Za-z0-9_]*))?")
STD = ("core", "alloc", "std")
PRIMITIVE = {"f32", "f64", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64",
             "i128", "isize", "bool", "char", "str", "T", "A", "K", "V", "F", "I", "W", "R"}
EXPORTS = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*) (?:externref shim|multivalue shim)")


def path_bucket(path):
    """`serde_json::de::…` -> serde_json; `core::slice::sort…` -> core::slice; `jindu::io::csv::…`
    -> jindu::io::csv; `jindu::cpm::…` -> jindu::cpm."""
    m = PATH_RE.match(path)
    if not m:
        return None, path.split("::")[0]
    crate, second = m.group(1), m.group(2)
    if crate in STD:
        return crate, f"{crate}::{second}" if second else crate
    if crate == "jindu":
        parts = re.sub(r"\[[0-9a-f]+\]", "", path).split("::")
        if len(parts) > 2 and parts[1] == "io" and not parts[2].startswith("h"):
            return crate, f"jindu::io::{parts[2]}"
        return crate, f"jindu::{second}" if second else crate
    if crate == "jindu_wasm":
        return crate, "jindu_wasm (the binding)"
    return crate, crate


def crate_of(name):
    """The crate (or part of the standard library, or a bucket) a twiggy item belongs to.
    Generic code counts where its name starts; a trait impl on a standard or primitive type
    counts for the trait (`<f64 as core::fmt::Display>::fmt` is core::fmt)."""
    if name.startswith("data segment") or name.startswith("data["):
        return "data segments (strings, tables)"
    if name.startswith('"') or "custom section" in name:
        return "custom sections"
    if name.startswith(("type[", "import ", "export ", "table[", "elem[", "global[", "memory[")):
        return "wasm sections (types, imports, exports, tables)"
    if name.startswith("code["):
        return "unnamed code"
    m = EXPORTS.match(name)
    if m:
        return "export bodies (inlined readers, writers and glue)"
    if re.match(r"^<?(__wbg_|__wbindgen|__externref|wasm_bindgen|js_sys)", name):
        return "wasm-bindgen / js-sys glue"
    if "drop_in_place" in name.split("<")[0] or name.startswith("<core::ptr::drop_in_place"):
        return "drop glue (core::ptr::drop_in_place)"
    if name.startswith(("dlmalloc", "<dlmalloc", "__rdl_", "__rust_alloc", "__rust_dealloc", "__rust_realloc")):
        return "allocator (dlmalloc)"
    if name.startswith(("memcpy", "memmove", "memset", "memcmp", "bcmp", "compiler_builtins", "__")):
        return "compiler builtins"
    if name.startswith("<") and " as " in name:
        inner = name[1:]
        self_ty, trait = inner.split(" as ", 1)
        crate, bucket = path_bucket(self_ty)
        if crate in STD or crate in PRIMITIVE or crate is None:
            _, tb = path_bucket(trait)
            return tb
        return bucket
    inner = name.lstrip("<")
    crate, bucket = path_bucket(inner)
    if crate in PRIMITIVE:
        # `<char>::escape_debug_ext`, `<str>::…`: inherent methods of primitives live in core.
        return f"core ({crate} methods)"
    return bucket


def by_crate(named):
    r = subprocess.run([os.path.join(TOOLS, "twiggy"), "top", "-n", "1000000", "--format", "json", named],
                       capture_output=True, text=True, check=True)
    items = json.loads(r.stdout)
    totals = collections.Counter()
    counts = collections.Counter()
    top = []
    for it in items:
        name, sz = it["name"], it["shallow_size"]
        c = crate_of(name)
        totals[c] += sz
        counts[c] += 1
        top.append((sz, name, c))
    top.sort(reverse=True)
    return totals, counts, top


# ------------------------------------------------------------------------------ ablation
def metadce(bg, keep, out):
    """`bg` keeping only the exports in `keep` (plus the runtime), optimised like the package."""
    graph = [{"name": "outside", "root": True, "reaches": [f"e:{e}" for e in keep]}]
    graph += [{"name": f"e:{e}", "export": e} for e in keep]
    gpath = out + ".graph.json"
    with open(gpath, "w") as f:
        json.dump(graph, f)
    dce = out + ".dce.wasm"
    # The module's own target_features section gives both tools its features (as in build.sh).
    run([os.path.join(NPM_BIN, "wasm-metadce"), "--graph-file", gpath, bg, "-o", dce],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run([os.path.join(NPM_BIN, "wasm-opt"), "-Oz", dce, "-o", out])
    os.remove(dce)
    return size(out), gz(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--no-ablation", action="store_true")
    ap.add_argument("--json", default=os.path.join(WORK, "bloat.json"))
    a = ap.parse_args()
    if not os.path.exists(RAW):
        sys.exit("wasm_bloat.py: build the package first (make wasm-pkg)")
    os.makedirs(WORK, exist_ok=True)
    bgdir = os.path.join(WORK, "bg")
    run([os.path.join(TOOLS, "wasm-bindgen"), RAW, "--target", "web", "--out-dir", bgdir, "--out-name", "jindu"])
    bg = os.path.join(bgdir, "jindu_bg.wasm")
    shipped = os.path.join(ROOT, "bindings", "wasm", "pkg", "web", "jindu_bg.wasm")
    named = os.path.join(WORK, "named.wasm")
    run([os.path.join(NPM_BIN, "wasm-opt"), "-Oz", "-g", bg, "-o", named])
    ship_raw, ship_gz = size(shipped), gz(shipped)
    result = {"shipped_bytes": ship_raw, "shipped_gzip_bytes": ship_gz,
              "rustc_bytes": size(RAW), "bindgen_bytes": size(bg), "named_bytes": size(named)}

    totals, counts, top = by_crate(named)
    named_sections = sum(v for k, v in totals.items() if k == "custom sections")
    code_total = sum(totals.values()) - named_sections
    result["by_crate"] = {k: {"bytes": v, "items": counts[k]} for k, v in totals.most_common()}
    print(f"### The .wasm: {ship_raw:,} bytes, {ship_gz:,} gzipped "
          f"(rustc {size(RAW):,}, after wasm-bindgen {size(bg):,})\n")
    print("By crate (twiggy shallow sizes of the -Oz module with names kept; gzip shared out by raw bytes):\n")
    print("| crate / part | bytes | share | ≈ gzip | items |")
    print("|---|---:|---:|---:|---:|")
    for k, v in totals.most_common():
        if k == "custom sections":
            continue
        share = v / code_total
        print(f"| {k} | {v:,} | {share:.1%} | {share * ship_gz / 1024:.1f} KB | {counts[k]:,} |")
    print(f"\nLargest items (of {len(top):,}):\n")
    print("| bytes | item | counted as |")
    print("|---:|---|---|")
    for sz, name, c in top[: a.top]:
        short = name if len(name) <= 110 else name[:107] + "…"
        print(f"| {sz:,} | `{short}` | {c} |")
    print()

    if not a.no_ablation:
        exports = [e["name"] for e in exports_of(bg)]
        api = [e for e in exports if e not in RUNTIME]
        runtime = [e for e in exports if e in RUNTIME]
        core = [e for e in api if e not in IO_EXPORTS]
        io = [e for e in api if e in IO_EXPORTS]
        variants = [("full (all exports)", api)]
        variants += [(f"without {e}", [x for x in api if x != e]) for e in IO_EXPORTS]
        variants += [("without the four file functions (the core module)", core),
                     ("only the file functions (an io module)", io),
                     ("the core module and exportMspdi", core + ["exportMspdi"]),
                     ("only the three importers", [e for e in io if e != "exportMspdi"]),
                     ("only importMspdi + exportMspdi", ["importMspdi", "exportMspdi"]),
                     ("only importCsv + importPsplib", ["importCsv", "importPsplib"]),
                     ("only schedule + scheduleJson + version", ["schedule", "scheduleJson", "version"])]
        rows = []
        for label, keep in variants:
            out = os.path.join(WORK, re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") + ".wasm")
            raw, z = metadce(bg, keep + runtime, out)
            rows.append({"variant": label, "exports": keep, "bytes": raw, "gzip_bytes": z})
        result["ablation"] = rows
        full = rows[0]["gzip_bytes"]
        print("By export (wasm-metadce keeping only some exports, then wasm-opt -Oz, gzip -9):\n")
        print("| module | bytes | gzip | vs full |")
        print("|---|---:|---:|---:|")
        for r in rows:
            print(f"| {r['variant']} | {r['bytes']:,} | {r['gzip_bytes'] / 1024:.1f} KB "
                  f"| {(r['gzip_bytes'] - full) / 1024:+.1f} KB |")
        by = {r["variant"]: r["gzip_bytes"] for r in rows}
        core_gz = by["without the four file functions (the core module)"]
        io_gz = by["only the file functions (an io module)"]
        print(f"\nSplit: core module {core_gz / 1024:.1f} KB + io module {io_gz / 1024:.1f} KB = "
              f"{(core_gz + io_gz) / 1024:.1f} KB, against {full / 1024:.1f} KB in one: what every "
              f"user loads drops by {(full - core_gz) / 1024:.1f} KB; both together cost "
              f"{(core_gz + io_gz - full) / 1024:.1f} KB more (code in both).\n")
        c2, i2 = by["the core module and exportMspdi"], by["only the three importers"]
        print(f"Split with exportMspdi in the core module (it schedules): core {c2 / 1024:.1f} KB + "
              f"importers {i2 / 1024:.1f} KB = {(c2 + i2) / 1024:.1f} KB; the core module is "
              f"{(full - c2) / 1024:.1f} KB smaller than today's.\n")
    with open(a.json, "w") as f:
        json.dump(result, f, indent=1)
    log(f"wrote {a.json}")


if __name__ == "__main__":
    main()
