"""Every conformance vector (tests/vectors/*.json) through every way into the package:
JSON text (schedule_json), dicts (schedule), and the incremental Scheduler with each edit
previewed then applied, compared with the expectations after canonical formatting; the tracking
entries (``track``) through jindu.evm, alerts, buffers, variance, report and whatif, with
their hand-worked values."""

from __future__ import annotations

import inspect
import json
import re
from typing import Any, Callable, Dict, Tuple

import pytest

import jindu
from conftest import canonical, check_hand, check_values, lookup, sort_keys, vectors

ALL = vectors()
HAND = ["textbook-cpm.json", "link-types.json", "holidays.json", "negative-float.json",
        "summaries.json", "deadline.json"]


def test_the_vectors_are_there() -> None:
    assert len(ALL) >= 20
    with_hand = [n for n, v in ALL if "hand" in v]
    for name in HAND:
        assert name in with_hand, f"{name} carries hand-computed values"


def test_check_hand_fails_on_mistakes() -> None:
    v = dict(ALL)["textbook-cpm.json"]
    schedule = v["expect"]["schedule"]
    n, ok = check_hand(v, schedule)
    assert n >= 60 and ok == []
    bad = json.loads(json.dumps(v))
    bad["hand"]["tasks"]["I"]["free_float_minutes"] = 960
    bad["hand"]["tasks"]["B"]["late_finsh"] = "x"
    bad["hand"]["tasks"]["Z"] = {"critical": True}
    _, problems = check_hand(bad, schedule)
    assert len(problems) == 3, problems


def error_json(e: jindu.JinduError) -> dict:
    return {"code": e.code, "task": e.task_id, "field": e.field, "message": e.detail}


def attempt(f: Callable[[], Any]) -> Tuple[str, Any]:
    try:
        return "ok", f()
    except jindu.JinduError as e:
        return "error", error_json(e)


def risk_kwargs(options: dict) -> dict:
    """A vector's risk options (the JSON request) as :func:`jindu.risk` keyword arguments."""
    kw = {k: options[k] for k in ("iterations", "seed", "target", "threads", "histogram_bins", "tornado") if k in options}
    d = options.get("default_estimate")
    if d is not None:
        if d.get("history"):
            kw["default_history"] = True
        if "optimistic_percent" in d or "pessimistic_percent" in d:
            kw["default_range"] = (d.get("optimistic_percent"), d.get("pessimistic_percent"))
        if "shape" in d:
            kw["default_shape"] = d["shape"]
    c = options.get("convergence")
    if c is not None:
        kw["convergence"] = (c["every"], c["tolerance"])
    return kw


TRACK_REPORT_LANGS = ("en", "zh-CN")


def track_kwargs(f: Callable[..., Any], options: Dict[str, Any], **extra: Any) -> Dict[str, Any]:
    """A ``track`` entry's options (the JSON request) as keyword arguments of ``f``: those it
    takes. An option a function lacks is left out, so a result that depends on it differs from
    ``expect`` and fails the comparison."""
    given = {**options, **extra}
    alerts = dict(given.pop("alerts", None) or {})
    if alerts:
        # The JSON request's `alerts` object is the Python functions' two keyword arguments.
        disabled = alerts.pop("disabled", None)
        given.update({"thresholds": alerts or None, "disabled": disabled})
    params = inspect.signature(f).parameters
    return {k: v for k, v in given.items() if k in params}


def run_track(document: Any, entry: Dict[str, Any], form: str) -> Tuple[str, Any]:
    """A ``track`` entry through the package: evm, alerts, buffers, variance, report (JSON, in
    each language) and, with a change set, whatif; the document and the change set as JSON text
    (``form`` "text") or dicts. ("ok", results) or, at the first error, ("error", error_json)."""
    doc = canonical(document) if form == "text" else sort_keys(document)
    o = entry["options"]

    def run() -> Dict[str, Any]:
        out: Dict[str, Any] = {
            name: f(doc, **track_kwargs(f, o))
            for name, f in (("evm", jindu.evm), ("alerts", jindu.alerts),
                            ("buffers", jindu.buffers), ("variance", jindu.variance))
        }
        out["report"] = {
            lang: jindu.report(doc, **track_kwargs(jindu.report, o, lang=lang, format="json"))
            for lang in TRACK_REPORT_LANGS
        }
        if "changes" in entry:
            changes = entry["changes"]
            changes = canonical(changes) if form == "text" else sort_keys(changes)
            out["whatif"] = jindu.whatif(doc, changes, **track_kwargs(jindu.whatif, o))
        return out

    return attempt(run)


def run_resource(v: Dict[str, Any], entry: Dict[str, Any], kind: str, form: str) -> Tuple[str, Any]:
    """A ``load`` or ``level`` entry through jindu.load or jindu.level: the vector's document
    then the entry's ``portfolio``, as JSON text or dicts, the options as keyword arguments
    (``from``/``to`` are ``from_date``/``to_date``). ("ok", {"loading": ...} or {"levelled":
    ...}) or ("error", error_json)."""
    docs = [v["document"], *entry.get("portfolio", [])]
    given = [canonical(d) if form == "text" else sort_keys(d) for d in docs]
    o = dict(entry["options"])
    if kind == "load":
        names = {"by": "by", "from": "from_date", "to": "to_date"}
        kwargs = {names[k]: x for k, x in o.items()}
        return attempt(lambda: {"loading": jindu.load(given, **kwargs)})
    return attempt(lambda: {"levelled": jindu.level(given, **o)})


def test_resource_entries_are_there() -> None:
    named = dict(ALL)
    assert any("hand" in e for e in named["loading-costs.json"]["load"])
    assert any("hand" in e for e in named["level-ranking.json"]["level"])
    assert any("hand" in e for e in named["level-split.json"]["level"])


def test_track_entries_are_there() -> None:
    named = dict(ALL)
    for name in ("tracking-evm.json", "tracking-whatif.json"):
        assert any("hand" in e for e in named[name]["track"]), f"{name}: hand-worked values"


def test_check_values_fails_on_mistakes() -> None:
    entry = dict(ALL)["tracking-evm.json"]["track"][0]
    n, ok = check_values(entry["hand"], entry["expect"])
    assert n >= 30 and ok == []
    bad = json.loads(json.dumps(entry["hand"]))
    bad["values"]["evm.pv"]["value"] = 9000
    bad["values"]["evm.spi"] = {"value": 0.8501, "within": 1e-6}
    bad["values"]["evm.tasks.Z.ev"] = {"value": 1}
    bad["values"]["evm.forecast_finish"] = {"value": "2026-01-22T14:42:00"}
    _, problems = check_values(bad, entry["expect"])
    assert len(problems) == 4, problems
    w = dict(ALL)["tracking-whatif.json"]["track"][0]
    assert lookup(w["expect"], "whatif.moved.*.id") == (True, ["C", "M"])


def test_risk_runs_are_there() -> None:
    assert any(len(v.get("risk", [])) >= 2 for _, v in ALL)


def from_dict(expect: Any) -> Any:
    """What ``expect`` is for a document given as a dict: an error's message without the line
    and column, which are in JSON text the package wrote (the path stays)."""
    if not isinstance(expect, dict) or "error" not in expect:
        return expect
    error = dict(expect["error"], message=re.sub(r" \(line \d+, column \d+\)$", "", expect["error"]["message"]))
    return dict(expect, error=error)


@pytest.mark.parametrize("name,v", ALL, ids=[n for n, _ in ALL])
def test_vector(name: str, v: dict) -> None:
    text = canonical(v["document"])
    doc = sort_keys(v["document"])
    want = canonical(v["expect"])
    ways = {
        "schedule_json": lambda: jindu.schedule_json(text),
        "schedule(text)": lambda: jindu.schedule(text),
        "schedule(dict)": lambda: jindu.schedule(doc),
        "Scheduler().schedule()": lambda: jindu.Scheduler(text).schedule(),
    }
    for way, f in ways.items():
        kind, value = attempt(f)
        if kind == "ok" and isinstance(value, str):
            value = json.loads(value)
        got = {"schedule": value} if kind == "ok" else {"error": value}
        # The hand-computed values first: they show the schedule is right, not only the same.
        if "hand" in v:
            assert kind == "ok", f"{name} via {way}: a vector with hand values must schedule"
            compared, problems = check_hand(v, value)
            assert problems == [], f"{name} via {way}: " + "\n".join(problems)
            assert compared >= 10, f"{name} via {way}: only {compared} hand values"
        expected = canonical(from_dict(v["expect"])) if way == "schedule(dict)" else want
        assert canonical(got) == expected, f"{name} via {way}"
    for k, run in enumerate(v.get("risk", [])):
        kind, value = attempt(lambda: jindu.risk(text, **risk_kwargs(run["options"])))
        got = {"report": value} if kind == "ok" else {"error": value}
        assert canonical(got) == canonical(run["expect"]), f"{name} risk {k}"
    for k, entry in enumerate(v.get("track", [])):
        for form in ("text", "dict"):
            kind, value = run_track(v["document"], entry, form)
            got = value if kind == "ok" else {"error": value}
            expect = from_dict(entry["expect"]) if form == "dict" else entry["expect"]
            assert canonical(got) == canonical(expect), f"{name} track {k} ({form})"
            if "hand" in entry:
                assert kind == "ok", f"{name} track {k}: an entry with hand values must succeed"
                compared, problems = check_values(entry["hand"], value)
                assert problems == [], f"{name} track {k} ({form}): " + "\n".join(problems)
                assert compared >= 5, f"{name} track {k}: only {compared} hand values"
    for kind in ("load", "level"):
        for k, entry in enumerate(v.get(kind, [])):
            for form in ("text", "dict"):
                ok, value = run_resource(v, entry, kind, form)
                got = value if ok == "ok" else {"error": value}
                expect = from_dict(entry["expect"]) if form == "dict" else entry["expect"]
                assert canonical(got) == canonical(expect), f"{name} {kind} {k} ({form})"
                if "hand" in entry:
                    assert ok == "ok", f"{name} {kind} {k}: an entry with hand values must succeed"
                    compared, problems = check_values(entry["hand"], value)
                    assert problems == [], f"{name} {kind} {k} ({form}): " + "\n".join(problems)
                    assert compared >= 3, f"{name} {kind} {k}: only {compared} hand values"
    if "edits" not in v:
        return

    # The edits, in order, on one Scheduler: once as JSON text, once as dicts.
    for form in ("text", "dict"):
        s = jindu.Scheduler(text if form == "text" else doc)
        for k, step in enumerate(v["edits"]):
            edit = canonical(step["edit"]) if form == "text" else sort_keys(step["edit"])
            before = canonical(s.schedule())
            previewed = attempt(lambda: s.preview(edit))
            assert canonical(s.schedule()) == before, f"{name} edit {k}: preview committed"
            kind, value = attempt(lambda: s.apply(edit))
            assert previewed == (kind, value), f"{name} edit {k}: preview != apply"
            got = {"diff": value} if kind == "ok" else {"error": value}
            assert canonical(got) == canonical(step["expect"]), f"{name} edit {k} ({form})"
            if kind == "error":
                assert canonical(s.schedule()) == before, f"{name} edit {k}: failed edit committed"
        assert canonical(s.schedule()) == canonical(v["final"]), f"{name} final ({form})"
