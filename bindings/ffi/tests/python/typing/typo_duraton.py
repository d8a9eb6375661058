"""Typos mypy must report (test_typing.py asserts each message and line)."""

import jindu

doc: jindu.Document = {"name": "T", "start": "2026-01-05", "tasks": [{"id": "A", "duraton": "2d"}]}
s = jindu.schedule({"name": "T", "tasks": [{"id": "A", "duraton": "2d"}]})
d = s["tasks"][0]["duraton"]
f = s["project_finsh"]
r = jindu.risk(doc)["finish"]["p81"]
