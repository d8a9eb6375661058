"""Resource loading through the Python layer: a portfolio of documents sharing one pool, the
period and range options, errors typed and naming the option."""

from __future__ import annotations

from typing import Any, Dict

import pytest

import jindu


def doc(name: str, task: str, days: int, units: int = 100) -> Dict[str, Any]:
    return {
        "name": name,
        "start": "2026-01-05",
        "tasks": [{"id": task, "duration": f"{days}d"}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": task, "resource": "ana", "units": units}],
    }


def test_one_document_by_day() -> None:
    # A: 2 days from Monday 5 January at 50%: 4 h of work each day, against 8 h of capacity.
    l = jindu.load(doc("P", "A", 2, units=50), by="day")
    assert l["period"] == "day"
    (ana,) = l["resources"]
    days = [(p["start"], p["work_minutes"], p["capacity_minutes"]) for p in ana["periods"]]
    assert days == [("2026-01-05T00:00:00", 240, 480), ("2026-01-06T00:00:00", 240, 480)]
    assert [p["load_percent"] for p in ana["periods"]] == [50.0, 50.0]
    assert ana["overallocations"] == []


def test_a_portfolio_shares_the_pool() -> None:
    # P's A (2 days) and Q's B (1 day) both start Monday: ana has 3 days = 1,440 min of work in
    # the week of 5 January, and is over 100% on Monday 08:00-17:00 (A and B at 100% each).
    l = jindu.load([doc("P", "A", 2), doc("Q", "B", 1)], by="week")
    (ana,) = l["resources"]
    assert ana["periods"][0]["work_minutes"] == 3 * 480
    (over,) = ana["overallocations"]
    assert (over["start"], over["finish"]) == ("2026-01-05T08:00:00", "2026-01-05T17:00:00")
    assert sorted((t["project_name"], t["task"]) for t in over["tasks"]) == [("P", "A"), ("Q", "B")]


def test_the_range_limits_the_periods() -> None:
    # Three days of A from Monday; only Tuesday is asked for.
    l = jindu.load(doc("P", "A", 3), by="day", from_date="2026-01-06", to_date="2026-01-07")
    assert [p["start"] for p in l["resources"][0]["periods"]] == ["2026-01-06T00:00:00"]


def test_bad_options_are_typed_errors() -> None:
    with pytest.raises(jindu.JinduError.Invalid) as e:
        jindu.load(doc("P", "A", 1), by="fortnight")
    assert e.value.field == "by" and "fortnight" in str(e.value)
    with pytest.raises(jindu.JinduError.Invalid) as e2:
        jindu.load(doc("P", "A", 1), from_date="soon")
    assert e2.value.field == "from"
    with pytest.raises(TypeError):
        jindu.load(42)  # type: ignore[arg-type]


def test_a_period_costs_its_work_at_the_rate() -> None:
    # Ana at 62.5 an hour with 15 a use, 3 days of A from Monday at 100 %: 8 h x 62.5 = 500 a
    # day, the use on Monday: 515, 500, 500; total 1,515. A cost resource's 900 over the same
    # 3 days is prorated: 300 a day.
    d = doc("P", "A", 3)
    d["resources"] = [
        {"id": "ana", "standard_rate": 62.5, "cost_per_use": 15},
        {"id": "fee", "kind": "cost"},
    ]
    d["assignments"].append({"task": "A", "resource": "fee", "cost": 900})
    ana, fee = jindu.load(d, by="day")["resources"]
    assert [p["cost"] for p in ana["periods"]] == [515, 500, 500]
    assert ana["cost"] == 1515
    assert [p["cost"] for p in fee["periods"]] == [300, 300, 300]
    # Without a rate, no cost key.
    (plain,) = jindu.load(doc("P", "A", 1), by="day")["resources"]
    assert "cost" not in plain["periods"][0] and "cost" not in plain
