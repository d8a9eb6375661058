"""The Pythonic API of the package `jindu`: values, diffs after edits and typed errors."""

from __future__ import annotations

import json
import threading
from importlib import resources
from typing import Any, Dict

import pytest

import jindu

DOC: Dict[str, Any] = {
    "name": "Demo",
    "start": "2026-01-05",
    "tasks": [
        {"id": "A", "name": "Design", "duration": "2d"},
        {"id": "B", "name": "Build", "duration": "3d"},
        {"id": "C", "name": "Docs", "duration": "1d"},
    ],
    "links": [{"from": "A", "to": "B"}, {"from": "A", "to": "C"}],
}


def after(d: jindu.Diff, id: str) -> Dict[str, Any]:
    return next(c["after"] for c in d["changes"] if c["id"] == id)


def times(entry: Dict[str, Any]) -> tuple:
    return entry["start"], entry["finish"], entry["total_float"], entry["critical"]


def test_schedule_from_a_dict_and_from_text_agree() -> None:
    s = jindu.schedule(DOC)
    assert isinstance(s, jindu.Schedule)
    assert s["project_start"] == "2026-01-05T08:00:00"
    assert s["project_finish"] == "2026-01-09T17:00:00"
    assert s["critical_path"] == ["A", "B"]
    assert times(s.task("C")) == ("2026-01-07T08:00:00", "2026-01-07T17:00:00", "2d", False)
    assert s.task("nope") is None
    assert jindu.schedule(json.dumps(DOC)) == s
    # schedule_json gives the core's text itself.
    assert json.loads(jindu.schedule_json(json.dumps(DOC))) == s


def test_arguments_of_the_wrong_type_are_type_errors() -> None:
    with pytest.raises(TypeError, match="a project document"):
        jindu.schedule(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="a task dict"):
        jindu.Scheduler(DOC).add_task('{"id": "X"}')  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown link type"):
        jindu.Scheduler(DOC).add_link("B", "C", type="XX")


def test_edits_return_only_the_changed_tasks() -> None:
    s = jindu.Scheduler(DOC)
    d = s.set_duration("C", "4d")
    assert isinstance(d, jindu.Diff)
    assert d.changed == ["B", "C"]
    assert d["project_finish"] == ["2026-01-09T17:00:00", "2026-01-12T17:00:00"]
    b, c = d["changes"]
    assert (b["before"]["total_float"], b["after"]["total_float"]) == ("0d", "1d")
    assert times(c["after"]) == ("2026-01-07T08:00:00", "2026-01-12T17:00:00", "0d", True)
    assert s.schedule()["critical_path"] == ["A", "C"]
    assert s.task("C")["duration"] == "4d"
    assert s.task("nope") is None


def test_preview_does_not_commit() -> None:
    s = jindu.Scheduler(DOC)
    before = s.schedule()
    d = s.preview({"op": "set_duration", "task": "A", "duration": "5d"})
    assert d.changed == ["A", "B", "C"]
    assert d["project_finish"][1] == "2026-01-14T17:00:00"
    assert s.schedule() == before
    assert s.apply('{"op": "set_duration", "task": "A", "duration": "5d"}') == d


def test_links_tasks_constraints_and_pins() -> None:
    s = jindu.Scheduler(DOC)
    assert s.why("C") == [{"from": "A", "type": "FS"}]
    assert s.why("A") == []
    assert s.why("nope") is None

    d = s.add_link("B", "C", "SS", "1d")
    assert d.changed == ["C"]
    assert s.why("C") == [{"from": "B", "type": "SS", "lag": "1d"}]
    assert s.task("C")["start"] == "2026-01-08T08:00:00"
    d = s.set_link("B", "C", jindu.LinkType.FINISH_TO_START)
    assert s.task("C")["start"] == "2026-01-12T08:00:00"
    assert d["project_finish"][1] == "2026-01-12T17:00:00"
    s.remove_link("B", "C")
    assert s.task("C")["start"] == "2026-01-07T08:00:00"

    d = s.add_task({"id": "D", "name": "Review", "duration": "1d"})
    assert d.changed == ["D"]
    assert d["changes"][0]["before"] is None
    assert d["changes"][0]["after"]["start"] == "2026-01-05T08:00:00"
    s.add_link("C", "D")
    d = s.set_constraint("D", "SNET", "2026-01-13")
    assert times(after(d, "D"))[:2] == ("2026-01-13T08:00:00", "2026-01-13T17:00:00")
    assert after(d, "A")["total_float"] == "2d"  # B (3d) must start by Jan 9
    assert s.why("D") == []
    s.set_constraint("D", jindu.ConstraintType.AS_SOON_AS_POSSIBLE)
    assert s.task("D")["start"] == "2026-01-08T08:00:00"

    s.pin("D", "2026-01-06")
    assert s.task("D")["start"] == "2026-01-06T08:00:00"
    s.unpin("D")
    assert s.task("D")["start"] == "2026-01-08T08:00:00"
    s.set_deadline("D", "2026-01-07")
    assert s.project()["tasks"][3]["deadline"].startswith("2026-01-07")
    s.set_deadline("D")
    assert "deadline" not in s.project()["tasks"][3]

    d = s.remove_task("D")
    assert d.changed == ["C", "D"]  # C no longer feeds D: its float grows back
    assert after(d, "D") is None and after(d, "C")["total_float"] == "2d"
    assert [t["id"] for t in s.project()["tasks"]] == ["A", "B", "C"]


def test_the_project_round_trips() -> None:
    s = jindu.Scheduler(DOC)
    s.set_duration("B", "1w")
    doc = s.project()
    assert doc["tasks"][1] == {"id": "B", "name": "Build", "duration": "5d"}
    assert jindu.Scheduler(doc).schedule() == s.schedule()


@pytest.mark.parametrize(
    "edit,cls,code,task,field",
    [
        (lambda s: s.add_link("C", "A"), jindu.JinduError.Cycle, "cycle", "A", None),
        (lambda s: s.add_link("A", "B"), jindu.JinduError.Invalid, "duplicate_link", "B", None),
        (lambda s: s.add_link("C", "C"), jindu.JinduError.Invalid, "self_link", "C", None),
        (lambda s: s.remove_link("B", "C"), jindu.JinduError.NotFound, "no_such_link", "C", None),
        (lambda s: s.set_duration("Z", "1d"), jindu.JinduError.NotFound, "unknown_task", "Z", None),
        (lambda s: s.set_duration("A", "2 days"), jindu.JinduError.Invalid, "invalid", "A", "duration"),
        (lambda s: s.pin("A", "soon"), jindu.JinduError.Invalid, "invalid", "A", "start"),
        (lambda s: s.set_constraint("A", "SNET"), jindu.JinduError.Invalid, "invalid", "A", "constraint"),
        (lambda s: s.add_task({"id": "A"}), jindu.JinduError.Invalid, "duplicate_task", "A", None),
        (lambda s: s.apply({"op": "nope"}), jindu.JinduError.Input, "json", None, "op"),
        (lambda s: s.apply("{"), jindu.JinduError.Input, "json", None, None),
    ],
)
def test_failed_edits_raise_typed_errors_and_change_nothing(edit, cls, code, task, field) -> None:
    s = jindu.Scheduler(DOC)
    before = s.schedule()
    with pytest.raises(cls) as info:
        edit(s)
    e = info.value
    assert isinstance(e, jindu.JinduError)
    assert (e.code, e.task_id) == (code, task)
    if field is not None:
        assert e.field == field
    assert e.detail
    assert s.schedule() == before


def test_document_errors() -> None:
    bad = dict(DOC, links=DOC["links"] + [{"from": "B", "to": "A"}])
    with pytest.raises(jindu.JinduError.Cycle) as info:
        jindu.schedule(bad)
    assert info.value.code == "cycle"
    assert info.value.detail == "dependency cycle: A -> B -> A"
    with pytest.raises(jindu.JinduError.Cycle):
        jindu.Scheduler(bad)
    with pytest.raises(jindu.JinduError.Input) as info:
        jindu.schedule(dict(DOC, colour="blue"))
    assert info.value.code == "json"
    assert "colour" in info.value.detail
    with pytest.raises(jindu.JinduError.NotFound) as info:
        jindu.schedule(dict(DOC, links=[{"from": "A", "to": "Q"}]))
    assert (info.value.code, info.value.task_id) == ("unknown_task", "Q")


def test_html_tables_for_jupyter() -> None:
    s = jindu.Scheduler(dict(DOC, tasks=DOC["tasks"] + [{"id": "E", "name": "<b>", "duration": "1d"}]))
    page = s.schedule()._repr_html_()
    assert page.count("<tr>") == 1 + 4
    assert "<td>Design</td>" in page and "&lt;b&gt;" in page and "<b>" not in page
    assert "critical path: A → B" in page
    assert s._repr_html_() == page
    d = s.set_duration("C", "4d")
    assert d.changed == ["B", "C", "E"]
    assert d._repr_html_().count("<tr>") == 1 + 3


def test_one_scheduler_from_many_threads() -> None:
    s = jindu.Scheduler(DOC)
    errors = []

    def work(k: int) -> None:
        try:
            for _ in range(20):
                s.set_duration("C", f"{k + 1}d")
                s.schedule()
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert s.task("C")["duration"] in {"1d", "2d", "3d", "4d"}


def test_package_metadata() -> None:
    assert jindu.__version__ == "0.1.0"
    assert resources.files("jindu").joinpath("py.typed").is_file()


def test_errors_read_well() -> None:
    """str(e) is the sentence; code, task, field, path, line and column are attributes of every
    error, caught on the one base class."""
    bad = dict(DOC, links=DOC["links"] + [{"from": "B", "to": "A"}])
    try:
        jindu.schedule(bad)
    except jindu.JinduError as e:
        assert str(e) == "dependency cycle: A -> B -> A"
        assert (e.code, e.task_id, e.field, e.path, e.line, e.column) == ("cycle", "A", None, None, None, None)
        assert repr(e) == "JinduError.Cycle(dependency cycle: A -> B -> A)"
    else:
        raise AssertionError("expected a JinduError")


def test_dict_errors_say_where_by_path_text_errors_also_by_line() -> None:
    """A typo in the second task: in a dict the path (the line and column of the JSON text the
    package wrote would mean nothing to the caller); in JSON text also the line and column."""
    tasks = [{"id": "A", "duration": "1d"}, {"id": "B", "duraton": "2d"}]
    doc = {"name": "x", "start": "2026-01-05", "tasks": tasks}
    with pytest.raises(jindu.JinduError) as info:
        jindu.schedule(doc)
    e = info.value
    assert (e.code, e.task_id, e.field, e.path) == ("json", "B", "duraton", "tasks[1].duraton")
    assert (e.line, e.column) == (None, None)
    assert str(e).startswith("task `B`: unknown field `duraton`, expected one of `id`, ")
    assert str(e).endswith(" at `tasks[1].duraton`")
    assert str(e) == e.detail
    # The same document as text over three lines: line 3 is `{"id": "B", "duraton"`, whose
    # closing quote is column 21 (11 + 1 + 9 characters).
    text = '{"name": "x", "start": "2026-01-05", "tasks": [\n{"id": "A", "duration": "1d"},\n{"id": "B", "duraton": "2d"}]}'
    with pytest.raises(jindu.JinduError.Input) as info:
        jindu.schedule(text)
    e = info.value
    assert (e.path, e.line, e.column) == ("tasks[1].duraton", 3, 21)
    assert str(e).endswith(" at `tasks[1].duraton` (line 3, column 21)")
    # Through the Scheduler and its edits too.
    with pytest.raises(jindu.JinduError.Input) as info:
        jindu.Scheduler(doc)
    assert (info.value.path, info.value.line) == ("tasks[1].duraton", None)
    s = jindu.Scheduler(DOC)
    with pytest.raises(jindu.JinduError.Input) as info:
        s.add_task({"id": "D", "duraton": "1d"})
    assert info.value.line is None and "(line" not in str(info.value)


def test_bad_values_in_nested_lists_have_their_path() -> None:
    """A bad date in the third exception of a calendar: the path, and the message names the
    exception within the calendar."""
    cal = {"id": "c", "week": {"mon": ["08:00-12:00"]},
           "exceptions": [{"date": "2026-01-01"}, {"date": "2026-01-02"}, {"date": "2026-13-01"}]}
    with pytest.raises(jindu.JinduError.Invalid) as info:
        jindu.schedule({"name": "x", "start": "2026-01-05", "calendars": [cal], "tasks": []})
    e = info.value
    assert (e.code, e.field, e.path) == ("invalid", "exceptions.date", "calendars[0].exceptions[2].date")
    assert str(e) == (
        'calendar `c`: field `exceptions[2].date`: invalid date "2026-13-01": '
        "expected YYYY-MM-DD, years 1000-9999"
    )
    assert (e.line, e.column) == (None, None)
