"""The package is typed: mypy (pinned in mk/ffi.mk, from the tools venv; `make test-python`
passes it as $MYPY) accepts the typed example and reports the typos of typo_duraton.py, each
on its line; the typed example runs and gives the hand-computed schedule; the TypedDicts are
re-exported and `Schedule`'s typed keys are the schedule's."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
import typing
from pathlib import Path
from typing import Dict, List

import pytest

import jindu

HERE = Path(__file__).resolve().parent / "typing"


@pytest.fixture(scope="module")
def mypy_errors(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, List[str]]:
    """mypy --strict on both files at once (one run: a few seconds), its errors by file as
    ``LINE: message [code]``."""
    mypy = os.environ.get("MYPY")
    if not mypy:
        pytest.skip("MYPY is not set (make test-python sets it to the pinned mypy)")
    out = subprocess.run(
        [
            mypy,
            "--strict",
            "--python-executable",
            sys.executable,
            "--cache-dir",
            str(tmp_path_factory.mktemp("mypy-cache")),
            "typed_example.py",
            "typo_duraton.py",
        ],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=120,
    )
    errors: Dict[str, List[str]] = {"typed_example.py": [], "typo_duraton.py": []}
    for line in out.stdout.splitlines():
        m = re.match(r"(\w+\.py):(\d+): error: (.*)", line)
        if m:
            errors.setdefault(m.group(1), []).append(f"{m.group(2)}: {m.group(3)}")
    # 1 when it found errors (the typos), 2 when it could not run at all.
    assert out.returncode == 1, out.stdout + out.stderr
    return errors


def test_mypy_accepts_the_typed_example(mypy_errors: Dict[str, List[str]]) -> None:
    assert mypy_errors["typed_example.py"] == []


def test_mypy_reports_each_typo(mypy_errors: Dict[str, List[str]]) -> None:
    assert mypy_errors["typo_duraton.py"] == [
        # A document literal annotated as a Document.
        '5: Extra key "duraton" for TypedDict "TaskInput"  [typeddict-unknown-key]',
        # A literal passed straight to schedule(): the argument is not a Document.
        '6: Argument 1 to "schedule" has incompatible type "dict[str, Sequence[Collection[str]]]";'
        ' expected "Document | str"  [arg-type]',
        # Looking up a result.
        '7: TypedDict "ScheduledTask" has no key "duraton"  [typeddict-item]',
        '8: No overload variant of "__getitem__" of "Schedule" matches argument type "str"'
        "  [call-overload]",
        '9: TypedDict "DateDistribution" has no key "p81"  [typeddict-item]',
    ]


def test_the_typed_example_runs() -> None:
    g = runpy.run_path(str(HERE / "typed_example.py"))
    # design 2d Mon-Tue, build 3d Wed-Fri: the finish is Friday 17:00; docs (1d, Wednesday)
    # could slip to Friday: 2d of float.
    assert g["finish"] == "2026-01-09T17:00:00"
    assert g["floats"] == {"design": "0d", "build": "0d", "docs": "2d"}
    assert g["docs"]["start"] == "2026-01-07T08:00:00"
    # build 3d -> 4d moves the finish to Monday; docs' float grows to 3d.
    assert g["moved"] == ["build", "docs"]
    assert g["delays"] == []  # no resources: nothing to level
    assert g["report"]["status_date"].startswith("2026-01-07T17:00")
    assert g["markdown"].startswith("# Launch")


def test_the_typeddicts_are_reexported() -> None:
    for name in ["Document", "TaskInput", "LinkInput", "ScheduleResult", "ScheduledTask",
                 "DiffResult", "RiskResult", "LevelResult", "EvmResult", "StatusReport"]:
        assert getattr(jindu, name) is getattr(jindu.types, name), name
        assert name in jindu.__all__
    assert jindu.TaskInput.__required_keys__ == {"id"}
    assert "duration" in jindu.TaskInput.__optional_keys__


def test_schedule_keys_are_the_schedule_result_keys() -> None:
    def keys(cls: type) -> set:
        out = set()
        for f in typing.get_overloads(cls.__getitem__):
            hint = typing.get_type_hints(f)["key"]
            out |= set(typing.get_args(hint))
        return out

    assert keys(jindu.Schedule) == set(jindu.ScheduleResult.__required_keys__)
    assert keys(jindu.Diff) == set(jindu.DiffResult.__required_keys__)


def test_schedule_still_renders_in_jupyter() -> None:
    s = jindu.schedule({"name": "P", "start": "2026-01-05",
                        "tasks": [{"id": "A", "name": "Alpha & Co", "duration": "2d"}]})
    html = s._repr_html_()
    # 2 days from Monday 08:00: Tuesday 17:00; the name escaped, the task critical (✓).
    assert "2026-01-05T08:00:00 → 2026-01-06T17:00:00; critical path: A" in html
    assert "<td>Alpha &amp; Co</td>" in html and "<td>✓</td>" in html
    assert s.typed() is s
