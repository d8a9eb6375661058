"""The Python snippets of the repository README and bindings/ffi/README.md run as documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

READMES = [
    Path(__file__).resolve().parents[4] / "README.md",
    Path(__file__).resolve().parents[2] / "README.md",
]


def snippet(readme: Path, language: str) -> str:
    text = readme.read_text(encoding="utf-8")
    fence = language.split("-")[0]
    m = re.search(rf"<!-- snippet: {language} -->\s*```{fence}\n(.*?)```", text, re.S)
    assert m, f"no {language} snippet in {readme}"
    return m.group(1)


@pytest.mark.parametrize("readme", READMES, ids=["README.md", "bindings/ffi/README.md"])
def test_python_snippet_runs(readme: Path, capsys) -> None:
    exec(compile(snippet(readme, "python"), str(readme), "exec"), {"__name__": "__readme__"})
    assert capsys.readouterr().out.startswith("refused: dependency cycle: design -> docs -> design")


def test_python_io_snippet_runs(capsys) -> None:
    readme = READMES[1]
    exec(compile(snippet(readme, "python-io"), str(readme), "exec"), {"__name__": "__readme__"})
    out = capsys.readouterr().out
    assert out.startswith('refused: csv line 3, column 2 (duration): "two days": invalid duration'), out
