"""The Python snippet of bindings/ffi/README.md runs as documented."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def snippet(language: str) -> str:
    text = README.read_text(encoding="utf-8")
    m = re.search(rf"<!-- snippet: {language} -->\s*```{language}\n(.*?)```", text, re.S)
    assert m, f"no {language} snippet in {README}"
    return m.group(1)


def test_python_snippet_runs(capsys) -> None:
    exec(compile(snippet("python"), str(README), "exec"), {"__name__": "__readme__"})
    assert capsys.readouterr().out.startswith("refused: dependency cycle: design -> docs -> design")
