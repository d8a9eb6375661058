"""Monte Carlo risk and tracking through the Python layer: values checked against closed forms
and hand-worked earned value, options passed through, errors typed."""

from __future__ import annotations

import json

import pytest

import jindu

RISK_DOC = {
    "name": "Go-live",
    "start": "2026-01-05",
    "tasks": [
        {"id": "A", "duration": "5d",
         "estimate": {"optimistic": "4d", "likely": "5d", "pessimistic": "9d"}},
        {"id": "B", "duration": "3d"},
        {"id": "M", "milestone": True},
    ],
    "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}],
}

TRACK_DOC = {
    "name": "Two",
    "start": "2026-01-05",
    "status_date": "2026-01-07T17:00",
    "tasks": [
        {"id": "A", "name": "Design", "duration": "5d", "cost": 5000, "percent_complete": 40,
         "actual_start": "2026-01-05", "actual_cost": 2500},
        {"id": "B", "name": "Build", "duration": "5d", "cost": 10000},
    ],
    "links": [{"from": "A", "to": "B"}],
}


def test_risk_matches_the_closed_form() -> None:
    r = jindu.risk(RISK_DOC, iterations=4000, seed=2, target="2026-01-12T17:00")
    assert r["iterations"] == 4000
    # Triangular(4, 5, 9): mean 6 working days; P(A <= 6) = 1 - 3^2/(5*4) = 0.55.
    assert abs(r["finish"]["mean_working_days"] - 6.0) < 0.08
    assert abs(r["probability_on_time"] - 0.55) < 0.035
    crit = {t["id"]: t["criticality_index"] for t in r["tasks"]}
    assert crit["A"] == 1.0 and crit["B"] == 0.0


def test_risk_is_reproducible_and_takes_its_options() -> None:
    a = jindu.risk(RISK_DOC, iterations=300, seed=9, default_range=(-10, 25), default_shape="uniform")
    assert a == jindu.risk(RISK_DOC, iterations=300, seed=9, default_range=(-10, 25),
                           default_shape="uniform", threads=1)
    assert a != jindu.risk(RISK_DOC, iterations=300, seed=10, default_range=(-10, 25))
    # With the default range B varies too (2.7 to 3.75 days) but never beats A's 4 days.
    b = next(t for t in a["tasks"] if t["id"] == "B")
    assert b["criticality_index"] == 0.0
    short = jindu.risk(RISK_DOC, iterations=5000, seed=1, convergence=(250, "0.5d"))
    assert short["stopped"] == "converged" and short["iterations"] < 5000
    assert len(jindu.risk(RISK_DOC, iterations=50, histogram_bins=4)["finish"]["histogram"]) <= 4


def test_risk_is_the_same_on_every_thread_count() -> None:
    # The wheel runs Monte Carlo on every core (jindu-ffi enables the core's `parallel`).
    # 40,000 iterations are several blocks a thread, so two threads really split the work;
    # the report must still be the one the calling thread alone gives.
    one, two, every = (jindu.risk(RISK_DOC, iterations=40_000, seed=3, threads=t) for t in (1, 2, 0))
    assert one == two == every
    assert one["iterations"] == 40_000


def test_risk_errors_are_typed() -> None:
    with pytest.raises(jindu.JinduError.Invalid) as e:
        jindu.risk(RISK_DOC, default_range=(-10, 20), default_shape="beta")
    assert e.value.field == "default_estimate.shape"
    with pytest.raises(jindu.JinduError.Input) as e2:
        jindu.risk(RISK_DOC, convergence=(100, None))  # type: ignore[arg-type]
    assert e2.value.code == "parse"
    with pytest.raises(jindu.JinduError.Invalid) as e3:
        jindu.risk(RISK_DOC, target="soon")
    assert e3.value.field == "target"


def test_earned_value_by_hand() -> None:
    # Status Wed 7th 17:00: A planned 3/5 done, PV = 3000; EV = 40 % of 5000; AC 2500.
    v = jindu.evm(TRACK_DOC)
    assert (v["pv"], v["ev"], v["ac"]) == (3000.0, 2000.0, 2500.0)
    assert v["es_working_days"] == 2.0
    # EAC = AC + (BAC - EV) at the planned rate = 2500 + 13000.
    assert jindu.evm(TRACK_DOC, eac="planned_rate")["eac"] == 15500.0
    assert jindu.evm(TRACK_DOC, status_date="2026-01-09T17:00")["pv"] == 5000.0


def test_tracking_reports_alerts_and_whatif() -> None:
    assert any(a["code"] == "cpi_low" for a in jindu.alerts(TRACK_DOC))
    md = jindu.report(TRACK_DOC, format="markdown", lang="zh-CN")
    assert isinstance(md, str) and md.startswith("# Two项目周报")
    rep = jindu.report(TRACK_DOC)
    assert isinstance(rep, dict)
    w = jindu.whatif(TRACK_DOC, [{"op": "set_duration", "task": "B", "duration": "7d"}])
    assert w["finish_delta_minutes"] == 2 * 480
    assert "cost" not in str(jindu.client_view(TRACK_DOC))
    assert isinstance(jindu.buffers(TRACK_DOC), dict)
    assert isinstance(jindu.variance(TRACK_DOC), dict)
    with pytest.raises(jindu.JinduError) as e:
        jindu.evm(TRACK_DOC, eac="guess")
    assert e.value.code == "parse"


def test_a_report_reports_its_steps_and_can_be_cancelled() -> None:
    steps: list = []
    page = jindu.report(TRACK_DOC, format="html", progress=lambda done, total: steps.append((done, total)))
    assert page == jindu.report(TRACK_DOC, format="html")
    # The status, the report and the page with its charts: 0 to 4 of 4.
    assert steps == [(k, 4) for k in range(5)]
    token = jindu.CancelToken()
    with pytest.raises(jindu.JinduError) as e:
        jindu.report(TRACK_DOC, progress=lambda done, total: token.cancel(), cancel=token)
    assert e.value.code == "cancelled"


WORK_DOC = {
    "name": "Hours",
    "start": "2026-01-05",
    "status_date": "2026-01-07T12:00",
    "tasks": [
        {"id": "A", "name": "Build", "duration": "5d", "percent_complete": 50,
         "actual_start": "2026-01-05",
         "baselines": [{"number": 0, "start": "2026-01-05", "finish": "2026-01-09T17:00",
                        "work": "40h"}]},
    ],
    "resources": [{"id": "ann", "name": "Ann"}],
    "assignments": [{"task": "A", "resource": "ann", "actual_work": "46h"}],
}


def test_actual_work_and_alert_thresholds() -> None:
    # 46 h logged of a 40 h budget: the work is 46 h, nothing left, 15 % over (> 10 %).
    task = jindu.variance(WORK_DOC)["tasks"][0]
    assert (task["actual_work_minutes"], task["remaining_work_minutes"]) == (46 * 60, 0)
    assert task["work_variance_minutes"] == 6 * 60
    over = [a for a in jindu.alerts(WORK_DOC) if a["code"] == "work_overrun"]
    assert len(over) == 1 and over[0]["value"] == pytest.approx(15.0)
    # A 20 % threshold, or the rule turned off, keeps it quiet.
    for kw in ({"thresholds": {"work_overrun_percent": 20}}, {"disabled": ["work_overrun"]}):
        assert all(a["code"] != "work_overrun" for a in jindu.alerts(WORK_DOC, **kw))
    with pytest.raises(jindu.JinduError) as e:
        jindu.alerts(WORK_DOC, disabled=["work_overun"])
    assert "work_overun" in str(e.value)
    rep = jindu.report(WORK_DOC, thresholds={"work_overrun_percent": 20})
    assert isinstance(rep, dict)
    assert all(a["code"] != "work_overrun" for a in rep["alerts"])


def test_every_tracking_function_takes_the_baseline_and_forecast_methods() -> None:
    # SPI(t) = ES/AT = 2/3 raises spi_low, dated at the forecast finish: by default PD/SPI(t) =
    # 10/(2/3) = 15 days from Mon 5 Jan (Fri 23 Jan 17:00); at the planned rate AT + PD - ES =
    # 3 + 10 - 2 = 11 days (Mon 19 Jan 17:00).
    def spi_low(**kw: object) -> object:
        return next(a["date"] for a in jindu.alerts(TRACK_DOC, **kw) if a["code"] == "spi_low")

    assert spi_low() == "2026-01-23T17:00:00"
    assert spi_low(ieac="planned_rate") == "2026-01-19T17:00:00"
    # The report's EAC at the planned rate: AC + (BAC - EV) = 2,500 + 13,000.
    rep = jindu.report(TRACK_DOC, eac="planned_rate")
    assert isinstance(rep, dict) and rep["summary"]["eac"] == 15500.0
    # A baseline the document does not have is refused by each of them, so it reaches the core.
    change = [{"op": "set_duration", "task": "B", "duration": "7d"}]
    for call in (
        lambda: jindu.alerts(TRACK_DOC, baseline=3),
        lambda: jindu.buffers(TRACK_DOC, baseline=3),
        lambda: jindu.report(TRACK_DOC, baseline=3),
        lambda: jindu.whatif(TRACK_DOC, change, baseline=3),
    ):
        with pytest.raises(jindu.JinduError) as e:
            call()
        assert e.value.field == "baseline", e.value


def test_compare_two_versions_of_a_plan() -> None:
    # A grows from 2 to 3 days (B follows it), X goes, C (5 days, unlinked) comes and is now the
    # longest: the finish moves from Wed 7 to Fri 9 Jan, two working days = 960 minutes.
    before = {"name": "p", "start": "2026-01-05",
              "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"},
                        {"id": "X", "duration": "1d"}],
              "links": [{"from": "A", "to": "B"}]}
    after = {"name": "p", "start": "2026-01-05",
             "tasks": [{"id": "A", "duration": "3d"}, {"id": "B", "duration": "1d"},
                       {"id": "C", "duration": "5d"}],
             "links": [{"from": "A", "to": "B"}]}
    c = jindu.compare(before, after)
    assert c["finish_delta_minutes"] == 960
    assert [(m["id"], m["start_delta_minutes"], m["finish_delta_minutes"]) for m in c["moved"]] == [
        ("A", 0, 480), ("B", 480, 480)]
    assert (c["added"], c["removed"]) == (["C"], ["X"])
    assert c["critical_path_after"] == ["C"] and c["critical_path_changed"]
    with pytest.raises(jindu.JinduError):
        jindu.compare(before, {"name": "p"})


def test_risk_progress_and_cancel() -> None:
    # The progress callback sees the run grow to its total, and the report is the one-call
    # report for the same seed.
    seen: list = []
    r = jindu.risk(RISK_DOC, iterations=3000, seed=5, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1] == (3000, 3000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) > 2
    assert r == jindu.risk(RISK_DOC, iterations=3000, seed=5)
    # Returning False cancels: the report covers the iterations done, exactly what a run of
    # that many iterations gives.
    first: list = []

    def stop(done: int, total: int) -> bool:
        first.append(done)
        return False

    c = jindu.risk(RISK_DOC, iterations=3000, seed=5, progress=stop)
    assert c["stopped"] == "cancelled" and c["iterations"] == first[0] < 3000
    short = jindu.risk(RISK_DOC, iterations=c["iterations"], seed=5)
    assert c["finish"] == short["finish"]
    # A token cancelled up front stops the run before anything is done: an error, not an empty
    # report.
    token = jindu.CancelToken()
    token.cancel()
    with pytest.raises(jindu.JinduError):
        jindu.risk(RISK_DOC, iterations=3000, seed=5, cancel=token)
    # The step-by-step run (default options: 1,000 iterations, seed 1).
    run = jindu.RiskRun(json.dumps(RISK_DOC), None)
    p = run.step(300)
    assert p.total == 1000 and 300 <= p.done < 1000 and not p.finished
    while not p.finished:
        p = run.step(300)
    assert p.done == 1000
    assert json.loads(run.report_json()) == jindu.risk(RISK_DOC)


def test_alerts_since_an_earlier_version() -> None:
    # Last week B took a day and A (2 days) drove M; now B takes 3 days and drives it. Against
    # the plan (no progress: today's own schedule) nothing changed; against last week, it did.
    last_week = {"name": "p", "start": "2026-01-05", "status_date": "2026-01-05T08:00",
                 "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"},
                           {"id": "M", "milestone": True}],
                 "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}]}
    now = {**last_week, "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "3d"},
                                  {"id": "M", "milestone": True}]}
    assert all(a["code"] != "critical_path_changed" for a in jindu.alerts(now))
    changed = [a for a in jindu.alerts(now, since=last_week) if a["code"] == "critical_path_changed"]
    assert len(changed) == 1
    assert "last snapshot" in changed[0]["message"]
