#!/usr/bin/env python3
"""Read an MSPDI file with MPXJ and print what it read as JSON (for core/tests/mspdi_mpxj.rs).

Run with the MPXJ venv that shared/peers/setup.sh installs:
  /opt/peers/mpxj-venv/bin/python core/tests/mpxj/readback.py FILE.xml
"""
import json
import sys

import mpxj  # noqa: F401  (puts the bundled jars on the class path)
import jpype

jpype.startJVM("-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory",
               convertStrings=True)
from org.mpxj.reader import UniversalProjectReader  # noqa: E402
from org.mpxj import TimeUnit  # noqa: E402
from java.time import DayOfWeek  # noqa: E402

f = UniversalProjectReader().read(sys.argv[1])
props = f.getProjectProperties()


def minutes(d):
    if d is None:
        return None
    u = d.getUnits()
    if u == TimeUnit.PERCENT:
        return {"percent": float(d.getDuration())}
    target = TimeUnit.ELAPSED_MINUTES if u.isElapsed() else TimeUnit.MINUTES
    return {"minutes": round(float(d.convertUnits(target, props).getDuration())),
            "elapsed": bool(u.isElapsed())}


def date(d):
    return None if d is None else str(d)[:16]


TYPES = {"FINISH_START": "FS", "START_START": "SS", "FINISH_FINISH": "FF", "START_FINISH": "SF"}
out = {"start": date(props.getStartDate()), "tasks": [], "links": [], "calendars": []}
for t in f.getTasks():
    if t.getUniqueID() is None or int(t.getUniqueID()) == 0 or t.getNull():
        continue
    cal = t.getCalendar()
    ct = t.getConstraintType()
    out["tasks"].append({
        "uid": str(int(t.getUniqueID())),
        "name": str(t.getName() or ""),
        "parent": None if t.getParentTask() is None or int(t.getParentTask().getUniqueID()) == 0
        else str(int(t.getParentTask().getUniqueID())),
        "duration": minutes(t.getDuration()),
        "constraint": None if ct is None else str(ct.name()),
        "constraint_date": date(t.getConstraintDate()),
        "calendar": None if cal is None else str(int(cal.getUniqueID())),
        "start": date(t.getStart()), "finish": date(t.getFinish()),
        "early_start": date(t.getEarlyStart()), "early_finish": date(t.getEarlyFinish()),
        "late_start": date(t.getLateStart()), "late_finish": date(t.getLateFinish()),
        "total_slack": minutes(t.getTotalSlack()), "free_slack": minutes(t.getFreeSlack()),
        "critical": bool(t.getCritical()),
    })
    for r in t.getPredecessors():
        out["links"].append({
            "from": str(int(r.getPredecessorTask().getUniqueID())),
            "to": str(int(r.getSuccessorTask().getUniqueID())),
            "type": TYPES[str(r.getType().name())],
            "lag": minutes(r.getLag()),
        })
days = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]
for c in f.getCalendars():
    week = []
    for d in days:
        h = c.getCalendarHours(DayOfWeek.valueOf(d))
        week.append(None if h is None else [[str(r.getStart())[:5], str(r.getEnd())[:5]] for r in h])
    out["calendars"].append({
        "uid": str(int(c.getUniqueID())),
        "base": None if c.getParent() is None else str(int(c.getParent().getUniqueID())),
        "week": week,
        "exceptions": [[str(e.getFromDate()), str(e.getToDate()),
                        [[str(r.getStart())[:5], str(r.getEnd())[:5]] for r in e]]
                       for e in c.getCalendarExceptions()],
    })
print(json.dumps(out))
