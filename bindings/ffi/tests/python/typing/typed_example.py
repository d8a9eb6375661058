"""Typed use of the package, checked by mypy --strict in test_typing.py (and run there).

Three tasks on the standard calendar (Monday to Friday, 8 hours a day) from Monday
2026-01-05: design (2d) then build (3d), docs (1d) beside build. Design ends Tuesday 17:00,
build runs Wednesday to Friday, so the project finishes Friday 2026-01-09 at 17:00; docs has
2 days of float.
"""

from typing import List, Optional, assert_type  # assert_type: Python 3.11

import jindu

doc: jindu.Document = {
    "name": "Launch",
    "start": "2026-01-05",
    "tasks": [
        {"id": "design", "duration": "2d"},
        {"id": "build", "duration": "3d", "constraint": {"type": "ASAP"}},
        {"id": "docs", "duration": "1d"},
    ],
    "links": [{"from": "design", "to": "build"}, {"from": "design", "to": "docs", "type": "FS"}],
}

s = jindu.schedule(doc)
assert_type(s["project_finish"], str)
assert_type(s["tasks"], List[jindu.ScheduledTask])
finish: str = s["project_finish"]
floats = {t["id"]: t["total_float"] for t in s["tasks"]}
docs: Optional[jindu.ScheduledTask] = s.task("docs")

engine = jindu.Scheduler(doc)
diff = engine.set_duration("build", "4d")
assert_type(diff["changes"], List[jindu.TaskChange])
moved = [c["id"] for c in diff["changes"] if c["after"] is not None]

risk: jindu.RiskResult = jindu.risk(doc, iterations=50)
p80: str = risk["finish"]["p80"]
levelled: jindu.LevelResult = jindu.level(doc)
delays = [d["delay_minutes"] for p in levelled["projects"] for d in p["delays"]]
report = jindu.report(doc, status_date="2026-01-07T17:00")
assert_type(report, jindu.StatusReport)
markdown = jindu.report(doc, status_date="2026-01-07T17:00", format="markdown")
assert_type(markdown, str)
