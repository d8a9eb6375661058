"""Resource levelling through the Python layer: a hand-worked portfolio, options passed
through, errors typed."""

from __future__ import annotations

import json

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


# Three tasks of 2, 1 and 3 days all need all of Ana: whatever the order she works
# 2 + 1 + 3 = 6 days, 48 hourly periods, so every pass has makespan 48.
THREE = {
    "name": "P",
    "start": "2026-01-05",
    "tasks": [
        {"id": "A", "duration": "2d"},
        {"id": "B", "duration": "1d"},
        {"id": "C", "duration": "3d"},
    ],
    "resources": [{"id": "ana"}],
    "assignments": [{"task": t, "resource": "ana"} for t in "ABC"],
}


def test_progress_counts_every_pass_and_the_result_is_the_plain_one() -> None:
    # 30 passes: a slice of one pass each (below a hundred), reported 1, 2, ..., 30 of 30.
    seen = []
    r = jindu.level(THREE, schedules=30, seed=6, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(d, 30) for d in range(1, 31)]
    assert r == jindu.level(THREE, schedules=30, seed=6)
    assert "cancelled" not in r and r["schedules_generated"] == 30
    # 1,000 passes: slices of ten, ending at the total.
    seen.clear()
    jindu.level(THREE, schedules=1000, progress=lambda d, t: seen.append(d))
    assert seen == list(range(10, 1001, 10))


def test_cancel_after_the_first_report_keeps_the_passes_run() -> None:
    # Returning False from the first report cancels: one pass run, the result of schedules=1.
    r = jindu.level(THREE, schedules=30, seed=6, progress=lambda d, t: False)
    assert r["cancelled"] is True and r["schedules_generated"] == 1
    one = jindu.level(THREE, schedules=1, seed=6)
    assert r["projects"] == one["projects"] and r["unresolved"] == one["unresolved"]
    # A token set from the callback (as a Cancel button on another thread would) does the same.
    token = jindu.CancelToken()
    r = jindu.level(THREE, schedules=30, seed=6, progress=lambda d, t: token.cancel(), cancel=token)
    assert (r["cancelled"], r["schedules_generated"]) == (True, 1)
    # Cancelled up front: nothing was levelled, a typed error.
    with pytest.raises(jindu.JinduError.Other) as e:
        jindu.level(THREE, schedules=30, cancel=token)
    assert e.value.code == "cancelled"


def test_a_level_run_steps() -> None:
    run = jindu.LevelRun(json.dumps(THREE), json.dumps({"schedules": 5, "seed": 1}))
    p = run.step(2)
    assert (p.done, p.total, p.makespan, p.conflicts, p.finished) == (2, 5, 48, 0, False)
    p = run.step(100)
    assert (p.done, p.finished) == (5, True)
    assert json.loads(run.result_json()) == jindu.level(THREE, schedules=5, seed=1)


def test_levelling_is_held_to_max_level_schedules() -> None:
    doc = {
        "name": "P",
        "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}],
    }
    with pytest.raises(jindu.JinduError.Input) as info:
        jindu.level(doc, schedules=6, limits=jindu.Limits(max_level_schedules=5))
    assert info.value.detail == "limit exceeded: levelling schedules (6 > 5)"
    assert jindu.level(doc, schedules=5, limits=jindu.Limits(max_level_schedules=5))["schedules_generated"] == 5


# T (4 days) and H (priority 800, 1 day, no earlier than Tuesday 6 January 2026) both need
# all of Ana.
BUSY_TUESDAY = {
    "name": "P",
    "start": "2026-01-05",
    "tasks": [
        {"id": "T", "duration": "4d"},
        {"id": "H", "duration": "1d", "priority": 800, "constraint": {"type": "SNET", "date": "2026-01-06"}},
    ],
    "resources": [{"id": "ana"}],
    "assignments": [{"task": "T", "resource": "ana"}, {"task": "H", "resource": "ana"}],
}


def test_split_works_around_the_busy_day() -> None:
    # Without split T waits for Ana as a whole: Wed 7 - Mon 12 (Wed, Thu, Fri, Mon).
    whole = {t["id"]: t for t in jindu.level(BUSY_TUESDAY)["projects"][0]["tasks"]}
    assert (whole["T"]["start"], whole["T"]["finish"]) == ("2026-01-07T08:00:00", "2026-01-12T17:00:00")
    assert "parts" not in whole["T"]
    # With split=True it works Monday 5, pauses Tuesday 6 while H holds Ana, and works
    # Wednesday 7 to Friday 9: a working day earlier.
    r = jindu.level(BUSY_TUESDAY, split=True)
    t = {t["id"]: t for t in r["projects"][0]["tasks"]}["T"]
    assert (t["start"], t["finish"]) == ("2026-01-05T08:00:00", "2026-01-09T17:00:00")
    assert t["parts"] == [
        {"start": "2026-01-05T08:00:00", "finish": "2026-01-05T17:00:00"},
        {"start": "2026-01-07T08:00:00", "finish": "2026-01-09T17:00:00"},
    ]
    (pause,) = t["pauses"]
    assert (pause["start"], pause["finish"]) == ("2026-01-05T17:00:00", "2026-01-07T08:00:00")
    assert pause["reason"]["kind"] == "resource"
    assert pause["reason"]["by"] == [{"project": 0, "task": "H"}]
    assert r["unresolved"] == []
