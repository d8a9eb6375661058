"""Reading and writing files: read (any format), read_mspdi, read_csv, read_psplib from a path or
from bytes, write_mspdi, and typed errors with the line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import jindu
from conftest import ROOT

TASKS_CSV = ROOT / "examples" / "tasks.csv"
DELIVERY = ROOT / "examples" / "delivery.json"

SMALL_SM = """\
jobs (incl. supersource/sink ):  4
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
****
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           4
   4        1          0
****
REQUESTS/DURATIONS:
jobnr. mode duration  R 1
------------------------------------------------------------------------
  1      1     0       0
  2      1     3       2
  3      1     5       1
  4      1     0       0
****
RESOURCEAVAILABILITIES:
  R 1
   2
****
"""


def test_read_csv_from_a_path_and_from_bytes_agree() -> None:
    imp = jindu.read_csv(TASKS_CSV)
    assert imp["format"] == "csv"
    assert imp["warnings"] == [] and imp["stored"] == []
    project = imp["project"]
    assert project["name"] == "Imported tasks"
    assert [t["id"] for t in project["tasks"]] == [str(k) for k in range(1, 10)]
    assert project["links"][3] == {"from": "3", "to": "5", "type": "SS", "lag": "2d"}
    assert jindu.schedule(project)["project_finish"] == "2026-02-05T17:00:00"
    assert jindu.read_csv(TASKS_CSV.read_bytes()) == imp
    assert jindu.read_csv(str(TASKS_CSV)) == imp
    assert jindu.read(TASKS_CSV) == imp  # told from the header row


def test_read_csv_name_start_and_warnings() -> None:
    data = "编号,任务名称,工期,Colour\n1,设计,3天,red\n".encode()
    imp = jindu.read_csv(data)
    assert [w["code"] for w in imp["warnings"]] == ["unknown_columns", "default_start"]
    unknown, default = imp["warnings"]
    assert unknown["columns"] == [{"column": 4, "header": "Colour"}]
    assert unknown["text"] == 'columns not imported (unknown header): 4 "Colour"'
    assert (unknown["count"], unknown["element"], unknown["tasks"]) == (1, None, [])
    assert default["start"] == "2026-01-05T08:00:00"
    named = jindu.read_csv(data, name="新办公室", start="2026-03-02")
    assert [w["code"] for w in named["warnings"]] == ["unknown_columns"]
    assert named["project"]["name"] == "新办公室"
    assert named["project"]["start"] == "2026-03-02T08:00:00"


def test_write_mspdi_and_read_it_back_with_what_project_stored(tmp_path: Path) -> None:
    out = tmp_path / "delivery.xml"
    xml = jindu.write_mspdi(DELIVERY.read_text(encoding="utf-8"), out)
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"')
    assert out.read_text(encoding="utf-8") == xml
    want = jindu.schedule(DELIVERY.read_text(encoding="utf-8"))

    imp = jindu.read_mspdi(out)
    assert imp["format"] == "mspdi"
    assert imp["warnings"] == []
    assert len(imp["stored"]) == len(imp["project"]["tasks"])
    # The stored finish of each task is the schedule it was written with.
    finish = {t["name"]: t["finish"] for t in want["tasks"]}
    names = {t["id"]: t.get("name", "") for t in imp["project"]["tasks"]}
    for st in imp["stored"]:
        assert st["finish"] == finish[names[st["id"]]]
        assert isinstance(st["total_slack_minutes"], int)
        assert isinstance(st["critical"], bool)
    assert jindu.schedule(imp["project"])["project_finish"] == want["project_finish"]
    # Any name: the content tells it is MSPDI; bytes read the same as the path.
    assert jindu.read(xml.encode()) == imp
    assert jindu.read_mspdi(xml.encode()) == imp


def test_read_psplib_with_name_and_start() -> None:
    imp = jindu.read_psplib(SMALL_SM.encode())
    assert imp["format"] == "psplib"
    assert imp["project"]["name"] == "PSPLIB instance"
    s = jindu.schedule(imp["project"])
    assert (s["project_start"], s["project_finish"]) == ("2026-01-05T00:00:00", "2026-01-10T00:00:00")
    named = jindu.read_psplib(SMALL_SM.encode(), name="small", start="2026-03-02T00:00")
    assert named["project"]["name"] == "small"
    assert jindu.schedule(named["project"])["project_finish"] == "2026-03-07T00:00:00"
    assert jindu.read(SMALL_SM.encode()) == imp  # told from its header lines


def test_read_tells_the_format_by_content_then_by_name(tmp_path: Path) -> None:
    doc = jindu.read(DELIVERY)
    assert doc["format"] == "json"
    assert doc["project"]["name"] == json.loads(DELIVERY.read_text(encoding="utf-8"))["name"]
    assert doc["warnings"] == [] and doc["stored"] == []
    # A CSV without a known header: the extension decides, and the reader says what is wrong.
    odd = tmp_path / "odd.csv"
    odd.write_bytes(b"Colour\nred\n")
    with pytest.raises(jindu.JinduError.File) as info:
        jindu.read(odd)
    assert (info.value.code, info.value.format) == ("import", "csv")
    # Neither tells.
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"just notes\n")
    with pytest.raises(jindu.JinduError.File) as info:
        jindu.read(notes)
    assert info.value.code == "unknown_format"
    assert str(notes) in info.value.detail
    # An explicit format wins.
    with pytest.raises(jindu.JinduError.File) as info:
        jindu.read(TASKS_CSV, "mspdi")
    assert info.value.code == "xml"
    with pytest.raises(jindu.JinduError.Input) as info:
        jindu.read(TASKS_CSV, "yaml")
    assert info.value.code == "parse"


def test_file_errors_carry_line_column_element_header_and_value() -> None:
    with pytest.raises(jindu.JinduError.File) as info:
        jindu.read_csv(b"id,duration\n1,2d\n2,two days\n")
    e = info.value
    assert (e.code, e.format, e.line, e.column) == ("import", "csv", 3, 2)
    assert (e.header, e.value, e.field, e.element) == ("duration", "two days", "duration", None)
    assert e.detail.startswith('csv line 3, column 2 (duration): "two days"')

    xml = b"<Project>\n<StartDate>2026-01-05T08:00:00</StartDate>\n<Tasks><Task><UID>7</UID><Duration>8h</Duration></Task></Tasks></Project>"
    with pytest.raises(jindu.JinduError.File) as info:
        jindu.read_mspdi(xml)
    e = info.value
    assert (e.code, e.format, e.line, e.element, e.task_id) == ("xml", "mspdi", 3, "Task/Duration", "7")

    with pytest.raises(jindu.JinduError.File) as info:
        jindu.read_psplib(b"jobs (incl. supersource/sink ):  x\n")
    assert (info.value.code, info.value.format, info.value.line) == ("import", "psplib", 1)


def test_bad_arguments() -> None:
    with pytest.raises(FileNotFoundError):
        jindu.read_mspdi("/nonexistent/plan.xml")
    with pytest.raises(TypeError, match="a path"):
        jindu.read(42)  # type: ignore[arg-type]
    with pytest.raises(jindu.JinduError.Input) as info:
        jindu.read_csv(TASKS_CSV, start="March")
    assert info.value.code == "parse"
    with pytest.raises(jindu.JinduError.Cycle):
        jindu.write_mspdi(
            {"name": "x", "start": "2026-01-05", "tasks": [{"id": "A"}, {"id": "B"}],
             "links": [{"from": "A", "to": "B"}, {"from": "B", "to": "A"}]}
        )


def test_a_file_over_a_limit_is_refused_and_a_host_may_raise_the_limit() -> None:
    # examples/tasks.csv has 9 tasks.
    with pytest.raises(jindu.JinduError.Input) as info:
        jindu.read(TASKS_CSV, limits=jindu.Limits(max_tasks=8))
    assert info.value.code == "limit"
    assert info.value.detail == "limit exceeded: tasks (9 > 8)"
    assert len(jindu.read(TASKS_CSV, limits=jindu.Limits(max_tasks=9))["project"]["tasks"]) == 9
    with pytest.raises(jindu.JinduError.Input) as small:
        jindu.read(TASKS_CSV, limits=jindu.Limits(max_input_bytes=10))
    assert small.value.code == "limit"
    assert small.value.detail.startswith("limit exceeded: input bytes (")


def test_monte_carlo_is_held_to_max_risk_samples() -> None:
    doc = jindu.read(TASKS_CSV)["project"]
    # 9 tasks × 100 iterations = 900 samples.
    with pytest.raises(jindu.JinduError.Input) as info:
        jindu.risk(doc, iterations=100, limits=jindu.Limits(max_risk_samples=899))
    assert info.value.detail == "limit exceeded: Monte Carlo iterations × tasks (900 > 899)"
    assert jindu.risk(doc, iterations=100, limits=jindu.Limits(max_risk_samples=900))["iterations"] == 100


def _big_csv(n: int) -> bytes:
    return ("id,duration\n" + "".join(f"{k},1d\n" for k in range(1, n + 1))).encode()


def test_a_large_read_reports_progress_and_can_be_cancelled() -> None:
    data = _big_csv(20_000)
    seen: list = []
    imp = jindu.read(data, progress=lambda done, total: seen.append((done, total)))
    assert imp == jindu.read(data)
    assert seen[0] == (0, len(data)) and seen[-1] == (len(data), len(data))
    assert len(seen) > 2 and all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))
    # Returning False cancels; so does a CancelToken set meanwhile.
    with pytest.raises(jindu.JinduError) as info:
        jindu.read(data, progress=lambda done, total: done == 0)
    assert info.value.code == "cancelled"
    token = jindu.CancelToken()
    with pytest.raises(jindu.JinduError) as tok:
        jindu.read(data, progress=lambda done, total: token.cancel() if done > 0 else None, cancel=token)
    assert tok.value.code == "cancelled"
