#!/usr/bin/env python3
"""jindu's RCPSP solver on PSPLIB J30 and J60, beside OR-Tools CP-SAT with the same time per
instance (make bench-psplib).

    bench/psplib.py [--sets j30,j60] [--schedules 1000,5000] [--time-ms 100,1000]
                    [--cpsat-ms 1000] [--cpsat-workers 1] [--seed 1] [--limit N] [--json FILE]

For every set and budget (a number of generated schedules, or milliseconds per instance) it
runs the solver in process on every instance (examples/psplib.rs: each schedule checked by
`rcpsp::verify`, the solve timed without reading the file), then CP-SAT through
`shared/peers/cpsat_rcpsp.py` with `--cpsat-ms` per instance on `--cpsat-workers` workers (0 ms:
no CP-SAT; it needs `shared/peers/setup.sh`'s ortools venv, `$PEERS`, default /opt/peers).
CP-SAT runs on a thread of its own beside jindu's runs: with one worker each has a core of a
two-core machine (do not run anything else meanwhile: the time-budgeted figures depend on it).

It prints one Markdown table: per set and budget the mean and largest deviation from the
reference bound (J30: the proven optimum; J60: the critical-path bound, as the literature
reports J60), the mean deviation from the best known makespan, how many instances reach the
best known (J30: the optimum), and the median and 95th percentile of the time per instance.
The data comes from `shared/data/psplib/` beside the repository (looked for upwards); without
it the script fails.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent


def shared() -> Path:
    d = ROOT
    while d != d.parent:
        if (d / "shared" / "data" / "psplib").is_dir():
            return d / "shared"
        d = d.parent
    sys.exit(f"psplib: shared/data/psplib not found above {ROOT}")


def refs(data: Path, name: str) -> Dict[str, Tuple[int, int]]:
    """Per instance: (the reference bound, the best known makespan)."""
    best: Dict[str, int] = {}
    with open(data / f"{name}_ref.csv", newline="") as f:
        for row in csv.DictReader(f):
            best[row["instance"]] = int(row["makespan_opt_or_ub"])
    out: Dict[str, Tuple[int, int]] = {}
    if name == "j30":
        # Every J30 optimum is proven: the reference is the optimum.
        return {k: (v, v) for k, v in best.items()}
    with open(data / f"{name}_cp_lb.csv", newline="") as f:
        for row in csv.DictReader(f):
            out[row["instance"]] = (int(row["cp_lower_bound"]), best[row["instance"]])
    return out


def instances(data: Path, name: str, limit: Optional[int]) -> List[Path]:
    files = sorted((data / name).glob("*.sm"))
    if not files:
        sys.exit(f"psplib: no instances in {data / name}")
    return files[:limit] if limit else files


def build() -> Path:
    subprocess.run(
        ["cargo", "build", "-q", "--release", "-p", "jindu-examples", "--example", "psplib"],
        cwd=ROOT,
        check=True,
    )
    return ROOT / "target" / "release" / "examples" / "psplib"


def run_jindu(exe: Path, files: List[Path], budget: str, seed: int) -> Dict[str, Tuple[int, float]]:
    flag, value = budget.split("=")
    out = subprocess.run(
        [str(exe), *map(str, files), f"--{flag}", value, "--seed", str(seed)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    res = {}
    for line in out.splitlines():
        r = json.loads(line)
        res[r["instance"]] = (r["makespan"], r["ms"])
    return res


def run_cpsat(files: List[Path], ms: int, workers: int, peers: Path) -> Dict[str, Tuple[int, float]]:
    py = Path(os.environ.get("PEERS", "/opt/peers")) / "ortools-venv" / "bin" / "python"
    if not py.exists():
        sys.exit(f"psplib: {py} missing: run shared/peers/setup.sh (or set PEERS), or --cpsat-ms 0")
    res = {}
    for f in files:
        t0 = time.perf_counter()
        out = subprocess.run(
            [str(py), str(peers / "cpsat_rcpsp.py"), str(f), "--time-limit", str(ms / 1000),
             "--workers", str(workers)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        wall = (time.perf_counter() - t0) * 1000
        r = json.loads(out.splitlines()[-1])
        # The script's own seconds (parse, model and solve), not the interpreter's start-up.
        res[f.stem] = (int(r["makespan"]), float(r.get("seconds", wall / 1000)) * 1000)
    return res


def row(name: str, label: str, res: Dict[str, Tuple[int, float]], ref: Dict[str, Tuple[int, int]]) -> str:
    devs, best_devs, times, hits = [], [], [], 0
    for inst, (ms_, t) in res.items():
        bound, best = ref[inst]
        devs.append(100.0 * (ms_ - bound) / bound)
        best_devs.append(100.0 * (ms_ - best) / best)
        hits += ms_ <= best
        times.append(t)
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    return (
        f"| {name.upper()} | {label} | {statistics.mean(devs):.3f} % | {max(devs):.2f} % | "
        f"{statistics.mean(best_devs):.3f} % | {hits} / {len(res)} | "
        f"{statistics.median(times):.1f} | {p95:.1f} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", default="j30,j60")
    ap.add_argument("--schedules", default="1000,5000", help="schedule budgets ('' for none)")
    ap.add_argument("--time-ms", default="100,1000", help="time budgets per instance ('' for none)")
    ap.add_argument("--cpsat-ms", type=int, default=1000, help="CP-SAT's time per instance (0: none)")
    ap.add_argument("--cpsat-workers", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, default=None, help="the first N instances of each set")
    ap.add_argument("--json", help="also write every result to this file")
    a = ap.parse_args()
    sh = shared()
    data, peers = sh / "data" / "psplib", sh / "peers"
    exe = build()
    budgets = [f"schedules={n}" for n in a.schedules.split(",") if n] + [
        f"time-ms={n}" for n in a.time_ms.split(",") if n
    ]
    lines = [
        "| set | solver, budget per instance | mean deviation | max | from best known | "
        "at best known | median ms | p95 ms |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    raw: Dict[str, Dict[str, Dict[str, Tuple[int, float]]]] = {}
    sets = a.sets.split(",")
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    cpsat = {
        name: pool.submit(run_cpsat, instances(data, name, a.limit), a.cpsat_ms, a.cpsat_workers, peers)
        for name in sets
        if a.cpsat_ms > 0
    }
    for name in sets:
        ref = refs(data, name)
        files = instances(data, name, a.limit)
        raw[name] = {}
        for b in budgets:
            res = run_jindu(exe, files, b, a.seed)
            raw[name][f"jindu {b}"] = res
            flag, value = b.split("=")
            label = f"jindu, {int(value):,} schedules" if flag == "schedules" else f"jindu, {value} ms"
            lines.append(row(name, label, res, ref))
            print(lines[-1], file=sys.stderr)
        if name in cpsat:
            res = cpsat[name].result()
            raw[name][f"cpsat {a.cpsat_ms}ms"] = res
            w = "worker" if a.cpsat_workers == 1 else "workers"
            lines.append(row(name, f"CP-SAT, {a.cpsat_ms} ms, {a.cpsat_workers} {w}", res, ref))
            print(lines[-1], file=sys.stderr)
    print("\n".join(lines))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(raw, f)


if __name__ == "__main__":
    main()
