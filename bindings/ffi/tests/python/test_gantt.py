"""The Gantt chart through the Python layer: the SVG string, its Jupyter repr, options passed
through, errors typed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

import jindu

DOC = {
    "name": "Launch 上线",
    "start": "2026-03-02",
    "status_date": "2026-03-04T17:00",
    "tasks": [
        {"id": "A", "name": "Design & review", "duration": "3d", "percent_complete": 50},
        {"id": "B", "name": "Build 开发", "duration": "5d"},
        {"id": "I", "name": "Internal audit", "duration": "1d", "visibility": "internal"},
        {"id": "M", "name": "Go-live", "milestone": True},
    ],
    "links": [{"from": "A", "to": "B"}, {"from": "B", "to": "M"}, {"from": "A", "to": "I"}],
}

SVG = "{http://www.w3.org/2000/svg}"


def shapes(svg: str) -> list:
    """The class of every bar, milestone and summary shape, in row order."""
    root = ET.fromstring(svg)
    return [
        e.get("class")
        for e in root.iter()
        if (e.get("class") or "").split(" ")[0] in ("b", "ms", "sm")
    ]


def test_gantt_is_an_svg_string_that_jupyter_shows() -> None:
    g = jindu.gantt(DOC, width=900)
    assert isinstance(g, str) and isinstance(g, jindu.Gantt)
    assert g._repr_svg_() == str(g)
    root = ET.fromstring(g)
    assert root.tag == SVG + "svg" and root.get("width") == "900"
    # A -> B -> M is the critical path (3d + 5d to the finish); I has float (1d after A, with
    # B's 5d beside it).
    assert shapes(g) == ["b c", "b c", "b", "ms c"]
    assert "Design &amp; review" in g and "Build 开发" in g


def test_options_reach_the_core() -> None:
    dark = jindu.gantt(DOC, theme="dark", locale="zh-CN", client=True)
    assert "#0d1117" in dark and "2026年3月" in dark
    assert "Internal audit" not in dark and shapes(dark) == ["b c", "b c", "ms c"]
    only = jindu.gantt(json_text(), tasks=["B"], from_date="2026-03-01", to_date="2026-03-20")
    assert shapes(only) == ["b c"]
    # The same bytes every time.
    assert jindu.gantt(DOC) == jindu.gantt(DOC)


def json_text() -> str:
    import json

    return json.dumps(DOC)


def test_bad_options_are_typed_errors() -> None:
    with pytest.raises(jindu.JinduError) as e:
        jindu.gantt(DOC, tasks=["nope"])
    assert e.value.code == "unknown_task" and "nope" in str(e.value)
    with pytest.raises(jindu.JinduError):
        jindu.gantt(DOC, from_date="2026-03-05", to_date="2026-03-05")
    with pytest.raises(jindu.JinduError):
        jindu.gantt(DOC, theme="sepia")


def test_chart_by_kind_draws_the_same_gantt() -> None:
    c = jindu.chart(DOC, "gantt", width=900, theme=None)
    assert isinstance(c, jindu.Gantt) and isinstance(c, jindu.Chart)
    assert c == jindu.gantt(DOC, width=900)
    with pytest.raises(jindu.JinduError) as e:
        jindu.chart(DOC, "pie")
    assert "expected gantt" in str(e.value)
    with pytest.raises(jindu.JinduError) as e:
        jindu.chart(DOC, "gantt", widht=900)
    assert "widht" in str(e.value)
