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


HAND_SCHEDULE_FIELDS = ("project_start", "project_finish", "critical_path", "violations")


def check_hand(v: Any, schedule: Any) -> Tuple[int, List[str]]:
    """Compares a vector's hand-computed values (`v["hand"]`, worked out from core/DESIGN.md,
    never written by the core) with `schedule`, a schedule this binding computed. Returns how
    many values were compared and the disagreements; (0, []) without a `hand` section."""
    hand = v.get("hand")
    if hand is None:
        return 0, []
    compared = 0
    problems: List[str] = []

    def compare(what: str, want: Any, got: Any, present: bool) -> None:
        nonlocal compared
        compared += 1
        if not present or canonical(got) != canonical(want):
            shown = canonical(got) if present else "nothing"
            problems.append(f"{what}: hand {canonical(want)} but computed {shown}")

    if not hand.get("working"):
        problems.append("hand.working: missing")
    for f in HAND_SCHEDULE_FIELDS:
        if f in hand:
            compare(f"hand.{f}", hand[f], schedule.get(f), f in schedule)
    tasks = hand.get("tasks") or {}
    if not tasks:
        problems.append("hand.tasks: missing")
    for tid, fields in tasks.items():
        got = next((t for t in schedule.get("tasks", []) if str(t["id"]) == tid), None)
        for f, want in fields.items():
            present = got is not None and f in got
            compare(f"hand.tasks.{tid}.{f}", want, got[f] if present else None, present)
    return compared, problems


def lookup(v: Any, path: str) -> Tuple[bool, Any]:
    """The value at a dotted path of a result (as ``lookup`` in tests/src/lib.rs): an object's
    key; in a list, a number indexes it, ``*`` takes the rest of the path in every item (a list
    of what it finds) and any other word finds the item with that ``id`` (``evm.tasks.B.ev``,
    ``whatif.moved.*.id``). Returns (found, value)."""
    part, _, rest = path.partition(".")
    if isinstance(v, list):
        if part == "*":
            found = [lookup(x, rest) if rest else (True, x) for x in v]
            return all(f for f, _ in found), [x for _, x in found]
        if part.isdigit():
            nxt = v[int(part)] if int(part) < len(v) else None
            ok = int(part) < len(v)
        else:
            hits = [x for x in v if isinstance(x, dict) and x.get("id") == part]
            ok, nxt = bool(hits), (hits[0] if hits else None)
    elif isinstance(v, dict):
        ok, nxt = part in v, v.get(part)
    else:
        ok, nxt = False, None
    if not ok:
        return False, None
    return lookup(nxt, rest) if rest else (True, nxt)


def check_values(hand: Any, result: Any) -> Tuple[int, List[str]]:
    """Compares a ``hand`` section of hand-worked values (``{"working": [...], "values": {path:
    {"value": v, "within": tol}}}``, as ``check_values`` in tests/src/lib.rs) with ``result``, a
    result this binding computed: within ``within`` of ``value``, or canonically equal without
    it. Returns how many values were compared and the disagreements."""
    compared = 0
    problems: List[str] = []
    if not hand.get("working"):
        problems.append("hand.working: missing")
    problems += [f"hand.{k}: unknown field" for k in hand if k not in ("working", "values")]
    values = hand.get("values") or {}
    if not values:
        problems.append("hand.values: missing")
    for path, want in values.items():
        compared += 1
        found, got = lookup(result, path)
        if "within" in want:
            ok = found and isinstance(got, (int, float)) and not isinstance(got, bool) \
                and abs(got - want["value"]) <= want["within"]
        else:
            ok = found and canonical(got) == canonical(want["value"])
        if not ok:
            shown = canonical(got) if found else "nothing"
            problems.append(f"hand.values.{path}: hand {canonical(want)} but computed {shown}")
    return compared, problems
