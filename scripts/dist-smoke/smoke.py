"""The wheel as a user sees it: installed into a fresh venv (scripts/dist-smoke.sh), nothing else.

plan.json: a (3d) then b (2d) from Monday 2026-01-05 08:00; a ends Wednesday 01-07 17:00, b runs
Thursday and Friday, so the project finishes Friday 2026-01-09 17:00.
"""

import json
import pathlib
import sys

import jindu

plan = json.loads((pathlib.Path(__file__).parent / "plan.json").read_text(encoding="utf-8"))
finish = jindu.schedule(plan)["project_finish"]
assert finish == "2026-01-09T17:00:00", finish
# The package came from the venv, not from the source tree.
assert "site-packages" in pathlib.Path(jindu.__file__).parts, jindu.__file__
print(f"wheel ({sys.version.split()[0]}): ok")
