#!/usr/bin/env python3
"""Side-by-side with MPXJ's MicrosoftScheduler on identical networks.

Builds the peer benchmark's layered networks (`shared/peers/mpxj_bench.py`'s own generator, same
seed, so the very same tasks and links), schedules them with the `jindu` CLI and, unless
--no-mpxj, with MPXJ 16.10 through the peer script; prints median times, the ratio, and how many
tasks agree between the two engines (early/late dates to the minute, total and free slack).

Usage:
  python3 bench/mpxj_compare.py [--sizes 1000,10000,100000] [--runs 15]
         [--peers ../shared/peers] [--mpxj-python /opt/peers/mpxj-venv/bin/python] [--no-mpxj]
Needs `cargo build --release -p jindu-cli` and, for MPXJ, `shared/peers/setup.sh`.
"""

import argparse
import csv
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_json(path, n, dur, links, start):
    with open(path, "w") as w:
        w.write('{"version":1,"name":"bench-%d","start":"%s","tasks":[' % (n, start))
        w.write(",".join('{"id":"%d","duration":"%dd"}' % (i + 1, d) for i, d in enumerate(dur)))
        w.write('],"links":[')
        w.write(",".join(
            '{"from":"%d","to":"%d","type":"%s"%s}' % (p + 1, s + 1, t, (',"lag":"%dd"' % l) if l else "")
            for p, s, t, l in links))
        w.write("]}")


def run_jindu(jindu, path, runs):
    times, out = [], None
    for _ in range(runs):
        r = subprocess.run([jindu, "schedule", path, "--timings"], capture_output=True, text=True, check=True)
        times.append(json.loads(r.stderr.strip().splitlines()[-1])["schedule_ms"])
        out = r.stdout
    return statistics.median(times), min(times), json.loads(out)


def work_ordinal(stamp):
    """Working minutes on the standard calendar (Mon-Fri 08-12, 13-17, no holidays) before
    `stamp`: instants that differ only by non-working time (Fri 17:00, Mon 08:00) are equal."""
    d = datetime.datetime.strptime(stamp[:16], "%Y-%m-%dT%H:%M")
    days = (d.date() - datetime.date(2000, 1, 3)).days  # a Monday
    weeks, wd = divmod(days, 7)
    m = d.hour * 60 + d.minute
    within = 0 if wd >= 5 else min(max(m - 480, 0), 240) + min(max(m - 780, 0), 240)
    return weeks * 2400 + min(wd, 5) * 480 + within


def agreement(mpxj_csv, sched):
    """(tasks equal to the minute, tasks equal up to non-working time, tasks, first difference)."""
    mine = {t["id"]: t for t in sched["tasks"]}
    strict = same_work = total = 0
    first = None
    dates = ("early_start", "early_finish", "late_start", "late_finish")
    with open(mpxj_csv) as f:
        for row in csv.DictReader(f):
            t = mine[row["uid"]]
            total += 1
            floats = abs(float(row["total_slack_min"] or 0) - t["total_float_minutes"]) < 1
            floats = floats and abs(float(row["free_slack_min"] or 0) - t["free_float_minutes"]) < 1
            if floats and all(t[k][:16] == row[k] for k in dates):
                strict += 1
            if floats and all(work_ordinal(t[k]) == work_ordinal(row[k]) for k in dates):
                same_work += 1
            elif first is None:
                first = (row, {k: t[k] for k in dates + ("total_float_minutes", "free_float_minutes")})
    return strict, same_work, total, first


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--peers", default=os.path.join(ROOT, "..", "shared", "peers"))
    ap.add_argument("--mpxj-python", default="/opt/peers/mpxj-venv/bin/python")
    ap.add_argument("--jindu", default=os.path.join(ROOT, "target", "release", "jindu"))
    ap.add_argument("--no-mpxj", action="store_true")
    ap.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "jindu-mpxj"))
    a = ap.parse_args()
    sys.path.insert(0, a.peers)
    import mpxj_bench  # the peers' generator: same seeds, same networks

    os.makedirs(a.out, exist_ok=True)
    sizes = [int(s) for s in a.sizes.split(",")]
    start = "%04d-%02d-%02dT%02d:%02d:00" % mpxj_bench.START
    mpxj = {}
    if not a.no_mpxj:
        res = os.path.join(a.out, "mpxj.json")
        subprocess.run([a.mpxj_python, os.path.join(a.peers, "mpxj_bench.py"), "--sizes", a.sizes,
                        "--out", a.out, "--json", res], check=True, stdout=subprocess.DEVNULL)
        with open(res) as f:
            for r in json.load(f)["results"]:
                mpxj[r["n_tasks"]] = r
    print("| tasks | links | jindu schedule (median) | MPXJ schedule + slack (median) | ratio "
          "| tasks agreeing to the minute | same working instant |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        dur, links = mpxj_bench.generate(n)
        path = os.path.join(a.out, f"bench-{n}.json")
        write_json(path, n, dur, links, start)
        med, best, sched = run_jindu(a.jindu, path, a.runs)
        m = mpxj.get(n)
        if m:
            ms = m.get("schedule_plus_slack_median_s", m["median_s"]) * 1000
            csvp = os.path.join(a.out, f"bench-{n}.mpxj-results.csv")
            strict, same, total, first = agreement(csvp, sched)
            if first:
                print(f"first disagreement beyond non-working time: {first}", file=sys.stderr)
            print(f"| {n:,} | {len(links):,} | {med:.2f} ms | {ms:,.0f} ms | {ms / med:,.0f}× "
                  f"| {strict / total:.1%} | {same / total:.1%} |")
        else:
            print(f"| {n:,} | {len(links):,} | {med:.2f} ms (min {best:.2f}) | – | – | – | – |")


if __name__ == "__main__":
    main()
