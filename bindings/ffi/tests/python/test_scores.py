"""Risk scores through the Python layer: hand-computed scores, options passed through,
errors typed."""

from __future__ import annotations

from typing import Any, Dict

import pytest

import jindu

# Mon 5 Jan 2026. A (20d) and B (5d) into the milestone M; C (3d) is fixed by an MSO.
DOC = {
    "name": "Net",
    "start": "2026-01-05",
    "tasks": [
        {"id": "A", "duration": "20d"},
        {"id": "B", "duration": "5d"},
        {"id": "C", "duration": "3d", "constraint": {"type": "MSO", "date": "2026-01-05"}},
        {"id": "M", "milestone": True},
    ],
    "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}, {"from": "C", "to": "M"}],
}


def by_id(s: Dict[str, Any], task: str) -> Dict[str, Any]:
    found: Dict[str, Any] = next(t for t in s["tasks"] if t["id"] == task)
    return found


def test_hand_computed_scores() -> None:
    s = jindu.scores(DOC)
    # Weights in play: float 3, merge 1, hard constraint 1, deadline 2 (7).
    # M: float 1, merge (3 - 1) / (3 + 1) -> (3 + 1/2) / 7 = 50; A: float 1 -> 3 / 7 = 42.9.
    assert by_id(s, "M")["score"] == 50.0
    assert by_id(s, "A")["score"] == 42.9
    # B has 15 days of float, beyond the 10-day horizon.
    b = {f["code"]: f for f in by_id(s, "B")["factors"]}
    assert (b["float"]["value"], b["float"]["measure"]) == (0.0, 15.0)
    assert "criticality" in by_id(s, "A")["missing"]
    assert [w["code"] for w in s["warnings"]][:2] == ["low_float", "hard_constraint"]
    assert s["warnings"][0]["task"] == "C"


def test_options_pass_through() -> None:
    s = jindu.scores(DOC, weights={"float": 1, "merge": 3})
    assert by_id(s, "M")["score"] == 35.7  # (1 + 3 * 1/2) / 7
    s = jindu.scores(DOC, iterations=50, seed=2)
    crit = {f["code"]: f for f in by_id(s, "A")["factors"]}["criticality"]
    assert crit["value"] == 1.0
    assert by_id(s, "A")["score"] == 60.0  # (3 + 3) / 10


def test_bad_options_are_typed() -> None:
    with pytest.raises(jindu.JinduError.Invalid) as e:
        jindu.scores(DOC, warn_at=2)
    assert e.value.field == "warn_at"
    with pytest.raises(jindu.JinduError):
        jindu.scores(DOC, wieghts={})


def test_capped_warnings_and_the_default_estimate() -> None:
    every = jindu.scores(DOC)
    one = jindu.scores(DOC, max_warnings=1)
    assert one["warnings"] == every["warnings"][:1]
    assert one["warnings_dropped"] == len(every["warnings"]) - 1 > 0
    # No estimates: no spread; with -10 % / +25 %, A (20d) is 18d / 20d / 25d, mean 21d:
    # (25 - 18) / 21 = 0.33.
    assert "spread" in by_id(every, "A")["missing"]
    s = jindu.scores(DOC, default_estimate={"optimistic_percent": -10, "pessimistic_percent": 25})
    spread = {f["code"]: f for f in by_id(s, "A")["factors"]}["spread"]
    assert spread["value"] == 0.33
