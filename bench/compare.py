#!/usr/bin/env python3
"""jindu side by side with the peers' speed floor: the one command behind the README's
performance figures (`make bench-compare` runs it with the defaults).

  python3 bench/compare.py [--sizes 1000,10000,100000,1000000] [--parts inproc,cli,wasm]
                           [--quick] [--jsonl PATH] [--peers DIR]

Every network is the peer benchmark's own (`shared/peers/perf/gen_network.py`, seed 42: the
same tasks and links as `shared/peers/perf/RESULTS.md`), written once as a jindu JSON document
(durations and lags in quarter days on the standard calendar, starting 2026-01-05 08:00) and as
the flat binary that the C floor reads (`export_bin.py`).

Parts (all by default):
  inproc  In process, warm: jindu's full schedule (`cargo run --release -p jindu-examples
          --example warm`, early and late dates, total and free float, critical paths, driving
          links) beside the plain C loop `cpm_floor.c` (gcc -O3; one forward and one backward
          pass over relabelled CSR arrays, and its CSR build). Medians, the ratio jindu / C, and
          whether both give the same project finish and the same critical tasks count.
  cli     End to end as a user runs it: `jindu schedule DOC --format json --timings >/dev/null`
          in a fresh process (release build of jindu-cli): wall time median, peak RSS (the
          kernel's maxrss of the child, what `/usr/bin/time -v` reports) in bytes a task, and
          the command's own read/schedule/write breakdown, at 100k and 1M tasks.
  risk    Monte Carlo schedule risk, in process, warm: `jindu::risk::simulate` (`--example
          warm_risk`; sampling, both passes each iteration, criticality, sensitivity,
          percentiles, the tornado) on the peers' networks with their three-point estimates as
          triangular `estimate`s, on one thread and on every core, beside the C floor's own
          Monte Carlo loop (`cpm_floor mc NET ITERS tri`: sample, forward and backward pass,
          criticality, P50/P80) at the peer benchmark's two sizes, 10,000 iterations of 1,000
          tasks and 1,000 iterations of 10,000 (RESULTS.md also has numpy and pmcontrols there).
          Three rounds of C and jindu in the same minutes, CPU time (the C loop's timer moved to
          the process CPU clock in a copy, cpm_floor_cpu) beside the wall clock.
  wasm    Across the boundary, Node and the npm package as a user installs it (`make wasm-pkg`
          packs it into target/npm-consumer): `bindings/wasm/bench/schedule.mjs`, with the
          peers' 10k network as an object and a 10,000-task chain.

Output: markdown tables on stdout (ready to paste into the README), and one JSON line per
measurement in target/bench-compare/results.jsonl (--jsonl). Everything it needs it builds or
installs under target/bench-compare and skips when present: a venv with numpy (the version the
peers ran, so the generator writes the same bytes), the networks, the C floor, the release
builds. Nothing here is a test: figures on a shared 2-core machine vary by up to 2x from hour to
hour, so compare the ratios of one run.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "bench-compare")
NUMPY = "numpy==2.4.6"  # what shared/peers/perf/RESULTS.md ran
START = "2026-01-05"  # a Monday; tasks start at 08:00 on the standard calendar
MIN_PER_DAY = 480

# Targets of the architecture issue (milliseconds, bytes a task).
TARGETS = {
    "cli_wall_ms": {100_000: 150, 1_000_000: 1500},
    "cli_peak_bytes_per_task": 1024,
    "wasm_schedule_object_10k_ms": 8,
    "wasm_chain_10k_ms": 3,
}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def run(cmd, **kw):
    log("+ " + " ".join(cmd))
    return subprocess.run(cmd, check=True, **kw)


def find_peers(given):
    """shared/peers beside the repository root (looking upwards, so a worktree finds it)."""
    if given:
        return given
    if os.environ.get("PEERS"):
        return os.environ["PEERS"]
    d = ROOT
    while True:
        cand = os.path.join(d, "shared", "peers")
        if os.path.isfile(os.path.join(cand, "perf", "gen_network.py")):
            return cand
        parent = os.path.dirname(d)
        if parent == d:
            sys.exit("compare.py: shared/peers not found above the repository; pass --peers")
        d = parent


# ------------------------------------------------------------------------------- setup
def venv_python():
    """target/bench-compare/venv with numpy, created once."""
    py = os.path.join(WORK, "venv", "bin", "python")
    ok = os.path.exists(py) and subprocess.run(
        [py, "-c", "import numpy; assert numpy.__version__ == '%s'" % NUMPY.split("==")[1]],
        capture_output=True).returncode == 0
    if not ok:
        run([sys.executable, "-m", "venv", os.path.join(WORK, "venv")])
        run([py, "-m", "pip", "install", "-q", "--disable-pip-version-check", NUMPY])
    return py


def fmt_days(x):
    return "%gd" % x


def write_document(net_path, doc_path, n):
    """The peers' network as a jindu document: ids as strings, days as durations and lags."""
    with open(net_path) as f:
        net = json.load(f)
    tasks = ",".join('{"id":"%d","duration":"%s"}' % (t["id"], fmt_days(t["duration"]))
                     for t in net["tasks"])
    links = ",".join(
        '{"from":"%d","to":"%d","type":"%s"%s}' % (
            l["from"], l["to"], l["type"], (',"lag":"%s"' % fmt_days(l["lag"])) if l["lag"] else "")
        for l in net["links"])
    tmp = doc_path + ".tmp"
    with open(tmp, "w") as w:
        w.write('{"version":1,"name":"peers-%d","start":"%s","tasks":[%s],"links":[%s]}'
                % (n, START, tasks, links))
    os.replace(tmp, doc_path)
    return len(net["links"])


def write_risk_document(net_path, doc_path, n):
    """The network with each task's three-point estimate (days) as a triangular estimate, in
    whole working minutes (the peers' estimates have two decimals of a day: ±0.3 min)."""
    with open(net_path) as f:
        net = json.load(f)

    def minutes(days):
        return "%dm" % round(days * MIN_PER_DAY)

    tasks = ",".join(
        '{"id":"%d","duration":"%s","estimate":{"optimistic":"%s","likely":"%s","pessimistic":"%s"}}'
        % (t["id"], fmt_days(t["duration"]), minutes(t["min"]), minutes(t["mode"]),
           minutes(t["max"]))
        for t in net["tasks"])
    links = ",".join(
        '{"from":"%d","to":"%d","type":"%s"%s}' % (
            l["from"], l["to"], l["type"], (',"lag":"%s"' % fmt_days(l["lag"])) if l["lag"] else "")
        for l in net["links"])
    tmp = doc_path + ".tmp"
    with open(tmp, "w") as w:
        w.write('{"version":1,"name":"peers-risk-%d","start":"%s","tasks":[%s],"links":[%s]}'
                % (n, START, tasks, links))
    os.replace(tmp, doc_path)


def networks(py, peers, sizes):
    """(size -> (document path, binary path, links)), generated once."""
    net_dir = os.path.join(WORK, "net")
    os.makedirs(net_dir, exist_ok=True)
    perf = os.path.join(peers, "perf")
    missing = [n for n in sizes if not os.path.exists(os.path.join(net_dir, f"net_{n}.json"))]
    if missing:
        run([py, os.path.join(perf, "gen_network.py"), "--seed", "42", "--out", net_dir]
            + [str(n) for n in missing])
    out = {}
    for n in sizes:
        net = os.path.join(net_dir, f"net_{n}.json")
        doc = os.path.join(net_dir, f"doc_{n}.json")
        binp = os.path.join(net_dir, f"net_{n}.bin")
        meta = os.path.join(net_dir, f"doc_{n}.links")
        if not (os.path.exists(doc) and os.path.exists(meta)):
            log(f"writing {doc}")
            links = write_document(net, doc, n)
            with open(meta, "w") as f:
                f.write(str(links))
        if not os.path.exists(binp):
            run([py, os.path.join(perf, "export_bin.py"), net, binp])
        with open(meta) as f:
            out[n] = (doc, binp, int(f.read()))
    return out


def build_c_floor(peers):
    src = os.path.join(peers, "perf", "cpm_floor.c")
    exe = os.path.join(WORK, "cpm_floor")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        run(["gcc", "-O3", "-o", exe, src, "-lm"])
    return exe


def build_c_floor_cpu(peers):
    """The C floor with its timer on the process's CPU clock instead of the wall clock (a copy
    of the peers' source with that one word changed, built beside it): on a machine shared with
    other work, CPU time is the figure that does not count the time others had the core."""
    src = os.path.join(peers, "perf", "cpm_floor.c")
    copy = os.path.join(WORK, "cpm_floor_cpu.c")
    exe = os.path.join(WORK, "cpm_floor_cpu")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        with open(src) as f:
            text = f.read()
        assert text.count("CLOCK_MONOTONIC") == 1, "cpm_floor.c: one clock_gettime expected"
        with open(copy, "w") as w:
            w.write(text.replace("CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID"))
        run(["gcc", "-O3", "-o", exe, copy, "-lm"])
    return exe


def cargo_build(*args):
    run(["cargo", "build", "--release", "-q"] + list(args), cwd=ROOT)


# ------------------------------------------------------------------------------- helpers
def median(xs):
    return statistics.median(xs)


def work_minutes(stamp):
    """Working minutes on the standard calendar (Mon-Fri 08-12, 13-17) from the project start
    (2026-01-05T08:00, a Monday) to `stamp`."""
    d = datetime.datetime.strptime(stamp[:16], "%Y-%m-%dT%H:%M")
    days = (d.date() - datetime.date.fromisoformat(START)).days
    weeks, wd = divmod(days, 7)
    m = d.hour * 60 + d.minute
    within = 0 if wd >= 5 else min(max(m - 480, 0), 240) + min(max(m - 780, 0), 240)
    return weeks * 2400 + min(wd, 5) * MIN_PER_DAY + within


def runs_for(n, quick):
    r = {1_000: 51, 10_000: 21, 100_000: 11, 1_000_000: 5}.get(n, 11 if n < 1_000_000 else 5)
    return max(3, r // 3) if quick else r


def ms(x):
    if x >= 100:
        return f"{x:,.0f} ms"
    if x >= 10:
        return f"{x:.1f} ms"
    if x >= 1:
        return f"{x:.2f} ms"
    return f"{x * 1000:.0f} µs"


def loadavg():
    """The 1-minute load average: on 2 shared cores, anything above ~0.5 means another build
    competes with the measurement."""
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except OSError:
        return None


class Out:
    def __init__(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.f = open(path, "w")
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                             capture_output=True, text=True).stdout.strip()
        cpu = ""
        try:
            with open("/proc/cpuinfo") as f:
                cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
        except OSError:
            pass
        self.common = {"rev": rev, "date": datetime.datetime.now().isoformat(timespec="seconds"),
                       "cpu": cpu, "cores": os.cpu_count(), "machine": platform.machine(),
                       "loadavg": loadavg()}
        self.emit({"part": "meta", **self.common})

    def emit(self, rec):
        self.f.write(json.dumps(rec) + "\n")
        self.f.flush()


# ------------------------------------------------------------------------------- parts
def part_inproc(nets, c_floor, sizes, quick, out):
    warm = os.path.join(ROOT, "target", "release", "examples", "warm")
    rows = []
    for n in sizes:
        doc, binp, links = nets[n]
        reps = runs_for(n, quick)
        r = subprocess.run([c_floor, "cpm", binp, str(max(reps, 11))], capture_output=True,
                           text=True, check=True)
        c = json.loads(next(l for l in r.stdout.splitlines() if l.startswith("RESULT "))[7:])
        c_pass = median(c["solve_s"]) * 1e3
        c_cold = median([b + s for b, s in zip(c["build_s"], c["solve_s"])]) * 1e3
        r = subprocess.run([warm, doc, str(reps)], capture_output=True, text=True, check=True)
        j = json.loads(r.stdout.strip().splitlines()[-1])
        finish_days = work_minutes(j["finish"]) / MIN_PER_DAY
        same_finish = abs(finish_days - c["result"]) < 0.5 / MIN_PER_DAY
        rec = {"part": "inproc", "tasks": n, "links": links, "c_pass_ms": round(c_pass, 4),
               "c_build_pass_ms": round(c_cold, 4), "jindu_schedule_ms": j["median_ms"],
               "jindu_min_ms": j["min_ms"], "jindu_runs": j["runs"], "c_runs": len(c["solve_s"]),
               "ratio_pass": round(j["median_ms"] / c_pass, 2),
               "ratio_build_pass": round(j["median_ms"] / c_cold, 2),
               "finish_days_jindu": finish_days, "finish_days_c": c["result"],
               "critical_jindu": j["critical"], "critical_c": c["n_critical"],
               "jindu_peak_rss_kb": j["peak_rss_kb"], "jindu_read_ms": j["read_ms"]}
        out.emit(rec)
        log(json.dumps(rec))
        rows.append(rec)
    print("### In process, warm: jindu vs the C floor\n")
    print("| tasks | links | C floor: passes | C floor: CSR build + passes | jindu: full schedule "
          "| jindu / C passes | jindu / C build + passes | same finish | critical tasks (jindu / C) |")
    print("|---:|---:|---:|---:|---:|---:|---:|:-:|---:|")
    for r in rows:
        print(f"| {r['tasks']:,} | {r['links']:,} | {ms(r['c_pass_ms'])} | {ms(r['c_build_pass_ms'])} "
              f"| {ms(r['jindu_schedule_ms'])} | {r['ratio_pass']:.1f}× | {r['ratio_build_pass']:.1f}× "
              f"| {'yes' if abs(r['finish_days_jindu'] - r['finish_days_c']) < 1e-3 else 'NO'} "
              f"({r['finish_days_c']:g} d) | {r['critical_jindu']:,} / {r['critical_c']:,} |")
    print()
    return rows


def part_cli(nets, sizes, quick, out):
    jindu = os.path.join(ROOT, "target", "release", "jindu")
    rows = []
    for n in sizes:
        doc, _, links = nets[n]
        reps = 3 if quick else (5 if n >= 1_000_000 else 9)
        size = os.path.getsize(doc)
        walls, rss, timings = [], [], []
        for k in range(reps + 1):  # the first run only warms the page cache
            errf = os.path.join(WORK, "cli.stderr")
            with open(os.devnull, "wb") as null, open(errf, "wb") as err:
                t0 = time.perf_counter()
                p = subprocess.Popen([jindu, "schedule", doc, "--format", "json", "--timings"],
                                     stdout=null, stderr=err)
                _, status, usage = os.wait4(p.pid, 0)
                wall = (time.perf_counter() - t0) * 1e3
                p.returncode = os.waitstatus_to_exitcode(status)
            with open(errf) as f:
                text = f.read()
            if p.returncode != 0:
                sys.exit(f"jindu schedule {doc} failed ({p.returncode}): {text}")
            if k == 0:
                continue
            walls.append(wall)
            rss.append(usage.ru_maxrss * 1024)  # Linux reports kilobytes
            timings.append(json.loads(text.strip().splitlines()[-1]))
        peak = max(rss)
        rec = {"part": "cli", "tasks": n, "links": links, "document_bytes": size, "runs": reps,
               "wall_ms": round(median(walls), 3), "wall_min_ms": round(min(walls), 3),
               "peak_rss_bytes": peak, "peak_bytes_per_task": round(peak / n),
               **{k: round(median([t[k] for t in timings]), 3)
                  for k in ("read_ms", "schedule_ms", "write_ms")}}
        out.emit(rec)
        log(json.dumps(rec))
        rows.append(rec)
    print("### End to end: `jindu schedule DOC --format json > /dev/null`, a fresh process\n")
    print("| tasks | document | wall (median) | target | read | schedule | write "
          "| peak RSS | bytes a task (target 1,024) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        t = TARGETS["cli_wall_ms"].get(r["tasks"])
        print(f"| {r['tasks']:,} | {r['document_bytes'] / 1e6:.1f} MB | {ms(r['wall_ms'])} "
              f"| {'≤ ' + ms(t) if t else ''} | {ms(r['read_ms'])} | {ms(r['schedule_ms'])} "
              f"| {ms(r['write_ms'])} | {r['peak_rss_bytes'] / 2**20:,.0f} MiB "
              f"| {r['peak_bytes_per_task']:,} |")
    print()
    return rows


RISK_CASES = [(1_000, 10_000), (10_000, 1_000)]


def part_risk(nets, c_floor, c_floor_cpu, quick, out, rounds=3):
    """Each case in `rounds` rounds (C, then jindu on one thread and on every core, in the same
    minutes), each process timing `reps` runs after a warm-up: the medians of the rounds'
    medians. CPU time beside the wall clock: the machine is shared."""
    warm = os.path.join(ROOT, "target", "release", "examples", "warm_risk")
    rows = []
    for n, iters in RISK_CASES:
        doc, binp, links = nets[n]
        rdoc = doc.replace("doc_", "risk_")
        if not os.path.exists(rdoc):
            write_risk_document(os.path.join(os.path.dirname(doc), f"net_{n}.json"), rdoc, n)
        reps = 3 if quick else 5
        got = {}

        def keep(key, v):
            got.setdefault(key, []).append(v)

        for _ in range(rounds):
            for key, exe in (("c_ms", c_floor), ("c_cpu_ms", c_floor_cpu)):
                r = subprocess.run([exe, "mc", binp, str(iters), "tri", str(reps)],
                                   capture_output=True, text=True, check=True)
                c = json.loads(next(l for l in r.stdout.splitlines()
                                    if l.startswith("RESULT "))[7:])
                keep(key, median(c["solve_s"]) * 1e3)
            for threads in (1, 0):
                r = subprocess.run([warm, rdoc, str(iters), str(threads), str(reps)],
                                   capture_output=True, text=True, check=True)
                j = json.loads(r.stdout.strip().splitlines()[-1])
                key = "one" if threads == 1 else "all"
                keep(f"jindu_{key}_ms", j["median_ms"])
                if threads == 1:
                    keep("jindu_one_cpu_ms", j["cpu_median_ms"])
                keep(f"jindu_{key}_rss_kb", j["peak_rss_kb"])
        rec = {"part": "risk", "tasks": n, "links": links, "iterations": iters, "rounds": rounds,
               "c_p50_days": c["result"]["p50"], "c_p80_days": c["result"]["p80"],
               "jindu_p50_days": work_minutes(j["p50"]) / MIN_PER_DAY,
               "jindu_p80_days": work_minutes(j["p80"]) / MIN_PER_DAY}
        for key, vs in got.items():
            rec[key] = round(median(vs), 3)
            rec[key + "_rounds"] = [round(v, 3) for v in vs]
        out.emit(rec)
        log(json.dumps(rec))
        rows.append(rec)
    print("### Monte Carlo, in process, warm: jindu vs the C floor's loop (triangular)\n")
    print(f"Medians of {rounds} rounds (each the median of its process's runs), C and jindu "
          "in the same minutes; CPU time of the timed region, wall clock in brackets.\n")
    print("| tasks × iterations | C floor, 1 core | jindu, 1 core | jindu, all cores (wall) "
          "| jindu / C (1 core, CPU) | P50 / P80 days (C) | P50 / P80 days (jindu) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['tasks']:,} × {r['iterations']:,} | {ms(r['c_cpu_ms'])} ({ms(r['c_ms'])}) "
              f"| {ms(r['jindu_one_cpu_ms'])} ({ms(r['jindu_one_ms'])}) "
              f"| {ms(r['jindu_all_ms'])} | {r['jindu_one_cpu_ms'] / r['c_cpu_ms']:.2f}× "
              f"| {r['c_p50_days']:.1f} / {r['c_p80_days']:.1f} "
              f"| {r['jindu_p50_days']:.1f} / {r['jindu_p80_days']:.1f} |")
    print()
    return rows


def part_wasm(nets, out):
    run(["make", "-s", "wasm-pkg"], cwd=ROOT, stdout=sys.stderr)
    node = os.environ.get("NODE", "node")
    doc = nets[10_000][0] if 10_000 in nets else None
    cmd = [node, os.path.join(ROOT, "bindings", "wasm", "bench", "schedule.mjs")]
    if doc:
        cmd += ["--doc", doc]
    r = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    log(r.stdout)
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    rec = {"part": "wasm", "node": version, **summary}
    out.emit(rec)
    print(f"### The npm package under Node {version}\n")
    print("| case | median | target |")
    print("|---|---:|---:|")
    rows = [
        ("doc_schedule_object_ms", f"`schedule(object)`, the peers' 10k network ({summary.get('doc_links', 0):,} links)",
         TARGETS["wasm_schedule_object_10k_ms"]),
        ("doc_schedule_json_ms", "`scheduleJson(text)`, the same network", None),
        ("schedule_object_ms", f"`schedule(object)`, the bench's own 10k network ({summary['links']:,} links)",
         TARGETS["wasm_schedule_object_10k_ms"]),
        ("schedule_json_ms", "`scheduleJson(text)`, the same network", None),
        ("chain_schedule_object_ms", "`schedule(object)`, a 10,000-task chain", TARGETS["wasm_chain_10k_ms"]),
        ("chain_schedule_json_ms", "`scheduleJson(text)`, the same chain", None),
        ("set_duration_ms", "`setDuration`, one incremental edit (bench network)", None),
        ("preview_ms", "`preview`, one edit (bench network)", None),
    ]
    for key, label, target in rows:
        if key in summary:
            print(f"| {label} | {ms(summary[key])} | {'≤ ' + ms(target) if target else ''} |")
    print()
    return rec


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000,1000000",
                    help="in-process sizes (the cli part runs those of 100k and more)")
    ap.add_argument("--cli-sizes", default="100000,1000000")
    ap.add_argument("--parts", default="inproc,cli,wasm,risk")
    ap.add_argument("--quick", action="store_true", help="fewer runs (a smoke run, not figures)")
    ap.add_argument("--peers", help="shared/peers (default: found above the repository, or $PEERS)")
    ap.add_argument("--jsonl", default=os.path.join(WORK, "results.jsonl"))
    a = ap.parse_args()
    parts = set(a.parts.split(","))
    unknown = parts - {"inproc", "cli", "wasm", "risk"}
    if unknown:
        sys.exit(f"compare.py: unknown parts {sorted(unknown)}")
    sizes = [int(s) for s in a.sizes.split(",") if s]
    cli_sizes = [int(s) for s in a.cli_sizes.split(",") if s]
    peers = find_peers(a.peers)
    os.makedirs(WORK, exist_ok=True)
    py = venv_python()
    wanted = sorted(set((sizes if "inproc" in parts else []) + (cli_sizes if "cli" in parts else [])
                        + ([10_000] if "wasm" in parts else [])
                        + ([n for n, _ in RISK_CASES] if "risk" in parts else [])))
    nets = networks(py, peers, wanted)
    out = Out(a.jsonl)
    if "inproc" in parts or "risk" in parts:
        c_floor = build_c_floor(peers)
    if "risk" in parts:
        c_floor_cpu = build_c_floor_cpu(peers)
    if "inproc" in parts:
        cargo_build("-p", "jindu-examples", "--example", "warm")
    if "risk" in parts:
        cargo_build("-p", "jindu-examples", "--example", "warm_risk")
    if "cli" in parts:
        cargo_build("-p", "jindu-cli")
    c = out.common
    print(f"Measured {c['date']} at {c['rev']} on {c['cores']} × {c['cpu'] or c['machine']} "
          f"(`python3 bench/compare.py`{' --quick' if a.quick else ''}).\n")
    if "inproc" in parts:
        part_inproc(nets, c_floor, sizes, a.quick, out)
    if "cli" in parts:
        part_cli(nets, cli_sizes, a.quick, out)
    if "wasm" in parts:
        part_wasm(nets, out)
    if "risk" in parts:
        part_risk(nets, c_floor, c_floor_cpu, a.quick, out)
    out.emit({"part": "end", "loadavg": loadavg()})
    print(f"Load average (1 min) {c['loadavg']} before, {loadavg()} after.")
    log(f"JSON lines: {a.jsonl}")


if __name__ == "__main__":
    main()
