"""The DCMA 14-point schedule assessment through the Python layer: a hand-worked project,
options passed through, errors typed."""

from __future__ import annotations

from typing import Any, Dict

import pytest

import jindu

# Mon 5 Jan 2026. S -> A (5d) -> F; B (2d) hangs off S with no successor; F is due Thu 8th
# 17:00 but finishes Fri 9th 17:00.
DOC = {
    "name": "Late",
    "start": "2026-01-05",
    "tasks": [
        {"id": "S", "milestone": True},
        {"id": "A", "duration": "5d"},
        {"id": "B", "duration": "2d"},
        {"id": "F", "milestone": True, "deadline": "2026-01-08T17:00"},
    ],
    "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "F"}, {"from": "S", "to": "B"}],
}


def check(h: Dict[str, Any], code: str) -> Dict[str, Any]:
    found = [c for c in h["checks"] if c["code"] == code]
    assert len(found) == 1, code
    return found[0]


def test_a_hand_worked_assessment() -> None:
    h = jindu.health(DOC)
    assert [c["number"] for c in h["checks"]] == list(range(1, 15))
    assert h["passed"] + h["failed"] + h["not_applicable"] == 14
    # Incomplete: S, A, B, F. No successor: B and F (two, so F is not excused): 2 / 4 = 50 %.
    logic = check(h, "missing_logic")
    assert (logic["status"], logic["count"], logic["population"]) == ("fail", 2, 4)
    assert logic["metric"] == 50.0
    assert logic["tasks"] == ["B", "F"]
    # The deadline takes a day from S, A and F; B, off that path, keeps 3 days: 3 / 4.
    neg = check(h, "negative_float")
    assert neg["tasks"] == ["S", "A", "F"]
    assert neg["metric"] == 75.0
    # CPL = 5 working days, the finish float -1 day: CPLI = (5 - 1) / 5 = 0.8.
    assert check(h, "cpli")["metric"] == pytest.approx(0.8)
    # No status date: invalid dates, missed tasks and BEI do not apply.
    for code in ("invalid_dates", "missed_tasks", "bei"):
        assert check(h, code)["status"] == "not_applicable"
        assert check(h, code)["metric"] is None


def test_options_pass_through() -> None:
    h = jindu.health(DOC, thresholds={"cpli": 0.8, "logic_percent": 50})
    assert check(h, "cpli")["status"] == "pass"
    assert check(h, "missing_logic")["threshold"] == "<= 50%"
    # On Tue 6th 17:00 nothing has started: S (Mon 5th 08:00), A and B start in the past.
    h = jindu.health(DOC, status_date="2026-01-06T17:00")
    bad = check(h, "invalid_dates")
    assert bad["tasks"] == ["S", "A", "B"]
    assert h["status_date"] == "2026-01-06T17:00:00"


def test_errors_are_typed() -> None:
    with pytest.raises(jindu.JinduError.Invalid) as e:
        jindu.health(DOC, baseline=3)
    assert e.value.field == "baseline"
    with pytest.raises(jindu.JinduError.Invalid) as e:
        jindu.health(DOC, thresholds={"bei": -1})
    assert e.value.field == "thresholds.bei"


def test_logic_gaps_and_the_additional_dangling_check() -> None:
    h = jindu.health(DOC)
    # Check 1's offenders by kind: B and F lack a successor.
    assert check(h, "missing_logic")["gaps"] == [
        {"task": "B", "kind": "no_successor"},
        {"task": "F", "kind": "no_successor"},
    ]
    # Every link is FS: nothing dangles (0 of the 4 incomplete tasks), and the additional
    # check is not in the totals.
    [d] = h["additional"]
    assert (d["number"], d["code"], d["status"], d["population"]) == (15, "dangling_logic", "pass", 4)
    assert h["passed"] + h["failed"] + h["not_applicable"] == 14
    with pytest.raises(jindu.JinduError.Invalid) as e:
        jindu.health(DOC, thresholds={"dangling_percent": 101})
    assert e.value.field == "thresholds.dangling_percent"
