"""Shared helpers for the tests of the Python package `jindu` (run against the installed wheel)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, List, Tuple

ROOT = Path(__file__).resolve().parents[4]
VECTORS = ROOT / "tests" / "vectors"


def sort_keys(v: Any) -> Any:
    """A copy of `v` with object keys sorted (recursively)."""
    if isinstance(v, dict):
        return {k: sort_keys(v[k]) for k in sorted(v)}
    if isinstance(v, list):
        return [sort_keys(x) for x in v]
    return v


def canonical(v: Any) -> str:
    """The canonical form all bindings compare in: sorted keys, no whitespace (as serde_json
    writes it: non-ASCII characters unescaped)."""
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def vectors() -> List[Tuple[str, Any]]:
    """The conformance vectors, as (file name, vector) pairs in name order."""
    return [
        (p.name, json.loads(p.read_text(encoding="utf-8")))
        for p in sorted(VECTORS.glob("*.json"))
    ]
