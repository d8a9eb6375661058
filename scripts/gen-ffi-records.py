#!/usr/bin/env python3
"""Generates bindings/ffi/src/records.rs (the uniffi records and enums of the typed Kotlin API,
Python `jindu._native` too) from the JSON Schemas that `jindu schema NAME` prints.

    scripts/gen-ffi-records.py [--schemas FILE] [--check]     # as scripts/gen-python-types.py

The records mirror the JSON exactly (serde names and tags), so that a record is converted from
and to the core's JSON by serde: a result is the core's JSON read into the record, a document
record is written as JSON and read by the core's reader (the same checks and errors as the JSON
functions). The rules, and the names, are those of scripts/gen-python-types.py:

* an object is a `uniffi::Record`: a required field is its type, an optional one an `Option`
  (a list: empty), each defaulted in Kotlin (`TaskInput(id = "A", duration = "2d")`);
* a string enum is a `uniffi::Enum` (`LinkCode.FS`, `Lang.ZH_CN`);
* a union tagged by a field (`op`, `type`, `kind`) is a `uniffi::Enum` with fields;
* keys (string or integer in documents) are strings; a union of unrelated shapes (a risk's cost:
  an amount or a range) is its JSON text (`JsonText`, a `String` in Kotlin).

Dates stay ISO 8601 text (`"2026-01-05T08:00:00"`), durations text (`"3d"`): as in the JSON.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bindings/ffi/src/records.rs"

_spec = importlib.util.spec_from_file_location("gen_python_types", ROOT / "scripts/gen-python-types.py")
assert _spec is not None and _spec.loader is not None
py = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(py)

EDITION = re.search(r'^edition = "(\d+)"', (ROOT / "Cargo.toml").read_text(), re.M).group(1)  # type: ignore[union-attr]

RUST_KEYWORDS = {"type", "ref", "move", "use", "match", "impl", "loop", "mod", "fn", "in", "as", "crate", "self"}


def snake_field(key: str, taken: set) -> Tuple[str, Optional[str]]:
    """The Rust field name of JSON key `key`, and the serde rename when it differs."""
    name = re.sub(r"[^0-9a-zA-Z_]", "_", key)
    if name in RUST_KEYWORDS:
        name = "kind" if key == "type" and "kind" not in taken else name + "_"
    return name, (None if name == key else key)


def variant(value: str) -> str:
    v = py.camel(str(value))
    if not v or v[0].isdigit():
        v = "V" + v
    # uniffi turns `FS` into `Fs` -> Kotlin FS anyway; keep CamelCase.
    return v


class Gen:
    def __init__(self) -> None:
        self.names = py.Gen()  # for the $defs names (shared with Python)
        self.items: List[str] = []
        self.emitted: Dict[str, Any] = {}

    def ty(self, v: Any, ctx: Any, hint: str) -> str:
        if v is True or v == {}:
            return "JsonText"
        if "$ref" in v:
            return ctx.refs[v["$ref"].split("/")[-1]].strip('"')
        if "const" in v:
            return "String"
        if "enum" in v:
            return "String"
        for key in ("oneOf", "anyOf"):
            if key in v:
                return self.union(v[key], ctx, hint, v.get("description", ""))
        t = v.get("type")
        if isinstance(t, list):
            parts = [x for x in t if x != "null"]
            inner = self.ty({**v, "type": parts[0]}, ctx, hint) if len(parts) == 1 else "JsonText"
            return f"Option<{inner}>" if "null" in t else inner
        if t == "array":
            return f"Vec<{self.ty(v.get('items', True), ctx, hint + 'Item')}>"
        if t == "object" or "properties" in v:
            if "properties" in v:
                return self.record(hint, v, ctx)
            extra = v.get("additionalProperties", True)
            return f"HashMap<String, {self.ty(extra, ctx, hint + 'Value')}>"
        return {"string": "String", "integer": "i64", "number": "f64", "boolean": "bool"}.get(t, "JsonText")

    def union(self, variants: List[Any], ctx: Any, hint: str, doc: str) -> str:
        non_null = [x for x in variants if x.get("type") != "null"]
        nullable = len(non_null) < len(variants)
        if len(non_null) == 1 and "const" not in non_null[0]:
            t = self.ty(non_null[0], ctx, hint)
        elif all("const" in x and x.get("type") == "string" for x in non_null):
            t = self.string_enum(hint, non_null, doc)
        elif all(x.get("type") == "string" and "const" not in x for x in non_null) or (
            {x.get("type") for x in non_null} <= {"string", "integer"} and not any("const" in x for x in non_null)
        ):
            t = "String"  # a key: string or integer
        else:
            tag = py.Gen.tag(non_null)
            if tag and all("properties" in x for x in non_null):
                t = self.tagged(hint, tag, non_null, ctx, doc)
            else:
                t = "JsonText"
        return f"Option<{t}>" if nullable else t

    def string_enum(self, name: str, variants: List[Any], doc: str) -> str:
        key = ("enum", tuple(x["const"] for x in variants))
        if name in self.emitted:
            return name
        self.emitted[name] = key
        lines = doc_lines(doc, "")
        lines += ["#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]", f"pub enum {name} {{"]
        for x in variants:
            lines += doc_lines(x.get("description", "") or f"`{x['const']}`.", "    ")
            lines.append(f'    #[serde(rename = "{x["const"]}")]')
            lines.append(f"    {variant(x['const'])},")
        lines.append("}")
        self.items.append("\n".join(lines))
        return name

    def tagged(self, name: str, tag: str, variants: List[Any], ctx: Any, doc: str) -> str:
        if name in self.emitted:
            return name
        self.emitted[name] = ("tagged",)
        lines = doc_lines(doc, "")
        lines += [
            "#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Enum)]",
            f'#[serde(tag = "{tag}")]',
            f"pub enum {name} {{",
        ]
        for x in variants:
            label = x["properties"][tag]["const"]
            lines += doc_lines(x.get("description", ""), "    ")
            lines.append(f'    #[serde(rename = "{label}")]')
            fields = self.fields(name + py.camel(label), x, ctx, skip=tag, in_enum=True)
            if fields:
                lines.append(f"    {variant(label)} {{")
                lines += ["    " + f for f in fields]
                lines.append("    },")
            else:
                lines.append(f"    {variant(label)},")
        lines.append("}")
        self.items.append("\n".join(lines))
        return name

    def fields(self, owner: str, v: Dict[str, Any], ctx: Any, skip: Optional[str] = None, in_enum: bool = False) -> List[str]:
        required = set(v.get("required", []))
        taken = set(v["properties"])
        out: List[str] = []
        for key, prop in v["properties"].items():
            if key == skip:
                continue
            t = self.ty(prop, ctx, owner + py.camel(key))
            name, rename = snake_field(key, taken)
            serde = [f'rename = "{rename}"'] if rename else []
            optional = key not in required
            if optional and t.startswith("Vec<"):
                serde += ["default", 'skip_serializing_if = "Vec::is_empty"']
            elif optional or t.startswith("Option<"):
                if not t.startswith("Option<"):
                    t = f"Option<{t}>"
                serde += ["default", 'skip_serializing_if = "Option::is_none"']
            out += doc_lines(prop.get("description", ""), "    ")
            if serde:
                out.append(f"    #[serde({', '.join(serde)})]")
            if (optional or t.startswith("Option<")) and not in_enum:
                out.append("    #[uniffi(default)]")
            out.append(f"    {'' if in_enum else 'pub '}{name}: {t},")
        return out

    def record(self, name: str, v: Dict[str, Any], ctx: Any) -> str:
        if name in self.emitted:
            return name
        self.emitted[name] = ("record",)
        fields = self.fields(name, v, ctx)
        lines = doc_lines(v.get("description", "") or f"A `{name}`.", "")
        lines += ["#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, uniffi::Record)]", f"pub struct {name} {{"]
        lines += fields
        lines.append("}")
        self.items.append("\n".join(lines))
        return name

    def schema(self, schema: str, root: str, v: Dict[str, Any]) -> None:
        n = self.names
        defs = v.get("$defs", {})
        body = {k: x for k, x in v.items() if k not in ("$defs", "$schema", "$id", "title")}
        n.def_name(schema, root, body)
        refs = {k: f'"{n.def_name(schema, k, d)}"' for k, d in defs.items()}
        for k, d in [*defs.items(), (None, body)]:
            name = root if k is None else refs[k].strip('"')
            ctx = py.Ctx(schema, refs, "")
            if "properties" in d and "oneOf" not in d and "anyOf" not in d:
                self.record(name, d, ctx)
            else:
                hint = "Edit" if name == "EditOp" else name
                t = self.ty(d, ctx, hint)
                if t != name and name not in self.emitted:
                    # A string, a list or JSON text: an alias in Rust, the type itself in Kotlin.
                    self.emitted[name] = ("alias",)
                    self.items.append("\n".join(doc_lines(d.get("description", "") or f"A `{name}`.", "") + [f"pub type {name} = {t};"]))


def doc_lines(text: str, indent: str) -> List[str]:
    if not text:
        return []
    import textwrap

    # The core's intra-doc links (`[`StatusReport::markdown`]`) name core items: plain code here.
    text = re.sub(r"\[(`[^`]+`)\](?![(\[])", r"\1", text)
    text = re.sub(r"\[(`[^`]+`)\]\([^()]*(\(\))?\)", r"\1", text)

    return [indent + "/// " + line for line in textwrap.wrap(" ".join(text.split()), 96 - len(indent))]


HEADER = """//! The typed records of the jindu JSON formats (Kotlin data classes and enums, Python classes
//! in `jindu._native`): the document, edits, the schedule, diffs and the results.
//!
//! Generated by `scripts/gen-ffi-records.py` from the JSON Schemas that `jindu schema NAME`
//! prints; do not edit by hand. Each record mirrors its JSON object (serde names, tags and
//! optional fields), so a record is converted from the core's JSON and to it by serde (see
//! [`crate::typed`]). Dates and durations are ISO 8601 and duration text, as in the JSON;
//! a key is a string; a union of unrelated shapes is [`JsonText`].

#![allow(missing_docs)] // every item has the schema's description; a few variants have none
#![allow(clippy::large_enum_variant)]

{hashmap}use serde::{Deserialize, Serialize};

pub use crate::typed::JsonText;
"""


def main() -> None:
    schemas = py.load_schemas(sys.argv)
    gen = Gen()
    for schema, root in py.SCHEMAS:
        gen.schema(schema, root, schemas[schema])
    body = "\n\n".join(gen.items)
    hashmap = "use std::collections::HashMap;\n\n" if "HashMap<" in body else ""
    text = HEADER.replace("{hashmap}", hashmap) + "\n" + body + "\n"
    # As `cargo fmt` leaves it (rustfmt.toml of the workspace applies: it runs from the root).
    text = subprocess.run(
        ["rustfmt", "--edition", EDITION, "--emit", "stdout", "-q"],
        input=text, capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    py.write(OUT, text, sys.argv)


if __name__ == "__main__":
    main()
