#!/usr/bin/env python3
"""Generates bindings/ffi/python/jindu/types.py (the Python package's TypedDicts) from the one
output schema, the JSON Schemas that `jindu schema NAME` prints.

    scripts/gen-python-types.py [--schemas FILE] [--check]

The schemas come from `target/debug/jindu schema NAME`, or FILE (a JSON object of every schema
by name); --check compares instead of writing (exit 1 when the file differs).

Every object of a schema becomes a TypedDict (a field outside `required` is `NotRequired`), a
string enum a `Literal`, a tagged union a `Union` of one TypedDict per variant. A `$defs` name
used with two different meanings (the schedule's `Driver` and the risk report's) keeps its name
where it appears first and takes its schema's name as a prefix elsewhere. `SCHEMA_OF` records
where each TypedDict comes from, so that the test (bindings/ffi/tests/python_types.rs) compares
every TypedDict's keys with the schema it mirrors and the two cannot drift.
"""

from __future__ import annotations

import json
import keyword
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bindings/ffi/python/jindu/types.py"

#: Each schema with the name of its root type in Python.
SCHEMAS: List[Tuple[str, str]] = [
    ("document", "Document"),
    ("edit", "EditOp"),
    ("schedule", "ScheduleResult"),
    ("diff", "DiffResult"),
    ("scores", "Scores"),
    ("scores-request", "ScoresRequest"),
    ("level", "LevelResult"),
    ("load", "LoadResult"),
    ("risk", "RiskResult"),
    ("health", "HealthResult"),
    ("evm", "EvmResult"),
    ("alerts", "Alerts"),
    ("buffers", "BuffersResult"),
    ("variance", "VarianceResult"),
    ("report", "StatusReport"),
    ("client-view", "ClientView"),
    ("whatif", "WhatIfResult"),
    ("compare", "Comparison"),
]

#: The requests (the JSON options each capability reads), with the name of their root type:
#: TypedDicts here; no uniffi records (scripts/gen-ffi-records.py takes `SCHEMAS` only: the
#: typed Kotlin functions take their options as records of their own or as JSON text).
REQUESTS: List[Tuple[str, str]] = [
    ("level-request", "LevelRequest"),
    ("load-request", "LoadRequest"),
    ("risk-request", "RiskRequest"),
    ("health-request", "HealthRequest"),
    ("alerts-request", "AlertRequest"),
    ("track-request", "TrackRequest"),
    ("gantt-request", "GanttRequest"),
    ("histogram-request", "HistogramRequest"),
    ("scurve-request", "ScurveRequest"),
    ("tornado-request", "TornadoRequest"),
    ("evm-chart-request", "EvmChartRequest"),
    ("fever-request", "FeverRequest"),
]

#: Names that would read badly (or shadow a builtin), renamed after generation.
RENAMES = {
    "Warning": "ScoreWarning",
    "Severity": "ScoreSeverity",
    "AlertsSeverity": "Severity",
    "RiskCost1": "CostRange",
    # The package's `LinkType` is the native enum, for `Scheduler.add_link`.
    "LinkType": "LinkCode",
    # The package's `Limits` is the native record the functions take (`limits=`); this is its
    # JSON form inside a request.
    "Limits": "LimitsRequest",
}

PRIMITIVE = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}


def camel(text: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[^0-9A-Za-z]+", text) if p)


def strip(v: Dict[str, Any]) -> Dict[str, Any]:
    """A definition without its description texts, to tell whether two are the same."""
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("description", "title")}
    if isinstance(v, list):
        return [strip(x) for x in v]  # type: ignore[return-value]
    return v


class Gen:
    def __init__(self) -> None:
        self.blocks: List[str] = []
        self.emitted: Dict[str, Any] = {}  # Python name -> stripped definition
        self.schema_of: Dict[str, str] = {}  # TypedDict name -> "schema#/pointer"
        # $defs name -> its Python names, each with its definition without descriptions
        self.global_defs: Dict[str, List[Tuple[str, Any]]] = {}

    # -- names ---------------------------------------------------------------------------------

    def def_name(self, schema: str, name: str, definition: Dict[str, Any]) -> str:
        """The Python name of `$defs` entry `name` of `schema`."""
        bare = strip(definition)
        base = re.sub(r"(?<=\D)\d+$", "", name)  # schemars' `Key2` is a second `Key`
        for candidate in (name, base):
            for py, seen in self.global_defs.get(candidate, []):
                if seen == bare:
                    return py
        seen_as = self.global_defs.setdefault(name, [])
        py = name if not seen_as else camel(schema) + name
        py = RENAMES.get(py, py)
        seen_as.append((py, bare))
        return py

    # -- types ---------------------------------------------------------------------------------

    def type_of(self, v: Any, ctx: "Ctx", hint: str) -> str:
        """The type expression of schema `v`; `hint` names an inline object if there is one."""
        if v is True or v == {}:
            return "Any"
        if "$ref" in v:
            name = v["$ref"].split("/")[-1]
            return ctx.refs[name]
        if "const" in v:
            return f"Literal[{v['const']!r}]"
        if "enum" in v:
            vals = [x for x in v["enum"] if x is not None]
            lit = f"Literal[{', '.join(repr(x) for x in vals)}]"
            return f"Optional[{lit}]" if None in v["enum"] else lit
        for key in ("oneOf", "anyOf"):
            if key in v:
                return self.union(v[key], ctx, hint, f"{ctx.base}/{key}")
        t = v.get("type")
        if isinstance(t, list):
            parts = [self.type_of({**v, "type": x}, ctx, hint) for x in t if x != "null"]
            inner = parts[0] if len(parts) == 1 else f"Union[{', '.join(parts)}]"
            return f"Optional[{inner}]" if "null" in t else inner
        if t == "array":
            items = v.get("items", True)
            return f"List[{self.type_of(items, ctx.at('/items'), hint + 'Item')}]"
        if t == "object" or "properties" in v:
            if "properties" in v:
                return self.typed_dict(hint, v, ctx.schema, ctx.base, ctx)
            extra = v.get("additionalProperties", True)
            return f"Dict[str, {self.type_of(extra, ctx.at('/additionalProperties'), hint + 'Value')}]"
        if t in PRIMITIVE:
            return PRIMITIVE[t]
        return "Any"

    def union(self, variants: List[Any], ctx: "Ctx", hint: str, pointer: str) -> str:
        key = pointer.rsplit("/", 1)[-1]
        non_null = [x for x in variants if x.get("type") != "null"]
        nullable = len(non_null) < len(variants)
        if all("const" in x and x.get("type") == "string" for x in non_null):
            t = f"Literal[{', '.join(repr(x['const']) for x in non_null)}]"
        else:
            tag = self.tag(non_null)
            parts = []
            for i, x in enumerate(non_null):
                if x.get("type") == "object" and "properties" in x:
                    label = x["properties"][tag]["const"] if tag else x.get("title", str(i))
                    name = hint + camel(str(label))
                    sub = Ctx(ctx.schema, ctx.refs, f"{pointer}/{variants.index(x)}")
                    parts.append(self.typed_dict(name, x, ctx.schema, sub.base, sub, rename=True))
                else:
                    parts.append(self.type_of(x, ctx.at(f"/{key}/{variants.index(x)}"), hint + str(i)))
            t = parts[0] if len(parts) == 1 else f"Union[{', '.join(parts)}]"
        return f"Optional[{t}]" if nullable else t

    @staticmethod
    def tag(variants: List[Any]) -> Optional[str]:
        """The property every object variant fixes with a `const`, if there is one."""
        objs = [x for x in variants if "properties" in x]
        if not objs:
            return None
        for k in objs[0]["properties"]:
            if all("const" in x["properties"].get(k, {}) for x in objs):
                return k
        return None

    # -- declarations --------------------------------------------------------------------------

    def typed_dict(
        self, name: str, v: Dict[str, Any], schema: str, pointer: str, ctx: "Ctx", rename: bool = True
    ) -> str:
        name = RENAMES.get(name, name)
        if name in self.emitted:
            if self.emitted[name] == strip(v):
                return f'"{name}"'
            if not rename:
                raise SystemExit(f"{schema}#{pointer}: {name} means two things")
            name = camel(schema) + name
            if name in self.emitted:
                if self.emitted[name] != strip(v):
                    raise SystemExit(f"{schema}#{pointer}: {name} means two things")
                return f'"{name}"'
        self.emitted[name] = strip(v)
        self.schema_of[name] = f"{schema}#{pointer}"
        required = set(v.get("required", []))
        fields = []
        for key, prop in v["properties"].items():
            t = self.type_of(prop, Ctx(schema, ctx.refs, f"{pointer}/properties/{key}"), name + camel(key))
            fields.append((key, t, prop.get("description", ""), key in required))
        self.blocks.append(declare(name, v.get("description", ""), fields))
        return f'"{name}"'

    def alias(self, name: str, t: str, doc: str) -> None:
        if name in self.emitted:
            if self.emitted[name] != t:
                raise SystemExit(f"{name} means two things: {self.emitted[name]} and {t}")
            return
        self.emitted[name] = t
        self.blocks.append("\n".join(comment(doc, "", "#: ") + [f"{name} = {t}"]))

    def schema(self, schema: str, root: str, v: Dict[str, Any]) -> None:
        defs = v.get("$defs", {})
        body = {k: x for k, x in v.items() if k not in ("$defs", "$schema", "$id", "title")}
        self.def_name(schema, root, body)
        refs = {n: f'"{self.def_name(schema, n, d)}"' for n, d in defs.items()}
        for n, d in [*defs.items(), (None, body)]:
            py = root if n is None else refs[n].strip('"')
            where = "" if n is None else f"/$defs/{n}"
            ctx = Ctx(schema, refs, where)
            if "properties" in d and "oneOf" not in d and "anyOf" not in d:
                self.typed_dict(py, d, schema, where, ctx, rename=False)
            else:
                # The edit variants read `EditSetDuration`, not `EditOpSetDuration`.
                hint = "Edit" if py == "EditOp" else py
                self.alias(py, self.type_of(d, ctx, hint), d.get("description", ""))


class Ctx:
    """Where in which schema a type is, and how `$ref` names read in Python."""

    def __init__(self, schema: str, refs: Dict[str, str], base: str) -> None:
        self.schema = schema
        self.refs = refs
        self.base = base

    def at(self, suffix: str) -> "Ctx":
        return Ctx(self.schema, self.refs, self.base + suffix)


def identifiers(fields: List[Tuple[str, str, str, bool]]) -> bool:
    return all(k.isidentifier() and not keyword.iskeyword(k) for k, _, _, _ in fields)


def declare(name: str, doc: str, fields: List[Tuple[str, str, str, bool]]) -> str:
    """A TypedDict: required keys in a base (or the class itself), optional ones in a class with
    `total=False` (`NotRequired` is in `typing` from Python 3.11 only). A key that is not an
    identifier (`from`) needs the functional form, for its part."""
    req = [f for f in fields if f[3]]
    opt = [f for f in fields if not f[3]]
    lines: List[str] = []
    bases: List[str] = []
    body: List[Tuple[str, str, str, bool]] = []
    total = ""
    if req and opt:
        # One part in the class, the other in a private base.
        in_class, other, private = (opt, req, "Required") if identifiers(opt) else (req, opt, "Optional")
        if not identifiers(in_class):
            lines += functional(f"_{name}Optional", "", opt, True)
            lines += functional(f"_{name}Required", "", req, False)
            bases = [f"_{name}Required", f"_{name}Optional"]
        else:
            lines += functional(f"_{name}{private}", "", other, private == "Optional") if not identifiers(
                other
            ) else klass(f"_{name}{private}", ["TypedDict"], "", other, private == "Optional")
            bases = [f"_{name}{private}"]
            body = in_class
            total = ", total=False" if in_class is opt else ""
    elif identifiers(fields):
        return "\n".join(klass(name, ["TypedDict"], doc, fields, bool(opt)))
    else:
        return "\n".join(functional(name, doc, fields, bool(opt)))
    lines += klass(name, bases, doc, body, False, total)
    return "\n".join(lines)


def klass(
    name: str, bases: List[str], doc: str, fields: List[Tuple[str, str, str, bool]], optional: bool, total: str = ""
) -> List[str]:
    if optional:
        total = ", total=False"
    lines = [f"class {name}({', '.join(bases)}{total}):"]
    if doc:
        lines.append(docstring(doc, "    "))
    for key, t, d, _ in fields:
        lines += comment(d, "    ", "#: ")
        lines.append(f"    {key}: {t}")
    if not fields and not doc:
        lines.append("    pass")
    if lines[-1].startswith("class"):
        lines.append("    pass")
    lines += ["", ""]
    return lines


def functional(name: str, doc: str, fields: List[Tuple[str, str, str, bool]], optional: bool) -> List[str]:
    lines = comment(doc, "")
    lines.append(f'{name} = TypedDict(\n    "{name}",\n    {{')
    for key, t, d, _ in fields:
        lines += comment(d, "        ")
        lines.append(f'        "{key}": {t},')
    lines.append("    }," + ("\n    total=False," if optional else "") + "\n)")
    lines += ["", ""]
    return lines


def comment(text: str, indent: str, mark: str = "# ") -> List[str]:
    if not text:
        return []
    return [indent + mark + line for line in textwrap.wrap(" ".join(text.split()), 96 - len(indent))]


def docstring(text: str, indent: str) -> str:
    body = textwrap.fill(" ".join(text.split()), 96 - len(indent), initial_indent=indent, subsequent_indent=indent)
    body = body.replace('"""', "'''").rstrip("\\")
    return f'{indent}"""{body.strip()}"""' if len(body) < 90 else f'{indent}"""{body.lstrip()}\n{indent}"""'


HEADER = '''"""The jindu JSON formats as TypedDicts, for type checkers (mypy, pyright) and editors.

Generated by ``scripts/gen-python-types.py`` from the JSON Schemas that ``jindu schema NAME``
prints (the one output schema of every binding); do not edit by hand. A test compares every
TypedDict's keys with its schema (``SCHEMA_OF``), so that the two cannot drift.

The roots: :data:`Document` (what :func:`jindu.schedule` and :class:`jindu.Scheduler` take),
:data:`EditOp`, :data:`ScheduleResult`, :data:`DiffResult`, :data:`Scores`, :data:`LevelResult`,
:data:`LoadResult`, :data:`RiskResult`, :data:`HealthResult`, :data:`EvmResult`,
:data:`Alerts`, :data:`BuffersResult`, :data:`VarianceResult`, :data:`StatusReport`,
:data:`ClientView`, :data:`WhatIfResult` and :data:`Comparison`. Dates are ISO 8601 text
(``"2026-01-05T08:00:00"``; documents also take ``"2026-01-05"``), durations text such as
``"3d"``.
"""

# fmt: off
from typing import Any, Dict, List, Literal, Optional, TypedDict, Union
'''


def load_schemas(argv: List[str]) -> Dict[str, Any]:
    """Every schema by name: from `--schemas FILE`, else from `target/debug/jindu schema`."""
    if "--schemas" in argv:
        with open(argv[argv.index("--schemas") + 1], encoding="utf-8") as f:
            loaded: Dict[str, Any] = json.load(f)
            return loaded
    jindu = str(ROOT / "target/debug/jindu")
    return {
        name: json.loads(
            subprocess.run([jindu, "schema", name], check=True, capture_output=True, text=True).stdout
        )
        for name, _ in SCHEMAS + REQUESTS
    }


def write(path: Path, text: str, argv: List[str]) -> None:
    """Writes `text` to `path`, or with --check exits 1 if the file differs."""
    if "--check" in argv:
        if path.read_text(encoding="utf-8") != text:
            print(f"{path.relative_to(ROOT)} is not what the schemas give: run {Path(argv[0]).name}")
            sys.exit(1)
        return
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


def main() -> None:
    schemas = load_schemas(sys.argv)
    gen = Gen()
    for schema, root in SCHEMAS + REQUESTS:
        gen.schema(schema, root, schemas[schema])
    names = sorted(gen.emitted)
    out = [HEADER, "__all__ = [\n" + "".join(f'    "{n}",\n' for n in names) + '    "SCHEMA_OF",\n]\n']
    out += [b + "\n" for b in gen.blocks]
    out.append("#: Where each TypedDict comes from: the schema's name (``jindu schema NAME``) and the JSON")
    out.append("#: pointer of the object in it.")
    out.append("SCHEMA_OF: Dict[str, str] = {")
    out += [f'    "{n}": "{p}",' for n, p in gen.schema_of.items()]
    out.append("}\n")
    text = "\n\n".join(out[:2]) + "\n\n" + "\n\n".join(out[2:-4]) + "\n\n" + "\n".join(out[-4:])
    write(OUT, re.sub(r"\n{4,}", "\n\n\n", text), sys.argv)


if __name__ == "__main__":
    main()
