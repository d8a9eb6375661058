"""The tracking charts through the Python layer: earned value and fever charts by kind, and the
HTML status report page with its charts inline."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

import jindu

# examples/tracking.json, inline: A done (2,000 budget, 2,200 spent), B half done (3,000,
# 1,800 spent), C not started (4,000), I internal (400).
DOC = {
    "name": "Portal & Co",
    "start": "2026-01-05",
    "tasks": [
        {"id": "A", "name": "Design", "duration": "2w", "cost": 2000, "percent_complete": 100,
         "actual_start": "2026-01-05", "actual_finish": "2026-01-16T17:00", "actual_cost": 2200},
        {"id": "B", "name": "Build", "duration": "3w", "cost": 3000, "percent_complete": 50,
         "actual_start": "2026-01-12", "actual_cost": 1800},
        {"id": "I", "name": "Internal code review", "duration": "1d", "cost": 400,
         "visibility": "internal"},
        {"id": "C", "name": "Test", "duration": "2w", "cost": 4000},
        {"id": "M", "name": "Go-live", "duration": "0d"},
    ],
    "links": [{"from": "A", "to": "B", "type": "SS", "lag": "1w"},
              {"from": "B", "to": "C", "type": "SS", "lag": "2w"},
              {"from": "B", "to": "I"}, {"from": "C", "to": "M"}],
}


def test_evm_chart_by_kind() -> None:
    c = jindu.chart(DOC, "evm", status_date="2026-01-23T17:00", width=800, theme=None)
    root = ET.fromstring(c)  # well-formed XML
    assert root.get("width") == "800"
    assert c._repr_svg_() == str(c)
    # BAC = 9,400; EV 3,500 against AC 4,000: CPI 0.875.
    assert "BAC 9,400" in c and "CPI 0.88" in c
    assert "Portal &amp; Co · Earned value" in c
    with pytest.raises(jindu.JinduError, match="status date"):
        jindu.chart(DOC, "evm")
    with pytest.raises(jindu.JinduError, match="client"):
        jindu.chart(DOC, "evm", status_date="2026-01-23", client=True)


def test_fever_chart_by_kind() -> None:
    c = jindu.chart(DOC, "fever", status_date="2026-01-23T17:00", locale="zh-CN")
    ET.fromstring(c)
    assert "缓冲区消耗" in c and 'class="pt red"' in c


def test_html_report_has_the_charts() -> None:
    page = jindu.report(DOC, status_date="2026-01-23T17:00", format="html")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == 3
    md = jindu.report(DOC, status_date="2026-01-23T17:00", format="markdown")
    assert "<svg" not in md and "jindu:charts" not in md
