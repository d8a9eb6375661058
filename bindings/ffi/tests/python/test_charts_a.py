"""The resource histogram, S-curve and tornado through the Python layer: ``jindu.chart`` with
keyword options, values that reach the SVG, and options a chart does not take as errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

import jindu

DOC = {
    "name": "Team 团队",
    "start": "2026-01-05",
    "tasks": [
        {"id": "A", "name": "Design", "duration": "2d",
         "estimate": {"optimistic": "1d", "likely": "2d", "pessimistic": "5d"}},
        {"id": "B", "name": "Build & test", "duration": "1d",
         "estimate": {"optimistic": "1d", "likely": "1d", "pessimistic": "2d"}},
    ],
    "resources": [{"id": "ana", "name": "Ana"}],
    "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}],
}

SVG = "{http://www.w3.org/2000/svg}"


def titles(svg: str) -> list:
    """Every tooltip, in document order."""
    return [e.text for e in ET.fromstring(svg).iter(SVG + "title")]


def test_histogram_marks_the_day_over_capacity() -> None:
    svg = jindu.chart(DOC, "histogram", by="day", width=800)
    assert isinstance(svg, jindu.Chart) and 'width="800"' in svg
    # A (2 days) and B (1 day) both start Monday: 16 h against 8 h, then Tuesday 8 h of 8 h.
    assert titles(svg) == [
        "Ana: Mon 5 Jan 2026: 16 h of 8 h (200%)",
        "Ana: Tue 6 Jan 2026: 8 h of 8 h (100%)",
    ]
    # The 8 h over capacity get the warning class (and the legend's swatch one more).
    assert svg.count('class="ov"') == 2


def test_scurve_and_tornado_take_the_simulation_options() -> None:
    s = jindu.chart(DOC, "scurve", iterations=300, seed=5, target="2026-01-09T17:00",
                    theme="dark", locale="zh-CN")
    assert "#0d1117" in s and "目标 2026年1月9日" in s
    assert s == jindu.chart(DOC, "scurve", iterations=300, seed=5, target="2026-01-09T17:00",
                            theme="dark", locale="zh-CN"), "the same seed draws the same chart"
    t = jindu.chart(DOC, "tornado", iterations=300, top=1)
    # One bar: the strongest driver (the design's wider range) with its name escaped.
    assert t.count('<rect class="tk" x') == 1 + 1
    assert "Design (task A): ρ = +" in "".join(titles(t))


def test_options_a_chart_does_not_take_are_errors_naming_them() -> None:
    with pytest.raises(jindu.JinduError) as e:
        jindu.chart(DOC, "tornado", target="2026-01-09T17:00")
    assert "target" in str(e.value)
    with pytest.raises(jindu.JinduError) as e:
        jindu.chart(DOC, "histogram", resources=["zed"])
    assert "zed" in str(e.value)
