"""Resource levelling through the Python layer: a hand-worked portfolio, options passed
through, errors typed."""

from __future__ import annotations

import pytest

import jindu


def doc(name: str, task: str, priority: int) -> dict:
    return {
        "name": name,
        "start": "2026-01-05",
        "tasks": [{"id": task, "duration": "2d", "priority": priority}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": task, "resource": "ana"}],
    }


def test_a_portfolio_levels_by_priority() -> None:
    # Y (priority 700) keeps Mon 5 - Tue 6 January 2026; X (300) waits for Ana until
    # Wednesday 7 at 08:00: two working days, 2 x 480 = 960 minutes.
    r = jindu.level([doc("P0", "X", 300), doc("P1", "Y", 700)], seed=4)
    d = r["projects"][0]["delays"]
    assert len(d) == 1
    assert d[0]["task"] == "X"
    assert (d[0]["from"], d[0]["to"]) == ("2026-01-05T08:00:00", "2026-01-07T08:00:00")
    assert d[0]["delay_minutes"] == 960
    assert d[0]["reason"]["kind"] == "resource"
    assert d[0]["reason"]["by"] == [{"project": 1, "task": "Y"}]
    assert r["projects"][1]["delays"] == []
    assert r["unresolved"] == []
    assert r["seed"] == 4


def test_within_float_reports_the_conflict() -> None:
    # Both tasks are critical, so neither may move: one overallocation at 200% of 100%.
    r = jindu.level([doc("P0", "X", 300), doc("P1", "Y", 700)], within_float=True)
    assert r["projects"][0]["delays"] == []
    u = r["unresolved"]
    assert len(u) == 1
    assert (u[0]["resource"], u[0]["peak_units"], u[0]["max_units"]) == ("ana", 200.0, 100)


def test_a_demand_that_never_fits_is_an_error() -> None:
    bad = doc("P", "A", 500)
    bad["assignments"][0]["units"] = 300
    with pytest.raises(jindu.JinduError) as e:
        jindu.level(bad)
    assert e.value.task_id == "A"
    assert "ana" in e.value.detail
